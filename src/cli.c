/* The commands' shared ground: data folders, the session, loading and
 * deriving a department file, printing errors and changes. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "derive/document.h"
#include "derive/eval.h"
#include "input/load.h"
#include "render/disclosure.h"

void cli_print_errors(bg_diag *diag)
{
    bg_diag_sort(diag);
    for (guint i = 0; i < diag->errors->len; i++) {
        char *s = bg_error_format(diag->errors->pdata[i]);
        fprintf(stderr, "%s\n", s);
        g_free(s);
    }
}

/* Where the program's data (templates/, fonts/) is: under $BUDGETGEN_HOME
 * when set, else beside the binary — an installed copy's
 * ../share/budgetgen/, or a checkout's build/../ — so that a moved clone or
 * an installed copy works without a path compiled in. Caller frees. */
char *cli_data_dir(const char *sub)
{
    const char *home = g_getenv("BUDGETGEN_HOME");
    if (home && *home)
        return g_build_filename(home, sub, NULL);
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    char *dir = exe ? g_path_get_dirname(exe) : g_strdup(".");
    g_free(exe);
    char *candidates[] = {g_build_filename(dir, "..", "share", "budgetgen", sub, NULL),
                          g_build_filename(dir, "..", sub, NULL)};
    char *found = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(candidates); i++) {
        if (!found && g_file_test(candidates[i], G_FILE_TEST_IS_DIR))
            found = candidates[i];
        else
            g_free(candidates[i]);
    }
    g_free(dir);
    /* canonical, for messages that name it (never build/../fonts) */
    char *canon = g_canonicalize_filename(found ? found : sub, NULL);
    g_free(found);
    return canon;
}

/* Reads the catalog; false after printing why it could not be read. */
bool cli_session_open(cli_session *s, const char *templates)
{
    bg_diag *diag = bg_diag_new();
    /* A folder of a jurisdiction's own formats shares the standard catalog
     * unless it brings its own. */
    char *catalog_dir = g_build_filename(templates, "catalog", NULL);
    if (!g_file_test(catalog_dir, G_FILE_TEST_IS_DIR)) {
        char *standard = cli_data_dir("templates");
        g_free(catalog_dir);
        catalog_dir = g_build_filename(standard, "catalog", NULL);
        g_free(standard);
    }
    s->catalog = bg_catalog_load(catalog_dir, diag);
    g_free(catalog_dir);
    if (!s->catalog)
        cli_print_errors(diag);
    bg_diag_free(diag);
    s->formats = s->catalog ? bg_formats_new(templates, s->catalog) : NULL;
    return s->catalog != NULL;
}

void cli_session_close(cli_session *s)
{
    bg_formats_free(s->formats);
    bg_catalog_free(s->catalog);
}

/* Where in the department file a missing value belongs, for the message. */
static const char *home_of(const char *name)
{
    static const struct {
        const char *prefix, *home;
    } homes[] = {{"texts.", "texts"},           {"figures.", "figures"},
                 {"item.texts.", "项目的 texts"}, {"item.figures.", "项目的 figures"},
                 {"item.", "项目"},              {"project.", "项目"},
                 {"profile.", "profile"},        {"performance.", "performance"},
                 {"department.", "department"}};
    for (size_t i = 0; i < G_N_ELEMENTS(homes); i++) /* longer prefixes first */
        if (g_str_has_prefix(name, homes[i].prefix))
            return homes[i].home;
    return "部门文件";
}

/* Values the format's templates need that the file lacks: errors at its
 * `texts` (the format's own mistakes were found when it was loaded). */
static void missing_errors(const bg_department *d, const bg_eval *e, bg_diag *diag)
{
    const GPtrArray *missing = bg_eval_missing(e);
    for (guint i = 0; i < missing->len; i++) {
        const char *name = missing->pdata[i];
        bg_diag_add(diag, d->file, d->texts_line, d->texts_column, name,
                    "公开格式 %s 的说明文字或表格要用到它，文件中没有（请在 %s 下补上）",
                    d->format, home_of(name));
    }
}

void cli_loaded_clear(cli_loaded *l)
{
    bg_derived_free(l->x);
    bg_doc_free(l->doc);
    bg_department_free(l->d);
    *l = (cli_loaded){0};
}

/* Loads and derives `file`. Whatever `check` would refuse is refused here
 * too, so that no command publishes a sentence with a hole: returns false
 * after printing every error, with the exit status in *status. */
bool cli_load_derive(cli_session *s, const char *file, cli_loaded *out, int *status)
{
    *out = (cli_loaded){0};
    bg_diag *diag = bg_diag_new();
    bool io_error = false;
    out->d = bg_load_department(file, s->catalog, s->formats, diag, &io_error);
    if (out->d) {
        out->f = bg_formats_get(s->formats, out->d->format, diag);
    }
    if (out->f) {
        out->x = bg_derive(out->d, out->f);
        bg_eval_verify(out->x->eval, diag);
        out->doc = bg_derive_document(out->x);
        missing_errors(out->d, out->x->eval, diag);
    }
    bool ok = bg_diag_count(diag) == 0;
    if (!ok) {
        cli_print_errors(diag);
        fprintf(stderr, "%s：共 %u 处错误\n", file, bg_diag_count(diag));
        *status = io_error ? EXIT_USAGE : EXIT_INVALID;
        cli_loaded_clear(out);
        out->errors = bg_diag_count(diag);
    }
    bg_diag_free(diag);
    return ok;
}

char *cli_change_line(const bg_change *c)
{
    char a[BG_MONEY_BUF], b[BG_MONEY_BUF];
    if (c->kind == BG_CHANGE_ITEM)
        return g_strdup_printf("明细 %s：%s → %s 元%s", c->where,
                               *c->old_text ? bg_money_format_exact_grouped(c->old_value, a) : "（无）",
                               *c->new_text ? bg_money_format_exact_grouped(c->new_value, b) : "（无）",
                               !*c->old_text ? "（新增）" : !*c->new_text ? "（删除）" : "");
    return g_strdup_printf("%s %s：%s → %s", c->kind == BG_CHANGE_CELL ? "表格" : "说明", c->where,
                           *c->old_text ? c->old_text : "（无）",
                           *c->new_text ? c->new_text : "（无）");
}

void cli_print_change(const bg_change *c)
{
    switch (c->kind) {
    case BG_CHANGE_CELL:
    case BG_CHANGE_ITEM: {
        char *line = cli_change_line(c);
        printf("%s\n", line);
        g_free(line);
        break;
    }
    case BG_CHANGE_SENTENCE: {
        char *om, *nm;
        bg_diff_mark(c->old_text, c->new_text, &om, &nm);
        printf("说明 %s：\n", c->where);
        if (*c->old_text)
            printf("  旧：%s\n", om);
        if (*c->new_text)
            printf("  新：%s\n", nm);
        g_free(om);
        g_free(nm);
        break;
    }
    }
}

/* SOURCE_DATE_EPOCH, when set, dates the outputs: a value that cannot be a
 * date is a usage error, never silently replaced by another date. */
bool cli_check_source_date_epoch(void)
{
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    gint64 t;
    if (!epoch || !*epoch || bg_epoch_parse(epoch, &t))
        return true;
    fprintf(stderr,
            "budgetgen：环境变量 SOURCE_DATE_EPOCH 应为 %" G_GINT64_FORMAT "（1980-01-01）到 %"
            G_GINT64_FORMAT "（9999-12-31）之间的秒数，只写数字，这里是“%s”\n",
            BG_EPOCH_FIRST, BG_EPOCH_LAST, epoch);
    return false;
}
