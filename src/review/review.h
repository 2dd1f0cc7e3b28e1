/* review.h — the review cycle: one engine behind 党支部工作“立项活动”
 * (seed 004) and 标杆学院/样板支部 创建 (seed 001).  Both are the same shape
 *
 *   申报 → 推荐 → (初审) → 评审: 立项/入选 with funds, or 不予立项/未入选
 *        → (公示) → 实施 with 阶段小结 → 中期检查 → 结题 → 验收 (scored)
 *        → 通过: 优秀成果 / 命名;  不通过: 整改 and a second 验收, 撤销 / 通报
 *
 * and differ only in their configuration (struct review_flow): the words of
 * each state and action, which transitions the table holds, and the rules
 * each transition checks.  A batch (批次: a 学年 or a two-year cycle) holds
 * the stage dates, the funding rule, the scoring criteria with their maxima,
 * the 评审组 and the quotas; defaults come from dangjian.ini ([review_project]
 * and [review_create]).  Its settings freeze at the first review decision
 * (立项 / 不予立项 / 入选 / 未入选 / 初审), as a grading round's do.
 *
 * Every transition is allowed only from the states the flow's table lists,
 * only to an operator whose scope covers the application's organization
 * (session_may_write), and is version-checked and audited.
 *
 * Numbers: money is integer fen (1000 元 = 100000) and typed as yuan
 * ("1000", "1000.50"); scores and totals are integer tenths, typed with at
 * most one decimal.  The 总评 of an acceptance is the mean over the
 * reviewers of each one's total over all criteria, rounded half up to one
 * decimal (review_mean).  The balance (拨付 + 配套 − 支出) never goes below
 * zero: a 支出 that would is refused. */
#ifndef DJ_REVIEW_H
#define DJ_REVIEW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"
#include "core/validate.h"
#include "todo/todo.h"

#define REVIEW_MAX_STAGES 8
#define REVIEW_MAX_CRIT 10
#define REVIEW_MAX_REVIEWERS 9

enum review_kind {
	REVIEW_PROJECT,   /* 立项 (seed 004): kind 项目 */
	REVIEW_CREATE,    /* 创建 (seed 001): kinds 标杆学院 and 样板支部 */
};

/* The engine's states, stored as these numbers in review_app.state.  A flow
 * names the ones it uses (review_state_word); the order is the progress
 * order 下一节点 and 逾期 are read against (review_stage.reach). */
enum review_state {
	RV_APPLIED = 1,   /* 已申报 */
	RV_RECOMMENDED,   /* 已推荐 (by the 党总支 / 基层党委) */
	RV_SCREENED,      /* 创建: 初审通过 */
	RV_APPROVED,      /* 立项: 已立项（实施中）; 创建: 拟入选（公示中） */
	RV_STARTED,       /* 创建: 创建中 */
	RV_MIDTERM,       /* 已中期检查 / 已中期评估 */
	RV_CONCLUDED,     /* 已结题（待验收） / 已提交验收材料 */
	RV_PASSED,        /* 验收通过 / 达标（已命名） */
	RV_HONOURED,      /* 立项: 优秀成果 */
	RV_FAILED,        /* 立项: 验收不通过（整改中）; 创建: 不达标（已通报） */
	RV_REFUSED,       /* 不予立项 / 未入选 */
	RV_REVOKED,       /* 已撤销立项 / 已撤销 */
	RV_STATES
};

enum review_action {
	RA_RECOMMEND,     /* 推荐上报 */
	RA_SCREEN,        /* 创建: 初审通过 (the eligibility rules hold) */
	RA_APPROVE,       /* 批准立项 (funds granted) / 确定入选 (quota) */
	RA_REFUSE,        /* 不予立项 / 不予推荐 / 初审不通过 / 未入选, with the reason */
	RA_START,         /* 创建: 公示结束，开始创建 */
	RA_MIDTERM,       /* 中期检查 / 中期评估: needs its note with a result */
	RA_CONCLUDE,      /* 结题 / 提交验收材料: needs the 结题报告 / 成果报告 note */
	RA_ACCEPT,        /* 验收: every reviewer scored every criterion; the 总评
	                     against the pass line gives PASSED or FAILED */
	RA_RESUBMIT,      /* 立项: 整改完成，再次验收 (after the first failed acceptance) */
	RA_HONOUR,        /* 立项: 评为优秀成果 (总评 ≥ excellent line, quota) */
	RA_REVOKE,        /* 撤销立项 / 撤销, with the reason */
	RA_ACTIONS
};

