#include "input/load.h"

#include <string.h>

#include "input/format_load.h"
#include "input/load_internal.h"
#include "input/workbook.h"
#include "model/textfile.h"

char *bg_path(const char *parent, const char *key)
{
    return *parent ? g_strdup_printf("%s.%s", parent, key) : g_strdup(key);
}

/* 1-based, as a finance officer counts: line_items[1] is the first item. */
char *bg_path_index(const char *parent, int i)
{
    return g_strdup_printf("%s[%d]", parent, i + 1);
}

static void code_use_free(gpointer p)
{
    bg_code_use *u = p;
    g_free(u->path);
    g_free(u);
}

void bg_note_code(bg_loader *L, bg_class cls, const char *code, bg_mark at,
                  const char *path)
{
    bg_code_use *u = g_hash_table_lookup(L->code_uses[cls], code);
    if (u) {
        u->uses++;
        return;
    }
    u = g_new0(bg_code_use, 1);
    u->mark = at;
    u->path = g_strdup(path);
    u->uses = 1;
    g_hash_table_insert(L->code_uses[cls], (gpointer)code, u);
}

int bg_lookup_unit(bg_loader *L, const bg_node *n, bg_mark at, const char *path,
                   const char *code)
{
    gpointer v = g_hash_table_lookup(L->unit_index, code);
    if (v)
        return GPOINTER_TO_INT(v) - 1;
    bg_reader_error(&L->r, n, at, path, "预算单位",
                    "单位编码“%s”不存在：units 中没有这个单位", code);
    return -1;
}

static void load_department_fields(bg_loader *L, const bg_node *n, bg_mark at)
{
    static const bg_field fields[] = {
        {"code", "部门编码", true},      {"name", "部门名称", true},
        {"short_name", "部门简称", false}, {"year", "预算年度", true},
        {"format", "公开格式", true},
    };
    const bg_node *v[BG_NFIELDS(fields)];
    bg_mark m[BG_NFIELDS(fields)];
    if (!BG_READ_MAP(L, n, at, "department", "部门信息", fields, v, m))
        return;
    bg_department *d = L->dep;
    bg_reader *r = &L->r;
    if (v[0])
        d->code = bg_read_code(r, v[0], m[0], "department.code", "部门编码", 0, "数字编码");
    if (v[1]) {
        d->name = bg_read_text(r, v[1], m[1], "department.name", "部门名称");
        bg_check_name(r, v[1], m[1], "department.name", "部门名称", d->name);
    }
    if (v[2]) {
        d->short_name = bg_read_text(r, v[2], m[2], "department.short_name", "部门简称");
        bg_check_name(r, v[2], m[2], "department.short_name", "部门简称", d->short_name);
    }
    if (v[3])
        bg_read_int(r, v[3], m[3], "department.year", "预算年度", 2000, 2100, &d->year);
    if (v[4])
        d->format = bg_read_text(r, v[4], m[4], "department.format", "公开格式");
}

static void load_units(bg_loader *L, const bg_node *n, bg_mark at)
{
    static const bg_field fields[] = {
        {"code", "单位编码", true}, {"name", "单位名称", true}, {"type", "单位性质", true}};
    if (!bg_expect_seq(&L->r, n, at, "units", "预算单位"))
        return;
    for (int i = 0; i < (int)n->len; i++) {
        const bg_node *u = n->children[i];
        char *path = bg_path_index("units", i);
        const bg_node *v[3];
        bg_mark m[3];
        if (BG_READ_MAP(L, u, at, path, "预算单位", fields, v, m)) {
            bg_unit unit = {0};
            char *p = bg_path(path, "code");
            char *code = v[0] ? bg_read_code(&L->r, v[0], m[0], p, "单位编码", 0, "数字编码") : NULL;
            g_free(p);
            p = bg_path(path, "name");
            unit.name = v[1] ? bg_read_text(&L->r, v[1], m[1], p, "单位名称") : NULL;
            bg_check_name(&L->r, v[1], m[1], p, "单位名称", unit.name);
            g_free(p);
            p = bg_path(path, "type");
            char *type = v[2] ? bg_read_text(&L->r, v[2], m[2], p, "单位性质") : NULL;
            if (type && !bg_unit_type_parse(type, &unit.type))
                bg_reader_error(&L->r, v[2], m[2], p, "单位性质",
                                "应为" BG_UNIT_TYPES_TEXT "，这里是“%s”", type);
            g_free(type);
            g_free(p);
            if (code) {
                unit.code = bg_department_intern(L->dep, code);
                if (g_hash_table_contains(L->unit_index, unit.code)) {
                    p = bg_path(path, "code");
                    bg_reader_error(&L->r, v[0], m[0], p, "单位编码", "单位编码“%s”重复",
                                    code);
                    g_free(p);
                } else {
                    g_array_append_val(L->dep->units, unit);
                    g_hash_table_insert(L->unit_index, (gpointer)unit.code,
                                        GINT_TO_POINTER(L->dep->units->len));
                    unit.name = NULL;
                }
                g_free(code);
            }
            g_free(unit.name);
        }
        g_free(path);
    }
    if (L->dep->units->len == 0 && n->len == 0)
        bg_reader_error(&L->r, n, at, "units", "预算单位", "至少要有一个预算单位");
}

