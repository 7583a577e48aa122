/* The standard classifications (function, department and government economic
 * codes, fund sources), read from the data files in templates/catalog/. */
#ifndef BG_CATALOG_H
#define BG_CATALOG_H

#include <glib.h>
#include <stdbool.h>

#include "model/diag.h"

typedef enum {
    BG_CLASS_FUNCTION,  /* 支出功能分类: 类 3, 款 5, 项 7 digits */
    BG_CLASS_DEPT_ECON, /* 部门预算支出经济分类: 类 3, 款 5 digits */
    BG_CLASS_GOV_ECON,  /* 政府预算支出经济分类: 类 3, 款 5 digits */
    BG_CLASS_COUNT
} bg_class;

typedef struct {
    char *code;          /* "财政拨款" */
    char *name;          /* 一般公共预算财政拨款 */
    char *budget;        /* 一般公共预算, 政府性基金预算, 单位资金 … */
    bool appropriation;  /* counts as 财政拨款 */
} bg_fund;

typedef struct {
    GHashTable *names[BG_CLASS_COUNT]; /* code string -> name */
    GPtrArray *funds;                  /* of bg_fund*, in catalog order */
    GPtrArray *words; /* of char*: words a title or label never breaks inside */
} bg_catalog;

/* Reads DIR/function.tsv, dept_econ.tsv, gov_econ.tsv, funds.tsv and, when
 * there, words.txt.
 * Returns NULL and adds to `diag` when a file is missing or malformed. */
bg_catalog *bg_catalog_load(const char *dir, bg_diag *diag);
void bg_catalog_free(bg_catalog *c); /* accepts NULL */

/* The catalog's name of a code, or NULL. */
const char *bg_catalog_name(const bg_catalog *c, bg_class cls, const char *code);

/* Index of a fund code in c->funds, or -1. */
int bg_catalog_fund(const bg_catalog *c, const char *code);

/* Chinese name of a classification, for messages ("支出功能分类科目"). */
const char *bg_class_label(bg_class cls);

#endif
