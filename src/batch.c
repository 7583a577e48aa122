/* Jobs over forked worker processes, their output replayed in job order. */
#include "batch.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <unistd.h>

#define MAX_WORKERS 64

/* The workers alive, for the signal handler: a pid is stored before the
 * count grows, so the handler never reads an unset one. */
static pid_t live[MAX_WORKERS];
static volatile sig_atomic_t n_live;

void bg_batch_stop_workers(void)
{
    int n = n_live;
    for (int i = 0; i < n; i++)
        kill(live[i], SIGTERM);
    for (int i = 0; i < n; i++)
        while (waitpid(live[i], NULL, 0) < 0 && errno == EINTR)
            ;
    n_live = 0;
}

static void live_remove(pid_t pid)
{
    for (int i = 0; i < n_live; i++)
        if (live[i] == pid) {
            live[i] = live[n_live - 1];
            n_live--;
            return;
        }
}

/* Socket writes never raise SIGPIPE (whose handler would end the run):
 * a peer gone is an error returned, as a worker's death is expected. */
static bool send_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static bool recv_all(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n) {
        ssize_t r = recv(fd, p, n, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        n -= (size_t)r;
    }
    return true;
}

typedef struct {
    int32_t status;
    uint32_t size; /* of the serialised result; 0 for none */
} reply;

/* ---- the worker --------------------------------------------------------- */

static void rewind_capture(int fd)
{
    /* The parent has read what the last job printed before sending this. */
    if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) < 0)
        _exit(3);
}

/* A worker's life: what it prints goes to the capture files the parent
 * reads; it runs the jobs it is sent until the parent closes the socket. */
static void worker_main(const bg_batch *b, int sock, int out, int err)
{
    n_live = 0; /* the parent's workers are not this one's to stop */
    if (dup2(out, STDOUT_FILENO) < 0 || dup2(err, STDERR_FILENO) < 0)
        _exit(3);
    close(out);
    close(err);
    int32_t job;
    while (recv_all(sock, &job, sizeof job)) {
        rewind_capture(STDOUT_FILENO);
        rewind_capture(STDERR_FILENO);
        GVariant *v = NULL;
        reply rp = {.status = b->job(job, b->data, &v)};
        fflush(stdout);
        fflush(stderr);
        GVariant *boxed = v ? g_variant_ref_sink(g_variant_new_variant(v)) : NULL;
        rp.size = boxed ? (uint32_t)g_variant_get_size(boxed) : 0;
        bool sent = send_all(sock, &rp, sizeof rp) &&
                    (!boxed || send_all(sock, g_variant_get_data(boxed), rp.size));
        if (boxed)
            g_variant_unref(boxed);
        if (!sent)
            break;
    }
    close(sock);
    if (b->worker_end)
        b->worker_end(b->data);
    exit(0);
}

/* ---- the parent --------------------------------------------------------- */

typedef struct {
    pid_t pid;
    int sock;     /* this end */
    int out, err; /* the capture files, shared with the worker */
    int job;      /* the job it runs, or -1 */
    gint64 started;
} worker;

typedef struct {
    bool done;
    bg_job_result r;
    char *out, *err;
    gsize out_len, err_len;
} slot;

static int capture_file(void)
{
    char *path = NULL;
    int fd = g_file_open_tmp("budgetgen-XXXXXX", &path, NULL);
    if (fd >= 0)
        g_unlink(path); /* only the descriptors keep it */
    g_free(path);
    return fd;
}

static bool spawn(const bg_batch *b, worker *ws, int n, int i)
{
    worker *w = &ws[i];
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        fprintf(stderr, "budgetgen：无法建立工作进程的通道：%s\n", g_strerror(errno));
        return false;
    }
    fflush(stdout); /* or the child would print it again */
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "budgetgen：无法启动工作进程：%s\n", g_strerror(errno));
        close(sv[0]);
        close(sv[1]);
        return false;
    }
    if (pid == 0) {
        close(sv[0]);
        /* The other workers' sockets are not this one's: held open here,
         * a worker would never see the end of its input. */
        for (int k = 0; k < n; k++)
            if (k != i && ws[k].pid)
                close(ws[k].sock);
        worker_main(b, sv[1], w->out, w->err);
    }
    close(sv[1]);
    w->pid = pid;
    w->sock = sv[0];
    w->job = -1;
    live[n_live] = pid;
    n_live++;
    return true;
}

