#include "model/diag.h"

#include <stdarg.h>

static void error_free(gpointer p)
{
    bg_error *e = p;
    g_free(e->file);
    g_free(e->field);
    g_free(e->message);
    g_free(e->cell);
    g_free(e);
}

bg_diag *bg_diag_new(void)
{
    bg_diag *d = g_new0(bg_diag, 1);
    d->errors = g_ptr_array_new_with_free_func(error_free);
    return d;
}

void bg_diag_free(bg_diag *d)
{
    if (!d)
        return;
    g_ptr_array_free(d->errors, TRUE);
    g_free(d);
}

void bg_diag_add(bg_diag *d, const char *file, int line, int column,
                 const char *field, const char *fmt, ...)
{
    bg_error *e = g_new0(bg_error, 1);
    e->file = g_strdup(file);
    e->line = line;
    e->column = column;
    e->field = g_strdup(field);
    va_list ap;
    va_start(ap, fmt);
    e->message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_ptr_array_add(d->errors, e);
}

char *bg_column_letters(int column)
{
    char buf[16];
    int n = 0;
    for (int c = column; c > 0 && n < 15; c = (c - 1) / 26)
        buf[n++] = (char)('A' + (c - 1) % 26);
    GString *s = g_string_new(NULL);
    while (n > 0)
        g_string_append_c(s, buf[--n]);
    return g_string_free(s, FALSE);
}

void bg_diag_add_cell(bg_diag *d, const char *file, const char *sheet, int row, int column,
                      const char *field, const char *fmt, ...)
{
    bg_error *e = g_new0(bg_error, 1);
    e->file = g_strdup(file);
    e->line = row;
    e->column = column;
    e->field = g_strdup(field);
    char *letters = bg_column_letters(column);
    e->cell = sheet ? g_strdup_printf("%s!%s%d", sheet, letters, row)
                    : g_strdup_printf("%s%d", letters, row);
    g_free(letters);
    va_list ap;
    va_start(ap, fmt);
    e->message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_ptr_array_add(d->errors, e);
}

guint bg_diag_count(const bg_diag *d)
{
    return d->errors->len;
}

char *bg_error_format(const bg_error *e)
{
    GString *s = g_string_new(e->file);
    if (e->cell)
        g_string_append_printf(s, ":%s", e->cell);
    else if (e->line > 0)
        g_string_append_printf(s, ":%d:%d", e->line, e->column);
    g_string_append(s, ": ");
    if (e->field && *e->field)
        g_string_append_printf(s, "字段 %s：", e->field);
    g_string_append(s, e->message);
    return g_string_free(s, FALSE);
}

static gint compare_place(gconstpointer a, gconstpointer b)
{
    const bg_error *x = *(bg_error *const *)a, *y = *(bg_error *const *)b;
    int c = g_strcmp0(x->file, y->file);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->column != y->column)
        return x->column < y->column ? -1 : 1;
    return 0;
}

void bg_diag_sort(bg_diag *d)
{
    /* GLib's pointer-array sort is a stable merge sort (g_qsort_with_data),
     * so errors at one place keep the order they were found in. */
    g_ptr_array_sort(d->errors, compare_place);
}
