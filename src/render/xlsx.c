#include "render/xlsx.h"

#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "layout/table_layout.h"
#include "render/atomic.h"

#define FONT_SIZE 10

typedef struct {
    lxw_workbook *wb;
    const bg_xlsx_meta *meta;
    lxw_format *title, *subtitle, *unit, *head, *text, *text_total, *note;
    GHashTable *amount_formats; /* "number format|bold" -> lxw_format* */
    double digit_w; /* points of a '0' in the sheet font: Excel's width unit */
} book;

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

/* The number format showing amounts as the table does; a zero shows blank,
 * as in the published tables, but stays a number. */
static char *number_format(const bg_table *t)
{
    if (t->money_trim)
        return g_strdup("General;-General;");
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

static double text_points(const book *b, const char *text)
{
    PangoLayout *l = bg_text_layout(b->meta->ctx, b->meta->measure_font, FONT_SIZE, false, text,
                                    -1, PANGO_ALIGN_LEFT, false);
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    g_object_unref(l);
    return (double)r.width / PANGO_SCALE;
}

/* Excel allows 31 characters and none of []:*?/\ in a sheet name. */
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
    if (strchr(t->id, '/'))
        g_string_printf(s, "表%s %s", t->number, strchr(t->id, '/') + 1);
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

static void merge_or_write(lxw_worksheet *ws, int r1, int c1, int r2, int c2, const char *text,
                           lxw_format *f)
{
    if (r1 == r2 && c1 == c2)
        worksheet_write_string(ws, (lxw_row_t)r1, (lxw_col_t)c1, text, f);
    else
        worksheet_merge_range(ws, (lxw_row_t)r1, (lxw_col_t)c1, (lxw_row_t)r2, (lxw_col_t)c2,
                              text, f);
}

static void write_sheet(book *b, lxw_worksheet *ws, const bg_table *t)
{
    int last_col = MAX(0, t->n_cols - 1);
    int r = 0;
    if (t->corner && *t->corner)
        merge_or_write(ws, r, 0, r, last_col, t->corner, b->note), r++;
    merge_or_write(ws, r, 0, r, last_col, t->title, b->title);
    worksheet_set_row(ws, (lxw_row_t)r++, 24, NULL);
    if (t->subtitle && *t->subtitle)
        merge_or_write(ws, r, 0, r, last_col, t->subtitle, b->subtitle), r++;
    if (t->unit_left && *t->unit_left && last_col > 0) {
        /* the left half for 部门名称, the right half for 单位 */
        int mid = last_col / 2;
        merge_or_write(ws, r, 0, r, mid, t->unit_left, b->note);
        if (t->unit_line && *t->unit_line)
            merge_or_write(ws, r, mid + 1, r, last_col, t->unit_line, b->unit);
        r++;
    } else if (t->unit_line && *t->unit_line) {
        merge_or_write(ws, r, 0, r, last_col, t->unit_line, b->unit), r++;
    }
    int head0 = r;
    double *width = g_new0(double, (gsize)MAX(1, t->n_cols));
    for (guint i = 0; i < t->header->len; i++) {
        const bg_header_cell *h = t->header->pdata[i];
        merge_or_write(ws, head0 + h->row, h->col, head0 + h->row + h->rowspan - 1,
                       h->col + h->colspan - 1, h->text, b->head);
        if (h->colspan == 1) /* headers wrap: about six characters a line */
            width[h->col] = MAX(width[h->col], MIN(text_points(b, h->text), FONT_SIZE * 6.0));
    }
    int body0 = head0 + t->header_rows;
    double scale = 1.0 / divisor(t);
    /* Header rows tall enough for their wrapped text. */
    for (int hr = 0; hr < t->header_rows; hr++) {
        double lines = 1;
        for (guint i = 0; i < t->header->len; i++) {
            const bg_header_cell *h = t->header->pdata[i];
            if (h->row != hr || h->rowspan != 1)
                continue;
            double w = 0;
            for (int c = h->col; c < h->col + h->colspan; c++)
                w += MAX(width[c], FONT_SIZE * 3.0);
            lines = MAX(lines, (int)(text_points(b, h->text) / w + 0.999));
        }
        worksheet_set_row(ws, (lxw_row_t)(head0 + hr), 14.5 * lines, NULL);
    }
    GArray *kids = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = 0; i < t->rows->len; i++) {
        const bg_row *row = t->rows->pdata[i];
        bool total = row->kind == BG_ROW_TOTAL || row->kind == BG_ROW_GROUP;
        g_array_set_size(kids, 0);
        children(t, i, kids);
        double lines = 1;
        for (int c = 0; c < t->n_cols; c++) {
            const bg_cell *cell = &row->cells[c];
            if (cell->covered)
                continue;
            int rr = body0 + (int)i;
            int cs = MAX(1, cell->colspan), rs = MAX(1, cell->rowspan);
            if (cell->has_value) {
                lxw_format *f = amount_format(b, t, total);
                if (cs > 1 || rs > 1)
                    worksheet_merge_range(ws, (lxw_row_t)rr, (lxw_col_t)c,
                                          (lxw_row_t)(rr + rs - 1), (lxw_col_t)(c + cs - 1), "", f);
                char *across = row_formula(t, row, rr, c);
                if (kids->len) {
                    char *formula = column_sum(kids, body0, c);
                    worksheet_write_formula_num(ws, (lxw_row_t)rr, (lxw_col_t)c, formula, f,
                                                (double)cell->value * scale);
                    g_free(formula);
                } else if (across) {
                    worksheet_write_formula_num(ws, (lxw_row_t)rr, (lxw_col_t)c, across, f,
                                                (double)cell->value * scale);
                } else {
                    worksheet_write_number(ws, (lxw_row_t)rr, (lxw_col_t)c,
                                           (double)cell->value * scale, f);
                }
                g_free(across);
                if (cs == 1)
                    width[c] = MAX(width[c], text_points(b, cell->text));
            } else {
                lxw_format *f = total ? b->text_total : b->text;
                merge_or_write(ws, rr, c, rr + rs - 1, c + cs - 1, cell->text, f);
                double w = text_points(b, cell->text);
                if (cs == 1)
                    width[c] = MAX(width[c], MIN(w, FONT_SIZE * 24.0));
                if (cs == 1 && rs == 1)
                    lines = MAX(lines, w / MAX(FONT_SIZE * 2.0, MIN(w, FONT_SIZE * 24.0)));
            }
        }
        if (lines > 1)
            worksheet_set_row(ws, (lxw_row_t)(body0 + (int)i), 14.5 * (int)(lines + 0.999), NULL);
    }
    g_array_free(kids, TRUE);
    int after = body0 + (int)t->rows->len + 1;
    for (guint i = 0; i < t->notes->len; i++, after++) {
        merge_or_write(ws, after, 0, after, last_col, t->notes->pdata[i], b->note);
        double chars = text_points(b, t->notes->pdata[i]) / (FONT_SIZE * 40.0);
        worksheet_set_row(ws, (lxw_row_t)after, 14.5 * (int)(chars + 1), NULL);
    }
    for (int c = 0; c < t->n_cols; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, MAX(6.0, width[c] / b->digit_w + 2), NULL);
    g_free(width);

    /* Print: A4, landscape when wide, one page wide, header repeated. */
    worksheet_set_paper(ws, 9);
    if (t->n_cols > 6)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    if (t->header_rows > 0) {
        worksheet_repeat_rows(ws, (lxw_row_t)head0, (lxw_row_t)(body0 - 1));
        worksheet_freeze_panes(ws, (lxw_row_t)body0, 0);
    }
    worksheet_set_footer(ws, "&C- &P -");
}

