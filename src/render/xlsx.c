#include "render/xlsx.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "layout/breaks.h"
#include "layout/table_layout.h"
#include "render/atomic.h"

#define FONT_SIZE 10

typedef struct {
    lxw_workbook *wb;
    const bg_xlsx_meta *meta;
    lxw_format *title, *subtitle, *unit, *head, *text, *text_total, *note, *count, *count_total;
    GHashTable *amount_formats; /* "number format|bold", "text|size|bold" -> lxw_format* */
    const GPtrArray *keep;      /* words labels never break inside */
    GHashTable *natural;        /* "size|bold|text" -> its one-line width (double*) */
    /* The first libxlsxwriter call that failed: its error, the sheet and
     * the cell (-1 when none). Later calls are not made. */
    lxw_error err;
    const char *sheet;
    char *failed_sheet;
    int row, col;
} book;

/* Keeps the first error of a libxlsxwriter call, with where it happened. */
static bool check(book *b, lxw_error e, int row, int col)
{
    if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR) {
        b->err = e;
        b->failed_sheet = g_strdup(b->sheet);
        b->row = row;
        b->col = col;
    }
    return e == LXW_NO_ERROR;
}

static bool failed(const book *b)
{
    return b->err != LXW_NO_ERROR;
}


static lxw_format *fmt(book *b, bool bold, bool border, bool wrap, uint8_t align, double size,
                       const char *num)
{
    lxw_format *f = workbook_add_format(b->wb);
    format_set_font_name(f, b->meta->font);
    format_set_font_size(f, size);
    if (bold)
        format_set_bold(f);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (wrap)
        format_set_text_wrap(f);
    format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (num)
        format_set_num_format(f, num);
    return f;
}

/* The number format showing amounts with the table's decimals; a zero
 * shows blank, as in the published tables, but stays a number. */
static char *number_format(const bg_table *t)
{
    /* A table that drops trailing zeros in print (2035.88, 395) still shows
     * its decimals here: a spreadsheet cannot drop them without a stray
     * point, and General would show every decimal of 万元 (9661.9907). */
    GString *s = g_string_new(t->money_grouping ? "#,##0" : "0");
    if (t->money_decimals > 0) {
        g_string_append_c(s, '.');
        for (int i = 0; i < t->money_decimals; i++)
            g_string_append_c(s, '0');
    }
    char *one = g_strdup(s->str);
    g_string_append_printf(s, ";-%s;", one);
    g_free(one);
    return g_string_free(s, FALSE);
}

static lxw_format *amount_format(book *b, const bg_table *t, bool bold)
{
    char *num = number_format(t);
    char *key = g_strdup_printf("%s|%d", num, bold);
    lxw_format *f = g_hash_table_lookup(b->amount_formats, key);
    if (!f) {
        f = fmt(b, bold, true, false, LXW_ALIGN_RIGHT, FONT_SIZE, num);
        g_hash_table_insert(b->amount_formats, key, f);
    } else {
        g_free(key);
    }
    g_free(num);
    return f;
}

/* A whole number or a decimal, as a count is written (12, 1.5). */
static bool is_count(const char *s)
{
    if (!*s)
        return false;
    int dots = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '.' && p != s && p[1])
            dots++;
        else if (*p < '0' || *p > '9')
            return false;
    }
    return dots <= 1 && (s[0] != '0' || s[1] == '\0' || s[1] == '.');
}

/* Excel allows 31 characters and none of []:*?/\ in a sheet name (nor '
 * at its ends); a form of a project is named by the project. */
static char *sheet_name(const bg_table *t, const char *department, GHashTable *used)
{
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "表%s ", t->number);
    const char *title = t->title;
    if (department && g_str_has_prefix(title, department))
        title += strlen(department);
    for (const char *p = title; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!strchr("[]:*?/\\", (int)(c < 128 ? c : 'x')))
            g_string_append_unichar(s, c);
    }
    if (t->caption) {
        /* one of several forms of a number: named by its project */
        g_string_printf(s, "表%s ", t->number);
        for (const char *p = t->caption; *p; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            if (!strchr("[]:*?/\\'", (int)(c < 128 ? c : 'x')))
                g_string_append_unichar(s, c);
        }
    }
    char *base = g_utf8_substring(s->str, 0, MIN(g_utf8_strlen(s->str, -1), 31));
    g_string_free(s, TRUE);
    char *name = g_strdup(base);
    for (int n = 2; g_hash_table_contains(used, name); n++) {
        g_free(name);
        char *suffix = g_strdup_printf("(%d)", n);
        char *cut = g_utf8_substring(base, 0, MIN(g_utf8_strlen(base, -1), 31 - (long)strlen(suffix)));
        name = g_strconcat(cut, suffix, NULL);
        g_free(cut);
        g_free(suffix);
    }
    g_free(base);
    g_hash_table_add(used, g_strdup(name));
    return name;
}

