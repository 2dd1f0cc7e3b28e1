/* itemlist.h — lists typed into one field ("陈刚、李明", "3000:0.5, *:2",
 * "好、较好、一般、差"): where the next item ends among several separators,
 * and the items one by one, trimmed.  Each caller keeps its own separators. */
#ifndef DJ_ITEMLIST_H
#define DJ_ITEMLIST_H

#include <stddef.h>

/* Bytes of text before the earliest of seps (NULL-terminated list; at one
 * place the one listed first wins); all of it when none occurs.  *seplen
 * gets that separator's length, 0 when none. */
size_t itemlist_span(const char *text, const char *const *seps, size_t *seplen);

/* The item at *p copied into out (at most cap-1 bytes) and trimmed, *p
 * moved past its separator.  Returns 0 at the end of the text; an item may
 * be empty ("a,,b"). */
int itemlist_next(const char **p, const char *const *seps, char *out, size_t cap);

#endif
