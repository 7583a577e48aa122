/* The narrative's figures against the published text, section by section,
 * for parts one and two of seed 001 and part two of seed 002. The expected figures are transcribed by
 * hand (tests/fixtures/narrative/); where the published text disagrees with
 * its own tables, the fixture's `reading` says what is tested and why. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <libfyaml.h>

#include "support.h"

/* The figures of a text: runs of digits with an optional decimal part. */
static GPtrArray *figures(const char *text)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    for (const char *p = text; *p;) {
        if (*p >= '0' && *p <= '9') {
            const char *s = p;
            while ((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9'))
                p++;
            g_ptr_array_add(out, g_strndup(s, (gsize)(p - s)));
        } else {
            p++;
        }
    }
    return out;
}

/* The direction words of a text, in order: what must follow the sign. */
static GPtrArray *direction_words(const char *text)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    GRegex *re = g_regex_new("增加|减少|增长|下降|持平", 0, 0, NULL);
    GMatchInfo *mi = NULL;
    g_regex_match(re, text, 0, &mi);
    while (g_match_info_matches(mi)) {
        g_ptr_array_add(out, g_match_info_fetch(mi, 0));
        g_match_info_next(mi, NULL);
    }
    g_match_info_free(mi);
    g_regex_unref(re);
    return out;
}

static gint by_text(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether every word of `want` is in `got` (all of them, and no more,
 * unless `subset`), as multisets. */
static bool same_words(GPtrArray *got, GPtrArray *want, bool subset)
{
    g_ptr_array_sort(got, by_text);
    g_ptr_array_sort(want, by_text);
    if (!subset)
        if (got->len != want->len)
            return false;
    guint j = 0;
    for (guint k = 0; k < want->len; k++) {
        while (j < got->len && strcmp(got->pdata[j], want->pdata[k]) < 0 && subset)
            j++;
        if (j >= got->len || strcmp(got->pdata[j], want->pdata[k]) != 0)
            return false;
        j++;
    }
    return true;
}

static gint by_value(gconstpointer a, gconstpointer b)
{
    double x = g_ascii_strtod(*(char *const *)a, NULL), y = g_ascii_strtod(*(char *const *)b, NULL);
    return x < y ? -1 : x > y;
}

static struct fy_node *at(struct fy_node *n, const char *path)
{
    return fy_node_by_path(n, path, (size_t)-1, FYNWF_DONT_FOLLOW);
}

static GPtrArray *strings(struct fy_node *seq)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    void *it = NULL;
    struct fy_node *e;
    while (seq && (e = fy_node_sequence_iterate(seq, &it)) != NULL)
        g_ptr_array_add(out, g_strdup(fy_node_get_scalar0(e)));
    return out;
}

static void remove_one(GPtrArray *a, const char *v)
{
    for (guint i = 0; i < a->len; i++)
        if (strcmp(a->pdata[i], v) == 0) {
            g_ptr_array_remove_index(a, i);
            return;
        }
    fail_msg("reading removes %s, which the published figures lack", v);
}

/* Whether generated figure g shows as published figure p: equal, or, with
 * `round`, equal once g is rounded half up to p's decimals (9661.99 → 9662). */
static bool shows_as(const char *g, const char *p, bool round)
{
    double gv = g_ascii_strtod(g, NULL), pv = g_ascii_strtod(p, NULL);
    if (!round)
        return gv == pv;
    const char *dot = strchr(p, '.');
    double scale = !dot ? 1 : strlen(dot + 1) == 1 ? 10 : 100;
    return (long long)(gv * scale + 0.5 + 1e-9) == (long long)(pv * scale + 0.5);
}