static double divisor(const bg_table *t)
{
    return strcmp(t->money_unit, "万元") == 0 ? 1000000.0 : 100.0;
}

/* The rows a row sums (see bg_row.level): appends their indexes to out. */
static void children(const bg_table *t, guint r, GArray *out)
{
    const bg_row *row = t->rows->pdata[r];
    if (row->level < 0)
        return;
    int below = 99;
    guint end = r + 1;
    for (; end < t->rows->len; end++) {
        int lv = ((bg_row *)t->rows->pdata[end])->level;
        if (lv < 0 || lv <= row->level)
            break;
        below = MIN(below, lv);
    }
    for (guint k = r + 1; k < end; k++)
        if (((bg_row *)t->rows->pdata[k])->level == below)
            g_array_append_val(out, k);
}

/* =SUM(E7:E12,E20): the cells (rows[i], cols[i]), runs of neighbours as
 * ranges. */
static char *sum_formula(const int *rows, const int *cols, guint n)
{
    GString *f = g_string_new("=SUM(");
    char a[32], b[32];
    for (guint i = 0; i < n;) {
        guint j = i;
        while (j + 1 < n && ((rows[j + 1] == rows[j] + 1 && cols[j + 1] == cols[j]) ||
                             (cols[j + 1] == cols[j] + 1 && rows[j + 1] == rows[j])))
            j++;
        lxw_rowcol_to_cell(a, (lxw_row_t)rows[i], (lxw_col_t)cols[i]);
        lxw_rowcol_to_cell(b, (lxw_row_t)rows[j], (lxw_col_t)cols[j]);
        g_string_append_printf(f, "%s%s", i ? "," : "", a);
        if (j > i)
            g_string_append_printf(f, ":%s", b);
        i = j + 1;
    }
    g_string_append_c(f, ')');
    return g_string_free(f, FALSE);
}

/* The sum of the rows `kids` (indexes of body rows) in column `col`. */
static char *column_sum(const GArray *kids, int body0, int col)
{
    int *rows = g_new(int, kids->len), *cols = g_new(int, kids->len);
    for (guint i = 0; i < kids->len; i++) {
        rows[i] = body0 + (int)g_array_index(kids, guint, i);
        cols[i] = col;
    }
    char *f = sum_formula(rows, cols, kids->len);
    g_free(rows);
    g_free(cols);
    return f;
}

/* =SUM(F7:I7) for a subtotal column, when its parts hold amounts in this
 * row and add up to it exactly; otherwise NULL (the value is written). */
static char *row_formula(const bg_table *t, const bg_row *row, int rr, int col)
{
    const GArray *parts = t->col_sums[col];
    if (!parts || parts->len == 0)
        return NULL;
    bg_money sum = 0;
    for (guint i = 0; i < parts->len; i++) {
        const bg_cell *p = &row->cells[g_array_index(parts, int, i)];
        if (!p->has_value)
            return NULL;
        sum += p->value;
    }
    if (sum != row->cells[col].value)
        return NULL;
    int *rows = g_new(int, parts->len);
    for (guint i = 0; i < parts->len; i++)
        rows[i] = rr;
    char *f = sum_formula(rows, (const int *)(void *)parts->data, parts->len);
    g_free(rows);
    return f;
}

static void merge_or_write(book *b, lxw_worksheet *ws, int r1, int c1, int r2, int c2,
                           const char *text, lxw_format *f)
{
    if (failed(b))
        return;
    if (r1 == r2 && c1 == c2)
        check(b, worksheet_write_string(ws, (lxw_row_t)r1, (lxw_col_t)c1, text, f), r1, c1);
    else
        check(b,
              worksheet_merge_range(ws, (lxw_row_t)r1, (lxw_col_t)c1, (lxw_row_t)r2,
                                    (lxw_col_t)c2, text, f),
              r1, c1);
}

