/* Projects, performance forms and the facts of part one. */
#include <string.h>

#include "input/load_internal.h"

/* Reads field i as text into *out when present. */
static void text_field(bg_loader *L, const bg_node **v, bg_mark *m, const bg_field *f,
                       int i, const char *base, char **out)
{
    if (!v[i])
        return;
    char *p = bg_path(base, f[i].key);
    *out = bg_read_text(&L->r, v[i], m[i], p, f[i].label);
    g_free(p);
}

static void money_field(bg_loader *L, const bg_node **v, bg_mark *m, const bg_field *f,
                        int i, const char *base, bg_opt_money *out)
{
    if (!v[i])
        return;
    char *p = bg_path(base, f[i].key);
    out->set = bg_read_money(&L->r, v[i], m[i], p, f[i].label, &out->value);
    g_free(p);
}

static void int_field(bg_loader *L, const bg_node **v, bg_mark *m, const bg_field *f,
                      int i, const char *base, int *out)
{
    if (!v[i])
        return;
    char *p = bg_path(base, f[i].key);
    bg_read_int(&L->r, v[i], m[i], p, f[i].label, 0, 1000000, out);
    g_free(p);
}

/* ---- indicator trees ---------------------------------------------------- */

static const bg_field level_fields[3][5] = {
    {{"name", "一级指标", true}, {"groups", "二级指标", false}},
    {{"name", "二级指标", true}, {"items", "三级指标", false}},
    {{"name", "三级指标", true}, {"value", "指标值", false}, {"unit", "度量单位", false},
     {"note", "指标值说明", false}},
};
static const size_t level_nfields[3] = {2, 2, 4};
static const char *const level_names[3] = {"一级指标", "二级指标", "三级指标"};

static GPtrArray *load_level(bg_loader *L, const bg_node *n, bg_mark at, const char *path,
                             int level);

static bg_indicator *load_indicator(bg_loader *L, const bg_node *n, bg_mark at,
                                    const char *path, int level)
{
    const bg_node *v[4];
    bg_mark m[4];
    if (!bg_read_fields(&L->r, n, at, path, level_names[level], level_fields[level],
                        level_nfields[level], v, m))
        return NULL;
    bg_indicator *ind = g_new0(bg_indicator, 1);
    const bg_field *f = level_fields[level];
    text_field(L, v, m, f, 0, path, &ind->name);
    if (level < 2) {
        char *p = bg_path(path, f[1].key);
        ind->children = load_level(L, v[1], m[1], p, level + 1);
        g_free(p);
    } else {
        text_field(L, v, m, f, 1, path, &ind->value);
        text_field(L, v, m, f, 2, path, &ind->unit);
        text_field(L, v, m, f, 3, path, &ind->note);
    }
    return ind;
}

static GPtrArray *load_level(bg_loader *L, const bg_node *n, bg_mark at, const char *path,
                             int level)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(bg_indicator_free);
    if (!n || !bg_expect_seq(&L->r, n, at, path, level_names[level]))
        return out;
    for (int i = 0; i < (int)n->len; i++) {
        const bg_node *e = n->children[i];
        char *p = bg_path_index(path, i);
        bg_indicator *ind = load_indicator(L, e, at, p, level);
        if (ind)
            g_ptr_array_add(out, ind);
        g_free(p);
    }
    return out;
}

GPtrArray *bg_load_indicators(bg_loader *L, const bg_node *n, bg_mark at, const char *path)
{
    return load_level(L, n, at, path, 0);
}

/* ---- projects ----------------------------------------------------------- */

enum { J_CODE, J_NAME, J_UNIT, J_CATEGORY, J_PURPOSE, J_MANAGER, J_CONTACT, J_PHONE,
       J_START, J_END, J_TOTAL, J_PREV_TOTAL, J_PREV_AMOUNT, J_OVERVIEW, J_BASIS,
       J_NECESSITY, J_MEASURES, J_PLAN, J_REMARK, J_GOAL, J_ANNUAL_GOAL, J_INDICATORS,
       J_TEXTS, J_FIGURES, J_COUNT };

