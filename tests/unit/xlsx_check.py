"""xlsx_check.py — reads an exported workbook with openpyxl, a reader that
is not ours, and checks what test_xlsx_out.c asks; prints each failure and
exits 1 if there was one.  Run with /usr/bin/python3 (Debian's, which has
python3-openpyxl).

    xlsx_check.py FILE CHECK...

CHECK is one of
    header=N              the header is row N (default 1); columns are named by it
    row:COL=VALUE         the data row whose COL reads VALUE: the cell:… checks
                          that follow look at it
    line=N                row N of the sheet, for the cell:… checks
    cell:COL=KIND:VALUE   that row's COL is KIND with VALUE, KIND one of
                          str (a text cell, byte-exact), date (a date cell,
                          VALUE YYYY-MM-DD, shown yyyy-mm-dd), money (a number
                          shown 0.00), num (a number; VALUE[:FORMAT]), blank
    at:A1=VALUE           the text of a cell
    bold:A1               the cell's font is bold
    merged:A1:P1          that range is merged
    rows=N                the sheet's last row
    sheet=NAME            the sheet's name
    freeze=A2             the frozen pane's corner
    filter=A1:P10         the autofilter's range
    orientation=landscape|portrait
    paper=9               A4
    fitwidth              fit to one page wide, any number of pages long
    repeat=$1:$1          the rows printed on every page
    hleft=TEXT hright=TEXT footer=TEXT
                          the page header's left and right part, the footer's centre
    wider:COL=N           COL is at least N wide (Excel's units)
"""
import datetime
import sys

import openpyxl


def main(argv):
    path, checks = argv[1], argv[2:]
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    failures = []
    header = 1
    row = None

    def fail(msg):
        failures.append(msg)

    def columns():
        return {c.value: c.column for c in ws[header] if c.value is not None}

    def column(name):
        cols = columns()
        if name not in cols:
            fail("no column %r in header row %d: %r" % (name, header, list(cols)))
            return None
        return cols[name]

    for check in checks:
        if check.startswith("header="):
            header = int(check[7:])
        elif check.startswith("row:"):
            name, value = check[4:].split("=", 1)
            col = column(name)
            row = None
            for r in range(header + 1, ws.max_row + 1):
                if col and ws.cell(r, col).value == value:
                    row = r
                    break
            if row is None:
                fail("no row with %s = %r" % (name, value))
        elif check.startswith("line="):
            row = int(check[5:])
        elif check.startswith("cell:"):
            name, spec = check[5:].split("=", 1)
            kind, _, value = spec.partition(":")
            col = column(name)
            if row is None or col is None:
                fail("%s: no row chosen" % check)
                continue
            check_cell(ws.cell(row, col), kind, value, "%s at row %d" % (name, row), fail)
        elif check.startswith("at:"):
            ref, value = check[3:].split("=", 1)
            if ws[ref].value != value:
                fail("%s is %r, not %r" % (ref, ws[ref].value, value))
        elif check.startswith("bold:"):
            if not ws[check[5:]].font.b:
                fail("%s is not bold" % check[5:])
        elif check.startswith("merged:"):
            ranges = [str(r) for r in ws.merged_cells.ranges]
            if check[7:] not in ranges:
                fail("%s not merged (merged: %r)" % (check[7:], ranges))
        elif check.startswith("rows="):
            if ws.max_row != int(check[5:]):
                fail("%d rows, not %s" % (ws.max_row, check[5:]))
        elif check.startswith("sheet="):
            if ws.title != check[6:]:
                fail("sheet %r, not %r" % (ws.title, check[6:]))
        elif check.startswith("freeze="):
            if ws.freeze_panes != check[7:]:
                fail("frozen at %r, not %r" % (ws.freeze_panes, check[7:]))
        elif check.startswith("filter="):
            if ws.auto_filter.ref != check[7:]:
                fail("autofilter %r, not %r" % (ws.auto_filter.ref, check[7:]))
        elif check.startswith("orientation="):
            if ws.page_setup.orientation != check[12:]:
                fail("orientation %r, not %r" % (ws.page_setup.orientation, check[12:]))
        elif check.startswith("paper="):
            if str(ws.page_setup.paperSize) != check[6:]:
                fail("paper %r, not %r" % (ws.page_setup.paperSize, check[6:]))
        elif check == "fitwidth":
            fit = ws.sheet_properties.pageSetUpPr
            wide = ws.page_setup.fitToWidth
            if not (fit and fit.fitToPage) or wide not in (None, 1) \
                    or ws.page_setup.fitToHeight != 0:
                fail("not fit to one page wide: fitToPage %r, width %r, height %r"
                     % (fit and fit.fitToPage, wide, ws.page_setup.fitToHeight))
        elif check.startswith("repeat="):
            if ws.print_title_rows != check[7:]:
                fail("repeated rows %r, not %r" % (ws.print_title_rows, check[7:]))
        elif check.startswith("hleft="):
            if ws.oddHeader.left.text != check[6:]:
                fail("page header left %r, not %r" % (ws.oddHeader.left.text, check[6:]))
        elif check.startswith("hright="):
            if ws.oddHeader.right.text != check[7:]:
                fail("page header right %r, not %r" % (ws.oddHeader.right.text, check[7:]))
        elif check.startswith("footer="):
            if ws.oddFooter.center.text != check[7:]:
                fail("footer %r, not %r" % (ws.oddFooter.center.text, check[7:]))
        elif check.startswith("wider:"):
            name, n = check[6:].split("=", 1)
            col = column(name)
            if col:
                letter = openpyxl.utils.get_column_letter(col)
                width = ws.column_dimensions[letter].width
                if width is None or width < float(n):
                    fail("%s is %r wide, less than %s" % (name, width, n))
        else:
            fail("unknown check %r" % check)
    for f in failures:
        print(f)
    return 1 if failures else 0


def check_cell(cell, kind, value, where, fail):
    v = cell.value
    if kind == "str":
        if cell.data_type != "s" or not isinstance(v, str) or v != value:
            fail("%s: %r (type %s), not the text %r" % (where, v, cell.data_type, value))
    elif kind == "date":
        want = datetime.datetime.strptime(value, "%Y-%m-%d")
        if not isinstance(v, datetime.datetime) or v != want:
            fail("%s: %r, not the date %s" % (where, v, value))
        elif cell.number_format != "yyyy-mm-dd":
            fail("%s: date shown %r" % (where, cell.number_format))
    elif kind in ("money", "num"):
        number, _, fmt = value.partition(":")
        if kind == "money":
            fmt = "0.00"
        if cell.data_type != "n" or isinstance(v, bool) or not isinstance(v, (int, float)) \
                or abs(v - float(number)) > 1e-9:
            fail("%s: %r (type %s), not the number %s" % (where, v, cell.data_type, number))
        elif fmt and cell.number_format != fmt:
            fail("%s: shown %r, not %r" % (where, cell.number_format, fmt))
    elif kind == "blank":
        if v is not None:
            fail("%s: %r, not blank" % (where, v))
    else:
        fail("%s: unknown kind %r" % (where, kind))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