static char *read_capture(int fd, gsize *len)
{
    struct stat sb;
    *len = 0;
    if (fstat(fd, &sb) != 0 || sb.st_size <= 0)
        return NULL;
    char *buf = g_malloc((gsize)sb.st_size);
    ssize_t r = pread(fd, buf, (size_t)sb.st_size, 0);
    *len = r > 0 ? (gsize)r : 0;
    return buf;
}

/* The worker's answer to its job; false when it died instead. */
static bool collect(worker *w, slot *s)
{
    reply rp;
    if (!recv_all(w->sock, &rp, sizeof rp))
        return false;
    s->r.status = rp.status;
    if (rp.size) {
        char *data = g_malloc(rp.size);
        if (!recv_all(w->sock, data, rp.size)) {
            g_free(data);
            return false;
        }
        GVariant *boxed = g_variant_new_from_data(G_VARIANT_TYPE_VARIANT, data, rp.size,
                                                  FALSE, g_free, data);
        g_variant_ref_sink(boxed);
        s->r.result = g_variant_get_variant(boxed);
        g_variant_unref(boxed);
    }
    return true;
}

/* A worker that died: its job failed with the signal that ended it. */
static void bury(worker *w, slot *s)
{
    int ws = 0;
    while (waitpid(w->pid, &ws, 0) < 0 && errno == EINTR)
        ;
    live_remove(w->pid);
    close(w->sock);
    w->pid = 0;
    s->r.status = 2;
    s->r.signal = WIFSIGNALED(ws) ? WTERMSIG(ws) : 0;
}

typedef struct {
    const bg_batch *b;
    gint64 start;
    int finished;
    bool line; /* a progress line is on the terminal */
} progress;

static void clear_line(progress *p)
{
    if (p->line)
        fputs("\r\033[K", stderr);
    p->line = false;
}

static void draw_line(progress *p, int current)
{
    const bg_batch *b = p->b;
    if (!b->progress || !b->tty || p->finished == b->jobs)
        return;
    gint64 elapsed = g_get_monotonic_time() - p->start;
    clear_line(p);
    fprintf(stderr, "[%d/%d] 正在生成 %s", p->finished, b->jobs, b->names[current]);
    if (p->finished > 0) {
        gint64 left = elapsed / p->finished * (b->jobs - p->finished) / G_USEC_PER_SEC;
        fprintf(stderr, "，约剩 %" G_GINT64_FORMAT " 秒", left + 1);
    }
    fflush(stderr);
    p->line = true;
}

/* Hands the done jobs at the head of the order to the caller, with what
 * they printed. */
static void replay(progress *p, slot *slots, int *printed)
{
    const bg_batch *b = p->b;
    for (; *printed < b->jobs && slots[*printed].done; (*printed)++) {
        slot *s = &slots[*printed];
        clear_line(p);
        if (b->progress && !b->tty)
            fprintf(stderr, "[%d/%d] %s\n", *printed + 1, b->jobs, b->names[*printed]);
        fflush(stderr);
        if (s->out_len)
            fwrite(s->out, 1, s->out_len, stdout);
        fflush(stdout);
        if (s->err_len)
            fwrite(s->err, 1, s->err_len, stderr);
        b->done(*printed, &s->r, b->data);
        fflush(stdout);
        fflush(stderr);
        if (s->r.result)
            g_variant_unref(s->r.result);
        g_free(s->out);
        g_free(s->err);
    }
}

static bool run_here(const bg_batch *b)
{
    for (int i = 0; i < b->jobs; i++) {
        gint64 t0 = g_get_monotonic_time();
        bg_job_result r = {0};
        r.status = b->job(i, b->data, &r.result);
        if (r.result)
            g_variant_ref_sink(r.result);
        r.usec = g_get_monotonic_time() - t0;
        b->done(i, &r, b->data);
        if (r.result)
            g_variant_unref(r.result);
    }
    if (b->worker_end)
        b->worker_end(b->data);
    return true;
}

