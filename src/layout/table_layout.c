#include "layout/table_layout.h"

#include <math.h>
#include <string.h>

#define RULE_WIDTH 0.5

/* ---- text --------------------------------------------------------------- */

static double layout_height(PangoLayout *l)
{
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    return (double)logical.height / PANGO_SCALE;
}

static double layout_width(PangoLayout *l)
{
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    return (double)logical.width / PANGO_SCALE;
}

/* Characters on the last line of a laid-out paragraph. */
static int last_line_chars(PangoLayout *l)
{
    int n = pango_layout_get_line_count(l);
    PangoLayoutLine *line = pango_layout_get_line_readonly(l, n - 1);
    const char *text = pango_layout_get_text(l);
    return (int)g_utf8_strlen(text + line->start_index, line->length);
}

PangoLayout *bg_text_layout(PangoContext *ctx, const char *family, double size, bool bold,
                            const char *text, double width, PangoAlignment align, bool balance)
{
    PangoLayout *l = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    /* Tabular figures, so that amounts line up digit under digit. */
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_font_features_new("tnum 1"));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    pango_layout_set_text(l, text, -1);
    pango_layout_set_alignment(l, align);
    if (width > 0) {
        /* WORD follows UAX #14: it breaks between ideographs but never
         * before ，。）or after （; WORD_CHAR only where a word is too long. */
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    }
    if (balance && width > 0) {
        int lines = pango_layout_get_line_count(l);
        if (lines >= 2 && last_line_chars(l) == 1) {
            /* Narrow the box a character at a time while the paragraph keeps
             * its number of lines and breaks only where UAX #14 allows: the
             * last line gains a character. */
            pango_layout_set_wrap(l, PANGO_WRAP_WORD);
            double found = width;
            for (double w = width - size * 0.5; w > width * 0.5; w -= size * 0.5) {
                pango_layout_set_width(l, (int)(w * PANGO_SCALE));
                if (pango_layout_get_line_count(l) != lines || layout_width(l) > w + 0.01)
                    break;
                if (last_line_chars(l) >= 2) {
                    found = w;
                    break;
                }
            }
            pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
            pango_layout_set_width(l, (int)(found * PANGO_SCALE));
        }
    }
    return l;
}

/* ---- the grid ----------------------------------------------------------- */

typedef struct {
    const char *text;
    int row, col, rs, cs;
    bool header, amount, total;
    PangoLayout *layout;
} gcell;

/* Whether grid row r heads the rows after it. */
static bool heads_next(const bg_table *t, int head, int r)
{
    return r >= head && r - head < (int)t->rows->len &&
           ((bg_row *)t->rows->pdata[r - head])->kind == BG_ROW_HEAD;
}

typedef struct {
    const bg_table *t;
    const bg_table_style *st;
    int n_rows, n_cols, head; /* head: header rows, first in the grid */
    GPtrArray *cells;         /* of gcell* (anchors) */
    gcell **anchor;           /* n_rows × n_cols: the cell covering each slot */
    double size, pad_x, pad_y;
    double *col_w, *row_h;
} grid;

static void grid_free(grid *g)
{
    for (guint i = 0; i < g->cells->len; i++) {
        gcell *c = g->cells->pdata[i];
        if (c->layout)
            g_object_unref(c->layout);
        g_free(c);
    }
    g_ptr_array_free(g->cells, TRUE);
    g_free(g->anchor);
    g_free(g->col_w);
    g_free(g->row_h);
}

static void add_cell(grid *g, const char *text, int row, int col, int rs, int cs, bool header,
                     bool amount, bool total)
{
    gcell *c = g_new0(gcell, 1);
    c->text = text;
    c->row = row;
    c->col = col;
    c->rs = MAX(1, MIN(rs, g->n_rows - row));
    c->cs = MAX(1, MIN(cs, g->n_cols - col));
    c->header = header;
    c->amount = amount;
    c->total = total;
    g_ptr_array_add(g->cells, c);
    for (int r = row; r < row + c->rs; r++)
        for (int k = col; k < col + c->cs; k++)
            g->anchor[r * g->n_cols + k] = c;
}

