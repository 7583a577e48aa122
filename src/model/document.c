#include "model/document.h"

static void section_free(gpointer p)
{
    bg_doc_section *s = p;
    g_free(s->heading);
    g_ptr_array_free(s->paragraphs, TRUE);
    g_free(s);
}

static void part_free(gpointer p)
{
    bg_doc_part *pt = p;
    g_free(pt->title);
    g_ptr_array_free(pt->sections, TRUE);
    g_ptr_array_free(pt->tables, TRUE);
    g_free(pt);
}

bg_doc *bg_doc_new(void)
{
    bg_doc *d = g_new0(bg_doc, 1);
    d->parts = g_ptr_array_new_with_free_func(part_free);
    d->tables = g_ptr_array_new_with_free_func(bg_table_free);
    d->index_titles = g_ptr_array_new_with_free_func(g_free);
    d->index_values = g_array_new(FALSE, TRUE, sizeof(bg_money));
    d->keep = g_ptr_array_new_with_free_func(g_free);
    return d;
}

void bg_doc_free(bg_doc *d)
{
    if (!d)
        return;
    g_free(d->title);
    g_free(d->author);
    g_free(d->subject);
    g_free(d->code);
    g_free(d->name);
    g_free(d->format);
    for (int r = 0; r < BG_ROLE_COUNT; r++)
        if (d->roles[r].families)
            g_ptr_array_unref(d->roles[r].families);
    g_free(d->numbers.text);
    if (d->numbers.font.families)
        g_ptr_array_unref(d->numbers.font.families);
    g_ptr_array_free(d->parts, TRUE);
    g_ptr_array_free(d->index_titles, TRUE);
    g_array_free(d->index_values, TRUE);
    g_ptr_array_free(d->tables, TRUE);
    g_ptr_array_free(d->keep, TRUE);
    g_free(d);
}

bg_doc_part *bg_doc_add_part(bg_doc *d, const char *title)
{
    bg_doc_part *p = g_new0(bg_doc_part, 1);
    p->title = g_strdup(title);
    p->sections = g_ptr_array_new_with_free_func(section_free);
    p->tables = g_ptr_array_new();
    g_ptr_array_add(d->parts, p);
    return p;
}

bg_doc_section *bg_doc_add_section(bg_doc_part *p, const char *heading)
{
    bg_doc_section *s = g_new0(bg_doc_section, 1);
    s->heading = g_strdup(heading);
    s->paragraphs = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(p->sections, s);
    return s;
}
