/* The command line: help, version, check, and exit statuses
 * (0 valid, 1 invalid input, 2 usage or unreadable file). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <signal.h>

#include "support.h"

typedef test_run_result run_result;

static run_result run(const char *const *args)
{
    return test_run(args);
}

static run_result run_env(const char *const *args, const char *const *env)
{
    return test_run_full(args, env, NULL, NULL);
}

static void clear(run_result *r)
{
    test_run_clear(r);
}

static void test_version_and_help(void **state)
{
    (void)state;
    run_result r = run((const char *[]){"--version", NULL});
    assert_int_equal(r.status, 0);
    assert_true(g_str_has_prefix(r.out, "budgetgen "));
    clear(&r);
    r = run((const char *[]){"--help", NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "check"));
    clear(&r);
}

static void test_usage_errors(void **state)
{
    (void)state;
    run_result r = run((const char *[]){NULL});
    assert_int_equal(r.status, 2);
    clear(&r);
    r = run((const char *[]){"frobnicate", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "未知命令"));
    clear(&r);
    r = run((const char *[]){"--no-such-option", NULL});
    assert_int_equal(r.status, 2);
    clear(&r);
    r = run((const char *[]){"check", NULL});
    assert_int_equal(r.status, 2);
    clear(&r);
    r = run((const char *[]){"check", "samples/no-such-file.yaml", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "samples/no-such-file.yaml: 无法读取文件"));
    clear(&r);
}

static void test_check_summary(void **state)
{
    (void)state;
    run_result r = run((const char *[]){"check", "samples/zhengzhou-services-2021.yaml", NULL});
    assert_int_equal(r.status, 0);
    /* 001 table 1: 本年收入合计 24,308,771 元, 财政拨款 24,308,771 元 */
    assert_non_null(strstr(r.out, "收支总计 24,308,771.00 元"));
    assert_non_null(strstr(r.out, "财政拨款（一般公共预算）24,308,771.00 元"));
    assert_non_null(strstr(r.out, "项目 5 个"));
    clear(&r);
}

static void test_check_invalid(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bgcli-XXXXXX", NULL);
    char *bad = g_build_filename(dir, "bad.yaml", NULL);
    g_file_set_contents(bad,
                        "department: {code: \"1\", name: 示例, year: 2021, format: zhengzhou-2021}\n"
                        "units: [{code: \"1001\", name: 机关, type: 行政}]\n"
                        "line_items:\n"
                        "  - {unit: \"1001\", function: \"2010301\", dept_econ: \"30101\", gov_econ: \"50101\", amount: 1.005}\n",
                        -1, NULL);
    run_result r = run((const char *[]){"check", "samples/zhengzhou-services-2021.yaml", bad, NULL});
    assert_int_equal(r.status, 1);
    char *where = g_strdup_printf("%s:4:88: 字段 line_items[1].amount（金额）：金额最多两位小数", bad);
    assert_non_null(strstr(r.err, where));
    /* the valid file is still summarised */
    assert_non_null(strstr(r.out, "郑州市政务服务办公室"));
    g_free(where);
    clear(&r);
    g_remove(bad);
    g_rmdir(dir);
    g_free(bad);
    g_free(dir);
}

static void test_tables_json(void **state)
{
    (void)state;
    run_result a = run((const char *[]){"tables", "--json", "samples/zhengzhou-services-2021.yaml", NULL});
    assert_int_equal(a.status, 0);
    /* 001 table 1: 本年收入合计 24,308,771 元, exact value in 元 */
    assert_non_null(strstr(a.out, "{\"text\": \"24,308,771\", \"value\": \"24308771.00\"}"));
    assert_non_null(strstr(a.out, "\"title\": \"郑州市政务服务办公室部门收支总体情况表\""));
    assert_non_null(strstr(a.out, "\"format\": \"zhengzhou-2021\""));
    /* same input, same bytes */
    run_result b = run((const char *[]){"tables", "--json", "samples/zhengzhou-services-2021.yaml", NULL});
    assert_string_equal(a.out, b.out);
    clear(&a);
    clear(&b);
    a = run((const char *[]){"tables", "samples/guancheng-bigdata-2023.json", NULL});
    assert_int_equal(a.status, 0);
    assert_non_null(strstr(a.out, "表01 2023年部门收支预算表（单位：万元）"));
    clear(&a);
}

