#include "input/tree.h"

#include <libfyaml.h>
#include <string.h>

/* Nodes, texts and child arrays live in large blocks freed together. */
typedef struct {
    GSList *blocks;
    char *cur;
    size_t left;
} arena;

#define ARENA_BLOCK (256 * 1024)

static void *arena_alloc(arena *a, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    if (size > a->left) {
        size_t block = size > ARENA_BLOCK ? size : ARENA_BLOCK;
        a->cur = g_malloc(block);
        a->left = block;
        a->blocks = g_slist_prepend(a->blocks, a->cur);
    }
    void *p = a->cur;
    a->cur += size;
    a->left -= size;
    return p;
}

struct bg_tree {
    arena mem;
    bg_node *root;
};

/* An open container while its events arrive. */
typedef struct {
    bg_node *node;
    GPtrArray *kids;
} open_node;

typedef struct {
    bg_tree *t;
    const char *file;
    bg_diag *diag;
    GArray *stack;        /* of open_node */
    GHashTable *anchors;  /* name -> bg_node* */
    bool failed;
} builder;

static bg_node *new_node(builder *b, bg_node_type type, const struct fy_mark *m)
{
    bg_node *n = arena_alloc(&b->t->mem, sizeof *n);
    memset(n, 0, sizeof *n);
    n->type = (uint8_t)type;
    n->line = m ? (uint32_t)m->line + 1 : 1;
    n->column = m ? (uint32_t)m->column + 1 : 1;
    return n;
}

static void anchor(builder *b, struct fy_token *tok, bg_node *n)
{
    if (tok)
        g_hash_table_replace(b->anchors, g_strdup(fy_token_get_text0(tok)), n);
}

/* Adds a finished node to the container being built, or makes it the root. */
static void attach(builder *b, bg_node *n)
{
    if (b->stack->len == 0) {
        if (!b->t->root)
            b->t->root = n;
        return;
    }
    g_ptr_array_add(g_array_index(b->stack, open_node, b->stack->len - 1).kids, n);
}

static bool same_key(const bg_node *a, const bg_node *b)
{
    return a->type == BG_NODE_SCALAR && b->type == BG_NODE_SCALAR && a->len == b->len &&
           memcmp(a->text, b->text, a->len) == 0;
}

static bool digits_then(const char *s, size_t from, size_t to, size_t min, size_t max)
{
    size_t i = from;
    while (i < to && s[i] >= '0' && s[i] <= '9')
        i++;
    return i - from >= min && i - from <= max;
}

/* In a flow mapping `{amount: 1,000}` the comma ends the value: YAML reads
 * amount: 1 and a key "000" with no value. Such a key right after the
 * digits, with nothing between, is a thousands separator: the pieces are
 * joined back into the value "1,000", so that the amount's own check says
 * what is wrong, at the amount. */
static bool thousands_key(const bg_node *key, const bg_node *value, const bg_node *before)
{
    if (key->type != BG_NODE_SCALAR || key->style != BG_STYLE_PLAIN || !value->null ||
        before->type != BG_NODE_SCALAR || before->style != BG_STYLE_PLAIN || before->null)
        return false;
    const char *k = key->text;
    size_t kl = key->len;
    if (!digits_then(k, 0, kl, 3, 3) ||
        (kl > 3 && (k[3] != '.' || !digits_then(k, 4, kl, 1, kl) || kl == 4)))
        return false;
    /* The value so far: 1 to 3 digits, then groups of ",ddd". */
    const char *v = before->text;
    size_t vl = before->len, lead = 0;
    while (lead < vl && v[lead] >= '0' && v[lead] <= '9')
        lead++;
    if (lead == 0 || lead > 3 || (vl - lead) % 4 != 0)
        return false;
    for (size_t i = lead; i < vl; i += 4)
        if (v[i] != ',' || !digits_then(v, i + 1, i + 4, 3, 3))
            return false;
    return key->line == before->line && key->column == before->column + vl + 1;
}

