/* Loads the PDF reader (pdf_chars.c, built as budgetgen-pdf.so) when a PDF
 * is first read: beside the binary (a checkout's build/) or in
 * ../lib/budgetgen/ (an installed copy), or under $BUDGETGEN_LIBDIR. A
 * binary that has the reader linked in (the tests) uses it directly. */
#include "input/pdf_chars.h"

#include <gmodule.h>

/* Linked in, or not (then NULL): a weak reference. */
extern GPtrArray *bg_pdf_pages_read(const char *data, gsize len, char **error)
    __attribute__((weak));

void bg_pdf_page_free(gpointer p)
{
    bg_pdf_page *pg = p;
    g_free(pg->text);
    g_free(pg->boxes);
    g_free(pg);
}

static bg_pdf_reader load(char **tried)
{
    const char *env = g_getenv("BUDGETGEN_LIBDIR");
    char *exe = g_file_read_link("/proc/self/exe", NULL);
    char *dir = exe ? g_path_get_dirname(exe) : g_strdup(".");
    g_free(exe);
    char *paths[] = {env && *env ? g_build_filename(env, BG_PDF_MODULE_FILE, NULL) : NULL,
                     g_build_filename(dir, BG_PDF_MODULE_FILE, NULL),
                     g_build_filename(dir, "..", "lib", "budgetgen", BG_PDF_MODULE_FILE, NULL)};
    g_free(dir);
    bg_pdf_reader fn = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(paths); i++) {
        if (!fn && paths[i]) {
            GModule *m = g_module_open(paths[i], G_MODULE_BIND_LOCAL);
            gpointer sym = NULL;
            if (m && g_module_symbol(m, BG_PDF_MODULE_SYMBOL, &sym) && sym) {
                g_module_make_resident(m); /* kept for the rest of the run */
                fn = (bg_pdf_reader)sym;
            } else if (m) {
                g_module_close(m);
            }
            if (!fn && !*tried)
                *tried = g_strdup(paths[i]);
        }
        g_free(paths[i]);
    }
    return fn;
}

GPtrArray *bg_pdf_pages(const char *data, gsize len, char **error)
{
    static bg_pdf_reader reader;
    if (bg_pdf_pages_read)
        return bg_pdf_pages_read(data, len, error);
    if (!reader) {
        char *tried = NULL;
        reader = load(&tried);
        if (!reader) {
            *error = g_strdup_printf("无法读取 PDF：找不到 budgetgen 的 PDF 读取组件 %s"
                                     "（请重新安装 budgetgen，或用 BUDGETGEN_LIBDIR 指明它所在的目录）",
                                     tried ? tried : BG_PDF_MODULE_FILE);
            g_free(tried);
            return NULL;
        }
        g_free(tried);
    }
    return reader(data, len, error);
}
