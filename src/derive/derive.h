/* Everything derived from a department by a format: the facts of its line
 * items, its tables in the format's order, and the evaluator of the
 * format's figures over both. The narrative and every output are built on
 * this, so that one figure has one value everywhere. */
#ifndef BG_DERIVE_H
#define BG_DERIVE_H

#include "derive/eval.h"
#include "derive/filter.h"
#include "model/department.h"
#include "model/format.h"

typedef struct {
    const bg_department *d;
    const bg_format *f;
    bg_facts *facts;
    GPtrArray *tables;  /* of bg_table*, owned, in the format's order */
    GArray *table_def;  /* of int: the index in f->tables of each table */
    bg_eval *eval;
} bg_derived;

/* Pivots first, then the evaluator over them, then their titles and notes,
 * then the forms (whose cells may quote any figure). */
bg_derived *bg_derive(const bg_department *d, const bg_format *f);
void bg_derived_free(bg_derived *x); /* accepts NULL */

#endif
