/* The report of `budgetgen audit`: findings grouped by severity, in Chinese,
 * or as JSON for tools. */
#ifndef BG_AUDIT_REPORT_H
#define BG_AUDIT_REPORT_H

#include <glib.h>

#include "derive/audit.h"

/* Appends the readable report of the findings on `p`. */
void bg_audit_report_text(GString *out, const bg_published *p, const GPtrArray *findings);

/* Appends one JSON object for `p`: {"file", "format", "department", "year",
 * "tables_found", "findings": [{"severity", "rule", "line", "page" (0 unless
 * read from a PDF), "table", "where", "found", "expected", "message"}]}. */
void bg_audit_report_json(GString *out, const bg_published *p, const GPtrArray *findings);

#endif
