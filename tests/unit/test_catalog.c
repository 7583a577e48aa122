/* The catalog of standard classifications, as kept in templates/catalog/.
 * Expected names are those of ../shared/DOMAIN.md and the seeds' tables. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib/gstdio.h>

#include "model/catalog.h"

static bg_catalog *cat;

static int setup(void **state)
{
    (void)state;
    bg_diag *d = bg_diag_new();
    char *dir = g_build_filename(BG_TEMPLATES_DIR, "catalog", NULL);
    cat = bg_catalog_load(dir, d);
    for (guint i = 0; i < d->errors->len; i++) {
        char *s = bg_error_format(d->errors->pdata[i]);
        print_error("%s\n", s);
        g_free(s);
    }
    g_free(dir);
    bg_diag_free(d);
    return cat ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    bg_catalog_free(cat);
    return 0;
}

static void expect_name(bg_class cls, const char *code, const char *name)
{
    const char *got = bg_catalog_name(cat, cls, code);
    if (!got)
        fail_msg("%s %s missing from the catalog", bg_class_label(cls), code);
    assert_string_equal(got, name);
}

static void test_function_classes(void **state)
{
    (void)state;
    /* Every 类 of DOMAIN.md, with its ordinal code − 200. */
    static const char *const classes[][2] = {
        {"201", "一般公共服务支出"}, {"202", "外交支出"}, {"203", "国防支出"},
        {"204", "公共安全支出"}, {"205", "教育支出"}, {"206", "科学技术支出"},
        {"207", "文化旅游体育与传媒支出"}, {"208", "社会保障和就业支出"},
        {"209", "社会保险基金支出"}, {"210", "卫生健康支出"}, {"211", "节能环保支出"},
        {"212", "城乡社区支出"}, {"213", "农林水支出"}, {"214", "交通运输支出"},
        {"215", "资源勘探工业信息等支出"}, {"216", "商业服务业等支出"}, {"217", "金融支出"},
        {"219", "援助其他地区支出"}, {"220", "自然资源海洋气象等支出"},
        {"221", "住房保障支出"}, {"222", "粮油物资储备支出"},
        {"223", "国有资本经营预算支出"}, {"224", "灾害防治及应急管理支出"},
        {"227", "预备费"}, {"229", "其他支出"}, {"230", "转移性支出"},
        {"231", "债务还本支出"}, {"232", "债务付息支出"}, {"233", "债务发行费用支出"},
        {"234", "抗疫特别国债安排的支出"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(classes); i++)
        assert_non_null(bg_catalog_name(cat, BG_CLASS_FUNCTION, classes[i][0]));
    expect_name(BG_CLASS_FUNCTION, "201", "一般公共服务支出");
    expect_name(BG_CLASS_FUNCTION, "221", "住房保障支出");
}

static void test_function_items_of_the_seeds(void **state)
{
    (void)state;
    /* 项 rows of the seeds' tables 2/3 and 预算03表 (national names). */
    expect_name(BG_CLASS_FUNCTION, "2010301", "行政运行");
    expect_name(BG_CLASS_FUNCTION, "2010350", "事业运行");
    expect_name(BG_CLASS_FUNCTION, "2080501", "行政单位离退休");
    expect_name(BG_CLASS_FUNCTION, "2080505", "机关事业单位基本养老保险缴费支出");
    expect_name(BG_CLASS_FUNCTION, "2100409", "重大公共卫生服务");
    expect_name(BG_CLASS_FUNCTION, "2101101", "行政单位医疗");
    expect_name(BG_CLASS_FUNCTION, "2101102", "事业单位医疗");
    expect_name(BG_CLASS_FUNCTION, "2101103", "公务员医疗补助");
    expect_name(BG_CLASS_FUNCTION, "2210201", "住房公积金");
}

static void test_economic(void **state)
{
    (void)state;
    expect_name(BG_CLASS_DEPT_ECON, "301", "工资福利支出");
    expect_name(BG_CLASS_DEPT_ECON, "30101", "基本工资");
    expect_name(BG_CLASS_DEPT_ECON, "30113", "住房公积金");
    expect_name(BG_CLASS_DEPT_ECON, "30217", "公务接待费");
    expect_name(BG_CLASS_DEPT_ECON, "30231", "公务用车运行维护费");
    expect_name(BG_CLASS_DEPT_ECON, "30239", "其他交通费用");
    expect_name(BG_CLASS_GOV_ECON, "501", "机关工资福利支出");
    expect_name(BG_CLASS_GOV_ECON, "50101", "工资奖金津补贴");
    expect_name(BG_CLASS_GOV_ECON, "50501", "工资福利支出");
    expect_name(BG_CLASS_GOV_ECON, "50502", "商品和服务支出");
    assert_null(bg_catalog_name(cat, BG_CLASS_GOV_ECON, "59998"));
}

static void test_funds(void **state)
{
    (void)state;
    int f = bg_catalog_fund(cat, "财政拨款");
    assert_true(f >= 0);
    const bg_fund *fund = cat->funds->pdata[f];
    assert_string_equal(fund->budget, "一般公共预算");
    assert_true(fund->appropriation);
    fund = cat->funds->pdata[bg_catalog_fund(cat, "事业收入")];
    assert_string_equal(fund->budget, "单位资金");
    assert_false(fund->appropriation);
    assert_true(((bg_fund *)cat->funds->pdata[bg_catalog_fund(cat, "政府性基金")])->appropriation);
    assert_int_equal(bg_catalog_fund(cat, "财政"), -1);
}

static void test_malformed_catalog(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bgcat-XXXXXX", NULL);
    const char *files[] = {"function.tsv", "dept_econ.tsv", "gov_econ.tsv", "funds.tsv"};
    const char *texts[] = {"# c\n201\t一般公共服务支出\n2010301\n", "30101\t基本工资\n",
                           "50101\t工资奖金津补贴\n", "财政拨款\t财政拨款\t一般公共预算\t是\n"};
    for (int i = 0; i < 4; i++) {
        char *p = g_build_filename(dir, files[i], NULL);
        g_file_set_contents(p, texts[i], -1, NULL);
        g_free(p);
    }
    bg_diag *d = bg_diag_new();
    assert_null(bg_catalog_load(dir, d));
    assert_int_equal(bg_diag_count(d), 1);
    const bg_error *e = d->errors->pdata[0];
    assert_int_equal(e->line, 3);
    assert_true(g_str_has_suffix(e->file, "function.tsv"));
    bg_diag_free(d);
    for (int i = 0; i < 4; i++) {
        char *p = g_build_filename(dir, files[i], NULL);
        g_remove(p);
        g_free(p);
    }
    g_rmdir(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_function_classes),
        cmocka_unit_test(test_function_items_of_the_seeds),
        cmocka_unit_test(test_economic),
        cmocka_unit_test(test_funds),
        cmocka_unit_test(test_malformed_catalog),
    };
    return cmocka_run_group_tests_name("catalog", tests, setup, teardown);
}
