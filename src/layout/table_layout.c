#include "layout/table_layout.h"

#include "layout/breaks.h"
#include "layout/table_memo.h"
#include "layout/text.h"

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

/* ---- the grid ----------------------------------------------------------- */

typedef struct {
    const char *text;
    int row, col, rs, cs;
    bool header, amount, total;
    bool count; /* a number in a text column (采购数量): set right */
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
    double smin; /* the narrowest the columns took at `size`, when last measured */
    double *col_w, *row_h;
} grid;

static double pad_y_at(double size)
{
    return size * 0.25 + 1;
}

/* The height of a row of one line at `size`: no row is lower. */
static double row_floor(double size)
{
    return size * 1.2 + 2 * pad_y_at(size);
}

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
            ((gcell *)g->cells->pdata[g->cells->len - 1])->count = t->col_counts[c];
        }
    }
    /* Slots no cell covers (a malformed header) get a blank cell. */
    for (int r = 0; r < g->n_rows; r++)
        for (int c = 0; c < g->n_cols; c++)
            if (!g->anchor[r * g->n_cols + c])
                add_cell(g, "", r, c, 1, 1, r < g->head, false, false);
}

/* Sentences break anywhere between characters; a label has no sentence
 * punctuation and breaks between words. */
static bool is_label(const char *text)
{
    return !strstr(text, "，") && !strstr(text, "。") && !strstr(text, "；");
}

static bg_text_style cell_style(const grid *g, const gcell *c)
{
    PangoAlignment align = c->header                 ? PANGO_ALIGN_CENTER
                           : c->amount || c->count ? PANGO_ALIGN_RIGHT
                                                   : PANGO_ALIGN_LEFT;
    return (bg_text_style){.ctx = g->st->ctx, .family = g->st->family, .size = g->size,
                           .bold = c->header || c->total, .align = align,
                           .label = !c->amount && is_label(c->text), .keep = g->st->keep};
}

static PangoLayout *cell_layout(const grid *g, const gcell *c, double width)
{
    bg_text_style st = cell_style(g, c);
    return bg_text_new(&st, c->text, width);
}

/* A cell's text on one line, shared: what it is measured with, and what is
 * drawn of an amount (which never wraps) or of a text its column holds on
 * one line, placed as Pango places a line in the cell's width (cell_dx). */
static PangoLayout *line_layout(const grid *g, const gcell *c)
{
    bg_text_style st = cell_style(g, c);
    return bg_text_line(&st, c->text);
}

/* ---- widths ------------------------------------------------------------- */

/* The narrowest a cell can be (its longest unbreakable piece; amounts never
 * wrap) and its natural single-line width, padding included. */
/* The width of a text's widest piece that cannot be broken: set at width 1
 * (a line a piece) for a short text; for a long one that costs time and
 * memory quadratic in its length in Pango (32,768 characters: a minute and
 * 9 GB), so its longest piece (in characters) is set alone, or, when the
 * text is broken anywhere (BG_TEXT_LONGEST_WORD), one character is. */
static double longest_piece(const grid *g, const gcell *c, PangoLayout *l)
{
    if (strlen(c->text) <= BG_TEXT_LONGEST_WORD)
        return bg_breaks_widest_piece(l);
    size_t a, b;
    if (bg_text_longest_run(c->text, &a, &b) > BG_TEXT_LONGEST_WORD)
        return g->size;
    char *piece = g_strndup(c->text + a, b - a);
    PangoLayout *p = bg_text_layout(g->st->ctx, g->st->family, g->size, c->header || c->total,
                                    piece, -1, PANGO_ALIGN_LEFT, false);
    double w = layout_width(p);
    g_object_unref(p);
    g_free(piece);
    return w;
}

