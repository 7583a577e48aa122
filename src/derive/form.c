#include "derive/form.h"

#include <string.h>

#include "derive/fields.h"
#include "derive/pivot.h"

typedef struct {
    bg_eval *e;
    bg_scope s;       /* its fc: fields, and the form's money style */
    const bg_form *form;
    const bg_facts *facts;
    int project_index; /* -1 outside per-project forms */
} fctx;

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static char *form_amount(const bg_form *form, bg_money m)
{
    bg_money_style st = {form->money_unit, form->decimals, form->trim, form->grouping};
    return bg_money_styled(&st, m);
}

static char *expand(const fctx *c, const char *tmpl)
{
    return bg_eval_expand(c->e, &c->s, tmpl, NULL);
}

/* ---- the grid ----------------------------------------------------------- */

typedef struct {
    bg_table *t;
    GPtrArray *taken; /* per row: bool[width] */
} grid;

static bool *taken_row(grid *g, guint r)
{
    while (g->taken->len <= r) {
        g_ptr_array_add(g->taken, g_new0(bool, g->t->n_cols));
        bg_table_add_row(g->t, BG_ROW_BODY);
    }
    return g->taken->pdata[r];
}

/* Puts a cell in row r at its first free column, spanning as asked. */
static bg_cell *place(grid *g, guint r, char *text, int colspan, int rowspan)
{
    bool *taken = taken_row(g, r);
    int col = 0;
    while (col < g->t->n_cols && taken[col])
        col++;
    if (col >= g->t->n_cols) {
        g_free(text);
        return NULL; /* a form row wider than the form: its extra cells are dropped */
    }
    colspan = MAX(1, MIN(colspan, g->t->n_cols - col));
    rowspan = MAX(1, rowspan);
    for (int dr = 0; dr < rowspan; dr++) {
        bool *tr = taken_row(g, r + (guint)dr);
        bg_row *row = g->t->rows->pdata[r + (guint)dr];
        for (int dc = 0; dc < colspan; dc++) {
            tr[col + dc] = true;
            if (dr || dc) {
                row->cells[col + dc].covered = true;
                bg_cell_set_text(&row->cells[col + dc], "");
            }
        }
    }
    bg_cell *cell = &((bg_row *)g->t->rows->pdata[r])->cells[col];
    g_free(cell->text);
    cell->text = text;
    cell->colspan = colspan;
    cell->rowspan = rowspan;
    return cell;
}

static bg_money sum_of(const fctx *c, const bg_filter *flt)
{
    bg_money s = 0;
    for (guint i = 0; i < c->s.fc.d->items->len; i++)
        if (bg_filter_match(flt, &c->facts[i]) &&
            (c->project_index < 0 || c->facts[i].item->project == c->project_index))
            s += c->facts[i].item->amount;
    return s;
}

static void place_fcell(grid *g, guint r, const fctx *c, const bg_fcell *fc)
{
    char *text;
    bool has_value = false;
    bg_money value = 0;
    switch (fc->kind) {
    case BG_FCELL_TEXT:
        text = expand(c, fc->text);
        break;
    case BG_FCELL_FIELD:
        text = bg_eval_value(c->e, &c->s, fc->text, &has_value, &value);
        if (!text)
            text = g_strdup(""); /* recorded missing: check refuses the file */
        break;
    default:
        value = sum_of(c, &fc->sum);
        text = form_amount(c->form, value);
        has_value = true;
    }
    bg_cell *cell = place(g, r, text, fc->colspan, fc->rowspan);
    if (cell) {
        cell->has_value = has_value;
        cell->value = value;
    }
}

static guint cells_row(grid *g, guint r, const fctx *c, const GPtrArray *cells)
{
    for (guint i = 0; i < cells->len; i++)
        place_fcell(g, r, c, cells->pdata[i]);
    return r + 1;
}

