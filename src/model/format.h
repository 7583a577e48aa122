/* A publication format (a jurisdiction's tables for a year), read from
 * templates/<format>/format.yaml. Pure data: derive/ gives it meaning. */
#ifndef BG_FORMAT_H
#define BG_FORMAT_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/document.h"

/* Key columns: text a row source puts in a row. */
typedef enum {
    BG_KEY_LABEL,        /* a fixed row's label */
    BG_KEY_NAME,         /* unit or function name */
    BG_KEY_FUNC_CLASS, BG_KEY_FUNC_KIND, BG_KEY_FUNC_ITEM, /* 类 款 项 digits */
    BG_KEY_UNIT_CODE, BG_KEY_UNIT_NAME,
    BG_KEY_DEPT_CODE, BG_KEY_DEPT_CLASS, BG_KEY_DEPT_KIND, BG_KEY_DEPT_NAME,
    BG_KEY_GOV_CODE, BG_KEY_GOV_CLASS, BG_KEY_GOV_KIND, BG_KEY_GOV_NAME,
    BG_KEY_PROJECT_CODE, BG_KEY_PROJECT_NAME, BG_KEY_CATEGORY,
    BG_KEY_PROC_ITEM, BG_KEY_PROC_CATALOG, BG_KEY_PROC_SPEC, BG_KEY_PROC_MEASURE,
    BG_KEY_PROC_QUANTITY,
    BG_KEY_GROUP,        /* a fixed rows' group label, one cell over the group */
    BG_KEY_COUNT
} bg_key;

/* A key by its name in format files ("func_class"); -1 when unknown. */
int bg_key_from_name(const char *name);

/* Which line items a sum takes. Every condition must hold; a list holds when
 * any of its entries does; an absent condition always holds. */
typedef struct {
    bool never;         /* `sum: null`: a label without an amount */
    int8_t kind;        /* -1 any, 0 basic, 1 project */
    int8_t carry_over;  /* -1 any, 0 this year's money, 1 carried over */
    int8_t cost;        /* -1 any, else bg_cost (人员经费 / 公用经费) */
    bool has_funds;
    uint64_t funds;     /* bit i: catalog fund i */
    uint32_t categories; /* bit i: format category i; 0 = any */
    uint8_t unit_types; /* bit per bg_unit_type; 0 = any */
    GArray *econ_class, *dept_econ, *gov_class, *gov_econ, *function_class; /* int; NULL any */
} bg_filter;

/* How an amount column adds up from others, for spreadsheet formulas. */
typedef enum {
    BG_TOTAL_NONE,
    BG_TOTAL_SIBLINGS, /* the other amount leaves under the same parent: 小计 */
    BG_TOTAL_GROUPS,   /* each later sibling: a leaf itself, a group its first leaf: 合计 */
} bg_total_of;

typedef struct bg_column {
    char *title;
    int key;            /* bg_key, or -1 for an amount column */
    bg_filter sum;      /* amount columns */
    bg_total_of total_of;
    GPtrArray *children; /* of bg_column*; NULL on leaves */
} bg_column;

typedef enum {
    BG_ROWS_TOTAL,          /* one row summing everything */
    BG_ROWS_DEPARTMENT,     /* the department itself: code and name */
    BG_ROWS_UNITS,          /* each unit, optionally followed by its 项 rows */
    BG_ROWS_FUNCTIONS,      /* the department's 项 rows */
    BG_ROWS_FUNCTION_CLASSES, /* a fixed list of 类, shown even when empty */
    BG_ROWS_FIXED,          /* labelled rows, each a filter */
    BG_ROWS_ECON_PAIRS,     /* department × government economic 款 */
    BG_ROWS_DEPT_ECON,      /* department economic 款 */
    BG_ROWS_PROJECTS,
    BG_ROWS_PROCUREMENT,
} bg_rows_kind;

typedef struct {
    char *label;
    bg_filter sum;
    int code; /* function classes: the 类 code */
} bg_fixed_row;

/* The levels of a code a row source lists: 类 (class), 款 (kind), 项 (item). */
enum { BG_LEVEL_CLASS = 1, BG_LEVEL_KIND = 2, BG_LEVEL_ITEM = 4 };

