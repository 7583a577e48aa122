/* Checks a loaded format as a whole: every template names figures, fields,
 * lists and phrases that exist, every figure can be evaluated (its terms
 * exist, no figure is defined through itself, its cells are cells of real
 * tables). A mistake is reported at its place in format.yaml, when the
 * format is loaded, rather than printed into a document. */
#include <string.h>

#include "input/format_internal.h"
#include "model/template.h"

typedef struct {
    floader *L;
    const bg_template_site *site;
    int list_kind; /* of the site's list, or -1 */
    GHashTable *seen; /* messages given for this site */
} check;

static void site_error(check *c, const char *fmt, const char *name)
{
    const bg_template_site *s = c->site;
    char *msg = g_strdup_printf(fmt, name);
    /* One message a mistake, however often the template repeats it. */
    if (!g_hash_table_contains(c->seen, msg)) {
        g_hash_table_add(c->seen, msg);
        glong n = g_utf8_strlen(s->text, -1);
        char *head = g_utf8_substring(s->text, 0, MIN(n, 40));
        bg_diag_add(c->L->r.diag, c->L->r.file, s->line, s->col, s->path, "%s（模板：%s%s）",
                    msg, head, n > 40 ? "…" : "");
        g_free(head);
    } else {
        g_free(msg);
    }
}

/* Names that stand for an amount: what share, phrases and conditions take. */
static bool amount_name(const check *c, const char *name)
{
    const bg_format *f = c->L->f;
    if (bg_format_figure(f, name) || (g_str_has_prefix(name, "figures.") && name[8]))
        return true;
    if (c->site->scope == BG_SCOPE_PHRASE &&
        (strcmp(name, "a") == 0 || strcmp(name, "b") == 0 || strcmp(name, "diff") == 0))
        return true;
    if (c->site->project_form &&
        (strcmp(name, "project.amount") == 0 || strcmp(name, "project.total") == 0 ||
         strcmp(name, "project.previous_total") == 0 ||
         strcmp(name, "project.previous_amount") == 0))
        return true;
    if (c->list_kind >= 0 &&
        (strcmp(name, "item.amount") == 0 ||
         (c->list_kind == BG_LIST_PROJECTS &&
          (strcmp(name, "item.previous") == 0 ||
           (g_str_has_prefix(name, "item.figures.") && name[13])))))
        return true;
    return false;
}

static bool value_name(const check *c, const char *name)
{
    if (amount_name(c, name))
        return true;
    if (c->site->scope == BG_SCOPE_PHRASE && strcmp(name, "rate") == 0)
        return true;
    return bg_field_known(name, c->site->scope, c->site->project_form, c->list_kind);
}

/* Records the department's keys a name quotes (texts.KEY, figures.KEY),
 * so that `check` can say which of a file's texts no template prints. */
static void quote(floader *L, const char *name)
{
    if (g_str_has_prefix(name, "texts.") || g_str_has_prefix(name, "figures."))
        g_hash_table_add(L->f->quoted, g_strdup(name));
}

