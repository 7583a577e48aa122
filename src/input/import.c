/* Reading a budget system's line-item export through a column mapping, and
 * writing the department file that holds its line items. */
#include "input/import.h"

#include <string.h>

#include "input/reader.h"
#include "input/sheet.h"
#include "model/money.h"
#include "model/quote.h"
#include "model/unit_type.h"
#include "model/textfile.h"

/* The fields a column can fill. */
enum {
    F_UNIT_CODE, F_UNIT_NAME, F_UNIT, F_UNIT_TYPE, F_FUNCTION, F_DEPT_ECON, F_GOV_ECON,
    F_PROJECT_CODE, F_PROJECT_NAME, F_PROJECT_CATEGORY, F_KIND, F_FUND, F_CARRY, F_COST,
    F_AMOUNT, F_COUNT
};

static const char *const field_keys[F_COUNT] = {
    "unit_code", "unit_name", "unit", "unit_type", "function", "dept_econ", "gov_econ",
    "project_code", "project_name", "project_category", "kind", "fund", "carry_over", "cost",
    "amount"};

static const char *const field_labels[F_COUNT] = {
    "单位编码", "单位名称", "预算单位", "单位性质", "功能分类科目", "部门经济分类科目",
    "政府经济分类科目", "项目编码", "项目名称", "项目类别", "支出类型", "资金来源",
    "是否上年结转", "人员经费/公用经费", "金额"};

typedef struct {
    char *name;
    bool wan;                 /* amounts in 万元 */
    GPtrArray *headers[F_COUNT]; /* of char*, normalised */
    GPtrArray *ignore;        /* of char*, normalised */
    GHashTable *values[F_COUNT]; /* cell text -> what it means */
} mapping;

/* A header as compared: spaces gone, ASCII lower case. */
static char *normal(const char *s)
{
    GString *out = g_string_new(NULL);
    for (const char *p = s; *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            g_string_append_c(out, g_ascii_tolower(*p));
    char *t = g_string_free(out, FALSE);
    char *u = g_utf8_normalize(t, -1, G_NORMALIZE_NFKC); /* full-width letters */
    g_free(t);
    return u ? u : g_strdup("");
}

static void mapping_free(mapping *m)
{
    for (int f = 0; f < F_COUNT; f++) {
        if (m->headers[f])
            g_ptr_array_free(m->headers[f], TRUE);
        if (m->values[f])
            g_hash_table_destroy(m->values[f]);
    }
    if (m->ignore)
        g_ptr_array_free(m->ignore, TRUE);
    g_free(m->name);
}

static GPtrArray *normal_list(bg_reader *r, const bg_node *n, bg_mark at, const char *path)
{
    GPtrArray *l = bg_read_text_list(r, n, at, path, NULL);
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; l && i < l->len; i++)
        g_ptr_array_add(out, normal(l->pdata[i]));
    if (l)
        g_ptr_array_free(l, TRUE);
    return out;
}

