/* Audit of a published disclosure's tables: totals against their parts as
 * the format's column trees and row sources say, the same figure across
 * tables as its `figures:` and `also:` say, and tables the format requires.
 * Rounding to the printed digit is never an error: a sum of n rounded parts
 * may miss its rounded total by (n + 1) halves of a unit. */
#include "derive/audit.h"

#include <string.h>

#include "model/money.h"

/* ---- findings ----------------------------------------------------------- */

static void finding_free(gpointer p)
{
    bg_finding *f = p;
    g_free(f->where);
    g_free(f->table);
    g_free(f->found);
    g_free(f->expected);
    g_free(f->message);
    g_free(f);
}

void bg_audit_add(GPtrArray *out, bg_audit_severity sev, const char *rule, int line,
                  const char *table, const char *where, const char *found,
                  const char *expected, const char *message)
{
    bg_finding *f = g_new0(bg_finding, 1);
    f->severity = sev;
    f->rule = rule;
    f->line = line;
    f->table = g_strdup(table);
    f->where = g_strdup(where);
    f->found = g_strdup(found);
    f->expected = g_strdup(expected);
    f->message = g_strdup(message);
    g_ptr_array_add(out, f);
}

char *bg_audit_money(int64_t fen, int64_t unit)
{
    char buf[BG_MONEY_BUF];
    if (unit >= 10000) { /* a 万元 figure: its printed decimals */
        int decimals = unit >= 1000000 ? 0 : unit >= 100000 ? 1 : 2;
        return g_strdup_printf("%s万元", bg_money_format_wan(fen, decimals, unit >= 1000000, buf));
    }
    return g_strdup_printf("%s元", bg_money_format_yuan(fen, buf));
}

/* Whether |a − b| stays within the rounding of n + 1 printed values of
 * `unit` (n parts and their total). */
static bool within_rounding(int64_t a, int64_t b, int64_t unit, int n)
{
    int64_t d = a > b ? a - b : b - a;
    return 2 * (__int128)d <= (__int128)(n + 1) * unit;
}

/* 表5, or 表5（5-2） for the second table of one number. */
static char *table_name(const bg_pub_table *t)
{
    if (strcmp(t->def->number, t->def->id) != 0)
        return g_strdup_printf("表%s（%s）", t->def->number, t->def->id);
    return g_strdup_printf("表%s", t->def->number);
}

/* ---- reading cells ------------------------------------------------------ */

/* Leaf index of a column: the table's own numbering of its columns. */
static int leaf_index(const bg_pub_table *t, const bg_column *c)
{
    for (int i = 0; i < t->n_cols; i++)
        if (((bg_pub_leaf *)t->leaves->pdata[i])->col == c)
            return i;
    return -1;
}

/* Whether the table can be read in the format's columns at all. */
static bool usable(const bg_pub_table *t)
{
    return t && t->missing->len == 0;
}

static const char *first_total_label(const bg_table_def *def, int block)
{
    const bg_block *b = def->blocks->pdata[block];
    for (guint i = 0; i < b->rows->len; i++) {
        const bg_rows *r = b->rows->pdata[i];
        if (r->kind == BG_ROWS_TOTAL)
            return r->label;
    }
    return b->footer->len ? ((bg_fixed_row *)b->footer->pdata[0])->label : NULL;
}

static const bg_pub_row *row_by_label(const bg_pub_table *t, int block, const char *label)
{
    char *want = bg_pub_normalize(label);
    const bg_pub_row *hit = NULL;
    for (guint i = 0; i < t->rows->len && !hit; i++) {
        const bg_pub_row *r = t->rows->pdata[i];
        if (r->block == block && strcmp(r->label, want) == 0)
            hit = r;
        /* side-by-side blocks of a tab-separated table share their lines */
        if (!hit && t->def->blocks->len > 1 && r->block == 0) {
            for (int c = 0; c < t->n_cols; c++) {
                const bg_pub_leaf *l = t->leaves->pdata[c];
                char *n = l->block == block && l->key >= 0 ? bg_pub_normalize(r->cells[c].text) : NULL;
                if (n && strcmp(n, want) == 0)
                    hit = r;
                g_free(n);
            }
        }
    }
    g_free(want);
    return hit;
}

