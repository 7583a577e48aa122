/* Results kept on a Pango context across documents: a batch and `watch`
 * render document after document with the same fonts, and much of what one
 * sets (a label at a width, a table unchanged by an edit) the next sets
 * again. Two generations: what this document used and what the last did;
 * what neither used is let go when a new document begins, so memory holds
 * two documents' worth at most. A change of the fonts (the context's
 * serial) empties it: what was set with other fonts is not what would be. */
#include "layout/memo.h"

struct bg_memo {
    GHashTable *cur, *prev; /* key → value */
    GDestroyNotify value_free;
    guint serial;
};

static GHashTable *generation(GDestroyNotify value_free)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, value_free);
}

static void memo_free(gpointer p)
{
    bg_memo *m = p;
    g_hash_table_destroy(m->cur);
    g_hash_table_destroy(m->prev);
    g_free(m);
}

bg_memo *bg_memo_of(PangoContext *ctx, const char *name, GDestroyNotify value_free)
{
    GQuark q = g_quark_from_string(name);
    bg_memo *m = g_object_get_qdata(G_OBJECT(ctx), q);
    if (!m) {
        m = g_new0(bg_memo, 1);
        m->value_free = value_free;
        m->cur = generation(value_free);
        m->prev = generation(value_free);
        m->serial = pango_context_get_serial(ctx);
        g_object_set_qdata_full(G_OBJECT(ctx), q, m, memo_free);
    } else if (m->serial != pango_context_get_serial(ctx)) {
        g_hash_table_remove_all(m->cur);
        g_hash_table_remove_all(m->prev);
        m->serial = pango_context_get_serial(ctx);
    }
    return m;
}

gpointer bg_memo_get(bg_memo *m, const char *key)
{
    gpointer v = g_hash_table_lookup(m->cur, key), old_key;
    if (!v && g_hash_table_steal_extended(m->prev, key, &old_key, &v))
        g_hash_table_insert(m->cur, old_key, v);
    return v;
}

void bg_memo_put(bg_memo *m, char *key, gpointer value)
{
    g_hash_table_replace(m->cur, key, value);
}

void bg_memo_next(bg_memo *m)
{
    g_hash_table_destroy(m->prev);
    m->prev = m->cur;
    m->cur = generation(m->value_free);
}
