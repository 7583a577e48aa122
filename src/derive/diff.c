/* Comparing two derived documents, cell by cell and sentence by sentence,
 * and two departments, line item by line item. */
#include "derive/diff.h"

#include <string.h>

static void change_free(gpointer p)
{
    bg_change *c = p;
    g_free(c->where);
    g_free(c->old_text);
    g_free(c->new_text);
    g_free(c);
}

static void add_change(GPtrArray *out, bg_change_kind kind, char *where, const char *old_text,
                       const char *new_text)
{
    bg_change *c = g_new0(bg_change, 1);
    c->kind = kind;
    c->where = where;
    c->old_text = g_strdup(old_text ? old_text : "");
    c->new_text = g_strdup(new_text ? new_text : "");
    g_ptr_array_add(out, c);
}

/* ---- tables ------------------------------------------------------------- */

/* A cell as the comparison sees it. */
typedef struct {
    const bg_cell *cell;
    char *row, *column; /* labels, for the reader */
} cell_at;

static void cell_at_free(gpointer p)
{
    cell_at *c = p;
    g_free(c->row);
    g_free(c->column);
    g_free(c);
}

/* The header path of a column: "基本支出/小计". */
static char *column_path(const bg_table *t, int c)
{
    GString *s = g_string_new(NULL);
    for (int r = 0; r < t->header_rows; r++)
        for (guint i = 0; i < t->header->len; i++) {
            const bg_header_cell *h = t->header->pdata[i];
            if (h->row == r && h->col <= c && c < h->col + h->colspan && *h->text) {
                if (s->len)
                    g_string_append_c(s, '/');
                g_string_append(s, h->text);
            }
        }
    if (!s->len)
        g_string_printf(s, "第%d列", c + 1);
    return g_string_free(s, FALSE);
}

/* A row's label: its text cells in columns [lo, hi), joined. */
static char *row_label(const bg_table *t, const bg_row *row, int lo, int hi)
{
    GString *s = g_string_new(NULL);
    for (int c = lo; c < hi; c++) {
        const bg_cell *cell = &row->cells[c];
        if (cell->has_value || cell->covered || !cell->text || !*cell->text)
            continue;
        if (s->len)
            g_string_append_c(s, ' ');
        g_string_append(s, cell->text);
        if (t->form)
            break; /* a form's row is named by its first label */
    }
    return g_string_free(s, FALSE);
}

/* The columns whose labels name column c's cells: those under the same
 * top header when it spans label columns too (one side of a two-sided
 * table: 收入 | 支出), else the whole row. */
static void block_of(const bg_table *t, int c, int *lo, int *hi)
{
    *lo = 0;
    *hi = t->n_cols;
    for (guint i = 0; !t->form && i < t->header->len; i++) {
        const bg_header_cell *h = t->header->pdata[i];
        if (h->row != 0 || c < h->col || c >= h->col + h->colspan)
            continue;
        for (int k = h->col; k < h->col + h->colspan; k++)
            if (t->col_kinds[k] == BG_COL_TEXT) {
                *lo = h->col;
                *hi = h->col + h->colspan;
                return;
            }
    }
}

/* The cells of a table by a key that survives rows coming and going: the
 * row's label (under the group row above it: a unit's 项 rows repeat the
 * same codes) and the column's header; a form's cells by label and
 * column number. */
static GHashTable *cells_of(const bg_table *t, GPtrArray *order)
{
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, cell_at_free);
    char *group = g_strdup("");
    char **paths = g_new0(char *, t->n_cols ? t->n_cols : 1);
    for (int c = 0; c < t->n_cols; c++)
        paths[c] = t->form ? g_strdup_printf("第%d列", c + 1) : column_path(t, c);
    for (guint r = 0; r < t->rows->len; r++) {
        const bg_row *row = t->rows->pdata[r];
        char *whole = row_label(t, row, 0, t->n_cols);
        if (row->kind == BG_ROW_GROUP && row->level == 2) {
            g_free(group);
            group = g_strdup(whole);
        }
        for (int c = 0; c < t->n_cols; c++) {
            const bg_cell *cell = &row->cells[c];
            if (cell->covered || (!t->form && !cell->has_value))
                continue;
            if (t->form && (!cell->has_value && c == 0))
                continue; /* the label itself */
            int lo, hi;
            block_of(t, c, &lo, &hi);
            char *label = row_label(t, row, lo, hi);
            char *full = *group && row->kind != BG_ROW_GROUP
                             ? g_strdup_printf("%s ／ %s", group, label)
                             : g_strdup(label);
            char *key = g_strdup_printf("%s\x1f%s", full, paths[c]);
            for (int n = 2; g_hash_table_contains(h, key); n++) {
                g_free(key);
                key = g_strdup_printf("%s#%d\x1f%s", full, n, paths[c]);
            }
            cell_at *x = g_new0(cell_at, 1);
            x->cell = cell;
            x->row = g_strdup(*full ? full : "（无标签）");
            x->column = g_strdup(paths[c]);
            g_hash_table_insert(h, key, x);
            if (order)
                g_ptr_array_add(order, key);
            g_free(full);
            g_free(label);
        }
        g_free(whole);
    }
    for (int c = 0; c < t->n_cols; c++)
        g_free(paths[c]);
    g_free(paths);
    g_free(group);
    return h;
}

