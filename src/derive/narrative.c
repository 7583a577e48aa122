#include "derive/narrative.h"

#include <stdlib.h>
#include <string.h>

#include "derive/fields.h"
#include "derive/filter.h"
#include "model/table.h"

/* An entry of a derived list. */
typedef struct {
    char *name;
    bg_money amount, previous;
    bool has_previous;
    int share; /* hundredths of a percent */
    const bg_project *project;
    char *title, *reason; /* empty tables */
    char *quantity, *measure; /* procurement lines */
    int number;
} entry;

struct bg_narrative {
    const bg_department *d;
    const bg_format *f;
    const GPtrArray *tables;
    bg_field_ctx fc;
    GHashTable *figures; /* name -> bg_money* */
    GHashTable *lists;   /* name -> GPtrArray of entry* */
    const entry *item;   /* inside a list */
    GPtrArray *missing;  /* of char*, each once */
    bool optional;       /* inside {?…}: a missing value is no error */
    bool dropped;        /* an optional value was missing: drop the line */
    int depth;           /* texts quoting texts: expansion depth */
};

/* ---- figures ------------------------------------------------------------ */

static void put(bg_narrative *n, const char *name, bg_money v)
{
    bg_money *p = g_hash_table_lookup(n->figures, name);
    if (p) {
        *p += v;
        return;
    }
    g_hash_table_insert(n->figures, g_strdup(name), g_memdup2(&v, sizeof v));
}

static const bg_fund *fund_of(const bg_department *d, const bg_item *it)
{
    return d->catalog->funds->pdata[it->fund];
}

static void entry_free(gpointer p)
{
    entry *e = p;
    g_free(e->name);
    g_free(e->title);
    g_free(e->reason);
    g_free(e->quantity);
    g_free(e->measure);
    g_free(e);
}

/* Shares of a whole that add up to exactly 100.00%: each share is floored
 * to 0.01%, and the hundredths left over go, one each, to the entries with
 * the largest remainders (the largest-remainder method). */
static void shares(GPtrArray *entries, bg_money whole)
{
    if (whole <= 0)
        return;
    int given = 0;
    bg_money *rem = g_new0(bg_money, entries->len ? entries->len : 1);
    bg_money sum = 0;
    for (guint i = 0; i < entries->len; i++) {
        entry *e = entries->pdata[i];
        e->share = (int)(e->amount * 10000 / whole);
        rem[i] = e->amount * 10000 % whole;
        given += e->share;
        sum += e->amount;
    }
    /* Only a list that makes up the whole is forced to 100.00%. */
    for (int left = sum == whole ? 10000 - given : 0; left > 0; left--) {
        guint best = 0;
        for (guint i = 1; i < entries->len; i++)
            if (rem[i] > rem[best])
                best = i;
        ((entry *)entries->pdata[best])->share++;
        rem[best] = -1;
    }
    g_free(rem);
}

static GPtrArray *function_list(const bg_narrative *n, const bg_facts *facts, bool general_only)
{
    const bg_department *d = n->d;
    GHashTable *by_class = g_hash_table_new(g_direct_hash, g_direct_equal);
    GPtrArray *list = g_ptr_array_new_with_free_func(entry_free);
    bg_money whole = 0;
    for (guint i = 0; i < d->items->len; i++) {
        const bg_facts *x = &facts[i];
        if (general_only && strcmp(fund_of(d, x->item)->budget, "一般公共预算") != 0)
            continue;
        entry *e = g_hash_table_lookup(by_class, GINT_TO_POINTER(x->function_class));
        if (!e) {
            e = g_new0(entry, 1);
            char code[8];
            g_snprintf(code, sizeof code, "%d", x->function_class);
            e->name = g_strdup(bg_department_code_name(d, BG_CLASS_FUNCTION, code));
            e->number = x->function_class;
            g_hash_table_insert(by_class, GINT_TO_POINTER(x->function_class), e);
            g_ptr_array_add(list, e);
        }
        e->amount += x->item->amount;
        whole += x->item->amount;
    }
    g_hash_table_destroy(by_class);
    /* In code order, as the tables list them. */
    for (guint i = 1; i < list->len; i++)
        for (guint k = i; k > 0 && ((entry *)list->pdata[k - 1])->number >
                                       ((entry *)list->pdata[k])->number; k--) {
            gpointer t = list->pdata[k];
            list->pdata[k] = list->pdata[k - 1];
            list->pdata[k - 1] = t;
        }
    shares(list, whole);
    for (guint i = 0; i < list->len; i++)
        ((entry *)list->pdata[i])->number = (int)i + 1;
    return list;
}

