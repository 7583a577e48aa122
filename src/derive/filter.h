/* Matching line items against a format's filters. */
#ifndef BG_FILTER_H
#define BG_FILTER_H

#include "model/department.h"
#include "model/format.h"

/* What a filter asks of an item, worked out once per item. */
typedef struct {
    const bg_item *item;
    int econ_class, dept_econ, gov_class, gov_econ, function, function_class;
    int8_t cost;     /* bg_cost, resolved: never BG_COST_DEFAULT */
    int8_t category; /* format category index; -1 for basic items */
    uint8_t unit_type;
} bg_facts;

/* Facts for every item of `d`, in item order; caller g_free()s. Categories
 * are indexed in `f`. */
bg_facts *bg_facts_compute(const bg_department *d, const bg_format *f);

bool bg_filter_match(const bg_filter *flt, const bg_facts *x);

#endif