static guint tasks_rows(grid *g, guint r, const fctx *c, const bg_frow *fr)
{
    const GPtrArray *tasks = c->s.fc.d->performance ? c->s.fc.d->performance->tasks : NULL;
    guint n = tasks ? tasks->len : 0;
    place(g, r, g_strdup(fr->label), 1, (int)n + 1);
    r = cells_row(g, r, c, fr->header);
    ((bg_row *)g->t->rows->pdata[r - 1])->kind = BG_ROW_HEAD;
    for (guint i = 0; i < n; i++) {
        fctx tc = *c;
        tc.s.fc.task = tasks->pdata[i];
        r = cells_row(g, r, &tc, fr->cells);
    }
    return r;
}

static const char *leaf_text(const bg_indicator *ind, const char *which)
{
    if (!ind)
        return "";
    if (strcmp(which, "value") == 0)
        return or_empty(ind->value);
    if (strcmp(which, "unit") == 0)
        return or_empty(ind->unit);
    return or_empty(ind->note);
}

static guint group_rows(const bg_indicator *n)
{
    return n->children && n->children->len ? n->children->len : 1;
}

static guint top_rows(const bg_indicator *top)
{
    guint rows = 0;
    for (guint i = 0; top->children && i < top->children->len; i++)
        rows += group_rows(top->children->pdata[i]);
    return rows ? rows : 1;
}

static guint indicator_rows(grid *g, guint r, const fctx *c, const bg_frow *fr)
{
    const GPtrArray *tree = NULL;
    if (strcmp(fr->source, "project") == 0)
        tree = c->s.fc.project ? c->s.fc.project->indicators : NULL;
    else
        tree = c->s.fc.d->performance ? c->s.fc.d->performance->indicators : NULL;
    for (guint i = 0; tree && i < tree->len; i++) {
        const bg_indicator *top = tree->pdata[i];
        place(g, r, g_strdup(or_empty(top->name)), 1, (int)top_rows(top));
        guint ng = top->children ? top->children->len : 0;
        if (ng == 0) { /* blank 二级, 三级 and leaf cells */
            for (guint k = 0; k < 2 + fr->leaf->len; k++)
                place(g, r, g_strdup(""), 1, 1);
            r++;
            continue;
        }
        for (guint k = 0; k < ng; k++) {
            const bg_indicator *grp = top->children->pdata[k];
            place(g, r, g_strdup(or_empty(grp->name)), 1, (int)group_rows(grp));
            guint ni = grp->children ? grp->children->len : 0;
            for (guint j = 0; j < MAX(ni, 1u); j++, r++) {
                const bg_indicator *leaf = ni ? grp->children->pdata[j] : NULL;
                place(g, r, g_strdup(leaf ? or_empty(leaf->name) : ""), 1, 1);
                for (guint l = 0; l < fr->leaf->len; l++)
                    place(g, r, g_strdup(leaf_text(leaf, fr->leaf->pdata[l])), 1, 1);
            }
        }
    }
    return r;
}

/* Sums of `amounts` over the items of project p (or unit u, or all: -1). */
static void matrix_amounts(grid *g, guint r, const fctx *c, const bg_frow *fr, int unit,
                           int project, int rowspan)
{
    for (guint i = 0; i < fr->cells->len; i++) {
        const bg_fcell *fc = fr->cells->pdata[i];
        bg_money s = 0;
        for (guint k = 0; k < c->s.fc.d->items->len; k++) {
            const bg_facts *x = &c->facts[k];
            if ((unit < 0 || x->item->unit == unit) &&
                (project < 0 || x->item->project == project) && bg_filter_match(&fc->sum, x))
                s += x->item->amount;
        }
        bg_cell *cell = place(g, r, form_amount(c->form, s), fc->colspan, rowspan);
        if (cell) {
            cell->has_value = true;
            cell->value = s;
        }
    }
}

