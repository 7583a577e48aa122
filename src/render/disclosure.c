#include "render/disclosure.h"

#include <stdlib.h>

#include "layout/compose.h"
#include "render/pdf.h"
#include "render/xlsx.h"

bool bg_epoch_parse(const char *text, gint64 *out)
{
    gint64 v = 0;
    const char *p = text;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > BG_EPOCH_LAST / 10 + 1) /* long past the range: stop growing */
            return false;
        v = v * 10 + (*p - '0');
    }
    if (p == text || *p || v < BG_EPOCH_FIRST || v > BG_EPOCH_LAST)
        return false;
    *out = v;
    return true;
}

gint64 bg_output_time(const bg_doc *doc)
{
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    gint64 t;
    /* main.c has refused a value out of range before any rendering. */
    if (epoch && *epoch && bg_epoch_parse(epoch, &t))
        return t;
    GDateTime *dt = g_date_time_new_utc(doc->year, 1, 1, 0, 0, 0);
    t = g_date_time_to_unix(dt);
    g_date_time_unref(dt);
    return t;
}

char *bg_output_date(const bg_doc *doc)
{
    GDateTime *dt = g_date_time_new_from_unix_utc(bg_output_time(doc));
    char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
    g_date_time_unref(dt);
    return s;
}

static const char *const role_labels[BG_ROLE_COUNT] = {"标题", "小标题", "正文", "表格",
                                                       "二级标题"};

static void face(bg_fonts *fonts, const bg_font_role *role, const char *label, bg_face *out,
                 GPtrArray *warnings)
{
    char *warning = NULL;
    out->family = bg_fonts_pick(fonts, role->families, label, &warning);
    out->size = role->size;
    out->bold = role->bold;
    if (warning)
        g_ptr_array_add(warnings, warning);
}

bool bg_render_pdf_into(const bg_doc *doc, bg_fonts *fonts, bg_atomic *out,
                        GPtrArray *warnings, int *pages, char **error)
{
    bg_typeset ts = {.ctx = bg_fonts_context(fonts),
                     .table_min_size = doc->table_min_size,
                     .keep = doc->keep,
                     .name = doc->name};
    bg_face *faces[BG_ROLE_COUNT] = {&ts.title, &ts.heading, &ts.body, &ts.table,
                                     &ts.subheading};
    for (int r = 0; r < BG_ROLE_COUNT; r++)
        face(fonts, &doc->roles[r], role_labels[r], faces[r], warnings);
    face(fonts, &doc->numbers.font, "页码", &ts.numbers, warnings);
    ts.number_style = &doc->numbers;
    bg_laid_doc ld = {0};
    bool ok = bg_compose(doc, &ts, &ld, error);
    if (ok && pages)
        *pages = (int)ld.pages->len;
    if (ok) {
        char *date = bg_output_date(doc);
        bg_pdf_meta meta = {.title = doc->title,
                            .author = doc->author,
                            .subject = doc->subject,
                            .date = date};
        ok = bg_write_pdf(out, &ld, &meta, error);
        g_free(date);
    }
    bg_laid_doc_clear(&ld);
    return ok;
}

bool bg_render_xlsx_into(const bg_doc *doc, bg_fonts *fonts, bg_atomic *out,
                         GPtrArray *warnings, char **error)
{
    bg_face table;
    face(fonts, &doc->roles[BG_ROLE_TABLE], role_labels[BG_ROLE_TABLE], &table, warnings);
    /* The sheets name the format's first table font, which Excel and WPS
     * users have (宋体); widths are measured in the installed stand-in. */
    bg_xlsx_meta meta = {.title = doc->title,
                         .author = doc->author,
                         .subject = doc->subject,
                         .created = bg_output_time(doc),
                         .font = doc->roles[BG_ROLE_TABLE].families->pdata[0],
                         .ctx = bg_fonts_context(fonts),
                         .measure_font = table.family};
    return bg_write_xlsx(out, doc, &meta, error);
}

/* One output on its own: begun, written, committed. */
static bool commit_or_abort(bg_atomic *a, bool ok, char **error)
{
    if (ok && bg_atomic_can_commit(a, error))
        return bg_atomic_commit(a, error);
    bg_atomic_abort(a);
    return false;
}

bool bg_render_pdf(const bg_doc *doc, bg_fonts *fonts, const char *path,
                   GPtrArray *warnings, int *pages, char **error)
{
    bg_atomic *a = bg_atomic_begin(path, false, error);
    return a && commit_or_abort(a, bg_render_pdf_into(doc, fonts, a, warnings, pages, error),
                                error);
}

bool bg_render_xlsx(const bg_doc *doc, bg_fonts *fonts, const char *path,
                    GPtrArray *warnings, char **error)
{
    bg_atomic *a = bg_atomic_begin(path, true, error);
    return a && commit_or_abort(a, bg_render_xlsx_into(doc, fonts, a, warnings, error), error);
}
