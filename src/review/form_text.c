/* form_text.c — the paper forms as UTF-8 text laid out for printing
 * (form_sink.h).  Tables are drawn in ASCII (| - +), whose width no viewer
 * disputes, and every cell is measured with the project's width functions
 * (core/text.h), so emoji, ZWJ sequences and 𠮷 in a title keep the rows
 * aligned; long text wraps inside its cell. */
#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "review/form_sink.h"

static void rule(void *ctx, const struct form_table *t)
{
	FILE *f = ctx;
	fputc('+', f);
	for (int i = 0; i < t->n; i++) {
		for (int k = 0; k < t->w[i] + 2; k++)
			fputc('-', f);
		fputc('+', f);
	}
	fputc('\n', f);
}

/* The next piece of a cell that fits in w columns: up to the line's end
 * or the width, never splitting a character.  Moves *p past it (and past
 * the line feed that ends it). */
static void piece(const char **p, int w, char *out, size_t cap)
{
	const char *s = *p;
	size_t para = strcspn(s, "\n");
	char line[4096];
	snprintf(line, sizeof line, "%.*s", (int)(para < sizeof line ? para : sizeof line - 1), s);
	size_t k = utf8_prefix_fitting(line, w);
	if (k == 0 && *line)   /* one character wider than the cell: keep it whole */
		for (k = 1; (line[k] & 0xC0) == 0x80; k++)
			;
	snprintf(out, cap, "%.*s", (int)k, line);
	s += k;
	if (k >= para && *s == '\n')
		s++;
	*p = s;
}

/* One row of cells, wrapped inside their columns. */
static void row(void *ctx, const struct form_table *t, const char *const cells[])
{
	FILE *f = ctx;
	const char *p[FORM_MAX_CELLS];
	for (int i = 0; i < t->n; i++)
		p[i] = cells[i] ? cells[i] : "";
	int first = 1;
	for (;;) {
		int more = 0;
		for (int i = 0; i < t->n; i++)
			more |= *p[i] != 0;
		if (!more && !first)
			break;
		fputc('|', f);
		for (int i = 0; i < t->n; i++) {
			char text[4096];
			piece(&p[i], t->w[i], text, sizeof text);
			int pad = t->w[i] - utf8_cols(text);
			fputc(' ', f);
			if (t->right[i])
				fprintf(f, "%*s%s", pad > 0 ? pad : 0, "", text);
			else
				fprintf(f, "%s%*s", text, pad > 0 ? pad : 0, "");
			fputs(" |", f);
		}
		fputc('\n', f);
		first = 0;
	}
}

static void title(void *ctx, const char *text)
{
	int pad = (FORM_COLS - utf8_cols(text)) / 2;
	fprintf(ctx, "%*s%s\n", pad > 0 ? pad : 0, "", text);
}

static void line(void *ctx, const char *text)
{
	size_t n = strlen(text);
	fprintf(ctx, "%s%s", text, n && text[n - 1] == '\n' ? "" : "\n");
}

static void right(void *ctx, const char *text)
{
	int pad = FORM_COLS - utf8_cols(text);
	fprintf(ctx, "%*s%s\n", pad > 0 ? pad : 0, "", text);
}

void form_text_sink(struct form_sink *k, FILE *f)
{
	*k = (struct form_sink){ f, title, line, right, rule, row };
}