/* ---- the configurations, without the database (flow.c) ---------------- */

struct review_flow {
	enum review_kind kind;
	const char *name;                    /* 党支部工作立项 / 标杆学院和样板支部创建 */
	const char *batch_word;              /* 学年 / 创建周期 */
	const char *state_word[RV_STATES];   /* NULL: a state this flow never uses */
	const char *action_word[RA_ACTIONS]; /* NULL: an action it lacks */
};

const struct review_flow *review_flow_of(enum review_kind k);
/* "立项" -> REVIEW_PROJECT, "创建" -> REVIEW_CREATE; -1 otherwise. */
int review_kind_parse(const char *word);
const char *review_kind_word(enum review_kind k);
/* The flow's word for a state ("" for one it does not use). */
const char *review_state_word(enum review_kind k, int state);
/* The state `a` leads to from `from`, or 0 when the flow's table does not
 * list it.  RA_ACCEPT gives RV_PASSED (review_accept_state decides);
 * RA_RESUBMIT only after a first acceptance (round 1). */
int review_next(enum review_kind k, int from, enum review_action a, int accept_round);
/* The actions allowed from `state`, in menu order; returns how many. */
int review_actions(enum review_kind k, int state, int accept_round,
                   enum review_action out[RA_ACTIONS]);
/* 1 for a state with nothing more to do (优秀成果 is not: it is an end too,
 * but an accepted project may still become one). */
int review_state_final(enum review_kind k, int state);

/* ---- the rules, without the database (rules.c) ------------------------ */

/* Σ totals / n, rounded half up to tenths; -1 when n is 0. */
int review_mean(const int *totals, int n);
/* RV_PASSED at or above pass_line, else RV_FAILED. */
int review_accept_state(int total, int pass_line);
/* Money typed in yuan ("1000", "1,000.5", "１０００") to fen: 0 with *fen,
 * or -1 with why (不是金额 / 最多两位小数 / 太大). */
int review_parse_money(const char *text, int64_t *fen, char why[WHY_MAX]);
/* 100000 -> "1000.00". */
void review_format_money(int64_t fen, char *out, size_t cap);

/* What eligibility is judged on (review_eligibility gathers it). */
struct review_facts {
	char app_kind[16];        /* 标杆学院 / 样板支部 / 项目 */
	char org_kind[16];        /* 党委 / 党总支 / 党支部 */
	char category[32];        /* 组织类别: 学校学生 needs 2 years, not 3 */
	char status[16];          /* 正常 / 撤销 */
	char founded_on[11];
	char on[11];              /* the date judged at (the application's 填表日期) */
	int has_declaration;      /* 未出现重大问题、事件 declared, by whom and when */
	int recommended;          /* others already recommended by the same 上级 in the batch */
	int limit;                /* how many that 上级 may recommend (1, or 1–2 for 机关党委) */
	char parent[128];         /* the 上级 recommending */
};
/* The rules of seed 001 for 创建 (nothing for 项目): each failing one is a
 * line in why ("成立不满 3 年（2024-09-01 成立，至 2026-05-01 不足 3 年）").
 * Returns how many fail. */
int review_check_eligible(const struct review_facts *f, char *why, size_t cap);

/* ---- batches (batch.c) ------------------------------------------------ */

/* A batch as the form shows and types it.  Field keys for dj_err.field:
 * term name org fund fund2 match pass_line excellent_line excellent_max
 * per_org quota_college quota_branch limit_zongzhi limit_jiguan years notes
 * reviewers stage_due1..8 crit_name1..10 crit_max1..10. */
struct review_batch {
	int64_t id;                       /* 0: a new batch */
	int64_t version;
	int64_t org_id;
	enum review_kind kind;
	char term[16];                    /* 学年 "2026-2027" / 周期 "2026-2028" */
	char name[128];
	char org[128];                    /* 组织单位 (full name) */
	char fund[16];                    /* 元: per project / per 样板支部 per year */
	char fund2[16];                   /* 元: per 标杆学院 per year */
	char match[8];                    /* 配套比例 % */
	char pass_line[8];
	char excellent_line[8];
	char excellent_max[8];
	char per_org[8];
	char quota_college[8];
	char quota_branch[8];
	char limit_zongzhi[8];
	char limit_jiguan[8];
	char years[8];
	char reviewers[320];              /* 评审组 "张三、李四、王五" */
	char notes[256];
	int nstage;
	char stage_name[REVIEW_MAX_STAGES][32];
	char stage_due[REVIEW_MAX_STAGES][11];
	int stage_reach[REVIEW_MAX_STAGES];
	int ncrit;
	char crit_name[REVIEW_MAX_CRIT][64];
	char crit_max[REVIEW_MAX_CRIT][8];
	/* shown only */
	char status[16];                  /* 设置中 / 进行中 / 已结束 */
	char frozen_on[11];
	char apps[16];                    /* applications in it */
};

