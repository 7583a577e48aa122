/* Audit of a published narrative: each sentence of the format's templates
 * becomes a pattern whose placeholders capture the printed numbers, so a
 * number is bound to the figure the format says it is. Then the figure is
 * checked against the table cells that state it, a share against its
 * parts, a change against its direction words and last year, a list of
 * shares against 100%. A sentence worded otherwise than the template is
 * not matched and not judged: audit reports only what it can prove. */
#include "derive/audit.h"
#include "model/money.h"

#include <string.h>

/* What a capture group of a sentence's pattern holds. */
typedef enum {
    CAP_NONE,     /* matched, not judged (free text, counts) */
    CAP_FIGURE,   /* a figure's amount in 万元 */
    CAP_NUMBER,   /* a count the department file gives: must be a number */
    CAP_SHARE,    /* {share:a:b} */
    CAP_PHRASE,   /* {phrase:a:b}: marks where the phrase's capture groups begin */
    CAP_DIFF, CAP_RATE, CAP_CMP_YEAR, /* inside a phrase */
    CAP_PIECE,    /* inside a phrase: a word that differs between up and down */
    CAP_ALT,      /* inside a phrase: an empty group marking the alternative matched */
    CAP_ITEM_AMOUNT, CAP_ITEM_SHARE,
} cap_kind;

typedef struct {
    cap_kind kind;
    const char *a, *b;   /* figure names (FIGURE: a; SHARE, PHRASE: a and b) */
    const char *up;      /* PIECE: the word of `up`; ALT: "up", "down", "same", "new" */
    int phrase;          /* the CAP_PHRASE group the group belongs to */
} cap;

typedef struct {
    GString *re;
    GArray *caps; /* of cap, by group number − 1 */
    int judged;   /* groups worth a check */
} pattern;

static const char *NUM = "([0-9][0-9,]*(?:\\.[0-9]+)?)";

static int add_cap(pattern *pt, cap c)
{
    g_array_append_val(pt->caps, c);
    return (int)pt->caps->len;
}

static void literal(pattern *pt, const char *s, size_t n)
{
    char *tmp = g_strndup(s, n);
    char *norm = bg_pub_normalize(tmp);
    char *esc = g_regex_escape_string(norm, -1);
    g_string_append(pt->re, esc);
    g_free(esc);
    g_free(norm);
    g_free(tmp);
}

/* Counts the department file gives as numbers (samples/SCHEMA.md). */
static bool numeric_field(const char *name)
{
    return g_str_has_prefix(name, "profile.vehicles.") ||
           g_str_has_prefix(name, "profile.staffing.") ||
           strcmp(name, "profile.assets.general_equipment") == 0 ||
           strcmp(name, "profile.assets.special_equipment") == 0;
}

typedef struct {
    const bg_format *f;
    char **keep; /* strings the caps point into, owned by the caller */
} scope;

static void build(pattern *pt, const scope *sc, const char *t, int phrase);

typedef struct {
    bool lit;
    char *text;
} piece;

static GArray *pieces(const char *t)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(piece));
    const char *p = t;
    while (*p) {
        const char *open = strchr(p, '{');
        if (!open) {
            piece x = {true, g_strdup(p)};
            g_array_append_val(out, x);
            break;
        }
        if (open > p) {
            piece x = {true, g_strndup(p, (gsize)(open - p))};
            g_array_append_val(out, x);
        }
        const char *close = strchr(open, '}');
        if (!close)
            break;
        piece x = {false, g_strndup(open + 1, (gsize)(close - open - 1))};
        g_array_append_val(out, x);
        p = close + 1;
    }
    return out;
}

static void pieces_free(GArray *a)
{
    for (guint i = 0; i < a->len; i++)
        g_free(g_array_index(a, piece, i).text);
    g_array_free(a, TRUE);
}

/* A phrase chosen by sign: its `up` and `down` texts side by side where
 * they have the same placeholders, so that a word of either direction is
 * read wherever it stands (a 增加 with a 下降 is then seen); `same` and
 * `new` as alternatives. */
