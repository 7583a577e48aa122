/* The input workbook as the YAML of a department file. */
#include "input/workbook.h"

#include <string.h>

#include "input/sheet.h"
#include "model/workbook.h"

/* The rows of a sheet: row 1 explains it, row 2 names the columns, the
 * data starts at row 3. */
enum { HEAD_ROW = 1, FIRST_ROW = 2 };

typedef struct {
    GString *out;
    GArray *places;
} writer;

/* Appends one line of YAML, remembering its cell. */
static void line(writer *w, const char *sheet, int row, int col, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);

static void line(writer *w, const char *sheet, int row, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_string_append_vprintf(w->out, fmt, ap);
    va_end(ap);
    g_string_append_c(w->out, '\n');
    bg_wb_place p = {sheet, row, col};
    g_array_append_val(w->places, p);
}

/* A cell's text as a YAML scalar of its type: numbers bare when they are
 * numbers (else quoted, so that the loader names the cell), text quoted. */
static char *scalar(bg_wb_type type, const char *text)
{
    bool number = *text && strspn(text, "0123456789.") == strlen(text);
    if ((type == BG_WB_MONEY || type == BG_WB_INT) && number)
        return g_strdup(text);
    if (type == BG_WB_YESNO && (strcmp(text, "是") == 0 || strcmp(text, "否") == 0))
        return g_strdup(strcmp(text, "是") == 0 ? "true" : "false");
    GString *q = g_string_new("\"");
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_c(q, '\\');
        if (*p == '\n')
            g_string_append(q, "\\n");
        else if (*p != '\r')
            g_string_append_c(q, *p);
    }
    g_string_append_c(q, '"');
    return g_string_free(q, FALSE);
}

static const bg_sheet *find_sheet(const GPtrArray *sheets, const char *name)
{
    for (guint i = 0; i < sheets->len; i++) {
        const bg_sheet *s = sheets->pdata[i];
        if (s->name && strcmp(s->name, name) == 0)
            return s;
    }
    return NULL;
}

/* The sheet column of each spec column, by header; -1 when absent. */
static int *columns_of(const bg_sheet *s, const bg_wb_column *cols)
{
    int n = 0;
    while (cols[n].header)
        n++;
    int *at = g_new(int, n ? n : 1);
    for (int k = 0; k < n; k++) {
        at[k] = -1;
        for (guint c = 0; c < 64 && at[k] < 0; c++) {
            const char *h = bg_sheet_cell(s, HEAD_ROW, c);
            if (h && strcmp(h, cols[k].header) == 0)
                at[k] = (int)c;
        }
    }
    return at;
}

static const char *cell_at(const bg_sheet *s, guint r, int c)
{
    const char *t = c >= 0 ? bg_sheet_cell(s, r, (guint)c) : NULL;
    return t && *t ? t : NULL;
}

static bool row_empty(const bg_sheet *s, guint r, const int *at, int n)
{
    for (int k = 0; k < n; k++)
        if (cell_at(s, r, at[k]))
            return false;
    return true;
}

static int count(const bg_wb_column *cols)
{
    int n = 0;
    while (cols[n].header)
        n++;
    return n;
}

/* One entry a row, each present cell a key. */
static void rows(writer *w, const bg_wb_sheet *spec, const bg_sheet *s, const char *indent,
                 const char *match_key, const char *match)
{
    int n = count(spec->columns);
    int *at = columns_of(s, spec->columns);
    for (guint r = FIRST_ROW; r < s->rows->len; r++) {
        if (row_empty(s, r, at, n))
            continue;
        /* a sheet of a project's rows: only those of `match` */
        if (match_key) {
            const char *owner = cell_at(s, r, at[0]);
            if (!owner || strcmp(owner, match) != 0)
                continue;
        }
        bool first = true;
        for (int k = match_key ? 1 : 0; k < n; k++) {
            const char *t = cell_at(s, r, at[k]);
            if (!t)
                continue;
            char *v = scalar(spec->columns[k].type, t);
            line(w, spec->name, (int)r + 1, at[k] + 1, "%s%s%s: %s", indent, first ? "- " : "  ",
                 spec->columns[k].key, v);
            g_free(v);
            first = false;
        }
        if (first) /* a row of nothing but its owner */
            line(w, spec->name, (int)r + 1, 1, "%s- {}", indent);
    }
    g_free(at);
}

