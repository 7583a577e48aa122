/* Hostile and mistaken input (issue 11): every reproducer of a crash, a hang
 * or a silently wrong figure is a file here, refused with a positioned
 * Chinese message. The same inputs are fuzzing regressions
 * (tests/fuzz/regressions/). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib/gstdio.h>

#include "support.h"

#include "input/format_load.h"
#include "input/load.h"
#include "model/textfile.h"

/* A valid file; cases append line items or replace a line. */
#define HEAD                                                                    \
    "department:\n"                                          /* 1 */            \
    "  code: \"114\"\n"                                      /* 2 */            \
    "  name: 测试部门\n"                                     /* 3 */            \
    "  year: 2021\n"                                         /* 4 */            \
    "  format: zhengzhou-2021\n"                             /* 5 */            \
    "units:\n"                                               /* 6 */            \
    "  - {code: \"114001\", name: 机关, type: 行政}\n"       /* 7 */            \
    "line_items:\n"                                          /* 8 */

#define ITEM(amount)                                                                   \
    "  - {unit: \"114001\", function: \"2010301\", dept_econ: \"30101\", gov_econ: " \
    "\"50101\", amount: " amount "}\n"

typedef struct {
    bg_diag *diag;
    bg_department *dep;
} result;

static result load_len(const char *name, const char *text, size_t len)
{
    result r = {.diag = bg_diag_new()};
    r.dep = bg_load_department_text(name, text, len, test_catalog, test_formats, r.diag);
    bg_diag_sort(r.diag);
    return r;
}

static result load(const char *name, const char *text)
{
    return load_len(name, text, strlen(text));
}

/* Asserts the load failed and that its first error is at line:column, for
 * `field` (when given), saying `words`. */
static void expect_first(const result *r, int line, int column, const char *field,
                         const char *words)
{
    assert_null(r->dep);
    assert_true(bg_diag_count(r->diag) > 0);
    const bg_error *e = r->diag->errors->pdata[0];
    char *msg = bg_error_format(e);
    print_message("%s\n", msg);
    g_free(msg);
    assert_int_equal(e->line, line);
    assert_int_equal(e->column, column);
    if (field)
        assert_string_equal(e->field, field);
    assert_non_null(strstr(e->message, words));
}

static void done(result *r)
{
    bg_department_free(r->dep);
    bg_diag_free(r->diag);
}

/* Item 2: each amount is in range, their sum is not. 100,000 of them would
 * print a negative 收支总计; the loader stops at the cap, at the 1001st. */
static void test_sum_of_amounts_overflows(void **state)
{
    (void)state;
    GString *s = g_string_new(HEAD);
    for (int i = 0; i < 100000; i++)
        g_string_append(s, ITEM("999999999999.99"));
    result r = load("big.yaml", s->str);
    expect_first(&r, 9, 3, "line_items（预算明细）", "金额之和超过 1,000,000,000,000,000.00 元");
    assert_non_null(strstr(((bg_error *)r.diag->errors->pdata[0])->message, "第 1001 条"));
    assert_int_equal(bg_diag_count(r.diag), 1);
    done(&r);
    g_string_free(s, TRUE);
}

static void test_sum_at_cap_is_fine(void **state)
{
    (void)state;
    /* 1000 items of 999,999,999,999.99 and one of 10 元 are just below it. */
    GString *s = g_string_new(HEAD);
    for (int i = 0; i < 1000; i++)
        g_string_append(s, ITEM("999999999999.99"));
    g_string_append(s, ITEM("10"));
    result r = load("cap.yaml", s->str);
    test_print_errors(r.diag);
    assert_non_null(r.dep);
    done(&r);
    g_string_free(s, TRUE);
}

static void test_procurement_sum_overflows(void **state)
{
    (void)state;
    GString *s = g_string_new(HEAD ITEM("1") "procurement:\n");
    for (int i = 0; i < 1001; i++)
        g_string_append(s, "  - {unit: \"114001\", function: \"2010301\", item: 电脑, "
                           "category: 货物, amount: 999999999999.99}\n");
    result r = load("proc.yaml", s->str);
    expect_first(&r, 11, 3, "procurement（政府采购）", "全部政府采购的金额之和超过");
    done(&r);
    g_string_free(s, TRUE);
}