static void phrase_pattern(pattern *pt, const scope *sc, const bg_phrase *ph, const char *a,
                           const char *b)
{
    int at = add_cap(pt, (cap){.kind = CAP_PHRASE, .a = a, .b = b});
    pt->judged++;
    GArray *up = pieces(ph->up), *down = pieces(ph->down);
    bool twin = up->len == down->len;
    for (guint i = 0; twin && i < up->len; i++) {
        piece *u = &g_array_index(up, piece, i), *d = &g_array_index(down, piece, i);
        twin = u->lit == d->lit && (u->lit || strcmp(u->text, d->text) == 0);
    }
    g_string_append(pt->re, "((?:");
    if (twin) {
        g_string_append(pt->re, "()");
        add_cap(pt, (cap){.kind = CAP_ALT, .up = "twin", .phrase = at});
        for (guint i = 0; i < up->len; i++) {
            piece *u = &g_array_index(up, piece, i), *d = &g_array_index(down, piece, i);
            if (u->lit && strcmp(u->text, d->text) != 0) {
                char *nu = bg_pub_normalize(u->text), *nd = bg_pub_normalize(d->text);
                char *eu = g_regex_escape_string(nu, -1), *ed = g_regex_escape_string(nd, -1);
                g_string_append_printf(pt->re, "(%s|%s)", eu, ed);
                add_cap(pt, (cap){.kind = CAP_PIECE, .up = g_intern_string(u->text), .phrase = at});
                g_free(nu);
                g_free(nd);
                g_free(eu);
                g_free(ed);
            } else if (u->lit) {
                literal(pt, u->text, strlen(u->text));
            } else {
                char *one = g_strdup_printf("{%s}", u->text);
                build(pt, sc, one, at);
                g_free(one);
            }
        }
    } else {
        const char *alts[] = {ph->up, ph->down};
        const char *names[] = {"up", "down"};
        for (int k = 0; k < 2; k++) {
            g_string_append(pt->re, k ? "|()" : "()");
            add_cap(pt, (cap){.kind = CAP_ALT, .up = names[k], .phrase = at});
            build(pt, sc, alts[k], at);
        }
    }
    const char *rest[] = {ph->same, ph->new_};
    const char *rest_names[] = {"same", "new"};
    for (int k = 0; k < 2; k++) {
        if (!rest[k])
            continue;
        g_string_append(pt->re, "|()");
        add_cap(pt, (cap){.kind = CAP_ALT, .up = rest_names[k], .phrase = at});
        build(pt, sc, rest[k], at);
    }
    g_string_append(pt->re, "))");
    pieces_free(up);
    pieces_free(down);
}

static void placeholder(pattern *pt, const scope *sc, const char *name, int phrase)
{
    if (*name == '?')
        name++;
    char **parts = g_strsplit(name, ":", -1);
    int n = (int)g_strv_length(parts);
    const bg_phrase *ph = n >= 2 ? bg_format_phrase(sc->f, parts[0]) : NULL;
    /* Names stay alive with the format or the keep list. */
    const char *a = n >= 2 ? g_intern_string(parts[1]) : NULL;
    const char *b = n >= 3 ? g_intern_string(parts[2]) : NULL;
    if (strcmp(parts[0], "share") == 0 && n == 3) {
        g_string_append_printf(pt->re, "%s%%", NUM);
        add_cap(pt, (cap){.kind = CAP_SHARE, .a = a, .b = b});
        pt->judged++;
    } else if (strcmp(parts[0], "count") == 0) {
        g_string_append(pt->re, "([0-9]+)");
        add_cap(pt, (cap){.kind = CAP_NONE});
    } else if (strcmp(parts[0], "has") == 0) {
        /* nothing printed */
    } else if (ph && ph->args == 2 && n == 3 && ph->up && ph->down) {
        phrase_pattern(pt, sc, ph, a, b);
    } else if (ph) {
        g_string_append(pt->re, "(.*?)");
        add_cap(pt, (cap){.kind = CAP_NONE});
    } else if (phrase && strcmp(name, "diff") == 0) {
        g_string_append(pt->re, NUM);
        add_cap(pt, (cap){.kind = CAP_DIFF, .phrase = phrase});
    } else if (phrase && strcmp(name, "rate") == 0) {
        g_string_append_printf(pt->re, "(?:%s%%|—)", NUM);
        add_cap(pt, (cap){.kind = CAP_RATE, .phrase = phrase});
    } else if (phrase && strcmp(name, "last_year") == 0) {
        g_string_append(pt->re, "([0-9]{4})");
        add_cap(pt, (cap){.kind = CAP_CMP_YEAR, .phrase = phrase});
    } else if (strcmp(name, "year") == 0 || strcmp(name, "last_year") == 0 ||
               g_str_has_prefix(name, "year.")) {
        g_string_append(pt->re, "[0-9]{4}");
    } else if (strcmp(name, "item.amount") == 0) {
        g_string_append(pt->re, NUM);
        add_cap(pt, (cap){.kind = CAP_ITEM_AMOUNT});
    } else if (strcmp(name, "item.share") == 0) {
        g_string_append_printf(pt->re, "%s%%", NUM);
        add_cap(pt, (cap){.kind = CAP_ITEM_SHARE});
        pt->judged++;
    } else if (strcmp(name, "item.name") == 0) {
        g_string_append(pt->re, "([^；，。：]*?)");
        add_cap(pt, (cap){.kind = CAP_NONE});
    } else if (g_str_has_prefix(name, "item.number")) {
        g_string_append(pt->re, "[0-9]+");
    } else if (bg_format_figure(sc->f, name)) {
        const bg_figure_def *fig = bg_format_figure(sc->f, name);
        g_string_append(pt->re, NUM);
        add_cap(pt, (cap){.kind = fig->count ? CAP_NONE : CAP_FIGURE, .a = g_intern_string(name)});
        pt->judged += !fig->count;
    } else if (numeric_field(name)) {
        /* A lost digit leaves the words around it: 用车。辆 */
        g_string_append(pt->re, "([0-9]+|[。，、．]?)");
        add_cap(pt, (cap){.kind = CAP_NUMBER, .a = g_intern_string(name)});
        pt->judged++;
    } else {
        g_string_append(pt->re, "(.*?)");
        add_cap(pt, (cap){.kind = CAP_NONE});
    }
    g_strfreev(parts);
}

