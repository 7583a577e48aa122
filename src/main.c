/* budgetgen: the command line. Only this file (and batch.c, the progress of
 * a batch) prints and chooses exit codes. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "derive/derive.h"
#include "derive/diff.h"
#include "derive/document.h"
#include "derive/totals.h"
#include "input/formats.h"
#include "input/import.h"
#include "input/load.h"
#include "model/catalog.h"
#include "model/diag.h"
#include "render/atomic.h"
#include "render/disclosure.h"
#include "render/index.h"
#include "render/input_workbook.h"
#include "render/json.h"
#include "batch.h"

#define BG_VERSION "0.1.0"

enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };

static const char *usage_text =
    "用法：budgetgen [选项] 命令 文件…\n"
    "\n"
    "把一个部门的预算数据（YAML 或 JSON）生成部门预算公开文件。\n"
    "\n"
    "命令：\n"
    "  check 文件…    读取并检查每个部门文件，打印摘要（单位、明细、项目、按资金来源的合计）或全部错误\n"
    "  tables 文件    打印由预算明细推导出的全部附表（--json：机器可读的 JSON）\n"
    "  text 文件      打印第一至第三部分的说明文字（用于审阅和比较两个版本）\n"
    "  render 文件或目录…\n"
    "                 生成部门预算公开 PDF 和 XLSX，写入 output/<部门编码>-<年度>.pdf/.xlsx；\n"
    "                 目录代表其中的 .yaml、.yml、.json 部门文件；多个部门时同时生成\n"
    "                 （-j），另写 index.xlsx 和 index.json，最后打印汇总\n"
    "  import 导出    把预算管理一体化系统导出的预算明细（.xlsx 或 .csv）写成部门文件：\n"
    "                 -o 部门文件 [--into 原部门文件] [--mapping 映射]（templates/imports/）；\n"
    "                 没有 --into 时另需 --code --name --year --format\n"
    "  template 格式  写出按该公开格式填写的录入工作簿（-o 部门预算录入.xlsx）；\n"
    "                 填好的工作簿可直接作为部门文件用于 check、tables、text、render\n"
    "  diff 旧 新     比较同一部门的两个版本：变了的表格单元格、说明文字和预算明细\n"
    "                 （--json：机器可读）；退出状态 0 无差别，1 有差别，2 出错\n"
    "\n"
    "选项：\n"
    "  -h, --help          显示本帮助\n"
    "  --version           显示版本\n"
    "  --templates=目录    公开格式所在目录（默认：环境变量 BUDGETGEN_HOME 下的 templates/，\n"
    "                      否则程序所在位置的 ../share/budgetgen/templates 或 ../templates）；\n"
    "                      其中没有 catalog/ 时用默认的科目目录\n"
    "  --json              tables、diff 命令输出 JSON\n"
    "  -o, --output=目录   render 命令的输出目录（默认 output）；import 命令要写的文件\n"
    "  --pdf, --xlsx       render 命令只生成 PDF 或只生成 XLSX（默认两者都生成）\n"
    "  -j, --jobs=N        render 命令同时生成的部门数（默认为处理器核数）；\n"
    "                      一个部门出错或异常终止不影响其他部门\n"
    "\n"
    "退出状态：0 成功；1 输入有错误；2 用法错误、文件无法读取或无法写入。\n"
    "文件格式见 samples/SCHEMA.md。\n";

static void print_errors(bg_diag *diag)
{
    bg_diag_sort(diag);
    for (guint i = 0; i < diag->errors->len; i++) {
        char *s = bg_error_format(diag->errors->pdata[i]);
        fprintf(stderr, "%s\n", s);
        g_free(s);
    }
}

static void print_summary(const bg_department *d)
{
    bg_totals t;
    bg_totals_compute(d, &t);
    char a[BG_MONEY_BUF], b[BG_MONEY_BUF];
    printf("%s：%s %d 年（公开格式 %s）\n", d->file, d->name, d->year, d->format);
    printf("  预算单位 %u 个，预算明细 %u 条，项目 %u 个，政府采购 %u 条\n", d->units->len,
           d->items->len, d->projects->len, d->procurement->len);
    printf("  收支总计 %s 元（%s 万元）\n", bg_money_format_exact_grouped(t.total, a),
           bg_money_format_wan(t.total, 2, 0, b));
    printf("    基本支出 %s 元\n", bg_money_format_exact_grouped(t.basic, a));
    printf("    项目支出 %s 元\n", bg_money_format_exact_grouped(t.project, a));
    if (t.carry_over)
        printf("    其中上年结转结余 %s 元\n", bg_money_format_exact_grouped(t.carry_over, a));
    printf("  按资金来源：\n");
    for (guint f = 0; f < t.n_funds; f++) {
        if (!t.by_fund[f])
            continue;
        const bg_fund *fund = d->catalog->funds->pdata[f];
        printf("    %s（%s）%s 元\n", fund->code, fund->budget,
               bg_money_format_exact_grouped(t.by_fund[f], a));
    }
    if (d->procurement->len)
        printf("  政府采购 %s 元\n", bg_money_format_exact_grouped(t.procurement, a));
    bg_totals_clear(&t);
}

/* Where the program's data (templates/, fonts/) is: under $BUDGETGEN_HOME
 * when set, else beside the binary — an installed copy's
 * ../share/budgetgen/, or a checkout's build/../ — so that a moved clone or
 * an installed copy works without a path compiled in. Caller frees. */
