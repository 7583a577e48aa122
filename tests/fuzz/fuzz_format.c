/* libFuzzer harness for the format loader, from text: a format.yaml of any
 * bytes must load or be refused with format.yaml:line:column, never crash
 * or hang (a table without id crashed; "%\xff" spun libfyaml forever).
 * Seeded from templates/ and tests/fixtures/templates/ (make fuzz). */
#include <stddef.h>
#include <stdint.h>

#include "input/format_load.h"
#include "fuzz_catalog.h"
#include "model/catalog.h"

static bg_catalog *catalog;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    catalog = fuzz_catalog();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bg_diag *diag = bg_diag_new();
    bg_format *f = bg_format_load_text(BG_TEMPLATES_DIR "/fuzz", "fuzz",
                                       "templates/fuzz/format.yaml", (const char *)data, size,
                                       catalog, diag);
    bg_diag_sort(diag);
    for (guint i = 0; i < diag->errors->len; i++)
        g_free(bg_error_format(diag->errors->pdata[i]));
    bg_format_free(f);
    bg_diag_free(diag);
    return 0;
}
