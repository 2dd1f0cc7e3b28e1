/* itemlist.c — items of a list typed into one field. */
#include "core/itemlist.h"

#include <stdio.h>
#include <string.h>

#include "core/text.h"

size_t itemlist_span(const char *text, const char *const *seps, size_t *seplen)
{
	const char *end = NULL;
	*seplen = 0;
	for (int i = 0; seps[i]; i++) {
		const char *f = strstr(text, seps[i]);
		if (f && (!end || f < end)) {
			end = f;
			*seplen = strlen(seps[i]);
		}
	}
	return end ? (size_t)(end - text) : strlen(text);
}

int itemlist_next(const char **p, const char *const *seps, char *out, size_t cap)
{
	const char *s = *p;
	if (!*s)
		return 0;
	size_t seplen, n = itemlist_span(s, seps, &seplen);
	snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), s);
	utf8_trim(out);
	*p = s + n + seplen;
	return 1;
}
