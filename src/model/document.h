/* A disclosure as a document: a cover title, parts of headed paragraphs, and
 * tables. Derived from a department by derive/document.c; laid out by
 * layout/compose.c. Knows nothing of budgets. */
#ifndef BG_DOCUMENT_H
#define BG_DOCUMENT_H

#include <glib.h>

#include "model/table.h"

/* A typesetting role (title, heading, body, table): the font families to try
 * in order, and a size in points. */
typedef struct {
    GPtrArray *families; /* of char* */
    double size;
    bool bold;
} bg_font_role;

/* SUBHEADING: a paragraph that is only a second-level heading, （一）…
 * (GB/T 9704 sets it in 楷体). */
typedef enum {
    BG_ROLE_TITLE,
    BG_ROLE_HEADING,
    BG_ROLE_BODY,
    BG_ROLE_TABLE,
    BG_ROLE_SUBHEADING,
    BG_ROLE_COUNT
} bg_role;

/* Where page numbers stand: GB/T 9704 puts odd pages' at the right and even
 * pages' at the left (outside), many budget disclosures centre them. */
typedef enum { BG_NUMBER_OUTSIDE, BG_NUMBER_CENTER, BG_NUMBER_LEFT, BG_NUMBER_RIGHT } bg_number_place;

typedef struct {
    char *text;          /* "— {page} —": {page} is the number */
    bg_font_role font;   /* families owned */
    bg_number_place place;
    double below;        /* mm from the text block's foot to the number's top */
    double inset;        /* characters in from the text block's edge (not centred) */
} bg_page_numbers;

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
    /* Who and what it is, for file names and the JSON interface. */
    char *code, *name, *format;
    int year;
    /* How it is set: fonts by role, and the smallest size a table may
     * shrink to. The roles' family lists are owned. */
    bg_font_role roles[BG_ROLE_COUNT];
    double table_min_size;
    bg_page_numbers numbers; /* text and font owned */
    /* Words titles and labels never break inside (of char*, owned). */
    GPtrArray *keep;
    GPtrArray *parts;  /* of bg_doc_part* */
    /* The figures a batch's index lists for it: titles and exact values. */
    GPtrArray *index_titles; /* of char* */
    GArray *index_values;    /* of bg_money */
    GPtrArray *tables; /* of bg_table*, owned: every table parts refer to */
} bg_doc;

bg_doc *bg_doc_new(void);
void bg_doc_free(bg_doc *d); /* accepts NULL */
bg_doc_part *bg_doc_add_part(bg_doc *d, const char *title);
bg_doc_section *bg_doc_add_section(bg_doc_part *p, const char *heading);

#endif
