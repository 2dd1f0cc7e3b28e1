/* devstep.h — the steps of 《中国共产党发展党员工作细则》 on a development
 * case: one catalogue of every step in the 细则's order of its five stages,
 * and the steps dev_case has no column for, kept as dev_step rows (推荐,
 * 培养考察 every half year, 听取意见, the two 公示, the 备案, 支委会审查,
 * 上级预审, 入党志愿书, 派人谈话, 编入党小组, 转正申请).
 *
 * A step the catalogue marks `required` must be recorded before the
 * transition into that stage (dev_save checks it, inside its transaction);
 * steps recorded are kept in order (each after the one the 细则 puts before
 * it).  A step named in [develop] optional is not required (不适用 when not
 * recorded).  Cases from before these steps existed have no rows: their
 * passed steps show as 未记录, which is a reminder, never a refusal — only
 * transitions made from now on require them. */
#ifndef DJ_DEVSTEP_H
#define DJ_DEVSTEP_H

#include <stdint.h>

#include "member/devcase.h"

/* What a step holds besides its date. */
enum {
	DS_ROW = 1,        /* a dev_step row (else a dev_case field: `field`) */
	DS_UNTIL = 2,      /* an end date: a 公示 */
	DS_NUMBER = 4,     /* a text: 志愿书编号, 推荐方式, 党小组 (number_label) */
	DS_VOTES = 8,      /* 得票 / 应到 */
	DS_REPEAT = 16,    /* recorded again every half year: 培养考察 */
	DS_OPTIONAL = 32,  /* may be made optional in [develop] */
};

struct dev_step_def {
	const char *key;          /* dev_step.step, and the name in [develop] optional */
	const char *label;        /* as shown and in messages */
	int phase;                /* the 细则's stage, 1 … 5 */
	int required;             /* the stage whose transition requires it (DEV_NSTAGES: none) */
	unsigned has;             /* DS_* */
	const char *field;        /* the dev_case field holding a case step's date */
	const char *number_label; /* for DS_NUMBER */
	const char *note_label;   /* what the 说明 holds */
};
extern const struct dev_step_def dev_steps[];
extern const int dev_nsteps;
/* The phase names 入党申请 … 教育考察和转正, [1] to [5]. */
extern const char *const dev_phase_names[];
/* The step of that key, or NULL. */
const struct dev_step_def *dev_step_find(const char *key);

/* [develop] optional: the steps' bits (1 << catalogue index) named in the
 * list, separated by commas (, or ，).  Names that are no step's, or a step
 * the catalogue does not allow to be optional, are ignored and *bad (may be
 * NULL) gets the first of them. */
unsigned long dev_step_optional_mask(const char *list, char bad[64]);
/* 1 when the step is optional under these rules. */
int dev_step_is_optional(const struct dev_rules *r, const struct dev_step_def *d);

/* One recorded step (every field as text, for forms). */
struct dev_step {
	int64_t id, version, case_id;
	char step[32];
	char done_on[11];
	char until_on[11];
	char number[64];
	char votes[8], of_votes[8];
	char note[256];
};
/* A case's recorded steps, by date: *out is malloc'd (free it); returns how
 * many, or -1 with e. */
int dev_step_list(struct session *s, int64_t case_id, struct dev_step **out, struct dj_err *e);
int dev_step_load(struct session *s, int64_t id, struct dev_step *st, struct dj_err *e);
/* Saves (inserts when id is 0) after the step's own checks and its order
 * against the case and its other steps; version-checked, audited.  编入党小组
 * also puts the member record into that 党小组.  Sets e->field to the
 * dev_step member at fault.  Own BEGIN IMMEDIATE unless in_txn. */
int dev_step_save(struct session *s, struct dev_step *st, int in_txn, struct dj_err *e);
/* The step's own checks (dates, votes, number, may it be recorded at the
 * case's stage) and its order against case c and the case's other steps;
 * r's dates are normalised.  Part of dev_step_save, for the tests too. */
int dev_step_check_row(struct session *s, struct dev_step *r, const struct dev_case *c,
                       struct dj_err *e);
/* 编入党小组 of a case with a member record: puts the member into that
 * 党小组 (member_save checks it is one of the branch's). */
int dev_step_group(struct session *s, const struct dev_case *c, const struct dev_step *r,
                   struct dj_err *e);
/* Removes a recorded step (audited). */
int dev_step_delete(struct session *s, int64_t id, struct dj_err *e);

/* The checks of case `c` (as about to be saved, stage `to`, from `from`)
 * against its recorded steps: a transition's required steps present, the
 * 考察 records covering the activist time, and every recorded step in order
 * with the case's dates.  0, or DJ_INVALID with e->field on the case field
 * (or "steps" for a step to record on the 发展程序 screen). */
int dev_steps_check(struct session *s, const struct dev_rules *r, const struct dev_case *c,
                    enum dev_stage from, enum dev_stage to, struct dj_err *e);

/* The 公示 length rule (a time rule, strict or warn as the others): the
 * breaches of the 公示 the stage `at` has passed, appended to out at *n. */
void dev_step_breaches(struct session *s, const struct dev_rules *r, const struct dev_case *c,
                       enum dev_stage at, struct dev_breach *out, int *n);

/* A step's state on a case, for the 发展程序 screen and `check`. */
enum dev_step_state { DSS_LATER, DSS_DONE, DSS_DUE, DSS_MISSING, DSS_NA };
/* 已完成 待办 未记录 不适用, "" for a later step. */
extern const char *const dev_step_state_names[];
/* The state of catalogue step d on case c, with its recorded rows (n of
 * them); `value` gets its date (a name, hours … for
 * a case field; "" if none), `note` a short description. */
enum dev_step_state dev_step_state(const struct dev_rules *r, const struct dev_case *c,
                                   const struct dev_step_def *d, const struct dev_step *rows,
                                   int n, char value[64], char *note, size_t cap);

/* The steps a case has passed without a record (未记录: cases older than
 * these steps, or recorded elsewhere), their labels joined by 、 into out.
 * Returns how many. */
int dev_steps_missing(const struct dev_rules *r, const struct dev_case *c,
                      const struct dev_step *rows, int n, char *out, size_t cap);

/* 发展程序 of a case: 序号 阶段 步骤 日期 状态 说明, one line per catalogue
 * step (row id: its index + 1) and one per 考察 record under its step (row
 * id DEV_STEP_ROW_ID(dev_step id)).  Due and missing steps are marked, 不适用
 * ones dimmed. */
#define DEV_STEP_ROW_ID(id) (100000 + (id))
struct row_source *dev_step_source(struct session *s, int64_t case_id);

/* Counts working days (Monday to Friday) from a to b, both included. */
int dev_working_days(const char *a, const char *b);

#endif
