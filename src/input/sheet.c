/* Reading XLSX workbooks and CSV files into grids of text. */
#include "input/sheet.h"

#include <libxml/xmlreader.h>
#include <string.h>
#include <zip.h>

#include "model/textfile.h"

void bg_sheet_free(gpointer p)
{
    bg_sheet *s = p;
    if (!s)
        return;
    g_free(s->name);
    g_ptr_array_free(s->rows, TRUE);
    g_free(s);
}

static GPtrArray *new_row(void)
{
    return g_ptr_array_new_with_free_func(g_free);
}

static bg_sheet *new_sheet(const char *name)
{
    bg_sheet *s = g_new0(bg_sheet, 1);
    s->name = g_strdup(name);
    s->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    return s;
}

const char *bg_sheet_cell(const bg_sheet *s, guint r, guint c)
{
    if (r >= s->rows->len)
        return NULL;
    const GPtrArray *row = s->rows->pdata[r];
    return c < row->len ? row->pdata[c] : NULL;
}

/* Puts text at 0-based (r, c), growing the grid. */
static void put(bg_sheet *s, guint r, guint c, char *text)
{
    while (s->rows->len <= r)
        g_ptr_array_add(s->rows, new_row());
    GPtrArray *row = s->rows->pdata[r];
    while (row->len <= c)
        g_ptr_array_add(row, NULL);
    g_free(row->pdata[c]);
    row->pdata[c] = text;
}

/* ---- CSV ---------------------------------------------------------------- */

/* RFC 4180: fields separated by commas, quoted with "" when they hold one. */
static bg_sheet *parse_csv(const char *t)
{
    bg_sheet *s = new_sheet(NULL);
    guint r = 0, c = 0;
    GString *field = g_string_new(NULL);
    bool quoted = false, any = false;
    for (const char *p = t;; p++) {
        if (quoted) {
            if (*p == '\0')
                break;
            if (*p == '"' && p[1] == '"')
                g_string_append_c(field, '"'), p++;
            else if (*p == '"')
                quoted = false;
            else
                g_string_append_c(field, *p);
            continue;
        }
        if (*p == '"') {
            quoted = true;
            any = true;
        } else if (*p == ',' || *p == '\n' || *p == '\r' || *p == '\0') {
            if (field->len || any)
                put(s, r, c, g_strdup(field->str));
            g_string_truncate(field, 0);
            any = false;
            c++;
            if (*p == '\r' && p[1] == '\n')
                p++;
            if (*p != ',') {
                r++;
                c = 0;
            }
            if (*p == '\0')
                break;
        } else {
            g_string_append_c(field, *p);
        }
    }
    g_string_free(field, TRUE);
    return s;
}

static GPtrArray *read_csv(const char *path, bg_diag *diag)
{
    char *text = NULL;
    size_t len = 0;
    if (!bg_text_file_read(path, "文件", &text, &len, diag)) /* a FIFO would block */
        return NULL;
    if (memchr(text, '\0', len)) {
        bg_diag_add(diag, path, 0, 0, NULL, "文件中含有空字节，不是 CSV 文本");
        g_free(text);
        return NULL;
    }
    const char *start = text;
    char *converted = NULL;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        start = text + 3;
    } else if (!g_utf8_validate(text, (gssize)len, NULL)) {
        /* Excel in Chinese saves CSV in GB18030 (GBK). */
        converted = g_convert(text, (gssize)len, "UTF-8", "GB18030", NULL, NULL, NULL);
        if (!converted) {
            bg_diag_add(diag, path, 0, 0, NULL, "CSV 文件既不是 UTF-8 也不是 GBK 编码");
            g_free(text);
            return NULL;
        }
        start = converted;
    }
    GPtrArray *out = g_ptr_array_new_with_free_func(bg_sheet_free);
    g_ptr_array_add(out, parse_csv(start));
    g_free(converted);
    g_free(text);
    return out;
}

/* ---- XLSX --------------------------------------------------------------- */

