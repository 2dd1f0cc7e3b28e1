/* plan.h — 工作计划 (issue 13, seeds 000 and 003 实施方案): a plan (年度,
 * 名称, 印发单位, 文号, 日期) with its phases, groups of tasks, tasks with up
 * to four 责任人, the organizations a task applies to, a deadline (a date,
 * or a phase whose end is the deadline), dated progress notes, and a task
 * split down to its branches (工作项目化、项目责任化、责任具体化) as one line
 * per branch with its own 公开承诺, progress and state.
 *
 * States as stored are 未开始 / 进行中 / 已完成 (with 完成日期).  逾期 is never
 * stored: a task or line is 逾期 when its deadline has passed and it is not
 * 已完成 (rules.c, reached by the unit test without a database).  A split
 * task's state rolls up from its lines. */
#ifndef DJ_PLAN_H
#define DJ_PLAN_H

#include <stdint.h>
#include <stdio.h>

#include "bulletin/bulletin.h"
#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"
#include "todo/todo.h"

#define PLAN_MAX_PEOPLE 4
#define PLAN_LATE "逾期"

/* ---- the rules (rules.c) ---- */

extern const char *const plan_states[];        /* 未开始 进行中 已完成, NULL-terminated */
extern const char *const plan_target_kinds[];  /* 本级 下属全部 全部党支部 类别 */

/* 1 when a record in `stored` state with `deadline` ("" = none) is late on
 * `today`: the deadline day itself is not late, the day after is. */
int plan_is_late(const char *stored, const char *deadline, const char *today);
/* The state shown: 逾期 when late, else the stored state. */
const char *plan_state_of(const char *stored, const char *deadline, const char *today);
/* A split task's stored state from its lines': all 已完成 -> 已完成; any
 * 进行中 or 已完成 -> 进行中; else (or none) 未开始. */
const char *plan_rollup(const char *const *line_states, int n);
/* The same from counts: n lines, done of them 已完成, going 进行中. */
const char *plan_rollup_counts(int n, int done, int going);
/* A state with its 完成日期: the state one of plan_states; 已完成 needs a
 * valid date not after today (normalized in place), the others none.
 * Fields named state_key / done_key. */
int plan_check_state(const char *state, char done_on[11], const char *state_key,
                     const char *done_key, struct dj_err *e);

/* ---- a plan (plan.c) ---- */

struct plan {
	int64_t id;                /* 0: new */
	int64_t version;
	int year;                  /* 年度 */
	char year_text[8];         /* as typed */
	char name[128];            /* 方案名称 */
	int64_t org_id;            /* 印发单位 */
	char org[128];             /* its name (typed or read back) */
	char doc_no[64];           /* 文号: 驿委(2012)38号 */
	char issued_on[11];        /* 印发日期 */
};
int plan_load(struct session *s, int64_t id, struct plan *p, struct dj_err *e);
/* Validates (年度 1921..next year, 名称, 印发单位 exists and in scope, 日期)
 * and saves; version-checked; audited.  On failure what was typed stays. */
int plan_save(struct session *s, struct plan *p, struct dj_err *e);
/* The organization named exactly `name` (0 with *id), else DJ_INVALID on key. */
int plan_org_named(struct session *s, const char *name, const char *key, int64_t *id,
                   struct dj_err *e);

struct plan_phase {
	int64_t id;
	int64_t version;
	int64_t plan_id;
	int seq;                   /* 序号, set on add: the next one */
	char name[64];             /* 阶段名称 */
	char from_on[11];          /* 起始日期, "" = from the plan's start */
	char to_on[11];            /* 截止日期 */
};
int plan_phase_load(struct session *s, int64_t id, struct plan_phase *ph, struct dj_err *e);
/* 名称 and 截止日期 required, 起始 not after 截止, the name once per plan. */
int plan_phase_save(struct session *s, struct plan_phase *ph, struct dj_err *e);
/* Refused while a task takes its deadline from the phase. */
int plan_phase_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);
/* The phases of a plan in order; count (up to cap written) or -1. */
int plan_phases(struct session *s, int64_t plan_id, struct plan_phase *out, int cap);
/* The groups' names of a plan in order; count or -1. */
int plan_groups(struct session *s, int64_t plan_id, char out[][64], int cap);

/* ---- a task (task.c) ---- */

struct plan_person {
	char name[64];             /* 姓名 as typed */
	int64_t member_id;         /* 0: not a member (or not matched) */
	char login[64];            /* an operator's login, "" when none */
};