static char *data_dir(const char *sub)
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

/* What every command reads besides the department files: the catalog and
 * the formats, each read once. */
typedef struct {
    bg_catalog *catalog;
    bg_formats *formats;
} session;

/* Reads the catalog; false after printing why it could not be read. */
static bool session_open(session *s, const char *templates)
{
    bg_diag *diag = bg_diag_new();
    /* A folder of a jurisdiction's own formats shares the standard catalog
     * unless it brings its own. */
    char *catalog_dir = g_build_filename(templates, "catalog", NULL);
    if (!g_file_test(catalog_dir, G_FILE_TEST_IS_DIR)) {
        char *standard = data_dir("templates");
        g_free(catalog_dir);
        catalog_dir = g_build_filename(standard, "catalog", NULL);
        g_free(standard);
    }
    s->catalog = bg_catalog_load(catalog_dir, diag);
    g_free(catalog_dir);
    if (!s->catalog)
        print_errors(diag);
    bg_diag_free(diag);
    s->formats = s->catalog ? bg_formats_new(templates, s->catalog) : NULL;
    return s->catalog != NULL;
}

static void session_close(session *s)
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

/* A department file read, checked and derived. */
typedef struct {
    bg_department *d;
    const bg_format *f; /* owned by the session */
    bg_derived *x;
    bg_doc *doc;
    unsigned errors; /* found, when it failed */
} loaded;

static void loaded_clear(loaded *l)
{
    bg_derived_free(l->x);
    bg_doc_free(l->doc);
    bg_department_free(l->d);
    *l = (loaded){0};
}

/* Loads and derives `file`. Whatever `check` would refuse is refused here
 * too, so that no command publishes a sentence with a hole: returns false
 * after printing every error, with the exit status in *status. */
static bool load_derive(session *s, const char *file, loaded *out, int *status)
{
    *out = (loaded){0};
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
        print_errors(diag);
        fprintf(stderr, "%s：共 %u 处错误\n", file, bg_diag_count(diag));
        *status = io_error ? EXIT_USAGE : EXIT_INVALID;
        loaded_clear(out);
        out->errors = bg_diag_count(diag);
    }
    bg_diag_free(diag);
    return ok;
}

/* Texts and figures of the file that the format never prints: not errors,
 * but likely a text written for another format or a misspelt key. */
static void unused_warnings(const bg_department *d, const bg_format *f)
{
    GHashTable *maps[] = {d->texts, d->figures};
    const char *prefix[] = {"texts.", "figures."};
    for (int m = 0; m < 2; m++) {
        GList *keys = g_list_sort(g_hash_table_get_keys(maps[m]), (GCompareFunc)strcmp);
        for (GList *k = keys; k; k = k->next) {
            char *name = g_strconcat(prefix[m], (char *)k->data, NULL);
            char *quoted = g_strdup_printf("{%s}", name);
            /* A text may quote another text of the file's. */
            bool used = g_hash_table_contains(f->quoted, name);
            GHashTableIter it;
            gpointer v;
            g_hash_table_iter_init(&it, d->texts);
            while (!used && g_hash_table_iter_next(&it, NULL, &v))
                used = strstr(v, quoted) != NULL;
            if (!used)
                fprintf(stderr, "%s:%d:%d: 警告：字段 %s：公开格式 %s 不使用它，它不会出现在公开文件中\n",
                        d->file, d->texts_line, d->texts_column, name, d->format);
            g_free(quoted);
            g_free(name);
        }
        g_list_free(keys);
    }
}

static int cmd_check(char **files, int n, const char *templates)
{
    session s;
    if (!session_open(&s, templates))
        return EXIT_USAGE;
    int status = 0;
    for (int i = 0; i < n; i++) {
        loaded l;
        int st = 0;
        if (load_derive(&s, files[i], &l, &st)) {
            unused_warnings(l.d, l.f);
            print_summary(l.d);
            loaded_clear(&l);
        } else if (st == EXIT_USAGE || status == 0) {
            status = st;
        }
    }
    session_close(&s);
    return status;
}

