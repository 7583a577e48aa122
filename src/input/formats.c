/* The set of formats a run uses: read once, errors remembered. */
#include "input/formats.h"

#include <string.h>

#include "input/format_load.h"

typedef struct {
    bg_format *format; /* NULL when it could not be read */
    bg_diag *errors;   /* why not */
} entry;

struct bg_formats {
    char *dir;
    const bg_catalog *catalog;
    GHashTable *loaded; /* id -> entry* */
};

static void entry_free(gpointer p)
{
    entry *e = p;
    bg_format_free(e->format);
    bg_diag_free(e->errors);
    g_free(e);
}

bg_formats *bg_formats_new(const char *templates_dir, const bg_catalog *catalog)
{
    bg_formats *s = g_new0(bg_formats, 1);
    s->dir = g_strdup(templates_dir);
    s->catalog = catalog;
    s->loaded = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, entry_free);
    return s;
}

void bg_formats_free(bg_formats *s)
{
    if (!s)
        return;
    g_hash_table_destroy(s->loaded);
    g_free(s->dir);
    g_free(s);
}

const char *bg_formats_dir(const bg_formats *s)
{
    return s->dir;
}

bool bg_formats_exists(const bg_formats *s, const char *id)
{
    /* A name is a folder of templates/, never a path out of it. */
    if (!*id || strchr(id, '/') || strchr(id, '\\') || id[0] == '.')
        return false;
    char *file = g_build_filename(s->dir, id, "format.yaml", NULL);
    bool exists = g_file_test(file, G_FILE_TEST_IS_REGULAR);
    g_free(file);
    return exists;
}

const bg_format *bg_formats_get(bg_formats *s, const char *id, bg_diag *diag)
{
    entry *e = g_hash_table_lookup(s->loaded, id);
    if (!e) {
        e = g_new0(entry, 1);
        e->errors = bg_diag_new();
        e->format = bg_format_load(s->dir, id, s->catalog, e->errors);
        g_hash_table_insert(s->loaded, g_strdup(id), e);
    }
    for (guint i = 0; i < e->errors->errors->len; i++) {
        const bg_error *x = e->errors->errors->pdata[i];
        bg_diag_add(diag, x->file, x->line, x->column, x->field, "%s", x->message);
    }
    return e->format;
}