static const bg_table *table_by_id(const bg_doc *doc, const char *id)
{
    for (guint i = 0; i < doc->tables->len; i++)
        if (strcmp(((bg_table *)doc->tables->pdata[i])->id, id) == 0)
            return doc->tables->pdata[i];
    return NULL;
}

static void cell_change(GPtrArray *out, const bg_table *t, const cell_at *o, const cell_at *n)
{
    const cell_at *any = n ? n : o;
    bool money = (o && o->cell->has_value) || (n && n->cell->has_value);
    bg_money ov = o && o->cell->has_value ? o->cell->value : 0;
    bg_money nv = n && n->cell->has_value ? n->cell->value : 0;
    const char *ot = o ? o->cell->text : "", *nt = n ? n->cell->text : "";
    if (money ? ov == nv : strcmp(ot, nt) == 0)
        return;
    add_change(out, BG_CHANGE_CELL,
               g_strdup_printf("表%s %s ｜ %s ｜ %s", t->number, t->title, any->row, any->column),
               ot, nt);
    bg_change *c = out->pdata[out->len - 1];
    c->has_value = money;
    c->old_value = ov;
    c->new_value = nv;
}

static void diff_table(GPtrArray *out, const bg_table *a, const bg_table *b)
{
    GPtrArray *order = g_ptr_array_new(), *old_order = g_ptr_array_new();
    GHashTable *ha = a ? cells_of(a, old_order) : NULL;
    GHashTable *hb = b ? cells_of(b, order) : NULL;
    const bg_table *t = b ? b : a;
    for (guint i = 0; i < order->len; i++) {
        const char *key = order->pdata[i];
        cell_change(out, t, ha ? g_hash_table_lookup(ha, key) : NULL, g_hash_table_lookup(hb, key));
    }
    /* Cells the new version no longer has, in the old one's order. */
    for (guint i = 0; i < old_order->len; i++) {
        const char *key = old_order->pdata[i];
        if (!hb || !g_hash_table_contains(hb, key))
            cell_change(out, t, g_hash_table_lookup(ha, key), NULL);
    }
    if (ha)
        g_hash_table_destroy(ha);
    if (hb)
        g_hash_table_destroy(hb);
    g_ptr_array_free(order, TRUE);
    g_ptr_array_free(old_order, TRUE);
}

/* ---- the narrative ------------------------------------------------------ */

/* The texts of a document as sections, each a list of its heading and
 * paragraphs, keyed by position: a heading that quotes a figure changes
 * with it, and is then a changed line of the same section. */
typedef struct {
    char *where;
    GPtrArray *lines; /* of const char* */
} section;

static void section_free(gpointer p)
{
    section *s = p;
    g_free(s->where);
    g_ptr_array_free(s->lines, TRUE);
    g_free(s);
}

static GPtrArray *sections_of(const bg_doc *doc)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(section_free);
    section *cover = g_new0(section, 1);
    cover->where = g_strdup("封面");
    cover->lines = g_ptr_array_new();
    g_ptr_array_add(cover->lines, doc->title);
    g_ptr_array_add(out, cover);
    for (guint i = 0; i < doc->parts->len; i++) {
        const bg_doc_part *p = doc->parts->pdata[i];
        for (guint k = 0; k < MAX(1u, p->sections->len); k++) {
            section *s = g_new0(section, 1);
            s->lines = g_ptr_array_new();
            const bg_doc_section *sec = k < p->sections->len ? p->sections->pdata[k] : NULL;
            s->where = sec && *sec->heading ? g_strdup_printf("%s ／ %s", p->title, sec->heading)
                                            : g_strdup(p->title);
            if (k == 0)
                g_ptr_array_add(s->lines, p->title);
            if (sec) {
                g_ptr_array_add(s->lines, sec->heading);
                for (guint j = 0; j < sec->paragraphs->len; j++)
                    g_ptr_array_add(s->lines, sec->paragraphs->pdata[j]);
            }
            g_ptr_array_add(out, s);
        }
    }
    return out;
}

