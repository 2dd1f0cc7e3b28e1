/* json.h — a flat JSON object for the audit log's old and new values.
 *
 * The object grows on the heap as members are added, so a record of any
 * length is written whole (issue 18: an entry cut to "{}" loses who and what
 * was changed).  The caller owns the struct: JSON_INIT, any number of
 * json_begin … json_end rounds, then json_free. */
#ifndef DJ_JSON_H
#define DJ_JSON_H

#include <stddef.h>

struct json {
	char *buf;      /* heap, NUL-terminated; NULL before the first member */
	size_t cap, len;
	int n;          /* members so far */
};

#define JSON_INIT { NULL, 0, 0, 0 }

/* Starts an empty object, keeping the memory of an earlier round. */
void json_begin(struct json *j);
void json_str(struct json *j, const char *key, const char *val);   /* "" -> null */
void json_int(struct json *j, const char *key, long long val);
/* Closes the object and returns it, valid until the next json_begin or
 * json_free.  Out of memory the program stops (abort) rather than log a cut
 * entry: the write transaction it was in is never committed. */
const char *json_end(struct json *j);
void json_free(struct json *j);

#endif
