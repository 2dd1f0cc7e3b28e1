/* plan.c — seed 003's 实施方案 in the demo township (src/plan/): 驿委(2012)38号
 * with its four phases and some tasks of the 七大活动, two 责任人 each (the
 * township's leaders and branch secretaries), progress notes, and the 两新
 * task split down to the 非公企业 branches with their 公开承诺.  The plan's
 * year is the last one whose 总结验收 (to 09-30) has passed, so on any day
 * the demo holds tasks done, tasks in progress and tasks 逾期. */
#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "demo/demo.h"
#include "plan/plan.h"

#define S(dst, ...) snprintf((dst), sizeof(dst), __VA_ARGS__)

struct demo_phase {
	const char *name, *from, *to;   /* month-day in the plan's year; "" from: none */
};

static const struct demo_phase phases[] = {
	{ "动员部署", "", "04-25" }, { "分类定级", "03-01", "04-30" },
	{ "深入实施", "05-01", "08-31" }, { "总结验收", "08-01", "09-30" },
};

/* A task: its deadline a month-day of the year, a phase, or (ahead > 0)
 * that many months after today; done: the month-day it was done, or NULL. */
struct demo_task {
	const char *group, *body, *deadline, *phase;
	int ahead;
	const char *state, *done;
	const char *who1, *who2;
	const char *note;               /* a progress note, dated at the deadline's phase */
};

static const struct demo_task tasks[] = {
	{ "基层党组织调研走访活动", "组织党员干部、联村工作指导员走访每个支部，做到「五个摸清」，建立台账",
	  NULL, "动员部署", 0, "已完成", "04-20", "魏新法", "洪辉",
	  "已走访全镇各党支部（总支），问题清单已建台账" },
	{ "基层党组织调研走访活动", "开展村级组织换届「回头看」活动（6月底前结束）", "06-30", NULL, 0,
	  "已完成", "06-28", "章伟青", "李国良", NULL },
	{ "基层党组织分类定级活动", "按七项指标对所属基层党组织分类定级，建立工作台账并在一定范围内公开",
	  NULL, "分类定级", 0, "进行中", NULL, "陈狄龙", "林海燕",
	  "自查自评已完成，党员群众评议尚有 3 个支部未组织" },
	{ "集中整顿转化一批后进党组织活动", "按 10% 倒排相对后进村，一村一策、分类指导，整顿转化",
	  NULL, NULL, 2, "进行中", NULL, "王国尧", "陈志明", NULL },
	{ "进一步加强农村基层组织建设活动", "组织农村党组织书记参加科学发展主题轮训（5月下旬）", "05-31",
	  NULL, 0, "已完成", "05-28", "傅飞军", "李国良", NULL },
	{ "强化基层组织运行活动", "加强村级「三资」管理，推进村级集体经济增收五年计划", NULL, NULL, 3,
	  "未开始", NULL, "袁兴祥", "丁建国", NULL },
	{ "深化「娥江先锋」创先争优活动", "抓好新一轮党组织和党员「一句话承诺」", NULL, "深入实施", 0,
	  "已完成", "08-20", "王佳琦", "冯国庆", NULL },
};

static const char *const pledges[] = {
	"七一前完成党员信息摸排，建立流动党员联系卡", "每季度召开一次党员大会，车间设党员示范岗",
	"结对帮扶困难职工 5 户，开展一次技能比武", "建立「党员+骨干」双培养机制，年内发展 1 名积极分子",
};

/* The year whose 总结验收 (to 09-30) is past on today. */
static int plan_year(void)
{
	char now[11];
	int y = 0, m = 0, d = 0;
	sscanf(today(now), "%d-%d-%d", &y, &m, &d);
	return m >= 10 ? y : y - 1;
}

static int add_phases(struct session *s, int64_t plan, int year, struct dj_err *e)
{
	for (size_t i = 0; i < sizeof phases / sizeof *phases; i++) {
		struct plan_phase ph = { .plan_id = plan };
		S(ph.name, "%s", phases[i].name);
		if (*phases[i].from)
			S(ph.from_on, "%d-%s", year, phases[i].from);
		S(ph.to_on, "%d-%s", year, phases[i].to);
		if (plan_phase_save(s, &ph, e))
			return -1;
	}
	return 0;
}

static int add_task(struct session *s, int64_t plan, int year, const struct demo_task *d,
                    struct dj_err *e)
{
	struct plan_task t = { .plan_id = plan };
	char now[11];
	S(t.group, "%s", d->group);
	S(t.body, "%s", d->body);
	if (d->deadline)
		S(t.deadline, "%d-%s", year, d->deadline);
	else if (d->phase)
		S(t.phase, "%s", d->phase);
	else
		date_add_months(today(now), d->ahead, t.deadline);
	S(t.state, "%s", d->state);
	if (d->done)
		S(t.done_on, "%d-%s", year, d->done);
	S(t.people[0].name, "%s", d->who1);
	S(t.people[1].name, "%s", d->who2);
	if (plan_task_save(s, &t, e))
		return -1;
	if (!d->note)
		return 0;
	struct plan_note n = { .task_id = t.id };
	S(n.on_date, "%d-%s", year, d->done ? d->done : "04-28");
	S(n.body, "%s", d->note);
	return plan_note_add(s, &n, e) ? -1 : 0;
}

/* The 两新 task split to the 非公企业 branches: three done by 06-20, the
 * others still going after its 06-30 deadline. */
static int add_split_task(struct session *s, int64_t plan, int year, struct dj_err *e)
{
	struct plan_task t = { .plan_id = plan, .split = 1 };
	S(t.group, "两新组织党建活动");
	S(t.body, "巩固非公企业党组织组建成果，「七一」前基本实现全覆盖；各支部作出公开承诺");
	S(t.deadline, "%d-06-30", year);
	S(t.target_kind, "类别");
	S(t.target_category, "非公企业");
	S(t.people[0].name, "章伟青");
	S(t.people[1].name, "谢永康");
	if (plan_task_save(s, &t, e))
		return -1;
	struct plan_line lines[16];
	int n = plan_lines(s, t.id, lines, 16);
	for (int i = 0; i < n && i < 16; i++) {
		struct plan_line *l = &lines[i];
		S(l->pledge, "%s", pledges[i % 4]);
		if (i < 3) {
			S(l->state, "已完成");
			S(l->done_on, "%d-06-%02d", year, 18 + i);
			S(l->progress, "承诺已兑现，材料已报镇党委组织办");
		} else {
			S(l->state, "进行中");
			S(l->progress, "已制订方案，尚在落实");
		}
		if (plan_line_save(s, l, e))
			return -1;
	}
	return 0;
}

int demo_plan(struct session *s, struct dj_err *e)
{
	int year = plan_year();
	struct plan p = { 0 };
	S(p.year_text, "%d", year);
	S(p.name, "驿亭镇关于开展“基层组织建设年”活动的实施方案");
	S(p.org, "中共驿亭镇委员会");
	S(p.doc_no, "驿委(2012)38号");
	S(p.issued_on, "%d-03-10", year);
	if (plan_save(s, &p, e) || add_phases(s, p.id, year, e))
		return -1;
	for (size_t i = 0; i < sizeof tasks / sizeof *tasks; i++)
		if (add_task(s, p.id, year, &tasks[i], e))
			return -1;
	return add_split_task(s, p.id, year, e);
}
