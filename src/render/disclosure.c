#include "render/disclosure.h"

#include <stdlib.h>
#include <string.h>

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
    return bg_output_time_of(doc->year);
}

gint64 bg_output_time_of(int year)
{
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    gint64 t;
    /* main.c has refused a value out of range before any rendering. */
    if (epoch && *epoch && bg_epoch_parse(epoch, &t))
        return t;
    GDateTime *dt = g_date_time_new_utc(year, 1, 1, 0, 0, 0);
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

typedef struct {
    const bg_font_role *role;
    const char *label;
    bg_face *out;
} face_request;

/* Picks a family for each role. Whatever had to be substituted is said in
 * one line, roles that wanted the same family together, with what to do:
 * a batch prints the line once, however many departments share the format. */
static void pick_faces(bg_fonts *fonts, const face_request *req, int n, GPtrArray *warnings)
{
    GString *line = NULL;
    bool *told = g_new0(bool, n), *none = g_new0(bool, n);
    const char **chosen = g_new0(const char *, n);
    for (int i = 0; i < n; i++) {
        const GPtrArray *fams = req[i].role->families;
        const char *got = bg_fonts_pick(fonts, fams);
        none[i] = !got;
        /* none installed: the last stand-in, which fontconfig resolves */
        chosen[i] = got ? got : fams->len ? fams->pdata[fams->len - 1] : "serif";
        req[i].out->family = bg_fonts_layout_family(fonts, chosen[i]);
        req[i].out->size = req[i].role->size;
        req[i].out->bold = req[i].role->bold;
    }
    for (int i = 0; i < n; i++) {
        const GPtrArray *fams = req[i].role->families;
        const char *wanted = fams->len ? fams->pdata[0] : "serif";
        if (told[i] || strcmp(wanted, chosen[i]) == 0)
            continue;
        if (!line)
            line = g_string_new("警告：公开格式要求的字体未安装，已用字形不同的替代字体排版：");
        else
            g_string_append(line, "；");
        for (int k = i; k < n; k++) {
            const GPtrArray *f2 = req[k].role->families;
            if (!told[k] && strcmp(f2->len ? f2->pdata[0] : "serif", wanted) == 0 &&
                strcmp(chosen[k], chosen[i]) == 0) {
                g_string_append_printf(line, "%s%s", k == i ? "" : "、", req[k].label);
                told[k] = true;
            }
        }
        g_string_append_printf(line, "“%s”→“%s”%s", wanted, chosen[i],
                               none[i] ? "（系统默认）" : "");
    }
    if (line) {
        g_string_append_printf(line, "。正式公开前请把所缺字体的文件放入 %s 目录后重新生成",
                               bg_fonts_dir(fonts));
        g_ptr_array_add(warnings, g_string_free(line, FALSE));
    }
    g_free(told);
    g_free(none);
    g_free(chosen);
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
    face_request req[BG_ROLE_COUNT + 1];
    for (int r = 0; r < BG_ROLE_COUNT; r++)
        req[r] = (face_request){&doc->roles[r], role_labels[r], faces[r]};
    req[BG_ROLE_COUNT] = (face_request){&doc->numbers.font, "页码", &ts.numbers};
    pick_faces(fonts, req, BG_ROLE_COUNT + 1, warnings);
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

bool bg_render_xlsx_into(const bg_doc *doc, bg_fonts *fonts, bg_atomic *out, char **error)
{
    bg_face table;
    /* The sheets name the format's first table font, which Excel and WPS
     * users have (宋体); widths are measured in the installed stand-in,
     * which no reader sees: no warning. */
    GPtrArray *unseen = g_ptr_array_new_with_free_func(g_free);
    pick_faces(fonts, &(face_request){&doc->roles[BG_ROLE_TABLE], "表格", &table}, 1, unseen);
    g_ptr_array_free(unseen, TRUE);
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

bool bg_render_xlsx(const bg_doc *doc, bg_fonts *fonts, const char *path, char **error)
{
    bg_atomic *a = bg_atomic_begin(path, true, error);
    return a && commit_or_abort(a, bg_render_xlsx_into(doc, fonts, a, error), error);
}
