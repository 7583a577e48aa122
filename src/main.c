/* budgetgen: the command line — its options, usage and commands; render
 * is in render_cmd.c, what the commands share in cli.c. */
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
#include "model/textfile.h"
#include "render/atomic.h"
#include "render/audit_report.h"
#include "render/disclosure.h"
#include "render/index.h"
#include "render/input_workbook.h"
#include "render/json.h"
#include "batch.h"
#include "cli.h"
#include "watch.h"

#define BG_VERSION "0.1.0"

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
    "  watch 文件     生成一次，之后每次保存部门文件（或其公开格式）都重新生成，\n"
    "                 并打印一行变了什么；有错误时保留上一次的文件（Ctrl+C 结束）\n"
    "  import 导出    把预算管理一体化系统导出的预算明细（.xlsx 或 .csv）写成部门文件：\n"
    "                 -o 部门文件 [--into 原部门文件] [--mapping 映射]（templates/imports/）；\n"
    "                 没有 --into 时另需 --code --name --year --format\n"
    "  template 格式  写出按该公开格式填写的录入工作簿（-o 部门预算录入.xlsx）；\n"
    "                 填好的工作簿可直接作为部门文件用于 check、tables、text、render\n"
    "  diff 旧 新     比较同一部门的两个版本：变了的表格单元格、说明文字和预算明细\n"
    "                 （--json：机器可读）；退出状态 0 无差别，1 有差别，2 出错\n"
    "  audit 文件…    检查已公开的部门预算（PDF，或从中提取的文本）中的矛盾（--format 指定格式，--json）；\n"
    "                 退出状态 0 未发现，1 发现矛盾，2 无法读取或不符合任何已知格式\n"
    "\n"
    "选项：\n"
    "  -h, --help          显示本帮助\n"
    "  --version           显示版本\n"
    "  --templates=目录    公开格式所在目录（默认：环境变量 BUDGETGEN_HOME 下的 templates/，\n"
    "                      否则程序所在位置的 ../share/budgetgen/templates 或 ../templates）；\n"
    "                      其中没有 catalog/ 时用默认的科目目录\n"
    "  --json              tables、diff 命令输出 JSON\n"
    "  -o, --output=目录   render、watch 命令的输出目录（默认 output）；import 命令要写的文件\n"
    "  --pdf, --xlsx       render、watch 命令只生成 PDF 或只生成 XLSX（默认两者都生成）\n"
    "  -j, --jobs=N        render 命令同时生成的部门数（默认为处理器核数）；\n"
    "                      一个部门出错或异常终止不影响其他部门\n"
    "\n"
    "退出状态：0 成功；1 输入有错误；2 用法错误、文件无法读取或无法写入。\n"
    "文件格式见 samples/SCHEMA.md。\n";

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
            const bg_text_mark *at = g_hash_table_lookup(d->marks, name);
            if (!used)
                fprintf(stderr, "%s:%d:%d: 警告：字段 %s：公开格式 %s 不使用它，它不会出现在公开文件中\n",
                        d->file, at ? at->line : d->texts_line, at ? at->column : d->texts_column,
                        name, d->format);
            g_free(quoted);
            g_free(name);
        }
        g_list_free(keys);
    }
}

