/* Schema-checked reading of a parsed YAML/JSON document: typed access to
 * fields that reports every problem with its file:line:column and field. */
#ifndef BG_READER_H
#define BG_READER_H

#include <stdbool.h>

#include "input/tree.h"

#include "model/diag.h"
#include "model/money.h"

typedef struct {
    int line, column; /* 1-based */
} bg_mark;

typedef struct {
    const char *file;
    bg_diag *diag;
    bg_tree *tree;
} bg_reader;

/* A field a mapping may hold: its key, its name for a finance officer, and
 * whether it must be present. */
typedef struct {
    const char *key;
    const char *label;
    bool required;
} bg_field;

/* Parses `text` as YAML, or as JSON when `json`. Text that is not UTF-8
 * and syntax errors go to r->diag; returns false on any. */
bool bg_reader_parse(bg_reader *r, const char *text, size_t len, bool json);
void bg_reader_close(bg_reader *r);

const bg_node *bg_reader_root(bg_reader *r);

/* Where a node starts; for a null value, `fallback`. */
bg_mark bg_node_mark(const bg_node *n, bg_mark fallback);

/* Adds an error at node `n` for field `path` (label appended when given). */
void bg_reader_error(bg_reader *r, const bg_node *n, bg_mark fallback,
                     const char *path, const char *label, const char *fmt, ...)
    G_GNUC_PRINTF(6, 7);

/* True for a missing value, an empty plain scalar, `null` or `~`. */
bool bg_node_is_null(const bg_node *n);

/* Checks that `map` is a mapping whose keys are all among `fields` and that
 * the required ones are present; fills out[i] with the value of fields[i]
 * (NULL when absent or null) and marks[i] with its key's place. Returns false
 * if `map` is not a mapping. Unknown and missing fields are reported. */
bool bg_read_fields(bg_reader *r, const bg_node *map, bg_mark at, const char *path,
                    const char *what, const bg_field *fields, size_t n,
                    const bg_node **out, bg_mark *marks);

/* Typed values. Each reports a wrong type and returns false (or NULL). */
char *bg_read_text(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                   const char *label);
/* The longest name a department, unit or project may have, in characters:
 * real ones stay under 60; a longer one is a paste gone wrong. */
#define BG_NAME_MAX 200

/* Reports a `name` longer than BG_NAME_MAX characters; false then. */
bool bg_check_name(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                   const char *label, const char *name);

/* A code of digits; `digits` > 0 demands exactly that many. */
char *bg_read_code(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                   const char *label, int digits, const char *shape);
bool bg_read_money(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                   const char *label, bg_money *out);
bool bg_read_int(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                 const char *label, int min, int max, int *out);
bool bg_read_bool(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                  const char *label, bool *out);
/* A list of texts (NULL on a wrong type); caller owns. */
GPtrArray *bg_read_text_list(bg_reader *r, const bg_node *n, bg_mark at,
                             const char *path, const char *label);

/* Checks `n` is a sequence (reporting otherwise); a null counts as empty. */
bool bg_expect_seq(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                   const char *label);

#endif