/* Prints a table as tab-separated text, header first: for reading and diff. */
static void print_table_text(const bg_table *t)
{
    printf("表%s %s", t->number, t->title);
    if (t->subtitle)
        printf(" %s", t->subtitle);
    if (*t->unit_line)
        printf("（%s）", t->unit_line);
    printf("\n");
    for (int r = 0; r < t->header_rows; r++) {
        for (guint i = 0; i < t->header->len; i++) {
            const bg_header_cell *h = t->header->pdata[i];
            if (h->row == r)
                printf("%s%s", h->col ? "\t" : "", h->text);
        }
        printf("\n");
    }
    for (guint i = 0; i < t->rows->len; i++) {
        const bg_row *row = t->rows->pdata[i];
        for (int c = 0; c < t->n_cols; c++)
            printf("%s%s", c ? "\t" : "", row->cells[c].text);
        printf("\n");
    }
    for (guint i = 0; i < t->notes->len; i++)
        printf("%s\n", (char *)t->notes->pdata[i]);
    printf("\n");
}

static int cmd_text(const char *file, const char *templates)
{
    session s;
    if (!session_open(&s, templates))
        return EXIT_USAGE;
    int status = 0;
    loaded l;
    if (load_derive(&s, file, &l, &status)) {
        for (guint i = 0; i < l.doc->parts->len; i++) {
            const bg_doc_part *p = l.doc->parts->pdata[i];
            printf("%s\n", p->title);
            for (guint k = 0; k < p->sections->len; k++) {
                const bg_doc_section *sec = p->sections->pdata[k];
                if (*sec->heading)
                    printf("%s\n", sec->heading);
                for (guint j = 0; j < sec->paragraphs->len; j++)
                    printf("%s\n", (char *)sec->paragraphs->pdata[j]);
            }
        }
        loaded_clear(&l);
    }
    session_close(&s);
    return status;
}

static int cmd_tables(const char *file, const char *templates, bool json)
{
    session s;
    if (!session_open(&s, templates))
        return EXIT_USAGE;
    int status = 0;
    loaded l;
    if (load_derive(&s, file, &l, &status)) {
        if (json) {
            GString *out = g_string_new(NULL);
            bg_json_tables(out, l.doc);
            fwrite(out->str, 1, out->len, stdout);
            g_string_free(out, TRUE);
        } else {
            for (guint i = 0; i < l.doc->tables->len; i++)
                print_table_text(l.doc->tables->pdata[i]);
        }
        loaded_clear(&l);
    }
    session_close(&s);
    return status;
}

static void print_change(const bg_change *c)
{
    char a[BG_MONEY_BUF], b[BG_MONEY_BUF];
    switch (c->kind) {
    case BG_CHANGE_CELL:
        printf("表格 %s：%s → %s\n", c->where, *c->old_text ? c->old_text : "（无）",
               *c->new_text ? c->new_text : "（无）");
        break;
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
    case BG_CHANGE_ITEM:
        printf("明细 %s：%s → %s 元%s\n", c->where,
               *c->old_text ? bg_money_format_exact_grouped(c->old_value, a) : "（无）",
               *c->new_text ? bg_money_format_exact_grouped(c->new_value, b) : "（无）",
               !*c->old_text ? "（新增）" : !*c->new_text ? "（删除）" : "");
        break;
    }
}

static void json_changes(GString *out, const GPtrArray *changes)
{
    static const char *const kinds[] = {"cell", "sentence", "item"};
    char a[BG_MONEY_BUF], b[BG_MONEY_BUF];
    g_string_append_printf(out, "{\"count\": %u, \"changes\": [", changes->len);
    for (guint i = 0; i < changes->len; i++) {
        const bg_change *c = changes->pdata[i];
        g_string_append_printf(out, "%s\n  {\"kind\": \"%s\", \"where\": ", i ? "," : "",
                               kinds[c->kind]);
        bg_json_string(out, c->where);
        g_string_append(out, ", \"old\": ");
        bg_json_string(out, c->old_text);
        g_string_append(out, ", \"new\": ");
        bg_json_string(out, c->new_text);
        if (c->has_value)
            g_string_append_printf(out, ", \"old_value\": \"%s\", \"new_value\": \"%s\"",
                                   bg_money_format_exact(c->old_value, a),
                                   bg_money_format_exact(c->new_value, b));
        g_string_append_c(out, '}');
    }
    g_string_append(out, "\n]}\n");
}

