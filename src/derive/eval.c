/* Figures, lists and phrases of a format for one department; the template
 * expander. */
#include "derive/eval.h"

#include <string.h>

#include "model/template.h"

/* A figure's value once worked out. */
typedef struct {
    bool ok;
    bg_money value;
} fig_value;

struct bg_eval {
    const bg_department *d;
    const bg_format *f;
    const bg_facts *facts;
    const GPtrArray *tables;
    const GArray *table_def;
    GHashTable *values; /* figure name -> fig_value*, as worked out */
    GHashTable *lists;  /* list name -> GPtrArray of bg_entry* */
    GPtrArray *missing; /* of char* */
    GPtrArray *uses;    /* of bg_use* */
    int depth;          /* free texts quoting free texts */
};

/* The state of one expansion: inside {?…}, a missing value drops the line. */
typedef struct {
    bool optional;
    bool dropped;
} fill;

/* ---- missing values ----------------------------------------------------- */

static void miss(bg_eval *e, fill *st, const char *name)
{
    if (st->optional) {
        st->dropped = true;
        return;
    }
    for (guint i = 0; i < e->missing->len; i++)
        if (strcmp(e->missing->pdata[i], name) == 0)
            return;
    g_ptr_array_add(e->missing, g_strdup(name));
}

const GPtrArray *bg_eval_missing(const bg_eval *e)
{
    return e->missing;
}

const GPtrArray *bg_eval_uses(const bg_eval *e)
{
    return e->uses;
}

/* ---- figures ------------------------------------------------------------ */

static const bg_table *table_of(const bg_eval *e, const char *id)
{
    for (guint i = 0; i < e->tables->len; i++) {
        const bg_table *t = e->tables->pdata[i];
        if (t && strcmp(t->id, id) == 0)
            return t;
    }
    return NULL;
}

/* The exact amount of a referenced cell. A row that is not there (an empty
 * table drops its rows) holds nothing: zero. */
static bg_money cell_value(const bg_eval *e, const bg_cell_ref *c)
{
    const bg_table_def *def = bg_format_table(e->f, c->table);
    const bg_table *t = table_of(e, c->table);
    int first = 0, end = 0, matches = 0;
    int col = def ? bg_table_def_column_range(def, c->column, &matches, &first, &end, NULL) : -1;
    if (!t || col < 0 || col >= t->n_cols)
        return 0;
    for (guint r = 0; r < t->rows->len; r++) {
        const bg_row *row = t->rows->pdata[r];
        bool hit = false;
        if (c->row) {
            /* The label in the same side-by-side block as the column. */
            for (int k = first; k < end && !hit; k++)
                hit = !row->cells[k].has_value && bg_label_equal(row->cells[k].text, c->row);
        } else {
            /* the block's first total row (the loader proved it has one) */
            hit = row->kind == BG_ROW_TOTAL && row->cells[col].has_value;
        }
        if (hit)
            return row->cells[col].has_value ? row->cells[col].value : 0;
    }
    return 0;
}

static bool figure_value(bg_eval *e, fill *st, const char *name, bg_money *out);

/* figures.KEY of the department file. */
static bool typed_figure(bg_eval *e, fill *st, const char *key, bg_money *out)
{
    const bg_money *m = g_hash_table_lookup(e->d->figures, key);
    if (!m) {
        char *name = g_strconcat("figures.", key, NULL);
        miss(e, st, name);
        g_free(name);
        return false;
    }
    *out = *m;
    return true;
}