static int cmd_check(char **files, int n, const char *templates)
{
    cli_session s;
    if (!cli_session_open(&s, templates))
        return EXIT_USAGE;
    int status = 0;
    for (int i = 0; i < n; i++) {
        cli_loaded l;
        int st = 0;
        if (cli_load_derive(&s, files[i], &l, &st)) {
            unused_warnings(l.d, l.f);
            print_summary(l.d);
            cli_loaded_clear(&l);
        } else if (st == EXIT_USAGE || status == 0) {
            status = st;
        }
    }
    cli_session_close(&s);
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

/* audit: each file's findings; 2 when one cannot be read or recognised. */
static int cmd_audit(char **files, int n, const char *templates, const char *format, bool json)
{
    cli_session s;
    if (!cli_session_open(&s, templates))
        return EXIT_USAGE;
    int status = 0;
    GString *out = g_string_new(NULL);
    for (int i = 0; i < n; i++) {
        char *text = NULL, *why = NULL;
        gsize len = 0;
        GError *err = NULL;
        bg_published *p = NULL;
        bg_diag *diag = bg_diag_new();
        bool regular = bg_file_check_regular(files[i], "公开文件", diag);
        if (!regular)
            cli_print_errors(diag); /* a pipe or a folder would block or fail unclearly */
        bg_diag_free(diag);
        if (!regular) {
        } else if (!g_file_get_contents(files[i], &text, &len, &err)) {
            fprintf(stderr, "%s：无法读取：%s\n", files[i], err->message);
            g_error_free(err);
        } else if (!(p = bg_published_is_pdf(text, len)
                             ? bg_published_read_pdf(files[i], text, len, s.formats, templates,
                                                     format, &why)
                             : bg_published_read_text(files[i], text, len, s.formats, templates,
                                                      format, &why))) {
            fprintf(stderr, "%s：%s\n", files[i], why);
        }
        g_free(text);
        g_free(why);
        if (!p) {
            status = EXIT_USAGE;
            continue;
        }
        GPtrArray *findings = bg_audit(p);
        /* several files give a JSON array of their reports */
        if (json && n > 1)
            g_string_append(out, out->len ? ",\n" : "[\n");
        if (json)
            bg_audit_report_json(out, p, findings);
        else
            bg_audit_report_text(out, p, findings);
        if (findings->len && status == 0)
            status = 1;
        g_ptr_array_unref(findings);
        bg_published_free(p);
    }
    if (json && n > 1)
        g_string_append(out, out->len ? "]\n" : "[]\n");
    fputs(out->str, stdout);
    g_string_free(out, TRUE);
    cli_session_close(&s);
    return status;
}

static int cmd_text(const char *file, const char *templates)
{
    cli_session s;
    if (!cli_session_open(&s, templates))
        return EXIT_USAGE;
    int status = 0;
    cli_loaded l;
    if (cli_load_derive(&s, file, &l, &status)) {
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
        cli_loaded_clear(&l);
    }
    cli_session_close(&s);
    return status;
}

static int cmd_tables(const char *file, const char *templates, bool json)
{
    cli_session s;
    if (!cli_session_open(&s, templates))
        return EXIT_USAGE;
    int status = 0;
    cli_loaded l;
    if (cli_load_derive(&s, file, &l, &status)) {
        if (json) {
            GString *out = g_string_new(NULL);
            bg_json_tables(out, l.doc);
            fwrite(out->str, 1, out->len, stdout);
            g_string_free(out, TRUE);
        } else {
            for (guint i = 0; i < l.doc->tables->len; i++)
                print_table_text(l.doc->tables->pdata[i]);
        }
        cli_loaded_clear(&l);
    }
    cli_session_close(&s);
    return status;
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
    cli_session s;
    if (!cli_session_open(&s, templates))
        return EXIT_USAGE;
    cli_loaded a, b;
    int st = 0;
    if (!cli_load_derive(&s, old_file, &a, &st)) {
        cli_session_close(&s);
        return EXIT_USAGE;
    }
    if (!cli_load_derive(&s, new_file, &b, &st)) {
        cli_loaded_clear(&a);
        cli_session_close(&s);
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
            cli_print_change(c);
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
    cli_loaded_clear(&a);
    cli_loaded_clear(&b);
    cli_session_close(&s);
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
    cli_session s;
    if (!cli_session_open(&s, templates))
        return EXIT_USAGE;
    bg_diag *diag = bg_diag_new();
    bg_import_opts o = *io;
    /* a folder of one's own formats shares the standard mappings too */
    char *own = g_build_filename(templates, "imports", NULL);
    char *standard = g_file_test(own, G_FILE_TEST_IS_DIR) ? NULL : cli_data_dir("templates");
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
        cli_print_errors(diag);
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
    cli_session_close(&s);
    return status;
}

/* template: the workbook to fill in for a format. */
static int cmd_template(const char *format, const char *templates, const char *out)
{
    if (!out) {
        fprintf(stderr, "budgetgen template：请用 -o 给出要写的工作簿（.xlsx）\n");
        return EXIT_USAGE;
    }
    cli_session s;
    if (!cli_session_open(&s, templates))
        return EXIT_USAGE;
    int status = 0;
    bg_diag *diag = bg_diag_new();
    const bg_format *f = bg_formats_exists(s.formats, format)
                             ? bg_formats_get(s.formats, format, diag)
                             : NULL;
    char *error = NULL;
    if (!f) {
        cli_print_errors(diag);
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
    cli_session_close(&s);
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
        templates = cli_data_dir("templates");
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
    } else if (argc >= 2 && strcmp(argv[1], "watch") == 0) {
        if (argc != 3) {
            fprintf(stderr, "budgetgen watch：请给出一个部门文件\n\n%s", usage_text);
            status = EXIT_USAGE;
        } else if (cli_check_source_date_epoch()) {
            bool both = !pdf && !xlsx;
            status = cmd_watch(argv[2], templates, outdir ? outdir : "output", pdf || both,
                               xlsx || both);
        } else {
            status = EXIT_USAGE;
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
    } else if (argc >= 2 && strcmp(argv[1], "audit") == 0) {
        if (argc < 3) {
            fprintf(stderr, "budgetgen audit：请给出至少一个公开文件\n\n%s", usage_text);
            status = EXIT_USAGE;
        } else {
            status = cmd_audit(argv + 2, argc - 2, templates, format, json);
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