static const bg_field project_fields[J_COUNT] = {
    [J_CODE] = {"code", "项目编码", true},
    [J_NAME] = {"name", "项目名称", true},
    [J_UNIT] = {"unit", "项目单位", true},
    [J_CATEGORY] = {"category", "项目类别", true},
    [J_PURPOSE] = {"purpose", "资金用途", false},
    [J_MANAGER] = {"manager", "项目负责人", false},
    [J_CONTACT] = {"contact", "联系人", false},
    [J_PHONE] = {"phone", "联系电话", false},
    [J_START] = {"start", "开始时间", false},
    [J_END] = {"end", "结束时间", false},
    [J_TOTAL] = {"total", "项目总金额", false},
    [J_PREV_TOTAL] = {"previous_total", "上年度项目总金额", false},
    [J_PREV_AMOUNT] = {"previous_amount", "项目上年度金额", false},
    [J_OVERVIEW] = {"overview", "项目概况", false},
    [J_BASIS] = {"basis", "立项依据", false},
    [J_NECESSITY] = {"necessity", "项目设立的必要性", false},
    [J_MEASURES] = {"measures", "项目配套制度措施", false},
    [J_PLAN] = {"plan", "项目实施计划", false},
    [J_REMARK] = {"remark", "备注", false},
    [J_GOAL] = {"goal", "项目总目标", false},
    [J_ANNUAL_GOAL] = {"annual_goal", "年度绩效目标", false},
    [J_INDICATORS] = {"indicators", "绩效指标", false},
    [J_TEXTS] = {"texts", "项目说明文字", false},
    [J_FIGURES] = {"figures", "项目说明金额", false},
};

static void check_category(bg_loader *L, const bg_node *n, bg_mark at, const char *path,
                           const char *category)
{
    if (!L->categories || !category)
        return;
    GString *list = g_string_new(NULL);
    for (guint k = 0; k < L->categories->len; k++) {
        if (strcmp(category, L->categories->pdata[k]) == 0) {
            g_string_free(list, TRUE);
            return;
        }
        g_string_append_printf(list, "%s%s", k ? "、" : "", (char *)L->categories->pdata[k]);
    }
    bg_reader_error(&L->r, n, at, path, "项目类别", "“%s”不是格式 %s 的项目类别（可用：%s）",
                    category, L->dep->format, list->str);
    g_string_free(list, TRUE);
}

static void load_project(bg_loader *L, const bg_node *n, bg_mark at, int i)
{
    char *base = bg_path_index("projects", i);
    const bg_node *v[J_COUNT];
    bg_mark m[J_COUNT];
    const bg_field *f = project_fields;
    if (!BG_READ_MAP(L, n, at, base, "项目", project_fields, v, m)) {
        g_free(base);
        return;
    }
    bg_project pr = {.unit = -1};
    pr.texts = bg_text_map_new();
    pr.figures = bg_money_map_new();
    char *code = NULL;
    text_field(L, v, m, f, J_CODE, base, &code);
    char **texts[J_COUNT] = {
        [J_NAME] = &pr.name,         [J_CATEGORY] = &pr.category, [J_PURPOSE] = &pr.purpose,
        [J_MANAGER] = &pr.manager,   [J_CONTACT] = &pr.contact,   [J_PHONE] = &pr.phone,
        [J_START] = &pr.start,       [J_END] = &pr.end,           [J_OVERVIEW] = &pr.overview,
        [J_BASIS] = &pr.basis,       [J_NECESSITY] = &pr.necessity,
        [J_MEASURES] = &pr.measures, [J_PLAN] = &pr.plan,         [J_REMARK] = &pr.remark,
        [J_GOAL] = &pr.goal,         [J_ANNUAL_GOAL] = &pr.annual_goal,
    };
    for (int k = 0; k < J_COUNT; k++)
        if (texts[k])
            text_field(L, v, m, f, k, base, texts[k]);
    if (pr.name) {
        char *p = bg_path(base, "name");
        bg_check_name(&L->r, v[J_NAME], m[J_NAME], p, "项目名称", pr.name);
        g_free(p);
    }
    if (v[J_UNIT]) {
        char *p = bg_path(base, "unit");
        char *u = bg_read_code(&L->r, v[J_UNIT], m[J_UNIT], p, "项目单位", 0, "数字编码");
        if (u)
            pr.unit = bg_lookup_unit(L, v[J_UNIT], m[J_UNIT], p, bg_department_intern(L->dep, u));
        g_free(u);
        g_free(p);
    }
    if (v[J_CATEGORY]) {
        char *p = bg_path(base, "category");
        check_category(L, v[J_CATEGORY], m[J_CATEGORY], p, pr.category);
        g_free(p);
    }
    money_field(L, v, m, f, J_TOTAL, base, &pr.total);
    money_field(L, v, m, f, J_PREV_TOTAL, base, &pr.previous_total);
    money_field(L, v, m, f, J_PREV_AMOUNT, base, &pr.previous_amount);
    char *p = bg_path(base, "indicators");
    pr.indicators = bg_load_indicators(L, v[J_INDICATORS], m[J_INDICATORS], p);
    g_free(p);
    if (v[J_TEXTS]) {
        p = bg_path(base, "texts");
        bg_load_open_texts(L, v[J_TEXTS], m[J_TEXTS], p, pr.texts, NULL);
        g_free(p);
    }
    if (v[J_FIGURES]) {
        p = bg_path(base, "figures");
        bg_load_open_figures(L, v[J_FIGURES], m[J_FIGURES], p, pr.figures, NULL);
        g_free(p);
    }
    if (code) {
        pr.code = bg_department_intern(L->dep, code);
        if (g_hash_table_contains(L->project_index, pr.code)) {
            p = bg_path(base, "code");
            bg_reader_error(&L->r, v[J_CODE], m[J_CODE], p, "项目编码", "项目编码“%s”重复", code);
            g_free(p);
        }
    }
    /* Kept even when incomplete so that line items naming it resolve and
     * only the project's own errors are reported. */
    g_array_append_val(L->dep->projects, pr);
    if (pr.code && !g_hash_table_contains(L->project_index, pr.code))
        g_hash_table_insert(L->project_index, (gpointer)pr.code,
                            GINT_TO_POINTER(L->dep->projects->len));
    g_free(code);
    g_free(base);
}

