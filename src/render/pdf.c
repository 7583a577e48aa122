/* The PDF: laid-out pages drawn on cairo's PDF surface, with metadata and bookmarks. */
#include "render/pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "render/atomic.h"

/* The glyphs of one font on one page, with the text they stand for, so
 * that a reader can copy and search it. */
typedef struct {
    cairo_scaled_font_t *font;
    GArray *glyphs;   /* of cairo_glyph_t */
    GArray *clusters; /* of cairo_text_cluster_t */
    GString *utf8;
} batch;

/* Whether the line's glyphs can be gathered: not a box Pango draws for a
 * character no font has, nor right-to-left text (left to Pango). */
static bool gatherable(PangoLayoutLine *line)
{
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        if (run->item->analysis.level % 2 ||
            !pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font)))
            return false;
        for (int i = 0; i < run->glyphs->num_glyphs; i++)
            if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
                return false;
    }
    return true;
}

static bool layout_gatherable(PangoLayout *l)
{
    for (GSList *it = pango_layout_get_lines_readonly(l); it; it = it->next)
        if (!gatherable(it->data))
            return false;
    return true;
}

static batch *batch_for(GPtrArray *batches, cairo_scaled_font_t *font)
{
    for (guint i = 0; i < batches->len; i++)
        if (((batch *)batches->pdata[i])->font == font)
            return batches->pdata[i];
    batch *b = g_new0(batch, 1);
    b->font = cairo_scaled_font_reference(font);
    b->glyphs = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
    b->clusters = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
    b->utf8 = g_string_new(NULL);
    g_ptr_array_add(batches, b);
    return b;
}

/* Adds a run set with its left end at x on baseline y. */
static void add_run(GPtrArray *batches, const char *text, PangoGlyphItem *run, double x,
                    double y)
{
    PangoGlyphString *gs = run->glyphs;
    batch *b = batch_for(batches, pango_cairo_font_get_scaled_font(
                                      PANGO_CAIRO_FONT(run->item->analysis.font)));
    /* Pango's own order: a cluster's bytes, then its glyphs, empty ones
     * (a zero-width joiner) left out. */
    PangoGlyphItemIter it;
    int at = 0; /* Pango units from the run's start */
    for (gboolean more = pango_glyph_item_iter_init_start(&it, run, text); more;
         more = pango_glyph_item_iter_next_cluster(&it)) {
        cairo_text_cluster_t cl = {it.end_index - it.start_index, 0};
        for (int g = it.start_glyph; g < it.end_glyph; g++) {
            const PangoGlyphInfo *gi = &gs->glyphs[g];
            if (gi->glyph != PANGO_GLYPH_EMPTY) {
                cairo_glyph_t cg = {gi->glyph,
                                    x + (double)(at + gi->geometry.x_offset) / PANGO_SCALE,
                                    y + (double)gi->geometry.y_offset / PANGO_SCALE};
                g_array_append_val(b->glyphs, cg);
                cl.num_glyphs++;
            }
            at += gi->geometry.width;
        }
        g_string_append_len(b->utf8, text + it.start_index, cl.num_bytes);
        g_array_append_val(b->clusters, cl);
    }
}

/* A line's runs from x on baseline y. */
static void add_line(GPtrArray *batches, PangoLayoutLine *line, double x, double y)
{
    const char *text = pango_layout_get_text(line->layout);
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        add_run(batches, text, run, x, y);
        x += (double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE;
    }
}

