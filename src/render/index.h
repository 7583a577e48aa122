/* The index of a batch: one row a department with the figures its format's
 * `index` lists, its pages and files, and the totals — what a finance
 * bureau publishes with a city's disclosures or checks the batch against.
 * Written as output/index.xlsx and output/index.json. */
#ifndef BG_INDEX_H
#define BG_INDEX_H

#include <glib.h>
#include <stdbool.h>

#include "model/document.h"

typedef struct {
    char *code, *name, *file; /* the department, and the file it came from */
    int year, pages;
    GPtrArray *titles;        /* of char*: the index columns of its format */
    GArray *values;           /* of bg_money */
    char *pdf, *xlsx;         /* the files written, or NULL */
} bg_index_row;

/* A row for `doc` (its index figures copied). */
bg_index_row *bg_index_row_new(const bg_doc *doc, const char *file);
void bg_index_row_free(gpointer row);

/* A row as a GVariant, to pass from a worker process (floating), and back
 * (NULL when `v` is not a row). */
GVariant *bg_index_row_to_variant(const bg_index_row *r);
bg_index_row *bg_index_row_from_variant(GVariant *v);

/* Writes DIR/index.xlsx and DIR/index.json for `rows`, in their order,
 * with a totals row. Columns are the union of the rows' titles, in the
 * order first met. False with *error on failure; nothing half-written. */
bool bg_write_index(const char *dir, const GPtrArray *rows, gint64 created, char **error);

#endif
