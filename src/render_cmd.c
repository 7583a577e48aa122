/* `budgetgen render`: one department, or a batch over worker processes
 * with its index and summary. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "batch.h"
#include "cli.h"
#include "input/identity.h"
#include "input/load.h"
#include "render/atomic.h"
#include "render/disclosure.h"
#include "render/index.h"

/* The outputs of one department. Both temporaries are written in full and
 * flushed to disk before either is renamed, so that any failure leaves both
 * previous files as they were; the two renames follow each other at once.
 * Prints each path written, or the error, and gives the index row the
 * paths and the page count. Returns the exit status. */
int cli_render_department(const bg_doc *doc, bg_fonts *fonts, const char *outdir, bool pdf,
                             bool xlsx, const char *file, GPtrArray *warnings, bg_index_row *row)
{
    struct {
        bool wanted;
        const char *ext;
        char *path;
        bg_atomic *a;
    } out[2] = {{pdf, "pdf", NULL, NULL}, {xlsx, "xlsx", NULL, NULL}};
    char *error = NULL;
    bool io = false;
    for (int k = 0; k < 2; k++) {
        if (!out[k].wanted)
            continue;
        char *name = g_strdup_printf("%s-%d.%s", doc->code, doc->year, out[k].ext);
        out[k].path = g_build_filename(outdir, name, NULL);
        g_free(name);
        bg_atomic_remove_stale(out[k].path); /* what a kill -9 left */
    }
    for (int k = 0; k < 2 && !error; k++) {
        if (!out[k].wanted)
            continue;
        /* libxlsxwriter writes only by name: into a private folder. */
        out[k].a = bg_atomic_begin(out[k].path, k == 1, &error);
        bool ok = out[k].a && (k == 0 ? bg_render_pdf_into(doc, fonts, out[k].a, warnings,
                                                            &row->pages, &error)
                                      : bg_render_xlsx_into(doc, fonts, out[k].a, &error));
        if (!ok)
            io = !out[k].a || bg_atomic_io_failed(out[k].a);
    }
    for (int k = 0; k < 2 && !error; k++)
        if (out[k].wanted && !bg_atomic_can_commit(out[k].a, &error))
            io = true;
    for (int k = 0; k < 2 && !error; k++) {
        if (!out[k].wanted)
            continue;
        bool ok = bg_atomic_commit(out[k].a, &error);
        out[k].a = NULL;
        if (!ok) {
            io = true;
            continue;
        }
        printf("%s\n", out[k].path);
        if (k == 0)
            row->pdf = g_strdup(out[k].path);
        else
            row->xlsx = g_strdup(out[k].path);
    }
    for (int k = 0; k < 2; k++) {
        bg_atomic_abort(out[k].a);
        g_free(out[k].path);
    }
    if (!error)
        return 0;
    fprintf(stderr, "%s：%s\n", file, error);
    g_free(error);
    return io ? EXIT_USAGE : EXIT_INVALID;
}

/* Two files of one department and year would write the same outputs, the
 * second over the first: refused before anything is written. Files that
 * do not load are left to the render loop to report. */
static bool same_outputs(cli_session *s, char **files, int n, bool pdf, bool xlsx)
{
    if (n < 2)
        return false;
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    bool clash = false;
    for (int i = 0; i < n; i++) {
        /* The file's department header alone, where it can be read so;
         * else the whole file (a workbook). */
        char *code = NULL;
        int year = 0;
        if (!bg_read_identity(files[i], &code, &year)) {
            bg_diag *diag = bg_diag_new();
            bool io = false;
            bg_department *d = bg_load_department(files[i], s->catalog, s->formats, diag, &io);
            bg_diag_free(diag);
            if (!d)
                continue;
            code = g_strdup(d->code);
            year = d->year;
            bg_department_free(d);
        }
        char *key = g_strdup_printf("%s-%d", code, year);
        const char *first = g_hash_table_lookup(seen, key);
        if (first) {
            fprintf(stderr,
                    "%s：与 %s 的部门编码（%s）和预算年度（%d）相同，两者都会写入 %s%s%s%s%s；"
                    "一次 render 只能给出其中一个，未生成任何文件\n",
                    files[i], first, code, year, pdf ? key : "", pdf ? ".pdf" : "",
                    pdf && xlsx ? " 和 " : "", xlsx ? key : "", xlsx ? ".xlsx" : "");
            clash = true;
            g_free(key);
        } else {
            g_hash_table_insert(seen, key, files[i]);
        }
        g_free(code);
    }
    g_hash_table_destroy(seen);
    return clash;
}

