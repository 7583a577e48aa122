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

/* "{department}" and "{year}" in `tmpl` filled in; caller frees. */
char *bg_fill_placeholders(const char *tmpl, const bg_department *d);

/* An amount as the format displays it ("24,308,771", "845.70", or the
 * format's zero text); caller frees. */
char *bg_format_amount(const bg_format *f, bg_money m);

#endif
