#include "derive/pivot.h"

#include <stdlib.h>
#include <string.h>

#include "derive/fields.h"
#include "derive/filter.h"

/* ---- columns and header ------------------------------------------------- */

typedef struct {
    GPtrArray *leaves; /* of bg_column* (not owned), left to right */
    int offset;        /* first table column of the block */
} flat_block;

static void collect_leaves(const bg_column *c, GPtrArray *out)
{
    if (!c->children) {
        g_ptr_array_add(out, (gpointer)c);
        return;
    }
    for (guint i = 0; i < c->children->len; i++)
        collect_leaves(c->children->pdata[i], out);
}

static int depth(const bg_column *c)
{
    int d = 0;
    for (guint i = 0; c->children && i < c->children->len; i++)
        d = MAX(d, depth(c->children->pdata[i]));
    return d + 1;
}

static int leaf_count(const bg_column *c)
{
    if (!c->children)
        return 1;
    int n = 0;
    for (guint i = 0; i < c->children->len; i++)
        n += leaf_count(c->children->pdata[i]);
    return n;
}

static void place_header(bg_table *t, const bg_column *c, int row, int col, int rows)
{
    bg_header_cell *h = g_new0(bg_header_cell, 1);
    h->text = g_strdup(c->title);
    h->row = row;
    h->col = col;
    h->colspan = leaf_count(c);
    h->rowspan = c->children ? 1 : rows - row;
    g_ptr_array_add(t->header, h);
    for (guint i = 0; c->children && i < c->children->len; i++) {
        const bg_column *child = c->children->pdata[i];
        place_header(t, child, row + 1, col, rows);
        col += leaf_count(child);
    }
}

/* The table column of a leaf, by its place among the block's leaves. */
static int leaf_index(const GPtrArray *leaves, const bg_column *c)
{
    for (guint i = 0; i < leaves->len; i++)
        if (leaves->pdata[i] == c)
            return (int)i;
    return -1;
}

static const bg_column *first_amount_leaf(const bg_column *c)
{
    if (!c->children)
        return c->key < 0 ? c : NULL;
    for (guint i = 0; i < c->children->len; i++) {
        const bg_column *l = first_amount_leaf(c->children->pdata[i]);
        if (l)
            return l;
    }
    return NULL;
}

static void amount_leaves(const bg_column *c, const bg_column *except, GArray *out,
                          const GPtrArray *leaves, int offset)
{
    if (!c->children) {
        if (c != except && c->key < 0) {
            int i = leaf_index(leaves, c) + offset;
            g_array_append_val(out, i);
        }
        return;
    }
    for (guint k = 0; k < c->children->len; k++)
        amount_leaves(c->children->pdata[k], except, out, leaves, offset);
}

/* Records which columns each `total_of` column adds up (see bg_table.col_sums). */
static void column_sums(bg_table *t, const GPtrArray *siblings, const GPtrArray *leaves,
                        int offset)
{
    for (guint i = 0; i < siblings->len; i++) {
        const bg_column *c = siblings->pdata[i];
        if (c->children) {
            column_sums(t, c->children, leaves, offset);
            continue;
        }
        if (c->total_of == BG_TOTAL_NONE)
            continue;
        GArray *parts = g_array_new(FALSE, FALSE, sizeof(int));
        for (guint k = 0; k < siblings->len; k++) {
            const bg_column *s = siblings->pdata[k];
            if (c->total_of == BG_TOTAL_SIBLINGS) {
                amount_leaves(s, c, parts, leaves, offset);
            } else if (k > i) {
                const bg_column *l = first_amount_leaf(s);
                int idx = l ? leaf_index(leaves, l) + offset : -1;
                if (idx >= offset)
                    g_array_append_val(parts, idx);
            }
        }
        t->col_sums[leaf_index(leaves, c) + offset] = parts;
    }
}

/* A header row under the others: the label over each run of key columns,
 * and the amount columns numbered 1, 2, … within each block (栏次). */
