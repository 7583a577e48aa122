#!/usr/bin/env python3
"""Writes budget-system exports of a sample department's line items, made
independently of budgetgen: the line items are read from the sample file
itself (its one-line flow mappings, or its JSON), code names from the
catalog's TSV files, and written with openpyxl (XLSX) and the csv module.

Style A (XLSX): Chinese headers, "code name" in one cell, amounts in 元,
  基本支出/项目支出 and 是/否 words, fund names as the catalog's names.
Style B (CSV, GB18030): the budget system's data-element names, codes
  alone, amounts in 万元 with four decimals, fund codes.

Usage: make_exports.py SAMPLE CATALOG_DIR OUT_DIR
Writes OUT_DIR/export-a.xlsx and OUT_DIR/export-b.csv."""

import csv
import json
import os
import re
import sys
from decimal import Decimal

import openpyxl


def tsv(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            out[cols[0]] = cols[1:]
    return out


def flow_items(text):
    """The line items of a YAML sample: one `- {k: v, ...}` a line."""
    block = text.split("\nline_items:\n", 1)[1]
    items = []
    for line in block.split("\n"):
        m = re.match(r"\s+- \{(.*)\}\s*$", line)
        if not m:
            if line and not line.startswith(" "):
                break
            continue
        item = {}
        body = re.sub(r', memo: "[^"]*"', "", m.group(1))
        for part in re.findall(r'(\w+): ("[^"]*"|[^,]+)', body):
            k, v = part
            item[k] = v.strip().strip('"')
        items.append(item)
    return items


def units_of(text):
    """Units written as flow mappings or as blocks of code/name lines."""
    units = {}
    block = text.split("\nunits:\n", 1)[1]
    code = None
    for line in block.split("\n"):
        if line and not line.startswith(" "):
            break
        m = re.match(r'\s+- \{code: "(\d+)", name: ([^,]+),', line)
        if m:
            units[m.group(1)] = m.group(2)
            continue
        m = re.match(r'\s+(?:- )?code: "(\d+)"', line)
        if m:
            code = m.group(1)
        m = re.match(r"\s+name: (.+)$", line)
        if m and code:
            units[code] = m.group(1).strip()
    return units


def main():
    sample, catalog, out = sys.argv[1:4]
    text = open(sample, encoding="utf-8").read()
    if sample.endswith(".json"):
        doc = json.loads(text)
        items = doc["line_items"]
        units = {u["code"]: u["name"] for u in doc["units"]}
    else:
        items = flow_items(text)
        units = units_of(text)
    names = tsv(os.path.join(catalog, "function.tsv"))
    dept = tsv(os.path.join(catalog, "dept_econ.tsv"))
    gov = tsv(os.path.join(catalog, "gov_econ.tsv"))
    funds = tsv(os.path.join(catalog, "funds.tsv"))
    first_fund = next(iter(funds))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "预算明细"
    ws.append(["序号", "预算单位", "功能分类科目", "部门经济分类科目", "政府经济分类科目",
               "支出类型", "项目编码", "资金性质", "是否上年结转", "经费类型", "金额（元）"])
    for i, it in enumerate(items, 1):
        fund = it.get("fund", first_fund)
        ws.append([
            i,
            f"{it['unit']} {units[it['unit']]}",
            f"{it['function']} {names[it['function']][0]}",
            f"{it['dept_econ']} {dept[it['dept_econ']][0]}",
            f"{it['gov_econ']} {gov[it['gov_econ']][0]}",
            "项目支出" if it.get("project") else "基本支出",
            it.get("project", ""),
            funds[fund][0],                      # the catalog's name of the fund
            "是" if str(it.get("carry_over", "false")).lower() == "true" else "否",
            it.get("cost", ""),
            Decimal(str(it["amount"])),
        ])
    wb.save(os.path.join(out, "export-a.xlsx"))

    with open(os.path.join(out, "export-b.csv"), "w", encoding="gb18030", newline="") as f:
        w = csv.writer(f)
        w.writerow(["agency_code", "exp_func_code", "dep_bgt_eco_code", "gov_bgt_eco_code",
                    "pro_code", "fund_type_code", "is_carry_over", "bas_exp_type", "bgt_amt"])
        for it in items:
            wan = (Decimal(str(it["amount"])) / Decimal(10000)).quantize(Decimal("0.0001"))
            w.writerow([it["unit"], it["function"], it["dept_econ"], it["gov_econ"],
                        it.get("project", ""), it.get("fund", first_fund),
                        "1" if str(it.get("carry_over", "false")).lower() == "true" else "0",
                        {"人员经费": "1", "公用经费": "2"}.get(it.get("cost", ""), ""),
                        f"{wan:,}" if wan >= 1000 else str(wan)])


main()
