/* The attachment tables of a format, derived from a department's line items. */
#ifndef BG_PIVOT_H
#define BG_PIVOT_H

#include "model/department.h"
#include "model/format.h"
#include "model/table.h"

/* Every table of `f` for `d`, in the format's order: a GPtrArray of
 * bg_table* that frees its tables. Derivation is one pass over the line
 * items per table. */
GPtrArray *bg_derive_tables(const bg_department *d, const bg_format *f);

#endif