/* Lines of a and b matched by their longest common subsequence; the
 * lines removed and added between two matches pair up as changed lines,
 * the rest stand alone. */
static void flush(GPtrArray *out, const char *where, GPtrArray *removed, GPtrArray *added)
{
    for (guint k = 0; k < MAX(removed->len, added->len); k++)
        add_change(out, BG_CHANGE_SENTENCE, g_strdup(where),
                   k < removed->len ? removed->pdata[k] : "", k < added->len ? added->pdata[k] : "");
    g_ptr_array_set_size(removed, 0);
    g_ptr_array_set_size(added, 0);
}

static void diff_lines(GPtrArray *out, const char *where, const GPtrArray *a, const GPtrArray *b)
{
    guint n = a ? a->len : 0, m = b ? b->len : 0;
    guint *len = g_new0(guint, (n + 1) * (m + 1));
#define L(i, j) len[(i) * (m + 1) + (j)]
    for (guint i = n; i-- > 0;)
        for (guint j = m; j-- > 0;)
            L(i, j) = strcmp(a->pdata[i], b->pdata[j]) == 0 ? L(i + 1, j + 1) + 1
                                                              : MAX(L(i + 1, j), L(i, j + 1));
    GPtrArray *removed = g_ptr_array_new(), *added = g_ptr_array_new();
    guint i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && strcmp(a->pdata[i], b->pdata[j]) == 0) {
            flush(out, where, removed, added);
            i++, j++;
        } else if (j >= m || (i < n && L(i + 1, j) >= L(i, j + 1))) {
            g_ptr_array_add(removed, a->pdata[i++]);
        } else {
            g_ptr_array_add(added, b->pdata[j++]);
        }
    }
    flush(out, where, removed, added);
#undef L
    g_ptr_array_free(removed, TRUE);
    g_ptr_array_free(added, TRUE);
    g_free(len);
}

/* ---- line items --------------------------------------------------------- */

static char *item_key(const bg_department *d, const bg_item *it)
{
    const bg_unit *u = &g_array_index(d->units, bg_unit, it->unit);
    const bg_project *p = it->project >= 0 ? &g_array_index(d->projects, bg_project, it->project)
                                           : NULL;
    const bg_fund *f = d->catalog->funds->pdata[it->fund];
    static const char *const cost[] = {[BG_COST_DEFAULT] = "", [BG_COST_PERSONNEL] = "，人员经费",
                                       [BG_COST_PUBLIC] = "，公用经费"};
    return g_strdup_printf("单位 %s，功能分类 %s，部门经济分类 %s，政府经济分类 %s，%s%s，%s%s%s",
                           u->code, it->function, it->dept_econ, it->gov_econ,
                           p ? "项目 " : "基本支出", p ? p->code : "", f->code,
                           it->carry_over ? "，上年结转结余" : "", cost[it->cost % 3]);
}

/* The line items of d by key, their amounts summed (two items of one key
 * are one figure of every table). */
static GHashTable *items_of(const bg_department *d, GPtrArray *order)
{
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (guint i = 0; i < d->items->len; i++) {
        const bg_item *it = &g_array_index(d->items, bg_item, i);
        char *key = item_key(d, it);
        bg_money *sum = g_hash_table_lookup(h, key);
        if (sum) {
            *sum += it->amount;
            g_free(key);
        } else {
            sum = g_new0(bg_money, 1);
            *sum = it->amount;
            g_hash_table_insert(h, key, sum);
            g_ptr_array_add(order, key);
        }
    }
    return h;
}

