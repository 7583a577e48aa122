#include "render/atomic.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

char *bg_atomic_begin(const char *path, char **error)
{
    char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
    char *tmpl = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    g_free(dir);
    g_free(base);
    int fd = g_mkstemp(tmpl);
    if (fd < 0) {
        *error = g_strdup_printf("无法在“%s”旁创建临时文件：%s", path, g_strerror(errno));
        g_free(tmpl);
        return NULL;
    }
    close(fd);
    return tmpl;
}

bool bg_atomic_commit(char *tmp, const char *path, char **error)
{
    g_chmod(tmp, 0644); /* mkstemp made it private; a publication is not */
    if (g_rename(tmp, path) != 0) {
        *error = g_strdup_printf("无法写入“%s”：%s", path, g_strerror(errno));
        bg_atomic_abort(tmp);
        return false;
    }
    g_free(tmp);
    return true;
}

void bg_atomic_abort(char *tmp)
{
    g_unlink(tmp);
    g_free(tmp);
}
