/* xlsx_page.h — how an exported sheet is laid out and printed: its name,
 * column widths, the frozen and filtered header, and the A4 page set-up.
 * private to src/docs/ (xlsx_out.c). */
#ifndef DJ_XLSX_PAGE_H
#define DJ_XLSX_PAGE_H

#include <stddef.h>
#include <xlsxwriter.h>

/* Excel's limit is 31 characters; in UTF-8 bytes at most four times that. */
#define XLSX_SHEET_NAME_MAX (31 * 4 + 1)

/* The sheet's name from the export's file name: the base name without
 * .xlsx, without the characters Excel refuses ([ ] : * ? / \), at most 31
 * characters; "" when nothing is left (then Excel's Sheet1). */
void xlsx_sheet_name(const char *path, char *out, size_t cap);

struct xlsx_layout {
	const int *width;   /* display width of each column's widest cell (CJK 2) */
	int nwidth;
	int ncols;          /* the header's width */
	long header;        /* the header's row, -1 when there is none */
	long last_row;      /* the last row written */
	const char *unit;   /* the unit's name for the page header ("" none) */
	const char *date;   /* the export date, YYYY-MM-DD */
};

/* Landscape when the table is wider than a portrait A4 page holds. */
int xlsx_landscape(const int *width, int n);

/* Sets widths, frozen header, autofilter and print set-up on ws. */
void xlsx_lay_out(lxw_worksheet *ws, const struct xlsx_layout *l);

#endif