/* The leaves under the first-level indicator named `group`, in order. */
static GPtrArray *leaves_of(const bg_project *p, const char *group)
{
    GPtrArray *out = g_ptr_array_new();
    for (guint i = 0; p->indicators && i < p->indicators->len; i++) {
        const bg_indicator *top = p->indicators->pdata[i];
        if (g_strcmp0(top->name, group) != 0)
            continue;
        for (guint k = 0; top->children && k < top->children->len; k++) {
            const bg_indicator *grp = top->children->pdata[k];
            for (guint j = 0; grp->children && j < grp->children->len; j++)
                g_ptr_array_add(out, grp->children->pdata[j]);
        }
    }
    return out;
}

static guint matrix_rows(grid *g, guint r, const fctx *c, const bg_frow *fr)
{
    const bg_department *d = c->s.fc.d;
    if (fr->department) {
        place(g, r, g_strdup(d->code), 1, 1);
        place(g, r, g_strdup(""), 1, 1);
        matrix_amounts(g, r, c, fr, -1, -1, 1);
        r++;
    }
    for (guint u = 0; u < d->units->len; u++) {
        const bg_unit *unit = &g_array_index(d->units, bg_unit, u);
        if (fr->units) {
            place(g, r, g_strdup(unit->code), 1, 1);
            place(g, r, g_strdup(unit->name), 1, 1);
            matrix_amounts(g, r, c, fr, (int)u, -1, 1);
            r++;
        }
        for (guint p = 0; p < d->projects->len; p++) {
            const bg_project *pr = &g_array_index(d->projects, bg_project, p);
            if (pr->unit != (int32_t)u)
                continue;
            GPtrArray **leaves = g_new0(GPtrArray *, fr->groups->len ? fr->groups->len : 1);
            guint n = 1;
            for (guint k = 0; k < fr->groups->len; k++) {
                leaves[k] = leaves_of(pr, fr->groups->pdata[k]);
                n = MAX(n, leaves[k]->len);
            }
            place(g, r, g_strdup(pr->code), 1, (int)n);
            place(g, r, g_strdup(pr->name), 1, (int)n);
            matrix_amounts(g, r, c, fr, -1, (int)p, (int)n);
            for (guint j = 0; j < n; j++)
                for (guint k = 0; k < fr->groups->len; k++) {
                    const bg_indicator *leaf = j < leaves[k]->len ? leaves[k]->pdata[j] : NULL;
                    place(g, r + j, g_strdup(leaf ? or_empty(leaf->name) : ""), 1, 1);
                    place(g, r + j, g_strdup(leaf ? or_empty(leaf->value) : ""), 1, 1);
                }
            for (guint k = 0; k < fr->groups->len; k++)
                g_ptr_array_free(leaves[k], TRUE);
            g_free(leaves);
            r += n;
        }
    }
    return r;
}

/* Moves the first `n` rows of a form into its header, as spanning cells. */
static void rows_to_header(bg_table *t, int n)
{
    n = MIN(n, (int)t->rows->len);
    for (int r = 0; r < n; r++) {
        bg_row *row = t->rows->pdata[r];
        for (int c = 0; c < t->n_cols; c++) {
            bg_cell *cell = &row->cells[c];
            if (!cell->covered) {
                bg_header_cell *h = g_new0(bg_header_cell, 1);
                h->text = g_strdup(cell->text);
                h->row = r;
                h->col = c;
                h->colspan = MAX(1, cell->colspan);
                h->rowspan = MAX(1, MIN(cell->rowspan, n - r));
                g_ptr_array_add(t->header, h);
            }
            g_free(cell->text);
        }
        g_free(row->cells);
        g_free(row);
    }
    g_ptr_array_remove_range(t->rows, 0, (guint)n);
    t->header_rows = n;
}