static bool compute_figure(bg_eval *e, fill *st, const bg_figure_def *x, bg_money *out)
{
    bg_money v = 0;
    switch (x->kind) {
    case BG_FIG_SUM:
        for (guint i = 0; i < e->d->items->len; i++)
            if (bg_filter_match(&x->sum, &e->facts[i]))
                v += e->facts[i].item->amount;
        break;
    case BG_FIG_PROCUREMENT:
        for (guint i = 0; i < e->d->procurement->len; i++) {
            const bg_procurement *pc = &g_array_index(e->d->procurement, bg_procurement, i);
            if (x->proc_category < 0 || (int)pc->category == x->proc_category)
                v += pc->amount;
        }
        break;
    case BG_FIG_CELL:
        v = cell_value(e, &x->cell);
        break;
    case BG_FIG_COUNT:
        v = bg_eval_list(e, x->list)->len;
        break;
    case BG_FIG_TERMS:
        for (guint i = 0; i < x->terms->len; i++) {
            const bg_term *t = &g_array_index(x->terms, bg_term, i);
            bg_money part = t->constant;
            bool ok = !t->name                              ? true
                      : g_str_has_prefix(t->name, "figures.") ? typed_figure(e, st, t->name + 8, &part)
                                                              : figure_value(e, st, t->name, &part);
            if (!ok)
                return false;
            v += t->sign * part;
        }
        break;
    }
    *out = v;
    return true;
}

/* A figure of the format, worked out once. A figure built on a missing
 * figures.KEY is missing too; the key is what gets reported. */
static bool figure_value(bg_eval *e, fill *st, const char *name, bg_money *out)
{
    const bg_figure_def *x = bg_format_figure(e->f, name);
    if (!x)
        return false;
    fig_value *fv = g_hash_table_lookup(e->values, name);
    if (!fv) {
        fill probe = {.optional = true};
        fv = g_new0(fig_value, 1);
        fv->ok = compute_figure(e, &probe, x, &fv->value);
        g_hash_table_insert(e->values, x->name, fv);
    }
    if (!fv->ok) /* once more, to report what it lacks where it is used */
        return compute_figure(e, st, x, out);
    *out = fv->value;
    return true;
}

/* ---- lists -------------------------------------------------------------- */

static void entry_free(gpointer p)
{
    bg_entry *x = p;
    g_free(x->name);
    g_free(x->code);
    g_free(x->title);
    g_free(x->reason);
    g_free(x);
}

/* Shares of the list's total in hundredths of a percent, rounded as the
 * list says. The default adds up to exactly 100.00%: each share is floored
 * to 0.01%, and the hundredths left over go, one each, to the entries with
 * the largest remainders (the largest-remainder method). */
static void shares(GPtrArray *entries, bg_shares mode)
{
    bg_money whole = 0;
    for (guint i = 0; i < entries->len; i++)
        whole += ((bg_entry *)entries->pdata[i])->amount;
    if (whole <= 0 || entries->len == 0)
        return;
    int given = 0;
    bg_money *rem = g_new0(bg_money, entries->len);
    for (guint i = 0; i < entries->len; i++) {
        bg_entry *x = entries->pdata[i];
        __int128 scaled = (__int128)x->amount * 10000;
        x->share = (int)(scaled / whole);
        rem[i] = (bg_money)(scaled % whole);
        if (mode != BG_SHARES_LARGEST_REMAINDER && 2 * (__int128)rem[i] >= whole)
            x->share++; /* half up */
        given += x->share;
    }
    if (mode == BG_SHARES_LARGEST_REMAINDER) {
        for (int left = 10000 - given; left > 0; left--) {
            guint best = 0;
            for (guint i = 1; i < entries->len; i++)
                if (rem[i] > rem[best])
                    best = i;
            ((bg_entry *)entries->pdata[best])->share++;
            rem[best] = -1;
        }
    } else if (mode != BG_SHARES_HALF_UP) {
        bg_entry *rest = entries->pdata[mode == BG_SHARES_REST_FIRST ? 0 : entries->len - 1];
        rest->share += 10000 - given;
    }
    g_free(rem);
}