static void measure_extent(const grid *g, const gcell *c, double *min, double *max)
{
    PangoLayout *l = line_layout(g, c); /* shared: never changed here */
    *max = layout_width(l) + 2 * g->pad_x;
    if (c->amount) {
        *min = *max;
    } else {
        *min = longest_piece(g, c, l) + 2 * g->pad_x;
        /* A text wraps to three lines at most (a header like 资本性支出 to
         * two), capped at eight characters a line: never a column of single
         * glyphs, nor a lone character on the last line for want of width. */
        long n = g_utf8_strlen(c->text, -1);
        long per_line = n <= 6 ? (n + 1) / 2 : MIN((n + 2) / 3, 8);
        *min = MAX(*min, MIN(*max, per_line * g->size + 2 * g->pad_x));
        /* A short label wide enough that no character stands alone on its
         * last line (a long text gets its lines adjusted when it is set). */
        bg_breaks *bk = n <= 24 && *min < *max ? bg_breaks_new(l) : NULL;
        PangoLayout *trial = NULL; /* where the breaks are not worked out */
        while (*min < *max && n <= 24) {
            /* (the plain breaks: the cell's own layout only does better) */
            int units = (int)((*min - 2 * g->pad_x + 0.5) * PANGO_SCALE);
            bool lone;
            if (bk) {
                lone = bg_breaks_orphan(bk, units);
            } else {
                if (!trial) {
                    trial = pango_layout_copy(l);
                    pango_layout_set_wrap(trial, PANGO_WRAP_WORD_CHAR);
                }
                pango_layout_set_width(trial, units);
                lone = bg_text_orphan(trial);
            }
            if (!lone)
                break;
            *min = MIN(*max, *min + g->size / 2);
        }
        bg_breaks_free(bk);
        if (trial)
            g_object_unref(trial);
        /* Headers wrap well; the room goes to names in the body. */
        if (c->header)
            *max = MAX(*min, MIN(*max, 6 * g->size + 2 * g->pad_x));
    }
    g_object_unref(l);
}

/* Cell measurements, kept on the Pango context for the life of the fonts:
 * the same labels recur in many tables, in the workbook and in the next
 * department of a batch, and each costs several layouts. A measurement
 * depends only on what the key holds, so the cache changes no output; it
 * is emptied past a size that bounds its memory. */
#define EXTENTS_MAX 100000

static GHashTable *extents(PangoContext *ctx)
{
    static GQuark q;
    if (!q)
        q = g_quark_from_static_string("bg-cell-extents");
    GHashTable *h = g_object_get_qdata(G_OBJECT(ctx), q);
    if (!h) {
        h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        g_object_set_qdata_full(G_OBJECT(ctx), q, h, (GDestroyNotify)g_hash_table_destroy);
    } else if (g_hash_table_size(h) >= EXTENTS_MAX) {
        g_hash_table_remove_all(h);
    }
    return h;
}

static void cell_extent(const grid *g, const gcell *c, double *min, double *max)
{
    if (!*c->text) { /* most cells of a sparse table: nothing to measure */
        *min = *max = 2 * g->pad_x;
        return;
    }
    GHashTable *h = extents(g->st->ctx);
    char *key = g_strdup_printf("%s|%" G_GINT64_MODIFIER "x|%.3f|%d%d%d|%s", g->st->family,
                                bg_text_keep_key(g->st->keep), g->size, c->header, c->total,
                                c->amount, c->text);
    const double *hit = g_hash_table_lookup(h, key);
    if (hit) {
        *min = hit[0];
        *max = hit[1];
        g_free(key);
        return;
    }
    measure_extent(g, c, min, max);
    double *v = g_new(double, 2);
    v[0] = *min;
    v[1] = *max;
    g_hash_table_insert(h, key, v);
}

static double sum(const double *v, int from, int n)
{
    double s = 0;
    for (int i = from; i < from + n; i++)
        s += v[i];
    return s;
}

/* Lines a cell takes at column width w: counted on its one-line layout
 * `l` for a header (they are few, and break between words), estimated from
 * its one-line width for the body. */
static int cell_lines(const grid *g, const gcell *c, PangoLayout *l, const bg_breaks *bk,
                      double nat, double w)
{
    if (!*c->text || c->amount)
        return 1;
    double inner = w - 2 * g->pad_x;
    if (bk)
        return bg_breaks_set(bk, (int)((inner + 0.5) * PANGO_SCALE), true).lines;
    if (l) {
        pango_layout_set_width(l, (int)((inner + 0.5) * PANGO_SCALE));
        return pango_layout_get_line_count(l);
    }
    if (inner <= 1)
        return 99;
    int n = (int)(nat / inner);
    return n * inner < nat - 0.01 ? n + 1 : MAX(1, n);
}

