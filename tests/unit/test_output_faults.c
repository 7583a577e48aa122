/* Faults while writing the outputs (issue 11 items 1, 5, 6, 7): a full disk
 * (a file-size limit), a read-only folder, a signal mid-render, a kill -9,
 * an output folder that cannot be one, two departments for one file. Each
 * case starts from a folder holding the previous PDF and workbook and checks
 * that they are intact and that nothing else is left. Runs the command line
 * (test_binary(): the sanitized build in the sanitized pass). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <linux/capability.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support.h"

#define SAMPLE "samples/zhengzhou-gov-office-2021.yaml" /* the largest: 003-2021 */
#define OLD_PDF "the previous PDF"
#define OLD_XLSX "the previous workbook"

/* The system's reasons in English, as this test's g_strerror gives them. */
static const char *const c_locale[] = {"LC_ALL=C.UTF-8", NULL};

static char *root;

static int setup(void **state)
{
    (void)state;
    root = g_dir_make_tmp("bgfaults-XXXXXX", NULL);
    return root ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    test_remove_tree(root);
    g_free(root);
    return 0;
}

/* A new folder holding the previous outputs of SAMPLE. */
static char *folder_with_old(const char *name)
{
    char *dir = g_build_filename(root, name, NULL);
    assert_int_equal(g_mkdir(dir, 0755), 0);
    char *pdf = g_build_filename(dir, "003-2021.pdf", NULL);
    char *xlsx = g_build_filename(dir, "003-2021.xlsx", NULL);
    assert_true(g_file_set_contents(pdf, OLD_PDF, -1, NULL));
    assert_true(g_file_set_contents(xlsx, OLD_XLSX, -1, NULL));
    g_free(pdf);
    g_free(xlsx);
    return dir;
}

static char *contents(const char *dir, const char *name)
{
    char *path = g_build_filename(dir, name, NULL);
    char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        fail_msg("%s is missing", path);
    g_free(path);
    return text;
}

/* The folder holds exactly the two previous files, as they were. */
static void assert_old_kept(const char *dir)
{
    char *pdf = contents(dir, "003-2021.pdf"), *xlsx = contents(dir, "003-2021.xlsx");
    assert_string_equal(pdf, OLD_PDF);
    assert_string_equal(xlsx, OLD_XLSX);
    g_free(pdf);
    g_free(xlsx);
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    const char *e;
    while ((e = g_dir_read_name(d)) != NULL)
        if (strcmp(e, "003-2021.pdf") != 0 && strcmp(e, "003-2021.xlsx") != 0)
            fail_msg("%s: left behind: %s", dir, e);
    g_dir_close(d);
}

static void limit_file_size(gpointer bytes)
{
    struct rlimit rl = {.rlim_cur = (rlim_t)GPOINTER_TO_SIZE(bytes),
                        .rlim_max = (rlim_t)GPOINTER_TO_SIZE(bytes)};
    setrlimit(RLIMIT_FSIZE, &rl);
}

/* Item 1: cairo said success after a failed write and the truncated PDF
 * replaced the good one. A 200 KB limit stops the PDF (about 1 MB). */
static void test_disk_full(void **state)
{
    (void)state;
    char *dir = folder_with_old("full");
    test_run_result r = test_run_full((const char *[]){"render", "-o", dir, SAMPLE, NULL},
                                    c_locale, limit_file_size, GSIZE_TO_POINTER(200 * 1024));
    print_message("%s", r.err);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "003-2021.pdf"));
    assert_non_null(strstr(r.err, g_strerror(EFBIG)));
    assert_old_kept(dir);
    test_run_clear(&r);
    /* The workbook alone, under 20 KB (it is about 50 KB). */
    r = test_run_full((const char *[]){"render", "--xlsx", "-o", dir, SAMPLE, NULL},
                           c_locale, limit_file_size, GSIZE_TO_POINTER(20 * 1024));
    print_message("%s", r.err);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "003-2021.xlsx"));
    assert_old_kept(dir);
    test_run_clear(&r);
    g_free(dir);
}

