/* Reads a published disclosure's plain text back into tables and lines:
 * recognises the format by its tables' titles, places each table's cells
 * in the format's columns (a PDF's by where its words stand, in
 * published_grid.c) and marks what cannot be placed for certain, so that
 * audit never checks a figure it has not read. */
#include "input/published.h"

#include <string.h>

#include "input/published_internal.h"
#include "model/diag.h"

/* ---- small text helpers ------------------------------------------------ */

char *bg_pub_normalize(const char *s)
{
    static const char *const wide[][2] = {
        {"(", "（"}, {")", "）"}, {",", "，"}, {":", "："}, {";", "；"}, {"?", "？"}, {"!", "！"},
    };
    GString *out = g_string_sized_new(strlen(s));
    for (const char *p = s; *p;) {
        gunichar c = g_utf8_get_char(p);
        const char *next = g_utf8_next_char(p);
        if (g_unichar_isspace(c) || c == 0x3000) {
            p = next;
            continue;
        }
        bool done = false;
        /* A comma between digits groups thousands: it stays half-width. */
        if (*p == ',' && p > s && g_ascii_isdigit(p[-1]) && g_ascii_isdigit(p[1])) {
            g_string_append_c(out, ',');
            done = true;
        }
        for (size_t i = 0; !done && i < G_N_ELEMENTS(wide); i++)
            if (*p == wide[i][0][0]) {
                g_string_append(out, wide[i][1]);
                done = true;
            }
        if (!done)
            g_string_append_len(out, p, next - p);
        p = next;
    }
    return g_string_free(out, FALSE);
}

bool bg_pub_amount(const char *s, int64_t yuan_per_unit, int64_t *fen, int *digits)
{
    const char *p = s;
    bool neg = *p == '-';
    if (neg)
        p++;
    if (!g_ascii_isdigit(*p))
        return false;
    int64_t m = 0;
    int n = 0, d = -1;
    for (; *p; p++) {
        if (g_ascii_isdigit(*p)) {
            if (++n > 15)
                return false; /* beyond any budget, and beyond int64 once scaled */
            m = m * 10 + (*p - '0');
            if (d >= 0)
                d++;
        } else if (*p == ',' && d < 0 && g_ascii_isdigit(p[1])) {
            continue;
        } else if (*p == '.' && d < 0 && g_ascii_isdigit(p[1])) {
            d = 0;
        } else {
            return false;
        }
    }
    if (d < 0)
        d = 0;
    /* 分 per printed unit of the last digit: 100 × 元 per unit ÷ 10^d. */
    int64_t scale = 100 * yuan_per_unit;
    for (int i = 0; i < d; i++) {
        if (scale % 10)
            return false;
        scale /= 10;
    }
    *fen = (neg ? -m : m) * scale;
    if (digits)
        *digits = d;
    return true;
}

bool bg_pub_is_code(const char *t)
{
    if (!*t)
        return false;
    for (const char *p = t; *p; p++)
        if (!g_ascii_isdigit(*p))
            return false;
    return strlen(t) <= 7;
}

/* The words of a line: split at spaces, tabs and ideographic spaces (a
 * byte set would cut a character in two). Caller frees. */
static char **words_of(const char *line)
{
    GString *s = g_string_new(line);
    g_string_replace(s, "\u3000", " ", 0);
    char **w = g_strsplit_set(s->str, " \t", -1);
    g_string_free(s, TRUE);
    return w;
}

/* ---- the format's columns, flattened ----------------------------------- */

static void leaf_free(gpointer p)
{
    bg_pub_leaf *l = p;
    g_free(l->path);
    g_free(l);
}

static void flatten(GPtrArray *out, const bg_column *c, const bg_column *parent, const char *above,
                    int block, int *depth, int level)
{
    char *path = above ? g_strconcat(above, "/", c->title, NULL) : g_strdup(c->title);
    if (level > *depth)
        *depth = level;
    if (c->children) {
        for (guint i = 0; i < c->children->len; i++)
            flatten(out, c->children->pdata[i], c, path, block, depth, level + 1);
        g_free(path);
        return;
    }
    bg_pub_leaf *l = g_new0(bg_pub_leaf, 1);
    l->path = path;
    l->key = c->key;
    l->block = block;
    l->col = c;
    l->parent = parent;
    g_ptr_array_add(out, l);
}

