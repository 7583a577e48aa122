/* One definition of every figure: the sentences and the tables state the
 * same figures because both come from the format's data, evaluated by the
 * same code. The two disagreements found before the figures moved into the
 * formats are reproduced here; a property test derives generated
 * departments over every fund source, unit type and project category and
 * compares each printed figure with the table cell that states it, read
 * back from the table by this test's own lookup. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <glib/gstdio.h>

#include "input/format_load.h"
#include "model/template.h"
#include "support.h"

static char *write_temp(const char *name, const char *text, char **dir)
{
    *dir = g_dir_make_tmp("bgfig-XXXXXX", NULL);
    char *path = g_build_filename(*dir, name, NULL);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}

static void remove_temp(char *path, char *dir)
{
    test_remove_tree(dir);
    g_free(path);
    g_free(dir);
}

/* ---- reading a derived table as a reader would -------------------------- */

static bool same_label(const char *a, const char *b)
{
    char *x = g_strdup(a), *y = g_strdup(b);
    GString *p = g_string_new(NULL), *q = g_string_new(NULL);
    for (const char *c = x; *c; c = g_utf8_next_char(c))
        if (*c != ' ' && !g_str_has_prefix(c, "\u3000"))
            g_string_append_len(p, c, g_utf8_next_char(c) - c);
    for (const char *c = y; *c; c = g_utf8_next_char(c))
        if (*c != ' ' && !g_str_has_prefix(c, "\u3000"))
            g_string_append_len(q, c, g_utf8_next_char(c) - c);
    bool same = strcmp(p->str, q->str) == 0;
    g_string_free(p, TRUE);
    g_string_free(q, TRUE);
    g_free(x);
    g_free(y);
    return same;
}

/* The header path of column c, top to bottom, "收入/金额". */
static char *column_path(const bg_table *t, int c)
{
    GString *s = g_string_new(NULL);
    for (int r = 0; r < t->header_rows; r++)
        for (guint i = 0; i < t->header->len; i++) {
            const bg_header_cell *h = t->header->pdata[i];
            if (h->row == r && h->col <= c && c < h->col + h->colspan) {
                if (s->len)
                    g_string_append_c(s, '/');
                g_string_append(s, h->text);
            }
        }
    return g_string_free(s, FALSE);
}

static bool ends_with_path(const char *path, const char *want)
{
    char **a = g_strsplit(path, "/", -1), **b = g_strsplit(want, "/", -1);
    guint na = g_strv_length(a), nb = g_strv_length(b);
    bool ok = nb <= na;
    for (guint k = 0; ok && k < nb; k++)
        ok = same_label(a[na - nb + k], b[k]);
    g_strfreev(a);
    g_strfreev(b);
    return ok;
}

/* The value of the cell a format's reference names; zero when the table
 * shows no such row (an empty table drops its rows). */
static bg_money read_cell(const bg_doc *doc, const bg_cell_ref *ref)
{
    const bg_table *t = NULL;
    for (guint i = 0; i < doc->tables->len && !t; i++)
        if (strcmp(((bg_table *)doc->tables->pdata[i])->id, ref->table) == 0)
            t = doc->tables->pdata[i];
    assert_non_null(t);
    int col = -1;
    for (int c = 0; c < t->n_cols; c++) {
        char *p = column_path(t, c);
        if (t->col_kinds[c] == BG_COL_AMOUNT && ends_with_path(p, ref->column)) {
            assert_int_equal(col, -1); /* the format's reference names one column */
            col = c;
        }
        g_free(p);
    }
    assert_true(col >= 0);
    for (guint r = 0; r < t->rows->len; r++) {
        const bg_row *row = t->rows->pdata[r];
        bool hit = !ref->row && (row->kind == BG_ROW_TOTAL || t->rows->len == 1);
        for (int c = 0; ref->row && c < t->n_cols && !hit; c++)
            hit = !row->cells[c].has_value && same_label(row->cells[c].text, ref->row);
        if (hit)
            return row->cells[col].has_value ? row->cells[col].value : 0;
    }
    return 0;
}