static void compute(bg_narrative *n)
{
    const bg_department *d = n->d;
    bg_facts *facts = bg_facts_compute(d, n->f);
    static const char *const zero[] = {
        "total", "basic", "project", "personnel", "public", "income.general",
        "income.appropriation", "income.special", "income.fees", "income.assets",
        "income.other_general", "income.gov_fund", "income.state_capital",
        "income.fiscal_account", "income.unit", "income.transfer", "income.carry_over",
        "econ.301", "econ.302", "econ.303", "econ.309", "econ.310", "general.total", "general.basic",
        "general.project", "general.personnel", "general.public", "three_public.total",
        "three_public.abroad", "three_public.reception", "three_public.vehicle",
        "three_public.vehicle_buy", "three_public.vehicle_run", "operating",
        "procurement.total", "procurement.goods", "procurement.services", "procurement.works",
        "gov_fund.total", "state_capital.total"};
    for (size_t i = 0; i < G_N_ELEMENTS(zero); i++)
        put(n, zero[i], 0);
    for (guint i = 0; i < d->items->len; i++) {
        const bg_facts *x = &facts[i];
        const bg_item *it = x->item;
        const bg_fund *fund = fund_of(d, it);
        bg_money a = it->amount;
        bool basic = it->project < 0, general = strcmp(fund->budget, "一般公共预算") == 0;
        put(n, "total", a);
        put(n, basic ? "basic" : "project", a);
        if (basic) {
            put(n, x->cost == BG_COST_PERSONNEL ? "personnel" : "public", a);
            if ((x->econ_class >= 301 && x->econ_class <= 303) || x->econ_class == 309 ||
                x->econ_class == 310) {
                char key[16];
                g_snprintf(key, sizeof key, "econ.%d", x->econ_class);
                put(n, key, a);
            }
        }
        static const struct {
            const char *code, *figure;
        } funds[] = {{"财政拨款", "income.appropriation"}, {"专项收入", "income.special"},
                     {"行政事业性收费收入", "income.fees"},
                     {"国有资源资产有偿使用收入", "income.assets"},
                     {"其他一般公共预算收入", "income.other_general"}};
        for (size_t k = 0; k < G_N_ELEMENTS(funds); k++)
            if (strcmp(fund->code, funds[k].code) == 0)
                put(n, funds[k].figure, a);
        static const struct {
            const char *budget, *figure;
        } budgets[] = {{"一般公共预算", "income.general"},
                       {"政府性基金预算", "income.gov_fund"},
                       {"国有资本经营预算", "income.state_capital"},
                       {"财政专户管理资金", "income.fiscal_account"},
                       {"单位资金", "income.unit"},
                       {"上级转移支付", "income.transfer"}};
        for (size_t k = 0; k < G_N_ELEMENTS(budgets); k++)
            if (strcmp(fund->budget, budgets[k].budget) == 0)
                put(n, budgets[k].figure, a);
        if (it->carry_over)
            put(n, "income.carry_over", a);
        if (general) {
            put(n, "general.total", a);
            put(n, basic ? "general.basic" : "general.project", a);
            if (basic)
                put(n, x->cost == BG_COST_PERSONNEL ? "general.personnel" : "general.public", a);
        }
        if (strcmp(fund->budget, "政府性基金预算") == 0)
            put(n, "gov_fund.total", a);
        if (strcmp(fund->budget, "国有资本经营预算") == 0)
            put(n, "state_capital.total", a);
        /* “三公”经费 and 机关运行经费 are financial-appropriation money. */
        if (fund->appropriation) {
            const char *tp = x->dept_econ == 30212   ? "three_public.abroad"
                             : x->dept_econ == 30217 ? "three_public.reception"
                             : x->dept_econ == 30231 ? "three_public.vehicle_run"
                             : x->dept_econ == 31013 ? "three_public.vehicle_buy"
                                                     : NULL;
            if (tp) {
                put(n, tp, a);
                put(n, "three_public.total", a);
                if (x->dept_econ == 30231 || x->dept_econ == 31013)
                    put(n, "three_public.vehicle", a);
            }
            if (basic && x->cost == BG_COST_PUBLIC && x->unit_type != BG_UNIT_INSTITUTION)
                put(n, "operating", a);
        }
    }
    /* Last year's “三公”经费, when the file gives its four parts. */
    static const char *const parts[] = {"last_year_abroad", "last_year_reception",
                                        "last_year_vehicle_buy", "last_year_vehicle_run"};
    bg_money last = 0;
    size_t found = 0;
    for (size_t k = 0; k < G_N_ELEMENTS(parts); k++) {
        const bg_money *m = g_hash_table_lookup(d->figures, parts[k]);
        if (m) {
            last += *m;
            found++;
        }
    }
    if (found == G_N_ELEMENTS(parts))
        put(n, "last_year.three_public", last);
    for (guint i = 0; i < d->procurement->len; i++) {
        const bg_procurement *pc = &g_array_index(d->procurement, bg_procurement, i);
        put(n, "procurement.total", pc->amount);
        put(n, pc->category == BG_PROC_GOODS      ? "procurement.goods"
               : pc->category == BG_PROC_SERVICES ? "procurement.services"
                                                  : "procurement.works",
            pc->amount);
    }

    g_hash_table_insert(n->lists, g_strdup("functions"), function_list(n, facts, false));
    g_hash_table_insert(n->lists, g_strdup("functions.general"), function_list(n, facts, true));

    GPtrArray *projects = g_ptr_array_new_with_free_func(entry_free);
    for (guint p = 0; p < d->projects->len; p++) {
        const bg_project *pr = &g_array_index(d->projects, bg_project, p);
        entry *e = g_new0(entry, 1);
        e->name = g_strdup(pr->name);
        e->project = pr;
        e->number = (int)p + 1;
        e->has_previous = pr->previous_amount.set;
        e->previous = pr->previous_amount.value;
        g_ptr_array_add(projects, e);
    }
    for (guint i = 0; i < d->items->len; i++)
        if (facts[i].item->project >= 0)
            ((entry *)projects->pdata[facts[i].item->project])->amount += facts[i].item->amount;
    g_hash_table_insert(n->lists, g_strdup("projects"), projects);

    GPtrArray *lines = g_ptr_array_new_with_free_func(entry_free);
    for (guint i = 0; i < d->procurement->len; i++) {
        const bg_procurement *pc = &g_array_index(d->procurement, bg_procurement, i);
        entry *e = g_new0(entry, 1);
        e->number = (int)i + 1;
        e->name = g_strdup(pc->spec && *pc->spec ? pc->spec : pc->item);
        e->amount = pc->amount;
        e->quantity = g_strdup(pc->quantity ? pc->quantity : "");
        e->measure = g_strdup(pc->measure ? pc->measure : "");
        g_ptr_array_add(lines, e);
    }
    g_hash_table_insert(n->lists, g_strdup("procurement"), lines);

    GPtrArray *empty = g_ptr_array_new_with_free_func(entry_free);
    for (guint i = 0; i < n->tables->len; i++) {
        const bg_table *t = n->tables->pdata[i];
        const bg_table_def *def = NULL;
        for (guint k = 0; k < n->f->tables->len && !def; k++)
            if (strcmp(((bg_table_def *)n->f->tables->pdata[k])->id, t->id) == 0)
                def = n->f->tables->pdata[k];
        if (!t->empty || !def || !def->empty_reason)
            continue;
        entry *e = g_new0(entry, 1);
        e->number = (int)empty->len + 1;
        const char *title = t->title;
        if (g_str_has_prefix(title, d->name))
            title += strlen(d->name);
        e->title = g_strdup(title);
        e->name = g_strdup(title);
        e->reason = g_strdup_printf("texts.%s", def->empty_reason);
        g_ptr_array_add(empty, e);
    }
    g_hash_table_insert(n->lists, g_strdup("empty_tables"), empty);
    g_free(facts);
}

