#include "input/format_load.h"

#include <string.h>

#include "input/format_internal.h"
#include "model/department.h"
#include "model/textfile.h"

#define NF(a) (sizeof(a) / sizeof((a)[0]))

char *bg_fpath_sub(const char *path, const char *key)
{
    return g_strdup_printf("%s.%s", path, key);
}

char *bg_fpath_idx(const char *path, int i)
{
    return g_strdup_printf("%s[%d]", path, i + 1);
}

#define sub bg_fpath_sub
#define idx bg_fpath_idx

void bg_fsite(floader *L, const char *text, const bg_node *n, bg_mark at, const char *path,
              bg_scope_kind scope, const char *list, bool bare)
{
    if (!text)
        return;
    bg_template_site *s = g_new0(bg_template_site, 1);
    bg_mark m = bg_node_mark(n, at);
    s->text = text;
    s->path = g_strdup(path);
    s->line = m.line;
    s->col = m.column;
    s->scope = scope;
    s->list = list;
    s->bare = bare;
    s->project_form = L->project_form;
    g_ptr_array_add(L->f->sites, s);
}

/* A template: read, and recorded for checking. */
static char *read_tmpl(floader *L, const bg_node *n, bg_mark at, const char *path,
                       bg_scope_kind scope)
{
    char *t = bg_read_text(&L->r, n, at, path, NULL);
    bg_fsite(L, t, n, at, path, scope, NULL, false);
    return t;
}

/* Calls fn for every element of a sequence, splicing nested sequences (a
 * list included by an alias) in place. */
typedef void (*each_fn)(floader *L, const bg_node *n, bg_mark at, const char *path,
                        void *data);

static void each(floader *L, const bg_node *seq, bg_mark at, const char *path, each_fn fn,
                 void *data)
{
    if (!bg_expect_seq(&L->r, seq, at, path, NULL) || !seq)
        return;
    for (int i = 0; i < (int)seq->len; i++) {
        const bg_node *e = seq->children[i];
        char *p = idx(path, i);
        if (e->type == BG_NODE_SEQ)
            each(L, e, at, p, fn, data);
        else
            fn(L, e, bg_node_mark(e, at), p, data);
        g_free(p);
    }
}

/* ---- filters ------------------------------------------------------------ */

static GArray *int_list(floader *L, const bg_node *n, bg_mark at, const char *path)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(int));
    if (!bg_expect_seq(&L->r, n, at, path, NULL))
        return out;
    for (int i = 0; i < (int)n->len; i++) {
        const bg_node *e = n->children[i];
        char *p = idx(path, i);
        char *code = bg_read_code(&L->r, e, at, p, NULL, 0, "科目编码（数字）");
        if (code) {
            int v = atoi(code);
            g_array_append_val(out, v);
        }
        g_free(code);
        g_free(p);
    }
    return out;
}

static GPtrArray *text_list(floader *L, const bg_node *n, bg_mark at, const char *path)
{
    GPtrArray *l = bg_read_text_list(&L->r, n, at, path, NULL);
    return l ? l : g_ptr_array_new_with_free_func(g_free);
}

void bg_fread_filter(floader *L, const bg_node *n, bg_mark at, const char *path, bg_filter *f)
{
    enum { K_KIND, K_FUND, K_BUDGET, K_APPROP, K_CARRY, K_COST, K_CATEGORY, K_UNIT_TYPE,
           K_ECON_CLASS, K_DEPT_ECON, K_GOV_CLASS, K_GOV_ECON, K_FUNC_CLASS, K_COUNT };
    static const bg_field fields[K_COUNT] = {
        {"kind", NULL, false},         {"fund", NULL, false},
        {"budget", NULL, false},       {"appropriation", NULL, false},
        {"carry_over", NULL, false},   {"cost", NULL, false},
        {"category", NULL, false},     {"unit_type", NULL, false},
        {"econ_class", NULL, false},   {"dept_econ", NULL, false},
        {"gov_class", NULL, false},    {"gov_econ", NULL, false},
        {"function_class", NULL, false},
    };
    *f = (bg_filter){.kind = -1, .carry_over = -1, .cost = -1};
    if (!n) {
        f->never = true; /* `sum: null`: a label without an amount */
        return;
    }
    const bg_node *v[K_COUNT];
    bg_mark m[K_COUNT];
    if (!bg_read_fields(&L->r, n, at, path, "求和条件", fields, K_COUNT, v, m))
        return;
    const bg_catalog *cat = L->catalog;
    char *p;
    if (v[K_KIND]) {
        p = sub(path, "kind");
        char *k = bg_read_text(&L->r, v[K_KIND], m[K_KIND], p, NULL);
        if (k && strcmp(k, "basic") == 0)
            f->kind = 0;
        else if (k && strcmp(k, "project") == 0)
            f->kind = 1;
        else if (k)
            bg_reader_error(&L->r, v[K_KIND], m[K_KIND], p, NULL, "应为 basic 或 project");
        g_free(k);
        g_free(p);
    }
    if (v[K_COST]) {
        p = sub(path, "cost");
        char *k = bg_read_text(&L->r, v[K_COST], m[K_COST], p, NULL);
        if (k && !L->f->has_personnel)
            bg_reader_error(&L->r, v[K_COST], m[K_COST], p, NULL,
                            "用 cost 之前，须在格式顶层用 personnel 写明哪些基本支出算人员经费");
        if (k && strcmp(k, "人员经费") == 0)
            f->cost = BG_COST_PERSONNEL;
        else if (k && strcmp(k, "公用经费") == 0)
            f->cost = BG_COST_PUBLIC;
        else if (k)
            bg_reader_error(&L->r, v[K_COST], m[K_COST], p, NULL, "应为“人员经费”或“公用经费”");
        g_free(k);
        g_free(p);
    }
    if (v[K_CARRY]) {
        bool b = false;
        p = sub(path, "carry_over");
        if (bg_read_bool(&L->r, v[K_CARRY], m[K_CARRY], p, NULL, &b))
            f->carry_over = b;
        g_free(p);
    }
    /* Fund conditions narrow one mask: fund codes, budgets, 财政拨款. */
    uint64_t all = cat->funds->len >= 64 ? UINT64_MAX : ((UINT64_C(1) << cat->funds->len) - 1);
    uint64_t mask = all;
    if (v[K_FUND]) {
        p = sub(path, "fund");
        GPtrArray *l = text_list(L, v[K_FUND], m[K_FUND], p);
        uint64_t fm = 0;
        for (guint i = 0; i < l->len; i++) {
            int fi = bg_catalog_fund(cat, l->pdata[i]);
            if (fi < 0)
                bg_reader_error(&L->r, v[K_FUND], m[K_FUND], p, NULL, "资金来源目录中没有“%s”",
                                (char *)l->pdata[i]);
            else
                fm |= UINT64_C(1) << fi;
        }
        mask &= fm;
        g_ptr_array_free(l, TRUE);
        g_free(p);
    }
    if (v[K_BUDGET]) {
        p = sub(path, "budget");
        GPtrArray *l = text_list(L, v[K_BUDGET], m[K_BUDGET], p);
        uint64_t fm = 0;
        for (guint i = 0; i < l->len; i++) {
            bool found = false;
            for (guint k = 0; k < cat->funds->len; k++) {
                const bg_fund *fund = cat->funds->pdata[k];
                if (strcmp(fund->budget, l->pdata[i]) == 0) {
                    fm |= UINT64_C(1) << k;
                    found = true;
                }
            }
            if (!found)
                bg_reader_error(&L->r, v[K_BUDGET], m[K_BUDGET], p, NULL,
                                "资金来源目录中没有属于“%s”的资金", (char *)l->pdata[i]);
        }
        mask &= fm;
        g_ptr_array_free(l, TRUE);
        g_free(p);
    }
    if (v[K_APPROP]) {
        bool b = false;
        p = sub(path, "appropriation");
        if (bg_read_bool(&L->r, v[K_APPROP], m[K_APPROP], p, NULL, &b)) {
            uint64_t fm = 0;
            for (guint k = 0; k < cat->funds->len; k++)
                if (((bg_fund *)cat->funds->pdata[k])->appropriation == b)
                    fm |= UINT64_C(1) << k;
            mask &= fm;
        }
        g_free(p);
    }
    if (mask != all) {
        f->has_funds = true;
        f->funds = mask;
    }
    if (v[K_CATEGORY]) {
        p = sub(path, "category");
        GPtrArray *l = text_list(L, v[K_CATEGORY], m[K_CATEGORY], p);
        for (guint i = 0; i < l->len; i++) {
            int c = bg_format_category(L->f, l->pdata[i]);
            if (c < 0)
                bg_reader_error(&L->r, v[K_CATEGORY], m[K_CATEGORY], p, NULL,
                                "“%s”不在 project_categories 中", (char *)l->pdata[i]);
            else
                f->categories |= UINT32_C(1) << c;
        }
        g_ptr_array_free(l, TRUE);
        g_free(p);
    }
    if (v[K_UNIT_TYPE]) {
        p = sub(path, "unit_type");
        GPtrArray *l = text_list(L, v[K_UNIT_TYPE], m[K_UNIT_TYPE], p);
        for (guint i = 0; i < l->len; i++) {
            bg_unit_type t;
            if (!bg_unit_type_parse(l->pdata[i], &t))
                bg_reader_error(&L->r, v[K_UNIT_TYPE], m[K_UNIT_TYPE], p, NULL,
                                "单位性质应为" BG_UNIT_TYPES_TEXT);
            else
                f->unit_types |= (uint8_t)(1u << t);
        }
        g_ptr_array_free(l, TRUE);
        g_free(p);
    }
    GArray **lists[] = {&f->econ_class, &f->dept_econ, &f->gov_class, &f->gov_econ,
                        &f->function_class};
    for (int k = K_ECON_CLASS; k <= K_FUNC_CLASS; k++) {
        if (!v[k])
            continue;
        p = sub(path, fields[k].key);
        *lists[k - K_ECON_CLASS] = int_list(L, v[k], m[k], p);
        g_free(p);
    }
}