static void build(pattern *pt, const scope *sc, const char *t, int phrase)
{
    GArray *ps = pieces(t);
    for (guint i = 0; i < ps->len; i++) {
        piece *x = &g_array_index(ps, piece, i);
        if (x->lit)
            literal(pt, x->text, strlen(x->text));
        else
            placeholder(pt, sc, x->text, phrase);
    }
    pieces_free(ps);
}

/* ---- the published text of a section ----------------------------------- */

typedef struct {
    GString *text;  /* normalized */
    GArray *line;   /* of int: the line of each byte */
    char *heading;
} section_text;

static void section_add_line(section_text *s, const char *line, int lineno)
{
    char *n = bg_pub_normalize(line);
    g_string_append(s->text, n);
    for (size_t i = 0; n[i]; i++)
        g_array_append_val(s->line, lineno);
    g_free(n);
}

static int line_at(const section_text *s, int offset)
{
    if (s->line->len == 0)
        return 0;
    if (offset >= (int)s->line->len)
        offset = (int)s->line->len - 1;
    return g_array_index(s->line, int, offset < 0 ? 0 : offset);
}

/* A heading template as a pattern of a whole line: placeholders any text. */
static GRegex *heading_regex(const char *t)
{
    GString *re = g_string_new("^");
    GArray *ps = pieces(t);
    for (guint i = 0; i < ps->len; i++) {
        piece *x = &g_array_index(ps, piece, i);
        if (x->lit) {
            char *n = bg_pub_normalize(x->text);
            char *e = g_regex_escape_string(n, -1);
            g_string_append(re, e);
            g_free(e);
            g_free(n);
        } else {
            g_string_append(re, ".*?");
        }
    }
    pieces_free(ps);
    g_string_append(re, "$");
    GRegex *r = g_regex_new(re->str, 0, 0, NULL);
    g_string_free(re, TRUE);
    return r;
}

/* ---- checks ------------------------------------------------------------- */

typedef struct {
    const bg_published *p;
    GPtrArray *out;
    const section_text *sec;
    GHashTable *values;     /* figure name -> printed value (int64_t* fen), this section */
    GHashTable *units;      /* figure name -> unit of its printed value (negative: it
                               disagrees with the tables) */
    /* Whether the document prints sentences as the format does (395 for
     * 395.00): a figure printed with fewer decimals agreed with its table
     * only at the format's precision (trusted), or only at the digits
     * printed (not: seed 000's whole 万元). */
    bool trim_seen, round_seen;
} checker;

/* A 万元 amount printed in a sentence: its 分 and the 分 of its last digit. */
static bool wan(const char *s, int64_t *fen, int64_t *unit)
{
    int digits = 0;
    if (!bg_pub_amount(s, 10000, fen, &digits) || digits > 6)
        return false;
    int64_t u = 1000000;
    for (int i = 0; i < digits; i++)
        u /= 10;
    *unit = u;
    return true;
}

static char *where_of(const checker *k, int offset, int len)
{
    const char *t = k->sec->text->str;
    /* the sentence: back to the previous 。 and on to the next */
    int from = offset, to = offset + len;
    while (from > 0) {
        const char *prev = g_utf8_find_prev_char(t, t + from);
        if (!prev || g_str_has_prefix(prev, "。") || g_str_has_prefix(prev, "；"))
            break;
        from = (int)(prev - t);
    }
    const char *stop = strstr(t + to, "。");
    to = stop ? (int)(stop - t) + 3 : (int)k->sec->text->len;
    char *sentence = g_strndup(t + from, (gsize)(to - from));
    if (g_utf8_strlen(sentence, -1) > 60) {
        char *cut = g_utf8_substring(sentence, 0, 60);
        g_free(sentence);
        sentence = g_strconcat(cut, "…", NULL);
        g_free(cut);
    }
    char *w = g_strdup_printf("%s ／ %s", k->sec->heading, sentence);
    g_free(sentence);
    return w;
}

static void add(checker *k, bg_audit_severity sev, const char *rule, int offset, int len,
                const char *found, const char *expected, const char *message)
{
    char *w = where_of(k, offset, len);
    bg_audit_add(k->out, sev, rule, line_at(k->sec, offset), NULL, w, found, expected, message);
    g_free(w);
}

