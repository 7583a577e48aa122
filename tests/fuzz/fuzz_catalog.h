/* What both fuzz harnesses load once before the first input: the standard
 * catalog, without which there is nothing to fuzz against. */
#ifndef BG_FUZZ_CATALOG_H
#define BG_FUZZ_CATALOG_H

#include "model/catalog.h"

static bg_catalog *fuzz_catalog(void)
{
    bg_diag *diag = bg_diag_new();
    bg_catalog *catalog = bg_catalog_load(BG_TEMPLATES_DIR "/catalog", diag);
    bg_diag_free(diag);
    if (!catalog)
        __builtin_trap();
    return catalog;
}

#endif