bg_narrative *bg_narrative_new(const bg_department *d, const bg_format *f,
                               const GPtrArray *tables)
{
    bg_narrative *n = g_new0(bg_narrative, 1);
    n->d = d;
    n->f = f;
    n->tables = tables;
    n->fc = (bg_field_ctx){.d = d, .money = {"万元", 2, true, false}};
    n->figures = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    n->lists = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify)g_ptr_array_unref);
    n->missing = g_ptr_array_new_with_free_func(g_free);
    compute(n);
    return n;
}

void bg_narrative_free(bg_narrative *n)
{
    if (!n)
        return;
    g_hash_table_destroy(n->figures);
    g_hash_table_destroy(n->lists);
    g_ptr_array_free(n->missing, TRUE);
    g_free(n);
}

const GPtrArray *bg_narrative_missing(const bg_narrative *n)
{
    return n->missing;
}

static void miss(bg_narrative *n, const char *name)
{
    if (n->optional) {
        n->dropped = true;
        return;
    }
    for (guint i = 0; i < n->missing->len; i++)
        if (strcmp(n->missing->pdata[i], name) == 0)
            return;
    g_ptr_array_add(n->missing, g_strdup(name));
}

/* ---- values ------------------------------------------------------------- */

/* 万元 with up to two decimals, trailing zeros dropped; zero is "0". */
static char *wan(bg_money m)
{
    char buf[BG_MONEY_BUF];
    return g_strdup(bg_money_format_wan(m, 2, 1, buf));
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
    __int128 num = (__int128)a * 20000;
    __int128 q = num / b;
    return (long long)((q + (q >= 0 ? 1 : -1)) / 2);
}

