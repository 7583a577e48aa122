/* Setting one text in lines as Chinese print does (W3C clreq, GB/T 15834):
 * a number kept with its unit, titles and labels broken between words with
 * balanced lines, no character alone on the last line (孤字), and justified
 * lines that take their extra space between CJK characters only, never
 * inside a number or a Latin word. */
#ifndef BG_TEXT_H
#define BG_TEXT_H

#include <glib.h>
#include <pango/pango.h>
#include <stdbool.h>

typedef struct {
    PangoContext *ctx;
    const char *family;
    double size; /* points */
    bool bold;
    PangoAlignment align;
    double indent;  /* of the first line, points */
    bool justify;   /* full lines flush at both ends; the last line flush left */
    /* A title, heading or label: lines break only between the words of
     * `keep` (and never inside a word of it), and are balanced. */
    bool label;
    const GPtrArray *keep; /* of char*; may be NULL */
} bg_text_style;

/* Lays out `text` in `width` points (one line when width <= 0). The caller
 * must not change the layout afterwards (its justification would be lost)
 * and unrefs it. A label's lines may be set narrower than `width`: draw it
 * bg_text_dx() further right. */
PangoLayout *bg_text_new(const bg_text_style *st, const char *text, double width);

/* A new document begins: texts the one before the last used and the last
 * did not are let go (see text.c). */
void bg_text_memo_next(PangoContext *ctx);

/* A key for the words of `keep` (0 for none), for caches of measurements
 * that depend on them. */
guint64 bg_text_keep_key(const GPtrArray *keep);

/* `text` on one line, as bg_text_new(st, text, -1) sets it, but shared
 * (kept with the texts set in a width): the caller must not change it. */
PangoLayout *bg_text_line(const bg_text_style *st, const char *text);

/* Whether `text` set in `width` breaks where its one line (bg_text_line)
 * allows: the same numbers and words kept whole, no run broken anywhere,
 * one paragraph. Then its lines can be worked out from that line
 * (breaks.c) instead of setting it. */
bool bg_text_same_at(const bg_text_style *st, const char *text, double width);

/* How far right of the box's left edge the layout goes, for a balanced
 * layout narrower than its box (centred or right-aligned). */
double bg_text_dx(PangoLayout *l);

/* Closing punctuation (，。）…), which a line may not start with and a
 * lone last character may carry. */
bool bg_text_closing(gunichar c);

/* Whether the last line of a paragraph of `l` (of two lines or more) holds
 * a single character, perhaps with closing punctuation after it. */
bool bg_text_orphan(PangoLayout *l);

/* A run of more characters than this without a break opportunity (a pasted
 * string of letters or digits, never real text) is broken anywhere: Pango's
 * word-then-character wrapping costs time quadratic in such a run. */
#define BG_TEXT_LONGEST_WORD 200

/* The longest run of `text` without a line-break opportunity: its length
 * in characters, its bytes [*start, *end). Linear in the text. */
int bg_text_longest_run(const char *text, size_t *start, size_t *end);

/* Lays out `text` in `width` points; `balance` avoids a single character
 * alone on the last line when narrowing the width can. Caller unrefs. */
PangoLayout *bg_text_layout(PangoContext *ctx, const char *family, double size, bool bold,
                            const char *text, double width, PangoAlignment align,
                            bool balance);

#endif