static char *failure(const book *b)
{
    GString *s = g_string_new(NULL);
    if (b->failed_sheet)
        g_string_append_printf(s, "工作表“%s”", b->failed_sheet);
    if (b->row >= 0)
        g_string_append_printf(s, "第 %d 行", b->row + 1);
    if (b->col >= 0) {
        char name[16];
        lxw_col_to_name(name, (lxw_col_t)b->col, LXW_FALSE);
        g_string_append_printf(s, "第 %s 列", name);
    }
    g_string_append_printf(s, "%s%s", s->len ? "：" : "", lxw_strerror(b->err));
    return g_string_free(s, FALSE);
}

/* ---- measuring ---------------------------------------------------------- */

/* A line of text is 1.45 sizes tall in the CJK fonts Excel, WPS and
 * LibreOffice use (ascent and descent); a cell adds its margins. */
#define LINE 1.45
#define CELL_PAD 3.0  /* points of margin left and right of a cell's text */
#define ROW_PAD 3.0   /* points above and below the lines of a wrapped cell */
/* The printable width of A4 within Excel's default margins (0.7 in). */
#define PRINT_PORTRAIT (595.28 - 2 * 50.4)
#define PRINT_LANDSCAPE (841.89 - 2 * 50.4)
/* Shrunk to fit a page wide, text stays at 7 pt or more. */
#define MIN_PRINTED 7.0
/* The tallest row Excel holds, in points. */
#define MAX_ROW 409.0

/* How the workbook's texts are measured: the stand-in font, set left. */
static bg_text_style measure_style(const book *b, double size, bool bold)
{
    return (bg_text_style){.ctx = b->meta->ctx, .family = b->meta->measure_font, .size = size,
                           .bold = bold, .align = PANGO_ALIGN_LEFT};
}

static double text_size_points(const book *b, const char *text, double size, bool bold)
{
    char *key = g_strdup_printf("%.1f|%d|%s", size, bold, text);
    const double *hit = g_hash_table_lookup(b->natural, key);
    if (hit) {
        g_free(key);
        return *hit;
    }
    /* (shared with every workbook and table of the run that sets it) */
    bg_text_style st = measure_style(b, size, bold);
    PangoLayout *l = bg_text_line(&st, text);
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    g_object_unref(l);
    double *w = g_new(double, 1);
    *w = (double)r.width / PANGO_SCALE;
    g_hash_table_insert(b->natural, key, w);
    return *w;
}

/* The height a text needs, wrapped in `width` points of cell. The
 * spreadsheet's own font may break a little differently from the one
 * measured: half a character of width and a line in eight are allowed
 * for. */
static double text_height(const book *b, const char *text, double size, bool bold, double width)
{
    if (!text || !*text)
        return size * LINE;
    double wrap = MAX(size, width - 2 * CELL_PAD - size / 2);
    /* Most cells hold one line: their width, measured once a workbook (the
     * same labels recur from sheet to sheet), says so without wrapping. */
    if (!strchr(text, '\n') && text_size_points(b, text, size, bold) <= wrap - 0.5)
        return size * LINE;
    /* The lines worked out from the shared line where they can be (a form's
     * long texts would each be set again), else set. */
    bg_text_style st = measure_style(b, size, bold);
    bg_breaks *bk = NULL;
    if (bg_text_same_at(&st, text, wrap)) {
        PangoLayout *one = bg_text_line(&st, text);
        bk = bg_breaks_new(one);
        g_object_unref(one);
    }
    int lines;
    if (bk) {
        lines = bg_breaks_set(bk, (int)(wrap * PANGO_SCALE), true).lines;
        bg_breaks_free(bk);
    } else {
        PangoLayout *l = bg_text_layout(b->meta->ctx, b->meta->measure_font, size, bold, text,
                                        wrap, PANGO_ALIGN_LEFT, false);
        lines = pango_layout_get_line_count(l);
        g_object_unref(l);
    }
    if (lines <= 1)
        return size * LINE;
    lines += lines / 8;
    return lines * size * LINE + ROW_PAD;
}