/* A percentage printed with `dp` decimals, as an integer of 10^-dp %. */
static bool pct(const char *s, int64_t *v, int *dp)
{
    int64_t fen;
    int digits = 0;
    if (!bg_pub_amount(s, 1000000, &fen, &digits) || digits > 4)
        return false;
    int64_t scale = 100000000; /* fen of one unit of the integer part */
    for (int i = 0; i < digits; i++)
        scale /= 10;
    *v = fen / scale;
    *dp = digits;
    return true;
}

static int64_t pow10i(int n)
{
    int64_t r = 1;
    while (n-- > 0)
        r *= 10;
    return r;
}

/* Whether p (10^-dp %) may be a/b printed with the inputs known to within
 * half their units ua, ub. */
static bool share_possible(int64_t p, int dp, int64_t a, int64_t ua, int64_t b, int64_t ub)
{
    __int128 S = 100 * (__int128)pow10i(dp);
    __int128 A = 2 * (__int128)a, B = 2 * (__int128)b;
    if (B - ub <= 0)
        return true;
    bool lo_ok = (__int128)(2 * p + 1) * (B + ub) >= 2 * S * (A - ua);
    bool hi_ok = (__int128)(2 * p - 1) * (B - ub) <= 2 * S * (A + ua);
    return lo_ok && hi_ok;
}

static int64_t share_round(int64_t a, int64_t b, int dp)
{
    __int128 S = 100 * (__int128)pow10i(dp);
    if (b == 0)
        return 0;
    return (int64_t)((2 * S * a + b) / (2 * (__int128)b));
}

static int64_t share_trunc(int64_t a, int64_t b, int dp)
{
    __int128 S = 100 * (__int128)pow10i(dp);
    return b ? (int64_t)(S * a / b) : 0;
}

static char *pct_text(int64_t v, int dp)
{
    if (dp == 0)
        return g_strdup_printf("%lld%%", (long long)v);
    int64_t s = pow10i(dp);
    return g_strdup_printf("%lld.%0*lld%%", (long long)(v / s), dp, (long long)(v % s));
}

/* An amount (in 分) as a reader checks it, to the digit it was printed
 * with (`unit`, in 分): 万元 for a unit of 0.01 万元 or more, as the
 * sentences print them, else 元 with thousands separators, as the tables. */
static char *amount_text(int64_t fen, int64_t unit)
{
    char buf[BG_MONEY_BUF];
    if (unit >= 10000) {
        int dp = unit >= 1000000 ? 0 : unit >= 100000 ? 1 : 2;
        return g_strdup_printf("%s万元", bg_money_format_wan(fen, dp, false, buf));
    }
    return g_strdup_printf("%s元", unit >= 100 ? bg_money_format_yuan(fen, buf)
                                              : bg_money_format_exact_grouped(fen, buf));
}

/* The precision of a number printed with `unit`: the format's, when the
 * document is known to drop trailing zeros as the format does. */
static int64_t precision(const checker *k, int64_t unit)
{
    if (unit < 0)
        unit = -unit;
    int64_t uf = 1000000;
    for (int i = 0; i < k->p->format->text_decimals && i < 6; i++)
        uf /= 10;
    return k->trim_seen && !k->round_seen && k->p->format->text_trim && uf < unit ? uf : unit;
}

/* A printed figure against the table cells that state it. */
static void check_figure(checker *k, const char *name, const char *text, int off, int len)
{
    int64_t n, un, t, ut;
    if (!wan(text, &n, &un))
        return;
    int64_t *v = g_new(int64_t, 1), *u = g_new(int64_t, 1);
    *v = n;
    *u = un;
    g_hash_table_insert(k->values, (gpointer)name, v);
    g_hash_table_insert(k->units, (gpointer)name, u);
    if (!bg_audit_figure_value(k->p, name, &t, &ut))
        return;
    __int128 d = n > t ? n - t : t - n;
    if (2 * d <= (__int128)un + ut) {
        /* Printed as the format prints sentences ("395" for 395.00 with
         * trailing zeros dropped): as precise as the format's decimals. */
        int64_t uf = 1000000;
        for (int i = 0; i < k->p->format->text_decimals && i < 6; i++)
            uf /= 10;
        if (uf < un && 2 * d <= (__int128)uf + ut) {
            *u = uf;
            k->trim_seen = true;
        } else if (uf < un) {
            k->round_seen = true;
        }
        return;
    }
    char *found = g_strdup_printf("%s万元", text);
    char *tv = bg_audit_money(t, ut);
    bool truncated = t > 0 && t / un * un == n;
    char *expected = g_strdup_printf("%s（表中所列）", tv);
    if (truncated)
        add(k, BG_AUDIT_WARNING, "truncated", off, len, found, expected,
            "数字被截断而非四舍五入");
    else {
        char *msg = g_strdup_printf("说明中的数字（%s）与表中不符", name);
        add(k, BG_AUDIT_ERROR, "narrative_figure", off, len, found, expected, msg);
        g_free(msg);
    }
    g_free(found);
    g_free(tv);
    g_free(expected);
    /* the share then follows the printed figure, not the table's */
    *u = -*u;
}

