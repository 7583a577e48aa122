/* Line items and procurement lines: the amounts of a department file. */
#include <string.h>

#include "input/load_internal.h"

static const char *const code_shapes[BG_CLASS_COUNT] = {
    "7 位数字的支出功能分类项级科目编码（类 3 位 + 款 2 位 + 项 2 位，如 2010301）",
    "5 位数字的部门预算经济分类款级科目编码（如 30101）",
    "5 位数字的政府预算经济分类款级科目编码（如 50101）",
};
static const int code_digits[BG_CLASS_COUNT] = {7, 5, 5};

/* Reads a classification code and remembers it for the catalog check. */
static const char *read_class_code(bg_loader *L, bg_class cls, const bg_node *n,
                                   bg_mark at, const char *path, const char *label)
{
    char *code = bg_read_code(&L->r, n, at, path, label, code_digits[cls], code_shapes[cls]);
    if (!code)
        return NULL;
    const char *interned = bg_department_intern(L->dep, code);
    g_free(code);
    bg_note_code(L, cls, interned, bg_node_mark(n, at), path);
    return interned;
}

enum { I_UNIT, I_FUNCTION, I_DEPT_ECON, I_GOV_ECON, I_PROJECT, I_FUND, I_CARRY,
       I_COST, I_AMOUNT, I_MEMO, I_COUNT };

static const bg_field item_fields[I_COUNT] = {
    [I_UNIT] = {"unit", "预算单位", true},
    [I_FUNCTION] = {"function", "支出功能分类科目", true},
    [I_DEPT_ECON] = {"dept_econ", "部门预算经济分类科目", true},
    [I_GOV_ECON] = {"gov_econ", "政府预算经济分类科目", true},
    [I_PROJECT] = {"project", "项目", false},
    [I_FUND] = {"fund", "资金来源", false},
    [I_CARRY] = {"carry_over", "上年结转结余", false},
    [I_COST] = {"cost", "人员经费/公用经费", false},
    [I_AMOUNT] = {"amount", "金额", true},
    [I_MEMO] = {"memo", "备注", false},
};

/* Field path for error messages; built only when there is an error to
 * report, since a department may hold 100,000 items. */
#define FIELD_PATH(buf, i, key) g_snprintf((buf), sizeof(buf), "line_items[%d].%s", (i) + 1, (key))

static void load_item(bg_loader *L, const bg_node *n, bg_mark at, int i)
{
    char base[48], p[64];
    g_snprintf(base, sizeof base, "line_items[%d]", i + 1);
    const bg_node *v[I_COUNT];
    bg_mark m[I_COUNT];
    guint errors = bg_diag_count(L->r.diag);
    if (!BG_READ_MAP(L, n, at, base, "预算明细", item_fields, v, m))
        return;
    bg_item item = {.project = -1, .unit = -1};
    bg_department *d = L->dep;

    if (v[I_UNIT]) {
        FIELD_PATH(p, i, "unit");
        char *code = bg_read_code(&L->r, v[I_UNIT], m[I_UNIT], p, "预算单位", 0, "数字编码");
        if (code)
            item.unit = bg_lookup_unit(L, v[I_UNIT], m[I_UNIT], p,
                                       bg_department_intern(d, code));
        g_free(code);
    }
    static const int class_field[BG_CLASS_COUNT] = {I_FUNCTION, I_DEPT_ECON, I_GOV_ECON};
    const char **codes[BG_CLASS_COUNT] = {&item.function, &item.dept_econ, &item.gov_econ};
    for (int c = 0; c < BG_CLASS_COUNT; c++) {
        int f = class_field[c];
        if (!v[f])
            continue;
        FIELD_PATH(p, i, item_fields[f].key);
        *codes[c] = read_class_code(L, c, v[f], m[f], p, item_fields[f].label);
    }
    if (v[I_PROJECT]) {
        FIELD_PATH(p, i, "project");
        char *code = bg_read_text(&L->r, v[I_PROJECT], m[I_PROJECT], p, "项目");
        if (code) {
            gpointer idx = g_hash_table_lookup(L->project_index, bg_department_intern(d, code));
            if (idx)
                item.project = GPOINTER_TO_INT(idx) - 1;
            else
                bg_reader_error(&L->r, v[I_PROJECT], m[I_PROJECT], p, "项目",
                                "项目编码“%s”不存在：projects 中没有这个项目", code);
        }
        g_free(code);
    }
    item.fund = 0; /* the catalog's first fund, as funds.tsv says */
    if (v[I_FUND]) {
        FIELD_PATH(p, i, "fund");
        char *fund = bg_read_text(&L->r, v[I_FUND], m[I_FUND], p, "资金来源");
        if (fund) {
            int f = bg_catalog_fund(d->catalog, fund);
            if (f >= 0) {
                item.fund = (int16_t)f;
            } else {
                GString *list = g_string_new(NULL);
                for (guint k = 0; k < d->catalog->funds->len; k++)
                    g_string_append_printf(list, "%s%s", k ? "、" : "",
                                           ((bg_fund *)d->catalog->funds->pdata[k])->code);
                bg_reader_error(&L->r, v[I_FUND], m[I_FUND], p, "资金来源",
                                "“%s”不是资金来源目录中的编码（可用：%s）", fund, list->str);
                g_string_free(list, TRUE);
            }
        }
        g_free(fund);
    }
    if (v[I_CARRY]) {
        FIELD_PATH(p, i, "carry_over");
        bg_read_bool(&L->r, v[I_CARRY], m[I_CARRY], p, "上年结转结余", &item.carry_over);
    }
    if (v[I_COST]) {
        FIELD_PATH(p, i, "cost");
        char *cost = bg_read_text(&L->r, v[I_COST], m[I_COST], p, "人员经费/公用经费");
        if (cost && strcmp(cost, "人员经费") == 0)
            item.cost = BG_COST_PERSONNEL;
        else if (cost && strcmp(cost, "公用经费") == 0)
            item.cost = BG_COST_PUBLIC;
        else if (cost)
            bg_reader_error(&L->r, v[I_COST], m[I_COST], p, "人员经费/公用经费",
                            "应为“人员经费”或“公用经费”，这里是“%s”", cost);
        g_free(cost);
        if (v[I_PROJECT])
            bg_reader_error(&L->r, v[I_COST], m[I_COST], p, "人员经费/公用经费",
                            "只有基本支出分人员经费和公用经费，项目支出的明细不能写 cost");
    }
    if (v[I_AMOUNT]) {
        FIELD_PATH(p, i, "amount");
        bg_read_money(&L->r, v[I_AMOUNT], m[I_AMOUNT], p, "金额", &item.amount);
    }
    if (v[I_MEMO]) {
        FIELD_PATH(p, i, "memo");
        g_free(bg_read_text(&L->r, v[I_MEMO], m[I_MEMO], p, "备注"));
    }
    if (bg_diag_count(L->r.diag) == errors)
        g_array_append_val(d->items, item);
}

