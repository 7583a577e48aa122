/* Laying out a whole document: cover, contents with page numbers, parts of
 * paragraphs under GB/T 9704 conventions, and tables. */
#ifndef BG_COMPOSE_H
#define BG_COMPOSE_H

#include "layout/page.h"
#include "model/document.h"

/* The face of each typesetting role, already resolved to installed fonts. */
typedef struct {
    const char *family;
    double size;
    bool bold;
} bg_face;

typedef struct {
    PangoContext *ctx;
    bg_face title, heading, body, table, subheading;
    double table_min_size;
    bg_face numbers;       /* page numbers */
    const bg_page_numbers *number_style;
    const GPtrArray *keep; /* words titles and labels never break inside */
    const char *name;      /* the department's: kept whole in titles where it fits */
} bg_typeset;

typedef struct {
    char *title;
    int level;  /* 0 a part, 1 a section or table */
    int page;   /* 0-based page index */
    double y;   /* top of the entry on its page */
} bg_outline_entry;

typedef struct {
    GPtrArray *pages;   /* of bg_page* */
    GPtrArray *outline; /* of bg_outline_entry*, in document order */
} bg_laid_doc;

/* Lays out `doc`. Returns false with *error (naming the table) when a table
 * cannot fit. The caller frees `out` with bg_laid_doc_clear. */
bool bg_compose(const bg_doc *doc, const bg_typeset *ts, bg_laid_doc *out, char **error);
void bg_laid_doc_clear(bg_laid_doc *ld);

#endif