static bool load_mapping(const char *templates, const char *id, mapping *m, bg_diag *diag)
{
    *m = (mapping){0};
    /* a name of templates/imports/, or a mapping file of one's own */
    bool path = strchr(id, '/') || g_str_has_suffix(id, ".yaml");
    char *file = path ? g_strdup(id) : g_strdup_printf("%s/imports/%s.yaml", templates, id);
    char *text = NULL;
    size_t len = 0;
    bg_diag *why = bg_diag_new(); /* the reason is said in the one message */
    if (!bg_text_file_read(file, "导入映射", &text, &len, why) ||
        !g_utf8_validate(text, (gssize)len, NULL)) {
        bg_diag_add(diag, file, 0, 0, NULL, "没有这个导入映射，或它不是 UTF-8 文本");
        bg_diag_free(why);
        g_free(text);
        g_free(file);
        return false;
    }
    bg_diag_free(why);
    guint before = bg_diag_count(diag);
    bg_reader r = {.file = file, .diag = diag};
    if (bg_reader_parse(&r, text, len, false)) {
        static const bg_field fields[] = {{"name", NULL, true},    {"amount_unit", NULL, true},
                                          {"columns", NULL, true}, {"ignore", NULL, false},
                                          {"values", NULL, false}};
        const bg_node *v[5];
        bg_mark mk[5], start = {1, 1};
        if (bg_read_fields(&r, bg_reader_root(&r), start, "", "导入映射", fields, 5, v, mk)) {
            m->name = v[0] ? bg_read_text(&r, v[0], mk[0], "name", NULL) : NULL;
            char *unit = v[1] ? bg_read_text(&r, v[1], mk[1], "amount_unit", NULL) : NULL;
            if (unit && strcmp(unit, "元") != 0 && strcmp(unit, "万元") != 0)
                bg_reader_error(&r, v[1], mk[1], "amount_unit", NULL, "金额单位应为“元”或“万元”");
            m->wan = unit && strcmp(unit, "万元") == 0;
            g_free(unit);
            bg_field cf[F_COUNT];
            for (int f = 0; f < F_COUNT; f++)
                cf[f] = (bg_field){field_keys[f], field_labels[f], false};
            const bg_node *cv[F_COUNT];
            bg_mark cm[F_COUNT];
            if (v[2] && bg_read_fields(&r, v[2], mk[2], "columns", "列标题", cf, F_COUNT, cv, cm))
                for (int f = 0; f < F_COUNT; f++)
                    if (cv[f]) {
                        char *p = g_strdup_printf("columns.%s", field_keys[f]);
                        m->headers[f] = normal_list(&r, cv[f], cm[f], p);
                        g_free(p);
                    }
            m->ignore = v[3] ? normal_list(&r, v[3], mk[3], "ignore")
                             : g_ptr_array_new_with_free_func(g_free);
            const bg_node *vv[F_COUNT];
            bg_mark vm[F_COUNT];
            if (v[4] && bg_read_fields(&r, v[4], mk[4], "values", "单元格的写法", cf, F_COUNT, vv, vm))
                for (int f = 0; f < F_COUNT; f++) {
                    if (!vv[f] || vv[f]->type != BG_NODE_MAP)
                        continue;
                    m->values[f] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
                    for (uint32_t i = 0; i < vv[f]->len; i++) {
                        const bg_node *k = bg_node_key(vv[f], i), *x = bg_node_value(vv[f], i);
                        if (k->type == BG_NODE_SCALAR && x->type == BG_NODE_SCALAR)
                            g_hash_table_replace(m->values[f], normal(k->text), g_strdup(x->text));
                    }
                }
        }
    }
    bg_reader_close(&r);
    g_free(text);
    g_free(file);
    if (!m->ignore)
        m->ignore = g_ptr_array_new_with_free_func(g_free);
    return bg_diag_count(diag) == before;
}

/* ---- rows --------------------------------------------------------------- */

typedef struct {
    char *unit_code, *unit_name, *unit_type;
    char *function, *dept_econ, *gov_econ;
    char *project_code, *project_name, *project_category;
    int fund;
    bool carry_over;
    const char *cost; /* 人员经费 or 公用经费 when the export says, else NULL */
    bg_money amount;
} line;

static void line_free(gpointer p)
{
    line *l = p;
    char **s[] = {&l->unit_code,    &l->unit_name,    &l->unit_type,       &l->function,
                  &l->dept_econ,    &l->gov_econ,     &l->project_code,    &l->project_name,
                  &l->project_category};
    for (size_t i = 0; i < G_N_ELEMENTS(s); i++)
        g_free(*s[i]);
    g_free(l);
}

typedef struct {
    const char *file;
    const bg_sheet *sheet;
    const mapping *m;
    const bg_catalog *cat;
    bg_diag *diag;
    int col[F_COUNT]; /* the sheet column of each field, or -1 */
} rows_ctx;

static void row_error(rows_ctx *c, guint r, int f, const char *fmt, const char *arg)
{
    char *msg = g_strdup_printf(fmt, arg);
    bg_diag_add_cell(c->diag, c->file, c->sheet->name, (int)r + 1, c->col[f] + 1,
                     field_labels[f], "%s", msg);
    g_free(msg);
}

static char *cell(rows_ctx *c, guint r, int f)
{
    if (c->col[f] < 0)
        return NULL;
    const char *t = bg_sheet_cell(c->sheet, r, (guint)c->col[f]);
    if (!t)
        return NULL;
    char *s = g_strstrip(g_strdup(t));
    if (!*s) {
        g_free(s);
        return NULL;
    }
    return s;
}

/* "2010301 行政运行", "[2010301]行政运行" or "2010301": the code, and the
 * name when the cell has one. */
static char *split_code(const char *s, char **name)
{
    const char *p = s;
    while (*p == '[' || *p == ' ')
        p++;
    const char *q = p;
    while (g_ascii_isdigit(*q))
        q++;
    if (name) {
        const char *n = q;
        while (*n == ']' || *n == ' ' || *n == '-' || *n == '_')
            n++;
        *name = *n ? g_strdup(n) : NULL;
    }
    return q > p ? g_strndup(p, (gsize)(q - p)) : NULL;
}

/* An amount exactly, in 元 or 万元; thousands separators allowed in an
 * export. */