static void check_sample(const char *sample, const char *fixture, int expected_sections)
{
    test_derived r = test_derive(sample);
    bg_doc *docu = bg_derive_document(r.x);
    GPtrArray *lines = test_doc_lines(docu);
    assert_int_equal(bg_eval_missing(r.x->eval)->len, 0);

    struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET | FYPCF_JSON_FORCE};
    struct fy_document *doc =
        fy_document_build_from_file(&cfg, fixture);
    assert_non_null(doc);
    struct fy_node *rnode = at(fy_document_root(doc), "/round_to_published");
    bool round = rnode && strcmp(fy_node_get_scalar0(rnode), "true") == 0;
    void *it = NULL;
    struct fy_node *sec;
    int failures = 0, sections = 0;
    guint from = 0;
    while ((sec = fy_node_sequence_iterate(at(fy_document_root(doc), "/sections"), &it)) != NULL) {
        const char *heading = fy_node_get_scalar0(at(sec, "/heading"));
        /* The section's lines: from its heading to the next heading. */
        guint h = from;
        while (h < lines->len && strcmp(lines->pdata[h], heading) != 0)
            h++;
        if (h == lines->len)
            fail_msg("no section %s in the generated text", heading);
        guint end = h + 1;
        while (end < lines->len && !g_regex_match_simple("^([一二三四五六七八九十]+、|第.+部分)",
                                                         lines->pdata[end], 0, 0))
            end++;
        if (at(sec, "/first_paragraph_only"))
            end = MIN(end, h + 2);
        GString *text = g_string_new(NULL);
        for (guint k = h + 1; k < end; k++)
            g_string_append(text, lines->pdata[k]);
        from = h + 1;
        GPtrArray *got = figures(text->str);
        GPtrArray *want = strings(at(sec, "/published"));
        struct fy_node *reading = at(sec, "/reading");
        if (reading) {
            GPtrArray *rm = strings(at(reading, "/remove"));
            for (guint k = 0; k < rm->len; k++)
                remove_one(want, rm->pdata[k]);
            void *ri = NULL;
            struct fy_node *pair;
            while ((pair = fy_node_sequence_iterate(at(reading, "/replace"), &ri)) != NULL) {
                remove_one(want, fy_node_get_scalar0(at(pair, "/0")));
                g_ptr_array_add(want, g_strdup(fy_node_get_scalar0(at(pair, "/1"))));
            }
            GPtrArray *add = strings(at(reading, "/add"));
            for (guint k = 0; k < add->len; k++)
                g_ptr_array_add(want, g_strdup(add->pdata[k]));
            g_ptr_array_free(rm, TRUE);
            g_ptr_array_free(add, TRUE);
        }
        g_ptr_array_sort(got, by_value);
        g_ptr_array_sort(want, by_value);
        bool same;
        if (at(sec, "/subset")) {
            /* every published figure among the generated ones */
            same = true;
            bool *used = g_new0(bool, got->len + 1);
            for (guint k = 0; same && k < want->len; k++) {
                guint j = 0;
                while (j < got->len && (used[j] || !shows_as(got->pdata[j], want->pdata[k], round)))
                    j++;
                same = j < got->len;
                if (same)
                    used[j] = true;
            }
            g_free(used);
        } else {
            same = got->len == want->len;
            for (guint k = 0; same && k < got->len; k++)
                same = shows_as(got->pdata[k], want->pdata[k], round);
        }
        /* Words as well as digits: 增加/减少, 增长/下降 and 持平 follow the sign. */
        GPtrArray *got_w = direction_words(text->str);
        GPtrArray *want_w = strings(at(sec, "/words"));
        void *wi = NULL;
        struct fy_node *wp;
        while (reading && (wp = fy_node_sequence_iterate(at(reading, "/words"), &wi)) != NULL) {
            remove_one(want_w, fy_node_get_scalar0(at(wp, "/0")));
            const char *to = fy_node_get_scalar0(at(wp, "/1"));
            if (*to)
                g_ptr_array_add(want_w, g_strdup(to));
        }
        if (!at(sec, "/words"))
            fail_msg("section %s has no words in the fixture", heading);
        if (!same_words(got_w, want_w, at(sec, "/subset") != NULL)) {
            GString *g = g_string_new(NULL), *w = g_string_new(NULL);
            for (guint k = 0; k < got_w->len; k++)
                g_string_append_printf(g, " %s", (char *)got_w->pdata[k]);
            for (guint k = 0; k < want_w->len; k++)
                g_string_append_printf(w, " %s", (char *)want_w->pdata[k]);
            print_error("%s: direction words\n  generated:%s\n  expected: %s\n  text: %s\n",
                        heading, g->str, w->str, text->str);
            g_string_free(g, TRUE);
            g_string_free(w, TRUE);
            failures++;
        }
        g_ptr_array_free(got_w, TRUE);
        g_ptr_array_free(want_w, TRUE);
        if (!same) {
            GString *g = g_string_new(NULL), *w = g_string_new(NULL);
            for (guint k = 0; k < got->len; k++)
                g_string_append_printf(g, " %s", (char *)got->pdata[k]);
            for (guint k = 0; k < want->len; k++)
                g_string_append_printf(w, " %s", (char *)want->pdata[k]);
            print_error("%s\n  generated:%s\n  expected: %s\n  text: %s\n", heading, g->str, w->str,
                        text->str);
            g_string_free(g, TRUE);
            g_string_free(w, TRUE);
            failures++;
        }
        sections++;
        g_ptr_array_free(got, TRUE);
        g_ptr_array_free(want, TRUE);
        g_string_free(text, TRUE);
    }
    assert_int_equal(sections, expected_sections);
    assert_int_equal(failures, 0);
    fy_document_destroy(doc);
    g_ptr_array_free(lines, TRUE);
    test_derived_free(&r);
    bg_doc_free(docu);
}

static void test_services_office(void **state)
{
    (void)state;
    check_sample("samples/zhengzhou-services-2021.yaml",
                 "tests/fixtures/narrative/zhengzhou-services-2021.json", 14);
}

static void test_city_government_office(void **state)
{
    (void)state;
    check_sample("samples/zhengzhou-gov-office-2021.yaml",
                 "tests/fixtures/narrative/zhengzhou-gov-office-2021.json", 14);
}

static void test_district_bureau(void **state)
{
    (void)state;
    check_sample("samples/guancheng-bigdata-2023.json",
                 "tests/fixtures/narrative/guancheng-bigdata-2023.json", 10);
}

/* A text a sentence needs and the file lacks is an error of `check`. */
static void test_missing_text(void **state)
{
    (void)state;
    char *text = test_sample_without("  reason_total:");
    bg_diag *diag = bg_diag_new();
    bg_department *d = bg_load_department_text("t.yaml", text, strlen(text), test_catalog,
                                               test_formats, diag);
    assert_non_null(d);
    const bg_format *f = test_format(d);
    bg_derived *x = bg_derive(d, f);
    bg_doc *docu = bg_derive_document(x);
    const GPtrArray *missing = bg_eval_missing(x->eval);
    assert_int_equal(missing->len, 1);
    assert_string_equal(missing->pdata[0], "texts.reason_total");
    bg_derived_free(x);
    bg_doc_free(docu);
    bg_department_free(d);
    bg_diag_free(diag);
    g_free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_services_office),
        cmocka_unit_test(test_city_government_office),
        cmocka_unit_test(test_district_bureau),
        cmocka_unit_test(test_missing_text),
    };
    return cmocka_run_group_tests_name("narrative", tests, test_setup_catalog,
                                       test_teardown_catalog);
}