/* The amount a name stands for: a figure, figures.KEY, or item.amount. */
static bool amount_of(bg_narrative *n, const char *name, bg_money *out)
{
    if (n->item && strcmp(name, "item.amount") == 0) {
        *out = n->item->amount;
        return true;
    }
    if (n->item && strcmp(name, "item.previous") == 0) {
        *out = n->item->previous;
        return n->item->has_previous;
    }
    const bg_money *v = g_hash_table_lookup(n->figures, name);
    if (!v && g_str_has_prefix(name, "figures."))
        v = g_hash_table_lookup(n->d->figures, name + 8);
    if (!v && n->item && n->item->project && g_str_has_prefix(name, "item.figures."))
        v = g_hash_table_lookup(n->item->project->figures, name + 13);
    if (!v)
        return false;
    *out = *v;
    return true;
}

static char *value(bg_narrative *n, const char *name);

static char *function_call(bg_narrative *n, const char *expr)
{
    char **a = g_strsplit(expr, ":", -1);
    guint argc = g_strv_length(a);
    char *out = NULL;
    bg_money x = 0, y = 0;
    if (strcmp(a[0], "count") == 0 && argc == 2) {
        const GPtrArray *l = g_hash_table_lookup(n->lists, a[1]);
        if (strcmp(a[1], "units") == 0)
            out = g_strdup_printf("%u", n->d->units->len);
        else
            out = l ? g_strdup_printf("%u", l->len) : NULL;
    } else if (argc == 2 && strcmp(a[0], "has") == 0) {
        /* Nothing, but missing when its argument is: in {?has:…} it gates a
         * line on a value shown elsewhere. */
        bool was_opt = n->optional, was_drop = n->dropped;
        n->optional = true;
        n->dropped = false;
        g_free(value(n, a[1]));
        bool absent = n->dropped;
        n->optional = was_opt;
        n->dropped = was_drop;
        if (absent)
            miss(n, a[1]);
        out = g_strdup("");
    } else if (argc == 2 && strcmp(a[0], "incl") == 0) {
        /* 包含 / 不包含: whether a project has money of a kind */
        if (amount_of(n, a[1], &x))
            out = g_strdup(x ? "包含" : "不包含");
        else
            miss(n, a[1]), out = g_strdup("");
    } else if (argc == 3 && strcmp(a[0], "than") == 0) {
        /* 较上年增加X万元 / 较上年减少X万元 / 与上年持平 */
        bool ok_x = amount_of(n, a[1], &x), ok_y = amount_of(n, a[2], &y);
        if (!ok_x || !ok_y) {
            miss(n, ok_x ? a[2] : a[1]);
            out = g_strdup("");
        } else if (x == y) {
            out = g_strdup("与上年持平");
        } else {
            char *w = wan(x > y ? x - y : y - x);
            out = g_strdup_printf("较上年%s%s万元", x > y ? "增加" : "减少", w);
            g_free(w);
        }
    } else if (argc == 3 && (strcmp(a[0], "share") == 0 || strcmp(a[0], "change") == 0 ||
                             strcmp(a[0], "rate") == 0 || strcmp(a[0], "vs") == 0)) {
        bool ok_x = amount_of(n, a[1], &x), ok_y = amount_of(n, a[2], &y);
        if (!ok_x)
            miss(n, a[1]);
        if (!ok_y)
            miss(n, a[2]);
        if (ok_x && ok_y) {
            if (strcmp(a[0], "share") == 0) {
                out = percent(ratio(x, y));
            } else if (strcmp(a[0], "vs") == 0) {
                /* 与2022年预算持平 / 比2022年预算增加X万元，增长Y% */
                if (x == y) {
                    out = g_strdup_printf("与%d年预算持平", n->d->year - 1);
                } else {
                    char *w = wan(x > y ? x - y : y - x);
                    char *p = percent(ratio(x > y ? x - y : y - x, y));
                    out = g_strdup_printf("比%d年预算%s%s万元，%s%s", n->d->year - 1,
                                          x > y ? "增加" : "减少", w, x > y ? "增长" : "下降",
                                          y ? p : "—");
                    g_free(w);
                    g_free(p);
                }
            } else if (strcmp(a[0], "change") == 0) {
                char *w = wan(x >= y ? x - y : y - x);
                out = g_strdup_printf("%s%s", x >= y ? "增加" : "减少", w);
                g_free(w);
            } else {
                char *p = percent(ratio(x >= y ? x - y : y - x, y));
                out = g_strdup_printf("%s%s", x >= y ? "增长" : "下降", p);
                g_free(p);
            }
        } else {
            out = g_strdup("");
        }
    }
    if (!out)
        miss(n, expr);
    g_strfreev(a);
    return out;
}