/* 字段 | 值 rows: the fields in the spec's order, nested where a key has a
 * dot (staffing.retired). */
static void fields(writer *w, const bg_wb_sheet *spec, const bg_sheet *s, const char *indent)
{
    char *group = NULL;
    for (int k = 0; spec->columns[k].header; k++) {
        const bg_wb_column *c = &spec->columns[k];
        const char *t = NULL;
        guint r = 0;
        for (r = FIRST_ROW; r < s->rows->len && !t; r++) {
            const char *label = bg_sheet_cell(s, r, 0);
            if (label && strcmp(label, c->header) == 0)
                t = cell_at(s, r, 1);
        }
        if (!t)
            continue;
        const char *dot = strchr(c->key, '.');
        char *v = scalar(c->type, t);
        if (dot) {
            char *g = g_strndup(c->key, (gsize)(dot - c->key));
            if (g_strcmp0(g, group) != 0) {
                line(w, spec->name, (int)r, 1, "%s%s:", indent, g);
                g_free(group);
                group = g;
            } else {
                g_free(g);
            }
            line(w, spec->name, (int)r, 2, "%s  %s: %s", indent, dot + 1, v);
        } else {
            line(w, spec->name, (int)r, 2, "%s%s: %s", indent, c->key, v);
        }
        g_free(v);
    }
    g_free(group);
}

/* Indicator rows as the tree 一级 → 二级 → 三级, in the order first met. */
static void indicators(writer *w, const bg_wb_sheet *spec, const bg_sheet *s, const char *indent,
                       const char *owner)
{
    int n = count(spec->columns);
    int *at = columns_of(s, spec->columns);
    int lead = owner ? 1 : 0; /* the owner column comes first */
    char *top = NULL, *grp = NULL;
    for (guint r = FIRST_ROW; r < s->rows->len; r++) {
        if (row_empty(s, r, at, n))
            continue;
        if (owner && g_strcmp0(cell_at(s, r, at[0]), owner) != 0)
            continue;
        const char *t1 = cell_at(s, r, at[lead]), *t2 = cell_at(s, r, at[lead + 1]);
        char *v1 = scalar(BG_WB_TEXT, t1 ? t1 : ""), *v2 = scalar(BG_WB_TEXT, t2 ? t2 : "");
        if (g_strcmp0(top, t1 ? t1 : "") != 0) {
            line(w, spec->name, (int)r + 1, at[lead] + 1, "%s- name: %s", indent, v1);
            line(w, spec->name, (int)r + 1, at[lead] + 1, "%s  groups:", indent);
            g_free(top);
            top = g_strdup(t1 ? t1 : "");
            g_free(grp);
            grp = NULL;
        }
        if (g_strcmp0(grp, t2 ? t2 : "") != 0) {
            line(w, spec->name, (int)r + 1, at[lead + 1] + 1, "%s    - name: %s", indent, v2);
            g_free(grp);
            grp = g_strdup(t2 ? t2 : "");
            if (cell_at(s, r, at[lead + 2]))
                line(w, spec->name, (int)r + 1, at[lead + 1] + 1, "%s      items:", indent);
        }
        bool first = true;
        for (int k = lead + 2; k < n; k++) {
            const char *t = cell_at(s, r, at[k]);
            if (!t || !cell_at(s, r, at[lead + 2]))
                continue;
            char *v = scalar(BG_WB_TEXT, t);
            line(w, spec->name, (int)r + 1, at[k] + 1, "%s        %s%s: %s", indent,
                 first ? "- " : "  ", spec->columns[k].key, v);
            g_free(v);
            first = false;
        }
        g_free(v1);
        g_free(v2);
    }
    g_free(top);
    g_free(grp);
    g_free(at);
}