static void load_names(bg_loader *L, const bg_node *n, bg_mark at)
{
    static const bg_field fields[] = {{"function", "支出功能分类科目名称", false},
                                      {"dept_econ", "部门预算经济分类科目名称", false},
                                      {"gov_econ", "政府预算经济分类科目名称", false}};
    static const int digits[][3] = {{3, 5, 7}, {3, 5, 0}, {3, 5, 0}};
    const bg_node *v[3];
    bg_mark m[3];
    if (!BG_READ_MAP(L, n, at, "names", "科目名称", fields, v, m))
        return;
    for (int c = 0; c < BG_CLASS_COUNT; c++) {
        if (!v[c])
            continue;
        char *base = bg_path("names", fields[c].key);
        if (v[c]->type != BG_NODE_MAP) {
            bg_reader_error(&L->r, v[c], m[c], base, fields[c].label,
                            "应为“编码: 名称”的映射");
            g_free(base);
            continue;
        }
        for (uint32_t pi = 0; pi < v[c]->len; pi++) {
            const bg_node *k = bg_node_key(v[c], pi);
            const bg_node *pv = bg_node_value(v[c], pi);
            const char *code = k->type == BG_NODE_SCALAR ? k->text : "";
            char *path = bg_path(base, code);
            size_t len = strlen(code);
            bool ok = len == (size_t)digits[c][0] || len == (size_t)digits[c][1] ||
                      (digits[c][2] && len == (size_t)digits[c][2]);
            for (size_t i = 0; ok && i < len; i++)
                ok = code[i] >= '0' && code[i] <= '9';
            bg_mark km = bg_node_mark(k, m[c]);
            if (!ok) {
                bg_reader_error(&L->r, k, m[c], path, fields[c].label,
                                "“%s”不是%s的编码", code, bg_class_label(c));
            } else {
                char *name = bg_read_text(&L->r, pv, km, path,
                                          fields[c].label);
                if (name && *name)
                    g_hash_table_replace(L->dep->names[c], g_strdup(code), name);
                else
                    g_free(name);
            }
            g_free(path);
        }
        g_free(base);
    }
}

/* Where `field` ("texts.KEY") is, for later messages; none kept without
 * `marks`. */
static void keep_mark(GHashTable *marks, const char *field, bg_mark m)
{
    if (!marks)
        return;
    bg_text_mark *tm = g_new(bg_text_mark, 1);
    *tm = (bg_text_mark){m.line, m.column};
    g_hash_table_replace(marks, g_strdup(field), tm);
}

/* The texts `text` quotes ({texts.KEY} or {texts.KEY:…}), in order. */
static GPtrArray *quoted_texts(const char *text)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    for (const char *p = strstr(text, "{texts."); p; p = strstr(p + 1, "{texts.")) {
        const char *k = p + strlen("{texts."), *e = k + strcspn(k, "}:");
        if (*e && e > k)
            g_ptr_array_add(out, g_strndup(k, (gsize)(e - k)));
    }
    return out;
}

/* The longest chain of quotes from `key` (in *chain, "texts.a → texts.b
 * …"), or -1 with the cycle in *chain when one returns to a text on it. */