static bool parse_amount(const char *s, bool wan, bg_money *out)
{
    GString *t = g_string_new(NULL);
    for (const char *p = s; *p; p++)
        if (*p != ',')
            g_string_append_c(t, *p);
    const char *dot = strchr(t->str, '.');
    size_t decimals = dot ? strlen(dot + 1) : 0;
    bool ok = false;
    if (!wan) {
        ok = bg_money_parse(t->str, t->len, out) == BG_MONEY_OK;
    } else if (decimals <= 4) {
        /* 万元 with up to four decimals is a whole number of 元 */
        GString *yuan = g_string_new_len(t->str, dot ? dot - t->str : (gssize)t->len);
        char frac[5] = "0000";
        if (dot)
            memcpy(frac, dot + 1, decimals);
        g_string_append(yuan, frac);
        ok = bg_money_parse(yuan->str, yuan->len, out) == BG_MONEY_OK;
        g_string_free(yuan, TRUE);
    }
    g_string_free(t, TRUE);
    return ok;
}

/* What a cell means by the mapping's values, else itself. */
static const char *meaning(const rows_ctx *c, int f, const char *text)
{
    if (!c->m->values[f])
        return text;
    char *k = normal(text);
    const char *v = g_hash_table_lookup(c->m->values[f], k);
    g_free(k);
    return v ? v : text;
}

static bool code_known(rows_ctx *c, guint r, int f, bg_class cls, const char *code, int digits)
{
    if (!code || (int)strlen(code) != digits) {
        row_error(c, r, f, "应为 %s 位数字的科目编码", digits == 7 ? "7" : "5");
        return false;
    }
    if (!bg_catalog_name(c->cat, cls, code)) {
        row_error(c, r, f, "科目编码“%s”不在科目目录中", code);
        return false;
    }
    return true;
}

static line *read_line(rows_ctx *c, guint r)
{
    line *l = g_new0(line, 1);
    bool ok = true;
    char *t;
    if ((t = cell(c, r, F_UNIT))) {
        l->unit_code = split_code(t, &l->unit_name);
        g_free(t);
    }
    if ((t = cell(c, r, F_UNIT_CODE))) {
        g_free(l->unit_code);
        l->unit_code = split_code(t, NULL);
        g_free(t);
    }
    if ((t = cell(c, r, F_UNIT_NAME))) {
        g_free(l->unit_name);
        l->unit_name = t;
    }
    if (!l->unit_code) {
        row_error(c, r, c->col[F_UNIT] >= 0 ? F_UNIT : F_UNIT_CODE, "缺少预算单位编码%s", "");
        ok = false;
    }
    if ((t = cell(c, r, F_UNIT_TYPE))) {
        const char *v = meaning(c, F_UNIT_TYPE, t);
        bg_unit_type ut;
        if (!bg_unit_type_parse(v, &ut)) {
            row_error(c, r, F_UNIT_TYPE, "单位性质应为" BG_UNIT_TYPES_TEXT "，这里是“%s”", t);
            ok = false;
        }
        l->unit_type = g_strdup(v);
        g_free(t);
    }
    static const struct {
        int field;
        bg_class cls;
        int digits;
    } codes[] = {{F_FUNCTION, BG_CLASS_FUNCTION, 7},
                 {F_DEPT_ECON, BG_CLASS_DEPT_ECON, 5},
                 {F_GOV_ECON, BG_CLASS_GOV_ECON, 5}};
    char **dest[] = {&l->function, &l->dept_econ, &l->gov_econ};
    for (size_t k = 0; k < G_N_ELEMENTS(codes); k++) {
        t = cell(c, r, codes[k].field);
        if (!t) {
            row_error(c, r, codes[k].field, "缺少%s", field_labels[codes[k].field]);
            ok = false;
            continue;
        }
        *dest[k] = split_code(t, NULL);
        ok = code_known(c, r, codes[k].field, codes[k].cls, *dest[k], codes[k].digits) && ok;
        g_free(t);
    }
    l->project_code = cell(c, r, F_PROJECT_CODE);
    l->project_name = cell(c, r, F_PROJECT_NAME);
    l->project_category = cell(c, r, F_PROJECT_CATEGORY);
    if ((t = cell(c, r, F_KIND))) {
        const char *v = meaning(c, F_KIND, t);
        bool project = strcmp(v, "project") == 0;
        if (!project && strcmp(v, "basic") != 0) {
            row_error(c, r, F_KIND, "支出类型应为“基本支出”或“项目支出”，这里是“%s”", t);
            ok = false;
        } else if (project && !l->project_code) {
            row_error(c, r, c->col[F_PROJECT_CODE] >= 0 ? F_PROJECT_CODE : F_KIND,
                      "项目支出的明细要写项目编码%s", "");
            ok = false;
        } else if (!project && l->project_code) {
            g_free(l->project_code); /* a basic line's project column is not a project */
            l->project_code = NULL;
        }
        g_free(t);
    }
    l->fund = 0;
    if ((t = cell(c, r, F_FUND))) {
        const char *v = meaning(c, F_FUND, t);
        int fi = bg_catalog_fund(c->cat, v);
        for (guint k = 0; fi < 0 && k < c->cat->funds->len; k++)
            if (strcmp(((bg_fund *)c->cat->funds->pdata[k])->name, v) == 0)
                fi = (int)k;
        if (fi < 0) {
            row_error(c, r, F_FUND, "资金来源“%s”既不在资金来源目录中，也不在映射的 values.fund 里", t);
            ok = false;
        }
        l->fund = fi < 0 ? 0 : fi;
        g_free(t);
    }
    if ((t = cell(c, r, F_CARRY))) {
        const char *v = meaning(c, F_CARRY, t);
        if (strcmp(v, "true") && strcmp(v, "false")) {
            row_error(c, r, F_CARRY, "是否上年结转应为“是”或“否”，这里是“%s”", t);
            ok = false;
        }
        l->carry_over = strcmp(v, "true") == 0;
        g_free(t);
    }
    if ((t = cell(c, r, F_COST))) {
        const char *v = meaning(c, F_COST, t);
        if (strcmp(v, "人员经费") == 0)
            l->cost = "人员经费";
        else if (strcmp(v, "公用经费") == 0)
            l->cost = "公用经费";
        else {
            row_error(c, r, F_COST, "应为“人员经费”或“公用经费”，这里是“%s”", t);
            ok = false;
        }
        if (l->project_code && l->cost) {
            row_error(c, r, F_COST, "只有基本支出分人员经费和公用经费%s", "");
            ok = false;
        }
        g_free(t);
    }
    t = cell(c, r, F_AMOUNT);
    if (!t) {
        row_error(c, r, F_AMOUNT, "缺少金额%s", "");
        ok = false;
    } else if (!parse_amount(t, c->m->wan, &l->amount)) {
        row_error(c, r, F_AMOUNT,
                  c->m->wan ? "金额应为不带单位的数字，最多四位小数（万元），这里是“%s”"
                            : "金额应为不带单位的数字，最多两位小数（元），这里是“%s”",
                  t);
        ok = false;
    }
    g_free(t);
    if (!ok) {
        line_free(l);
        return NULL;
    }
    return l;
}