/* Reads the cell a reference names. */
static bool read_ref(const bg_published *p, const bg_cell_ref *ref, int64_t *fen, int *line,
                     const bg_pub_table **table)
{
    for (guint i = 0; i < p->tables->len; i++) {
        const bg_pub_table *t = p->tables->pdata[i];
        if (!t || strcmp(t->def->id, ref->table) != 0 || !usable(t))
            continue;
        char y[16];
        g_snprintf(y, sizeof y, "%d", p->year);
        GString *path = g_string_new(ref->column);
        g_string_replace(path, "{year}", y, 0);
        int matches, block;
        int col = bg_table_def_column_range(t->def, path->str, &matches, NULL, NULL, &block);
        g_string_free(path, TRUE);
        if (col < 0 || col >= t->n_cols)
            return false;
        *table = t;
        if (t->rows->len == 0) { /* an empty table's cells are zero */
            *fen = 0;
            *line = t->title_line;
            return true;
        }
        const char *label = ref->row ? ref->row : first_total_label(t->def, block);
        const bg_pub_row *r = label ? row_by_label(t, block, label) : NULL;
        if (!r || !r->readable)
            return false;
        *fen = r->cells[col].fen;
        *line = r->line;
        return true;
    }
    return false;
}

typedef struct {
    const bg_cell_ref *ref;
    int64_t fen;
    int line;
    const bg_pub_table *table;
} statement;

/* The cells that state a figure and could be read. */
static GArray *statements(const bg_published *p, const bg_figure_def *fig)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(statement));
    if (fig->kind == BG_FIG_CELL) {
        statement s = {.ref = &fig->cell};
        if (read_ref(p, &fig->cell, &s.fen, &s.line, &s.table))
            g_array_append_val(out, s);
    }
    for (guint i = 0; fig->also && i < fig->also->len; i++) {
        statement s = {.ref = fig->also->pdata[i]};
        if (read_ref(p, s.ref, &s.fen, &s.line, &s.table))
            g_array_append_val(out, s);
    }
    return out;
}

gboolean bg_audit_figure_value(const bg_published *p, const char *figure, int64_t *fen,
                               int64_t *unit)
{
    const bg_figure_def *fig = bg_format_figure(p->format, figure);
    if (!fig)
        return FALSE;
    GArray *s = statements(p, fig);
    gboolean ok = s->len > 0;
    if (ok) {
        *fen = g_array_index(s, statement, 0).fen;
        *unit = p->money_unit_fen;
    }
    g_array_free(s, TRUE);
    return ok;
}

/* ---- rules -------------------------------------------------------------- */

/* A title template with the department and year the document prints. */
static char *title_of(const bg_published *p, const bg_table_def *def)
{
    char y[16];
    g_snprintf(y, sizeof y, "%d", p->year);
    GString *s = g_string_new(def->title);
    g_string_replace(s, "{department}", p->department ? p->department : "", 0);
    g_string_replace(s, "{year}", y, 0);
    return g_string_free(s, FALSE);
}

