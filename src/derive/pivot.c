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
static void sum_into(const ctx *c, const flat_block *b, prow *r, const bg_filter *row_filter)
{
    if (row_filter && row_filter->never) {
        for (guint i = 0; i < b->leaves->len; i++)
            r->present[i] = false;
        return;
    }
    for (guint k = 0; k < c->n_sel; k++) {
        const bg_facts *x = &c->facts[c->sel[k]];
        if (!row_filter || bg_filter_match(row_filter, x))
            add_item(b, r, x);
    }
}

static void function_keys(prow *r, const bg_department *d, const char *code)
{
    char part[8];
    g_snprintf(part, sizeof part, "%.3s", code);
    set_key(r, BG_KEY_FUNC_CLASS, part);
    g_snprintf(part, sizeof part, "%.2s", code + 3);
    set_key(r, BG_KEY_FUNC_KIND, part);
    g_snprintf(part, sizeof part, "%.2s", code + 5);
    set_key(r, BG_KEY_FUNC_ITEM, part);
    set_key(r, BG_KEY_NAME, bg_department_code_name(d, BG_CLASS_FUNCTION, code));
}

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

/* Groups items by a numeric key (codes are fixed-width digits, so numeric
 * order is code order). `subset` lists indexes into c->sel, or NULL for all. */
typedef gint64 (*group_key_fn)(const bg_facts *x);

typedef struct {
    gint64 key;
    prow *row;
    const bg_item *first;
} group;

static gint group_order(gconstpointer a, gconstpointer b)
{
    gint64 x = (*(group *const *)a)->key, y = (*(group *const *)b)->key;
    return x < y ? -1 : x > y;
}

static GPtrArray *group_items(const ctx *c, const flat_block *b, group_key_fn fn,
                              const GArray *subset)
{
    GHashTable *h = g_hash_table_new(g_int64_hash, g_int64_equal);
    GPtrArray *groups = g_ptr_array_new_with_free_func(g_free);
    guint n = subset ? subset->len : c->n_sel;
    for (guint k = 0; k < n; k++) {
        guint s = subset ? g_array_index(subset, guint, k) : k;
        const bg_facts *x = &c->facts[c->sel[s]];
        gint64 key = fn(x);
        group *g = g_hash_table_lookup(h, &key);
        if (!g) {
            g = g_new0(group, 1);
            g->key = key;
            g->row = prow_new(b, BG_ROW_BODY);
            g->first = x->item;
            g_hash_table_insert(h, &g->key, g);
            g_ptr_array_add(groups, g);
        }
        add_item(b, g->row, x);
    }
    g_hash_table_destroy(h);
    g_ptr_array_sort(groups, group_order);
    return groups;
}

static gint64 key_function(const bg_facts *x)
{
    return x->function;
}

static gint64 key_pair(const bg_facts *x)
{
    return (gint64)x->dept_econ * 100000 + x->gov_econ;
}

static gint64 key_dept_econ(const bg_facts *x)
{
    return x->dept_econ;
}

/* Moves the rows of `groups` with an amount into `out`, naming them. */
typedef void (*name_fn)(prow *r, const ctx *c, const group *g);

static void emit_groups(const ctx *c, const flat_block *b, GPtrArray *groups, name_fn name,
                        GPtrArray *out)
{
    for (guint i = 0; i < groups->len; i++) {
        group *g = groups->pdata[i];
        if (!prow_nonzero(b, g->row))
            continue;
        name(g->row, c, g);
        g->row->level = 3;
        g_ptr_array_add(out, g->row);
        g->row = NULL;
    }
    for (guint i = 0; i < groups->len; i++) {
        group *g = groups->pdata[i];
        if (g->row)
            prow_free(g->row);
    }
    g_ptr_array_free(groups, TRUE);
}

static void name_function(prow *r, const ctx *c, const group *g)
{
    function_keys(r, c->d, g->first->function);
}

static void name_pair(prow *r, const ctx *c, const group *g)
{
    econ_keys(r, c->d, g->first->dept_econ, g->first->gov_econ);
}

static void name_dept_econ(prow *r, const ctx *c, const group *g)
{
    econ_keys(r, c->d, g->first->dept_econ, NULL);
}

/* ---- row sources -------------------------------------------------------- */

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

static void total_row(const ctx *c, const flat_block *b, prow *r)
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
        sum_into(c, b, r, NULL);
    }
}

static void rows_from(const ctx *c, const flat_block *b, const bg_rows *src, GPtrArray *out)
{
    const bg_department *d = c->d;
    switch (src->kind) {
    case BG_ROWS_TOTAL: {
        prow *r = prow_new(b, BG_ROW_TOTAL);
        total_row(c, b, r);
        set_key(r, src->at >= 0 ? src->at : BG_KEY_LABEL, src->label);
        r->keep = src->keep;
        r->level = 0;
        g_ptr_array_add(out, r);
        break;
    }
    case BG_ROWS_DEPARTMENT: {
        prow *r = prow_new(b, BG_ROW_GROUP);
        total_row(c, b, r);
        set_key(r, src->code_at, d->code);
        set_key(r, src->name_at, d->name);
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
                if (src->functions)
                    emit_groups(c, b, group_items(c, b, key_function, by_unit[u]),
                                name_function, out);
            }
            g_array_free(by_unit[u], TRUE);
        }
        g_free(by_unit);
        break;
    }
    case BG_ROWS_FUNCTIONS:
        emit_groups(c, b, group_items(c, b, key_function, NULL), name_function, out);
        break;
    case BG_ROWS_ECON_PAIRS:
        emit_groups(c, b, group_items(c, b, key_pair, NULL), name_pair, out);
        break;
    case BG_ROWS_DEPT_ECON:
        emit_groups(c, b, group_items(c, b, key_dept_econ, NULL), name_dept_econ, out);
        break;
    case BG_ROWS_FUNCTION_CLASSES:
    case BG_ROWS_FIXED:
        for (guint i = 0; i < src->fixed->len; i++) {
            const bg_fixed_row *fr = src->fixed->pdata[i];
            prow *r = prow_new(b, BG_ROW_BODY);
            sum_into(c, b, r, &fr->sum);
            set_key(r, BG_KEY_LABEL, fr->label);
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
            if (x->item->project >= 0)
                add_item(b, rows[x->item->project], x);
        }
        for (guint p = 0; p < d->projects->len; p++) {
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
        for (guint k = 0; k < blocks[i].leaves->len; k++)
            t->col_kinds[blocks[i].offset + (int)k] =
                ((bg_column *)blocks[i].leaves->pdata[k])->key < 0 ? BG_COL_AMOUNT : BG_COL_TEXT;
        column_sums(t, blk->columns, blocks[i].leaves, blocks[i].offset);
    }
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
            sum_into(&c, &blocks[i], r, &fr->sum);
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
    t->title = bg_eval_expand(e, &sc, def->title, NULL);
    t->unit_line = def->unit_line ? bg_eval_expand(e, &sc, def->unit_line, NULL) : g_strdup("");
    for (guint i = 0; i < def->notes->len; i++)
        g_ptr_array_add(t->notes, bg_eval_expand(e, &sc, def->notes->pdata[i], NULL));
    if (t->empty && def->empty_remark)
        g_ptr_array_add(t->notes, bg_eval_expand(e, &sc, def->empty_remark, NULL));
}