/* Column widths in points (without the cells' margins), chosen as the PDF
 * chooses them: no label broken inside a word or left one character a
 * line while another column has room. A form fills a portrait page; a
 * table keeps its natural widths up to the widest that still prints at
 * 7 pt on a landscape page, and is as wide as its title. Amount columns
 * get a margin: the printing font's figures may be wider than those
 * measured. */
static double *column_widths(const book *b, const bg_table *t)
{
    double *w = g_new0(double, (gsize)MAX(1, t->n_cols));
    bg_table_style st = {.ctx = b->meta->ctx, .family = b->meta->measure_font,
                         .size = FONT_SIZE, .min_size = FONT_SIZE, .keep = b->keep};
    /* (amounts get their margin after: room is kept for it) */
    double cap = t->form ? PRINT_PORTRAIT * 0.9
                         : PRINT_LANDSCAPE * FONT_SIZE / MIN_PRINTED / 1.1 / 1.15;
    if (!bg_table_column_widths(t, &st, cap, t->form, w))
        bg_table_column_widths(t, &st, 1e6, false, w); /* print across pages */
    double total = 0;
    for (int c = 0; c < t->n_cols; c++) {
        if (t->col_kinds[c] == BG_COL_AMOUNT || t->col_counts[c])
            w[c] *= 1.15;
        w[c] = MAX(FONT_SIZE * 2, w[c] - 2 * CELL_PAD);
        total += w[c] + 2 * CELL_PAD;
    }
    double want = text_size_points(b, t->title, 14, true) + 4 * CELL_PAD;
    if (!t->form && total < want)
        for (int c = 0; c < t->n_cols; c++)
            w[c] = (w[c] + 2 * CELL_PAD) * want / total - 2 * CELL_PAD;
    return w;
}

/* Points the columns c1..c2 span, margins included. */
static double span(const double *w, int c1, int c2)
{
    double x = 0;
    for (int c = c1; c <= c2; c++)
        x += w[c] + 2 * CELL_PAD;
    return x;
}

/* A cell's need for height over rows r1..r2: the rows alone first, then a
 * cell over several rows adds what it lacks to the last of them. */
static void need_height(double *h, int r1, int r2, double need)
{
    double have = 0;
    for (int r = r1; r <= r2; r++)
        have += h[r];
    if (need > have)
        h[r2] += need - have;
}

/* The text format at a smaller size, made once a size. */
static lxw_format *small_text(book *b, double size, bool bold)
{
    char *key = g_strdup_printf("text|%.1f|%d", size, bold);
    lxw_format *f = g_hash_table_lookup(b->amount_formats, key);
    if (!f) {
        f = fmt(b, bold, true, true, LXW_ALIGN_LEFT, size, NULL);
        g_hash_table_insert(b->amount_formats, key, f);
    } else {
        g_free(key);
    }
    return f;
}

/* ---- a sheet ------------------------------------------------------------- */