static void rule_structure(const bg_published *p, GPtrArray *out)
{
    for (guint i = 0; i < p->tables->len; i++) {
        const bg_pub_table *t = p->tables->pdata[i];
        const bg_table_def *def = p->format->tables->pdata[i];
        if (def->form)
            continue;
        if (!t) {
            char *title = title_of(p, def);
            char *where = g_strdup_printf("表%s", def->number);
            bg_audit_add(out, BG_AUDIT_ERROR, "missing_table", 0, def->id, where, "未找到", title,
                         "格式要求的表缺失");
            g_free(where);
            g_free(title);
            continue;
        }
        char *name = table_name(t);
        if (!t->title_exact) {
            char *title = title_of(p, def);
            bg_audit_add(out, BG_AUDIT_WARNING, "title", t->title_line, def->id, name, t->title,
                         title, "表的标题与格式不同");
            g_free(title);
        }
        for (guint m = 0; m < t->missing->len; m++) {
            char *where = g_strdup_printf("%s ｜ 表头", name);
            bg_audit_add(out, BG_AUDIT_ERROR, "header", t->title_line, def->id, where,
                         "缺少此列", t->missing->pdata[m],
                         "表头少了格式规定的列，其后各列的数字错位（此表其余规则不再检查）");
            g_free(where);
        }
        /* Empty: its rows hold no amount; the format wants a remark why. */
        bool any = false;
        for (guint r = 0; r < t->rows->len && !any; r++) {
            const bg_pub_row *row = t->rows->pdata[r];
            for (int c = 0; c < t->n_cols && !any; c++)
                any = row->cells[c].is_amount && row->cells[c].fen != 0;
        }
        if (!any && def->empty_remark && usable(t)) {
            guint own = def->notes ? def->notes->len : 0;
            if (t->notes->len <= own)
                bg_audit_add(out, BG_AUDIT_ERROR, "empty_without_remark", t->title_line, def->id,
                             name, "空表，无说明", def->empty_remark, "空表没有说明为何为空");
        }
        g_free(name);
    }
}

/* The first amount leaf under a column (itself when it is one). */
static const bg_column *first_leaf(const bg_column *c)
{
    while (c->children && c->children->len)
        c = c->children->pdata[0];
    return c->key < 0 ? c : NULL;
}

static void add_subtree(GPtrArray *acc, const bg_column *c)
{
    if (!c->children) {
        if (c->key < 0)
            g_ptr_array_add(acc, (gpointer)c);
        return;
    }
    for (guint i = 0; i < c->children->len; i++)
        add_subtree(acc, c->children->pdata[i]);
}

/* The siblings list a column stands in: its parent's children, or the top
 * columns of its block. */
static const GPtrArray *siblings_of(const bg_pub_table *t, const bg_pub_leaf *l)
{
    if (l->parent)
        return l->parent->children;
    return ((bg_block *)t->def->blocks->pdata[l->block])->columns;
}

/* The parts a total column adds up, as `total_of` says. */
static GPtrArray *parts_of(const bg_pub_table *t, const bg_pub_leaf *l)
{
    GPtrArray *parts = g_ptr_array_new();
    const GPtrArray *sib = siblings_of(t, l);
    guint at = 0;
    while (at < sib->len && sib->pdata[at] != l->col)
        at++;
    for (guint i = 0; i < sib->len; i++) {
        const bg_column *s = sib->pdata[i];
        if (s == l->col)
            continue;
        if (l->col->total_of == BG_TOTAL_SIBLINGS) {
            add_subtree(parts, s);
        } else if (i > at) {
            const bg_column *f = first_leaf(s);
            if (f)
                g_ptr_array_add(parts, (gpointer)f);
        }
    }
    return parts;
}

static void check_sum(GPtrArray *out, const bg_published *p, const bg_pub_table *t, const char *rule,
                      int line, const char *where, int64_t total, int64_t sum, int n,
                      const char *what)
{
    if (within_rounding(total, sum, p->money_unit_fen, n))
        return;
    char *found = bg_audit_money(total, p->money_unit_fen);
    char *want = bg_audit_money(sum, p->money_unit_fen);
    char *expected = g_strdup_printf("%s（%s）", want, what);
    bg_audit_add(out, BG_AUDIT_ERROR, rule, line, t->def->id, where, found, expected,
                 "合计不等于各部分之和");
    g_free(found);
    g_free(want);
    g_free(expected);
}