/* Defaults for a new batch of kind k: the coming 学年 (or cycle) from the
 * work year, the top 党委 in the operator's scope, the stage calendar of
 * the seed, and [review_project] / [review_create] of dangjian.ini. */
void review_batch_defaults(struct session *s, enum review_kind k, struct review_batch *b);
int review_batch_load(struct session *s, int64_t id, struct review_batch *b, struct dj_err *e);
/* Validates everything (dates real and in order, maxima positive, quotas
 * within range, reviewers 1..REVIEW_MAX_REVIEWERS distinct) and inserts or
 * updates with the version check.  Once frozen, only name, notes and the
 * stage dates may change: a frozen setting that differs is refused naming
 * its field (批次已开始评审，…不能再修改). */
int review_batch_save(struct session *s, struct review_batch *b, struct dj_err *e);
/* 1 when field `key` may not change in a batch with frozen_on set. */
int review_batch_frozen(const char *key);
/* Deletes a batch without applications. */
int review_batch_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);
/* Batches in the operator's scope, newest first: 类别 学年/周期 名称 组织单位
 * 状态 申报数 逾期数. */
struct row_source *review_batch_list_source(struct session *s, int kind /* -1: both */);

/* ---- applications (app.c) --------------------------------------------- */

/* An application as the form shows and types it.  Field keys: org kind
 * title unit executor secretary filed_on direction why how goal content plan
 * schedule long_reason goal_year1 goal_year2 problems duties declaration ends_on
 * (ends_on: the planned end; a 立项 project past its 学年 needs long_reason). */
struct review_app {
	int64_t id, version, batch_id, org_id;
	char org[128];                    /* 所在支部 / 申报单位 (full name) */
	char kind[16];                    /* 项目 / 标杆学院 / 样板支部 */
	char title[128];
	char unit[128];
	char executor[64];
	char secretary[64];
	char filed_on[11];
	char direction[64];
	char why[1024], how[1024], goal[1024];
	char content[1024], plan[2048], schedule[1024];
	char long_reason[512];
	char goal_year1[1024], goal_year2[1024];
	char problems[1024], duties[1024];
	char declaration[512];
	/* kept by the transitions, shown */
	int state;
	int accept_round;
	char state_word[32];
	char declared_by[64], declared_on[11];
	char recommended_by[64], recommended_on[11];
	char decision[512], decided_on[11];
	char granted[16];                 /* 元 */
	char ends_on[11];
	char total[8];                    /* 总评 "86.7", "" before acceptance */
	char rectify_due[11];
	char outcome[640];                /* 验收通过（date）：the acceptance's opinion … */
	char award[128];
	char reason[512];
};

/* A new application in batch b: today, the kind the batch allows (项目 /
 * 样板支部), the operator's own branch when scoped to one. */
void review_app_defaults(struct session *s, const struct review_batch *b, struct review_app *a);
int review_app_load(struct session *s, int64_t id, struct review_app *a, struct dj_err *e);
/* The application's own fields (not its state): inserted as 已申报, or
 * updated while still 已申报/已推荐 (after that the form is read-only).
 * Refused: an organization outside scope or of the wrong kind (项目 and
 * 样板支部: a 党支部; 标杆学院: a 党总支), a second project of a branch in the
 * batch beyond per_org, a project longer than the batch's years without
 * long_reason, a filed_on outside the batch's 申报 window's year. */
int review_app_save(struct session *s, struct review_app *a, struct dj_err *e);
/* The 立项方向 an application chooses from: [review_project] directions,
 * or seed 004 §三's six areas; how many were written (at most cap). */
int review_directions(struct session *s, char out[][64], int cap);
/* Deletes an application still 已申报, with its notes and fund lines. */
int review_app_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);

