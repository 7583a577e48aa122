/* budgetgen audit: on the three published reference texts it reports the
 * contradictions recorded by hand in tests/fixtures/audit/ (NAME.expected.tsv)
 * (from the records of tests/fixtures/narrative and published) and nothing
 * else; budgetgen's own disclosures of the samples, as text, audit clean;
 * and one change planted in a copy — a table cell, a narrative figure, a
 * share, a direction word, at every position generated — is found. Read
 * from PDFs (budgetgen's, set in two typefaces, and LibreOffice's of its
 * workbooks), every row is placed in its columns, blank cells and all, and
 * a figure planted in a row with blanks is found there; the department is
 * named by the tables' titles or the cover. */
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
#include "layout/fonts.h"
#include "model/money.h"
#include "render/disclosure.h"
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

/* The department each reference text names: 000's and 001's table titles
 * open with it; 002's titles do not, its cover does, over two lines. */
static const char *const departments[] = {"郑州市人民政府办公厅", "郑州市政务服务办公室",
                                          "郑州市管城回族区政务服务和大数据管理局"};

static void test_department(void **state)
{
    (void)state;
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        char *path = g_strdup_printf("tests/fixtures/audit/%s.txt", names[i]);
        char *text = NULL;
        assert_true(g_file_get_contents(path, &text, NULL, NULL));
        bg_published *p = read_text(text);
        assert_non_null(p->department);
        assert_string_equal(p->department, departments[i]);
        bg_published_free(p);
        g_free(text);
        g_free(path);
    }
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
        assert_non_null(p->department);
        assert_string_equal(p->department, departments[i]);
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

/* ---- rows with blanks, read from a PDF ------------------------------------ */

static bg_published *read_pdf_file(const char *file)
{
    char *data = NULL, *err = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(file, &data, &len, NULL));
    bg_published *p = bg_published_read_pdf(file, data, len, test_formats, "templates", NULL, &err);
    if (!p)
        fail_msg("%s: %s", file, err);
    g_free(data);
    return p;
}

/* The key cells of a row joined, spaces removed: a label spread over
 * several key cells (合计 over 类 款 项) compares whole. */
static char *keys_of(char *const *texts, const bool *amount, int n)
{
    GString *s = g_string_new(NULL);
    for (int c = 0; c < n; c++)
        if (!amount[c]) {
            char *t = bg_pub_normalize(texts[c]);
            g_string_append(s, t);
            g_free(t);
        }
    return g_string_free(s, FALSE);
}

static bool row_has_amount(const bg_table *t, const bg_row *row)
{
    for (int c = 0; c < t->n_cols; c++)
        if (t->col_kinds[c] == BG_COL_AMOUNT && *row->cells[c].text)
            return true;
    return false;
}

/* Whether the row read stands for the row printed: each amount cell the
 * same, and the key cells joined (each a part of them, when the reading
 * says they may lack a wrapped line). */
static bool same_row(const bg_table *t, const bool *amount, const bg_row *printed, const bg_pub_row *read)
{
    char **texts = g_new0(char *, t->n_cols + 1);
    bool same = true;
    for (int c = 0; c < t->n_cols; c++) {
        texts[c] = printed->cells[c].text;
        same = same && (!amount[c] || strcmp(read->cells[c].text, printed->cells[c].text) == 0);
    }
    char *want = keys_of(texts, amount, t->n_cols);
    for (int c = 0; c < t->n_cols; c++)
        texts[c] = read->cells[c].text;
    char *got = keys_of(texts, amount, t->n_cols);
    same = same && (read->partial_keys || strcmp(want, got) == 0);
    /* keys said to lack a wrapped line: each cell read a part of them */
    for (int c = 0; c < t->n_cols && same && read->partial_keys; c++) {
        char *n = amount[c] ? NULL : bg_pub_normalize(read->cells[c].text);
        same = !n || strstr(want, n) != NULL;
        g_free(n);
    }
    g_free(want);
    g_free(got);
    g_free(texts);
    return same;
}

/* The rows of the sample's PDF that print an amount, as read against the
 * tables they were rendered from: every row read is read as printed, its
 * key cells (wrapped lines joined) and each amount cell, in order; with
 * `all`, every row is read. A round trip: the tables are budgetgen's
 * own, the reading is the PDF's. *read and *rows get the rows read and
 * printed; returns the rows read that have a blank amount cell. */