/* Exit status as diff(1): 0 the same, 1 something changed, 2 trouble. */
static int cmd_diff(const char *old_file, const char *new_file, const char *templates,
                    bool json)
{
    session s;
    if (!session_open(&s, templates))
        return EXIT_USAGE;
    loaded a, b;
    int st = 0;
    if (!load_derive(&s, old_file, &a, &st)) {
        session_close(&s);
        return EXIT_USAGE;
    }
    if (!load_derive(&s, new_file, &b, &st)) {
        loaded_clear(&a);
        session_close(&s);
        return EXIT_USAGE;
    }
    GPtrArray *changes = bg_diff(a.d, a.doc, b.d, b.doc);
    if (json) {
        GString *out = g_string_new(NULL);
        json_changes(out, changes);
        fwrite(out->str, 1, out->len, stdout);
        g_string_free(out, TRUE);
    } else {
        guint n[3] = {0};
        for (guint i = 0; i < changes->len; i++) {
            const bg_change *c = changes->pdata[i];
            print_change(c);
            n[c->kind]++;
        }
        if (changes->len)
            printf("共 %u 处变化：表格 %u 处，说明 %u 处，明细 %u 处\n", changes->len, n[0], n[1],
                   n[2]);
        else
            printf("两个版本没有差别\n");
    }
    int status = changes->len ? 1 : 0;
    g_ptr_array_free(changes, TRUE);
    loaded_clear(&a);
    loaded_clear(&b);
    session_close(&s);
    return status;
}

/* import: the export's line items into a department file, checked by the
 * loader before anything is written. */
static int cmd_import(const char *export_path, const char *templates, const bg_import_opts *io,
                      const char *out)
{
    if (!out) {
        fprintf(stderr, "budgetgen import：请用 -o 给出要写的部门文件\n");
        return EXIT_USAGE;
    }
    if (!io->into && (!io->code || !io->name || !io->format || io->year <= 0)) {
        fprintf(stderr, "budgetgen import：没有 --into 时，请用 --code、--name、--year、--format "
                        "给出部门编码、名称、年度和公开格式\n");
        return EXIT_USAGE;
    }
    session s;
    if (!session_open(&s, templates))
        return EXIT_USAGE;
    bg_diag *diag = bg_diag_new();
    bg_import_opts o = *io;
    /* a folder of one's own formats shares the standard mappings too */
    char *own = g_build_filename(templates, "imports", NULL);
    char *standard = g_file_test(own, G_FILE_TEST_IS_DIR) ? NULL : data_dir("templates");
    o.templates = standard ? standard : templates;
    g_free(own);
    char *text = bg_import(export_path, &o, s.catalog, diag);
    int status = 0;
    if (text) {
        /* What is written must load: the same checks as any department file. */
        bg_department *d =
            bg_load_department_text(out, text, strlen(text), s.catalog, s.formats, diag);
        bg_department_free(d);
    }
    if (bg_diag_count(diag)) {
        print_errors(diag);
        fprintf(stderr, "%s：共 %u 处错误，未写入 %s\n", export_path, bg_diag_count(diag), out);
        status = EXIT_INVALID;
    } else {
        GError *err = NULL;
        if (!g_file_set_contents(out, text, -1, &err)) {
            fprintf(stderr, "budgetgen：无法写入“%s”：%s\n", out, err->message);
            g_error_free(err);
            status = EXIT_USAGE;
        } else {
            printf("%s\n", out);
        }
    }
    g_free(text);
    g_free(standard);
    bg_diag_free(diag);
    session_close(&s);
    return status;
}

/* template: the workbook to fill in for a format. */
static int cmd_template(const char *format, const char *templates, const char *out)
{
    if (!out) {
        fprintf(stderr, "budgetgen template：请用 -o 给出要写的工作簿（.xlsx）\n");
        return EXIT_USAGE;
    }
    session s;
    if (!session_open(&s, templates))
        return EXIT_USAGE;
    int status = 0;
    bg_diag *diag = bg_diag_new();
    const bg_format *f = bg_formats_exists(s.formats, format)
                             ? bg_formats_get(s.formats, format, diag)
                             : NULL;
    char *error = NULL;
    if (!f) {
        print_errors(diag);
        fprintf(stderr, "budgetgen：没有可用的公开格式“%s”\n", format);
        status = EXIT_USAGE;
    } else if (!bg_write_input_workbook(out, f, s.catalog, &error)) {
        fprintf(stderr, "budgetgen：%s\n", error);
        status = EXIT_USAGE;
    } else {
        printf("%s\n", out);
    }
    g_free(error);
    bg_diag_free(diag);
    session_close(&s);
    return status;
}

