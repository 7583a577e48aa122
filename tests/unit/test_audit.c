/* budgetgen audit: on the three published reference texts it reports the
 * contradictions recorded by hand in tests/fixtures/audit/ (NAME.expected.tsv)
 * (from the records of tests/fixtures/narrative and published) and nothing
 * else; budgetgen's own disclosures of the samples, as text, audit clean;
 * and one change planted in a copy — a table cell, a narrative figure, a
 * share, a direction word, at every position generated — is found. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "derive/audit.h"
#include "derive/document.h"
#include "input/published.h"
#include "model/money.h"
#include "support.h"

static const char *const names[] = {"zhengzhou-gov-office-2021", "zhengzhou-services-2021",
                                     "guancheng-bigdata-2023"};
static const char *const samples[] = {"samples/zhengzhou-gov-office-2021.yaml",
                                      "samples/zhengzhou-services-2021.yaml",
                                      "samples/guancheng-bigdata-2023.json"};

static bg_published *read_text(const char *text)
{
    char *err = NULL;
    bg_published *p = bg_published_read_text("test.txt", text, strlen(text), test_formats,
                                              "templates", NULL, &err);
    if (!p)
        fail_msg("not read: %s", err);
    g_free(err);
    return p;
}

static GPtrArray *audit_text(const char *text)
{
    bg_published *p = read_text(text);
    GPtrArray *f = bg_audit(p);
    bg_published_free(p);
    return f;
}

static void print_findings(const GPtrArray *f)
{
    for (guint i = 0; i < f->len; i++) {
        const bg_finding *x = f->pdata[i];
        fprintf(stderr, "  %s %s %d %s | %s | %s | %s\n", x->severity ? "warning" : "error", x->rule,
                x->line, x->table ? x->table : "-", x->where, x->found, x->expected);
    }
}

/* ---- the reference texts ------------------------------------------------ */

static void expect_fixture(const char *name)
{
    char *path = g_strdup_printf("tests/fixtures/audit/%s.txt", name);
    char *tsv = g_strdup_printf("tests/fixtures/audit/%s.expected.tsv", name);
    char *text = NULL, *want = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    assert_true(g_file_get_contents(tsv, &want, NULL, NULL));
    GPtrArray *got = audit_text(text);
    bool *used = g_new0(bool, got->len + 1);
    char **lines = g_strsplit(want, "\n", -1);
    int expected = 0, missing = 0;
    for (char **l = lines; *l; l++) {
        if (!**l || **l == '#')
            continue;
        char **f = g_strsplit(*l, "\t", -1);
        assert_true(g_strv_length(f) >= 5);
        expected++;
        bool hit = false;
        for (guint i = 0; i < got->len && !hit; i++) {
            const bg_finding *x = got->pdata[i];
            if (used[i] || strcmp(x->rule, f[1]) != 0 || x->line != atoi(f[2]) ||
                strcmp(x->severity ? "warning" : "error", f[0]) != 0 ||
                strcmp(x->table ? x->table : "-", f[3]) != 0 ||
                (!strstr(x->found, f[4]) && !strstr(x->where, f[4])))
                continue;
            used[i] = hit = true;
        }
        if (!hit) {
            fprintf(stderr, "%s: not found: %s\n", name, *l);
            missing++;
        }
        g_strfreev(f);
    }
    int extra = 0;
    for (guint i = 0; i < got->len; i++)
        if (!used[i])
            extra++;
    if (missing || extra) {
        fprintf(stderr, "%s: %d expected, %u reported:\n", name, expected, got->len);
        print_findings(got);
    }
    assert_int_equal(missing, 0);
    assert_int_equal(extra, 0); /* no false alarm */
    g_strfreev(lines);
    g_free(used);
    g_ptr_array_unref(got);
    g_free(text);
    g_free(want);
    g_free(path);
    g_free(tsv);
}

static void test_seed_000(void **state)
{
    (void)state;
    expect_fixture(names[0]);
}

static void test_seed_001(void **state)
{
    (void)state;
    expect_fixture(names[1]);
}

static void test_seed_002(void **state)
{
    (void)state;
    expect_fixture(names[2]);
}

/* ---- budgetgen's own disclosures, as plain text ------------------------- */

