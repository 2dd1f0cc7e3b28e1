/* json.h — a flat JSON object built into a caller's buffer, for the audit
 * log's old and new values. */
#ifndef DJ_JSON_H
#define DJ_JSON_H

#include <stddef.h>

struct json {
	char *buf;
	size_t cap, len;
	int n;          /* members so far */
	int overflow;
};

void json_begin(struct json *j, char *buf, size_t cap);
void json_str(struct json *j, const char *key, const char *val);   /* "" -> null */
void json_int(struct json *j, const char *key, long long val);
/* Closes the object and returns buf ("{}" on overflow rather than broken JSON). */
const char *json_end(struct json *j);

#endif