/* The text of a title or header template with {year} filled in; any other
 * placeholder is kept as written. */
char *bg_pub_fill_year(const char *t, int year)
{
    char y[16];
    g_snprintf(y, sizeof y, "%d", year);
    GString *s = g_string_new(NULL);
    for (const char *p = t; *p; p++) {
        if (g_str_has_prefix(p, "{year}")) {
            g_string_append(s, y);
            p += strlen("{year}") - 1;
        } else {
            g_string_append_c(s, *p);
        }
    }
    return g_string_free(s, FALSE);
}

/* ---- recognising the format -------------------------------------------- */

/* A regular expression of a title template: {department} and {year}
 * captured, any other placeholder any text. */
static GRegex *title_regex(const char *title)
{
    char *norm = bg_pub_normalize(title);
    GString *re = g_string_new("^");
    const char *p = norm;
    while (*p) {
        const char *open = strchr(p, '{');
        const char *end = open ? open : p + strlen(p);
        char *lit = g_regex_escape_string(p, (int)(end - p));
        g_string_append(re, lit);
        g_free(lit);
        if (!open)
            break;
        const char *close = strchr(open, '}');
        if (!close)
            break;
        if (g_str_has_prefix(open, "{department}"))
            g_string_append(re, "(?P<dept>[^0-9０-９一二三四五六七八九十、．.]\\S*?)");
        else if (g_str_has_prefix(open, "{year}"))
            g_string_append(re, "(?P<year>\\d{4})");
        else
            g_string_append(re, ".*?");
        p = close + 1;
    }
    g_string_append(re, "$");
    g_free(norm);
    GRegex *r = g_regex_new(re->str, G_REGEX_OPTIMIZE, 0, NULL);
    g_string_free(re, TRUE);
    return r;
}

typedef struct {
    int line;       /* 0-based, -1 when not found */
    char *dept;
    int year;
    bool exact;
} title_hit;

/* Where each pivot table's title stands, for one format. */
static int find_titles(const bg_format *f, GPtrArray *norm, title_hit *hits)
{
    int found = 0, from = 0;
    for (guint t = 0; t < f->tables->len; t++) {
        const bg_table_def *def = f->tables->pdata[t];
        hits[t].line = -1;
        if (def->form)
            continue;
        GRegex *re = title_regex(def->title);
        if (!re)
            continue;
        /* Titles follow the format's order; a title repeated (table 5 by
         * function and by economic class) is the next one. */
        for (guint i = (guint)from; i < norm->len; i++) {
            GMatchInfo *mi = NULL;
            if (g_regex_match(re, norm->pdata[i], 0, &mi)) {
                hits[t].line = (int)i;
                hits[t].dept = g_match_info_fetch_named(mi, "dept");
                char *y = g_match_info_fetch_named(mi, "year");
                hits[t].year = y && *y ? atoi(y) : 0;
                g_free(y);
                hits[t].exact = true;
                found++;
                from = (int)i + 1;
            }
            g_match_info_free(mi);
            if (hits[t].line >= 0)
                break;
        }
        g_regex_unref(re);
    }
    return found;
}

/* Whether `rest` reads as `want` with at most two characters dropped. */
static bool near_title(const char *rest, const char *want)
{
    glong nr = g_utf8_strlen(rest, -1), nw = g_utf8_strlen(want, -1);
    if (nr == 0 || nr > nw || nw - nr > 2)
        return false;
    const char *w = want;
    for (const char *r = rest; *r; r = g_utf8_next_char(r)) {
        gunichar c = g_utf8_get_char(r);
        while (*w && g_utf8_get_char(w) != c)
            w = g_utf8_next_char(w);
        if (!*w)
            return false;
        w = g_utf8_next_char(w);
    }
    return true;
}

