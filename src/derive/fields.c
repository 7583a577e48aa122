/* Values of the department's fields by name, and amounts in a money style. */
#include "derive/fields.h"

#include <string.h>

/* "12345.6" as "12,345.6": separators in the integer part. */
static char *grouped(const char *plain)
{
    GString *out = g_string_new(NULL);
    const char *p = plain;
    if (*p == '-')
        g_string_append_c(out, *p++);
    size_t digits = strspn(p, "0123456789");
    for (size_t i = 0; i < digits; i++) {
        if (i > 0 && (digits - i) % 3 == 0)
            g_string_append_c(out, ',');
        g_string_append_c(out, p[i]);
    }
    g_string_append(out, p + digits);
    return g_string_free(out, FALSE);
}

char *bg_money_styled(const bg_money_style *s, bg_money m)
{
    char buf[BG_MONEY_BUF];
    if (m == 0)
        return g_strdup("");
    const char *plain;
    if (strcmp(s->unit, "万元") == 0) {
        plain = bg_money_format_wan(m, s->decimals, s->trim, buf);
    } else {
        /* 元 rounded half up to the style's decimals */
        static const bg_money steps[] = {100, 10, 1};
        int d = MAX(0, MIN(2, s->decimals));
        bg_money r = bg_money_round(m, steps[d]);
        bg_money whole = (r < 0 ? -r : r) / 100, cents = (r < 0 ? -r : r) % 100;
        if (d == 0)
            g_snprintf(buf, sizeof buf, "%s%lld", r < 0 ? "-" : "", (long long)whole);
        else if (d == 1)
            g_snprintf(buf, sizeof buf, "%s%lld.%lld", r < 0 ? "-" : "", (long long)whole,
                       (long long)(cents / 10));
        else
            g_snprintf(buf, sizeof buf, "%s%lld.%02lld", r < 0 ? "-" : "", (long long)whole,
                       (long long)cents);
        if (s->trim && d > 0) {
            size_t n = strlen(buf);
            while (n > 0 && buf[n - 1] == '0')
                buf[--n] = '\0';
            if (n > 0 && buf[n - 1] == '.')
                buf[--n] = '\0';
        }
        plain = buf;
    }
    return s->grouping ? grouped(plain) : g_strdup(plain);
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static char *count_text(int n)
{
    return n < 0 ? g_strdup("") : g_strdup_printf("%d", n);
}

static char *profile_field(const bg_profile *p, const char *f)
{
    if (!p)
        return g_strdup("");
    struct {
        const char *name;
        const char *text;
    } texts[] = {{"duties_intro", p->duties_intro}, {"duties_outro", p->duties_outro},
                 {"internal", p->internal},         {"subordinate", p->subordinate},
                 {"assets.as_of", p->assets.as_of}};
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
        if (strcmp(f, texts[i].name) == 0)
            return g_strdup(or_empty(texts[i].text));
    const bg_staffing *s = &p->staffing;
    const bg_vehicles *v = &p->vehicles;
    struct {
        const char *name;
        int n;
    } counts[] = {
        {"staffing.authorized", s->authorized},     {"staffing.administrative", s->administrative},
        {"staffing.institutional", s->institutional}, {"staffing.worker", s->worker},
        {"staffing.in_service", s->in_service},     {"staffing.retired", s->retired},
        {"vehicles.general", v->general},           {"vehicles.enforcement", v->enforcement},
        {"vehicles.special", v->special},           {"vehicles.other", v->other},
        {"vehicles.leader", v->leader},
        {"assets.general_equipment", p->assets.general_equipment},
        {"assets.special_equipment", p->assets.special_equipment},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(counts); i++)
        if (strcmp(f, counts[i].name) == 0)
            return count_text(counts[i].n);
    if (strcmp(f, "vehicles.total") == 0) {
        int total = 0;
        int parts[] = {v->general, v->enforcement, v->special, v->other, v->leader};
        for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
            total += parts[i] > 0 ? parts[i] : 0;
        return g_strdup_printf("%d", total);
    }
    return NULL;
}

static char *project_field(const bg_field_ctx *c, const char *f, bool *is_money, bg_money *value)
{
    const bg_project *p = c->project;
    if (!p)
        return g_strdup("");
    const bg_unit *unit = &g_array_index(c->d->units, bg_unit, p->unit);
    struct {
        const char *name;
        const char *text;
    } texts[] = {
        {"code", p->code},         {"name", p->name},           {"unit_code", unit->code},
        {"unit_name", unit->name}, {"category", p->category},   {"purpose", p->purpose},
        {"manager", p->manager},   {"contact", p->contact},     {"phone", p->phone},
        {"start", p->start},       {"end", p->end},             {"overview", p->overview},
        {"basis", p->basis},       {"necessity", p->necessity}, {"measures", p->measures},
        {"plan", p->plan},         {"remark", p->remark},       {"goal", p->goal},
        {"annual_goal", p->annual_goal},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
        if (strcmp(f, texts[i].name) == 0)
            return g_strdup(or_empty(texts[i].text));
    const bg_opt_money *typed = NULL;
    bg_money m;
    if (strcmp(f, "amount") == 0) {
        m = c->project_amount;
    } else if (strcmp(f, "total") == 0) {
        m = p->total.set ? p->total.value : c->project_amount;
    } else if (strcmp(f, "previous_total") == 0 || strcmp(f, "previous_amount") == 0) {
        typed = f[9] == 't' ? &p->previous_total : &p->previous_amount;
        if (!typed->set)
            return g_strdup("");
        m = typed->value;
    } else {
        return NULL;
    }
    if (is_money)
        *is_money = true;
    if (value)
        *value = m;
    return bg_money_styled(&c->money, m);
}

char *bg_field_text(const bg_field_ctx *c, const char *name, bool *is_money, bg_money *value)
{
    const bg_department *d = c->d;
    if (is_money)
        *is_money = false;
    if (strcmp(name, "department") == 0 || strcmp(name, "department.name") == 0)
        return g_strdup(d->name);
    if (strcmp(name, "year") == 0 || strcmp(name, "department.year") == 0)
        return g_strdup_printf("%d", d->year);
    if (strcmp(name, "last_year") == 0)
        return g_strdup_printf("%d", d->year - 1);
    if (strcmp(name, "year.next") == 0)
        return g_strdup_printf("%d", d->year + 1);
    if (strcmp(name, "year.after_next") == 0)
        return g_strdup_printf("%d", d->year + 2);
    if (strcmp(name, "department.code") == 0)
        return g_strdup(d->code);
    if (strcmp(name, "department.short_name") == 0)
        return g_strdup(d->short_name ? d->short_name : d->name);
    if (strcmp(name, "performance.name") == 0)
        return g_strdup(d->performance && d->performance->name ? d->performance->name : d->name);
    if (strcmp(name, "performance.goal") == 0)
        return g_strdup(d->performance ? or_empty(d->performance->goal) : "");
    if (strcmp(name, "task.name") == 0)
        return g_strdup(c->task ? or_empty(c->task->name) : "");
    if (strcmp(name, "task.content") == 0)
        return g_strdup(c->task ? or_empty(c->task->content) : "");
    if (g_str_has_prefix(name, "texts."))
        return g_strdup(or_empty(g_hash_table_lookup(d->texts, name + 6)));
    if (g_str_has_prefix(name, "figures.")) {
        const bg_money *m = g_hash_table_lookup(d->figures, name + 8);
        if (!m)
            return g_strdup("");
        if (is_money)
            *is_money = true;
        if (value)
            *value = *m;
        return bg_money_styled(&c->money, *m);
    }
    if (g_str_has_prefix(name, "profile."))
        return profile_field(d->profile, name + 8);
    if (g_str_has_prefix(name, "project."))
        return project_field(c, name + 8, is_money, value);
    return NULL;
}

const GPtrArray *bg_field_list(const bg_field_ctx *c, const char *name)
{
    const bg_profile *p = c->d->profile;
    if (strcmp(name, "profile.duties") == 0)
        return p ? p->duties : NULL;
    if (strcmp(name, "profile.composition") == 0)
        return p ? p->composition : NULL;
    return NULL;
}
