/* The narrative (parts one to three): the format's paragraph templates
 * filled in by the evaluator of its figures, so that a sentence can never
 * disagree with a table. A paragraph is a template, one paragraph a line of
 * it; a list paragraph fills its item template for each entry of a list;
 * `when_zero` / `when_nonzero` keep a paragraph only when a figure is (not)
 * zero. */
#ifndef BG_NARRATIVE_H
#define BG_NARRATIVE_H

#include "derive/eval.h"
#include "model/format.h"

/* Appends to `out` (of char*) the paragraphs `p` makes: one, none when it
 * comes out empty, one per line of its template, or one per entry of an
 * `each` list. */
void bg_narrative_paragraphs(bg_eval *e, const bg_para *p, GPtrArray *out);

#endif
