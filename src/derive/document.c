#include "derive/document.h"

#include <string.h>

#include "derive/fields.h"
#include "derive/narrative.h"
#include "derive/pivot.h"

bg_doc *bg_derive_document(const bg_department *d, const bg_format *f)
{
    bg_field_ctx c = {.d = d, .money = {"万元", 2, true, false}};
    bg_doc *doc = bg_doc_new();
    doc->code = g_strdup(d->code);
    doc->name = g_strdup(d->name);
    doc->format = g_strdup(d->format);
    doc->year = d->year;
    for (int r = 0; r < BG_ROLE_COUNT; r++) {
        doc->roles[r] = f->roles[r];
        doc->roles[r].families = g_ptr_array_ref(f->roles[r].families);
    }
    doc->table_min_size = f->table_min_size;
    doc->title = bg_expand(&c, f->doc_title ? f->doc_title : "{year}年{department}部门预算公开");
    doc->author = g_strdup(d->name);
    doc->subject = g_strdup_printf("%d年部门预算公开", d->year);
    GPtrArray *tables = bg_derive_tables(d, f);
    for (guint i = 0; i < tables->len; i++)
        g_ptr_array_add(doc->tables, tables->pdata[i]);
    g_ptr_array_set_free_func(tables, NULL);
    g_ptr_array_free(tables, TRUE);
    bg_narrative *nar = bg_narrative_new(d, f, doc->tables);
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
                bg_narrative_paragraphs(nar, fs->paragraphs->pdata[j], s->paragraphs);
        }
        if (fp->tables) {
            for (guint k = 0; k < doc->tables->len; k++)
                g_ptr_array_add(p->tables, doc->tables->pdata[k]);
            placed = true;
        }
    }
    bg_narrative_free(nar);
    /* A format without a part for them still publishes its tables. */
    if (!placed) {
        bg_doc_part *p = bg_doc_add_part(doc, "附表");
        for (guint k = 0; k < doc->tables->len; k++)
            g_ptr_array_add(p->tables, doc->tables->pdata[k]);
    }
    return doc;
}
