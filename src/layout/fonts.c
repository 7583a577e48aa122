/* The font map layout uses: system fonts, the files of fonts/, and the
 * smaller copies of large files (font_subset.c) set before the files. */
#include "layout/fonts.h"

#include "layout/font_subset.h"

#include <fontconfig/fontconfig.h>
#include <stdbool.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <string.h>

struct bg_fonts {
    PangoFontMap *map;
    PangoContext *ctx;
    GHashTable *families; /* installed family names */
    GHashTable *layout;   /* family → the family list layout names */
    char *dir;            /* where font files may be put */
    char *cache;          /* where the smaller copies are kept, or NULL */
};

/* $BUDGETGEN_CACHE, else the user's cache folder: the copies outlive a run,
 * and a batch's workers share them. */
static char *cache_dir(void)
{
    const char *env = g_getenv("BUDGETGEN_CACHE");
    if (env)
        return *env ? g_build_filename(env, "fonts", NULL) : NULL; /* empty: none */
    return g_build_filename(g_get_user_cache_dir(), "budgetgen", "fonts", NULL);
}

bg_fonts *bg_fonts_new(const char *fonts_dir)
{
    bg_fonts *f = g_new0(bg_fonts, 1);
    f->dir = g_strdup(fonts_dir ? fonts_dir : "fonts");
    FcConfig *cfg = FcInitLoadConfigAndFonts();
    if (fonts_dir && g_file_test(fonts_dir, G_FILE_TEST_IS_DIR))
        FcConfigAppFontAddDir(cfg, (const FcChar8 *)fonts_dir);
    f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), cfg);
    FcConfigDestroy(cfg); /* the font map holds its own reference */
    f->ctx = pango_font_map_create_context(f->map);
    /* Sizes are in points: one device unit of a PDF surface is a point. */
    pango_cairo_context_set_resolution(f->ctx, 72);
    /* A PDF is scaled by its reader: hinting only costs time (FreeType
     * hinting every CFF glyph) and bends metrics away from the outlines. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(f->ctx, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_language(f->ctx, pango_language_from_string("zh-cn"));
    f->families = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    f->layout = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    f->cache = cache_dir();
    PangoFontFamily **fams = NULL;
    int n = 0;
    pango_font_map_list_families(f->map, &fams, &n);
    for (int i = 0; i < n; i++)
        g_hash_table_add(f->families, g_strdup(pango_font_family_get_name(fams[i])));
    g_free(fams);
    return f;
}

void bg_fonts_free(bg_fonts *f)
{
    if (!f)
        return;
    g_object_unref(f->ctx);
    g_object_unref(f->map);
    g_hash_table_destroy(f->families);
    g_hash_table_destroy(f->layout);
    g_free(f->dir);
    g_free(f->cache);
    g_free(f);
}

PangoContext *bg_fonts_context(bg_fonts *f)
{
    return f->ctx;
}

const char *bg_fonts_pick(bg_fonts *f, const GPtrArray *families)
{
    for (guint i = 0; i < families->len; i++)
        if (g_hash_table_contains(f->families, families->pdata[i]))
            return families->pdata[i];
    return NULL;
}

static bool has_family(FcPattern *font, const char *family)
{
    FcChar8 *name;
    for (int i = 0; FcPatternGetString(font, FC_FAMILY, i, &name) == FcResultMatch; i++)
        if (strcmp((const char *)name, family) == 0)
            return true;
    return false;
}

/* A smaller copy of the file fontconfig sets `family` at `weight` from,
 * added to the map; false when there is none to add. */
static bool add_subset(bg_fonts *f, FcConfig *cfg, const char *family, int weight,
                       const char *subset_family)
{
    FcPattern *p = FcPatternCreate();
    if (!p)
        return false;
    FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(p, FC_WEIGHT, weight);
    FcConfigSubstitute(cfg, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    FcResult res;
    FcPattern *font = FcFontMatch(cfg, p, &res);
    FcPatternDestroy(p);
    FcChar8 *file = NULL;
    int index = 0;
    bool added = false;
    if (font && has_family(font, family) &&
        FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetInteger(font, FC_INDEX, 0, &index) == FcResultMatch) {
        char *path = bg_font_subset((const char *)file, index, subset_family, f->cache);
        added = path && FcConfigAppFontAddFile(cfg, (const FcChar8 *)path);
        g_free(path);
    }
    if (font)
        FcPatternDestroy(font);
    return added;
}

const char *bg_fonts_layout_family(bg_fonts *f, const char *family)
{
    const char *known = g_hash_table_lookup(f->layout, family);
    if (known)
        return known;
    char *subset_family = g_strdup_printf("%s (budgetgen)", family);
    FcConfig *cfg = pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(f->map));
    bool any = false;
    if (f->cache && cfg && !strchr(family, ',')) {
        any = add_subset(f, cfg, family, FC_WEIGHT_REGULAR, subset_family);
        any = add_subset(f, cfg, family, FC_WEIGHT_BOLD, subset_family) || any;
    }
    if (any)
        pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(f->map));
    /* The copy first; a character it lacks comes from the file itself. */
    char *list = any ? g_strdup_printf("%s,%s", subset_family, family) : g_strdup(family);
    g_free(subset_family);
    g_hash_table_insert(f->layout, g_strdup(family), list);
    return list;
}

const char *bg_fonts_dir(const bg_fonts *f)
{
    return f->dir;
}
