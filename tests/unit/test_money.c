/* Money parsing and formatting. Expected strings are the published forms in
 * ../shared/seeds/ (24,308,771 元; 2430.88 万元; 395 万元; 845.70 万元). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "model/money.h"

static bg_money parse_ok(const char *s)
{
    bg_money m = -1;
    assert_int_equal(bg_money_parse(s, strlen(s), &m), BG_MONEY_OK);
    return m;
}

static bg_money_status parse_status(const char *s)
{
    bg_money m;
    return bg_money_parse(s, strlen(s), &m);
}

static void test_parse_forms(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("891444"), 89144400);
    assert_int_equal(parse_ok("891444.00"), 89144400);
    assert_int_equal(parse_ok("891444.5"), 89144450);
    assert_int_equal(parse_ok("0.01"), 1);
    assert_int_equal(parse_ok("0"), 0);
    assert_int_equal(parse_ok("12.340"), 1234); /* a trailing zero adds no precision */
    assert_int_equal(parse_ok("999999999999.99"), BG_MONEY_MAX);
}

static void test_parse_rejects(void **state)
{
    (void)state;
    assert_int_equal(parse_status(""), BG_MONEY_NOT_NUMBER);
    assert_int_equal(parse_status("八十万"), BG_MONEY_NOT_NUMBER);
    assert_int_equal(parse_status("1,000"), BG_MONEY_GROUPED);
    assert_int_equal(parse_status("1,234,567.89"), BG_MONEY_GROUPED);
    assert_int_equal(parse_status("1\xEF\xBC\x8C" "000"), BG_MONEY_GROUPED);
    assert_int_equal(parse_status("1,00"), BG_MONEY_NOT_NUMBER);
    assert_int_equal(parse_status("1234,567"), BG_MONEY_NOT_NUMBER);
    /* Read as written; the department loader refuses them (test_hostile). */
    assert_int_equal(parse_ok("017"), 1700);
    assert_int_equal(parse_status("-017"), BG_MONEY_NEGATIVE);
    assert_int_equal(parse_status("1e5"), BG_MONEY_NOT_NUMBER);
    assert_int_equal(parse_status(".5"), BG_MONEY_NOT_NUMBER);
    assert_int_equal(parse_status("5."), BG_MONEY_NOT_NUMBER);
    assert_int_equal(parse_status(" 5"), BG_MONEY_NOT_NUMBER);
    assert_int_equal(parse_status("+5"), BG_MONEY_NOT_NUMBER);
    assert_int_equal(parse_status("1.234"), BG_MONEY_TOO_PRECISE);
    assert_int_equal(parse_status("-5"), BG_MONEY_NEGATIVE);
    assert_int_equal(parse_status("1000000000000"), BG_MONEY_OUT_OF_RANGE);
    assert_int_equal(parse_status("99999999999999999999999"), BG_MONEY_OUT_OF_RANGE);
}

static void test_format_yuan(void **state)
{
    (void)state;
    char buf[BG_MONEY_BUF];
    assert_string_equal(bg_money_format_yuan(2430877100, buf), "24,308,771");
    assert_string_equal(bg_money_format_yuan(9661990700, buf), "96,619,907");
    assert_string_equal(bg_money_format_yuan(2900000, buf), "29,000");
    assert_string_equal(bg_money_format_yuan(60000, buf), "600");
    assert_string_equal(bg_money_format_yuan(0, buf), "0");
    assert_string_equal(bg_money_format_yuan(149, buf), "1");   /* 1.49 元 */
    assert_string_equal(bg_money_format_yuan(150, buf), "2");   /* half up */
    assert_string_equal(bg_money_format_yuan(-150, buf), "-2"); /* away from zero */
    assert_string_equal(bg_money_format_yuan(99999950, buf), "1,000,000");
}

static void test_format_exact(void **state)
{
    (void)state;
    char buf[BG_MONEY_BUF];
    assert_string_equal(bg_money_format_exact(2430877100, buf), "24308771.00");
    assert_string_equal(bg_money_format_exact(5, buf), "0.05");
    assert_string_equal(bg_money_format_exact(-62038000, buf), "-620380.00");
    assert_string_equal(bg_money_format_exact_grouped(2430877105, buf), "24,308,771.05");
}

static void test_format_wan(void **state)
{
    (void)state;
    char buf[BG_MONEY_BUF];
    /* seed 001: 2430.88 万元, 基本支出 395 万元, 社会保障 41.2 万元 */
    assert_string_equal(bg_money_format_wan(2430877100, 2, 1, buf), "2430.88");
    assert_string_equal(bg_money_format_wan(394997100, 2, 1, buf), "395");
    assert_string_equal(bg_money_format_wan(41199200, 2, 1, buf), "41.2");
    assert_string_equal(bg_money_format_wan(2900000, 2, 0, buf), "2.90");
    /* seed 002's tables: two decimals kept */
    assert_string_equal(bg_money_format_wan(845700000, 2, 0, buf), "845.70");
    assert_string_equal(bg_money_format_wan(500000000, 2, 0, buf), "500.00");
    /* half up at the 100 元 boundary, away from zero for differences */
    assert_string_equal(bg_money_format_wan(1234500, 2, 0, buf), "1.23"); /* 12345 元 */
    assert_string_equal(bg_money_format_wan(1235000, 2, 0, buf), "1.24"); /* 12350 元 */
    assert_string_equal(bg_money_format_wan(-62038000, 2, 1, buf), "-62.04");
    assert_string_equal(bg_money_format_wan(4999, 2, 1, buf), "0");
    assert_string_equal(bg_money_format_wan(-4999, 2, 1, buf), "0");
    assert_string_equal(bg_money_format_wan(1250000, 1, 0, buf), "1.3");
    assert_string_equal(bg_money_format_wan(1249999, 1, 0, buf), "1.2");
    assert_string_equal(bg_money_format_wan(15000000, 0, 0, buf), "15");
}

/* The extremes of int64 round and print without overflowing (UBSan in the
 * sanitized pass would stop the test): no sum reaches them, but a
 * formatter must not be the place where that is assumed. */
static void test_extremes(void **state)
{
    (void)state;
    char buf[BG_MONEY_BUF];
    assert_int_equal(bg_money_round(INT64_MAX, 100), INT64_MAX / 100 * 100);
    assert_int_equal(bg_money_round(INT64_MIN, 100), -(INT64_MAX / 100 * 100));
    assert_int_equal(bg_money_round(149, 100), 100);
    assert_int_equal(bg_money_round(-150, 100), -200);
    assert_string_equal(bg_money_format_yuan(INT64_MAX, buf), "92,233,720,368,547,758");
    assert_string_equal(bg_money_format_exact(INT64_MIN, buf), "-92233720368547758.08");
    assert_string_equal(bg_money_format_wan(INT64_MAX, 2, 0, buf), "9223372036854.77");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_forms),  cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_format_yuan),  cmocka_unit_test(test_format_exact),
        cmocka_unit_test(test_format_wan),   cmocka_unit_test(test_extremes),
    };
    return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
