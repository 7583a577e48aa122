/* A disclosure as a document: a cover title, parts of headed paragraphs, and
 * tables. Derived from a department by derive/document.c; laid out by
 * layout/compose.c. Knows nothing of budgets. */
#ifndef BG_DOCUMENT_H
#define BG_DOCUMENT_H

#include <glib.h>

#include "model/table.h"

typedef struct {
    char *heading;         /* may be empty */
    GPtrArray *paragraphs; /* of char* */
} bg_doc_section;

typedef struct {
    char *title;
    GPtrArray *sections; /* of bg_doc_section* */
    GPtrArray *tables;   /* of bg_table*, not owned */
} bg_doc_part;

typedef struct {
    char *title, *author, *subject;
    GPtrArray *parts;  /* of bg_doc_part* */
    GPtrArray *tables; /* of bg_table*, owned: every table parts refer to */
} bg_doc;

bg_doc *bg_doc_new(void);
void bg_doc_free(bg_doc *d); /* accepts NULL */
bg_doc_part *bg_doc_add_part(bg_doc *d, const char *title);
bg_doc_section *bg_doc_add_section(bg_doc_part *p, const char *heading);

#endif