static void check_name(const char *raw, void *data)
{
    check *c = data;
    const bg_format *f = c->L->f;
    const char *name = raw[0] == '?' ? raw + 1 : raw;
    char **parts = g_strsplit(name, ":", -1);
    for (int i = 0; parts[i]; i++)
        quote(c->L, parts[i]);
    g_strfreev(parts);
    if (!strchr(name, ':')) {
        if (!value_name(c, name))
            site_error(c, "没有名为“%s”的数字或字段", name);
        return;
    }
    char **a = g_strsplit(name, ":", -1);
    guint argc = g_strv_length(a) - 1;
    const bg_phrase *ph = bg_format_phrase(f, a[0]);
    int want = strcmp(a[0], "share") == 0 ? 2
               : strcmp(a[0], "count") == 0 || strcmp(a[0], "has") == 0 ? 1
               : ph ? ph->args
                    : -1;
    if (want < 0) {
        site_error(c, "没有名为“%s”的函数或措辞（phrases）", a[0]);
    } else if ((int)argc != want) {
        char *what = g_strdup_printf("“%s”要 %d 个参数（用“:”分隔），这里是 %u 个", a[0], want, argc);
        site_error(c, "%s", what);
        g_free(what);
    } else if (strcmp(a[0], "count") == 0) {
        if (!bg_format_list_def(f, a[1]))
            site_error(c, "没有名为“%s”的列表（lists）", a[1]);
    } else if (strcmp(a[0], "has") == 0) {
        check_name(a[1], c);
    } else {
        for (guint i = 1; i <= argc; i++)
            if (!amount_name(c, a[i]))
                site_error(c, "“%s”不是金额（数字名称、figures.键 或列表的 item.amount）", a[i]);
    }
    g_strfreev(a);
}

