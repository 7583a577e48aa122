#!/usr/bin/env python3
"""Holds a budgetgen PDF to the typesetting rules of ../shared/TYPESETTING.md,
reading it as a reader's tool does: every word's box from poppler's
`pdftotext -bbox-layout`, page by page. The rules (each problem is printed):

  orphan     a paragraph's or a cell's last line holds one character (and
             perhaps its punctuation): 孤字
  widow      a page opens with a paragraph's last line alone
  spaced     two digits or Latin letters of one line stand apart (justified
             space inside a number or a word)
  unit       a line ends with a number and the next line of the same text
             begins with its unit or measure word (2021/年, 20/台)
  word       a line break inside a word of WORDS (情/况说明), or inside the
             department's name where the name would fit on the line
  ellipsis   "…" in the contents
  continued  a table page that is not a table's first page without 续表 and
             the table's number, or without the table's header

Which lines belong to one text is read from their geometry: a line directly
under another one, of the same height, whose top is less than 1.28 of a
line's height below the other's top (body text is set at 1.8 × the font
size, about 1.25 line heights; table rows stand further apart).

Usage: check_pdf.py PDF TABLES.json TEXT
TABLES.json is `budgetgen tables --json` of the same department, TEXT what
`budgetgen text` prints of it: the spaces the texts hold themselves are
not justification. Prints one
line per problem and exits 1 if there was any."""

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/1999/xhtml}"

# Words a line may not break inside: the titles, headings and labels of the
# three samples, chosen by reading them, not from the program.
WORDS = [
    "情况说明", "部门", "预算", "公开", "构成", "情况", "单位", "名称", "科目",
    "必要性", "指标", "指标值", "津补贴", "项目", "债务", "支出", "收入", "经费",
    "绩效", "目标", "管理局", "办公室", "办公厅", "政务服务", "大数据", "基本",
    "财政拨款", "一般公共预算", "政府性基金", "国有资本", "经营", "采购", "资金",
    "工资", "奖金", "福利", "商品", "服务", "资本性", "对个人和家庭", "补助",
    "合计", "小计", "总体", "整体", "申报", "金额", "年度", "运行", "维护",
    "公务用车", "公务接待", "因公出国", "三公", "机关", "事业", "行政", "功能",
    "分类", "经济", "结转", "结余", "上年", "本年", "人员", "公用", "设立",
    "依据", "计划", "实施", "概况", "负责人", "联系人", "电话", "起止时间",
]

UNITS = ("年", "月", "日", "人", "辆", "台", "套", "项", "个", "元", "万", "%", "％", "号",
         "次", "件", "家", "份", "名", "天", "小时", "平方米", "亿")
CLOSING = "，。、；：？！）》」』】”’…"


def problem(probs, msg):
    probs.append(msg)
    print(msg)


class Line:
    """A line of one text: the words of a pdftotext line up to a gap wider
    than half a line's height (the border between two table cells)."""

    def __init__(self, words, y0, y1, page):
        self.page = page
        self.words = words  # (xMin, xMax, text)
        self.x0 = words[0][0]
        self.x1 = words[-1][1]
        self.y0, self.y1 = y0, y1
        self.text = "".join(w[2] for w in words)
        self.prev = None  # the line above it in the same text
        self.next = None

    @property
    def h(self):
        return self.y1 - self.y0


def segments(el, page):
    words = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "")
             for w in el.iter(NS + "word")]
    words = [w for w in words if w[2].strip()]
    y0, y1 = float(el.get("yMin")), float(el.get("yMax"))
    out, cur = [], []
    for w in words:
        if cur and w[0] - cur[-1][1] > 0.5 * (y1 - y0):
            out.append(Line(cur, y0, y1, page))
            cur = []
        cur.append(w)
    if cur:
        out.append(Line(cur, y0, y1, page))
    return out


def read_pages(pdf):
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], check=True,
                         capture_output=True).stdout
    # The DOCTYPE names an external DTD; nothing in it is needed.
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xml, count=1)
    root = ET.fromstring(xml)
    pages = []
    for i, pg in enumerate(root.iter(NS + "page")):
        lines = [seg for el in pg.iter(NS + "line") for seg in segments(el, i + 1)]
        height = float(pg.get("height"))
        width = float(pg.get("width"))
        pages.append({"n": i + 1, "lines": lines, "width": width, "height": height})
    return pages


