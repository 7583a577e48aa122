/* What changed between two versions of a department, after derivation:
 * every table cell, every sentence of the narrative, and the line items
 * added, removed or changed. What a finance officer reads after a review
 * round (`budgetgen diff OLD NEW`). */
#ifndef BG_DIFF_H
#define BG_DIFF_H

#include "model/department.h"
#include "model/document.h"

typedef enum {
    BG_CHANGE_CELL,     /* a table cell's amount or text */
    BG_CHANGE_SENTENCE, /* a paragraph of the narrative, a heading or a title */
    BG_CHANGE_ITEM,     /* line items of one key: their amount */
} bg_change_kind;

typedef struct {
    bg_change_kind kind;
    char *where;    /* 表3 部门支出总体情况表 ｜ 2010301 行政运行 ｜ 基本支出/小计;
                       第二部分 … ／ 一、收入支出预算总体情况说明; the item's codes */
    char *old_text, *new_text; /* as shown; "" when absent on that side */
    bool has_value;
    bg_money old_value, new_value; /* cells and items: exact, in 分 */
} bg_change;

/* The changes from (a, doc_a) to (b, doc_b), in the order of the new
 * document (tables, then the narrative, then line items). A GPtrArray of
 * bg_change* that frees them. */
GPtrArray *bg_diff(const bg_department *a, const bg_doc *doc_a, const bg_department *b,
                   const bg_doc *doc_b);

/* The two texts of a sentence with the figures that differ marked 【…】,
 * for reading: *old_marked and *new_marked, caller frees. */
void bg_diff_mark(const char *old_text, const char *new_text, char **old_marked,
                  char **new_marked);

#endif
