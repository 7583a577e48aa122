/* Writing the index of a batch of departments. */
#include "render/index.h"

#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "render/atomic.h"
#include "render/json.h"

bg_index_row *bg_index_row_new(const bg_doc *doc, const char *file)
{
    bg_index_row *r = g_new0(bg_index_row, 1);
    r->code = g_strdup(doc->code);
    r->name = g_strdup(doc->name);
    r->file = g_strdup(file);
    r->year = doc->year;
    r->titles = g_ptr_array_new_with_free_func(g_free);
    r->values = g_array_new(FALSE, TRUE, sizeof(bg_money));
    for (guint i = 0; i < doc->index_titles->len; i++) {
        g_ptr_array_add(r->titles, g_strdup(doc->index_titles->pdata[i]));
        g_array_append_val(r->values, g_array_index(doc->index_values, bg_money, i));
    }
    return r;
}

void bg_index_row_free(gpointer p)
{
    bg_index_row *r = p;
    if (!r)
        return;
    g_free(r->code);
    g_free(r->name);
    g_free(r->file);
    g_free(r->pdf);
    g_free(r->xlsx);
    g_ptr_array_free(r->titles, TRUE);
    g_array_free(r->values, TRUE);
    g_free(r);
}

#define ROW_TYPE "(sssiia(sx)msms)"

GVariant *bg_index_row_to_variant(const bg_index_row *r)
{
    GVariantBuilder vals;
    g_variant_builder_init(&vals, G_VARIANT_TYPE("a(sx)"));
    for (guint k = 0; k < r->titles->len; k++)
        g_variant_builder_add(&vals, "(sx)", (char *)r->titles->pdata[k],
                              (gint64)g_array_index(r->values, bg_money, k));
    return g_variant_new(ROW_TYPE, r->code, r->name, r->file, r->year, r->pages, &vals, r->pdf,
                         r->xlsx);
}

bg_index_row *bg_index_row_from_variant(GVariant *v)
{
    if (!g_variant_is_of_type(v, G_VARIANT_TYPE(ROW_TYPE)))
        return NULL;
    bg_index_row *r = g_new0(bg_index_row, 1);
    GVariantIter *vals;
    g_variant_get(v, ROW_TYPE, &r->code, &r->name, &r->file, &r->year, &r->pages, &vals, &r->pdf,
                  &r->xlsx);
    r->titles = g_ptr_array_new_with_free_func(g_free);
    r->values = g_array_new(FALSE, TRUE, sizeof(bg_money));
    char *title;
    gint64 value;
    while (g_variant_iter_next(vals, "(sx)", &title, &value)) {
        bg_money m = value;
        g_ptr_array_add(r->titles, title);
        g_array_append_val(r->values, m);
    }
    g_variant_iter_free(vals);
    return r;
}

/* The columns: every title of any row, in the order first met. */
static GPtrArray *columns(const GPtrArray *rows)
{
    GPtrArray *out = g_ptr_array_new();
    for (guint i = 0; i < rows->len; i++) {
        const bg_index_row *r = rows->pdata[i];
        for (guint k = 0; k < r->titles->len; k++) {
            bool seen = false;
            for (guint j = 0; j < out->len && !seen; j++)
                seen = strcmp(out->pdata[j], r->titles->pdata[k]) == 0;
            if (!seen)
                g_ptr_array_add(out, r->titles->pdata[k]);
        }
    }
    return out;
}

/* A row's value of a column; false when its format has no such column. */
static bool value_of(const bg_index_row *r, const char *title, bg_money *v)
{
    for (guint k = 0; k < r->titles->len; k++)
        if (strcmp(r->titles->pdata[k], title) == 0) {
            *v = g_array_index(r->values, bg_money, k);
            return true;
        }
    return false;
}

static double yuan(bg_money m)
{
    /* what the sheet shows, to the 分; the exact value is in index.json */
    return (double)m / 100.0;
}

static bg_atomic *write_json(const char *path, const GPtrArray *rows, const GPtrArray *cols,
                             char **error)
{
    GString *out = g_string_new("{\"departments\": [");
    char buf[BG_MONEY_BUF];
    bg_money *totals = g_new0(bg_money, cols->len ? cols->len : 1);
    for (guint i = 0; i < rows->len; i++) {
        const bg_index_row *r = rows->pdata[i];
        g_string_append_printf(out, "%s\n  {\"code\": ", i ? "," : "");
        bg_json_string(out, r->code);
        g_string_append(out, ", \"name\": ");
        bg_json_string(out, r->name);
        g_string_append_printf(out, ", \"year\": %d, \"file\": ", r->year);
        bg_json_string(out, r->file);
        g_string_append_printf(out, ", \"pages\": %d, \"pdf\": ", r->pages);
        bg_json_string(out, r->pdf ? r->pdf : "");
        g_string_append(out, ", \"xlsx\": ");
        bg_json_string(out, r->xlsx ? r->xlsx : "");
        g_string_append(out, ", \"figures\": {");
        bool first = true;
        for (guint k = 0; k < cols->len; k++) {
            bg_money v;
            if (!value_of(r, cols->pdata[k], &v))
                continue;
            totals[k] += v;
            g_string_append(out, first ? "" : ", ");
            bg_json_string(out, cols->pdata[k]);
            g_string_append_printf(out, ": \"%s\"", bg_money_format_exact(v, buf));
            first = false;
        }
        g_string_append(out, "}}");
    }
    g_string_append(out, "\n], \"totals\": {");
    for (guint k = 0; k < cols->len; k++) {
        g_string_append(out, k ? ", " : "");
        bg_json_string(out, cols->pdata[k]);
        g_string_append_printf(out, ": \"%s\"", bg_money_format_exact(totals[k], buf));
    }
    g_string_append_printf(out, "}, \"count\": %u}\n", rows->len);
    g_free(totals);
    bg_atomic *a = bg_atomic_begin(path, false, error);
    if (a) {
        bg_atomic_write(a, out->str, out->len); /* a failure is told by finish */
        if (!bg_atomic_finish(a, error)) {
            bg_atomic_abort(a);
            a = NULL;
        }
    }
    g_string_free(out, TRUE);
    return a;
}

