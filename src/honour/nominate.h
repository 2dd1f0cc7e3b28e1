/* nominate.h — 两优一先 from nomination to 文号 (issue 14): a commendation
 * cycle (表彰评选) with its titles, level, quotas and dates; nominations
 * (推荐) checked against the quota of the nominating organization and the
 * eligibility rules read from the records; the steps 审核, 公示 (with
 * objections), and 审批 with the cycle's 文号, when every approved
 * nomination becomes an honour in the register (honour_save).
 *
 * dangjian.ini [nominate]: quota (default 名额 per nominating organization
 * and title, 1), formal_only (titles only for 正式党员, default
 * 优秀共产党员,优秀党务工作者), rules (strict: a failed rule refuses; warn:
 * the operator may go on with a recorded reason), override_role (admin or
 * operator: who may go on in warn mode). */
#ifndef DJ_NOMINATE_H
#define DJ_NOMINATE_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"

#define NOM_MAX_RULES 8
#define NOM_RULE_LEN 192
#define NOM_EVIDENCE_MAX 24

struct nom_cycle {
	int64_t id;                /* 0: new */
	int64_t version;
	int year;                  /* 年度 */
	char name[128];            /* 评选名称: 2026年七一表彰 */
	int64_t org_id;            /* 组织单位 */
	char org[128];             /* read back */
	char titles[256];          /* 评选称号, 、-separated, each configured in [honours] */
	char level[32];            /* 级别 of the honours it gives */
	int quota;                 /* 默认名额 per nominating organization and title */
	char due_on[11];           /* 推荐截止 */
	char publicity_from[11];   /* 公示开始 */
	char publicity_to[11];     /* 公示结束 */
	char approved_on[11];      /* 审批日期 */
	char approved_by[128];     /* 批准机关 */
	char doc_no[64];           /* 文号 */
	char state[16];            /* 推荐中 / 公示中 / 已审批 */
};

int nom_cycle_load(struct session *s, int64_t id, struct nom_cycle *c, struct dj_err *e);
/* Validates (name, year, organizing org in scope, titles configured, level,
 * dates) and saves; an approved cycle is not changed.  Audited. */
int nom_cycle_save(struct session *s, struct nom_cycle *c, struct dj_err *e);
/* A quota for one nominating organization and title of the cycle (replaces
 * the default for it).  Audited. */
int nom_quota_set(struct session *s, int64_t cycle_id, int64_t org_id, const char *title,
                  int quota, struct dj_err *e);
/* The quota of org for title in the cycle: its override, else the default. */
int nom_quota_of(struct session *s, const struct nom_cycle *c, int64_t org_id,
                 const char *title);
/* 年度 评选名称 组织单位 级别 推荐 公示 文号 状态 under the scope. */
struct row_source *nom_cycle_source(struct session *s);

struct nomination {
	int64_t id;                /* 0: new */
	int64_t version;
	int64_t cycle_id;
	char kind[8];              /* "member" or "org" */
	int64_t member_id;
	int64_t org_id;
	char recipient[128];       /* read back */
	char title[64];            /* 称号 */
	int64_t nominator_id;      /* 推荐单位: the member's branch, the organization's parent */
	char nominator[128];       /* read back */
	char reasons[2048];        /* 推荐理由 */
	char state[16];            /* 已推荐 审核通过 审核不通过 公示中 已批准 未批准 */
	char review_note[256];     /* 审核意见 */
	char decision_reason[256]; /* 未批准原因 */
	char overrides[1024];      /* the rules gone past, one a line */
	char override_reason[256]; /* 越过规则理由 */
	int64_t honour_id;         /* the honour it became */
};

int nomination_load(struct session *s, int64_t id, struct nomination *n, struct dj_err *e);

/* The eligibility rules the recipient fails for n's title in the cycle's
 * year, one message each ("张三的状态为「流出」，须为「正常」"). */
int nominate_breaches(struct session *s, const struct nom_cycle *c, const struct nomination *n,
                      char out[][NOM_RULE_LEN], int cap);

/* 推荐 (new when n->id is 0, or a change while 已推荐): the cycle open
 * (推荐中), the title one of the cycle's and fitting the recipient, the
 * nominating organization in scope, the quota not used up, the rules met —
 * or, with [nominate] rules = warn, the operator of override_role or above
 * giving override_reason, recorded with the rules gone past.  The refusal
 * names the field: recipient, title, reasons or override_reason. */
int nominate_save(struct session *s, struct nomination *n, struct dj_err *e);

/* 审核: pass (审核通过) or fail (审核不通过, note required) a 已推荐. */
int nominate_review(struct session *s, int64_t id, int64_t version, int pass, const char *note,
                    struct dj_err *e);
/* 开始公示 for the cycle: the dates set on it and every 审核通过 moved to
 * 公示中; the cycle becomes 公示中. */
int nominate_publicize(struct session *s, int64_t cycle_id, int64_t version, const char *from,
                       const char *to, struct dj_err *e);
/* 登记异议 on a 公示中 nomination, within the 公示 dates. */
int nominate_object(struct session *s, int64_t nomination_id, const char *date,
                    const char *text, const char *outcome, struct dj_err *e);
/* 处理结果 of an objection still open (its outcome ""), before 审批.
 * Returns the objection's id of a nomination's first open one in *id with
 * nom_objection_open; 0 when none is open. */
int nom_objection_open(struct session *s, int64_t nomination_id, int64_t *id);
int nominate_resolve(struct session *s, int64_t objection_id, const char *outcome,
                     struct dj_err *e);
/* 未批准 a 审核通过 or 公示中 nomination, with the reason. */
int nominate_reject(struct session *s, int64_t id, int64_t version, const char *reason,
                    struct dj_err *e);
/* 审批: 公示 over (to before the date), every objection with its 处理结果;
 * each 公示中 becomes 已批准 and an honour (title, the cycle's level,
 * 批准机关, 文号, date, 事迹 from 推荐理由) — all in one transaction.
 * *approved gets how many. */
int nominate_approve(struct session *s, int64_t cycle_id, int64_t version, const char *date,
                     const char *approved_by, const char *doc_no, int *approved,
                     struct dj_err *e);

/* 状态 推荐对象 类别 称号 推荐单位 异议 of a cycle, under the scope. */
struct row_source *nomination_source(struct session *s, int64_t cycle_id);
/* Objections of a nomination as lines "2026-06-20 内容 → 处理结果". */
int nom_objection_lines(struct session *s, int64_t nomination_id, char out[][NOM_RULE_LEN],
                        int cap);
/* The cycle's nominations with reasons, rules, objections, to .csv/.xlsx. */
int nominate_export(struct session *s, int64_t cycle_id, const char *path, FILE *report,
                    int *exported);
/* Every cycle's nominations under the scope, as the CLI's ledgers table calls it. */
int nominate_export_all(struct session *s, const char *path, FILE *report, int *exported);

/* The evidence shown on a nomination, one line each: for a member the
 * year's 三会一课 attendance, dues paid up to, honours before; for an
 * organization compliance, grade and movement, 立项 results.  Returns the
 * number of lines written. */
int nominate_evidence(struct session *s, const struct nomination *n, int year,
                      char out[][96], int cap);

#endif