/* Gives `rest` points to the columns, a half character at a time, to the
 * column where it saves the most lines of the table (header and body rows
 * alike, each row as tall as its tallest cell, a cell merged across
 * columns by all the columns it spans); what no column can use is shared
 * out in proportion to the widths. So label columns are not left one
 * character a line while amount columns hold room. */
static void widen(grid *g, const double *mx, double rest)
{
    int n = g->n_cols, rows = g->n_rows;
    double step = g->size / 2;
    /* The cells of one row (merged across columns or not) and their line
     * counts, at the slot of their first column. */
    int *lines = g_new0(int, (gsize)(rows * n));
    double *nat = g_new0(double, (gsize)(rows * n));
    PangoLayout **lay = g_new0(PangoLayout *, (gsize)(rows * n));
    bg_breaks **bk = g_new0(bg_breaks *, (gsize)(rows * n)); /* their lines, worked out */
    for (int r = 0; r < rows; r++)
        for (int k = 0; k < n; k++) {
            const gcell *c = g->anchor[r * n + k];
            if (c->row != r || c->col != k || c->rs != 1)
                continue;
            if (*c->text && !c->amount && c->header) {
                /* the shared line measured; a copy of it set at each width
                 * where its breaks are not worked out */
                PangoLayout *l = line_layout(g, c);
                nat[r * n + k] = layout_width(l);
                bk[r * n + k] = bg_breaks_new(l);
                if (!bk[r * n + k]) {
                    lay[r * n + k] = pango_layout_copy(l);
                    pango_layout_set_wrap(lay[r * n + k], PANGO_WRAP_WORD_CHAR);
                }
                g_object_unref(l);
            } else if (*c->text && !c->amount) {
                double mn, mx; /* a body cell's widest is its one line, measured */
                cell_extent(g, c, &mn, &mx);
                nat[r * n + k] = mx - 2 * g->pad_x;
            }
            lines[r * n + k] = cell_lines(g, c, lay[r * n + k], bk[r * n + k], nat[r * n + k],
                                          sum(g->col_w, k, c->cs));
        }
    while (rest >= step) {
        int best = -1, best_steps = 0;
        double best_rate = 0;
        for (int k = 0; k < n; k++) {
            /* The fewest steps that save a line, looking a few ahead. */
            for (int st = 1; st <= 6 && st * step <= rest + 0.01 &&
                             g->col_w[k] + st * step <= mx[k] + 0.01;
                 st++) {
                int saved = 0;
                for (int r = 0; r < rows; r++) {
                    const gcell *c = g->anchor[r * n + k];
                    int at = r * n + c->col;
                    if (c->row != r || c->rs != 1 || lines[at] <= 1)
                        continue;
                    int now = 0, others = 0;
                    for (int j = 0; j < n; j++) {
                        const gcell *o = g->anchor[r * n + j];
                        if (o->row != r || o->col != j || o->rs != 1)
                            continue;
                        now = MAX(now, lines[r * n + j]);
                        if (o != c)
                            others = MAX(others, lines[r * n + j]);
                    }
                    int after = cell_lines(g, c, lay[at], bk[at], nat[at],
                                           sum(g->col_w, c->col, c->cs) + st * step);
                    saved += now - MAX(after, others);
                }
                if (saved > 0) {
                    double rate = (double)saved / st;
                    if (rate > best_rate + 1e-9) {
                        best_rate = rate;
                        best = k;
                        best_steps = st;
                    }
                    break;
                }
            }
        }
        if (best < 0)
            break;
        g->col_w[best] += best_steps * step;
        rest -= best_steps * step;
        for (int r = 0; r < rows; r++) {
            const gcell *c = g->anchor[r * n + best];
            if (c->row == r && c->rs == 1) {
                int at = r * n + c->col;
                lines[at] = cell_lines(g, c, lay[at], bk[at], nat[at],
                                       sum(g->col_w, c->col, c->cs));
            }
        }
    }
    double total = sum(g->col_w, 0, n);
    for (int k = 0; k < n && total > 0; k++)
        g->col_w[k] += rest * g->col_w[k] / total;
    for (int i = 0; i < rows * n; i++) {
        if (lay[i])
            g_object_unref(lay[i]);
        bg_breaks_free(bk[i]);
    }
    g_free(lay);
    g_free(bk);
    g_free(lines);
    g_free(nat);
}