/* A code grouping's key for an item, and the class and width of its code. */
static int group_key(bg_list_kind k, const bg_facts *x)
{
    switch (k) {
    case BG_LIST_FUNCTION_CLASSES:
        return x->function_class;
    case BG_LIST_FUNCTION_KINDS:
        return x->function / 100;
    case BG_LIST_FUNCTIONS:
        return x->function;
    case BG_LIST_ECON_CLASSES:
        return x->econ_class;
    case BG_LIST_DEPT_ECON:
        return x->dept_econ;
    case BG_LIST_GOV_CLASSES:
        return x->gov_class;
    default:
        return x->gov_econ;
    }
}

static bg_class group_class(bg_list_kind k)
{
    return k <= BG_LIST_FUNCTIONS    ? BG_CLASS_FUNCTION
           : k <= BG_LIST_DEPT_ECON ? BG_CLASS_DEPT_ECON
                                    : BG_CLASS_GOV_ECON;
}

static gint entry_by_code(gconstpointer a, gconstpointer b)
{
    const bg_entry *x = *(bg_entry *const *)a, *y = *(bg_entry *const *)b;
    /* codes of one grouping have one width: text order is code order */
    return strcmp(x->code, y->code);
}

static GPtrArray *code_groups(bg_eval *e, const bg_list_def *l)
{
    GHashTable *by = g_hash_table_new(g_direct_hash, g_direct_equal);
    GPtrArray *out = g_ptr_array_new_with_free_func(entry_free);
    for (guint i = 0; i < e->d->items->len; i++) {
        const bg_facts *x = &e->facts[i];
        if (!bg_filter_match(&l->sum, x))
            continue;
        int key = group_key(l->of, x);
        bg_entry *en = g_hash_table_lookup(by, GINT_TO_POINTER(key));
        if (!en) {
            en = g_new0(bg_entry, 1);
            en->code = g_strdup_printf("%d", key);
            const char *name = bg_department_code_name(e->d, group_class(l->of), en->code);
            en->name = g_strdup(name ? name : en->code);
            g_hash_table_insert(by, GINT_TO_POINTER(key), en);
            g_ptr_array_add(out, en);
        }
        en->amount += x->item->amount;
    }
    g_hash_table_destroy(by);
    /* Only codes with money are entries, as only they are table rows. */
    for (guint i = out->len; i-- > 0;)
        if (((bg_entry *)out->pdata[i])->amount == 0)
            g_ptr_array_remove_index(out, i);
    g_ptr_array_sort(out, entry_by_code);
    return out;
}

/* Units or projects: every one, in the order of the file. */
static GPtrArray *members(bg_eval *e, const bg_list_def *l)
{
    const bg_department *d = e->d;
    bool projects = l->of == BG_LIST_PROJECTS;
    guint n = projects ? d->projects->len : d->units->len;
    GPtrArray *out = g_ptr_array_new_with_free_func(entry_free);
    for (guint i = 0; i < n; i++) {
        bg_entry *en = g_new0(bg_entry, 1);
        if (projects) {
            const bg_project *p = &g_array_index(d->projects, bg_project, i);
            en->project = p;
            en->name = g_strdup(p->name);
            en->code = g_strdup(p->code);
        } else {
            const bg_unit *u = &g_array_index(d->units, bg_unit, i);
            en->name = g_strdup(u->name);
            en->code = g_strdup(u->code);
        }
        g_ptr_array_add(out, en);
    }
    for (guint i = 0; i < d->items->len; i++) {
        const bg_facts *x = &e->facts[i];
        int at = projects ? x->item->project : x->item->unit;
        if (at >= 0 && bg_filter_match(&l->sum, x))
            ((bg_entry *)out->pdata[at])->amount += x->item->amount;
    }
    for (guint i = out->len; l->nonzero && i-- > 0;)
        if (((bg_entry *)out->pdata[i])->amount == 0)
            g_ptr_array_remove_index(out, i);
    return out;
}