static int quote_depth(GHashTable *texts, const char *key, GPtrArray *path, char **chain)
{
    for (guint i = 0; i < path->len; i++)
        if (strcmp(path->pdata[i], key) == 0) {
            GString *c = g_string_new(NULL);
            for (guint k = i; k < path->len; k++)
                g_string_append_printf(c, "texts.%s → ", (char *)path->pdata[k]);
            g_string_append_printf(c, "texts.%s", key);
            *chain = g_string_free(c, FALSE);
            return -1;
        }
    const char *text = g_hash_table_lookup(texts, key);
    if (!text)
        return 0; /* not a text of the file's: the format's checks name it */
    g_ptr_array_add(path, (gpointer)key);
    GPtrArray *q = quoted_texts(text);
    int best = 0;
    char *best_chain = NULL;
    for (guint i = 0; i < q->len && best >= 0; i++) {
        char *c = NULL;
        int d = quote_depth(texts, q->pdata[i], path, &c);
        if (d < 0 || d + 1 > best) {
            g_free(best_chain);
            best_chain = c;
            best = d < 0 ? -1 : d + 1;
        } else {
            g_free(c);
        }
    }
    g_ptr_array_free(q, TRUE);
    path->len--;
    if (best > 0 && best_chain) {
        char *c = g_strdup_printf("texts.%s → %s", key, best_chain);
        g_free(best_chain);
        best_chain = c;
    }
    *chain = best_chain ? best_chain : g_strdup_printf("texts.%s", key);
    return best;
}

void bg_load_open_texts(bg_loader *L, const bg_node *n, bg_mark at, const char *path,
                        GHashTable *into, GHashTable *marks)
{
    if (n->type != BG_NODE_MAP) {
        bg_reader_error(&L->r, n, at, path, NULL, "应为“名称: 文字”的映射");
        return;
    }
    for (uint32_t pi = 0; pi < n->len; pi++) {
        const bg_node *k = bg_node_key(n, pi);
        const bg_node *pv = bg_node_value(n, pi);
        const char *key = k->type == BG_NODE_SCALAR ? k->text : "?";
        char *kp = bg_path(path, key);
        char *text = bg_read_text(&L->r, pv, bg_node_mark(k, at), kp, NULL);
        if (text)
            g_hash_table_replace(into, g_strdup(key), text);
        if (text)
            keep_mark(marks, kp, bg_node_mark(k, at));
        g_free(kp);
    }
    if (!marks)
        return;
    /* Each text whose quotes cannot all be expanded, at its own place. */
    GPtrArray *stack = g_ptr_array_new();
    for (uint32_t pi = 0; pi < n->len; pi++) {
        const bg_node *k = bg_node_key(n, pi);
        if (k->type != BG_NODE_SCALAR || !g_hash_table_contains(into, k->text))
            continue;
        char *chain = NULL;
        int d = quote_depth(into, k->text, stack, &chain);
        char *kp = bg_path(path, k->text);
        if (d < 0)
            bg_reader_error(&L->r, k, bg_node_mark(k, at), kp, NULL,
                            "说明文字互相引用成环（%s），无法展开", chain);
        else if (d > BG_TEXT_QUOTE_LINKS)
            bg_reader_error(&L->r, k, bg_node_mark(k, at), kp, NULL,
                            "说明文字层层引用 %d 层（%s），最多 %d 层", d, chain,
                            BG_TEXT_QUOTE_LINKS);
        g_free(kp);
        g_free(chain);
    }
    g_ptr_array_free(stack, TRUE);
}

void bg_load_open_figures(bg_loader *L, const bg_node *n, bg_mark at, const char *path,
                          GHashTable *into, GHashTable *marks)
{
    if (n->type != BG_NODE_MAP) {
        bg_reader_error(&L->r, n, at, path, NULL, "应为“名称: 金额”的映射");
        return;
    }
    for (uint32_t pi = 0; pi < n->len; pi++) {
        const bg_node *k = bg_node_key(n, pi);
        const bg_node *pv = bg_node_value(n, pi);
        const char *key = k->type == BG_NODE_SCALAR ? k->text : "?";
        char *kp = bg_path(path, key);
        const bg_node *v = pv;
        bg_money amount;
        if (bg_node_is_null(v))
            bg_reader_error(&L->r, k, at, kp, "金额", "不能为空");
        else if (bg_read_money(&L->r, v, bg_node_mark(k, at), kp, "金额", &amount)) {
            g_hash_table_replace(into, g_strdup(key), g_memdup2(&amount, sizeof amount));
            keep_mark(marks, kp, bg_node_mark(k, at));
        }
        g_free(kp);
    }
}

