/* audit_json.c — the audit log's flat JSON objects read back: one member at
 * a time, a value by key, and the field-by-field difference of two. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/audit.h"

#define KEY_MAX 96
#define VALUE_MAX 2048

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static void put_byte(char *out, size_t cap, size_t *n, char c)
{
	if (*n + 1 < cap)
		out[(*n)++] = c;
}

/* When a buffer filled up, its last character may be cut: drop that part. */
static size_t whole_characters(const char *s, size_t n)
{
	size_t start = n;
	while (start > 0 && ((unsigned char)s[start - 1] & 0xc0) == 0x80)
		start--;
	if (start == 0)
		return n;
	unsigned char lead = (unsigned char)s[start - 1];
	size_t want = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
	return n - (start - 1) < want ? start - 1 : n;
}

static void put_utf8(char *out, size_t cap, size_t *n, unsigned long cp)
{
	char b[4];
	int len;
	if (cp < 0x80) {
		b[0] = (char)cp;
		len = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		len = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		len = 3;
	} else {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		len = 4;
	}
	if (*n + (size_t)len < cap) {   /* a character fits whole or not at all */
		memcpy(out + *n, b, (size_t)len);
		*n += (size_t)len;
	}
}

static int hex4(const char *p, unsigned long *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		*v = *v << 4 | (unsigned long)d;
	}
	return 0;
}

/* A \u escape, with a following low surrogate when it is a high one. */
static const char *unicode_escape(const char *p, char *out, size_t cap, size_t *n)
{
	unsigned long cp, lo;
	if (hex4(p, &cp))
		return NULL;
	p += 4;
	if (cp >= 0xd800 && cp < 0xdc00 && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, &lo) == 0 &&
	    lo >= 0xdc00 && lo < 0xe000) {
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		p += 6;
	}
	put_utf8(out, cap, n, cp);
	return p;
}

/* p at the opening quote; returns the character after the closing one. */
static const char *read_string(const char *p, char *out, size_t cap)
{
	size_t n = 0;
	if (*p++ != '"')
		return NULL;
	while (*p && *p != '"') {
		if (*p != '\\') {
			put_byte(out, cap, &n, *p++);
			continue;
		}
		p++;
		static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
		const char *k = *p ? strchr(from, *p) : NULL;
		if (k) {
			put_byte(out, cap, &n, to[k - from]);
			p++;
		} else if (*p == 'u') {
			if (!(p = unicode_escape(p + 1, out, cap, &n)))
				return NULL;
		} else {
			return NULL;
		}
	}
	out[whole_characters(out, n)] = 0;
	return *p == '"' ? p + 1 : NULL;
}

/* A number, true/false or null, copied as written (null as ""). */
static const char *read_bare(const char *p, char *out, size_t cap)
{
	size_t n = 0;
	const char *start = p;
	while (*p && *p != ',' && *p != '}' && *p != ' ' && *p != '\n' && *p != '\r' && *p != '\t')
		p++;
	if (p == start)
		return NULL;
	if (p - start == 4 && strncmp(start, "null", 4) == 0) {
		out[0] = 0;
		return p;
	}
	for (const char *c = start; c < p; c++)
		put_byte(out, cap, &n, *c);
	out[n] = 0;
	return p;
}

int audit_json_each(const char *json, int (*fn)(const char *key, const char *value, void *ctx),
                    void *ctx)
{
	if (!json)
		return -1;
	char key[KEY_MAX], *value = malloc(VALUE_MAX);
	if (!value)
		return -1;
	const char *p = skip_ws(json);
	int rc = -1;
	if (*p++ != '{')
		goto out;
	p = skip_ws(p);
	if (*p == '}') {
		rc = 0;
		goto out;
	}
	for (;;) {
		if (!(p = read_string(skip_ws(p), key, sizeof key)))
			goto out;
		p = skip_ws(p);
		if (*p++ != ':')
			goto out;
		p = skip_ws(p);
		p = *p == '"' ? read_string(p, value, VALUE_MAX) : read_bare(p, value, VALUE_MAX);
		if (!p)
			goto out;
		if (fn(key, value, ctx)) {
			rc = 0;
			goto out;
		}
		p = skip_ws(p);
		if (*p == '}') {
			rc = 0;
			goto out;
		}
		if (*p++ != ',')
			goto out;
	}
out:
	free(value);
	return rc;
}