static GPtrArray *procurement_lines(bg_eval *e)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(entry_free);
    for (guint i = 0; i < e->d->procurement->len; i++) {
        const bg_procurement *pc = &g_array_index(e->d->procurement, bg_procurement, i);
        bg_entry *en = g_new0(bg_entry, 1);
        en->procurement = pc;
        en->name = g_strdup(pc->spec && *pc->spec ? pc->spec : pc->item ? pc->item : "");
        en->code = g_strdup(pc->function);
        en->amount = pc->amount;
        g_ptr_array_add(out, en);
    }
    return out;
}

/* Tables without an amount whose format says why (empty_reason). */
static GPtrArray *empty_tables(bg_eval *e)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(entry_free);
    for (guint i = 0; i < e->tables->len; i++) {
        const bg_table *t = e->tables->pdata[i];
        int di = g_array_index(e->table_def, int, i);
        const bg_table_def *def = di >= 0 ? e->f->tables->pdata[di] : NULL;
        if (!t || !t->empty || !def || !def->empty_reason)
            continue;
        bg_entry *en = g_new0(bg_entry, 1);
        en->table = t; /* its title is read when quoted: it may not be filled in yet */
        en->code = g_strdup(t->id);
        en->reason = g_strdup_printf("texts.%s", def->empty_reason);
        g_ptr_array_add(out, en);
    }
    return out;
}

const GPtrArray *bg_eval_list(bg_eval *e, const char *name)
{
    GPtrArray *l = g_hash_table_lookup(e->lists, name);
    if (l)
        return l;
    const bg_list_def *def = bg_format_list_def(e->f, name);
    if (!def)
        return NULL;
    switch (def->of) {
    case BG_LIST_UNITS:
    case BG_LIST_PROJECTS:
        l = members(e, def);
        break;
    case BG_LIST_PROCUREMENT:
        l = procurement_lines(e);
        break;
    case BG_LIST_EMPTY_TABLES:
        l = empty_tables(e);
        break;
    default:
        l = code_groups(e, def);
    }
    shares(l, def->shares);
    for (guint i = 0; i < l->len; i++)
        ((bg_entry *)l->pdata[i])->number = (int)i + 1;
    g_hash_table_insert(e->lists, g_strdup(name), l);
    return l;
}

/* ---- the evaluator ------------------------------------------------------ */

static void use_free(gpointer p)
{
    bg_use *u = p;
    g_free(u->text);
    g_free(u);
}

bg_eval *bg_eval_new(const bg_department *d, const bg_format *f, const bg_facts *facts,
                     const GPtrArray *tables, const GArray *table_def)
{
    bg_eval *e = g_new0(bg_eval, 1);
    e->d = d;
    e->f = f;
    e->facts = facts;
    e->tables = tables;
    e->table_def = table_def;
    e->values = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    e->lists = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify)g_ptr_array_unref);
    e->missing = g_ptr_array_new_with_free_func(g_free);
    e->uses = g_ptr_array_new_with_free_func(use_free);
    return e;
}

void bg_eval_set_tables(bg_eval *e, const GPtrArray *tables, const GArray *table_def)
{
    e->tables = tables;
    e->table_def = table_def;
}

void bg_eval_free(bg_eval *e)
{
    if (!e)
        return;
    g_hash_table_destroy(e->values);
    g_hash_table_destroy(e->lists);
    g_ptr_array_free(e->missing, TRUE);
    g_ptr_array_free(e->uses, TRUE);
    g_free(e);
}

const bg_format *bg_eval_format(const bg_eval *e)
{
    return e->f;
}

bg_scope bg_eval_scope(const bg_eval *e)
{
    const bg_format *f = e->f;
    return (bg_scope){.fc = {.d = e->d,
                             .money = {f->text_unit, f->text_decimals, f->text_trim,
                                       f->text_grouping}}};
}

/* ---- numbers in words ---------------------------------------------------- */