/* ---- columns ------------------------------------------------------------ */

static bg_column *read_column(floader *L, const bg_node *n, bg_mark at, const char *path);

static void add_column(floader *L, const bg_node *n, bg_mark at, const char *path, void *data)
{
    bg_column *c = read_column(L, n, at, path);
    if (c)
        g_ptr_array_add(data, c);
}

static bg_column *read_column(floader *L, const bg_node *n, bg_mark at, const char *path)
{
    static const bg_field fields[] = {{"title", NULL, true},   {"key", NULL, false},
                                      {"sum", NULL, false},     {"children", NULL, false},
                                      {"total_of", NULL, false}};
    const bg_node *v[5];
    bg_mark m[5];
    if (!bg_read_fields(&L->r, n, at, path, "表头列", fields, 5, v, m))
        return NULL;
    bg_column *c = g_new0(bg_column, 1);
    c->key = -1;
    char *p = sub(path, "title");
    c->title = v[0] ? read_tmpl(L, v[0], m[0], p, BG_SCOPE_DOCUMENT) : g_strdup("");
    g_free(p);
    bool has_sum = bg_node_lookup(n, "sum") != NULL;
    int kinds = (v[1] != NULL) + has_sum + (v[3] != NULL);
    if (kinds != 1)
        bg_reader_error(&L->r, n, at, path, NULL,
                        "每一列要么是键列（key），要么是求和列（sum），要么有下级列（children），且只能是其中一种");
    if (v[1]) {
        p = sub(path, "key");
        char *k = bg_read_text(&L->r, v[1], m[1], p, NULL);
        if (k && (c->key = bg_key_from_name(k)) < 0)
            bg_reader_error(&L->r, v[1], m[1], p, NULL, "没有名为“%s”的键列", k);
        g_free(k);
        g_free(p);
    }
    if (has_sum) {
        p = sub(path, "sum");
        bg_fread_filter(L, v[2], m[2], p, &c->sum);
        g_free(p);
    }
    if (v[3]) {
        c->children = bg_format_columns_new();
        p = sub(path, "children");
        each(L, v[3], m[3], p, add_column, c->children);
        g_free(p);
    }
    if (v[4]) {
        p = sub(path, "total_of");
        char *k = bg_read_text(&L->r, v[4], m[4], p, NULL);
        if (k && strcmp(k, "siblings") == 0)
            c->total_of = BG_TOTAL_SIBLINGS;
        else if (k && strcmp(k, "groups") == 0)
            c->total_of = BG_TOTAL_GROUPS;
        else if (k)
            bg_reader_error(&L->r, v[4], m[4], p, NULL, "应为 siblings 或 groups");
        g_free(k);
        g_free(p);
    }
    return c;
}

/* ---- rows --------------------------------------------------------------- */

static void add_fixed(floader *L, const bg_node *n, bg_mark at, const char *path, void *data)
{
    static const bg_field fields[] = {{"label", NULL, false}, {"sum", NULL, false},
                                      {"code", NULL, false}};
    const bg_node *v[3];
    bg_mark m[3];
    if (!bg_read_fields(&L->r, n, at, path, "固定行", fields, 3, v, m))
        return;
    bg_fixed_row *r = g_new0(bg_fixed_row, 1);
    char *p = sub(path, "label");
    r->label = v[0] ? bg_read_text(&L->r, v[0], m[0], p, NULL) : g_strdup("");
    g_free(p);
    p = sub(path, "sum");
    bool has_sum = bg_node_lookup(n, "sum") != NULL;
    if (has_sum)
        bg_fread_filter(L, v[1], m[1], p, &r->sum);
    else
        r->sum = (bg_filter){.never = true, .kind = -1, .carry_over = -1, .cost = -1};
    g_free(p);
    if (v[2]) {
        p = sub(path, "code");
        char *code = bg_read_code(&L->r, v[2], m[2], p, NULL, 3, "3 位功能分类类级编码");
        if (code) {
            r->code = atoi(code);
            if (!has_sum) {
                r->sum = (bg_filter){.kind = -1, .carry_over = -1, .cost = -1};
                r->sum.function_class = g_array_new(FALSE, FALSE, sizeof(int));
                g_array_append_val(r->sum.function_class, r->code);
            }
        }
        g_free(code);
        g_free(p);
    }
    g_ptr_array_add(data, r);
}

static int key_field(floader *L, const bg_node *n, bg_mark at, const char *path)
{
    if (!n)
        return -1;
    char *k = bg_read_text(&L->r, n, at, path, NULL);
    int key = k ? bg_key_from_name(k) : -1;
    if (k && key < 0)
        bg_reader_error(&L->r, n, at, path, NULL, "没有名为“%s”的键列", k);
    g_free(k);
    return key;
}