void bg_load_projects(bg_loader *L, const bg_node *n, bg_mark at)
{
    if (!bg_expect_seq(&L->r, n, at, "projects", "项目"))
        return;
    for (int i = 0; i < (int)n->len; i++)
        load_project(L, n->children[i], at, i);
}

/* ---- the overall performance form ---------------------------------------- */

static void task_free(gpointer p)
{
    bg_task *t = p;
    g_free(t->name);
    g_free(t->content);
    g_free(t);
}

static GPtrArray *load_tasks(bg_loader *L, const bg_node *n, bg_mark at)
{
    static const bg_field fields[] = {{"name", "任务名称", true}, {"content", "主要内容", false}};
    GPtrArray *out = g_ptr_array_new_with_free_func(task_free);
    if (!n || !bg_expect_seq(&L->r, n, at, "performance.tasks", "年度主要任务"))
        return out;
    for (int i = 0; i < (int)n->len; i++) {
        const bg_node *e = n->children[i];
        char *base = bg_path_index("performance.tasks", i);
        const bg_node *v[2];
        bg_mark m[2];
        if (BG_READ_MAP(L, e, at, base, "年度主要任务", fields, v, m)) {
            bg_task *t = g_new0(bg_task, 1);
            text_field(L, v, m, fields, 0, base, &t->name);
            text_field(L, v, m, fields, 1, base, &t->content);
            g_ptr_array_add(out, t);
        }
        g_free(base);
    }
    return out;
}

void bg_load_performance(bg_loader *L, const bg_node *n, bg_mark at)
{
    static const bg_field fields[] = {{"name", "部门（单位）名称", false},
                                      {"goal", "年度履职目标", true},
                                      {"tasks", "年度主要任务", false},
                                      {"indicators", "绩效指标", false}};
    const bg_node *v[4];
    bg_mark m[4];
    if (!BG_READ_MAP(L, n, at, "performance", "整体绩效目标", fields, v, m))
        return;
    bg_performance *p = g_new0(bg_performance, 1);
    text_field(L, v, m, fields, 0, "performance", &p->name);
    text_field(L, v, m, fields, 1, "performance", &p->goal);
    p->tasks = load_tasks(L, v[2], m[2]);
    p->indicators = bg_load_indicators(L, v[3], m[3], "performance.indicators");
    L->dep->performance = p;
}

/* ---- part one: the department's facts ------------------------------------ */

static void load_counts(bg_loader *L, const bg_node *n, bg_mark at, const char *path,
                        const char *what, const bg_field *fields, size_t nf, int **out)
{
    const bg_node *v[8];
    bg_mark m[8];
    if (!bg_read_fields(&L->r, n, at, path, what, fields, nf, v, m))
        return;
    for (size_t i = 0; i < nf; i++)
        int_field(L, v, m, fields, (int)i, path, out[i]);
}

