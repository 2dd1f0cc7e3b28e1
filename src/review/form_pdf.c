/* form_pdf.c — the paper forms as print-ready A4 PDF (form_sink.h): the
 * same content as the text layout, set in the documents' CJK font with
 * ruled cells that grow with their text, a table's rows carried over to
 * the next page with its header row again, and 第 N 页 共 M 页 below. */
#include <stdio.h>
#include <string.h>

#include "docs/pdf.h"
#include "review/form_sink.h"

#define LEFT 15.0          /* mm: the page's margins */
#define WIDTH 180.0
#define TOP 15.0
#define BOTTOM 22.0        /* above the footer */

static const struct pdf_font title_font = { 16, 1 }, body_font = { 11, 0 },
                             cell_font = { 10.5, 0 };

struct page {
	struct pdf *p;
	double y;
	const struct form_table *t;     /* the table being drawn */
	const char *head[FORM_MAX_CELLS];   /* its first row, repeated on a new page */
	int rows;                       /* rows of it drawn so far */
};

static double bottom(const struct page *g)
{
	return pdf_page_height(g->p) - BOTTOM;
}

static void turn(struct page *g)
{
	pdf_page_footer(g->p);
	pdf_new_page(g->p);
	g->y = TOP;
}

/* The table's columns in mm: each text column's share of the page. */
static void columns(const struct form_table *t, struct pdf_col cols[FORM_MAX_CELLS],
                    struct pdf_table *pt)
{
	int total = 0;
	for (int i = 0; i < t->n; i++)
		total += t->w[i] + 3;
	for (int i = 0; i < t->n; i++)
		cols[i] = (struct pdf_col){ "", WIDTH * (t->w[i] + 3) / total,
		                            t->right[i] ? PDF_RIGHT : PDF_LEFT };
	*pt = (struct pdf_table){ cols, t->n, LEFT, 0, 8, cell_font };
}

static void draw_row(struct page *g, const struct form_table *t, const char *const cells[])
{
	struct pdf_col cols[FORM_MAX_CELLS];
	struct pdf_table pt;
	columns(t, cols, &pt);
	double h = pdf_table_row_height(g->p, &pt, cells);
	if (g->y + h > bottom(g)) {
		turn(g);
		if (g->t == t && g->rows > 1 && g->head[0]) {   /* the header row again */
			double hh = pdf_table_row_height(g->p, &pt, g->head);
			g->y = pdf_table_row(g->p, &pt, g->y, hh, g->head);
		}
	}
	g->y = pdf_table_row(g->p, &pt, g->y, h, cells);
}

static void row(void *ctx, const struct form_table *t, const char *const cells[])
{
	struct page *g = ctx;
	if (g->t != t) {   /* a new table: its first row is its header */
		g->t = t;
		g->rows = 0;
		for (int i = 0; i < t->n; i++)
			g->head[i] = NULL;
	}
	/* a label/value table has no header row worth repeating */
	if (g->rows == 0 && t->n > 2)
		for (int i = 0; i < t->n; i++)
			g->head[i] = cells[i];
	draw_row(g, t, cells);
	g->rows++;
}

/* Ruled edges are the cells' own in a PDF. */
static void rule(void *ctx, const struct form_table *t)
{
	(void)ctx;
	(void)t;
}

/* A long free text turns the page with its footer, as a table does. */
static double flow_turn(struct pdf *p, void *ctx)
{
	(void)ctx;
	pdf_page_footer(p);
	pdf_new_page(p);
	return TOP;
}


static void title(void *ctx, const char *text)
{
	struct page *g = ctx;
	double h = pdf_para_height(g->p, WIDTH, text, title_font);
	if (g->y + h > bottom(g))
		turn(g);
	g->y += pdf_para(g->p, LEFT, g->y, WIDTH, text, title_font, PDF_CENTER) + 2;
	g->t = NULL;
}

static void line(void *ctx, const char *text)
{
	struct page *g = ctx;
	while (*text == '\n') {   /* leading line feeds: gaps */
		g->y += 4;
		text++;
	}
	if (!*text) {
		g->y += 4;
		return;
	}
	g->t = NULL;
	g->y = pdf_flow(g->p, LEFT, g->y, WIDTH, bottom(g), text, body_font, flow_turn, NULL) + 1;
}

static void right(void *ctx, const char *text)
{
	struct page *g = ctx;
	double h = pdf_para_height(g->p, WIDTH, text, body_font);
	if (g->y + h > bottom(g))
		turn(g);
	g->y += pdf_para(g->p, LEFT, g->y, WIDTH, text, body_font, PDF_RIGHT) + 1;
	g->t = NULL;
}

struct job {
	void (*draw)(struct form_sink *k, void *ctx);
	void *ctx;
};

static int draw_pages(struct pdf *p, void *ctx, struct dj_err *e)
{
	(void)e;
	struct job *j = ctx;
	struct page g = { .p = p, .y = TOP };
	struct form_sink k = { &g, title, line, right, rule, row };
	j->draw(&k, j->ctx);
	pdf_page_footer(p);
	return 0;
}

int form_pdf_write(const char *path, void (*draw)(struct form_sink *k, void *ctx), void *ctx,
                   struct dj_err *e)
{
	struct job j = { draw, ctx };
	return pdf_write(path, PDF_PORTRAIT, draw_pages, &j, NULL, e);
}