/* A table as text extracted from a PDF keeps it: title and unit on lines of
 * their own, then the header grid and the rows, tab-separated. */
static void print_table(GString *out, const bg_table *t)
{
    if (t->form)
        return;
    g_string_append_printf(out, "\n%s\n%s\n", t->title, t->unit_line);
    for (int r = 0; r < t->header_rows; r++) {
        GPtrArray *cells = g_ptr_array_new();
        for (int c = 0; c < t->n_cols; c++)
            g_ptr_array_add(cells, "");
        for (guint i = 0; i < t->header->len; i++) {
            const bg_header_cell *h = t->header->pdata[i];
            if (h->row == r && h->col < t->n_cols)
                cells->pdata[h->col] = h->text;
        }
        for (int c = 0; c < t->n_cols; c++)
            g_string_append_printf(out, "%s%s", c ? "\t" : "", (char *)cells->pdata[c]);
        g_string_append_c(out, '\n');
        g_ptr_array_free(cells, TRUE);
    }
    for (guint i = 0; i < t->rows->len; i++) {
        const bg_row *row = t->rows->pdata[i];
        for (int c = 0; c < t->n_cols; c++)
            g_string_append_printf(out, "%s%s", c ? "\t" : "", row->cells[c].text);
        g_string_append_c(out, '\n');
    }
    for (guint i = 0; i < t->notes->len; i++)
        g_string_append_printf(out, "%s\n", (char *)t->notes->pdata[i]);
}

static char *own_text(const char *sample)
{
    test_derived r = test_derive(sample);
    GString *tables = g_string_new(NULL);
    for (guint i = 0; i < r.tables->len; i++) /* before the document takes them */
        print_table(tables, r.tables->pdata[i]);
    bg_doc *doc = bg_derive_document(r.x);
    GPtrArray *lines = test_doc_lines(doc);
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < lines->len; i++)
        g_string_append_printf(out, "%s\n", (char *)lines->pdata[i]);
    g_string_append(out, tables->str);
    g_string_free(tables, TRUE);
    g_ptr_array_unref(lines);
    bg_doc_free(doc);
    test_derived_free(&r);
    return g_string_free(out, FALSE);
}

static void test_own_output_is_clean(void **state)
{
    (void)state;

    for (size_t i = 0; i < G_N_ELEMENTS(samples); i++) {
        char *text = own_text(samples[i]);
        bg_published *p = read_text(text);
        assert_string_equal(p->format_id, i < 2 ? "zhengzhou-2021" : "guancheng-2023");
        for (guint t = 0; t < p->tables->len; t++) {
            const bg_table_def *def = p->format->tables->pdata[t];
            if (!def->form && !p->tables->pdata[t])
                fail_msg("%s: table %s not found", samples[i], def->id);
        }
        GPtrArray *f = bg_audit(p);
        if (f->len) {
            fprintf(stderr, "%s:\n", samples[i]);
            print_findings(f);
        }
        assert_int_equal(f->len, 0);
        g_ptr_array_unref(f);
        bg_published_free(p);
        g_free(text);
    }
}

/* ---- planted errors ----------------------------------------------------- */

/* The text with line `line` (1-based) replaced. */
static char *with_line(const char *text, int line, const char *replacement)
{
    char **lines = g_strsplit(text, "\n", -1);
    g_free(lines[line - 1]);
    lines[line - 1] = g_strdup(replacement);
    char *out = g_strjoinv("\n", lines);
    g_strfreev(lines);
    return out;
}

/* How many findings a planted copy has beyond the original's. */
static guint planted(const char *text, guint baseline, const char *what)
{
    GPtrArray *f = audit_text(text);
    guint n = f->len;
    if (n <= baseline)
        fprintf(stderr, "planted %s: not found\n", what);
    g_ptr_array_unref(f);
    return n > baseline ? n - baseline : 0;
}

static char *amount_text(int64_t fen, const bg_published *p)
{
    char buf[BG_MONEY_BUF];
    if (p->money_unit_fen >= 10000)
        return g_strdup(bg_money_format_wan(fen, 2, 0, buf));
    return g_strdup(bg_money_format_yuan(fen, buf));
}

/* Whether the format adds the column up: a total row in its block, or a
 * total column among it and its siblings (what audit's rules can check). */
