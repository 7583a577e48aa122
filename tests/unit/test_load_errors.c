/* Bad input: every kind of mistake gets an error naming line:column and the
 * field, in Chinese, and nothing is returned. Each case is a small department
 * file written here, so that its positions can be counted by eye. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "support.h"

#include "input/load.h"


/* A valid file; cases replace one line of it. Line numbers matter. */
#define HEAD                                                                    \
    "department:\n"                                          /* 1 */            \
    "  code: \"114\"\n"                                      /* 2 */            \
    "  name: 测试部门\n"                                     /* 3 */            \
    "  year: 2021\n"                                         /* 4 */            \
    "  format: zhengzhou-2021\n"                             /* 5 */            \
    "units:\n"                                               /* 6 */            \
    "  - {code: \"114001\", name: 机关, type: 行政}\n"       /* 7 */            \
    "projects:\n"                                            /* 8 */            \
    "  - {code: P1, name: 项目一, unit: \"114001\", category: 其他项目}\n" /* 9 */ \
    "line_items:\n"                                          /* 10 */

#define ITEM(rest) "  - {unit: \"114001\", function: \"2010301\", dept_econ: \"30101\", " rest "}\n"

typedef struct {
    int count;
    const bg_error *first;
    bg_diag *diag;
    bg_department *dep;
} result;

static result load(const char *name, const char *text)
{
    result r = {0};
    r.diag = bg_diag_new();
    r.dep = bg_load_department_text(name, text, strlen(text), test_catalog, test_formats,
                                    r.diag);
    bg_diag_sort(r.diag);
    r.count = (int)bg_diag_count(r.diag);
    r.first = r.count ? r.diag->errors->pdata[0] : NULL;
    return r;
}

static void done(result *r)
{
    bg_department_free(r->dep);
    bg_diag_free(r->diag);
}

/* Asserts that error i of r is at line:column, names `field` and says `words`. */
static void expect(const result *r, int i, int line, int column, const char *field,
                   const char *words)
{
    assert_null(r->dep);
    assert_true(i < r->count);
    const bg_error *e = r->diag->errors->pdata[i];
    char *msg = bg_error_format(e);
    print_message("%s\n", msg);
    assert_int_equal(e->line, line);
    assert_int_equal(e->column, column);
    if (field)
        assert_non_null(strstr(e->field, field));
    assert_non_null(strstr(e->message, words));
    g_free(msg);
}

static void test_valid_base(void **state)
{
    (void)state;
    result r = load("ok.yaml", HEAD ITEM("gov_econ: \"50101\", amount: 891444.00"));
    assert_int_equal(r.count, 0);
    assert_non_null(r.dep);
    assert_int_equal(r.dep->items->len, 1);
    assert_int_equal(g_array_index(r.dep->items, bg_item, 0).amount, 89144400);
    done(&r);
}

static void test_malformed_yaml(void **state)
{
    (void)state;
    result r = load("bad.yaml", HEAD "  - {unit: \"114001\", amount: [1\n");
    expect(&r, 0, 12, 1, NULL, "YAML 语法错误");
    done(&r);
}

static void test_malformed_json(void **state)
{
    (void)state;
    result r = load("bad.json", "{\n  \"department\": {\"code\": \"114\",},\n}\n");
    expect(&r, 0, 2, 31, NULL, "JSON 语法错误");
    done(&r);
}

static void test_text_for_amount(void **state)
{
    (void)state;
    result r = load("t.yaml", HEAD ITEM("gov_econ: \"50101\", amount: 八十万"));
    /* column 90: the first character of 八十万 */
    expect(&r, 0, 11, 90, "line_items[1].amount", "应为金额");
    assert_int_equal(r.count, 1);
    done(&r);
}

static void test_three_decimals(void **state)
{
    (void)state;
    result r = load("t.yaml", HEAD ITEM("gov_econ: \"50101\", amount: 1.234"));
    expect(&r, 0, 11, 90, "line_items[1].amount", "最多两位小数");
    done(&r);
}

static void test_out_of_range(void **state)
{
    (void)state;
    result r = load("t.yaml", HEAD ITEM("gov_econ: \"50101\", amount: 1000000000000")
                                  ITEM("gov_econ: \"50101\", amount: -5"));
    expect(&r, 0, 11, 90, "line_items[1].amount", "超出范围");
    expect(&r, 1, 12, 90, "line_items[2].amount", "不能为负数");
    done(&r);
}

