#include "render/pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "render/atomic.h"

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
    for (guint i = 0; i < pg->ops->len; i++) {
        const bg_op *op = &g_array_index(pg->ops, bg_op, i);
        switch (op->kind) {
        case BG_OP_LINE_OF:
            cairo_move_to(cr, op->x, op->y);
            pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(op->layout, op->line));
            break;
        case BG_OP_LAYOUT:
            cairo_move_to(cr, op->x, op->y);
            pango_cairo_show_layout(cr, op->layout);
            break;
        case BG_OP_RULE:
            break;
        }
    }
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
