/* libFuzzer harness for the department loader, from text: any bytes must
 * come back as a department or as positioned errors, never as a crash, a
 * hang or a leak. YAML, or JSON when the input starts with '{' (the loader
 * decides by the file's name). Seeded from samples/ (make fuzz). */
#include <stddef.h>
#include <stdint.h>

#include "input/formats.h"
#include "input/load.h"
#include "fuzz_catalog.h"
#include "model/catalog.h"

static bg_catalog *catalog;
static bg_formats *formats;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    catalog = fuzz_catalog();
    formats = bg_formats_new(BG_TEMPLATES_DIR, catalog);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bool json = size > 0 && data[0] == '{';
    bg_diag *diag = bg_diag_new();
    bg_department *d = bg_load_department_text(json ? "fuzz.json" : "fuzz.yaml",
                                               (const char *)data, size, catalog, formats, diag);
    /* What a user would see: every message formatted. */
    bg_diag_sort(diag);
    for (guint i = 0; i < diag->errors->len; i++)
        g_free(bg_error_format(diag->errors->pdata[i]));
    bg_department_free(d);
    bg_diag_free(diag);
    return 0;
}