/* The header row: the first with three cells or more. Maps every column,
 * and reports the columns the mapping does not know. */
static int header_row(rows_ctx *c)
{
    for (guint r = 0; r < c->sheet->rows->len; r++) {
        const GPtrArray *row = c->sheet->rows->pdata[r];
        guint filled = 0;
        for (guint k = 0; k < row->len; k++)
            filled += row->pdata[k] && *(char *)row->pdata[k];
        if (filled < 3)
            continue;
        for (int f = 0; f < F_COUNT; f++)
            c->col[f] = -1;
        for (guint k = 0; k < row->len; k++) {
            if (!row->pdata[k] || !*(char *)row->pdata[k])
                continue;
            char *h = normal(row->pdata[k]);
            int found = -1;
            for (int f = 0; f < F_COUNT && found < 0; f++)
                for (guint i = 0; c->m->headers[f] && i < c->m->headers[f]->len; i++)
                    if (strcmp(c->m->headers[f]->pdata[i], h) == 0)
                        found = f;
            bool ignored = false;
            for (guint i = 0; i < c->m->ignore->len; i++)
                ignored = ignored || strcmp(c->m->ignore->pdata[i], h) == 0;
            if (found >= 0 && c->col[found] < 0)
                c->col[found] = (int)k;
            else if (!ignored) {
                char *letters = bg_column_letters((int)k + 1);
                bg_diag_add_cell(c->diag, c->file, c->sheet->name, (int)r + 1, (int)k + 1, NULL,
                                 found >= 0 ? "列标题“%s”重复（%s 列之前已有）"
                                            : "不认识的列标题“%s”：导入映射“%s”里没有它（请在映射的 "
                                              "columns 或 ignore 中写明）",
                                 (char *)row->pdata[k], found >= 0 ? letters : c->m->name);
                g_free(letters);
            }
            g_free(h);
        }
        return (int)r;
    }
    return -1;
}

/* ---- the department file ------------------------------------------------ */

