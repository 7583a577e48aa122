/* Smaller copies of large font files. The free CJK fonts come as files of
 * 20–27 MB holding 65,535 glyphs for five regions; cairo copies a font's
 * whole CFF table twice for every PDF it embeds it in and the pages of the
 * file are faulted in each time (half of a department's memory, a fifth of
 * its time). A copy holding the characters of everyday Chinese text is a
 * fifth of that, with the same outlines and metrics, so the layout and the
 * drawing are unchanged; a character it lacks is set from the file itself,
 * which layout names next (see fonts.c). */
#include "layout/font_subset.h"

#include <hb-subset.h>
#include <hb.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

/* Part of every copy's name: a change of the repertoire below makes new
 * copies instead of reusing the old. */
#define REPERTOIRE_VERSION 1

/* Latin, punctuation and the symbols budgets print (℃ № Ⅰ ① ㈠ ─ ■), then
 * every character of GB 2312. */
static hb_set_t *repertoire(void)
{
    hb_set_t *s = hb_set_create();
    static const hb_codepoint_t blocks[][2] = {
        {0x0020, 0x007E}, {0x00A0, 0x00FF}, {0x2000, 0x206F}, {0x2100, 0x21FF},
        {0x2460, 0x24FF}, {0x2500, 0x25FF}, {0x3000, 0x303F}, {0x3200, 0x32FF},
        {0xFE30, 0xFE4F}, {0xFF00, 0xFFEF},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(blocks); i++)
        hb_set_add_range(s, blocks[i][0], blocks[i][1]);
    GIConv cv = g_iconv_open("UTF-8", "GB2312");
    if (cv == (GIConv)-1)
        return s;
    for (int hi = 0xA1; hi <= 0xF7; hi++)
        for (int lo = 0xA1; lo <= 0xFE; lo++) {
            char in[2] = {(char)hi, (char)lo}, out[8];
            char *ip = in, *op = out;
            gsize il = 2, ol = sizeof out;
            if (g_iconv(cv, &ip, &il, &op, &ol) != (gsize)-1 && op > out)
                hb_set_add(s, g_utf8_get_char_validated(out, op - out));
        }
    g_iconv_close(cv);
    hb_set_del(s, (hb_codepoint_t)-1);
    hb_set_del(s, (hb_codepoint_t)-2);
    return s;
}

static void put16(GByteArray *b, unsigned v)
{
    guint8 x[2] = {(guint8)(v >> 8), (guint8)v};
    g_byte_array_append(b, x, 2);
}

/* A name table (format 0, Windows Unicode, English) naming `family`: the
 * copy must not pass for the file it was made from, or fontconfig could
 * take either for the other. The PostScript name stays, for the PDF. */
static hb_blob_t *name_table(hb_face_t *orig, const char *family)
{
    char style[64] = "Regular", ps[128] = "";
    unsigned n = sizeof style;
    hb_ot_name_get_utf8(orig, HB_OT_NAME_ID_FONT_SUBFAMILY, HB_LANGUAGE_INVALID, &n, style);
    n = sizeof ps;
    hb_ot_name_get_utf8(orig, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &n, ps);
    char *full = g_strdup_printf("%s %s", family, style);
    const char *const texts[] = {family, style, full, full, ps};
    const unsigned ids[] = {1, 2, 3, 4, 6};
    GByteArray *strings = g_byte_array_new(), *t = g_byte_array_new();
    put16(t, 0);
    put16(t, G_N_ELEMENTS(ids));
    put16(t, 6 + 12 * G_N_ELEMENTS(ids));
    for (size_t i = 0; i < G_N_ELEMENTS(ids); i++) {
        glong len = 0;
        gunichar2 *u = g_utf8_to_utf16(texts[i], -1, NULL, &len, NULL);
        unsigned at = strings->len;
        for (glong k = 0; u && k < len; k++)
            put16(strings, u[k]);
        g_free(u);
        put16(t, 3);
        put16(t, 1);
        put16(t, 0x409);
        put16(t, ids[i]);
        put16(t, strings->len - at);
        put16(t, at);
    }
    g_byte_array_append(t, strings->data, strings->len);
    g_byte_array_free(strings, TRUE);
    g_free(full);
    guint size = t->len;
    char *data = (char *)g_byte_array_free(t, FALSE);
    return hb_blob_create(data, size, HB_MEMORY_MODE_READONLY, data, g_free);
}

/* The subset `built` with its name table replaced, as a font file's bytes;
 * empty when the result would not be a usable font. */