/* A share: from the tables' exact amounts when both parts are stated there
 * and printed as stated, else from the printed parts. */
static void check_share(checker *k, const char *a, const char *b, const char *text, int off, int len)
{
    int64_t p;
    int dp;
    if (!pct(text, &p, &dp))
        return;
    int64_t *pa = g_hash_table_lookup(k->values, a), *pb = g_hash_table_lookup(k->values, b);
    int64_t *ua = g_hash_table_lookup(k->units, a), *ub = g_hash_table_lookup(k->units, b);
    int64_t ta, tb, uta, utb;
    bool exact = bg_audit_figure_value(k->p, a, &ta, &uta) && bg_audit_figure_value(k->p, b, &tb, &utb) &&
                 !(ua && *ua < 0) && !(ub && *ub < 0) && uta <= 100 && tb > 0;
    char *found = g_strdup_printf("%s%%", text);
    if (exact) {
        int64_t r = share_round(ta, tb, dp), tr = share_trunc(ta, tb, dp);
        char *want = pct_text(r, dp);
        char *ea = amount_text(ta, uta), *eb = amount_text(tb, utb);
        char *expected = g_strdup_printf("%s（%s ÷ %s，按表中金额）", want, ea, eb);
        g_free(ea);
        g_free(eb);
        /* within one unit of the exact share: a rounding, or the rest
         * that makes the shares 100% */
        __int128 S = 100 * (__int128)pow10i(dp), x = S * ta - (__int128)p * tb;
        bool near = (x < 0 ? -x : x) < tb;
        if (p != r && p == tr)
            add(k, BG_AUDIT_WARNING, "share_truncated", off, len, found, expected,
                "占比被截断而非四舍五入");
        else if (p != r && !near)
            add(k, BG_AUDIT_ERROR, "share", off, len, found, expected, "占比与其组成不符");
        g_free(want);
        g_free(expected);
    } else if (pa && pb && ua && ub) {
        int64_t uaa = precision(k, *ua), ubb = precision(k, *ub);
        if (!share_possible(p, dp, *pa, uaa, *pb, ubb)) {
            char *want = pct_text(share_round(*pa, *pb, dp), dp);
            char *ea = amount_text(*pa, uaa), *eb = amount_text(*pb, ubb);
            char *expected = g_strdup_printf("%s（按句中所列 %s ÷ %s）", want, ea, eb);
            g_free(ea);
            g_free(eb);
            add(k, BG_AUDIT_ERROR, "share", off, len, found, expected, "占比与其组成不符");
            g_free(want);
            g_free(expected);
        }
    }
    g_free(found);
}

typedef struct {
    const char *a;
    int dir;              /* +1 up, -1 down, 0 same, 2 unknown */
    bool mixed;
    const char *diff, *rate, *year;
    int off, len, diff_off;
} phrase_read;

/* A change against last year: the direction words agree, the rate is the
 * change over last year's amount (this year's ∓ the change), the year
 * compared is the one before. */
static void check_phrase(checker *k, const phrase_read *r)
{
    if (r->mixed) {
        add(k, BG_AUDIT_ERROR, "direction", r->off, r->len, "增减用词前后矛盾", "同一方向的用词",
            "变化的方向词自相矛盾");
        return;
    }
    if (r->year && atoi(r->year) != k->p->year - 1) {
        char *found = g_strdup_printf("比%s年", r->year);
        char *expected = g_strdup_printf("比%d年（上年）", k->p->year - 1);
        add(k, BG_AUDIT_ERROR, "comparison_year", r->off, r->len, found, expected,
            "与上年比较却写了别的年度");
        g_free(found);
        g_free(expected);
    }
    int64_t *a = g_hash_table_lookup(k->values, r->a), *ua = g_hash_table_lookup(k->units, r->a);
    int64_t d, ud, p;
    int dp;
    if (!a || !ua || !r->diff || !r->rate || (r->dir != 1 && r->dir != -1) || !wan(r->diff, &d, &ud) ||
        !pct(r->rate, &p, &dp))
        return;
    int64_t uaa = precision(k, *ua);
    ud = precision(k, ud);
    int64_t b = *a - r->dir * d, b_flip = *a + r->dir * d;
    if (share_possible(p, dp, d, ud, b, uaa + ud))
        return;
    char *found = g_strdup_printf("%s%%", r->rate);
    char *want = pct_text(share_round(d, b, dp), dp);
    char *ly = bg_audit_money(b, ud > uaa ? ud : uaa);
    if (share_possible(p, dp, d, ud, *a, uaa)) {
        char *expected = g_strdup_printf("%s（变化 %s万元 ÷ 上年 %s）", want, r->diff, ly);
        add(k, BG_AUDIT_ERROR, "rate_base", r->off, r->len, found, expected,
            "增减率除以了本年数而非上年数");
        g_free(expected);
    } else if (b_flip > 0 && share_possible(p, dp, d, ud, b_flip, uaa + ud)) {
        add(k, BG_AUDIT_ERROR, "direction", r->off, r->len, r->dir > 0 ? "增加" : "减少",
            r->dir > 0 ? "减少" : "增加", "方向词与变化率不符");
    } else {
        char *expected = g_strdup_printf("%s（变化 %s万元 ÷ 上年 %s）", want, r->diff, ly);
        add(k, BG_AUDIT_ERROR, "rate", r->off, r->len, found, expected, "增减率与变化额不符");
        g_free(expected);
    }
    g_free(found);
    g_free(want);
    g_free(ly);
}

