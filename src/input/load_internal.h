/* Shared by the loader's parts: one pass over a department file. */
#ifndef BG_LOAD_INTERNAL_H
#define BG_LOAD_INTERNAL_H

#include "input/reader.h"
#include "model/department.h"

typedef struct {
    bg_mark mark;
    char *path;
    int uses;
} bg_code_use;

typedef struct {
    bg_reader r;
    bg_department *dep;
    GHashTable *unit_index;    /* interned code -> index + 1 */
    GHashTable *project_index; /* interned code -> index + 1 */
    GHashTable *code_uses[BG_CLASS_COUNT]; /* interned code -> bg_code_use* */
    const GPtrArray *categories; /* the format's project categories, or NULL */
} bg_loader;

#define BG_NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/* Reads the fields of one mapping into `v`/`m` arrays sized like `fields`. */
#define BG_READ_MAP(L, node, at, path, what, fields, v, m)                          \
    bg_read_fields(&(L)->r, (node), (at), (path), (what), (fields), BG_NFIELDS(fields), \
                   (v), (m))

/* Remembers a classification code for the catalog check done at the end. */
void bg_note_code(bg_loader *L, bg_class cls, const char *code, bg_mark at,
                  const char *path);

/* Index of a unit code (reported when unknown), or -1. */
int bg_lookup_unit(bg_loader *L, const bg_node *n, bg_mark at, const char *path,
                   const char *code);

char *bg_path(const char *parent, const char *key);
char *bg_path_index(const char *parent, int i);

void bg_load_items(bg_loader *L, const bg_node *n, bg_mark at);
void bg_load_procurement(bg_loader *L, const bg_node *n, bg_mark at);
void bg_load_projects(bg_loader *L, const bg_node *n, bg_mark at);
void bg_load_performance(bg_loader *L, const bg_node *n, bg_mark at);
void bg_load_profile(bg_loader *L, const bg_node *n, bg_mark at);
GPtrArray *bg_load_indicators(bg_loader *L, const bg_node *n, bg_mark at,
                              const char *path);
/* Reads a map of free texts into `into`. With `marks` (the department's
 * own `texts`), where each text is goes there too ("texts.KEY"), and texts
 * quoting each other ({texts.KEY}) are checked: no cycle, no chain over
 * BG_TEXT_QUOTE_LINKS links. */
void bg_load_open_texts(bg_loader *L, const bg_node *n, bg_mark at, const char *path,
                        GHashTable *into, GHashTable *marks);
/* Reads a map of figures (amounts) into `into`, their places into `marks`
 * when given ("figures.KEY"). */
void bg_load_open_figures(bg_loader *L, const bg_node *n, bg_mark at, const char *path,
                          GHashTable *into, GHashTable *marks);

#endif
