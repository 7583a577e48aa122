/* Reading a format's figures, lists and phrases: the definitions of every
 * number and every varying word that its sentences print. */
#include <string.h>

#include "input/format_internal.h"
#include "model/department.h"

#define sub bg_fpath_sub

static bool is_map(floader *L, const bg_node *n, bg_mark at, const char *path, const char *what)
{
    if (n && n->type == BG_NODE_MAP)
        return true;
    bg_reader_error(&L->r, n, at, path, NULL, "%s应为映射（名称: 定义）", what);
    return false;
}

/* A figure's name: letters, digits, `_` and `.`, as templates quote it. */
static bool good_name(const char *s)
{
    if (!*s || *s == '.' || g_str_has_prefix(s, "figures.") || g_str_has_prefix(s, "texts.") ||
        g_str_has_prefix(s, "item.") || g_str_has_prefix(s, "project.") ||
        g_str_has_prefix(s, "task."))
        return false;
    for (const char *p = s; *p; p++)
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '.')
            return false;
    return true;
}

/* "a + b - c": each term a figure name, or figures.KEY of the department. */
static GArray *read_terms(floader *L, const bg_node *n, bg_mark at, const char *path,
                          const char *expr)
{
    GArray *terms = g_array_new(FALSE, FALSE, sizeof(bg_term));
    int sign = 1;
    bool want_name = true;
    for (const char *p = expr; *p;) {
        if (*p == ' ') {
            p++;
        } else if (!want_name && (*p == '+' || *p == '-')) {
            sign = *p == '+' ? 1 : -1;
            want_name = true;
            p++;
        } else if (want_name) {
            const char *s = p;
            while (*p && *p != ' ' && *p != '+' && (*p != '-' || p == s))
                p++;
            bg_term t = {g_strndup(s, (gsize)(p - s)), sign, 0};
            if (strspn(t.name, "0123456789") == strlen(t.name) && strlen(t.name) < 10) {
                t.constant = g_ascii_strtoll(t.name, NULL, 10); /* a whole number */
                g_free(t.name);
                t.name = NULL;
            }
            g_array_append_val(terms, t);
            want_name = false;
        } else {
            break;
        }
    }
    if (want_name || terms->len == 0)
        bg_reader_error(&L->r, n, at, path, NULL,
                        "算式应为用 + 或 - 连接的数字名称（如“a + b - figures.c”），这里是“%s”",
                        expr);
    return terms;
}

static const bg_field cell_fields[] = {{"table", NULL, true}, {"row", NULL, false},
                                       {"column", NULL, false}};

/* table, row and column, given as the nodes v[0..2] with their marks. */
static void cell_from(floader *L, const bg_node *const *v, const bg_mark *m, bg_mark where,
                      const char *path, bg_cell_ref *c)
{
    *c = (bg_cell_ref){.line = where.line, .col = where.column};
    char **out[] = {&c->table, &c->row, &c->column};
    for (int i = 0; i < 3; i++)
        if (v[i]) {
            char *p = sub(path, cell_fields[i].key);
            *out[i] = bg_read_text(&L->r, v[i], m[i], p, NULL);
            g_free(p);
        }
}

static void read_cell_ref(floader *L, const bg_node *n, bg_mark at, const char *path,
                          bg_cell_ref *c)
{
    const bg_node *v[3];
    bg_mark m[3];
    *c = (bg_cell_ref){0};
    if (bg_read_fields(&L->r, n, at, path, "表格单元格", cell_fields, 3, v, m))
        cell_from(L, v, m, bg_node_mark(n, at), path, c);
}

static void add_also(floader *L, const bg_node *n, bg_mark at, const char *path,
                     bg_figure_def *x)
{
    if (!bg_expect_seq(&L->r, n, at, path, NULL) || !n)
        return;
    x->also = bg_format_cell_refs_new();
    for (uint32_t i = 0; i < n->len; i++) {
        char *p = bg_fpath_idx(path, (int)i);
        bg_cell_ref *c = g_new0(bg_cell_ref, 1);
        read_cell_ref(L, n->children[i], at, p, c);
        g_ptr_array_add(x->also, c);
        g_free(p);
    }
}