static void rule_column_totals(const bg_published *p, const bg_pub_table *t, GPtrArray *out)
{
    char *name = table_name(t);
    for (int c = 0; c < t->n_cols; c++) {
        const bg_pub_leaf *l = t->leaves->pdata[c];
        if (l->key >= 0 || l->col->total_of == BG_TOTAL_NONE)
            continue;
        GPtrArray *parts = parts_of(t, l);
        for (guint r = 0; parts->len && r < t->rows->len; r++) {
            const bg_pub_row *row = t->rows->pdata[r];
            /* a tab-separated line holds every block's cells */
            if (!row->readable || (row->block != l->block && !t->header_checked))
                continue;
            int64_t sum = 0;
            GString *what = g_string_new(NULL);
            for (guint k = 0; k < parts->len; k++) {
                int i = leaf_index(t, parts->pdata[k]);
                if (i >= 0)
                    sum += row->cells[i].fen;
                if (i >= 0)
                    g_string_append_printf(what, "%s%s", k ? "＋" : "",
                                           ((bg_pub_leaf *)t->leaves->pdata[i])->path);
            }
            char *where = g_strdup_printf("%s ｜ %s ｜ %s", name, row->label, l->path);
            check_sum(out, p, t, "column_total", row->line, where, row->cells[c].fen, sum,
                      (int)parts->len, what->str);
            g_free(where);
            g_string_free(what, TRUE);
        }
        g_ptr_array_free(parts, TRUE);
    }
    g_free(name);
}

/* A total row against the rows under it, and each row with code levels
 * against the finer rows that follow it. */
static void rule_row_totals(const bg_published *p, const bg_pub_table *t, GPtrArray *out)
{
    char *name = table_name(t);
    for (guint b = 0; b < t->def->blocks->len; b++) {
        const bg_block *blk = t->def->blocks->pdata[b];
        const bg_rows *total = NULL;
        for (guint i = 0; i < blk->rows->len && !total; i++)
            if (((bg_rows *)blk->rows->pdata[i])->kind == BG_ROWS_TOTAL)
                total = blk->rows->pdata[i];
        if (!total || !total->label)
            continue;
        /* rows of data: after the total row, in this block */
        GPtrArray *rows = g_ptr_array_new();
        const bg_pub_row *trow = row_by_label(t, (int)b, total->label);
        bool after = false, all_readable = trow && trow->readable;
        for (guint i = 0; trow && i < t->rows->len; i++) {
            const bg_pub_row *r = t->rows->pdata[i];
            if (r == trow) {
                after = true;
                continue;
            }
            if (after && r->block == (int)b) {
                g_ptr_array_add(rows, (gpointer)r);
                all_readable = all_readable && r->readable;
            }
        }
        if (!all_readable || rows->len == 0) {
            g_ptr_array_free(rows, TRUE);
            continue;
        }
        /* The department's own row stands between the total and its
         * units: it states the total again. */
        const bg_pub_row *dept = NULL;
        for (guint i = 0; i < blk->rows->len && !dept; i++)
            if (((bg_rows *)blk->rows->pdata[i])->kind == BG_ROWS_DEPARTMENT)
                dept = g_ptr_array_steal_index(rows, 0);
        if (rows->len == 0) {
            g_ptr_array_free(rows, TRUE);
            continue;
        }
        int top = 99;
        for (guint i = 0; i < rows->len; i++)
            if (((bg_pub_row *)rows->pdata[i])->depth < top)
                top = ((bg_pub_row *)rows->pdata[i])->depth;
        for (int c = 0; c < t->n_cols; c++) {
            const bg_pub_leaf *l = t->leaves->pdata[c];
            if (l->key >= 0 || l->block != (int)b)
                continue;
            /* the total: the rows of the top level */
            int64_t sum = 0;
            int n = 0;
            for (guint i = 0; i < rows->len; i++) {
                const bg_pub_row *r = rows->pdata[i];
                if (r->depth == top) {
                    sum += r->cells[c].fen;
                    n++;
                }
            }
            char *where = g_strdup_printf("%s ｜ %s ｜ %s", name, trow->label, l->path);
            check_sum(out, p, t, "row_total", trow->line, where, trow->cells[c].fen, sum, n,
                      "其下各行之和");
            g_free(where);
            if (dept) {
                char *w = g_strdup_printf("%s ｜ %s ｜ %s", name, dept->label, l->path);
                check_sum(out, p, t, "row_total", dept->line, w, dept->cells[c].fen,
                          trow->cells[c].fen, 0, "合计行");
                g_free(w);
            }
            /* each row against its direct children */
            for (guint i = 0; i < rows->len; i++) {
                const bg_pub_row *r = rows->pdata[i];
                int64_t s = 0;
                int k = 0, child = 99;
                for (guint j = i + 1; j < rows->len; j++) {
                    const bg_pub_row *q = rows->pdata[j];
                    if (q->depth <= r->depth)
                        break;
                    if (q->depth < child)
                        child = q->depth;
                }
                for (guint j = i + 1; j < rows->len; j++) {
                    const bg_pub_row *q = rows->pdata[j];
                    if (q->depth <= r->depth)
                        break;
                    if (q->depth == child) {
                        s += q->cells[c].fen;
                        k++;
                    }
                }
                if (k == 0)
                    continue;
                char *w = g_strdup_printf("%s ｜ %s ｜ %s", name, r->label, l->path);
                check_sum(out, p, t, "row_total", r->line, w, r->cells[c].fen, s, k,
                          "其下各行之和");
                g_free(w);
            }
        }
        g_ptr_array_free(rows, TRUE);
    }
    g_free(name);
}