static void grid_build(grid *g, const bg_table *t)
{
    g->t = t;
    g->n_cols = t->n_cols;
    g->head = t->header_rows;
    g->n_rows = g->head + (int)t->rows->len;
    g->cells = g_ptr_array_new();
    g->anchor = g_new0(gcell *, (gsize)MAX(1, g->n_rows * g->n_cols));
    g->col_w = g_new0(double, MAX(1, g->n_cols));
    g->row_h = g_new0(double, MAX(1, g->n_rows));
    for (guint i = 0; i < t->header->len; i++) {
        const bg_header_cell *h = t->header->pdata[i];
        add_cell(g, h->text, h->row, h->col, h->rowspan, h->colspan, true, false, false);
    }
    for (guint r = 0; r < t->rows->len; r++) {
        const bg_row *row = t->rows->pdata[r];
        for (int c = 0; c < t->n_cols; c++) {
            const bg_cell *cell = &row->cells[c];
            if (cell->covered)
                continue;
            add_cell(g, cell->text, g->head + (int)r, c, cell->rowspan, cell->colspan, false,
                     t->col_kinds[c] == BG_COL_AMOUNT || cell->has_value,
                     row->kind == BG_ROW_TOTAL);
        }
    }
    /* Slots no cell covers (a malformed header) get a blank cell. */
    for (int r = 0; r < g->n_rows; r++)
        for (int c = 0; c < g->n_cols; c++)
            if (!g->anchor[r * g->n_cols + c])
                add_cell(g, "", r, c, 1, 1, r < g->head, false, false);
}

static PangoLayout *cell_layout(const grid *g, const gcell *c, double width)
{
    PangoAlignment align = c->header ? PANGO_ALIGN_CENTER
                           : c->amount ? PANGO_ALIGN_RIGHT
                                       : PANGO_ALIGN_LEFT;
    return bg_text_layout(g->st->ctx, g->st->family, g->size, c->header || c->total, c->text,
                          width, align, !c->amount);
}

/* ---- widths ------------------------------------------------------------- */

/* The narrowest a cell can be (its longest unbreakable piece; amounts never
 * wrap) and its natural single-line width, padding included. */
static void cell_extent(const grid *g, const gcell *c, double *min, double *max)
{
    if (!*c->text) { /* most cells of a sparse table: nothing to measure */
        *min = *max = 2 * g->pad_x;
        return;
    }
    PangoLayout *l = cell_layout(g, c, -1);
    *max = layout_width(l) + 2 * g->pad_x;
    if (c->amount) {
        *min = *max;
    } else {
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
        pango_layout_set_width(l, 1);
        *min = layout_width(l) + 2 * g->pad_x;
        /* A text wraps to three lines at most (a header like 资本性支出 to
         * two), capped at eight characters a line: never a column of single
         * glyphs, nor a lone character on the last line for want of width. */
        long n = g_utf8_strlen(c->text, -1);
        long per_line = n <= 6 ? (n + 1) / 2 : MIN((n + 2) / 3, 8);
        *min = MAX(*min, MIN(*max, per_line * g->size + 2 * g->pad_x));
        /* Headers wrap well; the room goes to names in the body. */
        if (c->header)
            *max = MAX(*min, MIN(*max, 6 * g->size + 2 * g->pad_x));
    }
    g_object_unref(l);
}

static double sum(const double *v, int from, int n)
{
    double s = 0;
    for (int i = from; i < from + n; i++)
        s += v[i];
    return s;
}

/* Column widths for `avail` points at the grid's size; false if even the
 * narrowest widths do not fit. */
static bool assign_widths(grid *g, double avail)
{
    int n = g->n_cols;
    double *mn = g_new0(double, n), *mx = g_new0(double, n);
    for (int pass = 0; pass < 2; pass++) {
        /* Single-column cells first, then spanning cells widen what they span. */
        for (guint i = 0; i < g->cells->len; i++) {
            const gcell *c = g->cells->pdata[i];
            if ((pass == 0) != (c->cs == 1))
                continue;
            double a, b;
            cell_extent(g, c, &a, &b);
            if (c->cs == 1) {
                mn[c->col] = MAX(mn[c->col], a);
                mx[c->col] = MAX(mx[c->col], b);
            } else {
                /* A merged cell claims at most a line of thirty characters
                 * over its columns: a long goal over four columns must not
                 * take the room of the single cells beside and below it. */
                b = MIN(b, 30 * g->size + 2 * g->pad_x);
                double have_min = sum(mn, c->col, c->cs), have_max = sum(mx, c->col, c->cs);
                for (int k = c->col; k < c->col + c->cs; k++) {
                    if (a > have_min)
                        mn[k] += (a - have_min) / c->cs;
                    if (b > have_max)
                        mx[k] += (b - have_max) / c->cs;
                }
            }
        }
    }
    /* Long text (a goal, an overview) need not claim a whole line. */
    for (int k = 0; k < n; k++)
        mx[k] = MAX(mn[k], MIN(mx[k], avail * 0.6));
    double smin = sum(mn, 0, n), smax = sum(mx, 0, n);
    bool ok = smin <= avail + 0.01;
    if (ok) {
        if (smax <= avail) {
            for (int k = 0; k < n; k++)
                g->col_w[k] = mx[k] + (avail - smax) * (smax > 0 ? mx[k] / smax : 1.0 / n);
        } else {
            for (int k = 0; k < n; k++)
                g->col_w[k] = mn[k] + (avail - smin) * (mx[k] - mn[k]) / (smax - smin);
        }
    }
    g_free(mn);
    g_free(mx);
    return ok;
}