static int proc_category(floader *L, const bg_node *n, bg_mark at, const char *path)
{
    static const bg_field fields[] = {{"category", NULL, false}};
    const bg_node *v[1];
    bg_mark m[1];
    if (!bg_read_fields(&L->r, n, at, path, "政府采购条件", fields, 1, v, m) || !v[0])
        return -1;
    char *p = sub(path, "category");
    char *c = bg_read_text(&L->r, v[0], m[0], p, NULL);
    static const char *const names[] = {[BG_PROC_GOODS] = "货物", [BG_PROC_SERVICES] = "服务",
                                        [BG_PROC_WORKS] = "工程"};
    int found = -1;
    for (int k = 0; c && k < (int)G_N_ELEMENTS(names); k++)
        if (strcmp(c, names[k]) == 0)
            found = k;
    if (c && found < 0)
        bg_reader_error(&L->r, v[0], m[0], p, NULL, "采购类别应为“货物”“服务”或“工程”");
    g_free(c);
    g_free(p);
    return found;
}

/* show: how this figure prints, whatever the sentence's style. */
static void read_show(floader *L, const bg_node *n, bg_mark at, const char *path,
                      bg_figure_def *x)
{
    static const bg_field fields[] = {{"unit", NULL, false}, {"decimals", NULL, false},
                                      {"trim", NULL, false}, {"grouping", NULL, false}};
    const bg_node *v[4];
    bg_mark m[4];
    char *p = sub(path, "show");
    x->has_show = true;
    x->show_unit = g_strdup(L->f->text_unit ? L->f->text_unit : "万元");
    x->show_decimals = 2;
    x->show_trim = false;
    if (bg_read_fields(&L->r, n, at, p, "数字的显示", fields, 4, v, m)) {
        if (v[0]) {
            char *u = bg_read_text(&L->r, v[0], m[0], p, NULL);
            if (u && strcmp(u, "元") != 0 && strcmp(u, "万元") != 0)
                bg_reader_error(&L->r, v[0], m[0], p, NULL, "金额单位应为“元”或“万元”");
            if (u) {
                g_free(x->show_unit);
                x->show_unit = u;
            }
        }
        if (v[1])
            bg_read_int(&L->r, v[1], m[1], p, NULL, 0, 2, &x->show_decimals);
        if (v[2])
            bg_read_bool(&L->r, v[2], m[2], p, NULL, &x->show_trim);
        if (v[3])
            bg_read_bool(&L->r, v[3], m[3], p, NULL, &x->show_grouping);
    }
    g_free(p);
}

