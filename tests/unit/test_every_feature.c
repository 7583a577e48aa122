/* A format that uses every feature of the format language
 * (tests/fixtures/templates/every-2031), rendered for one department
 * (tests/fixtures/every-2031.yaml) through text, JSON, PDF and XLSX. Every
 * expected figure is worked out by hand from the department's six line
 * items, as the comments show. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib/gstdio.h>

#include "support.h"

#define TEMPLATES "--templates=tests/fixtures/templates"
#define DEPT "tests/fixtures/every-2031.yaml"

/* budgetgen's output for args; its status in *status. */
static char *run(const char *const *args, int *status)
{
    test_run_result r = test_run(args);
    *status = r.status;
    if (r.status)
        print_error("%s", r.err);
    g_free(r.err);
    return r.out;
}

/* The sentences, each computed by hand. */
static const char *const sentences[] = {
    "1、职责一\n2、职责二\n",                       /* numbering from "1、" */
    "二、单位（2个）\n",                             /* a count in a heading */
    "预算单位：一、机关；二、中心。\n",                 /* a list of units, item.ordinal */
    /* n_units - 1 = 1 against 2 projects: the phrase of counts */
    "除机关外还有1个单位，比项目少1个。\n",
    /* 1000 + 300 + 200 + 500 + 50 + 1000 = 3050 against 4000 last year:
     * down 950, 950 / 4000 = 23.75%; 人员经费 1000 + 500 of 2000 basic */
    "支出合计3,050.00元，减少950.00元，下降23.75%。人员经费1,500.00元，占基本支出2,000.00元的75.00%。\n",
    /* 201: 1000 + 300 + 200 + 50 = 1550, 50.8197% → 50.82; 205: 500 + 1000,
     * the last takes the rest: 49.18 */
    "按功能分：一般公共服务支出1,550.00元，占50.82%；教育支出1,500.00元，占49.18%。\n",
    /* basic only: 20103 1500, 20501 500 */
    "20103政府办公厅（室）及相关机构事务占75.00%；20501教育管理事务占25.00%。\n",
    /* 50 元 is 0.005 万元, shown in the figure's own style: 0.01 */
    "公务接待费0.01万元，本部门没有工程采购。\n",
    "二、项目（2个）\n1. 接待项目（乙类）50.00元\n2. 设备项目（甲类）1,000.00元\n",
    "政府采购1,000.00元。\n计算机单价250.00元。\n",  /* 1000 / 4 */
    "国有资本经营预算表（没有国有资本经营预算）。\n",  /* the empty table and its reason */
    NULL};

static void test_text(void **state)
{
    (void)state;
    int st;
    char *out = run((const char *[]){TEMPLATES, "text", DEPT, NULL}, &st);
    assert_int_equal(st, 0);
    for (int i = 0; sentences[i]; i++)
        if (!strstr(out, sentences[i]))
            fail_msg("missing: %s\nin:\n%s", sentences[i], out);
    assert_null(strstr(out, "这一行不出现")); /* its {?figures.not_given} is missing */
    assert_null(strstr(out, "无政府采购")); /* when_zero of 1000 */
    g_free(out);
}