static void add_rows(floader *L, const bg_node *n, bg_mark at, const char *path, void *data)
{
    enum { R_TOTAL, R_DEPARTMENT, R_UNITS, R_FUNCTIONS, R_CLASSES, R_FIXED, R_PAIRS,
           R_DEPT_ECON, R_PROJECTS, R_PROCUREMENT, R_AT, R_CODE_AT, R_NAME_AT, R_KEEP,
           R_WITH_FUNCTIONS, R_FILTER, R_LEVELS, R_ORDER, R_GROUP, R_NAME, R_UNIT_ON_ROWS,
           R_COUNT };
    static const bg_field fields[R_COUNT] = {
        {"total", NULL, false},     {"department", NULL, false}, {"units", NULL, false},
        {"functions", NULL, false}, {"function_classes", NULL, false},
        {"fixed", NULL, false},     {"econ_pairs", NULL, false}, {"dept_econ", NULL, false},
        {"projects", NULL, false},  {"procurement", NULL, false}, {"at", NULL, false},
        {"code_at", NULL, false},   {"name_at", NULL, false},
        {"keep_when_empty", NULL, false}, {"with_functions", NULL, false},
        {"filter", NULL, false},    {"levels", NULL, false},     {"order", NULL, false},
        {"group", NULL, false},     {"name", NULL, false},       {"unit_on_rows", NULL, false},
    };
    const bg_node *v[R_COUNT];
    bg_mark m[R_COUNT];
    if (!bg_read_fields(&L->r, n, at, path, "行来源", fields, R_COUNT, v, m))
        return;
    int kind = -1, count = 0;
    for (int k = R_TOTAL; k <= R_PROCUREMENT; k++)
        if (v[k] || (k == R_TOTAL && bg_node_lookup(n, "total"))) {
            kind = k;
            count++;
        }
    if (count != 1) {
        bg_reader_error(&L->r, n, at, path, NULL,
                        "每个行来源只能是 total、department、units、functions、function_classes、"
                        "fixed、econ_pairs、dept_econ、projects、procurement 之一");
        return;
    }
    bg_rows *r = g_new0(bg_rows, 1);
    r->kind = (bg_rows_kind)kind;
    r->filter = (bg_filter){.kind = -1, .carry_over = -1, .cost = -1};
    r->levels = kind == R_DEPT_ECON ? BG_LEVEL_KIND : BG_LEVEL_ITEM;
    r->input_order = kind == R_PROJECTS; /* projects as the file lists them */
    char *p;
    if (v[R_FILTER] && kind == R_PROCUREMENT)
        bg_reader_error(&L->r, v[R_FILTER], m[R_FILTER], path, NULL,
                        "政府采购行（procurement）不按预算明细筛选，不能写 filter");
    if (v[R_FILTER]) {
        p = sub(path, "filter");
        bg_fread_filter(L, v[R_FILTER], m[R_FILTER], p, &r->filter);
        g_free(p);
    }
    if (v[R_LEVELS]) {
        p = sub(path, "levels");
        bool functions = kind == R_FUNCTIONS || kind == R_UNITS;
        if (!functions && kind != R_DEPT_ECON)
            bg_reader_error(&L->r, v[R_LEVELS], m[R_LEVELS], p, NULL,
                            "levels 只用于 functions、units（其项级行）和 dept_econ");
        GPtrArray *l = text_list(L, v[R_LEVELS], m[R_LEVELS], p);
        r->levels = 0;
        for (guint i = 0; i < l->len; i++) {
            const char *x = l->pdata[i];
            int bit = strcmp(x, "class") == 0                ? BG_LEVEL_CLASS
                      : strcmp(x, "kind") == 0               ? BG_LEVEL_KIND
                      : strcmp(x, "item") == 0 && functions ? BG_LEVEL_ITEM
                                                             : 0;
            if (!bit)
                bg_reader_error(&L->r, v[R_LEVELS], m[R_LEVELS], p, NULL,
                                "层级应为 class（类）、kind（款）%s，这里是“%s”",
                                functions ? "或 item（项）" : "", x);
            r->levels |= (uint8_t)bit;
        }
        if (!r->levels)
            r->levels = kind == R_DEPT_ECON ? BG_LEVEL_KIND : BG_LEVEL_ITEM;
        g_ptr_array_free(l, TRUE);
        g_free(p);
    }
    if (v[R_ORDER]) {
        p = sub(path, "order");
        char *o = bg_read_text(&L->r, v[R_ORDER], m[R_ORDER], p, NULL);
        if (o && (strcmp(o, "input") == 0 || strcmp(o, "code") == 0))
            r->input_order = strcmp(o, "input") == 0;
        else if (o)
            bg_reader_error(&L->r, v[R_ORDER], m[R_ORDER], p, NULL,
                            "顺序应为 code（按编码）或 input（按文件中的顺序）");
        g_free(o);
        g_free(p);
    }
    p = sub(path, "at");
    r->at = key_field(L, v[R_AT], m[R_AT], p);
    g_free(p);
    p = sub(path, "code_at");
    r->code_at = key_field(L, v[R_CODE_AT], m[R_CODE_AT], p);
    g_free(p);
    p = sub(path, "name_at");
    r->name_at = key_field(L, v[R_NAME_AT], m[R_NAME_AT], p);
    g_free(p);
    if (v[R_KEEP]) {
        p = sub(path, "keep_when_empty");
        bg_read_bool(&L->r, v[R_KEEP], m[R_KEEP], p, NULL, &r->keep);
        g_free(p);
    }
    if (kind == R_TOTAL) {
        p = sub(path, "total");
        r->label = v[R_TOTAL] ? bg_read_text(&L->r, v[R_TOTAL], m[R_TOTAL], p, NULL) : g_strdup("");
        g_free(p);
    }
    if (v[R_WITH_FUNCTIONS]) {
        p = sub(path, "with_functions");
        bg_read_bool(&L->r, v[R_WITH_FUNCTIONS], m[R_WITH_FUNCTIONS], p, NULL, &r->functions);
        g_free(p);
    }
    if (v[R_GROUP]) {
        p = sub(path, "group");
        if (kind != R_FIXED)
            bg_reader_error(&L->r, v[R_GROUP], m[R_GROUP], p, NULL, "group 只用于固定行（fixed）");
        r->group = bg_read_text(&L->r, v[R_GROUP], m[R_GROUP], p, NULL);
        g_free(p);
    }
    if (v[R_NAME]) {
        p = sub(path, "name");
        if (kind != R_DEPARTMENT)
            bg_reader_error(&L->r, v[R_NAME], m[R_NAME], p, NULL, "name 只用于部门行（department）");
        r->name = bg_read_text(&L->r, v[R_NAME], m[R_NAME], p, NULL);
        if (r->name && !g_str_has_prefix(r->name, "texts.") &&
            !g_str_has_prefix(r->name, "department."))
            bg_reader_error(&L->r, v[R_NAME], m[R_NAME], p, NULL,
                            "部门行的名称应取自部门文件的字段（texts.键 或 department.…），这里是“%s”",
                            r->name);
        else
            bg_fsite(L, r->name, v[R_NAME], m[R_NAME], p, BG_SCOPE_DOCUMENT, NULL, true);
        g_free(p);
    }
    if (v[R_UNIT_ON_ROWS]) {
        p = sub(path, "unit_on_rows");
        bg_read_bool(&L->r, v[R_UNIT_ON_ROWS], m[R_UNIT_ON_ROWS], p, NULL, &r->unit_on_rows);
        g_free(p);
    }
    if (kind == R_FIXED || kind == R_CLASSES) {
        r->fixed = bg_format_fixed_rows_new();
        p = sub(path, fields[kind].key);
        each(L, v[kind], m[kind], p, add_fixed, r->fixed);
        g_free(p);
    }
    g_ptr_array_add(data, r);
}

/* ---- forms -------------------------------------------------------------- */

static void add_fcell(floader *L, const bg_node *n, bg_mark at, const char *path, void *data)
{
    static const bg_field fields[] = {{"text", NULL, false},    {"field", NULL, false},
                                      {"sum", NULL, false},     {"colspan", NULL, false},
                                      {"rowspan", NULL, false}};
    const bg_node *v[5];
    bg_mark m[5];
    if (!bg_read_fields(&L->r, n, at, path, "表单单元格", fields, 5, v, m))
        return;
    bg_fcell *c = g_new0(bg_fcell, 1);
    c->colspan = c->rowspan = 1;
    bool has_text = bg_node_lookup(n, "text") != NULL, has_sum = bg_node_lookup(n, "sum") != NULL;
    if (has_text + (v[1] != NULL) + has_sum != 1)
        bg_reader_error(&L->r, n, at, path, NULL,
                        "表单单元格要么是文字（text），要么是字段（field），要么是求和（sum），且只能是其中一种");
    char *p;
    if (has_text) {
        c->kind = BG_FCELL_TEXT;
        p = sub(path, "text");
        bg_scope_kind scope = L->in_tasks ? BG_SCOPE_TASK : BG_SCOPE_DOCUMENT;
        c->text = v[0] ? read_tmpl(L, v[0], m[0], p, scope) : g_strdup("");
        g_free(p);
    } else if (v[1]) {
        c->kind = BG_FCELL_FIELD;
        p = sub(path, "field");
        c->text = bg_read_text(&L->r, v[1], m[1], p, NULL);
        bg_fsite(L, c->text, v[1], m[1], p, L->in_tasks ? BG_SCOPE_TASK : BG_SCOPE_DOCUMENT,
                 NULL, true);
        g_free(p);
    } else {
        c->kind = BG_FCELL_SUM;
        p = sub(path, "sum");
        bg_fread_filter(L, v[2], m[2], p, &c->sum);
        g_free(p);
    }
    if (v[3]) {
        p = sub(path, "colspan");
        bg_read_int(&L->r, v[3], m[3], p, NULL, 1, 50, &c->colspan);
        g_free(p);
    }
    if (v[4]) {
        p = sub(path, "rowspan");
        bg_read_int(&L->r, v[4], m[4], p, NULL, 1, 200, &c->rowspan);
        g_free(p);
    }
    g_ptr_array_add(data, c);
}

