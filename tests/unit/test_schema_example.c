/* The complete example of samples/SCHEMA.md loads and its figures add up,
 * so the documentation cannot drift from the program. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "support.h"

#include "derive/totals.h"
#include "input/load.h"

static char *example_block(void)
{
    char *text = NULL;
    assert_true(g_file_get_contents("samples/SCHEMA.md", &text, NULL, NULL));
    char *begin = strstr(text, "<!-- example:begin -->");
    assert_non_null(begin);
    begin = strstr(begin, "```yaml\n");
    assert_non_null(begin);
    begin += strlen("```yaml\n");
    char *end = strstr(begin, "```\n<!-- example:end -->");
    assert_non_null(end);
    char *block = g_strndup(begin, (gsize)(end - begin));
    g_free(text);
    return block;
}

static void test_example_loads(void **state)
{
    (void)state;
    bg_diag *diag = bg_diag_new();
    char *dir = g_build_filename(BG_TEMPLATES_DIR, "catalog", NULL);
    bg_catalog *cat = bg_catalog_load(dir, diag);
    g_free(dir);
    assert_non_null(cat);
    char *block = example_block();
    bg_formats *formats = bg_formats_new(BG_TEMPLATES_DIR, cat);
    bg_department *d = bg_load_department_text("SCHEMA.md.yaml", block, strlen(block), cat,
                                               formats, diag);
    test_print_errors(diag);
    assert_non_null(d);
    bg_totals t;
    bg_totals_compute(d, &t);
    /* 891,444 + 151,000.50 + 182,856 + 120,000 */
    assert_int_equal(t.total, 134530050);
    assert_int_equal(t.project, 12000000);
    assert_int_equal(t.by_fund[bg_catalog_fund(cat, "事业收入")], 18285600);
    assert_int_equal(t.procurement, 5000000);
    assert_string_equal(bg_department_code_name(d, BG_CLASS_GOV_ECON, "50101"),
                        "工资奖金津补贴_行政");
    assert_int_equal(d->profile->staffing.authorized, 34);
    assert_int_equal(d->profile->duties->len, 2);
    bg_project *p = &g_array_index(d->projects, bg_project, 0);
    bg_indicator *top = p->indicators->pdata[0];
    assert_string_equal(top->name, "产出目标");
    assert_int_equal(top->children->len, 2);
    bg_indicator *leaf = ((bg_indicator *)top->children->pdata[0])->children->pdata[0];
    assert_string_equal(leaf->value, "=1");
    assert_int_equal(((bg_indicator *)top->children->pdata[1])->children->len, 0);
    bg_totals_clear(&t);
    bg_department_free(d);
    g_free(block);
    bg_formats_free(formats);
    bg_catalog_free(cat);
    bg_diag_free(diag);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_example_loads)};
    return cmocka_run_group_tests_name("schema_example", tests, NULL, NULL);
}