/* Column widths for `avail` points at the grid's size; false if even the
 * narrowest widths do not fit. */
static bool assign_widths_to(grid *g, double avail, bool stretch)
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
    g->smin = smin;
    bool ok = smin <= avail + 0.01;
    if (ok) {
        if (smax <= avail) {
            double extra = stretch ? avail - smax : 0;
            for (int k = 0; k < n; k++)
                g->col_w[k] = mx[k] + extra * (smax > 0 ? mx[k] / smax : 1.0 / n);
        } else {
            memcpy(g->col_w, mn, sizeof(double) * (size_t)n);
            widen(g, mx, avail - smin);
        }
    }
    g_free(mn);
    g_free(mx);
    return ok;
}

static bool assign_widths(grid *g, double avail)
{
    return assign_widths_to(g, avail, true);
}

/* The width a cell's text is set in: its columns but the padding, and a
 * hair more (see assign_heights). */
static double cell_inner(const grid *g, const gcell *c)
{
    return sum(g->col_w, c->col, c->cs) - 2 * g->pad_x + 0.5;
}

/* How far right of its padding a cell's text is drawn: a shared line
 * where Pango's layout in the cell's width would set it (get_x_offset of
 * pango-layout.c, its rounding of a centred line included). */
static double cell_dx(const grid *g, const gcell *c)
{
    if (pango_layout_get_width(c->layout) >= 0)
        return bg_text_dx(c->layout);
    PangoRectangle r;
    pango_layout_get_extents(c->layout, NULL, &r);
    int width = (int)(cell_inner(g, c) * PANGO_SCALE), x = 0;
    switch (pango_layout_get_alignment(c->layout)) {
    case PANGO_ALIGN_RIGHT:
        x = width - r.width;
        break;
    case PANGO_ALIGN_CENTER:
        x = (width - r.width) / 2;
        if (((width | r.width) & (PANGO_SCALE - 1)) == 0)
            x = PANGO_UNITS_ROUND(x);
        break;
    default:
        break;
    }
    return (double)x / PANGO_SCALE;
}

/* The layout a cell is drawn with: its shared line where the column holds
 * it (a line that fits is never broken), else the text set in the width. */
static PangoLayout *final_layout(const grid *g, const gcell *c)
{
    PangoLayout *one = line_layout(g, c);
    if (c->amount)
        return one;
    PangoRectangle r;
    pango_layout_get_extents(one, NULL, &r);
    if (r.width <= (int)(cell_inner(g, c) * PANGO_SCALE) &&
        pango_layout_get_line_count(one) == 1)
        return one;
    g_object_unref(one);
    return cell_layout(g, c, cell_inner(g, c));
}

static void assign_heights(grid *g)
{
    for (int r = 0; r < g->n_rows; r++)
        g->row_h[r] = row_floor(g->size);
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
                c->layout = final_layout(g, c);
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
            bg_page_layout(pg, cell->layout, x + g->pad_x + cell_dx(g, cell), ty);
        }
    }
    cu->y = ys[to - from];
    g_free(ys);
}