/* Adds `amount` to *sum, checked: false once the sum passes
 * BG_MONEY_TOTAL_MAX (or int64, which it cannot reach first). */
static bool add_amount(bg_money *sum, bg_money amount)
{
    return !__builtin_add_overflow(*sum, amount, sum) && *sum <= BG_MONEY_TOTAL_MAX;
}

/* Every amount is at most BG_MONEY_MAX, but 100,000 of them are not: the
 * sum of a whole list is checked once here, so that no subtotal of it can
 * overflow later. `index` (0-based) is where the sum went over. */
static void sum_too_large(bg_loader *L, const bg_node *n, bg_mark at, const char *path,
                          const char *label, const char *what, int index)
{
    bg_reader_error(&L->r, n, at, path, label,
                    "全部%s的金额之和超过 1,000,000,000,000,000.00 元（一千万亿元），"
                    "到第 %d 条时已超过；请检查金额是否以元为单位",
                    what, index + 1);
}

void bg_load_items(bg_loader *L, const bg_node *n, bg_mark at)
{
    if (!bg_expect_seq(&L->r, n, at, "line_items", "预算明细"))
        return;
    g_array_set_size(L->dep->items, 0);
    bg_money sum = 0;
    bool over = false;
    for (int i = 0; i < (int)n->len; i++) {
        guint before = L->dep->items->len;
        load_item(L, n->children[i], at, i);
        if (!over && L->dep->items->len > before &&
            !add_amount(&sum, g_array_index(L->dep->items, bg_item, before).amount)) {
            sum_too_large(L, n, at, "line_items", "预算明细", "预算明细", i);
            over = true;
        }
    }
}

enum { P_UNIT, P_FUNCTION, P_ITEM, P_CATEGORY, P_CATALOG, P_SPEC, P_MEASURE,
       P_QUANTITY, P_AMOUNT, P_COUNT };

static const bg_field proc_fields[P_COUNT] = {
    [P_UNIT] = {"unit", "预算单位", true},
    [P_FUNCTION] = {"function", "支出功能分类科目", true},
    [P_ITEM] = {"item", "采购项目", true},
    [P_CATEGORY] = {"category", "采购类别", true},
    [P_CATALOG] = {"catalog", "采购目录", false},
    [P_SPEC] = {"spec", "规格", false},
    [P_MEASURE] = {"measure", "计量单位", false},
    [P_QUANTITY] = {"quantity", "采购数量", false},
    [P_AMOUNT] = {"amount", "金额", true},
};

