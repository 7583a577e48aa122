/* The workbook read back by an independent reader (Debian's python3-openpyxl,
 * tests/xlsx/check_xlsx.py): every cell against `budgetgen tables --json`,
 * merged ranges and number formats; then LibreOffice (headless) recalculates
 * it and every formula must give its cached value, and prints it, where every
 * cell's text must appear whole and no text below 7 pt. Same input, same
 * bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib/gstdio.h>

#include "support.h"

#include "layout/fonts.h"
#include "render/disclosure.h"

static char *tmpdir;

static int run(const char *const *argv, char **out)
{
    char *err = NULL;
    int wait = 0;
    GError *e = NULL;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, &err, &wait,
                      &e))
        fail_msg("cannot run %s: %s", argv[0], e->message);
    int status = WIFEXITED(wait) ? WEXITSTATUS(wait) : -1;
    if (status != 0)
        print_error("%s: %s\n", argv[0], err);
    g_free(err);
    return status;
}

static int setup(void **state)
{
    (void)state;
    tmpdir = g_dir_make_tmp("bgxlsx-XXXXXX", NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    test_remove_tree(tmpdir);
    g_free(tmpdir);
    return 0;
}

static char *render(const char *sample, const char *sub, const char *name)
{
    char *dir = g_build_filename(tmpdir, sub, NULL);
    char *out = NULL;
    assert_int_equal(run((const char *[]){"build/budgetgen", "render", "--xlsx", "-o", dir, sample, NULL},
                         &out),
                     0);
    g_free(out);
    char *path = g_build_filename(dir, name, NULL);
    g_free(dir);
    return path;
}

static void check_sample(const char *sample, const char *name)
{
    char *xlsx = render(sample, "a", name);
    char *json = NULL;
    assert_int_equal(run((const char *[]){"build/budgetgen", "tables", "--json", sample, NULL}, &json), 0);
    char *json_path = g_build_filename(tmpdir, "tables.json", NULL);
    g_file_set_contents(json_path, json, -1, NULL);
    char *profile = g_build_filename(tmpdir, "libreoffice", NULL);
    char *out = NULL;
    int st = run((const char *[]){"/usr/bin/python3", "tests/xlsx/check_xlsx.py", xlsx, json_path,
                                  "--recalc", profile, NULL},
                 &out);
    print_message("%s", out);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, " 0 problems"));
    g_free(out);
    /* Same input, same bytes. */
    char *again = render(sample, "b", name);
    test_assert_same_bytes(xlsx, again);
    g_free(again);
    g_free(profile);
    g_free(json_path);
    g_free(json);
    g_free(xlsx);
}

static void test_services_office(void **state)
{
    (void)state;
    check_sample("samples/zhengzhou-services-2021.yaml", "114-2021.xlsx");
}

static void test_city_government_office(void **state)
{
    (void)state;
    check_sample("samples/zhengzhou-gov-office-2021.yaml", "003-2021.xlsx");
}

static void test_district_bureau(void **state)
{
    (void)state;
    check_sample("samples/guancheng-bigdata-2023.json", "129-2023.xlsx");
}

/* The print check is no rubber stamp: a workbook written by openpyxl
 * (tests/xlsx/faults.py) with a long text in a merged row of default height
 * and thirty columns fitted to a page wide gets both faults reported. */
static void test_checker_finds_faults(void **state)
{
    (void)state;
    char *xlsx = g_build_filename(tmpdir, "faults.xlsx", NULL);
    char *json = g_build_filename(tmpdir, "faults.json", NULL);
    char *out = NULL;
    assert_int_equal(run((const char *[]){"/usr/bin/python3", "tests/xlsx/faults.py", xlsx, json, NULL},
                         &out),
                     0);
    g_free(out);
    char *profile = g_build_filename(tmpdir, "libreoffice", NULL);
    out = NULL;
    int st = run((const char *[]){"/usr/bin/python3", "tests/xlsx/check_xlsx.py", xlsx, json,
                                  "--recalc", profile, NULL},
                 &out);
    print_message("%s", out);
    assert_int_equal(st, 1);
    assert_non_null(strstr(out, "smaller than 7 pt"));
    assert_non_null(strstr(out, "printed: 表1 测试表: '为保障全市政府网站规范良好运行"));
    assert_non_null(strstr(out, "not whole"));
    g_free(out);
    g_free(profile);
    g_free(json);
    g_free(xlsx);
}

/* Issue 11 item 14: libxlsxwriter's return values were ignored, so a cell
 * it refused was left out of a workbook published as complete. A cell
 * over Excel's 32,767 characters now fails the workbook with the
 * library's reason and the cell's place, and nothing is written. */
static void test_refused_cell_fails(void **state)
{
    assert_int_equal(test_setup_catalog(state), 0);
    test_derived r = test_derive("samples/zhengzhou-services-2021.yaml");
    bg_doc *doc = bg_derive_document(r.x);
    bg_table *t = doc->tables->pdata[0];
    bg_row *row = t->rows->pdata[0];
    GString *big = g_string_new(NULL);
    while (g_utf8_strlen(big->str, -1) <= 32767)
        g_string_append(big, "很长的说明");
    g_free(row->cells[0].text);
    row->cells[0].text = g_string_free(big, FALSE);
    char *dir = g_build_filename(tmpdir, "refused", NULL);
    g_mkdir_with_parents(dir, 0700);
    char *path = g_build_filename(dir, "114-2021.xlsx", NULL);
    bg_fonts *fonts = bg_fonts_new(BG_FONTS_DIR);
    char *error = NULL;
    assert_false(bg_render_xlsx(doc, fonts, path, &error));
    print_message("%s\n", error);
    assert_non_null(strstr(error, "String exceeds Excel's limit of 32,767 characters."));
    assert_non_null(strstr(error, "第 A 列"));
    assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_null(g_dir_read_name(d)); /* no temporary left */
    g_dir_close(d);
    g_free(error);
    bg_fonts_free(fonts);
    g_free(path);
    g_free(dir);
    bg_doc_free(doc);
    test_derived_free(&r);
    test_teardown_catalog(state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_services_office),
        cmocka_unit_test(test_city_government_office),
        cmocka_unit_test(test_district_bureau),
        cmocka_unit_test(test_checker_finds_faults),
        cmocka_unit_test(test_refused_cell_fails),
    };
    return cmocka_run_group_tests_name("xlsx", tests, setup, teardown);
}