static GPtrArray *fcells(floader *L, const bg_node *n, bg_mark at, const char *path)
{
    GPtrArray *cells = bg_format_fcells_new();
    each(L, n, at, path, add_fcell, cells);
    return cells;
}

static void add_frow(floader *L, const bg_node *n, bg_mark at, const char *path, void *data)
{
    static const bg_field fields[] = {{"cells", NULL, false}, {"tasks", NULL, false},
                                      {"indicators", NULL, false},
                                      {"project_matrix", NULL, false}, {"heads", NULL, false}};
    const bg_node *v[5];
    bg_mark m[5];
    if (!bg_read_fields(&L->r, n, at, path, "表单行", fields, 5, v, m))
        return;
    if ((v[0] != NULL) + (v[1] != NULL) + (v[2] != NULL) + (v[3] != NULL) != 1) {
        bg_reader_error(&L->r, n, at, path, NULL,
                        "表单行只能是 cells、tasks、indicators、project_matrix 之一");
        return;
    }
    bg_frow *r = g_new0(bg_frow, 1);
    char *p;
    if (v[4]) {
        p = sub(path, "heads");
        bg_read_bool(&L->r, v[4], m[4], p, NULL, &r->heads);
        g_free(p);
    }
    if (v[3]) {
        static const bg_field pf[] = {{"department", NULL, false}, {"units", NULL, false},
                                      {"amounts", NULL, true}, {"groups", NULL, true}};
        const bg_node *pv[4];
        bg_mark pm[4];
        r->kind = BG_FROW_PROJECT_MATRIX;
        p = sub(path, "project_matrix");
        if (bg_read_fields(&L->r, v[3], m[3], p, "项目矩阵", pf, 4, pv, pm)) {
            if (pv[0])
                bg_read_bool(&L->r, pv[0], pm[0], p, NULL, &r->department);
            if (pv[1])
                bg_read_bool(&L->r, pv[1], pm[1], p, NULL, &r->units);
            char *q = sub(p, "amounts");
            r->cells = fcells(L, pv[2], pm[2], q);
            g_free(q);
            q = sub(p, "groups");
            r->groups = text_list(L, pv[3], pm[3], q);
            g_free(q);
        }
        g_free(p);
        g_ptr_array_add(data, r);
        return;
    }
    if (v[0]) {
        r->kind = BG_FROW_CELLS;
        p = sub(path, "cells");
        r->cells = fcells(L, v[0], m[0], p);
        g_free(p);
    } else if (v[1]) {
        static const bg_field tf[] = {{"label", NULL, true}, {"header", NULL, true},
                                      {"cells", NULL, true}};
        const bg_node *tv[3];
        bg_mark tm[3];
        r->kind = BG_FROW_TASKS;
        p = sub(path, "tasks");
        if (bg_read_fields(&L->r, v[1], m[1], p, "任务行", tf, 3, tv, tm)) {
            char *q = sub(p, "label");
            r->label = tv[0] ? read_tmpl(L, tv[0], tm[0], q, BG_SCOPE_DOCUMENT) : g_strdup("");
            g_free(q);
            q = sub(p, "header");
            r->header = fcells(L, tv[1], tm[1], q);
            g_free(q);
            q = sub(p, "cells");
            L->in_tasks = true;
            r->cells = fcells(L, tv[2], tm[2], q);
            L->in_tasks = false;
            g_free(q);
        }
        g_free(p);
    } else {
        static const bg_field inf[] = {{"source", NULL, true}, {"leaf", NULL, true}};
        const bg_node *iv[2];
        bg_mark im[2];
        r->kind = BG_FROW_INDICATORS;
        p = sub(path, "indicators");
        if (bg_read_fields(&L->r, v[2], m[2], p, "指标行", inf, 2, iv, im)) {
            char *q = sub(p, "source");
            r->source = iv[0] ? bg_read_text(&L->r, iv[0], im[0], q, NULL) : NULL;
            if (r->source && strcmp(r->source, "performance") != 0 &&
                strcmp(r->source, "project") != 0)
                bg_reader_error(&L->r, iv[0], im[0], q, NULL, "应为 performance 或 project");
            g_free(q);
            q = sub(p, "leaf");
            r->leaf = text_list(L, iv[1], im[1], q);
            for (guint i = 0; i < r->leaf->len; i++) {
                const char *f = r->leaf->pdata[i];
                if (strcmp(f, "value") && strcmp(f, "unit") && strcmp(f, "note"))
                    bg_reader_error(&L->r, iv[1], im[1], q, NULL,
                                    "指标末级只能显示 value、unit、note，这里是“%s”", f);
            }
            g_free(q);
        }
        g_free(p);
    }
    g_ptr_array_add(data, r);
}

static bg_form *read_form(floader *L, const bg_node *n, bg_mark at, const char *path)
{
    static const bg_field fields[] = {{"width", NULL, true},     {"per_project", NULL, false},
                                      {"subtitle", NULL, false}, {"money", NULL, false},
                                      {"rows", NULL, true},      {"header_rows", NULL, false},
                                      {"projects", NULL, false}, {"project_order", NULL, false}};
    const bg_node *v[8];
    bg_mark m[8];
    if (!bg_read_fields(&L->r, n, at, path, "表单", fields, 8, v, m))
        return NULL;
    bg_form *f = g_new0(bg_form, 1);
    f->money_unit = g_strdup(L->f->money_unit ? L->f->money_unit : "元");
    f->decimals = L->f->decimals;
    f->grouping = L->f->grouping;
    char *p = sub(path, "width");
    if (v[0])
        bg_read_int(&L->r, v[0], m[0], p, NULL, 1, 50, &f->width);
    g_free(p);
    if (v[1]) {
        p = sub(path, "per_project");
        bg_read_bool(&L->r, v[1], m[1], p, NULL, &f->per_project);
        g_free(p);
    }
    L->project_form = f->per_project;
    if ((v[6] || v[7]) && !f->per_project)
        bg_reader_error(&L->r, v[6] ? v[6] : v[7], v[6] ? m[6] : m[7], path, NULL,
                        "projects 和 project_order 只用于每个项目一张的表单（per_project: true）");
    if (v[6]) {
        p = sub(path, "projects");
        bg_fread_filter(L, v[6], m[6], p, &f->projects);
        f->has_projects = true;
        g_free(p);
    }
    if (v[7]) {
        p = sub(path, "project_order");
        char *o = bg_read_text(&L->r, v[7], m[7], p, NULL);
        if (o && strcmp(o, "code") != 0 && strcmp(o, "input") != 0)
            bg_reader_error(&L->r, v[7], m[7], p, NULL,
                            "顺序应为 code（按项目编码）或 input（按文件中的顺序）");
        f->project_code_order = o && strcmp(o, "code") == 0;
        g_free(o);
        g_free(p);
    }
    if (v[2]) {
        p = sub(path, "subtitle");
        f->subtitle = read_tmpl(L, v[2], m[2], p, BG_SCOPE_DOCUMENT);
        g_free(p);
    }
    if (v[3]) {
        static const bg_field mf[] = {{"unit", NULL, true}, {"decimals", NULL, false},
                                      {"trim", NULL, false}, {"grouping", NULL, false}};
        const bg_node *mv[4];
        bg_mark mm[4];
        p = sub(path, "money");
        if (bg_read_fields(&L->r, v[3], m[3], p, "金额显示", mf, 4, mv, mm)) {
            if (mv[0]) {
                g_free(f->money_unit);
                f->money_unit = bg_read_text(&L->r, mv[0], mm[0], p, NULL);
                if (f->money_unit && strcmp(f->money_unit, "元") != 0 &&
                    strcmp(f->money_unit, "万元") != 0)
                    bg_reader_error(&L->r, mv[0], mm[0], p, NULL, "金额单位应为“元”或“万元”");
            }
            if (mv[1])
                bg_read_int(&L->r, mv[1], mm[1], p, NULL, 0, 2, &f->decimals);
            if (mv[2])
                bg_read_bool(&L->r, mv[2], mm[2], p, NULL, &f->trim);
            if (mv[3])
                bg_read_bool(&L->r, mv[3], mm[3], p, NULL, &f->grouping);
        }
        g_free(p);
    }
    if (v[5]) {
        p = sub(path, "header_rows");
        bg_read_int(&L->r, v[5], m[5], p, NULL, 0, 10, &f->header_rows);
        g_free(p);
    }
    f->rows = bg_format_frows_new();
    p = sub(path, "rows");
    each(L, v[4], m[4], p, add_frow, f->rows);
    g_free(p);
    L->project_form = false;
    return f;
}