typedef struct {
    bg_rows_kind kind;
    bg_filter filter;  /* the items the source lists (with the table's filter) */
    uint8_t levels;    /* functions and dept_econ: bit per BG_LEVEL_*; subtotal rows first */
    bool input_order;  /* data rows in the order of the file, not of their codes */
    char *label;       /* total */
    int at;            /* total: the key column for its label */
    int code_at, name_at; /* department, units */
    bool functions;    /* units: with their 项 rows */
    bool keep;         /* total: shown even when the table is empty */
    char *group;       /* fixed: the label of one cell over all these rows (key `group`) */
    char *name;        /* department: a field naming the row (texts.KEY), else its name */
    bool unit_on_rows; /* units: the unit's code and name on its 项 rows too */
    GPtrArray *fixed;  /* of bg_fixed_row*: fixed rows and function classes */
} bg_rows;

typedef struct {
    GPtrArray *columns; /* of bg_column* (top level) */
    GPtrArray *rows;    /* of bg_rows* */
    GPtrArray *footer;  /* of bg_fixed_row* */
} bg_block;

/* A cell of a form: literal text (with {placeholders}), a field of the
 * department file, or a derived sum. */
typedef enum { BG_FCELL_TEXT, BG_FCELL_FIELD, BG_FCELL_SUM } bg_fcell_kind;

typedef struct {
    bg_fcell_kind kind;
    char *text;   /* text template, or field name ("project.name") */
    bg_filter sum;
    int colspan, rowspan;
} bg_fcell;

typedef enum {
    BG_FROW_CELLS,      /* one row of cells */
    BG_FROW_TASKS,      /* 年度主要任务: a label over a header row and one row a task */
    BG_FROW_INDICATORS, /* an indicator tree as a grid with merged levels */
    BG_FROW_PROJECT_MATRIX, /* one block of rows a project: amounts, then its
                               indicators side by side by first-level group */
} bg_frow_kind;

typedef struct {
    bg_frow_kind kind;
    GPtrArray *cells;  /* of bg_fcell*: the row; tasks: one task's row */
    char *label;       /* tasks: the merged label */
    GPtrArray *header; /* tasks: of bg_fcell*, the header row */
    char *source;      /* indicators: "performance" or "project" */
    GPtrArray *leaf;   /* indicators: leaf fields shown (value, unit, note), of char* */
    GPtrArray *groups; /* project matrix: first-level indicator names, of char* */
    bool department, units; /* project matrix: lead with these rows */
    bool heads;        /* cells: the row heads what follows (kept with it) */
} bg_frow;

typedef struct {
    int width;         /* columns of the grid */
    bool per_project;  /* one form per project */
    bool has_projects; /* per project: only those with money under `projects` */
    bg_filter projects;
    bool project_code_order; /* per project: by project code, not the file's order */
    char *subtitle;
    /* How amounts show in this form (the forms of a 元 format print 万元). */
    char *money_unit;
    int decimals;
    bool trim;         /* drop trailing zeros: 395, 2035.88 */
    bool grouping;
    int header_rows;   /* the first rows are the table's header, repeated on each page */
    GPtrArray *rows;   /* of bg_frow* */
} bg_form;

typedef struct {
    char *id, *number, *title, *unit_line, *empty_remark;
    char *empty_reason; /* the texts key saying why the table is empty (空表情况说明) */
    char *column_numbers; /* the label of a 栏次 row under the header, or NULL */
    char *unit_left, *corner; /* templates: left of the unit line; above the title */
    bg_form *form;      /* a form rather than a pivot; NULL for pivots */
    bg_filter filter;
    GPtrArray *blocks;  /* of bg_block*, side by side */
    GPtrArray *notes;   /* of char* */
    bool keep_when_empty;
} bg_table_def;

/* A paragraph of the narrative: a text template, or a list — one item
 * template filled in for each entry of a derived list, joined by `sep`,
 * between `before` and `after` (`empty` when the list has no entry). */
typedef struct {
    char *text;   /* a plain paragraph; NULL for a list */
    char *list;   /* functions, functions.general, projects, empty_tables, … */
    char *item, *sep, *before, *after, *empty;
    bool each;    /* a list paragraph per entry, rather than one joined paragraph */
    char *numbering; /* a list field's paragraphs numbered from this first label: （一）, 1、 */
    char *when_zero, *when_nonzero; /* a figure: the paragraph only when it is (not) zero */
} bg_para;

typedef struct {
    char *heading;
    GPtrArray *paragraphs; /* of bg_para* */
} bg_section;

typedef struct {
    char *title;
    GPtrArray *sections; /* of bg_section* */
    bool tables;         /* the attachment tables follow this part's title */
} bg_part;

/* ---- figures, lists and phrases: what sentences print ------------------ */

