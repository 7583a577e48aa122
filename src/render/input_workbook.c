/* `budgetgen template FORMAT`: the workbook a finance office fills in, one
 * sheet a part of the department file (model/workbook.c), with drop-down
 * lists of the catalog's codes, the format's project categories, the units
 * and projects entered, and amounts checked as numbers. */
#include "render/input_workbook.h"

#include <string.h>
#include <xlsxwriter.h>

#include "model/unit_type.h"
#include "model/workbook.h"
#include "render/atomic.h"

#define LAST_ROW 5000 /* rows the lists and checks reach */

typedef struct {
    lxw_workbook *wb;
    lxw_format *note, *head, *text, *money;
    lxw_error err;
    int list_rows[BG_WB_CLASSES + 1]; /* rows of each list on the hidden sheet */
} book;

static void check(book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
        b->err = e;
}

static gint by_code(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The codes of a class with `digits` digits, sorted. */
static GPtrArray *codes(const bg_catalog *c, bg_class cls, size_t digits)
{
    GPtrArray *out = g_ptr_array_new();
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init(&it, c->names[cls]);
    while (g_hash_table_iter_next(&it, &k, NULL))
        if (strlen(k) == digits)
            g_ptr_array_add(out, k);
    g_ptr_array_sort(out, by_code);
    return out;
}

/* The hidden sheet of lists the drop-downs choose from: one column a list. */
static void lists(book *b, const bg_format *f, const bg_catalog *c)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "目录");
    if (!ws) {
        check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    worksheet_hide(ws);
    GPtrArray *cols[BG_WB_CLASSES + 1] = {0};
    for (int i = 0; i <= BG_WB_CLASSES; i++)
        cols[i] = g_ptr_array_new_with_free_func(g_free);
    for (int t = 0; t < BG_UNIT_TYPES; t++)
        g_ptr_array_add(cols[BG_WB_UNIT_TYPES], g_strdup(bg_unit_type_names[t]));
    static const char *const fixed[][4] = {[BG_WB_COSTS] = {"人员经费", "公用经费", NULL},
                                           [BG_WB_PROC_KINDS] = {"货物", "服务", "工程", NULL},
                                           [BG_WB_CLASSES] = {"function", "dept_econ", "gov_econ",
                                                              NULL}};
    for (int i = 0; i <= BG_WB_CLASSES; i++)
        for (int k = 0; fixed[i][0] && fixed[i][k]; k++)
            g_ptr_array_add(cols[i], g_strdup(fixed[i][k]));
    struct {
        bg_wb_list list;
        bg_class cls;
        size_t digits;
    } classes[] = {{BG_WB_FUNCTIONS, BG_CLASS_FUNCTION, 7},
                   {BG_WB_DEPT_ECON, BG_CLASS_DEPT_ECON, 5},
                   {BG_WB_GOV_ECON, BG_CLASS_GOV_ECON, 5}};
    for (size_t i = 0; i < G_N_ELEMENTS(classes); i++) {
        GPtrArray *cc = codes(c, classes[i].cls, classes[i].digits);
        for (guint k = 0; k < cc->len; k++)
            g_ptr_array_add(cols[classes[i].list], g_strdup(cc->pdata[k]));
        g_ptr_array_free(cc, TRUE);
    }
    for (guint k = 0; k < c->funds->len; k++)
        g_ptr_array_add(cols[BG_WB_FUNDS], g_strdup(((bg_fund *)c->funds->pdata[k])->code));
    for (guint k = 0; f->categories && k < f->categories->len; k++)
        g_ptr_array_add(cols[BG_WB_CATEGORIES], g_strdup(f->categories->pdata[k]));
    for (int i = 0; i <= BG_WB_CLASSES; i++) {
        b->list_rows[i] = (int)cols[i]->len;
        for (guint k = 0; k < cols[i]->len; k++)
            check(b, worksheet_write_string(ws, (lxw_row_t)k, (lxw_col_t)i, cols[i]->pdata[k],
                                            NULL));
        g_ptr_array_free(cols[i], TRUE);
    }
}

static void validate(book *b, lxw_worksheet *ws, int col, const bg_wb_column *c)
{
    lxw_data_validation dv = {0};
    char formula[64];
    if (c->list == BG_WB_UNITS || c->list == BG_WB_PROJECTS) {
        /* the units and projects the workbook itself lists */
        g_snprintf(formula, sizeof formula, "=%s!$A$3:$A$%d",
                   c->list == BG_WB_UNITS ? "单位" : "项目", LAST_ROW);
    } else if (c->list != BG_WB_ANY) {
        char *letters = g_strdup_printf("%c", 'A' + (int)c->list);
        g_snprintf(formula, sizeof formula, "=目录!$%s$1:$%s$%d", letters, letters,
                   MAX(1, b->list_rows[c->list]));
        g_free(letters);
    }
    if (c->list != BG_WB_ANY) {
        dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        dv.value_formula = formula;
        dv.error_title = "请从列表中选择";
        dv.error_message = "这一列只能填写列表中的值。";
    } else if (c->type == BG_WB_MONEY || c->type == BG_WB_INT) {
        dv.validate = c->type == BG_WB_MONEY ? LXW_VALIDATION_TYPE_DECIMAL
                                             : LXW_VALIDATION_TYPE_INTEGER;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        dv.error_title = "应为数字";
        dv.error_message = c->type == BG_WB_MONEY ? "金额以元计，不带单位和千位分隔符，最多两位小数。"
                                                  : "应为不小于 0 的整数。";
    } else if (c->type == BG_WB_YESNO) {
        static char yes[] = "是", no[] = "否";
        static char *yes_no[] = {yes, no, NULL};
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = yes_no;
    } else {
        return;
    }
    check(b, worksheet_data_validation_range(ws, 2, (lxw_col_t)col, LAST_ROW, (lxw_col_t)col, &dv));
}

