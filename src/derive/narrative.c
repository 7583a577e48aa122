/* Paragraphs of the narrative from their templates. */
#include "derive/narrative.h"

#include <string.h>

/* ---- paragraphs --------------------------------------------------------- */

static void add_text(GPtrArray *out, char *text)
{
    if (*g_strstrip(text))
        g_ptr_array_add(out, text);
    else
        g_free(text);
}

/* Fills a template line by line: each line of it is a paragraph, and a line
 * where an optional value ({?…}) is missing is left out whole. With
 * `prefix`, the first line kept starts with it. */
static void add_lines(bg_eval *e, const bg_scope *s, const char *tmpl, const char *prefix,
                      const char *suffix, GPtrArray *out)
{
    char **lines = g_strsplit(tmpl, "\n", -1);
    bool first = true;
    for (int i = 0; lines[i]; i++) {
        bool dropped = false;
        char *text = bg_eval_expand(e, s, lines[i], &dropped);
        if (dropped) {
            g_free(text);
            continue;
        }
        char *full = g_strconcat(first && prefix ? prefix : "", text,
                                 lines[i + 1] ? "" : (suffix ? suffix : ""), NULL);
        g_free(text);
        add_text(out, full);
        first = false;
    }
    g_strfreev(lines);
}

void bg_narrative_paragraphs(bg_eval *e, const bg_para *p, GPtrArray *out)
{
    bg_scope doc = bg_eval_scope(e);
    const char *cond = p->when_zero ? p->when_zero : p->when_nonzero;
    if (cond) {
        bg_money v = 0;
        if (!bg_eval_amount(e, &doc, cond, &v))
            return;
        if ((v == 0) != (p->when_zero != NULL))
            return;
    }
    if (p->text) {
        /* A lone list field of the department file (profile.duties): a
         * paragraph an entry, numbered as the format says. */
        size_t len = strlen(p->text);
        if (len > 2 && p->text[0] == '{' && p->text[len - 1] == '}' && !strchr(p->text + 1, '{')) {
            char *name = g_strndup(p->text + 1, len - 2);
            const GPtrArray *list = bg_field_list(&doc.fc, name);
            g_free(name);
            if (list) {
                for (guint i = 0; i < list->len; i++) {
                    char *num = p->numbering ? bg_numbering(p->numbering, i + 1) : g_strdup("");
                    add_text(out, g_strconcat(num, (char *)list->pdata[i], NULL));
                    g_free(num);
                }
                return;
            }
        }
        add_lines(e, &doc, p->text, NULL, NULL, out);
        return;
    }
    /* The format's loader proved the list exists. */
    const GPtrArray *list = bg_eval_list(e, p->list);
    if (list->len == 0) {
        add_text(out, bg_eval_expand(e, &doc, p->empty, NULL));
        return;
    }
    GString *s = g_string_new(NULL);
    char *before = bg_eval_expand(e, &doc, p->before, NULL);
    if (!p->each)
        g_string_append(s, before);
    bg_scope in = doc;
    in.list = bg_format_list_def(bg_eval_format(e), p->list);
    for (guint i = 0; i < list->len; i++) {
        in.item = list->pdata[i];
        if (p->each) {
            add_lines(e, &in, p->item, i == 0 ? before : NULL, p->after, out);
            continue;
        }
        char *item = bg_eval_expand(e, &in, p->item, NULL);
        if (i > 0)
            g_string_append(s, p->sep);
        g_string_append(s, item);
        g_free(item);
    }
    g_free(before);
    if (!p->each) {
        char *after = bg_eval_expand(e, &doc, p->after, NULL);
        g_string_append(s, after);
        g_free(after);
        add_text(out, g_string_free(s, FALSE));
    } else {
        g_string_free(s, TRUE);
    }
}