static void test_text(void **state)
{
    (void)state;
    run_result r = run((const char *[]){"text", "samples/zhengzhou-services-2021.yaml", NULL});
    assert_int_equal(r.status, 0);
    /* seed 001 part two: 2021年收入预算总计2430.88万元 */
    assert_non_null(strstr(r.out, "2021年收入预算总计2430.88万元"));
    assert_non_null(strstr(r.out, "第三部分 名词解释"));
    clear(&r);
}

/* An installed copy finds its templates and its PDF reader beside itself,
 * wherever it is run from: no checkout path is compiled in. */
static void test_install(void **state)
{
    (void)state;
    char *prefix = g_dir_make_tmp("bgprefix-XXXXXX", NULL);
    char *opt = g_strdup_printf("PREFIX=%s", prefix);
    int wait = 0;
    char *err = NULL;
    assert_true(g_spawn_sync(NULL, (char *[]){"make", "-s", "install", opt, NULL}, NULL,
                             G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                             &err, &wait, NULL));
    if (!WIFEXITED(wait) || WEXITSTATUS(wait) != 0)
        fail_msg("make install: %s", err);
    g_free(err);
    char *bin = g_build_filename(prefix, "bin", "budgetgen", NULL);
    char *out = g_build_filename(prefix, "out", NULL);
    char *cwd = g_get_current_dir();
    char *sample = g_build_filename(cwd, "samples", "guancheng-bigdata-2023.json", NULL);
    char *sout = NULL;
    assert_true(g_spawn_sync("/", (char *[]){bin, "render", "-o", out, sample, NULL}, NULL, 0,
                             NULL, NULL, &sout, &err, &wait, NULL));
    if (!WIFEXITED(wait) || WEXITSTATUS(wait) != 0)
        fail_msg("installed render: %s", err);
    char *pdf = g_build_filename(out, "129-2023.pdf", NULL);
    assert_true(g_file_test(pdf, G_FILE_TEST_IS_REGULAR));
    /* audit reads a PDF with the reader installed in lib/budgetgen/, which
     * the binary loads only then (it does not link poppler) */
    g_free(sout);
    g_free(err);
    assert_true(g_spawn_sync("/", (char *[]){bin, "audit", pdf, NULL}, NULL, 0, NULL, NULL,
                             &sout, &err, &wait, NULL));
    if (!WIFEXITED(wait) || WEXITSTATUS(wait) != 0)
        fail_msg("installed audit: %s %s", sout, err);
    assert_non_null(strstr(sout, "未发现矛盾"));
    char *man = g_build_filename(prefix, "share", "man", "man1", "budgetgen.1", NULL);
    char *page = NULL;
    assert_true(g_file_get_contents(man, &page, NULL, NULL));
    assert_non_null(strstr(page, ".TH BUDGETGEN 1"));
    assert_non_null(strstr(page, "diff 旧 新"));
    g_free(page);
    g_free(man);
    g_free(pdf);
    g_free(sout);
    g_free(err);
    g_free(sample);
    g_free(cwd);
    g_free(out);
    g_free(bin);
    char *rm = g_strdup_printf("rm -rf '%s'", prefix);
    assert_int_equal(system(rm), 0);
    g_free(rm);
    g_free(opt);
    g_free(prefix);
}

/* A batch gets an index: a row a department, read back with openpyxl,
 * with the seeds' own totals (tables 1 and 7 of seeds 000 and 001). */