/* The outputs of one department. Both temporaries are written in full and
 * flushed to disk before either is renamed, so that any failure leaves both
 * previous files as they were; the two renames follow each other at once.
 * Prints each path written, or the error, and gives the index row the
 * paths and the page count. Returns the exit status. */
static int render_department(const bg_doc *doc, bg_fonts *fonts, const char *outdir, bool pdf,
                             bool xlsx, const char *file, GPtrArray *warnings, bg_index_row *row)
{
    struct {
        bool wanted;
        const char *ext;
        char *path;
        bg_atomic *a;
    } out[2] = {{pdf, "pdf", NULL, NULL}, {xlsx, "xlsx", NULL, NULL}};
    char *error = NULL;
    bool io = false;
    for (int k = 0; k < 2; k++) {
        if (!out[k].wanted)
            continue;
        char *name = g_strdup_printf("%s-%d.%s", doc->code, doc->year, out[k].ext);
        out[k].path = g_build_filename(outdir, name, NULL);
        g_free(name);
        bg_atomic_remove_stale(out[k].path); /* what a kill -9 left */
    }
    for (int k = 0; k < 2 && !error; k++) {
        if (!out[k].wanted)
            continue;
        /* libxlsxwriter writes only by name: into a private folder. */
        out[k].a = bg_atomic_begin(out[k].path, k == 1, &error);
        bool ok = out[k].a && (k == 0 ? bg_render_pdf_into(doc, fonts, out[k].a, warnings,
                                                            &row->pages, &error)
                                      : bg_render_xlsx_into(doc, fonts, out[k].a, &error));
        if (!ok)
            io = !out[k].a || bg_atomic_io_failed(out[k].a);
    }
    for (int k = 0; k < 2 && !error; k++)
        if (out[k].wanted && !bg_atomic_can_commit(out[k].a, &error))
            io = true;
    for (int k = 0; k < 2 && !error; k++) {
        if (!out[k].wanted)
            continue;
        bool ok = bg_atomic_commit(out[k].a, &error);
        out[k].a = NULL;
        if (!ok) {
            io = true;
            continue;
        }
        printf("%s\n", out[k].path);
        if (k == 0)
            row->pdf = g_strdup(out[k].path);
        else
            row->xlsx = g_strdup(out[k].path);
    }
    for (int k = 0; k < 2; k++) {
        bg_atomic_abort(out[k].a);
        g_free(out[k].path);
    }
    if (!error)
        return 0;
    fprintf(stderr, "%s：%s\n", file, error);
    g_free(error);
    return io ? EXIT_USAGE : EXIT_INVALID;
}

/* Two files of one department and year would write the same outputs, the
 * second over the first: refused before anything is written. Files that
 * do not load are left to the render loop to report. */
static bool same_outputs(session *s, char **files, int n, bool pdf, bool xlsx)
{
    if (n < 2)
        return false;
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    bool clash = false;
    for (int i = 0; i < n; i++) {
        bg_diag *diag = bg_diag_new();
        bool io = false;
        bg_department *d = bg_load_department(files[i], s->catalog, s->formats, diag, &io);
        bg_diag_free(diag);
        if (!d)
            continue;
        char *key = g_strdup_printf("%s-%d", d->code, d->year);
        const char *first = g_hash_table_lookup(seen, key);
        if (first) {
            fprintf(stderr,
                    "%s：与 %s 的部门编码（%s）和预算年度（%d）相同，两者都会写入 %s%s%s%s%s；"
                    "一次 render 只能给出其中一个，未生成任何文件\n",
                    files[i], first, d->code, d->year, pdf ? key : "", pdf ? ".pdf" : "",
                    pdf && xlsx ? " 和 " : "", xlsx ? key : "", xlsx ? ".xlsx" : "");
            clash = true;
            g_free(key);
        } else {
            g_hash_table_insert(seen, key, files[i]);
        }
        bg_department_free(d);
    }
    g_hash_table_destroy(seen);
    return clash;
}

/* SOURCE_DATE_EPOCH, when set, dates the outputs: a value that cannot be a
 * date is a usage error, never silently replaced by another date. */
static bool check_source_date_epoch(void)
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

/* A batch of departments: what the jobs share (loaded once, before the
 * workers fork), what each worker loads once (fonts), and what the parent
 * gathers in the order of the files. */
typedef struct {
    session *s;
    char **files;
    const char *outdir;
    bool pdf, xlsx;
    bg_fonts *fonts; /* the worker's own */
    /* the parent's */
    GHashTable *warned;
    GPtrArray *index;   /* of bg_index_row* */
    GString *summary;
    int status, failed, done, year;
} render_run;

#define RENDER_RESULT "(uasmv)" /* errors, warnings, index row */