/* A batch of departments: what the jobs share (cli_loaded once, before the
 * workers fork), what each worker loads once (fonts), and what the parent
 * gathers in the order of the files. */
typedef struct {
    cli_session *s;
    char **files;
    const char *outdir;
    bool pdf, xlsx;
    bg_fonts *fonts; /* the worker's own */
    /* the parent's */
    GHashTable *warned;
    GPtrArray *index;   /* of bg_index_row* */
    GString *summary;
    int status, failed, done;
} render_run;

#define RENDER_RESULT "(uasmv)" /* errors, warnings, index row */

static int render_job(int i, void *data, GVariant **out)
{
    render_run *rr = data;
    if (!rr->fonts) {
        char *dir = cli_data_dir("fonts");
        rr->fonts = bg_fonts_new(dir);
        g_free(dir);
    }
    const char *file = rr->files[i];
    cli_loaded l;
    int st = 0;
    GVariantBuilder warns;
    g_variant_builder_init(&warns, G_VARIANT_TYPE("as"));
    if (!cli_load_derive(rr->s, file, &l, &st)) {
        fprintf(stderr, "%s：未生成文件\n", file);
        *out = g_variant_new(RENDER_RESULT, l.errors, &warns, NULL);
        return st;
    }
    GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
    bg_index_row *row = bg_index_row_new(l.doc, file);
    st = cli_render_department(l.doc, rr->fonts, rr->outdir, rr->pdf, rr->xlsx, file, warnings, row);
    for (guint w = 0; w < warnings->len; w++)
        g_variant_builder_add(&warns, "s", (char *)warnings->pdata[w]);
    *out = g_variant_new(RENDER_RESULT, st ? 1u : 0u, &warns, bg_index_row_to_variant(row));
    g_ptr_array_free(warnings, TRUE);
    bg_index_row_free(row);
    cli_loaded_clear(&l);
    return st;
}

static void render_worker_end(void *data)
{
    render_run *rr = data;
    bg_fonts_free(rr->fonts);
    rr->fonts = NULL;
}

/* In the parent, in the order of the files: warnings printed once a run,
 * the index row kept, a line of the summary. */
static void render_done(int i, const bg_job_result *r, void *data)
{
    render_run *rr = data;
    const char *file = rr->files[i];
    guint32 errors = 0;
    GVariantIter *warns = NULL;
    GVariant *boxed = NULL;
    int status = r->status;
    if (r->result && g_variant_is_of_type(r->result, G_VARIANT_TYPE(RENDER_RESULT)))
        g_variant_get(r->result, RENDER_RESULT, &errors, &warns, &boxed);
    else if (status == 0)
        status = EXIT_USAGE; /* a worker that answered nothing */
    if (r->signal)
        fprintf(stderr, "%s：生成时程序异常终止（%s），未生成文件；其他部门照常生成\n", file,
                g_strsignal(r->signal));
    else if (!r->result)
        fprintf(stderr, "%s：生成它的工作进程没有回应，未生成文件；其他部门照常生成\n", file);
    guint n_warn = 0;
    char *w;
    while (warns && g_variant_iter_next(warns, "s", &w)) {
        n_warn++;
        if (g_hash_table_contains(rr->warned, w)) {
            g_free(w);
        } else {
            fprintf(stderr, "%s\n", w);
            g_hash_table_add(rr->warned, w);
        }
    }
    if (warns)
        g_variant_iter_free(warns);
    bg_index_row *row = boxed ? bg_index_row_from_variant(boxed) : NULL;
    if (boxed)
        g_variant_unref(boxed);
    if (status == EXIT_USAGE || rr->status == 0)
        rr->status = status;
    rr->done++;
    if (status)
        rr->failed++;
    if (row && !status)
        g_string_append_printf(rr->summary, "  %s %s：%d 页，警告 %u 条\n", row->code, row->name,
                               row->pages, n_warn);
    else if (!r->result)
        g_string_append_printf(rr->summary, "  %s：未生成（程序异常终止）\n", file);
    else
        g_string_append_printf(rr->summary, "  %s：未生成，错误 %u 处\n", file, errors);
    if (row)
        g_ptr_array_add(rr->index, row);
}