static char *ref_where(const statement *s)
{
    return g_strdup_printf("表%s ｜ %s ｜ %s", s->table->def->number, s->ref->row ? s->ref->row : "合计行",
                           s->ref->column);
}

/* The same figure in every table that states it. The amount most of them
 * print is taken as right; on a tie, the figure's own cell. */
static void rule_cross_table(const bg_published *p, GPtrArray *out)
{
    for (guint i = 0; i < p->format->figures->len; i++) {
        const bg_figure_def *fig = p->format->figures->pdata[i];
        GArray *s = statements(p, fig);
        guint best = 0, best_n = 0;
        for (guint a = 0; a < s->len; a++) {
            guint n = 0;
            for (guint b = 0; b < s->len; b++)
                n += g_array_index(s, statement, a).fen == g_array_index(s, statement, b).fen;
            if (n > best_n) {
                best = a;
                best_n = n;
            }
        }
        for (guint a = 0; a < s->len; a++) {
            const statement *x = &g_array_index(s, statement, a), *ref = &g_array_index(s, statement, best);
            if (x->fen == ref->fen)
                continue;
            char *where = ref_where(x), *other = ref_where(ref);
            char *found = bg_audit_money(x->fen, p->money_unit_fen);
            char *v = bg_audit_money(ref->fen, p->money_unit_fen);
            char *expected = g_strdup_printf("%s（%s）", v, other);
            char *msg = g_strdup_printf("同一数字（%s）在表间不一致", fig->name);
            bg_audit_add(out, BG_AUDIT_ERROR, "cross_table", x->line, x->table->def->id, where,
                         found, expected, msg);
            g_free(where);
            g_free(other);
            g_free(found);
            g_free(v);
            g_free(expected);
            g_free(msg);
        }
        g_array_free(s, TRUE);
    }
}

/* ---- row labels ---------------------------------------------------------- */

/* A row's code and name, as printed: a function 类款项 ("f2010301") or a
 * department economic 类款 ("d30108"). */
static bool row_code(const bg_pub_table *t, const bg_pub_row *r, GString *code, const char **name)
{
    GString *f = g_string_new("f"), *d = g_string_new("d");
    const char *fname = NULL, *dname = NULL;
    int fparts = 0;
    for (int c = 0; c < t->n_cols; c++) {
        const bg_pub_leaf *l = t->leaves->pdata[c];
        const char *text = r->cells[c].text;
        if (l->key == BG_KEY_FUNC_CLASS || l->key == BG_KEY_FUNC_KIND || l->key == BG_KEY_FUNC_ITEM) {
            g_string_append(f, text);
            fparts += *text != '\0';
        } else if (l->key == BG_KEY_NAME) {
            fname = text;
        } else if (l->key == BG_KEY_DEPT_CLASS || l->key == BG_KEY_DEPT_KIND ||
                   l->key == BG_KEY_DEPT_CODE) {
            g_string_append(d, text);
        } else if (l->key == BG_KEY_DEPT_NAME) {
            dname = text;
        }
    }
    bool ok = false;
    if (fparts == 3 && fname && *fname) {
        g_string_assign(code, f->str);
        *name = fname;
        ok = true;
    } else if (d->len == 6 && dname && *dname) { /* "d" and five digits: a 款 */
        g_string_assign(code, d->str);
        *name = dname;
        ok = true;
    }
    g_string_free(f, TRUE);
    g_string_free(d, TRUE);
    return ok;
}

