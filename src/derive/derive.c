/* The order of derivation: tables, figures, texts. */
#include "derive/derive.h"

#include <string.h>

#include "derive/form.h"
#include "derive/pivot.h"
#include "derive/punct.h"

bg_derived *bg_derive(const bg_department *d, const bg_format *f)
{
    bg_derived *x = g_new0(bg_derived, 1);
    x->d = d;
    x->f = f;
    x->facts = bg_facts_compute(d, f);
    /* The pivots, which figures may read; the evaluator sees them alone. */
    GPtrArray *pivots = g_ptr_array_new();
    GArray *pivot_def = g_array_new(FALSE, FALSE, sizeof(int));
    for (guint i = 0; i < f->tables->len; i++) {
        const bg_table_def *def = f->tables->pdata[i];
        if (def->form)
            continue;
        g_ptr_array_add(pivots, bg_pivot_table(d, f, def, x->facts));
        int k = (int)i;
        g_array_append_val(pivot_def, k);
    }
    x->eval = bg_eval_new(d, f, x->facts, pivots, pivot_def);
    for (guint i = 0; i < pivots->len; i++)
        bg_pivot_texts(x->eval, pivots->pdata[i],
                       f->tables->pdata[g_array_index(pivot_def, int, i)]);
    /* Every table in the format's order, forms derived in their place. */
    x->tables = g_ptr_array_new_with_free_func(bg_table_free);
    x->table_def = g_array_new(FALSE, FALSE, sizeof(int));
    guint next_pivot = 0;
    for (guint i = 0; i < f->tables->len; i++) {
        const bg_table_def *def = f->tables->pdata[i];
        guint before = x->tables->len;
        if (def->form)
            bg_derive_form(x->eval, def, x->facts, x->tables);
        else
            g_ptr_array_add(x->tables, pivots->pdata[next_pivot++]);
        for (int k = (int)i; before < x->tables->len; before++)
            g_array_append_val(x->table_def, k);
    }
    /* Half-width punctuation between Chinese characters, as the input typed
     * it, made full-width in every table (the format may keep it). */
    for (guint i = 0; !f->punct_as_written && i < x->tables->len; i++)
        bg_punct_table(x->tables->pdata[i]);
    /* From here the evaluator reads the final list; the pivots are in it. */
    bg_eval_set_tables(x->eval, x->tables, x->table_def);
    g_ptr_array_free(pivots, TRUE);
    g_array_free(pivot_def, TRUE);
    return x;
}

void bg_derived_free(bg_derived *x)
{
    if (!x)
        return;
    bg_eval_free(x->eval);
    g_ptr_array_free(x->tables, TRUE);
    g_array_free(x->table_def, TRUE);
    g_free(x->facts);
    g_free(x);
}
