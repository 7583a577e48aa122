/* Results kept on a Pango context for the documents that follow: the last
 * document's and this one's, let go when a new one begins or the fonts
 * change (see memo.c). */
#ifndef BG_MEMO_H
#define BG_MEMO_H

#include <glib.h>
#include <pango/pango.h>

typedef struct bg_memo bg_memo;

/* The memo named `name` of `ctx` (made on first use), whose values
 * `value_free` frees. Emptied when the context's fonts have changed. */
bg_memo *bg_memo_of(PangoContext *ctx, const char *name, GDestroyNotify value_free);

/* The value kept under `key`, or NULL; the memo keeps it. */
gpointer bg_memo_get(bg_memo *m, const char *key);

/* Keeps `value` under `key`; the memo takes both. */
void bg_memo_put(bg_memo *m, char *key, gpointer value);

/* A new document begins: what the one before the last kept and the last
 * did not use is let go. */
void bg_memo_next(bg_memo *m);

#endif