static void number_columns(bg_table *t, const char *label, const flat_block *blocks, guint nb)
{
    int row = t->header_rows++;
    for (guint i = 0; i < nb; i++) {
        int n = 0;
        for (guint k = 0; k < blocks[i].leaves->len;) {
            bool key = ((bg_column *)blocks[i].leaves->pdata[k])->key >= 0;
            guint end = k + 1;
            while (key && end < blocks[i].leaves->len &&
                   ((bg_column *)blocks[i].leaves->pdata[end])->key >= 0)
                end++;
            bg_header_cell *h = g_new0(bg_header_cell, 1);
            h->text = key ? g_strdup(label) : g_strdup_printf("%d", ++n);
            h->row = row;
            h->col = blocks[i].offset + (int)k;
            h->colspan = (int)(end - k);
            h->rowspan = 1;
            g_ptr_array_add(t->header, h);
            k = end;
        }
    }
}

static gint header_order(gconstpointer a, gconstpointer b)
{
    const bg_header_cell *x = *(bg_header_cell *const *)a, *y = *(bg_header_cell *const *)b;
    return x->row != y->row ? x->row - y->row : x->col - y->col;
}

/* ---- amounts ------------------------------------------------------------ */

/* An amount as the format shows it; zero as the format's zero text. */
static char *format_amount(const bg_format *f, bg_money m)
{
    if (m == 0)
        return g_strdup(f->zero);
    bg_money_style st = {f->money_unit, f->decimals, false, f->grouping};
    return bg_money_styled(&st, m);
}


/* ---- pending rows ------------------------------------------------------- */

/* A row of one block before the blocks are put side by side. */
typedef struct {
    bg_row_kind kind;
    char *keys[BG_KEY_COUNT];
    bg_money *amounts; /* one per leaf of the block */
    bool *present;     /* the leaf has an amount (not a `sum: null` label row) */
    bool keep;         /* shown even when the table is empty */
    int level;         /* in the hierarchy of sums; -1 outside it */
    int group_span;    /* the group cell spans this many rows (first of a group) */
    bool group_covered; /* inside a group cell of a row above */
} prow;

typedef struct {
    const bg_department *d;
    const bg_format *f;
    const bg_table_def *def;
    const bg_facts *facts;
    const guint *sel; /* items passing the table's filter */
    guint n_sel;
    bool procurement; /* rows come from procurement lines */
} ctx;

static prow *prow_new(const flat_block *b, bg_row_kind kind)
{
    prow *r = g_new0(prow, 1);
    r->kind = kind;
    r->level = -1;
    r->amounts = g_new0(bg_money, b->leaves->len ? b->leaves->len : 1);
    r->present = g_new0(bool, b->leaves->len ? b->leaves->len : 1);
    for (guint i = 0; i < b->leaves->len; i++)
        r->present[i] = ((bg_column *)b->leaves->pdata[i])->key < 0 &&
                        !((bg_column *)b->leaves->pdata[i])->sum.never;
    return r;
}

static void prow_free(gpointer p)
{
    prow *r = p;
    for (int k = 0; k < BG_KEY_COUNT; k++)
        g_free(r->keys[k]);
    g_free(r->amounts);
    g_free(r->present);
    g_free(r);
}

static void set_key(prow *r, int key, const char *text)
{
    if (key < 0 || key >= BG_KEY_COUNT)
        return;
    g_free(r->keys[key]);
    r->keys[key] = g_strdup(text ? text : "");
}

static void add_item(const flat_block *b, prow *r, const bg_facts *x)
{
    for (guint i = 0; i < b->leaves->len; i++) {
        const bg_column *c = b->leaves->pdata[i];
        if (c->key < 0 && bg_filter_match(&c->sum, x))
            r->amounts[i] += x->item->amount;
    }
}