struct plan_task {
	int64_t id;
	int64_t version;
	int64_t plan_id;
	char group[64];            /* 任务分组: made on first use */
	char body[512];            /* 任务内容 */
	char deadline[11];         /* 完成期限, "" when a phase gives it */
	char phase[64];            /* 期限阶段 by name, "" when a date gives it */
	char state[16];            /* stored: 未开始 进行中 已完成 (a split task: rolled up) */
	char done_on[11];
	struct plan_person people[PLAN_MAX_PEOPLE];   /* 责任人; empty names skipped */
	char target_kind[16];      /* plan_target_kinds; "" = 本级 */
	char target_org[128];      /* 对象组织 by name; "" = the plan's organization */
	char target_category[32];  /* 类别, for target_kind 类别 */
	int split;                 /* 分解到支部 */
	/* read back */
	char due[11];              /* the deadline in effect */
	char shown[16];            /* plan_state_of on today */
	int nlines;
};
int plan_task_load(struct session *s, int64_t id, struct plan_task *t, struct dj_err *e);
/* Validates and saves: 内容; 期限 a date or a phase of the plan (one, not
 * both); at least one 责任人, each matched to a member or operator when the
 * name is one (a name shared by several members is refused: F4); targets;
 * state.  A split task gets a line for each target branch it has not yet
 * (lines are never dropped: their records stay); its state is rolled up and
 * cannot be set by hand.  Scope: the plan's organization.  Version-checked;
 * audited. */
int plan_task_save(struct session *s, struct plan_task *t, struct dj_err *e);
/* 责任人 `name` as a member (one of that name) or operator (display name or
 * login): fills p; a name that is neither is kept as typed (0).  Several
 * members of the name: DJ_INVALID on key. */
int plan_person_match(struct session *s, const char *name, const char *key,
                      struct plan_person *p, struct dj_err *e);

/* The branches a task's targets name (党支部 under the target), at most
 * cap ids written; count or -1. */
int plan_target_orgs(struct session *s, const struct plan_task *t, int64_t *out, int cap,
                     struct dj_err *e);

struct plan_line {
	int64_t id;
	int64_t version;
	int64_t task_id;
	int64_t org_id;
	char org[128];             /* read back */
	char pledge[512];          /* 公开承诺 */
	char progress[512];        /* 进展情况 */
	char state[16];
	char done_on[11];
	char shown[16];            /* read back: plan_state_of */
};
/* The lines of a task in the branches' order; count or -1. */
int plan_lines(struct session *s, int64_t task_id, struct plan_line *out, int cap);
/* How a task's lines stand: all, 已完成, 进行中 and 逾期 (today); 0 or -1. */
int plan_line_counts(struct session *s, int64_t task_id, int *n, int *done, int *going,
                     int *late);
int plan_line_load(struct session *s, int64_t id, struct plan_line *l, struct dj_err *e);
/* Scope: the line's branch.  Version-checked; audited; rolls the task up. */
int plan_line_save(struct session *s, struct plan_line *l, struct dj_err *e);

struct plan_note {
	int64_t id;
	int64_t task_id;
	char on_date[11];
	char body[512];
	char by[64];               /* read back: who wrote it */
};
/* Add-only, audited; the date not after today. */
int plan_note_add(struct session *s, struct plan_note *n, struct dj_err *e);
/* Newest first; count or -1. */
int plan_notes(struct session *s, int64_t task_id, struct plan_note *out, int cap);

/* ---- ledgers and export (ledger.c) ---- */

/* Plans under the operator's scope, newest year first. */
struct row_source *plan_source(struct session *s);
/* The tasks of a plan (0: of every plan of `year`) — 组 任务 责任人 期限
 * 状态 — 逾期 flagged, found by text or 责任人, sorted by 期限 first. */
struct row_source *plan_task_source(struct session *s, int64_t plan_id, int year);
/* 责任人 view: one row per person and task, the nearest deadline first,
 * open ones before done ones; `person` ("" = all) filters by name. */
struct row_source *plan_person_source(struct session *s, const char *person);
/* The task a row of the 责任人 view (its id) stands for; 0 when gone. */
int64_t plan_person_task(struct session *s, int64_t row_id);
/* F4 on a 责任人: members in good standing (name, branch) and operators
 * (display name, 操作员), by name or pinyin initials. */
struct row_source *plan_person_pick_source(struct session *s);
/* The branch lines of a split task: 党支部 承诺 进展 状态, 逾期 flagged. */
struct row_source *plan_line_source(struct session *s, int64_t task_id);
/* The plan's latest (highest year, then id) under scope, 0 when none. */
int64_t plan_current(struct session *s);
/* Tasks (with their lines) of plan_id (0: all under scope) to path. */
int plan_task_export(struct session *s, int64_t plan_id, const char *path, FILE *report,
                     int *exported);
/* Every plan's tasks under scope: `dangjian export plan-tasks FILE`. */
int plan_task_export_all(struct session *s, const char *path, FILE *report, int *exported);

/* ---- providers for 待办 and 通报 (duty.c) ---- */

/* TODO_TASK items (id: the task; org_id: the line's branch for a split
 * task, else the plan's organization) late on today or due within ahead
 * days, not 已完成, under scope; who = 责任人 joined by 、. */
int plan_todo(struct session *s, const char *today, int ahead, todo_emit emit, void *ctx,
              struct dj_err *e);
/* BUL_TASK_OVERDUE: tasks and branch lines whose deadline falls before
 * `to` (within [from, to) or earlier) and that were not 已完成 on `to`
 * (not done, or done after it); a split task reports each late branch. */
int plan_bulletin_overdue(struct session *s, int64_t root, const char *from, const char *to,
                          bulletin_emit emit, void *ctx, struct dj_err *e);

#endif
