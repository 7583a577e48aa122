#include "layout/compose.h"

#include <string.h>

#include "layout/table_layout.h"
#include "layout/table_memo.h"
#include "layout/text.h"

typedef struct {
    const bg_typeset *ts;
    GPtrArray *pages;
    GPtrArray *outline;
    bg_page *page;
    double y;
    GPtrArray *title_keep; /* the words and the department's name */
} composer;

static void outline_free(gpointer p)
{
    bg_outline_entry *e = p;
    g_free(e->title);
    g_free(e);
}

static void new_page(composer *cm)
{
    cm->page = bg_page_new(false);
    g_ptr_array_add(cm->pages, cm->page);
    cm->y = cm->page->top;
}

static double text_width(const composer *cm)
{
    return cm->page->width - cm->page->left - cm->page->right;
}

static double room(const composer *cm)
{
    return cm->page->height - cm->page->bottom - cm->y;
}

static void mark(composer *cm, const char *title, int level)
{
    bg_outline_entry *e = g_new0(bg_outline_entry, 1);
    e->title = g_strdup(title);
    e->level = level;
    e->page = (int)cm->pages->len - 1;
    e->y = cm->y;
    g_ptr_array_add(cm->outline, e);
}

/* GB/T 9704 sets 22 lines on a page of 3号 text: a fixed pitch. */
static double pitch(const bg_face *f)
{
    return f->size * 1.8;
}

/* Places the lines of a laid-out paragraph one by one at a fixed pitch,
 * going on to a new page where the text block is full. A paragraph's first
 * line never stays alone at the foot of a page, nor its last line alone at
 * the head of the next: the line before goes over with it. */
