/* flow.c — the two configurations of the review engine as data: the words
 * of each state and action, and the transition table each flow allows.
 * Nothing here touches the database, so a test can walk every pair. */
#include <stdio.h>
#include <string.h>

#include "review/internal.h"

static const struct review_flow project_flow = {
	.kind = REVIEW_PROJECT,
	.name = "党支部工作立项",
	.batch_word = "学年",
	.state_word = {
		[RV_APPLIED] = "已申报", [RV_RECOMMENDED] = "已推荐",
		[RV_APPROVED] = "已立项（实施中）", [RV_MIDTERM] = "已中期检查",
		[RV_CONCLUDED] = "已结题（待验收）", [RV_PASSED] = "验收通过",
		[RV_HONOURED] = "优秀成果", [RV_FAILED] = "验收不通过（整改中）",
		[RV_REFUSED] = "不予立项", [RV_REVOKED] = "已撤销立项",
	},
	.action_word = {
		[RA_RECOMMEND] = "推荐上报", [RA_APPROVE] = "批准立项", [RA_REFUSE] = "不予立项",
		[RA_MIDTERM] = "中期检查", [RA_CONCLUDE] = "结题", [RA_ACCEPT] = "验收",
		[RA_RESUBMIT] = "整改完成再次验收", [RA_HONOUR] = "评为优秀成果",
		[RA_REVOKE] = "撤销立项",
	},
};

static const struct review_flow create_flow = {
	.kind = REVIEW_CREATE,
	.name = "标杆学院和样板支部创建",
	.batch_word = "创建周期",
	.state_word = {
		[RV_APPLIED] = "已申报", [RV_RECOMMENDED] = "已推荐", [RV_SCREENED] = "初审通过",
		[RV_APPROVED] = "拟入选（公示中）", [RV_STARTED] = "创建中",
		[RV_MIDTERM] = "已中期评估", [RV_CONCLUDED] = "已提交验收材料",
		[RV_PASSED] = "达标（已命名）", [RV_FAILED] = "不达标（已通报）",
		[RV_REFUSED] = "未入选", [RV_REVOKED] = "已撤销",
	},
	.action_word = {
		[RA_RECOMMEND] = "推荐上报", [RA_SCREEN] = "初审通过", [RA_APPROVE] = "确定入选",
		[RA_REFUSE] = "未入选", [RA_START] = "公示结束，开始创建", [RA_MIDTERM] = "中期评估",
		[RA_CONCLUDE] = "提交验收材料", [RA_ACCEPT] = "巩固验收", [RA_REVOKE] = "撤销",
	},
};

/* One row of a flow's table: from `from`, action `a` leads to `to`. */
struct edge {
	int from;
	enum review_action a;
	int to;
};

/* In menu order within each state: the step forward first, the way out last. */
static const struct edge project_edges[] = {
	{ RV_APPLIED, RA_RECOMMEND, RV_RECOMMENDED }, { RV_APPLIED, RA_REFUSE, RV_REFUSED },
	{ RV_RECOMMENDED, RA_APPROVE, RV_APPROVED }, { RV_RECOMMENDED, RA_REFUSE, RV_REFUSED },
	{ RV_APPROVED, RA_MIDTERM, RV_MIDTERM }, { RV_APPROVED, RA_REVOKE, RV_REVOKED },
	{ RV_MIDTERM, RA_CONCLUDE, RV_CONCLUDED }, { RV_MIDTERM, RA_REVOKE, RV_REVOKED },
	{ RV_CONCLUDED, RA_ACCEPT, RV_PASSED }, { RV_CONCLUDED, RA_REVOKE, RV_REVOKED },
	{ RV_FAILED, RA_RESUBMIT, RV_CONCLUDED }, { RV_FAILED, RA_REVOKE, RV_REVOKED },
	{ RV_PASSED, RA_HONOUR, RV_HONOURED },
};

static const struct edge create_edges[] = {
	{ RV_APPLIED, RA_RECOMMEND, RV_RECOMMENDED }, { RV_APPLIED, RA_REFUSE, RV_REFUSED },
	{ RV_RECOMMENDED, RA_SCREEN, RV_SCREENED }, { RV_RECOMMENDED, RA_REFUSE, RV_REFUSED },
	{ RV_SCREENED, RA_APPROVE, RV_APPROVED }, { RV_SCREENED, RA_REFUSE, RV_REFUSED },
	{ RV_APPROVED, RA_START, RV_STARTED }, { RV_APPROVED, RA_REVOKE, RV_REVOKED },
	{ RV_STARTED, RA_MIDTERM, RV_MIDTERM }, { RV_STARTED, RA_REVOKE, RV_REVOKED },
	{ RV_MIDTERM, RA_CONCLUDE, RV_CONCLUDED }, { RV_MIDTERM, RA_REVOKE, RV_REVOKED },
	{ RV_CONCLUDED, RA_ACCEPT, RV_PASSED },
};