/* What a transition carries, as typed in its dialog. */
struct review_step {
	enum review_action action;
	char on[11];                      /* the date it happened (default today) */
	char opinion[512];                /* 批复意见 / 评审意见 / 撤销 reason */
	char amount[16];                  /* RA_APPROVE: funds granted (元; default the batch's) */
	char due[11];                     /* RA_ACCEPT failing (立项): 整改期限; required */
	char award[128];                  /* RA_HONOUR: 奖牌、奖金 */
};

/* Makes transition st->action on application id at version.  Checks, in
 * order: the flow's table (这个状态不能…), the scope, the action's rules
 * (eligibility, quotas, recommendation limits, the notes it needs, complete
 * scores, the excellent line), then stores the new state with what the
 * step carries, freezes the batch at its first decision, grants the funds
 * (a 拨付 line), and writes one audit entry.  DJ_CONFLICT when someone
 * else changed the application first.  On RA_ACCEPT, *result (may be NULL)
 * gets the state reached. */
int review_transition(struct session *s, int64_t id, int64_t version, const struct review_step *st,
                      int *result, struct dj_err *e);

/* 创建: the eligibility rules checked against the records; returns how many
 * fail, each a line in why (0: eligible, why "符合申报条件"). */
int review_eligibility(struct session *s, int64_t app_id, char *why, size_t cap,
                       struct dj_err *e);

/* ---- notes, tasks (notes.c) ------------------------------------------- */

/* Field keys: kind on_date criterion body problems opinion result extends_to. */
struct review_note {
	int64_t id, version, app_id;
	char kind[16];                    /* 阶段小结 延期 中期检查 结题报告 整改 自查报告 公示 成果报告 */
	char on_date[11];
	char criterion[64];               /* 自查报告: the criterion it answers */
	char body[2048];
	char problems[1024];
	char opinion[1024];
	char result[16];                  /* 中期检查: 良好 / 合格 / 需整改 */
	char extends_to[11];              /* 延期: the new end (moves the application's ends_on) */
};
/* Which kinds of note an application may take in its state (a 阶段小结 only
 * while being carried out, a 中期检查 only then, …).  Saving one of another
 * kind is refused naming the state. */
int review_note_save(struct session *s, struct review_note *n, struct dj_err *e);
/* The kinds of note the application takes in its state now, in the order
 * of the stages (static strings); how many, or -1 with e set. */
int review_note_kinds(struct session *s, int64_t app_id, const char **out, int cap,
                      struct dj_err *e);
int review_note_load(struct session *s, int64_t id, struct review_note *n, struct dj_err *e);
int review_note_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);
/* An application's notes, oldest first: 日期 类别 内容 意见/结果. */
struct row_source *review_note_list_source(struct session *s, int64_t app_id);

/* Field keys: task responsible due_on done_on. */
struct review_task {
	int64_t id, version, app_id;
	char task[256];
	char responsible[128];            /* several: 张三、李四 */
	char due_on[11];
	char done_on[11];
};
int review_task_save(struct session *s, struct review_task *t, struct dj_err *e);
int review_task_load(struct session *s, int64_t id, struct review_task *t, struct dj_err *e);
int review_task_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);
/* 任务 责任人 完成期限 完成日期; late ones (past due, not done) marked. */
struct row_source *review_task_list_source(struct session *s, int64_t app_id);

/* ---- funds (funds.c) -------------------------------------------------- */

/* Field keys: kind on_date item amount outside handler. */
struct review_fund {
	int64_t id, version, app_id;
	char kind[8];                     /* 预算 拨付 配套 支出 */
	char on_date[11];
	char item[128];
	char amount[16];                  /* 元 */
	char outside[16];                 /* 配套: the national / provincial grant matched */
	char handler[64];                 /* 经手人 */
};
struct review_money {
	int64_t budget, granted, spent;   /* fen: 预算; 拨付 + 配套; 支出 */
	int64_t balance;                  /* granted − spent, never below zero */
};
/* Inserts or updates a line, in the write transaction that checks the
 * balance after it: a 支出 (or a change of any line) that would leave it
 * below zero is refused (结余不足：…), naming amount.  预算 lines only before
 * the decision; 拨付/配套/支出 only once approved and before acceptance
 * (afterwards the balance belongs to the branch, seed 004 §五).  A 配套 line
 * must be at least the batch's match % of outside. */