/* A table whose title is misprinted (a word left out) is still found by
 * the department's name before a title near the format's, between the
 * tables found around it. */
static void find_misprinted(const bg_format *f, GPtrArray *norm, title_hit *hits, const char *dept)
{
    guint n = f->tables->len;
    for (guint t = 0; t < n && dept; t++) {
        const bg_table_def *def = f->tables->pdata[t];
        if (def->form || hits[t].line >= 0 || !g_str_has_prefix(def->title, "{department}"))
            continue;
        int lo = -1, hi = (int)norm->len;
        for (guint k = 0; k < t; k++)
            if (hits[k].line >= 0)
                lo = hits[k].line;
        for (guint k = n; k-- > t + 1;)
            if (hits[k].line >= 0)
                hi = hits[k].line;
        if (lo < 0)
            lo = hi - 200 > 0 ? hi - 200 : 0;
        char *want = bg_pub_normalize(def->title + strlen("{department}"));
        for (int i = hi - 1; i > lo; i--) {
            const char *line = norm->pdata[i];
            if (g_str_has_prefix(line, dept) && near_title(line + strlen(dept), want)) {
                hits[t].line = i;
                hits[t].dept = g_strdup(dept);
                hits[t].exact = false;
                break;
            }
        }
        g_free(want);
    }
}

/* The department a cover names, when the tables' titles do not: the
 * format's document title matched against the lines before the first
 * table, one to three at a time (a cover's title wraps). NULL when none
 * matches. */
static char *cover_dept(const bg_format *f, GPtrArray *norm, int before)
{
    if (!f->doc_title || !strstr(f->doc_title, "{department}"))
        return NULL;
    GRegex *re = title_regex(f->doc_title);
    char *dept = NULL;
    for (int i = 0; re && !dept && i < before && i < (int)norm->len; i++) {
        GString *joined = g_string_new(NULL);
        for (int k = i; !dept && k < i + 3 && k < before && k < (int)norm->len; k++) {
            g_string_append(joined, norm->pdata[k]);
            GMatchInfo *mi = NULL;
            if (*(char *)norm->pdata[k] && g_regex_match(re, joined->str, 0, &mi)) {
                dept = g_match_info_fetch_named(mi, "dept");
                if (dept && !*dept)
                    g_clear_pointer(&dept, g_free);
            }
            g_match_info_free(mi);
        }
        g_string_free(joined, TRUE);
    }
    if (re)
        g_regex_unref(re);
    return dept;
}

static char *most_common_dept(const title_hit *hits, guint n)
{
    const char *best = NULL;
    int best_count = 0;
    for (guint i = 0; i < n; i++) {
        if (hits[i].line < 0 || !hits[i].dept || !*hits[i].dept)
            continue;
        int c = 0;
        for (guint k = 0; k < n; k++)
            c += hits[k].line >= 0 && hits[k].dept && strcmp(hits[k].dept, hits[i].dept) == 0;
        if (c > best_count) {
            best = hits[i].dept;
            best_count = c;
        }
    }
    return g_strdup(best);
}

/* ---- reading one table ------------------------------------------------- */

static void row_free(gpointer p)
{
    bg_pub_row *r = p;
    if (!r)
        return;
    g_free(r->label);
    g_free(r->cells);
    g_free(r);
}

static void table_free(gpointer p)
{
    bg_pub_table *t = p;
    if (!t)
        return;
    g_free(t->title);
    g_ptr_array_unref(t->leaves);
    g_ptr_array_unref(t->missing);
    g_ptr_array_unref(t->rows);
    g_ptr_array_unref(t->blank_rows);
    g_ptr_array_unref(t->notes);
    g_free(t);
}

char *bg_pub_keep(bg_pub_reader *rd, char *s)
{
    g_ptr_array_add(rd->strings, s);
    return s;
}

bool bg_pub_amount_text(bg_pub_reader *rd, const char *t, int64_t *fen)
{
    const bg_format *f = rd->p->format;
    int64_t ypu = strcmp(f->money_unit, "万元") == 0 ? 10000 : 1;
    int digits = 0;
    return bg_pub_amount(t, ypu, fen, &digits) && digits <= f->decimals;
}