static void item_change(GPtrArray *out, const char *key, const bg_money *o, const bg_money *n)
{
    if (o && n && *o == *n)
        return;
    char a[BG_MONEY_BUF], b[BG_MONEY_BUF];
    add_change(out, BG_CHANGE_ITEM, g_strdup(key), o ? bg_money_format_exact(*o, a) : "",
               n ? bg_money_format_exact(*n, b) : "");
    bg_change *c = out->pdata[out->len - 1];
    c->has_value = true;
    c->old_value = o ? *o : 0;
    c->new_value = n ? *n : 0;
}

GPtrArray *bg_diff(const bg_department *a, const bg_doc *doc_a, const bg_department *b,
                   const bg_doc *doc_b)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(change_free);
    for (guint i = 0; i < doc_b->tables->len; i++) {
        const bg_table *t = doc_b->tables->pdata[i];
        diff_table(out, table_by_id(doc_a, t->id), t);
    }
    for (guint i = 0; i < doc_a->tables->len; i++) {
        const bg_table *t = doc_a->tables->pdata[i];
        if (!table_by_id(doc_b, t->id))
            diff_table(out, t, NULL);
    }
    GPtrArray *sa = sections_of(doc_a), *sb = sections_of(doc_b);
    for (guint i = 0; i < MAX(sa->len, sb->len); i++) {
        const section *x = i < sa->len ? sa->pdata[i] : NULL, *y = i < sb->len ? sb->pdata[i] : NULL;
        diff_lines(out, (y ? y : x)->where, x ? x->lines : NULL, y ? y->lines : NULL);
    }
    g_ptr_array_free(sa, TRUE);
    g_ptr_array_free(sb, TRUE);
    GPtrArray *oa = g_ptr_array_new(), *ob = g_ptr_array_new();
    GHashTable *ia = items_of(a, oa), *ib = items_of(b, ob);
    for (guint i = 0; i < ob->len; i++)
        item_change(out, ob->pdata[i], g_hash_table_lookup(ia, ob->pdata[i]),
                    g_hash_table_lookup(ib, ob->pdata[i]));
    for (guint i = 0; i < oa->len; i++)
        if (!g_hash_table_contains(ib, oa->pdata[i]))
            item_change(out, oa->pdata[i], g_hash_table_lookup(ia, oa->pdata[i]), NULL);
    g_hash_table_destroy(ia);
    g_hash_table_destroy(ib);
    g_ptr_array_free(oa, TRUE);
    g_ptr_array_free(ob, TRUE);
    return out;
}

/* ---- marking the figures that changed ----------------------------------- */

static bool number_char(const char *p)
{
    return g_ascii_isdigit(*p) || ((*p == '.' || *p == ',') && g_ascii_isdigit(p[1]));
}

/* The numbers of a text, as offsets and lengths. */
static GArray *numbers(const char *s)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(int) * 2);
    for (const char *p = s; *p;) {
        if (!g_ascii_isdigit(*p)) {
            p++;
            continue;
        }
        const char *q = p;
        while (*q && number_char(q))
            q++;
        if (*q == '%')
            q++;
        int span[2] = {(int)(p - s), (int)(q - p)};
        g_array_append_val(out, span);
        p = q;
    }
    return out;
}

/* `s` with the numbers not in `other` (by position when both have as many,
 * else by value) marked 【…】. */
static char *mark(const char *s, const char *other)
{
    GArray *mine = numbers(s), *theirs = numbers(other);
    GString *out = g_string_new(NULL);
    int at = 0;
    for (guint i = 0; i < mine->len; i++) {
        int *sp = &g_array_index(mine, int, 2 * i);
        bool same = false;
        for (guint k = 0; k < theirs->len && !same; k++) {
            if (mine->len == theirs->len && k != i)
                continue;
            int *tp = &g_array_index(theirs, int, 2 * k);
            same = sp[1] == tp[1] && strncmp(s + sp[0], other + tp[0], (size_t)sp[1]) == 0;
        }
        g_string_append_len(out, s + at, sp[0] - at);
        if (!same)
            g_string_append(out, "【");
        g_string_append_len(out, s + sp[0], sp[1]);
        if (!same)
            g_string_append(out, "】");
        at = sp[0] + sp[1];
    }
    g_string_append(out, s + at);
    g_array_free(mine, TRUE);
    g_array_free(theirs, TRUE);
    return g_string_free(out, FALSE);
}

void bg_diff_mark(const char *old_text, const char *new_text, char **old_marked,
                  char **new_marked)
{
    *old_marked = mark(old_text, new_text);
    *new_marked = mark(new_text, old_text);
}