static void test_unknown_field(void **state)
{
    (void)state;
    result r = load("t.yaml", HEAD ITEM("gov_econ: \"50101\", amout: 1"));
    expect(&r, 0, 11, 5, "line_items[1].amount", "缺少必填字段"); /* at its opening brace */
    expect(&r, 1, 11, 82, "line_items[1].amout", "是不是“amount”");
    assert_int_equal(r.count, 2);
    done(&r);
}

static void test_missing_required(void **state)
{
    (void)state;
    result r = load("t.yaml", "department:\n  code: \"114\"\n  year: 2021\n"
                              "  format: zhengzhou-2021\nunits: []\nline_items: []\n");
    expect(&r, 0, 2, 3, "department.name", "缺少必填字段");
    done(&r);
}

static void test_unknown_codes(void **state)
{
    (void)state;
    result r = load("t.yaml", HEAD
                    "  - {unit: \"114001\", function: \"2018888\", dept_econ: \"30101\", gov_econ: \"50101\", amount: 1}\n"
                    "  - {unit: \"114001\", function: \"2010301\", dept_econ: \"30198\", gov_econ: \"50101\", amount: 1}\n"
                    "  - {unit: \"114001\", function: \"2010301\", dept_econ: \"30101\", gov_econ: \"59998\", amount: 1}\n");
    expect(&r, 0, 11, 32, "line_items[1].function", "支出功能分类科目“2018888”不在科目目录中");
    expect(&r, 1, 12, 54, "line_items[2].dept_econ", "部门预算支出经济分类科目“30198”");
    expect(&r, 2, 13, 73, "line_items[3].gov_econ", "政府预算支出经济分类科目“59998”");
    done(&r);
}

static void test_name_makes_code_known(void **state)
{
    (void)state;
    result r = load("t.yaml", HEAD
                    "  - {unit: \"114001\", function: \"2018888\", dept_econ: \"30101\", gov_econ: \"50101\", amount: 1}\n"
                    "names:\n  function: {\"2018888\": 其他一般公共服务支出（本地）}\n");
    assert_int_equal(r.count, 0);
    assert_string_equal(bg_department_code_name(r.dep, BG_CLASS_FUNCTION, "2018888"),
                        "其他一般公共服务支出（本地）");
    done(&r);
}

static void test_bad_code_shape(void **state)
{
    (void)state;
    result r = load("t.yaml", HEAD
                    "  - {unit: \"114001\", function: \"20103\", dept_econ: \"30101\", gov_econ: \"50101\", amount: 1}\n");
    expect(&r, 0, 11, 32, "line_items[1].function", "7 位数字");
    done(&r);
}

static void test_missing_unit_and_project(void **state)
{
    (void)state;
    result r = load("t.yaml", HEAD
                    "  - {unit: \"114002\", function: \"2010301\", dept_econ: \"30101\", gov_econ: \"50101\", project: P9, amount: 1}\n");
    expect(&r, 0, 11, 12, "line_items[1].unit", "单位编码“114002”不存在");
    expect(&r, 1, 11, 91, "line_items[1].project", "项目编码“P9”不存在");
    done(&r);
}

static void test_not_utf8(void **state)
{
    (void)state;
    /* 测试 in GBK is B2 E2 CA D4 */
    result r = load("gbk.yaml", "department:\n  name: \xB2\xE2\xCA\xD4\n");
    expect(&r, 0, 2, 9, NULL, "不是 UTF-8 编码");
    assert_int_equal(r.count, 1);
    done(&r);
}

static void test_every_error_reported(void **state)
{
    (void)state;
    result r = load("t.yaml", HEAD ITEM("gov_econ: \"50101\", amount: x")
                                  ITEM("gov_econ: \"50101\", amount: 1.001")
                                  ITEM("gov_econ: \"50101\", amount: 2, colour: red"));
    assert_int_equal(r.count, 3);
    expect(&r, 0, 11, 90, NULL, "应为金额");
    expect(&r, 1, 12, 90, NULL, "最多两位小数");
    expect(&r, 2, 13, 93, "colour", "没有这个字段");
    done(&r);
}