bool bg_batch_run(const bg_batch *b)
{
    if (b->jobs <= 1)
        return run_here(b);
    int nw = MIN(MIN(b->workers, b->jobs), MAX_WORKERS);
    nw = MAX(nw, 1);
    worker *ws = g_new0(worker, nw);
    slot *slots = g_new0(slot, b->jobs);
    bool ok = true;
    int started = 0;
    for (int i = 0; i < nw; i++)
        ws[i].out = ws[i].err = -1;
    for (int i = 0; i < nw; i++) {
        ws[i].out = capture_file();
        ws[i].err = capture_file();
        if (ws[i].out < 0 || ws[i].err < 0) {
            fprintf(stderr, "budgetgen：无法建立临时文件：%s\n", g_strerror(errno));
            break;
        }
        if (!spawn(b, ws, i, i))
            break;
        started++;
    }
    if (!started)
        ok = false;
    progress p = {.b = b, .start = g_get_monotonic_time()};
    int next = 0, printed = 0;
    struct pollfd *pf = g_new0(struct pollfd, nw);
    while (ok && p.finished < b->jobs) {
        /* Give each idle worker the next job. */
        for (int i = 0; i < started; i++) {
            if (ws[i].pid == 0 && next < b->jobs && !spawn(b, ws, started, i))
                continue;
            if (ws[i].pid && ws[i].job < 0 && next < b->jobs) {
                int32_t job = next;
                ws[i].started = g_get_monotonic_time();
                ws[i].job = next++;
                if (!send_all(ws[i].sock, &job, sizeof job)) {
                    slot *s = &slots[ws[i].job];
                    bury(&ws[i], s);
                    s->done = true;
                    ws[i].job = -1;
                    p.finished++;
                }
            }
        }
        int busy = 0, current = -1;
        for (int i = 0; i < started; i++) {
            pf[i] = (struct pollfd){.fd = ws[i].pid && ws[i].job >= 0 ? ws[i].sock : -1,
                                    .events = POLLIN};
            if (pf[i].fd >= 0) {
                busy++;
                if (current < 0 || ws[i].job < current)
                    current = ws[i].job;
            }
        }
        replay(&p, slots, &printed);
        if (!busy) {
            if (next >= b->jobs)
                break;
            /* no worker can be started any more */
            fprintf(stderr, "budgetgen：没有可用的工作进程，其余 %d 个部门未生成\n",
                    b->jobs - next);
            ok = false;
            break;
        }
        draw_line(&p, current);
        int n = poll(pf, (nfds_t)started, b->tty ? 1000 : -1);
        if (n < 0 && errno != EINTR) {
            fprintf(stderr, "budgetgen：等待工作进程时出错：%s\n", g_strerror(errno));
            ok = false;
            break;
        }
        for (int i = 0; n > 0 && i < started; i++) {
            if (pf[i].fd < 0 || !(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            slot *s = &slots[ws[i].job];
            if (!collect(&ws[i], s))
                bury(&ws[i], s);
            s->out = read_capture(ws[i].out, &s->out_len);
            s->err = read_capture(ws[i].err, &s->err_len);
            s->r.usec = g_get_monotonic_time() - ws[i].started;
            s->done = true;
            ws[i].job = -1;
            p.finished++;
        }
    }
    replay(&p, slots, &printed);
    clear_line(&p);
    /* Closing a socket ends its worker's loop. */
    for (int i = 0; i < started; i++) {
        if (!ws[i].pid)
            continue;
        close(ws[i].sock);
        int st = 0;
        while (waitpid(ws[i].pid, &st, 0) < 0 && errno == EINTR)
            ;
        live_remove(ws[i].pid);
    }
    for (int i = 0; i < nw; i++) {
        if (ws[i].out >= 0)
            close(ws[i].out);
        if (ws[i].err >= 0)
            close(ws[i].err);
    }
    for (int i = printed; i < b->jobs; i++) {
        if (slots[i].r.result)
            g_variant_unref(slots[i].r.result);
        g_free(slots[i].out);
        g_free(slots[i].err);
    }
    g_free(pf);
    g_free(slots);
    g_free(ws);
    return ok;
}
