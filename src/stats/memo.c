/* memo.c — the counters' cache of text → group (memo.h). */
#include "stats/memo.h"

#include <stdint.h>
#include <string.h>

static unsigned slot_of(const char *key, size_t *len)
{
	uint32_t h = 2166136261u;   /* FNV-1a */
	const char *p = key;
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	*len = (size_t)(p - key);
	return h % STATS_MEMO_SLOTS;
}

int stats_memo_get(const struct stats_memo *m, const char *key)
{
	if (!m)
		return -1;
	size_t len;
	const struct stats_memo_slot *s = &m->slot[slot_of(key, &len)];
	return s->used && len < STATS_MEMO_KEY && memcmp(s->key, key, len + 1) == 0 ? s->val : -1;
}

void stats_memo_put(struct stats_memo *m, const char *key, int val)
{
	if (!m)
		return;
	size_t len;
	struct stats_memo_slot *s = &m->slot[slot_of(key, &len)];
	if (len >= STATS_MEMO_KEY)
		return;
	memcpy(s->key, key, len + 1);
	s->val = val;
	s->used = 1;
}