static bool prow_nonzero(const flat_block *b, const prow *r)
{
    for (guint i = 0; i < b->leaves->len; i++)
        if (r->present[i] && r->amounts[i] != 0)
            return true;
    return false;
}

/* Sums every selected item matching `row_filter` (NULL: all) into r. */
static void sum_into(const ctx *c, const flat_block *b, prow *r, const bg_filter *row_filter,
                     const bg_filter *source_filter)
{
    if (row_filter && row_filter->never) {
        for (guint i = 0; i < b->leaves->len; i++)
            r->present[i] = false;
        return;
    }
    for (guint k = 0; k < c->n_sel; k++) {
        const bg_facts *x = &c->facts[c->sel[k]];
        if ((!row_filter || bg_filter_match(row_filter, x)) &&
            (!source_filter || bg_filter_match(source_filter, x)))
            add_item(b, r, x);
    }
}

/* Keys of a function row: 类, 款 and 项 digits as far as the code goes
 * ("201", "20103" or "2010301"), and its name. */
static void function_keys(prow *r, const bg_department *d, const char *code)
{
    size_t n = strlen(code);
    char part[8];
    g_snprintf(part, sizeof part, "%.3s", code);
    set_key(r, BG_KEY_FUNC_CLASS, part);
    g_snprintf(part, sizeof part, "%.2s", n > 3 ? code + 3 : "");
    set_key(r, BG_KEY_FUNC_KIND, part);
    g_snprintf(part, sizeof part, "%.2s", n > 5 ? code + 5 : "");
    set_key(r, BG_KEY_FUNC_ITEM, part);
    set_key(r, BG_KEY_NAME, bg_department_code_name(d, BG_CLASS_FUNCTION, code));
}

/* Keys of an economic row: a 款 ("30101") or a 类 ("301"). */
static void econ_keys(prow *r, const bg_department *d, const char *dept, const char *gov)
{
    char part[8];
    if (dept) {
        set_key(r, BG_KEY_DEPT_CODE, dept);
        g_snprintf(part, sizeof part, "%.3s", dept);
        set_key(r, BG_KEY_DEPT_CLASS, part);
        set_key(r, BG_KEY_DEPT_KIND, dept + 3);
        set_key(r, BG_KEY_DEPT_NAME, bg_department_code_name(d, BG_CLASS_DEPT_ECON, dept));
    }
    if (gov) {
        set_key(r, BG_KEY_GOV_CODE, gov);
        g_snprintf(part, sizeof part, "%.3s", gov);
        set_key(r, BG_KEY_GOV_CLASS, part);
        set_key(r, BG_KEY_GOV_KIND, gov + 3);
        set_key(r, BG_KEY_GOV_NAME, bg_department_code_name(d, BG_CLASS_GOV_ECON, gov));
    }
}

/* Rows of a code grouping: one a code of each level asked for (类 rows
 * over their 款 rows over their 项 rows), each the sum of its items. */
typedef enum { GROUP_FUNCTION, GROUP_DEPT_ECON, GROUP_PAIR } group_kind;

typedef struct {
    char *code;     /* "201", "20103", "2010301"; pairs "30101/50101" */
    char *order;    /* what rows sort by: the code, or first appearances */
    int rank;       /* of the level among those listed: 0 the widest */
    prow *row;
} group;

/* The code of an item at a level, as text. */
static char *level_code(group_kind k, int level, const bg_facts *x)
{
    const bg_item *it = x->item;
    if (k == GROUP_PAIR)
        return g_strdup_printf("%s/%s", it->dept_econ, it->gov_econ);
    const char *code = k == GROUP_FUNCTION ? it->function : it->dept_econ;
    int digits = level == BG_LEVEL_CLASS ? 3 : level == BG_LEVEL_KIND ? 5 : 7;
    return g_strndup(code, (gsize)digits);
}

static gint group_order(gconstpointer a, gconstpointer b)
{
    return strcmp((*(group *const *)a)->order, (*(group *const *)b)->order);
}