void bg_load_profile(bg_loader *L, const bg_node *n, bg_mark at)
{
    enum { F_INTRO, F_DUTIES, F_OUTRO, F_INTERNAL, F_SUB, F_COMPOSITION, F_STAFF,
           F_VEHICLES, F_ASSETS, F_COUNT };
    static const bg_field fields[F_COUNT] = {
        [F_INTRO] = {"duties_intro", "职责引言", false},
        [F_DUTIES] = {"duties", "主要职责", false},
        [F_OUTRO] = {"duties_outro", "职责补充说明", false},
        [F_INTERNAL] = {"internal", "内设机构", false},
        [F_SUB] = {"subordinate", "下属单位", false},
        [F_COMPOSITION] = {"composition", "预算单位构成", false},
        [F_STAFF] = {"staffing", "人员构成", false},
        [F_VEHICLES] = {"vehicles", "车辆构成", false},
        [F_ASSETS] = {"assets", "国有资产占用", false},
    };
    const bg_node *v[F_COUNT];
    bg_mark m[F_COUNT];
    if (!BG_READ_MAP(L, n, at, "profile", "部门基本情况", fields, v, m))
        return;
    bg_profile *p = g_new0(bg_profile, 1);
    p->staffing = (bg_staffing){-1, -1, -1, -1, -1, -1};
    p->vehicles = (bg_vehicles){-1, -1, -1, -1, -1};
    p->assets.general_equipment = p->assets.special_equipment = -1;
    text_field(L, v, m, fields, F_INTRO, "profile", &p->duties_intro);
    text_field(L, v, m, fields, F_OUTRO, "profile", &p->duties_outro);
    text_field(L, v, m, fields, F_INTERNAL, "profile", &p->internal);
    text_field(L, v, m, fields, F_SUB, "profile", &p->subordinate);
    p->duties = bg_read_text_list(&L->r, v[F_DUTIES], m[F_DUTIES], "profile.duties", "主要职责");
    p->composition = bg_read_text_list(&L->r, v[F_COMPOSITION], m[F_COMPOSITION],
                                       "profile.composition", "预算单位构成");
    if (!p->duties)
        p->duties = g_ptr_array_new_with_free_func(g_free);
    if (!p->composition)
        p->composition = g_ptr_array_new_with_free_func(g_free);

    static const bg_field staff[] = {
        {"authorized", "编制人数", false},    {"administrative", "行政编制", false},
        {"institutional", "事业编制", false}, {"worker", "工勤编制", false},
        {"in_service", "在职人数", false},    {"retired", "离退休人数", false}};
    int *so[] = {&p->staffing.authorized, &p->staffing.administrative,
                 &p->staffing.institutional, &p->staffing.worker, &p->staffing.in_service,
                 &p->staffing.retired};
    if (v[F_STAFF])
        load_counts(L, v[F_STAFF], m[F_STAFF], "profile.staffing", "人员构成", staff,
                    G_N_ELEMENTS(staff), so);
    static const bg_field veh[] = {
        {"general", "一般公务用车", false}, {"enforcement", "一般执法执勤用车", false},
        {"special", "特种专业技术用车", false}, {"other", "其他用车", false},
        {"leader", "领导干部用车", false}};
    int *vo[] = {&p->vehicles.general, &p->vehicles.enforcement, &p->vehicles.special,
                 &p->vehicles.other, &p->vehicles.leader};
    if (v[F_VEHICLES])
        load_counts(L, v[F_VEHICLES], m[F_VEHICLES], "profile.vehicles", "车辆构成", veh,
                    G_N_ELEMENTS(veh), vo);
    if (v[F_ASSETS]) {
        static const bg_field af[] = {{"as_of", "截止日期", false},
                                      {"general_equipment", "单价50万元以上通用设备", false},
                                      {"special_equipment", "单位价值100万元以上专用设备", false}};
        const bg_node *av[3];
        bg_mark am[3];
        if (BG_READ_MAP(L, v[F_ASSETS], m[F_ASSETS], "profile.assets", "国有资产占用", af, av,
                        am)) {
            text_field(L, av, am, af, 0, "profile.assets", &p->assets.as_of);
            int_field(L, av, am, af, 1, "profile.assets", &p->assets.general_equipment);
            int_field(L, av, am, af, 2, "profile.assets", &p->assets.special_equipment);
        }
    }
    L->dep->profile = p;
}
