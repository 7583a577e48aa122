/* Pages as display lists: what to draw where, in points from the top left.
 * Layout fills them; a renderer (PDF) draws them. */
#ifndef BG_PAGE_H
#define BG_PAGE_H

#include <glib.h>
#include <pango/pango.h>
#include <stdbool.h>

#define BG_MM(x) ((x) * 72.0 / 25.4)
#define BG_A4_SHORT BG_MM(210)
#define BG_A4_LONG BG_MM(297)

typedef enum { BG_OP_LINE_OF, BG_OP_LAYOUT, BG_OP_RULE } bg_op_kind;

typedef struct {
    bg_op_kind kind;
    PangoLayout *layout; /* LINE_OF and LAYOUT: a reference held */
    int line;            /* LINE_OF: which line of the layout */
    double x, y;         /* LINE_OF: baseline start; LAYOUT: top left; RULE: start */
    double x2, y2, width; /* RULE: end and line width */
} bg_op;

typedef struct {
    bool landscape;
    double width, height;
    double left, right, top, bottom; /* the text block */
    bool numbered;       /* prints its number */
    GArray *ops;         /* of bg_op */
} bg_page;

/* A page of A4 with the text block of GB/T 9704 (portrait: 156 × 225 mm) or,
 * landscape, 20 mm margins. */
bg_page *bg_page_new(bool landscape);
void bg_page_free(gpointer p);
/* A page of its own drawing what `pg` draws (the layouts shared). */
bg_page *bg_page_copy(const bg_page *pg);

void bg_page_line_of(bg_page *pg, PangoLayout *layout, int line, double x, double baseline);
void bg_page_layout(bg_page *pg, PangoLayout *layout, double x, double y);
void bg_page_rule(bg_page *pg, double x1, double y1, double x2, double y2, double width);

#endif
