/* Loading a department file (YAML or JSON) into a checked bg_department. */
#ifndef BG_LOAD_H
#define BG_LOAD_H

#include "input/formats.h"
#include "model/department.h"
#include "model/diag.h"

/* Reads and checks `path` against the schema of samples/SCHEMA.md, the
 * catalog and the format it names, found in `formats`. The department
 * keeps the format's name only: derivation takes the two side by side. Every problem found goes to
 * `diag`; returns NULL if there was any, else a department the caller frees.
 * Sets *io_error when the file could not be read at all (exit status 2). */
bg_department *bg_load_department(const char *path, const bg_catalog *catalog,
                                  bg_formats *formats, bg_diag *diag, bool *io_error);

/* The same from text in memory; `name` is used in messages and decides JSON
 * (a name ending in .json) or YAML. */
bg_department *bg_load_department_text(const char *name, const char *text, size_t len,
                                       const bg_catalog *catalog, bg_formats *formats,
                                       bg_diag *diag);

#endif