/* Item 13: `amount: 1,000` in a flow mapping reads as amount 1 and a key
 * "000"; in a block mapping as the text "1,000". Both get the same answer. */
static void test_thousands_separator(void **state)
{
    (void)state;
    result r = load("t.yaml", HEAD ITEM("1,000"));
    expect_first(&r, 9, 90, "line_items[1].amount（金额）", "金额不要写千位分隔符，应写作 1000");
    assert_int_equal(bg_diag_count(r.diag), 1);
    done(&r);
    r = load("t.yaml", HEAD ITEM("12,345,678.50"));
    expect_first(&r, 9, 90, "line_items[1].amount（金额）", "应写作 12345678.50");
    assert_int_equal(bg_diag_count(r.diag), 1);
    done(&r);
    r = load("t.yaml", HEAD "  - unit: \"114001\"\n    function: \"2010301\"\n"
                            "    dept_econ: \"30101\"\n    gov_econ: \"50101\"\n"
                            "    amount: 2,500\n");
    expect_first(&r, 13, 13, "line_items[1].amount（金额）", "应写作 2500");
    done(&r);
    r = load("t.yaml", HEAD ITEM("\"1，000\""));
    expect_first(&r, 9, 90, "line_items[1].amount（金额）", "应写作 1000");
    done(&r);
    /* A space after the comma is two fields, not a separator. */
    r = load("t.yaml", HEAD ITEM("1, 000: x"));
    expect_first(&r, 9, 93, "line_items[1].000", "没有这个字段");
    done(&r);
}

static void test_leading_zero(void **state)
{
    (void)state;
    result r = load("t.yaml", HEAD ITEM("017"));
    expect_first(&r, 9, 90, "line_items[1].amount（金额）", "金额不能以 0 开头：“017”应写作 17");
    done(&r);
    r = load("t.yaml", HEAD ITEM("00.50"));
    expect_first(&r, 9, 90, "line_items[1].amount（金额）", "应写作 0.50");
    done(&r);
    r = load("t.yaml", HEAD ITEM("0.50"));
    assert_non_null(r.dep);
    done(&r);
}

/* "a\u0000b" was cut to "a" without a word. */
static void test_nul_in_string(void **state)
{
    (void)state;
    result r = load("t.yaml", "department:\n  code: \"114\"\n  name: \"测试\\u0000部门\"\n");
    expect_first(&r, 3, 9, NULL, "空字符");
    done(&r);
    r = load("t.json", "{\"department\": {\"name\": \"a\\u0000b\"}}");
    expect_first(&r, 1, 25, NULL, "空字符");
    done(&r);
    /* A raw NUL byte is no text at all. */
    static const char raw[] = "department:\n  name: a\0b\n";
    r = load_len("t.yaml", raw, sizeof raw - 1);
    expect_first(&r, 2, 10, NULL, "空字节");
    done(&r);
}

/* Item 12: no real name is this long; layout need not see one. */
static void test_name_too_long(void **state)
{
    (void)state;
    GString *s = g_string_new("department:\n  code: \"114\"\n  name: ");
    for (int i = 0; i < 201; i++)
        g_string_append(s, "局");
    g_string_append(s, "\n  year: 2021\n  format: zhengzhou-2021\n"
                       "units:\n  - {code: \"114001\", name: 机关, type: 行政}\nline_items: []\n");
    result r = load("t.yaml", s->str);
    expect_first(&r, 3, 9, "department.name（部门名称）", "名称过长（201 个字符，最多 200 个）");
    done(&r);
    g_string_free(s, TRUE);
}

/* A format.yaml of `text` in a templates directory of its own. */
static bg_format *load_format(const char *text, size_t len, bg_diag *diag)
{
    char *dir = g_dir_make_tmp("bghostile-XXXXXX", NULL);
    char *sub = g_build_filename(dir, "x", NULL);
    assert_int_equal(g_mkdir(sub, 0700), 0);
    char *file = g_build_filename(sub, "format.yaml", NULL);
    assert_true(g_file_set_contents(file, text, (gssize)len, NULL));
    bg_format *f = bg_format_load(dir, "x", test_catalog, diag);
    test_remove_tree(dir);
    g_free(file);
    g_free(sub);
    g_free(dir);
    return f;
}