/* The index is dated as the first department's files. */
static gint64 first_year(const GPtrArray *index)
{
    return bg_output_time_of(((const bg_index_row *)index->pdata[0])->year);
}

static gint by_path(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The department files of the arguments: a folder gives its .yaml, .yml
 * and .json files in name order (not .xlsx: an output folder holds
 * rendered workbooks). False after saying why. */
static GPtrArray *department_files(char **args, int n)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < n; i++) {
        if (!g_file_test(args[i], G_FILE_TEST_IS_DIR)) {
            g_ptr_array_add(out, g_strdup(args[i]));
            continue;
        }
        GError *err = NULL;
        GDir *d = g_dir_open(args[i], 0, &err);
        if (!d) {
            fprintf(stderr, "budgetgen：无法读取目录 %s：%s\n", args[i], err->message);
            g_error_free(err);
            g_ptr_array_free(out, TRUE);
            return NULL;
        }
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        for (const char *e; (e = g_dir_read_name(d));)
            if (g_str_has_suffix(e, ".yaml") || g_str_has_suffix(e, ".yml") ||
                g_str_has_suffix(e, ".json"))
                g_ptr_array_add(names, g_build_filename(args[i], e, NULL));
        g_dir_close(d);
        if (!names->len) {
            fprintf(stderr, "budgetgen：目录 %s 中没有部门文件（.yaml、.yml 或 .json）\n", args[i]);
            g_ptr_array_free(names, TRUE);
            g_ptr_array_free(out, TRUE);
            return NULL;
        }
        g_ptr_array_sort(names, by_path);
        for (guint k = 0; k < names->len; k++)
            g_ptr_array_add(out, g_strdup(names->pdata[k]));
        g_ptr_array_free(names, TRUE);
    }
    return out;
}

int cmd_render(char **args, int n_args, const char *templates, const char *outdir,
                      bool pdf, bool xlsx, int jobs)
{
    if (!cli_check_source_date_epoch())
        return EXIT_USAGE;
    GPtrArray *list = department_files(args, n_args);
    if (!list)
        return EXIT_USAGE;
    char **files = (char **)list->pdata;
    int n = (int)list->len;
    cli_session s;
    if (!cli_session_open(&s, templates)) {
        g_ptr_array_free(list, TRUE);
        return EXIT_USAGE;
    }
    char *error = NULL;
    int status = 0;
    if (!bg_atomic_output_dir(outdir, &error)) {
        fprintf(stderr, "budgetgen：%s\n", error);
        g_free(error);
        status = EXIT_USAGE;
    } else if (same_outputs(&s, files, n, pdf, xlsx)) {
        status = EXIT_INVALID;
    }
    if (status) {
        cli_session_close(&s);
        g_ptr_array_free(list, TRUE);
        return status;
    }
    render_run rr = {.s = &s, .files = files, .outdir = outdir, .pdf = pdf, .xlsx = xlsx,
                     .warned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                     .index = g_ptr_array_new_with_free_func(bg_index_row_free),
                     .summary = g_string_new(NULL)};
    bg_batch b = {.jobs = n, .workers = jobs, .names = (const char *const *)files,
                  .job = render_job, .done = render_done, .worker_end = render_worker_end,
                  .data = &rr, .progress = n > 1, .tty = isatty(fileno(stderr))};
    if (!bg_batch_run(&b))
        rr.status = EXIT_USAGE;
    status = rr.status;
    if (rr.done < n) {
        status = EXIT_USAGE;
        rr.failed += n - rr.done;
    }
    /* A batch gets its index: one row a department, with totals. */
    if (n > 1 && rr.index->len) {
        if (bg_write_index(outdir, rr.index, first_year(rr.index), &error)) {
            char *p = g_build_filename(outdir, "index.xlsx", NULL);
            printf("%s\n", p);
            g_free(p);
        } else {
            fprintf(stderr, "budgetgen：%s\n", error);
            status = status ? status : EXIT_USAGE;
        }
        g_free(error);
    }
    if (n > 1)
        fprintf(stderr, "共 %d 个部门：%d 个已生成，%d 个未生成\n%s", n, n - rr.failed, rr.failed,
                rr.summary->str);
    g_string_free(rr.summary, TRUE);
    g_hash_table_destroy(rr.warned);
    g_ptr_array_free(rr.index, TRUE);
    cli_session_close(&s);
    g_ptr_array_free(list, TRUE);
    return status;
}
