#include "render/json.h"

#include "model/table.h"

static void json_table(GString *out, const bg_table *t)
{
    g_string_append(out, "    {\"id\": ");
    bg_json_string(out, t->id);
    g_string_append(out, ", \"number\": ");
    bg_json_string(out, t->number);
    g_string_append(out, ",\n     \"title\": ");
    bg_json_string(out, t->title);
    g_string_append(out, ", \"unit\": ");
    bg_json_string(out, t->money_unit);
    g_string_append_printf(out, ", \"decimals\": %d, \"grouping\": %s, \"trim\": %s",
                           t->money_decimals, t->money_grouping ? "true" : "false",
                           t->money_trim ? "true" : "false");
    g_string_append(out, ", \"unit_line\": ");
    bg_json_string(out, t->unit_line);
    if (t->unit_left) {
        g_string_append(out, ", \"unit_left\": ");
        bg_json_string(out, t->unit_left);
    }
    if (t->corner) {
        g_string_append(out, ", \"corner\": ");
        bg_json_string(out, t->corner);
    }
    if (t->subtitle) {
        g_string_append(out, ", \"subtitle\": ");
        bg_json_string(out, t->subtitle);
    }
    g_string_append_printf(out, ", \"form\": %s, \"empty\": %s,\n     \"columns\": [",
                           t->form ? "true" : "false", t->empty ? "true" : "false");
    for (int c = 0; c < t->n_cols; c++)
        g_string_append_printf(out, "%s\"%s\"", c ? ", " : "",
                               t->col_kinds[c] == BG_COL_AMOUNT ? "amount" : "text");
    g_string_append(out, "],\n     \"header\": [");
    int row = -1;
    for (guint i = 0; i < t->header->len; i++) {
        const bg_header_cell *h = t->header->pdata[i];
        if (h->row != row) {
            g_string_append(out, row < 0 ? "[" : "], [");
            row = h->row;
        } else {
            g_string_append(out, ", ");
        }
        g_string_append(out, "{\"text\": ");
        bg_json_string(out, h->text);
        g_string_append_printf(out, ", \"col\": %d, \"colspan\": %d, \"rowspan\": %d}", h->col,
                               h->colspan, h->rowspan);
    }
    g_string_append(out, row < 0 ? "],\n     \"rows\": [" : "]],\n     \"rows\": [");
    char buf[BG_MONEY_BUF];
    for (guint r = 0; r < t->rows->len; r++) {
        const bg_row *rw = t->rows->pdata[r];
        g_string_append(out, r ? ",\n       [" : "\n       [");
        for (int c = 0; c < t->n_cols; c++) {
            const bg_cell *cell = &rw->cells[c];
            g_string_append(out, c ? ", {\"text\": " : "{\"text\": ");
            bg_json_string(out, cell->text);
            if (cell->has_value)
                g_string_append_printf(out, ", \"value\": \"%s\"",
                                       bg_money_format_exact(cell->value, buf));
            if (cell->colspan > 1)
                g_string_append_printf(out, ", \"colspan\": %d", cell->colspan);
            if (cell->rowspan > 1)
                g_string_append_printf(out, ", \"rowspan\": %d", cell->rowspan);
            if (cell->covered)
                g_string_append(out, ", \"covered\": true");
            g_string_append_c(out, '}');
        }
        g_string_append_c(out, ']');
    }
    g_string_append(out, "],\n     \"notes\": [");
    for (guint i = 0; i < t->notes->len; i++) {
        if (i)
            g_string_append(out, ", ");
        bg_json_string(out, t->notes->pdata[i]);
    }
    g_string_append(out, "]}");
}

void bg_json_tables(GString *out, const bg_doc *doc)
{
    const GPtrArray *tables = doc->tables;
    g_string_append(out, "{\"department\": ");
    bg_json_string(out, doc->name);
    g_string_append(out, ", \"code\": ");
    bg_json_string(out, doc->code);
    g_string_append_printf(out, ", \"year\": %d, \"format\": ", doc->year);
    bg_json_string(out, doc->format);
    g_string_append(out, ",\n  \"tables\": [\n");
    for (guint i = 0; i < tables->len; i++) {
        if (i)
            g_string_append(out, ",\n");
        json_table(out, tables->pdata[i]);
    }
    g_string_append(out, "\n  ]}\n");
}
