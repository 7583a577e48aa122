/* `budgetgen watch DEPT`: renders the department, then again each time its
 * file or its format is saved, with one line of what changed. The fonts,
 * the format and the measurements of cells are kept between renders; a
 * save with errors prints them and leaves the last good files in place. */
#include "watch.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "derive/diff.h"
#include "render/atomic.h"
#include "render/index.h"

/* How often the files are looked at (a stat of each of a dozen files: a
 * millisecond of CPU a second), and how long a save must rest before it is
 * read (an editor may write a file in several steps). */
#define POLL_USEC (10 * 1000)
#define REST_USEC (20 * 1000)

/* What identifies a saved version of each file watched: its path, size,
 * modification time and inode, one line a file, in a fixed order. */
static void stamp_file(GString *out, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        g_string_append_printf(out, "%s missing\n", path);
        return;
    }
    g_string_append_printf(out, "%s %lld %lld.%09ld %llu\n", path, (long long)sb.st_size,
                           (long long)sb.st_mtim.tv_sec, sb.st_mtim.tv_nsec,
                           (unsigned long long)sb.st_ino);
}

static gint by_string(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of a folder and its subfolders, one level down (a format's
 * format.yaml and what it includes, the catalog's lists). */
static void stamp_dir(GString *out, const char *dir, int depth)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return;
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (const char *e; (e = g_dir_read_name(d));)
        if (e[0] != '.')
            g_ptr_array_add(names, g_build_filename(dir, e, NULL));
    g_dir_close(d);
    g_ptr_array_sort(names, by_string);
    for (guint i = 0; i < names->len; i++) {
        const char *p = names->pdata[i];
        if (g_file_test(p, G_FILE_TEST_IS_DIR)) {
            if (depth > 0)
                stamp_dir(out, p, depth - 1);
        } else {
            stamp_file(out, p);
        }
    }
    g_ptr_array_free(names, TRUE);
}

static char *stamp(const char *file, const char *format_dir, const char *templates)
{
    GString *out = g_string_new(NULL);
    stamp_file(out, file);
    if (format_dir)
        stamp_dir(out, format_dir, 1);
    char *catalog = g_build_filename(templates, "catalog", NULL);
    stamp_dir(out, catalog, 0);
    g_free(catalog);
    return g_string_free(out, FALSE);
}

/* A stamp without its first line (the department file's): the format's
 * and the catalog's files. */
static const char *after_first_line(const char *stamp)
{
    const char *nl = strchr(stamp, '\n');
    return nl ? nl + 1 : "";
}

static char *now_text(void)
{
    GDateTime *dt = g_date_time_new_now_local();
    char *s = g_date_time_format(dt, "%H:%M:%S");
    g_date_time_unref(dt);
    return s;
}

/* One line of what changed: how many cells, sentences and line items, then
 * the first items changed (what was edited) and the first cells they
 * reach. */
static void print_changes(const GPtrArray *changes)
{
    guint n[3] = {0};
    for (guint i = 0; i < changes->len; i++)
        n[((const bg_change *)changes->pdata[i])->kind]++;
    printf("：表格 %u 处、说明 %u 处、明细 %u 处变化", n[BG_CHANGE_CELL], n[BG_CHANGE_SENTENCE],
           n[BG_CHANGE_ITEM]);
    const bg_change_kind order[] = {BG_CHANGE_ITEM, BG_CHANGE_CELL};
    int shown = 0;
    for (int k = 0; k < 2; k++) {
        int of_kind = 0;
        for (guint i = 0; i < changes->len && of_kind < 2; i++) {
            const bg_change *c = changes->pdata[i];
            if (c->kind != order[k])
                continue;
            char *line = cli_change_line(c);
            printf("%s%s", shown ? "；" : "。", line);
            g_free(line);
            shown++;
            of_kind++;
        }
    }
    printf("\n");
}

typedef struct {
    const char *file, *templates, *outdir;
    bool pdf, xlsx;
    cli_session s;
    bool open;
    bg_fonts *fonts;
    cli_loaded last; /* the version the files show; .doc NULL before the first */
} watcher;

/* Reads the department again and, when it is valid and its derived
 * document changed (or `force`), writes the files. Prints one line. */
static void update(watcher *w, bool force)
{
    char *t = now_text();
    gint64 t0 = g_get_monotonic_time();
    cli_loaded l;
    int st = 0;
    if (!cli_load_derive(&w->s, w->file, &l, &st)) {
        fprintf(stderr, "%s %s 有 %u 处错误，未更新文件（仍是上一次的版本）\n", t, w->file,
                l.errors);
        fflush(stderr);
        g_free(t);
        return;
    }
    GPtrArray *changes = w->last.doc ? bg_diff(w->last.d, w->last.doc, l.d, l.doc) : NULL;
    if (changes && !changes->len && !force) {
        printf("%s %s 已保存，推导结果没有变化，未重新生成\n", t, w->file);
        fflush(stdout);
        g_ptr_array_free(changes, TRUE);
        cli_loaded_clear(&l);
        g_free(t);
        return;
    }
    GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
    bg_index_row *row = bg_index_row_new(l.doc, w->file);
    st = cli_render_department(l.doc, w->fonts, w->outdir, w->pdf, w->xlsx, w->file, warnings,
                               row);
    double secs = (double)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC;
    for (guint i = 0; i < warnings->len && !w->last.doc; i++)
        fprintf(stderr, "%s\n", (char *)warnings->pdata[i]); /* once: the fonts stay */
    if (st == 0) {
        printf("%s %s", t, w->last.doc ? "已更新" : "已生成");
        if (w->pdf)
            printf("（%d 页，%.2f 秒）", row->pages, secs);
        else
            printf("（%.2f 秒）", secs);
        if (changes)
            print_changes(changes);
        else
            printf("\n");
        cli_loaded_clear(&w->last);
        w->last = l;
    } else {
        cli_loaded_clear(&l);
    }
    fflush(stdout);
    fflush(stderr);
    if (changes)
        g_ptr_array_free(changes, TRUE);
    bg_index_row_free(row);
    g_ptr_array_free(warnings, TRUE);
    g_free(t);
}

/* The folder of the department's format, to watch it too (NULL when the
 * department does not load: only its file is watched until it does). */
static const char *format_dir(const watcher *w)
{
    return w->last.f ? w->last.f->dir : NULL;
}

int cmd_watch(const char *file, const char *templates, const char *outdir, bool pdf, bool xlsx)
{
    watcher w = {.file = file, .templates = templates, .outdir = outdir, .pdf = pdf,
                 .xlsx = xlsx};
    char *error = NULL;
    if (!bg_atomic_output_dir(outdir, &error)) {
        fprintf(stderr, "budgetgen：%s\n", error);
        g_free(error);
        return EXIT_USAGE;
    }
    if (!cli_session_open(&w.s, templates))
        return EXIT_USAGE;
    char *fonts_dir = cli_data_dir("fonts");
    w.fonts = bg_fonts_new(fonts_dir);
    g_free(fonts_dir);
    printf("正在监视 %s 及其公开格式，保存后自动重新生成到 %s（按 Ctrl+C 结束）\n", file, outdir);
    fflush(stdout);
    update(&w, true);
    char *seen = stamp(file, format_dir(&w), templates);
    for (;;) {
        g_usleep(POLL_USEC);
        char *now = stamp(file, format_dir(&w), templates);
        if (strcmp(now, seen) == 0) {
            g_free(now);
            continue;
        }
        /* Wait until the save has rested. */
        char *again;
        for (;;) {
            g_usleep(REST_USEC);
            again = stamp(file, format_dir(&w), templates);
            if (strcmp(again, now) == 0)
                break;
            g_free(now);
            now = again;
        }
        g_free(again);
        /* A format or catalog saved: read them again (the department's
         * figures are derived anew from them). */
        bool format_changed = strcmp(after_first_line(now), after_first_line(seen)) != 0;
        if (format_changed) {
            cli_session_close(&w.s);
            cli_loaded_clear(&w.last); /* its format belonged to the old session */
            if (!cli_session_open(&w.s, templates)) {
                fprintf(stderr, "公开格式或科目目录无法读取，停止监视\n");
                g_free(now);
                break;
            }
        }
        update(&w, format_changed);
        g_free(seen);
        seen = stamp(file, format_dir(&w), templates);
        g_free(now);
    }
    g_free(seen);
    cli_loaded_clear(&w.last);
    bg_fonts_free(w.fonts);
    cli_session_close(&w.s);
    return EXIT_USAGE;
}
