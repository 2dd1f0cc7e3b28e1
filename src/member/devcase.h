/* devcase.h — 发展党员: one person's path from 入党申请 to 转正 (DESIGN.md §5,
 * §6), as an explicit state machine.
 *
 *   申请人 ──确定为入党积极分子──▶ 积极分子 ──确定为发展对象──▶ 发展对象
 *        ──接收为预备党员──▶ 预备党员 ──按期转正──▶ 正式党员
 *   申请人, 积极分子, 发展对象 ──终止培养──▶ 终止
 *
 * Each stage requires its dated milestones (hard rules: present, valid, in
 * order, none in the future).  The time rules — age 18 at application, a
 * year as activist, two 介绍人 who are 正式党员, 24 学时 of training, the
 * year of probation — are [develop] rules = strict (refused) or warn (an
 * operator of the configured role goes on by giving a reason, which is
 * recorded in dev_override).  Becoming 预备党员 creates the member record;
 * 转正 makes it 正式党员. */
#ifndef DJ_DEVCASE_H
#define DJ_DEVCASE_H

#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"

enum dev_stage {
	DEV_APPLICANT, DEV_ACTIVIST, DEV_CANDIDATE, DEV_PROBATIONER, DEV_FULL, DEV_ENDED,
	DEV_NSTAGES
};
/* 申请人 积极分子 发展对象 预备党员 正式党员 终止, NULL-terminated. */
extern const char *const dev_stage_names[];
/* The stage of that name, or -1. */
int dev_stage_of(const char *name);

/* Every field as text (forms, CSV).  Field keys are the member names; the
 * personal ones are the same as struct member's. */
struct dev_case {
	int64_t id;
	int64_t version;
	int64_t org_id;             /* set on save from `org` */
	int64_t member_id;          /* the member record, from 预备党员 on */
	char org[128];              /* 所在支部 */
	char name[64];
	char gender[8];
	char ethnicity[32];
	char birth_date[11];
	char id_number[64];       /* room for 18 全角 digits as typed */
	char education[32];
	char phone[32];
	char job[64];
	char stage[16];             /* dev_stage_names; "" for a new case = 申请人 */
	char applied_on[11];        /* 递交入党申请书 */
	char talked_on[11];         /* 谈话 */
	char activist_on[11];       /* 确定为入党积极分子 */
	char mentor1[64], mentor2[64];      /* 培养联系人 */
	char training_hours[8];     /* 集中培训学时 */
	char candidate_on[11];      /* 确定为发展对象 */
	char vetted_on[11];         /* 政治审查 */
	char sponsor1[64], sponsor2[64];    /* 入党介绍人 */
	char branch_meeting_on[11]; /* 支部大会讨论接收 */
	char approved_on[11];       /* 党委审批 */
	char sworn_on[11];          /* 入党宣誓 */
	char extension[4];          /* 延长预备期（月） */
	char confirmed_on[11];      /* 转正 */
	char ended_on[11];          /* 终止培养 */
	char end_reason[128];
	char notes[256];
	char due_on[11];            /* 预备期满 (computed from 支部大会 and the extension) */
};

/* A step of the machine, with what it asks for (a line for the screen). */
struct dev_transition {
	enum dev_stage from, to;
	const char *label;
	const char *needs;
};
/* The transitions allowed from a stage (at most 2) into out; returns how many. */
int dev_transitions(enum dev_stage from, const struct dev_transition *out[2]);
/* The transition from → to, or NULL when the machine has none. */
const struct dev_transition *dev_transition(enum dev_stage from, enum dev_stage to);

/* The stage from which a form field may be filled (its milestone's stage),
 * or -1 for the person's own fields.  Screens leave later stages' fields
 * read-only until the transition that fills them is next. */
int dev_field_stage(const char *key);