static void flow(composer *cm, PangoLayout *l, const bg_face *f)
{
    double p = pitch(f);
    int n = pango_layout_get_line_count(l);
    double dx = bg_text_dx(l);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    int i = 0;
    do {
        bool alone = n >= 2 && (i == 0 || i == n - 2) && room(cm) >= p && room(cm) < 2 * p;
        if (room(cm) < p || (alone && cm->y > cm->page->top + 0.01))
            new_page(cm);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double baseline = cm->y + (p - f->size) / 2 + f->size * 0.88;
        bg_page_line_of(cm->page, l, i, cm->page->left + dx + (double)logical.x / PANGO_SCALE,
                        baseline);
        cm->y += p;
        i++;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

static bg_text_style text_style(const composer *cm, const bg_face *f, PangoAlignment align)
{
    return (bg_text_style){.ctx = cm->ts->ctx, .family = f->family, .size = f->size,
                           .bold = f->bold, .align = align, .keep = cm->title_keep};
}

/* Body text: justified, the first line indented two characters. A line
 * break in the text starts a paragraph of its own. */
static void paragraph(composer *cm, const bg_face *f, const char *text)
{
    bg_text_style st = text_style(cm, f, PANGO_ALIGN_LEFT);
    st.indent = 2 * f->size;
    st.justify = true;
    char **paras = g_strsplit(text, "\n", -1);
    for (int i = 0; paras[i]; i++) {
        if (!*paras[i] && *text)
            continue;
        PangoLayout *l = bg_text_new(&st, paras[i], text_width(cm));
        flow(cm, l, f);
        g_object_unref(l);
    }
    g_strfreev(paras);
}

/* A title or heading: broken between words, in balanced lines. */
static void title_lines(composer *cm, const bg_face *f, const char *text, bool indent,
                        PangoAlignment align)
{
    bg_text_style st = text_style(cm, f, align);
    st.label = true;
    st.indent = indent ? 2 * f->size : 0;
    PangoLayout *l = bg_text_new(&st, text, text_width(cm));
    flow(cm, l, f);
    g_object_unref(l);
}

/* A paragraph that is only a second-level heading: （一）… with no
 * sentence in it. GB/T 9704 numbers the levels 一、（一）1.（1） and sets
 * the second in 楷体. */
static bool subheading_text(const char *text)
{
    if (!g_str_has_prefix(text, "（") || g_utf8_strlen(text, -1) > 40)
        return false;
    const char *p = g_utf8_next_char(text);
    int digits = 0;
    for (; *p && g_utf8_strchr("一二三四五六七八九十", -1, g_utf8_get_char(p)); p = g_utf8_next_char(p))
        digits++;
    if (!digits || !g_str_has_prefix(p, "）"))
        return false;
    static const char *const stops[] = {"，", "。", "；", "：", "？", "！", NULL};
    for (int i = 0; stops[i]; i++)
        if (strstr(text, stops[i]))
            return false;
    return true;
}

static void subheading(composer *cm, const char *text)
{
    const bg_face *f = &cm->ts->subheading;
    if (room(cm) < 3 * pitch(f)) /* kept with the text below it */
        new_page(cm);
    title_lines(cm, f, text, true, PANGO_ALIGN_LEFT);
}

static void heading(composer *cm, const char *text, int level)
{
    const bg_face *f = &cm->ts->heading;
    if (room(cm) < 3 * pitch(f)) /* keep a heading with the text below it */
        new_page(cm);
    mark(cm, text, level);
    title_lines(cm, f, text, true, PANGO_ALIGN_LEFT);
}

static void part_title(composer *cm, const char *text)
{
    new_page(cm);
    mark(cm, text, 0);
    bg_face f = cm->ts->heading;
    f.size += 2;
    title_lines(cm, &f, text, false, PANGO_ALIGN_CENTER);
    cm->y += pitch(&cm->ts->body) * 0.5;
}

static void cover(composer *cm, const bg_doc *doc)
{
    new_page(cm);
    cm->page->numbered = false;
    cm->y = cm->page->top + (cm->page->height - cm->page->top - cm->page->bottom) * 0.28;
    title_lines(cm, &cm->ts->title, doc->title, false, PANGO_ALIGN_CENTER);
}

/* The contents: an entry a line, or several with a hanging indent, dot
 * leaders on its last line up to its page number at the right. */
typedef struct {
    char *text;
    int level;
    int number; /* printed page number */
} toc_line;

static void contents(composer *cm, const toc_line *lines, guint n)
{
    const bg_face *f = &cm->ts->body;
    bg_face small = *f;
    small.size = f->size * 0.875;
    double p = pitch(f) * 0.8;
    new_page(cm);
    mark(cm, "目录", 0);
    bg_face tf = cm->ts->heading;
    tf.size += 2;
    title_lines(cm, &tf, "目 录", false, PANGO_ALIGN_CENTER);
    bg_text_style st = text_style(cm, &small, PANGO_ALIGN_LEFT);
    bg_text_style plain = st;
    plain.keep = NULL;
    PangoLayout *dl = bg_text_new(&plain, ".", -1);
    PangoRectangle dr;
    pango_layout_get_extents(dl, NULL, &dr);
    g_object_unref(dl);
    double dw = MAX(1.0, (double)dr.width / PANGO_SCALE);
    for (guint i = 0; i < n; i++) {
        double w = text_width(cm), indent = lines[i].level * small.size * 2;
        char num[16];
        g_snprintf(num, sizeof num, "%d", lines[i].number);
        PangoLayout *nl = bg_text_new(&plain, num, -1);
        PangoRectangle nr;
        pango_layout_get_extents(nl, NULL, &nr);
        double nw = (double)nr.width / PANGO_SCALE;
        /* The title wraps short of the number; its lines after the first
         * stand two characters in. */
        st.label = true;
        st.indent = -2 * small.size;
        PangoLayout *tl = bg_text_new(&st, lines[i].text, w - indent - nw - small.size * 2);
        int nlines = pango_layout_get_line_count(tl);
        PangoLayoutIter *it = pango_layout_get_iter(tl);
        while (!pango_layout_iter_at_last_line(it))
            pango_layout_iter_next_line(it);
        PangoRectangle last;
        pango_layout_iter_get_line_extents(it, NULL, &last);
        pango_layout_iter_free(it);
        double line_h = (double)last.height / PANGO_SCALE;
        double h = (double)(last.y + last.height) / PANGO_SCALE;
        if (room(cm) < h + (p - line_h))
            new_page(cm);
        double top = cm->y + (p - line_h) / 2;
        double x_dots = cm->page->left + indent + (double)(last.x + last.width) / PANGO_SCALE +
                        small.size * 0.3;
        double x_num = cm->page->left + w - nw;
        GString *dots = g_string_new(NULL);
        for (double x = x_dots; x + dw < x_num - small.size * 0.3; x += dw)
            g_string_append_c(dots, '.');
        PangoLayout *dots_l = bg_text_new(&plain, dots->str, -1);
        double last_top = top + (double)last.y / PANGO_SCALE;
        bg_page_layout(cm->page, tl, cm->page->left + indent, top);
        bg_page_layout(cm->page, dots_l, x_dots, last_top);
        bg_page_layout(cm->page, nl, x_num, last_top);
        g_string_free(dots, TRUE);
        g_object_unref(tl);
        g_object_unref(dots_l);
        g_object_unref(nl);
        cm->y += p + (nlines - 1) * line_h;
    }
}

static bool body(composer *cm, const bg_doc *doc, char **error)
{
    const bg_typeset *ts = cm->ts;
    bg_table_style st = {.ctx = ts->ctx,
                         .family = ts->table.family,
                         .size = ts->table.size,
                         .min_size = ts->table_min_size,
                         .title_family = ts->heading.family,
                         .title_size = ts->heading.size - 2,
                         .title_bold = false,
                         .keep = ts->keep,
                         .title_keep = cm->title_keep};
    for (guint i = 0; i < doc->parts->len; i++) {
        const bg_doc_part *p = doc->parts->pdata[i];
        part_title(cm, p->title);
        for (guint k = 0; k < p->sections->len; k++) {
            const bg_doc_section *s = p->sections->pdata[k];
            if (*s->heading)
                heading(cm, s->heading, 1);
            for (guint j = 0; j < s->paragraphs->len; j++) {
                const char *text = s->paragraphs->pdata[j];
                if (subheading_text(text))
                    subheading(cm, text);
                else
                    paragraph(cm, &ts->body, text);
            }
        }
        /* The list of tables under the part's title, then the tables. */
        for (guint k = 0; k < p->tables->len; k++) {
            const bg_table *t = p->tables->pdata[k];
            if (k > 0 && strcmp(t->number, ((bg_table *)p->tables->pdata[k - 1])->number) == 0)
                continue;
            char *line = g_strdup_printf("%s. %s", t->number, t->title);
            paragraph(cm, &ts->body, line);
            g_free(line);
        }
        for (guint k = 0; k < p->tables->len; k++) {
            const bg_table *t = p->tables->pdata[k];
            guint before = cm->pages->len;
            if (!bg_layout_table(t, &st, cm->pages, error))
                return false;
            bg_outline_entry *e = g_new0(bg_outline_entry, 1);
            e->title = t->caption ? g_strdup_printf("表%s %s（%s）", t->number, t->title, t->caption)
                                  : g_strdup_printf("表%s %s", t->number, t->title);
            e->level = 1;
            e->page = (int)before;
            e->y = ((bg_page *)cm->pages->pdata[before])->top;
            g_ptr_array_add(cm->outline, e);
            cm->page = cm->pages->pdata[cm->pages->len - 1];
            cm->y = cm->page->height; /* what follows starts a new page */
        }
    }
    return true;
}

/* Every numbered page gets its number, counted from the cover, where the
 * format places it: GB/T 9704 sets the top of its 一字线 `below` mm under
 * the text block, odd pages to the right and even pages to the left,
 * `inset` characters in from the block's edge. */
static void number_pages(const bg_typeset *ts, GPtrArray *pages)
{
    const bg_page_numbers *pn = ts->number_style;
    if (!pn || !pn->text)
        return;
    bg_text_style st = {.ctx = ts->ctx, .family = ts->numbers.family, .size = ts->numbers.size,
                        .bold = ts->numbers.bold, .align = PANGO_ALIGN_LEFT};
    double size = ts->numbers.size;
    for (guint i = 0; i < pages->len; i++) {
        bg_page *pg = pages->pdata[i];
        if (!pg->numbered)
            continue;
        char num[16];
        g_snprintf(num, sizeof num, "%u", i + 1);
        char **parts = g_strsplit(pn->text, "{page}", -1);
        char *text = g_strjoinv(num, parts);
        g_strfreev(parts);
        PangoLayout *l = bg_text_new(&st, text, -1);
        PangoRectangle r;
        pango_layout_get_extents(l, NULL, &r);
        double w = (double)r.width / PANGO_SCALE;
        double left = pg->left, right = pg->width - pg->right, in = pn->inset * size;
        bg_number_place place = pn->place;
        if (place == BG_NUMBER_OUTSIDE)
            place = (i + 1) % 2 ? BG_NUMBER_RIGHT : BG_NUMBER_LEFT;
        double x = place == BG_NUMBER_RIGHT  ? right - in - w
                   : place == BG_NUMBER_LEFT ? left + in
                                             : (left + right - w) / 2;
        /* The dash stands at mid-height of the em, whose top is about 0.28 em
         * under the top of the line. */
        double y = pg->height - pg->bottom + BG_MM(pn->below) - (0.28 + 0.45) * size;
        bg_page_layout(pg, l, x, y);
        g_object_unref(l);
        g_free(text);
    }
}

bool bg_compose(const bg_doc *doc, const bg_typeset *ts, bg_laid_doc *out, char **error)
{
    /* what the document before the last set and the last did not is let go */
    bg_text_memo_next(ts->ctx);
    bg_table_memo_next(ts->ctx);
    GPtrArray *title_keep = g_ptr_array_new();
    if (ts->keep)
        for (guint i = 0; i < ts->keep->len; i++)
            g_ptr_array_add(title_keep, ts->keep->pdata[i]);
    if (ts->name && *ts->name)
        g_ptr_array_add(title_keep, (gpointer)ts->name);
    /* The body first, on its own, to learn its page numbers. */
    composer main = {.ts = ts,
                     .pages = g_ptr_array_new_with_free_func(bg_page_free),
                     .outline = g_ptr_array_new_with_free_func(outline_free),
                     .title_keep = title_keep};
    if (!body(&main, doc, error)) {
        g_ptr_array_free(main.pages, TRUE);
        g_ptr_array_free(main.outline, TRUE);
        g_ptr_array_free(title_keep, TRUE);
        return false;
    }
    guint n = main.outline->len;
    composer front = {0};
    /* The contents' own length moves every page number: lay it out until
     * the number of front pages assumed is the number made. */
    int front_pages = 2;
    for (int attempt = 0; attempt < 5; attempt++) {
        front = (composer){.ts = ts,
                           .pages = g_ptr_array_new_with_free_func(bg_page_free),
                           .outline = g_ptr_array_new_with_free_func(outline_free),
                           .title_keep = title_keep};
        toc_line *lines = g_new0(toc_line, n ? n : 1);
        for (guint i = 0; i < n; i++) {
            const bg_outline_entry *e = main.outline->pdata[i];
            lines[i].text = e->title;
            lines[i].level = e->level;
            lines[i].number = e->page + front_pages + 1;
        }
        cover(&front, doc);
        contents(&front, lines, n);
        g_free(lines);
        if ((int)front.pages->len == front_pages)
            break;
        front_pages = (int)front.pages->len;
        g_ptr_array_free(front.pages, TRUE);
        g_ptr_array_free(front.outline, TRUE);
    }
    /* Front pages, then the body with its outline shifted behind them. */
    out->pages = front.pages;
    out->outline = front.outline;
    int shift = (int)out->pages->len;
    for (guint i = 0; i < main.pages->len; i++)
        g_ptr_array_add(out->pages, main.pages->pdata[i]);
    g_ptr_array_set_free_func(main.pages, NULL);
    g_ptr_array_free(main.pages, TRUE);
    for (guint i = 0; i < main.outline->len; i++) {
        bg_outline_entry *e = main.outline->pdata[i];
        e->page += shift;
        g_ptr_array_add(out->outline, e);
    }
    g_ptr_array_set_free_func(main.outline, NULL);
    g_ptr_array_free(main.outline, TRUE);
    g_ptr_array_free(title_keep, TRUE);
    number_pages(ts, out->pages);
    return true;
}

void bg_laid_doc_clear(bg_laid_doc *ld)
{
    if (ld->pages)
        g_ptr_array_free(ld->pages, TRUE);
    if (ld->outline)
        g_ptr_array_free(ld->outline, TRUE);
    ld->pages = ld->outline = NULL;
}
