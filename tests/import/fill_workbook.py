#!/usr/bin/env python3
"""Fills the input workbook that `budgetgen template` wrote with a sample
department's data, as a finance office would by hand: each value typed into
the column whose header names it. Reads the sample with PyYAML (JSON is YAML
too), writes with openpyxl. Usage: fill_workbook.py TEMPLATE SAMPLE OUT"""

import sys

import openpyxl
import yaml

DEPARTMENT = {"部门编码": "code", "部门名称": "name", "简称": "short_name", "预算年度": "year",
              "公开格式": "format"}
UNITS = {"单位编码": "code", "单位名称": "name", "单位性质": "type"}
ITEMS = {"单位编码": "unit", "功能分类科目": "function", "部门经济分类科目": "dept_econ",
         "政府经济分类科目": "gov_econ", "项目编码（项目支出）": "project", "资金来源": "fund",
         "是否上年结转": "carry_over", "人员经费/公用经费": "cost", "金额（元）": "amount"}
PROJECTS = {"项目编码": "code", "项目名称": "name", "单位编码": "unit", "项目类别": "category",
            "资金用途": "purpose", "项目负责人": "manager", "联系人": "contact", "联系电话": "phone",
            "开始时间": "start", "结束时间": "end", "项目总金额（元）": "total",
            "上年度项目总金额（元）": "previous_total", "项目上年度金额（元）": "previous_amount",
            "项目概况": "overview", "立项依据": "basis", "项目设立的必要性": "necessity",
            "项目配套制度措施": "measures", "项目实施计划": "plan", "备注": "remark",
            "项目总目标": "goal", "年度绩效目标": "annual_goal"}
PROCUREMENT = {"单位编码": "unit", "功能分类科目": "function", "采购项目": "item",
               "采购类别": "category", "采购目录": "catalog", "规格": "spec", "计量单位": "measure",
               "采购数量": "quantity", "金额（元）": "amount"}
PERFORMANCE = {"部门（单位）名称": "name", "年度履职目标": "goal"}
TASKS = {"任务名称": "name", "主要内容": "content"}
PROFILE = {"职责引言": "duties_intro", "职责之后的说明": "duties_outro", "内设机构": "internal",
           "下属单位": "subordinate", "编制人数": "staffing.authorized",
           "行政编制": "staffing.administrative", "事业编制": "staffing.institutional",
           "工勤编制": "staffing.worker", "在职人员": "staffing.in_service",
           "离退休人员": "staffing.retired", "一般公务用车": "vehicles.general",
           "一般执法执勤用车": "vehicles.enforcement", "特种专业技术用车": "vehicles.special",
           "其他用车": "vehicles.other", "领导干部用车": "vehicles.leader",
           "资产统计截至": "assets.as_of",
           "单价50万元以上通用设备（台套）": "assets.general_equipment",
           "单位价值100万元以上专用设备（台套）": "assets.special_equipment"}


def put(ws, r, c, value):
    """A cell of text, even "=100%", which would otherwise be a formula
    (an office types it with a leading apostrophe)."""
    cell = ws.cell(r, c, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def text(v):
    if isinstance(v, bool):
        return "是" if v else "否"
    return str(v)


def get(d, path):
    for k in path.split("."):
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def headers(ws):
    return {c.value: c.column for c in ws[2] if c.value}


def rows(ws, mapping, entries, extra=None):
    cols = headers(ws)
    r = 3
    for e in entries:
        for h, key in mapping.items():
            v = e.get(key) if isinstance(e, dict) else None
            if v is not None:
                put(ws, r, cols[h], text(v))
        if extra:
            extra(ws, r, cols, e)
        r += 1


def fields(ws, mapping, d):
    labels = {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1)}
    for h, key in mapping.items():
        v = get(d, key) if d else None
        if v is not None:
            put(ws, labels[h], 2, text(v))


def indicators(ws, tree, owner=None):
    r = ws.max_row + 1 if ws.max_row >= 3 else 3
    cols = headers(ws)
    for top in tree or []:
        for grp in top.get("groups") or [{"name": ""}]:
            items = grp.get("items") or [None]
            for it in items:
                if owner is not None:
                    put(ws, r, cols["项目编码"], owner)
                put(ws, r, cols["一级指标"], top.get("name", ""))
                put(ws, r, cols["二级指标"], grp.get("name", ""))
                if it:
                    for h, k in (("三级指标", "name"), ("指标值", "value"), ("度量单位", "unit"),
                                 ("指标值说明", "note")):
                        if it.get(k) is not None:
                            put(ws, r, cols[h], text(it[k]))
                r += 1


def open_map(ws, m, owner=None):
    r = max(ws.max_row + 1, 3)
    col = 1
    if owner is None:
        # the template lists keys already: fill their rows, add the others
        listed = {ws.cell(i, 1).value: i for i in range(3, ws.max_row + 1)}
        for k, v in (m or {}).items():
            row = listed.get(k)
            if row is None:
                row = r
                r += 1
                put(ws, row, 1, k)
            put(ws, row, 2, text(v))
        return
    for k, v in (m or {}).items():
        put(ws, r, col, owner)
        put(ws, r, col + 1, k)
        put(ws, r, col + 2, text(v))
        r += 1


def main():
    template, sample, out = sys.argv[1:4]
    d = yaml.safe_load(open(sample, encoding="utf-8"))
    wb = openpyxl.load_workbook(template)
    fields(wb["部门"], DEPARTMENT, d["department"])
    rows(wb["单位"], UNITS, d.get("units", []))
    rows(wb["预算明细"], ITEMS, d.get("line_items", []))
    rows(wb["项目"], PROJECTS, d.get("projects", []))
    for p in d.get("projects", []) or []:
        indicators(wb["项目指标"], p.get("indicators"), p["code"])
        open_map(wb["项目文字"], p.get("texts"), p["code"])
        open_map(wb["项目数字"], p.get("figures"), p["code"])
    rows(wb["政府采购"], PROCUREMENT, d.get("procurement", []) or [])
    perf = d.get("performance") or {}
    fields(wb["整体绩效"], PERFORMANCE, perf)
    rows(wb["绩效任务"], TASKS, perf.get("tasks") or [])
    indicators(wb["绩效指标"], perf.get("indicators"))
    prof = d.get("profile") or {}
    fields(wb["概况"], PROFILE, prof)
    for name, key in (("职责", "duties"), ("构成", "composition")):
        for i, line in enumerate(prof.get(key) or []):
            wb[name].cell(3 + i, 1, line)
    open_map(wb["文字"], d.get("texts"))
    open_map(wb["数字"], d.get("figures"))
    r = 3
    for cls, m in (d.get("names") or {}).items():
        for code, name in m.items():
            put(wb["名称"], r, 1, cls)
            put(wb["名称"], r, 2, str(code))
            put(wb["名称"], r, 3, name)
            r += 1
    wb.save(out)


main()
