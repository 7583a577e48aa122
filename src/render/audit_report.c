/* Prints audit findings: errors first, then warnings, each with where it
 * stands, what is printed, what it should be and the rule broken. */
#include "render/audit_report.h"

#include "render/json.h"

static const char *const severity_names[] = {"错误", "警告"};
static const char *const severity_keys[] = {"error", "warning"};

void bg_audit_report_text(GString *out, const bg_published *p, const GPtrArray *findings)
{
    int found = 0;
    for (guint i = 0; i < p->tables->len; i++)
        found += p->tables->pdata[i] != NULL;
    g_string_append_printf(out, "%s：格式 %s，%s%s%d 年，找到 %d 张表\n", p->file, p->format_id,
                           p->department ? p->department : "", p->department ? "，" : "", p->year,
                           found);
    if (findings->len == 0) {
        g_string_append(out, "  未发现矛盾\n");
        return;
    }
    for (int sev = BG_AUDIT_ERROR; sev <= BG_AUDIT_WARNING; sev++) {
        int n = 0;
        for (guint i = 0; i < findings->len; i++)
            n += ((bg_finding *)findings->pdata[i])->severity == (bg_audit_severity)sev;
        if (n == 0)
            continue;
        g_string_append_printf(out, "%s（%d）\n", severity_names[sev], n);
        for (guint i = 0; i < findings->len; i++) {
            const bg_finding *f = findings->pdata[i];
            if (f->severity != (bg_audit_severity)sev)
                continue;
            int page = bg_published_page(p, f->line);
            /* line 0: the whole document (a table missing from it) */
            char *at = page          ? g_strdup_printf("第%d页", page)
                       : f->line > 0 ? g_strdup_printf("第%d行", f->line)
                                     : g_strdup("全文");
            g_string_append_printf(out, "  %s %s\n    %s：%s，应为 %s［%s］\n", at, f->where,
                                   f->message, f->found, f->expected, f->rule);
            g_free(at);
        }
    }
}

static void member(GString *out, const char *key, const char *value, gboolean comma)
{
    g_string_append_printf(out, "%s\"%s\": ", comma ? ", " : "", key);
    if (value)
        bg_json_string(out, value);
    else
        g_string_append(out, "null");
}

void bg_audit_report_json(GString *out, const bg_published *p, const GPtrArray *findings)
{
    g_string_append(out, "{");
    member(out, "file", p->file, FALSE);
    member(out, "format", p->format_id, TRUE);
    member(out, "department", p->department, TRUE);
    g_string_append_printf(out, ", \"year\": %d, \"tables_found\": [", p->year);
    for (guint i = 0, n = 0; i < p->tables->len; i++) {
        const bg_pub_table *t = p->tables->pdata[i];
        if (!t)
            continue;
        g_string_append(out, n++ ? ", " : "");
        bg_json_string(out, t->def->id);
    }
    g_string_append(out, "], \"findings\": [");
    for (guint i = 0; i < findings->len; i++) {
        const bg_finding *f = findings->pdata[i];
        g_string_append(out, i ? ",\n  {" : "\n  {");
        member(out, "severity", severity_keys[f->severity], FALSE);
        member(out, "rule", f->rule, TRUE);
        g_string_append_printf(out, ", \"line\": %d, \"page\": %d", f->line,
                               bg_published_page(p, f->line));
        member(out, "table", f->table, TRUE);
        member(out, "where", f->where, TRUE);
        member(out, "found", f->found, TRUE);
        member(out, "expected", f->expected, TRUE);
        member(out, "message", f->message, TRUE);
        g_string_append(out, "}");
    }
    g_string_append(out, "]}\n");
}
