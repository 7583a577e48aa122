/* Tables laid out before, reused when the same table is set again with the
 * same style (see table_memo.c). */
#ifndef BG_TABLE_MEMO_H
#define BG_TABLE_MEMO_H

#include <glib.h>
#include <pango/pango.h>
#include <stdbool.h>

#include "layout/page.h"
#include "layout/table_layout.h"
#include "model/table.h"

/* A digest of everything the layout of `t` in `st` depends on. Caller frees. */
char *bg_table_memo_key(const bg_table *t, const bg_table_style *st);

/* Appends copies of the pages kept under `key` to `pages`; false if none. */
bool bg_table_memo_get(PangoContext *ctx, const char *key, GPtrArray *pages);

/* Keeps copies of pages[from..] under `key`. */
void bg_table_memo_put(PangoContext *ctx, const char *key, const GPtrArray *pages, guint from);

/* A new document begins: tables the one before the last used and the last
 * did not are let go. */
void bg_table_memo_next(PangoContext *ctx);

#endif
