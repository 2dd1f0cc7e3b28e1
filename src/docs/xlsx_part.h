/* xlsx_part.h — private to src/docs/: the workbook's zip container and
 * the XML parts streamed out of it (xlsx_part.c), the tables read from the
 * parts (xlsx_book.c), and cell values (xlsx_value.c), shared by the xlsx
 * reader (xlsx_in.c). */
#ifndef DJ_XLSX_PART_H
#define DJ_XLSX_PART_H

#include <expat.h>
#include <stddef.h>
#include <zip.h>

/* The open workbook: the zip, the limits and what has been inflated. */
struct xlsx_book {
	zip_t *zip;
	char name[256];       /* the file as the operator named it, for messages */
	size_t max_bytes;     /* file and total inflated bytes; 0: no limit */
	size_t inflated;      /* bytes inflated so far, every part counted */
	int failed;
	char why[512];
	/* workbook.xml */
	int date1904;
	/* sharedStrings.xml: string i is pool + sst[i] */
	char *pool;
	size_t pool_len, pool_cap;
	size_t *sst;
	size_t nsst, sst_cap;
	/* styles.xml: cellXfs[i] is a date format */
	unsigned char *xf_date;
	size_t nxf, xf_cap;
};

/* Sets the book's reason once (the first stays) and returns -1. */
int xlsx_fail(struct xlsx_book *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One XML part being read: the zip entry and its parser. */
struct xlsx_part {
	struct xlsx_book *book;
	char path[256];
	zip_file_t *f;
	size_t packed;        /* the entry's compressed size (the zip directory's) */
	size_t inflated;      /* bytes inflated from this entry */
	XML_Parser p;
	int done;             /* the final chunk went to the parser */
};

/* An expat parser with namespaces (element names "uri\1local") that
 * refuses any DOCTYPE or ENTITY declaration; user data u. */
XML_Parser xlsx_parser(struct xlsx_book *b, void *u);
/* The name without its namespace. */
const char *xlsx_local(const char *name);
/* Attribute `local` (without namespace) of an element, or NULL. */
const char *xlsx_attr(const char **atts, const char *local);

/* Opens the entry at path (no leading /) for p.  Returns 0, 1 when the
 * zip has no such entry, -1 on failure (refused: encrypted, unreadable). */
int xlsx_part_open(struct xlsx_book *b, struct xlsx_part *pt, const char *path, XML_Parser p);
/* Inflates the next chunk into the parser and parses it.  Returns 1 while
 * more is to come, 0 after the final chunk, 2 when a handler paused the
 * parser (XML_StopParser resumable), -1 on failure. */
int xlsx_part_step(struct xlsx_part *pt);
/* Parses the whole part (no pausing).  0 or -1. */
int xlsx_part_all(struct xlsx_part *pt);
/* Resumes a paused parser: as xlsx_part_step. */
int xlsx_part_resume(struct xlsx_part *pt);
void xlsx_part_close(struct xlsx_part *pt);

/* ---- xlsx_book.c ---- */

/* Opens the zip and reads the workbook's tables; finds the part of sheet
 * (NULL: the first) into sheet_path.  0 or -1 (b->why). */
int xlsx_book_open(struct xlsx_book *b, const char *path, const char *sheet, char *sheet_path,
                   size_t cap);
void xlsx_book_close(struct xlsx_book *b);

/* ---- xlsx_value.c ---- */

/* 1 when a number format code shows a date (y, d, or m without h/s, outside
 * quotes, escapes and [] sections; not an elapsed time like [h]:mm). */
int xlsx_code_is_date(const char *code);
/* 1 when built-in number format id is a date (not a time of day). */
int xlsx_builtin_is_date(long id);
/* The number text v as the cell's value: a serial date as YYYY-MM-DD when
 * date is set and it is one, else the shortest round-tripping text.
 * Text that is no number is copied as it is. */
void xlsx_number_text(const char *v, int date, int date1904, char *out, size_t cap);

#endif
