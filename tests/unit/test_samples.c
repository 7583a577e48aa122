/* The samples load and return the published figures. Every expected value is
 * transcribed by hand from ../shared/seeds/ (file and table named beside it). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "support.h"

#include "derive/totals.h"
#include "input/load.h"


static bg_department *load_sample(const char *file)
{
    char *path = g_build_filename("samples", file, NULL);
    bg_department *d = test_load(path);
    g_free(path);
    return d;
}

static bg_money yuan(int64_t y)
{
    return y * 100;
}

static bg_money fund_total(const bg_department *d, const bg_totals *t, const char *code)
{
    int f = bg_catalog_fund(d->catalog, code);
    assert_true(f >= 0);
    return t->by_fund[f];
}

static bg_money project_amount(const bg_department *d, const bg_totals *t, const char *name)
{
    for (guint i = 0; i < d->projects->len; i++)
        if (strcmp(g_array_index(d->projects, bg_project, i).name, name) == 0)
            return t->by_project[i];
    fail_msg("no project named %s", name);
    return -1;
}

/* 001_35918868aa201ab5.txt, 郑州市政务服务办公室 2021, tables 1 and 12 (元). */
static void test_services_office(void **state)
{
    (void)state;
    bg_department *d = load_sample("zhengzhou-services-2021.yaml");
    bg_totals t;
    bg_totals_compute(d, &t);
    assert_string_equal(d->name, "郑州市政务服务办公室");
    assert_int_equal(d->year, 2021);
    assert_int_equal(t.total, yuan(24308771));   /* 本年收入合计 */
    assert_int_equal(t.basic, yuan(3949971));    /* 一、基本支出 */
    assert_int_equal(t.project, yuan(20358800)); /* 二、项目支出 */
    assert_int_equal(fund_total(d, &t, "财政拨款"), yuan(24308771));
    assert_int_equal(d->projects->len, 5);
    /* table 12, 项目本年度金额 */
    assert_int_equal(project_amount(d, &t, "劳务派遣人员聘用及竞赛评选绩效奖励经费"), yuan(5841800));
    assert_int_equal(project_amount(d, &t, "市政务服务办事大厅2019年-2023年办公设备外包服务经费"), yuan(2490000));
    assert_int_equal(project_amount(d, &t, "市政务服务办事大厅双休日开放保障经费"), yuan(1000000));
    assert_int_equal(project_amount(d, &t, "市政务服务办事大厅运行专项经费"), yuan(4577000));
    assert_int_equal(project_amount(d, &t, "政务服务中心大厅派驻人员绩效奖励经费"), yuan(6450000));
    bg_totals_clear(&t);
    bg_department_free(d);
}

/* 000_9e61699656ab3321.txt, 郑州市人民政府办公厅 2021, table 1 (元). */
static void test_city_government_office(void **state)
{
    (void)state;
    bg_department *d = load_sample("zhengzhou-gov-office-2021.yaml");
    bg_totals t;
    bg_totals_compute(d, &t);
    assert_string_equal(d->name, "郑州市人民政府办公厅");
    assert_int_equal(t.total, yuan(96619907));
    assert_int_equal(t.basic, yuan(54325207));
    assert_int_equal(t.project, yuan(42294700));
    assert_int_equal(fund_total(d, &t, "财政拨款"), yuan(96619907));
    bg_totals_clear(&t);
    bg_department_free(d);
}

/* 002_2cbe70dc08db2c55.txt, 管城回族区政务服务和大数据管理局 2023, 预算01表 and
 * 预算03表 (万元, two decimals). */
static void test_district_bureau(void **state)
{
    (void)state;
    bg_department *d = load_sample("guancheng-bigdata-2023.json");
    bg_totals t;
    bg_totals_compute(d, &t);
    char buf[BG_MONEY_BUF];
    assert_string_equal(d->name, "郑州市管城回族区政务服务和大数据管理局");
    assert_int_equal(d->year, 2023);
    assert_string_equal(bg_money_format_wan(t.total, 2, 0, buf), "845.70");
    assert_string_equal(bg_money_format_wan(t.basic, 2, 0, buf), "345.70");
    assert_string_equal(bg_money_format_wan(t.project, 2, 0, buf), "500.00");
    assert_string_equal(bg_money_format_wan(fund_total(d, &t, "财政拨款"), 2, 0, buf), "845.70");
    bg_totals_clear(&t);
    bg_department_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_services_office),
        cmocka_unit_test(test_city_government_office),
        cmocka_unit_test(test_district_bureau),
    };
    return cmocka_run_group_tests_name("samples", tests, test_setup_catalog, test_teardown_catalog);
}
