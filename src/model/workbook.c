/* The sheets and columns of the input workbook. */
#include "model/workbook.h"

#include <stddef.h>

#define END {NULL, NULL, BG_WB_TEXT, BG_WB_ANY, false}

static const bg_wb_column department[] = {
    {"部门编码", "code", BG_WB_CODE, BG_WB_ANY, true},
    {"部门名称", "name", BG_WB_TEXT, BG_WB_ANY, true},
    {"简称", "short_name", BG_WB_TEXT, BG_WB_ANY, false},
    {"预算年度", "year", BG_WB_INT, BG_WB_ANY, true},
    {"公开格式", "format", BG_WB_TEXT, BG_WB_ANY, true},
    END};

static const bg_wb_column units[] = {
    {"单位编码", "code", BG_WB_CODE, BG_WB_ANY, true},
    {"单位名称", "name", BG_WB_TEXT, BG_WB_ANY, true},
    {"单位性质", "type", BG_WB_TEXT, BG_WB_UNIT_TYPES, true},
    END};

static const bg_wb_column items[] = {
    {"单位编码", "unit", BG_WB_CODE, BG_WB_UNITS, true},
    {"功能分类科目", "function", BG_WB_CODE, BG_WB_FUNCTIONS, true},
    {"部门经济分类科目", "dept_econ", BG_WB_CODE, BG_WB_DEPT_ECON, true},
    {"政府经济分类科目", "gov_econ", BG_WB_CODE, BG_WB_GOV_ECON, true},
    {"项目编码（项目支出）", "project", BG_WB_TEXT, BG_WB_PROJECTS, false},
    {"资金来源", "fund", BG_WB_TEXT, BG_WB_FUNDS, false},
    {"是否上年结转", "carry_over", BG_WB_YESNO, BG_WB_ANY, false},
    {"人员经费/公用经费", "cost", BG_WB_TEXT, BG_WB_COSTS, false},
    {"金额（元）", "amount", BG_WB_MONEY, BG_WB_ANY, true},
    END};

static const bg_wb_column projects[] = {
    {"项目编码", "code", BG_WB_TEXT, BG_WB_ANY, true},
    {"项目名称", "name", BG_WB_TEXT, BG_WB_ANY, true},
    {"单位编码", "unit", BG_WB_CODE, BG_WB_UNITS, true},
    {"项目类别", "category", BG_WB_TEXT, BG_WB_CATEGORIES, true},
    {"资金用途", "purpose", BG_WB_TEXT, BG_WB_ANY, false},
    {"项目负责人", "manager", BG_WB_TEXT, BG_WB_ANY, false},
    {"联系人", "contact", BG_WB_TEXT, BG_WB_ANY, false},
    {"联系电话", "phone", BG_WB_TEXT, BG_WB_ANY, false},
    {"开始时间", "start", BG_WB_TEXT, BG_WB_ANY, false},
    {"结束时间", "end", BG_WB_TEXT, BG_WB_ANY, false},
    {"项目总金额（元）", "total", BG_WB_MONEY, BG_WB_ANY, false},
    {"上年度项目总金额（元）", "previous_total", BG_WB_MONEY, BG_WB_ANY, false},
    {"项目上年度金额（元）", "previous_amount", BG_WB_MONEY, BG_WB_ANY, false},
    {"项目概况", "overview", BG_WB_TEXT, BG_WB_ANY, false},
    {"立项依据", "basis", BG_WB_TEXT, BG_WB_ANY, false},
    {"项目设立的必要性", "necessity", BG_WB_TEXT, BG_WB_ANY, false},
    {"项目配套制度措施", "measures", BG_WB_TEXT, BG_WB_ANY, false},
    {"项目实施计划", "plan", BG_WB_TEXT, BG_WB_ANY, false},
    {"备注", "remark", BG_WB_TEXT, BG_WB_ANY, false},
    {"项目总目标", "goal", BG_WB_TEXT, BG_WB_ANY, false},
    {"年度绩效目标", "annual_goal", BG_WB_TEXT, BG_WB_ANY, false},
    END};