/* ---- tables ------------------------------------------------------------- */

static bg_block *read_block(floader *L, const bg_node *columns, bg_mark cm,
                            const bg_node *rows, bg_mark rm, const bg_node *footer,
                            bg_mark fm, const char *path)
{
    bg_block *b = g_new0(bg_block, 1);
    b->columns = bg_format_columns_new();
    b->rows = bg_format_rows_new();
    b->footer = bg_format_fixed_rows_new();
    char *p = sub(path, "columns");
    if (columns)
        each(L, columns, cm, p, add_column, b->columns);
    else
        bg_reader_error(&L->r, NULL, cm, p, NULL, "缺少表头列 columns");
    g_free(p);
    p = sub(path, "rows");
    each(L, rows, rm, p, add_rows, b->rows);
    g_free(p);
    p = sub(path, "footer");
    each(L, footer, fm, p, add_fixed, b->footer);
    g_free(p);
    return b;
}

static void add_block(floader *L, const bg_node *n, bg_mark at, const char *path, void *data)
{
    static const bg_field fields[] = {{"columns", NULL, true}, {"rows", NULL, false},
                                      {"footer", NULL, false}};
    const bg_node *v[3];
    bg_mark m[3];
    if (bg_read_fields(&L->r, n, at, path, "表块", fields, 3, v, m))
        g_ptr_array_add(data, read_block(L, v[0], m[0], v[1], m[1], v[2], m[2], path));
}

static void add_table(floader *L, const bg_node *n, bg_mark at, const char *path, void *data)
{
    enum { T_ID, T_NUMBER, T_TITLE, T_UNIT_LINE, T_FILTER, T_COLUMNS, T_ROWS, T_FOOTER,
           T_BLOCKS, T_NOTES, T_EMPTY, T_KEEP, T_FORM, T_EMPTY_REASON, T_NUMBERS, T_UNIT_LEFT,
           T_CORNER, T_COUNT };
    static const bg_field fields[T_COUNT] = {
        {"id", NULL, true},        {"number", NULL, false},  {"title", NULL, true},
        {"unit_line", NULL, false}, {"filter", NULL, false}, {"columns", NULL, false},
        {"rows", NULL, false},     {"footer", NULL, false},  {"blocks", NULL, false},
        {"notes", NULL, false},    {"empty_remark", NULL, false},
        {"keep_when_empty", NULL, false}, {"form", NULL, false},
        {"empty_reason", NULL, false},
        {"column_numbers", NULL, false},
        {"unit_line_left", NULL, false},
        {"corner", NULL, false},
    };
    const bg_node *v[T_COUNT];
    bg_mark m[T_COUNT];
    if (!bg_read_fields(&L->r, n, at, path, "表", fields, T_COUNT, v, m))
        return;
    bg_table_def *t = g_new0(bg_table_def, 1);
    char **texts[] = {[T_ID] = &t->id,           [T_NUMBER] = &t->number,
                      [T_TITLE] = &t->title,     [T_UNIT_LINE] = &t->unit_line,
                      [T_FILTER] = NULL,         [T_COLUMNS] = NULL,
                      [T_ROWS] = NULL,           [T_FOOTER] = NULL,
                      [T_BLOCKS] = NULL,         [T_NOTES] = NULL,
                      [T_EMPTY] = &t->empty_remark,
                      [T_KEEP] = NULL,           [T_FORM] = NULL,
                      [T_EMPTY_REASON] = &t->empty_reason, [T_NUMBERS] = NULL,
                      [T_UNIT_LEFT] = &t->unit_left, [T_CORNER] = &t->corner};
    for (int k = 0; k < (int)NF(texts); k++) {
        if (!texts[k] || !v[k])
            continue;
        char *p = sub(path, fields[k].key);
        *texts[k] = bg_read_text(&L->r, v[k], m[k], p, NULL);
        g_free(p);
    }
    if (!t->number)
        t->number = g_strdup(t->id);
    /* A per-project form's title may name the project: know that first. */
    const bg_node *pp = v[T_FORM] && v[T_FORM]->type == BG_NODE_MAP
                            ? bg_node_lookup(v[T_FORM], "per_project")
                            : NULL;
    L->project_form = pp && pp->type == BG_NODE_SCALAR && strcmp(pp->text, "true") == 0;
    static const int templated[] = {T_TITLE, T_UNIT_LINE, T_EMPTY, T_UNIT_LEFT, T_CORNER};
    for (size_t k = 0; k < G_N_ELEMENTS(templated); k++) {
        int f = templated[k];
        char *p = sub(path, fields[f].key);
        bg_fsite(L, *texts[f], v[f], m[f], p, BG_SCOPE_DOCUMENT, NULL, false);
        g_free(p);
    }
    char *p = sub(path, "filter");
    if (v[T_FILTER])
        bg_fread_filter(L, v[T_FILTER], m[T_FILTER], p, &t->filter);
    else
        t->filter = (bg_filter){.kind = -1, .carry_over = -1, .cost = -1};
    g_free(p);
    if (v[T_NUMBERS]) {
        /* true, or the label of the key columns (default 栏次) */
        p = sub(path, "column_numbers");
        const bg_node *cn = v[T_NUMBERS];
        bool on = false;
        if (cn->type == BG_NODE_SCALAR && cn->style == BG_STYLE_PLAIN &&
            (strcmp(cn->text, "true") == 0 || strcmp(cn->text, "false") == 0)) {
            bg_read_bool(&L->r, cn, m[T_NUMBERS], p, NULL, &on);
            t->column_numbers = on ? g_strdup("栏次") : NULL;
        } else {
            t->column_numbers = read_tmpl(L, cn, m[T_NUMBERS], p, BG_SCOPE_DOCUMENT);
        }
        g_free(p);
    }
    if (v[T_KEEP]) {
        p = sub(path, "keep_when_empty");
        bg_read_bool(&L->r, v[T_KEEP], m[T_KEEP], p, NULL, &t->keep_when_empty);
        g_free(p);
    }
    p = sub(path, "notes");
    t->notes = v[T_NOTES] ? text_list(L, v[T_NOTES], m[T_NOTES], p)
                          : g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; v[T_NOTES] && v[T_NOTES]->type == BG_NODE_SEQ && i < t->notes->len; i++) {
        char *q = idx(p, (int)i);
        bg_fsite(L, t->notes->pdata[i], v[T_NOTES]->children[i], m[T_NOTES], q,
                 BG_SCOPE_DOCUMENT, NULL, false);
        g_free(q);
    }
    L->project_form = false;
    g_free(p);
    t->blocks = bg_format_blocks_new();
    if (v[T_FORM]) {
        if (v[T_COLUMNS] || v[T_ROWS] || v[T_FOOTER] || v[T_BLOCKS])
            bg_reader_error(&L->r, v[T_FORM], m[T_FORM], path, NULL,
                            "表单（form）不能同时有 columns、rows、footer 或 blocks");
        p = sub(path, "form");
        t->form = read_form(L, v[T_FORM], m[T_FORM], p);
        g_free(p);
    } else if (v[T_BLOCKS]) {
        if (v[T_COLUMNS] || v[T_ROWS] || v[T_FOOTER])
            bg_reader_error(&L->r, v[T_BLOCKS], m[T_BLOCKS], path, NULL,
                            "有 blocks 时，列、行和表尾写在各个 block 里");
        p = sub(path, "blocks");
        each(L, v[T_BLOCKS], m[T_BLOCKS], p, add_block, t->blocks);
        g_free(p);
    } else {
        g_ptr_array_add(t->blocks, read_block(L, v[T_COLUMNS], m[T_COLUMNS], v[T_ROWS],
                                              m[T_ROWS], v[T_FOOTER], m[T_FOOTER], path));
    }
    g_ptr_array_add(data, t);
}