/* 万元, two decimals at most, trailing zeros dropped: how sentences print. */
static char *wan(bg_money m)
{
    bg_money hundredths = (m + 5000) / 10000; /* half up; the amounts here are ≥ 0 */
    char *s = g_strdup_printf("%lld.%02lld", (long long)(hundredths / 100),
                              (long long)(hundredths % 100));
    size_t n = strlen(s);
    while (s[n - 1] == '0')
        s[--n] = '\0';
    if (s[n - 1] == '.')
        s[--n] = '\0';
    return s;
}

/* Every figure a sentence printed equals the table cell that states it
 * (its own definition, or a restatement) and is printed as that cell's
 * value in 万元. Returns how many were compared. */
static int check_uses(const bg_derived *x, const bg_doc *doc)
{
    const GPtrArray *uses = bg_eval_uses(x->eval);
    int compared = 0;
    for (guint i = 0; i < uses->len; i++) {
        const bg_use *u = uses->pdata[i];
        const bg_figure_def *def = bg_format_figure(x->f, u->name);
        assert_non_null(def);
        char *want = wan(u->value);
        if (strcmp(want, u->text) != 0)
            fail_msg("%s printed as %s, its value is %s 万元", u->name, u->text, want);
        g_free(want);
        if (def->kind == BG_FIG_CELL) {
            if (read_cell(doc, &def->cell) != u->value)
                fail_msg("%s: the sentence says %lld 分, table %s's cell %lld", u->name,
                         (long long)u->value, def->cell.table,
                         (long long)read_cell(doc, &def->cell));
            compared++;
        }
        for (guint k = 0; def->also && k < def->also->len; k++) {
            const bg_cell_ref *c = def->also->pdata[k];
            if (read_cell(doc, c) != u->value)
                fail_msg("%s: the sentence says %lld 分, table %s (%s) %lld", u->name,
                         (long long)u->value, c->table, c->column,
                         (long long)read_cell(doc, c));
            compared++;
        }
    }
    return compared;
}

static bg_derived *derive_text(const char *name, const char *text, bg_department **d)
{
    bg_diag *diag = bg_diag_new();
    *d = bg_load_department_text(name, text, strlen(text), test_catalog, test_formats, diag);
    test_print_errors(diag);
    assert_non_null(*d);
    bg_derived *x = bg_derive(*d, test_format(*d));
    bg_eval_verify(x->eval, diag);
    test_print_errors(diag);
    assert_int_equal(bg_diag_count(diag), 0);
    bg_diag_free(diag);
    return x;
}

static char *section_text(const bg_doc *doc, const char *heading)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < doc->parts->len; i++) {
        const bg_doc_part *p = doc->parts->pdata[i];
        for (guint k = 0; k < p->sections->len; k++) {
            const bg_doc_section *sec = p->sections->pdata[k];
            if (strcmp(sec->heading, heading) == 0)
                for (guint j = 0; j < sec->paragraphs->len; j++)
                    g_string_append(s, sec->paragraphs->pdata[j]);
        }
    }
    return g_string_free(s, FALSE);
}

/* ---- the disagreements of the issue ------------------------------------- */

#define GUANCHENG "samples/guancheng-bigdata-2023.json"
#define ITEMS "\"line_items\": [\n"
#define RECEPTION_FUND                                                                        \
    "    {\"unit\": \"129001\", \"function\": \"2010301\", \"dept_econ\": \"30217\", "          \
    "\"gov_econ\": \"50206\", \"fund\": \"政府性基金\", \"amount\": 50000},\n"
#define RECEPTION_GENERAL                                                                     \
    "    {\"unit\": \"129001\", \"function\": \"2010301\", \"dept_econ\": \"30217\", "          \
    "\"gov_econ\": \"50206\", \"amount\": 50000},\n"