static double centered_text(cursor *cu, const grid *g, const char *family, double size,
                            bool bold, const char *text, PangoAlignment align)
{
    double w = text_width(cu);
    bg_text_style st = {.ctx = g->st->ctx, .family = family, .size = size, .bold = bold,
                        .align = align, .label = true, .keep = g->st->title_keep};
    PangoLayout *l = bg_text_new(&st, text, w);
    bg_page_layout(cu->page, l, cu->page->left + bg_text_dx(l), cu->y);
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

/* Above the header on every page after the first: 续表 and the table's
 * number at the left, its unit line at the right. */
static void draw_continued(const grid *g, cursor *cu)
{
    const bg_table *t = g->t;
    double y = cu->y;
    char *label = g_strdup_printf("续表%s", t->number);
    double left = centered_text(cu, g, g->st->family, g->size, false, label, PANGO_ALIGN_LEFT);
    g_free(label);
    double right = 0;
    cu->y = y;
    if (t->unit_line && *t->unit_line)
        right = centered_text(cu, g, g->st->family, g->size, false, t->unit_line,
                              PANGO_ALIGN_RIGHT);
    cu->y = y + MAX(left, right) + g->size * 0.3;
}

/* The heights of the first page's title and of a later page's 续表 line,
 * measured by drawing them on a page thrown away. */
static void measure_tops(const grid *g, bool landscape, double *title, double *continued)
{
    GPtrArray *scratch = g_ptr_array_new_with_free_func(bg_page_free);
    cursor cu = {.pages = scratch, .landscape = landscape};
    new_page(&cu);
    double top = cu.y;
    draw_title(g, &cu);
    *title = cu.y - top;
    cu.y = top;
    draw_continued(g, &cu);
    *continued = cu.y - top;
    g_ptr_array_free(scratch, TRUE);
}

/* Body row r of the grid is a form's row of column labels (一级指标 …):
 * it heads the rows below it and is repeated over them on a new page. */
static bool labels_row(const grid *g, int r)
{
    if (!g->t->form || !heads_next(g->t, g->head, r))
        return false;
    int cells = 0;
    for (int c = 0; c < g->n_cols; c++)
        cells += g->anchor[r * g->n_cols + c]->col == c;
    return cells >= 2;
}

/* The row of labels to repeat over a page whose first row is r, or -1:
 * the last heading row above r, if it is a row of labels and r is still
 * under it (a label merged down the left over the heading row and its
 * rows ends the block where it ends; else the block runs to the next
 * heading row). */
static int repeated_row(const grid *g, int r)
{
    if (heads_next(g->t, g->head, r))
        return -1;
    for (int k = r - 1; k >= g->head; k--) {
        if (!heads_next(g->t, g->head, k))
            continue;
        if (!labels_row(g, k))
            return -1;
        const gcell *left = g->anchor[k * g->n_cols];
        if (left->rs > 1 && left->row + left->rs <= r)
            return -1;
        return k;
    }
    return -1;
}

typedef struct {
    double first, rest; /* room for body rows on the first page, on the others */
    int cap_page, cap_row; /* page cap_page ends before row cap_row (-1: none) */
} page_plan;

/* Where each page starts (a GArray of body row indexes, the first the first
 * body row): rows never split, a block of merged rows kept together where it
 * fits a page and continued where it does not, a heading row never last. */
static GArray *plan_pages(const grid *g, const page_plan *pp)
{
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(int));
    int r = g->head, page = 0;
    g_array_append_val(starts, r);
    double full = pp->first, left = pp->first;
    while (r < g->n_rows) {
        int end = block_end(g, r);
        double bh = sum(g->row_h, r, end - r);
        bool at_top = left >= full - 0.01;
        double room = left;
        if (page == pp->cap_page && r >= pp->cap_row)
            room = 0;
        bool turn = false;
        if (bh > room && bh <= pp->rest && !at_top)
            turn = true;
        /* A heading row never ends a page: with the row after it, or over. */
        else if (bh > room && heads_next(g->t, g->head, r) && r + 1 < g->n_rows &&
                 g->row_h[r] + g->row_h[r + 1] > room && !at_top)
            turn = true;
        int k = r;
        if (!turn) {
            /* As many rows of the block as fit; a block taller than a page
             * continues on the next with its merged labels repeated. */
            while (k < end && g->row_h[k] <= room - sum(g->row_h, r, k - r) + 0.01 &&
                   !(page == pp->cap_page && k >= pp->cap_row))
                k++;
            if (k == r) {
                if (!at_top)
                    turn = true;
                else
                    k = r + 1; /* a single row taller than a page: as it is */
            }
        }
        if (turn) {
            page++;
            g_array_append_val(starts, r);
            int rep = repeated_row(g, r);
            full = left = pp->rest - (rep >= 0 ? g->row_h[rep] : 0);
            continue;
        }
        left -= sum(g->row_h, r, k - r);
        r = k;
    }
    return starts;
}