static void test_wrong_category_and_format(void **state)
{
    (void)state;
    result r = load("t.yaml",
                    "department: {code: \"1\", name: x, year: 2021, format: nowhere}\n"
                    "units: [{code: \"1001\", name: y, type: 机关}]\nline_items: []\n");
    expect(&r, 0, 1, 54, "department.format", "没有名为“nowhere”的公开格式");
    expect(&r, 1, 2, 39, "units[1].type", "应为“行政”“事业”或“参公”");
    done(&r);
}

/* Texts quoting texts: a cycle, and a chain deeper than the expander
 * goes, are errors at each text that starts one; three links are fine. */
static void test_text_quotes(void **state)
{
    (void)state;
    result r = load("cycle.yaml", HEAD ITEM("gov_econ: \"50101\", amount: 1.00")
                                      "texts:\n"                        /* 12 */
                                      "  a: \"见{texts.b}\"\n"           /* 13 */
                                      "  b: \"见{texts.a}\"\n");         /* 14 */
    assert_int_equal(r.count, 2);
    expect(&r, 0, 13, 3, "texts.a", "互相引用成环（texts.a → texts.b → texts.a）");
    expect(&r, 1, 14, 3, "texts.b", "互相引用成环");
    done(&r);
    r = load("deep.yaml", HEAD ITEM("gov_econ: \"50101\", amount: 1.00")
                              "texts:\n"                                /* 12 */
                              "  d1: \"一{texts.d2}\"\n"                 /* 13 */
                              "  d2: \"二{texts.d3}\"\n"                 /* 14 */
                              "  d3: \"三{texts.d4:x}\"\n"               /* 15 */
                              "  d4: \"四{texts.d5}\"\n"                 /* 16 */
                              "  d5: \"五\"\n");
    assert_int_equal(r.count, 1);
    expect(&r, 0, 13, 3, "texts.d1", "层层引用 4 层（texts.d1 → texts.d2 → texts.d3 → texts.d4 → texts.d5），最多 3 层");
    done(&r);
    r = load("three.yaml", HEAD ITEM("gov_econ: \"50101\", amount: 1.00")
                               "texts:\n"
                               "  d2: \"二{texts.d3}\"\n"
                               "  d3: \"三{texts.d4}\"\n"
                               "  d4: \"四{texts.d5}\"\n"
                               "  d5: \"五\"\n");
    assert_int_equal(r.count, 0);
    done(&r);
}

static void test_json_same_schema(void **state)
{
    (void)state;
    const char *json =
        "{\"department\": {\"code\": \"114\", \"name\": \"测试\", \"year\": 2021,"
        " \"format\": \"zhengzhou-2021\"},\n"
        " \"units\": [{\"code\": \"114001\", \"name\": \"机关\", \"type\": \"行政\"}],\n"
        " \"line_items\": [{\"unit\": \"114001\", \"function\": \"2010301\","
        " \"dept_econ\": \"30101\", \"gov_econ\": \"50101\", \"amount\": \"12.5\"},\n"
        "  {\"unit\": \"114001\", \"function\": \"2010301\", \"dept_econ\": \"30101\","
        " \"gov_econ\": \"50101\", \"amount\": true}]}\n";
    result r = load("t.json", json);
    expect(&r, 0, 4, 98, "line_items[2].amount", "应为金额");
    assert_int_equal(r.count, 1);
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_base),
        cmocka_unit_test(test_malformed_yaml),
        cmocka_unit_test(test_malformed_json),
        cmocka_unit_test(test_text_for_amount),
        cmocka_unit_test(test_three_decimals),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_unknown_field),
        cmocka_unit_test(test_missing_required),
        cmocka_unit_test(test_unknown_codes),
        cmocka_unit_test(test_name_makes_code_known),
        cmocka_unit_test(test_bad_code_shape),
        cmocka_unit_test(test_missing_unit_and_project),
        cmocka_unit_test(test_not_utf8),
        cmocka_unit_test(test_every_error_reported),
        cmocka_unit_test(test_wrong_category_and_format),
        cmocka_unit_test(test_text_quotes),
        cmocka_unit_test(test_json_same_schema),
    };
    return cmocka_run_group_tests_name("load_errors", tests, test_setup_catalog, test_teardown_catalog);
}