static bool group(GMatchInfo *mi, int g, char **text, int *off, int *len)
{
    int s, e;
    if (!g_match_info_fetch_pos(mi, g, &s, &e) || s < 0)
        return false;
    *text = g_match_info_fetch(mi, g);
    *off = s;
    *len = e - s;
    return true;
}

/* The checks of one matched sentence, in the order of its captures:
 * figures first bind values that shares and changes after them use. */
static void judge(checker *k, const pattern *pt, GMatchInfo *mi)
{
    guint n = pt->caps->len;
    phrase_read *reads = g_new0(phrase_read, n + 1);
    for (guint g = 1; g <= n; g++) {
        const cap *c = &g_array_index(pt->caps, cap, g - 1);
        char *text = NULL;
        int off, len;
        if (!group(mi, (int)g, &text, &off, &len)) {
            g_free(text);
            continue;
        }
        phrase_read *r = c->phrase ? &reads[c->phrase] : &reads[g];
        switch (c->kind) {
        case CAP_FIGURE:
            check_figure(k, c->a, text, off, len);
            break;
        case CAP_NUMBER:
            if (!g_ascii_isdigit(*text))
                add(k, BG_AUDIT_ERROR, "missing_number", off > 3 ? off - 3 : off, len + 3,
                    *text ? text : "（空）", "一个数", "数字缺失");
            break;
        case CAP_SHARE:
            check_share(k, c->a, c->b, text, off, len);
            break;
        case CAP_PHRASE:
            r->a = c->a;
            r->dir = 2;
            r->off = off;
            r->len = len;
            break;
        case CAP_ALT:
            r->dir = strcmp(c->up, "up") == 0 || strcmp(c->up, "new") == 0 ? 1
                     : strcmp(c->up, "down") == 0                          ? -1
                     : strcmp(c->up, "same") == 0                          ? 0
                                                                           : 2;
            break;
        case CAP_PIECE: {
            char *nu = bg_pub_normalize(c->up);
            int d = strcmp(text, nu) == 0 ? 1 : -1;
            g_free(nu);
            if (r->dir == 2)
                r->dir = d;
            else if (r->dir != d)
                r->mixed = true;
            break;
        }
        case CAP_DIFF:
            r->diff = g_intern_string(text);
            r->diff_off = off;
            break;
        case CAP_RATE:
            r->rate = g_intern_string(text);
            break;
        case CAP_CMP_YEAR:
            r->year = g_intern_string(text);
            break;
        default:
            break;
        }
        g_free(text);
    }
    for (guint g = 1; g <= n; g++)
        if (g_array_index(pt->caps, cap, g - 1).kind == CAP_PHRASE && reads[g].a)
            check_phrase(k, &reads[g]);
    g_free(reads);
}

/* ---- sentences ---------------------------------------------------------- */

/* A template cut into sentences at 。 and ；, so that one sentence worded
 * otherwise does not hide the others. */
static GPtrArray *sentences(const char *t)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    const char *start = t;
    int depth = 0;
    for (const char *p = t; *p; p++) {
        if (*p == '{')
            depth++;
        else if (*p == '}')
            depth--;
        else if (depth == 0 && (g_str_has_prefix(p, "。") || g_str_has_prefix(p, "；"))) {
            g_ptr_array_add(out, g_strndup(start, (gsize)(p + 3 - start)));
            start = p + 3;
            p += 2;
        }
    }
    if (*start)
        g_ptr_array_add(out, g_strdup(start));
    return out;
}

static GRegex *compile(pattern *pt)
{
    return g_regex_new(pt->re->str, G_REGEX_OPTIMIZE, 0, NULL);
}