static int expect_pdf_rows(const char *sample, const char *pdf, bool all, int *read, int *rows)
{
    test_derived r = test_derive(sample);
    bg_published *p = read_pdf_file(pdf);
    int with_blanks = 0;
    *read = *rows = 0;
    for (guint i = 0; i < p->tables->len; i++) {
        const bg_pub_table *pt = p->tables->pdata[i];
        if (!pt)
            continue;
        const bg_table *t = test_table(&r, pt->def->id);
        assert_int_equal(t->n_cols, pt->n_cols);
        bool *amount = g_new0(bool, t->n_cols);
        for (int c = 0; c < t->n_cols; c++)
            amount[c] = ((bg_pub_leaf *)pt->leaves->pdata[c])->key < 0;
        GPtrArray *printed = g_ptr_array_new();
        for (guint ri = 0; ri < t->rows->len; ri++)
            if (row_has_amount(t, t->rows->pdata[ri])) /* a row of blanks adds nothing: not read */
                g_ptr_array_add(printed, t->rows->pdata[ri]);
        *rows += (int)printed->len;
        guint next = 0; /* the next printed row */
        for (guint k = 0; k < pt->rows->len; k++) {
            const bg_pub_row *got = pt->rows->pdata[k];
            if (!got->readable)
                continue;
            guint at = next;
            while (at < printed->len && !all && !same_row(t, amount, printed->pdata[at], got))
                at++;
            if (at >= printed->len || !same_row(t, amount, printed->pdata[at], got)) {
                const bg_row *want = next < printed->len ? printed->pdata[next] : NULL;
                for (int c = 0; c < t->n_cols; c++)
                    fprintf(stderr, "  column %d: read \"%s\", printed \"%s\"\n", c, got->cells[c].text,
                            want ? want->cells[c].text : "-");
                fail_msg("%s 表%s line %d: read \"%s\"%s, printed otherwise", pdf, t->id, got->line,
                         got->label, got->partial_keys ? " (keys perhaps short)" : "");
            }
            const bg_row *row = printed->pdata[at];
            bool blank = false;
            for (int c = 0; c < t->n_cols; c++)
                blank = blank || (amount[c] && !*row->cells[c].text);
            with_blanks += blank;
            (*read)++;
            next = at + 1;
        }
        if (all && next < printed->len)
            fail_msg("%s 表%s: %u rows not read", pdf, t->id, printed->len - next);
        g_ptr_array_free(printed, TRUE);
        g_free(amount);
    }
    bg_published_free(p);
    test_derived_free(&r);
    return with_blanks;
}

/* The leaf column of `path` ("支出/项目", "基本支出/工资福利支出"), counted
 * over the blocks from the left; amount and key columns alike. */
static void find_leaf(const bg_column *c, const char *above, const char *path, int *leaf, int *found)
{
    char *here = above ? g_strdup_printf("%s/%s", above, c->title) : g_strdup(c->title);
    if (c->children) {
        for (guint i = 0; i < c->children->len; i++)
            find_leaf(c->children->pdata[i], here, path, leaf, found);
    } else {
        if (strcmp(here, path) == 0)
            *found = *leaf;
        (*leaf)++;
    }
    g_free(here);
}

static int leaf_of(const bg_table_def *def, const char *path)
{
    int leaf = 0, found = -1;
    for (guint b = 0; b < def->blocks->len; b++) {
        const bg_block *blk = def->blocks->pdata[b];
        for (guint i = 0; i < blk->columns->len; i++)
            find_leaf(blk->columns->pdata[i], NULL, path, &leaf, &found);
    }
    return found;
}

/* The sample rendered as a PDF whose table `table` prints `now` instead of
 * `was` in the row whose key cells read `row` and in column `column`: a
 * published document with one wrong figure, in a row with blank cells. */