static char *expand_text(bg_narrative *n, const char *text);

static char *value(bg_narrative *n, const char *name)
{
    if (name[0] == '?') {
        bool was = n->optional;
        n->optional = true;
        char *v = value(n, name + 1);
        n->optional = was;
        return v;
    }
    if (strchr(name, ':'))
        return function_call(n, name);
    if (n->item && g_str_has_prefix(name, "item.")) {
        const char *f = name + 5;
        const entry *e = n->item;
        if (strcmp(f, "name") == 0)
            return g_strdup(e->name ? e->name : "");
        if (strcmp(f, "title") == 0)
            return g_strdup(e->title ? e->title : "");
        if (strcmp(f, "number") == 0)
            return g_strdup_printf("%d", e->number);
        if (strcmp(f, "share") == 0)
            return percent(e->share);
        if (strcmp(f, "amount") == 0)
            return wan(e->amount);
        if (strcmp(f, "previous") == 0)
            return wan(e->previous);
        if (strcmp(f, "reason") == 0 && e->reason)
            return value(n, e->reason);
        if (strcmp(f, "quantity") == 0 && e->quantity)
            return g_strdup(e->quantity);
        if (strcmp(f, "measure") == 0 && e->measure)
            return g_strdup(e->measure);
        if (strcmp(f, "unit_price") == 0 && e->quantity) {
            /* the amount over the quantity, exact to the 分 */
            bg_money q;
            if (bg_money_parse(e->quantity, strlen(e->quantity), &q) == BG_MONEY_OK && q > 0)
                return wan((bg_money)(((__int128)e->amount * 100 + q / 2) / q));
        }
        if (e->project && g_str_has_prefix(f, "texts.")) {
            const char *t = g_hash_table_lookup(e->project->texts, f + 6);
            if (!t)
                miss(n, name);
            return t ? expand_text(n, t) : g_strdup("");
        }
        if (e->project && g_str_has_prefix(f, "figures.")) {
            const bg_money *m = g_hash_table_lookup(e->project->figures, f + 8);
            if (!m)
                miss(n, name);
            return m ? wan(*m) : g_strdup("");
        }
        if (e->project) {
            /* Any field of the project's own: item.overview, item.basis … */
            char *field = g_strconcat("project.", f, NULL);
            bg_field_ctx pc = n->fc;
            pc.project = e->project;
            pc.project_amount = e->amount;
            char *v = bg_field_text(&pc, field, NULL, NULL);
            g_free(field);
            if (v && *v)
                return v;
            g_free(v);
        }
        miss(n, name);
        return g_strdup("");
    }
    bg_money m;
    if (g_hash_table_lookup(n->figures, name) && amount_of(n, name, &m))
        return wan(m);
    if (g_str_has_prefix(name, "figures.")) {
        if (amount_of(n, name, &m))
            return wan(m);
        miss(n, name);
        return g_strdup("");
    }
    if (g_str_has_prefix(name, "texts.")) {
        const char *t = g_hash_table_lookup(n->d->texts, name + 6);
        if (!t || !*t)
            miss(n, name);
        return t ? expand_text(n, t) : g_strdup("");
    }
    char *s = bg_field_text(&n->fc, name, NULL, NULL);
    if (!s) {
        miss(n, name);
        return g_strdup("");
    }
    if (g_str_has_prefix(name, "profile.") && strchr(s, '{')) {
        char *x = expand_text(n, s);
        g_free(s);
        return x;
    }
    if (!*s && n->optional)
        n->dropped = true;
    return s;
}

