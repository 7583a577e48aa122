/* The derived tables as JSON: the stable machine interface of
 * `budgetgen tables --json`, for tests, other tools and comparing versions. */
#ifndef BG_JSON_H
#define BG_JSON_H

#include <glib.h>

#include "model/document.h"
#include "model/quote.h" /* bg_json_string */

/* Appends the JSON document of the tables of `doc`. */
void bg_json_tables(GString *out, const bg_doc *doc);


#endif
