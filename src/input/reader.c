#include "input/reader.h"

#include <stdarg.h>
#include <string.h>

#include "model/textfile.h"

bool bg_reader_parse(bg_reader *r, const char *text, size_t len, bool json)
{
    /* Every parse, of a department or a format: libfyaml spins forever on
     * some invalid bytes (a directive "%\xff"). */
    if (!bg_text_check_utf8(r->file, text, len, r->diag))
        return false;
    r->tree = bg_tree_parse(r->file, text, len, json, r->diag);
    return r->tree != NULL;
}

void bg_reader_close(bg_reader *r)
{
    bg_tree_free(r->tree);
    r->tree = NULL;
}

const bg_node *bg_reader_root(bg_reader *r)
{
    return bg_tree_root(r->tree);
}

bg_mark bg_node_mark(const bg_node *n, bg_mark fallback)
{
    if (!n)
        return fallback;
    return (bg_mark){(int)n->line, (int)n->column};
}

static char *field_name(const char *path, const char *label)
{
    if (label && *label)
        return g_strdup_printf("%s（%s）", path, label);
    return g_strdup(path);
}

void bg_reader_error(bg_reader *r, const bg_node *n, bg_mark fallback,
                     const char *path, const char *label, const char *fmt, ...)
{
    bg_mark m = bg_node_mark(n, fallback);
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *field = path ? field_name(path, label) : NULL;
    bg_diag_add(r->diag, r->file, m.line, m.column, field, "%s", msg);
    g_free(field);
    g_free(msg);
}

bool bg_node_is_null(const bg_node *n)
{
    if (!n)
        return true;
    if (n->type != BG_NODE_SCALAR)
        return false;
    if (n->null)
        return true;
    if (n->style != BG_STYLE_PLAIN)
        return false;
    return n->len == 0 || strcmp(n->text, "null") == 0 || strcmp(n->text, "~") == 0;
}

static const char *kind_of(const bg_node *n)
{
    switch (n->type) {
    case BG_NODE_MAP:
        return "一组字段（映射）";
    case BG_NODE_SEQ:
        return "一个列表";
    default:
        return "一个值";
    }
}

/* Levenshtein distance on bytes, for suggesting a misspelt key. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = g_new(size_t, lb + 1);
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), diag + cost);
            diag = up;
        }
    }
    size_t d = row[lb];
    g_free(row);
    return d;
}

static void unknown_key(bg_reader *r, const bg_node *key, bg_mark at, const char *path,
                        const char *what, const char *name, const bg_field *fields,
                        size_t n)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(name, fields[i].key);
        if (d < best_d) {
            best_d = d;
            best = fields[i].key;
        }
    }
    char *field = g_strdup_printf("%s%s%s", path, *path ? "." : "", name);
    if (best) {
        bg_reader_error(r, key, at, field, NULL, "%s中没有这个字段（是不是“%s”？）",
                        what, best);
    } else {
        GString *list = g_string_new(NULL);
        for (size_t i = 0; i < n; i++)
            g_string_append_printf(list, "%s%s", i ? "、" : "", fields[i].key);
        bg_reader_error(r, key, at, field, NULL, "%s中没有这个字段；可用的字段有：%s", what,
                        list->str);
        g_string_free(list, TRUE);
    }
    g_free(field);
}

bool bg_read_fields(bg_reader *r, const bg_node *map, bg_mark at, const char *path,
                    const char *what, const bg_field *fields, size_t n,
                    const bg_node **out, bg_mark *marks)
{
    for (size_t i = 0; i < n; i++) {
        out[i] = NULL;
        marks[i] = at;
    }
    if (!map || map->type != BG_NODE_MAP) {
        bg_reader_error(r, map, at, path, what, "应为一组字段（映射，如 key: value），这里是%s",
                        map ? kind_of(map) : "空值");
        return false;
    }
    bg_mark here = bg_node_mark(map, at);
    for (uint32_t pi = 0; pi < map->len; pi++) {
        const bg_node *key = bg_node_key(map, pi);
        const char *name = key->type == BG_NODE_SCALAR ? key->text : NULL;
        size_t i = 0;
        while (name && i < n && strcmp(fields[i].key, name) != 0)
            i++;
        if (!name || i == n) {
            unknown_key(r, key, here, path, what, name ? name : "?", fields, n);
            continue;
        }
        marks[i] = bg_node_mark(key, here);
        const bg_node *v = bg_node_value(map, pi);
        out[i] = bg_node_is_null(v) ? NULL : v;
        if (!out[i] && fields[i].required) {
            char *field = g_strdup_printf("%s%s%s", path, *path ? "." : "", fields[i].key);
            bg_reader_error(r, key, here, field, fields[i].label, "不能为空");
            g_free(field);
            marks[i].line = -1; /* reported: not missing as well */
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (fields[i].required && !out[i] && marks[i].line != -1) {
            char *field = g_strdup_printf("%s%s%s", path, *path ? "." : "", fields[i].key);
            bg_reader_error(r, NULL, here, field, fields[i].label, "%s缺少必填字段", what);
            g_free(field);
        }
    }
    return true;
}

/* The scalar text of n, or NULL after reporting a wrong type. */
static const char *scalar(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                          const char *label, const char *expected, size_t *len)
{
    if (n->type != BG_NODE_SCALAR) {
        bg_reader_error(r, n, at, path, label, "应为%s，这里是%s", expected, kind_of(n));
        return NULL;
    }
    *len = n->len;
    return n->text;
}

char *bg_read_text(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                   const char *label)
{
    size_t len;
    const char *s = scalar(r, n, at, path, label, "文字", &len);
    return s ? g_strndup(s, len) : NULL;
}

