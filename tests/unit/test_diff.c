/* `budgetgen diff`: two versions of sample 001 with one known edit each
 * report that edit, every table cell and sentence it reaches, and nothing
 * else. What "reaches" means is checked without the program's help: a
 * changed item moves every cell that holds it by exactly its change, a
 * moved item moves cells by its amount one way or the other and leaves the
 * totals alone, and a changed sentence differs only in its figures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "derive/diff.h"
#include "support.h"

#define SAMPLE "samples/zhengzhou-services-2021.yaml"
#define ITEM "dept_econ: \"30239\", gov_econ: \"50201\", amount: 195480}"

typedef struct {
    bg_department *d;
    bg_derived *x;
    bg_doc *doc;
} version;

static version load_version(const char *text)
{
    version v;
    bg_diag *diag = bg_diag_new();
    v.d = bg_load_department_text("v.yaml", text, strlen(text), test_catalog, test_formats, diag);
    test_print_errors(diag);
    assert_non_null(v.d);
    bg_diag_free(diag);
    v.x = bg_derive(v.d, test_format(v.d));
    v.doc = bg_derive_document(v.x);
    assert_int_equal(bg_eval_missing(v.x->eval)->len, 0);
    return v;
}

static void version_free(version *v)
{
    bg_derived_free(v->x);
    bg_doc_free(v->doc);
    bg_department_free(v->d);
}

/* Both versions of the sample, the second edited; their changes. */
static GPtrArray *changes_for(const char *from, const char *to, version *a, version *b)
{
    char *old_text = NULL;
    assert_true(g_file_get_contents(SAMPLE, &old_text, NULL, NULL));
    char *new_text = test_file_with(SAMPLE, from, to);
    *a = load_version(old_text);
    *b = load_version(new_text);
    g_free(old_text);
    g_free(new_text);
    return bg_diff(a->d, a->doc, b->d, b->doc);
}

static int count(const GPtrArray *changes, bg_change_kind kind)
{
    int n = 0;
    for (guint i = 0; i < changes->len; i++)
        n += ((bg_change *)changes->pdata[i])->kind == kind;
    return n;
}

/* A text without its numbers: two sentences that differ only in figures
 * read the same. */
static char *words_of(const char *s)
{
    GString *out = g_string_new(NULL);
    for (const char *p = s; *p; p++)
        if (!g_ascii_isdigit(*p) && *p != '.' && *p != ',' && *p != '%')
            g_string_append_c(out, *p);
    return g_string_free(out, FALSE);
}

static void sentences_differ_in_figures_only(const GPtrArray *changes)
{
    for (guint i = 0; i < changes->len; i++) {
        const bg_change *c = changes->pdata[i];
        if (c->kind != BG_CHANGE_SENTENCE)
            continue;
        char *a = words_of(c->old_text), *b = words_of(c->new_text);
        if (strcmp(a, b) != 0)
            fail_msg("%s: more than figures changed:\n%s\n%s", c->where, c->old_text, c->new_text);
        char *om, *nm;
        bg_diff_mark(c->old_text, c->new_text, &om, &nm);
        assert_non_null(strstr(om, "【"));
        assert_non_null(strstr(nm, "【"));
        g_free(om);
        g_free(nm);
        g_free(a);
        g_free(b);
    }
}

static bool reported(const GPtrArray *changes, const char *where_part)
{
    for (guint i = 0; i < changes->len; i++)
        if (strstr(((bg_change *)changes->pdata[i])->where, where_part))
            return true;
    return false;
}

