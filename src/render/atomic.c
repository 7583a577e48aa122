/* Atomic output files (see atomic.h): temporaries written through their
 * descriptor, fsynced, renamed; removed on signals and after a kill -9. */
#include "render/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporaries a signal handler must remove, in buffers of their own:
 * a handler may not allocate nor take locks. A slot is filled before it is
 * marked used, and marked free before it is reused. */
#define SLOTS 8
#define SLOT_PATH 4096
static char slot_file[SLOTS][SLOT_PATH];
static char slot_dir[SLOTS][SLOT_PATH];
static volatile sig_atomic_t slot_used[SLOTS];

struct bg_atomic {
    char *path; /* the final name */
    char *temp; /* the temporary file, or for by_name its folder */
    char *file; /* what is written: temp, or temp/NAME */
    int fd;     /* the temporary file (locked), or -1 */
    int dir_fd; /* by_name: the temporary folder (locked), or -1 */
    int slot;   /* in slot_*, or -1 once committed or removed */
    int write_errno;
    bool by_name, io_failed;
    /* cairo hands a PDF over in thousands of small pieces: gathered here,
     * written a buffer at a time */
    char *buf;
    size_t buf_len;
};

#define WRITE_BUFFER (64 * 1024)

static mode_t the_umask;
static bool have_umask;

void bg_atomic_init(void)
{
    if (have_umask)
        return;
    the_umask = umask(0);
    umask(the_umask);
    have_umask = true;
}

/* Held while a temporary is made and registered, or renamed and forgotten:
 * a handler then never misses a temporary, nor removes a committed file. */
