/* review.c — the demo township's two review cycles (src/review/review.h):
 *
 * 立项: last 学年's batch, whose acceptance is over, with a project in
 * every state — one still only 申报 (逾期: never recommended), one 不予立项,
 * one 实施中 whose mid-term check is overdue, one checked at mid-term but
 * not concluded, one 验收不通过 waiting on its second acceptance, one
 * accepted, one 优秀成果 and one 撤销.
 *
 * 创建: this year's 样板支部 cycle at 初审: an eligible applicant recommended
 * and screened, and the registry's youngest branch (founded two years ago,
 * demo.c) that the rules refuse.
 *
 * Everything goes through the engine's own rules, with dates relative to
 * today(), so the ledger shows 逾期 and balances at once. */
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/validate.h"
#include "demo/demo.h"
#include "review/review.h"

#define S(dst, ...) snprintf((dst), sizeof(dst), __VA_ARGS__)

/* The 学年 whose acceptance (next May) has passed: Y-(Y+1). */
static int last_school_year(void)
{
	char now[11];
	int y = 0, m = 0;
	sscanf(today(now), "%d-%d", &y, &m);
	return m > 5 ? y - 1 : y - 2;
}

static int project_batch(struct session *s, int y, int64_t *id, struct dj_err *e)
{
	struct review_batch b;
	review_batch_defaults(s, REVIEW_PROJECT, &b);
	S(b.term, "%d-%d", y, y + 1);
	S(b.name, "%d—%d 学年党支部工作“立项活动”", y, y + 1);
	S(b.org, "中共驿亭镇委员会");
	S(b.reviewers, "陈狄龙、林海燕、王佳琦");
	/* seed 004's calendar for that 学年 */
	static const char *const due[] = { "%d-04-10", "%d-05-10", "%d-05-31", "%d-03-31", "%d-05-31" };
	for (int i = 0; i < b.nstage && i < 5; i++)
		S(b.stage_due[i], due[i], i < 3 ? y : y + 1);
	if (review_batch_save(s, &b, e))
		return -1;
	*id = b.id;
	return 0;
}

/* A project as a branch files it. */
struct project {
	const char *org, *title, *direction, *executor, *why, *how, *goal;
	int reach;          /* the state the demo takes it to */
	int percent;        /* how the reviewers see it at acceptance */
};

static const struct project projects[] = {
	{ "鲁溪闸村党支部", "党员“积分制”管理试点", "加强党员教育管理", "徐国平",
	  "党员教育管理松散，评先评优缺少依据", "按月记录党员参加组织生活、志愿服务的积分",
	  "形成可推广的党员积分管理办法", RV_APPLIED, 0 },
	{ "马慢桥党支部", "村史馆讲解员培训", "创新党支部活动", "沈明华",
	  "村史馆缺少讲解力量", "从党员中选拔讲解员集中培训", "每月开放讲解四次", RV_REFUSED, 0 },
	{ "贾家村党支部", "“红色微课堂”党员讲党课🎤", "加强党员队伍作风建设", "贾海林",
	  "年轻党员讲党课的机会少", "每月一名党员上台讲十五分钟微党课", "一年培养十名党员讲师",
	  RV_APPROVED, 0 },
	{ "袍江村党支部", "党员联户👨‍👩‍👧 服务零距离", "服务型党支部建设", "杜建新",
	  "外出务工家庭多，留守老人缺人照看", "每名党员联系五户留守家庭，每周走访一次",
	  "联户走访全覆盖，群众满意度明显提升", RV_MIDTERM, 0 },
	{ "五夫村第一党支部", "发展党员全程纪实", "提高发展党员工作质量", "赵志刚",
	  "发展党员材料不全、程序记录不清", "为每名发展对象建立纪实档案，支委会逐月审核",
	  "发展党员程序零差错", RV_FAILED, 52 },
	{ "二都村党支部", "乡村振兴党员先锋队", "服务型党支部建设", "陈志明",
	  "村集体经济薄弱，党员作用发挥不够", "组建党员先锋队，认领产业项目",
	  "带动十户以上农户增收", RV_PASSED, 80 },
	{ "联桥村党支部", "“𠮷祥联桥”党建品牌创建", "创新党支部活动", "李国良",
	  "支部活动形式单一，群众参与少", "打造党员议事厅、红色文化墙，开展“党员+N”结对",
	  "形成一个叫得响的支部党建品牌", RV_HONOURED, 92 },
	{ "孝丰村党支部", "党员志愿服务站", "服务型党支部建设", "张伟",
	  "志愿服务缺少固定阵地", "在村委会设立党员志愿服务站，每周六开放", "常态化开展志愿服务",
	  RV_REVOKED, 0 },
};