static void test_batch_index(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bgindex-XXXXXX", NULL);
    run_result r = run((const char *[]){"render", "--pdf", "-o", dir,
                                        "samples/zhengzhou-gov-office-2021.yaml",
                                        "samples/zhengzhou-services-2021.yaml", NULL});
    assert_int_equal(r.status, 0);
    clear(&r);
    char *xlsx = g_build_filename(dir, "index.xlsx", NULL);
    char *py = g_strdup_printf(
        "import openpyxl\n"
        "ws = openpyxl.load_workbook('%s')['索引']\n"
        "head = [c.value for c in ws[1]]\n"
        "rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]\n"
        "t, s = head.index('收支总计'), head.index('“三公”经费')\n"
        "print(len(rows), rows[0][0], rows[1][0], '%%.2f %%.2f %%.2f %%d' %% (rows[2][t], rows[2][s], "
        "rows[0][t], rows[0][head.index('页数')]))\n",
        xlsx);
    int wait = 0;
    char *out = NULL;
    assert_true(g_spawn_sync(NULL, (char *[]){"/usr/bin/python3", "-c", py, NULL}, NULL, 0, NULL,
                             NULL, &out, NULL, &wait, NULL));
    /* 2 departments and the totals row: 96,619,907 + 24,308,771 元; “三公”
     * 1,080,000 + 29,000 元 */
    if (!g_str_has_prefix(out, "3 003 114 120928678.00 1109000.00 96619907.00 "))
        fail_msg("index: %s", out);
    assert_true(atoi(strrchr(out, ' ') + 1) > 10); /* pages of the first PDF */
    char *json = g_build_filename(dir, "index.json", NULL), *text = NULL;
    assert_true(g_file_get_contents(json, &text, NULL, NULL));
    assert_non_null(strstr(text, "\"totals\": {\"收支总计\": \"120928678.00\""));
    g_free(text);
    g_free(json);
    g_free(out);
    g_free(py);
    g_free(xlsx);
    char *rm = g_strdup_printf("rm -rf '%s'", dir);
    assert_int_equal(system(rm), 0);
    g_free(rm);
    g_free(dir);
}