static void join_thousands(builder *b, GPtrArray *kids)
{
    for (guint i = 2; i + 1 < kids->len;) {
        bg_node *before = kids->pdata[i - 1];
        const bg_node *key = kids->pdata[i], *value = kids->pdata[i + 1];
        if (!thousands_key(key, value, before)) {
            i += 2;
            continue;
        }
        char *joined = arena_alloc(&b->t->mem, before->len + 1 + key->len + 1);
        memcpy(joined, before->text, before->len);
        joined[before->len] = ',';
        memcpy(joined + before->len + 1, key->text, key->len + 1);
        before->text = joined;
        before->len += 1 + key->len;
        g_ptr_array_remove_range(kids, i, 2);
    }
}

static void close_container(builder *b)
{
    open_node o = g_array_index(b->stack, open_node, b->stack->len - 1);
    g_array_set_size(b->stack, b->stack->len - 1);
    bg_node *n = o.node;
    if (n->type == BG_NODE_MAP)
        join_thousands(b, o.kids);
    n->children = arena_alloc(&b->t->mem, (o.kids->len ? o.kids->len : 1) * sizeof(bg_node *));
    if (o.kids->len)
        memcpy(n->children, o.kids->pdata, o.kids->len * sizeof(bg_node *));
    n->len = n->type == BG_NODE_MAP ? o.kids->len / 2 : o.kids->len;
    if (n->type == BG_NODE_MAP) {
        for (uint32_t i = 1; i < n->len; i++)
            for (uint32_t k = 0; k < i; k++)
                if (same_key(bg_node_key(n, i), bg_node_key(n, k))) {
                    const bg_node *key = bg_node_key(n, i);
                    bg_diag_add(b->diag, b->file, (int)key->line, (int)key->column, NULL,
                                "字段“%s”重复（第 %u 行已有）", key->text,
                                bg_node_key(n, k)->line);
                    b->failed = true;
                    break;
                }
    }
    g_ptr_array_free(o.kids, TRUE);
    attach(b, n);
}

static void open_container(builder *b, bg_node_type type, const struct fy_mark *m,
                           struct fy_token *anchor_tok)
{
    open_node o = {.node = new_node(b, type, m), .kids = g_ptr_array_new()};
    anchor(b, anchor_tok, o.node);
    g_array_append_val(b->stack, o);
}

