/* Where Pango would break a text at a given width, worked out from one
 * shaping of it (see breaks.c). */
#ifndef BG_BREAKS_H
#define BG_BREAKS_H

#include <pango/pango.h>
#include <stdbool.h>

typedef struct bg_breaks bg_breaks;

/* The breaks of `l`'s text, from a one-line copy of `l`; NULL for a text
 * this model does not cover (several paragraphs, a tab, right-to-left
 * text, a break that inserts a hyphen), which Pango must then set. */
bg_breaks *bg_breaks_new(PangoLayout *l);
void bg_breaks_free(bg_breaks *b);

/* The widest piece of a one-line layout's text that no line break may
 * divide (what a line of PANGO_WRAP_WORD at width 1 holds), in points,
 * from the layout's own glyphs: no layout is set again. Any text. */
double bg_breaks_widest_piece(PangoLayout *l);

/* The text set at `width` Pango units, as PANGO_WRAP_WORD (or, with
 * `char_too`, PANGO_WRAP_WORD_CHAR) would set it. */
typedef struct {
    int lines;
    int widest; /* the right end of the line reaching furthest, Pango units */
    int last;   /* the first character of the last line */
} bg_break_lines;

bg_break_lines bg_breaks_set(const bg_breaks *b, int width, bool char_too);

/* Whether the text set at `width` (PANGO_WRAP_WORD) takes `lines` lines,
 * none reaching past the width. */
bool bg_breaks_holds(const bg_breaks *b, int width, int lines);

/* Whether the text set at `width` (PANGO_WRAP_WORD_CHAR) takes two lines
 * or more and its last holds one character, closing punctuation and
 * spaces aside (what bg_text_orphan says of Pango's layout). */
bool bg_breaks_orphan(const bg_breaks *b, int width);

#endif
