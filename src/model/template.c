/* Syntax of templates and the names of the department's fields. */
#include "model/template.h"

#include <string.h>

char *bg_template_syntax_error(const char *t)
{
    for (const char *p = t; *p; p++) {
        if (*p == '}')
            return g_strdup("有多余的“}”（没有对应的“{”）");
        if (*p != '{')
            continue;
        const char *close = p + 1;
        while (*close && *close != '}' && *close != '{')
            close++;
        if (*close != '}')
            return g_strdup_printf("“{”没有对应的“}”：%.40s", p);
        if (close == p + 1 || (close == p + 2 && p[1] == '?'))
            return g_strdup("有空的“{}”");
        p = close;
    }
    return NULL;
}

void bg_template_each(const char *t, void (*fn)(const char *name, void *data), void *data)
{
    for (const char *p = t; *p; p++) {
        if (*p != '{')
            continue;
        const char *close = strchr(p, '}');
        if (!close)
            return;
        char *name = g_strndup(p + 1, (gsize)(close - p - 1));
        fn(name, data);
        g_free(name);
        p = close;
    }
}

static const char *const document_fields[] = {
    "department", "department.name", "department.code", "department.short_name", "year",
    "last_year", "year.next", "year.after_next", "performance.name", "performance.goal",
    "profile.duties_intro", "profile.duties_outro", "profile.internal", "profile.subordinate",
    "profile.duties", "profile.composition", "profile.assets.as_of",
    "profile.staffing.authorized", "profile.staffing.administrative",
    "profile.staffing.institutional", "profile.staffing.worker", "profile.staffing.in_service",
    "profile.staffing.retired", "profile.vehicles.general", "profile.vehicles.enforcement",
    "profile.vehicles.special", "profile.vehicles.other", "profile.vehicles.leader",
    "profile.vehicles.total", "profile.assets.general_equipment",
    "profile.assets.special_equipment", NULL};

/* A project's fields, as project.X in its form and item.X in a list of projects. */
static const char *const project_fields[] = {
    "code", "name", "unit_code", "unit_name", "category", "purpose", "manager", "contact",
    "phone", "start", "end", "overview", "basis", "necessity", "measures", "plan", "remark",
    "goal", "annual_goal", "amount", "total", "previous_total", "previous_amount", NULL};

static const char *const task_fields[] = {"task.name", "task.content", NULL};

/* item.X of every list, and of lists of one kind. */
static const char *const item_fields[] = {"number", "ordinal", "name", "code", "amount", "share",
                                          NULL};
static const char *const procurement_fields[] = {"quantity", "measure", "unit_price",
                                                 "catalog", "spec", "item", NULL};
static const char *const empty_table_fields[] = {"title", "reason", NULL};
static const char *const project_item_fields[] = {"previous", NULL};

static bool among(const char *const *list, const char *name)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], name) == 0)
            return true;
    return false;
}

/* texts.KEY and figures.KEY: a key of the department's (or project's) own. */
static bool open_family(const char *name)
{
    return (g_str_has_prefix(name, "texts.") && name[6]) ||
           (g_str_has_prefix(name, "figures.") && name[8]);
}

static bool item_known(const char *f, int list_kind)
{
    if (among(item_fields, f))
        return true;
    switch (list_kind) {
    case BG_LIST_PROJECTS:
        return among(project_item_fields, f) || among(project_fields, f) || open_family(f);
    case BG_LIST_PROCUREMENT:
        return among(procurement_fields, f);
    case BG_LIST_EMPTY_TABLES:
        return among(empty_table_fields, f);
    default:
        return false;
    }
}

bool bg_field_known(const char *name, bg_scope_kind scope, bool project_form, int list_kind)
{
    if (among(document_fields, name) || open_family(name))
        return true;
    if ((project_form || scope == BG_SCOPE_PROJECT) && g_str_has_prefix(name, "project.") &&
        among(project_fields, name + 8))
        return true;
    if (scope == BG_SCOPE_TASK && among(task_fields, name))
        return true;
    if (scope == BG_SCOPE_ITEM && list_kind >= 0 && g_str_has_prefix(name, "item."))
        return item_known(name + 5, list_kind);
    return false;
}

const char *const *bg_field_names(void)
{
    return document_fields;
}

const char *const *bg_project_field_names(void)
{
    return project_fields;
}
