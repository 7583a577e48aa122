/* What the readers of a published disclosure share: the reading state and
 * the cell helpers of published.c, used by published_grid.c to place a
 * PDF's table cells by position. */
#ifndef BG_PUBLISHED_INTERNAL_H
#define BG_PUBLISHED_INTERNAL_H

#include "input/published.h"

/* The cells of a row keep pointers into `strings`, which the document owns. */
typedef struct {
    bg_published *p;
    GPtrArray *strings; /* every cell text, freed with the document */
} bg_pub_reader;

/* `s` (owned) kept until the document is freed; returns it. */
char *bg_pub_keep(bg_pub_reader *rd, char *s);

/* Whether `t` reads as an amount of the format's unit and decimals. */
bool bg_pub_amount_text(bg_pub_reader *rd, const char *t, int64_t *fen);

/* Digits only, at most seven: a classification code (201, 03, 2010301). */
bool bg_pub_is_code(const char *t);

/* Whether a table's line opens its notes (备注, 注：, 说明：). */
bool bg_pub_is_note(const char *line);

/* Whether a line holds an amount, not counting codes: a row, not a header. */
bool bg_pub_has_amount_word(bg_pub_reader *rd, const char *line);

/* A title template with {year} filled in. Caller frees. */
char *bg_pub_fill_year(const char *t, int year);

/* A row of the table from its cells' texts, `n` of them by column (NULL
 * or blank for an empty cell): amounts read, label and depth from the key
 * cells. Not readable when an amount cell holds no amount or a cell stands
 * beyond the columns. */
bg_pub_row *bg_pub_cells_row(bg_pub_reader *rd, bg_pub_table *t, char **cells, int n, int lineno);

/* The rows of a line whose grid was lost (space-separated words), one a
 * block it fills: amounts placed only when a block prints them all. */
GPtrArray *bg_pub_space_rows(bg_pub_reader *rd, bg_pub_table *t, const char *line, int lineno);

/* Reads the rows and notes of a table of a PDF, lines (title, end)
 * (0-based) of the document, placing each word in the column of the
 * header it stands under (published_grid.c). */
void bg_pub_grid_rows(bg_pub_reader *rd, bg_pub_table *t, int title, int end);

#endif
