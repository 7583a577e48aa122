/* Fields of a department by name ("project.name", "profile.staffing.retired",
 * "texts.reason_total"): the values derive/eval.c fills templates with. The
 * names are those model/template.c knows. */
#ifndef BG_FIELDS_H
#define BG_FIELDS_H

#include "model/department.h"

/* How amounts show where a field is quoted. */
typedef struct {
    const char *unit; /* 元 or 万元 */
    int decimals;
    bool trim;        /* drop trailing zeros: 395, 2035.88 */
    bool grouping;
} bg_money_style;

typedef struct {
    const bg_department *d;
    bg_money_style money;
    const bg_project *project; /* inside a project's form */
    bg_money project_amount;
    const bg_task *task;       /* inside a task row */
} bg_field_ctx;

/* The text of a field, or NULL when no field has that name. Amount fields
 * are formatted in ctx->money; *value receives the amount when is_money is
 * given. Caller frees. */
char *bg_field_text(const bg_field_ctx *c, const char *name, bool *is_money, bg_money *value);

/* A list field (profile.duties, profile.composition) as its entries, or NULL
 * when `name` is not one. Not owned by the caller. */
const GPtrArray *bg_field_list(const bg_field_ctx *c, const char *name);

/* An amount in a style ("2430.88", "5841800.00"); zero is blank. */
char *bg_money_styled(const bg_money_style *s, bg_money m);

#endif