bool bg_write_xlsx(const char *path, const bg_doc *doc, const bg_xlsx_meta *meta, char **error)
{
    char *tmp = bg_atomic_begin(path, error);
    if (!tmp)
        return false;
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    book b = {.meta = meta};
    b.wb = workbook_new_opt(tmp, &opt);
    if (!b.wb) {
        *error = g_strdup_printf("无法写入“%s”", path);
        bg_atomic_abort(tmp);
        return false;
    }
    lxw_doc_properties props = {.title = (char *)meta->title,
                                .author = (char *)meta->author,
                                .subject = (char *)meta->subject,
                                .created = (time_t)meta->created};
    workbook_set_properties(b.wb, &props);
    b.title = fmt(&b, true, false, false, LXW_ALIGN_CENTER, 14, NULL);
    b.subtitle = fmt(&b, false, false, false, LXW_ALIGN_CENTER, FONT_SIZE, NULL);
    b.unit = fmt(&b, false, false, false, LXW_ALIGN_RIGHT, FONT_SIZE, NULL);
    b.head = fmt(&b, true, true, true, LXW_ALIGN_CENTER, FONT_SIZE, NULL);
    b.text = fmt(&b, false, true, true, LXW_ALIGN_LEFT, FONT_SIZE, NULL);
    b.text_total = fmt(&b, true, true, true, LXW_ALIGN_LEFT, FONT_SIZE, NULL);
    b.note = fmt(&b, false, false, true, LXW_ALIGN_LEFT, FONT_SIZE, NULL);
    b.amount_formats = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    b.digit_w = text_points(&b, "0");
    GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < doc->tables->len; i++) {
        const bg_table *t = doc->tables->pdata[i];
        char *name = sheet_name(t, doc->author, used);
        lxw_worksheet *ws = workbook_add_worksheet(b.wb, name);
        g_free(name);
        write_sheet(&b, ws, t);
    }
    g_hash_table_destroy(used);
    g_hash_table_destroy(b.amount_formats);
    lxw_error err = workbook_close(b.wb);
    if (err != LXW_NO_ERROR) {
        *error = g_strdup_printf("写入 XLSX“%s”失败：%s", path, lxw_strerror(err));
        bg_atomic_abort(tmp);
        return false;
    }
    return bg_atomic_commit(tmp, path, error);
}