static void test_tables(void **state)
{
    (void)state;
    int st;
    char *out = run((const char *[]){TEMPLATES, "tables", DEPT, NULL}, &st);
    assert_int_equal(st, 0);
    static const char *const rows[] = {
        /* a templated column title, and the 栏次 row */
        "科目编码\t科目名称\t金额\n\t合计\t2031年财政拨款\n栏次\t1\t2\n",
        /* 类 rows over their 款 rows; 财政拨款 is every item but 3 and 4 */
        "\t合计\t3050.00\t2350.00\n301\t工资福利支出\t1500.00\t1000.00\n"
        "30101\t基本工资\t1500.00\t1000.00\n302\t商品和服务支出\t550.00\t350.00\n"
        "30201\t办公费\t500.00\t300.00\n30217\t公务接待费\t50.00\t50.00\n"
        "310\t资本性支出\t1000.00\t1000.00\n31002\t办公设备购置\t1000.00\t1000.00\n",
        /* basic items only, 类 → 款 → 项, in the file's order */
        "\t\t\t合计\t2000.00\n201\t\t\t一般公共服务支出\t1500.00\n"
        "201\t03\t\t政府办公厅（室）及相关机构事务\t1500.00\n201\t03\t01\t行政运行\t1300.00\n"
        "201\t03\t02\t一般行政管理事务\t200.00\n205\t\t\t教育支出\t500.00\n",
        /* projects by code: P1 before P2 although the file lists P2 first */
        "\t合计\t\t1050.00\nP1\t设备项目\t甲类\t1000.00\nP2\t接待项目\t乙类\t50.00\n",
        "备注：本单位无国有资本经营预算支出。\n",
        /* a label over two fixed rows; the department row named by the file
         * (its former name); each unit's code on its 项 rows too */
        "财政资金\t财政拨款\t2350.00\t777\t原测试处\t3050.00\n"
        "\t政府性基金\t200.00\t777001\t机关\t1550.00\n"
        "其他资金\t事业收入\t500.00\t777001\t行政运行\t1300.00\n",
        "\t\t\t777002\t中心\t1500.00\n\t\t\t777002\t行政运行\t1500.00\n",
        /* one form, for the 甲类 project only */
        "表F1 设备项目绩效表\n",
        NULL};
    for (int i = 0; rows[i]; i++)
        if (!strstr(out, rows[i]))
            fail_msg("missing: %s\nin:\n%s", rows[i], out);
    assert_null(strstr(out, "接待项目绩效表"));
    g_free(out);
}

static void test_render(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bgevery-XXXXXX", NULL);
    int st;
    g_free(run((const char *[]){TEMPLATES, "render", "-o", dir, DEPT, NULL}, &st));
    assert_int_equal(st, 0);
    char *pdf = g_build_filename(dir, "777-2031.pdf", NULL);
    char *xlsx = g_build_filename(dir, "777-2031.xlsx", NULL);
    char *json = g_build_filename(dir, "777-2031.json", NULL);
    char *text = g_build_filename(dir, "777-2031.txt", NULL);
    int wait = 0;
    assert_true(g_spawn_sync(NULL, (char *[]){"pdftotext", pdf, text, NULL}, NULL,
                             G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &wait, NULL));
    char *t = NULL;
    assert_true(g_file_get_contents(text, &t, NULL, NULL));
    char *flat = g_strdelimit(g_strdup(t), "\n", ' ');
    GString *joined = g_string_new(NULL); /* lines joined again: a sentence may wrap */
    for (const char *p = flat; *p; p++)
        if (*p != ' ')
            g_string_append_c(joined, *p);
    assert_non_null(strstr(joined->str, "支出合计3,050.00元，减少950.00元，下降23.75%"));
    assert_non_null(strstr(joined->str, "2031年财政拨款"));
    assert_non_null(strstr(joined->str, "附表1"));
    assert_non_null(strstr(joined->str, "部门名称：测试局"));
    assert_null(strstr(joined->str, "{"));
    /* typesetting: page numbers as 第N页, punctuation as written */
    assert_non_null(strstr(joined->str, "第3页"));
    assert_null(strstr(joined->str, "— 3 —"));
    assert_non_null(strstr(joined->str, "附注(照录):原样"));
    g_string_free(joined, TRUE);
    g_free(flat);
    g_free(t);
    /* The workbook read back by openpyxl against the JSON of the tables. */
    char *out = run((const char *[]){TEMPLATES, "tables", "--json", DEPT, NULL}, &st);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "\"text\": \"栏次\""));
    assert_non_null(strstr(out, "\"unit_left\": \"部门名称：测试局\", \"corner\": \"附表1\""));
    assert_non_null(strstr(out, "{\"text\": \"财政资金\", \"rowspan\": 2}"));
    assert_true(g_file_set_contents(json, out, -1, NULL));
    g_free(out);
    int cst = 0;
    char *cout = NULL, *cerr = NULL;
    assert_true(g_spawn_sync(NULL,
                             (char *[]){"/usr/bin/python3", "tests/xlsx/check_xlsx.py", xlsx, json,
                                        NULL},
                             NULL, 0, NULL, NULL, &cout, &cerr, &cst, NULL));
    if (!WIFEXITED(cst) || WEXITSTATUS(cst) != 0)
        fail_msg("the workbook disagrees with the tables:\n%s%s", cout, cerr);
    g_free(cout);
    g_free(cerr);
    test_remove_tree(dir);
    g_free(pdf);
    g_free(xlsx);
    g_free(json);
    g_free(text);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_render),
    };
    return cmocka_run_group_tests_name("every feature", tests, NULL, NULL);
}