int review_fund_save(struct session *s, struct review_fund *f, struct dj_err *e);
int review_fund_load(struct session *s, int64_t id, struct review_fund *f, struct dj_err *e);
int review_fund_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);
int review_money_of(struct session *s, int64_t app_id, struct review_money *m, struct dj_err *e);
/* 日期 类别 事项 金额 经手人 结余 (running balance), oldest first. */
struct row_source *review_fund_list_source(struct session *s, int64_t app_id);

/* ---- scores (scores.c) ------------------------------------------------ */

/* One reviewer's line on an application's 验收评审表 (this acceptance round). */
struct review_score_row {
	int64_t reviewer_id;
	char reviewer[32];
	int score[REVIEW_MAX_CRIT];       /* tenths, -1 when empty */
	int64_t score_id[REVIEW_MAX_CRIT];
	int64_t score_version[REVIEW_MAX_CRIT];
	int total;                        /* tenths, -1 until every criterion is scored */
};
struct review_sheet {
	int64_t app_id;
	int round;
	int ncrit;
	char crit_name[REVIEW_MAX_CRIT][64];
	int crit_max[REVIEW_MAX_CRIT];    /* tenths */
	int64_t crit_id[REVIEW_MAX_CRIT];
	int nrev;
	struct review_score_row rows[REVIEW_MAX_REVIEWERS];
	int mean;                         /* 总评 over the complete rows, -1 none */
	int complete;                     /* every reviewer scored every criterion */
};
/* The sheet of the application's current acceptance round. */
int review_sheet_load(struct session *s, int64_t app_id, struct review_sheet *sh,
                      struct dj_err *e);
/* Saves reviewer row r's scores as typed (-1: empty), each within its
 * criterion's maximum and version-checked; only while 已结题（待验收）.  The
 * sheet is read again on success. */
int review_sheet_save_row(struct session *s, struct review_sheet *sh, int r, const int scores[],
                          struct dj_err *e);

/* ---- ledgers and exports (ledger.c) ----------------------------------- */

/* A batch's ledger: 名称 申报单位 状态 下一节点 (stage and date) 逾期 拨付 支出
 * 结余 总评; 逾期 rows marked.  `today` "YYYY-MM-DD" (NULL: today). */
struct row_source *review_ledger_source(struct session *s, int64_t batch_id, const char *today);
/* The next stage an application has not reached, with its date, and
 * whether that date has passed: 1 late, 0 not, -1 nothing due. */
int review_next_due(struct session *s, int64_t app_id, const char *today, char *stage,
                    size_t stage_cap, char due[11], struct dj_err *e);
/* Writes the batch's ledger as CSV (every application, its money, its 总评
 * and each reviewer's total). */
int review_export_csv(struct session *s, int64_t batch_id, const char *path, FILE *report,
                      int *exported);

/* ---- evidence from the records (evidence.c) --------------------------- */

/* What the program already knows about the application's organization over
 * the batch's span: 三会一课 held against due, grades and rectifications,
 * 发展党员 and dues, honours once they exist; lines of text for the
 * self-check and acceptance forms. */
int review_evidence(struct session *s, int64_t app_id, char *out, size_t cap, struct dj_err *e);
/* The same text as a UTF-8 file for the reviewers (core/outfile.h: 0600,
 * replace only when told), headed by the application's name and the date:
 * 0, or -1 with the reason as the first line of report (evidence_file.c). */
int review_evidence_write(struct session *s, int64_t app_id, const char *path, FILE *report);

/* ---- forms as files (forms.c) ----------------------------------------- */

enum review_form {
	RF_APPLICATION,   /* 立项: 项目申报表; 创建: 示范创建申报书 */
	RF_MIDTERM,       /* 中期检查表 */
	RF_ACCEPTANCE,    /* 验收评审表, with every reviewer's scores */
};
/* Writes the paper form of an application as a UTF-8 text file laid out
 * for printing (core/outfile.h: 0600, replace only when told). */
int review_form_write(struct session *s, int64_t app_id, enum review_form form, const char *path,
                      FILE *report);

/* ---- 待办 (todo.c) ------------------------------------------------------ */

/* The applications in scope whose next stage (review_next_due) or whose
 * own task not done falls before or within `ahead` days of today
 * (TODO_REVIEW, id the application). */
int review_todo(struct session *s, const char *today, int ahead, todo_emit emit, void *ctx,
                struct dj_err *e);

#endif
