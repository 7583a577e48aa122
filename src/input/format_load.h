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

/* Names of the formats in `templates_dir`, sorted; caller frees. */
GPtrArray *bg_format_list(const char *templates_dir);

#endif
