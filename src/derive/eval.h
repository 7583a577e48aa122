/* The figures, lists and wording a format defines, evaluated for one
 * department, and the one template expander that every output uses: titles,
 * headings, paragraphs, notes and form cells all go through
 * bg_eval_expand, so that `text`, the PDF, the workbook and `tables --json`
 * print the same expansion of the same template.
 *
 * A figure is evaluated by the code that fills the tables: a `sum:` figure
 * with bg_filter_match over the same facts, a `table:` figure by reading the
 * derived table's cell. */
#ifndef BG_EVAL_H
#define BG_EVAL_H

#include "derive/fields.h"
#include "derive/filter.h"
#include "model/department.h"
#include "model/diag.h"
#include "model/format.h"
#include "model/table.h"

typedef struct bg_eval bg_eval;

/* An entry of a list. */
typedef struct {
    int number;         /* 1, 2, … in list order */
    char *name, *code;
    bg_money amount;    /* the money the list's `sum` selects */
    int share;          /* hundredths of a percent of the list's total */
    const bg_project *project;         /* lists of projects */
    const bg_procurement *procurement; /* lists of procurement lines */
    const bg_table *table;             /* empty tables: the table */
    char *title, *reason;              /* empty tables: texts.KEY of why (reason) */
} bg_entry;

/* Where a template is filled in: the fields it may quote and how its
 * amounts show. */
typedef struct bg_scope {
    bg_field_ctx fc;           /* department, money style, project, task */
    const bg_list_def *list;   /* inside a list: its definition and entry */
    const bg_entry *item;
    bool phrase;               /* inside a phrase: a, b, diff and rate */
    bool counts;               /* … of counts, printed as whole numbers */
    bg_money a, b;
} bg_scope;

/* Evaluation of `f`'s figures for `d`. `tables` are the derived pivot
 * tables so far, and table_def[i] the index in f->tables of tables[i];
 * neither is owned, both must outlive the evaluator and may grow. */
bg_eval *bg_eval_new(const bg_department *d, const bg_format *f, const bg_facts *facts,
                     const GPtrArray *tables, const GArray *table_def);
void bg_eval_free(bg_eval *e); /* accepts NULL */

/* Points the evaluator at another list of the same tables (the final one,
 * with the forms): what it worked out stays. */
void bg_eval_set_tables(bg_eval *e, const GPtrArray *tables, const GArray *table_def);

const bg_format *bg_eval_format(const bg_eval *e);

/* The scope of the document: the format's text money style, no project. */
bg_scope bg_eval_scope(const bg_eval *e);

/* `tmpl` filled in. *dropped (when given) is set when an optional value
 * ({?…}) was missing: the caller leaves the line out. A value that is
 * missing and not optional is recorded (bg_eval_missing) and left blank.
 * Caller frees. */
char *bg_eval_expand(bg_eval *e, const bg_scope *s, const char *tmpl, bool *dropped);

/* One named value, as a form's field cell shows it; *is_money and *value
 * say whether it is an amount. NULL when it has none (recorded missing). */
char *bg_eval_value(bg_eval *e, const bg_scope *s, const char *name, bool *is_money,
                    bg_money *value);

/* The amount a name stands for (a figure, figures.KEY, item.amount …);
 * false, recorded missing, when it has none. */
bool bg_eval_amount(bg_eval *e, const bg_scope *s, const char *name, bg_money *out);

/* The entries of a list of the format, or NULL when there is none. */
const GPtrArray *bg_eval_list(bg_eval *e, const char *name);

/* Names a template needed and the department lacks (texts.reason_total,
 * figures.last_year_total, item.texts.duty, profile.staffing.retired), each
 * once, in the order met. */
const GPtrArray *bg_eval_missing(const bg_eval *e);

/* The n-th label of a numbering given by its first label: "（一）" gives
 * "（十二）", "1、" gives "12、", "1." gives "12.". Caller frees. */
char *bg_numbering(const char *first, guint n);

/* n in Chinese numerals: 一, 十二, 二十一. Caller frees. */
char *bg_chinese_number(guint n);

/* A figure printed: its name, exact value and the text shown. */
typedef struct {
    const char *name; /* owned by the format */
    bg_money value;
    char *text;
} bg_use;

/* Every format figure printed so far, in order (of bg_use*). */
const GPtrArray *bg_eval_uses(const bg_eval *e);

/* Proves the format's restatements: each figure's `also` cells hold the
 * figure's value. Disagreements go to `diag` at the figure's place in
 * format.yaml, with both values. */
void bg_eval_verify(bg_eval *e, bg_diag *diag);

#endif