static char *planted_pdf(const char *sample, const char *table, const char *row, const char *column,
                         const char *was, const char *now, const char *dir)
{
    test_derived r = test_derive(sample);
    bg_table *t = (bg_table *)test_table(&r, table);
    int col = leaf_of(bg_format_table(r.f, table), column);
    assert_true(col >= 0);
    bool *amount = g_new0(bool, t->n_cols);
    char **texts = g_new0(char *, t->n_cols + 1);
    for (int c = 0; c < t->n_cols; c++)
        amount[c] = t->col_kinds[c] == BG_COL_AMOUNT;
    bg_row *hit = NULL;
    for (guint i = 0; i < t->rows->len && !hit; i++) {
        bg_row *x = t->rows->pdata[i];
        for (int c = 0; c < t->n_cols; c++)
            texts[c] = x->cells[c].text;
        char *k = keys_of(texts, amount, t->n_cols);
        if (strcmp(k, row) == 0)
            hit = x;
        g_free(k);
    }
    assert_non_null(hit);
    assert_string_equal(hit->cells[col].text, was);
    bool blank = false;
    for (int c = 0; c < t->n_cols; c++)
        blank = blank || (amount[c] && !*hit->cells[c].text);
    assert_true(blank); /* the premise: blanks leave fewer amounts than columns */
    bg_cell_set_text(&hit->cells[col], now);
    g_free(texts);
    g_free(amount);
    bg_doc *doc = bg_derive_document(r.x);
    char *file = g_build_filename(dir, "planted.pdf", NULL);
    bg_fonts *fonts = bg_fonts_new(BG_FONTS_DIR);
    GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
    char *err = NULL;
    if (!bg_render_pdf(doc, fonts, file, warnings, NULL, &err))
        fail_msg("render: %s", err);
    g_ptr_array_unref(warnings);
    bg_fonts_free(fonts);
    bg_doc_free(doc);
    test_derived_free(&r);
    return file;
}

/* The line of the row the reading of table `table` labels `label`. */
static int row_line(const bg_published *p, const char *table, const char *label)
{
    for (guint i = 0; i < p->tables->len; i++) {
        const bg_pub_table *t = p->tables->pdata[i];
        for (guint k = 0; t && strcmp(t->def->id, table) == 0 && k < t->rows->len; k++) {
            const bg_pub_row *r = t->rows->pdata[k];
            if (strcmp(r->label, label) == 0)
                return r->line;
        }
    }
    fail_msg("表%s: no row %s", table, label);
    return 0;
}

typedef struct {
    const char *rule, *label, *column, *found, *expected;
} want_finding;

/* Exactly the findings `want`, each of table `table`, at the line of the
 * row it names, in the column it names, printing what it says. */
static void expect_findings(const bg_published *p, const char *table, const want_finding *want, size_t n)
{
    GPtrArray *f = bg_audit(p);
    if (f->len != n)
        print_findings(f);
    assert_int_equal(f->len, n);
    for (size_t i = 0; i < n; i++) {
        bool hit = false;
        int line = row_line(p, table, want[i].label);
        for (guint k = 0; k < f->len && !hit; k++) {
            const bg_finding *x = f->pdata[k];
            hit = strcmp(x->rule, want[i].rule) == 0 && x->line == line && x->table &&
                  strcmp(x->table, table) == 0 && strstr(x->where, want[i].column) &&
                  strcmp(x->found, want[i].found) == 0 && g_str_has_prefix(x->expected, want[i].expected);
        }
        if (!hit) {
            print_findings(f);
            fail_msg("not found: %s %s %s", want[i].rule, want[i].label, want[i].column);
        }
    }
    g_ptr_array_unref(f);
}

/* Renders the three samples as PDFs into a new folder, with the templates
 * of `templates` (NULL: the real ones); returns the folder. */
static char *render_pdfs(const char *templates)
{
    char *dir = g_dir_make_tmp("audit-blanks-XXXXXX", NULL);
    char *opt = templates ? g_strdup_printf("--templates=%s", templates) : NULL;
    const char *args[] = {opt ? opt : "render", opt ? "render" : "--pdf", opt ? "--pdf" : "-o",
                          opt ? "-o" : dir, opt ? dir : samples[0], opt ? samples[0] : samples[1],
                          opt ? samples[1] : samples[2], opt ? samples[2] : NULL, NULL};
    test_run_result r = test_run(args);
    if (r.status != 0)
        fail_msg("render: %s", r.err);
    test_run_clear(&r);
    g_free(opt);
    return dir;
}