static bool sums_cell(const bg_pub_table *t, const bg_pub_leaf *l)
{
    const bg_block *b = t->def->blocks->pdata[l->block];
    for (guint i = 0; i < b->rows->len; i++)
        if (((bg_rows *)b->rows->pdata[i])->kind == BG_ROWS_TOTAL)
            return true;
    const GPtrArray *sib = l->parent ? l->parent->children : b->columns;
    for (guint i = 0; i < sib->len; i++)
        if (((bg_column *)sib->pdata[i])->total_of != BG_TOTAL_NONE)
            return true;
    return false;
}

/* Each amount cell of every table whose format adds it up (a total row or
 * a total column) is changed by a hundred printed units, one at a time. */
static void plant_cells(const char *text, guint baseline, int stride, int *tried, int *found)
{
    bg_published *p = read_text(text);
    int k = 0;
    for (guint t = 0; t < p->tables->len; t++) {
        const bg_pub_table *tab = p->tables->pdata[t];
        if (!tab || tab->missing->len || !tab->header_checked)
            continue;
        for (guint r = 0; r < tab->rows->len; r++) {
            const bg_pub_row *row = tab->rows->pdata[r];
            if (!row->readable)
                continue;
            for (int c = 0; c < tab->n_cols; c++) {
                const bg_pub_leaf *l = tab->leaves->pdata[c];
                bool summed = sums_cell(tab, l);
                if (l->key >= 0 || !summed || !*row->cells[c].text || k++ % stride)
                    continue;
                char **cells = g_strsplit(p->lines->pdata[row->line - 1], "\t", -1);
                char *v = amount_text(row->cells[c].fen + 100 * p->money_unit_fen, p);
                g_free(cells[c]);
                cells[c] = v;
                char *line = g_strjoinv("\t", cells);
                char *copy = with_line(text, row->line, line);
                char *what = g_strdup_printf("cell 表%s line %d column %s", tab->def->id, row->line, l->path);
                (*tried)++;
                *found += planted(copy, baseline, what) > 0;
                g_free(what);
                g_free(copy);
                g_free(line);
                g_strfreev(cells);
            }
        }
    }
    bg_published_free(p);
}

/* Each match of `re` in the narrative (before the tables), replaced one at
 * a time by what `change` makes of it. */
static void plant_words(const char *text, guint baseline, const char *re_text,
                        char *(*change)(const char *), int *tried, int *found)
{
    bg_published *p = read_text(text);
    int last = p->first_table_line - 1;
    GRegex *re = g_regex_new(re_text, 0, 0, NULL);
    for (int l = 0; l < last; l++) {
        const char *line = p->lines->pdata[l];
        GMatchInfo *mi = NULL;
        g_regex_match(re, line, 0, &mi);
        while (g_match_info_matches(mi)) {
            int s, e;
            g_match_info_fetch_pos(mi, 1, &s, &e);
            char *old = g_strndup(line + s, (gsize)(e - s));
            char *new_ = change(old);
            char *changed = g_strdup_printf("%.*s%s%s", s, line, new_, line + e);
            char *copy = with_line(text, l + 1, changed);
            char *what = g_strdup_printf("line %d: %s → %s", l + 1, old, new_);
            (*tried)++;
            *found += planted(copy, baseline, what) > 0;
            g_free(what);
            g_free(copy);
            g_free(changed);
            g_free(new_);
            g_free(old);
            g_match_info_next(mi, NULL);
        }
        g_match_info_free(mi);
    }
    g_regex_unref(re);
    bg_published_free(p);
}

static char *bump_last_digit(const char *s)
{
    char *out = g_strdup(s);
    size_t n = strlen(out);
    out[n - 1] = (char)('0' + (out[n - 1] - '0' + 3) % 10);
    return out;
}

static char *opposite(const char *s)
{
    static const char *const pairs[][2] = {{"增加", "减少"}, {"减少", "增加"}, {"增长", "下降"}, {"下降", "增长"}};
    for (size_t i = 0; i < G_N_ELEMENTS(pairs); i++)
        if (strcmp(s, pairs[i][0]) == 0)
            return g_strdup(pairs[i][1]);
    return g_strdup(s);
}

