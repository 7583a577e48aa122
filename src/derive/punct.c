/* Input is typed or pasted from spreadsheets and older systems, whose
 * half-width commas and brackets then stand between Chinese characters in
 * print; fixed here once, so that every output shows the same text. */
#include "derive/punct.h"

#include <string.h>

static bool is_chinese(gunichar c)
{
    return c && g_unichar_iswide(c) && !g_unichar_isspace(c);
}

static bool is_digit(gunichar c)
{
    return c >= '0' && c <= '9';
}

static gunichar full_width(gunichar c)
{
    switch (c) {
    case ',': return 0xFF0C;
    case ';': return 0xFF1B;
    case ':': return 0xFF1A;
    case '?': return 0xFF1F;
    case '!': return 0xFF01;
    case '(': return 0xFF08;
    case ')': return 0xFF09;
    default: return c;
    }
}

/* The nearest character before i (or after, dir = 1) that is not an ASCII
 * space, or 0. */
static gunichar near(const gunichar *u, glong n, glong i, int dir)
{
    for (glong k = i + dir; k >= 0 && k < n; k += dir)
        if (u[k] != ' ')
            return u[k];
    return 0;
}

char *bg_punct_full_width(const char *s)
{
    glong n = 0;
    gunichar *u = g_utf8_to_ucs4_fast(s, -1, &n);
    bool any_chinese = false;
    for (glong i = 0; i < n; i++)
        any_chinese = any_chinese || is_chinese(u[i]);
    bool *wide = g_new0(bool, (gsize)MAX(1, n));
    for (glong i = 0; any_chinese && i < n; i++) {
        gunichar c = u[i];
        if (strchr(",;:?!", (int)(c < 128 ? c : 'x')) && c < 128) {
            gunichar a = near(u, n, i, -1), b = near(u, n, i, 1);
            if ((is_chinese(a) || is_chinese(b)) && !(is_digit(a) && is_digit(b) && u[i + 1] != ' '))
                wide[i] = true;
        } else if (c == '(') {
            /* its closing bracket, at the same depth */
            glong close = -1;
            int depth = 0;
            for (glong k = i + 1; k < n && close < 0; k++) {
                if (u[k] == '(')
                    depth++;
                else if (u[k] == ')' && depth-- == 0)
                    close = k;
            }
            bool inside = false, numbers = close > i + 1;
            for (glong k = i + 1; k < (close < 0 ? i + 1 : close); k++) {
                inside = inside || is_chinese(u[k]);
                numbers = numbers && is_digit(u[k]);
            }
            gunichar before = near(u, n, i, -1);
            gunichar after = close < 0 ? 0 : near(u, n, close, 1);
            if (inside || is_chinese(before) || is_chinese(after) ||
                (numbers && !(before < 128 && g_unichar_isalnum(before)))) {
                wide[i] = true;
                if (close >= 0)
                    wide[close] = true;
            }
        } else if (c == ')' && !wide[i]) {
            /* unmatched: by its neighbours */
            bool opened = false;
            for (glong k = i - 1; k >= 0 && !opened; k--)
                opened = u[k] == '(';
            if (!opened && (is_chinese(near(u, n, i, -1)) || is_chinese(near(u, n, i, 1))))
                wide[i] = true;
        }
    }
    GString *out = g_string_sized_new(strlen(s) + 8);
    for (glong i = 0; i < n;) {
        if (u[i] == ' ') {
            /* a full-width mark brings its own space: the ASCII spaces
             * beside it go */
            glong k = i;
            while (k < n && u[k] == ' ')
                k++;
            if (!((i > 0 && wide[i - 1]) || (k < n && wide[k])))
                for (glong j = i; j < k; j++)
                    g_string_append_c(out, ' ');
            i = k;
            continue;
        }
        g_string_append_unichar(out, wide[i] ? full_width(u[i]) : u[i]);
        i++;
    }
    g_free(wide);
    g_free(u);
    return g_string_free(out, FALSE);
}

static void fix(char **text)
{
    if (!*text)
        return;
    char *s = bg_punct_full_width(*text);
    g_free(*text);
    *text = s;
}

void bg_punct_table(bg_table *t)
{
    fix(&t->title);
    fix(&t->subtitle);
    fix(&t->caption);
    fix(&t->unit_line);
    fix(&t->unit_left);
    fix(&t->corner);
    for (guint i = 0; i < t->notes->len; i++)
        fix((char **)&t->notes->pdata[i]);
    for (guint i = 0; i < t->header->len; i++)
        fix(&((bg_header_cell *)t->header->pdata[i])->text);
    for (guint r = 0; r < t->rows->len; r++) {
        bg_row *row = t->rows->pdata[r];
        for (int c = 0; c < t->n_cols; c++)
            if (!row->cells[c].has_value)
                fix(&row->cells[c].text);
    }
}
