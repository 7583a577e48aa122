/* The department's headline totals: what `budgetgen check` summarises. */
#ifndef BG_TOTALS_H
#define BG_TOTALS_H

#include "model/department.h"

typedef struct {
    bg_money total;
    bg_money basic, project;
    bg_money carry_over;     /* 上年结转结余 within total */
    bg_money *by_fund;       /* indexed like catalog->funds */
    guint n_funds;
    bg_money *by_project;    /* indexed like department->projects */
    bg_money procurement;
} bg_totals;

/* Sums every line item once. The caller frees with bg_totals_clear. */
void bg_totals_compute(const bg_department *d, bg_totals *t);
void bg_totals_clear(bg_totals *t);

#endif
