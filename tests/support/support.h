/* Helpers shared by the cmocka tests. */
#ifndef BG_TEST_SUPPORT_H
#define BG_TEST_SUPPORT_H

#include "derive/derive.h"
#include "derive/document.h"
#include "input/load.h"

/* The real catalog of templates/catalog and the formats of templates/,
 * loaded once by the group setup. */
extern bg_catalog *test_catalog;
extern bg_formats *test_formats;
int test_setup_catalog(void **state);
int test_teardown_catalog(void **state);

/* Prints every error of `diag` (to show why a test failed). */
void test_print_errors(const bg_diag *diag);

/* Loads a department file with the real templates; fails the test on errors. */
bg_department *test_load(const char *path);

/* The format a department names, from test_formats; fails the test when
 * it cannot be read. */
const bg_format *test_format(const bg_department *d);

/* A department, its format, what it derives and its tables (x->tables). */
typedef struct {
    bg_department *d;
    const bg_format *f;
    bg_derived *x;
    GPtrArray *tables;
} test_derived;

test_derived test_derive(const char *path);
void test_derived_free(test_derived *r);
/* The lines `budgetgen text` prints of a document: part titles, headings
 * and paragraphs. */
GPtrArray *test_doc_lines(const bg_doc *doc);

const bg_table *test_table(const test_derived *r, const char *id);

/* Fails unless the two files hold the same bytes. */
void test_assert_same_bytes(const char *a, const char *b);

/* Sample 001's text with the key `key` (e.g. "  reason_total:") renamed,
 * so that the file lacks it. Caller frees. */
char *test_sample_without(const char *key);

/* A copy of templates/ in a new temporary directory, with the first `from`
 * in `file` (relative to it, "guancheng-2023/format.yaml") replaced by `to`.
 * Caller removes it with test_remove_tree and frees the name. */
char *test_templates_with(const char *file, const char *from, const char *to);
void test_remove_tree(const char *dir);

/* A command run to its end: exit status (-1 when killed), the signal that
 * killed it (0 when none), what it printed. */
typedef struct {
    int status;
    int signal;
    char *out, *err;
} test_run_result;

/* The budgetgen the command-line tests run: $BG_BINARY when set (the
 * sanitized pass sets build/budgetgen-san, so that main.c runs under ASan
 * and UBSan too), else build/budgetgen. */
const char *test_binary(void);

/* Runs test_binary() with `args` (NULL-terminated), or with
 * test_run_program the program args[0]. */
test_run_result test_run(const char *const *args);
test_run_result test_run_program(const char *const *argv);
/* test_run, adding `env` ("NAME=value" strings, NULL-terminated, may be
 * NULL) to the environment; `setup`, when given, runs in the child before
 * exec (to set resource limits). */
test_run_result test_run_full(const char *const *args, const char *const *env,
                              GSpawnChildSetupFunc setup, gpointer data);
void test_run_clear(test_run_result *r);

/* The text of `path` with the first `from` replaced by `to`. Caller frees. */
char *test_file_with(const char *path, const char *from, const char *to);

#endif