bool bg_pub_is_note(const char *line)
{
    return g_str_has_prefix(line, "备注") || g_str_has_prefix(line, "注：") ||
           g_str_has_prefix(line, "注:") || g_str_has_prefix(line, "说明：");
}

/* Fills the label and depth of a row from its key cells. */
static void row_keys(bg_pub_table *t, bg_pub_row *r)
{
    GString *label = g_string_new(NULL);
    int depth = 0;
    for (int c = 0; c < t->n_cols; c++) {
        const bg_pub_leaf *l = t->leaves->pdata[c];
        /* a count (采购数量) is no part of what names the row */
        if (l->key < 0 || l->block != r->block || l->key == BG_KEY_PROC_QUANTITY)
            continue;
        const char *text = r->cells[c].text;
        if (!*text)
            continue;
        bool code_key = l->key == BG_KEY_FUNC_CLASS || l->key == BG_KEY_FUNC_KIND ||
                        l->key == BG_KEY_FUNC_ITEM || l->key == BG_KEY_DEPT_CLASS ||
                        l->key == BG_KEY_DEPT_KIND || l->key == BG_KEY_DEPT_CODE;
        if (code_key && bg_pub_is_code(text) && strlen(text) <= 3)
            depth++;
        else if (code_key && bg_pub_is_code(text) && l->key == BG_KEY_DEPT_CODE)
            depth += strlen(text) <= 3 ? 1 : 2;
        char *n = bg_pub_normalize(text);
        g_string_append(label, n);
        g_free(n);
    }
    r->label = g_string_free(label, FALSE);
    r->depth = depth;
}

bg_pub_row *bg_pub_cells_row(bg_pub_reader *rd, bg_pub_table *t, char **cells, int n, int lineno)
{
    bg_pub_row *r = g_new0(bg_pub_row, 1);
    r->cells = g_new0(bg_pub_cell, t->n_cols);
    r->line = lineno;
    r->readable = true;
    for (int c = 0; c < t->n_cols; c++) {
        char *text = c < n && cells[c] ? g_strstrip(g_strdup(cells[c])) : g_strdup("");
        r->cells[c].text = bg_pub_keep(rd, text);
        const bg_pub_leaf *l = t->leaves->pdata[c];
        if (l->key < 0) {
            r->cells[c].is_amount = true;
            if (*text && !bg_pub_amount_text(rd, text, &r->cells[c].fen))
                r->readable = false;
        }
    }
    /* A non-blank cell beyond the format's columns: the row does not stand
     * in them. */
    for (int c = t->n_cols; c < n; c++)
        if (cells[c] && *g_strstrip(cells[c]))
            r->readable = false;
    row_keys(t, r);
    return r;
}

/* A tab-separated row: cells stand in their columns. */
static bg_pub_row *tab_row(bg_pub_reader *rd, bg_pub_table *t, const char *line, int lineno)
{
    char **cells = g_strsplit(line, "\t", -1);
    bg_pub_row *r = bg_pub_cells_row(rd, t, cells, (int)g_strv_length(cells), lineno);
    g_strfreev(cells);
    return r;
}

/* The columns of one block, [first, end). */
static void block_range(const bg_pub_table *t, int block, int *first, int *end)
{
    *first = t->n_cols;
    *end = 0;
    for (int c = 0; c < t->n_cols; c++)
        if (((bg_pub_leaf *)t->leaves->pdata[c])->block == block) {
            if (c < *first)
                *first = c;
            *end = c + 1;
        }
}

static bool block_has_label(const bg_table_def *def, int block, const char *label)
{
    return bg_table_def_has_row(def, block, label);
}

/* A space-separated row (the grid lost in extraction): runs of key words
 * and of amounts. A run's amounts stand in their columns only when there
 * are as many as the block has amount columns. */
