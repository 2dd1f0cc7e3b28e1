/* evaluate.h — 民主评议党员 (seed 000 三(3)): once a year each
 * organization holds a round at its 民主评议 meeting of 三会一课; every
 * member in good standing (status 正常, of the organization or its 党小组
 * and below, as the sign-in sheet lists them) writes a self-assessment
 * (自评), the members vote, and the branch gives a result: 优秀, 合格,
 * 基本合格 or 不合格 (the words are [evaluate] results).
 *
 * A 不合格 result opens a follow-up on the member's record — 处置 限期改正,
 * 劝退 or 除名, the dates and the decision — listed in 待办 until its done
 * date is recorded (TODO_EVALUATE).  优秀 results are evidence for honours
 * nominations. */
#ifndef DJ_EVALUATE_H
#define DJ_EVALUATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/config.h"
#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"
#include "core/validate.h"
#include "todo/todo.h"

enum { EV_NONE, EV_EXCELLENT, EV_QUALIFIED, EV_BASIC, EV_FAIL, EV_RESULTS };
#define EVAL_NVOTES 4          /* a vote count per result, 优秀 … 不合格 */
#define EVAL_UNSET (-1)        /* a vote count not typed */
#define EVAL_UNDECIDED "未评"

/* ---- the words and the counting (rules.c) ----------------------------- */

struct eval_words {
	char w[EV_RESULTS][32];    /* [0] 未评, then 优秀 合格 基本合格 不合格 */
	int deadline_days;         /* a 限期改正's default 限期 after the decision */
};

/* "优秀,合格,基本合格,不合格": four distinct words.  0, or -1 with why. */
int evaluate_words_parse(const char *text, struct eval_words *w, char why[WHY_MAX]);
/* [evaluate] results and deadline_days (90, 1..730), the defaults for what
 * does not read. */
void evaluate_words_from(const struct config *c, struct eval_words *w);
/* The result's word; EVAL_UNDECIDED for EV_NONE or out of range. */
const char *evaluate_word(const struct eval_words *w, int result);

struct eval_counts {
	int n[EV_RESULTS];         /* [EV_NONE]: not yet decided */
	int total;                 /* lines in the round */
};
/* "参评 12 人：优秀 3  合格 7  基本合格 1  不合格 1  未评 0". */
void evaluate_counts_text(const struct eval_words *w, const struct eval_counts *c, char *out,
                          size_t cap);

/* The four vote counts as typed (全角 digits too; "" not typed, EVAL_UNSET)
 * into v.  0, or DJ_INVALID naming the field (v1..v4) and its label. */
int evaluate_votes_parse(const struct eval_words *w, const char text[EVAL_NVOTES][8],
                         int v[EVAL_NVOTES], struct dj_err *e);
/* The four counts typed on one line, as the sheet's F4 takes them: "12 3 0
 * 0", "12/3/0/0", 全角 digits and separators too; "" clears them all.
 * 0, or DJ_INVALID (field "votes") saying what is wrong. */
int evaluate_votes_read(const char *text, int v[EVAL_NVOTES], struct dj_err *e);
/* The counts as that line: "12/3/0/0", "" when none is typed. */
void evaluate_votes_text(const int v[EVAL_NVOTES], char *out, size_t cap);
/* Labels of the vote counts: 优秀票 … (from the words). */
void evaluate_vote_label(const struct eval_words *w, int k, char *out, size_t cap);

/* ---- rounds (round.c) ------------------------------------------------- */

struct eval_round {
	int64_t id, version, org_id, meeting_id;
	char year[8];
	char org[128];             /* the organization holding the round */
	char held_on[11];          /* 评议日期 */
	char meeting[11];          /* the 民主评议 meeting's date, "" none */
	char notes[256];
	struct eval_counts c;      /* shown */
};

/* This year, the operator's top organization, today. */
void evaluate_round_defaults(struct session *s, struct eval_round *r);
int evaluate_round_load(struct session *s, int64_t id, struct eval_round *r, struct dj_err *e);
/* Validates (field keys: year org held_on meeting notes) and saves with the
 * version check; a new round gets a line for each member in good standing
 * of the organization (and its 党小组 and lower organizations).  会议 is the
 * date of one of the organization's 民主评议 meetings (or empty).  The
 * organization may not change once a result is recorded. */