/* [develop] of dangjian.ini. */
struct dev_rules {
	int warn;                  /* rules = warn (else strict) */
	enum role override_role;   /* override_role: who may go on in warn mode */
	int min_age;               /* 18 */
	int activist_months;       /* 12 */
	int training_hours;        /* 24 */
	int probation_months;      /* 12 */
	int extension_min;         /* 6 */
	int extension_max;         /* 12 */
	int talk_days;             /* 30: an application should be talked about within */
	int remind_days;           /* 30: how far ahead the 提醒 list looks */
	int notice_days;           /* 5: a 公示 lasts at least (a time rule) */
	int notice_workdays;       /* 1: notice_days counts Monday to Friday only */
	int survey_months;         /* 6: an activist's 培养考察 is recorded every */
	int filing_days;           /* 30: a 备案 is due within, after 确定/审批 */
	unsigned long optional;    /* the steps made optional (devstep.h) */
};
void dev_rules_load(const struct config *c, struct dev_rules *r);

enum { DEV_MAX_BREACHES = 8 };
/* A time rule the case breaks, before any override is considered. */
struct dev_breach {
	const char *rule;          /* age, activist_time, sponsors, training, probation,
	                              notice_candidate, notice_probation (devstep.h) */
	const char *field;         /* the form field to put the cursor on */
	char msg[256];
};
/* The time rules broken by the case at stage `at` (every rule of that stage
 * and those before it).  Returns how many (at most DEV_MAX_BREACHES) were
 * written to out. */
int dev_time_breaches(struct session *s, const struct dev_rules *r, const struct dev_case *c,
                      enum dev_stage at, struct dev_breach out[DEV_MAX_BREACHES]);

/* 1 when breach b must be answered in a save from stage `from` (old: the
 * stored case, NULL for a new one) to `to`: the save enters the stage its
 * rule belongs to, or changes a field the rule reads.  So a rule checked at
 * its own transition is not asked again when later stages are saved (an
 * introducer who has since moved away does not block 转正). */
int dev_breach_relevant(const struct dev_breach *b, enum dev_stage from, enum dev_stage to,
                        const struct dev_case *old, const struct dev_case *now);

/* 预备期满: 支部大会 plus probation and extension ("" before 支部大会). */
void dev_due_on(const struct dev_rules *r, const struct dev_case *c, char out[11]);

int dev_load(struct session *s, int64_t id, struct dev_case *c, struct dj_err *e);

/* The hard rules of stage `at`: required milestones present, milestones of
 * later stages still empty (they are filled when making that transition),
 * dates valid, in order and not in the future, identity, branch.  Sets
 * e->field. */
int dev_validate(struct session *s, const struct dev_case *c, enum dev_stage at,
                 struct dj_err *e);

/* Saves the case at stage `to`: its stored stage for a plain save (a new
 * case is registered as 申请人), or the next stage of an allowed
 * transition.  Optimistic version check, own BEGIN IMMEDIATE unless in_txn.
 * A broken time rule is refused in strict mode; in warn mode, when the
 * operator's role may, *overridable is set to 1 and DJ_INVALID returned
 * until `reason` is given — then the reason is recorded for each broken rule
 * and the save goes on.  Entering 预备党员 creates the member (member_id);
 * 正式党员 updates it.  Personal fields of a case with a member record are
 * taken from that record (it is kept in the 党员信息库). */
int dev_save(struct session *s, struct dev_case *c, enum dev_stage to, const char *reason,
             int in_txn, int *overridable, struct dj_err *e);

/* The reasons recorded for this case, one line each ("规则：理由（操作员 日期）"),
 * into out. Returns how many. */
int dev_overrides(struct session *s, int64_t case_id, char *out, size_t cap);

/* The cases of a subtree (0: all): 姓名 性别 年龄 阶段 申请日期 下一步
 * 所在支部; due ones marked, finished ones dimmed; find by name or initials. */
struct row_source *dev_list_source(struct session *s, int64_t root);
/* 提醒: applications waiting for their talk, activists reaching a year and
 * probationers due for 转正 within remind_days; and the 细则's steps
 * (devstep.h): an activist's half-yearly 考察 falling due, a 公示 ending, a
 * 备案 not recorded filing_days after 确定发展对象 or 审批 (steps made
 * optional are left out): 提醒 姓名 所在支部 到期日 说明,
 * by due date; overdue ones marked.  Row ids are case ids. */
struct row_source *dev_remind_source(struct session *s, int64_t root);
/* How many cases of the subtree are at each stage (out[DEV_NSTAGES]). */
int dev_stage_counts(struct session *s, int64_t root, long out[DEV_NSTAGES]);

#endif
