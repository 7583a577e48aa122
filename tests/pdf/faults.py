#!/usr/bin/env python3
"""Writes a PDF with each typesetting fault issue 13 found, its lines placed
by hand, for the test that check_pdf.py finds every one of them. The PDF is
written byte by byte (a CID font by reference, one em a CJK character, half
an em an ASCII one, with a ToUnicode map): no typesetting library involved.

Usage: faults.py OUT.pdf"""

import sys

SIZE = 16
PAGE_H = 841.89


def text(x, top, s, size=SIZE):
    """One line of text with its top at `top` points from the page's top."""
    baseline = PAGE_H - top - 1.16 * size
    codes = "".join(f"{ord(c):04X}" for c in s)
    return f"BT /F1 {size} Tf 1 0 0 1 {x:.2f} {baseline:.2f} Tm <{codes}> Tj ET\n"


PAGES = [
    # the contents, an entry cut short
    [text(260, 80, "目录", 22),
     text(80, 130, "表12 郑州市某某局机关支出项目绩效…………12")],
    # a title cut inside a word, a lone last character, a number split from
    # its unit, digits spaced out by justification
    [text(150, 80, "测试表", 22),
     text(150, 180, "郑州市某某局部门预算公开情", 22),
     text(240, 212, "况说明", 22),
     text(80, 300, "专项资金使用为常年性项目，2021年资金需求为常年性项"),
     text(80, 323, "目。"),
     text(80, 400, "二、支出预算，2021年资金需求249"),
     text(80, 423, "万元，2023年资金需求相同。"),
     text(80, 500, "公用经费1"),
     text(155, 500, "6"),
     text(175, 500, "39万元")],
    # the table goes on without 续表
    [text(80, 80, "项目"),
     text(80, 110, "合计")],
    # a page that opens with the last line of a paragraph, then the next
    [text(80, 110, "分。"),
     text(112, 140, "二、收入预算总体情况说明")],
]


def tounicode():
    lines = ["/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
             "1 begincodespacerange <0000> <FFFF> endcodespacerange"]
    for start in range(0, 256, 100):
        block = range(start, min(start + 100, 256))
        lines.append(f"{len(block)} beginbfrange")
        lines += [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in block]
        lines.append("endbfrange")
    lines += ["endcmap CMapName currentdict /CMap defineresource pop end end"]
    return "\n".join(lines) + "\n"


def main():
    objs = {}
    n_pages = len(PAGES)
    page_ids = [3 + 2 * i for i in range(n_pages)]
    font = 3 + 2 * n_pages
    objs[1] = "<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_ids)}] /Count {n_pages} >>"
    for p, content in zip(page_ids, PAGES):
        stream = "".join(content)
        objs[p] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 {PAGE_H}] "
                   f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {p + 1} 0 R >>")
        objs[p + 1] = f"<< /Length {len(stream.encode())} >>\nstream\n{stream}endstream"
    objs[font] = (f"<< /Type /Font /Subtype /Type0 /BaseFont /NotoSerifCJKsc-Regular "
                  f"/Encoding /Identity-H /DescendantFonts [{font + 1} 0 R] /ToUnicode {font + 3} 0 R >>")
    objs[font + 1] = ("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NotoSerifCJKsc-Regular "
                      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                      f"/FontDescriptor {font + 2} 0 R /DW 1000 /W [32 [{' '.join(['500'] * 95)}]] >>")
    objs[font + 2] = ("<< /Type /FontDescriptor /FontName /NotoSerifCJKsc-Regular /Flags 6 "
                      "/FontBBox [-1000 -288 2000 1160] /ItalicAngle 0 /Ascent 1160 /Descent -288 "
                      "/CapHeight 733 /StemV 80 >>")
    cmap = tounicode()
    objs[font + 3] = f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}endstream"
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for i in sorted(objs):
        offsets[i] = len(out)
        out += f"{i} 0 obj\n{objs[i]}\nendobj\n".encode()
    xref = len(out)
    n = max(objs) + 1
    out += f"xref\n0 {n}\n0000000000 65535 f \n".encode()
    for i in range(1, n):
        out += f"{offsets[i]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {n} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    with open(sys.argv[1], "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