def link(pages):
    """Joins each line to the line above it in the same text."""
    for pg in pages:
        ls = pg["lines"]
        for l in ls:
            best = None
            for p in ls:
                if p is l or p.y0 >= l.y0 - 1:
                    continue
                if abs(p.h - l.h) > 0.5:
                    continue
                if min(p.x1, l.x1) - max(p.x0, l.x0) <= 0:
                    continue
                if best is None or p.y0 > best.y0:
                    best = p
            if best and l.y0 - best.y0 < 1.28 * l.h and best.next is None:
                l.prev, best.next = best, l


def body_chars(text):
    return len(text.rstrip(CLOSING + " "))


def check_orphans(pages, probs):
    for pg in pages:
        for l in pg["lines"]:
            if l.prev and not l.next and body_chars(l.text) <= 1:
                problem(probs, f"p{pg['n']}: orphan: {l.prev.text!r} / {l.text!r}")


def page_number_line(pg, l):
    return l.y0 > pg["height"] - 100 and re.fullmatch(r"[—–-]\s*\d+\s*[—–-]", l.text)


def check_widows(pages, probs):
    for pg in pages:
        ls = sorted((l for l in pg["lines"] if not page_number_line(pg, l)), key=lambda l: l.y0)
        if len(ls) < 2:
            continue
        first, second = ls[0], ls[1]
        # Body text: a line at the left edge of the text block that ends a
        # paragraph, then a new paragraph indented two characters.
        left = min(l.x0 for l in ls)
        indented = second.x0 - left
        if (abs(first.x0 - left) < 1 and first.next is None and abs(first.h - second.h) < 3
                and abs(indented - 2 * first.h / 1.4375) < 3 and pg["width"] < pg["height"]):
            problem(probs, f"p{pg['n']}: page opens with a paragraph's last line: {first.text!r}")


def alnum(c):
    return c.isascii() and (c.isalnum() or c in ".,%")


def spaces(sources):
    """The ASCII spaces the texts themselves hold between two digits or
    letters ("01. 2023年"), with two characters of context each side."""
    out = set()
    for s in sources:
        for m in re.finditer(r"(?<=\S) (?=\S)", s):
            i = m.start()
            if alnum(s[i - 1]) and alnum(s[i + 1]):
                out.add((s[max(0, i - 2):i], s[i + 1:i + 3]))
    return out


def check_spacing(pages, probs, allowed):
    for pg in pages:
        for l in pg["lines"]:
            for (a0, a1, at), (b0, b1, bt) in zip(l.words, l.words[1:]):
                if not at or not bt:
                    continue
                if any(at.endswith(x) and bt.startswith(y) for x, y in allowed):
                    continue
                gap = b0 - a1
                if alnum(at[-1]) and alnum(bt[0]) and 0 < gap < 0.25 * l.h:
                    problem(probs, f"p{pg['n']}: spaced: {at!r} {bt!r} ({gap:.1f} pt) in {l.text!r}")


def check_units(pages, probs):
    for pg in pages:
        for l in pg["lines"]:
            if not l.next:
                continue
            if ((re.search(r"[0-9〕]$", l.text) and l.next.text.startswith(UNITS))
                    or (l.text.endswith(("万", "亿")) and l.next.text.startswith("元"))):
                problem(probs, f"p{pg['n']}: unit split: {l.text[-8:]!r} / {l.next.text[:8]!r}")


def chains(pages):
    """Each text (a paragraph, a title, a cell) as the list of its lines."""
    for pg in pages:
        for l in pg["lines"]:
            if l.prev is None:
                c = [l]
                while c[-1].next:
                    c.append(c[-1].next)
                yield pg, c


def running_text(chain):
    """Sentences break between any two characters; titles, headings and
    labels carry no sentence punctuation."""
    text = "".join(l.text for l in chain)
    return any(p in text for p in "，。；") or len(text) > 60


