#include "derive/filter.h"

#include <stdlib.h>

/* A basic item is 人员经费 when the format's `personnel` filter takes it,
 * else 公用经费, unless the item itself says. */
static int8_t resolve_cost(const bg_format *f, const bg_facts *x)
{
    if (x->item->cost != BG_COST_DEFAULT)
        return (int8_t)x->item->cost;
    return f->has_personnel && bg_filter_match(&f->personnel, x) ? BG_COST_PERSONNEL
                                                                  : BG_COST_PUBLIC;
}

bg_facts *bg_facts_compute(const bg_department *d, const bg_format *f)
{
    bg_facts *out = g_new0(bg_facts, d->items->len ? d->items->len : 1);
    int *category = g_new0(int, d->projects->len ? d->projects->len : 1);
    for (guint p = 0; p < d->projects->len; p++)
        category[p] = bg_format_category(f, g_array_index(d->projects, bg_project, p).category);
    for (guint i = 0; i < d->items->len; i++) {
        const bg_item *it = &g_array_index(d->items, bg_item, i);
        bg_facts *x = &out[i];
        x->item = it;
        x->dept_econ = atoi(it->dept_econ);
        x->econ_class = x->dept_econ / 100;
        x->gov_econ = atoi(it->gov_econ);
        x->gov_class = x->gov_econ / 100;
        x->function = atoi(it->function);
        x->function_class = x->function / 10000;
        x->category = (int8_t)(it->project >= 0 ? category[it->project] : -1);
        x->unit_type = (uint8_t)g_array_index(d->units, bg_unit, it->unit).type;
        x->cost = -1; /* what the personnel filter sees: it may not ask for cost */
        if (it->project < 0)
            x->cost = resolve_cost(f, x);
    }
    g_free(category);
    return out;
}

static bool in_list(const GArray *list, int v)
{
    if (!list)
        return true;
    for (guint i = 0; i < list->len; i++)
        if (g_array_index(list, int, i) == v)
            return true;
    return false;
}

bool bg_filter_match(const bg_filter *f, const bg_facts *x)
{
    const bg_item *it = x->item;
    if (f->never)
        return false;
    if (f->kind >= 0 && f->kind != (it->project >= 0))
        return false;
    if (f->carry_over >= 0 && f->carry_over != it->carry_over)
        return false;
    if (f->cost >= 0 && f->cost != x->cost)
        return false;
    if (f->has_funds && !(f->funds & (UINT64_C(1) << it->fund)))
        return false;
    if (f->categories && (x->category < 0 || !(f->categories & (UINT32_C(1) << x->category))))
        return false;
    if (f->unit_types && !(f->unit_types & (1u << x->unit_type)))
        return false;
    return in_list(f->econ_class, x->econ_class) && in_list(f->dept_econ, x->dept_econ) &&
           in_list(f->gov_class, x->gov_class) && in_list(f->gov_econ, x->gov_econ) &&
           in_list(f->function_class, x->function_class);
}