static void assign_heights(grid *g)
{
    for (int r = 0; r < g->n_rows; r++)
        g->row_h[r] = g->size * 1.2 + 2 * g->pad_y;
    for (int pass = 0; pass < 2; pass++) {
        for (guint i = 0; i < g->cells->len; i++) {
            gcell *c = g->cells->pdata[i];
            if ((pass == 0) != (c->rs == 1))
                continue;
            if (!*c->text)
                continue; /* the row's default height holds an empty cell */
            if (!c->layout)
                /* A hair wider than measured, so that rounding never breaks
                 * inside a piece the width was chosen to hold. */
                c->layout = cell_layout(g, c, sum(g->col_w, c->col, c->cs) - 2 * g->pad_x + 0.5);
            double need = layout_height(c->layout) + 2 * g->pad_y;
            double have = sum(g->row_h, c->row, c->rs);
            if (need > have)
                g->row_h[c->row + c->rs - 1] += need - have;
        }
    }
}

/* ---- pages -------------------------------------------------------------- */

typedef struct {
    GPtrArray *pages;
    bool landscape;
    bg_page *page;
    double y;
} cursor;

static void new_page(cursor *cu)
{
    cu->page = bg_page_new(cu->landscape);
    g_ptr_array_add(cu->pages, cu->page);
    cu->y = cu->page->top;
}

static double text_width(const cursor *cu)
{
    return cu->page->width - cu->page->left - cu->page->right;
}

/* Draws rows [from, to) of the grid at cu->y: cells that began above `from`
 * are drawn again, clipped to these rows, with their text. */
static void draw_rows(const grid *g, cursor *cu, int from, int to)
{
    bg_page *pg = cu->page;
    double *ys = g_new0(double, (gsize)(to - from + 1));
    ys[0] = cu->y;
    for (int r = from; r < to; r++)
        ys[r - from + 1] = ys[r - from] + g->row_h[r];
    double x0 = pg->left + (text_width(cu) - sum(g->col_w, 0, g->n_cols)) / 2;
    for (int r = from; r < to; r++) {
        for (int c = 0; c < g->n_cols; c++) {
            const gcell *cell = g->anchor[r * g->n_cols + c];
            if (cell->col != c || (cell->row != r && r != from))
                continue;
            int last = MIN(cell->row + cell->rs, to);
            double x = x0 + sum(g->col_w, 0, c), w = sum(g->col_w, c, cell->cs);
            double top = ys[r - from], bottom = ys[last - from];
            bg_page_rule(pg, x, top, x + w, top, RULE_WIDTH);
            bg_page_rule(pg, x, bottom, x + w, bottom, RULE_WIDTH);
            bg_page_rule(pg, x, top, x, bottom, RULE_WIDTH);
            bg_page_rule(pg, x + w, top, x + w, bottom, RULE_WIDTH);
            if (!cell->layout)
                continue; /* an empty cell: its borders are all there is */
            double th = layout_height(cell->layout);
            double ty = top + MAX(g->pad_y, (bottom - top - th) / 2);
            bg_page_layout(pg, cell->layout, x + g->pad_x, ty);
        }
    }
    cu->y = ys[to - from];
    g_free(ys);
}

static double centered_text(cursor *cu, const grid *g, const char *family, double size,
                            bool bold, const char *text, PangoAlignment align)
{
    double w = text_width(cu);
    PangoLayout *l = bg_text_layout(g->st->ctx, family, size, bold, text, w, align, true);
    bg_page_layout(cu->page, l, cu->page->left, cu->y);
    double h = layout_height(l);
    g_object_unref(l);
    return h;
}

static void draw_title(const grid *g, cursor *cu)
{
    const bg_table *t = g->t;
    const bg_table_style *st = g->st;
    if (t->corner && *t->corner)
        cu->y += centered_text(cu, g, st->family, st->size, false, t->corner, PANGO_ALIGN_LEFT);
    cu->y += centered_text(cu, g, st->title_family, st->title_size, st->title_bold, t->title,
                           PANGO_ALIGN_CENTER);
    if (t->subtitle && *t->subtitle)
        cu->y += centered_text(cu, g, st->family, st->size, false, t->subtitle,
                               PANGO_ALIGN_CENTER);
    cu->y += st->size * 0.4;
    /* 部门名称 at the left and 单位 at the right share one line. */
    double left = 0, right = 0, y = cu->y;
    if (t->unit_left && *t->unit_left)
        left = centered_text(cu, g, st->family, st->size, false, t->unit_left, PANGO_ALIGN_LEFT);
    cu->y = y;
    if (t->unit_line && *t->unit_line)
        right = centered_text(cu, g, st->family, st->size, false, t->unit_line,
                              PANGO_ALIGN_RIGHT);
    cu->y = y + MAX(left, right) + st->size * 0.3;
}