static void group_free(gpointer p)
{
    group *g = p;
    g_free(g->code);
    g_free(g->order);
    if (g->row)
        prow_free(g->row);
    g_free(g);
}

/* Appends the rows with an amount of the items `subset` (indexes into
 * c->sel; NULL for all) that `src` selects, named and in order. */
static void code_rows(const ctx *c, const flat_block *b, const bg_rows *src, group_kind k,
                      const GArray *subset, GPtrArray *out)
{
    static const int all_levels[] = {BG_LEVEL_CLASS, BG_LEVEL_KIND, BG_LEVEL_ITEM};
    int levels[3], n_levels = 0;
    for (int i = 0; i < 3; i++)
        if (k == GROUP_PAIR ? i == 0 : (src->levels & all_levels[i]) != 0)
            levels[n_levels++] = all_levels[i];
    GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *groups = g_ptr_array_new_with_free_func(group_free);
    guint n = subset ? subset->len : c->n_sel;
    for (guint s = 0; s < n; s++) {
        guint sel = subset ? g_array_index(subset, guint, s) : s;
        const bg_facts *x = &c->facts[c->sel[sel]];
        if (!bg_filter_match(&src->filter, x))
            continue;
        GString *order = g_string_new(NULL);
        for (int l = 0; l < n_levels; l++) {
            char *code = level_code(k, levels[l], x);
            group *g = g_hash_table_lookup(h, code);
            if (!g) {
                g = g_new0(group, 1);
                g->code = code;
                g->rank = l;
                g->row = prow_new(b, l + 1 < n_levels ? BG_ROW_GROUP : BG_ROW_BODY);
                /* By code, or by where each level first appears in the file:
                 * a parent's key is a prefix of its children's, so it sorts
                 * first either way. */
                if (src->input_order)
                    g_string_append_printf(order, "%010u.", sel);
                else
                    g_string_append_printf(order, "%s.", code);
                g->order = g_strdup(order->str);
                g_hash_table_insert(h, g->code, g);
                g_ptr_array_add(groups, g);
            } else {
                g_free(code);
                g_string_assign(order, g->order);
            }
            add_item(b, g->row, x);
        }
        g_string_free(order, TRUE);
    }
    g_hash_table_destroy(h);
    g_ptr_array_sort(groups, group_order);
    for (guint i = 0; i < groups->len; i++) {
        group *g = groups->pdata[i];
        if (!prow_nonzero(b, g->row))
            continue;
        if (k == GROUP_FUNCTION) {
            function_keys(g->row, c->d, g->code);
        } else if (k == GROUP_DEPT_ECON) {
            econ_keys(g->row, c->d, g->code, NULL);
        } else {
            char **pair = g_strsplit(g->code, "/", 2);
            econ_keys(g->row, c->d, pair[0], pair[1]);
            g_strfreev(pair);
        }
        g->row->level = 3 + g->rank;
        g_ptr_array_add(out, g->row);
        g->row = NULL;
    }
    g_ptr_array_free(groups, TRUE);
}

/* ---- row sources -------------------------------------------------------- */

static gint by_project_code(gconstpointer a, gconstpointer b, gpointer data)
{
    const GArray *projects = data;
    const bg_project *x = &g_array_index(projects, bg_project, *(const guint *)a);
    const bg_project *y = &g_array_index(projects, bg_project, *(const guint *)b);
    return strcmp(x->code, y->code);
}

guint *bg_project_order(const bg_department *d, bool input)
{
    guint *order = g_new(guint, d->projects->len ? d->projects->len : 1);
    for (guint p = 0; p < d->projects->len; p++)
        order[p] = p;
    if (!input)
        g_qsort_with_data(order, (gint)d->projects->len, sizeof(guint), by_project_code,
                          d->projects);
    return order;
}

