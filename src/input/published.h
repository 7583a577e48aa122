/* A published disclosure read back from its plain text (the text extracted
 * from its PDF) or its PDF: which format it follows, each attachment table
 * found by its title, its header and rows, and the narrative's lines. What the
 * figures mean is the format's; audit (derive/audit.c) checks them. */
#ifndef BG_PUBLISHED_H
#define BG_PUBLISHED_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "input/formats.h"
#include "model/format.h"

/* One cell as printed: its text, and when it reads as an amount, the
 * amount in 分 (a blank amount cell reads as zero). */
typedef struct {
    char *text;
    bool is_amount;
    int64_t fen;
} bg_pub_cell;

/* A row: cells by the format's table column (leaf) index; `readable` is
 * false when the row's cells cannot be placed in columns for certain (a
 * space-separated line with fewer amounts than columns, a PDF's line whose
 * amounts could stand in more than one way under its table's header). */
typedef struct {
    bg_pub_cell *cells; /* n_cols of them */
    int line;           /* 1-based line in the file */
    bool readable;
    char *label;        /* the key cells joined, spaces removed */
    int depth;          /* code levels printed (类 1, 款 2, 项 3), 0 without a code */
    int block;          /* the side-by-side block the row's cells fill */
    bool partial_keys;  /* read from a PDF, its key cells may lack a wrapped line */
} bg_pub_row;

/* A leaf column of a table as the format defines it. */
typedef struct {
    char *path;   /* titles from the top, joined with '/' */
    int key;      /* bg_key, or -1 for an amount column */
    int block;
    const bg_column *col;
    const bg_column *parent; /* NULL at the top */
} bg_pub_leaf;

typedef struct {
    const bg_table_def *def;
    int title_line;       /* 1-based */
    bool title_exact;     /* the title reads as the format writes it */
    char *title;          /* as printed */
    GPtrArray *leaves;    /* of bg_pub_leaf* */
    int n_cols;
    GPtrArray *missing;   /* of char*: header paths the published header lacks */
    bool header_checked;  /* the grid kept its columns (tab-separated), or a PDF's was rebuilt */
    GPtrArray *rows;      /* of bg_pub_row* */
    GPtrArray *blank_rows; /* of bg_pub_row*: a PDF's rows without an amount, kept for their labels */
    GPtrArray *notes;     /* of char*: lines after the rows */
    int end_line;         /* last line of the table's text */
} bg_pub_table;

/* A word of a line read from a PDF and its box in points, in its page's
 * coordinates (y grows downwards): where a table's cell stands. */
typedef struct {
    char *text;
    double x1, x2, y1, y2;
} bg_pub_word;

/* A line's words: a GArray of bg_pub_word that frees their texts. */
GArray *bg_pub_word_line_new(void);
void bg_pub_word_line_free(gpointer line);

typedef struct {
    char *file;
    const bg_format *format;
    char *format_id;
    char *department;     /* as the titles print it, else the cover; NULL when neither does */
    int year;
    int64_t money_unit_fen; /* one unit of the last digit a table prints, in 分 */
    GPtrArray *lines;     /* of char*: the file's lines */
    GPtrArray *tables;    /* of bg_pub_table*, in the format's order; NULL entries for missing tables */
    int first_table_line; /* where the attachment tables begin (1-based) */
    GPtrArray *strings;   /* of char*: the cells' texts */
    GArray *page_starts;  /* of int: the first line of each page, read from a PDF; else NULL */
    GPtrArray *words;     /* of GArray* (bg_pub_word_line_new): each line's words, read from a PDF; else NULL */
} bg_published;

void bg_published_free(bg_published *p); /* accepts NULL */

/* Reads `file` as the plain text of a published disclosure. `format_id`
 * names the format, or NULL to recognise it by its table titles. On
 * failure returns NULL and sets *error to the reason in Chinese (which
 * tables each format found, when none is recognised); caller frees it. */
bg_published *bg_published_read_text(const char *file, const char *text, gsize len,
                                     bg_formats *formats, const char *templates_dir,
                                     const char *format_id, char **error);

/* As bg_published_read_text, for the text of a PDF: `page_starts` (of
 * int, the first line of each page) and `words` (for each line of `text`
 * the words whose first character it holds) are taken, also on failure.
 * Tables are read by where their words stand (published_grid.c). */
bg_published *bg_published_read_placed(const char *file, const char *text, gsize len,
                                       GArray *page_starts, GPtrArray *words, bg_formats *formats,
                                       const char *templates_dir, const char *format_id,
                                       char **error);

/* Reads a PDF (its bytes) with poppler: the characters by position into
 * lines and words, then as bg_published_read_placed (published_pdf.c). */
bg_published *bg_published_read_pdf(const char *file, const char *data, gsize len,
                                    bg_formats *formats, const char *templates_dir,
                                    const char *format_id, char **error);

/* The text bg_published_read_pdf reads: the PDF's lines, pages one after
 * another. NULL with *error set when poppler cannot read it. Caller frees. */
char *bg_published_pdf_text(const char *data, gsize len, char **error);

/* The page (1-based) a line of a document read from a PDF stands on, or 0. */
int bg_published_page(const bg_published *p, int line);

/* Whether the bytes are a PDF ("%PDF-"). */
bool bg_published_is_pdf(const char *data, gsize len);

/* Spaces (ASCII, ideographic, tabs, newlines) removed and half-width
 * punctuation made full-width, so that a published line and a format's
 * template compare as the same words. Caller frees. */
char *bg_pub_normalize(const char *s);

/* Reads "24,308,771", "845.70", "-3" as 分, one printed unit of the
 * integer part being `yuan_per_unit` 元 (1 for 元, 10000 for 万元);
 * *digits (when given) gets the decimals printed. False when not a number. */
bool bg_pub_amount(const char *s, int64_t yuan_per_unit, int64_t *fen, int *digits);

#endif
