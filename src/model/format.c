#include "model/format.h"

#include <string.h>

static const char *const key_names[BG_KEY_COUNT] = {
    [BG_KEY_LABEL] = "label",          [BG_KEY_NAME] = "name",
    [BG_KEY_FUNC_CLASS] = "func_class", [BG_KEY_FUNC_KIND] = "func_kind",
    [BG_KEY_FUNC_ITEM] = "func_item",  [BG_KEY_UNIT_CODE] = "unit_code",
    [BG_KEY_UNIT_NAME] = "unit_name",  [BG_KEY_DEPT_CODE] = "dept_code",
    [BG_KEY_DEPT_CLASS] = "dept_class", [BG_KEY_DEPT_KIND] = "dept_kind",
    [BG_KEY_DEPT_NAME] = "dept_name",  [BG_KEY_GOV_CODE] = "gov_code",
    [BG_KEY_GOV_CLASS] = "gov_class",  [BG_KEY_GOV_KIND] = "gov_kind",
    [BG_KEY_GOV_NAME] = "gov_name",    [BG_KEY_PROJECT_CODE] = "project_code",
    [BG_KEY_PROJECT_NAME] = "project_name", [BG_KEY_CATEGORY] = "category",
    [BG_KEY_PROC_ITEM] = "proc_item",  [BG_KEY_PROC_CATALOG] = "proc_catalog",
    [BG_KEY_PROC_SPEC] = "proc_spec",  [BG_KEY_PROC_MEASURE] = "proc_measure",
    [BG_KEY_PROC_QUANTITY] = "proc_quantity",
};

int bg_key_from_name(const char *name)
{
    for (int k = 0; k < BG_KEY_COUNT; k++)
        if (strcmp(key_names[k], name) == 0)
            return k;
    return -1;
}

void bg_filter_clear(bg_filter *f)
{
    GArray **lists[] = {&f->econ_class, &f->dept_econ, &f->gov_class, &f->gov_econ,
                        &f->function_class};
    for (size_t i = 0; i < G_N_ELEMENTS(lists); i++)
        if (*lists[i]) {
            g_array_free(*lists[i], TRUE);
            *lists[i] = NULL;
        }
}

static void column_free(gpointer p)
{
    bg_column *c = p;
    g_free(c->title);
    bg_filter_clear(&c->sum);
    if (c->children)
        g_ptr_array_free(c->children, TRUE);
    g_free(c);
}

static void fixed_row_free(gpointer p)
{
    bg_fixed_row *r = p;
    g_free(r->label);
    bg_filter_clear(&r->sum);
    g_free(r);
}

static void rows_free(gpointer p)
{
    bg_rows *r = p;
    g_free(r->label);
    if (r->fixed)
        g_ptr_array_free(r->fixed, TRUE);
    g_free(r);
}

static void block_free(gpointer p)
{
    bg_block *b = p;
    g_ptr_array_free(b->columns, TRUE);
    g_ptr_array_free(b->rows, TRUE);
    g_ptr_array_free(b->footer, TRUE);
    g_free(b);
}

static void fcell_free(gpointer p)
{
    bg_fcell *c = p;
    g_free(c->text);
    bg_filter_clear(&c->sum);
    g_free(c);
}

static void frow_free(gpointer p)
{
    bg_frow *r = p;
    if (r->cells)
        g_ptr_array_free(r->cells, TRUE);
    if (r->header)
        g_ptr_array_free(r->header, TRUE);
    if (r->leaf)
        g_ptr_array_free(r->leaf, TRUE);
    if (r->groups)
        g_ptr_array_free(r->groups, TRUE);
    g_free(r->label);
    g_free(r->source);
    g_free(r);
}

GPtrArray *bg_format_fcells_new(void)
{
    return g_ptr_array_new_with_free_func(fcell_free);
}

GPtrArray *bg_format_frows_new(void)
{
    return g_ptr_array_new_with_free_func(frow_free);
}

void bg_form_free(bg_form *f)
{
    if (!f)
        return;
    g_free(f->subtitle);
    g_free(f->money_unit);
    if (f->rows)
        g_ptr_array_free(f->rows, TRUE);
    g_free(f);
}

static void table_def_free(gpointer p)
{
    bg_table_def *t = p;
    bg_form_free(t->form);
    g_free(t->id);
    g_free(t->number);
    g_free(t->title);
    g_free(t->unit_line);
    g_free(t->empty_remark);
    g_free(t->empty_reason);
    bg_filter_clear(&t->filter);
    g_ptr_array_free(t->blocks, TRUE);
    g_ptr_array_free(t->notes, TRUE);
    g_free(t);
}

GPtrArray *bg_format_columns_new(void)
{
    return g_ptr_array_new_with_free_func(column_free);
}

GPtrArray *bg_format_fixed_rows_new(void)
{
    return g_ptr_array_new_with_free_func(fixed_row_free);
}

GPtrArray *bg_format_rows_new(void)
{
    return g_ptr_array_new_with_free_func(rows_free);
}

GPtrArray *bg_format_blocks_new(void)
{
    return g_ptr_array_new_with_free_func(block_free);
}

GPtrArray *bg_format_tables_new(void)
{
    return g_ptr_array_new_with_free_func(table_def_free);
}

static void para_free(gpointer p)
{
    bg_para *x = p;
    char **texts[] = {&x->text,  &x->list,  &x->item,      &x->sep,         &x->before,
                      &x->after, &x->empty, &x->when_zero, &x->when_nonzero};
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
        g_free(*texts[i]);
    g_free(x);
}

GPtrArray *bg_format_paras_new(void)
{
    return g_ptr_array_new_with_free_func(para_free);
}

static void section_free(gpointer p)
{
    bg_section *s = p;
    g_free(s->heading);
    if (s->paragraphs)
        g_ptr_array_free(s->paragraphs, TRUE);
    g_free(s);
}

static void part_free(gpointer p)
{
    bg_part *pt = p;
    g_free(pt->title);
    if (pt->sections)
        g_ptr_array_free(pt->sections, TRUE);
    g_free(pt);
}

GPtrArray *bg_format_parts_new(void)
{
    return g_ptr_array_new_with_free_func(part_free);
}

GPtrArray *bg_format_sections_new(void)
{
    return g_ptr_array_new_with_free_func(section_free);
}

void bg_format_free(bg_format *f)
{
    if (!f)
        return;
    g_free(f->doc_title);
    for (int r = 0; r < BG_ROLE_COUNT; r++)
        if (f->roles[r].families)
            g_ptr_array_free(f->roles[r].families, TRUE);
    if (f->parts)
        g_ptr_array_free(f->parts, TRUE);
    g_free(f->dir);
    g_free(f->id);
    g_free(f->name);
    g_free(f->money_unit);
    g_free(f->zero);
    if (f->categories)
        g_ptr_array_free(f->categories, TRUE);
    if (f->tables)
        g_ptr_array_free(f->tables, TRUE);
    g_free(f);
}

int bg_format_category(const bg_format *f, const char *name)
{
    for (guint i = 0; f->categories && i < f->categories->len; i++)
        if (g_strcmp0(f->categories->pdata[i], name) == 0)
            return (int)i;
    return -1;
}
