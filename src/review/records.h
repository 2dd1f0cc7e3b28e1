/* records.h — private to src/review/ (not for screens): what the records
 * files (notes.c, funds.c, ledger.c, evidence.c, forms.c) share — the facts
 * of one application that their rules are judged on, read in one query,
 * and the state lists their refusals name. */
#ifndef DJ_REVIEW_RECORDS_H
#define DJ_REVIEW_RECORDS_H

#include <stdint.h>

#include "review/review.h"

#define RV_NOW "strftime('%Y-%m-%d %H:%M:%S','now','localtime')"

/* One application with what its batch says about it. */
struct rv_facts {
	int64_t id, version, batch_id, org_id;
	enum review_kind kind;        /* the batch's: 立项 / 创建 */
	int state;
	int accept_round;
	char app_kind[16];            /* 项目 / 标杆学院 / 样板支部 */
	char title[128];
	char org[128];
	char ends_on[11];
	char rectify_due[11];
	char filed_on[11];
	int match_pct;
	int64_t granted_fen;
	char first_stage[11];         /* the batch's span: first and last stage date */
	char last_stage[11];
	int total;                    /* 总评 tenths, -1 none */
};

/* Reads the application's facts: 0, DJ_NOTFOUND (该申报已不存在) or DJ_DB. */
int rv_facts_load(struct session *s, int64_t app_id, struct rv_facts *f, struct dj_err *e);

/* 1 when state is one of states[0..n). */
int rv_state_in(int state, const int *states, int n);

/* The flow's words of the states in states[0..n) that it uses, as
 * 「已立项（实施中）」「已中期检查」, into out. */
void rv_state_list(enum review_kind k, const int *states, int n, char *out, size_t cap);

/* The state's word, or a number when the flow does not name it. */
const char *rv_state_name(enum review_kind k, int state, char buf[32]);

/* 1 when a task is late on `on`: its 完成期限 passed and it is not done. */
int rv_task_late(const char *due_on, const char *done_on, const char *on);

#endif
