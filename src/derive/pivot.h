/* The attachment tables that are pivots of the line items: rows from row
 * sources, columns a tree of headers whose leaves are filtered sums. */
#ifndef BG_PIVOT_H
#define BG_PIVOT_H

#include "derive/eval.h"
#include "derive/filter.h"
#include "model/department.h"
#include "model/format.h"
#include "model/table.h"

/* The body of table `def` (a pivot, not a form): header and rows, in one
 * pass over the line items. Its title, unit line and notes are templates
 * that may quote figures of other tables: bg_pivot_texts fills them once
 * every pivot exists. Caller frees. */
bg_table *bg_pivot_table(const bg_department *d, const bg_format *f, const bg_table_def *def,
                         const bg_facts *facts);

void bg_pivot_texts(bg_eval *e, bg_table *t, const bg_table_def *def);

/* The department's projects' indexes, in the file's order (`input`) or by
 * project code: the order of project rows and per-project forms. Caller
 * frees. */
guint *bg_project_order(const bg_department *d, bool input);

#endif