static void write_sheet(book *b, lxw_worksheet *ws, const bg_table *t)
{
    double *width = column_widths(b, t);
    double total = span(width, 0, MAX(0, t->n_cols - 1));
    /* Titles and notes span the table, or the columns of its first page
     * when it prints across pages (see the print setup below). */
    bool across = total * 1.1 * MIN_PRINTED / FONT_SIZE > PRINT_LANDSCAPE;
    int last_col = MAX(0, t->n_cols - 1);
    while (across && last_col > 0 && span(width, 0, last_col) > PRINT_LANDSCAPE * 0.8)
        last_col--;
    double title_w = span(width, 0, last_col); /* narrower when the keys repeat */
    /* Rows: the title lines, the header, the body, a blank row, the notes. */
    int title_rows = ((t->corner && *t->corner) ? 1 : 0) + 1 + ((t->subtitle && *t->subtitle) ? 1 : 0) +
                     (((t->unit_left && *t->unit_left) || (t->unit_line && *t->unit_line)) ? 1 : 0);
    int head0 = title_rows, body0 = head0 + t->header_rows;
    int n_rows = body0 + (int)t->rows->len + 1 + (int)t->notes->len;
    double *height = g_new0(double, (gsize)n_rows);
    for (int r = 0; r < n_rows; r++)
        height[r] = FONT_SIZE * LINE;
    int r = 0;
    if (t->corner && *t->corner) {
        merge_or_write(b, ws, r, 0, r, last_col, t->corner, b->note);
        r++;
    }
    /* Across pages the key columns repeat on every page, row 1 included:
     * the title stands right of them, or their copies would show it cut. */
    int keys = 0;
    while (keys < t->n_cols && keys < 4 && t->col_kinds[keys] == BG_COL_TEXT)
        keys++;
    bool repeat_keys = across && keys > 0 && span(width, 0, keys - 1) < PRINT_LANDSCAPE * 0.55;
    int title0 = repeat_keys && keys <= last_col ? keys : 0;
    merge_or_write(b, ws, r, title0, r, last_col, t->title, b->title);
    height[r] = MAX(24, text_height(b, t->title, 14, true, span(width, title0, last_col)) + 4);
    r++;
    if (t->subtitle && *t->subtitle) {
        merge_or_write(b, ws, r, 0, r, last_col, t->subtitle, b->subtitle);
        r++;
    }
    int full = MAX(0, t->n_cols - 1);
    if (t->unit_left && *t->unit_left && full > 0) {
        /* the left half for 部门名称, the right half for 单位 */
        int mid = full / 2;
        merge_or_write(b, ws, r, 0, r, mid, t->unit_left, b->note);
        height[r] = text_height(b, t->unit_left, FONT_SIZE, false, span(width, 0, mid));
        if (t->unit_line && *t->unit_line)
            merge_or_write(b, ws, r, mid + 1, r, full, t->unit_line, b->unit);
        r++;
    } else if (t->unit_line && *t->unit_line) {
        merge_or_write(b, ws, r, 0, r, full, t->unit_line, b->unit);
        r++;
    }
    for (int pass = 0; pass < 2; pass++)
        for (guint i = 0; i < t->header->len; i++) {
            const bg_header_cell *h = t->header->pdata[i];
            if ((pass == 0) != (h->rowspan == 1))
                continue;
            need_height(height, head0 + h->row, head0 + h->row + h->rowspan - 1,
                        text_height(b, h->text, FONT_SIZE, true,
                                    span(width, h->col, h->col + h->colspan - 1)));
        }
    for (guint i = 0; i < t->header->len; i++) {
        const bg_header_cell *h = t->header->pdata[i];
        merge_or_write(b, ws, head0 + h->row, h->col, head0 + h->row + h->rowspan - 1,
                       h->col + h->colspan - 1, h->text, b->head);
    }
    double scale = 1.0 / divisor(t);
    /* A text taller than the rows Excel allows (409 pt) is set smaller,
     * down to 7 pt. */
    double *size = g_new(double, (gsize)MAX(1, t->rows->len * (guint)t->n_cols));
    for (guint i = 0; i < t->rows->len * (guint)t->n_cols; i++)
        size[i] = FONT_SIZE;
    for (int pass = 0; pass < 2; pass++)
        for (guint i = 0; i < t->rows->len; i++) {
            const bg_row *row = t->rows->pdata[i];
            for (int c = 0; c < t->n_cols; c++) {
                const bg_cell *cell = &row->cells[c];
                int cs = MAX(1, cell->colspan), rs = MAX(1, cell->rowspan);
                if (cell->covered || cell->has_value || (pass == 0) != (rs == 1))
                    continue;
                int rr = body0 + (int)i;
                bool bold = row->kind == BG_ROW_TOTAL;
                double *sz = &size[i * (guint)t->n_cols + (guint)c];
                double w = span(width, c, c + cs - 1);
                double need = text_height(b, cell->text, *sz, bold, w);
                while (need > MAX_ROW * rs && *sz > MIN_PRINTED) {
                    *sz -= 0.5;
                    need = text_height(b, cell->text, *sz, bold, w);
                }
                need_height(height, rr, MIN(n_rows - 1, rr + rs - 1), need);
            }
        }
    GArray *kids = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = 0; i < t->rows->len; i++) {
        const bg_row *row = t->rows->pdata[i];
        bool total_row = row->kind == BG_ROW_TOTAL || row->kind == BG_ROW_GROUP;
        g_array_set_size(kids, 0);
        children(t, i, kids);
        for (int c = 0; c < t->n_cols; c++) {
            const bg_cell *cell = &row->cells[c];
            if (cell->covered)
                continue;
            int rr = body0 + (int)i;
            int cs = MAX(1, cell->colspan), rs = MAX(1, cell->rowspan);
            if (cell->has_value) {
                lxw_format *f = amount_format(b, t, total_row);
                if (cs > 1 || rs > 1)
                    check(b, worksheet_merge_range(ws, (lxw_row_t)rr, (lxw_col_t)c,
                                          (lxw_row_t)(rr + rs - 1), (lxw_col_t)(c + cs - 1), "", f), (int)(rr), (int)(c));
                char *across = row_formula(t, row, rr, c);
                if (kids->len) {
                    char *formula = column_sum(kids, body0, c);
                    check(b, worksheet_write_formula_num(ws, (lxw_row_t)rr, (lxw_col_t)c, formula, f,
                                                (double)cell->value * scale), (int)(rr), (int)(c));
                    g_free(formula);
                } else if (across) {
                    check(b, worksheet_write_formula_num(ws, (lxw_row_t)rr, (lxw_col_t)c, across, f,
                                                (double)cell->value * scale), (int)(rr), (int)(c));
                } else {
                    check(b, worksheet_write_number(ws, (lxw_row_t)rr, (lxw_col_t)c,
                                           (double)cell->value * scale, f), (int)(rr), (int)(c));
                }
                g_free(across);
            } else if (t->col_counts[c] && is_count(cell->text) && cs == 1 && rs == 1) {
                /* a quantity: a number, as the sheet can add it up */
                check(b, worksheet_write_number(ws, (lxw_row_t)rr, (lxw_col_t)c,
                                       g_ascii_strtod(cell->text, NULL),
                                       total_row ? b->count_total : b->count), (int)(rr), (int)(c));
            } else {
                double sz = size[i * (guint)t->n_cols + (guint)c];
                lxw_format *f = sz < FONT_SIZE ? small_text(b, sz, total_row)
                                : total_row    ? b->text_total
                                               : b->text;
                merge_or_write(b, ws, rr, c, rr + rs - 1, c + cs - 1, cell->text, f);
            }
        }
    }
    g_array_free(kids, TRUE);
    int after = body0 + (int)t->rows->len + 1;
    for (guint i = 0; i < t->notes->len; i++, after++) {
        merge_or_write(b, ws, after, 0, after, last_col, t->notes->pdata[i], b->note);
        height[after] = text_height(b, t->notes->pdata[i], FONT_SIZE, false, title_w);
    }
    /* Every row as tall as its text: Excel and WPS never fit a row that
     * holds merged cells. */
    for (int k = 0; k < n_rows; k++)
        check(b, worksheet_set_row(ws, (lxw_row_t)k, MIN(height[k], MAX_ROW), NULL), (int)(k), -1);
    /* Excel's width unit: a digit of the workbook's default font (7 px,
     * plus 5 px of padding); 3/4 point a pixel. */
    for (int c = 0; c < t->n_cols; c++)
        check(b, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             ((width[c] + 2 * CELL_PAD) / 0.75 - 5) / 7.0, NULL), -1, -1);

    /* Print: A4; landscape when wider than portrait; shrunk to one page
     * wide only while the text stays readable, else across pages with the
     * key columns repeated; the title and header rows on every page. */
    worksheet_set_paper(ws, 9);
    worksheet_center_horizontally(ws);
    /* Spreadsheets measure widths in their own default font a little
     * differently (LibreOffice by the exact digit, Excel by whole pixels):
     * a tenth of room is kept. */
    double printed = total * 1.1;
    if (printed <= PRINT_PORTRAIT)
        worksheet_set_portrait(ws);
    else
        worksheet_set_landscape(ws);
    if (!across) {
        worksheet_fit_to_pages(ws, 1, 0); /* shrinks only what is wider than a page */
    } else {
        if (repeat_keys)
            check(b, worksheet_repeat_columns(ws, 0, (lxw_col_t)(keys - 1)), -1, -1);
        worksheet_print_across(ws);
    }
    /* Across pages, the title stands on the first: the header repeats. */
    if (across && t->header_rows > 0)
        check(b, worksheet_repeat_rows(ws, (lxw_row_t)head0, (lxw_row_t)(body0 - 1)), -1, -1);
    else
        check(b, worksheet_repeat_rows(ws, 0, (lxw_row_t)(body0 - 1)), -1, -1);
    if (t->header_rows > 0)
        worksheet_freeze_panes(ws, (lxw_row_t)body0, 0);
    check(b, worksheet_set_footer(ws, "&C- &P -"), -1, -1);
    g_free(width);
    g_free(height);
    g_free(size);
}