static void read_figure(floader *L, const char *name, const bg_node *n, bg_mark at,
                        const char *path)
{
    bg_figure_def *x = g_new0(bg_figure_def, 1);
    x->name = g_strdup(name);
    x->proc_category = -1;
    bg_mark where = bg_node_mark(n, at);
    x->line = where.line;
    x->col = where.column;
    x->sum = (bg_filter){.kind = -1, .carry_over = -1, .cost = -1};
    if (n->type == BG_NODE_SCALAR) {
        x->kind = BG_FIG_TERMS;
        x->terms = read_terms(L, n, at, path, n->text);
    } else if (is_map(L, n, at, path, "数字的定义")) {
        static const bg_field fields[] = {{"sum", NULL, false},   {"procurement", NULL, false},
                                          {"table", NULL, false}, {"row", NULL, false},
                                          {"column", NULL, false}, {"also", NULL, false},
                                          {"count", NULL, false}, {"terms", NULL, false},
                                          {"show", NULL, false}};
        const bg_node *v[9];
        bg_mark m[9];
        if (bg_read_fields(&L->r, n, at, path, "数字的定义", fields, 9, v, m)) {
            bool has_sum = bg_node_lookup(n, "sum") != NULL;
            int kinds = has_sum + (v[1] != NULL) + (v[2] != NULL) + (v[6] != NULL) + (v[7] != NULL);
            if (kinds != 1)
                bg_reader_error(&L->r, n, at, path, NULL,
                                "数字要么是求和（sum），要么是政府采购（procurement），要么是表格单元格"
                                "（table、row、column），要么是列表的条数（count），要么是算式"
                                "（terms，或直接写“a + b”），且只能是其中一种");
            if ((v[3] || v[4]) && !v[2])
                bg_reader_error(&L->r, n, at, path, NULL, "row 和 column 只用于表格单元格（table）");
            char *p;
            if (has_sum) {
                x->kind = BG_FIG_SUM;
                p = sub(path, "sum");
                bg_fread_filter(L, v[0], m[0], p, &x->sum);
                g_free(p);
            } else if (v[1]) {
                x->kind = BG_FIG_PROCUREMENT;
                p = sub(path, "procurement");
                x->proc_category = proc_category(L, v[1], m[1], p);
                g_free(p);
            } else if (v[2]) {
                x->kind = BG_FIG_CELL;
                cell_from(L, v + 2, m + 2, where, path, &x->cell);
            }
            if (v[6]) {
                x->kind = BG_FIG_COUNT;
                x->count = true;
                p = sub(path, "count");
                x->list = bg_read_text(&L->r, v[6], m[6], p, NULL);
                g_free(p);
            }
            if (v[7]) {
                x->kind = BG_FIG_TERMS;
                p = sub(path, "terms");
                char *expr = bg_read_text(&L->r, v[7], m[7], p, NULL);
                x->terms = read_terms(L, v[7], m[7], p, expr ? expr : "");
                g_free(expr);
                g_free(p);
            }
            if (v[5]) {
                p = sub(path, "also");
                add_also(L, v[5], m[5], p, x);
                g_free(p);
            }
            if (v[8])
                read_show(L, v[8], m[8], path, x);
        }
    }
    if (!good_name(name))
        bg_reader_error(&L->r, n, at, path, NULL,
                        "数字名称只能由字母、数字、“_”和“.”组成，且不能以 figures.、texts.、item.、"
                        "project.、task. 开头（那是部门文件和列表的字段）");
    if (g_hash_table_contains(L->f->figure_index, x->name))
        bg_reader_error(&L->r, n, at, path, NULL, "数字“%s”重复定义", name);
    else
        g_hash_table_insert(L->f->figure_index, x->name, x);
    g_ptr_array_add(L->f->figures, x);
}

void bg_fread_figures(floader *L, const bg_node *n, bg_mark at)
{
    if (!is_map(L, n, at, "figures", "figures"))
        return;
    for (uint32_t i = 0; i < n->len; i++) {
        const bg_node *k = bg_node_key(n, i), *v = bg_node_value(n, i);
        const char *name = k->type == BG_NODE_SCALAR ? k->text : "?";
        char *p = sub("figures", name);
        if (bg_node_is_null(v))
            bg_reader_error(&L->r, v, bg_node_mark(k, at), p, NULL, "缺少数字的定义");
        else
            read_figure(L, name, v, bg_node_mark(k, at), p);
        g_free(p);
    }
}