static bg_atomic *write_xlsx(const char *path, const GPtrArray *rows, const GPtrArray *cols,
                             gint64 created, char **error)
{
    /* libxlsxwriter writes only by name: into a private folder. */
    bg_atomic *tmp = bg_atomic_begin(path, true, error);
    if (!tmp)
        return NULL;
    lxw_workbook *wb = workbook_new(bg_atomic_temp_path(tmp));
    lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "索引") : NULL;
    if (!ws) {
        *error = g_strdup_printf("无法创建“%s”", path);
        if (wb)
            lxw_workbook_free(wb);
        bg_atomic_abort(tmp);
        return NULL;
    }
    /* a fixed time: the same batch gives the same bytes */
    lxw_doc_properties props = {.title = "部门预算公开索引", .author = "budgetgen",
                                .created = (time_t)created};
    lxw_error e = workbook_set_properties(wb, &props);
    lxw_format *head = workbook_add_format(wb), *money = workbook_add_format(wb);
    format_set_bold(head);
    format_set_num_format(money, "#,##0.00");
    const char *fixed[] = {"部门编码", "部门名称", "年度"};
    int c = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(fixed); i++)
        e = e ? e : worksheet_write_string(ws, 0, (lxw_col_t)c++, fixed[i], head);
    for (guint k = 0; k < cols->len; k++)
        e = e ? e : worksheet_write_string(ws, 0, (lxw_col_t)c++, cols->pdata[k], head);
    const char *tail[] = {"页数", "PDF", "XLSX"};
    for (size_t i = 0; i < G_N_ELEMENTS(tail); i++)
        e = e ? e : worksheet_write_string(ws, 0, (lxw_col_t)c++, tail[i], head);
    bg_money *totals = g_new0(bg_money, cols->len ? cols->len : 1);
    for (guint i = 0; i < rows->len && !e; i++) {
        const bg_index_row *r = rows->pdata[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        c = 0;
        e = worksheet_write_string(ws, row, (lxw_col_t)c++, r->code, NULL);
        e = e ? e : worksheet_write_string(ws, row, (lxw_col_t)c++, r->name, NULL);
        e = e ? e : worksheet_write_number(ws, row, (lxw_col_t)c++, r->year, NULL);
        for (guint k = 0; k < cols->len && !e; k++, c++) {
            bg_money v;
            if (value_of(r, cols->pdata[k], &v)) {
                totals[k] += v;
                e = worksheet_write_number(ws, row, (lxw_col_t)c, yuan(v), money);
            }
        }
        e = e ? e : worksheet_write_number(ws, row, (lxw_col_t)c++, r->pages, NULL);
        e = e ? e : worksheet_write_string(ws, row, (lxw_col_t)c++, r->pdf ? r->pdf : "", NULL);
        e = e ? e : worksheet_write_string(ws, row, (lxw_col_t)c++, r->xlsx ? r->xlsx : "", NULL);
    }
    lxw_row_t last = (lxw_row_t)(rows->len + 1);
    e = e ? e : worksheet_write_string(ws, last, 1, "合计", head);
    for (guint k = 0; k < cols->len && !e; k++)
        e = worksheet_write_number(ws, last, (lxw_col_t)(3 + k), yuan(totals[k]), money);
    g_free(totals);
    e = e ? e : worksheet_set_column(ws, 1, 1, 40, NULL);
    e = e ? e : worksheet_set_column(ws, 3, (lxw_col_t)(2 + cols->len), 16, NULL);
    if (!head || !money)
        e = e ? e : LXW_ERROR_MEMORY_MALLOC_FAILED;
    lxw_error closed = LXW_NO_ERROR;
    if (e)
        lxw_workbook_free(wb);
    else
        closed = workbook_close(wb);
    if (e || closed) {
        *error = g_strdup_printf("写入“%s”失败：%s", path, lxw_strerror(e ? e : closed));
        bg_atomic_abort(tmp);
        return NULL;
    }
    if (!bg_atomic_finish(tmp, error)) {
        bg_atomic_abort(tmp);
        return NULL;
    }
    return tmp;
}

bool bg_write_index(const char *dir, const GPtrArray *rows, gint64 created, char **error)
{
    GPtrArray *cols = columns(rows);
    char *xlsx = g_build_filename(dir, "index.xlsx", NULL);
    char *json = g_build_filename(dir, "index.json", NULL);
    bg_atomic_remove_stale(xlsx);
    bg_atomic_remove_stale(json);
    bg_atomic *tx = write_xlsx(xlsx, rows, cols, created, error);
    bg_atomic *tj = tx ? write_json(json, rows, cols, error) : NULL;
    bool ok = false;
    /* Both written in full before either is renamed, as for a department. */
    if (tx && tj && bg_atomic_can_commit(tx, error) && bg_atomic_can_commit(tj, error)) {
        ok = bg_atomic_commit(tx, error); /* frees tx, whatever the outcome */
        tx = NULL;
        if (ok) {
            ok = bg_atomic_commit(tj, error);
            tj = NULL;
        }
    }
    bg_atomic_abort(tx);
    bg_atomic_abort(tj);
    g_free(xlsx);
    g_free(json);
    g_ptr_array_free(cols, TRUE);
    return ok;
}