#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

const struct review_flow *review_flow_of(enum review_kind k)
{
	return k == REVIEW_CREATE ? &create_flow : &project_flow;
}

int review_kind_parse(const char *word)
{
	if (word && strcmp(word, "立项") == 0)
		return REVIEW_PROJECT;
	if (word && strcmp(word, "创建") == 0)
		return REVIEW_CREATE;
	return -1;
}

const char *review_kind_word(enum review_kind k)
{
	return k == REVIEW_CREATE ? "创建" : "立项";
}

const char *review_state_word(enum review_kind k, int state)
{
	if (state <= 0 || state >= RV_STATES)
		return "";
	const char *w = review_flow_of(k)->state_word[state];
	return w ? w : "";
}

static const struct edge *edges_of(enum review_kind k, int *n)
{
	*n = k == REVIEW_CREATE ? COUNT(create_edges) : COUNT(project_edges);
	return k == REVIEW_CREATE ? create_edges : project_edges;
}

/* The second acceptance is the last: after it fails only 撤销 is left. */
static int edge_open(const struct edge *d, int accept_round)
{
	return d->a != RA_RESUBMIT || accept_round == 1;
}

int review_next(enum review_kind k, int from, enum review_action a, int accept_round)
{
	int n;
	const struct edge *d = edges_of(k, &n);
	for (int i = 0; i < n; i++)
		if (d[i].from == from && d[i].a == a)
			return edge_open(&d[i], accept_round) ? d[i].to : 0;
	return 0;
}

int review_actions(enum review_kind k, int state, int accept_round,
                   enum review_action out[RA_ACTIONS])
{
	int n, m = 0;
	const struct edge *d = edges_of(k, &n);
	for (int i = 0; i < n && m < RA_ACTIONS; i++)
		if (d[i].from == state && edge_open(&d[i], accept_round))
			out[m++] = d[i].a;
	return m;
}

int review_state_final(enum review_kind k, int state)
{
	enum review_action a[RA_ACTIONS];
	return review_state_word(k, state)[0] && review_actions(k, state, 1, a) == 0;
}

int review_reached(enum review_kind k, int state, int reach)
{
	if (reach <= 0 || state == RV_REFUSED || state == RV_REVOKED)
		return 1;
	if (state == RV_FAILED)
		return k == REVIEW_CREATE || reach <= RV_CONCLUDED;
	return state >= reach;
}

/* ---- the default calendars (seed 004 §四, seed 001 三) ---- */

struct stage_default {
	const char *name;
	int year;          /* added to the term's first year; -1: the last year */
	const char *mmdd;
	int reach;
};

static const struct stage_default project_stages[] = {
	{ "项目设计", 0, "04-10", RV_APPLIED }, { "项目申报", 0, "05-10", RV_RECOMMENDED },
	{ "项目评选", 0, "05-31", RV_APPROVED }, { "中期检查", 1, "03-31", RV_MIDTERM },
	{ "验收", 1, "05-31", RV_PASSED },
};

static const struct stage_default create_stages[] = {
	{ "制定方案", 0, "04-30", 0 }, { "组织申报", 0, "05-31", RV_RECOMMENDED },
	{ "评审遴选及公示", 0, "06-30", RV_APPROVED }, { "中期评估", 1, "06-30", RV_MIDTERM },
	{ "提交验收材料", -1, "05-31", RV_CONCLUDED }, { "巩固验收", -1, "06-30", RV_PASSED },
};

int review_default_stages(enum review_kind k, int y, int years, char names[][32],
                          char dues[][11], int reach[])
{
	const struct stage_default *d = k == REVIEW_CREATE ? create_stages : project_stages;
	int n = k == REVIEW_CREATE ? COUNT(create_stages) : COUNT(project_stages);
	for (int i = 0; i < n; i++) {
		int year = y + (d[i].year < 0 ? years : d[i].year);
		snprintf(names[i], 32, "%s", d[i].name);
		snprintf(dues[i], 11, "%04d-%s", year, d[i].mmdd);
		reach[i] = d[i].reach;
	}
	return n;
}