/* A cell of a derived pivot table: the row whose label cell reads `row`
 * (spaces ignored; NULL: the first total row, else the first row) and the
 * amount column whose header path ends with `column` ("支出/金额"). */
typedef struct {
    char *table, *row, *column;
    int line, col; /* where the reference is written, for messages */
} bg_cell_ref;

typedef enum {
    BG_FIG_SUM,         /* line items a filter selects */
    BG_FIG_PROCUREMENT, /* procurement lines, of one category or all */
    BG_FIG_CELL,        /* a cell of a table */
    BG_FIG_TERMS,       /* a sum and difference of other figures */
    BG_FIG_COUNT,       /* the number of entries of a list: a count, not money */
} bg_figure_kind;

typedef struct {
    char *name;  /* another figure, or figures.KEY; NULL for a whole number */
    int sign;    /* +1 or -1 */
    int64_t constant; /* name NULL: the number (counts only) */
} bg_term;

typedef struct {
    char *name;
    bg_figure_kind kind;
    bg_filter sum;
    int proc_category; /* bg_proc_category, or -1 for every line */
    bg_cell_ref cell;
    GArray *terms;     /* of bg_term */
    char *list;        /* BG_FIG_COUNT: the list counted */
    bool count;        /* a count (a BG_FIG_COUNT, or terms of counts): printed as a number */
    bool has_show;     /* printed in its own style rather than the sentence's */
    char *show_unit;
    int show_decimals;
    bool show_trim, show_grouping;
    GPtrArray *also;   /* of bg_cell_ref*: table cells that state the same figure */
    int line, col;
} bg_figure_def;

/* What a list's entries are. */
typedef enum {
    BG_LIST_FUNCTION_CLASSES, BG_LIST_FUNCTION_KINDS, BG_LIST_FUNCTIONS,
    BG_LIST_ECON_CLASSES, BG_LIST_DEPT_ECON, BG_LIST_GOV_CLASSES, BG_LIST_GOV_ECON,
    BG_LIST_UNITS, BG_LIST_PROJECTS, BG_LIST_PROCUREMENT, BG_LIST_EMPTY_TABLES,
    BG_LIST_KIND_COUNT
} bg_list_kind;

/* The name of a list kind in format files ("function_classes"). */
extern const char *const bg_list_kind_names[BG_LIST_KIND_COUNT];

/* How a list's shares are rounded to 0.01%. */
typedef enum {
    BG_SHARES_LARGEST_REMAINDER, /* floored, the hundredths left to the largest remainders: 100.00% */
    BG_SHARES_HALF_UP,           /* each rounded half up on its own */
    BG_SHARES_REST_FIRST,        /* each half up, the first entry takes what makes 100.00% */
    BG_SHARES_REST_LAST,         /* each half up, the last entry takes what makes 100.00% */
} bg_shares;

typedef struct {
    char *name;
    bg_list_kind of;
    bg_filter sum;  /* the money an entry counts */
    bool nonzero;   /* units and projects: only those with money */
    bg_shares shares;
    int line, col;
} bg_list_def;

/* Wording chosen by comparing figures: {name:a:b} picks `up`, `down` or
 * `same` (and `new` when b is zero and a is not, if given); {name:a} picks
 * `nonzero` or `zero`. The texts are templates with {diff}, {rate}, {a}, {b}. */
typedef struct {
    char *name;
    char *up, *down, *same, *new_;
    char *nonzero, *zero;
    int args; /* 1 or 2 */
    int line, col;
} bg_phrase;

/* A column of the index of a batch of departments: a figure, titled. */
typedef struct {
    char *title, *figure;
    int line, col;
} bg_index_column;

/* Where a template is written, and what names it may use. */
typedef enum {
    BG_SCOPE_DOCUMENT, /* figures and fields */
    BG_SCOPE_ITEM,     /* also item.… of the list `list` */
    BG_SCOPE_PROJECT,  /* also project.… (per-project forms) */
    BG_SCOPE_TASK,     /* also task.… */
    BG_SCOPE_PHRASE,   /* also diff, rate, a, b */
    BG_SCOPE_FIGURE,   /* a figure or figures.KEY only (conditions) */
} bg_scope_kind;

typedef struct {
    const char *text;  /* owned by the format */
    char *path;        /* document.parts[2].sections[1].heading */
    int line, col;
    bg_scope_kind scope;
    const char *list;  /* BG_SCOPE_ITEM: the list's name (owned by the format) */
    bool project_form; /* the table holding it is one form a project */
    bool bare;         /* a name alone, not a template (conditions, field cells) */
} bg_template_site;