static int page_end(const grid *g, const GArray *starts, guint p)
{
    return p + 1 < starts->len ? g_array_index(starts, int, p + 1) : g->n_rows;
}

/* Pages as planned, but no page holding only the last one or two rows:
 * the page before gives up rows to it while it keeps three or more. */
static GArray *plan_table(const grid *g, page_plan pp)
{
    GArray *starts = plan_pages(g, &pp);
    guint n = starts->len;
    if (n < 2)
        return starts;
    int last = g_array_index(starts, int, n - 1), before = g_array_index(starts, int, n - 2);
    int tail = g->n_rows - last;
    if (tail >= 3 || last - 3 + tail < before + 3)
        return starts;
    pp.cap_page = (int)n - 2;
    pp.cap_row = last - (3 - tail);
    GArray *again = plan_pages(g, &pp);
    if (again->len == n) {
        g_array_free(starts, TRUE);
        return again;
    }
    g_array_free(again, TRUE);
    return starts;
}

static void paginate(const grid *g, cursor *cu, const GArray *starts)
{
    for (guint p = 0; p < starts->len; p++) {
        new_page(cu);
        if (p == 0)
            draw_title(g, cu);
        else
            draw_continued(g, cu);
        draw_rows(g, cu, 0, g->head);
        int from = g_array_index(starts, int, p);
        int rep = p > 0 ? repeated_row(g, from) : -1;
        if (rep >= 0 && rep != from)
            draw_rows(g, cu, rep, rep + 1);
        draw_rows(g, cu, from, page_end(g, starts, p));
    }
}

static void draw_notes(const grid *g, cursor *cu)
{
    const bg_table *t = g->t;
    double tw = sum(g->col_w, 0, g->n_cols);
    double x0 = cu->page->left + (text_width(cu) - tw) / 2;
    cu->y += g->size * 0.4;
    for (guint i = 0; i < t->notes->len; i++) {
        bg_text_style st = {.ctx = g->st->ctx, .family = g->st->family, .size = g->size,
                            .align = PANGO_ALIGN_LEFT, .justify = true};
        PangoLayout *l = bg_text_new(&st, t->notes->pdata[i], tw);
        double h = layout_height(l);
        if (cu->y + h > cu->page->height - cu->page->bottom)
            new_page(cu);
        bg_page_layout(cu->page, l, x0, cu->y);
        cu->y += h + g->size * 0.2;
        g_object_unref(l);
    }
}

static void set_size(grid *g, double size)
{
    g->size = size;
    g->pad_x = size * 0.3 + 1;
    g->pad_y = pad_y_at(size);
    for (guint i = 0; i < g->cells->len; i++) {
        gcell *c = g->cells->pdata[i];
        if (c->layout)
            g_object_unref(c->layout);
        c->layout = NULL;
    }
}

/* A grid's widths, heights and cell layouts at one size, kept while other
 * sizes are tried, so that going back to it costs nothing. */
typedef struct {
    double size, pad_x, pad_y, smin;
    double *col_w, *row_h;
    PangoLayout **layouts; /* one a cell, owned */
    guint n_layouts;
} grid_state;

static grid_state state_take(grid *g)
{
    grid_state k = {g->size, g->pad_x, g->pad_y, g->smin,
                    g_memdup2(g->col_w, sizeof(double) * (size_t)MAX(1, g->n_cols)),
                    g_memdup2(g->row_h, sizeof(double) * (size_t)MAX(1, g->n_rows)),
                    g_new0(PangoLayout *, MAX(1, g->cells->len)), g->cells->len};
    for (guint i = 0; i < g->cells->len; i++) {
        gcell *c = g->cells->pdata[i];
        k.layouts[i] = c->layout ? g_object_ref(c->layout) : NULL;
    }
    return k;
}