static void check_site(floader *L, const bg_template_site *s)
{
    check c = {.L = L, .site = s, .list_kind = -1,
               .seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    if (s->scope == BG_SCOPE_ITEM) {
        const bg_list_def *l = s->list ? bg_format_list_def(L->f, s->list) : NULL;
        if (!l) {
            site_error(&c, "没有名为“%s”的列表（请在 lists 下定义）", s->list ? s->list : "");
            g_hash_table_destroy(c.seen);
            return;
        }
        c.list_kind = (int)l->of;
    }
    if (s->bare) {
        quote(L, s->text);
        if (s->scope == BG_SCOPE_FIGURE ? !amount_name(&c, s->text) : !value_name(&c, s->text))
            site_error(&c, "没有名为“%s”的数字或字段", s->text);
    } else {
        char *err = bg_template_syntax_error(s->text);
        if (err)
            site_error(&c, "%s", err);
        else
            bg_template_each(s->text, check_name, &c);
        g_free(err);
    }
    g_hash_table_destroy(c.seen);
}

static void figure_error(floader *L, int line, int col, const char *name, const char *msg)
{
    char *path = g_strdup_printf("figures.%s", name);
    bg_diag_add(L->r.diag, L->r.file, line, col, path, "%s", msg);
    g_free(path);
}

static void check_cell(floader *L, const char *figure, const bg_cell_ref *c)
{
    const bg_table_def *t = c->table ? bg_format_table(L->f, c->table) : NULL;
    char *msg = NULL;
    int matches = 0, block = -1;
    if (!t)
        msg = g_strdup_printf("没有 id 为“%s”的表", c->table ? c->table : "");
    else if (t->form)
        msg = g_strdup_printf("表“%s”是表单，数字只能取自汇总表的单元格", c->table);
    else if (bg_table_def_column_range(t, c->column, &matches, NULL, NULL, &block) < 0)
        msg = matches ? g_strdup_printf("表“%s”中有 %d 个金额列都叫“%s”：请写出上级表头，"
                                        "如“上级/%s”",
                                        c->table, matches, c->column ? c->column : "",
                                        c->column ? c->column : "")
                      : g_strdup_printf("表“%s”中没有表头为“%s”的金额列", c->table,
                                        c->column ? c->column : "（未写 column）");
    else if (c->row && !bg_table_def_has_row(t, block, c->row))
        msg = g_strdup_printf("表“%s”中与列“%s”同一侧没有标签为“%s”的固定行（row 只能指固定行、"
                              "合计行或表尾行；不写 row 即取合计行）",
                              c->table, c->column, c->row);
    else if (!c->row && !bg_table_def_has_row(t, block, NULL))
        msg = g_strdup_printf("表“%s”中列“%s”的一侧没有合计行：请用 row 写明取哪一行", c->table,
                              c->column);
    if (msg)
        figure_error(L, c->line, c->col, figure, msg);
    g_free(msg);
}

/* 0 unvisited, 1 on the path, 2 done. */
static bool acyclic(floader *L, const bg_figure_def *x, GHashTable *state)
{
    int st = GPOINTER_TO_INT(g_hash_table_lookup(state, x->name));
    if (st == 2)
        return true;
    if (st == 1) {
        figure_error(L, x->line, x->col, x->name, "数字的定义绕回了它自己（循环定义）");
        return false;
    }
    g_hash_table_insert(state, x->name, GINT_TO_POINTER(1));
    bool ok = true;
    for (guint i = 0; ok && x->terms && i < x->terms->len; i++) {
        const char *name = g_array_index(x->terms, bg_term, i).name;
        const bg_figure_def *t = name ? bg_format_figure(L->f, name) : NULL;
        if (t)
            ok = acyclic(L, t, state);
    }
    g_hash_table_insert(state, x->name, GINT_TO_POINTER(2));
    return ok;
}

/* Counts (of list entries) and money do not mix: an expression of counts
 * and whole numbers is a count, one of money is money. */
static void check_counts(floader *L)
{
    GPtrArray *figs = L->f->figures;
    for (bool changed = true; changed;) {
        changed = false;
        for (guint i = 0; i < figs->len; i++) {
            bg_figure_def *x = figs->pdata[i];
            if (x->kind != BG_FIG_TERMS || x->count)
                continue;
            bool any_count = false;
            for (guint k = 0; k < x->terms->len; k++) {
                const bg_term *t = &g_array_index(x->terms, bg_term, k);
                const bg_figure_def *f = t->name ? bg_format_figure(L->f, t->name) : NULL;
                any_count = any_count || !t->name || (f && f->count);
            }
            if (any_count) {
                x->count = true;
                changed = true;
            }
        }
    }
    for (guint i = 0; i < figs->len; i++) {
        const bg_figure_def *x = figs->pdata[i];
        for (guint k = 0; x->kind == BG_FIG_TERMS && k < x->terms->len; k++) {
            const bg_term *t = &g_array_index(x->terms, bg_term, k);
            const bg_figure_def *f = t->name ? bg_format_figure(L->f, t->name) : NULL;
            bool count = !t->name || (f && f->count);
            if (count != x->count)
                figure_error(L, x->line, x->col, x->name,
                             "算式不能把条数（count、整数）和金额混在一起");
        }
    }
}

static void check_figures(floader *L)
{
    GHashTable *state = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < L->f->figures->len; i++) {
        const bg_figure_def *x = L->f->figures->pdata[i];
        if (x->kind == BG_FIG_COUNT && (!x->list || !bg_format_list_def(L->f, x->list))) {
            char *msg = g_strdup_printf("count 要数的列表“%s”没有在 lists 下定义",
                                        x->list ? x->list : "");
            figure_error(L, x->line, x->col, x->name, msg);
            g_free(msg);
        }
        for (guint k = 0; x->terms && k < x->terms->len; k++) {
            const char *t = g_array_index(x->terms, bg_term, k).name;
            if (!t)
                continue; /* a whole number */
            if (!bg_format_figure(L->f, t) && !(g_str_has_prefix(t, "figures.") && t[8])) {
                char *msg = g_strdup_printf("算式中的“%s”既不是已定义的数字，也不是 figures.键", t);
                figure_error(L, x->line, x->col, x->name, msg);
                g_free(msg);
            }
        }
        if (x->kind == BG_FIG_CELL)
            check_cell(L, x->name, &x->cell);
        for (guint k = 0; x->also && k < x->also->len; k++)
            check_cell(L, x->name, x->also->pdata[k]);
        acyclic(L, x, state);
    }
    g_hash_table_destroy(state);
    check_counts(L);
}

/* The phrases a phrase's texts quote. */
static void phrases_quoted(const char *name, void *data)
{
    GPtrArray *out = data;
    const char *n = name[0] == '?' ? name + 1 : name;
    const char *colon = strchr(n, ':');
    if (colon)
        g_ptr_array_add(out, g_strndup(n, (gsize)(colon - n)));
}