/* Root writes anywhere: drop the capabilities that let it, so that the
 * permission bits decide as they do for everyone else. */
static void without_override(gpointer data)
{
    (void)data;
    if (geteuid() == 0) {
        prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0);
        prctl(PR_CAPBSET_DROP, CAP_DAC_READ_SEARCH, 0, 0, 0);
        prctl(PR_CAPBSET_DROP, CAP_FOWNER, 0, 0, 0);
    }
}

/* A read-only folder is an I/O error: exit 2 with the reason, nothing
 * replaced. */
static void test_read_only_folder(void **state)
{
    (void)state;
    char *dir = folder_with_old("readonly");
    assert_int_equal(g_chmod(dir, 0555), 0);
    test_run_result r = test_run_full((const char *[]){"render", "-o", dir, SAMPLE, NULL},
                                    c_locale, without_override, NULL);
    print_message("%s", r.err);
    g_chmod(dir, 0755);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, g_strerror(EACCES)));
    assert_old_kept(dir);
    test_run_clear(&r);
    g_free(dir);
}

static bool has_entry(const char *dir, const char *prefix)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *e;
    bool found = false;
    while (d && !found && (e = g_dir_read_name(d)) != NULL)
        found = g_str_has_prefix(e, prefix);
    if (d)
        g_dir_close(d);
    return found;
}

/* What a batch stopped by a signal leaves: 003's previous files, and
 * no temporary (the workers removed theirs before the parent ended). */
static void assert_no_temporaries(const char *dir)
{
    char *pdf = contents(dir, "003-2021.pdf");
    assert_string_equal(pdf, OLD_PDF);
    g_free(pdf);
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    for (const char *e; (e = g_dir_read_name(d)) != NULL;)
        if (e[0] == '.')
            fail_msg("%s left in %s", e, dir);
    g_dir_close(d);
}

/* Starts a render into `dir`, sends `sig` once a temporary named `prefix`
 * exists, and returns how the run ended (a wait status). False when the
 * run ended before the temporary was seen. */
static bool signal_when(const char *dir, const char *prefix, int sig, int *wait_status,
                        bool batch)
{
    const char *one[] = {test_binary(), "render", "-o", dir, SAMPLE, NULL};
    /* a batch: the signal reaches the parent only, which stops its workers */
    const char *two[] = {test_binary(), "render", "-j", "2", "-o", dir, SAMPLE,
                         "samples/zhengzhou-services-2021.yaml", NULL};
    const char **argv = batch ? two : one;
    GPid pid;
    GError *err = NULL;
    if (!g_spawn_async(NULL, (char **)argv, NULL,
                       G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                           G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, &pid, &err))
        fail_msg("cannot run %s: %s", argv[0], err->message);
    bool seen = false;
    for (;;) {
        if (has_entry(dir, prefix)) {
            seen = true;
            kill(pid, sig);
            break;
        }
        if (waitpid(pid, wait_status, WNOHANG) == pid)
            return false;
        g_usleep(500);
    }
    assert_int_equal(waitpid(pid, wait_status, 0), pid);
    g_spawn_close_pid(pid);
    return seen;
}

/* Item 6: SIGTERM or SIGINT while the PDF is written, or while the
 * workbook is, removes the temporaries; the run ends by that signal. */
