/* What the parts of the format loader share: the loader's state and the
 * readers of filters and lists that tables, figures and lists all use. */
#ifndef BG_FORMAT_INTERNAL_H
#define BG_FORMAT_INTERNAL_H

#include "input/reader.h"
#include "model/catalog.h"
#include "model/format.h"

typedef struct {
    bg_reader r;
    bg_format *f;
    const bg_catalog *catalog;
    bool project_form; /* reading a per-project form */
    bool in_tasks;     /* reading a task row's cells */
} floader;

char *bg_fpath_sub(const char *path, const char *key);
char *bg_fpath_idx(const char *path, int i);

/* Reads a filter ({} selects everything; null is `never`). */
void bg_fread_filter(floader *L, const bg_node *n, bg_mark at, const char *path, bg_filter *f);

/* Records a template of the format, to be checked once everything is read:
 * `text` (owned by the format) written at node n. A `bare` site is a name
 * alone (a condition, a form's field cell) rather than a template. */
void bg_fsite(floader *L, const char *text, const bg_node *n, bg_mark at, const char *path,
              bg_scope_kind scope, const char *list, bool bare);

/* figures:, lists:, phrases:, personnel: (format_figures.c). */
void bg_fread_figures(floader *L, const bg_node *n, bg_mark at);
void bg_fread_lists(floader *L, const bg_node *n, bg_mark at);
void bg_fread_phrases(floader *L, const bg_node *n, bg_mark at);

/* Checks every template, figure and list of the loaded format against
 * each other: names that exist, arity, cells of real tables, no cycle
 * (format_check.c). */
void bg_fcheck(floader *L);

#endif
