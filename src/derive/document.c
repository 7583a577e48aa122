/* The document: cover, parts, sections, paragraphs and tables, every text
 * filled in by the one evaluator of the format's figures. */
#include "derive/document.h"

#include "derive/narrative.h"
#include "derive/punct.h"

static void punct(char **text)
{
    char *s = bg_punct_full_width(*text);
    g_free(*text);
    *text = s;
}

bg_doc *bg_derive_document(bg_derived *x)
{
    const bg_department *d = x->d;
    const bg_format *f = x->f;
    bg_eval *e = x->eval;
    bg_scope sc = bg_eval_scope(e);
    bg_doc *doc = bg_doc_new();
    doc->title = bg_eval_expand(e, &sc, f->doc_title ? f->doc_title : "{year}年{department}部门预算公开",
                                NULL);
    bool full = !f->punct_as_written;
    if (full)
        punct(&doc->title);
    doc->author = g_strdup(d->name);
    doc->subject = g_strdup_printf("%d年部门预算公开", d->year);
    doc->code = g_strdup(d->code);
    doc->name = g_strdup(d->name);
    doc->format = g_strdup(d->format);
    doc->year = d->year;
    for (int r = 0; r < BG_ROLE_COUNT; r++) {
        doc->roles[r] = f->roles[r];
        doc->roles[r].families = g_ptr_array_ref(f->roles[r].families);
    }
    doc->table_min_size = f->table_min_size;
    for (guint i = 0; f->index && i < f->index->len; i++) {
        const bg_index_column *c = f->index->pdata[i];
        bg_money v = 0;
        bg_eval_amount(e, &sc, c->figure, &v); /* a missing figures.KEY is reported already */
        g_ptr_array_add(doc->index_titles, g_strdup(c->title));
        g_array_append_val(doc->index_values, v);
    }
    doc->numbers = f->numbers;
    doc->numbers.text = g_strdup(f->numbers.text);
    doc->numbers.font.families = g_ptr_array_ref(f->numbers.font.families);
    if (d->catalog && d->catalog->words)
        for (guint i = 0; i < d->catalog->words->len; i++)
            g_ptr_array_add(doc->keep, g_strdup(d->catalog->words->pdata[i]));
    bool placed = false;
    for (guint i = 0; i < f->parts->len; i++) {
        const bg_part *fp = f->parts->pdata[i];
        char *title = bg_eval_expand(e, &sc, fp->title, NULL);
        if (full)
            punct(&title);
        bg_doc_part *p = bg_doc_add_part(doc, title);
        g_free(title);
        for (guint k = 0; k < fp->sections->len; k++) {
            const bg_section *fs = fp->sections->pdata[k];
            char *heading = bg_eval_expand(e, &sc, fs->heading, NULL);
            if (full)
                punct(&heading);
            bg_doc_section *s = bg_doc_add_section(p, g_strstrip(heading));
            g_free(heading);
            for (guint j = 0; j < fs->paragraphs->len; j++)
                bg_narrative_paragraphs(e, fs->paragraphs->pdata[j], s->paragraphs);
            for (guint j = 0; full && j < s->paragraphs->len; j++)
                punct((char **)&s->paragraphs->pdata[j]);
        }
        if (fp->tables) {
            for (guint k = 0; k < x->tables->len; k++)
                g_ptr_array_add(p->tables, x->tables->pdata[k]);
            placed = true;
        }
    }
    /* A format without a part for them still publishes its tables. */
    if (!placed) {
        bg_doc_part *p = bg_doc_add_part(doc, "附表");
        for (guint k = 0; k < x->tables->len; k++)
            g_ptr_array_add(p->tables, x->tables->pdata[k]);
    }
    /* The document owns the tables from here. */
    for (guint k = 0; k < x->tables->len; k++)
        g_ptr_array_add(doc->tables, x->tables->pdata[k]);
    g_ptr_array_set_free_func(x->tables, NULL);
    g_ptr_array_set_size(x->tables, 0);
    g_ptr_array_set_free_func(x->tables, bg_table_free);
    bg_eval_set_tables(e, doc->tables, x->table_def);
    return doc;
}
