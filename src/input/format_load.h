/* Reading a publication format from templates/<format>/format.yaml. */
#ifndef BG_FORMAT_LOAD_H
#define BG_FORMAT_LOAD_H

#include "model/catalog.h"
#include "model/diag.h"
#include "model/format.h"

/* Reads the format `id` in `templates_dir`. Fund and budget names in its
 * filters are resolved against `catalog`. Returns NULL with errors in diag. */
bg_format *bg_format_load(const char *templates_dir, const char *id,
                          const bg_catalog *catalog, bg_diag *diag);

/* The same from text in memory: `text` as read from `file` (the name used
 * in messages), the format `id` whose folder is `dir`. */
bg_format *bg_format_load_text(const char *dir, const char *id, const char *file,
                               const char *text, size_t len, const bg_catalog *catalog,
                               bg_diag *diag);

/* Names of the formats in `templates_dir`, sorted; caller frees. */
GPtrArray *bg_format_list(const char *templates_dir);

#endif
