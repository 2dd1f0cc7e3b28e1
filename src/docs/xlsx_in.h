/* xlsx_in.h — reading one sheet of an Excel workbook (.xlsx) a row at a
 * time, as the CSV reader (core/csv.h) reads a CSV file: core/csv_read.c
 * opens this backend when a file starts with the zip signature, so every
 * import reads xlsx and CSV alike.
 *
 * The zip container is read with libzip, the XML with expat; the sheet's
 * XML is fed to expat a chunk at a time and parsing pauses after each row,
 * so memory holds one row and the shared strings table, whatever the
 * sheet's length.  Limits: the file and the bytes actually inflated from it
 * are capped at max_bytes, one row at max_row; an entry inflating beyond
 * 200 times its compressed size (a zip bomb), any DOCTYPE or ENTITY
 * declaration (an entity bomb), an encrypted entry, a zip that is no
 * workbook are refused, each with a Chinese sentence naming the file. */
#ifndef DJ_XLSX_IN_H
#define DJ_XLSX_IN_H

#include <stddef.h>

struct xlsx_reader;

/* Opens `sheet` (its name as the tab shows it; NULL: the first sheet) of
 * the workbook at path and reads the parts every row needs (workbook,
 * relationships, shared strings, styles).  max_bytes/max_row: 0 is no
 * limit.  NULL on failure, with the reason in why. */
struct xlsx_reader *xlsx_open(const char *path, const char *sheet, size_t max_bytes,
                              size_t max_row, char *why, size_t whycap);

/* The next row with any non-empty cell: returns its field count (>= 1) and
 * points *fields at UTF-8 strings valid until the next call, one per
 * column from A (a column with no cell is ""); *row is the row's number as
 * Excel shows it.  0 at the end of the sheet, -1 when reading stopped
 * (xlsx_error says why; every later call returns -1).
 * Cells read: shared and inline strings (rich-text runs joined, phonetic
 * runs left out), formula results, TRUE/FALSE, error values as written,
 * numbers as the shortest text that reads back to the same value (integers
 * below 10^15 without a point; larger ones in the E+ form Excel keeps, so
 * an ID Excel turned into a number shows it lost digits), and serial dates
 * in a date format as YYYY-MM-DD (1900 and 1904 date systems). */
int xlsx_next(struct xlsx_reader *x, char ***fields, int *row);
const char *xlsx_error(const struct xlsx_reader *x);
void xlsx_close(struct xlsx_reader *x);

#endif
