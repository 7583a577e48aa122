#include "layout/fonts.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

struct bg_fonts {
    PangoFontMap *map;
    PangoContext *ctx;
    GHashTable *families; /* installed family names */
    char *dir;            /* where font files may be put */
};

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
    g_free(f->dir);
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

const char *bg_fonts_dir(const bg_fonts *f)
{
    return f->dir;
}