static void test_signal_mid_render(void **state)
{
    (void)state;
    static const struct {
        int sig;
        const char *prefix;
        bool batch;
    } cases[] = {{SIGTERM, ".003-2021.pdf.", false}, {SIGINT, ".003-2021.pdf.", false},
                 {SIGTERM, ".003-2021.xlsx.", false}, {SIGHUP, ".003-2021.xlsx.", false},
                 {SIGTERM, ".003-2021.pdf.", true},   {SIGINT, ".003-2021.xlsx.", true}};
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *name = g_strdup_printf("signal%zu", i);
        char *dir = folder_with_old(name);
        int ws = 0;
        /* The workbook takes a few hundredths of a second: the run may end
         * before the poll sees its folder; then try again. */
        bool seen = false;
        for (int attempt = 0; attempt < 20 && !seen; attempt++) {
            seen = signal_when(dir, cases[i].prefix, cases[i].sig, &ws, cases[i].batch);
            if (!seen) { /* it finished: put the previous files back */
                g_free(name);
                g_free(dir);
                name = g_strdup_printf("signal%zu-%d", i, attempt);
                dir = folder_with_old(name);
            }
        }
        assert_true(seen);
        assert_true(WIFSIGNALED(ws));
        assert_int_equal(WTERMSIG(ws), cases[i].sig);
        if (cases[i].batch)
            assert_no_temporaries(dir); /* the other department may be done */
        else
            assert_old_kept(dir);
        g_free(dir);
        g_free(name);
    }
}

/* kill -9 cannot be caught: its temporary stays (the README says so) until
 * the next render of the same output removes it. A temporary held by a
 * running budgetgen (locked), and files of other names, are left alone. */
static void test_kill_leaves_stale_that_next_render_removes(void **state)
{
    (void)state;
    char *dir = folder_with_old("kill9");
    int ws = 0;
    assert_true(signal_when(dir, ".003-2021.pdf.", SIGKILL, &ws, false));
    assert_true(WIFSIGNALED(ws));
    assert_true(has_entry(dir, ".003-2021.pdf."));
    /* A stale workbook folder as a killed run leaves it, a temporary being
     * written by another run, and a file that only looks like one. */
    char *stale_dir = g_build_filename(dir, ".003-2021.xlsx.Ab12Cd", NULL);
    assert_int_equal(g_mkdir(stale_dir, 0700), 0);
    char *stale_in = g_build_filename(stale_dir, "003-2021.xlsx", NULL);
    assert_true(g_file_set_contents(stale_in, "half", -1, NULL));
    char *busy = g_build_filename(dir, ".003-2021.pdf.Busy42", NULL);
    int fd = open(busy, O_CREAT | O_RDWR, 0600);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    char *other = g_build_filename(dir, ".003-2021.pdf.notmine", NULL);
    assert_true(g_file_set_contents(other, "", -1, NULL));

    test_run_result r = test_run_full((const char *[]){"render", "-o", dir, SAMPLE, NULL}, NULL,
                                    NULL, NULL);
    assert_int_equal(r.status, 0);
    test_run_clear(&r);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *e;
    int n = 0;
    while ((e = g_dir_read_name(d)) != NULL) {
        n++;
        if (strcmp(e, "003-2021.pdf") && strcmp(e, "003-2021.xlsx") &&
            strcmp(e, ".003-2021.pdf.Busy42") && strcmp(e, ".003-2021.pdf.notmine"))
            fail_msg("left behind: %s", e);
    }
    g_dir_close(d);
    assert_int_equal(n, 4);
    char *pdf = contents(dir, "003-2021.pdf");
    assert_true(g_str_has_prefix(pdf, "%PDF-"));
    g_free(pdf);
    close(fd);
    g_free(other);
    g_free(busy);
    g_free(stale_in);
    g_free(stale_dir);
    g_free(dir);
}

static void set_umask(gpointer mask)
{
    umask((mode_t)GPOINTER_TO_UINT(mask));
}

/* Item 7: the files take the mode a new file gets under the caller's umask
 * (it was forced to 0644). */
static void test_mode_follows_umask(void **state)
{
    (void)state;
    static const unsigned masks[] = {022, 027, 002};
    for (size_t i = 0; i < G_N_ELEMENTS(masks); i++) {
        char *name = g_strdup_printf("umask%zu", i);
        char *dir = g_build_filename(root, name, NULL);
        test_run_result r = test_run_full((const char *[]){"render", "-o", dir, SAMPLE, NULL},
                                        NULL, set_umask, GUINT_TO_POINTER(masks[i]));
        assert_int_equal(r.status, 0);
        test_run_clear(&r);
        static const char *const files[] = {"003-2021.pdf", "003-2021.xlsx"};
        for (size_t k = 0; k < 2; k++) {
            char *p = g_build_filename(dir, files[k], NULL);
            struct stat st;
            assert_int_equal(g_stat(p, &st), 0);
            assert_int_equal(st.st_mode & 0777, 0666 & ~masks[i]);
            g_free(p);
        }
        g_free(dir);
        g_free(name);
    }
}

