#include "model/catalog.h"

#include <string.h>

#include "model/textfile.h"

static const char *const class_files[BG_CLASS_COUNT] = {
    "function.tsv", "dept_econ.tsv", "gov_econ.tsv"};

const char *bg_class_label(bg_class cls)
{
    static const char *const labels[BG_CLASS_COUNT] = {
        "支出功能分类科目", "部门预算支出经济分类科目", "政府预算支出经济分类科目"};
    return labels[cls];
}

static void fund_free(gpointer p)
{
    bg_fund *f = p;
    g_free(f->code);
    g_free(f->name);
    g_free(f->budget);
    g_free(f);
}

/* Calls `row` for each non-comment line of a tab-separated file, split into
 * fields. Returns false (with an error in diag) when the file can't be read. */
typedef bool (*row_fn)(char **fields, guint n, gpointer data, const char *path,
                       int line, bg_diag *diag);

static bool read_tsv(const char *path, row_fn row, gpointer data, bg_diag *diag)
{
    char *text = NULL;
    size_t len = 0;
    if (!bg_text_file_read(path, "科目目录", &text, &len, diag))
        return false;
    if (!bg_text_check_utf8(path, text, len, diag)) {
        g_free(text);
        return false;
    }
    bool ok = true;
    char **lines = g_strsplit(text, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        char *l = lines[i];
        g_strchomp(l);
        if (*l == '\0' || *l == '#')
            continue;
        char **f = g_strsplit(l, "\t", -1);
        if (!row(f, g_strv_length(f), data, path, i + 1, diag))
            ok = false;
        g_strfreev(f);
    }
    g_strfreev(lines);
    g_free(text);
    return ok;
}

static bool class_row(char **f, guint n, gpointer data, const char *path, int line,
                      bg_diag *diag)
{
    GHashTable *names = data;
    if (n < 2 || !*f[0] || !*f[1]) {
        bg_diag_add(diag, path, line, 1, NULL, "目录行应为“编码<TAB>名称”");
        return false;
    }
    g_hash_table_replace(names, g_strdup(f[0]), g_strdup(f[1]));
    return true;
}

static bool fund_row(char **f, guint n, gpointer data, const char *path, int line,
                     bg_diag *diag)
{
    GPtrArray *funds = data;
    if (n < 4 || (g_strcmp0(f[3], "是") != 0 && g_strcmp0(f[3], "否") != 0)) {
        bg_diag_add(diag, path, line, 1, NULL,
                    "资金来源目录行应为“编码<TAB>名称<TAB>预算类别<TAB>是/否（财政拨款）”");
        return false;
    }
    bg_fund *fund = g_new0(bg_fund, 1);
    fund->code = g_strdup(f[0]);
    fund->name = g_strdup(f[1]);
    fund->budget = g_strdup(f[2]);
    fund->appropriation = g_strcmp0(f[3], "是") == 0;
    g_ptr_array_add(funds, fund);
    return true;
}

static bool word_row(char **f, guint n, gpointer data, const char *path, int line,
                     bg_diag *diag)
{
    (void)n;
    (void)path;
    (void)line;
    (void)diag;
    g_ptr_array_add(data, g_strdup(g_strstrip(f[0])));
    return true;
}

bg_catalog *bg_catalog_load(const char *dir, bg_diag *diag)
{
    bg_catalog *c = g_new0(bg_catalog, 1);
    bool ok = true;
    for (int i = 0; i < BG_CLASS_COUNT; i++) {
        c->names[i] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        char *path = g_build_filename(dir, class_files[i], NULL);
        ok = read_tsv(path, class_row, c->names[i], diag) && ok;
        g_free(path);
    }
    c->funds = g_ptr_array_new_with_free_func(fund_free);
    char *path = g_build_filename(dir, "funds.tsv", NULL);
    ok = read_tsv(path, fund_row, c->funds, diag) && ok;
    /* The first fund is what a line item without `fund` is; filters keep a
     * set of funds in 64 bits. */
    if (ok && (c->funds->len == 0 || c->funds->len > 64)) {
        bg_diag_add(diag, path, 0, 0, NULL,
                    c->funds->len ? "资金来源最多 64 种" : "资金来源目录是空的：至少要有一种资金来源");
        ok = false;
    }
    for (guint i = 0; ok && i < c->funds->len; i++)
        for (guint k = 0; k < i; k++)
            if (strcmp(((bg_fund *)c->funds->pdata[i])->code,
                       ((bg_fund *)c->funds->pdata[k])->code) == 0) {
                bg_diag_add(diag, path, 0, 0, NULL, "资金来源“%s”重复",
                            ((bg_fund *)c->funds->pdata[i])->code);
                ok = false;
            }
    g_free(path);
    c->words = g_ptr_array_new_with_free_func(g_free);
    path = g_build_filename(dir, "words.txt", NULL);
    if (g_file_test(path, G_FILE_TEST_EXISTS))
        ok = read_tsv(path, word_row, c->words, diag) && ok;
    g_free(path);
    if (!ok) {
        bg_catalog_free(c);
        return NULL;
    }
    return c;
}

void bg_catalog_free(bg_catalog *c)
{
    if (!c)
        return;
    for (int i = 0; i < BG_CLASS_COUNT; i++)
        if (c->names[i])
            g_hash_table_destroy(c->names[i]);
    if (c->funds)
        g_ptr_array_free(c->funds, TRUE);
    if (c->words)
        g_ptr_array_free(c->words, TRUE);
    g_free(c);
}

const char *bg_catalog_name(const bg_catalog *c, bg_class cls, const char *code)
{
    return g_hash_table_lookup(c->names[cls], code);
}

int bg_catalog_fund(const bg_catalog *c, const char *code)
{
    for (guint i = 0; i < c->funds->len; i++)
        if (g_strcmp0(((bg_fund *)c->funds->pdata[i])->code, code) == 0)
            return (int)i;
    return -1;
}
