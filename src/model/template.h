/* The template language of formats and free texts: literal text with
 * {placeholders}. {name} is a value, {?name} a value whose absence drops
 * the line it is on, {fn:arg:arg} a function or a phrase of the format.
 * This file knows the syntax and which field names exist; derive/eval.c
 * gives them values. */
#ifndef BG_TEMPLATE_H
#define BG_TEMPLATE_H

#include <glib.h>
#include <stdbool.h>

#include "model/format.h"

/* NULL when every brace of `t` is balanced and no placeholder is empty,
 * else what is wrong, in Chinese. Caller frees. */
char *bg_template_syntax_error(const char *t);

/* Calls `fn` with each placeholder's name (between the braces, a leading
 * `?` kept), in order. */
void bg_template_each(const char *t, void (*fn)(const char *name, void *data), void *data);

/* Whether `name` is a field a template of this scope may quote: the
 * department's fields (department.name, year, texts.KEY, figures.KEY,
 * profile.staffing.retired …), project.… in per-project forms, task.… in
 * task rows, and item.… of a list of kind `list_kind` (-1 outside lists).
 * Figures, lists and phrases are the format's and are not known here. */
bool bg_field_known(const char *name, bg_scope_kind scope, bool project_form, int list_kind);

/* Every field name this file knows, without the open families (texts.KEY,
 * figures.KEY, item.texts.KEY …): for the test that each has a value. */
const char *const *bg_field_names(void);

/* The fields of a project (code, name, overview …), NULL-terminated: project.X
 * in per-project forms, item.X in lists of projects. */
const char *const *bg_project_field_names(void);

#endif