/* Item 7: an output folder that cannot be one is exit 2 with the reason. */
static void test_output_folder_errors(void **state)
{
    (void)state;
    char *file = g_build_filename(root, "a-file", NULL);
    assert_true(g_file_set_contents(file, "x", -1, NULL));
    char *below = g_build_filename(file, "out", NULL);
    test_run_result r = test_run_full((const char *[]){"render", "-o", below, SAMPLE, NULL}, NULL,
                                    NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "不是目录，是一个文件"));
    test_run_clear(&r);
    char *link = g_build_filename(root, "dangling", NULL);
    assert_int_equal(symlink("no-such-folder", link), 0);
    r = test_run_full((const char *[]){"render", "-o", link, SAMPLE, NULL}, NULL, NULL,
                           NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "是一个符号链接，它指向的“no-such-folder”不存在"));
    test_run_clear(&r);
    g_free(link);
    g_free(below);
    g_free(file);
}

/* The pair: when the workbook cannot be put in place (a folder has its
 * name), the PDF, written in full, is not put in place either. */
static void test_pair_replaced_together(void **state)
{
    (void)state;
    char *dir = folder_with_old("pair");
    char *xlsx = g_build_filename(dir, "003-2021.xlsx", NULL);
    g_remove(xlsx);
    assert_int_equal(g_mkdir(xlsx, 0755), 0);
    test_run_result r = test_run_full((const char *[]){"render", "-o", dir, SAMPLE, NULL}, NULL,
                                    NULL, NULL);
    print_message("%s", r.err);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "同名的目录"));
    char *pdf = contents(dir, "003-2021.pdf");
    assert_string_equal(pdf, OLD_PDF);
    g_free(pdf);
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    while (g_dir_read_name(d))
        n++;
    g_dir_close(d);
    assert_int_equal(n, 2); /* the PDF and the folder: no temporary */
    test_run_clear(&r);
    g_rmdir(xlsx);
    g_free(xlsx);
    g_free(dir);
}

/* Item 5: two files of one department and year would write one pair of
 * files, the second over the first: refused up front, naming both. */
static void test_same_department_twice(void **state)
{
    (void)state;
    char *dir = folder_with_old("twice");
    char *copy = g_build_filename(root, "copy.yaml", NULL);
    char *text = NULL;
    assert_true(g_file_get_contents(SAMPLE, &text, NULL, NULL));
    assert_true(g_file_set_contents(copy, text, -1, NULL));
    test_run_result r = test_run_full(
        (const char *[]){"render", "-o", dir, "samples/zhengzhou-services-2021.yaml", SAMPLE, copy,
                         NULL},
        NULL, NULL, NULL);
    print_message("%s", r.err);
    assert_int_equal(r.status, 1);
    char *both = g_strdup_printf("%s：与 %s 的部门编码（003）和预算年度（2021）相同", copy, SAMPLE);
    assert_non_null(strstr(r.err, both));
    assert_old_kept(dir); /* not even the other department's files */
    test_run_clear(&r);
    g_free(both);
    g_remove(copy);
    g_free(text);
    g_free(copy);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disk_full),
        cmocka_unit_test(test_read_only_folder),
        cmocka_unit_test(test_signal_mid_render),
        cmocka_unit_test(test_kill_leaves_stale_that_next_render_removes),
        cmocka_unit_test(test_mode_follows_umask),
        cmocka_unit_test(test_output_folder_errors),
        cmocka_unit_test(test_pair_replaced_together),
        cmocka_unit_test(test_same_department_twice),
    };
    return cmocka_run_group_tests_name("output_faults", tests, setup, teardown);
}
