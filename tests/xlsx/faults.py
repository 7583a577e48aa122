#!/usr/bin/env python3
"""Writes a workbook with the printing faults issue 13 found, and the tables
JSON it stands for, for the test that check_xlsx.py finds them: a long text
in a merged cell whose row keeps its default height (Excel and WPS never
fit it; the print cuts the text), and thirty columns fitted to one page
wide (the print shrinks the text below 7 pt). Written with openpyxl, not
budgetgen.

Usage: faults.py OUT.xlsx OUT.json"""

import json
import sys

import openpyxl
from openpyxl.styles import Alignment

LONG = ("为保障全市政府网站规范良好运行，政务新媒体健康有序发展，全面推进政务公开，"
        "每年需申请专项资金，用于郑州市人民政府网站集约化平台、基层政务公开标准化规范化"
        "监管平台运行维护、网站安全防护、第三方评估等方面的支出。")


def main():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1 测试表"
    wb.properties.title = "测试"
    wb.properties.creator = "测试局"
    cols = 30
    ws.cell(1, 1, "测试表")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=cols)
    ws.cell(2, 1, LONG).alignment = Alignment(wrap_text=True, vertical="center")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=3)
    for c in range(4, cols + 1):
        ws.cell(2, c, f"列{c}")
    for c in range(1, cols + 1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = 12
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(sys.argv[1])
    row = [{"text": LONG, "colspan": 3}, {"text": "", "covered": True}, {"text": "", "covered": True}]
    row += [{"text": f"列{c}"} for c in range(4, cols + 1)]
    doc = {"department": "测试局", "tables": [{
        "id": "1", "number": "1", "title": "测试表", "unit": "元", "decimals": 0,
        "grouping": True, "trim": False, "columns": ["text"] * cols, "header": [],
        "rows": [row], "notes": []}]}
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
