#include "layout/page.h"

bg_page *bg_page_new(bool landscape)
{
    bg_page *pg = g_new0(bg_page, 1);
    pg->landscape = landscape;
    pg->numbered = true;
    pg->ops = g_array_new(FALSE, FALSE, sizeof(bg_op));
    if (landscape) {
        pg->width = BG_A4_LONG;
        pg->height = BG_A4_SHORT;
        pg->left = pg->right = BG_MM(20);
        pg->top = BG_MM(20);
        pg->bottom = BG_MM(22);
    } else {
        pg->width = BG_A4_SHORT;
        pg->height = BG_A4_LONG;
        pg->left = BG_MM(28);
        pg->right = BG_MM(26);
        pg->top = BG_MM(37);
        pg->bottom = BG_MM(35);
    }
    return pg;
}

void bg_page_free(gpointer p)
{
    bg_page *pg = p;
    for (guint i = 0; i < pg->ops->len; i++) {
        bg_op *op = &g_array_index(pg->ops, bg_op, i);
        if (op->layout)
            g_object_unref(op->layout);
    }
    g_array_free(pg->ops, TRUE);
    g_free(pg);
}

void bg_page_line_of(bg_page *pg, PangoLayout *layout, int line, double x, double baseline)
{
    bg_op op = {.kind = BG_OP_LINE_OF, .layout = g_object_ref(layout), .line = line,
                .x = x, .y = baseline};
    g_array_append_val(pg->ops, op);
}

void bg_page_layout(bg_page *pg, PangoLayout *layout, double x, double y)
{
    bg_op op = {.kind = BG_OP_LAYOUT, .layout = g_object_ref(layout), .x = x, .y = y};
    g_array_append_val(pg->ops, op);
}

void bg_page_rule(bg_page *pg, double x1, double y1, double x2, double y2, double width)
{
    bg_op op = {.kind = BG_OP_RULE, .x = x1, .y = y1, .x2 = x2, .y2 = y2, .width = width};
    g_array_append_val(pg->ops, op);
}

bg_page *bg_page_copy(const bg_page *pg)
{
    bg_page *c = g_memdup2(pg, sizeof *pg);
    c->ops = g_array_sized_new(FALSE, FALSE, sizeof(bg_op), pg->ops->len);
    g_array_append_vals(c->ops, pg->ops->data, pg->ops->len);
    for (guint i = 0; i < c->ops->len; i++) {
        bg_op *op = &g_array_index(c->ops, bg_op, i);
        if (op->layout)
            g_object_ref(op->layout);
    }
    return c;
}