/* 5 万元 of 政府性基金 at 30217 公务接待费 are no “三公”经费 of 预算08表 (一般公共
 * 预算 appropriations): the sentence must not say they are. */
static void test_three_public_fund_item(void **state)
{
    (void)state;
    char *text = test_file_with(GUANCHENG, ITEMS, ITEMS RECEPTION_FUND);
    bg_department *d;
    bg_derived *x = derive_text("g.json", text, &d);
    bg_doc *doc = bg_derive_document(x);
    const bg_table *t08 = NULL;
    for (guint i = 0; i < doc->tables->len; i++)
        if (strcmp(((bg_table *)doc->tables->pdata[i])->id, "08") == 0)
            t08 = doc->tables->pdata[i];
    assert_non_null(t08);
    assert_true(t08->empty);
    char *s7 = section_text(doc, "七、一般公共预算“三公”经费支出预算情况说明");
    assert_non_null(strstr(s7, "“三公”经费支出预算与2022年预算持平"));
    assert_non_null(strstr(s7, "公务接待费0万元"));
    assert_null(strstr(s7, "增加"));
    assert_true(check_uses(x, doc) > 0);
    g_free(s7);
    bg_derived_free(x);
    bg_doc_free(doc);
    bg_department_free(d);
    g_free(text);
}

/* The same 5 万元 from 一般公共预算 财政拨款 are “三公”经费: table and
 * sentence say so together. */
static void test_three_public_general_item(void **state)
{
    (void)state;
    char *text = test_file_with(GUANCHENG, ITEMS, ITEMS RECEPTION_GENERAL);
    bg_department *d;
    bg_derived *x = derive_text("g.json", text, &d);
    bg_doc *doc = bg_derive_document(x);
    char *s7 = section_text(doc, "七、一般公共预算“三公”经费支出预算情况说明");
    assert_non_null(strstr(s7, "“三公”经费支出预算比2022年预算增加5万元"));
    assert_non_null(strstr(s7, "公务接待费5万元"));
    bg_cell_ref ref = {.table = "08", .column = "公务接待费"};
    assert_int_equal(read_cell(doc, &ref), 5000000);
    check_uses(x, doc);
    g_free(s7);
    bg_derived_free(x);
    bg_doc_free(doc);
    bg_department_free(d);
    g_free(text);
}

/* A format that defines a figure twice (a sum, and a table cell that
 * restates it) gets the disagreement from `check`, at the format's line. */
static void test_restatement_proved(void **state)
{
    (void)state;
    char *tpl = test_templates_with(
        "guancheng-2023/format.yaml", "three_public.total: {table: \"08\", column: “三公”经费合计}",
        "three_public.total:\n"
        "    sum: {appropriation: true, dept_econ: [\"30212\", \"30217\", \"30231\", \"31013\"]}\n"
        "    also: [{table: \"08\", column: “三公”经费合计}]");
    char *opt = g_strdup_printf("--templates=%s", tpl);
    test_run_result r = test_run((const char *[]){opt, "check", GUANCHENG, NULL});
    assert_int_equal(r.status, 0); /* the two definitions agree on the sample */
    test_run_clear(&r);
    char *text = test_file_with(GUANCHENG, ITEMS, ITEMS RECEPTION_FUND);
    char *dir;
    char *path = write_temp("g.json", text, &dir);
    r = test_run((const char *[]){opt, "check", path, NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "guancheng-2023/format.yaml:"));
    assert_non_null(strstr(r.err, "three_public.total"));
    assert_non_null(strstr(r.err, "不一致"));
    test_run_clear(&r);
    r = test_run((const char *[]){opt, "render", "-o", dir, path, NULL});
    assert_int_equal(r.status, 1);
    test_run_clear(&r);
    char *pdf = g_build_filename(dir, "129-2023.pdf", NULL);
    assert_false(g_file_test(pdf, G_FILE_TEST_EXISTS));
    g_free(pdf);
    remove_temp(path, dir);
    g_free(text);
    g_free(opt);
    test_remove_tree(tpl);
    g_free(tpl);
}