static int render_job(int i, void *data, GVariant **out)
{
    render_run *rr = data;
    if (!rr->fonts) {
        char *dir = data_dir("fonts");
        rr->fonts = bg_fonts_new(dir);
        g_free(dir);
    }
    const char *file = rr->files[i];
    loaded l;
    int st = 0;
    GVariantBuilder warns;
    g_variant_builder_init(&warns, G_VARIANT_TYPE("as"));
    if (!load_derive(rr->s, file, &l, &st)) {
        fprintf(stderr, "%s：未生成文件\n", file);
        *out = g_variant_new(RENDER_RESULT, l.errors, &warns, NULL);
        return st;
    }
    GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
    bg_index_row *row = bg_index_row_new(l.doc, file);
    st = render_department(l.doc, rr->fonts, rr->outdir, rr->pdf, rr->xlsx, file, warnings, row);
    for (guint w = 0; w < warnings->len; w++)
        g_variant_builder_add(&warns, "s", (char *)warnings->pdata[w]);
    *out = g_variant_new(RENDER_RESULT, st ? 1u : 0u, &warns, bg_index_row_to_variant(row));
    g_ptr_array_free(warnings, TRUE);
    bg_index_row_free(row);
    loaded_clear(&l);
    return st;
}

static void render_worker_end(void *data)
{
    render_run *rr = data;
    bg_fonts_free(rr->fonts);
    rr->fonts = NULL;
}

/* In the parent, in the order of the files: warnings printed once a run,
 * the index row kept, a line of the summary. */
static void render_done(int i, const bg_job_result *r, void *data)
{
    render_run *rr = data;
    const char *file = rr->files[i];
    guint32 errors = 0;
    GVariantIter *warns = NULL;
    GVariant *boxed = NULL;
    int status = r->status;
    if (r->result && g_variant_is_of_type(r->result, G_VARIANT_TYPE(RENDER_RESULT)))
        g_variant_get(r->result, RENDER_RESULT, &errors, &warns, &boxed);
    else if (status == 0)
        status = EXIT_USAGE; /* a worker that answered nothing */
    if (r->signal)
        fprintf(stderr, "%s：生成时程序异常终止（%s），未生成文件；其他部门照常生成\n", file,
                g_strsignal(r->signal));
    guint n_warn = 0;
    char *w;
    while (warns && g_variant_iter_next(warns, "s", &w)) {
        n_warn++;
        if (g_hash_table_contains(rr->warned, w)) {
            g_free(w);
        } else {
            fprintf(stderr, "%s\n", w);
            g_hash_table_add(rr->warned, w);
        }
    }
    if (warns)
        g_variant_iter_free(warns);
    bg_index_row *row = boxed ? bg_index_row_from_variant(boxed) : NULL;
    if (boxed)
        g_variant_unref(boxed);
    if (status == EXIT_USAGE || rr->status == 0)
        rr->status = status;
    rr->done++;
    if (row && !rr->year)
        rr->year = row->year; /* the index is dated as the first department's files */
    if (status)
        rr->failed++;
    if (row && !status)
        g_string_append_printf(rr->summary, "  %s %s：%d 页，警告 %u 条\n", row->code, row->name,
                               row->pages, n_warn);
    else
        g_string_append_printf(rr->summary, "  %s：未生成，%s %u 处\n", file,
                               r->signal ? "程序异常终止；错误" : "错误", errors);
    if (row)
        g_ptr_array_add(rr->index, row);
}

static gint by_path(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The department files of the arguments: a folder gives its .yaml, .yml
 * and .json files in name order (not .xlsx: an output folder holds
 * rendered workbooks). False after saying why. */
static GPtrArray *department_files(char **args, int n)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < n; i++) {
        if (!g_file_test(args[i], G_FILE_TEST_IS_DIR)) {
            g_ptr_array_add(out, g_strdup(args[i]));
            continue;
        }
        GError *err = NULL;
        GDir *d = g_dir_open(args[i], 0, &err);
        if (!d) {
            fprintf(stderr, "budgetgen：无法读取目录 %s：%s\n", args[i], err->message);
            g_error_free(err);
            g_ptr_array_free(out, TRUE);
            return NULL;
        }
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        for (const char *e; (e = g_dir_read_name(d));)
            if (g_str_has_suffix(e, ".yaml") || g_str_has_suffix(e, ".yml") ||
                g_str_has_suffix(e, ".json"))
                g_ptr_array_add(names, g_build_filename(args[i], e, NULL));
        g_dir_close(d);
        if (!names->len) {
            fprintf(stderr, "budgetgen：目录 %s 中没有部门文件（.yaml、.yml 或 .json）\n", args[i]);
            g_ptr_array_free(names, TRUE);
            g_ptr_array_free(out, TRUE);
            return NULL;
        }
        g_ptr_array_sort(names, by_path);
        for (guint k = 0; k < names->len; k++)
            g_ptr_array_add(out, g_strdup(names->pdata[k]));
        g_ptr_array_free(names, TRUE);
    }
    return out;
}