static char *plus_ten(const char *s)
{
    int64_t fen;
    int digits = 0;
    if (!bg_pub_amount(s, 10000, &fen, &digits))
        return g_strdup(s);
    char buf[BG_MONEY_BUF];
    return g_strdup(bg_money_format_wan(fen + 10 * 1000000, digits, 0, buf));
}

static void test_planted(void **state)
{
    (void)state;
    for (size_t i = 0; i < G_N_ELEMENTS(samples); i++) {
        char *text = own_text(samples[i]);
        int tried = 0, found = 0;
        plant_cells(text, 0, 3, &tried, &found);
        fprintf(stderr, "%s: table cells %d/%d\n", samples[i], found, tried);
        assert_int_equal(found, tried);
        int t0 = tried, f0 = found;
        /* every share and rate printed: the last digit changed */
        plant_words(text, 0, "([0-9]+\\.[0-9]+)%", bump_last_digit, &tried, &found);
        fprintf(stderr, "%s: shares and rates %d/%d\n", samples[i], found - f0, tried - t0);
        assert_int_equal(found, tried);
        t0 = tried;
        f0 = found;
        /* the direction word of every change stated with its rate */
        plant_words(text, 0, "(增加|减少)[0-9.]+万元，(?:增长|下降)[0-9.]+%", opposite, &tried, &found);
        plant_words(text, 0, "(?:增加|减少)[0-9.]+万元，(增长|下降)[0-9.]+%", opposite, &tried, &found);
        fprintf(stderr, "%s: direction words %d/%d\n", samples[i], found - f0, tried - t0);
        assert_int_equal(found, tried);
        g_free(text);
    }
}

/* The words a template prints just before {name}: where a sentence
 * prints the figure. */
static void contexts_of(const char *t, const char *name, GPtrArray *out)
{
    char *ph = g_strdup_printf("{%s}", name);
    for (const char *p = strstr(t, ph); p; p = strstr(p + 1, ph)) {
        const char *s = p;
        int n = 0;
        while (s > t && n < 4 && s[-1] != '}') {
            s = g_utf8_find_prev_char(t, s);
            n++;
        }
        if (n >= 2)
            g_ptr_array_add(out, g_strndup(s, (gsize)(p - s)));
    }
    g_free(ph);
}

/* Figures the format states in a table, where its sentences print them:
 * each occurrence raised by 10 万元. */
static void test_planted_figures(void **state)
{
    (void)state;
    for (size_t i = 0; i < G_N_ELEMENTS(samples); i++) {
        char *text = own_text(samples[i]);
        bg_published *p = read_text(text);
        int tried = 0, found = 0;
        for (guint k = 0; k < p->format->figures->len; k++) {
            const bg_figure_def *fig = p->format->figures->pdata[k];
            int64_t fen, unit;
            if (fig->count || !bg_audit_figure_value(p, fig->name, &fen, &unit) || fen == 0)
                continue;
            GPtrArray *ctx = g_ptr_array_new_with_free_func(g_free);
            for (guint a = 0; a < p->format->parts->len; a++) {
                const bg_part *part = p->format->parts->pdata[a];
                for (guint b = 0; b < part->sections->len; b++) {
                    const bg_section *sec = part->sections->pdata[b];
                    for (guint c = 0; c < sec->paragraphs->len; c++) {
                        const bg_para *para = sec->paragraphs->pdata[c];
                        if (para->text)
                            contexts_of(para->text, fig->name, ctx);
                    }
                }
            }
            char buf[BG_MONEY_BUF];
            char *esc = g_regex_escape_string(bg_money_format_wan(fen, 2, 1, buf), -1);
            for (guint c = 0; c < ctx->len; c++) {
                char *ce = g_regex_escape_string(ctx->pdata[c], -1);
                char *re = g_strdup_printf("%s(%s)万元", ce, esc);
                plant_words(text, 0, re, plus_ten, &tried, &found);
                g_free(re);
                g_free(ce);
            }
            g_free(esc);
            g_ptr_array_unref(ctx);
        }
        fprintf(stderr, "%s: narrative figures %d/%d\n", samples[i], found, tried);
        assert_true(tried > 0);
        assert_int_equal(found, tried);
        bg_published_free(p);
        g_free(text);
    }
}