static bg_table *one_form(const fctx *c, const bg_table_def *def, const char *id)
{
    const bg_form *form = c->form;
    bg_table *t = bg_table_new(form->width);
    t->form = true;
    t->id = g_strdup(id);
    t->number = g_strdup(def->number);
    t->title = expand(c, def->title);
    t->subtitle = form->subtitle ? expand(c, form->subtitle) : NULL;
    if (c->s.fc.project)
        t->caption = g_strdup(c->s.fc.project->name);
    t->unit_line = def->unit_line ? expand(c, def->unit_line) : g_strdup("");
    t->unit_left = def->unit_left ? expand(c, def->unit_left) : NULL;
    t->corner = def->corner ? expand(c, def->corner) : NULL;
    t->money_unit = g_strdup(form->money_unit);
    t->money_decimals = form->decimals;
    t->money_grouping = form->grouping;
    t->money_trim = form->trim;
    for (int i = 0; i < t->n_cols; i++)
        t->col_kinds[i] = BG_COL_TEXT;
    grid g = {.t = t, .taken = g_ptr_array_new_with_free_func(g_free)};
    guint r = 0;
    for (guint i = 0; i < form->rows->len; i++) {
        const bg_frow *fr = form->rows->pdata[i];
        switch (fr->kind) {
        case BG_FROW_CELLS:
            r = cells_row(&g, r, c, fr->cells);
            if (fr->heads)
                ((bg_row *)t->rows->pdata[r - 1])->kind = BG_ROW_HEAD;
            break;
        case BG_FROW_TASKS:
            r = tasks_rows(&g, r, c, fr);
            break;
        case BG_FROW_INDICATORS:
            r = indicator_rows(&g, r, c, fr);
            break;
        case BG_FROW_PROJECT_MATRIX:
            r = matrix_rows(&g, r, c, fr);
            break;
        }
    }
    /* Cells no form row filled stay blank. */
    for (guint i = 0; i < t->rows->len; i++) {
        bg_row *row = t->rows->pdata[i];
        for (int k = 0; k < t->n_cols; k++)
            if (!row->cells[k].text)
                row->cells[k].text = g_strdup("");
    }
    for (guint i = 0; i < def->notes->len; i++)
        g_ptr_array_add(t->notes, expand(c, def->notes->pdata[i]));
    g_ptr_array_free(g.taken, TRUE);
    if (form->header_rows > 0)
        rows_to_header(t, form->header_rows);
    return t;
}

void bg_derive_form(bg_eval *e, const bg_table_def *def, const bg_facts *facts,
                    GPtrArray *out)
{
    const bg_form *form = def->form;
    fctx c = {.e = e, .s = bg_eval_scope(e), .form = form, .facts = facts, .project_index = -1};
    c.s.fc.money = (bg_money_style){form->money_unit, form->decimals, form->trim, form->grouping};
    const bg_department *d = c.s.fc.d;
    if (!form->per_project) {
        g_ptr_array_add(out, one_form(&c, def, def->id));
        return;
    }
    bg_money *amounts = g_new0(bg_money, d->projects->len ? d->projects->len : 1);
    bool *chosen = g_new0(bool, d->projects->len ? d->projects->len : 1);
    for (guint i = 0; i < d->items->len; i++) {
        int p = facts[i].item->project;
        if (p < 0)
            continue;
        amounts[p] += facts[i].item->amount;
        if (form->has_projects && bg_filter_match(&form->projects, &facts[i]) &&
            facts[i].item->amount != 0)
            chosen[p] = true;
    }
    guint *order = bg_project_order(d, !form->project_code_order);
    for (guint i = 0; i < d->projects->len; i++) {
        guint p = order[i];
        if (form->has_projects && !chosen[p])
            continue;
        c.s.fc.project = &g_array_index(d->projects, bg_project, p);
        c.project_index = (int)p;
        c.s.fc.project_amount = amounts[p];
        char *id = g_strdup_printf("%s/%s", def->id, c.s.fc.project->code);
        g_ptr_array_add(out, one_form(&c, def, id));
        g_free(id);
    }
    g_free(order);
    g_free(chosen);
    g_free(amounts);
}
