/* Jobs over worker processes: results and output in the order of the
 * jobs whatever the number of workers; a job that kills its worker fails
 * alone, with the signal, and the jobs after it still run. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "batch.h"
#include "input/identity.h"

typedef struct {
    int kill_job; /* the job that kills its own worker, or -1 */
    GString *seen; /* "index:status:value[:signal]" of each job, in order */
    const char *names[8];
} fixture;

static int job(int index, void *data, GVariant **out)
{
    fixture *f = data;
    if (index == f->kill_job)
        raise(SIGKILL); /* as a crash would: no answer, no cleanup */
    /* Later jobs finish first, so that order comes from the replay. */
    g_usleep((gulong)(8 - index) * 3000);
    printf("out %d\n", index);
    fprintf(stderr, "err %d\n", index);
    *out = g_variant_new("(is)", index * index, f->names[index]);
    return index % 3 == 2 ? 1 : 0;
}

static void done(int index, const bg_job_result *r, void *data)
{
    fixture *f = data;
    gint32 sq = -1;
    const char *name = "";
    if (r->result)
        g_variant_get(r->result, "(i&s)", &sq, &name);
    g_string_append_printf(f->seen, "%d:%d:%d:%s", index, r->status, sq, name);
    if (r->signal)
        g_string_append_printf(f->seen, ":%d", r->signal);
    g_string_append(f->seen, ";");
}

static char *run_batch(int workers, int kill_job)
{
    fixture f = {.kill_job = kill_job, .seen = g_string_new(NULL),
                 .names = {"a", "b", "c", "d", "e", "f", "g", "h"}};
    bg_batch b = {.jobs = 8, .workers = workers, .names = f.names, .job = job, .done = done,
                  .data = &f, .progress = true, .tty = false};
    assert_true(bg_batch_run(&b));
    return g_string_free(f.seen, FALSE);
}

static void test_order_and_results(void **state)
{
    (void)state;
    const char *want = "0:0:0:a;1:0:1:b;2:1:4:c;3:0:9:d;4:0:16:e;5:1:25:f;6:0:36:g;7:0:49:h;";
    for (int w = 1; w <= 4; w++) {
        char *seen = run_batch(w, -1);
        assert_string_equal(seen, want);
        g_free(seen);
    }
}

static void test_crash_fails_alone(void **state)
{
    (void)state;
    char *seen = run_batch(2, 3);
    char *want = g_strdup_printf("0:0:0:a;1:0:1:b;2:1:4:c;3:2:-1::%d;4:0:16:e;5:1:25:f;"
                                 "6:0:36:g;7:0:49:h;",
                                 SIGKILL);
    assert_string_equal(seen, want);
    g_free(want);
    g_free(seen);
}

/* A batch refuses two files of one department and year from their
 * department header alone: read from the samples (YAML and JSON), from a
 * header after other keys, and refused (left to the full load) for an
 * alias, a code that is not digits, a workbook. */
static void test_identity(void **state)
{
    (void)state;
    char *code = NULL;
    int year = 0;
    assert_true(bg_read_identity("samples/zhengzhou-services-2021.yaml", &code, &year));
    assert_string_equal(code, "114");
    assert_int_equal(year, 2021);
    g_free(code);
    assert_true(bg_read_identity("samples/guancheng-bigdata-2023.json", &code, &year));
    assert_string_equal(code, "129");
    assert_int_equal(year, 2023);
    g_free(code);
    static const struct {
        const char *text;
        const char *code; /* NULL: not read */
    } cases[] = {
        {"units: [{code: \"1\", name: 甲}]\nx: {a: [1, {b: 2}]}\n"
         "department: {code: \"007\", name: 乙, year: 2024, format: f}\n",
         "007"},
        {"department:\n  name: 乙\n  year: 2024\n  code: 42\n", "42"},
        {"y: &a \"9\"\ndepartment: {code: *a, year: 2024}\n", NULL},
        {"department: {code: 12a, year: 2024}\n", NULL},
        {"department: {code: \"12\", year: 1999}\n", NULL},
        {"department: {code: \"12\"}\n", NULL},
        {"- department: {code: \"12\", year: 2024}\n", NULL},
        {"department: [\n", NULL},
    };
    char *dir = g_dir_make_tmp("bgident-XXXXXX", NULL);
    char *path = g_build_filename(dir, "d.yaml", NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        assert_true(g_file_set_contents(path, cases[i].text, -1, NULL));
        bool ok = bg_read_identity(path, &code, &year);
        if (cases[i].code) {
            assert_true(ok);
            assert_string_equal(code, cases[i].code);
            assert_int_equal(year, 2024);
        } else {
            assert_false(ok);
            assert_null(code);
        }
        g_free(code);
        code = NULL;
    }
    assert_false(bg_read_identity("samples/none.xlsx", &code, &year));
    g_remove(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_results),
        cmocka_unit_test(test_crash_fails_alone),
        cmocka_unit_test(test_identity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