/* Matches each sentence of a template from *pos on, judging those found. */
static void match_template(checker *k, const char *t, int *pos)
{
    scope sc = {.f = k->p->format};
    GPtrArray *ss = sentences(t);
    for (guint i = 0; i < ss->len; i++) {
        pattern pt = {.re = g_string_new(NULL), .caps = g_array_new(FALSE, FALSE, sizeof(cap))};
        build(&pt, &sc, ss->pdata[i], 0);
        GRegex *re = pt.judged ? compile(&pt) : NULL;
        GMatchInfo *mi = NULL;
        if (re && g_regex_match_full(re, k->sec->text->str, (gssize)k->sec->text->len, *pos, 0, &mi,
                                     NULL)) {
            judge(k, &pt, mi);
            int s, e;
            g_match_info_fetch_pos(mi, 0, &s, &e);

            *pos = e;
        }
        g_match_info_free(mi);
        if (re)
            g_regex_unref(re);
        g_string_free(pt.re, TRUE);
        g_array_free(pt.caps, TRUE);
    }
    g_ptr_array_unref(ss);
}

typedef struct {
    int64_t v[3]; /* the share, its decimals, the item's amount */
} item_share;

/* A list of shares: each against its amount over the list's total (printed
 * figures), and together 100% exactly unless the list rounds each share on
 * its own (`shares: half_up`), when the hundredths may miss by rounding. */
static void match_list(checker *k, const bg_para *para, int *pos)
{
    const bg_list_def *list = bg_format_list_def(k->p->format, para->list);
    if (!list || !para->item || !strstr(para->item, "{item.share}"))
        return;
    scope sc = {.f = k->p->format};
    /* the total is the figure of `before` */
    pattern before = {.re = g_string_new(NULL), .caps = g_array_new(FALSE, FALSE, sizeof(cap))};
    build(&before, &sc, para->before ? para->before : "", 0);
    pattern item = {.re = g_string_new(NULL), .caps = g_array_new(FALSE, FALSE, sizeof(cap))};
    build(&item, &sc, para->item, 0);
    char *sep = bg_pub_normalize(para->sep ? para->sep : "");
    GRegex *bre = before.judged ? compile(&before) : NULL, *ire = compile(&item);
    GMatchInfo *mi = NULL;
    int64_t total = 0, utotal = 0;
    bool have_total = false;
    int at = -1;
    if (bre && ire &&
        g_regex_match_full(bre, k->sec->text->str, (gssize)k->sec->text->len, *pos, 0, &mi, NULL)) {
        for (guint g = 1; g <= before.caps->len; g++) {
            char *text = NULL;
            int off, len;
            if (g_array_index(before.caps, cap, g - 1).kind == CAP_FIGURE &&
                group(mi, (int)g, &text, &off, &len))
                have_total = wan(text, &total, &utotal);
            g_free(text);
        }
        int s, e;
        g_match_info_fetch_pos(mi, 0, &s, &e);
        at = e;
        utotal = precision(k, utotal);
    }
    g_match_info_free(mi);
    mi = NULL;
    int64_t sum = 0, half_units = 0;
    int finest = 0, n = 0, first = at;
    GArray *shares = g_array_new(FALSE, FALSE, sizeof(item_share));
    while (at >= 0 && ire &&
           g_regex_match_full(ire, k->sec->text->str, (gssize)k->sec->text->len, at,
                              G_REGEX_MATCH_ANCHORED, &mi, NULL)) {
        int64_t v[3] = {0, 0, -1}, p, unit = 0;
        int dp = 0, share_off = 0, share_len = 0;
        char *share_text = NULL;
        for (guint g = 1; g <= item.caps->len; g++) {
            char *text = NULL;
            int off, len;
            cap_kind kind = g_array_index(item.caps, cap, g - 1).kind;
            if (!group(mi, (int)g, &text, &off, &len)) {
                g_free(text);
                continue;
            }
            if (kind == CAP_ITEM_AMOUNT)
                if (wan(text, &v[2], &unit))
                    unit = precision(k, unit);
            if (kind == CAP_ITEM_SHARE && pct(text, &p, &dp)) {
                v[0] = p;
                v[1] = dp;
                share_off = off;
                share_len = len;
                g_free(share_text);
                share_text = g_strdup(text);
            }
            g_free(text);
        }
        /* Shares that are made to add up to 100% (largest remainder, or a
         * rest) may stand a unit off their own rounding. */
        int slack = list->shares == BG_SHARES_HALF_UP ? 0 : 1;
        bool possible = false;
        for (int d = -slack; d <= slack && share_text && have_total && v[2] >= 0; d++)
            possible = possible || share_possible(v[0] + d, (int)v[1], v[2], unit, total, utotal);
        if (share_text && have_total && v[2] >= 0 && !possible) {
            char *found = g_strdup_printf("%s%%", share_text);
            char *want = pct_text(share_round(v[2], total, (int)v[1]), (int)v[1]);
            char *expected = g_strdup_printf("%s（按句中所列金额 ÷ 总额）", want);
            add(k, BG_AUDIT_ERROR, "share", share_off, share_len, found, expected, "占比与其组成不符");
            g_free(found);
            g_free(want);
            g_free(expected);
        }
        g_free(share_text);
        item_share is;
        memcpy(is.v, v, sizeof v);
        g_array_append_val(shares, is);
        if (v[1] > finest)
            finest = (int)v[1];
        n++;
        int s, e;
        g_match_info_fetch_pos(mi, 0, &s, &e);
        at = e;
        g_match_info_free(mi);
        mi = NULL;
        if (*sep && g_str_has_prefix(k->sec->text->str + at, sep))
            at += (int)strlen(sep);
        else
            break;
    }
    g_match_info_free(mi);
    for (guint i = 0; i < shares->len; i++) {
        const int64_t *v = g_array_index(shares, item_share, i).v;
        sum += v[0] * pow10i(finest - (int)v[1]);
        half_units += pow10i(finest - (int)v[1]); /* twice half a unit, in the finest unit */
    }
    int64_t hundred = 100 * pow10i(finest);
    bool exact = list->shares != BG_SHARES_HALF_UP;
    int64_t miss = sum > hundred ? sum - hundred : hundred - sum;
    if (n >= 2 && (exact ? miss != 0 : 2 * miss > half_units)) {
        char *found = pct_text(sum, finest);
        char *msg = g_strdup_printf("各项占比之和不是100%%（%s）",
                                    exact ? "格式要求合计恰为100%" : "超出四舍五入的尾差");
        add(k, BG_AUDIT_ERROR, "shares_sum", first, at - first, found, "100%", msg);
        g_free(found);
        g_free(msg);
    }
    if (at > *pos)
        *pos = at;
    g_array_free(shares, TRUE);
    g_free(sep);
    if (bre)
        g_regex_unref(bre);
    if (ire)
        g_regex_unref(ire);
    g_string_free(before.re, TRUE);
    g_array_free(before.caps, TRUE);
    g_string_free(item.re, TRUE);
    g_array_free(item.caps, TRUE);
}