GPtrArray *bg_pub_space_rows(bg_pub_reader *rd, bg_pub_table *t, const char *line, int lineno)
{
    GPtrArray *out = g_ptr_array_new();
    char **tok = words_of(line);
    GPtrArray *words = g_ptr_array_new();
    for (char **p = tok; *p; p++)
        if (**p)
            g_ptr_array_add(words, *p);
    guint i = 0;
    int n_blocks = t->def->blocks ? (int)t->def->blocks->len : 1;
    int next_block = 0;
    while (i < words->len) {
        GPtrArray *keys = g_ptr_array_new(), *amounts = g_ptr_array_new();
        int64_t fen;
        while (i < words->len && !bg_pub_amount_text(rd, words->pdata[i], &fen))
            g_ptr_array_add(keys, words->pdata[i++]);
        while (i < words->len && bg_pub_amount_text(rd, words->pdata[i], &fen)) {
            /* codes (301, 02) are digits too: only amounts after a word */
            if (keys->len == 0 && bg_pub_is_code(words->pdata[i])) {
                g_ptr_array_add(keys, words->pdata[i++]);
                continue;
            }
            g_ptr_array_add(amounts, words->pdata[i++]);
        }
        GString *label = g_string_new(NULL);
        int depth = 0;
        for (guint k = 0; k < keys->len; k++) {
            const char *w = keys->pdata[k];
            if (bg_pub_is_code(w))
                depth += strlen(w) <= 3 ? 1 : (strlen(w) == 5 ? 2 : 3);
            char *nw = bg_pub_normalize(w);
            g_string_append(label, nw);
            g_free(nw);
        }
        /* Which block: the one whose rows bear the label, else the next. */
        int block = next_block < n_blocks ? next_block : n_blocks - 1;
        for (int b = 0; n_blocks > 1 && b < n_blocks; b++)
            if (block_has_label(t->def, b, label->str)) {
                block = b;
                break;
            }
        next_block = block + 1;
        int first, end;
        block_range(t, block, &first, &end);
        bg_pub_row *r = g_new0(bg_pub_row, 1);
        r->cells = g_new0(bg_pub_cell, t->n_cols);
        r->line = lineno;
        r->block = block;
        r->depth = depth;
        r->label = g_string_free(label, FALSE);
        int n_amount = 0;
        for (int c = first; c < end; c++)
            n_amount += ((bg_pub_leaf *)t->leaves->pdata[c])->key < 0;
        r->readable = (int)amounts->len == n_amount && amounts->len > 0;
        guint a = 0;
        for (int c = 0; c < t->n_cols; c++) {
            const bg_pub_leaf *l = t->leaves->pdata[c];
            r->cells[c].is_amount = l->key < 0;
            const char *text = "";
            if (l->key < 0 && c >= first && c < end && r->readable)
                text = amounts->pdata[a++];
            r->cells[c].text = bg_pub_keep(rd, g_strdup(text));
            if (*text)
                bg_pub_amount_text(rd, text, &r->cells[c].fen);
        }
        g_ptr_array_add(out, r);
        g_ptr_array_free(keys, TRUE);
        g_ptr_array_free(amounts, TRUE);
    }
    g_ptr_array_free(words, TRUE);
    g_strfreev(tok);
    return out;
}

/* Whether a line of a table's text holds an amount (a row, not a header). */
bool bg_pub_has_amount_word(bg_pub_reader *rd, const char *line)
{
    char **tok = words_of(line);
    bool yes = false;
    int64_t fen;
    for (char **p = tok; *p && !yes; p++)
        yes = **p && !bg_pub_is_code(*p) && bg_pub_amount_text(rd, *p, &fen);
    g_strfreev(tok);
    return yes;
}

/* The header of a tab-separated table: the label of each printed column is
 * the lowest label printed over it. A header with fewer columns than the
 * format's that also lacks one of its titles lacks that column. */
