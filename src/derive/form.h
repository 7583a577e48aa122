/* Forms (performance targets): grids of labels, fields of the department
 * file and derived sums, with merged label cells. */
#ifndef BG_FORM_H
#define BG_FORM_H

#include "derive/filter.h"
#include "model/department.h"
#include "model/format.h"
#include "model/table.h"

/* Appends to `out` the tables of form `def`: one, or one per project. */
void bg_derive_form(const bg_department *d, const bg_format *f, const bg_table_def *def,
                    const bg_facts *facts, GPtrArray *out);

#endif
