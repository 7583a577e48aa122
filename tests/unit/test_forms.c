/* Forms (performance targets): fields of the department file and derived
 * totals, never typed. Expected values are transcribed from the seeds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "support.h"

#include "derive/pivot.h"
#include "input/load.h"


/* The text of the cell to the right of the (first) cell reading `label`,
 * skipping the label's own span. */
static const char *beside(const bg_table *t, const char *label)
{
    for (guint i = 0; i < t->rows->len; i++) {
        const bg_row *row = t->rows->pdata[i];
        for (int c = 0; c < t->n_cols; c++) {
            if (row->cells[c].covered || strcmp(row->cells[c].text, label) != 0)
                continue;
            int next = c + MAX(1, row->cells[c].colspan);
            assert_true(next < t->n_cols);
            return row->cells[next].text;
        }
    }
    fail_msg("no cell %s in table %s", label, t->id);
    return NULL;
}

/* 001, 整体绩效目标申报表: 预算情况 2430.88 / 2430.88 / — / 395 / 2035.88 万元. */
static void test_services_overall(void **state)
{
    (void)state;
    test_derived r = test_derive("samples/zhengzhou-services-2021.yaml");
    const bg_table *t = test_table(&r, "11");
    assert_true(t->form);
    assert_string_equal(t->subtitle, "（2021年度）");
    assert_string_equal(beside(t, "部门（单位）名称"), "郑州市政务服务办公室");
    assert_string_equal(beside(t, "部门预算总额（万元）"), "2430.88");
    assert_string_equal(beside(t, "1、资金来源：（1）财政性资金"), "2430.88");
    assert_string_equal(beside(t, "（2）其他资金"), "");
    assert_string_equal(beside(t, "2、资金结构：（1）基本支出"), "395");
    assert_string_equal(beside(t, "（2）项目支出"), "2035.88");
    /* 年度主要任务 spans its header row and its five tasks */
    for (guint i = 0; i < t->rows->len; i++) {
        const bg_row *row = t->rows->pdata[i];
        if (strcmp(row->cells[0].text, "年度主要任务") == 0)
            assert_int_equal(row->cells[0].rowspan, 6);
        if (strcmp(row->cells[0].text, "投入管理指标") == 0 && !row->cells[0].covered)
            /* 3 + 12 + 4 indicators under it in the published form */
            assert_int_equal(row->cells[0].rowspan, 19);
    }
    test_derived_free(&r);
}

/* 001, 预算项目绩效目标表 of 劳务派遣…: amounts as printed (元, two decimals). */
static void test_services_project(void **state)
{
    (void)state;
    test_derived r = test_derive("samples/zhengzhou-services-2021.yaml");
    const bg_table *t = NULL;
    for (guint i = 0; i < r.tables->len && !t; i++) {
        const bg_table *x = r.tables->pdata[i];
        if (strcmp(x->number, "12") == 0 && x->rows->len &&
            strcmp(beside(x, "项目名称"), "劳务派遣人员聘用及竞赛评选绩效奖励经费") == 0)
            t = x;
    }
    assert_non_null(t);
    assert_string_equal(t->title, "郑州市政务服务办公室机关支出项目绩效目标表");
    assert_string_equal(beside(t, "单位编码"), "114001");
    assert_string_equal(beside(t, "项目总金额"), "5841800.00");
    assert_string_equal(beside(t, "项目本年度金额"), "5841800.00");
    assert_string_equal(beside(t, "上年度项目总金额"), "5840000.00");
    assert_string_equal(beside(t, "项目上年度金额"), "5840000.00");
    assert_string_equal(beside(t, "聘用人员"), "=110");
    test_derived_free(&r);
}

/* 002, 预算12表: 845.70 / 845.70 / — / — / 345.70 / 500.00; 预算13表: 综合办事大厅水电费. */
static void test_district_forms(void **state)
{
    (void)state;
    test_derived r = test_derive("samples/guancheng-bigdata-2023.json");
    const bg_table *t = test_table(&r, "12");
    assert_string_equal(beside(t, "部门预算总额（万元）"), "845.70");
    assert_string_equal(beside(t, "1、资金来源：（1）政府预算资金"), "845.70");
    assert_string_equal(beside(t, "（2）财政专户管理资金"), "");
    assert_string_equal(beside(t, "2、资金结构：（1）基本支出"), "345.70");
    assert_string_equal(beside(t, "（2）项目支出"), "500.00");
    assert_string_equal(beside(t, "年度履职目标相关性"), "相关");

    t = test_table(&r, "13");
    assert_int_equal(t->header_rows, 3);
    assert_string_equal(beside(t, "129"), "");
    assert_string_equal(beside(t, "郑州市管城回族区政务服务和大数据管理局"), "500.00");
    assert_string_equal(beside(t, "410104220000000001291"), "综合办事大厅水电费");
    assert_string_equal(beside(t, "综合办事大厅水电费"), "30.00");
    assert_string_equal(beside(t, "水电费覆盖办公区域面积"), "≥7500平方米");
    test_derived_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_services_overall),
        cmocka_unit_test(test_services_project),
        cmocka_unit_test(test_district_forms),
    };
    return cmocka_run_group_tests_name("forms", tests, test_setup_catalog, test_teardown_catalog);
}