static void read_money(floader *L, const bg_node *n, bg_mark at)
{
    static const bg_field fields[] = {{"unit", NULL, true}, {"decimals", NULL, false},
                                      {"grouping", NULL, false}, {"zero", NULL, false}};
    const bg_node *v[4];
    bg_mark m[4];
    if (!bg_read_fields(&L->r, n, at, "money", "金额显示", fields, 4, v, m))
        return;
    bg_format *f = L->f;
    if (v[0])
        f->money_unit = bg_read_text(&L->r, v[0], m[0], "money.unit", NULL);
    if (f->money_unit && strcmp(f->money_unit, "元") != 0 && strcmp(f->money_unit, "万元") != 0)
        bg_reader_error(&L->r, v[0], m[0], "money.unit", NULL, "金额单位应为“元”或“万元”");
    if (v[1])
        bg_read_int(&L->r, v[1], m[1], "money.decimals", NULL, 0, 2, &f->decimals);
    if (v[2])
        bg_read_bool(&L->r, v[2], m[2], "money.grouping", NULL, &f->grouping);
    if (v[3]) {
        g_free(f->zero);
        f->zero = bg_read_text(&L->r, v[3], m[3], "money.zero", NULL);
    }
}

/* ---- typesetting and the document's parts ------------------------------ */

static void read_role(floader *L, const bg_node *n, bg_mark at, const char *path,
                      bg_font_role *role)
{
    static const bg_field fields[] = {{"families", NULL, true}, {"size", NULL, true},
                                      {"bold", NULL, false}};
    const bg_node *v[3];
    bg_mark m[3];
    if (!bg_read_fields(&L->r, n, at, path, "字体角色", fields, 3, v, m))
        return;
    char *p = sub(path, "families");
    if (role->families)
        g_ptr_array_unref(role->families);
    role->families = text_list(L, v[0], m[0], p);
    if (role->families->len == 0) /* the renderers name the first one */
        bg_reader_error(&L->r, v[0], m[0], p, NULL, "至少要写一种字体");
    g_free(p);
    if (v[1]) {
        bg_money size; /* points with up to two decimals, read like an amount */
        p = sub(path, "size");
        if (bg_read_money(&L->r, v[1], m[1], p, NULL, &size))
            role->size = (double)size / 100.0;
        g_free(p);
    }
    if (v[2]) {
        p = sub(path, "bold");
        bg_read_bool(&L->r, v[2], m[2], p, NULL, &role->bold);
        g_free(p);
    }
}

/* typesetting.page_numbers: the text around the number, its font, where
 * it stands. */
static void read_numbers(floader *L, const bg_node *n, bg_mark at)
{
    enum { N_TEXT, N_FAMILIES, N_SIZE, N_BOLD, N_POSITION, N_BELOW, N_INSET, N_COUNT };
    static const bg_field fields[N_COUNT] = {
        {"text", NULL, false},     {"families", NULL, false}, {"size", NULL, false},
        {"bold", NULL, false},     {"position", NULL, false}, {"below", NULL, false},
        {"inset", NULL, false}};
    const bg_node *v[N_COUNT];
    bg_mark m[N_COUNT];
    const char *path = "typesetting.page_numbers";
    if (!bg_read_fields(&L->r, n, at, path, "页码", fields, N_COUNT, v, m))
        return;
    bg_page_numbers *pn = &L->f->numbers;
    if (v[N_TEXT]) {
        char *t = bg_read_text(&L->r, v[N_TEXT], m[N_TEXT], "typesetting.page_numbers.text", NULL);
        if (t && !strstr(t, "{page}")) {
            bg_reader_error(&L->r, v[N_TEXT], m[N_TEXT], "typesetting.page_numbers.text", NULL,
                            "应含 {page}（页码数字的位置），如“— {page} —”");
            g_free(t);
        } else if (t) {
            g_free(pn->text);
            pn->text = t;
        }
    }
    if (v[N_FAMILIES]) {
        if (pn->font.families)
            g_ptr_array_unref(pn->font.families);
        pn->font.families = text_list(L, v[N_FAMILIES], m[N_FAMILIES],
                                      "typesetting.page_numbers.families");
    }
    bg_money x;
    if (v[N_SIZE] && bg_read_money(&L->r, v[N_SIZE], m[N_SIZE], "typesetting.page_numbers.size",
                                   NULL, &x))
        pn->font.size = (double)x / 100.0;
    if (v[N_BOLD])
        bg_read_bool(&L->r, v[N_BOLD], m[N_BOLD], "typesetting.page_numbers.bold", NULL,
                     &pn->font.bold);
    if (v[N_POSITION]) {
        static const char *const names[] = {"outside", "center", "left", "right"};
        char *t = bg_read_text(&L->r, v[N_POSITION], m[N_POSITION],
                               "typesetting.page_numbers.position", NULL);
        int found = -1;
        for (int i = 0; t && i < 4; i++)
            if (strcmp(t, names[i]) == 0)
                found = i;
        if (t && found < 0)
            bg_reader_error(&L->r, v[N_POSITION], m[N_POSITION],
                            "typesetting.page_numbers.position", NULL,
                            "应为 outside（单页居右、双页居左）、center、left 或 right");
        else if (t)
            pn->place = (bg_number_place)found;
        g_free(t);
    }
    if (v[N_BELOW] && bg_read_money(&L->r, v[N_BELOW], m[N_BELOW],
                                    "typesetting.page_numbers.below", NULL, &x))
        pn->below = (double)x / 100.0;
    if (v[N_INSET] && bg_read_money(&L->r, v[N_INSET], m[N_INSET],
                                    "typesetting.page_numbers.inset", NULL, &x))
        pn->inset = (double)x / 100.0;
}

static void read_typesetting(floader *L, const bg_node *n, bg_mark at)
{
    enum { T_TITLE, T_HEADING, T_BODY, T_TABLE, T_MIN, T_SUB, T_PAGE_NUMBERS, T_PUNCTUATION,
           T_COUNT };
    static const bg_field fields[T_COUNT] = {
        {"title", NULL, true},           {"heading", NULL, true},
        {"body", NULL, true},            {"table", NULL, true},
        {"table_min_size", NULL, true},  {"subheading", NULL, false},
        {"page_numbers", NULL, false},   {"punctuation", NULL, false}};
    static const struct {
        int field;
        bg_role role;
    } roles[] = {{T_TITLE, BG_ROLE_TITLE}, {T_HEADING, BG_ROLE_HEADING}, {T_BODY, BG_ROLE_BODY},
                 {T_TABLE, BG_ROLE_TABLE}, {T_SUB, BG_ROLE_SUBHEADING}};
    const bg_node *v[T_COUNT];
    bg_mark m[T_COUNT];
    if (!bg_read_fields(&L->r, n, at, "typesetting", "排版", fields, T_COUNT, v, m))
        return;
    for (size_t i = 0; i < G_N_ELEMENTS(roles); i++) {
        int k = roles[i].field;
        if (!v[k])
            continue;
        char *p = sub("typesetting", fields[k].key);
        read_role(L, v[k], m[k], p, &L->f->roles[roles[i].role]);
        g_free(p);
    }
    if (v[T_MIN]) {
        bg_money size;
        if (bg_read_money(&L->r, v[T_MIN], m[T_MIN], "typesetting.table_min_size", NULL, &size))
            L->f->table_min_size = (double)size / 100.0;
    }
    if (v[T_PAGE_NUMBERS])
        read_numbers(L, v[T_PAGE_NUMBERS], m[T_PAGE_NUMBERS]);
    if (v[T_PUNCTUATION]) {
        char *t = bg_read_text(&L->r, v[T_PUNCTUATION], m[T_PUNCTUATION],
                               "typesetting.punctuation", NULL);
        if (t && strcmp(t, "full_width") != 0 && strcmp(t, "as_written") != 0)
            bg_reader_error(&L->r, v[T_PUNCTUATION], m[T_PUNCTUATION], "typesetting.punctuation",
                            NULL, "应为 full_width（中文里的半角标点改为全角）或 as_written（照原样）");
        else if (t)
            L->f->punct_as_written = strcmp(t, "as_written") == 0;
        g_free(t);
    }
}