/* Free text of the department file may quote figures too ({count:units}),
 * so that no figure is typed twice; a text quoting itself stops at a depth. */
static char *expand_text(bg_narrative *n, const char *text)
{
    if (n->depth > 3 || !strchr(text, '{'))
        return g_strdup(text);
    n->depth++;
    char *s = bg_narrative_expand(n, text);
    n->depth--;
    return s;
}

static char *narrative_value(const char *name, void *data)
{
    return value(data, name);
}

char *bg_narrative_expand(bg_narrative *n, const char *tmpl)
{
    return bg_template_fill(tmpl, narrative_value, n);
}

/* ---- paragraphs --------------------------------------------------------- */

/* （一）…（二十）: the numbering of listed duties. */
static char *chinese_ordinal(guint n)
{
    static const char *const digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    GString *s = g_string_new(NULL);
    if (n >= 20)
        g_string_append(s, digits[n / 10]);
    if (n >= 10)
        g_string_append(s, "十");
    g_string_append(s, digits[n % 10]);
    return g_string_free(s, FALSE);
}

static void add_text(GPtrArray *out, char *text)
{
    if (*g_strstrip(text))
        g_ptr_array_add(out, text);
    else
        g_free(text);
}

/* Fills a template line by line: each line of it is a paragraph, and a line
 * where an optional value ({?…}) is missing is left out whole. With
 * `prefix`, the first line kept starts with it. */