static const char *const own_pdfs[] = {"003-2021.pdf", "114-2021.pdf", "129-2023.pdf"};

/* Every row of budgetgen's own PDFs that prints an amount is read in its
 * columns, those with blank cells too; so again when the tables are set
 * larger in another typeface (黑体 at 12 points: more cells wrap, the
 * columns stand elsewhere), which audits clean as well. */
static void test_pdf_rows_read(void **state)
{
    (void)state;
    char *tpl = test_templates_with("guancheng-2023/format.yaml",
                                    "table: {families: [宋体, SimSun, Noto Serif CJK SC], size: 10}",
                                    "table: {families: [黑体, Noto Sans CJK SC], size: 12}");
    char *zz = g_build_filename(tpl, "zhengzhou-2021", "format.yaml", NULL);
    char *text = test_file_with(zz, "table: {families: [宋体, SimSun, Noto Serif CJK SC], size: 10}",
                                "table: {families: [黑体, Noto Sans CJK SC], size: 12}");
    assert_true(g_file_set_contents(zz, text, -1, NULL));
    g_free(text);
    g_free(zz);
    for (int variant = 0; variant < 2; variant++) {
        char *dir = render_pdfs(variant ? tpl : NULL);
        for (size_t i = 0; i < G_N_ELEMENTS(own_pdfs); i++) {
            char *file = g_build_filename(dir, own_pdfs[i], NULL);
            int read, rows;
            int n = expect_pdf_rows(samples[i], file, true, &read, &rows);
            fprintf(stderr, "%s%s: rows read %d/%d, with blank cells %d\n", own_pdfs[i],
                    variant ? " (黑体 12)" : "", read, rows, n);
            assert_true(n > 20);
            bg_published *p = read_pdf_file(file);
            GPtrArray *f = bg_audit(p);
            if (f->len)
                print_findings(f);
            assert_int_equal(f->len, 0);
            g_ptr_array_unref(f);
            bg_published_free(p);
            g_free(file);
        }
        test_remove_tree(dir);
        g_free(dir);
    }
    test_remove_tree(tpl);
    g_free(tpl);
}

/* A PDF another program lays out: LibreOffice prints budgetgen's
 * workbooks as a spreadsheet does (cells without padding, text at the
 * bottom of its row, numbers against the next cell's text). Every row read
 * is read as printed, nearly all are read, and nothing is found. */
static void test_pdf_of_spreadsheet(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("audit-calc-XXXXXX", NULL);
    const char *args[] = {"render", "--xlsx", "-o", dir, samples[0], samples[1], samples[2], NULL};
    test_run_result r = test_run(args);
    assert_int_equal(r.status, 0);
    test_run_clear(&r);
    char *profile = g_strdup_printf("-env:UserInstallation=file://%s/profile", dir);
    char *books[G_N_ELEMENTS(own_pdfs)];
    for (size_t i = 0; i < G_N_ELEMENTS(own_pdfs); i++) {
        char *stem = g_strndup(own_pdfs[i], strlen(own_pdfs[i]) - strlen(".pdf"));
        books[i] = g_strdup_printf("%s/%s.xlsx", dir, stem);
        g_free(stem);
    }
    r = test_run_program((const char *[]){"soffice", profile, "--headless", "--convert-to", "pdf",
                                          "--outdir", dir, books[0], books[1], books[2], NULL});
    assert_int_equal(r.status, 0);
    test_run_clear(&r);
    int read_all = 0, rows_all = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(own_pdfs); i++) {
        char *file = g_build_filename(dir, own_pdfs[i], NULL);
        int read, rows;
        int n = expect_pdf_rows(samples[i], file, false, &read, &rows);
        fprintf(stderr, "%s (LibreOffice): rows read %d/%d, with blank cells %d\n", own_pdfs[i], read,
                rows, n);
        read_all += read;
        rows_all += rows;
        bg_published *p = read_pdf_file(file);
        GPtrArray *f = bg_audit(p);
        if (f->len)
            print_findings(f);
        assert_int_equal(f->len, 0);
        g_ptr_array_unref(f);
        bg_published_free(p);
        g_free(file);
        g_free(books[i]);
    }
    assert_true(10 * read_all >= 9 * rows_all);
    g_free(profile);
    test_remove_tree(dir);
    g_free(dir);
}