static void check_header(bg_pub_table *t, char **header, int n_header, int year)
{
    int width = 0;
    for (int h = 0; h < n_header; h++) {
        char **cells = g_strsplit(header[h], "\t", -1);
        int n = (int)g_strv_length(cells);
        /* trailing blank cells do not make columns */
        while (n > 0 && !*g_strstrip(cells[n - 1]))
            n--;
        if (n > width)
            width = n;
        g_strfreev(cells);
    }
    t->header_checked = true;
    if (width >= t->n_cols)
        return;
    char *all = g_strjoinv("\t", header);
    char *norm_all = bg_pub_normalize(all);
    for (int c = 0; c < t->n_cols; c++) {
        const bg_pub_leaf *l = t->leaves->pdata[c];
        char *title = bg_pub_fill_year(l->col->title, year);
        char *nt = bg_pub_normalize(title);
        if (!strstr(norm_all, nt))
            g_ptr_array_add(t->missing, bg_pub_fill_year(l->path, year));
        g_free(nt);
        g_free(title);
    }
    g_free(norm_all);
    g_free(all);
}

static bg_pub_table *read_table(bg_pub_reader *rd, const bg_table_def *def, int title, int end)
{
    bg_published *p = rd->p;
    bg_pub_table *t = g_new0(bg_pub_table, 1);
    t->def = def;
    t->title_line = title + 1;
    t->title = g_strstrip(g_strdup(p->lines->pdata[title]));
    t->leaves = g_ptr_array_new_with_free_func(leaf_free);
    t->missing = g_ptr_array_new_with_free_func(g_free);
    t->rows = g_ptr_array_new_with_free_func(row_free);
    t->blank_rows = g_ptr_array_new_with_free_func(row_free);
    t->notes = g_ptr_array_new_with_free_func(g_free);
    t->end_line = end;
    int depth = 0;
    for (guint b = 0; b < def->blocks->len; b++) {
        const bg_block *blk = def->blocks->pdata[b];
        for (guint i = 0; i < blk->columns->len; i++)
            flatten(t->leaves, blk->columns->pdata[i], NULL, NULL, (int)b, &depth, 1);
    }
    t->n_cols = (int)t->leaves->len;
    bool tabs = false;
    for (int i = title + 1; i < end && !tabs; i++)
        tabs = strchr(p->lines->pdata[i], '\t') != NULL;
    if (p->words && !tabs) {
        bg_pub_grid_rows(rd, t, title, end);
        return t;
    }
    GPtrArray *header = g_ptr_array_new();
    bool in_rows = false, in_notes = false;
    for (int i = title + 1; i < end; i++) {
        char *line = p->lines->pdata[i];
        char *stripped = g_strstrip(g_strdup(line));
        if (!*stripped) {
            g_free(stripped);
            continue;
        }
        if (in_notes || bg_pub_is_note(stripped)) {
            in_notes = true;
            g_ptr_array_add(t->notes, stripped);
            continue;
        }
        if (tabs && strchr(line, '\t')) {
            if (!in_rows && (int)header->len < depth) {
                g_ptr_array_add(header, line);
                g_free(stripped);
                continue;
            }
            in_rows = true;
            bg_pub_row *r = tab_row(rd, t, line, i + 1);
            g_ptr_array_add(t->rows, r);
        } else if (!tabs && bg_pub_has_amount_word(rd, stripped)) {
            in_rows = true;
            GPtrArray *rs = bg_pub_space_rows(rd, t, stripped, i + 1);
            for (guint k = 0; k < rs->len; k++)
                g_ptr_array_add(t->rows, rs->pdata[k]);
            g_ptr_array_free(rs, TRUE);
        } else if (in_rows && tabs) {
            /* text after the rows that is no note ends the table */
            g_free(stripped);
            t->end_line = i;
            break;
        }
        g_free(stripped);
    }
    if (tabs && header->len > 0) {
        g_ptr_array_add(header, NULL);
        check_header(t, (char **)header->pdata, (int)header->len - 1, p->year);
    }
    g_ptr_array_free(header, TRUE);
    return t;
}

/* ---- the document ------------------------------------------------------ */

static void word_clear(gpointer w)
{
    g_free(((bg_pub_word *)w)->text);
}

