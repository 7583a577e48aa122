/* Input text files: regular files only, UTF-8 only (see textfile.h). */
#include "model/textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Far above any department (100,000 line items are about 10 MB), and below
 * what a GByteArray can hold. */
#define TEXT_MAX ((size_t)1 << 30)

static const char *kind_of(mode_t mode)
{
    if (S_ISDIR(mode))
        return "一个目录";
    if (S_ISFIFO(mode))
        return "一个命名管道（FIFO）";
    if (S_ISSOCK(mode))
        return "一个套接字";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "一个设备";
    return "一个特殊文件";
}

/* `path` opened for reading, when it is a regular file; else -1 after
 * reporting why. *st is filled. */
static int open_regular(const char *path, const char *what, struct stat *st, bg_diag *diag)
{
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
     * writer, forever; it is refused below once fstat has said what it is. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        bg_diag_add(diag, path, 0, 0, NULL, "无法读取%s：%s", what, g_strerror(errno));
        return -1;
    }
    if (fstat(fd, st) != 0) {
        bg_diag_add(diag, path, 0, 0, NULL, "无法读取%s：%s", what, g_strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        bg_diag_add(diag, path, 0, 0, NULL, "无法读取%s：这是%s，不是普通文件", what,
                    kind_of(st->st_mode));
        close(fd);
        return -1;
    }
    return fd;
}

bool bg_file_check_regular(const char *path, const char *what, bg_diag *diag)
{
    struct stat st;
    int fd = open_regular(path, what, &st, diag);
    if (fd >= 0)
        close(fd);
    return fd >= 0;
}

bool bg_text_file_read(const char *path, const char *what, char **text, size_t *len,
                       bg_diag *diag)
{
    *text = NULL;
    *len = 0;
    struct stat st;
    int fd = open_regular(path, what, &st, diag);
    if (fd < 0)
        return false;
    if ((size_t)st.st_size > TEXT_MAX) {
        bg_diag_add(diag, path, 0, 0, NULL, "无法读取%s：文件过大（超过 1 GB）", what);
        close(fd);
        return false;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        bg_diag_add(diag, path, 0, 0, NULL, "无法读取%s：%s", what, g_strerror(errno));
        close(fd);
        return false;
    }
    GByteArray *buf = g_byte_array_sized_new((guint)st.st_size + 1);
    guint8 chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            bg_diag_add(diag, path, 0, 0, NULL, "无法读取%s：%s", what, g_strerror(errno));
            g_byte_array_free(buf, TRUE);
            close(fd);
            return false;
        }
        if (n == 0)
            break;
        if (buf->len + (size_t)n > TEXT_MAX) { /* it grew while read */
            bg_diag_add(diag, path, 0, 0, NULL, "无法读取%s：文件过大（超过 1 GB）", what);
            g_byte_array_free(buf, TRUE);
            close(fd);
            return false;
        }
        g_byte_array_append(buf, chunk, (guint)n);
    }
    close(fd);
    *len = buf->len;
    g_byte_array_append(buf, (const guint8 *)"", 1);
    *text = (char *)g_byte_array_free(buf, FALSE);
    return true;
}

bool bg_text_check_utf8(const char *name, const char *text, size_t len, bg_diag *diag)
{
    const char *end;
    if (g_utf8_validate(text, (gssize)len, &end))
        return true;
    int line = 1, column = 1;
    for (const char *p = text; p < end; p = g_utf8_next_char(p)) {
        if (*p == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }
    if ((size_t)(end - text) < len && *end == '\0')
        bg_diag_add(diag, name, line, column, NULL, "文件中含有空字节（NUL），不是文本文件");
    else
        bg_diag_add(diag, name, line, column, NULL,
                    "文件不是 UTF-8 编码（此处有无效字节 0x%02X，可能是 GBK 编码）；"
                    "请在编辑器中“另存为 UTF-8”后再试",
                    (unsigned char)*end);
    return false;
}