/* Finds the format the department names; its categories check projects. */
static void load_format(bg_loader *L, bg_formats *formats, const bg_node *at_node, bg_mark at)
{
    const char *format = L->dep->format;
    if (!bg_formats_exists(formats, format)) {
        GPtrArray *names = bg_format_list(bg_formats_dir(formats));
        GString *known = g_string_new(NULL);
        for (guint i = 0; i < names->len; i++)
            g_string_append_printf(known, "%s%s", i ? "、" : "", (char *)names->pdata[i]);
        bg_reader_error(&L->r, at_node, at, "department.format", "公开格式",
                        "没有名为“%s”的公开格式（templates/ 下可用的有：%s）", format,
                        known->len ? known->str : "无");
        g_string_free(known, TRUE);
        g_ptr_array_free(names, TRUE);
        return;
    }
    /* A broken format is the program's data, not the user's input, but it
     * stops the run all the same, with its own file:line:column. */
    const bg_format *f = bg_formats_get(formats, format, L->r.diag);
    if (f)
        L->categories = f->categories;
}

static void check_codes(bg_loader *L)
{
    static const char *const fields[] = {"function", "dept_econ", "gov_econ"};
    for (int c = 0; c < BG_CLASS_COUNT; c++) {
        GList *codes = g_hash_table_get_keys(L->code_uses[c]);
        codes = g_list_sort(codes, (GCompareFunc)g_strcmp0);
        for (GList *l = codes; l; l = l->next) {
            const char *code = l->data;
            if (bg_department_code_name(L->dep, c, code))
                continue;
            bg_code_use *u = g_hash_table_lookup(L->code_uses[c], code);
            char more[64] = "";
            if (u->uses > 1)
                g_snprintf(more, sizeof more, "（共 %d 处使用，这里是第一处）", u->uses);
            bg_diag_add(L->r.diag, L->r.file, u->mark.line, u->mark.column, u->path,
                        "%s“%s”不在科目目录中，也没有在 names.%s 中给出名称%s",
                        bg_class_label(c), code, fields[c], more);
        }
        g_list_free(codes);
    }
}

/* Top-level sections, read in a fixed order so that references resolve
 * whatever order the file writes them in. */
enum { S_DEPARTMENT, S_UNITS, S_NAMES, S_PROJECTS, S_ITEMS, S_PROCUREMENT,
       S_PERFORMANCE, S_PROFILE, S_FIGURES, S_TEXTS, S_NOTES, S_COUNT };

static void load_root(bg_loader *L, const bg_node *root, bg_formats *formats)
{
    static const bg_field fields[S_COUNT] = {
        [S_DEPARTMENT] = {"department", "部门信息", true},
        [S_UNITS] = {"units", "预算单位", true},
        [S_NAMES] = {"names", "科目名称", false},
        [S_PROJECTS] = {"projects", "项目", false},
        [S_ITEMS] = {"line_items", "预算明细", true},
        [S_PROCUREMENT] = {"procurement", "政府采购", false},
        [S_PERFORMANCE] = {"performance", "整体绩效目标", false},
        [S_PROFILE] = {"profile", "部门基本情况", false},
        [S_FIGURES] = {"figures", "上年数等金额", false},
        [S_TEXTS] = {"texts", "说明文字", false},
        [S_NOTES] = {"notes", "维护备注", false},
    };
    const bg_node *v[S_COUNT];
    bg_mark m[S_COUNT];
    bg_mark start = {1, 1};
    if (!bg_read_fields(&L->r, root, start, "", "部门预算文件", fields, S_COUNT, v, m))
        return;
    if (v[S_DEPARTMENT])
        load_department_fields(L, v[S_DEPARTMENT], m[S_DEPARTMENT]);
    if (v[S_UNITS])
        load_units(L, v[S_UNITS], m[S_UNITS]);
    if (v[S_NAMES])
        load_names(L, v[S_NAMES], m[S_NAMES]);
    if (L->dep->format && v[S_DEPARTMENT]) {
        const bg_node *f = bg_node_lookup(v[S_DEPARTMENT], "format");
        load_format(L, formats, f, m[S_DEPARTMENT]);
    }
    if (v[S_PROJECTS])
        bg_load_projects(L, v[S_PROJECTS], m[S_PROJECTS]);
    if (v[S_ITEMS])
        bg_load_items(L, v[S_ITEMS], m[S_ITEMS]);
    if (v[S_PROCUREMENT])
        bg_load_procurement(L, v[S_PROCUREMENT], m[S_PROCUREMENT]);
    if (v[S_PERFORMANCE])
        bg_load_performance(L, v[S_PERFORMANCE], m[S_PERFORMANCE]);
    if (v[S_PROFILE])
        bg_load_profile(L, v[S_PROFILE], m[S_PROFILE]);
    if (v[S_FIGURES])
        bg_load_open_figures(L, v[S_FIGURES], m[S_FIGURES], "figures", L->dep->figures,
                             L->dep->marks);
    L->dep->texts_line = v[S_TEXTS] ? m[S_TEXTS].line : 1;
    L->dep->texts_column = v[S_TEXTS] ? m[S_TEXTS].column : 1;
    if (v[S_TEXTS])
        bg_load_open_texts(L, v[S_TEXTS], m[S_TEXTS], "texts", L->dep->texts, L->dep->marks);
    if (v[S_NOTES]) {
        GPtrArray *notes = bg_read_text_list(&L->r, v[S_NOTES], m[S_NOTES], "notes", "维护备注");
        if (notes) {
            g_ptr_array_free(L->dep->notes, TRUE);
            L->dep->notes = notes;
        }
    }
    check_codes(L);
}