static int file_project(struct session *s, int64_t batch_id, const struct review_batch *b,
                        const struct project *p, int y, struct review_app *a, struct dj_err *e)
{
	review_app_defaults(s, b, a);
	S(a->org, "%s", p->org);
	S(a->title, "%s", p->title);
	S(a->unit, "中共驿亭镇委员会");
	S(a->executor, "%s", p->executor);
	S(a->secretary, "%s", p->executor);
	S(a->filed_on, "%d-05-06", y);
	S(a->direction, "%s", p->direction);
	S(a->why, "%s", p->why);
	S(a->how, "%s", p->how);
	S(a->goal, "%s", p->goal);
	S(a->content, "主题党日、专题学习、结对帮扶相结合");
	S(a->plan, "一、动员部署（6月）；二、组织实施（7月至次年4月）；三、总结提升（次年5月）");
	S(a->schedule, "%d 年 6 月至 %d 年 5 月", y, y + 1);
	a->batch_id = batch_id;
	return review_app_save(s, a, e);
}

static int step(struct session *s, struct review_app *a, enum review_action act, const char *on,
                const char *opinion, int *result, struct dj_err *e)
{
	struct review_step st = { .action = act };
	S(st.on, "%s", on);
	S(st.opinion, "%s", opinion ? opinion : "");
	if (review_transition(s, a->id, a->version, &st, result, e))
		return -1;
	return review_app_load(s, a->id, a, e);
}

static int note(struct session *s, int64_t app_id, const char *kind, const char *on,
                const char *body, const char *result, struct dj_err *e)
{
	struct review_note n = { .app_id = app_id };
	S(n.kind, "%s", kind);
	S(n.on_date, "%s", on);
	S(n.body, "%s", body);
	S(n.result, "%s", result ? result : "");
	if (result)
		S(n.opinion, "按计划推进，注意留存过程资料");
	return review_note_save(s, &n, e);
}

static int spend(struct session *s, int64_t app_id, const char *on, const char *item,
                 const char *amount, struct dj_err *e)
{
	struct review_fund f = { .app_id = app_id };
	S(f.kind, "支出");
	S(f.on_date, "%s", on);
	S(f.item, "%s", item);
	S(f.amount, "%s", amount);
	S(f.handler, "会计 周建芬");
	return review_fund_save(s, &f, e);
}

/* Every reviewer scores every criterion near `percent` of its maximum. */
static int score(struct session *s, int64_t app_id, int percent, struct dj_err *e)
{
	struct review_sheet sh;
	if (review_sheet_load(s, app_id, &sh, e))
		return -1;
	for (int r = 0; r < sh.nrev; r++) {
		int v[REVIEW_MAX_CRIT];
		for (int c = 0; c < sh.ncrit; c++) {
			int x = (sh.crit_max[c] * (percent + (r + c) % 3 - 1) + 50) / 100;
			v[c] = x > sh.crit_max[c] ? sh.crit_max[c] : x;
		}
		if (review_sheet_save_row(s, &sh, r, v, e))
			return -1;
	}
	return 0;
}

/* The steps after 立项, as far as p->reach. */
static int carry_out(struct session *s, struct review_app *a, const struct project *p, int y,
                     struct dj_err *e)
{
	char on[11];
	S(on, "%d-09-15", y);
	if (note(s, a->id, "阶段小结", on, "完成动员部署，制定月度计划，首批活动已开展", NULL, e) ||
	    spend(s, a->id, on, "活动资料印制", "186.50", e))
		return -1;
	if (p->reach == RV_APPROVED)
		return 0;
	S(on, "%d-03-20", y + 1);
	if (note(s, a->id, "中期检查", on, "已完成计划活动的六成，党员参与面广", "良好", e) ||
	    step(s, a, RA_MIDTERM, on, NULL, NULL, e))
		return -1;
	if (p->reach == RV_MIDTERM)
		return 0;
	S(on, "%d-05-10", y + 1);
	if (spend(s, a->id, on, "成果汇编与展板制作", "420", e) ||
	    note(s, a->id, "结题报告", on, "项目按计划完成，形成制度两项、案例汇编一册", NULL, e) ||
	    step(s, a, RA_CONCLUDE, on, NULL, NULL, e) || score(s, a->id, p->percent, e))
		return -1;
	struct review_step st = { .action = RA_ACCEPT };
	S(st.on, "%d-05-25", y + 1);
	S(st.opinion, p->reach == RV_FAILED ? "过程资料不全，党员参与记录缺失" : "达到预期目标");
	if (p->reach == RV_FAILED)
		date_add_months(st.on, 3, st.due);
	if (review_transition(s, a->id, a->version, &st, NULL, e) || review_app_load(s, a->id, a, e))
		return -1;
	if (p->reach != RV_HONOURED)
		return 0;
	struct review_step h = { .action = RA_HONOUR };
	S(h.on, "%d-06-10", y + 1);
	S(h.opinion, "创意新、效果突出");
	S(h.award, "奖牌一块，奖金 2000 元");
	return review_transition(s, a->id, a->version, &h, NULL, e);
}