/* 0 unvisited, 1 on the path, 2 done: a phrase that quotes itself, through
 * others or not, would expand for ever. */
static bool phrase_acyclic(floader *L, const bg_phrase *p, GHashTable *state)
{
    int st = GPOINTER_TO_INT(g_hash_table_lookup(state, p->name));
    if (st)
        return st == 2;
    g_hash_table_insert(state, p->name, GINT_TO_POINTER(1));
    GPtrArray *quoted = g_ptr_array_new_with_free_func(g_free);
    const char *texts[] = {p->up, p->down, p->same, p->new_, p->nonzero, p->zero};
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
        if (texts[i])
            bg_template_each(texts[i], phrases_quoted, quoted);
    bool ok = true;
    for (guint i = 0; i < quoted->len && ok; i++) {
        const bg_phrase *q = bg_format_phrase(L->f, quoted->pdata[i]);
        if (q && !phrase_acyclic(L, q, state)) {
            char *path = g_strdup_printf("phrases.%s", p->name);
            bg_diag_add(L->r.diag, L->r.file, p->line, p->col, path,
                        "措辞“%s”经由“%s”引用了它自己（循环引用）", p->name, q->name);
            g_free(path);
            ok = false;
        }
    }
    g_ptr_array_free(quoted, TRUE);
    g_hash_table_insert(state, p->name, GINT_TO_POINTER(ok ? 2 : 1));
    return ok;
}

static void check_phrases(floader *L)
{
    GHashTable *state = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < L->f->phrases->len; i++) {
        const bg_phrase *p = L->f->phrases->pdata[i];
        /* the built-in functions keep their meaning */
        if (strcmp(p->name, "share") == 0 || strcmp(p->name, "count") == 0 ||
            strcmp(p->name, "has") == 0) {
            char *path = g_strdup_printf("phrases.%s", p->name);
            bg_diag_add(L->r.diag, L->r.file, p->line, p->col, path,
                        "“%s”是内置函数的名字，不能用作措辞名称", p->name);
            g_free(path);
        }
        if (!GPOINTER_TO_INT(g_hash_table_lookup(state, p->name)))
            phrase_acyclic(L, p, state);
    }
    g_hash_table_destroy(state);
}

void bg_fcheck(floader *L)
{
    check_phrases(L);
    L->f->quoted = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < L->f->tables->len; i++) {
        const bg_table_def *t = L->f->tables->pdata[i];
        if (t->empty_reason)
            g_hash_table_add(L->f->quoted, g_strconcat("texts.", t->empty_reason, NULL));
    }
    for (guint i = 0; i < L->f->figures->len; i++) {
        const bg_figure_def *x = L->f->figures->pdata[i];
        for (guint k = 0; x->terms && k < x->terms->len; k++)
            if (g_array_index(x->terms, bg_term, k).name)
                quote(L, g_array_index(x->terms, bg_term, k).name);
    }
    check_figures(L);
    for (guint i = 0; L->f->index && i < L->f->index->len; i++) {
        const bg_index_column *c = L->f->index->pdata[i];
        const bg_figure_def *x = bg_format_figure(L->f, c->figure);
        if (!x || x->count) {
            char *msg = g_strdup_printf(x ? "索引列“%s”的数字“%s”是条数，索引只列金额"
                                          : "索引列“%s”的数字“%s”没有在 figures 下定义",
                                        c->title, c->figure);
            bg_diag_add(L->r.diag, L->r.file, c->line, c->col, "index", "%s", msg);
            g_free(msg);
        }
    }
    for (guint i = 0; i < L->f->sites->len; i++)
        check_site(L, L->f->sites->pdata[i]);
    /* A paragraph's list with no item template is caught by the loader; a
     * list that exists but is never defined is caught through its item. */
}
