/* Forms (performance targets): grids of labels, fields of the department
 * file and derived sums, with merged label cells. */
#ifndef BG_FORM_H
#define BG_FORM_H

#include "derive/eval.h"
#include "derive/filter.h"
#include "model/department.h"
#include "model/format.h"
#include "model/table.h"

/* Appends to `out` the tables of form `def`: one, or one per project. Its
 * texts are filled in by `e`. */
void bg_derive_form(bg_eval *e, const bg_table_def *def, const bg_facts *facts,
                    GPtrArray *out);

#endif