/* 其他交通费用 195,480 → 205,480 元. */
static void test_changed_amount(void **state)
{
    (void)state;
    version a, b;
    GPtrArray *ch = changes_for(ITEM, "dept_econ: \"30239\", gov_econ: \"50201\", amount: 205480}",
                                &a, &b);
    assert_int_equal(count(ch, BG_CHANGE_ITEM), 1);
    for (guint i = 0; i < ch->len; i++) {
        const bg_change *c = ch->pdata[i];
        if (c->kind == BG_CHANGE_SENTENCE)
            continue;
        assert_true(c->has_value);
        /* every cell that holds the item moves by its change, 10,000 元 */
        if (c->new_value - c->old_value != 1000000)
            fail_msg("%s: %s → %s", c->where, c->old_text, c->new_text);
    }
    /* cells of the tables that hold 一般公共预算 basic 302 money */
    assert_true(reported(ch, "表1 郑州市政务服务办公室部门收支总体情况表 ｜ 本年收入合计"));
    assert_true(reported(ch, "表6 郑州市政务服务办公室一般公共预算基本支出情况表 ｜ 302 39 其他交通费用"));
    assert_false(reported(ch, "表7")); /* no “三公” money */
    assert_false(reported(ch, "表10"));
    assert_true(count(ch, BG_CHANGE_SENTENCE) > 0);
    sentences_differ_in_figures_only(ch);
    g_ptr_array_free(ch, TRUE);
    version_free(&a);
    version_free(&b);
}

/* The same item moved from 2010301 行政运行 to 2010350 事业运行. */
static void test_moved_item(void **state)
{
    (void)state;
    version a, b;
    GPtrArray *ch = changes_for("function: \"2010301\", " ITEM, "function: \"2010350\", " ITEM, &a, &b);
    assert_int_equal(count(ch, BG_CHANGE_ITEM), 2);
    for (guint i = 0; i < ch->len; i++) {
        const bg_change *c = ch->pdata[i];
        assert_true(c->kind != BG_CHANGE_SENTENCE); /* every sentence quotes 类 or totals */
        bg_money d = c->new_value - c->old_value;
        if (d != 19548000 && d != -19548000)
            fail_msg("%s: %s → %s", c->where, c->old_text, c->new_text);
    }
    assert_true(reported(ch, "201 03 50 事业运行"));
    assert_false(reported(ch, "本年收入合计"));
    assert_false(reported(ch, "｜ 合计 ｜"));
    g_ptr_array_free(ch, TRUE);
    version_free(&a);
    version_free(&b);
}

/* A new project of 10 万元 with its one line item. */
static void test_new_project(void **state)
{
    (void)state;
    version a, b;
    char *old_text = NULL;
    assert_true(g_file_get_contents(SAMPLE, &old_text, NULL, NULL));
    char *step = test_file_with(SAMPLE, "line_items:\n",
                                "line_items:\n  - {unit: \"114001\", function: \"2010305\", "
                                "dept_econ: \"30201\", gov_econ: \"50502\", project: \"P09\", "
                                "amount: 100000}\n");
    /* the new project last of the projects, as one is added */
    GString *full = g_string_new(step);
    char *at = strstr(full->str, "\nperformance:\n");
    assert_non_null(at);
    g_string_insert(full, at - full->str + 1,
                    "  - {code: \"P09\", name: 新增测试项目, unit: \"114001\", category: 其他项目, "
                    "previous_amount: 0}\n");
    a = load_version(old_text);
    b = load_version(full->str);
    GPtrArray *ch = bg_diff(a.d, a.doc, b.d, b.doc);
    assert_int_equal(count(ch, BG_CHANGE_ITEM), 1);
    const bg_change *item = NULL;
    for (guint i = 0; i < ch->len; i++)
        if (((bg_change *)ch->pdata[i])->kind == BG_CHANGE_ITEM)
            item = ch->pdata[i];
    assert_string_equal(item->old_text, "");
    assert_int_equal(item->new_value, 10000000);
    /* the project's own form is new: every one of its cells was nothing */
    assert_true(reported(ch, "新增测试项目支出项目绩效目标表") ||
                reported(ch, "郑州市政务服务办公室机关支出项目绩效目标表"));
    bool listed = false;
    for (guint i = 0; i < ch->len; i++) {
        const bg_change *c = ch->pdata[i];
        if (c->kind == BG_CHANGE_SENTENCE && !*c->old_text && strstr(c->new_text, "新增测试项目"))
            listed = true;
    }
    assert_true(listed); /* a line of its own in the list of projects */
    g_ptr_array_free(ch, TRUE);
    g_string_free(full, TRUE);
    g_free(step);
    g_free(old_text);
    version_free(&a);
    version_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changed_amount),
        cmocka_unit_test(test_moved_item),
        cmocka_unit_test(test_new_project),
    };
    return cmocka_run_group_tests_name("diff", tests, test_setup_catalog, test_teardown_catalog);
}