static void add_lines(bg_narrative *n, const char *tmpl, const char *prefix, const char *suffix,
                      GPtrArray *out)
{
    char **lines = g_strsplit(tmpl, "\n", -1);
    bool first = true;
    for (int i = 0; lines[i]; i++) {
        n->dropped = false;
        char *text = bg_narrative_expand(n, lines[i]);
        if (n->dropped) {
            g_free(text);
            continue;
        }
        char *full = g_strconcat(first && prefix ? prefix : "", text,
                                 lines[i + 1] ? "" : (suffix ? suffix : ""), NULL);
        g_free(text);
        add_text(out, full);
        first = false;
    }
    n->dropped = false;
    g_strfreev(lines);
}

void bg_narrative_paragraphs(bg_narrative *n, const bg_para *p, GPtrArray *out)
{
    const char *cond = p->when_zero ? p->when_zero : p->when_nonzero;
    if (cond) {
        bg_money v = 0;
        if (!amount_of(n, cond, &v))
            miss(n, cond);
        if ((v == 0) != (p->when_zero != NULL))
            return;
    }
    if (p->text) {
        /* A lone list field of the department file: duties numbered （一）…,
         * composition as they are. */
        size_t len = strlen(p->text);
        if (len > 2 && p->text[0] == '{' && p->text[len - 1] == '}' && !strchr(p->text + 1, '{')) {
            char *name = g_strndup(p->text + 1, len - 2);
            const GPtrArray *list = bg_field_list(&n->fc, name);
            bool numbered = strcmp(name, "profile.duties") == 0;
            g_free(name);
            if (list) {
                for (guint i = 0; i < list->len; i++) {
                    char *num = numbered ? chinese_ordinal(i + 1) : NULL;
                    add_text(out, numbered ? g_strdup_printf("（%s）%s", num, (char *)list->pdata[i])
                                           : g_strdup(list->pdata[i]));
                    g_free(num);
                }
                return;
            }
        }
        add_lines(n, p->text, NULL, NULL, out);
        return;
    }
    const GPtrArray *list = g_hash_table_lookup(n->lists, p->list);
    if (!list) {
        miss(n, p->list);
        return;
    }
    if (list->len == 0) {
        add_text(out, bg_narrative_expand(n, p->empty));
        return;
    }
    GString *s = g_string_new(NULL);
    char *before = bg_narrative_expand(n, p->before);
    if (!p->each)
        g_string_append(s, before);
    for (guint i = 0; i < list->len; i++) {
        n->item = list->pdata[i];
        if (p->each) {
            add_lines(n, p->item, i == 0 ? before : NULL, p->after, out);
            n->item = NULL;
            continue;
        }
        char *item = bg_narrative_expand(n, p->item);
        n->item = NULL;
        if (i > 0)
            g_string_append(s, p->sep);
        g_string_append(s, item);
        g_free(item);
    }
    g_free(before);
    if (!p->each) {
        char *after = bg_narrative_expand(n, p->after);
        g_string_append(s, after);
        g_free(after);
        add_text(out, g_string_free(s, FALSE));
    } else {
        g_string_free(s, TRUE);
    }
}

void bg_narrative_all(bg_narrative *n, GPtrArray *out)
{
    const bg_format *f = n->f;
    for (guint i = 0; i < f->parts->len; i++) {
        const bg_part *part = f->parts->pdata[i];
        g_ptr_array_add(out, bg_narrative_expand(n, part->title));
        for (guint k = 0; k < part->sections->len; k++) {
            const bg_section *s = part->sections->pdata[k];
            char *h = bg_narrative_expand(n, s->heading);
            add_text(out, h);
            for (guint j = 0; j < s->paragraphs->len; j++)
                bg_narrative_paragraphs(n, s->paragraphs->pdata[j], out);
        }
    }
}
