/* xlsx_out.h — ledger exports written as Excel workbooks (.xlsx), through
 * libxlsxwriter, behind the core's CSV writer (core/csv.h): a path ending
 * in .xlsx (any case) gets one sheet instead of CSV text, and every
 * exporter stays as it is.
 *
 * The sheet: digit codes (身份证号, phones, 编号) as text cells, dates as
 * date cells (yyyy-mm-dd), money as numbers shown 0.00 and other plain
 * numbers as numbers (core/cell_kinds.h decides); column widths from the
 * text's display width (CJK two), capped; a title record above the header
 * bold and merged across the table; the header row bold, frozen, filtered
 * and repeated on every printed page; A4, landscape when the table is wide,
 * one page wide; the unit's name ([unit] name) and the export date in the
 * page header, 第 N 页 共 M 页 in the footer.
 *
 * Rows are streamed (libxlsxwriter's constant_memory: a row goes to a
 * temporary file next to the export as soon as the next one starts), so a
 * county's roster does not sit in memory.  The workbook is written into
 * the outfile's NAME.tmp (the very file outfile_open created, reached
 * through /proc/self/fd) and renamed only on commit, as CSV is. */
#ifndef DJ_XLSX_OUT_H
#define DJ_XLSX_OUT_H

#include "core/csv.h"

extern const struct csv_format xlsx_out_format;


#endif