/* A heading that quotes a figure reads the same in `text` and in the PDF,
 * contents page included: one expander for every output. */
static void test_heading_figure(void **state)
{
    (void)state;
    char *tpl = test_templates_with("zhengzhou-2021/format.yaml",
                                    "heading: 五、机关运行经费安排情况说明",
                                    "heading: 五、机关运行经费{operating}万元");
    char *opt = g_strdup_printf("--templates=%s", tpl);
    test_run_result r = test_run((const char *[]){opt, "text", "samples/zhengzhou-services-2021.yaml", NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\n五、机关运行经费43.55万元\n"));
    test_run_clear(&r);
    char *dir = g_dir_make_tmp("bgfig-XXXXXX", NULL);
    r = test_run((const char *[]){opt, "render", "--pdf", "-o", dir,
                             "samples/zhengzhou-services-2021.yaml", NULL});
    assert_int_equal(r.status, 0);
    test_run_clear(&r);
    char *pdf = g_build_filename(dir, "114-2021.pdf", NULL);
    char *txt = g_build_filename(dir, "114-2021.txt", NULL);
    int st = 0;
    assert_true(g_spawn_sync(NULL, (char *[]){"pdftotext", pdf, txt, NULL}, NULL,
                             G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &st, NULL));
    char *text = NULL;
    assert_true(g_file_get_contents(txt, &text, NULL, NULL));
    int n = 0;
    for (const char *p = text; (p = strstr(p, "五、机关运行经费43.55万元")) != NULL; p++)
        n++;
    assert_true(n >= 2); /* the contents and the section */
    assert_null(strstr(text, "{operating}"));
    g_free(text);
    g_free(pdf);
    g_free(txt);
    test_remove_tree(dir);
    g_free(dir);
    g_free(opt);
    test_remove_tree(tpl);
    g_free(tpl);
}

/* ---- formats that name what does not exist ------------------------------ */

static void expect_error_in(const char *format, const char *from, const char *to,
                            const char *field, const char *words)
{
    char *file = g_strdup_printf("%s/format.yaml", format);
    char *tpl = test_templates_with(file, from, to);
    g_free(file);
    bg_diag *diag = bg_diag_new();
    bg_format *f = bg_format_load(tpl, format, test_catalog, diag);
    if (f)
        fail_msg("the format loads with %s", to);
    assert_true(bg_diag_count(diag) >= 1);
    const bg_error *e = diag->errors->pdata[0];
    if (!strstr(e->file, "/format.yaml") || e->line <= 0 || e->column <= 0 ||
        !e->field || !strstr(e->field, field) || !strstr(e->message, words)) {
        test_print_errors(diag);
        fail_msg("expected an error at %s saying %s", field, words);
    }
    bg_diag_free(diag);
    test_remove_tree(tpl);
    g_free(tpl);
}

static void expect_format_error(const char *from, const char *to, const char *field,
                                const char *words)
{
    expect_error_in("guancheng-2023", from, to, field, words);
}

static void test_format_template_errors(void **state)
{
    (void)state;
    /* a phrase that quotes itself would expand for ever */
    expect_format_error("same: 持平, new: \"增加{diff}万元\"}", "same: \"{change:a:b}\", new: \"增加{diff}万元\"}",
                        "phrases.change", "循环");
    /* the built-ins keep their meaning */
    expect_format_error("phrases:\n", "phrases:\n  share: {nonzero: 有, zero: 无}\n", "phrases.share",
                        "内置函数");
    /* a row of the other side of a two-sided table */
    expect_format_error("three_public.vehicle: {table: \"08\", column: 公务用车购置及运行费/小计}",
                        "three_public.vehicle: {table: \"01\", row: 一、一般公共预算, column: 支出/金额}",
                        "figures.three_public.vehicle", "同一侧没有");
    /* a table without a total row needs `row` */
    expect_error_in("zhengzhou-2021", "three_public.total: {table: \"7\", row: 合计, column: “三公”经费预算数}",
                    "three_public.total: {table: \"7\", column: “三公”经费预算数}",
                    "figures.three_public.total", "没有合计行");
    expect_format_error("title: \"{year}年部门收支预算表\"", "title: \"{no_such_field}{year}年部门收支预算表\"",
                        "tables[1].title", "no_such_field");
    expect_format_error("title: \"{year}年部门收入预算表\"", "title: \"{year年部门收入预算表\"",
                        "tables[2].title", "没有对应的");
    expect_format_error("{share:basic:total}", "{share:basic}", "document.parts[2]", "参数");
    expect_format_error("{vs:three_public.total:last_year.three_public}",
                        "{versus:three_public.total:last_year.three_public}", "document.parts[2]",
                        "versus");
    expect_format_error("three_public.vehicle: {table: \"08\", column: 公务用车购置及运行费/小计}",
                        "three_public.vehicle: {table: \"08\", column: 合计}", "figures.three_public",
                        "没有表头为“合计”的金额列");
    expect_format_error("state_capital.total: {sum: {budget: [国有资本经营预算]}",
                        "state_capital.total: state_capital.total + total\n  x: {sum: {budget: [国有资本经营预算]}",
                        "figures.state_capital.total", "循环");
}

/* A catalog whose first fund is not 财政拨款 is the default of line items
 * without one; an empty catalog is an error, never a crash. */
static void test_catalog_default_fund(void **state)
{
    (void)state;
    char *tpl = test_templates_with("catalog/funds.tsv", "财政拨款\t一般公共预算财政拨款\t一般公共预算\t是\n", "");
    char *opt = g_strdup_printf("--templates=%s", tpl);
    test_run_result r = test_run((const char *[]){opt, "check", "samples/zhengzhou-services-2021.yaml", NULL});
    /* The format's filters name 财政拨款, which this catalog lacks: said so. */
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "资金来源目录中没有“财政拨款”"));
    test_run_clear(&r);
    char *funds = g_build_filename(tpl, "catalog", "funds.tsv", NULL);
    assert_true(g_file_set_contents(funds, "# nothing\n", -1, NULL));
    r = test_run((const char *[]){opt, "check", "samples/zhengzhou-services-2021.yaml", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "资金来源目录是空的"));
    test_run_clear(&r);
    g_free(funds);
    g_free(opt);
    test_remove_tree(tpl);
    g_free(tpl);
}

