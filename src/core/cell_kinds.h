/* cell_kinds.h — what a ledger column holds, decided from its header and
 * its values, for the writers that must tell Excel/WPS (xlsx cells, CSV
 * guards): digit codes that must stay text (身份证号, phones, 编号), dates,
 * money and other numbers.
 *
 * The header decides the column's kind; the value decides the cell, so a
 * column named 出生日期 holding "1990-07" (no day) stays text, and a digit
 * string with a leading 0 or 11+ digits is text in any column. */
#ifndef DJ_CELL_KINDS_H
#define DJ_CELL_KINDS_H

enum col_kind {
	COL_PLAIN,   /* text; plain numbers as numbers */
	COL_CODE,    /* 身份证号, 电话, 编号 …: every value text */
	COL_DATE,    /* 日期, 出生, 入党 …: YYYY-MM-DD values as dates */
	COL_MONEY,   /* 金额, 党费, 元 …: numbers shown with two decimals */
};

enum cell_kind { CELL_TEXT, CELL_DATE, CELL_MONEY, CELL_NUMBER };

/* The kind of a column from its header's words. */
enum col_kind col_kind_of_header(const char *header);

/* A digit string a spreadsheet would mangle whatever its column: 11+ digits
 * (precision lost after 15), a leading 0 (dropped), or 17 digits and X (a
 * 身份证号, which must be treated as its all-digit neighbours are). */
int cell_code_like(const char *v);

/* How v is written in a column of kind k.  For CELL_NUMBER *decimals is the
 * number of digits after the point as written (kept by the cell's format);
 * for CELL_DATE *ymd holds year, month and day.  NULL or "" is CELL_TEXT. */
enum cell_kind cell_kind_of(enum col_kind k, const char *v, int *decimals, int ymd[3]);

#endif