/* A layout's lines, its top left at (x, y). */
static void add_layout(GPtrArray *batches, PangoLayout *l, double x, double y)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        add_line(batches, pango_layout_iter_get_line_readonly(it),
                 x + (double)r.x / PANGO_SCALE,
                 y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

static void batch_free(gpointer p)
{
    batch *b = p;
    cairo_scaled_font_destroy(b->font);
    g_array_free(b->glyphs, TRUE);
    g_array_free(b->clusters, TRUE);
    g_string_free(b->utf8, TRUE);
    g_free(b);
}

static void draw_page(cairo_t *cr, const bg_page *pg)
{
    cairo_set_source_rgb(cr, 0, 0, 0);
    /* Every rule of the page in one path and one stroke: cairo's PDF surface
     * tracks a region per drawing operation, and thousands of separate
     * strokes cost more than all the text. */
    double width = -1;
    for (guint i = 0; i < pg->ops->len; i++) {
        const bg_op *op = &g_array_index(pg->ops, bg_op, i);
        if (op->kind != BG_OP_RULE)
            continue;
        if (width >= 0 && op->width != width)
            cairo_stroke(cr);
        width = op->width;
        cairo_set_line_width(cr, op->width);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
        cairo_move_to(cr, op->x, op->y);
        cairo_line_to(cr, op->x2, op->y2);
    }
    if (width >= 0)
        cairo_stroke(cr);
    /* The text likewise: all of a font's glyphs on the page in one
     * operation, where Pango would make one a run of each cell. */
    GPtrArray *batches = g_ptr_array_new_with_free_func(batch_free);
    for (guint i = 0; i < pg->ops->len; i++) {
        const bg_op *op = &g_array_index(pg->ops, bg_op, i);
        switch (op->kind) {
        case BG_OP_LINE_OF: {
            PangoLayoutLine *line = pango_layout_get_line_readonly(op->layout, op->line);
            if (gatherable(line)) {
                add_line(batches, line, op->x, op->y);
            } else {
                cairo_move_to(cr, op->x, op->y);
                pango_cairo_show_layout_line(cr, line);
            }
            break;
        }
        case BG_OP_LAYOUT:
            if (layout_gatherable(op->layout)) {
                add_layout(batches, op->layout, op->x, op->y);
            } else {
                cairo_move_to(cr, op->x, op->y);
                pango_cairo_show_layout(cr, op->layout);
            }
            break;
        case BG_OP_RULE:
            break;
        }
    }
    for (guint i = 0; i < batches->len; i++) {
        const batch *b = batches->pdata[i];
        cairo_set_scaled_font(cr, b->font);
        cairo_show_text_glyphs(cr, b->utf8->str, (int)b->utf8->len,
                               (const cairo_glyph_t *)(const void *)b->glyphs->data,
                               (int)b->glyphs->len,
                               (const cairo_text_cluster_t *)(const void *)b->clusters->data,
                               (int)b->clusters->len, 0);
    }
    g_ptr_array_free(batches, TRUE);
}

/* cairo's PDF surface writing to a file by name reports success after a
 * failed write (a full disk left a truncated PDF): every byte goes through
 * here instead, and the first failure is kept. */
static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int length)
{
    return bg_atomic_write(closure, data, length) ? CAIRO_STATUS_SUCCESS
                                                  : CAIRO_STATUS_WRITE_ERROR;
}

bool bg_write_pdf(bg_atomic *out, const bg_laid_doc *ld, const bg_pdf_meta *meta, char **error)
{
    const bg_page *first = ld->pages->len ? ld->pages->pdata[0] : NULL;
    cairo_surface_t *s =
        cairo_pdf_surface_create_for_stream(write_out, out, first ? first->width : BG_A4_SHORT,
                                            first ? first->height : BG_A4_LONG);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, meta->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, meta->author);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, meta->subject);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "budgetgen");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, meta->date);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, meta->date);
    cairo_t *cr = cairo_create(s);
    for (guint i = 0; i < ld->pages->len && cairo_status(cr) == CAIRO_STATUS_SUCCESS; i++) {
        const bg_page *pg = ld->pages->pdata[i];
        cairo_pdf_surface_set_size(s, pg->width, pg->height);
        draw_page(cr, pg);
        cairo_show_page(cr);
    }
    /* Bookmarks: parts at the top level, their sections and tables below. */
    int parent = CAIRO_PDF_OUTLINE_ROOT;
    for (guint i = 0; i < ld->outline->len; i++) {
        const bg_outline_entry *e = ld->outline->pdata[i];
        char *link = g_strdup_printf("page=%d pos=[0 %.1f]", e->page + 1, e->y);
        int id = cairo_pdf_surface_add_outline(s, e->level == 0 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                               e->title, link, 0);
        if (e->level == 0)
            parent = id;
        g_free(link);
    }
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    /* A write error is told with the system's reason (disk full, file too
     * large) by bg_atomic_finish. */
    if (st != CAIRO_STATUS_SUCCESS && !bg_atomic_io_failed(out)) {
        *error = g_strdup_printf("写入 PDF“%s”失败：%s", bg_atomic_path(out),
                                 cairo_status_to_string(st));
        return false;
    }
    return bg_atomic_finish(out, error);
}