int evaluate_round_save(struct session *s, struct eval_round *r, struct dj_err *e);
/* Adds the members in good standing of the organization who are not in
 * the round (registered or transferred in since it was set up); *added
 * says how many.  Audited when any. */
int evaluate_round_add_members(struct session *s, int64_t id, int *added, struct dj_err *e);
/* Deletes a round with no result recorded. */
int evaluate_round_delete(struct session *s, int64_t id, int64_t version, struct dj_err *e);
/* The rounds in scope, latest first: 年度 组织 日期 会议 参评 and the four
 * results' counts. */
struct row_source *evaluate_round_source(struct session *s);
/* The organization's 民主评议 meetings, latest first (日期 主题): the F4
 * list of 会议. */
struct row_source *evaluate_meeting_source(struct session *s, int64_t org_id);

/* ---- a member's line (line.c) ----------------------------------------- */

struct eval_line {
	int64_t id, version, round_id, member_id;
	char name[64];
	char tell[32];             /* tells namesakes apart, as the sign-in sheet */
	char org[128];             /* the member's branch or 党小组 */
	int result;                /* EV_NONE .. EV_FAIL */
	char self_note[512];       /* 自评 */
	int v[EVAL_NVOTES];        /* votes for 优秀 … 不合格; EVAL_UNSET */
	char action[16];           /* the follow-up's 处置, "" none */
	int64_t followup_id;
};

/* The round's lines in the sign-in sheet's order; *rows malloc'd. */
int evaluate_lines_load(struct session *s, int64_t round_id, struct eval_line **rows, int *n,
                        struct dj_err *e);
int evaluate_line_load(struct session *s, int64_t id, struct eval_line *l, struct dj_err *e);
void evaluate_count(const struct eval_line *rows, int n, struct eval_counts *c);
/* Saves result, 自评 and votes (field keys self_note v1..v4), version-
 * checked, audited.  A 不合格 result opens its follow-up (限期改正, decided
 * on the round's date, 限期 deadline_days later); another result removes a
 * follow-up with nothing recorded, and is refused once the follow-up has a
 * decision or a done date. */
int evaluate_line_save(struct session *s, struct eval_line *l, struct dj_err *e);

/* ---- follow-ups (followup.c) ------------------------------------------ */

struct eval_followup {
	int64_t id, version, line_id, member_id, org_id;
	char name[64], org[128], year[8];
	char action[16];           /* 限期改正 / 劝退 / 除名 */
	char decided_on[11], deadline[11], done_on[11];
	char decision[512];
};

int evaluate_followup_load(struct session *s, int64_t id, struct eval_followup *f,
                           struct dj_err *e);
/* Validates (action decided_on deadline done_on decision) and updates,
 * version-checked, audited.  限期改正 needs a 限期. */
int evaluate_followup_save(struct session *s, struct eval_followup *f, struct dj_err *e);
/* 待办: follow-ups without a done date — at once while no 处置决定 is
 * recorded (or no 限期 set), then when the 限期 is past or within `ahead`
 * days; TODO_EVALUATE with id the follow-up. */
int evaluate_todo(struct session *s, const char *today, int ahead, todo_emit emit, void *ctx,
                  struct dj_err *e);

/* ---- the member's record, nominations, export (member.c) -------------- */

/* "民主评议：2025 不合格（限期改正 限期 2026-03-31）；2024 合格" (latest
 * `max` years), "民主评议：无" when none. */
void evaluate_member_line(struct session *s, int64_t member_id, int max, char *out, size_t cap);
/* The member's results, latest year first: 年度 组织 结果 处置 限期 完成;
 * the row id is the line. */
struct row_source *evaluate_member_source(struct session *s, int64_t member_id);
/* Lines "2026 年民主评议党员：优秀" for the year; how many were written. */
int evaluate_member_evidence(struct session *s, int64_t member_id, int year, char out[][96],
                             int cap);
/* CSV / xlsx of every line of one round (round_id 0: every round in scope). */
int evaluate_export(struct session *s, int64_t round_id, const char *path, FILE *report,
                    int *exported);
int evaluate_export_all(struct session *s, const char *path, FILE *report, int *exported);

#endif