char *bg_chinese_number(guint n)
{
    static const char *const digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 10)
        return g_strdup(digits[n]);
    if (n >= 100)
        return g_strdup_printf("%u", n); /* no list runs this long */
    GString *s = g_string_new(NULL);
    if (n >= 20)
        g_string_append(s, digits[n / 10]);
    g_string_append(s, "十");
    if (n % 10)
        g_string_append(s, digits[n % 10]);
    return g_string_free(s, FALSE);
}

char *bg_numbering(const char *first, guint n)
{
    const char *cn = strstr(first, "一"), *ar = strchr(first, '1');
    const char *at = cn && (!ar || cn < ar) ? cn : ar;
    if (!at)
        return g_strdup(first);
    char *num = at == cn ? bg_chinese_number(n) : g_strdup_printf("%u", n);
    char *out = g_strdup_printf("%.*s%s%s", (int)(at - first), first, num,
                                at + (at == cn ? strlen("一") : 1));
    g_free(num);
    return out;
}

/* ---- values ------------------------------------------------------------- */

/* An amount as a sentence prints it: zero is "0", not blank. */
static char *text_money(const bg_scope *s, bg_money m)
{
    if (m != 0)
        return bg_money_styled(&s->fc.money, m);
    bg_money_style z = s->fc.money;
    if (z.trim || z.decimals == 0)
        return g_strdup("0");
    return g_strdup_printf("0.%0*d", z.decimals, 0);
}

/* A figure as printed: a count as a number, an amount in the figure's own
 * style when it has one, else in the sentence's. */
static char *figure_text(const bg_scope *s, const bg_figure_def *def, bg_money m)
{
    if (def->count)
        return g_strdup_printf("%lld", (long long)m);
    if (!def->has_show)
        return text_money(s, m);
    bg_scope own = *s;
    own.fc.money = (bg_money_style){def->show_unit, def->show_decimals, def->show_trim,
                                    def->show_grouping};
    return text_money(&own, m);
}

/* A percentage of hundredths, "16.25%". */
static char *percent(long long hundredths)
{
    long long a = hundredths < 0 ? -hundredths : hundredths;
    return g_strdup_printf("%s%lld.%02lld%%", hundredths < 0 ? "-" : "", a / 100, a % 100);
}

/* a / b in hundredths of a percent, rounded half up. */
static long long ratio(bg_money a, bg_money b)
{
    if (b == 0)
        return 0;
    __int128 q = (__int128)a * 20000 / b;
    return (long long)((q + (q >= 0 ? 1 : -1)) / 2);
}

static bool amount_of(bg_eval *e, const bg_scope *s, fill *st, const char *name, bg_money *out)
{
    if (s->phrase && (strcmp(name, "a") == 0 || strcmp(name, "b") == 0 ||
                      strcmp(name, "diff") == 0)) {
        *out = name[0] == 'a' ? s->a : name[0] == 'b' ? s->b : s->a >= s->b ? s->a - s->b
                                                                             : s->b - s->a;
        return true;
    }
    const bg_entry *it = s->item;
    if (it && strcmp(name, "item.amount") == 0) {
        *out = it->amount;
        return true;
    }
    if (it && it->project && strcmp(name, "item.previous") == 0) {
        if (!it->project->previous_amount.set) {
            miss(e, st, name);
            return false;
        }
        *out = it->project->previous_amount.value;
        return true;
    }
    if (it && it->project && g_str_has_prefix(name, "item.figures.")) {
        const bg_money *m = g_hash_table_lookup(it->project->figures, name + 13);
        if (!m) {
            miss(e, st, name);
            return false;
        }
        *out = *m;
        return true;
    }
    if (g_str_has_prefix(name, "figures."))
        return typed_figure(e, st, name + 8, out);
    if (bg_format_figure(e->f, name))
        return figure_value(e, st, name, out);
    if (g_str_has_prefix(name, "project.") && s->fc.project) {
        bool is_money = false;
        char *t = bg_field_text(&s->fc, name, &is_money, out);
        bool ok = t && is_money && *t;
        g_free(t);
        if (ok)
            return true;
    }
    miss(e, st, name);
    return false;
}

