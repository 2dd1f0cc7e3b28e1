/* internal.h — private to src/review/ (not for screens): what the review
 * files share.  An application's head (state, batch, organization) read for
 * a transition, a note or a fund line; the scope check on it; a batch's
 * numbers as integers; and when a state counts as having reached a stage.
 * Writes join a transaction the caller holds (db_txn_begin with
 * db_in_txn(s->db), db_write.h), so the demo can write a batch in one. */
#ifndef DJ_REVIEW_INTERNAL_H
#define DJ_REVIEW_INTERNAL_H

#include "review/review.h"

#define REVIEW_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

/* What every write on an application checks before it acts. */
struct review_head {
	int64_t id, version, batch_id, org_id;
	enum review_kind kind;       /* the batch's */
	char app_kind[16];           /* 项目 / 标杆学院 / 样板支部 */
	int state;
	int accept_round;
	char title[128];
	char org[128];               /* the organization's full name */
	char decided_on[11];
	char ends_on[11];
};

/* Reads application id's head; DJ_NOTFOUND ("申报已被删除") when gone. */
int review_head_load(struct session *s, int64_t id, struct review_head *h, struct dj_err *e);

/* session_may_write on the application's organization, the message naming
 * it: 0 or DJ_DENIED. */
int review_may_write(struct session *s, const struct review_head *h, struct dj_err *e);

/* A batch's settings as the rules use them (money in fen, lines in tenths). */
struct review_rules {
	int64_t id, org_id;
	enum review_kind kind;
	int64_t fund_fen, fund2_fen;
	int match_pct, pass_line, excellent_line, excellent_max, per_org;
	int quota_college, quota_branch, limit_zongzhi, limit_jiguan, years;
	char term[16];
	char frozen_on[11];          /* "" while not frozen */
};
int review_rules_load(struct session *s, int64_t batch_id, struct review_rules *r,
                      struct dj_err *e);

/* 1 when an application in `state` has reached a stage whose `reach` is
 * given (review_stage.reach; 0: a stage of the office's, always reached).
 * 不予立项 and 撤销 are never late; a 立项 验收不通过（整改中） has not
 * reached its acceptance; a 创建 不达标 is done with. */
int review_reached(enum review_kind k, int state, int reach);
/* The same in SQL over columns `st` (state), `re` (reach) and `kd` (the
 * batch's kind text), for ledgers that count 逾期 in one query. */
#define REVIEW_REACHED_SQL(st, re, kd)                                              \
	"(CASE WHEN " re " <= 0 OR " st " IN (11, 12) THEN 1"                          \
	" WHEN " st " = 10 THEN (" kd " = '创建' OR " re " <= 7)"                        \
	" ELSE " st " >= " re " END)"

/* The batch's default stage calendar for term start year y (flow.c): names,
 * dates and the states to reach. */
int review_default_stages(enum review_kind k, int y, int years, char names[][32],
                          char dues[][11], int reach[]);

/* A score or line typed with at most one decimal ("85", "85.5") to tenths,
 * within 0..max tenths: 0, or -1 with why. */
int review_parse_tenths(const char *text, int max, int *tenths, char why[WHY_MAX]);
/* 855 -> "85.5", 850 -> "85"; negative -> "". */
void review_format_tenths(int tenths, char *out, size_t cap);

/* Freezes batch_id's settings at its first decision (on: the step's date)
 * and moves it to 进行中; nothing when already frozen. */
int review_batch_freeze(struct session *s, int64_t batch_id, const char *on, struct dj_err *e);

#endif