void bg_published_free(bg_published *p)
{
    if (!p)
        return;
    g_free(p->file);
    g_free(p->format_id);
    g_free(p->department);
    if (p->lines)
        g_ptr_array_unref(p->lines);
    if (p->tables)
        g_ptr_array_unref(p->tables);
    if (p->strings)
        g_ptr_array_unref(p->strings);
    if (p->page_starts)
        g_array_free(p->page_starts, TRUE);
    if (p->words)
        g_ptr_array_unref(p->words);
    g_free(p);
}

int bg_published_page(const bg_published *p, int line)
{
    int page = 0;
    for (guint i = 0; p->page_starts && i < p->page_starts->len; i++)
        if (g_array_index(p->page_starts, int, i) <= line)
            page = (int)i + 1;
    return line > 0 ? page : 0;
}

/* The budget year: the first "20xx年" of the text (its cover). */
static int first_year(GPtrArray *norm)
{
    GRegex *re = g_regex_new("(20\\d\\d)年", 0, 0, NULL);
    int year = 0;
    for (guint i = 0; i < norm->len && !year && re; i++) {
        GMatchInfo *mi = NULL;
        if (g_regex_match(re, norm->pdata[i], 0, &mi)) {
            char *y = g_match_info_fetch(mi, 1);
            year = atoi(y);
            g_free(y);
        }
        g_match_info_free(mi);
    }
    if (re)
        g_regex_unref(re);
    return year;
}

static GPtrArray *format_ids(const char *dir)
{
    GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return ids;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        char *f = g_build_filename(dir, name, "format.yaml", NULL);
        if (g_file_test(f, G_FILE_TEST_IS_REGULAR))
            g_ptr_array_add(ids, g_strdup(name));
        g_free(f);
    }
    g_dir_close(d);
    g_ptr_array_sort(ids, (GCompareFunc)(void *)g_strcmp0); /* stable choice on ties */
    return ids;
}

static int cmp_ids(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void hits_clear(title_hit *h, guint n)
{
    for (guint i = 0; i < n; i++)
        g_free(h[i].dept);
}

GArray *bg_pub_word_line_new(void)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(bg_pub_word));
    g_array_set_clear_func(a, word_clear);
    return a;
}

void bg_pub_word_line_free(gpointer line)
{
    g_array_free(line, TRUE);
}

bg_published *bg_published_read_text(const char *file, const char *text, gsize len,
                                     bg_formats *formats, const char *templates_dir,
                                     const char *format_id, char **error)
{
    return bg_published_read_placed(file, text, len, NULL, NULL, formats, templates_dir,
                                    format_id, error);
}