static int run_project(struct session *s, int64_t batch_id, const struct review_batch *b,
                       const struct project *p, int y, struct dj_err *e)
{
	struct review_app a;
	char on[11];
	if (file_project(s, batch_id, b, p, y, &a, e))
		return -1;
	if (p->reach == RV_APPLIED)
		return 0;
	S(on, "%d-05-08", y);
	if (step(s, &a, RA_RECOMMEND, on, NULL, NULL, e))
		return -1;
	S(on, "%d-05-25", y);
	if (p->reach == RV_REFUSED)
		return step(s, &a, RA_REFUSE, on, "与支部日常工作重合，创新性不足", NULL, e);
	if (step(s, &a, RA_APPROVE, on, "同意立项，拨付经费 1000 元", NULL, e))
		return -1;
	if (p->reach == RV_REVOKED) {
		S(on, "%d-11-20", y);
		return step(s, &a, RA_REVOKE, on, "阵地选址未落实，支部申请撤销", NULL, e);
	}
	return carry_out(s, &a, p, y, e);
}

/* A 申报书's tasks with their 责任人 and its budget. */
static int plan_creation(struct session *s, int64_t app_id, const char *now, struct dj_err *e)
{
	static const struct { const char *task, *who; int months; } tasks[] = {
		{ "修订支部“三会一课”、主题党日制度并上墙", "组织委员", 3 },
		{ "建成党员活动室和线上学习平台", "宣传委员、纪检委员", 8 },
		{ "总结提炼支部工作法，形成案例汇编", "支部书记", 20 },
	};
	for (int i = 0; i < 3; i++) {
		struct review_task t = { .app_id = app_id };
		S(t.task, "%s", tasks[i].task);
		S(t.responsible, "%s", tasks[i].who);
		date_add_months(now, tasks[i].months, t.due_on);
		if (review_task_save(s, &t, e))
			return -1;
	}
	static const struct { const char *item, *amount; } budget[] = {
		{ "党员活动室改造", "6000" }, { "学习资料与宣传展板", "2500" }, { "案例汇编印制", "1500" },
	};
	for (int i = 0; i < 3; i++) {
		struct review_fund f = { .app_id = app_id };
		S(f.kind, "预算");
		S(f.item, "%s", budget[i].item);
		S(f.amount, "%s", budget[i].amount);
		if (review_fund_save(s, &f, e))
			return -1;
	}
	return 0;
}

/* 样板支部: this year's cycle, at 初审. */
static int create_batch(struct session *s, struct dj_err *e)
{
	char now[11];
	int y = 0;
	sscanf(today(now), "%d", &y);
	struct review_batch b;
	review_batch_defaults(s, REVIEW_CREATE, &b);
	S(b.term, "%d-%d", y, y + 2);
	S(b.name, "%d—%d 年度党建工作样板支部培育创建", y, y + 2);
	S(b.org, "中共驿亭镇委员会");
	S(b.reviewers, "章伟青、陈狄龙、郑文静");
	/* The cycle has just opened: 申报 closes next month, so nothing is late
	 * yet (seed 001's own dates are fixed months of the year). */
	static const int months[] = { -2, 1, 2, 14, 23, 24 };
	for (int i = 0; i < b.nstage && i < 6; i++)
		date_add_months(now, months[i], b.stage_due[i]);
	if (review_batch_save(s, &b, e))
		return -1;

	static const char *const orgs[] = { "镇中心学校党支部", "驿亭镇新时代文明实践所党支部" };
	static const char *const secretaries[] = { "郑文静", "钱丽萍" };
	for (int i = 0; i < 2; i++) {
		struct review_app a;
		review_app_defaults(s, &b, &a);
		a.batch_id = b.id;
		S(a.kind, "样板支部");
		S(a.org, "%s", orgs[i]);
		S(a.title, "%s样板支部创建", orgs[i]);
		S(a.executor, "%s", secretaries[i]);
		S(a.secretary, "%s", secretaries[i]);
		S(a.filed_on, "%s", now);
		S(a.goal_year1, "健全“三会一课”等制度，七个有力全面达标");
		S(a.goal_year2, "形成可复制的支部工作法，在全镇推广");
		S(a.problems, "1. 党员教育形式单一\n2. 服务群众载体不足");
		S(a.duties, "书记负总责；组织委员负责制度建设；宣传委员负责宣传阵地");
		S(a.goal, "支部工作法一套，典型案例两个");
		S(a.declaration, "本支部在党建和意识形态领域未出现突出问题，未发生影响安全稳定的重大事件");
		if (review_app_save(s, &a, e) || plan_creation(s, a.id, now, e) ||
		    step(s, &a, RA_RECOMMEND, now, NULL, NULL, e))
			return -1;
		if (i == 0 && step(s, &a, RA_SCREEN, now, "材料齐全，符合申报条件", NULL, e))
			return -1;
	}
	return 0;
}

int demo_review(struct session *s, struct dj_err *e)
{
	int y = last_school_year();
	int64_t batch_id;
	struct review_batch b;
	if (project_batch(s, y, &batch_id, e) || review_batch_load(s, batch_id, &b, e))
		return -1;
	for (size_t i = 0; i < sizeof projects / sizeof *projects; i++)
		if (run_project(s, batch_id, &b, &projects[i], y, e))
			return -1;
	return create_batch(s, e);
}