struct lookup {
	const char *key;
	char *out;
	size_t cap;
	int found;
};

static int match_key(const char *key, const char *value, void *ctx)
{
	struct lookup *l = ctx;
	if (strcmp(key, l->key) != 0)
		return 0;
	size_t n = strlen(value);
	if (l->cap && n >= l->cap)
		n = whole_characters(value, l->cap - 1);
	if (l->cap) {
		memcpy(l->out, value, n);
		l->out[n] = 0;
	}
	l->found = 1;
	return 1;
}

int audit_json_get(const char *json, const char *key, char *out, size_t cap)
{
	struct lookup l = { key, out, cap, 0 };
	if (cap)
		out[0] = 0;
	audit_json_each(json, match_key, &l);
	return l.found;
}

/* Members of one object, in order. */
struct members {
	int n, cap;
	struct member {
		char key[KEY_MAX];
		char *value;
	} *m;
};

static int collect(const char *key, const char *value, void *ctx)
{
	struct members *ms = ctx;
	if (ms->n == ms->cap) {
		int cap = ms->cap ? ms->cap * 2 : 16;
		struct member *m = realloc(ms->m, (size_t)cap * sizeof *m);
		if (!m)
			return 1;
		ms->m = m;
		ms->cap = cap;
	}
	char *copy = strdup(value);
	if (!copy)
		return 1;
	snprintf(ms->m[ms->n].key, KEY_MAX, "%s", key);
	ms->m[ms->n++].value = copy;
	return 0;
}

static void members_free(struct members *ms)
{
	for (int i = 0; i < ms->n; i++)
		free(ms->m[i].value);
	free(ms->m);
}

static const char *value_of(const struct members *ms, const char *key)
{
	for (int i = 0; i < ms->n; i++)
		if (strcmp(ms->m[i].key, key) == 0)
			return ms->m[i].value;
	return NULL;
}

/* Values on one line: a line break in a note is shown as a space. */
static void put_value(char *out, size_t cap, size_t *n, const char *v)
{
	if (!v || !*v) {
		for (const char *c = "（空）"; *c; c++)
			put_byte(out, cap, n, *c);
		return;
	}
	for (; *v; v++)
		put_byte(out, cap, n, *v == '\n' || *v == '\r' || *v == '\t' ? ' ' : *v);
}

static void put_text(char *out, size_t cap, size_t *n, const char *t)
{
	for (; *t; t++)
		put_byte(out, cap, n, *t);
}

static int diff_line(char *out, size_t cap, size_t *n, const char *key, const char *a,
                     const char *b, int both)
{
	put_text(out, cap, n, key);
	put_text(out, cap, n, "：");
	if (both) {
		put_value(out, cap, n, a);
		put_text(out, cap, n, " → ");
	}
	put_value(out, cap, n, b);
	put_byte(out, cap, n, '\n');
	return 1;
}

int audit_diff_text(const char *table, const char *old_json, const char *new_json, char *out,
                    size_t cap)
{
	struct members a = { 0 }, b = { 0 };
	size_t n = 0;
	int lines = 0;
	if (old_json)
		audit_json_each(old_json, collect, &a);
	if (new_json)
		audit_json_each(new_json, collect, &b);
#define LABEL(key) (table ? audit_field_label(table, key) : (key))
	int both = old_json && new_json;
	const struct members *only = new_json ? &b : &a;
	if (!both) {
		for (int i = 0; i < only->n; i++)
			if (*only->m[i].value)
				lines += diff_line(out, cap, &n, LABEL(only->m[i].key), NULL, only->m[i].value, 0);
	} else {
		for (int i = 0; i < b.n; i++) {
			const char *was = value_of(&a, b.m[i].key);
			if (strcmp(was ? was : "", b.m[i].value) != 0)
				lines += diff_line(out, cap, &n, LABEL(b.m[i].key), was, b.m[i].value, 1);
		}
		for (int i = 0; i < a.n; i++)
			if (!value_of(&b, a.m[i].key) && *a.m[i].value)
				lines += diff_line(out, cap, &n, LABEL(a.m[i].key), a.m[i].value, NULL, 1);
	}
#undef LABEL
	if (cap)
		out[whole_characters(out, n)] = 0;
	members_free(&a);
	members_free(&b);
	return lines;
}
