#include "core/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for n more bytes and the NUL, doubling. */
static void reserve(struct json *j, size_t n)
{
	if (j->len + n + 1 <= j->cap)
		return;
	size_t cap = j->cap ? j->cap : 256;
	while (cap < j->len + n + 1)
		cap *= 2;
	char *more = realloc(j->buf, cap);
	if (!more) {
		fputs("内存不足：无法完整记录操作日志，本次修改未保存\n", stderr);
		abort();
	}
	j->buf = more;
	j->cap = cap;
}

static void put(struct json *j, const char *s, size_t n)
{
	reserve(j, n);
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = 0;
}

static void put_quoted(struct json *j, const char *s)
{
	put(j, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(j, esc, 2);
		} else if (c < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", c);
			put(j, esc, 6);
		} else {
			put(j, s, 1);
		}
	}
	put(j, "\"", 1);
}

static void put_key(struct json *j, const char *key)
{
	if (j->n++)
		put(j, ",", 1);
	put_quoted(j, key);
	put(j, ":", 1);
}

void json_begin(struct json *j)
{
	j->len = 0;
	j->n = 0;
	put(j, "{", 1);
}

void json_str(struct json *j, const char *key, const char *val)
{
	put_key(j, key);
	if (!val || !*val)
		put(j, "null", 4);
	else
		put_quoted(j, val);
}

void json_int(struct json *j, const char *key, long long val)
{
	char num[32];
	int n = snprintf(num, sizeof num, "%lld", val);
	put_key(j, key);
	put(j, num, (size_t)n);
}

const char *json_end(struct json *j)
{
	put(j, "}", 1);
	return j->buf;
}

void json_free(struct json *j)
{
	free(j->buf);
	j->buf = NULL;
	j->cap = j->len = 0;
	j->n = 0;
}