/* A member of the archive, NUL-terminated; NULL when absent. */
static char *member(zip_t *z, const char *name, gsize *len_out)
{
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        st.size > (zip_uint64_t)G_MAXINT32)
        return NULL;
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f)
        return NULL;
    char *buf = g_malloc(st.size + 1);
    zip_int64_t got = zip_fread(f, buf, st.size);
    zip_fclose(f);
    if (got < 0 || (zip_uint64_t)got != st.size) {
        g_free(buf);
        return NULL;
    }
    buf[st.size] = '\0';
    if (len_out)
        *len_out = (gsize)st.size;
    return buf;
}

static xmlTextReaderPtr reader_for(const char *xml, gsize len)
{
    return xmlReaderForMemory(xml, (int)len, NULL, "UTF-8", XML_PARSE_NONET);
}

static bool is(xmlTextReaderPtr r, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return n && strcmp((const char *)n, local) == 0;
}

static char *attr(xmlTextReaderPtr r, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
    char *s = v ? g_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

/* The text of the element the reader is on (all its t descendants: rich
 * text has several runs). */
static char *element_text(xmlTextReaderPtr r, bool only_t)
{
    GString *s = g_string_new(NULL);
    if (xmlTextReaderIsEmptyElement(r))
        return g_string_free(s, FALSE);
    int depth = xmlTextReaderDepth(r);
    bool in_t = !only_t;
    while (xmlTextReaderRead(r) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth)
            break;
        if (only_t && type == XML_READER_TYPE_ELEMENT && is(r, "t"))
            in_t = true;
        else if (only_t && type == XML_READER_TYPE_END_ELEMENT && is(r, "t"))
            in_t = false;
        else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                  type == XML_READER_TYPE_CDATA) &&
                 in_t)
            g_string_append(s, (const char *)xmlTextReaderConstValue(r));
    }
    return g_string_free(s, FALSE);
}

static GPtrArray *shared_strings(zip_t *z)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    gsize len = 0;
    char *xml = member(z, "xl/sharedStrings.xml", &len);
    if (!xml)
        return out;
    xmlTextReaderPtr r = reader_for(xml, len);
    while (r && xmlTextReaderRead(r) == 1)
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && is(r, "si"))
            g_ptr_array_add(out, element_text(r, true));
    if (r)
        xmlFreeTextReader(r);
    g_free(xml);
    return out;
}

/* "F17" as 0-based row 16, column 5. */
static bool cell_ref(const char *ref, guint *row, guint *col)
{
    guint c = 0, n = 0;
    const char *p = ref;
    while (*p >= 'A' && *p <= 'Z')
        c = c * 26 + (guint)(*p++ - 'A' + 1);
    while (*p >= '0' && *p <= '9')
        n = n * 10 + (guint)(*p++ - '0');
    if (*p || c == 0 || n == 0 || c > 16384 || n > 1048576)
        return false;
    *row = n - 1;
    *col = c - 1;
    return true;
}

static bg_sheet *read_worksheet(const char *xml, gsize len, const char *name,
                                const GPtrArray *strings)
{
    bg_sheet *s = new_sheet(name);
    xmlTextReaderPtr r = reader_for(xml, len);
    guint row = 0, col = 0;
    while (r && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        if (is(r, "row")) {
            char *rn = attr(r, "r");
            guint64 n = rn ? g_ascii_strtoull(rn, NULL, 10) : row + 2;
            /* a sheet has at most 1,048,576 rows; others are not grown into */
            row = n >= 1 && n <= 1048576 ? (guint)(n - 1) : G_MAXUINT;
            col = 0;
            g_free(rn);
        } else if (is(r, "c")) {
            char *ref = attr(r, "r"), *type = attr(r, "t");
            guint rr = row, cc = col;
            if (ref && !cell_ref(ref, &rr, &cc))
                rr = G_MAXUINT;
            char *value = NULL;
            if (!xmlTextReaderIsEmptyElement(r)) {
                int depth = xmlTextReaderDepth(r);
                while (xmlTextReaderRead(r) == 1) {
                    int t = xmlTextReaderNodeType(r);
                    if (t == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == depth)
                        break;
                    if (t == XML_READER_TYPE_ELEMENT && (is(r, "v") || is(r, "is"))) {
                        g_free(value);
                        value = element_text(r, is(r, "is"));
                    }
                }
            }
            if (value && type && strcmp(type, "s") == 0) {
                guint64 i = g_ascii_strtoull(value, NULL, 10);
                g_free(value);
                value = i < strings->len ? g_strdup(strings->pdata[i]) : NULL;
            }
            if (value && *value && rr != G_MAXUINT && cc < 16384)
                put(s, rr, cc, value);
            else
                g_free(value);
            col = cc + 1;
            g_free(ref);
            g_free(type);
        }
    }
    if (r)
        xmlFreeTextReader(r);
    return s;
}