/* The field names the format loader accepts are the names the evaluator
 * answers: the two lists cannot drift apart. */
static void test_field_names_have_values(void **state)
{
    (void)state;
    test_derived r = test_derive("samples/zhengzhou-gov-office-2021.yaml");
    bg_scope s = bg_eval_scope(r.x->eval);
    for (const char *const *n = bg_field_names(); *n; n++) {
        if (bg_field_list(&s.fc, *n))
            continue; /* profile.duties, profile.composition */
        char *t = bg_field_text(&s.fc, *n, NULL, NULL);
        if (!t)
            fail_msg("the field %s has no value", *n);
        g_free(t);
    }
    s.fc.project = &g_array_index(r.d->projects, bg_project, 0);
    for (const char *const *n = bg_project_field_names(); *n; n++) {
        char *name = g_strconcat("project.", *n, NULL);
        char *t = bg_field_text(&s.fc, name, NULL, NULL);
        if (!t)
            fail_msg("the field %s has no value", name);
        g_free(t);
        g_free(name);
    }
    test_derived_free(&r);
}

/* A text the format never prints is worth a warning, not an error. */
static void test_unused_text_warned(void **state)
{
    (void)state;
    test_run_result r = test_run((const char *[]){"check", "samples/zhengzhou-gov-office-2021.yaml", NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "警告：字段 texts.transfer_payments：公开格式 zhengzhou-2021 不使用它"));
    assert_null(strstr(r.err, "texts.reason_total"));
    /* at the text's own line, found here in the file */
    char *text = NULL;
    assert_true(g_file_get_contents("samples/zhengzhou-gov-office-2021.yaml", &text, NULL, NULL));
    int line = 1;
    const char *p = strstr(text, "\n  transfer_payments:");
    assert_non_null(p);
    for (const char *q = text; q <= p; q++)
        line += *q == '\n';
    char *at = g_strdup_printf("zhengzhou-gov-office-2021.yaml:%d:3: 警告：字段 texts.transfer_payments", line);
    assert_non_null(strstr(r.err, at));
    g_free(at);
    g_free(text);
    test_run_clear(&r);
}

