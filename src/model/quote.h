/* A string as a JSON string literal, which is also a YAML double-quoted
 * scalar: quotes, backslashes and control characters escaped. */
#ifndef BG_QUOTE_H
#define BG_QUOTE_H

#include <glib.h>

/* Appends `s` (NULL as "") quoted to `out`. */
void bg_json_string(GString *out, const char *s);

#endif
