/* A department file's code and budget year, for a batch to refuse two files
 * that would write the same outputs before anything is written: reading
 * the `department:` mapping from the parser's events and stopping there
 * costs a fraction of loading the file, which each worker does anyway.
 * Whatever is not plainly there (an alias, a code that is not digits, a
 * workbook) is left to the full load, which says what is wrong. */
#include "input/identity.h"

#include <glib.h>
#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

static bool digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

bool bg_read_identity(const char *path, char **code, int *year)
{
    *code = NULL;
    bool json = g_str_has_suffix(path, ".json");
    if (!json && !g_str_has_suffix(path, ".yaml") && !g_str_has_suffix(path, ".yml"))
        return false;
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    struct fy_diag *fd = fy_diag_create(&dcfg);
    struct fy_parse_cfg cfg = {
        .flags = FYPCF_QUIET | (json ? FYPCF_JSON_FORCE : FYPCF_JSON_NONE),
        .diag = fd,
    };
    struct fy_parser *p = fd ? fy_parser_create(&cfg) : NULL;
    if (!p || fy_parser_set_input_file(p, path) != 0) {
        if (p)
            fy_parser_destroy(p);
        if (fd)
            fy_diag_destroy(fd);
        return false;
    }
    /* depth: 1 inside the root mapping; `want` the root key whose value
     * comes next; inside department's mapping, `field` its key. */
    int depth = 0, skip = 0;
    bool in_department = false, key_next = true, done = false, bad = false;
    char *field = NULL, *y = NULL;
    struct fy_event *e;
    while (!done && !bad && (e = fy_parser_parse(p)) != NULL) {
        enum fy_event_type t = e->type;
        if (skip > 0) { /* the value of another root key: passed over */
            if (t == FYET_MAPPING_START || t == FYET_SEQUENCE_START)
                skip++;
            else if (t == FYET_MAPPING_END || t == FYET_SEQUENCE_END)
                skip--;
            if (skip == 0)
                key_next = true;
        } else if (t == FYET_MAPPING_START || t == FYET_SEQUENCE_START) {
            if (depth == 0 && t == FYET_MAPPING_START) {
                depth = 1;
            } else if (depth == 1 && !key_next && field && strcmp(field, "department") == 0 &&
                       t == FYET_MAPPING_START) {
                depth = 2;
                in_department = true;
                key_next = true;
                g_clear_pointer(&field, g_free);
            } else if (depth == 1 && !key_next) {
                skip = 1;
                g_clear_pointer(&field, g_free);
            } else {
                bad = true; /* a key that is a container, or a root that is not a map */
            }
        } else if (t == FYET_MAPPING_END) {
            done = in_department; /* department's mapping read */
            bad = !in_department;
        } else if (t == FYET_SCALAR) {
            size_t len;
            const char *s = fy_token_get_text(e->scalar.value, &len);
            if (!s) {
                bad = true;
            } else if (key_next) {
                g_free(field);
                field = g_strndup(s, len);
                key_next = false;
            } else {
                if (in_department && strcmp(field, "code") == 0 && !*code)
                    *code = g_strndup(s, len);
                else if (in_department && strcmp(field, "year") == 0 && !y)
                    y = g_strndup(s, len);
                g_clear_pointer(&field, g_free);
                key_next = true;
            }
        } else if (t == FYET_ALIAS) {
            bad = true;
        } else if (t == FYET_SEQUENCE_END || t == FYET_STREAM_END || t == FYET_DOCUMENT_END) {
            bad = true;
        }
        fy_parser_event_free(p, e);
    }
    fy_parser_destroy(p);
    fy_diag_destroy(fd);
    g_free(field);
    bool ok = done && !bad && *code && digits(*code) && y && digits(y) && strlen(y) == 4;
    if (ok) {
        *year = atoi(y);
        ok = *year >= 2000 && *year <= 2100;
    }
    g_free(y);
    if (!ok)
        g_clear_pointer(code, g_free);
    return ok;
}