def check_words(pages, probs, names):
    for pg, chain in chains(pages):
        if len(chain) < 2 or running_text(chain):
            continue
        for l in chain[:-1]:
            a, b = l.text, l.next.text
            for w in WORDS:
                for k in range(1, len(w)):
                    if a.endswith(w[:k]) and b.startswith(w[k:]):
                        problem(probs, f"p{pg['n']}: word {w!r} broken: {a[-10:]!r} / {b[:10]!r}")
            for name in names:
                for k in range(1, len(name)):
                    if a.endswith(name[:k]) and b.startswith(name[k:]):
                        # cut although a line of the text could hold it
                        widest = max(x.x1 - x.x0 for x in chain)
                        per_char = (l.x1 - l.x0) / max(1, len(a))
                        if len(name) * per_char <= widest + 0.5:
                            problem(probs, f"p{pg['n']}: name {name!r} broken: {a[-10:]!r} / {b[:10]!r}")


def check_contents(pages, probs):
    for pg in pages:
        texts = [l.text for l in pg["lines"]]
        if any(t.replace(" ", "") in ("目录",) for t in texts) or (
                pg["n"] <= 4 and any(re.search(r"\.{5,}\s*\d+$", t) for t in texts)):
            for t in texts:
                if "…" in t:
                    problem(probs, f"p{pg['n']}: contents entry cut: {t!r}")


def check_continued(pages, tables, probs):
    titles = {}
    for t in tables:
        titles.setdefault(t["number"], []).append(t)
    first_tables = next((i for i, pg in enumerate(pages)
                         if any(l.text.replace(" ", "") in (t["title"].replace(" ", ""),)
                                for l in pg["lines"] for t in tables)), None)
    if first_tables is None:
        problem(probs, "no table title found")
        return
    for pg in pages[first_tables:]:
        ls = sorted((l for l in pg["lines"] if not page_number_line(pg, l)), key=lambda l: (l.y0, l.x0))
        if not ls:
            continue
        flat = "".join(l.text for l in ls).replace(" ", "")
        starts = [t for t in tables if t["title"].replace(" ", "") in "".join(l.text for l in ls[:4]).replace(" ", "")]
        if starts:
            continue
        m = re.match(r"续表\s*(\S+?)(?:\s|单位|$)", ls[0].text)
        if not m:
            problem(probs, f"p{pg['n']}: a table continues without 续表: {ls[0].text!r}")
            continue
        cands = titles.get(m.group(1))
        if not cands:
            problem(probs, f"p{pg['n']}: 续表 names no table: {ls[0].text!r}")
            continue
        # the table's header again: every text of its header, each a text
        # of the page (its lines joined)
        texts = {re.sub(r"\s", "", "".join(l.text for l in c)) for _, c in chains([pg])}
        ok = False
        for t in cands:
            want = [re.sub(r"\s", "", h["text"]) for row in t["header"] for h in row if h["text"].strip()]
            # a spaced label (金　额) stands as two words of one line
            rows = {}
            for l in pg["lines"]:
                rows.setdefault((round(l.y0), round(l.y1)), []).append(l)
            lines = ["".join(x.text for x in sorted(v, key=lambda x: x.x0)) for v in rows.values()]
            if all(w in texts or any(w in x for x in lines) for w in want):
                ok = True
        if not ok:
            problem(probs, f"p{pg['n']}: 续表{m.group(1)} without its header")


def main():
    pdf, tables_json, text = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(tables_json, encoding="utf-8") as f:
        doc = json.load(f)
    with open(text, encoding="utf-8") as f:
        sources = f.read().split("\n")
    for t in doc["tables"]:
        sources += [f"表{t['number']} {t['title']}", f"{t['number']}. {t['title']}"]
        sources += [c["text"] for row in t["rows"] for c in row] + t["notes"]
    pages = read_pages(pdf)
    link(pages)
    probs = []
    check_orphans(pages, probs)
    check_widows(pages, probs)
    check_spacing(pages, probs, spaces(sources))
    check_units(pages, probs)
    check_words(pages, probs, [doc["department"]])
    check_contents(pages, probs)
    check_continued(pages, doc["tables"], probs)
    print(f"{pdf}: {len(pages)} pages, {sum(len(p['lines']) for p in pages)} lines, {len(probs)} problems")
    sys.exit(1 if probs else 0)


if __name__ == "__main__":
    main()