static char *quantity_total(const bg_department *d)
{
    bg_money sum = 0; /* hundredths of a unit: quantities are read like amounts */
    bool any = false;
    for (guint i = 0; i < d->procurement->len; i++) {
        const char *q = g_array_index(d->procurement, bg_procurement, i).quantity;
        bg_money v;
        if (q && bg_money_parse(q, strlen(q), &v) == BG_MONEY_OK) {
            sum += v;
            any = true;
        }
    }
    if (!any)
        return g_strdup("");
    return sum % 100 ? g_strdup_printf("%lld.%02lld", (long long)(sum / 100),
                                       (long long)(sum % 100))
                     : g_strdup_printf("%lld", (long long)(sum / 100));
}

static void total_row(const ctx *c, const flat_block *b, const bg_rows *src, prow *r)
{
    if (c->procurement) {
        bg_money sum = 0;
        for (guint i = 0; i < c->d->procurement->len; i++)
            sum += g_array_index(c->d->procurement, bg_procurement, i).amount;
        for (guint i = 0; i < b->leaves->len; i++)
            if (r->present[i])
                r->amounts[i] = sum;
        char *q = quantity_total(c->d);
        set_key(r, BG_KEY_PROC_QUANTITY, q);
        g_free(q);
    } else {
        sum_into(c, b, r, &src->filter, NULL);
    }
}