static const bg_wb_column project_indicators[] = {
    {"项目编码", "", BG_WB_TEXT, BG_WB_PROJECTS, true},
    {"一级指标", "", BG_WB_TEXT, BG_WB_ANY, true},
    {"二级指标", "", BG_WB_TEXT, BG_WB_ANY, true},
    {"三级指标", "name", BG_WB_TEXT, BG_WB_ANY, false},
    {"指标值", "value", BG_WB_TEXT, BG_WB_ANY, false},
    {"度量单位", "unit", BG_WB_TEXT, BG_WB_ANY, false},
    {"指标值说明", "note", BG_WB_TEXT, BG_WB_ANY, false},
    END};

static const bg_wb_column project_texts[] = {
    {"项目编码", "", BG_WB_TEXT, BG_WB_PROJECTS, true},
    {"键", "", BG_WB_TEXT, BG_WB_ANY, true},
    {"内容", "", BG_WB_TEXT, BG_WB_ANY, true},
    END};

static const bg_wb_column project_figures[] = {
    {"项目编码", "", BG_WB_TEXT, BG_WB_PROJECTS, true},
    {"键", "", BG_WB_TEXT, BG_WB_ANY, true},
    {"金额（元）", "", BG_WB_MONEY, BG_WB_ANY, true},
    END};

static const bg_wb_column procurement[] = {
    {"单位编码", "unit", BG_WB_CODE, BG_WB_UNITS, true},
    {"功能分类科目", "function", BG_WB_CODE, BG_WB_FUNCTIONS, true},
    {"采购项目", "item", BG_WB_TEXT, BG_WB_ANY, true},
    {"采购类别", "category", BG_WB_TEXT, BG_WB_PROC_KINDS, true},
    {"采购目录", "catalog", BG_WB_TEXT, BG_WB_ANY, false},
    {"规格", "spec", BG_WB_TEXT, BG_WB_ANY, false},
    {"计量单位", "measure", BG_WB_TEXT, BG_WB_ANY, false},
    {"采购数量", "quantity", BG_WB_TEXT, BG_WB_ANY, false},
    {"金额（元）", "amount", BG_WB_MONEY, BG_WB_ANY, true},
    END};

static const bg_wb_column performance[] = {
    {"部门（单位）名称", "name", BG_WB_TEXT, BG_WB_ANY, false},
    {"年度履职目标", "goal", BG_WB_TEXT, BG_WB_ANY, false},
    END};

static const bg_wb_column tasks[] = {
    {"任务名称", "name", BG_WB_TEXT, BG_WB_ANY, true},
    {"主要内容", "content", BG_WB_TEXT, BG_WB_ANY, false},
    END};

static const bg_wb_column indicators[] = {
    {"一级指标", "", BG_WB_TEXT, BG_WB_ANY, true},
    {"二级指标", "", BG_WB_TEXT, BG_WB_ANY, true},
    {"三级指标", "name", BG_WB_TEXT, BG_WB_ANY, false},
    {"指标值", "value", BG_WB_TEXT, BG_WB_ANY, false},
    {"度量单位", "unit", BG_WB_TEXT, BG_WB_ANY, false},
    {"指标值说明", "note", BG_WB_TEXT, BG_WB_ANY, false},
    END};