bool bg_eval_amount(bg_eval *e, const bg_scope *s, const char *name, bg_money *out)
{
    fill st = {0};
    return amount_of(e, s, &st, name, out);
}

static char *expand(bg_eval *e, const bg_scope *s, fill *st, const char *tmpl);

/* A free text of the department's may quote figures too ({count:units}),
 * so that no figure is typed twice; a text quoting itself stops. */
static char *free_text(bg_eval *e, const bg_scope *s, fill *st, const char *text)
{
    if (e->depth > BG_TEXT_QUOTE_LINKS || !strchr(text, '{'))
        return g_strdup(text);
    e->depth++;
    char *out = expand(e, s, st, text);
    e->depth--;
    return out;
}

static bool is_count(const bg_eval *e, const char *name)
{
    const bg_figure_def *x = bg_format_figure(e->f, name);
    return x && x->count;
}

/* {name:a:b} with a phrase of the format. */
static char *phrase(bg_eval *e, const bg_scope *s, fill *st, const bg_phrase *ph, char **args)
{
    bg_money a = 0, b = 0;
    bool ok = amount_of(e, s, st, args[0], &a);
    if (ph->args == 2)
        ok = amount_of(e, s, st, args[1], &b) && ok;
    if (!ok)
        return g_strdup("");
    const char *text;
    if (ph->args == 1)
        text = a != 0 ? ph->nonzero : ph->zero;
    else if (a == b)
        text = ph->same;
    else if (b == 0 && ph->new_)
        text = ph->new_;
    else
        text = a > b ? ph->up : ph->down;
    bg_scope inner = *s;
    inner.phrase = true;
    inner.counts = is_count(e, args[0]);
    inner.a = a;
    inner.b = b;
    return expand(e, &inner, st, text);
}

static char *value(bg_eval *e, const bg_scope *s, fill *st, const char *name);

static char *call(bg_eval *e, const bg_scope *s, fill *st, const char *expr)
{
    char **a = g_strsplit(expr, ":", -1);
    guint argc = g_strv_length(a) - 1;
    char *out = NULL;
    bg_money x, y;
    const bg_phrase *ph = bg_format_phrase(e->f, a[0]);
    if (ph && (int)argc == ph->args) {
        out = phrase(e, s, st, ph, a + 1);
    } else if (strcmp(a[0], "share") == 0 && argc == 2) {
        bool ok = amount_of(e, s, st, a[1], &x);
        ok = amount_of(e, s, st, a[2], &y) && ok;
        out = ok ? percent(ratio(x, y)) : g_strdup("");
    } else if (strcmp(a[0], "count") == 0 && argc == 1) {
        const GPtrArray *l = bg_eval_list(e, a[1]);
        if (l)
            out = g_strdup_printf("%u", l->len);
    } else if (strcmp(a[0], "has") == 0 && argc == 1) {
        /* Nothing, but missing when its argument is: in {?has:…} it gates
         * a line on a value shown elsewhere. */
        fill probe = {.optional = true};
        g_free(value(e, s, &probe, a[1]));
        if (probe.dropped)
            miss(e, st, a[1]);
        out = g_strdup("");
    }
    if (!out) {
        miss(e, st, expr);
        out = g_strdup("");
    }
    g_strfreev(a);
    return out;
}

static void record_use(bg_eval *e, const char *name, bg_money v, const char *text)
{
    const bg_figure_def *x = bg_format_figure(e->f, name);
    bg_use *u = g_new0(bg_use, 1);
    u->name = x->name;
    u->value = v;
    u->text = g_strdup(text);
    g_ptr_array_add(e->uses, u);
}