/* 键 | 值 rows, or 项目编码 | 键 | 值 rows of one project. */
static void map(writer *w, const bg_wb_sheet *spec, const bg_sheet *s, const char *indent,
                const char *owner)
{
    int *at = columns_of(s, spec->columns);
    int lead = owner ? 1 : 0;
    for (guint r = FIRST_ROW; r < s->rows->len; r++) {
        if (owner && g_strcmp0(cell_at(s, r, at[0]), owner) != 0)
            continue;
        const char *k = cell_at(s, r, at[lead]), *v = cell_at(s, r, at[lead + 1]);
        if (!k || !v)
            continue; /* a key listed and left empty: the loader names what is missing */
        char *ks = scalar(BG_WB_TEXT, k), *vs = scalar(spec->columns[lead + 1].type, v);
        line(w, spec->name, (int)r + 1, at[lead + 1] + 1, "%s%s: %s", indent, ks, vs);
        g_free(ks);
        g_free(vs);
    }
    g_free(at);
}

static void lines_of(writer *w, const bg_wb_sheet *spec, const bg_sheet *s, const char *indent)
{
    int *at = columns_of(s, spec->columns);
    for (guint r = FIRST_ROW; r < s->rows->len; r++) {
        const char *t = cell_at(s, r, at[0]);
        if (!t)
            continue;
        char *v = scalar(BG_WB_TEXT, t);
        line(w, spec->name, (int)r + 1, at[0] + 1, "%s- %s", indent, v);
        g_free(v);
    }
    g_free(at);
}

static const bg_wb_sheet *spec_of(const char *path)
{
    for (int i = 0; bg_wb_sheets[i].name; i++)
        if (strcmp(bg_wb_sheets[i].path, path) == 0)
            return &bg_wb_sheets[i];
    return NULL;
}

static bool has_rows(const bg_sheet *s)
{
    for (guint r = FIRST_ROW; s && r < s->rows->len; r++) {
        const GPtrArray *row = s->rows->pdata[r];
        for (guint c = 0; c < row->len; c++)
            if (row->pdata[c] && *(char *)row->pdata[c])
                return true;
    }
    return false;
}

/* The projects, each with its indicators, texts and figures from the
 * sheets that name it by code. */
static void projects(writer *w, const GPtrArray *sheets)
{
    const bg_wb_sheet *spec = spec_of("projects");
    const bg_sheet *s = find_sheet(sheets, spec->name);
    if (!has_rows(s))
        return;
    line(w, spec->name, HEAD_ROW + 1, 1, "projects:");
    int n = count(spec->columns);
    int *at = columns_of(s, spec->columns);
    const char *subs[] = {"projects.indicators", "projects.texts", "projects.figures"};
    for (guint r = FIRST_ROW; r < s->rows->len; r++) {
        if (row_empty(s, r, at, n))
            continue;
        bool first = true;
        for (int k = 0; k < n; k++) {
            const char *t = cell_at(s, r, at[k]);
            if (!t)
                continue;
            char *v = scalar(spec->columns[k].type, t);
            line(w, spec->name, (int)r + 1, at[k] + 1, "  %s%s: %s", first ? "- " : "  ",
                 spec->columns[k].key, v);
            g_free(v);
            first = false;
        }
        const char *code = cell_at(s, r, at[0]);
        for (size_t i = 0; code && i < G_N_ELEMENTS(subs); i++) {
            const bg_wb_sheet *sub = spec_of(subs[i]);
            const bg_sheet *ss = find_sheet(sheets, sub->name);
            if (!ss)
                continue;
            gsize len_before = w->out->len;
            guint lines_before = w->places->len;
            line(w, sub->name, HEAD_ROW + 1, 1, "    %s:", strchr(subs[i], '.') + 1);
            guint mark = w->places->len;
            if (sub->shape == BG_WB_INDICATORS)
                indicators(w, sub, ss, "      ", code);
            else
                map(w, sub, ss, "      ", code);
            if (w->places->len == mark) { /* nothing for this project: no key */
                g_string_truncate(w->out, len_before);
                g_array_set_size(w->places, lines_before);
            }
        }
    }
    g_free(at);
}

