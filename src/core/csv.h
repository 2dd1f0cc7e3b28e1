/* csv.h — reading and writing the CSV files offices exchange with Excel/WPS.
 *
 * Reading (csv_read.c): the file is streamed a chunk at a time, its
 * encoding detected (UTF-8 with or without BOM, else GB18030, converted to
 * UTF-8 with iconv as it streams), and split into records per RFC 4180
 * (quoted fields, "" escapes, embedded newlines, CRLF or LF).  Memory holds
 * one chunk and one record, whatever the file's size.  Writing (csv.c):
 * every field quoted, formula-like cells neutralised, ID-like digit strings
 * kept as text for Excel; or, by the file's name, another format (xlsx). */
#ifndef DJ_CSV_H
#define DJ_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "core/outfile.h"

enum csv_encoding { CSV_UTF8, CSV_UTF8_BOM, CSV_GB18030 };

struct csv_reader;

/* What a reader takes at most ([import] max_mb and max_line_kb); 0: no limit. */
struct csv_limits {
	size_t max_bytes;    /* the file */
	size_t max_record;   /* one record, quoted line breaks and all */
};
#define CSV_MAX_MB_DEFAULT ((size_t)200)
#define CSV_MAX_LINE_KB_DEFAULT ((size_t)1024)

/* Opens a file and looks at its first chunk.  On failure returns NULL and
 * puts a Chinese reason in why (file missing, unreadable, larger than the
 * limit, an .xls workbook or UTF-16, neither UTF-8 nor GB18030 at line N).  lim
 * NULL: the defaults. */
struct csv_reader *csv_open_limited(const char *path, const struct csv_limits *lim, char *why,
                                    size_t whycap);
/* The same, and a file starting with the zip signature is read as an
 * Excel workbook (.xlsx): its sheet named `sheet` (NULL: the first), each
 * row a record, *line its row number (docs/xlsx_in.h).  A sheet named for
 * a file that is no workbook is refused; so is an .xls (OLE2) file. */
struct csv_reader *csv_open_sheet(const char *path, const struct csv_limits *lim, const char *sheet,
                                  char *why, size_t whycap);
struct csv_reader *csv_open(const char *path, char *why, size_t whycap);
/* The same on bytes in memory (tests, stdin); no file-size limit. */
struct csv_reader *csv_open_mem(const char *data, size_t len, char *why, size_t whycap);
/* The encoding as far as it is settled: CSV_UTF8 until the first non-ASCII
 * text (or a BOM) shows it. */
enum csv_encoding csv_encoding(const struct csv_reader *r);

/* Next record.  Returns the number of fields (>= 1) and points *fields at
 * them (UTF-8, NUL-terminated, valid until the next call), 0 at end of file,
 * -1 when the file cannot be read on (a byte of another encoding, an
 * unterminated quote, a record or file over the limit): csv_error says why,
 * naming the line, and every later call returns -1 too.
 * Blank lines are skipped.  What csv_cell_escape did is undone, so our own
 * exports read back as they were: ="0123" becomes 0123, and a ' before
 * = + - @ TAB CR is dropped.  *line is the 1-based physical line the record
 * started on (for reports). */
int csv_next(struct csv_reader *r, char ***fields, int *line);
/* 1 when the reader reads a workbook's sheet, not CSV. */
int csv_is_sheet(const struct csv_reader *r);
/* Why csv_next returned -1, or NULL. */
const char *csv_error(const struct csv_reader *r);
void csv_close(struct csv_reader *r);

/* Undoes csv_cell_escape in place: ="0123" -> 0123, '=x -> =x. */
void csv_undo_escape(char *f);

/* Writing.  A writer emits a UTF-8 BOM first (so Excel reads Chinese) and CRLF
 * line ends, into a new private file that replaces path only when it is
 * complete (core/outfile.h: O_EXCL, 0600, NAME.tmp renamed; an existing path
 * only after outfile_permit_replace).
 *
 * A path ending in the suffix of an installed format (".xlsx", any case:
 * src/docs/xlsx_out.h) is written in that format instead, through the same
 * calls and with the same guarantees, so no exporter knows the difference.
 *
 * The first record is the header row, unless it has one field and the next
 * has more: then it is a title (the period, the scope) and the next one is
 * the header.  The header's words decide each column's kind (cell_kinds.h). */