/* The same code printed with two names in two tables. */
static void rule_code_names(const bg_published *p, GPtrArray *out)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GString *code = g_string_new(NULL);
    for (guint i = 0; i < p->tables->len; i++) {
        const bg_pub_table *t = p->tables->pdata[i];
        for (guint r = 0; t && r < t->rows->len; r++) {
            const bg_pub_row *row = t->rows->pdata[r];
            const char *name;
            /* a name a line short is no name to compare */
            if (row->partial_keys || !row_code(t, row, code, &name))
                continue;
            const bg_pub_row *first = NULL;
            const bg_pub_table *ft = NULL;
            gpointer hit = g_hash_table_lookup(seen, code->str);
            if (!hit) {
                g_hash_table_insert(seen, g_strdup(code->str), (gpointer)row);
                g_hash_table_insert(seen, g_strconcat(code->str, "@", NULL), (gpointer)t);
                continue;
            }
            first = hit;
            char *key = g_strconcat(code->str, "@", NULL);
            ft = g_hash_table_lookup(seen, key);
            g_free(key);
            const char *first_name;
            GString *c2 = g_string_new(NULL);
            row_code(ft, first, c2, &first_name);
            g_string_free(c2, TRUE);
            if (bg_label_equal(first_name, name))
                continue;
            char *a = table_name(ft), *b = table_name(t);
            char *where = g_strdup_printf("%s ｜ %s", b, code->str + 1);
            char *found = g_strdup_printf("%s：%s", b, name);
            char *expected = g_strdup_printf("与%s一致（%s印作：%s）", a, a, first_name);
            bg_audit_add(out, BG_AUDIT_WARNING, "row_name", row->line, t->def->id, where, found,
                         expected, "同一科目在两张表中名称不同");
            g_free(found);
            g_free(a);
            g_free(b);
            g_free(where);
            g_free(expected);
        }
    }
    g_string_free(code, TRUE);
    g_hash_table_unref(seen);
}

static void labels_of(const bg_table_def *def, GPtrArray *acc)
{
    for (guint b = 0; b < def->blocks->len; b++) {
        const bg_block *blk = def->blocks->pdata[b];
        for (guint i = 0; i < blk->rows->len; i++) {
            const bg_rows *r = blk->rows->pdata[i];
            for (guint k = 0; r->fixed && k < r->fixed->len; k++)
                g_ptr_array_add(acc, ((bg_fixed_row *)r->fixed->pdata[k])->label);
            if (r->kind == BG_ROWS_TOTAL && r->label)
                g_ptr_array_add(acc, r->label);
        }
        for (guint k = 0; k < blk->footer->len; k++)
            g_ptr_array_add(acc, ((bg_fixed_row *)blk->footer->pdata[k])->label);
    }
}

/* The ordinal a label opens with: （三）, 一、 or 3、; NULL when none. */
static char *ordinal(const char *label)
{
    const char *close = NULL;
    if (g_str_has_prefix(label, "（"))
        close = strstr(label, "）");
    else
        close = strstr(label, "、");
    if (!close || close - label > 15)
        return NULL;
    close += 3; /* both are three bytes */
    return g_strndup(label, (gsize)(close - label));
}

/* A fixed row's label misprinted: a word of the table's text that opens
 * with the ordinal of one of its fixed rows that is not printed as the
 * format writes it, and is none of its labels. */