static void load_procurement_line(bg_loader *L, const bg_node *n, bg_mark at, int i)
{
    char *base = bg_path_index("procurement", i);
    const bg_node *v[P_COUNT];
    bg_mark m[P_COUNT];
    char *p[P_COUNT];
    for (int f = 0; f < P_COUNT; f++)
        p[f] = bg_path(base, proc_fields[f].key);
    guint errors = bg_diag_count(L->r.diag);
    if (BG_READ_MAP(L, n, at, base, "政府采购", proc_fields, v, m)) {
        bg_procurement pc = {.unit = -1};
        if (v[P_UNIT]) {
            char *code = bg_read_code(&L->r, v[P_UNIT], m[P_UNIT], p[P_UNIT], "预算单位", 0,
                                      "数字编码");
            if (code)
                pc.unit = bg_lookup_unit(L, v[P_UNIT], m[P_UNIT], p[P_UNIT],
                                         bg_department_intern(L->dep, code));
            g_free(code);
        }
        if (v[P_FUNCTION])
            pc.function = read_class_code(L, BG_CLASS_FUNCTION, v[P_FUNCTION], m[P_FUNCTION],
                                          p[P_FUNCTION], "支出功能分类科目");
        char **texts[] = {[P_ITEM] = &pc.item, [P_CATALOG] = &pc.catalog,
                          [P_SPEC] = &pc.spec, [P_MEASURE] = &pc.measure};
        for (int f = 0; f < (int)G_N_ELEMENTS(texts); f++)
            if (texts[f] && v[f])
                *texts[f] = bg_read_text(&L->r, v[f], m[f], p[f], proc_fields[f].label);
        if (v[P_CATEGORY]) {
            char *c = bg_read_text(&L->r, v[P_CATEGORY], m[P_CATEGORY], p[P_CATEGORY], "采购类别");
            if (c && strcmp(c, "货物") == 0)
                pc.category = BG_PROC_GOODS;
            else if (c && strcmp(c, "服务") == 0)
                pc.category = BG_PROC_SERVICES;
            else if (c && strcmp(c, "工程") == 0)
                pc.category = BG_PROC_WORKS;
            else if (c)
                bg_reader_error(&L->r, v[P_CATEGORY], m[P_CATEGORY], p[P_CATEGORY], "采购类别",
                                "应为“货物”“服务”或“工程”，这里是“%s”", c);
            g_free(c);
        }
        if (v[P_QUANTITY]) {
            /* A quantity is a count or measure, never money, but it has the
             * same written form: digits with an optional decimal part. */
            bg_money q;
            char *text = bg_read_text(&L->r, v[P_QUANTITY], m[P_QUANTITY], p[P_QUANTITY], "采购数量");
            if (text && bg_money_parse(text, strlen(text), &q) != BG_MONEY_OK)
                bg_reader_error(&L->r, v[P_QUANTITY], m[P_QUANTITY], p[P_QUANTITY], "采购数量",
                                "应为数字，这里是“%s”", text);
            pc.quantity = text;
        }
        if (v[P_AMOUNT])
            bg_read_money(&L->r, v[P_AMOUNT], m[P_AMOUNT], p[P_AMOUNT], "金额", &pc.amount);
        if (bg_diag_count(L->r.diag) == errors) {
            g_array_append_val(L->dep->procurement, pc);
        } else {
            g_free(pc.item);
            g_free(pc.catalog);
            g_free(pc.spec);
            g_free(pc.measure);
            g_free(pc.quantity);
        }
    }
    for (int f = 0; f < P_COUNT; f++)
        g_free(p[f]);
    g_free(base);
}

void bg_load_procurement(bg_loader *L, const bg_node *n, bg_mark at)
{
    if (!bg_expect_seq(&L->r, n, at, "procurement", "政府采购"))
        return;
    bg_money sum = 0, quantities = 0;
    bool over = false, over_q = false;
    for (int i = 0; i < (int)n->len; i++) {
        guint before = L->dep->procurement->len;
        load_procurement_line(L, n->children[i], at, i);
        if (L->dep->procurement->len == before)
            continue;
        const bg_procurement *pc = &g_array_index(L->dep->procurement, bg_procurement, before);
        if (!over && !add_amount(&sum, pc->amount)) {
            sum_too_large(L, n, at, "procurement", "政府采购", "政府采购", i);
            over = true;
        }
        /* The table of procurement totals its quantities too. */
        bg_money q;
        if (!over_q && pc->quantity &&
            bg_money_parse(pc->quantity, strlen(pc->quantity), &q) == BG_MONEY_OK &&
            !add_amount(&quantities, q)) {
            bg_reader_error(&L->r, n, at, "procurement", "政府采购",
                            "全部政府采购的采购数量之和过大，到第 %d 条时已超过 "
                            "1,000,000,000,000,000；请检查采购数量",
                            i + 1);
            over_q = true;
        }
    }
}
