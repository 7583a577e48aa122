/* Half-width punctuation in Chinese text made full-width (GB/T 15834), cases
 * written out by hand; and a format that keeps the input as written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib/gstdio.h>

#include "derive/punct.h"
#include "support.h"

static void check(const char *in, const char *want)
{
    char *got = bg_punct_full_width(in);
    if (strcmp(got, want) != 0)
        fail_msg("%s: got %s, want %s", in, got, want);
    g_free(got);
}

static void test_cases(void **state)
{
    (void)state;
    /* between Chinese characters, and the space typed after them */
    check("其中: 财政拨款", "其中：财政拨款");
    check("2021年收入, 支出; 合计", "2021年收入，支出；合计");
    check("下达县(市、区)0万元", "下达县（市、区）0万元");
    check("维修(护)费", "维修（护）费");
    check("即：(3925.57元+500元)×110人", "即：（3925.57元+500元）×110人");
    /* numbering a Chinese text */
    check("(5) 2021-2023年资金需求", "（5）2021-2023年资金需求");
    check("(1)电话接通率;(2)15秒接通率", "（1）电话接通率；（2）15秒接通率");
    /* numbers and Latin text keep theirs */
    check("1,000元，10:30开会", "1,000元，10:30开会");
    check("Hello, world (test)", "Hello, world (test)");
    check("f(2)", "f(2)");
    check("2. 名称", "2. 名称");
    check("", "");
}

static char *run(const char *const *argv)
{
    char *out = NULL;
    int wait = 0;
    assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                             &out, NULL, &wait, NULL));
    assert_int_equal(WEXITSTATUS(wait), 0);
    return out;
}

/* The sample types 下达县(市、区); its format prints it full-width unless it
 * says `punctuation: as_written`. */
static void test_opt_out(void **state)
{
    (void)state;
    const char *sample = "samples/zhengzhou-services-2021.yaml";
    char *text = run((const char *[]){"build/budgetgen", "text", sample, NULL});
    assert_non_null(strstr(text, "下达县（市、区）0万元"));
    assert_null(strstr(text, "下达县(市、区)"));
    char *tpl = test_templates_with("zhengzhou-2021/format.yaml", "typesetting:\n",
                                    "typesetting:\n  punctuation: as_written\n");
    char *opt = g_strdup_printf("--templates=%s", tpl);
    char *kept = run((const char *[]){"build/budgetgen", opt, "text", sample, NULL});
    assert_non_null(strstr(kept, "下达县(市、区)0万元"));
    test_remove_tree(tpl);
    g_free(tpl);
    g_free(opt);
    g_free(kept);
    g_free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_opt_out),
    };
    return cmocka_run_group_tests_name("punct", tests, NULL, NULL);
}
