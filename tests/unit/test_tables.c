/* Every amount cell of every published table equals the derived one.
 * The expected side is tests/fixtures/published/<sample>.json, transcribed
 * from ../shared/seeds/; <sample>.readings.json records where the published
 * document contradicts itself and which reading is tested. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "support.h"

#include <libfyaml.h>

#include "derive/pivot.h"
#include "input/load.h"


static struct fy_document *read_json(const char *path)
{
    struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET | FYPCF_JSON_FORCE};
    struct fy_document *doc = fy_document_build_from_file(&cfg, path);
    if (!doc)
        fail_msg("cannot read %s", path);
    return doc;
}

static struct fy_node *at(struct fy_node *n, const char *path)
{
    return n ? fy_node_by_path(n, path, (size_t)-1, FYNWF_DONT_FOLLOW) : NULL;
}

static const char *text_at(struct fy_node *n, const char *path)
{
    struct fy_node *v = at(n, path);
    return v && fy_node_is_scalar(v) ? fy_node_get_scalar0(v) : NULL;
}

/* A published row: its cells as strings. */
static GPtrArray *row_cells(struct fy_node *row)
{
    GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
    void *it = NULL;
    struct fy_node *c;
    while ((c = fy_node_sequence_iterate(row, &it)) != NULL)
        g_ptr_array_add(cells, g_strdup(fy_node_get_scalar0(c)));
    return cells;
}

/* Applies the documented reading of a published table to its rows. */
static void apply_reading(struct fy_node *reading, GPtrArray *rows, const char **title)
{
    if (!reading)
        return;
    const char *t = text_at(reading, "/title");
    if (t)
        *title = t;
    struct fy_node *keep = at(reading, "/keep_rows");
    if (keep) {
        GPtrArray *kept = g_ptr_array_new();
        void *it = NULL;
        struct fy_node *k;
        while ((k = fy_node_sequence_iterate(keep, &it)) != NULL)
            g_ptr_array_add(kept, rows->pdata[atoi(fy_node_get_scalar0(k))]);
        for (guint i = 0; i < rows->len; i++) {
            bool found = false;
            for (guint j = 0; j < kept->len; j++)
                found = found || kept->pdata[j] == rows->pdata[i];
            if (!found)
                g_ptr_array_free(rows->pdata[i], TRUE);
        }
        g_ptr_array_set_free_func(rows, NULL);
        g_ptr_array_set_size(rows, 0);
        g_ptr_array_set_free_func(rows, (GDestroyNotify)g_ptr_array_unref);
        for (guint j = 0; j < kept->len; j++)
            g_ptr_array_add(rows, kept->pdata[j]);
        g_ptr_array_free(kept, TRUE);
    }
    const char *ins = text_at(reading, "/insert_column");
    for (guint r = 0; ins && r < rows->len; r++)
        g_ptr_array_insert(rows->pdata[r], atoi(ins), g_strdup(""));
    struct fy_node *moves = at(reading, "/move_column");
    void *it = NULL;
    struct fy_node *mv;
    while (moves && (mv = fy_node_sequence_iterate(moves, &it)) != NULL) {
        int from = atoi(text_at(mv, "/0")), to = atoi(text_at(mv, "/1"));
        for (guint r = 0; r < rows->len; r++) {
            GPtrArray *cells = rows->pdata[r];
            g_free(cells->pdata[to]);
            cells->pdata[to] = cells->pdata[from];
            cells->pdata[from] = g_strdup("");
        }
    }
    struct fy_node *repl = at(reading, "/replace");
    it = NULL;
    struct fy_node *rp;
    while (repl && (rp = fy_node_sequence_iterate(repl, &it)) != NULL) {
        const char *from = text_at(rp, "/0"), *to = text_at(rp, "/1");
        for (guint r = 0; r < rows->len; r++) {
            GPtrArray *cells = rows->pdata[r];
            for (guint c = 0; c < cells->len; c++)
                if (strcmp(cells->pdata[c], from) == 0) {
                    g_free(cells->pdata[c]);
                    cells->pdata[c] = g_strdup(to);
                }
        }
    }
}

/* A text without its spaces, and with its punctuation in one width: the
 * published tables print 维修(护)费 where budgetgen prints 维修（护）费
 * (TYPESETTING.md: half-width punctuation in Chinese text is an input
 * error), and the words are what is compared. */
static char *squeeze(const char *s)
{
    static const char *const wide = "（）：，；";
    static const char narrow[] = "():,;";
    GString *o = g_string_new(NULL);
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        const char *w = ch > 127 ? g_utf8_strchr(wide, -1, ch) : NULL;
        if (w)
            g_string_append_c(o, narrow[g_utf8_pointer_to_offset(wide, w)]);
        else if (!g_unichar_isspace(ch) && ch != 0x3000)
            g_string_append_unichar(o, ch);
    }
    return g_string_free(o, FALSE);
}

static gint compare_strings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A row's identity: its non-empty text cells, spaces removed, sorted. (The
 * same format may put a unit code under 类 or under 项.) */
static char *row_key(GPtrArray *cells, const bg_table *t)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    for (int c = 0; c < t->n_cols && c < (int)cells->len; c++)
        if (t->col_kinds[c] == BG_COL_TEXT && *(char *)cells->pdata[c])
            g_ptr_array_add(parts, squeeze(cells->pdata[c]));
    g_ptr_array_sort(parts, compare_strings);
    g_ptr_array_add(parts, NULL);
    char *key = g_strjoinv("|", (char **)parts->pdata);
    g_ptr_array_free(parts, TRUE);
    return key;
}

