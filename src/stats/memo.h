/* memo.h — inside src/stats: a small direct-mapped cache from a short text
 * (a 工作岗位) to the group a counter put it in.  A county's 200,000 members
 * share a few dozen jobs, and searching a job for every configured word
 * cost more than the rest of the row.  A miss or a key too long to keep just
 * works the group out again, so the counts are the same with or without. */
#ifndef DJ_STATS_MEMO_H
#define DJ_STATS_MEMO_H

#define STATS_MEMO_SLOTS 4096
#define STATS_MEMO_KEY 64

struct stats_memo_slot {
	char key[STATS_MEMO_KEY];
	int val, used;
};
struct stats_memo {
	struct stats_memo_slot slot[STATS_MEMO_SLOTS];
};

/* The group kept for key, or -1 (also when m is NULL). */
int stats_memo_get(const struct stats_memo *m, const char *key);
void stats_memo_put(struct stats_memo *m, const char *key, int val);

#endif
