/* Smaller copies of large font files, made once and kept in a cache
 * folder, that layout uses before the files themselves. */
#ifndef BG_FONT_SUBSET_H
#define BG_FONT_SUBSET_H

#include <glib.h>

/* The path of a copy of face `index` of `file` holding only the characters
 * of everyday Chinese text (GB 2312, Latin, punctuation), named `family` in its name table, made under
 * `cache_dir` unless it is there already; NULL when the face is not much
 * larger than that repertoire (no gain) or the copy cannot be made (the
 * file itself then serves). Caller frees. */
char *bg_font_subset(const char *file, int index, const char *family, const char *cache_dir);

#endif
