#include "model/money.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Digits in groups of three after the first, split by ',' or '，', then an
 * optional decimal part: how a finance officer writes 1,000 in Excel. */
static bool grouped(const char *text, size_t len)
{
    size_t i = 0, lead = 0, groups = 0;
    while (i < len && text[i] >= '0' && text[i] <= '9')
        i++, lead++;
    if (lead == 0 || lead > 3)
        return false;
    for (;;) {
        size_t sep = i + 1 <= len && text[i] == ',' ? 1
                     : i + 3 <= len && memcmp(text + i, "\xEF\xBC\x8C", 3) == 0 ? 3
                                                                             : 0;
        if (!sep)
            break;
        i += sep;
        size_t d = 0;
        while (i < len && text[i] >= '0' && text[i] <= '9')
            i++, d++;
        if (d != 3)
            return false;
        groups++;
    }
    if (groups == 0)
        return false;
    if (i < len && text[i] == '.') {
        i++;
        while (i < len && text[i] >= '0' && text[i] <= '9')
            i++;
    }
    return i == len;
}

bg_money_status bg_money_parse(const char *text, size_t len, bg_money *out)
{
    if (grouped(text, len))
        return BG_MONEY_GROUPED;
    size_t i = 0;
    int negative = 0;
    if (len > 0 && text[0] == '-') {
        negative = 1;
        i = 1;
    }
    bg_money whole = 0;
    size_t int_digits = 0;
    int overflow = 0;
    for (; i < len && text[i] >= '0' && text[i] <= '9'; i++, int_digits++) {
        if (whole > BG_MONEY_MAX / 10)
            overflow = 1;
        else
            whole = whole * 10 + (text[i] - '0');
    }
    if (int_digits == 0)
        return BG_MONEY_NOT_NUMBER;
    bg_money cents = 0;
    size_t frac_digits = 0;
    if (i < len && text[i] == '.') {
        i++;
        for (; i < len && text[i] >= '0' && text[i] <= '9'; i++, frac_digits++) {
            if (frac_digits < 2)
                cents = cents * 10 + (text[i] - '0');
            else if (text[i] != '0')
                return BG_MONEY_TOO_PRECISE;
        }
        if (frac_digits == 0)
            return BG_MONEY_NOT_NUMBER;
    }
    if (i != len)
        return BG_MONEY_NOT_NUMBER;
    if (frac_digits == 1)
        cents *= 10;
    if (negative)
        return BG_MONEY_NEGATIVE;
    if (overflow || whole > BG_MONEY_MAX / 100 || whole * 100 + cents > BG_MONEY_MAX)
        return BG_MONEY_OUT_OF_RANGE;
    *out = whole * 100 + cents;
    return BG_MONEY_OK;
}

static uint64_t magnitude(bg_money m);

bg_money bg_money_round(bg_money m, bg_money step)
{
    /* Unsigned, so that no amount overflows on the way (INT64_MIN has no
     * positive twin); a result beyond INT64_MAX is clamped to it. */
    uint64_t mag = magnitude(m), s = (uint64_t)step;
    uint64_t r = mag / s * s + (mag % s >= (s + 1) / 2 ? s : 0);
    if (r > (uint64_t)INT64_MAX)
        r = (uint64_t)INT64_MAX / s * s;
    return m < 0 ? -(bg_money)r : (bg_money)r;
}

/* Writes |v| with a comma every three digits into buf; returns its length. */
static size_t group_digits(uint64_t v, char *buf)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return o;
}

static uint64_t magnitude(bg_money m)
{
    return m < 0 ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;
}

char *bg_money_format_yuan(bg_money m, char buf[BG_MONEY_BUF])
{
    bg_money r = bg_money_round(m, 100);
    buf[0] = '-';
    group_digits(magnitude(r) / 100, buf + (r < 0));
    return buf;
}

char *bg_money_format_exact(bg_money m, char buf[BG_MONEY_BUF])
{
    uint64_t mag = magnitude(m);
    snprintf(buf, BG_MONEY_BUF, "%s%llu.%02llu", m < 0 ? "-" : "",
             (unsigned long long)(mag / 100), (unsigned long long)(mag % 100));
    return buf;
}

char *bg_money_format_exact_grouped(bg_money m, char buf[BG_MONEY_BUF])
{
    uint64_t mag = magnitude(m);
    size_t o = 0;
    if (m < 0)
        buf[o++] = '-';
    o += group_digits(mag / 100, buf + o);
    snprintf(buf + o, BG_MONEY_BUF - o, ".%02llu", (unsigned long long)(mag % 100));
    return buf;
}

char *bg_money_format_wan(bg_money m, int decimals, int trim, char buf[BG_MONEY_BUF])
{
    static const bg_money steps[] = {1000000, 100000, 10000}; /* 分 per last digit */
    if (decimals < 0)
        decimals = 0;
    if (decimals > 2)
        decimals = 2;
    bg_money r = bg_money_round(m, steps[decimals]);
    uint64_t units = magnitude(r) / (uint64_t)steps[decimals];
    uint64_t scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
    int n;
    if (decimals == 0)
        n = snprintf(buf, BG_MONEY_BUF, "%s%llu", r < 0 ? "-" : "",
                     (unsigned long long)units);
    else
        n = snprintf(buf, BG_MONEY_BUF, "%s%llu.%0*llu", r < 0 ? "-" : "",
                     (unsigned long long)(units / scale), decimals,
                     (unsigned long long)(units % scale));
    if (trim && decimals > 0) {
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    return buf;
}
