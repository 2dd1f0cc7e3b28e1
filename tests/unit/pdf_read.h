/* pdf_read.h — what poppler reads back from a PDF a form wrote, for the
 * tests: its words (pdftotext) and its page count (pdfinfo).  Header-only,
 * included by one test file each. */
#ifndef DJ_TEST_PDF_READ_H
#define DJ_TEST_PDF_READ_H

#include <stdio.h>
#include <stdlib.h>

/* What a command prints on stdout, whitespace taken out (pdftotext puts
 * line breaks and padding where the layout wraps).  Free it. */
static inline char *run_text(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, n = 0;
	char *out = malloc(cap);
	assert_non_null(out);
	int c;
	while ((c = fgetc(p)) != EOF) {
		if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r')
			continue;
		if (n + 1 >= cap) {
			out = realloc(out, cap *= 2);
			assert_non_null(out);
		}
		out[n++] = (char)c;
	}
	out[n] = 0;
	assert_int_equal(pclose(p), 0);
	return out;
}

static inline char *pdf_words(const char *path)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
	return run_text(cmd);
}

static inline int pdf_pages(const char *path)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' | sed -n 's/^Pages:/&/p'", path);
	char *t = run_text(cmd);
	int n = -1;
	assert_int_equal(sscanf(t, "Pages:%d", &n), 1);
	free(t);
	return n;
}

#endif