static void add_para(floader *L, const bg_node *n, bg_mark at, const char *path, void *data)
{
    bg_para *x = g_new0(bg_para, 1);
    if (n->type == BG_NODE_SCALAR) {
        x->text = read_tmpl(L, n, at, path, BG_SCOPE_DOCUMENT);
        g_ptr_array_add(data, x);
        return;
    }
    enum { P_TEXT, P_LIST, P_ITEM, P_SEP, P_BEFORE, P_AFTER, P_EMPTY, P_ZERO, P_NONZERO,
           P_NUMBERING, P_EACH, P_COUNT };
    static const bg_field fields[P_COUNT] = {
        {"text", NULL, false},  {"list", NULL, false},      {"item", NULL, false},
        {"sep", NULL, false},   {"before", NULL, false},    {"after", NULL, false},
        {"empty", NULL, false}, {"when_zero", NULL, false}, {"when_nonzero", NULL, false},
        {"numbering", NULL, false}, {"each", NULL, false}};
    const bg_node *v[P_COUNT];
    bg_mark m[P_COUNT];
    if (!bg_read_fields(&L->r, n, at, path, "段落", fields, P_COUNT, v, m)) {
        g_free(x);
        return;
    }
    if ((v[P_TEXT] != NULL) == (v[P_LIST] != NULL) || (v[P_LIST] && !v[P_ITEM]))
        bg_reader_error(&L->r, n, at, path, NULL, "段落要么是文字（text），要么是列表（list 和 item）");
    char **texts[] = {&x->text,  &x->list,  &x->item,      &x->sep,          &x->before,
                      &x->after, &x->empty, &x->when_zero, &x->when_nonzero, &x->numbering};
    for (int i = 0; i <= P_NUMBERING; i++) {
        if (!v[i])
            continue;
        char *p = sub(path, fields[i].key);
        *texts[i] = bg_read_text(&L->r, v[i], m[i], p, NULL);
        if (i == P_ITEM)
            bg_fsite(L, *texts[i], v[i], m[i], p, BG_SCOPE_ITEM, x->list, false);
        else if (i == P_ZERO || i == P_NONZERO)
            bg_fsite(L, *texts[i], v[i], m[i], p, BG_SCOPE_FIGURE, NULL, true);
        else if (i != P_LIST && i != P_NUMBERING)
            bg_fsite(L, *texts[i], v[i], m[i], p, BG_SCOPE_DOCUMENT, NULL, false);
        g_free(p);
    }
    /* A list's optional parts read as empty text when absent. */
    char **optional[] = {&x->sep, &x->before, &x->after, &x->empty};
    for (size_t i = 0; x->list && i < G_N_ELEMENTS(optional); i++)
        if (!*optional[i])
            *optional[i] = g_strdup("");
    if (v[P_EACH]) {
        char *p = sub(path, "each");
        bg_read_bool(&L->r, v[P_EACH], m[P_EACH], p, NULL, &x->each);
        g_free(p);
    }
    g_ptr_array_add(data, x);
}

static void add_section(floader *L, const bg_node *n, bg_mark at, const char *path, void *data)
{
    static const bg_field fields[] = {{"heading", NULL, true}, {"paragraphs", NULL, false}};
    const bg_node *v[2];
    bg_mark m[2];
    if (!bg_read_fields(&L->r, n, at, path, "章节", fields, 2, v, m))
        return;
    bg_section *s = g_new0(bg_section, 1);
    char *p = sub(path, "heading");
    s->heading = v[0] ? read_tmpl(L, v[0], m[0], p, BG_SCOPE_DOCUMENT) : g_strdup("");
    g_free(p);
    p = sub(path, "paragraphs");
    s->paragraphs = bg_format_paras_new();
    each(L, v[1], m[1], p, add_para, s->paragraphs);
    g_free(p);
    g_ptr_array_add(data, s);
}

static void add_part(floader *L, const bg_node *n, bg_mark at, const char *path, void *data)
{
    static const bg_field fields[] = {{"title", NULL, true}, {"sections", NULL, false},
                                      {"tables", NULL, false}};
    const bg_node *v[3];
    bg_mark m[3];
    if (!bg_read_fields(&L->r, n, at, path, "部分", fields, 3, v, m))
        return;
    bg_part *pt = g_new0(bg_part, 1);
    char *p = sub(path, "title");
    pt->title = v[0] ? read_tmpl(L, v[0], m[0], p, BG_SCOPE_DOCUMENT) : g_strdup("");
    g_free(p);
    pt->sections = bg_format_sections_new();
    p = sub(path, "sections");
    each(L, v[1], m[1], p, add_section, pt->sections);
    g_free(p);
    if (v[2]) {
        p = sub(path, "tables");
        bg_read_bool(&L->r, v[2], m[2], p, NULL, &pt->tables);
        g_free(p);
    }
    g_ptr_array_add(data, pt);
}

/* A column of a batch's index: {title: 收支总计, figure: total}. */
static void add_index_column(floader *L, const bg_node *n, bg_mark at, const char *path,
                             void *data)
{
    static const bg_field fields[] = {{"title", NULL, true}, {"figure", NULL, true}};
    const bg_node *v[2];
    bg_mark m[2];
    if (!bg_read_fields(&L->r, n, at, path, "索引列", fields, 2, v, m))
        return;
    bg_index_column *c = g_new0(bg_index_column, 1);
    bg_mark where = bg_node_mark(n, at);
    c->line = where.line;
    c->col = where.column;
    char *p = sub(path, "title");
    c->title = v[0] ? bg_read_text(&L->r, v[0], m[0], p, NULL) : g_strdup("");
    g_free(p);
    p = sub(path, "figure");
    c->figure = v[1] ? bg_read_text(&L->r, v[1], m[1], p, NULL) : g_strdup("");
    g_free(p);
    g_ptr_array_add(data, c);
}

/* How sentences show amounts. */
static void read_text_money(floader *L, const bg_node *n, bg_mark at)
{
    static const bg_field fields[] = {{"unit", NULL, true}, {"decimals", NULL, false},
                                      {"trim", NULL, false}, {"grouping", NULL, false}};
    const bg_node *v[4];
    bg_mark m[4];
    const char *path = "document.money";
    if (!bg_read_fields(&L->r, n, at, path, "说明文字的金额显示", fields, 4, v, m))
        return;
    bg_format *f = L->f;
    if (v[0]) {
        char *u = bg_read_text(&L->r, v[0], m[0], "document.money.unit", NULL);
        if (u && strcmp(u, "元") != 0 && strcmp(u, "万元") != 0)
            bg_reader_error(&L->r, v[0], m[0], "document.money.unit", NULL,
                            "金额单位应为“元”或“万元”");
        if (u) {
            g_free(f->text_unit);
            f->text_unit = u;
        }
    }
    if (v[1])
        bg_read_int(&L->r, v[1], m[1], "document.money.decimals", NULL, 0, 2, &f->text_decimals);
    if (v[2])
        bg_read_bool(&L->r, v[2], m[2], "document.money.trim", NULL, &f->text_trim);
    if (v[3])
        bg_read_bool(&L->r, v[3], m[3], "document.money.grouping", NULL, &f->text_grouping);
}

