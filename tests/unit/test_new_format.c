/* A format that lives only in tests/fixtures/templates renders through the
 * same code as the real ones: a new jurisdiction needs no C change. The
 * expected figures are added up by hand from tests/fixtures/mini-2030.yaml. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "support.h"

#include "derive/derive.h"
#include <glib/gstdio.h>

#include "input/format_load.h"
#include "input/load.h"

static const char *cell(const bg_table *t, guint row, int col)
{
    assert_true(row < t->rows->len);
    return ((bg_row *)t->rows->pdata[row])->cells[col].text;
}

static void test_mini_format(void **state)
{
    (void)state;
    bg_diag *diag = bg_diag_new();
    char *dir = g_build_filename(BG_TEMPLATES_DIR, "catalog", NULL);
    bg_catalog *cat = bg_catalog_load(dir, diag);
    g_free(dir);
    assert_non_null(cat);
    bool io = false;
    bg_formats *formats = bg_formats_new("tests/fixtures/templates", cat);
    bg_department *d =
        bg_load_department("tests/fixtures/mini-2030.yaml", cat, formats, diag, &io);
    test_print_errors(diag);
    assert_non_null(d);
    const bg_format *f = bg_formats_get(formats, d->format, diag);
    assert_non_null(f);
    bg_derived *x = bg_derive(d, f);
    GPtrArray *tables = x->tables;
    assert_int_equal(tables->len, 2);

    const bg_table *a = tables->pdata[0];
    assert_string_equal(a->title, "测试局2030年按单位性质支出表");
    assert_int_equal(a->header_rows, 2);
    assert_int_equal(a->rows->len, 3);
    /* 行政 + 参公: 1000.10 + 200 + 300 + 40 + 7000 = 8540.10; 人员经费
     * 1000.10 + 300 + 40 (30201 overridden) = 1340.10; 公用经费 200. */
    assert_string_equal(cell(a, 0, 0), "行政及参公");
    assert_string_equal(cell(a, 0, 1), "8540.10");
    assert_string_equal(cell(a, 0, 2), "1340.10");
    assert_string_equal(cell(a, 0, 3), "200.00");
    assert_string_equal(cell(a, 0, 4), "7000.00");
    assert_string_equal(cell(a, 0, 5), "0");
    /* 事业: 500 + 60 + 800 = 1360; 人员经费 500; 公用经费 60; 结转 60. */
    assert_string_equal(cell(a, 1, 1), "1360.00");
    assert_string_equal(cell(a, 1, 2), "500.00");
    assert_string_equal(cell(a, 1, 3), "60.00");
    assert_string_equal(cell(a, 1, 4), "0");
    assert_string_equal(cell(a, 1, 5), "60.00");
    assert_string_equal(cell(a, 2, 0), "总计");
    assert_string_equal(cell(a, 2, 1), "9900.10");

    const bg_table *b = tables->pdata[1];
    assert_int_equal(b->rows->len, 3);
    /* 201: 1000.10 + 200 + 40 + 7000 appropriated, 800 事业收入 */
    assert_string_equal(cell(b, 0, 1), "8240.10");
    assert_string_equal(cell(b, 0, 2), "800.00");
    /* 205: 60 appropriated (carried over), 500 事业收入 */
    assert_string_equal(cell(b, 1, 1), "60.00");
    assert_string_equal(cell(b, 1, 2), "500.00");
    assert_string_equal(cell(b, 2, 1), "300.00");
    assert_string_equal(cell(b, 2, 2), "0");

    bg_derived_free(x);
    bg_department_free(d);
    bg_formats_free(formats);
    bg_catalog_free(cat);
    bg_diag_free(diag);
}

static void test_format_errors(void **state)
{
    (void)state;
    bg_diag *diag = bg_diag_new();
    char *dir = g_build_filename(BG_TEMPLATES_DIR, "catalog", NULL);
    bg_catalog *cat = bg_catalog_load(dir, diag);
    g_free(dir);
    char *tmp = g_dir_make_tmp("bgfmt-XXXXXX", NULL);
    char *fdir = g_build_filename(tmp, "bad", NULL);
    g_mkdir(fdir, 0700);
    char *file = g_build_filename(fdir, "format.yaml", NULL);
    g_file_set_contents(file,
                        "name: x\nmoney: {unit: 元}\nproject_categories: []\n"
                        "tables:\n"
                        "  - id: A\n    title: t\n"
                        "    columns: [{title: 合计, sum: {fnud: [财政拨款]}}]\n"
                        "    rows: [{total: 合计, at: lable}]\n",
                        -1, NULL);
    assert_null(bg_format_load(tmp, "bad", cat, diag));
    bg_diag_sort(diag);
    assert_int_equal(bg_diag_count(diag), 2);
    const bg_error *e0 = diag->errors->pdata[0], *e1 = diag->errors->pdata[1];
    assert_int_equal(e0->line, 7);
    assert_non_null(strstr(e0->message, "是不是“fund”"));
    assert_int_equal(e1->line, 8);
    assert_non_null(strstr(e1->message, "没有名为“lable”的键列"));
    g_remove(file);
    g_rmdir(fdir);
    g_rmdir(tmp);
    g_free(file);
    g_free(fdir);
    g_free(tmp);
    bg_catalog_free(cat);
    bg_diag_free(diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mini_format),
        cmocka_unit_test(test_format_errors),
    };
    return cmocka_run_group_tests_name("new_format", tests, NULL, NULL);
}
