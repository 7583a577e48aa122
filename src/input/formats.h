/* The publication formats of a templates directory, each read once on first
 * use and shared by every department that names it. */
#ifndef BG_FORMATS_H
#define BG_FORMATS_H

#include "model/catalog.h"
#include "model/diag.h"
#include "model/format.h"

typedef struct bg_formats bg_formats;

/* Formats of `templates_dir`, checked against `catalog` (not owned; it must
 * outlive the set). Nothing is read until a format is asked for. */
bg_formats *bg_formats_new(const char *templates_dir, const bg_catalog *catalog);
void bg_formats_free(bg_formats *s); /* accepts NULL; frees every format it read */

const char *bg_formats_dir(const bg_formats *s);

/* Whether a format of that name exists (a folder with a format.yaml). */
bool bg_formats_exists(const bg_formats *s, const char *id);

/* The format `id`, read on the first call. When it cannot be read, returns
 * NULL and adds its errors to `diag` — on every call, so that each
 * department naming a broken format reports why. The set owns the result. */
const bg_format *bg_formats_get(bg_formats *s, const char *id, bg_diag *diag);

#endif
