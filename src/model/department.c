#include "model/department.h"

static void money_free(gpointer p)
{
    g_free(p);
}

static GHashTable *text_map(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

static GHashTable *money_map(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, money_free);
}

void bg_indicator_free(gpointer p)
{
    bg_indicator *n = p;
    if (!n)
        return;
    g_free(n->name);
    g_free(n->value);
    g_free(n->unit);
    g_free(n->note);
    if (n->children)
        g_ptr_array_free(n->children, TRUE);
    g_free(n);
}

static void unit_clear(gpointer p)
{
    g_free(((bg_unit *)p)->name);
}

static void project_clear(gpointer p)
{
    bg_project *pr = p;
    char **texts[] = {&pr->name, &pr->category, &pr->purpose, &pr->manager,
                      &pr->contact, &pr->phone, &pr->start, &pr->end,
                      &pr->overview, &pr->basis, &pr->necessity, &pr->measures,
                      &pr->plan, &pr->remark, &pr->goal, &pr->annual_goal};
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
        g_free(*texts[i]);
    if (pr->indicators)
        g_ptr_array_free(pr->indicators, TRUE);
    g_hash_table_destroy(pr->texts);
    g_hash_table_destroy(pr->figures);
}

static void procurement_clear(gpointer p)
{
    bg_procurement *pc = p;
    g_free(pc->item);
    g_free(pc->catalog);
    g_free(pc->spec);
    g_free(pc->measure);
    g_free(pc->quantity);
}

bg_department *bg_department_new(const char *file, const bg_catalog *catalog)
{
    bg_department *d = g_new0(bg_department, 1);
    d->file = g_strdup(file);
    d->catalog = catalog;
    d->strings = g_string_chunk_new(4096);
    d->units = g_array_new(FALSE, TRUE, sizeof(bg_unit));
    g_array_set_clear_func(d->units, unit_clear);
    d->items = g_array_new(FALSE, TRUE, sizeof(bg_item));
    d->projects = g_array_new(FALSE, TRUE, sizeof(bg_project));
    g_array_set_clear_func(d->projects, project_clear);
    d->procurement = g_array_new(FALSE, TRUE, sizeof(bg_procurement));
    g_array_set_clear_func(d->procurement, procurement_clear);
    d->texts = text_map();
    d->marks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    d->figures = money_map();
    for (int i = 0; i < BG_CLASS_COUNT; i++)
        d->names[i] = text_map();
    d->notes = g_ptr_array_new_with_free_func(g_free);
    return d;
}

GHashTable *bg_text_map_new(void)
{
    return text_map();
}

GHashTable *bg_money_map_new(void)
{
    return money_map();
}

static void performance_free(bg_performance *p)
{
    if (!p)
        return;
    g_free(p->name);
    g_free(p->goal);
    g_ptr_array_free(p->tasks, TRUE);
    g_ptr_array_free(p->indicators, TRUE);
    g_free(p);
}

static void profile_free(bg_profile *p)
{
    if (!p)
        return;
    g_free(p->duties_intro);
    g_free(p->duties_outro);
    g_free(p->internal);
    g_free(p->subordinate);
    g_ptr_array_free(p->duties, TRUE);
    g_ptr_array_free(p->composition, TRUE);
    g_free(p->assets.as_of);
    g_free(p);
}

void bg_department_free(bg_department *d)
{
    if (!d)
        return;
    g_free(d->file);
    g_free(d->code);
    g_free(d->name);
    g_free(d->short_name);
    g_free(d->format);
    g_array_free(d->units, TRUE);
    g_array_free(d->items, TRUE);
    g_array_free(d->projects, TRUE);
    g_array_free(d->procurement, TRUE);
    performance_free(d->performance);
    profile_free(d->profile);
    g_hash_table_destroy(d->texts);
    g_hash_table_destroy(d->marks);
    g_hash_table_destroy(d->figures);
    for (int i = 0; i < BG_CLASS_COUNT; i++)
        g_hash_table_destroy(d->names[i]);
    g_ptr_array_free(d->notes, TRUE);
    g_string_chunk_free(d->strings);
    g_free(d);
}

const char *bg_department_intern(bg_department *d, const char *s)
{
    return g_string_chunk_insert_const(d->strings, s);
}

const char *bg_department_code_name(const bg_department *d, bg_class cls,
                                    const char *code)
{
    const char *n = g_hash_table_lookup(d->names[cls], code);
    if (n)
        return n;
    return d->catalog ? bg_catalog_name(d->catalog, cls, code) : NULL;
}