/* ---- generated departments ---------------------------------------------- */

/* Code triples the samples use, so that every generated item is valid. */
static const char *const triples[][3] = {
    {"2010301", "30101", "50101"}, {"2010301", "30101", "50501"}, {"2010301", "30102", "50101"},
    {"2010301", "30201", "50201"}, {"2010301", "30217", "50206"}, {"2010301", "30231", "50208"},
    {"2010301", "30212", "50202"}, {"2010301", "31013", "50306"}, {"2010350", "30101", "50501"},
    {"2080505", "30108", "50102"}, {"2101101", "30110", "50102"}, {"2210201", "30113", "50103"},
    {"2010301", "30302", "50905"}, {"2010399", "31002", "50306"}, {"2050803", "30216", "50203"},
    {"2010302", "30239", "50201"}, {"2010301", "30227", "50205"},
};

static char *generated(GRand *g, const char *format, const char *const *categories,
                       int n_categories)
{
    const bg_catalog *cat = test_catalog;
    GString *s = g_string_new(NULL);
    g_string_append_printf(s,
                           "department: {code: \"900\", name: 生成部门, year: 2023, format: %s}\n"
                           "units:\n"
                           "  - {code: \"900001\", name: 机关, type: 行政}\n"
                           "  - {code: \"900002\", name: 中心, type: 事业}\n"
                           "  - {code: \"900003\", name: 执法队, type: 参公}\n"
                           "projects:\n",
                           format);
    int n_projects = 1 + g_rand_int_range(g, 0, 4);
    for (int p = 0; p < n_projects; p++)
        g_string_append_printf(s, "  - {code: P%d, name: 项目%d, unit: \"90000%d\", category: %s}\n",
                               p, p, 1 + p % 3, categories[p % n_categories]);
    g_string_append(s, "line_items:\n");
    int n = 5 + g_rand_int_range(g, 0, 40);
    bg_money total = 0;
    for (int i = 0; i < n; i++) {
        const char *const *t = triples[g_rand_int_range(g, 0, G_N_ELEMENTS(triples))];
        const bg_fund *fund = cat->funds->pdata[g_rand_int_range(g, 0, (gint32)cat->funds->len)];
        bg_money amount = (bg_money)g_rand_int_range(g, 1, 5000000) * (g_rand_boolean(g) ? 1 : 100);
        total += amount;
        g_string_append_printf(s,
                               "  - {unit: \"90000%d\", function: \"%s\", dept_econ: \"%s\", "
                               "gov_econ: \"%s\", fund: %s, carry_over: %s, amount: %lld.%02lld",
                               g_rand_int_range(g, 1, 4), t[0], t[1], t[2], fund->code,
                               g_rand_int_range(g, 0, 5) == 0 ? "true" : "false",
                               (long long)(amount / 100), (long long)(amount % 100));
        if (g_rand_boolean(g))
            g_string_append_printf(s, ", project: P%d", g_rand_int_range(g, 0, n_projects));
        g_string_append(s, "}\n");
    }
    g_string_append(s, "procurement:\n");
    static const char *const kinds[] = {"货物", "服务", "工程"};
    for (int i = g_rand_int_range(g, 0, 4); i > 0; i--)
        g_string_append_printf(s,
                               "  - {unit: \"900001\", function: \"2010301\", item: 采购%d, "
                               "category: %s, measure: 台, quantity: %d, amount: %d}\n",
                               i, kinds[i % 3], i, 1000 * i);
    /* Last year's total: below, equal to or above this year's. */
    int dir = g_rand_int_range(g, 0, 3);
    bg_money last = dir == 0 ? total / 2 : dir == 1 ? total : total * 2;
    g_string_append_printf(s, "figures: {last_year_total: %lld.%02lld}\n", (long long)(last / 100),
                           (long long)(last % 100));
    return g_string_free(s, FALSE);
}