static gint line_order(gconstpointer a, gconstpointer b)
{
    const line *x = *(line *const *)a, *y = *(line *const *)b;
    int c;
    if ((c = strcmp(x->unit_code, y->unit_code)))
        return c;
    if ((c = g_strcmp0(x->project_code, y->project_code)))
        return c;
    if ((c = strcmp(x->function, y->function)))
        return c;
    if ((c = strcmp(x->dept_econ, y->dept_econ)))
        return c;
    if ((c = strcmp(x->gov_econ, y->gov_econ)))
        return c;
    if (x->fund != y->fund)
        return x->fund - y->fund;
    if (x->carry_over != y->carry_over)
        return x->carry_over - y->carry_over;
    if ((c = g_strcmp0(x->cost, y->cost)))
        return c;
    return x->amount < y->amount ? -1 : x->amount > y->amount;
}

/* One line item as a flow mapping, valid YAML and JSON alike. */
static void write_line(GString *out, const line *l, const bg_catalog *cat)
{
    char buf[BG_MONEY_BUF];
    g_string_append(out, "{\"unit\": ");
    bg_json_string(out, l->unit_code);
    g_string_append(out, ", \"function\": ");
    bg_json_string(out, l->function);
    g_string_append(out, ", \"dept_econ\": ");
    bg_json_string(out, l->dept_econ);
    g_string_append(out, ", \"gov_econ\": ");
    bg_json_string(out, l->gov_econ);
    if (l->project_code) {
        g_string_append(out, ", \"project\": ");
        bg_json_string(out, l->project_code);
    }
    g_string_append(out, ", \"fund\": ");
    bg_json_string(out, ((bg_fund *)cat->funds->pdata[l->fund])->code);
    if (l->carry_over)
        g_string_append(out, ", \"carry_over\": true");
    if (l->cost) {
        g_string_append(out, ", \"cost\": ");
        bg_json_string(out, l->cost);
    }
    g_string_append_printf(out, ", \"amount\": %s}", bg_money_format_exact(l->amount, buf));
}

/* Where a top-level key's block is in a file: its first line, and the line
 * where the next top-level key begins (0-based, end exclusive). */
typedef struct {
    int first, end;
    const bg_node *value;
} block;

static bool find_block(const bg_tree *t, const char *key, int n_lines, block *b)
{
    const bg_node *root = bg_tree_root(t);
    if (!root || root->type != BG_NODE_MAP)
        return false;
    for (uint32_t i = 0; i < root->len; i++) {
        const bg_node *k = bg_node_key(root, i);
        if (k->type != BG_NODE_SCALAR || strcmp(k->text, key) != 0)
            continue;
        b->first = (int)k->line - 1;
        b->end = i + 1 < root->len ? (int)bg_node_key(root, i + 1)->line - 1 : n_lines;
        b->value = bg_node_value(root, i);
        return true;
    }
    return false;
}

/* The codes a sequence of mappings has under `code`. */
static GHashTable *codes_in(const bg_node *seq)
{
    GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (uint32_t i = 0; seq && seq->type == BG_NODE_SEQ && i < seq->len; i++) {
        const bg_node *code = bg_node_lookup(seq->children[i], "code");
        if (code && code->type == BG_NODE_SCALAR)
            g_hash_table_add(h, g_strdup(code->text));
    }
    return h;
}

typedef struct {
    GPtrArray *units;    /* of line* (first line of each new unit) */
    GPtrArray *projects; /* of line* (first line of each new project) */
} news;

static void unit_entry(GString *out, const line *l, bool json)
{
    g_string_append(out, json ? "{\"code\": " : "{code: ");
    bg_json_string(out, l->unit_code);
    g_string_append(out, json ? ", \"name\": " : ", name: ");
    bg_json_string(out, l->unit_name ? l->unit_name : l->unit_code);
    g_string_append(out, json ? ", \"type\": " : ", type: ");
    bg_json_string(out, l->unit_type);
    g_string_append(out, "}");
}

static void project_entry(GString *out, const line *l, bool json)
{
    g_string_append(out, json ? "{\"code\": " : "{code: ");
    bg_json_string(out, l->project_code);
    g_string_append(out, json ? ", \"name\": " : ", name: ");
    bg_json_string(out, l->project_name ? l->project_name : l->project_code);
    g_string_append(out, json ? ", \"unit\": " : ", unit: ");
    bg_json_string(out, l->unit_code);
    g_string_append(out, json ? ", \"category\": " : ", category: ");
    bg_json_string(out, l->project_category);
    g_string_append(out, "}");
}

static bool blank_or_comment(const char *line)
{
    while (*line == ' ' || *line == '\t' || *line == '\r')
        line++;
    return !*line || *line == '#';
}