static void rows_from(const ctx *c, const flat_block *b, const bg_rows *src, GPtrArray *out)
{
    const bg_department *d = c->d;
    switch (src->kind) {
    case BG_ROWS_TOTAL: {
        prow *r = prow_new(b, BG_ROW_TOTAL);
        total_row(c, b, src, r);
        set_key(r, src->at >= 0 ? src->at : BG_KEY_LABEL, src->label);
        r->keep = src->keep;
        r->level = 0;
        g_ptr_array_add(out, r);
        break;
    }
    case BG_ROWS_DEPARTMENT: {
        prow *r = prow_new(b, BG_ROW_GROUP);
        total_row(c, b, src, r);
        set_key(r, src->code_at, d->code);
        char *name = NULL;
        if (src->name) { /* a name the file gives this row (a former name) */
            bg_field_ctx fc = {.d = d};
            name = bg_field_text(&fc, src->name, NULL, NULL);
        }
        set_key(r, src->name_at, name && *name ? name : d->name);
        g_free(name);
        r->level = 1;
        if (prow_nonzero(b, r))
            g_ptr_array_add(out, r);
        else
            prow_free(r);
        break;
    }
    case BG_ROWS_UNITS: {
        /* One pass to bucket the items by unit, then each unit's rows. */
        GArray **by_unit = g_new0(GArray *, d->units->len ? d->units->len : 1);
        for (guint k = 0; k < c->n_sel; k++) {
            if (!bg_filter_match(&src->filter, &c->facts[c->sel[k]]))
                continue;
            int32_t u = c->facts[c->sel[k]].item->unit;
            if (!by_unit[u])
                by_unit[u] = g_array_new(FALSE, FALSE, sizeof(guint));
            g_array_append_val(by_unit[u], k);
        }
        for (guint u = 0; u < d->units->len; u++) {
            if (!by_unit[u])
                continue;
            const bg_unit *unit = &g_array_index(d->units, bg_unit, u);
            prow *r = prow_new(b, BG_ROW_GROUP);
            for (guint k = 0; k < by_unit[u]->len; k++)
                add_item(b, r, &c->facts[c->sel[g_array_index(by_unit[u], guint, k)]]);
            if (!prow_nonzero(b, r)) {
                prow_free(r);
            } else {
                set_key(r, src->code_at, unit->code);
                set_key(r, src->name_at, unit->name);
                r->level = 2;
                g_ptr_array_add(out, r);
                if (src->functions) {
                    guint first = out->len;
                    code_rows(c, b, src, GROUP_FUNCTION, by_unit[u], out);
                    for (guint k = first; src->unit_on_rows && k < out->len; k++) {
                        set_key(out->pdata[k], BG_KEY_UNIT_CODE, unit->code);
                        set_key(out->pdata[k], BG_KEY_UNIT_NAME, unit->name);
                    }
                }
            }
            g_array_free(by_unit[u], TRUE);
        }
        g_free(by_unit);
        break;
    }
    case BG_ROWS_FUNCTIONS:
        code_rows(c, b, src, GROUP_FUNCTION, NULL, out);
        break;
    case BG_ROWS_ECON_PAIRS:
        code_rows(c, b, src, GROUP_PAIR, NULL, out);
        break;
    case BG_ROWS_DEPT_ECON:
        code_rows(c, b, src, GROUP_DEPT_ECON, NULL, out);
        break;
    case BG_ROWS_FUNCTION_CLASSES:
    case BG_ROWS_FIXED:
        for (guint i = 0; i < src->fixed->len; i++) {
            const bg_fixed_row *fr = src->fixed->pdata[i];
            prow *r = prow_new(b, BG_ROW_BODY);
            sum_into(c, b, r, &fr->sum, &src->filter);
            set_key(r, BG_KEY_LABEL, fr->label);
            if (src->group) {
                set_key(r, BG_KEY_GROUP, i == 0 ? src->group : "");
                r->group_span = i == 0 ? (int)src->fixed->len : 0;
                r->group_covered = i > 0;
            }
            g_ptr_array_add(out, r);
        }
        break;
    case BG_ROWS_PROJECTS: {
        /* One pass over the items, a row a project, in project order. */
        prow **rows = g_new0(prow *, d->projects->len ? d->projects->len : 1);
        for (guint p = 0; p < d->projects->len; p++)
            rows[p] = prow_new(b, BG_ROW_BODY);
        for (guint k = 0; k < c->n_sel; k++) {
            const bg_facts *x = &c->facts[c->sel[k]];
            if (x->item->project >= 0 && bg_filter_match(&src->filter, x))
                add_item(b, rows[x->item->project], x);
        }
        guint *order = bg_project_order(d, src->input_order);
        for (guint i = 0; i < d->projects->len; i++) {
            guint p = order[i];
            const bg_project *pr = &g_array_index(d->projects, bg_project, p);
            prow *r = rows[p];
            if (!prow_nonzero(b, r)) {
                prow_free(r);
                continue;
            }
            set_key(r, BG_KEY_PROJECT_CODE, pr->code);
            set_key(r, BG_KEY_PROJECT_NAME, pr->name);
            set_key(r, BG_KEY_CATEGORY, pr->category);
            set_key(r, BG_KEY_UNIT_NAME, g_array_index(d->units, bg_unit, pr->unit).name);
            r->level = 3;
            g_ptr_array_add(out, r);
        }
        g_free(order);
        g_free(rows);
        break;
    }
    case BG_ROWS_PROCUREMENT:
        for (guint i = 0; i < d->procurement->len; i++) {
            const bg_procurement *pc = &g_array_index(d->procurement, bg_procurement, i);
            prow *r = prow_new(b, BG_ROW_BODY);
            for (guint k = 0; k < b->leaves->len; k++)
                if (r->present[k])
                    r->amounts[k] = pc->amount;
            function_keys(r, d, pc->function);
            set_key(r, BG_KEY_UNIT_NAME, g_array_index(d->units, bg_unit, pc->unit).name);
            set_key(r, BG_KEY_PROC_ITEM, pc->item);
            set_key(r, BG_KEY_PROC_CATALOG, pc->catalog);
            set_key(r, BG_KEY_PROC_SPEC, pc->spec);
            set_key(r, BG_KEY_PROC_MEASURE, pc->measure);
            set_key(r, BG_KEY_PROC_QUANTITY, pc->quantity);
            r->level = 3;
            g_ptr_array_add(out, r);
        }
        break;
    }
}

/* ---- tables ------------------------------------------------------------- */