char *bg_workbook_yaml(const char *path, GArray **places, bg_diag *diag)
{
    GPtrArray *sheets = bg_sheets_read(path, diag);
    if (!sheets)
        return NULL;
    writer w = {g_string_new(NULL), g_array_new(FALSE, FALSE, sizeof(bg_wb_place))};
    for (int i = 0; bg_wb_sheets[i].name; i++) {
        const bg_wb_sheet *spec = &bg_wb_sheets[i];
        const bg_sheet *s = find_sheet(sheets, spec->name);
        if (strchr(spec->path, '.'))
            continue; /* nested sheets go with their owner */
        bool any = has_rows(s);
        for (int k = 0; !any && bg_wb_sheets[k].name; k++) {
            const char *dot = strchr(bg_wb_sheets[k].path, '.');
            if (dot && strncmp(bg_wb_sheets[k].path, spec->path, (size_t)(dot - bg_wb_sheets[k].path)) == 0 &&
                spec->path[dot - bg_wb_sheets[k].path] == '\0')
                any = has_rows(find_sheet(sheets, bg_wb_sheets[k].name));
        }
        if (!any)
            continue;
        if (strcmp(spec->path, "projects") == 0) {
            projects(&w, sheets);
            continue;
        }
        line(&w, spec->name, HEAD_ROW + 1, 1, "%s:", spec->path);
        if (strcmp(spec->path, "names") == 0) {
            /* 分类 | 编码 | 名称 rows as names: {function: {code: name}} */
            int *at = columns_of(s, spec->columns);
            static const char *const classes[] = {"function", "dept_econ", "gov_econ"};
            for (size_t k = 0; k < G_N_ELEMENTS(classes); k++) {
                bool any = false;
                for (guint r = FIRST_ROW; r < s->rows->len; r++) {
                    const char *cl = cell_at(s, r, at[0]), *code = cell_at(s, r, at[1]),
                               *name = cell_at(s, r, at[2]);
                    if (!cl || strcmp(cl, classes[k]) != 0 || !code || !name)
                        continue;
                    if (!any)
                        line(&w, spec->name, (int)r + 1, at[0] + 1, "  %s:", classes[k]);
                    any = true;
                    char *cs = scalar(BG_WB_TEXT, code), *ns = scalar(BG_WB_TEXT, name);
                    line(&w, spec->name, (int)r + 1, at[2] + 1, "    %s: %s", cs, ns);
                    g_free(cs);
                    g_free(ns);
                }
            }
            g_free(at);
            continue;
        }
        switch (s ? spec->shape : BG_WB_LINES) {
        case BG_WB_ROWS:
            rows(&w, spec, s, "  ", NULL, NULL);
            break;
        case BG_WB_FIELDS:
            fields(&w, spec, s, "  ");
            break;
        case BG_WB_MAP:
            map(&w, spec, s, "  ", NULL);
            break;
        default: /* no sheet of its own fields */
            break;
        }
        /* the sheets that belong to this one */
        for (int k = 0; bg_wb_sheets[k].name; k++) {
            const bg_wb_sheet *sub = &bg_wb_sheets[k];
            const char *dot = strchr(sub->path, '.');
            if (!dot || strncmp(sub->path, spec->path, (size_t)(dot - sub->path)) != 0 ||
                spec->path[dot - sub->path] != '\0' || strcmp(spec->path, "projects") == 0)
                continue;
            const bg_sheet *ss = find_sheet(sheets, sub->name);
            if (!has_rows(ss))
                continue;
            line(&w, sub->name, HEAD_ROW + 1, 1, "  %s:", dot + 1);
            if (sub->shape == BG_WB_INDICATORS)
                indicators(&w, sub, ss, "    ", NULL);
            else if (sub->shape == BG_WB_LINES)
                lines_of(&w, sub, ss, "    ");
            else
                rows(&w, sub, ss, "    ", NULL, NULL);
        }
    }
    g_ptr_array_free(sheets, TRUE);
    *places = w.places;
    return g_string_free(w.out, FALSE);
}

void bg_workbook_errors(const char *path, const GArray *places, bg_diag *from, bg_diag *to)
{
    for (guint i = 0; i < from->errors->len; i++) {
        const bg_error *e = from->errors->pdata[i];
        if (e->line > 0 && (guint)e->line <= places->len) {
            const bg_wb_place *p = &g_array_index(places, bg_wb_place, e->line - 1);
            bg_diag_add_cell(to, path, p->sheet, p->row, p->column, e->field, "%s", e->message);
        } else {
            bg_diag_add(to, path, 0, 0, e->field, "%s", e->message);
        }
    }
}