/* Planted in a reference text (001, whose grid the text keeps): more
 * findings than it has. */
static void test_planted_in_seed(void **state)
{
    (void)state;
    char *text = NULL;
    assert_true(g_file_get_contents("tests/fixtures/audit/zhengzhou-services-2021.txt", &text, NULL, NULL));
    GPtrArray *base = audit_text(text);
    int tried = 0, found = 0;
    plant_cells(text, base->len, 2, &tried, &found);
    fprintf(stderr, "seed 001: table cells %d/%d\n", found, tried);
    assert_true(tried > 20);
    assert_int_equal(found, tried);
    g_ptr_array_unref(base);
    g_free(text);
}

/* An empty table without its remark, and a table taken out: each one
 * finding more than the reference text has, of its rule and table. */
static void test_planted_tables(void **state)
{
    (void)state;
    char *text = NULL;
    assert_true(g_file_get_contents("tests/fixtures/audit/zhengzhou-services-2021.txt", &text, NULL, NULL));
    GPtrArray *base = audit_text(text);
    static const struct {
        const char *from, *to, *rule, *table;
    } cases[] = {
        {"备注：我单位2021年无政府性基金预算支出，所以此表为空表。", "", "empty_without_remark", "8"},
        {"郑州市政务服务办公室一般公共预算“三公”经费支出情况表", "", "missing_table", "7"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GString *s = g_string_new(text);
        assert_true(g_string_replace(s, cases[i].from, cases[i].to, 1) == 1);
        GPtrArray *f = audit_text(s->str);
        guint hits = 0;
        for (guint k = 0; k < f->len; k++) {
            const bg_finding *x = f->pdata[k];
            hits += strcmp(x->rule, cases[i].rule) == 0 && x->table && strcmp(x->table, cases[i].table) == 0;
        }
        if (f->len != base->len + 1 || hits != 1)
            print_findings(f);
        assert_int_equal(f->len, base->len + 1);
        assert_int_equal(hits, 1);
        g_ptr_array_unref(f);
        g_string_free(s, TRUE);
    }
    g_ptr_array_unref(base);
    g_free(text);
}

/* ---- budgetgen's own PDFs ------------------------------------------------ */

/* The samples rendered as PDF by the command, read back through poppler:
 * no finding; and the text audit reads from them, changed as above (a
 * share, a direction word), is found — the narrative is read from the
 * PDF, not skipped. */
static void test_own_pdfs(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("audit-pdf-XXXXXX", NULL);
    const char *args[] = {"render", "--pdf", "-o", dir, samples[0], samples[1], samples[2], NULL};
    test_run_result r = test_run(args);
    assert_int_equal(r.status, 0);
    test_run_clear(&r);
    static const char *const pdfs[] = {"003-2021.pdf", "114-2021.pdf", "129-2023.pdf"};
    for (size_t i = 0; i < G_N_ELEMENTS(pdfs); i++) {
        char *file = g_build_filename(dir, pdfs[i], NULL);
        char *data = NULL, *err = NULL;
        gsize len = 0;
        assert_true(g_file_get_contents(file, &data, &len, NULL));
        assert_true(bg_published_is_pdf(data, len));
        bg_published *p = bg_published_read_pdf(file, data, len, test_formats, "templates", NULL, &err);
        if (!p)
            fail_msg("%s: %s", pdfs[i], err);
        for (guint t = 0; t < p->tables->len; t++) {
            const bg_table_def *def = p->format->tables->pdata[t];
            if (!def->form && !p->tables->pdata[t])
                fail_msg("%s: table %s not found", pdfs[i], def->id);
        }
        GPtrArray *f = bg_audit(p);
        if (f->len)
            print_findings(f);
        assert_int_equal(f->len, 0);
        g_ptr_array_unref(f);
        /* where a table stands is told by its page: the tables follow the
         * narrative, page after page */
        int pages = (int)p->page_starts->len, last = 0;
        for (guint t = 0; t < p->tables->len; t++) {
            const bg_pub_table *tab = p->tables->pdata[t];
            int page = tab ? bg_published_page(p, tab->title_line) : 0;
            assert_true(!tab || (page > 1 && page <= pages && page >= last));
            if (tab)
                last = page;
        }
        assert_int_equal(bg_published_page(p, 1), 1);
        bg_published_free(p);
        char *text = bg_published_pdf_text(data, len, &err);
        assert_non_null(text);
        if (g_getenv("AUDIT_DUMP_PDF"))
            g_file_set_contents(g_getenv("AUDIT_DUMP_PDF"), text, -1, NULL);
        int tried = 0, found = 0;
        plant_words(text, 0, "([0-9]+\\.[0-9]+)%", bump_last_digit, &tried, &found);
        plant_words(text, 0, "(增加|减少)[0-9.]+万元，(?:增长|下降)[0-9.]+%", opposite, &tried, &found);
        fprintf(stderr, "%s: shares, rates and direction words %d/%d\n", pdfs[i], found, tried);
        assert_true(tried > 5);
        assert_int_equal(found, tried);
        g_free(text);
        g_remove(file);
        g_free(file);
        g_free(data);
    }
    char *index = g_build_filename(dir, "index.json", NULL);
    g_remove(index);
    g_free(index);
    index = g_build_filename(dir, "index.xlsx", NULL);
    g_remove(index);
    g_free(index);
    g_rmdir(dir);
    g_free(dir);
}

/* ---- the command -------------------------------------------------------- */

static void test_cli(void **state)
{
    (void)state;
    test_run_result r = test_run((const char *[]){"audit", "tests/fixtures/audit/zhengzhou-services-2021.txt", NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "错误"));
    assert_non_null(strstr(r.out, "20.33%"));
    test_run_clear(&r);
    r = test_run((const char *[]){"audit", "--json", "tests/fixtures/audit/guancheng-bigdata-2023.txt", NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "\"rule\": \"comparison_year\""));
    test_run_clear(&r);
    /* own output: nothing found */
    char *text = own_text(samples[1]);
    char *dir = g_dir_make_tmp("audit-XXXXXX", NULL);
    char *file = g_build_filename(dir, "own.txt", NULL);
    assert_true(g_file_set_contents(file, text, -1, NULL));
    r = test_run((const char *[]){"audit", file, NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "未发现矛盾"));
    test_run_clear(&r);
    /* not a disclosure: exit 2, saying what each format found */
    assert_true(g_file_set_contents(file, "第一部分\n随便什么\n", -1, NULL));
    r = test_run((const char *[]){"audit", file, NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "zhengzhou-2021：找到 0 张表"));
    test_run_clear(&r);
    r = test_run((const char *[]){"audit", "--format", "guancheng-2023", "tests/fixtures/audit/zhengzhou-services-2021.txt", NULL});
    assert_int_equal(r.status, 2);
    test_run_clear(&r);
    r = test_run((const char *[]){"audit", "/nonexistent/file.txt", NULL});
    assert_int_equal(r.status, 2);
    test_run_clear(&r);
    /* a pipe is refused, not waited on */
    char *fifo = g_build_filename(dir, "pipe", NULL);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    r = test_run((const char *[]){"audit", fifo, NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "命名管道"));
    test_run_clear(&r);
    g_remove(fifo);
    g_free(fifo);
    /* several files with --json: one array of their reports */
    r = test_run((const char *[]){"audit", "--json", "tests/fixtures/audit/zhengzhou-services-2021.txt",
                                  "tests/fixtures/audit/guancheng-bigdata-2023.txt", NULL});
    assert_int_equal(r.status, 1);
    assert_true(g_str_has_prefix(r.out, "[\n{\"file\": "));
    assert_true(g_str_has_suffix(r.out, "]}\n]\n"));
    test_run_clear(&r);
    g_remove(file);
    g_rmdir(dir);
    g_free(file);
    g_free(dir);
    g_free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_000),         cmocka_unit_test(test_seed_001),
        cmocka_unit_test(test_seed_002),         cmocka_unit_test(test_own_output_is_clean),
        cmocka_unit_test(test_planted),          cmocka_unit_test(test_planted_figures),
        cmocka_unit_test(test_planted_in_seed),  cmocka_unit_test(test_planted_tables),
        cmocka_unit_test(test_own_pdfs),
        cmocka_unit_test(test_cli),
    };
    return cmocka_run_group_tests(tests, test_setup_catalog, test_teardown_catalog);
}
