#!/usr/bin/python3
"""make_xlsx.py KIND OUT — workbooks for the xlsx reader's tests.

Real workbooks come from openpyxl (Debian python3-openpyxl, the test only);
what openpyxl never writes (inline strings, phonetic runs, error cells, a
DOCTYPE, a zip bomb, an .xls header) is written as raw parts into a zip.
Run with /usr/bin/python3 (the one with openpyxl)."""
import datetime
import io
import sys
import zipfile


def roster(out):
    """A roster as offices keep it: a merged title row, a 填报 row, the
    header with 序号, an empty cell mid-row, a skipped row, numbers, dates
    and an ID Excel turned into a number."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名册"
    ws["A1"] = "驿亭镇党员花名册"
    ws.merge_cells("A1:F1")
    ws["A2"] = "填报单位：驿亭镇党委"
    ws["E2"] = "日期：2024年1月"
    ws.append(["序号", "姓名", "性别", "出生日期", "身份证号", "备注"])
    ws.append([1, "张三𠮷", "男", datetime.date(1990, 7, 1), "330682199001011234", "👨‍👩‍👧 备注"])
    ws["A5"] = 2
    ws["B5"] = "李四"
    ws["D5"] = datetime.date(1900, 3, 1)
    ws["E5"] = 330682199001011234   # what Excel does to an ID typed as a number
    ws["F5"] = 0.1
    ws["A7"] = 3
    ws["B7"] = "王五"
    ws["C7"] = True
    ws["F7"] = 13812345678
    ws["D7"] = 36525
    ws["D7"].number_format = "0"     # a serial, not in a date format
    ws.cell(row=8, column=4, value=datetime.date(2015, 7, 1)).number_format = 'yyyy"年"m"月"'
    ws.cell(row=8, column=2, value="赵六")
    ws.cell(row=8, column=6, value=1.5e20)
    second = wb.create_sheet("第二页")
    second.append(["姓名", "性别"])
    second.append(["钱七", "女"])
    wb.save(out)


def mac(out):
    """The 1904 date system."""
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["日期"])
    ws.append([datetime.date(1990, 7, 1)])
    wb.save(out)


def big(out):
    """Many plain rows: 1.5 MB of sheet XML that compresses some 10:1."""
    import openpyxl
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["姓名", "年龄"])
    for i in range(30000):
        ws.append(["人员%d" % i, i * 7919 % 100000])
    wb.save(out)


def long_row(out):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "备注"])
    ws.append(["张三", "长" * 2000])
    wb.save(out)


def table(out, src):
    """A sheet from a UTF-8 CSV: cells as text, "#n:…" a number, "#d:Y-M-D"
    a date in a date format; a row of one cell is merged across the
    widest row, as a title is."""
    import csv
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    width = max(len(r) for r in rows)
    for y, r in enumerate(rows, 1):
        for x, v in enumerate(r, 1):
            if v.startswith("#n:"):
                v = float(v[3:]) if "." in v or "E" in v.upper() else int(v[3:])
            elif v.startswith("#d:"):
                v = datetime.date.fromisoformat(v[3:])
            elif v == "":
                continue
            ws.cell(row=y, column=x, value=v)
        if len(r) == 1 and width > 1:
            ws.merge_cells(start_row=y, start_column=1, end_row=y, end_column=width)
    wb.save(out)


CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
             'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
             'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
BOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
BOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
             'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
             'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
             '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
SST = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
       '2006/main" count="1" uniqueCount="1"><si><r><rPr><b/></rPr><t>党员</t></r><r><t xml:space="preserve">'
       ' 名册</t></r><rPh sb="0" eb="2"><t>とういん</t></rPh></si></sst>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
              'spreadsheetml/2006/main"><x:sheetData>')
SHEET_TAIL = '</x:sheetData></x:worksheet>'
RAW_ROWS = ('<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>行内</x:t>'
            '</x:is></x:c><x:c r="D1" t="str"><x:f>A1&amp;"x"</x:f><x:v>公式</x:v></x:c></x:row>'
            '<x:row r="3"><x:c r="A3" t="b"><x:v>0</x:v></x:c><x:c r="B3" t="e"><x:v>#N/A</x:v></x:c>'
            '<x:c r="C3"><x:v>3.30682199001011E+17</x:v></x:c><x:c r="D3" s="0"/></x:row>'
            '<x:row r="4"><x:c r="A4" s="0"/></x:row>'
            '<x:row><x:c><x:v>-2.5</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>a</x:t></x:r>'
            '<x:r><x:t>&lt;b&gt;</x:t></x:r></x:is></x:c></x:row>')


def raw(out, sheet, extra=None, book=BOOK):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", BOOK_RELS)
        z.writestr("xl/sharedStrings.xml", SST)
        if isinstance(sheet, bytes):
            z.writestr("xl/worksheets/sheet1.xml", sheet)
        else:
            z.writestr("xl/worksheets/sheet1.xml", SHEET_HEAD + sheet + SHEET_TAIL)
        for name, text in (extra or {}).items():
            z.writestr(name, text)


def main():
    kind, out = sys.argv[1], sys.argv[2]
    if kind == "roster":
        roster(out)
    elif kind == "mac":
        mac(out)
    elif kind == "big":
        big(out)
    elif kind == "long":
        long_row(out)
    elif kind == "table":
        table(out, sys.argv[3])
    elif kind == "raw":
        raw(out, RAW_ROWS)
    elif kind == "doctype":
        raw(out, ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
                  '"&lol;&lol;&lol;&lol;">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&lol2;'
                  '</t></is></c></row></sheetData></worksheet>').encode())
    elif kind == "bomb":
        # a sheet of 64 MB: its head, then spaces (legal XML) that deflate ~1000:1
        body = io.BytesIO()
        body.write(SHEET_HEAD.encode())
        body.write(b" " * (64 << 20))
        body.write((RAW_ROWS + SHEET_TAIL).encode())
        raw(out, body.getvalue())
    elif kind == "notbook":
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("word/document.xml", "<document/>")
            z.writestr("_rels/.rels", ROOT_RELS.replace("xl/workbook.xml", "word/document.xml"))
    elif kind == "xls":
        with open(out, "wb") as f:
            f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504)
    else:
        sys.exit("unknown kind " + kind)


main()
