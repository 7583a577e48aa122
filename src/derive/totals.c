#include "derive/totals.h"

void bg_totals_compute(const bg_department *d, bg_totals *t)
{
    *t = (bg_totals){0};
    t->n_funds = d->catalog->funds->len;
    t->by_fund = g_new0(bg_money, t->n_funds);
    t->by_project = g_new0(bg_money, d->projects->len ? d->projects->len : 1);
    for (guint i = 0; i < d->items->len; i++) {
        const bg_item *it = &g_array_index(d->items, bg_item, i);
        t->total += it->amount;
        if (it->project >= 0) {
            t->project += it->amount;
            t->by_project[it->project] += it->amount;
        } else {
            t->basic += it->amount;
        }
        if (it->carry_over)
            t->carry_over += it->amount;
        t->by_fund[it->fund] += it->amount;
    }
    for (guint i = 0; i < d->procurement->len; i++)
        t->procurement += g_array_index(d->procurement, bg_procurement, i).amount;
}

void bg_totals_clear(bg_totals *t)
{
    g_free(t->by_fund);
    g_free(t->by_project);
    *t = (bg_totals){0};
}
