/* make bench: time and peak memory of loading a department file and deriving
 * its tables. Prints one line per file; numbers are measurements, never
 * assertions. */
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "derive/document.h"
#include "derive/derive.h"
#include "input/load.h"
#include "render/disclosure.h"

static long peak_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench FILE...\n");
        return 2;
    }
    bg_diag *diag = bg_diag_new();
    char *dir = g_build_filename(BG_TEMPLATES_DIR, "catalog", NULL);
    bg_catalog *cat = bg_catalog_load(dir, diag);
    g_free(dir);
    if (!cat)
        return 2;
    bg_formats *formats = bg_formats_new(BG_TEMPLATES_DIR, cat);
    printf("%-40s %8s %9s %9s %9s %6s %9s %12s\n", "file", "items", "load ms", "derive ms",
           "pdf ms", "pages", "xlsx ms", "peak RSS MB");
    bg_fonts *fonts = bg_fonts_new(BG_FONTS_DIR);
    char *tmpdir = g_dir_make_tmp("bgbench-XXXXXX", NULL);
    for (int i = 1; i < argc; i++) {
        bool io = false;
        gint64 t0 = g_get_monotonic_time();
        bg_department *d = bg_load_department(argv[i], cat, formats, diag, &io);
        gint64 t1 = g_get_monotonic_time();
        if (!d) {
            fprintf(stderr, "%s: cannot load (%u errors)\n", argv[i], bg_diag_count(diag));
            for (guint k = 0; k < diag->errors->len && k < 5; k++) {
                char *s = bg_error_format(diag->errors->pdata[k]);
                fprintf(stderr, "  %s\n", s);
                g_free(s);
            }
            return 1;
        }
        const bg_format *f = bg_formats_get(formats, d->format, diag);
        if (!f)
            return 1;
        bg_derived *x = bg_derive(d, f);
        bg_doc *doc = bg_derive_document(x);
        gint64 t2 = g_get_monotonic_time();
        char *pdf = g_build_filename(tmpdir, "bench.pdf", NULL);
        GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
        char *error = NULL;
        int pages = 0;
        if (!bg_render_pdf(doc, fonts, pdf, warnings, &pages, &error)) {
            fprintf(stderr, "%s: %s\n", argv[i], error);
            return 1;
        }
        gint64 t3 = g_get_monotonic_time();
        char *xlsx = g_build_filename(tmpdir, "bench.xlsx", NULL);
        if (!bg_render_xlsx(doc, fonts, xlsx, &error)) {
            fprintf(stderr, "%s: %s\n", argv[i], error);
            return 1;
        }
        gint64 t4 = g_get_monotonic_time();
        g_remove(xlsx);
        g_free(xlsx);
        bg_derived_free(x);
        bg_doc_free(doc);
        printf("%-40s %8u %9.1f %9.1f %9.1f %6d %9.1f %12.1f\n", argv[i], d->items->len,
               (t1 - t0) / 1000.0, (t2 - t1) / 1000.0, (t3 - t2) / 1000.0, pages,
               (t4 - t3) / 1000.0, peak_kb() / 1024.0);
        g_remove(pdf);
        g_free(pdf);
        g_ptr_array_free(warnings, TRUE);
        bg_department_free(d);
    }
    g_rmdir(tmpdir);
    g_free(tmpdir);
    bg_fonts_free(fonts);
    bg_formats_free(formats);
    bg_catalog_free(cat);
    bg_diag_free(diag);
    return 0;
}