typedef struct {
    char *dir, *id, *name;
    char *doc_title;       /* cover title template */
    bg_font_role roles[BG_ROLE_COUNT];
    double table_min_size; /* tables shrink down to this size, no further */
    bg_page_numbers numbers;
    bool punct_as_written; /* half-width , ; : ( ) in Chinese text left as typed */
    GPtrArray *parts;      /* of bg_part* */
    char *money_unit;   /* 元 or 万元 */
    int decimals;
    bool grouping;
    char *zero;         /* how a zero amount shows */
    /* How sentences show amounts (document.money): 万元, up to two decimals. */
    char *text_unit;
    int text_decimals;
    bool text_trim, text_grouping;
    /* Basic items this filter selects are 人员经费, the rest 公用经费,
     * unless an item says otherwise (`personnel`). */
    bg_filter personnel;
    bool has_personnel;
    GPtrArray *figures; /* of bg_figure_def*, in the order written */
    GHashTable *figure_index; /* name -> bg_figure_def* */
    GPtrArray *lists;   /* of bg_list_def* */
    GPtrArray *phrases; /* of bg_phrase* */
    GPtrArray *sites;   /* of bg_template_site*: every template, for checking */
    GHashTable *quoted; /* "texts.KEY" and "figures.KEY" its templates and figures use */
    GPtrArray *index;   /* of bg_index_column*: the figures of a batch's index */
    char *file;         /* the format.yaml read, for messages */
    GPtrArray *categories; /* of char* */
    GPtrArray *tables;  /* of bg_table_def* */
} bg_format;

void bg_format_free(bg_format *f); /* accepts NULL */

/* Containers that free their elements, for the format loader. */
GPtrArray *bg_format_columns_new(void);    /* of bg_column* */
GPtrArray *bg_format_fixed_rows_new(void); /* of bg_fixed_row* */
GPtrArray *bg_format_rows_new(void);       /* of bg_rows* */
GPtrArray *bg_format_blocks_new(void);     /* of bg_block* */
GPtrArray *bg_format_tables_new(void);     /* of bg_table_def* */
GPtrArray *bg_format_fcells_new(void);     /* of bg_fcell* */
GPtrArray *bg_format_frows_new(void);      /* of bg_frow* */
void bg_form_free(bg_form *f);             /* accepts NULL */
GPtrArray *bg_format_parts_new(void);      /* of bg_part* */
GPtrArray *bg_format_sections_new(void);   /* of bg_section* */
GPtrArray *bg_format_paras_new(void);      /* of bg_para* */
void bg_filter_clear(bg_filter *f);

GPtrArray *bg_format_figures_new(void); /* of bg_figure_def* */
GPtrArray *bg_format_lists_new(void);   /* of bg_list_def* */
GPtrArray *bg_format_phrases_new(void); /* of bg_phrase* */
GPtrArray *bg_format_sites_new(void);   /* of bg_template_site* */
GPtrArray *bg_format_cell_refs_new(void); /* of bg_cell_ref* */
GPtrArray *bg_format_index_new(void);     /* of bg_index_column* */
void bg_cell_ref_clear(bg_cell_ref *c);

const bg_figure_def *bg_format_figure(const bg_format *f, const char *name); /* or NULL */
const bg_list_def *bg_format_list_def(const bg_format *f, const char *name); /* or NULL */
const bg_phrase *bg_format_phrase(const bg_format *f, const char *name);     /* or NULL */
const bg_table_def *bg_format_table(const bg_format *f, const char *id);    /* or NULL */

/* Whether two labels read the same, spaces aside ("合 计" is "合计"). */
bool bg_label_equal(const char *a, const char *b);

/* The table column of the amount column of `t` whose header path ends with
 * `path` ("支出/金额", "合计"), or -1; *matches says how many matched, and
 * [*first, *end) are the columns of its side-by-side block and *block its
 * index (each when given). */
int bg_table_def_column_range(const bg_table_def *t, const char *path, int *matches,
                              int *first, int *end, int *block);

/* Whether a fixed, footer or total row of block `block` of `t` has this
 * label; with label NULL, whether the block has a total row at all. */
bool bg_table_def_has_row(const bg_table_def *t, int block, const char *label);

/* Index of a project category, or -1. */
int bg_format_category(const bg_format *f, const char *name);

#endif
