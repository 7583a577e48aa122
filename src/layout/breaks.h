/* Where Pango would break a text at a given width, worked out from one
 * shaping of it (see breaks.c). */
#ifndef BG_BREAKS_H
#define BG_BREAKS_H

#include <pango/pango.h>
#include <stdbool.h>

typedef struct bg_breaks bg_breaks;

/* The breaks of `l`'s text as PANGO_WRAP_WORD sets it, from a one-line
 * copy of `l`; NULL for a text this model does not cover (several
 * paragraphs, a tab, right-to-left text), which Pango must then set. */
bg_breaks *bg_breaks_new(PangoLayout *l);
void bg_breaks_free(bg_breaks *b);

/* Whether the text set at `width` Pango units takes `lines` lines, none
 * reaching past the width (what Pango's layout at that width would say). */
bool bg_breaks_holds(const bg_breaks *b, int width, int lines);

#endif
