/* The narrative (parts one to three): paragraph templates of the format
 * filled in with fields of the department file and figures derived from its
 * line items, so that a sentence can never disagree with a table.
 *
 * In a template, {name} is a field (department.name, profile.…, texts.…,
 * figures.…) or a derived figure (total, basic, income.general, …; see
 * templates/README.md), shown in 万元 with up to two decimals; functions:
 * {share:a:b} (a as a percentage of b), {change:a:b} (增加/减少 and the
 * difference in 万元), {rate:a:b} (增长/下降 and the percentage), {vs:a:b}
 * (与上年预算持平, or 比上年预算增加…，增长…), {count:list}. A paragraph may
 * stand only when a figure is zero (when_zero) or is not (when_nonzero).
 * Inside a list paragraph, {item.…} names the entry. */
#ifndef BG_NARRATIVE_H
#define BG_NARRATIVE_H

#include "model/department.h"

typedef struct bg_narrative bg_narrative;

/* `tables` are the department's derived tables (for the empty-table list);
 * not owned, they must outlive the narrative. */
bg_narrative *bg_narrative_new(const bg_department *d, const bg_format *f,
                               const GPtrArray *tables);
void bg_narrative_free(bg_narrative *n); /* accepts NULL */

/* Appends the paragraphs `p` makes (one, none when it comes out empty, or
 * one per entry of an `each` list). */
void bg_narrative_paragraphs(bg_narrative *n, const bg_para *p, GPtrArray *out);

/* `tmpl` filled in. Caller frees. */
char *bg_narrative_expand(bg_narrative *n, const char *tmpl);

/* Names a template used that have no value: free texts the department file
 * lacks (texts.reason_total) and unknown names (a format's mistake). */
const GPtrArray *bg_narrative_missing(const bg_narrative *n);

/* Every paragraph of every part, expanded: what `budgetgen text` prints and
 * `check` runs to find missing texts. Appends to `out` lines of text, a
 * heading or a paragraph each. */
void bg_narrative_all(bg_narrative *n, GPtrArray *out);

#endif