static char *item_value(bg_eval *e, const bg_scope *s, fill *st, const char *name)
{
    const bg_entry *it = s->item;
    const char *f = name + 5;
    bg_money m;
    if ((strcmp(f, "title") == 0 || strcmp(f, "name") == 0) && it->table) {
        /* The list names the tables of the department: without its name. */
        const char *title = it->table->title ? it->table->title : "";
        if (g_str_has_prefix(title, e->d->name))
            title += strlen(e->d->name);
        return g_strdup(title);
    }
    if (strcmp(f, "number") == 0)
        return g_strdup_printf("%d", it->number);
    if (strcmp(f, "ordinal") == 0)
        return bg_chinese_number((guint)it->number);
    if (strcmp(f, "name") == 0)
        return g_strdup(it->name ? it->name : "");
    if (strcmp(f, "code") == 0)
        return g_strdup(it->code ? it->code : "");
    if (strcmp(f, "share") == 0)
        return percent(it->share);
    if (strcmp(f, "reason") == 0 && it->reason)
        return value(e, s, st, it->reason);
    if (strcmp(f, "amount") == 0 || strcmp(f, "previous") == 0 ||
        g_str_has_prefix(f, "figures."))
        return amount_of(e, s, st, name, &m) ? text_money(s, m) : g_strdup("");
    const bg_procurement *pc = it->procurement;
    if (pc) {
        const char *texts[][2] = {{"quantity", pc->quantity}, {"measure", pc->measure},
                                  {"catalog", pc->catalog},   {"spec", pc->spec},
                                  {"item", pc->item}};
        for (size_t k = 0; k < G_N_ELEMENTS(texts); k++)
            if (strcmp(f, texts[k][0]) == 0 && texts[k][1] && *texts[k][1])
                return g_strdup(texts[k][1]);
        bg_money q;
        if (strcmp(f, "unit_price") == 0 && pc->quantity &&
            bg_money_parse(pc->quantity, strlen(pc->quantity), &q) == BG_MONEY_OK && q > 0)
            /* the amount over the quantity, exact to the 分 */
            return text_money(s, (bg_money)(((__int128)pc->amount * 100 + q / 2) / q));
    }
    if (it->project && g_str_has_prefix(f, "texts.")) {
        const char *t = g_hash_table_lookup(it->project->texts, f + 6);
        if (t && *t)
            return free_text(e, s, st, t);
    } else if (it->project) {
        /* Any field of the project's own: item.overview, item.basis … */
        char *field = g_strconcat("project.", f, NULL);
        bg_field_ctx pc2 = s->fc;
        pc2.project = it->project;
        pc2.project_amount = it->amount;
        char *v = bg_field_text(&pc2, field, NULL, NULL);
        g_free(field);
        if (v && *v)
            return v;
        g_free(v);
    }
    miss(e, st, name);
    return g_strdup("");
}

static char *value(bg_eval *e, const bg_scope *s, fill *st, const char *name)
{
    if (name[0] == '?') {
        bool was = st->optional;
        st->optional = true;
        char *v = value(e, s, st, name + 1);
        st->optional = was;
        return v;
    }
    if (strchr(name, ':'))
        return call(e, s, st, name);
    bg_money m;
    if (s->phrase && strcmp(name, "rate") == 0) {
        bg_money d = s->a >= s->b ? s->a - s->b : s->b - s->a;
        return s->b ? percent(ratio(d, s->b < 0 ? -s->b : s->b)) : g_strdup("—");
    }
    if (s->phrase && (strcmp(name, "a") == 0 || strcmp(name, "b") == 0 ||
                      strcmp(name, "diff") == 0)) {
        amount_of(e, s, st, name, &m);
        return s->counts ? g_strdup_printf("%lld", (long long)m) : text_money(s, m);
    }
    if (s->item && g_str_has_prefix(name, "item."))
        return item_value(e, s, st, name);
    const bg_figure_def *def = bg_format_figure(e->f, name);
    if (def) {
        if (!figure_value(e, st, name, &m))
            return g_strdup("");
        char *t = figure_text(s, def, m);
        record_use(e, name, m, t);
        return t;
    }
    if (g_str_has_prefix(name, "figures."))
        return typed_figure(e, st, name + 8, &m) ? text_money(s, m) : g_strdup("");
    if (g_str_has_prefix(name, "texts.")) {
        const char *t = g_hash_table_lookup(e->d->texts, name + 6);
        if (!t || !*t) {
            miss(e, st, name);
            return g_strdup("");
        }
        return free_text(e, s, st, t);
    }
    char *t = bg_field_text(&s->fc, name, NULL, NULL);
    if (!t || !*t) {
        /* A field the file does not give leaves no hole in a sentence:
         * the line goes ({?…}) or `check` names the field. */
        miss(e, st, name);
        g_free(t);
        return g_strdup("");
    }
    if (g_str_has_prefix(name, "profile.") && strchr(t, '{')) {
        char *x = free_text(e, s, st, t);
        g_free(t);
        return x;
    }
    return t;
}

