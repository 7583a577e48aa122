/* One department's budget as read from its file: the line items and every
 * fact the disclosure quotes. Nothing derivable is stored here.
 *
 * Ownership: a bg_department owns everything it points to; strings that
 * repeat (codes) are interned in `strings` and compared by pointer. */
#ifndef BG_DEPARTMENT_H
#define BG_DEPARTMENT_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/catalog.h"
#include "model/format.h"
#include "model/money.h"
#include "model/unit_type.h"


typedef struct {
    const char *code; /* interned */
    char *name;
    bg_unit_type type;
} bg_unit;

/* Overrides the basic-expenditure split of 人员经费 / 公用经费. */
typedef enum { BG_COST_DEFAULT, BG_COST_PERSONNEL, BG_COST_PUBLIC } bg_cost;

typedef struct {
    const char *function;  /* 7-digit 项 code, interned */
    const char *dept_econ; /* 5-digit 款 code, interned */
    const char *gov_econ;  /* 5-digit 款 code, interned */
    bg_money amount;
    int32_t unit;          /* index into units */
    int32_t project;       /* index into projects, -1 for 基本支出 */
    int16_t fund;          /* index into catalog funds */
    bool carry_over;       /* 上年结转结余 */
    uint8_t cost;          /* bg_cost */
} bg_item;

typedef struct {
    bool set;
    bg_money value;
} bg_opt_money;

/* A node of an indicator tree: 一级 → 二级 → 三级 (leaf with value). */
typedef struct bg_indicator {
    char *name;
    char *value; /* leaves: 指标值 / 目标值 */
    char *unit;  /* 度量单位, may be NULL */
    char *note;  /* 指标值说明, may be NULL */
    GPtrArray *children; /* of bg_indicator*, NULL on leaves */
} bg_indicator;

typedef struct {
    const char *code; /* interned */
    char *name;
    int32_t unit;
    char *category;
    char *purpose, *manager, *contact, *phone, *start, *end;
    bg_opt_money total, previous_total, previous_amount;
    char *overview, *basis, *necessity, *measures, *plan, *remark;
    char *goal, *annual_goal;
    GPtrArray *indicators; /* of bg_indicator* (一级) */
    GHashTable *texts;     /* key -> text */
    GHashTable *figures;   /* key -> bg_money* */
} bg_project;

typedef enum { BG_PROC_GOODS, BG_PROC_SERVICES, BG_PROC_WORKS } bg_proc_category;

typedef struct {
    int32_t unit;
    const char *function; /* interned */
    char *item, *catalog, *spec, *measure, *quantity;
    bg_proc_category category;
    bg_money amount;
} bg_procurement;

typedef struct {
    char *name; /* 任务名称 */
    char *content;
} bg_task;

typedef struct {
    char *name;            /* NULL: the department's name */
    char *goal;            /* 年度履职目标 */
    GPtrArray *tasks;      /* of bg_task* */
    GPtrArray *indicators; /* of bg_indicator* */
} bg_performance;

/* Whole-number facts of part one; -1 where the file does not say. */
typedef struct {
    int authorized, administrative, institutional, worker, in_service, retired;
} bg_staffing;

typedef struct {
    int general, enforcement, special, other, leader;
} bg_vehicles;

typedef struct {
    char *as_of;
    int general_equipment, special_equipment;
} bg_assets;

typedef struct {
    char *duties_intro, *duties_outro, *internal, *subordinate;
    GPtrArray *duties;      /* of char* */
    GPtrArray *composition; /* of char* */
    bg_staffing staffing;
    bg_vehicles vehicles;
    bg_assets assets;
} bg_profile;

typedef struct {
    char *file; /* as named on the command line */
    const bg_catalog *catalog; /* not owned */
    GStringChunk *strings;

    char *code, *name, *short_name;
    char *format; /* the name of its publication format (templates/<format>/) */
    int year;

    GArray *units;          /* of bg_unit */
    GArray *items;          /* of bg_item */
    GArray *projects;       /* of bg_project */
    GArray *procurement;    /* of bg_procurement */
    bg_performance *performance; /* NULL when absent */
    bg_profile *profile;         /* NULL when absent */
    GHashTable *texts;   /* key -> text */
    GHashTable *figures; /* key -> bg_money* */
    int texts_line, texts_column; /* where `texts` is, for a missing text's error */
    GHashTable *marks; /* "texts.KEY", "figures.KEY" -> bg_text_mark*: where each is */
    GHashTable *names[BG_CLASS_COUNT]; /* overrides: code -> name */
    GPtrArray *notes;    /* of char* */
} bg_department;

/* Where a text of `texts` or a figure of `figures` is in its file. */
typedef struct {
    int line, column;
} bg_text_mark;

/* A department's free texts may quote each other ({texts.KEY}) this many
 * links deep at most: the loader refuses a longer chain or a cycle, and
 * the template expander expands that deep. */
#define BG_TEXT_QUOTE_LINKS 3

bg_department *bg_department_new(const char *file, const bg_catalog *catalog);
void bg_department_free(bg_department *d); /* accepts NULL */

/* Interns a string in the department; equal strings give equal pointers. */
const char *bg_department_intern(bg_department *d, const char *s);

/* The name a code is printed with: the file's override, else the catalog's,
 * else NULL. */
const char *bg_department_code_name(const bg_department *d, bg_class cls,
                                    const char *code);


void bg_indicator_free(gpointer p);

/* Maps of the kinds `texts` (key -> text) and `figures` (key -> bg_money*). */
GHashTable *bg_text_map_new(void);
GHashTable *bg_money_map_new(void);

#endif
