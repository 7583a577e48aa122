#include "derive/document.h"

#include <string.h>

#include "derive/fields.h"
#include "derive/pivot.h"

/* （一）…（二十）: the numbering of listed duties. */
static char *chinese_ordinal(guint n)
{
    static const char *const digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    GString *s = g_string_new(NULL);
    if (n >= 20)
        g_string_append(s, digits[n / 10]);
    if (n >= 10)
        g_string_append(s, "十");
    g_string_append(s, digits[n % 10]);
    return g_string_free(s, FALSE);
}

/* A paragraph template: a lone list field gives one numbered paragraph an
 * entry (duties) or one paragraph an entry (composition); otherwise the
 * filled-in text, dropped when it comes out empty. */
static void add_paragraphs(const bg_field_ctx *c, const char *tmpl, GPtrArray *out)
{
    size_t len = strlen(tmpl);
    if (len > 2 && tmpl[0] == '{' && tmpl[len - 1] == '}' && !strchr(tmpl + 1, '{')) {
        char *name = g_strndup(tmpl + 1, len - 2);
        const GPtrArray *list = bg_field_list(c, name);
        bool numbered = strcmp(name, "profile.duties") == 0;
        g_free(name);
        if (list) {
            for (guint i = 0; i < list->len; i++) {
                if (numbered) {
                    char *n = chinese_ordinal(i + 1);
                    g_ptr_array_add(out, g_strdup_printf("（%s）%s", n, (char *)list->pdata[i]));
                    g_free(n);
                } else {
                    g_ptr_array_add(out, g_strdup(list->pdata[i]));
                }
            }
            return;
        }
    }
    char *text = bg_expand(c, tmpl);
    if (*g_strstrip(text))
        g_ptr_array_add(out, text);
    else
        g_free(text);
}

bg_doc *bg_derive_document(const bg_department *d)
{
    const bg_format *f = d->fmt;
    bg_field_ctx c = {.d = d, .money = {"万元", 2, true, false}};
    bg_doc *doc = bg_doc_new();
    doc->title = bg_expand(&c, f->doc_title ? f->doc_title : "{year}年{department}部门预算公开");
    doc->author = g_strdup(d->name);
    doc->subject = g_strdup_printf("%d年部门预算公开", d->year);
    GPtrArray *tables = bg_derive_tables(d, f);
    for (guint i = 0; i < tables->len; i++)
        g_ptr_array_add(doc->tables, tables->pdata[i]);
    g_ptr_array_set_free_func(tables, NULL);
    g_ptr_array_free(tables, TRUE);
    bool placed = false;
    for (guint i = 0; i < f->parts->len; i++) {
        const bg_part *fp = f->parts->pdata[i];
        char *title = bg_expand(&c, fp->title);
        bg_doc_part *p = bg_doc_add_part(doc, title);
        g_free(title);
        for (guint k = 0; k < fp->sections->len; k++) {
            const bg_section *fs = fp->sections->pdata[k];
            char *heading = bg_expand(&c, fs->heading);
            bg_doc_section *s = bg_doc_add_section(p, heading);
            g_free(heading);
            for (guint j = 0; j < fs->paragraphs->len; j++)
                add_paragraphs(&c, fs->paragraphs->pdata[j], s->paragraphs);
        }
        if (fp->tables) {
            for (guint k = 0; k < doc->tables->len; k++)
                g_ptr_array_add(p->tables, doc->tables->pdata[k]);
            placed = true;
        }
    }
    /* A format without a part for them still publishes its tables. */
    if (!placed) {
        bg_doc_part *p = bg_doc_add_part(doc, "附表");
        for (guint k = 0; k < doc->tables->len; k++)
            g_ptr_array_add(p->tables, doc->tables->pdata[k]);
    }
    return doc;
}
