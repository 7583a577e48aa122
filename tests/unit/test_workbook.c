/* The input workbook: `budgetgen template` writes it for a format, a
 * script fills it with a sample's data as an office would by hand
 * (tests/import/fill_workbook.py, openpyxl), and the filled workbook, read
 * as a department file, gives the sample's tables and narrative byte for
 * byte; a bad cell is an error at that cell; LibreOffice keeps the
 * workbook's drop-down lists. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <glib/gstdio.h>

#include "support.h"

static char *dir;

static int setup(void **state)
{
    (void)state;
    dir = g_dir_make_tmp("bgworkbook-XXXXXX", NULL);
    return dir ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    test_remove_tree(dir);
    g_free(dir);
    return 0;
}

/* The sample filled into its format's workbook; the workbook's path. */
static char *filled(const char *sample, const char *format)
{
    char *tpl = g_build_filename(dir, "template.xlsx", NULL);
    char *out = g_build_filename(dir, "filled.xlsx", NULL);
    test_run_result r = test_run((const char *[]){"template", format, "-o", tpl, NULL});
    assert_int_equal(r.status, 0);
    test_run_clear(&r);
    r = test_run_program((const char *[]){"/usr/bin/python3", "tests/import/fill_workbook.py",
                                          tpl, sample, out, NULL});
    if (r.status)
        fail_msg("fill_workbook.py: %s", r.err);
    test_run_clear(&r);
    g_free(tpl);
    return out;
}

static void same_output(const char *command, const char *a, const char *b)
{
    test_run_result x = test_run((const char *[]){command, "--json", a, NULL});
    test_run_result y = test_run((const char *[]){command, "--json", b, NULL});
    if (x.status || y.status)
        fail_msg("%s: %s%s", command, x.err, y.err);
    if (strcmp(x.out, y.out) != 0)
        fail_msg("%s of %s differs from the sample's", command, a);
    test_run_clear(&x);
    test_run_clear(&y);
}

static void round_trip(const char *sample, const char *format)
{
    char *wb = filled(sample, format);
    same_output("tables", wb, sample);
    same_output("text", wb, sample); /* text ignores --json */
    g_free(wb);
}

static void test_services_office(void **state)
{
    (void)state;
    round_trip("samples/zhengzhou-services-2021.yaml", "zhengzhou-2021");
}

static void test_city_government_office(void **state)
{
    (void)state;
    round_trip("samples/zhengzhou-gov-office-2021.yaml", "zhengzhou-2021");
}

static void test_district_bureau(void **state)
{
    (void)state;
    round_trip("samples/guancheng-bigdata-2023.json", "guancheng-2023");
}

/* A bad amount and an unknown unit, at their cells. */
static void test_bad_cells(void **state)
{
    (void)state;
    char *wb = filled("samples/zhengzhou-services-2021.yaml", "zhengzhou-2021");
    char *bad = g_build_filename(dir, "bad.xlsx", NULL);
    char *py = g_strdup_printf("import openpyxl\n"
                               "wb = openpyxl.load_workbook('%s')\n"
                               "ws = wb['预算明细']\n"
                               "ws.cell(5, 9, '12,3x')\n"
                               "ws.cell(6, 1, '999999')\n"
                               "wb.save('%s')\n",
                               wb, bad);
    test_run_result r = test_run_program((const char *[]){"/usr/bin/python3", "-c", py, NULL});
    assert_int_equal(r.status, 0);
    test_run_clear(&r);
    r = test_run((const char *[]){"check", bad, NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "bad.xlsx:预算明细!I5: 字段 line_items[3].amount（金额）："));
    assert_non_null(strstr(r.err, "bad.xlsx:预算明细!A6: 字段 line_items[4].unit（预算单位）："));
    test_run_clear(&r);
    g_free(py);
    g_free(bad);
    g_free(wb);
}

/* The same format gives the same bytes. */
static void test_template_deterministic(void **state)
{
    (void)state;
    char *a = g_build_filename(dir, "a.xlsx", NULL), *b = g_build_filename(dir, "b.xlsx", NULL);
    test_run_result r = test_run((const char *[]){"template", "zhengzhou-2021", "-o", a, NULL});
    assert_int_equal(r.status, 0);
    test_run_clear(&r);
    g_usleep(1100000); /* a clock that ticked would show */
    r = test_run((const char *[]){"template", "zhengzhou-2021", "-o", b, NULL});
    assert_int_equal(r.status, 0);
    test_run_clear(&r);
    test_assert_same_bytes(a, b);
    g_free(a);
    g_free(b);
}

/* Saved again by LibreOffice, the workbook keeps its drop-down lists. */
static void test_validation_kept(void **state)
{
    (void)state;
    char *tpl = g_build_filename(dir, "v.xlsx", NULL);
    test_run_result r = test_run((const char *[]){"template", "guancheng-2023", "-o", tpl, NULL});
    assert_int_equal(r.status, 0);
    test_run_clear(&r);
    char *outdir = g_build_filename(dir, "lo", NULL);
    char *profile = g_strdup_printf("-env:UserInstallation=file://%s/profile", dir);
    r = test_run_program((const char *[]){"soffice", profile, "--headless", "--convert-to",
                                          "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, tpl,
                                          NULL});
    assert_int_equal(r.status, 0);
    test_run_clear(&r);
    char *saved = g_build_filename(outdir, "v.xlsx", NULL);
    char *py = g_strdup_printf(
        "import openpyxl\n"
        "ws = openpyxl.load_workbook('%s')['预算明细']\n"
        "kinds = sorted({(d.type or '') for d in ws.data_validations.dataValidation})\n"
        "print(len(ws.data_validations.dataValidation), ' '.join(kinds))\n",
        saved);
    r = test_run_program((const char *[]){"/usr/bin/python3", "-c", py, NULL});
    assert_int_equal(r.status, 0);
    int n = atoi(r.out);
    assert_true(n >= 8); /* units, the three codes, project, fund, yes/no, cost, amount */
    assert_non_null(strstr(r.out, "list"));
    assert_non_null(strstr(r.out, "decimal"));
    test_run_clear(&r);
    g_free(py);
    g_free(saved);
    g_free(profile);
    g_free(outdir);
    g_free(tpl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_services_office),
        cmocka_unit_test(test_city_government_office),
        cmocka_unit_test(test_district_bureau),
        cmocka_unit_test(test_bad_cells),
        cmocka_unit_test(test_template_deterministic),
        cmocka_unit_test(test_validation_kept),
    };
    return cmocka_run_group_tests_name("workbook", tests, setup, teardown);
}