static void sheet(book *b, const bg_wb_sheet *spec, const bg_format *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, spec->name);
    if (!ws) {
        check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    check(b, worksheet_write_string(ws, 0, 0, spec->note, b->note));
    check(b, worksheet_set_row(ws, 0, 30, NULL));
    if (spec->shape == BG_WB_FIELDS) {
        /* 字段 | 值: one field a row */
        check(b, worksheet_write_string(ws, 1, 0, "字段", b->head));
        check(b, worksheet_write_string(ws, 1, 1, "值", b->head));
        check(b, worksheet_set_column(ws, 0, 0, 36, NULL));
        check(b, worksheet_set_column(ws, 1, 1, 60, b->text));
        for (int k = 0; spec->columns[k].header; k++) {
            const bg_wb_column *c = &spec->columns[k];
            check(b, worksheet_write_string(ws, (lxw_row_t)(2 + k), 0, c->header, NULL));
            if (strcmp(spec->path, "department") == 0 && strcmp(c->key, "format") == 0)
                check(b, worksheet_write_string(ws, (lxw_row_t)(2 + k), 1, f->id, b->text));
        }
        return;
    }
    for (int k = 0; spec->columns[k].header; k++) {
        const bg_wb_column *c = &spec->columns[k];
        check(b, worksheet_write_string(ws, 1, (lxw_col_t)k, c->header, b->head));
        lxw_format *fmt = c->type == BG_WB_MONEY ? b->money : b->text;
        double width = c->type == BG_WB_TEXT && !c->list ? 28 : 16;
        check(b, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, width, fmt));
        validate(b, ws, k, c);
    }
    worksheet_freeze_panes(ws, 2, 0);
    /* The texts and figures the format quotes, listed for the office to fill. */
    if (spec->shape == BG_WB_MAP && f->quoted) {
        const char *prefix = strcmp(spec->path, "texts") == 0 ? "texts." : "figures.";
        GPtrArray *keys = g_ptr_array_new();
        GHashTableIter it;
        gpointer k;
        g_hash_table_iter_init(&it, f->quoted);
        while (g_hash_table_iter_next(&it, &k, NULL))
            if (g_str_has_prefix(k, prefix))
                g_ptr_array_add(keys, (char *)k + strlen(prefix));
        g_ptr_array_sort(keys, by_code);
        for (guint i = 0; i < keys->len; i++)
            check(b, worksheet_write_string(ws, (lxw_row_t)(2 + i), 0, keys->pdata[i], b->text));
        g_ptr_array_free(keys, TRUE);
    }
}

bool bg_write_input_workbook(const char *path, const bg_format *f, const bg_catalog *catalog,
                             char **error)
{
    /* libxlsxwriter writes only by name: into a private folder. */
    bg_atomic_remove_stale(path);
    bg_atomic *tmp = bg_atomic_begin(path, true, error);
    if (!tmp)
        return false;
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    book b = {.wb = workbook_new_opt(bg_atomic_temp_path(tmp), &opt)};
    if (!b.wb) {
        *error = g_strdup_printf("无法创建工作簿“%s”", path);
        bg_atomic_abort(tmp);
        return false;
    }
    /* A fixed time, so that the same format gives the same bytes. */
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    gint64 when = epoch && *epoch ? g_ascii_strtoll(epoch, NULL, 10) : 0;
    lxw_doc_properties props = {.title = "部门预算录入", .author = "budgetgen",
                                .created = (time_t)(when >= 315532800 ? when : 1577836800)};
    check(&b, workbook_set_properties(b.wb, &props));
    b.note = workbook_add_format(b.wb);
    format_set_text_wrap(b.note);
    format_set_font_color(b.note, LXW_COLOR_GRAY);
    b.head = workbook_add_format(b.wb);
    format_set_bold(b.head);
    format_set_border(b.head, LXW_BORDER_THIN);
    format_set_bg_color(b.head, 0xDDEBF7);
    b.text = workbook_add_format(b.wb);
    format_set_num_format(b.text, "@"); /* codes keep their leading zeros */
    b.money = workbook_add_format(b.wb);
    format_set_num_format(b.money, "0.00");
    for (int i = 0; bg_wb_sheets[i].name; i++)
        sheet(&b, &bg_wb_sheets[i], f);
    lists(&b, f, catalog);
    lxw_error e = workbook_close(b.wb);
    if (b.err == LXW_NO_ERROR)
        b.err = e;
    if (b.err != LXW_NO_ERROR) {
        *error = g_strdup_printf("写入工作簿“%s”失败：%s", path, lxw_strerror(b.err));
        bg_atomic_abort(tmp);
        return false;
    }
    if (!bg_atomic_finish(tmp, error) || !bg_atomic_can_commit(tmp, error)) {
        bg_atomic_abort(tmp);
        return false;
    }
    return bg_atomic_commit(tmp, error);
}
