/* Running one job a department over worker processes: each worker is
 * forked once and keeps what it loaded (fonts) for the jobs it is given;
 * what a job prints is kept and replayed in the order of the jobs, so the
 * output of a batch is the same whatever the number of workers; a job
 * that crashes its worker fails alone, and a new worker takes the rest. */
#ifndef BG_BATCH_H
#define BG_BATCH_H

#include <glib.h>
#include <stdbool.h>

/* Runs job `index`; returns its exit status (0, 1 or 2) and may hand back
 * a result in *out (a floating or owned GVariant, or NULL). Runs in a
 * worker process, or in this one when there is a single worker. */
typedef int (*bg_job_fn)(int index, void *data, GVariant **out);

/* What became of a job, given to the caller in the order of the jobs. */
typedef struct {
    int status;       /* the job's, or 2 when its worker died */
    GVariant *result; /* what it handed back, or NULL */
    int signal;       /* the signal that ended its worker, or 0 */
    gint64 usec;      /* wall time of the job */
} bg_job_result;

typedef void (*bg_done_fn)(int index, const bg_job_result *r, void *data);

typedef struct {
    int jobs, workers;
    const char *const *names; /* a job's name, for the progress line */
    bg_job_fn job;
    bg_done_fn done;
    void *data;
    /* Called in each worker (and in this process when it ran jobs itself)
     * after its last job, to free what it loaded; may be NULL. */
    void (*worker_end)(void *data);
    /* Progress on stderr: one line redrawn on a terminal, a plain line a
     * finished job otherwise; none when false. */
    bool progress;
    bool tty;
} bg_batch;

/* Runs every job. False only when no worker could be started at all
 * (the reason printed); a failing job is reported through `done`. */
bool bg_batch_run(const bg_batch *b);

/* For a signal handler: ends the workers, and waits for them so that each
 * has removed its temporaries before this process ends. Async-signal-safe. */
void bg_batch_stop_workers(void);

#endif