static const bg_wb_column profile[] = {
    {"职责引言", "duties_intro", BG_WB_TEXT, BG_WB_ANY, false},
    {"职责之后的说明", "duties_outro", BG_WB_TEXT, BG_WB_ANY, false},
    {"内设机构", "internal", BG_WB_TEXT, BG_WB_ANY, false},
    {"下属单位", "subordinate", BG_WB_TEXT, BG_WB_ANY, false},
    {"编制人数", "staffing.authorized", BG_WB_INT, BG_WB_ANY, false},
    {"行政编制", "staffing.administrative", BG_WB_INT, BG_WB_ANY, false},
    {"事业编制", "staffing.institutional", BG_WB_INT, BG_WB_ANY, false},
    {"工勤编制", "staffing.worker", BG_WB_INT, BG_WB_ANY, false},
    {"在职人员", "staffing.in_service", BG_WB_INT, BG_WB_ANY, false},
    {"离退休人员", "staffing.retired", BG_WB_INT, BG_WB_ANY, false},
    {"一般公务用车", "vehicles.general", BG_WB_INT, BG_WB_ANY, false},
    {"一般执法执勤用车", "vehicles.enforcement", BG_WB_INT, BG_WB_ANY, false},
    {"特种专业技术用车", "vehicles.special", BG_WB_INT, BG_WB_ANY, false},
    {"其他用车", "vehicles.other", BG_WB_INT, BG_WB_ANY, false},
    {"领导干部用车", "vehicles.leader", BG_WB_INT, BG_WB_ANY, false},
    {"资产统计截至", "assets.as_of", BG_WB_TEXT, BG_WB_ANY, false},
    {"单价50万元以上通用设备（台套）", "assets.general_equipment", BG_WB_INT, BG_WB_ANY, false},
    {"单位价值100万元以上专用设备（台套）", "assets.special_equipment", BG_WB_INT, BG_WB_ANY, false},
    END};

static const bg_wb_column one_text[] = {{"内容", "", BG_WB_TEXT, BG_WB_ANY, true}, END};

static const bg_wb_column texts[] = {
    {"键", "", BG_WB_TEXT, BG_WB_ANY, true},
    {"内容", "", BG_WB_TEXT, BG_WB_ANY, false},
    END};

static const bg_wb_column figures[] = {
    {"键", "", BG_WB_TEXT, BG_WB_ANY, true},
    {"金额（元）", "", BG_WB_MONEY, BG_WB_ANY, false},
    END};

static const bg_wb_column names[] = {
    {"分类", "", BG_WB_TEXT, BG_WB_CLASSES, true},
    {"科目编码", "", BG_WB_CODE, BG_WB_ANY, true},
    {"名称", "", BG_WB_TEXT, BG_WB_ANY, true},
    END};

const bg_wb_sheet bg_wb_sheets[] = {
    {"部门", "department", BG_WB_FIELDS, department, "部门的编码、名称、年度和公开格式。"},
    {"单位", "units", BG_WB_ROWS, units, "预算单位：一行一个。"},
    {"预算明细", "line_items", BG_WB_ROWS, items,
     "一行一条预算明细，金额以元计、最多两位小数；项目支出写项目编码，基本支出不写。"},
    {"项目", "projects", BG_WB_ROWS, projects, "项目：一行一个；项目金额由预算明细合计，不必填写。"},
    {"项目指标", "projects.indicators", BG_WB_INDICATORS, project_indicators,
     "项目的绩效指标：一行一个三级指标。"},
    {"项目文字", "projects.texts", BG_WB_OF_PROJECT, project_texts, "项目说明文字（公开格式引用的键）。"},
    {"项目数字", "projects.figures", BG_WB_OF_PROJECT, project_figures, "项目说明中的数字（元）。"},
    {"政府采购", "procurement", BG_WB_ROWS, procurement, "政府采购：一行一条。"},
    {"整体绩效", "performance", BG_WB_FIELDS, performance, "部门（单位）整体绩效目标。"},
    {"绩效任务", "performance.tasks", BG_WB_ROWS, tasks, "年度主要任务：一行一个。"},
    {"绩效指标", "performance.indicators", BG_WB_INDICATORS, indicators,
     "整体绩效指标：一行一个三级指标。"},
    {"概况", "profile", BG_WB_FIELDS, profile, "第一部分 部门基本情况。"},
    {"职责", "profile.duties", BG_WB_LINES, one_text, "主要职责：一行一条，不写编号。"},
    {"构成", "profile.composition", BG_WB_LINES, one_text, "预算单位构成的其他段落：一行一段。"},
    {"文字", "texts", BG_WB_MAP, texts, "说明文字：公开格式要用到的每一段（键已列出）。"},
    {"数字", "figures", BG_WB_MAP, figures, "说明中引用的上年数等（元；键已列出）。"},
    {"名称", "names", BG_WB_ROWS, names, "改用本地的科目名称（可不填）：分类为 function、dept_econ 或 gov_econ。"},
    {NULL, NULL, BG_WB_ROWS, NULL, NULL},
};