/* The rows that must stay together with row r: those its merged cells (and
 * theirs) reach. Returns the end of the block. */
static int block_end(const grid *g, int r)
{
    int end = r + 1;
    for (int k = r; k < end; k++) {
        for (int c = 0; c < g->n_cols; c++) {
            const gcell *cell = g->anchor[k * g->n_cols + c];
            end = MAX(end, cell->row + cell->rs);
        }
        if (k == end - 1 && heads_next(g->t, g->head, k) && end < g->n_rows)
            end++;
    }
    return end;
}

static void paginate(const grid *g, cursor *cu)
{
    new_page(cu);
    draw_title(g, cu);
    double head_h = sum(g->row_h, 0, g->head);
    double page_room = cu->page->height - cu->page->bottom - cu->page->top - head_h;
    draw_rows(g, cu, 0, g->head);
    int r = g->head;
    while (r < g->n_rows) {
        int end = block_end(g, r);
        double bh = sum(g->row_h, r, end - r);
        double room = cu->page->height - cu->page->bottom - cu->y;
        if (bh > room && bh <= page_room) {
            new_page(cu);
            draw_rows(g, cu, 0, g->head);
            continue;
        }
        /* A heading row never ends a page: with the row after it, or over. */
        if (bh > room && heads_next(g->t, g->head, r) && r + 1 < g->n_rows &&
            g->row_h[r] + g->row_h[r + 1] > room && cu->y > cu->page->top + head_h + 0.01) {
            new_page(cu);
            draw_rows(g, cu, 0, g->head);
            continue;
        }
        /* Place as many rows of the block as fit; a block taller than a
         * page continues on the next with its merged labels repeated. */
        int k = r;
        while (k < end && g->row_h[k] <= cu->page->height - cu->page->bottom - cu->y -
                                              sum(g->row_h, r, k - r) + 0.01)
            k++;
        if (k == r) {
            if (cu->y > cu->page->top + head_h + 0.01) {
                new_page(cu);
                draw_rows(g, cu, 0, g->head);
                continue;
            }
            k = r + 1; /* a single row taller than a page: drawn as it is */
        }
        draw_rows(g, cu, r, k);
        r = k;
    }
}

static void draw_notes(const grid *g, cursor *cu)
{
    const bg_table *t = g->t;
    double tw = sum(g->col_w, 0, g->n_cols);
    double x0 = cu->page->left + (text_width(cu) - tw) / 2;
    cu->y += g->size * 0.4;
    for (guint i = 0; i < t->notes->len; i++) {
        PangoLayout *l = bg_text_layout(g->st->ctx, g->st->family, g->size, false,
                                        t->notes->pdata[i], tw, PANGO_ALIGN_LEFT, true);
        pango_layout_set_justify(l, TRUE);
        double h = layout_height(l);
        if (cu->y + h > cu->page->height - cu->page->bottom)
            new_page(cu);
        bg_page_layout(cu->page, l, x0, cu->y);
        cu->y += h + g->size * 0.2;
        g_object_unref(l);
    }
}

/* Tries the grid at one orientation, shrinking the font as needed. */
static bool fit(grid *g, bool landscape)
{
    bg_page *probe = bg_page_new(landscape);
    double avail = probe->width - probe->left - probe->right;
    bg_page_free(probe);
    for (double size = g->st->size; size >= g->st->min_size - 0.001; size -= 0.5) {
        g->size = size;
        g->pad_x = size * 0.3 + 1;
        g->pad_y = size * 0.25 + 1;
        if (assign_widths(g, avail))
            return true;
    }
    return false;
}

bool bg_layout_table(const bg_table *t, const bg_table_style *st, GPtrArray *pages,
                     char **error)
{
    grid g = {.st = st};
    grid_build(&g, t);
    /* Portrait where a narrow table fits at full size; wide ones go landscape. */
    bool landscape = !(g.n_cols <= 6 && fit(&g, false) && g.size == st->size);
    if (landscape && !fit(&g, true)) {
        *error = g_strdup_printf("表%s“%s”在最小字号 %.1f 磅下仍排不下（%d 列），请减少列或在格式中调小字号",
                                 t->number, t->title, st->min_size, t->n_cols);
        grid_free(&g);
        return false;
    }
    assign_heights(&g);
    cursor cu = {.pages = pages, .landscape = landscape};
    paginate(&g, &cu);
    draw_notes(&g, &cu);
    grid_free(&g);
    return true;
}