/* Puts the grid back as `k` held it; `k` gives up its layouts. */
static void state_give(grid *g, grid_state *k)
{
    set_size(g, k->size);
    g->smin = k->smin;
    memcpy(g->col_w, k->col_w, sizeof(double) * (size_t)g->n_cols);
    memcpy(g->row_h, k->row_h, sizeof(double) * (size_t)g->n_rows);
    for (guint i = 0; i < g->cells->len; i++) {
        ((gcell *)g->cells->pdata[i])->layout = k->layouts[i];
        k->layouts[i] = NULL;
    }
}

static void state_free(grid_state *k)
{
    for (guint i = 0; i < k->n_layouts; i++)
        if (k->layouts[i])
            g_object_unref(k->layouts[i]);
    g_free(k->layouts);
    g_free(k->col_w);
    g_free(k->row_h);
}

/* Tries the grid at one orientation, shrinking the font as needed from
 * `size` down. */
static bool fit(grid *g, bool landscape, double size)
{
    bg_page *probe = bg_page_new(landscape);
    double avail = probe->width - probe->left - probe->right;
    bg_page_free(probe);
    double at = 0, smin = 0; /* the last size measured, and its narrowest */
    for (; size >= g->st->min_size - 0.001; size -= 0.5) {
        /* Glyph advances are unhinted, so a table's narrowest widths scale
         * with the size but for the constant point of padding each side of
         * a column: a size they overflow by more than a point and a half
         * percent is passed without measuring (none it skips would fit). */
        double fixed = 2.0 * g->n_cols;
        if (at > 0 && (smin - fixed) * size / at + fixed > avail * 1.005 + 1)
            continue;
        set_size(g, size);
        if (assign_widths(g, avail))
            return true;
        at = size;
        smin = g->smin;
    }
    return false;
}

static double notes_height(const grid *g)
{
    double h = g->size * 0.4, tw = sum(g->col_w, 0, g->n_cols);
    for (guint i = 0; i < g->t->notes->len; i++) {
        bg_text_style st = {.ctx = g->st->ctx, .family = g->st->family, .size = g->size,
                            .align = PANGO_ALIGN_LEFT, .justify = true};
        PangoLayout *l = bg_text_new(&st, g->t->notes->pdata[i], tw);
        h += layout_height(l) + g->size * 0.2;
        g_object_unref(l);
    }
    return h;
}

/* The room of a page for body rows, and the plan of the pages. */
static GArray *plan_for(const grid *g, bool landscape, double *spare)
{
    double title, continued;
    measure_tops(g, landscape, &title, &continued);
    bg_page *probe = bg_page_new(landscape);
    double page = probe->height - probe->top - probe->bottom;
    bg_page_free(probe);
    double head = sum(g->row_h, 0, g->head);
    page_plan pp = {.first = page - title - head, .rest = page - continued - head,
                    .cap_page = -1, .cap_row = -1};
    if (spare)
        *spare = pp.first - sum(g->row_h, g->head, g->n_rows - g->head) - notes_height(g);
    return plan_table(g, pp);
}

static bool layout_table(const bg_table *t, const bg_table_style *st, GPtrArray *pages,
                         char **error);

/* Pages a plan takes: its pages, and one more when the notes under a
 * one-page table overflow it. */
static guint pages_of(const GArray *starts, double spare)
{
    return starts->len + (starts->len == 1 && spare < 0);
}

/* The pages the grid takes set at size s, or 0 when its columns do not fit
 * at s; the grid is left set at s. */
static guint pages_at(grid *g, bool landscape, double s)
{
    if (!fit(g, landscape, s) || g->size != s)
        return 0;
    assign_heights(g);
    double spare;
    GArray *plan = plan_for(g, landscape, &spare);
    guint n = pages_of(plan, spare);
    g_array_free(plan, TRUE);
    return n;
}

