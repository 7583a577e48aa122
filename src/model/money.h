/* Money: exact amounts as integers of 分 (1 元 = 100 分), never floating point. */
#ifndef BG_MONEY_H
#define BG_MONEY_H

#include <stdint.h>
#include <stddef.h>

typedef int64_t bg_money; /* 分 */

/* Largest amount a single field may hold: 999,999,999,999.99 元. */
#define BG_MONEY_MAX INT64_C(99999999999999)

/* Largest sum of all the line items of a file (and, apart, of all its
 * procurement lines): 1,000,000,000,000,000.00 元, thirty times a year of
 * China's whole national budget. The loader refuses more, so that every
 * sum of amounts the tables and sentences form (a subtotal, a total of
 * columns, this year against the last) stays far below INT64_MAX. */
#define BG_MONEY_TOTAL_MAX INT64_C(100000000000000000)

typedef enum {
    BG_MONEY_OK = 0,
    BG_MONEY_NOT_NUMBER,   /* not digits with an optional decimal point */
    BG_MONEY_TOO_PRECISE,  /* more than two decimals */
    BG_MONEY_NEGATIVE,
    BG_MONEY_OUT_OF_RANGE, /* above BG_MONEY_MAX */
    BG_MONEY_GROUPED,      /* thousands separators: "1,000" or "1，000" */
} bg_money_status;

/* Parses an amount in 元 written as "891444", "891444.5" or "891444.00".
 * A leading '-' gives BG_MONEY_NEGATIVE. Leading zeros are read ("017" is
 * 17): the department loader refuses them, an export may have them. Writes
 * *out only on success. */
bg_money_status bg_money_parse(const char *text, size_t len, bg_money *out);

/* Enough for any int64 in any of the formats below. */
#define BG_MONEY_BUF 40

/* "24,308,771": 元, rounded half up (away from zero), thousands separators. */
char *bg_money_format_yuan(bg_money m, char buf[BG_MONEY_BUF]);

/* "24308771.00": the exact amount in 元, as a decimal string. */
char *bg_money_format_exact(bg_money m, char buf[BG_MONEY_BUF]);

/* "24,308,771.00": the exact amount in 元 with thousands separators. */
char *bg_money_format_exact_grouped(bg_money m, char buf[BG_MONEY_BUF]);

/* 万元 with `decimals` (0..2) decimals, rounded half up (away from zero).
 * With `trim`, trailing zeros and a bare point are dropped, as the narrative
 * prints them ("395", "41.2", "2430.88"); without, "845.70". */
char *bg_money_format_wan(bg_money m, int decimals, int trim, char buf[BG_MONEY_BUF]);

/* Rounds to a multiple of `step` 分, half up (away from zero). */
bg_money bg_money_round(bg_money m, bg_money step);

#endif
