/* Fonts for layout: the fonts in fonts/ made usable without installing them
 * (fontconfig application fonts), and a family chosen for each role. */
#ifndef BG_FONTS_H
#define BG_FONTS_H

#include <glib.h>
#include <pango/pango.h>

typedef struct bg_fonts bg_fonts;

/* A font map over the system fonts plus every font file in `fonts_dir`
 * (which may be missing). The context uses 72 dpi, so sizes are points. */
bg_fonts *bg_fonts_new(const char *fonts_dir);
void bg_fonts_free(bg_fonts *f); /* accepts NULL */

PangoContext *bg_fonts_context(bg_fonts *f);

/* The first of `families` that is installed, or NULL when none is. */
const char *bg_fonts_pick(bg_fonts *f, const GPtrArray *families);

/* The family list layout is to name for `family`: a smaller copy of its
 * files first (made once, kept in the cache folder), then the family
 * itself, for any character the copy lacks; `family` alone when no copy
 * helps. Lives as long as `f`. */
const char *bg_fonts_layout_family(bg_fonts *f, const char *family);

/* The folder whose font files the map includes (the one to tell a user
 * to put missing fonts in). */
const char *bg_fonts_dir(const bg_fonts *f);

#endif