static void property(const char *format, const char *const *categories, int n_categories,
                     const char *heading, const char *total_ref_table, const char *total_row,
                     const char *total_column)
{
    GRand *g = g_rand_new_with_seed(20261201);
    int compared = 0;
    for (int round = 0; round < 40; round++) {
        char *text = generated(g, format, categories, n_categories);
        bg_department *d;
        bg_derived *x = derive_text("gen.yaml", text, &d);
        bg_doc *doc = bg_derive_document(x);
        compared += check_uses(x, doc);
        /* The direction of the change against last year follows its sign. */
        bg_cell_ref ref = {.table = (char *)total_ref_table, .row = (char *)total_row,
                           .column = (char *)total_column};
        bg_money total = read_cell(doc, &ref), last = *(bg_money *)g_hash_table_lookup(
                                                   d->figures, "last_year_total");
        char *s1 = section_text(doc, heading);
        const char *want = total > last ? "增加" : total < last ? "减少" : "持平";
        const char *wrong[] = {"增加", "减少", "持平"};
        assert_non_null(strstr(s1, want));
        for (size_t k = 0; k < 3; k++)
            if (strcmp(wrong[k], want) != 0 && strstr(s1, wrong[k]))
                fail_msg("round %d: %s with %lld against %lld: %s", round, wrong[k],
                         (long long)total, (long long)last, s1);
        assert_null(strstr(s1, "增长0.00%"));
        g_free(s1);
        bg_derived_free(x);
        bg_doc_free(doc);
        bg_department_free(d);
        g_free(text);
    }
    assert_true(compared > 100);
    g_rand_free(g);
}

static void test_generated_zhengzhou(void **state)
{
    (void)state;
    static const char *const cats[] = {"社会事业和经济发展项目", "债务项目", "基本建设项目",
                                       "其他项目"};
    property("zhengzhou-2021", cats, 4, "一、收入支出预算总体情况说明", "1", "本年收入合计",
             "收入/金额");
}

static void test_generated_guancheng(void **state)
{
    (void)state;
    static const char *const cats[] = {"其他运转类", "特定目标类"};
    property("guancheng-2023", cats, 2, "一、收入支出预算总体情况说明", "01", "收 入 总 计",
             "收入/金额");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_public_fund_item),
        cmocka_unit_test(test_three_public_general_item),
        cmocka_unit_test(test_restatement_proved),
        cmocka_unit_test(test_heading_figure),
        cmocka_unit_test(test_format_template_errors),
        cmocka_unit_test(test_catalog_default_fund),
        cmocka_unit_test(test_field_names_have_values),
        cmocka_unit_test(test_unused_text_warned),
        cmocka_unit_test(test_generated_zhengzhou),
        cmocka_unit_test(test_generated_guancheng),
    };
    return cmocka_run_group_tests_name("figures", tests, test_setup_catalog,
                                       test_teardown_catalog);
}