static int cmd_render(char **args, int n_args, const char *templates, const char *outdir,
                      bool pdf, bool xlsx, int jobs)
{
    if (!check_source_date_epoch())
        return EXIT_USAGE;
    GPtrArray *list = department_files(args, n_args);
    if (!list)
        return EXIT_USAGE;
    char **files = (char **)list->pdata;
    int n = (int)list->len;
    session s;
    if (!session_open(&s, templates)) {
        g_ptr_array_free(list, TRUE);
        return EXIT_USAGE;
    }
    char *error = NULL;
    int status = 0;
    if (!bg_atomic_output_dir(outdir, &error)) {
        fprintf(stderr, "budgetgen：%s\n", error);
        g_free(error);
        status = EXIT_USAGE;
    } else if (same_outputs(&s, files, n, pdf, xlsx)) {
        status = EXIT_INVALID;
    }
    if (status) {
        session_close(&s);
        g_ptr_array_free(list, TRUE);
        return status;
    }
    render_run rr = {.s = &s, .files = files, .outdir = outdir, .pdf = pdf, .xlsx = xlsx,
                     .warned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                     .index = g_ptr_array_new_with_free_func(bg_index_row_free),
                     .summary = g_string_new(NULL)};
    bg_batch b = {.jobs = n, .workers = jobs, .names = (const char *const *)files,
                  .job = render_job, .done = render_done, .worker_end = render_worker_end,
                  .data = &rr, .progress = n > 1, .tty = isatty(fileno(stderr))};
    if (!bg_batch_run(&b))
        rr.status = EXIT_USAGE;
    status = rr.status;
    if (rr.done < n) {
        status = EXIT_USAGE;
        rr.failed += n - rr.done;
    }
    /* A batch gets its index: one row a department, with totals. */
    if (n > 1 && rr.index->len) {
        if (bg_write_index(outdir, rr.index, bg_output_time_of(rr.year), &error)) {
            char *p = g_build_filename(outdir, "index.xlsx", NULL);
            printf("%s\n", p);
            g_free(p);
        } else {
            fprintf(stderr, "budgetgen：%s\n", error);
            status = status ? status : EXIT_USAGE;
        }
        g_free(error);
    }
    if (n > 1)
        fprintf(stderr, "共 %d 个部门：%d 个已生成，%d 个未生成\n%s", n, n - rr.failed, rr.failed,
                rr.summary->str);
    g_string_free(rr.summary, TRUE);
    g_hash_table_destroy(rr.warned);
    g_ptr_array_free(rr.index, TRUE);
    session_close(&s);
    g_ptr_array_free(list, TRUE);
    return status;
}

/* A signal ending the run removes the temporaries being written, then ends
 * it as the signal would have (kill -9 cannot be caught: see the README). */