/* Zero prints as blank in one document and as 0 in another of the same
 * format: both mean no money. */
static const char *amount_text(const char *s)
{
    return strcmp(s, "0") == 0 ? "" : s;
}

static int compare_table(const char *sample, struct fy_node *pub, struct fy_node *reading,
                         const bg_table *t)
{
    const char *number = text_at(pub, "/number");
    const char *title = text_at(pub, "/title");
    GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    void *it = NULL;
    struct fy_node *r;
    while ((r = fy_node_sequence_iterate(at(pub, "/rows"), &it)) != NULL)
        g_ptr_array_add(rows, row_cells(r));
    apply_reading(reading, rows, &title);
    int failures = 0;
    char *a = squeeze(title), *b = squeeze(t->title);
    if (strcmp(a, b) != 0) {
        print_error("%s table %s: title %s, derived %s\n", sample, number, title, t->title);
        failures++;
    }
    g_free(a);
    g_free(b);
    if (rows->len != t->rows->len) {
        print_error("%s table %s: %u rows published, %u derived\n", sample, number, rows->len,
                    t->rows->len);
        failures++;
    }
    /* Derived rows by key; each published row takes the first unused one. */
    GPtrArray *dkeys = g_ptr_array_new_with_free_func(g_free);
    bool *used = g_new0(bool, t->rows->len + 1);
    for (guint i = 0; i < t->rows->len; i++) {
        const bg_row *row = t->rows->pdata[i];
        GPtrArray *cells = g_ptr_array_new();
        for (int c = 0; c < t->n_cols; c++)
            g_ptr_array_add(cells, row->cells[c].text);
        g_ptr_array_add(dkeys, row_key(cells, t));
        g_ptr_array_free(cells, TRUE);
    }
    for (guint i = 0; i < rows->len; i++) {
        GPtrArray *cells = rows->pdata[i];
        if ((int)cells->len != t->n_cols) {
            print_error("%s table %s row %u: %u cells published, %d columns derived\n", sample,
                        number, i, cells->len, t->n_cols);
            failures++;
            continue;
        }
        char *key = row_key(cells, t);
        guint k = 0;
        while (k < t->rows->len && (used[k] || strcmp(dkeys->pdata[k], key) != 0))
            k++;
        if (k == t->rows->len) {
            print_error("%s table %s: no derived row %s\n", sample, number, key);
            failures++;
            g_free(key);
            continue;
        }
        used[k] = true;
        const bg_row *row = t->rows->pdata[k];
        for (int c = 0; c < t->n_cols; c++) {
            if (t->col_kinds[c] != BG_COL_AMOUNT)
                continue;
            const char *want = amount_text(cells->pdata[c]);
            const char *got = amount_text(row->cells[c].text);
            if (strcmp(want, got) != 0) {
                print_error("%s table %s row %s column %d: published %s, derived %s\n", sample,
                            number, key, c, want, got);
                failures++;
            }
        }
        g_free(key);
    }
    g_free(used);
    g_ptr_array_free(dkeys, TRUE);
    g_ptr_array_free(rows, TRUE);
    return failures;
}

static void check_sample(const char *sample, const char *file, int expected_tables)
{
    char *path = g_build_filename("samples", file, NULL);
    test_derived r = test_derive(path);
    GPtrArray *tables = r.tables;
    char *pub_path = g_strdup_printf("tests/fixtures/published/%s.json", sample);
    char *read_path = g_strdup_printf("tests/fixtures/published/%s.readings.json", sample);
    struct fy_document *pub = read_json(pub_path);
    struct fy_document *readings = read_json(read_path);
    int failures = 0, compared = 0;
    void *it = NULL;
    struct fy_node *pt;
    while ((pt = fy_node_sequence_iterate(at(fy_document_root(pub), "/tables"), &it)) != NULL) {
        const char *number = text_at(pt, "/number");
        const char *missing = text_at(pt, "/missing");
        if (missing && strcmp(missing, "true") == 0)
            continue; /* not in the extracted text: nothing to compare */
        const bg_table *t = NULL;
        for (guint i = 0; i < tables->len && !t; i++)
            if (strcmp(((bg_table *)tables->pdata[i])->id, number) == 0)
                t = tables->pdata[i];
        if (!t) {
            print_error("%s: table %s is not derived\n", sample, number);
            failures++;
            continue;
        }
        char *rp = g_strdup_printf("/tables/%s", number);
        failures += compare_table(sample, pt, at(fy_document_root(readings), rp), t);
        g_free(rp);
        compared++;
    }
    assert_int_equal(compared, expected_tables);
    assert_int_equal(failures, 0);
    fy_document_destroy(pub);
    fy_document_destroy(readings);
    g_free(pub_path);
    g_free(read_path);
    test_derived_free(&r);
    g_free(path);
}

static void test_services_office(void **state)
{
    (void)state;
    check_sample("zhengzhou-services-2021", "zhengzhou-services-2021.yaml", 10);
}

static void test_city_government_office(void **state)
{
    (void)state;
    check_sample("zhengzhou-gov-office-2021", "zhengzhou-gov-office-2021.yaml", 11);
}

static void test_district_bureau(void **state)
{
    (void)state;
    check_sample("guancheng-bigdata-2023", "guancheng-bigdata-2023.json", 11);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_services_office),
        cmocka_unit_test(test_city_government_office),
        cmocka_unit_test(test_district_bureau),
    };
    return cmocka_run_group_tests_name("tables", tests, test_setup_catalog, test_teardown_catalog);
}