static GPtrArray *read_xlsx(const char *path, bg_diag *diag)
{
    if (!bg_file_check_regular(path, "文件", diag))
        return NULL;
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    if (!z) {
        zip_error_t e;
        zip_error_init_with_code(&e, zerr);
        bg_diag_add(diag, path, 0, 0, NULL, "无法作为 XLSX 工作簿打开：%s", zip_error_strerror(&e));
        zip_error_fini(&e);
        return NULL;
    }
    gsize wlen = 0, rlen = 0;
    char *wb = member(z, "xl/workbook.xml", &wlen);
    char *rels = member(z, "xl/_rels/workbook.xml.rels", &rlen);
    if (!wb || !rels) {
        bg_diag_add(diag, path, 0, 0, NULL, "不是 XLSX 工作簿（缺少 xl/workbook.xml）");
        g_free(wb);
        g_free(rels);
        zip_close(z);
        return NULL;
    }
    /* relationship id -> target part */
    GHashTable *targets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    xmlTextReaderPtr r = reader_for(rels, rlen);
    while (r && xmlTextReaderRead(r) == 1)
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && is(r, "Relationship")) {
            char *id = attr(r, "Id"), *target = attr(r, "Target");
            if (id && target)
                g_hash_table_replace(targets, id,
                                     target[0] == '/' ? g_strdup(target + 1)
                                                      : g_strconcat("xl/", target, NULL));
            else
                g_free(id);
            g_free(target);
        }
    if (r)
        xmlFreeTextReader(r);
    GPtrArray *strings = shared_strings(z);
    GPtrArray *out = g_ptr_array_new_with_free_func(bg_sheet_free);
    r = reader_for(wb, wlen);
    while (r && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is(r, "sheet"))
            continue;
        char *name = attr(r, "name");
        xmlChar *id = xmlTextReaderGetAttributeNs(
            r, (const xmlChar *)"id",
            (const xmlChar *)"http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        const char *part = id ? g_hash_table_lookup(targets, (const char *)id) : NULL;
        gsize len = 0;
        char *xml = part ? member(z, part, &len) : NULL;
        if (xml)
            g_ptr_array_add(out, read_worksheet(xml, len, name ? name : "", strings));
        else
            bg_diag_add(diag, path, 0, 0, NULL, "工作表“%s”无法读取", name ? name : "");
        g_free(xml);
        xmlFree(id);
        g_free(name);
    }
    if (r)
        xmlFreeTextReader(r);
    g_ptr_array_free(strings, TRUE);
    g_hash_table_destroy(targets);
    g_free(wb);
    g_free(rels);
    zip_close(z);
    if (out->len == 0) {
        bg_diag_add(diag, path, 0, 0, NULL, "工作簿中没有工作表");
        g_ptr_array_free(out, TRUE);
        return NULL;
    }
    return out;
}

GPtrArray *bg_sheets_read(const char *path, bg_diag *diag)
{
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        bg_diag_add(diag, path, 0, 0, NULL, "文件不存在或不是普通文件");
        return NULL;
    }
    char *lower = g_ascii_strdown(path, -1);
    bool csv = g_str_has_suffix(lower, ".csv");
    g_free(lower);
    return csv ? read_csv(path, diag) : read_xlsx(path, diag);
}