static void read_document(floader *L, const bg_node *n, bg_mark at)
{
    static const bg_field fields[] = {{"title", NULL, true}, {"parts", NULL, true},
                                      {"money", NULL, false}};
    const bg_node *v[3];
    bg_mark m[3];
    if (!bg_read_fields(&L->r, n, at, "document", "文档结构", fields, 3, v, m))
        return;
    if (v[0])
        L->f->doc_title = read_tmpl(L, v[0], m[0], "document.title", BG_SCOPE_DOCUMENT);
    if (v[2])
        read_text_money(L, v[2], m[2]);
    each(L, v[1], m[1], "document.parts", add_part, L->f->parts);
}

static void read_format(floader *L, const bg_node *root)
{
    enum { F_NAME, F_MONEY, F_CATEGORIES, F_SHARED, F_TABLES, F_TYPESETTING, F_DOCUMENT,
           F_FIGURES, F_LISTS, F_PHRASES, F_PERSONNEL, F_INDEX, F_COUNT };
    static const bg_field fields[F_COUNT] = {
        {"name", NULL, true},      {"money", NULL, true},   {"project_categories", NULL, true},
        {"shared", NULL, false},   {"tables", NULL, false}, {"typesetting", NULL, false},
        {"document", NULL, false}, {"figures", NULL, false}, {"lists", NULL, false},
        {"phrases", NULL, false},  {"personnel", NULL, false}, {"index", NULL, false}};
    const bg_node *v[F_COUNT];
    bg_mark m[F_COUNT];
    bg_mark start = {1, 1};
    if (!bg_read_fields(&L->r, root, start, "", "公开格式", fields, F_COUNT, v, m))
        return;
    bg_format *f = L->f;
    if (v[F_NAME])
        f->name = bg_read_text(&L->r, v[F_NAME], m[F_NAME], "name", NULL);
    if (v[F_MONEY])
        read_money(L, v[F_MONEY], m[F_MONEY]);
    if (v[F_TYPESETTING])
        read_typesetting(L, v[F_TYPESETTING], m[F_TYPESETTING]);
    if (!f->roles[BG_ROLE_SUBHEADING].families) {
        f->roles[BG_ROLE_SUBHEADING] = f->roles[BG_ROLE_BODY];
        g_ptr_array_ref(f->roles[BG_ROLE_BODY].families);
    }
    /* Page numbers in the tables' font (宋体) unless the format says. */
    if (!f->numbers.font.families)
        f->numbers.font.families = g_ptr_array_ref(f->roles[BG_ROLE_TABLE].families);
    f->categories = text_list(L, v[F_CATEGORIES], m[F_CATEGORIES], "project_categories");
    if (f->categories->len > 32)
        bg_reader_error(&L->r, v[F_CATEGORIES], m[F_CATEGORIES], "project_categories", NULL,
                        "项目类别最多 32 个");
    /* Lists and figures before the document: its conditions name them. */
    if (v[F_PERSONNEL]) {
        bg_fread_filter(L, v[F_PERSONNEL], m[F_PERSONNEL], "personnel", &f->personnel);
        f->has_personnel = true;
        if (f->personnel.cost >= 0 || f->personnel.never)
            bg_reader_error(&L->r, v[F_PERSONNEL], m[F_PERSONNEL], "personnel", NULL,
                            "人员经费的条件不能再用 cost（它定义的正是 cost），也不能为空");
    }
    if (v[F_FIGURES])
        bg_fread_figures(L, v[F_FIGURES], m[F_FIGURES]);
    if (v[F_LISTS])
        bg_fread_lists(L, v[F_LISTS], m[F_LISTS]);
    if (v[F_PHRASES])
        bg_fread_phrases(L, v[F_PHRASES], m[F_PHRASES]);
    f->index = bg_format_index_new();
    each(L, v[F_INDEX], m[F_INDEX], "index", add_index_column, f->index);
    if (v[F_DOCUMENT])
        read_document(L, v[F_DOCUMENT], m[F_DOCUMENT]);
    /* `shared` holds anchors for the tables; it has no meaning of its own. */
    f->tables = bg_format_tables_new();
    each(L, v[F_TABLES], m[F_TABLES], "tables", add_table, f->tables);
    /* A table without an id was reported as missing it; it repeats nothing. */
    for (guint i = 0; i < f->tables->len; i++) {
        const char *id = ((bg_table_def *)f->tables->pdata[i])->id;
        for (guint k = 0; id && k < i; k++)
            if (g_strcmp0(id, ((bg_table_def *)f->tables->pdata[k])->id) == 0)
                bg_diag_add(L->r.diag, L->r.file, 0, 0, "tables", "表 id“%s”重复", id);
    }
    if (bg_diag_count(L->r.diag) == 0)
        bg_fcheck(L);
}

bg_format *bg_format_load(const char *templates_dir, const char *id,
                          const bg_catalog *catalog, bg_diag *diag)
{
    char *dir = g_build_filename(templates_dir, id, NULL);
    char *file = g_build_filename(dir, "format.yaml", NULL);
    char *text = NULL;
    size_t len = 0;
    bg_format *f = NULL;
    if (bg_text_file_read(file, "公开格式", &text, &len, diag))
        f = bg_format_load_text(dir, id, file, text, len, catalog, diag);
    g_free(text);
    g_free(file);
    g_free(dir);
    return f;
}

bg_format *bg_format_load_text(const char *dir, const char *id, const char *file,
                               const char *text, size_t len, const bg_catalog *catalog,
                               bg_diag *diag)
{
    guint before = bg_diag_count(diag);
    floader L = {.r = {.file = file, .diag = diag}, .catalog = catalog};
    L.f = g_new0(bg_format, 1);
    L.f->dir = g_strdup(dir);
    L.f->id = g_strdup(id);
    L.f->zero = g_strdup("");
    L.f->grouping = true;
    /* Free fonts every machine gets from fonts-noto-cjk, at GB/T 9704 sizes:
     * a format names the official fonts it prefers in front of these. */
    static const char *const families[BG_ROLE_COUNT] = {"Noto Serif CJK SC", "Noto Sans CJK SC",
                                                        "Noto Serif CJK SC", "Noto Serif CJK SC"};
    static const double sizes[BG_ROLE_COUNT] = {22, 16, 16, 10};
    /* (the subheading takes the body's font unless the format names one) */
    for (int r = 0; r < BG_ROLE_SUBHEADING; r++) {
        L.f->roles[r].families = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(L.f->roles[r].families, g_strdup(families[r]));
        L.f->roles[r].size = sizes[r];
    }
    L.f->roles[BG_ROLE_TITLE].bold = true;
    L.f->table_min_size = 6.5;
    /* Page numbers as GB/T 9704 sets them: 4号 figures between 一字线, 7 mm
     * under the text block, odd pages right and even pages left, one
     * character in. */
    L.f->numbers = (bg_page_numbers){.text = g_strdup("— {page} —"),
                                     .font = {.size = 14},
                                     .place = BG_NUMBER_OUTSIDE,
                                     .below = 7,
                                     .inset = 1};
    L.f->parts = bg_format_parts_new();
    L.f->figures = bg_format_figures_new();
    L.f->figure_index = g_hash_table_new(g_str_hash, g_str_equal);
    L.f->lists = bg_format_lists_new();
    L.f->phrases = bg_format_phrases_new();
    L.f->sites = bg_format_sites_new();
    L.f->file = g_strdup(file);
    L.f->text_unit = g_strdup("万元");
    L.f->text_decimals = 2;
    L.f->text_trim = true;
    if (bg_reader_parse(&L.r, text, len, false))
        read_format(&L, bg_reader_root(&L.r));
    bg_reader_close(&L.r);
    if (bg_diag_count(diag) > before) {
        bg_format_free(L.f);
        return NULL;
    }
    return L.f;
}

static gint compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *bg_format_list(const char *templates_dir)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GDir *gd = g_dir_open(templates_dir, 0, NULL);
    const char *e;
    while (gd && (e = g_dir_read_name(gd)) != NULL) {
        char *f = g_build_filename(templates_dir, e, "format.yaml", NULL);
        if (g_file_test(f, G_FILE_TEST_EXISTS))
            g_ptr_array_add(names, g_strdup(e));
        g_free(f);
    }
    if (gd)
        g_dir_close(gd);
    g_ptr_array_sort(names, compare_names);
    return names;
}
