#!/usr/bin/env python3
"""Reads a workbook written by budgetgen back with openpyxl, an independent
reader, and compares it with `budgetgen tables --json` of the same
department: every cell's value, the merged ranges and the number formats.
With --recalc DIR, LibreOffice (headless) recalculates the workbook and
every formula's recalculated value must equal the cached one.

Usage: check_xlsx.py WORKBOOK TABLES.json [--recalc PROFILE_DIR]
Prints one line per problem and exits 1 if there was any."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

import openpyxl
from openpyxl.utils import get_column_letter

problems = []


def problem(msg):
    problems.append(msg)
    print(msg)


def col(c):
    return get_column_letter(c + 1)


def check_sheet(ws, cached, t):
    if t["trim"]:
        money_fmt = "General;-General;"
    else:
        one = ("#,##0" if t["grouping"] else "0") + ("." + "0" * t["decimals"] if t["decimals"] else "")
        money_fmt = f"{one};-{one};"
    r = 1
    if t.get("corner"):
        if ws.cell(r, 1).value != t["corner"]:
            problem(f"{ws.title}: corner {ws.cell(r, 1).value!r} != {t['corner']!r}")
        r += 1
    if ws.cell(r, 1).value != t["title"]:
        problem(f"{ws.title}: title {ws.cell(r, 1).value!r} != {t['title']!r}")
    r += 1
    if t.get("subtitle"):
        r += 1
    if t.get("unit_left"):
        # the left half holds 部门名称, the right half the unit line
        mid = (len(t["columns"]) - 1) // 2
        if ws.cell(r, 1).value != t["unit_left"]:
            problem(f"{ws.title}: unit line's left {ws.cell(r, 1).value!r}")
        if t.get("unit_line") and ws.cell(r, mid + 2).value != t["unit_line"]:
            problem(f"{ws.title}: unit line {ws.cell(r, mid + 2).value!r}")
        r += 1
    elif t.get("unit_line"):
        if ws.cell(r, 1).value != t["unit_line"]:
            problem(f"{ws.title}: unit line {ws.cell(r, 1).value!r}")
        r += 1
    merged = {str(m) for m in ws.merged_cells.ranges}
    head0 = r
    nrows = max([h["rowspan"] + i for i, row in enumerate(t["header"]) for h in row] or [0])
    for i, row in enumerate(t["header"]):
        for h in row:
            rr, cc = head0 + i, h["col"]
            if ws.cell(rr, cc + 1).value != (h["text"] or None):
                problem(f"{ws.title}!{col(cc)}{rr}: header {ws.cell(rr, cc + 1).value!r} != {h['text']!r}")
            if h["rowspan"] > 1 or h["colspan"] > 1:
                rng = f"{col(cc)}{rr}:{col(cc + h['colspan'] - 1)}{rr + h['rowspan'] - 1}"
                if rng not in merged:
                    problem(f"{ws.title}: header range {rng} not merged")
    body0 = head0 + nrows
    for i, row in enumerate(t["rows"]):
        rr = body0 + i
        for c, cell in enumerate(row):
            if cell.get("covered"):
                continue
            got = ws.cell(rr, c + 1)
            where = f"{ws.title}!{col(c)}{rr}"
            if "value" in cell:
                # the sheet holds amounts in the table's unit: 元, or 万元
                want = Decimal(cell["value"])
                if t["unit"] == "万元":
                    want = want / Decimal(10000)
                value = cached.cell(rr, c + 1).value
                if not isinstance(value, (int, float)):
                    problem(f"{where}: amount is not a number: {value!r}")
                elif abs(Decimal(str(value)) - want) > Decimal("0.000001"):
                    problem(f"{where}: {value} != {want}")
                if got.number_format != money_fmt:
                    problem(f"{where}: number format {got.number_format!r}")
            else:
                if (got.value or "") != cell["text"]:
                    problem(f"{where}: {got.value!r} != {cell['text']!r}")
            cs, rs = cell.get("colspan", 1), cell.get("rowspan", 1)
            if cs > 1 or rs > 1:
                rng = f"{col(c)}{rr}:{col(c + cs - 1)}{rr + rs - 1}"
                if rng not in merged:
                    problem(f"{where}: range {rng} not merged")


def recalculated(path, profile):
    """A copy of the workbook recalculated by LibreOffice, read with its values."""
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
                '</oor:items>\n')
    out = tempfile.mkdtemp()
    src = os.path.join(out, "in.xlsx")
    shutil.copy(path, src)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{os.path.abspath(profile)}",
                    "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                    "--outdir", os.path.join(out, "out"), src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    wb = openpyxl.load_workbook(os.path.join(out, "out", "in.xlsx"), data_only=True)
    shutil.rmtree(out)
    return wb


def main():
    path, tables_json = sys.argv[1], sys.argv[2]
    profile = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--recalc" else None
    with open(tables_json, encoding="utf-8") as f:
        doc = json.load(f)
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    if wb.properties.title is None or doc["department"] != wb.properties.creator:
        problem(f"properties: title {wb.properties.title!r}, author {wb.properties.creator!r}")
    if len(wb.sheetnames) != len(doc["tables"]):
        problem(f"{len(wb.sheetnames)} sheets for {len(doc['tables'])} tables")
    for name in wb.sheetnames:
        if len(name) > 31 or any(ch in name for ch in "[]:*?/\\"):
            problem(f"illegal sheet name {name!r}")
    for name, t in zip(wb.sheetnames, doc["tables"]):
        check_sheet(wb[name], cached[name], t)
    formulas = 0
    if profile:
        recalc = recalculated(path, profile)
        for name in wb.sheetnames:
            for row in wb[name].iter_rows():
                for c in row:
                    if c.data_type == "f":
                        formulas += 1
                        before = cached[name][c.coordinate].value
                        after = recalc[name][c.coordinate].value
                        if after is None or abs(float(after) - float(before)) > 1e-6:
                            problem(f"{name}!{c.coordinate}: LibreOffice computes {after}, cached {before}")
        if formulas == 0:
            problem("no formulas were recalculated")
    print(f"{path}: {len(doc['tables'])} sheets, {formulas} formulas recalculated, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
