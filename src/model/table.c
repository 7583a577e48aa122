#include "model/table.h"

static void header_cell_free(gpointer p)
{
    bg_header_cell *h = p;
    g_free(h->text);
    g_free(h);
}

bg_table *bg_table_new(int n_cols)
{
    bg_table *t = g_new0(bg_table, 1);
    t->n_cols = n_cols;
    t->col_kinds = g_new0(bg_col_kind, n_cols ? n_cols : 1);
    t->col_counts = g_new0(bool, n_cols ? n_cols : 1);
    t->col_sums = g_new0(GArray *, n_cols ? n_cols : 1);
    t->header = g_ptr_array_new_with_free_func(header_cell_free);
    t->notes = g_ptr_array_new_with_free_func(g_free);
    t->rows = g_ptr_array_new();
    return t;
}

void bg_table_free(gpointer p)
{
    bg_table *t = p;
    if (!t)
        return;
    for (guint i = 0; i < t->rows->len; i++) {
        bg_row *r = t->rows->pdata[i];
        for (int c = 0; c < t->n_cols; c++)
            g_free(r->cells[c].text);
        g_free(r->cells);
        g_free(r);
    }
    g_ptr_array_free(t->rows, TRUE);
    g_ptr_array_free(t->header, TRUE);
    g_ptr_array_free(t->notes, TRUE);
    for (int c = 0; c < t->n_cols; c++)
        if (t->col_sums[c])
            g_array_free(t->col_sums[c], TRUE);
    g_free(t->col_sums);
    g_free(t->col_kinds);
    g_free(t->col_counts);
    g_free(t->id);
    g_free(t->caption);
    g_free(t->number);
    g_free(t->title);
    g_free(t->subtitle);
    g_free(t->unit_line);
    g_free(t->unit_left);
    g_free(t->corner);
    g_free(t->money_unit);
    g_free(t);
}

bg_row *bg_table_add_row(bg_table *t, bg_row_kind kind)
{
    bg_row *r = g_new0(bg_row, 1);
    r->kind = kind;
    r->level = -1;
    r->cells = g_new0(bg_cell, t->n_cols ? t->n_cols : 1);
    g_ptr_array_add(t->rows, r);
    return r;
}

void bg_cell_set_text(bg_cell *c, const char *text)
{
    g_free(c->text);
    c->text = g_strdup(text);
}
