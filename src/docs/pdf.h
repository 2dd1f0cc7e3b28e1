/* pdf.h — print-ready pages through cairo and pango: an A4 document in
 * millimetres, text in boxes, ruled tables, page breaks and 第 N 页 共 M 页.
 *
 * A document is drawn by a function of the caller's, run twice: once to
 * count the pages (nothing is written), once into the file, so every page
 * can say how many there are.  The file goes through core/outfile.h: it
 * appears whole, or not at all.
 *
 * Text is set in Noto Serif CJK SC (Debian fonts-noto-cjk), which holds the
 * CJK extensions (𠮷, 䶮); what it lacks — emoji — pango finds through
 * fontconfig in Symbola (fonts-symbola), then DejaVu Sans, drawn in black
 * like the rest of the form (colour emoji fonts are left out: pdftotext
 * cannot read their glyphs, and they print grey on an office laser printer).
 *
 * Text too long for its box is never cut: it is first set smaller (down to
 * 70% of its size) on one line, then wrapped at its own size and made
 * smaller until the lines fit the box's height; what does not fit at the
 * smallest size (4 pt) is drawn beyond the box rather than lost. */
#ifndef DJ_PDF_H
#define DJ_PDF_H

#include "core/err.h"

struct pdf;

enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };
enum pdf_orient { PDF_PORTRAIT, PDF_LANDSCAPE };

/* Draws the whole document on p; 0, or a dj_code with e set to stop. */
typedef int (*pdf_draw_fn)(struct pdf *p, void *ctx, struct dj_err *e);

/* Writes the document at path (replacing a file only as outfile.h allows).
 * *pages (may be NULL) gets its page count.  0, or a dj_code with e saying
 * why (the file then is not there). */
int pdf_write(const char *path, enum pdf_orient o, pdf_draw_fn draw, void *ctx, int *pages,
              struct dj_err *e);

/* Lets go of the caches fontconfig and cairo keep for the whole process
 * (so that a leak checker sees none); called once, when no document is
 * being drawn, at the end of the program or of a test. */
void pdf_release_fonts(void);

/* The page, in mm: 210 x 297 portrait, 297 x 210 landscape. */
double pdf_page_width(const struct pdf *p);
double pdf_page_height(const struct pdf *p);
/* The page being drawn (1 …), and the document's count (0 while counting). */
int pdf_page_no(const struct pdf *p);
int pdf_page_total(const struct pdf *p);
/* Ends the page; what follows is drawn on a new one. */
void pdf_new_page(struct pdf *p);

/* A text's look: size in points; bold. */
struct pdf_font {
	double size;
	int bold;
};

/* Text in the box (x, y, w, h, mm), aligned across and centred down, set
 * smaller or wrapped as the header says so that it fits.  Returns 0, or 1
 * when even the smallest size overflows the box (drawn all the same). */
int pdf_text(struct pdf *p, double x, double y, double w, double h, const char *text,
             struct pdf_font f, enum pdf_align a);
/* Text from (x, y) across width w, wrapped, its top at y, not made smaller;
 * returns its height in mm. */
double pdf_para(struct pdf *p, double x, double y, double w, const char *text,
                struct pdf_font f, enum pdf_align a);
/* The height pdf_para would take, drawing nothing. */
double pdf_para_height(struct pdf *p, double w, const char *text, struct pdf_font f);

/* Turns the page for a flowing text: finishes the page (its footer), calls
 * pdf_new_page and draws the new page's top; returns where the text goes
 * on (y, mm). */
typedef double (*pdf_page_head_fn)(struct pdf *p, void *ctx);
/* Long text wrapped at width w from y down to `bottom`, continued on new
 * pages (head turns each; NULL: a bare new page, text from 15 mm).
 * Returns the y below the last line. */
double pdf_flow(struct pdf *p, double x, double y, double w, double bottom, const char *text,
                struct pdf_font f, pdf_page_head_fn head, void *ctx);

/* Lines, mm; width in mm; dashed: a cut line (- - -). */
void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2, double width, int dashed);
/* A ruled rectangle. */
void pdf_rect(struct pdf *p, double x, double y, double w, double h, double width);

/* "第 N 页 共 M 页" centred 10 mm above the bottom edge. */
void pdf_page_footer(struct pdf *p);

/* ---- ruled tables ---- */

struct pdf_col {
	const char *title;
	double w;               /* mm */
	enum pdf_align align;
};
struct pdf_table {
	const struct pdf_col *cols;
	int ncols;
	double x;               /* left edge, mm */
	double head_h;          /* header row height, mm */
	double min_h;           /* a row's least height, mm */
	struct pdf_font font;   /* of the cells (the header is bold) */
};
/* The table's width (sum of its columns). */
double pdf_table_width(const struct pdf_table *t);
/* The header row at y; returns y below it. */
double pdf_table_head(struct pdf *p, const struct pdf_table *t, double y);
/* The height a row of these cells needs: each wrapped to its column, at
 * least t->min_h. */
double pdf_table_row_height(struct pdf *p, const struct pdf_table *t, const char *const *cells);
/* A ruled row of ncols cells at y, h high; returns y + h. */
double pdf_table_row(struct pdf *p, const struct pdf_table *t, double y, double h,
                     const char *const *cells);

#endif