bool bg_write_xlsx(bg_atomic *out, const bg_doc *doc, const bg_xlsx_meta *meta, char **error)
{
    /* libxlsxwriter only writes by name: into the private folder of `out`. */
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    book b = {.meta = meta, .keep = doc->keep, .row = -1, .col = -1};
    b.wb = workbook_new_opt(bg_atomic_temp_path(out), &opt);
    if (!b.wb) {
        *error = g_strdup_printf("无法写入 XLSX“%s”", bg_atomic_path(out));
        bg_atomic_set_io_failed(out);
        return false;
    }
    lxw_doc_properties props = {.title = (char *)meta->title,
                                .author = (char *)meta->author,
                                .subject = (char *)meta->subject,
                                .created = (time_t)meta->created};
    check(&b, workbook_set_properties(b.wb, &props), -1, -1);
    b.title = fmt(&b, true, false, true, LXW_ALIGN_CENTER, 14, NULL);
    b.subtitle = fmt(&b, false, false, false, LXW_ALIGN_CENTER, FONT_SIZE, NULL);
    b.unit = fmt(&b, false, false, false, LXW_ALIGN_RIGHT, FONT_SIZE, NULL);
    b.head = fmt(&b, true, true, true, LXW_ALIGN_CENTER, FONT_SIZE, NULL);
    b.text = fmt(&b, false, true, true, LXW_ALIGN_LEFT, FONT_SIZE, NULL);
    b.text_total = fmt(&b, true, true, true, LXW_ALIGN_LEFT, FONT_SIZE, NULL);
    b.note = fmt(&b, false, false, true, LXW_ALIGN_LEFT, FONT_SIZE, NULL);
    b.count = fmt(&b, false, true, false, LXW_ALIGN_RIGHT, FONT_SIZE, "General");
    b.count_total = fmt(&b, true, true, false, LXW_ALIGN_RIGHT, FONT_SIZE, "General");
    b.amount_formats = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    b.natural = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < doc->tables->len && !failed(&b); i++) {
        const bg_table *t = doc->tables->pdata[i];
        char *name = sheet_name(t, doc->author, used);
        b.sheet = name;
        lxw_worksheet *ws = NULL;
        if (check(&b, workbook_validate_sheet_name(b.wb, name), -1, -1) &&
            !(ws = workbook_add_worksheet(b.wb, name)))
            check(&b, LXW_ERROR_MEMORY_MALLOC_FAILED, -1, -1);
        if (ws)
            write_sheet(&b, ws, t);
        b.sheet = NULL;
        g_free(name);
    }
    g_hash_table_destroy(used);
    g_hash_table_destroy(b.amount_formats);
    g_hash_table_destroy(b.natural);
    if (failed(&b)) {
        /* The content cannot be written as Excel needs it: nothing is. */
        lxw_workbook_free(b.wb);
        char *why = failure(&b);
        *error = g_strdup_printf("写入 XLSX“%s”失败：%s", bg_atomic_path(out), why);
        g_free(why);
        g_free(b.failed_sheet);
        return false;
    }
    errno = 0;
    lxw_error err = workbook_close(b.wb);
    int sys = errno; /* the zip library's failed write, when that is what failed */
    if (err != LXW_NO_ERROR) {
        *error = g_strdup_printf("写入 XLSX“%s”失败：%s%s%s%s", bg_atomic_path(out),
                                 lxw_strerror(err), sys ? "（" : "", sys ? g_strerror(sys) : "",
                                 sys ? "）" : "");
        bg_atomic_set_io_failed(out);
        return false;
    }
    return bg_atomic_finish(out, error);
}