static void rule_fixed_labels(const bg_published *p, const bg_pub_table *t, GPtrArray *out)
{
    GPtrArray *labels = g_ptr_array_new();
    labels_of(t->def, labels);
    GPtrArray *norm = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < labels->len; i++)
        g_ptr_array_add(norm, bg_pub_normalize(labels->pdata[i]));
    GHashTable *printed = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
    GArray *lines = g_array_new(FALSE, FALSE, sizeof(int));
    /* A PDF's rows placed in columns: their key cells, wrapped lines
     * joined, unless a line may be missing; its lines' words are pieces
     * of labels that wrap, and tell only what is printed. */
    bool placed = p->words && t->header_checked;
    GPtrArray *seen = g_ptr_array_new_with_free_func(g_free);
    for (guint r = 0; placed && r < t->rows->len + t->blank_rows->len; r++) {
        const bg_pub_row *row = r < t->rows->len ? t->rows->pdata[r]
                                                 : t->blank_rows->pdata[r - t->rows->len];
        for (int c = 0; c < t->n_cols && !row->partial_keys; c++) {
            char *n = ((bg_pub_leaf *)t->leaves->pdata[c])->key >= 0 ? bg_pub_normalize(row->cells[c].text) : NULL;
            if (!n || !*n) {
                g_free(n);
                continue;
            }
            g_array_append_val(lines, row->line);
            g_ptr_array_add(words, n);
        }
    }
    for (int l = t->title_line; l < t->end_line && l < (int)p->lines->len; l++) {
        char **tok = g_strsplit_set(p->lines->pdata[l], strchr(p->lines->pdata[l], '\t') ? "\t" : " \t", -1);
        for (char **w = tok; *w; w++) {
            char *n = bg_pub_normalize(*w);
            if (!*n) {
                g_free(n);
                continue;
            }
            if (placed) {
                g_ptr_array_add(seen, n);
                continue;
            }
            int line = l + 1;
            g_array_append_val(lines, line);
            g_ptr_array_add(words, n);
        }
        g_strfreev(tok);
    }
    for (guint i = 0; i < seen->len; i++)
        for (guint k = 0; k < norm->len; k++)
            if (strcmp(seen->pdata[i], norm->pdata[k]) == 0)
                g_hash_table_add(printed, norm->pdata[k]);
    for (guint i = 0; i < words->len; i++)
        for (guint k = 0; k < norm->len; k++)
            if (strcmp(words->pdata[i], norm->pdata[k]) == 0)
                g_hash_table_add(printed, norm->pdata[k]);
    for (guint i = 0; i < words->len; i++) {
        const char *w = words->pdata[i];
        char *ord = ordinal(w);
        bool known = false;
        for (guint k = 0; k < norm->len && !known; k++)
            known = strcmp(w, norm->pdata[k]) == 0;
        const char *candidate = NULL;
        int candidates = 0;
        for (guint k = 0; ord && !known && k < norm->len; k++) {
            const char *lab = norm->pdata[k];
            if (g_str_has_prefix(lab, ord) && strlen(lab) > strlen(ord) && strlen(w) > strlen(ord) &&
                !g_hash_table_contains(printed, lab)) {
                candidate = lab;
                candidates++;
            }
        }
        if (candidates == 1) {
            char *name = table_name(t);
            bg_audit_add(out, BG_AUDIT_WARNING, "row_label", g_array_index(lines, int, i), t->def->id,
                         name, w, candidate, "行名与格式不同");
            g_free(name);
        }
        g_free(ord);
    }
    g_array_free(lines, TRUE);
    g_ptr_array_unref(words);
    g_ptr_array_unref(seen);
    g_hash_table_unref(printed);
    g_ptr_array_unref(norm);
    g_ptr_array_free(labels, TRUE);
}

static int by_line(gconstpointer a, gconstpointer b)
{
    const bg_finding *x = *(bg_finding *const *)a, *y = *(bg_finding *const *)b;
    return (x->line > y->line) - (x->line < y->line);
}

GPtrArray *bg_audit(const bg_published *p)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(finding_free);
    rule_structure(p, out);
    rule_code_names(p, out);
    for (guint i = 0; i < p->tables->len; i++) {
        const bg_pub_table *t = p->tables->pdata[i];
        if (t)
            rule_fixed_labels(p, t, out);
        if (!usable(t))
            continue;
        rule_column_totals(p, t, out);
        rule_row_totals(p, t, out);
    }
    rule_cross_table(p, out);
    bg_audit_narrative(p, out);
    g_ptr_array_sort(out, by_line);
    return out;
}
