/* Audit: the contradictions a published disclosure holds, proved with the
 * definitions its format gives render — the tables' column trees and
 * totals, the figures and the cells that restate them (`also`), and the
 * narrative's templates, which bind each printed number to its figure. */
#ifndef BG_AUDIT_H
#define BG_AUDIT_H

#include <glib.h>
#include <stdint.h>

#include "input/published.h"

typedef enum { BG_AUDIT_ERROR, BG_AUDIT_WARNING } bg_audit_severity;

typedef struct {
    bg_audit_severity severity;
    const char *rule;  /* a stable name: column_total, cross_table, rate_base … */
    char *where;       /* 表3 ｜ 合计 ｜ 基本支出/小计, or 第二部分 一、… ／ the sentence */
    int line;          /* 1-based line of the file */
    char *table;       /* the table's id, or NULL for the narrative */
    char *found;       /* what is printed */
    char *expected;    /* what it should be, and from what */
    char *message;     /* the rule, in Chinese */
} bg_finding;

/* Every finding on `p`, in the order of the document. Caller frees the
 * array (it frees its findings). */
GPtrArray *bg_audit(const bg_published *p);

/* The narrative's findings alone (derive/audit_narrative.c), added to `out`. */
void bg_audit_narrative(const bg_published *p, GPtrArray *out);

/* ---- shared by the rules ------------------------------------------------ */

/* Adds a finding; the strings are copied. */
void bg_audit_add(GPtrArray *out, bg_audit_severity sev, const char *rule, int line,
                  const char *table, const char *where, const char *found,
                  const char *expected, const char *message);

/* The amount a figure's table cells state (its own cell, then `also`), read
 * from the tables: true with *fen and *unit (one printed unit in 分) when
 * one of them was read. */
gboolean bg_audit_figure_value(const bg_published *p, const char *figure, int64_t *fen,
                               int64_t *unit);

/* An amount as the report prints it: 元 with separators, or 万元. */
char *bg_audit_money(int64_t fen, int64_t unit);

#endif