static hb_blob_t *renamed(hb_face_t *orig, hb_face_t *built, const char *family)
{
    /* (a face still being built lists no tables: read back its bytes) */
    hb_blob_t *bytes = hb_face_reference_blob(built);
    hb_face_t *sub = hb_face_create(bytes, 0);
    hb_blob_destroy(bytes);
    hb_face_t *b = hb_face_builder_create();
    hb_blob_t *name = name_table(orig, family);
    hb_bool_t ok = hb_face_builder_add_table(b, HB_TAG('n', 'a', 'm', 'e'), name);
    hb_tag_t tags[64];
    unsigned start = 0, count;
    do {
        count = G_N_ELEMENTS(tags);
        hb_face_get_table_tags(sub, start, &count, tags);
        for (unsigned i = 0; i < count; i++) {
            if (tags[i] == HB_TAG('n', 'a', 'm', 'e'))
                continue;
            hb_blob_t *tb = hb_face_reference_table(sub, tags[i]);
            ok = ok && hb_face_builder_add_table(b, tags[i], tb);
            hb_blob_destroy(tb);
        }
        start += count;
    } while (count == G_N_ELEMENTS(tags));
    hb_blob_t *out = ok ? hb_face_reference_blob(b) : hb_blob_get_empty();
    hb_face_destroy(b);
    hb_blob_destroy(name);
    /* The copy must set what the file sets: as many glyphs as the subset,
     * and 一 mapped. */
    hb_face_t *check = hb_face_create(out, 0);
    hb_font_t *font = hb_font_create(check);
    hb_codepoint_t g;
    if (start < 4 || hb_face_get_glyph_count(check) != hb_face_get_glyph_count(sub) ||
        !hb_font_get_nominal_glyph(font, 0x4E00, &g)) {
        hb_blob_destroy(out);
        out = hb_blob_get_empty();
    }
    hb_font_destroy(font);
    hb_face_destroy(check);
    hb_face_destroy(sub);
    return out;
}

char *bg_font_subset(const char *file, int index, const char *family, const char *cache_dir)
{
    struct stat st;
    if (!file || !cache_dir || stat(file, &st) != 0)
        return NULL;
    char *key = g_strdup_printf("%s|%d|%s|%lld|%lld|%d", file, index, family,
                                (long long)st.st_size, (long long)st.st_mtime,
                                REPERTOIRE_VERSION);
    char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, key, -1);
    char *base = g_path_get_basename(file);
    char *dot = strrchr(base, '.');
    if (dot)
        *dot = '\0';
    char *name = g_strdup_printf("%s-%d-%.16s.otf", base, index, sum);
    char *path = g_build_filename(cache_dir, name, NULL);
    g_free(key);
    g_free(sum);
    g_free(base);
    g_free(name);
    if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
        return path;
    /* A file found not worth a copy (an official font of a few thousand
     * glyphs) is marked so, and not read again on every run. */
    char *none = g_strconcat(path, ".none", NULL);
    bool known = g_file_test(none, G_FILE_TEST_IS_REGULAR);
    if (known) {
        g_free(none);
        g_free(path);
        return NULL;
    }

    hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
    hb_face_t *face = blob ? hb_face_create(blob, (unsigned)index) : NULL;
    hb_blob_destroy(blob);
    hb_set_t *chars = repertoire();
    bool worth = face && hb_face_get_glyph_count(face) > 2 * hb_set_get_population(chars);
    hb_subset_input_t *in = worth ? hb_subset_input_create_or_fail() : NULL;
    hb_face_t *sub = NULL;
    if (in) {
        hb_set_union(hb_subset_input_unicode_set(in), chars);
        /* every feature (tnum among them): the copy shapes as the file does */
        hb_set_t *features = hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
        hb_set_clear(features);
        hb_set_invert(features);
        sub = hb_subset_or_fail(face, in);
        hb_subset_input_destroy(in);
    }
    hb_set_destroy(chars);
    if (face && !worth && g_mkdir_with_parents(cache_dir, 0755) == 0)
        g_file_set_contents(none, "", 0, NULL); /* (unwritten: checked again next run) */
    g_free(none);
    bool saved = false;
    if (sub) {
        hb_blob_t *bytes = renamed(face, sub, family);
        unsigned len = 0;
        const char *data = hb_blob_get_data(bytes, &len);
        /* g_file_set_contents writes a temporary and renames it: a batch's
         * workers making the same copy at once each leave a whole file. */
        saved = len > 0 && g_mkdir_with_parents(cache_dir, 0755) == 0 &&
                g_file_set_contents(path, data, len, NULL);
        hb_blob_destroy(bytes);
        hb_face_destroy(sub);
    }
    hb_face_destroy(face);
    if (!saved) {
        g_free(path);
        return NULL;
    }
    return path;
}
