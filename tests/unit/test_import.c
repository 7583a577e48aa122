/* `budgetgen import`: exports made independently of budgetgen (by
 * tests/import/make_exports.py with openpyxl and Python's csv module, from
 * each sample's own line items, in two header styles) import into the
 * sample and give tables byte for byte the sample's; every kind of bad row
 * is reported at its cell, and nothing is written then. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib/gstdio.h>

#include "support.h"

/* Runs budgetgen with args, or with `python` the program args[0]: its
 * output; its status in *status and what it said in *err_out. */
static char *run_as(bool python, const char *const *args, int *status, char **err_out)
{
    test_run_result r = python ? test_run_program(args) : test_run(args);
    *status = r.status;
    if (err_out)
        *err_out = r.err;
    else
        g_free(r.err);
    return r.out;
}

static char *run(const char *const *args, int *status, char **err_out)
{
    return run_as(false, args, status, err_out);
}

static char *tables_json(const char *file)
{
    int st;
    char *out = run((const char *[]){"tables", "--json", file, NULL}, &st, NULL);
    assert_int_equal(st, 0);
    return out;
}

static void round_trip(const char *sample)
{
    char *dir = g_dir_make_tmp("bgimport-XXXXXX", NULL);
    int st = 0;
    char *err = NULL;
    g_free(run_as(true,
                  (const char *[]){"/usr/bin/python3", "tests/import/make_exports.py", sample,
                                   "templates/catalog", dir, NULL},
                  &st, &err));
    if (st)
        fail_msg("make_exports.py: %s", err);
    g_free(err);
    const char *ext = g_str_has_suffix(sample, ".json") ? "json" : "yaml";
    char *want = tables_json(sample);
    static const char *const styles[][2] = {{"export-a.xlsx", "standard"},
                                            {"export-b.csv", "tests/fixtures/imports/wanyuan.yaml"}};
    for (size_t k = 0; k < G_N_ELEMENTS(styles); k++) {
        char *export = g_build_filename(dir, styles[k][0], NULL);
        char *name = g_strdup_printf("imported-%zu.%s", k, ext);
        char *out = g_build_filename(dir, name, NULL);
        g_free(run((const char *[]){"import", export, "--mapping", styles[k][1], "--into", sample,
                                    "-o", out, NULL},
                   &st, &err));
        if (st)
            fail_msg("import %s: %s", styles[k][0], err);
        g_free(err);
        char *got = tables_json(out);
        if (strcmp(got, want) != 0)
            fail_msg("%s imported from %s: the tables differ from the sample's", sample,
                     styles[k][0]);
        /* what the export does not hold is carried over, comments too */
        char *text = NULL, *orig = NULL;
        assert_true(g_file_get_contents(out, &text, NULL, NULL));
        assert_true(g_file_get_contents(sample, &orig, NULL, NULL));
        char *tail = strstr(orig, g_str_has_suffix(sample, ".json") ? "\"texts\"" : "\ntexts:");
        assert_non_null(tail);
        char *line_end = strchr(tail + 1, '\n');
        char *first = g_strndup(tail, (gsize)(line_end - tail));
        assert_non_null(strstr(text, first));
        if (orig[0] == '#') {
            char *comment = g_strndup(orig, (gsize)(strchr(orig, '\n') - orig));
            assert_true(g_str_has_prefix(text, comment));
            g_free(comment);
        }
        g_free(first);
        g_free(text);
        g_free(orig);
        g_free(got);
        g_free(out);
        g_free(name);
        g_free(export);
    }
    g_free(want);
    test_remove_tree(dir);
    g_free(dir);
}

static void test_services_office(void **state)
{
    (void)state;
    round_trip("samples/zhengzhou-services-2021.yaml");
}

static void test_city_government_office(void **state)
{
    (void)state;
    round_trip("samples/zhengzhou-gov-office-2021.yaml");
}

static void test_district_bureau(void **state)
{
    (void)state;
    round_trip("samples/guancheng-bigdata-2023.json");
}

/* Every kind of bad row, each at its cell, and nothing written. */
static void test_bad_rows(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bgimport-XXXXXX", NULL);
    char *csv = g_build_filename(dir, "bad.csv", NULL);
    char *out = g_build_filename(dir, "out.yaml", NULL);
    assert_true(g_file_set_contents(
        csv,
        "单位编码,功能分类科目,部门经济分类科目,政府经济分类科目,支出类型,项目编码,金额,附注\n"
        "114001,2010301 行政运行,30101,50101,基本支出,,891444,\n"  /* row 2: good */
        "114001,2019988,30101,50101,基本支出,,100,\n"              /* 3: unknown code */
        "114001,2010301,30101,50101,基本支出,,100.125,\n"          /* 4: three decimals */
        "114001,2010305,30226,50502,项目支出,,5000,\n"             /* 5: project without project */
        "114001,2010301,,50101,基本支出,,100,\n"                   /* 6: empty required cell */
        "114001,2010301,30101,50101,基本支出,,1 000,\n",           /* 7: not a number */
        -1, NULL));
    int st;
    char *err = NULL;
    g_free(run((const char *[]){"import", csv, "--into", "samples/zhengzhou-services-2021.yaml",
                                "-o", out, NULL},
               &st, &err));
    assert_int_equal(st, 1);
    static const char *const want[] = {
        ":H1: 不认识的列标题“附注”",
        ":B3: 字段 功能分类科目：科目编码“2019988”不在科目目录中",
        ":G4: 字段 金额：金额应为不带单位的数字，最多两位小数（元），这里是“100.125”",
        ":F5: 字段 项目编码：项目支出的明细要写项目编码",
        ":C6: 字段 部门经济分类科目：缺少部门经济分类科目",
        ":G7: 字段 金额：", NULL};
    for (int i = 0; want[i]; i++)
        if (!strstr(err, want[i]))
            fail_msg("missing “%s” in:\n%s", want[i], err);
    assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
    g_free(err);
    g_free(csv);
    g_free(out);
    test_remove_tree(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_services_office),
        cmocka_unit_test(test_city_government_office),
        cmocka_unit_test(test_district_bureau),
        cmocka_unit_test(test_bad_rows),
    };
    return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