static void scalar(builder *b, struct fy_event *e)
{
    struct fy_token *tok = e->scalar.value;
    bg_node *n = new_node(b, BG_NODE_SCALAR, tok ? fy_event_start_mark(e) : NULL);
    size_t len = 0;
    const char *s = tok ? fy_token_get_text(tok, &len) : "";
    if (!s)
        s = "";
    char *copy = arena_alloc(&b->t->mem, len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    n->text = copy;
    n->len = (uint32_t)len;
    n->null = tok == NULL;
    if (!tok && b->stack->len) {
        /* An empty value has no place of its own: use its key's. */
        GPtrArray *kids = g_array_index(b->stack, open_node, b->stack->len - 1).kids;
        if (kids->len) {
            const bg_node *prev = kids->pdata[kids->len - 1];
            n->line = prev->line;
            n->column = prev->column;
        }
    }
    switch (tok ? fy_token_scalar_style(tok) : FYSS_PLAIN) {
    case FYSS_SINGLE_QUOTED:
    case FYSS_DOUBLE_QUOTED:
        n->style = BG_STYLE_QUOTED;
        if (n->column > 1)
            n->column--; /* libfyaml marks the text after the quote */
        break;
    case FYSS_LITERAL:
    case FYSS_FOLDED:
        n->style = BG_STYLE_BLOCK;
        break;
    default:
        n->style = BG_STYLE_PLAIN;
    }
    /* "a\u0000b" would be cut short to "a" everywhere a C string is used. */
    if (memchr(copy, '\0', len)) {
        bg_diag_add(b->diag, b->file, (int)n->line, (int)n->column, NULL,
                    "文字中含有空字符（\\u0000），请删去它");
        b->failed = true;
    }
    anchor(b, e->scalar.anchor, n);
    attach(b, n);
}

bg_tree *bg_tree_parse(const char *file, const char *text, size_t len, bool json,
                       bg_diag *diag)
{
    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    struct fy_diag *fd = fy_diag_create(&dcfg);
    fy_diag_set_collect_errors(fd, true);
    struct fy_parse_cfg cfg = {
        .flags = FYPCF_QUIET | (json ? FYPCF_JSON_FORCE : FYPCF_JSON_NONE),
        .diag = fd,
    };
    struct fy_parser *p = fy_parser_create(&cfg);
    builder b = {.file = file, .diag = diag};
    b.t = g_new0(bg_tree, 1);
    b.stack = g_array_new(FALSE, FALSE, sizeof(open_node));
    b.anchors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    fy_parser_set_string(p, text, len);
    struct fy_event *e;
    int documents = 0;
    while ((e = fy_parser_parse(p)) != NULL) {
        switch (e->type) {
        case FYET_DOCUMENT_START:
            if (++documents == 2) {
                bg_diag_add(diag, file, (int)fy_event_start_mark(e)->line + 1, 1, NULL,
                            "一个文件只能有一个文档（这里出现了第二个“---”）");
                b.failed = true;
            }
            break;
        case FYET_MAPPING_START:
            open_container(&b, BG_NODE_MAP, fy_event_start_mark(e), e->mapping_start.anchor);
            break;
        case FYET_SEQUENCE_START:
            open_container(&b, BG_NODE_SEQ, fy_event_start_mark(e), e->sequence_start.anchor);
            break;
        case FYET_MAPPING_END:
        case FYET_SEQUENCE_END:
            close_container(&b);
            break;
        case FYET_SCALAR:
            scalar(&b, e);
            break;
        case FYET_ALIAS: {
            const char *name = fy_token_get_text0(e->alias.anchor);
            bg_node *target = g_hash_table_lookup(b.anchors, name);
            if (target) {
                attach(&b, target);
            } else {
                const struct fy_mark *m = fy_event_start_mark(e);
                bg_diag_add(diag, file, m ? m->line + 1 : 1, m ? m->column + 1 : 1, NULL,
                            "引用“*%s”之前没有定义锚点“&%s”", name, name);
                b.failed = true;
            }
            break;
        }
        default:
            break;
        }
        fy_parser_event_free(p, e);
    }
    bool syntax = fy_parser_get_stream_error(p);
    void *it = NULL;
    struct fy_diag_error *de;
    bool reported = false;
    while ((de = fy_diag_errors_iterate(fd, &it)) != NULL) {
        if (de->type < FYET_ERROR)
            continue;
        /* libfyaml's own words stay in the message, after ours, so a
         * developer can look them up. */
        bg_diag_add(diag, file, de->line > 0 ? de->line : 1, de->column > 0 ? de->column : 1,
                    NULL, "%s 语法错误（%s）", json ? "JSON" : "YAML", de->msg);
        reported = true;
    }
    if (syntax && !reported)
        bg_diag_add(diag, file, 1, 1, NULL, "%s 语法错误", json ? "JSON" : "YAML");
    if (!syntax && !b.failed && !b.t->root) {
        bg_diag_add(diag, file, 1, 1, NULL, "文件是空的");
        b.failed = true;
    }
    /* Containers left open after a syntax error. */
    for (guint i = 0; i < b.stack->len; i++)
        g_ptr_array_free(g_array_index(b.stack, open_node, i).kids, TRUE);
    g_array_free(b.stack, TRUE);
    g_hash_table_destroy(b.anchors);
    fy_parser_destroy(p);
    fy_diag_destroy(fd);
    if (syntax || reported || b.failed) {
        bg_tree_free(b.t);
        return NULL;
    }
    return b.t;
}

void bg_tree_free(bg_tree *t)
{
    if (!t)
        return;
    g_slist_free_full(t->mem.blocks, g_free);
    g_free(t);
}

const bg_node *bg_tree_root(const bg_tree *t)
{
    return t->root;
}

const bg_node *bg_node_lookup(const bg_node *map, const char *key)
{
    if (!map || map->type != BG_NODE_MAP)
        return NULL;
    size_t len = strlen(key);
    for (uint32_t i = 0; i < map->len; i++) {
        const bg_node *k = bg_node_key(map, i);
        if (k->type == BG_NODE_SCALAR && k->len == len && memcmp(k->text, key, len) == 0)
            return bg_node_value(map, i);
    }
    return NULL;
}