/* One figure changed in a row with blanks of budgetgen's own PDF: found
 * there, and what follows from it, nothing else. */
static void test_pdf_planted_in_blank_rows(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("audit-planted-XXXXXX", NULL);
    /* 表3 of 郑州市政务服务办公室 (seed 001 prints it so): 201 03 50 事业运行
     * 377,496 377,496 377,496 and nothing under 对个人和家庭, 商品服务,
     * 资本性 or 项目支出. Its 工资福利支出 printed 377,596 makes the row's
     * 基本支出 小计 short of its parts by 100, and the unit's 工资福利支出
     * 3,514,491 short of its 项 rows' 2,013,812 + 377,596 + 411,992 +
     * 218,871 + 492,320 = 3,514,591. */
    char *file = planted_pdf(samples[1], "3", "2010350事业运行（政府办公厅（室）及相关机构）",
                             "基本支出/工资福利支出", "377,496", "377,596", dir);
    bg_published *p = read_pdf_file(file);
    static const want_finding in_001[] = {
        {"column_total", "2010350事业运行（政府办公厅（室）及相关机构）", "基本支出/小计", "377,496元", "377,596元"},
        {"row_total", "114001郑州市政务服务办公室机关", "基本支出/工资福利支出", "3,514,491元", "3,514,591元"},
    };
    expect_findings(p, "3", in_001, G_N_ELEMENTS(in_001));
    bg_published_free(p);
    g_remove(file);
    g_free(file);

    /* 预算03表 of 管城回族区政务服务和大数据管理局 (seed 002): 210 04 09
     * 重大公共卫生服务 10.00 under 合计, 项目支出 小计 and 其他运转类,
     * nothing under 基本支出. 其他运转类 printed 11.00 leaves 小计 1.00
     * short, and 合计's 其他运转类 284.36 short of 274.36 + 11.00 = 285.36. */
    file = planted_pdf(samples[2], "03", "2100409重大公共卫生服务", "项目支出/其他运转类", "10.00",
                       "11.00", dir);
    p = read_pdf_file(file);
    static const want_finding in_002[] = {
        {"column_total", "2100409重大公共卫生服务", "项目支出/小计", "10.00万元", "11.00万元"},
        {"row_total", "合计", "项目支出/其他运转类", "284.36万元", "285.36万元"},
    };
    expect_findings(p, "03", in_002, G_N_ELEMENTS(in_002));
    bg_published_free(p);
    g_remove(file);
    g_free(file);

    /* 表1's 支出 side beside a blank 收入 amount: 3、商品服务支出 misprinted
     * 3、商品服务费支出 is the one 3、 row of the format not printed. */
    file = planted_pdf(samples[1], "1", "3、行政事业性收费收入3、商品服务支出", "支出/项目", "3、商品服务支出",
                       "3、商品服务费支出", dir);
    p = read_pdf_file(file);
    static const want_finding in_table_1[] = {
        {"row_label", "3、行政事业性收费收入", "表1", "3、商品服务费支出", "3、商品服务支出"},
    };
    expect_findings(p, "1", in_table_1, G_N_ELEMENTS(in_table_1));
    bg_published_free(p);
    g_remove(file);
    g_free(file);
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
        cmocka_unit_test(test_seed_002),         cmocka_unit_test(test_department),
        cmocka_unit_test(test_own_output_is_clean),
        cmocka_unit_test(test_planted),          cmocka_unit_test(test_planted_figures),
        cmocka_unit_test(test_planted_in_seed),  cmocka_unit_test(test_planted_tables),
        cmocka_unit_test(test_own_pdfs),         cmocka_unit_test(test_pdf_rows_read),
        cmocka_unit_test(test_pdf_of_spreadsheet), cmocka_unit_test(test_pdf_planted_in_blank_rows),
        cmocka_unit_test(test_cli),
    };
    return cmocka_run_group_tests(tests, test_setup_catalog, test_teardown_catalog);
}
