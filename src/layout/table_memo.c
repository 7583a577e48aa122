/* Tables laid out before, kept on the Pango context: `watch` renders a
 * department again after each save, and an edit of one amount changes a
 * few tables; the others would be measured, fitted and set again to the
 * same pages. A table is known by everything its layout reads (its texts,
 * spans, kinds and notes, and the style), digested; its pages are kept as
 * copies, since the document numbers the pages it is given; for two
 * documents at most (layout/memo.c). */
#include "layout/table_memo.h"

#include "layout/memo.h"
#include "layout/text.h"

#include <string.h>

static bg_memo *memo_for(PangoContext *ctx)
{
    return bg_memo_of(ctx, "bg-table-memo", (GDestroyNotify)g_ptr_array_unref);
}

void bg_table_memo_next(PangoContext *ctx)
{
    bg_memo_next(memo_for(ctx));
}

/* Strings end with their NUL, so that "ab","c" and "a","bc" differ. */
static void put_text(GChecksum *c, const char *s)
{
    if (!s)
        s = "\x01"; /* NULL: not the same as "" */
    g_checksum_update(c, (const guchar *)s, (gssize)strlen(s) + 1);
}

static void put_int(GChecksum *c, gint64 v)
{
    g_checksum_update(c, (const guchar *)&v, sizeof v);
}

static void put_double(GChecksum *c, double v)
{
    g_checksum_update(c, (const guchar *)&v, sizeof v);
}

char *bg_table_memo_key(const bg_table *t, const bg_table_style *st)
{
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    put_text(c, st->family);
    put_double(c, st->size);
    put_double(c, st->min_size);
    put_text(c, st->title_family);
    put_double(c, st->title_size);
    put_int(c, st->title_bold);
    put_int(c, (gint64)bg_text_keep_key(st->keep));
    put_int(c, (gint64)bg_text_keep_key(st->title_keep));
    put_text(c, t->number);
    put_text(c, t->title);
    put_text(c, t->subtitle);
    put_text(c, t->unit_line);
    put_text(c, t->unit_left);
    put_text(c, t->corner);
    put_int(c, t->n_cols);
    put_int(c, t->header_rows);
    put_int(c, t->form);
    for (int k = 0; k < t->n_cols; k++) {
        put_int(c, t->col_kinds[k]);
        put_int(c, t->col_counts[k]);
    }
    put_int(c, t->header->len);
    for (guint i = 0; i < t->header->len; i++) {
        const bg_header_cell *h = t->header->pdata[i];
        put_text(c, h->text);
        put_int(c, h->row);
        put_int(c, h->col);
        put_int(c, h->rowspan);
        put_int(c, h->colspan);
    }
    put_int(c, t->rows->len);
    for (guint r = 0; r < t->rows->len; r++) {
        const bg_row *row = t->rows->pdata[r];
        put_int(c, row->kind);
        for (int k = 0; k < t->n_cols; k++) {
            const bg_cell *cell = &row->cells[k];
            put_text(c, cell->text);
            put_int(c, cell->has_value);
            put_int(c, cell->rowspan);
            put_int(c, cell->colspan);
            put_int(c, cell->covered);
        }
    }
    put_int(c, t->notes->len);
    for (guint i = 0; i < t->notes->len; i++)
        put_text(c, t->notes->pdata[i]);
    char *key = g_strdup(g_checksum_get_string(c));
    g_checksum_free(c);
    return key;
}

bool bg_table_memo_get(PangoContext *ctx, const char *key, GPtrArray *pages)
{
    const GPtrArray *kept = bg_memo_get(memo_for(ctx), key);
    for (guint i = 0; kept && i < kept->len; i++)
        g_ptr_array_add(pages, bg_page_copy(kept->pdata[i]));
    return kept != NULL;
}

void bg_table_memo_put(PangoContext *ctx, const char *key, const GPtrArray *pages, guint from)
{
    GPtrArray *kept = g_ptr_array_new_with_free_func(bg_page_free);
    for (guint i = from; i < pages->len; i++)
        g_ptr_array_add(kept, bg_page_copy(pages->pdata[i]));
    bg_memo_put(memo_for(ctx), g_strdup(key), kept);
}
