/* form_sink.h — private to src/review/: where an application's paper form
 * is drawn.  forms.c says what the form holds (titles, ruled label/value
 * rows, tables, free lines) once; form_text.c lays it out as aligned UTF-8
 * text, form_pdf.c as a print-ready A4 PDF (docs/pdf.h). */
#ifndef DJ_REVIEW_FORM_SINK_H
#define DJ_REVIEW_FORM_SINK_H

#include <stdio.h>

#include "core/err.h"

#define FORM_COLS 76       /* the width of a text line; PDF columns scale from it */
#define FORM_MAX_CELLS 8

/* A table's columns in text columns (a PDF gives each its share of the
 * page); right-aligned ones hold numbers. */
struct form_table {
	int n;
	int w[FORM_MAX_CELLS];
	int right[FORM_MAX_CELLS];
};

struct form_sink {
	void *ctx;
	void (*title)(void *ctx, const char *text);                   /* centred */
	void (*line)(void *ctx, const char *text);                    /* a free line; "" a gap */
	void (*right)(void *ctx, const char *text);                   /* a line set right */
	void (*rule)(void *ctx, const struct form_table *t);          /* a table's ruled edge */
	void (*row)(void *ctx, const struct form_table *t, const char *const cells[]);
};

/* The layouts: into an open text file, or a PDF drawn by `draw` (run once
 * to count pages, once into path; the file appears whole or not at all). */
void form_text_sink(struct form_sink *k, FILE *f);
int form_pdf_write(const char *path, void (*draw)(struct form_sink *k, void *ctx), void *ctx,
                   struct dj_err *e);

#endif