static void hold_signals(sigset_t *old)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++)
        sigaddset(&set, sigs[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void release_signals(const sigset_t *old)
{
    sigprocmask(SIG_SETMASK, old, NULL);
}

static void forget(bg_atomic *a)
{
    if (a->slot >= 0)
        slot_used[a->slot] = 0;
    a->slot = -1;
}

static void atomic_free(bg_atomic *a)
{
    if (a->fd >= 0)
        close(a->fd);
    if (a->dir_fd >= 0)
        close(a->dir_fd);
    g_free(a->path);
    g_free(a->temp);
    g_free(a->file);
    g_free(a->buf);
    g_free(a);
}

bg_atomic *bg_atomic_begin(const char *path, bool by_name, char **error)
{
    bg_atomic_init();
    char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
    bg_atomic *a = g_new0(bg_atomic, 1);
    a->path = g_strdup(path);
    a->temp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    a->fd = a->dir_fd = a->slot = -1;
    a->by_name = by_name;
    sigset_t old;
    hold_signals(&old);
    int slot = 0;
    while (slot < SLOTS && slot_used[slot])
        slot++;
    const char *fail = NULL;
    int err = 0;
    if (slot == SLOTS || strlen(a->temp) + 1 + strlen(base) >= SLOT_PATH) {
        fail = "路径过长";
    } else if (by_name) {
        if (!g_mkdtemp_full(a->temp, 0700)) {
            err = errno;
        } else {
            a->file = g_build_filename(a->temp, base, NULL);
            a->dir_fd = open(a->temp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (a->dir_fd < 0 || flock(a->dir_fd, LOCK_EX) != 0) {
                err = errno;
                g_rmdir(a->temp);
            }
        }
    } else {
        a->fd = g_mkstemp_full(a->temp, O_RDWR | O_CLOEXEC, 0600);
        if (a->fd < 0) {
            err = errno;
        } else {
            a->file = g_strdup(a->temp);
            if (flock(a->fd, LOCK_EX) != 0) {
                err = errno;
                g_unlink(a->temp);
            }
        }
    }
    if (!fail && !err) {
        g_strlcpy(slot_file[slot], a->file, SLOT_PATH);
        g_strlcpy(slot_dir[slot], by_name ? a->temp : "", SLOT_PATH);
        slot_used[slot] = 1;
        a->slot = slot;
    }
    release_signals(&old);
    if (fail || err) {
        *error = g_strdup_printf("无法在“%s”所在的目录创建临时%s：%s", path,
                                 by_name ? "目录" : "文件", fail ? fail : g_strerror(err));
        atomic_free(a);
        a = NULL;
    }
    g_free(dir);
    g_free(base);
    return a;
}

const char *bg_atomic_path(const bg_atomic *a)
{
    return a->path;
}

const char *bg_atomic_temp_path(const bg_atomic *a)
{
    return a->file;
}

int bg_atomic_fd(const bg_atomic *a)
{
    return a->fd;
}

static bool write_fd(bg_atomic *a, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0 && !a->write_errno) {
        ssize_t n = write(a->fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            a->write_errno = n < 0 ? errno : EIO;
            a->io_failed = true;
            break;
        }
        p += n;
        len -= (size_t)n;
    }
    return !a->write_errno;
}

static bool flush(bg_atomic *a)
{
    bool ok = a->buf_len == 0 || write_fd(a, a->buf, a->buf_len);
    a->buf_len = 0;
    return ok;
}

bool bg_atomic_write(bg_atomic *a, const void *data, size_t len)
{
    if (a->write_errno)
        return false;
    if (a->buf_len + len > WRITE_BUFFER && !flush(a))
        return false;
    if (len >= WRITE_BUFFER)
        return write_fd(a, data, len);
    if (!a->buf)
        a->buf = g_malloc(WRITE_BUFFER);
    memcpy(a->buf + a->buf_len, data, len);
    a->buf_len += len;
    return true;
}

void bg_atomic_set_io_failed(bg_atomic *a)
{
    a->io_failed = true;
}

bool bg_atomic_io_failed(const bg_atomic *a)
{
    return a->io_failed;
}

/* *error is `what` (with a %s for the path) and the system's reason. */
static bool io_error(bg_atomic *a, char **error, const char *what, int err)
{
    char *head = g_strdup_printf(what, a->path);
    *error = g_strdup_printf("%s：%s", head, g_strerror(err));
    g_free(head);
    a->io_failed = true;
    return false;
}

bool bg_atomic_finish(bg_atomic *a, char **error)
{
    flush(a);
    if (a->write_errno)
        return io_error(a, error, "写入“%s”失败", a->write_errno);
    /* The library that wrote by name closed its file; it is reopened inside
     * the private folder, where no one else can have replaced it. */
    int fd = a->by_name ? open(a->file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : a->fd;
    if (fd < 0)
        return io_error(a, error, "写入“%s”失败", errno);
    bool ok = true;
    if (fsync(fd) != 0)
        ok = io_error(a, error, "无法把“%s”写入磁盘", errno);
    else if (fchmod(fd, 0666 & ~the_umask) != 0)
        ok = io_error(a, error, "无法设置“%s”的权限", errno);
    if (a->by_name && close(fd) != 0 && ok)
        ok = io_error(a, error, "写入“%s”失败", errno);
    return ok;
}

bool bg_atomic_can_commit(bg_atomic *a, char **error)
{
    struct stat st;
    if (lstat(a->path, &st) == 0 && S_ISDIR(st.st_mode)) {
        *error = g_strdup_printf("无法写入“%s”：那里已有一个同名的目录", a->path);
        a->io_failed = true;
        return false;
    }
    return true;
}

/* After a rename, the folder's entry must reach the disk too. Some file
 * systems cannot fsync a folder (EINVAL): nothing more can be done there. */
static int sync_folder(const char *path)
{
    char *dir = g_path_get_dirname(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    g_free(dir);
    if (fd < 0)
        return errno;
    int err = fsync(fd) != 0 && errno != EINVAL ? errno : 0;
    close(fd);
    return err;
}

bool bg_atomic_commit(bg_atomic *a, char **error)
{
    sigset_t old;
    hold_signals(&old);
    if (rename(a->file, a->path) != 0) {
        int err = errno;
        release_signals(&old);
        io_error(a, error, "无法写入“%s”", err);
        bg_atomic_abort(a);
        return false;
    }
    forget(a);
    if (a->by_name)
        g_rmdir(a->temp);
    release_signals(&old);
    int err = sync_folder(a->path);
    if (err)
        *error = g_strdup_printf("已写入“%s”，但无法把它所在的目录写入磁盘：%s", a->path,
                                 g_strerror(err));
    atomic_free(a);
    return err == 0;
}

void bg_atomic_abort(bg_atomic *a)
{
    if (!a)
        return;
    sigset_t old;
    hold_signals(&old);
    if (a->slot >= 0) {
        g_unlink(a->file);
        if (a->by_name)
            g_rmdir(a->temp);
    }
    forget(a);
    release_signals(&old);
    atomic_free(a);
}

void bg_atomic_remove_all(void)
{
    for (int i = 0; i < SLOTS; i++) {
        if (!slot_used[i])
            continue;
        unlink(slot_file[i]);
        if (slot_dir[i][0])
            rmdir(slot_dir[i]);
        slot_used[i] = 0;
    }
}

/* ".NAME." and six letters or digits: what g_mkstemp and g_mkdtemp make. */
static bool temp_of(const char *entry, const char *base)
{
    size_t b = strlen(base);
    if (entry[0] != '.' || strncmp(entry + 1, base, b) != 0 || entry[1 + b] != '.')
        return false;
    const char *x = entry + b + 2;
    if (strlen(x) != 6)
        return false;
    for (int i = 0; i < 6; i++)
        if (!g_ascii_isalnum(x[i]))
            return false;
    return true;
}

void bg_atomic_remove_stale(const char *path)
{
    char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *e;
    while (d && (e = g_dir_read_name(d)) != NULL) {
        if (!temp_of(e, base))
            continue;
        char *full = g_build_filename(dir, e, NULL);
        int fd = open(full, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        struct stat st;
        /* Ours, a file or a folder, and not held by a run still writing. */
        if (fd >= 0 && fstat(fd, &st) == 0 && st.st_uid == geteuid() &&
            (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) && flock(fd, LOCK_EX | LOCK_NB) == 0) {
            if (S_ISREG(st.st_mode)) {
                g_unlink(full);
            } else {
                char *inner = g_build_filename(full, base, NULL);
                g_unlink(inner);
                g_rmdir(full);
                g_free(inner);
            }
        }
        if (fd >= 0)
            close(fd);
        g_free(full);
    }
    if (d)
        g_dir_close(d);
    g_free(dir);
    g_free(base);
}

/* Why `dir` could not be made: the first component that is a file, or a
 * symlink to nothing; else the error of mkdir itself. */
static char *why_not_dir(const char *dir, int err)
{
    GString *prefix = g_string_new(NULL);
    char **parts = g_strsplit(dir, "/", -1);
    char *why = NULL;
    for (int i = 0; parts[i] && !why; i++) {
        if (i > 0)
            g_string_append_c(prefix, '/');
        g_string_append(prefix, parts[i]);
        if (!*parts[i])
            continue; /* the root, or a doubled slash */
        struct stat lst, st;
        if (lstat(prefix->str, &lst) != 0)
            break;
        if (S_ISLNK(lst.st_mode) && stat(prefix->str, &st) != 0) {
            char *target = g_file_read_link(prefix->str, NULL);
            why = g_strdup_printf("“%s”是一个符号链接，它指向的“%s”不存在", prefix->str,
                                  target ? target : "?");
            g_free(target);
        } else if (stat(prefix->str, &st) == 0 && !S_ISDIR(st.st_mode)) {
            why = g_strdup_printf("“%s”不是目录，是一个文件", prefix->str);
        }
    }
    g_strfreev(parts);
    g_string_free(prefix, TRUE);
    return why ? why : g_strdup(g_strerror(err));
}

bool bg_atomic_output_dir(const char *dir, char **error)
{
    /* 0777 less the umask, as mkdir(1) would. */
    if (g_mkdir_with_parents(dir, 0777) == 0)
        return true;
    char *why = why_not_dir(dir, errno);
    *error = g_strdup_printf("无法使用输出目录“%s”：%s", dir, why);
    g_free(why);
    return false;
}