static void on_signal(int sig)
{
    bg_atomic_remove_all();
    bg_batch_stop_workers();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void handle_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++)
        sigaddset(&sa.sa_mask, sigs[i]);
    for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++) {
        struct sigaction old;
        /* A signal ignored by whoever started us (nohup) stays ignored. */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
    }
    /* Past a file-size limit (ulimit -f) a write then fails with EFBIG and
     * is reported, instead of the signal killing the run mid-file. */
    signal(SIGXFSZ, SIG_IGN);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    bg_atomic_init();
    handle_signals();
    gboolean version = FALSE, help = FALSE, json = FALSE, pdf = FALSE, xlsx = FALSE;
    char *templates = NULL, *outdir = NULL, *into = NULL, *mapping = NULL, *code = NULL,
         *name = NULL, *format = NULL;
    int year = 0, jobs = -1; /* -1: as many as cores */
    GOptionEntry entries[] = {
        {"jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, "同时生成的部门数", "N"},
        {"version", 0, 0, G_OPTION_ARG_NONE, &version, "显示版本", NULL},
        {"help", 'h', 0, G_OPTION_ARG_NONE, &help, "显示帮助", NULL},
        {"templates", 0, 0, G_OPTION_ARG_FILENAME, &templates, "公开格式所在目录", "目录"},
        {"json", 0, 0, G_OPTION_ARG_NONE, &json, "输出 JSON", NULL},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &outdir, "输出目录", "目录"},
        {"pdf", 0, 0, G_OPTION_ARG_NONE, &pdf, "生成 PDF", NULL},
        {"xlsx", 0, 0, G_OPTION_ARG_NONE, &xlsx, "生成 XLSX", NULL},
        {"into", 0, 0, G_OPTION_ARG_FILENAME, &into, "换入明细的部门文件", "文件"},
        {"mapping", 0, 0, G_OPTION_ARG_STRING, &mapping, "导入映射", "名称"},
        {"code", 0, 0, G_OPTION_ARG_STRING, &code, "部门编码", "编码"},
        {"name", 0, 0, G_OPTION_ARG_STRING, &name, "部门名称", "名称"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &format, "公开格式", "格式"},
        {"year", 0, 0, G_OPTION_ARG_INT, &year, "预算年度", "年度"},
        {NULL, 0, 0, 0, NULL, NULL, NULL},
    };
    GOptionContext *ctx = g_option_context_new(NULL);
    g_option_context_set_help_enabled(ctx, FALSE);
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "budgetgen：%s\n\n%s", err->message, usage_text);
        g_error_free(err);
        g_option_context_free(ctx);
        return EXIT_USAGE;
    }
    g_option_context_free(ctx);
    if (!templates)
        templates = data_dir("templates");
    int status;
    if (jobs != -1 && (jobs < 1 || jobs > 64)) {
        fprintf(stderr, "budgetgen：-j 应为 1 到 64 之间的整数（同时生成的部门数），这里是 %d\n\n%s",
                jobs, usage_text);
        status = EXIT_USAGE;
    } else if (help) {
        fputs(usage_text, stdout);
        status = 0;
    } else if (version) {
        printf("budgetgen %s\n", BG_VERSION);
        status = 0;
    } else if (argc >= 2 && strcmp(argv[1], "check") == 0) {
        if (argc < 3) {
            fprintf(stderr, "budgetgen check：请给出至少一个部门文件\n\n%s", usage_text);
            status = EXIT_USAGE;
        } else {
            status = cmd_check(argv + 2, argc - 2, templates);
        }
    } else if (argc >= 2 && strcmp(argv[1], "render") == 0) {
        if (argc < 3) {
            fprintf(stderr, "budgetgen render：请给出至少一个部门文件\n\n%s", usage_text);
            status = EXIT_USAGE;
        } else {
            bool both = !pdf && !xlsx;
            status = cmd_render(argv + 2, argc - 2, templates, outdir ? outdir : "output",
                                pdf || both, xlsx || both, jobs > 0 ? jobs : (int)g_get_num_processors());
        }
    } else if (argc >= 2 && strcmp(argv[1], "text") == 0) {
        if (argc != 3) {
            fprintf(stderr, "budgetgen text：请给出一个部门文件\n\n%s", usage_text);
            status = EXIT_USAGE;
        } else {
            status = cmd_text(argv[2], templates);
        }
    } else if (argc >= 2 && strcmp(argv[1], "import") == 0) {
        if (argc != 3) {
            fprintf(stderr, "budgetgen import：请给出一个导出文件（.xlsx 或 .csv）\n\n%s", usage_text);
            status = EXIT_USAGE;
        } else {
            bg_import_opts io = {.mapping = mapping, .into = into, .code = code, .name = name,
                                 .format = format, .year = year};
            status = cmd_import(argv[2], templates, &io, outdir);
        }
    } else if (argc >= 2 && strcmp(argv[1], "template") == 0) {
        if (argc != 3) {
            fprintf(stderr, "budgetgen template：请给出一个公开格式的名称\n\n%s", usage_text);
            status = EXIT_USAGE;
        } else {
            status = cmd_template(argv[2], templates, outdir);
        }
    } else if (argc >= 2 && strcmp(argv[1], "diff") == 0) {
        if (argc != 4) {
            fprintf(stderr, "budgetgen diff：请给出旧、新两个部门文件\n\n%s", usage_text);
            status = EXIT_USAGE;
        } else {
            status = cmd_diff(argv[2], argv[3], templates, json);
        }
    } else if (argc >= 2 && strcmp(argv[1], "tables") == 0) {
        if (argc != 3) {
            fprintf(stderr, "budgetgen tables：请给出一个部门文件\n\n%s", usage_text);
            status = EXIT_USAGE;
        } else {
            status = cmd_tables(argv[2], templates, json);
        }
    } else {
        if (argc >= 2)
            fprintf(stderr, "budgetgen：未知命令“%s”\n\n", argv[1]);
        fputs(usage_text, stderr);
        status = EXIT_USAGE;
    }
    g_free(templates);
    g_free(outdir);
    g_free(into);
    g_free(mapping);
    g_free(code);
    g_free(name);
    g_free(format);
    return status;
}