struct csv_format;

struct csv_record {   /* one record's fields, back to back */
	char *bytes;
	size_t len, cap;
	size_t *at;       /* where field i starts */
	int n, ncap;
};

struct csv_writer {
	FILE *f;   /* the CSV text; NULL when another format writes */
	int col;   /* fields written in the current record */
	int err;   /* the first write error's errno, 0 while all is well */
	struct outfile out;
	/* the records so far: the one being written, and a one-field first
	 * record held until the next shows whether it is a title */
	struct csv_record rec, held;
	long records;
	int holding;
	unsigned char *kinds;   /* enum col_kind per header column */
	int nkinds;
	const struct csv_format *fmt;   /* NULL: CSV */
	void *sheet;                    /* the format's state */
	char fmt_why[256];              /* why the format failed */
};
/* 0, or -1 with the Chinese reason (naming the file) in csv_writer_why. */
int csv_writer_open(struct csv_writer *w, const char *path);
void csv_write_field(struct csv_writer *w, const char *s);
void csv_end_record(struct csv_writer *w);
/* Commits the file.  0, or -1 on any write error: then the file is thrown
 * away, the old one stays, and csv_writer_why says why. */
int csv_writer_close(struct csv_writer *w);
/* Throws the file away (the rows could not all be read): path stays as it was. */
void csv_writer_abort(struct csv_writer *w);
const char *csv_writer_why(const struct csv_writer *w);

/* What a record is, as handed to a format. */
enum csv_role { CSV_TITLE, CSV_HEADER, CSV_ROW };

/* Another file format behind the writer, chosen by the path's ending:
 * src/docs/xlsx_out.c's is built in; csv_format_install adds others. */
struct csv_format {
	const char *suffix;   /* ".xlsx": a path ending so, in any case, takes this format */
	/* Starts writing into o->tmp, which outfile_open created and holds open
	 * (o->f).  Returns the format's state, or NULL with why set. */
	void *(*open)(const struct outfile *o, char *why, size_t cap);
	/* One record; kinds[c] (enum col_kind) for c < nkinds when a row.
	 * 0, or -1 with why set (the file is then thrown away). */
	int (*record)(void *sheet, enum csv_role role, const char *const *cells, int n,
	              const unsigned char *kinds, int nkinds, char *why, size_t cap);
	/* Completes the file and frees the state.  0, or -1 with why set. */
	int (*finish)(void *sheet, char *why, size_t cap);
	/* Frees the state; what was written is thrown away by the caller. */
	void (*discard)(void *sheet);
};
/* Adds a format (at most a few; the same one twice is kept once). */
void csv_format_install(const struct csv_format *f);
/* The format path is written in, or NULL for CSV. */
const struct csv_format *csv_format_for(const char *path);

/* The unit's name ([unit] name) for what a format prints above a table
 * (the xlsx page header); config_apply sets it, as it sets the files' mode. */
void csv_set_unit_name(const char *name);
const char *csv_unit_name(void);

/* The cell as written, without the surrounding quotes: a leading = + - @ TAB
 * or CR gets a ' prefix; a digit code (cell_code_like: 11+ digits, a
 * leading 0, or a 身份证号 ending in X) is written as ="..." so Excel keeps
 * it text.  Returns the bytes it needs (like snprintf). */
size_t csv_cell_escape(const char *s, char *out, size_t cap);
/* The same in a column of kind k (enum col_kind): in a COL_CODE column
 * (身份证号, 电话 …) every value is ="..." so the whole column is one kind
 * of cell in every spreadsheet (LibreOffice turns ="..." into formula cells
 * and would leave the others plain text). */
size_t csv_cell_escape_in(int k, const char *s, char *out, size_t cap);

#endif