/* Whether a line ends with `suffix`, trailing spaces aside. */
static bool ends_with(const char *line, const char *suffix)
{
    size_t n = strlen(line), k = strlen(suffix);
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
        n--;
    return n >= k && strncmp(line + n - k, suffix, k) == 0;
}

/* Lines of `text` with entries added at the end of a block sequence (YAML)
 * or the start of a flow one (JSON, where the opening bracket ends the
 * key's line). */
static void add_entries(char **lines, const block *b, GString *entries, bool json, GString *out)
{
    if (json) {
        /* after the line that opens the array */
        for (int i = b->first; i < b->end; i++) {
            g_string_append_printf(out, "%s\n", lines[i]);
            if (i == b->first)
                g_string_append(out, entries->str);
        }
        return;
    }
    int last = b->end - 1; /* the block's last line that is not blank or a comment */
    while (last > b->first && blank_or_comment(lines[last]))
        last--;
    for (int i = b->first; i < b->end; i++) {
        g_string_append_printf(out, "%s\n", lines[i]);
        if (i == last)
            g_string_append(out, entries->str);
    }
}

static char *write_into(const char *into, GPtrArray *lines_in, const news *nw,
                        const bg_catalog *cat, bg_diag *diag)
{
    char *text = NULL;
    size_t len = 0;
    bg_diag *why = bg_diag_new(); /* the reason is said in the one message */
    if (!bg_text_file_read(into, "部门文件", &text, &len, why) ||
        !g_utf8_validate(text, (gssize)len, NULL)) {
        bg_diag_add(diag, into, 0, 0, NULL, "无法读取部门文件，或它不是 UTF-8 文本");
        bg_diag_free(why);
        g_free(text);
        return NULL;
    }
    bg_diag_free(why);
    bool json = g_str_has_suffix(into, ".json");
    bg_tree *t = bg_tree_parse(into, text, len, json, diag);
    if (!t) {
        g_free(text);
        return NULL;
    }
    char **lines = g_strsplit(text, "\n", -1);
    int n = (int)g_strv_length(lines);
    if (n > 0 && !*lines[n - 1])
        n--; /* the newline that ends the file */
    block items = {0}, units = {0}, projects = {0};
    bool has_items = find_block(t, "line_items", n, &items);
    bool has_units = find_block(t, "units", n, &units);
    bool has_projects = find_block(t, "projects", n, &projects);
    block *blocks[] = {&items, &units, &projects};
    for (size_t i = 0; i < G_N_ELEMENTS(blocks); i++) {
        block *b = blocks[i];
        if (b->end <= b->first)
            continue;
        /* JSON: the root's closing brace is no part of the last key */
        if (json && b->end == n)
            while (b->end > b->first + 1 && !ends_with(lines[b->end - 1], "]") &&
                   !ends_with(lines[b->end - 1], "],"))
                b->end--;
        /* the comments and blank lines before the next key belong to it */
        while (b->end > b->first + 1 && blank_or_comment(lines[b->end - 1]))
            b->end--;
    }
    /* entries are added one a line: a YAML flow sequence ([…]) cannot take them */
    if (!json && ((nw->units->len && units.value && units.value->type == BG_NODE_SEQ &&
                   (int)units.value->line - 1 == units.first) ||
                  (nw->projects->len && projects.value && projects.value->type == BG_NODE_SEQ &&
                   (int)projects.value->line - 1 == projects.first))) {
        bg_diag_add(diag, into, units.first + 1, 1, NULL,
                    "units 或 projects 写成了一行的 [ … ]，无法追加导出中的新单位或新项目；"
                    "请改成每行一个“- ”的写法");
        g_strfreev(lines);
        bg_tree_free(t);
        g_free(text);
        return NULL;
    }
    if (!has_items || !has_units || (nw->projects->len && !has_projects) ||
        (json && ((nw->units->len && !ends_with(lines[units.first], "[")) ||
                  (nw->projects->len && !ends_with(lines[projects.first], "[")))))
    {
        bg_diag_add(diag, into, 0, 0, NULL,
                    "部门文件要有 units、line_items%s 三项，才能换入导出的明细",
                    nw->projects->len ? " 和 projects" : "");
        g_strfreev(lines);
        bg_tree_free(t);
        g_free(text);
        return NULL;
    }
    GString *ue = g_string_new(NULL), *pe = g_string_new(NULL), *ie = g_string_new(NULL);
    for (guint i = 0; i < nw->units->len; i++) {
        g_string_append(ue, json ? "    " : "  - ");
        unit_entry(ue, nw->units->pdata[i], json);
        g_string_append(ue, json ? ",\n" : "\n");
    }
    for (guint i = 0; i < nw->projects->len; i++) {
        g_string_append(pe, json ? "    " : "  - ");
        project_entry(pe, nw->projects->pdata[i], json);
        g_string_append(pe, json ? ",\n" : "\n");
    }
    /* the line items' block, written anew */
    bool comma = false; /* JSON: the block was followed by another key */
    if (json) {
        for (int i = items.end - 1; i >= items.first; i--)
            if (!blank_or_comment(lines[i])) {
                comma = ends_with(lines[i], ",");
                break;
            }
        g_string_append(ie, "  \"line_items\": [\n");
    } else {
        g_string_append(ie, "line_items:\n");
    }
    for (guint i = 0; i < lines_in->len; i++) {
        g_string_append(ie, json ? "    " : "  - ");
        write_line(ie, lines_in->pdata[i], cat);
        g_string_append(ie, json && i + 1 < lines_in->len ? ",\n" : "\n");
    }
    if (json)
        g_string_append_printf(ie, "  ]%s\n", comma ? "," : "");
    GString *out = g_string_new(NULL);
    for (int i = 0; i < n;) {
        if (i == items.first) {
            g_string_append(out, ie->str);
            i = items.end;
        } else if (i == units.first && ue->len) {
            add_entries(lines, &units, ue, json, out);
            i = units.end;
        } else if (has_projects && i == projects.first && pe->len) {
            add_entries(lines, &projects, pe, json, out);
            i = projects.end;
        } else {
            g_string_append_printf(out, "%s\n", lines[i++]);
        }
    }
    g_string_free(ue, TRUE);
    g_string_free(pe, TRUE);
    g_string_free(ie, TRUE);
    g_strfreev(lines);
    bg_tree_free(t);
    g_free(text);
    return g_string_free(out, FALSE);
}