bg_published *bg_published_read_placed(const char *file, const char *text, gsize len,
                                       GArray *page_starts, GPtrArray *words, bg_formats *formats,
                                       const char *templates_dir, const char *format_id,
                                       char **error)
{
    *error = NULL;
    if (!g_utf8_validate(text, (gssize)len, NULL) || memchr(text, '\0', len)) {
        *error = g_strdup("不是 UTF-8 文本");
        if (page_starts)
            g_array_free(page_starts, TRUE);
        if (words)
            g_ptr_array_unref(words);
        return NULL;
    }
    bg_published *p = g_new0(bg_published, 1);
    p->file = g_strdup(file);
    p->page_starts = page_starts;
    p->words = words;
    p->lines = g_ptr_array_new_with_free_func(g_free);
    char **lines = g_strsplit(text, "\n", -1);
    GPtrArray *norm = g_ptr_array_new_with_free_func(g_free);
    for (char **l = lines; *l; l++) {
        size_t n = strlen(*l);
        if (n && (*l)[n - 1] == '\r')
            (*l)[n - 1] = '\0';
        g_ptr_array_add(p->lines, g_strdup(*l));
        g_ptr_array_add(norm, bg_pub_normalize(*l));
    }
    g_strfreev(lines);
    /* every line has its words, so that no reader runs past them */
    while (p->words && p->words->len < p->lines->len)
        g_ptr_array_add(p->words, bg_pub_word_line_new());
    p->year = first_year(norm);

    GPtrArray *ids = format_ids(templates_dir);
    g_ptr_array_sort(ids, cmp_ids);
    GString *why = g_string_new(NULL);
    int best = 0;
    const bg_format *best_f = NULL;
    title_hit *best_hits = NULL;
    for (guint i = 0; i < ids->len; i++) {
        const char *id = ids->pdata[i];
        if (format_id && strcmp(id, format_id) != 0)
            continue;
        bg_diag *diag = bg_diag_new();
        const bg_format *f = bg_formats_get(formats, id, diag);
        bg_diag_free(diag);
        if (!f)
            continue;
        title_hit *hits = g_new0(title_hit, f->tables->len);
        int found = find_titles(f, norm, hits);
        int pivots = 0;
        for (guint t = 0; t < f->tables->len; t++)
            pivots += !((bg_table_def *)f->tables->pdata[t])->form;
        g_string_append_printf(why, "%s%s：找到 %d 张表（共 %d 张）", why->len ? "；" : "", id,
                               found, pivots);
        for (guint t = 0, shown = 0; t < f->tables->len; t++)
            if (hits[t].line >= 0)
                g_string_append_printf(why, "%s%s", shown++ ? "、" : "：表",
                                       ((bg_table_def *)f->tables->pdata[t])->number);
        /* Recognised when most of its tables are there. */
        if (found > best && found * 2 >= pivots) {
            if (best_hits)
                hits_clear(best_hits, best_f->tables->len);
            g_free(best_hits);
            best = found;
            best_f = f;
            best_hits = hits;
            g_free(p->format_id);
            p->format_id = g_strdup(id);
        } else {
            hits_clear(hits, f->tables->len);
            g_free(hits);
        }
    }
    g_ptr_array_unref(ids);
    if (!best_f) {
        *error = why->len ? g_strdup_printf("不符合任何已知的公开格式（%s）", why->str)
                          : g_strdup(format_id ? "没有这个公开格式" : "没有可用的公开格式");
        g_string_free(why, TRUE);
        g_ptr_array_unref(norm);
        bg_published_free(p);
        return NULL;
    }
    g_string_free(why, TRUE);
    p->format = best_f;
    guint n = best_f->tables->len;
    p->department = most_common_dept(best_hits, n);
    if (!p->department) {
        int first = (int)norm->len;
        for (guint t = 0; t < n; t++)
            if (best_hits[t].line >= 0 && best_hits[t].line < first)
                first = best_hits[t].line;
        p->department = cover_dept(best_f, norm, first);
    }
    find_misprinted(best_f, norm, best_hits, p->department);
    if (!p->year)
        for (guint t = 0; t < n && !p->year; t++)
            p->year = best_hits[t].year;
    p->money_unit_fen = 100 * (strcmp(best_f->money_unit, "万元") == 0 ? 10000 : 1);
    for (int d = 0; d < best_f->decimals; d++)
        p->money_unit_fen /= 10;
    p->tables = g_ptr_array_new_with_free_func(table_free);
    bg_pub_reader rd = {.p = p, .strings = g_ptr_array_new_with_free_func(g_free)};
    p->first_table_line = (int)p->lines->len + 1;
    for (guint t = 0; t < n; t++) {
        if (best_hits[t].line < 0) {
            g_ptr_array_add(p->tables, NULL);
            continue;
        }
        int end = (int)p->lines->len;
        for (guint k = 0; k < n; k++)
            if (best_hits[k].line > best_hits[t].line && best_hits[k].line < end)
                end = best_hits[k].line;
        bg_pub_table *tab = read_table(&rd, best_f->tables->pdata[t], best_hits[t].line, end);
        tab->title_exact = best_hits[t].exact;
        g_ptr_array_add(p->tables, tab);
        if (tab->title_line < p->first_table_line)
            p->first_table_line = tab->title_line;
    }
    /* Cell texts live as long as the document. */
    p->strings = rd.strings;
    hits_clear(best_hits, n);
    g_free(best_hits);
    g_ptr_array_unref(norm);
    return p;
}