static void put_row(const ctx *c, bg_row *row, const flat_block *b, const prow *r)
{
    for (guint i = 0; i < b->leaves->len; i++) {
        const bg_column *col = b->leaves->pdata[i];
        bg_cell *cell = &row->cells[b->offset + (int)i];
        if (col->key >= 0) {
            bg_cell_set_text(cell, r->keys[col->key] ? r->keys[col->key] : "");
            if (col->key == BG_KEY_GROUP) {
                cell->rowspan = MAX(1, r->group_span);
                cell->covered = r->group_covered;
            }
        } else if (r->present[i]) {
            cell->has_value = true;
            cell->value = r->amounts[i];
            cell->text = format_amount(c->f, r->amounts[i]);
        } else {
            bg_cell_set_text(cell, "");
        }
    }
}

static void fill_blank(bg_table *t, bg_row *row)
{
    for (int i = 0; i < t->n_cols; i++)
        if (!row->cells[i].text)
            row->cells[i].text = g_strdup("");
}

bg_table *bg_pivot_table(const bg_department *d, const bg_format *f, const bg_table_def *def,
                         const bg_facts *facts)
{
    ctx c = {.d = d, .f = f, .def = def, .facts = facts};
    guint nb = def->blocks->len;
    flat_block *blocks = g_new0(flat_block, nb ? nb : 1);
    int n_cols = 0, header_rows = 1;
    for (guint i = 0; i < nb; i++) {
        const bg_block *blk = def->blocks->pdata[i];
        blocks[i].leaves = g_ptr_array_new();
        blocks[i].offset = n_cols;
        for (guint k = 0; k < blk->columns->len; k++) {
            collect_leaves(blk->columns->pdata[k], blocks[i].leaves);
            header_rows = MAX(header_rows, depth(blk->columns->pdata[k]));
        }
        n_cols += (int)blocks[i].leaves->len;
        for (guint k = 0; k < blk->rows->len; k++)
            if (((bg_rows *)blk->rows->pdata[k])->kind == BG_ROWS_PROCUREMENT)
                c.procurement = true;
    }
    bg_table *t = bg_table_new(n_cols);
    t->id = g_strdup(def->id);
    t->number = g_strdup(def->number);
    t->money_unit = g_strdup(f->money_unit);
    t->money_decimals = f->decimals;
    t->money_grouping = f->grouping;
    t->header_rows = header_rows;
    for (guint i = 0; i < nb; i++) {
        const bg_block *blk = def->blocks->pdata[i];
        int col = blocks[i].offset;
        for (guint k = 0; k < blk->columns->len; k++) {
            place_header(t, blk->columns->pdata[k], 0, col, header_rows);
            col += leaf_count(blk->columns->pdata[k]);
        }
        for (guint k = 0; k < blocks[i].leaves->len; k++) {
            int key = ((bg_column *)blocks[i].leaves->pdata[k])->key;
            t->col_kinds[blocks[i].offset + (int)k] = key < 0 ? BG_COL_AMOUNT : BG_COL_TEXT;
            t->col_counts[blocks[i].offset + (int)k] = key == BG_KEY_PROC_QUANTITY;
        }
        column_sums(t, blk->columns, blocks[i].leaves, blocks[i].offset);
    }
    if (def->column_numbers)
        number_columns(t, def->column_numbers, blocks, nb);
    g_ptr_array_sort(t->header, header_order);

    /* The items this table looks at. */
    guint *sel = g_new(guint, d->items->len ? d->items->len : 1);
    for (guint i = 0; i < d->items->len; i++)
        if (bg_filter_match(&def->filter, &facts[i]))
            sel[c.n_sel++] = i;
    c.sel = sel;

    GPtrArray **body = g_new0(GPtrArray *, nb ? nb : 1);
    GPtrArray **foot = g_new0(GPtrArray *, nb ? nb : 1);
    guint n_body = 0, n_foot = 0;
    bool any_amount = false;
    for (guint i = 0; i < nb; i++) {
        const bg_block *blk = def->blocks->pdata[i];
        body[i] = g_ptr_array_new_with_free_func(prow_free);
        foot[i] = g_ptr_array_new_with_free_func(prow_free);
        for (guint k = 0; k < blk->rows->len; k++)
            rows_from(&c, &blocks[i], blk->rows->pdata[k], body[i]);
        for (guint k = 0; k < blk->footer->len; k++) {
            const bg_fixed_row *fr = blk->footer->pdata[k];
            prow *r = prow_new(&blocks[i], BG_ROW_TOTAL);
            sum_into(&c, &blocks[i], r, &fr->sum, NULL);
            set_key(r, BG_KEY_LABEL, fr->label);
            g_ptr_array_add(foot[i], r);
        }
        for (guint k = 0; k < body[i]->len; k++)
            any_amount = any_amount || prow_nonzero(&blocks[i], body[i]->pdata[k]);
        n_body = MAX(n_body, body[i]->len);
        n_foot = MAX(n_foot, foot[i]->len);
    }
    t->empty = !any_amount;
    bool keep_all = !t->empty || def->keep_when_empty;
    for (guint r = 0; r < n_body + n_foot; r++) {
        bool footer = r >= n_body;
        guint k = footer ? r - n_body : r;
        bool show = keep_all;
        for (guint i = 0; i < nb && !show; i++) {
            GPtrArray *src = footer ? foot[i] : body[i];
            show = k < src->len && ((prow *)src->pdata[k])->keep;
        }
        if (!show)
            continue;
        bg_row_kind kind = footer ? BG_ROW_TOTAL : BG_ROW_BODY;
        for (guint i = 0; i < nb; i++) {
            GPtrArray *src = footer ? foot[i] : body[i];
            if (k < src->len && !footer)
                kind = MAX(kind, ((prow *)src->pdata[k])->kind);
        }
        bg_row *row = bg_table_add_row(t, kind);
        /* Sums run down one list; rows of side-by-side lists are not sums. */
        if (nb == 1 && !footer && k < body[0]->len)
            row->level = ((prow *)body[0]->pdata[k])->level;
        for (guint i = 0; i < nb; i++) {
            GPtrArray *src = footer ? foot[i] : body[i];
            if (k < src->len)
                put_row(&c, row, &blocks[i], src->pdata[k]);
        }
        fill_blank(t, row);
    }

    for (guint i = 0; i < nb; i++) {
        g_ptr_array_free(blocks[i].leaves, TRUE);
        g_ptr_array_free(body[i], TRUE);
        g_ptr_array_free(foot[i], TRUE);
    }
    g_free(body);
    g_free(foot);
    g_free(blocks);
    g_free(sel);
    return t;
}

void bg_pivot_texts(bg_eval *e, bg_table *t, const bg_table_def *def)
{
    bg_scope sc = bg_eval_scope(e);
    for (guint i = 0; i < t->header->len; i++) {
        bg_header_cell *h = t->header->pdata[i];
        char *text = bg_eval_expand(e, &sc, h->text, NULL);
        g_free(h->text);
        h->text = text;
    }
    t->title = bg_eval_expand(e, &sc, def->title, NULL);
    t->unit_line = def->unit_line ? bg_eval_expand(e, &sc, def->unit_line, NULL) : g_strdup("");
    t->unit_left = def->unit_left ? bg_eval_expand(e, &sc, def->unit_left, NULL) : NULL;
    t->corner = def->corner ? bg_eval_expand(e, &sc, def->corner, NULL) : NULL;
    for (guint i = 0; i < def->notes->len; i++)
        g_ptr_array_add(t->notes, bg_eval_expand(e, &sc, def->notes->pdata[i], NULL));
    if (t->empty && def->empty_remark)
        g_ptr_array_add(t->notes, bg_eval_expand(e, &sc, def->empty_remark, NULL));
}