/* ---- sections of the document ------------------------------------------ */

typedef struct {
    const bg_section *def;
    char *heading;
    int line; /* 0-based line of the heading, -1 when not found */
} found_section;

void bg_audit_narrative(const bg_published *p, GPtrArray *out)
{
    GArray *secs = g_array_new(FALSE, TRUE, sizeof(found_section));
    int last = p->first_table_line - 1; /* headings stand before the tables */
    int prev = -1;
    for (guint i = 0; p->format->parts && i < p->format->parts->len; i++) {
        const bg_part *part = p->format->parts->pdata[i];
        for (guint j = 0; j < part->sections->len; j++) {
            const bg_section *s = part->sections->pdata[j];
            if (!s->heading || !*s->heading)
                continue;
            GRegex *re = heading_regex(s->heading);
            int hit = -1;
            /* The last line so worded after the previous heading: the
             * body's, not the list of contents'. */
            for (int l = prev + 1; re && l < last && l < (int)p->lines->len; l++) {
                char *n = bg_pub_normalize(p->lines->pdata[l]);
                if (*n && g_regex_match(re, n, 0, NULL))
                    hit = l;
                g_free(n);
            }
            if (re)
                g_regex_unref(re);
            found_section f = {.def = s, .heading = g_strdup(s->heading), .line = hit};
            g_array_append_val(secs, f);
            if (hit >= 0)
                prev = hit;
        }
    }
    checker k = {.p = p, .out = out, .trim_seen = false, .round_seen = false,
                 .values = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free),
                 .units = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free)};
    for (guint i = 0; i < secs->len; i++) {
        found_section *f = &g_array_index(secs, found_section, i);
        if (f->line < 0)
            continue;
        int end = last;
        for (guint j = i + 1; j < secs->len; j++)
            if (g_array_index(secs, found_section, j).line > f->line) {
                end = g_array_index(secs, found_section, j).line;
                break;
            }
        section_text st = {.text = g_string_new(NULL), .line = g_array_new(FALSE, FALSE, sizeof(int)),
                           .heading = bg_pub_normalize(f->def->heading)};
        for (int l = f->line + 1; l < end; l++)
            section_add_line(&st, p->lines->pdata[l], l + 1);
        k.sec = &st;
        /* a figure printed once in a section serves its later sentences */
        g_hash_table_remove_all(k.values);
        g_hash_table_remove_all(k.units);
        int pos = 0;
        for (guint j = 0; j < f->def->paragraphs->len; j++) {
            const bg_para *para = f->def->paragraphs->pdata[j];
            if (para->text)
                match_template(&k, para->text, &pos);
            else if (para->list)
                match_list(&k, para, &pos);
        }
        g_string_free(st.text, TRUE);
        g_array_free(st.line, TRUE);
        g_free(st.heading);
    }
    for (guint i = 0; i < secs->len; i++)
        g_free(g_array_index(secs, found_section, i).heading);
    g_array_free(secs, TRUE);
    g_hash_table_unref(k.values);
    g_hash_table_unref(k.units);
}