static char *write_new(const bg_import_opts *o, GPtrArray *lines_in, const news *nw,
                       const bg_catalog *cat)
{
    GString *out = g_string_new("# 由 budgetgen import 从预算管理一体化系统的导出生成。\n");
    g_string_append(out, "department: {code: ");
    bg_json_string(out, o->code);
    g_string_append(out, ", name: ");
    bg_json_string(out, o->name);
    g_string_append_printf(out, ", year: %d, format: ", o->year);
    bg_json_string(out, o->format);
    g_string_append(out, "}\nunits:\n");
    for (guint i = 0; i < nw->units->len; i++) {
        g_string_append(out, "  - ");
        unit_entry(out, nw->units->pdata[i], false);
        g_string_append_c(out, '\n');
    }
    if (nw->projects->len)
        g_string_append(out, "projects:\n");
    for (guint i = 0; i < nw->projects->len; i++) {
        g_string_append(out, "  - ");
        project_entry(out, nw->projects->pdata[i], false);
        g_string_append_c(out, '\n');
    }
    g_string_append(out, "line_items:\n");
    for (guint i = 0; i < lines_in->len; i++) {
        g_string_append(out, "  - ");
        write_line(out, lines_in->pdata[i], cat);
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

/* The units and projects the export names that `into` lacks (all of them
 * without `into`), each with what a new entry needs. */
static void find_news(rows_ctx *c, GPtrArray *lines_in, const GArray *row_of, const char *into,
                      news *nw)
{
    GHashTable *units = NULL, *projects = NULL;
    if (into) {
        char *text = NULL;
        size_t len = 0;
        bg_diag *quiet = bg_diag_new();
        if (bg_text_file_read(into, "部门文件", &text, &len, quiet)) {
            bg_tree *t = bg_tree_parse(into, text, len, g_str_has_suffix(into, ".json"), quiet);
            if (t && bg_tree_root(t) && bg_tree_root(t)->type == BG_NODE_MAP) {
                units = codes_in(bg_node_lookup(bg_tree_root(t), "units"));
                projects = codes_in(bg_node_lookup(bg_tree_root(t), "projects"));
            }
            bg_tree_free(t);
        }
        g_free(text);
        bg_diag_free(quiet);
    }
    if (!units)
        units = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (!projects)
        projects = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < lines_in->len; i++) {
        line *l = lines_in->pdata[i];
        guint r = g_array_index(row_of, guint, i);
        if (!g_hash_table_contains(units, l->unit_code)) {
            if (!l->unit_type)
                row_error(c, r, c->col[F_UNIT] >= 0 ? F_UNIT : F_UNIT_CODE,
                          into ? "单位“%s”不在部门文件中，导出里也没有它的单位性质（行政/事业/参公）"
                               : "单位“%s”：导出里没有它的单位性质（行政/事业/参公），新的部门文件要写明",
                          l->unit_code);
            else
                g_ptr_array_add(nw->units, l);
            g_hash_table_add(units, g_strdup(l->unit_code));
        }
        if (l->project_code && !g_hash_table_contains(projects, l->project_code)) {
            if (!l->project_category)
                row_error(c, r, F_PROJECT_CODE,
                          into ? "项目“%s”不在部门文件中，导出里也没有它的项目类别"
                               : "项目“%s”：导出里没有它的项目类别，新的部门文件要写明",
                          l->project_code);
            else
                g_ptr_array_add(nw->projects, l);
            g_hash_table_add(projects, g_strdup(l->project_code));
        }
    }
    g_hash_table_destroy(units);
    g_hash_table_destroy(projects);
}

char *bg_import(const char *export_path, const bg_import_opts *o, const bg_catalog *catalog,
                bg_diag *diag)
{
    guint before = bg_diag_count(diag);
    mapping m;
    if (!load_mapping(o->templates, o->mapping ? o->mapping : "standard", &m, diag)) {
        mapping_free(&m);
        return NULL;
    }
    GPtrArray *sheets = bg_sheets_read(export_path, diag);
    char *result = NULL;
    if (!sheets) {
        mapping_free(&m);
        return NULL;
    }
    /* The sheet of line items: the first whose header names an amount. */
    rows_ctx c = {.file = export_path, .m = &m, .cat = catalog, .diag = diag};
    int head = -1;
    bg_diag *probe = bg_diag_new();
    for (guint s = 0; s < sheets->len && head < 0; s++) {
        c.sheet = sheets->pdata[s];
        c.diag = probe;
        g_ptr_array_set_size(probe->errors, 0);
        head = header_row(&c);
        if (head >= 0 && (c.col[F_AMOUNT] < 0 || c.col[F_FUNCTION] < 0))
            head = -1;
    }
    c.diag = diag;
    /* the chosen sheet's header problems are the user's */
    for (guint i = 0; head >= 0 && i < probe->errors->len; i++)
        g_ptr_array_add(diag->errors, g_ptr_array_steal_index(probe->errors, i--));
    bg_diag_free(probe);
    bool columns_ok = head >= 0;
    if (head < 0) {
        bg_diag_add(diag, export_path, 0, 0, NULL,
                    "找不到预算明细：没有一张工作表的标题行里既有金额又有功能分类科目（导入映射“%s”）",
                    m.name ? m.name : "");
    } else {
        for (int f = 0; f < F_COUNT; f++)
            if (c.col[f] < 0 && (f == F_DEPT_ECON || f == F_GOV_ECON ||
                                 (f == F_UNIT_CODE && c.col[F_UNIT] < 0))) {
                bg_diag_add_cell(diag, export_path, c.sheet->name, head + 1, 1, NULL,
                                 "标题行中没有“%s”一列", field_labels[f]);
                columns_ok = false;
            }
    }
    GPtrArray *lines_in = g_ptr_array_new_with_free_func(line_free);
    GArray *row_of = g_array_new(FALSE, FALSE, sizeof(guint));
    if (columns_ok) {
        for (guint r = (guint)head + 1; r < c.sheet->rows->len; r++) {
            const GPtrArray *row = c.sheet->rows->pdata[r];
            bool empty = true;
            for (guint k = 0; k < row->len && empty; k++)
                empty = !row->pdata[k] || !*g_strstrip(row->pdata[k]);
            if (empty)
                continue;
            line *l = read_line(&c, r);
            if (l) {
                g_ptr_array_add(lines_in, l);
                g_array_append_val(row_of, r);
            }
        }
        if (lines_in->len == 0 && bg_diag_count(diag) == before)
            bg_diag_add(diag, export_path, 0, 0, NULL, "导出中没有预算明细行");
    }
    if (bg_diag_count(diag) == before) {
        news nw = {g_ptr_array_new(), g_ptr_array_new()};
        find_news(&c, lines_in, row_of, o->into, &nw);
        if (bg_diag_count(diag) == before) {
            g_ptr_array_sort(lines_in, line_order);
            result = o->into ? write_into(o->into, lines_in, &nw, catalog, diag)
                             : write_new(o, lines_in, &nw, catalog);
        }
        g_ptr_array_free(nw.units, TRUE);
        g_ptr_array_free(nw.projects, TRUE);
    }
    if (bg_diag_count(diag) > before) {
        g_free(result);
        result = NULL;
    }
    g_array_free(row_of, TRUE);
    g_ptr_array_free(lines_in, TRUE);
    g_ptr_array_free(sheets, TRUE);
    mapping_free(&m);
    return result;
}
