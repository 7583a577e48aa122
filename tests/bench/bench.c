/* make bench: time and peak memory of loading a department file and deriving
 * its tables. Prints one line per file; numbers are measurements, never
 * assertions. */
#include <stdio.h>
#include <sys/resource.h>

#include "derive/pivot.h"
#include "input/load.h"

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
    printf("%-44s %10s %10s %10s %12s\n", "file", "items", "load ms", "derive ms", "peak RSS MB");
    for (int i = 1; i < argc; i++) {
        bool io = false;
        gint64 t0 = g_get_monotonic_time();
        bg_department *d = bg_load_department(argv[i], cat, BG_TEMPLATES_DIR, diag, &io);
        gint64 t1 = g_get_monotonic_time();
        if (!d) {
            fprintf(stderr, "%s: cannot load (%u errors)\n", argv[i], bg_diag_count(diag));
            return 1;
        }
        GPtrArray *tables = bg_derive_tables(d, d->fmt);
        gint64 t2 = g_get_monotonic_time();
        printf("%-44s %10u %10.1f %10.1f %12.1f\n", argv[i], d->items->len, (t1 - t0) / 1000.0,
               (t2 - t1) / 1000.0, peak_kb() / 1024.0);
        g_ptr_array_free(tables, TRUE);
        bg_department_free(d);
    }
    bg_catalog_free(cat);
    bg_diag_free(diag);
    return 0;
}
