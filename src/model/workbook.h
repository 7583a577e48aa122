/* The input workbook (部门预算录入.xlsx): which sheets it has, which columns
 * each, and which field of the department file each column fills. One
 * table that `budgetgen template` writes from and the loader reads by, so
 * that the two cannot drift apart. */
#ifndef BG_WORKBOOK_H
#define BG_WORKBOOK_H

#include <stdbool.h>

/* What a cell holds, for validation and for writing it back as YAML. */
typedef enum {
    BG_WB_TEXT,  /* text */
    BG_WB_CODE,  /* digits kept as text: codes */
    BG_WB_MONEY, /* an amount in 元, two decimals */
    BG_WB_INT,   /* a whole number */
    BG_WB_YESNO, /* 是 / 否 */
} bg_wb_type;

/* A list a column's cells are chosen from (data validation). */
typedef enum {
    BG_WB_ANY, BG_WB_UNITS, BG_WB_UNIT_TYPES, BG_WB_FUNCTIONS, BG_WB_DEPT_ECON, BG_WB_GOV_ECON,
    BG_WB_PROJECTS, BG_WB_FUNDS, BG_WB_COSTS, BG_WB_CATEGORIES, BG_WB_PROC_KINDS,
    BG_WB_CLASSES,
} bg_wb_list;

typedef struct {
    const char *header; /* the column's title in the sheet */
    const char *key;    /* the field it fills: "amount", "staffing.retired" */
    bg_wb_type type;
    bg_wb_list list;
    bool required;
} bg_wb_column;

typedef enum {
    BG_WB_ROWS,       /* one entry a row: units, line_items … */
    BG_WB_FIELDS,     /* one field a row, 字段 | 值: department, profile … */
    BG_WB_LINES,      /* one text a row: profile.duties */
    BG_WB_MAP,        /* 键 | 值 rows: texts, figures */
    BG_WB_INDICATORS, /* indicator rows, 一级 | 二级 | 三级 | 指标值 …, an owner column first */
    BG_WB_OF_PROJECT, /* 项目编码 | 键 | 值: a project's texts or figures */
} bg_wb_shape;

typedef struct {
    const char *name;    /* the sheet's name */
    const char *path;    /* where in the department file: "line_items", "profile.duties" */
    bg_wb_shape shape;
    const bg_wb_column *columns; /* NULL-header-terminated */
    const char *note;    /* the first row's explanation, in Chinese */
} bg_wb_sheet;

/* The sheets, in the workbook's order; terminated by a NULL name. */
extern const bg_wb_sheet bg_wb_sheets[];

#endif