static char *expand(bg_eval *e, const bg_scope *s, fill *st, const char *tmpl)
{
    GString *out = g_string_new(NULL);
    for (const char *p = tmpl; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (!close) {
            g_string_append_c(out, *p++);
            continue;
        }
        char *name = g_strndup(p + 1, (gsize)(close - p - 1));
        char *v = value(e, s, st, name);
        g_string_append(out, v);
        g_free(v);
        g_free(name);
        p = close + 1;
    }
    return g_string_free(out, FALSE);
}

char *bg_eval_expand(bg_eval *e, const bg_scope *s, const char *tmpl, bool *dropped)
{
    fill st = {0};
    char *out = expand(e, s, &st, tmpl ? tmpl : "");
    if (dropped)
        *dropped = st.dropped;
    return out;
}

char *bg_eval_value(bg_eval *e, const bg_scope *s, const char *name, bool *is_money,
                    bg_money *v)
{
    *is_money = false;
    const bg_figure_def *def = bg_format_figure(e->f, name);
    if (def || g_str_has_prefix(name, "figures.")) {
        fill st = {0};
        if (!amount_of(e, s, &st, name, v))
            return NULL;
        if (def && def->count) /* a number of entries, not an amount */
            return g_strdup_printf("%lld", (long long)*v);
        *is_money = true;
        return bg_money_styled(&s->fc.money, *v);
    }
    char *t = bg_field_text(&s->fc, name, is_money, v);
    if (!t)
        return NULL;
    if (!*is_money && strchr(t, '{')) {
        fill st = {0};
        char *x = free_text(e, s, &st, t);
        g_free(t);
        return x;
    }
    return t;
}

/* ---- proof of the restatements ------------------------------------------ */

void bg_eval_verify(bg_eval *e, bg_diag *diag)
{
    for (guint i = 0; i < e->f->figures->len; i++) {
        const bg_figure_def *x = e->f->figures->pdata[i];
        fill st = {.optional = true};
        bg_money v;
        if (!x->also || !figure_value(e, &st, x->name, &v))
            continue;
        for (guint k = 0; k < x->also->len; k++) {
            const bg_cell_ref *c = x->also->pdata[k];
            bg_money cv = cell_value(e, c);
            if (cv == v)
                continue;
            char a[BG_MONEY_BUF], b[BG_MONEY_BUF];
            char *path = g_strdup_printf("figures.%s.also", x->name);
            bg_diag_add(diag, e->f->file, c->line, c->col, path,
                        "数字 %s 为 %s 元，而表 %s 的“%s”%s%s%s 为 %s 元：同一数字的两个定义不一致，"
                        "说明文字与表格会互相矛盾（请改公开格式）",
                        x->name, bg_money_format_exact_grouped(v, a), c->table,
                        c->column ? c->column : "", c->row ? "（" : "", c->row ? c->row : "",
                        c->row ? "行）" : "", bg_money_format_exact_grouped(cv, b));
            g_free(path);
        }
    }
}