bg_department *bg_load_department_text(const char *name, const char *text, size_t len,
                                       const bg_catalog *catalog, bg_formats *formats,
                                       bg_diag *diag)
{
    guint errors_before = bg_diag_count(diag);
    /* A byte-order mark is harmless: skip it. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    bool json = g_str_has_suffix(name, ".json") || g_str_has_suffix(name, ".JSON");
    bg_loader L = {.r = {.file = name, .diag = diag}};
    if (!bg_reader_parse(&L.r, text, len, json)) {
        bg_reader_close(&L.r);
        return NULL;
    }
    L.dep = bg_department_new(name, catalog);
    L.unit_index = g_hash_table_new(g_direct_hash, g_direct_equal);
    L.project_index = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (int c = 0; c < BG_CLASS_COUNT; c++)
        L.code_uses[c] = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                               code_use_free);
    load_root(&L, bg_reader_root(&L.r), formats);
    bg_reader_close(&L.r);
    g_hash_table_destroy(L.unit_index);
    g_hash_table_destroy(L.project_index);
    for (int c = 0; c < BG_CLASS_COUNT; c++)
        g_hash_table_destroy(L.code_uses[c]);
    if (bg_diag_count(diag) > errors_before) {
        bg_department_free(L.dep);
        return NULL;
    }
    return L.dep;
}

bg_department *bg_load_department(const char *path, const bg_catalog *catalog,
                                  bg_formats *formats, bg_diag *diag, bool *io_error)
{
    char *text = NULL;
    size_t len = 0;
    *io_error = false;
    if (g_str_has_suffix(path, ".xlsx") || g_str_has_suffix(path, ".XLSX")) {
        if (!bg_file_check_regular(path, "文件", diag)) {
            *io_error = true;
            return NULL;
        }
        /* The input workbook: its sheets as YAML, the loader's messages
         * moved back to the cells. */
        GArray *places = NULL;
        char *yaml = bg_workbook_yaml(path, &places, diag);
        if (!yaml) {
            *io_error = true;
            return NULL;
        }
        bg_diag *inner = bg_diag_new();
        bg_department *d =
            bg_load_department_text(path, yaml, strlen(yaml), catalog, formats, inner);
        bg_workbook_errors(path, places, inner, diag);
        if (d) {
            d->texts_line = 0; /* a workbook's texts are a sheet, not a line */
            d->texts_column = 0;
            g_hash_table_remove_all(d->marks); /* places in the YAML made from it */
        }
        bg_diag_free(inner);
        g_array_free(places, TRUE);
        g_free(yaml);
        return d;
    }
    if (!bg_text_file_read(path, "文件", &text, &len, diag)) {
        *io_error = true;
        return NULL;
    }
    bg_department *d =
        bg_load_department_text(path, text, len, catalog, formats, diag);
    g_free(text);
    return d;
}
