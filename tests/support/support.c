#include "support.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib/gstdio.h>

bg_catalog *test_catalog;
bg_formats *test_formats;

int test_setup_catalog(void **state)
{
    (void)state;
    bg_diag *d = bg_diag_new();
    char *dir = g_build_filename(BG_TEMPLATES_DIR, "catalog", NULL);
    test_catalog = bg_catalog_load(dir, d);
    test_print_errors(d);
    g_free(dir);
    bg_diag_free(d);
    if (test_catalog)
        test_formats = bg_formats_new(BG_TEMPLATES_DIR, test_catalog);
    return test_catalog ? 0 : -1;
}

int test_teardown_catalog(void **state)
{
    (void)state;
    bg_formats_free(test_formats);
    bg_catalog_free(test_catalog);
    test_formats = NULL;
    test_catalog = NULL;
    return 0;
}

void test_print_errors(const bg_diag *diag)
{
    for (guint i = 0; i < diag->errors->len; i++) {
        char *s = bg_error_format(diag->errors->pdata[i]);
        print_error("%s\n", s);
        g_free(s);
    }
}

bg_department *test_load(const char *path)
{
    bg_diag *diag = bg_diag_new();
    bool io = false;
    bg_department *d = bg_load_department(path, test_catalog, test_formats, diag, &io);
    test_print_errors(diag);
    bg_diag_free(diag);
    assert_non_null(d);
    return d;
}

const bg_format *test_format(const bg_department *d)
{
    bg_diag *diag = bg_diag_new();
    const bg_format *f = bg_formats_get(test_formats, d->format, diag);
    test_print_errors(diag);
    bg_diag_free(diag);
    assert_non_null(f);
    return f;
}

test_derived test_derive(const char *path)
{
    test_derived r;
    r.d = test_load(path);
    r.f = test_format(r.d);
    r.x = bg_derive(r.d, r.f);
    r.tables = r.x->tables;
    return r;
}

void test_derived_free(test_derived *r)
{
    bg_derived_free(r->x);
    bg_department_free(r->d);
}

GPtrArray *test_doc_lines(const bg_doc *doc)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < doc->parts->len; i++) {
        const bg_doc_part *p = doc->parts->pdata[i];
        g_ptr_array_add(out, g_strdup(p->title));
        for (guint k = 0; k < p->sections->len; k++) {
            const bg_doc_section *s = p->sections->pdata[k];
            if (*s->heading)
                g_ptr_array_add(out, g_strdup(s->heading));
            for (guint j = 0; j < s->paragraphs->len; j++)
                g_ptr_array_add(out, g_strdup(s->paragraphs->pdata[j]));
        }
    }
    return out;
}

const bg_table *test_table(const test_derived *r, const char *id)
{
    for (guint i = 0; i < r->tables->len; i++)
        if (strcmp(((bg_table *)r->tables->pdata[i])->id, id) == 0)
            return r->tables->pdata[i];
    fail_msg("no table %s", id);
    return NULL;
}

void test_assert_same_bytes(const char *a, const char *b)
{
    char *x = NULL, *y = NULL;
    gsize lx = 0, ly = 0;
    assert_true(g_file_get_contents(a, &x, &lx, NULL));
    assert_true(g_file_get_contents(b, &y, &ly, NULL));
    assert_int_equal(lx, ly);
    assert_memory_equal(x, y, lx);
    g_free(x);
    g_free(y);
}

char *test_sample_without(const char *key)
{
    char *text = NULL;
    assert_true(g_file_get_contents("samples/zhengzhou-services-2021.yaml", &text, NULL, NULL));
    char *at = strstr(text, key);
    assert_non_null(at);
    /* keep the indent and the colon: "  reason_total:" -> "  xxxxxxxxxxx:" */
    for (char *p = at + 2; *p != ':'; p++)
        *p = 'x';
    return text;
}