/* How many times `needle` occurs in `hay`. */
static int occurrences(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* A batch over workers: a department that fails does not stop the others,
 * and the exit status says one failed; progress off a terminal is a plain
 * line a department, in the order given; the summary names each; a font
 * substitution is told once a run; the files are the bytes one worker
 * writes; a folder stands for its department files. */
static void test_batch_render(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bgbatch-XXXXXX", NULL);
    char *in = g_build_filename(dir, "in", NULL), *one = g_build_filename(dir, "one", NULL),
         *two = g_build_filename(dir, "two", NULL);
    assert_int_equal(g_mkdir(in, 0700), 0);
    char *bad = g_build_filename(in, "b-bad.yaml", NULL);
    assert_true(g_file_set_contents(bad, "department: [\n", -1, NULL));
    const char *samples[] = {"samples/zhengzhou-services-2021.yaml",
                             "samples/guancheng-bigdata-2023.json"};
    const char *copies[] = {"a-services.yaml", "c-guancheng.json"};
    for (int i = 0; i < 2; i++) {
        char *text = NULL, *to = g_build_filename(in, copies[i], NULL);
        gsize len = 0;
        assert_true(g_file_get_contents(samples[i], &text, &len, NULL));
        assert_true(g_file_set_contents(to, text, (gssize)len, NULL));
        g_free(text);
        g_free(to);
    }
    run_result r = run((const char *[]){"render", "-j", "2", "-o", two, in, NULL});
    assert_int_equal(r.status, 1);
    const char *a = strstr(r.err, "[1/3] "), *b = strstr(r.err, "[2/3] "),
               *c = strstr(r.err, "[3/3] ");
    assert_true(a && b && c && a < b && b < c);
    assert_non_null(strstr(b, "b-bad.yaml：未生成文件"));
    assert_non_null(strstr(r.err, "共 3 个部门：2 个已生成，1 个未生成"));
    assert_non_null(strstr(r.err, "114 郑州市政务服务办公室："));
    assert_non_null(strstr(r.err, "b-bad.yaml：未生成，错误 1 处"));
    assert_true(occurrences(r.err, "字体未安装") <= 2); /* at most once a format */
    const char *font = strstr(r.err, "字体未安装");
    if (font) { /* one line: every role, and what to do */
        const char *eol = strchr(font, '\n');
        char *line = g_strndup(font, (gsize)(eol - font));
        assert_non_null(strstr(line, "正文"));
        assert_non_null(strstr(line, "目录后重新生成"));
        g_free(line);
    }
    /* paths in the order of the files, the index last */
    const char *p114 = strstr(r.out, "114-2021.pdf"), *p129 = strstr(r.out, "129-2023.pdf"),
               *pidx = strstr(r.out, "index.xlsx");
    assert_true(p114 && p129 && pidx && p114 < p129 && p129 < pidx);
    clear(&r);
    r = run((const char *[]){"render", "-j", "1", "-o", one, in, NULL});
    assert_int_equal(r.status, 1);
    clear(&r);
    const char *outs[] = {"114-2021.pdf", "114-2021.xlsx", "129-2023.pdf", "129-2023.xlsx"};
    for (size_t i = 0; i < G_N_ELEMENTS(outs); i++) {
        char *x = g_build_filename(one, outs[i], NULL), *y = g_build_filename(two, outs[i], NULL);
        test_assert_same_bytes(x, y);
        g_free(x);
        g_free(y);
    }
    r = run((const char *[]){"render", "-j", "0", "-o", one, in, NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "-j 应为 1 到 64 之间的整数"));
    clear(&r);
    test_remove_tree(dir);
    g_free(bad);
    g_free(in);
    g_free(one);
    g_free(two);
    g_free(dir);
}

/* Waits (up to two minutes: the sanitized binary is slow) until `path`
 * holds `needle`; false if it never does. */
static bool wait_for(const char *path, const char *needle)
{
    for (int i = 0; i < 2400; i++) {
        char *text = NULL;
        bool found = g_file_get_contents(path, &text, NULL, NULL) && strstr(text, needle);
        g_free(text);
        if (found)
            return true;
        g_usleep(50 * 1000);
    }
    return false;
}

/* watch renders, then renders again after a save, with a line of what
 * changed: raising one line item by 10,000 元 raises table 1's
 * 一般公共预算 from the published 24,308,771 元, and the PDF is the one a
 * fresh render of the saved file makes; a save with an error keeps
 * the last files; a signal ends it without temporaries. */
static void test_watch(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bgwatch-XXXXXX", NULL);
    char *dept = g_build_filename(dir, "d.yaml", NULL), *out = g_build_filename(dir, "out", NULL),
         *log = g_build_filename(dir, "log", NULL), *err = g_build_filename(dir, "err", NULL);
    char *text = NULL;
    assert_true(g_file_get_contents("samples/zhengzhou-services-2021.yaml", &text, NULL, NULL));
    assert_true(g_file_set_contents(dept, text, -1, NULL));
    char *cmd = g_strdup_printf("exec '%s' watch --pdf -o '%s' '%s' > '%s' 2> '%s'",
                                test_binary(), out, dept, log, err);
    GPid pid;
    assert_true(g_spawn_async(NULL, (char *[]){"/bin/sh", "-c", cmd, NULL}, NULL,
                              G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, NULL));
    assert_true(wait_for(log, "已生成"));
    const char *from = "dept_econ: \"30239\", gov_econ: \"50201\", amount: 195480}";
    char *raised = test_file_with(dept, from, "dept_econ: \"30239\", gov_econ: \"50201\", amount: 205480}");
    assert_true(g_file_set_contents(dept, raised, -1, NULL));
    assert_true(wait_for(log, "已更新"));
    char *got = NULL;
    assert_true(g_file_get_contents(log, &got, NULL, NULL));
    assert_non_null(strstr(got, "24,308,771 → 24,318,771"));
    assert_non_null(strstr(got, "明细 1 处变化"));
    assert_non_null(strstr(got, "：195,480.00 → 205,480.00 元"));
    g_free(got);
    /* What watch keeps between renders (texts set, tables laid out) changes
     * nothing: its PDF is a fresh render's, byte for byte. */
    char *fresh = g_build_filename(dir, "fresh", NULL);
    run_result fr = run((const char *[]){"render", "--pdf", "-o", fresh, dept, NULL});
    assert_int_equal(fr.status, 0);
    clear(&fr);
    char *watched = g_build_filename(out, "114-2021.pdf", NULL);
    char *rendered = g_build_filename(fresh, "114-2021.pdf", NULL);
    test_assert_same_bytes(watched, rendered);
    g_free(watched);
    g_free(rendered);
    g_free(fresh);
    assert_true(g_file_set_contents(dept, "department: [\n", -1, NULL));
    assert_true(wait_for(err, "未更新文件"));
    char *pdf = g_build_filename(out, "114-2021.pdf", NULL);
    assert_true(g_file_test(pdf, G_FILE_TEST_IS_REGULAR));
    kill(pid, SIGTERM);
    int ws = 0;
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    g_spawn_close_pid(pid);
    assert_true(WIFSIGNALED(ws));
    GDir *d = g_dir_open(out, 0, NULL);
    for (const char *e; (e = g_dir_read_name(d));)
        assert_false(e[0] == '.');
    g_dir_close(d);
    test_remove_tree(dir);
    g_free(pdf);
    g_free(raised);
    g_free(cmd);
    g_free(text);
    g_free(dept);
    g_free(out);
    g_free(log);
    g_free(err);
    g_free(dir);
}

/* diff exits as diff(1) does: 0 the same, 1 changed, 2 trouble. */
static void test_diff_status(void **state)
{
    (void)state;
    run_result r = run((const char *[]){"diff", "samples/zhengzhou-services-2021.yaml",
                                        "samples/zhengzhou-services-2021.yaml", NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "两个版本没有差别"));
    clear(&r);
    r = run((const char *[]){"diff", "--json", "samples/zhengzhou-services-2021.yaml",
                             "samples/zhengzhou-gov-office-2021.yaml", NULL});
    assert_int_equal(r.status, 1);
    assert_true(g_str_has_prefix(r.out, "{\"count\": "));
    clear(&r);
    r = run((const char *[]){"diff", "samples/zhengzhou-services-2021.yaml", "no-such.yaml", NULL});
    assert_int_equal(r.status, 2);
    clear(&r);
}

static void test_check_missing_text(void **state)
{
    (void)state;
    char *text = test_sample_without("  use_operating:");
    char *dir = g_dir_make_tmp("bgcli-XXXXXX", NULL);
    char *path = g_build_filename(dir, "t.yaml", NULL);
    g_file_set_contents(path, text, -1, NULL);
    run_result r = run((const char *[]){"check", path, NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(
        strstr(r.err, "字段 texts.use_operating：公开格式 zhengzhou-2021 的说明文字或表格要用到它"));
    clear(&r);
    /* What check refuses, text and render refuse too: no sentence with a
     * hole is printed or published, and nothing is written. */
    r = run((const char *[]){"text", path, NULL});
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    assert_non_null(strstr(r.err, "texts.use_operating"));
    clear(&r);
    char *out = g_build_filename(dir, "out", NULL);
    r = run((const char *[]){"render", "-o", out, path, NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "texts.use_operating"));
    GDir *gd = g_dir_open(out, 0, NULL);
    assert_null(gd ? g_dir_read_name(gd) : NULL);
    if (gd)
        g_dir_close(gd);
    clear(&r);
    g_rmdir(out);
    g_free(out);
    g_remove(path);
    g_rmdir(dir);
    g_free(path);
    g_free(dir);
    g_free(text);
}

/* Issue 11 item 13: a FIFO as input blocked forever; it is no file to read. */
static void test_fifo_input(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bgcli-XXXXXX", NULL);
    char *fifo = g_build_filename(dir, "in.yaml", NULL);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    run_result r = run((const char *[]){"check", fifo, NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "这是一个命名管道（FIFO），不是普通文件"));
    clear(&r);
    char *out = g_build_filename(dir, "out", NULL);
    r = run((const char *[]){"render", "-o", out, fifo, NULL});
    assert_int_equal(r.status, 2);
    clear(&r);
    g_remove(fifo);
    g_rmdir(out);
    g_rmdir(dir);
    g_free(out);
    g_free(fifo);
    g_free(dir);
}

/* Issue 11 item 10: SOURCE_DATE_EPOCH out of range crashed libxlsxwriter; 0
 * and garbage stamped the current time. Each is a usage error now, and
 * nothing is written; a valid one dates both files. */
static void test_source_date_epoch(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("bgcli-XXXXXX", NULL);
    static const char *const bad[] = {"99999999999999999", "253402300800", "-1", "0",
                                      "315532799", "abc", "1700000000x", " 1700000000",
                                      "+1700000000"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        char *env = g_strdup_printf("SOURCE_DATE_EPOCH=%s", bad[i]);
        run_result r = run_env((const char *[]){"render", "-o", dir,
                                                "samples/zhengzhou-services-2021.yaml", NULL},
                               (const char *[]){env, NULL});
        print_message("SOURCE_DATE_EPOCH=%s: %d %s", bad[i], r.status, r.err);
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err, "SOURCE_DATE_EPOCH"));
        assert_non_null(strstr(r.err, bad[i]));
        clear(&r);
        g_free(env);
        GDir *d = g_dir_open(dir, 0, NULL);
        assert_null(g_dir_read_name(d)); /* nothing written */
        g_dir_close(d);
    }
    /* 2023-11-14T22:13:20Z; the last second of 9999 works too. */
    static const char *const good[][2] = {{"1700000000", "2023-11-14T22:13:20Z"},
                                          {"253402300799", "9999-12-31T23:59:59Z"},
                                          {"315532800", "1980-01-01T00:00:00Z"}};
    for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
        char *env = g_strdup_printf("SOURCE_DATE_EPOCH=%s", good[i][0]);
        run_result r = run_env((const char *[]){"render", "--xlsx", "-o", dir,
                                                "samples/zhengzhou-services-2021.yaml", NULL},
                               (const char *[]){env, NULL});
        assert_int_equal(r.status, 0);
        clear(&r);
        g_free(env);
        char *xlsx = g_build_filename(dir, "114-2021.xlsx", NULL);
        char *out = NULL;
        int wait = 0;
        /* python3 is a test dependency already (scripts/deps.sh test) */
        assert_true(g_spawn_sync(NULL,
                                 (char *[]){"python3", "-c",
                                            "import sys, zipfile; sys.stdout.write(zipfile.ZipFile("
                                            "sys.argv[1]).read('docProps/core.xml').decode())",
                                            xlsx, NULL},
                                 NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &wait, NULL));
        char *want = g_strdup_printf("<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s<",
                                     good[i][1]);
        if (!strstr(out, want))
            fail_msg("%s not in %s", want, out);
        g_free(want);
        g_free(out);
        g_remove(xlsx);
        g_free(xlsx);
    }
    g_rmdir(dir);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_and_help),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_check_summary),
        cmocka_unit_test(test_check_invalid),
        cmocka_unit_test(test_tables_json),
        cmocka_unit_test(test_diff_status),
        cmocka_unit_test(test_install),
        cmocka_unit_test(test_batch_index),
        cmocka_unit_test(test_batch_render),
        cmocka_unit_test(test_watch),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_check_missing_text),
        cmocka_unit_test(test_fifo_input),
        cmocka_unit_test(test_source_date_epoch),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