bool bg_layout_table(const bg_table *t, const bg_table_style *st, GPtrArray *pages,
                     char **error)
{
    char *key = bg_table_memo_key(t, st);
    bool ok = true;
    if (!bg_table_memo_get(st->ctx, key, pages)) {
        guint before = pages->len;
        ok = layout_table(t, st, pages, error);
        if (ok)
            bg_table_memo_put(st->ctx, key, pages, before);
    }
    g_free(key);
    return ok;
}

static bool layout_table(const bg_table *t, const bg_table_style *st, GPtrArray *pages,
                         char **error)
{
    grid g = {.st = st};
    grid_build(&g, t);
    /* Portrait where a narrow table fits at full size; wide ones go landscape. */
    bool landscape = !(g.n_cols <= 6 && fit(&g, false, st->size) && g.size == st->size);
    if (landscape && !fit(&g, true, st->size)) {
        *error = g_strdup_printf("表%s“%s”在最小字号 %.1f 磅下仍排不下（%d 列），请减少列或在格式中调小字号",
                                 t->number, t->title, st->min_size, t->n_cols);
        grid_free(&g);
        return false;
    }
    assign_heights(&g);
    double spare;
    GArray *starts = plan_for(&g, landscape, &spare);
    /* A table longer than a page is set a size or two smaller where that
     * saves a quarter of its pages or more: a summary table stays on one
     * page rather than split, and a wide table whose narrowest widths only
     * just fit (its labels a few characters a line, its rows four lines
     * tall) is not printed on five pages where half a point less takes two.
     * Not past eight pages: each size tried costs the whole table again, and
     * a listing that long is searched, not taken in at a glance. */
    guint now = pages_of(starts, spare);
    if (now >= 2 && now <= 8 && !t->form) {
        double size = g.size;
        guint best = now;
        grid_state first = state_take(&g), chosen = {0};
        bg_page *probe = bg_page_new(landscape);
        double room = probe->height - probe->top - probe->bottom;
        bg_page_free(probe);
        double lowest = size - 0.5 * floor((size - MAX(st->min_size, size - 2.5)) / 0.5 + 0.002);
        guint want = now - (now + 3) / 4;
        /* Every row is a line high at least: a size at which even that takes
         * more pages than would be taken is passed without setting a cell.
         * And smaller type takes no more pages: if the smallest size saves
         * none, no size between does, and none is set. */
        bool hopeless = g.n_rows * row_floor(lowest) > room * want;
        if (!hopeless && lowest < size - 0.75) {
            guint n = pages_at(&g, landscape, lowest);
            hopeless = n == 0 || n > want;
        }
        for (double s = size - 0.5; !hopeless && s >= lowest - 0.001; s -= 0.5) {
            want = MIN(best - 1, now - (now + 3) / 4);
            if (g.n_rows * row_floor(s) > room * want)
                continue;
            guint n = pages_at(&g, landscape, s);
            if (n == 0)
                break;
            if (n < best && (now - n) * 4 >= now) {
                state_free(&chosen);
                chosen = state_take(&g);
                best = n;
                if (n == 1)
                    break;
            }
        }
        /* back to the size chosen (or the first), as it was set */
        state_give(&g, best < now ? &chosen : &first);
        g_array_free(starts, TRUE);
        starts = plan_for(&g, landscape, NULL);
        state_free(&first);
        state_free(&chosen);
    }
    cursor cu = {.pages = pages, .landscape = landscape};
    paginate(&g, &cu, starts);
    g_array_free(starts, TRUE);
    draw_notes(&g, &cu);
    grid_free(&g);
    return true;
}

bool bg_table_column_widths(const bg_table *t, const bg_table_style *st, double avail,
                            bool stretch, double *widths)
{
    grid g = {.st = st};
    grid_build(&g, t);
    g.size = st->size;
    g.pad_x = st->size * 0.3 + 1;
    g.pad_y = pad_y_at(st->size);
    bool ok = assign_widths_to(&g, avail, stretch);
    if (ok)
        memcpy(widths, g.col_w, sizeof(double) * (size_t)MAX(0, t->n_cols));
    grid_free(&g);
    return ok;
}