bool bg_check_name(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                   const char *label, const char *name)
{
    glong chars = name ? g_utf8_strlen(name, -1) : 0;
    if (chars <= BG_NAME_MAX)
        return true;
    bg_reader_error(r, n, at, path, label, "名称过长（%ld 个字符，最多 %d 个）", chars,
                    BG_NAME_MAX);
    return false;
}

char *bg_read_code(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                   const char *label, int digits, const char *shape)
{
    size_t len;
    const char *s = scalar(r, n, at, path, label, "编码（数字）", &len);
    if (!s)
        return NULL;
    bool ok = len > 0 && (digits <= 0 || len == (size_t)digits);
    for (size_t i = 0; ok && i < len; i++)
        ok = s[i] >= '0' && s[i] <= '9';
    if (!ok) {
        bg_reader_error(r, n, at, path, label, "应为%s，这里是“%.*s”", shape, (int)len, s);
        return NULL;
    }
    return g_strndup(s, len);
}

/* "1,000.50" (or with '，') as 1000.50. Caller frees. */
static char *without_separators(const char *s, size_t len)
{
    GString *out = g_string_new(NULL);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ',')
            continue;
        if (i + 3 <= len && memcmp(s + i, "\xEF\xBC\x8C", 3) == 0) {
            i += 2;
            continue;
        }
        g_string_append_c(out, s[i]);
    }
    return g_string_free(out, FALSE);
}

bool bg_read_money(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                   const char *label, bg_money *out)
{
    size_t len;
    const char *s = scalar(r, n, at, path, label, "金额", &len);
    if (!s)
        return false;
    /* "017" is 17 here but 15 to a YAML 1.1 reader (octal): say how to
     * write it rather than guess. */
    if (len > 1 && s[0] == '0' && s[1] >= '0' && s[1] <= '9') {
        size_t z = 0;
        while (z + 1 < len && s[z] == '0' && s[z + 1] != '.')
            z++;
        bg_reader_error(r, n, at, path, label,
                        "金额不能以 0 开头：“%.*s”应写作 %.*s（以 0 开头的数字，"
                        "有的软件会当作八进制读成另一个数）",
                        (int)len, s, (int)(len - z), s + z);
        return false;
    }
    switch (bg_money_parse(s, len, out)) {
    case BG_MONEY_OK:
        return true;
    case BG_MONEY_NOT_NUMBER:
        bg_reader_error(r, n, at, path, label,
                        "应为金额（以元为单位的数字，如 891444.00，不带逗号和单位），这里是“%.*s”",
                        (int)len, s);
        break;
    case BG_MONEY_TOO_PRECISE:
        bg_reader_error(r, n, at, path, label, "金额最多两位小数（精确到分），这里是“%.*s”",
                        (int)len, s);
        break;
    case BG_MONEY_NEGATIVE:
        bg_reader_error(r, n, at, path, label, "金额不能为负数，这里是“%.*s”", (int)len, s);
        break;
    case BG_MONEY_OUT_OF_RANGE:
        bg_reader_error(r, n, at, path, label,
                        "金额超出范围（最大 999,999,999,999.99 元），这里是“%.*s”", (int)len, s);
        break;
    case BG_MONEY_GROUPED: {
        char *plain = without_separators(s, len);
        bg_reader_error(r, n, at, path, label,
                        "金额不要写千位分隔符，应写作 %s（这里是“%.*s”）", plain, (int)len, s);
        g_free(plain);
        break;
    }
    }
    return false;
}

bool bg_read_int(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                 const char *label, int min, int max, int *out)
{
    size_t len;
    const char *s = scalar(r, n, at, path, label, "整数", &len);
    if (!s)
        return false;
    long v = 0;
    bool ok = len > 0 && len < 10;
    for (size_t i = 0; ok && i < len; i++) {
        ok = s[i] >= '0' && s[i] <= '9';
        v = v * 10 + (s[i] - '0');
    }
    if (!ok || v < min || v > max) {
        bg_reader_error(r, n, at, path, label, "应为 %d 到 %d 之间的整数，这里是“%.*s”", min, max,
                        (int)len, s);
        return false;
    }
    *out = (int)v;
    return true;
}

bool bg_read_bool(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                  const char *label, bool *out)
{
    size_t len;
    const char *s = scalar(r, n, at, path, label, "true 或 false", &len);
    if (!s)
        return false;
    if (n->style == BG_STYLE_PLAIN && len == 4 && memcmp(s, "true", 4) == 0) {
        *out = true;
        return true;
    }
    if (n->style == BG_STYLE_PLAIN && len == 5 && memcmp(s, "false", 5) == 0) {
        *out = false;
        return true;
    }
    bg_reader_error(r, n, at, path, label, "应为 true 或 false，这里是“%.*s”", (int)len, s);
    return false;
}

bool bg_expect_seq(bg_reader *r, const bg_node *n, bg_mark at, const char *path,
                   const char *label)
{
    if (!n || n->type == BG_NODE_SEQ)
        return true;
    bg_reader_error(r, n, at, path, label, "应为列表（每项以“- ”开头），这里是%s", kind_of(n));
    return false;
}

GPtrArray *bg_read_text_list(bg_reader *r, const bg_node *n, bg_mark at,
                             const char *path, const char *label)
{
    if (!bg_expect_seq(r, n, at, path, label))
        return NULL;
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    if (!n)
        return out;
    for (uint32_t i = 0; i < n->len; i++) {
        const bg_node *item = n->children[i];
        char *p = g_strdup_printf("%s[%u]", path, i + 1);
        char *s = bg_read_text(r, item, at, p, label);
        if (s)
            g_ptr_array_add(out, s);
        g_free(p);
    }
    return out;
}
