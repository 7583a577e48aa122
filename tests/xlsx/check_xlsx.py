#!/usr/bin/env python3
"""Reads a workbook written by budgetgen back with openpyxl, an independent
reader, and compares it with `budgetgen tables --json` of the same
department: every cell's value, the merged ranges and the number formats.
With --recalc DIR, LibreOffice (headless) recalculates the workbook and
every formula's recalculated value must equal the cached one; then prints
it to PDF, as a finance officer prints a workbook, where every cell's text
must appear whole (a row too low cuts lines off, a column too narrow shows
### for a number) and no text may be smaller than 7 pt (a sheet shrunk to
one page wide).

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
    # the table's decimals, trailing zeros kept (a spreadsheet cannot drop
    # them without leaving a stray point)
    one = ("#,##0" if t["grouping"] else "0") + ("." + "0" * t["decimals"] if t["decimals"] else "")
    money_fmt = f"{one};-{one};"
    r = 1
    if t.get("corner"):
        if ws.cell(r, 1).value != t["corner"]:
            problem(f"{ws.title}: corner {ws.cell(r, 1).value!r} != {t['corner']!r}")
        r += 1
    # the title starts the row, or stands right of the key columns a sheet
    # printed across pages repeats
    title = next((c.value for c in ws[r] if c.value is not None), None)
    if title != t["title"]:
        problem(f"{ws.title}: title {title!r} != {t['title']!r}")
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
            elif isinstance(got.value, (int, float)):
                # a quantity is a number, as the sheet can add it up
                try:
                    same = Decimal(str(got.value)) == Decimal(cell["text"])
                except Exception:
                    same = False
                if not same:
                    problem(f"{where}: {got.value!r} != {cell['text']!r}")
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


NS = "{http://www.w3.org/1999/xhtml}"


def printed_texts(pdf):
    """The texts of a printed PDF: each run of lines one under the other
    (a wrapped cell), joined, without spaces; and the smallest font size."""
    import re
    import xml.etree.ElementTree as ET
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                         capture_output=True).stdout
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml, count=1))
    texts = set()
    pages = []
    for page in root.iter(NS + "page"):
        lines = []
        for el in page.iter(NS + "line"):
            words = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "") for w in el.iter(NS + "word")]
            y0, y1 = float(el.get("yMin")), float(el.get("yMax"))
            cur = []
            for w in words:  # a gap wider than half a line: the next cell
                if cur and w[0] - cur[-1][1] > 0.5 * (y1 - y0):
                    lines.append((cur[0][0], cur[-1][1], y0, y1, "".join(x[2] for x in cur)))
                    cur = []
                cur.append(w)
            if cur:
                lines.append((cur[0][0], cur[-1][1], y0, y1, "".join(x[2] for x in cur)))
        pages.append(sorted(lines, key=lambda l: (l[2], l[0])))
        below = {}
        for i, a in enumerate(lines):
            best = None
            for j, b in enumerate(lines):
                # (a line with Latin letters in another font is a little taller)
                if b[2] <= a[2] + 1 or abs((b[3] - b[2]) - (a[3] - a[2])) > 0.25 * (a[3] - a[2]):
                    continue
                if min(a[1], b[1]) - max(a[0], b[0]) <= 0 or b[2] - a[2] > 1.3 * (a[3] - a[2]):
                    continue
                if best is None or b[2] < lines[best][2]:
                    best = j
            if best is not None and best not in below.values():
                below[i] = best
        starts = set(range(len(lines))) - set(below.values())
        for i in starts:
            chain, k = [], i
            while k is not None:
                chain.append(lines[k][4])
                k = below.get(k)
            for a in range(len(chain)):  # each run of the chain's lines
                texts.add(re.sub(r"\s", "", "".join(chain[a:])))
    html = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q", "-zoom", "1", pdf],
                          check=True, capture_output=True).stdout.decode()
    sizes = {m.group(1): float(m.group(2))
             for m in re.finditer(r'<fontspec id="(\d+)" size="([\d.]+)"', html)}
    used = {sizes[m.group(1)] for m in re.finditer(r'<text [^>]*font="(\d+)"', html)}
    return texts, pages, min(used) if used else 0


def check_printed(path, profile, doc, cached):
    import re
    out = tempfile.mkdtemp()
    src = os.path.join(out, "in.xlsx")
    shutil.copy(path, src)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{os.path.abspath(profile)}",
                    "--headless", "--convert-to", "pdf", "--outdir", os.path.join(out, "out"), src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    texts, pages, smallest = printed_texts(os.path.join(out, "out", "in.pdf"))
    shutil.rmtree(out)
    if smallest < 7:
        problem(f"printed: text at {smallest} pt, smaller than 7 pt")

    def in_order(want, t):
        it = iter(t)
        return all(ch in it for ch in want)

    def below(lines, first):
        """The text of `first` and of every line under it that overlaps it,
        down to the first gap of more than a line: the rest of its cell
        and of the cells beside it."""
        x0, x1 = first[0], first[1]
        out, bottom = [], first[2]
        for l in lines:
            if l[2] < first[2] - 0.5 or l[1] <= x0 or l[0] >= x1:
                continue
            if l[2] > bottom + 1.5 * (l[3] - l[2]):
                break
            out.append(l[4])
            bottom = max(bottom, l[2])
        return "".join(out)

    def whole(text, where):
        # The lines of a cell, one under the other; the cell beside it may
        # run into them (LibreOffice leaves three points between them), so
        # its characters in order are looked for under its first line.
        want = re.sub(r"\s", "", text or "")
        if not want or any(want in t for t in texts):
            return
        for lines in pages:
            for l in lines:
                if want[:4] in re.sub(r"\s", "", l[4]) and in_order(want, re.sub(r"\s", "", below(lines, l))):
                    return
        problem(f"printed: {where}: {text!r} not whole")

    for name, t in zip(cached.sheetnames, doc["tables"]):
        whole(t["title"], f"{name} title")
        for row in t["header"]:
            for h in row:
                whole(h["text"], f"{name} header")
        for row in t["rows"]:
            for c in row:
                if c.get("covered"):
                    continue
                if "value" in c:
                    v = Decimal(c["value"])
                    if t["unit"] == "万元":
                        v /= Decimal(10000)
                    if v != 0:
                        shown = f"{v:,.{t['decimals']}f}" if t["grouping"] else f"{v:.{t['decimals']}f}"
                        whole(shown, f"{name} amount")
                else:
                    whole(c["text"], name)
        for n in t["notes"]:
            whole(n, f"{name} note")


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
        check_printed(path, profile, doc, cached)
    print(f"{path}: {len(doc['tables'])} sheets, {formulas} formulas recalculated, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
