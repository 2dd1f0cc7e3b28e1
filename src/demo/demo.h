/* demo.h — a plausible township for trying the program and for tests. */
#ifndef DJ_DEMO_H
#define DJ_DEMO_H

#include "core/err.h"
#include "core/session.h"

/* Fills an empty database with 驿亭镇's registry (seed 003's 联系表 and the
 * branches a township has): a 镇党委, village 党总支 with their 党支部 and
 * 党小组, village and community branches, enterprise and organ branches.
 * Refused when organizations already exist.  All in one transaction. */
int demo_populate(struct session *s, struct dj_err *e);

/* 党员: every active branch's secretary and members (valid 身份证号, ages 20
 * to 85, a few 预备党员 and minorities; in a branch with 党小组 each member
 * in one of them), some moves and close-outs through their events, and
 * applicants at every stage of 发展党员, a few due. */
int demo_members(struct session *s, struct dj_err *e);

/* 三会一课: a year of meetings for every active branch and its 党小组, with
 * sign-in sheets from the members when there are any (run after the members
 * demo); some branches fall short, a few members stay away. */
int demo_meetings(struct session *s, struct dj_err *e);
/* 党费: the last three months for every member, a few in arrears (nothing
 * without members). */
int demo_dues(struct session *s, struct dj_err *e);

/* 分类定级: last year's round confirmed (every branch scored from every
 * source, published, rectification with some plans accepted and some
 * overdue) and this year's round scored but not yet confirmed, so the
 * ledger shows movement at once. */
int demo_grading(struct session *s, struct dj_err *e);

/* 立项 and 创建 (src/review/): last 学年's 立项 batch with a project in every
 * state (申报 overdue, 不予立项, 实施中, 中期, 验收不通过, 验收通过, 优秀成果,
 * 撤销) and this year's 样板支部 cycle with an eligible applicant screened and
 * a branch founded two years ago that the rules refuse. */
int demo_review(struct session *s, struct dj_err *e);

/* Past honours (src/honour/): 七一 commendations of the last years for a
 * few members and branches, a 党建示范点, a 追授 and one 撤销. */
int demo_honours(struct session *s, struct dj_err *e);

/* Seed 000's 示范工程 (src/showcase/): two 党员示范岗 with notes and last
 * year's 考核, two 示范寝室 with their 检查评比, two 示范点 with a check. */
int demo_showcase(struct session *s, struct dj_err *e);

/* A commendation cycle of the 镇党委 in 公示 today (src/honour/nominate.h):
 * two members and a branch nominated and passed, one objection answered and
 * one still open. */
int demo_nominate(struct session *s, struct dj_err *e);

/* 督导 (src/supervise/): three months of 月报 and this month's first, some
 * missing and a few late; a 督导检查 with one follow-up overdue; the
 * liaison leaders' visits, one of them not at his 联系点 for five months. */
int demo_supervise(struct session *s, struct dj_err *e);
/* Last year's 述职评议 of the 镇党委 (src/appraise/): every 党总支 and
 * 党支部 with its secretary's 述职 in December and both groups' votes,
 * grades from 好 to 差; the round closed. */
int demo_appraise(struct session *s, struct dj_err *e);
/* Last year's 民主评议党员 (src/evaluate/) of three branches with members,
 * held at their 民主评议 meeting: results from 优秀 to 不合格, one member
 * 不合格 with an open 限期改正. */
int demo_evaluate(struct session *s, struct dj_err *e);
/* Seed 003's 实施方案 (src/plan/): 驿委(2012)38号 with its four phases, tasks
 * of the 七大活动 with two 责任人 each (done, in progress, 逾期), and the
 * 两新 task split to the 非公企业 branches with their 公开承诺. */
int demo_plan(struct session *s, struct dj_err *e);
/* 关怀帮扶 (src/care/): the first five members the 老党员 rule takes in,
 * listed last December; two 生活困难 (one since moved off) and one 因病;
 * this year's 春节 visits to some of them, so 本年未慰问 names the rest. */
int demo_care(struct session *s, struct dj_err *e);
/* This year's 教育培训 (src/training/): the 镇党委's 春训 and 网络学习, a
 * village's 专题培训, some members away, a few with their own hours. */
int demo_training(struct session *s, struct dj_err *e);

#endif