static void copy_tree(const char *from, const char *to)
{
    g_mkdir_with_parents(to, 0700);
    GDir *d = g_dir_open(from, 0, NULL);
    assert_non_null(d);
    const char *e;
    while ((e = g_dir_read_name(d)) != NULL) {
        char *a = g_build_filename(from, e, NULL), *b = g_build_filename(to, e, NULL);
        if (g_file_test(a, G_FILE_TEST_IS_DIR)) {
            copy_tree(a, b);
        } else {
            char *text = NULL;
            gsize len = 0;
            assert_true(g_file_get_contents(a, &text, &len, NULL));
            assert_true(g_file_set_contents(b, text, (gssize)len, NULL));
            g_free(text);
        }
        g_free(a);
        g_free(b);
    }
    g_dir_close(d);
}

char *test_templates_with(const char *file, const char *from, const char *to)
{
    char *dir = g_dir_make_tmp("bgtpl-XXXXXX", NULL);
    assert_non_null(dir);
    copy_tree(BG_TEMPLATES_DIR, dir);
    char *path = g_build_filename(dir, file, NULL);
    char *text = test_file_with(path, from, to);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    g_free(text);
    g_free(path);
    return dir;
}

void test_remove_tree(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *e;
    while (d && (e = g_dir_read_name(d)) != NULL) {
        char *p = g_build_filename(dir, e, NULL);
        if (g_file_test(p, G_FILE_TEST_IS_DIR) && !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
            test_remove_tree(p);
        else
            g_remove(p);
        g_free(p);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(dir);
}

char *test_file_with(const char *path, const char *from, const char *to)
{
    char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    char *at = strstr(text, from);
    if (!at)
        fail_msg("%s has no “%s”", path, from);
    GString *s = g_string_new_len(text, at - text);
    g_string_append(s, to);
    g_string_append(s, at + strlen(from));
    g_free(text);
    return g_string_free(s, FALSE);
}

test_run_result test_run_program(const char *const *argv)
{
    test_run_result r = {0};
    int wait = 0;
    GError *err = NULL;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &r.out, &r.err,
                      &wait, &err))
        fail_msg("cannot run %s: %s", argv[0], err->message);
    r.status = WIFEXITED(wait) ? WEXITSTATUS(wait) : -1;
    r.signal = WIFSIGNALED(wait) ? WTERMSIG(wait) : 0;
    return r;
}

const char *test_binary(void)
{
    const char *b = g_getenv("BG_BINARY");
    return b && *b ? b : "build/budgetgen";
}

test_run_result test_run_full(const char *const *args, const char *const *env,
                              GSpawnChildSetupFunc setup, gpointer data)
{
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (gpointer)test_binary());
    for (int i = 0; args[i]; i++)
        g_ptr_array_add(argv, (gpointer)args[i]);
    g_ptr_array_add(argv, NULL);
    char **envp = g_get_environ();
    for (int i = 0; env && env[i]; i++) {
        const char *eq = strchr(env[i], '=');
        assert_non_null(eq);
        char *name = g_strndup(env[i], (gsize)(eq - env[i]));
        envp = g_environ_setenv(envp, name, eq + 1, TRUE);
        g_free(name);
    }
    test_run_result r = {0};
    int wait = 0;
    GError *err = NULL;
    if (!g_spawn_sync(NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, setup, data, &r.out,
                      &r.err, &wait, &err))
        fail_msg("cannot run %s: %s", test_binary(), err->message);
    g_strfreev(envp);
    g_ptr_array_free(argv, TRUE);
    r.status = WIFEXITED(wait) ? WEXITSTATUS(wait) : -1;
    r.signal = WIFSIGNALED(wait) ? WTERMSIG(wait) : 0;
    return r;
}

test_run_result test_run(const char *const *args)
{
    return test_run_full(args, NULL, NULL, NULL);
}

void test_run_clear(test_run_result *r)
{
    g_free(r->out);
    g_free(r->err);
    *r = (test_run_result){0};
}