void bg_fread_lists(floader *L, const bg_node *n, bg_mark at)
{
    if (!is_map(L, n, at, "lists", "lists"))
        return;
    static const bg_field fields[] = {{"of", NULL, true}, {"sum", NULL, false},
                                      {"nonzero", NULL, false}, {"shares", NULL, false}};
    for (uint32_t i = 0; i < n->len; i++) {
        const bg_node *k = bg_node_key(n, i), *v = bg_node_value(n, i);
        const char *name = k->type == BG_NODE_SCALAR ? k->text : "?";
        bg_mark km = bg_node_mark(k, at);
        char *p = sub("lists", name);
        const bg_node *fv[4];
        bg_mark fm[4];
        if (bg_read_fields(&L->r, v, km, p, "列表的定义", fields, 4, fv, fm)) {
            bg_list_def *x = g_new0(bg_list_def, 1);
            x->name = g_strdup(name);
            x->line = km.line;
            x->col = km.column;
            x->of = BG_LIST_KIND_COUNT;
            x->sum = (bg_filter){.kind = -1, .carry_over = -1, .cost = -1};
            char *q = sub(p, "of");
            char *of = fv[0] ? bg_read_text(&L->r, fv[0], fm[0], q, NULL) : NULL;
            for (int kd = 0; of && kd < BG_LIST_KIND_COUNT; kd++)
                if (strcmp(of, bg_list_kind_names[kd]) == 0)
                    x->of = (bg_list_kind)kd;
            if (of && x->of == BG_LIST_KIND_COUNT) {
                GString *known = g_string_new(NULL);
                for (int kd = 0; kd < BG_LIST_KIND_COUNT; kd++)
                    g_string_append_printf(known, "%s%s", kd ? "、" : "", bg_list_kind_names[kd]);
                bg_reader_error(&L->r, fv[0], fm[0], q, NULL, "没有“%s”这种列表（可用：%s）", of,
                                known->str);
                g_string_free(known, TRUE);
            }
            g_free(of);
            g_free(q);
            if (bg_node_lookup(v, "sum")) {
                q = sub(p, "sum");
                bg_fread_filter(L, fv[1], fm[1], q, &x->sum);
                g_free(q);
            }
            if (fv[2]) {
                q = sub(p, "nonzero");
                bg_read_bool(&L->r, fv[2], fm[2], q, NULL, &x->nonzero);
                g_free(q);
            }
            if (fv[3]) {
                q = sub(p, "shares");
                char *sh = bg_read_text(&L->r, fv[3], fm[3], q, NULL);
                static const char *const modes[] = {"largest_remainder", "half_up", "rest_first",
                                                    "rest_last"};
                int found = -1;
                for (int k = 0; sh && k < 4; k++)
                    if (strcmp(sh, modes[k]) == 0)
                        found = k;
                if (sh && found < 0)
                    bg_reader_error(&L->r, fv[3], fm[3], q, NULL,
                                    "占比的舍入应为 largest_remainder（最大余数，合计 100.00%%）、"
                                    "half_up（各自四舍五入）、rest_first 或 rest_last（各自四舍五入，"
                                    "第一项或最后一项取余下的，合计 100.00%%）");
                x->shares = found < 0 ? BG_SHARES_LARGEST_REMAINDER : (bg_shares)found;
                g_free(sh);
                g_free(q);
            }
            if (bg_format_list_def(L->f, name))
                bg_reader_error(&L->r, v, km, p, NULL, "列表“%s”重复定义", name);
            g_ptr_array_add(L->f->lists, x);
        }
        g_free(p);
    }
}

void bg_fread_phrases(floader *L, const bg_node *n, bg_mark at)
{
    if (!is_map(L, n, at, "phrases", "phrases"))
        return;
    static const bg_field fields[] = {{"up", NULL, false},      {"down", NULL, false},
                                      {"same", NULL, false},    {"new", NULL, false},
                                      {"nonzero", NULL, false}, {"zero", NULL, false}};
    for (uint32_t i = 0; i < n->len; i++) {
        const bg_node *k = bg_node_key(n, i), *v = bg_node_value(n, i);
        const char *name = k->type == BG_NODE_SCALAR ? k->text : "?";
        bg_mark km = bg_node_mark(k, at);
        char *p = sub("phrases", name);
        const bg_node *fv[6];
        bg_mark fm[6];
        if (bg_read_fields(&L->r, v, km, p, "措辞的定义", fields, 6, fv, fm)) {
            bg_phrase *x = g_new0(bg_phrase, 1);
            x->name = g_strdup(name);
            x->line = km.line;
            x->col = km.column;
            char **out[] = {&x->up, &x->down, &x->same, &x->new_, &x->nonzero, &x->zero};
            for (int f = 0; f < 6; f++) {
                if (!fv[f])
                    continue;
                char *q = sub(p, fields[f].key);
                *out[f] = bg_read_text(&L->r, fv[f], fm[f], q, NULL);
                bg_fsite(L, *out[f], fv[f], fm[f], q, BG_SCOPE_PHRASE, NULL, false);
                g_free(q);
            }
            bool two = x->up && x->down && x->same, one = x->nonzero && x->zero;
            bool any_two = x->up || x->down || x->same || x->new_, any_one = x->nonzero || x->zero;
            if (two && !any_one)
                x->args = 2;
            else if (one && !any_two)
                x->args = 1;
            else
                bg_reader_error(&L->r, v, km, p, NULL,
                                "措辞要么比较两个数字（up、down、same 都要有，new 可选），"
                                "要么看一个数字是否为零（nonzero 和 zero 都要有）");
            if (bg_format_phrase(L->f, name) || !good_name(name))
                bg_reader_error(&L->r, v, km, p, NULL, "措辞名称“%s”重复或不合规", name);
            g_ptr_array_add(L->f->phrases, x);
        }
        g_free(p);
    }
}