/* Item 9: libfyaml spun forever on these three bytes. */
static void test_format_not_utf8(void **state)
{
    (void)state;
    bg_diag *diag = bg_diag_new();
    assert_null(load_format("%\xff\n", 3, diag));
    assert_int_equal(bg_diag_count(diag), 1);
    const bg_error *e = diag->errors->pdata[0];
    assert_true(g_str_has_suffix(e->file, "x/format.yaml"));
    assert_int_equal(e->line, 1);
    assert_int_equal(e->column, 2);
    assert_non_null(strstr(e->message, "不是 UTF-8 编码"));
    bg_diag_free(diag);
}

/* Item 8: a table without `id` after another table crashed the check for
 * repeated ids (strcmp on NULL). */
static void test_format_table_without_id(void **state)
{
    (void)state;
    static const char text[] = "name: x\n"
                               "money: {unit: 元}\n"
                               "project_categories: [其他项目]\n"
                               "tables:\n"
                               "  - {id: \"1\", title: 甲, columns: [{title: 项目, key: label}]}\n"
                               "  - {title: 乙, columns: [{title: 项目, key: label}]}\n";
    bg_diag *diag = bg_diag_new();
    assert_null(load_format(text, sizeof text - 1, diag));
    test_print_errors(diag);
    assert_int_equal(bg_diag_count(diag), 1);
    const bg_error *e = diag->errors->pdata[0];
    assert_int_equal(e->line, 6);
    assert_int_equal(e->column, 5);
    assert_string_equal(e->field, "tables[2].id");
    assert_non_null(strstr(e->message, "缺少必填字段"));
    bg_diag_free(diag);
}

/* The catalog's .tsv files are text too. */
static void test_catalog_not_utf8(void **state)
{
    (void)state;
    char *dir = test_templates_with("catalog/function.tsv", "201\t", "2\xff\t");
    char *cat = g_build_filename(dir, "catalog", NULL);
    bg_diag *diag = bg_diag_new();
    assert_null(bg_catalog_load(cat, diag));
    assert_true(bg_diag_count(diag) >= 1);
    const bg_error *e = diag->errors->pdata[0];
    assert_true(g_str_has_suffix(e->file, "function.tsv"));
    assert_non_null(strstr(e->message, "不是 UTF-8 编码"));
    bg_diag_free(diag);
    test_remove_tree(dir);
    g_free(cat);
    g_free(dir);
}

/* Item 13: a FIFO blocked forever; only regular files are read. */
static void test_fifo_refused(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bghostile-XXXXXX", NULL);
    char *fifo = g_build_filename(dir, "in.yaml", NULL);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    bg_diag *diag = bg_diag_new();
    bool io = false;
    assert_null(bg_load_department(fifo, test_catalog, test_formats, diag, &io));
    assert_true(io);
    assert_int_equal(bg_diag_count(diag), 1);
    assert_non_null(strstr(((bg_error *)diag->errors->pdata[0])->message, "命名管道"));
    bg_diag_free(diag);
    diag = bg_diag_new();
    assert_null(bg_load_department(dir, test_catalog, test_formats, diag, &io));
    assert_non_null(strstr(((bg_error *)diag->errors->pdata[0])->message, "目录"));
    bg_diag_free(diag);
    g_remove(fifo);
    g_rmdir(dir);
    g_free(fifo);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sum_of_amounts_overflows),
        cmocka_unit_test(test_sum_at_cap_is_fine),
        cmocka_unit_test(test_procurement_sum_overflows),
        cmocka_unit_test(test_thousands_separator),
        cmocka_unit_test(test_leading_zero),
        cmocka_unit_test(test_nul_in_string),
        cmocka_unit_test(test_name_too_long),
        cmocka_unit_test(test_format_not_utf8),
        cmocka_unit_test(test_format_table_without_id),
        cmocka_unit_test(test_catalog_not_utf8),
        cmocka_unit_test(test_fifo_refused),
    };
    return cmocka_run_group_tests_name("hostile", tests, test_setup_catalog,
                                       test_teardown_catalog);
}
