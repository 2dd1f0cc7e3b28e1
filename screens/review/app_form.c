/* app_form.c — an application: for 立项 the 申报表 of seed 004 (项目名称,
 * 项目所在单位, 项目执行者, 所在支部, 支部书记, 填表日期, 立项方向, the three
 * design questions, 活动形式和内容, 实施方案, 时间安排, 超期说明); for 创建 the
 * 申报书 of seed 001 (类别, 申报单位, the two years' goals, 问题清单, 责任清单,
 * 预期成果, the declaration of no 重大问题、事件, and whether the rules of
 * eligibility hold).  The state, decision, funds granted, 总评 and outcome
 * show read-only; they move only through F9's transitions.  Past 已推荐 the
 * application is under review and the whole form is read-only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org/org.h"
#include "review/review.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "screens/review/internal.h"
#include "tui/draw.h"
#include "tui/form.h"

/* The application as the form shows it: its record, and for 创建 the
 * eligibility the records give now. */
struct app_rec {
	struct review_app ap;
	char eligible[256];
};

static struct row_source *open_orgs(void *ctx);

static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择党组织", .strict = 1,
};

#define M(member) FORM_MEMBER(struct app_rec, ap.member)
#define RO(k, lab, r, c, w, member, h) \
	{ .key = k, .label = lab, .row = r, .col = c, .width = w, .type = FT_READONLY, M(member), \
	  .help = h }
#define NOTE(k, lab, r, h, member, hint) \
	{ .key = k, .label = lab, .row = r, .col = 2, .width = 60, .height = h, .type = FT_NOTE, \
	  .grow = 1, M(member), .help = hint "\n多行文字：回车换行，Tab 到下一项。" }
#define STATE_FIELDS(r) \
	RO("state_word", "状态：", r, 2, 24, state_word, "申报所处的阶段，只随 F9 的操作改变。"), \
	RO("granted", "拨付（元）：", r, 42, 12, granted, "立项（入选）时拨付的经费。"), \
	RO("decision", "批复意见：", r + 1, 2, 26, decision, "评审组的批复意见或理由。"), \
	RO("total", "总评：", r + 1, 42, 6, total, "验收评审表各评委合计的平均分，四舍五入到一位小数。"), \
	RO("outcome", "结果：", r + 1, 56, 16, outcome, "验收后的结果：优秀成果、命名、通报、撤销等。")

static const struct form_field project_fields[] = {
	{ .key = "title", .label = "项目名称：", .row = 0, .col = 2, .width = 60, .type = FT_TEXT,
	  .required = 1, .max_chars = 60, .grow = 1, M(title), .help = "申报表的项目名称。" },
	{ .key = "unit", .label = "项目所在单位：", .row = 1, .col = 2, .width = 22, .type = FT_TEXT,
	  .max_chars = 40, M(unit), .help = "项目所在的单位（学院、部门），如「机电工程学院」。" },
	{ .key = "org", .label = "所在支部：", .row = 1, .col = 42, .width = 26, .type = FT_LINK,
	  .required = 1, .lookup = &org_lookup, .grow = 1, M(org),
	  .help = "申报项目的党支部，须是本批次组织单位之下的党支部。按 F4 选择，可输拼音首字母。" },
	{ .key = "executor", .label = "项目执行者：", .row = 2, .col = 2, .width = 16, .type = FT_TEXT,
	  .required = 1, .max_chars = 30, M(executor), .help = "负责实施项目的人，可以是几个人，用顿号分隔。" },
	{ .key = "secretary", .label = "支部书记：", .row = 2, .col = 42, .width = 12, .type = FT_TEXT,
	  .max_chars = 20, M(secretary), .help = "申报支部的书记。" },
	{ .key = "filed_on", .label = "填表日期：", .row = 3, .col = 2, .width = 10, .type = FT_DATE,
	  .required = 1, M(filed_on), .help = "申报表的填表日期，须在本批次申报的年份内。" },
	{ .key = "direction", .label = "立项方向：", .row = 3, .col = 42, .width = 22, .type = FT_CHOICE,
	  .required = 1, M(direction),
	  .help = "立项内容所属的方面（实施办法第三条），按 F4 选择，可输拼音首字母。\n"
	          "可在 dangjian.ini 的 [review_project] directions 中配置。" },
	STATE_FIELDS(4),
	NOTE("why", "为什么开展：", 6, 2, why, "为什么要开展这项活动：围绕的中心工作、要解决的薄弱环节。"),
	NOTE("how", "怎样开展：", 8, 2, how, "怎样开展活动：步骤和方法。"),
	NOTE("goal", "预期目标：", 10, 2, goal, "达到什么样的预期目标。"),
	NOTE("content", "形式和内容：", 12, 2, content, "活动形式和内容。"),
	NOTE("plan", "实施方案：", 14, 2, plan, "实施方案：任务、分工、经费预算。"),
	NOTE("schedule", "时间安排：", 16, 2, schedule, "时间安排：各阶段的起止时间。"),
	{ .key = "ends_on", .label = "计划结束：", .row = 18, .col = 2, .width = 10, .type = FT_DATE,
	  M(ends_on), .help = "项目计划完成的日期（延期记录会推后它）。不填时按批次的学年。" },
	{ .key = "long_reason", .label = "超期说明：", .row = 18, .col = 42, .width = 26,
	  .type = FT_TEXT, .grow = 1, M(long_reason),
	  .help = "项目原则上 1 学年内完成；超过批次的项目周期时，须在此说明理由。" },
};

static const char *const create_kinds[] = { "样板支部", "标杆学院", NULL };

static const struct form_field create_fields[] = {
	{ .key = "kind", .label = "类别：", .row = 0, .col = 2, .width = 8, .type = FT_CHOICE,
	  .required = 1, .choices = create_kinds, M(kind),
	  .help = "样板支部由党支部申报；标杆学院由学院党总支申报。按 F4 选择。" },
	{ .key = "org", .label = "申报单位：", .row = 0, .col = 42, .width = 26, .type = FT_LINK,
	  .required = 1, .lookup = &org_lookup, .grow = 1, M(org),
	  .help = "申报的党支部（样板支部）或党总支（标杆学院）。按 F4 选择。" },
	{ .key = "title", .label = "创建名称：", .row = 1, .col = 2, .width = 60, .type = FT_TEXT,
	  .required = 1, .max_chars = 60, .grow = 1, M(title), .help = "如「××党支部样板支部创建」。" },
	{ .key = "executor", .label = "负责人：", .row = 2, .col = 2, .width = 12, .type = FT_TEXT,
	  .required = 1, .max_chars = 20, M(executor), .help = "创建工作的负责人。" },
	{ .key = "secretary", .label = "书记：", .row = 2, .col = 42, .width = 12, .type = FT_TEXT,
	  .max_chars = 20, M(secretary), .help = "申报单位的书记。" },
	{ .key = "filed_on", .label = "填表日期：", .row = 3, .col = 2, .width = 10, .type = FT_DATE,
	  .required = 1, M(filed_on), .help = "申报书的填表日期；成立年限算到这一天。" },
	RO("declared_by", "声明人：", 3, 42, 10, declared_by, "作出声明的操作员。"),
	RO("declared_on", "于：", 3, 64, 10, declared_on, "作出声明的日期。"),
	{ .key = "declaration", .label = "无重大问题声明：", .row = 4, .col = 2, .width = 56,
	  .type = FT_TEXT, .grow = 1, M(declaration),
	  .help = "申报单位近年未出现重大问题、事件的声明，如「本支部近三年未出现重大问题、事件」。\n"
	          "没有声明的申报不符合申报条件；保存时记下声明人和日期。" },
	STATE_FIELDS(5),
	{ .key = "eligible", .label = "申报资格：", .row = 7, .col = 2, .width = 62, .type = FT_READONLY,
	  .grow = 1, .offset = offsetof(struct app_rec, eligible), .size = 256,
	  .help = "按组织档案判断的申报条件：成立年限（学生党支部 2 年，其他 3 年）、\n"
	          "无重大问题的声明、上级推荐名额。不符合的每条都列出。" },
	{ .key = "goal_year1", .label = "第一年目标：", .row = 8, .col = 2, .width = 60, .height = 2,
	  .type = FT_NOTE, .required = 1, .grow = 1, M(goal_year1),
	  .help = "创建第一年的目标。\n多行文字：回车换行，Tab 到下一项。" },
	NOTE("goal_year2", "第二年目标：", 10, 2, goal_year2, "创建第二年的目标。"),
	NOTE("problems", "问题清单：", 12, 2, problems, "对照创建标准查找的问题。"),
	NOTE("duties", "责任清单：", 14, 2, duties, "每项任务的责任人（任务书、路线图、时间表在 F9 创建任务中逐条登记）。"),
	NOTE("goal", "预期成果：", 16, 2, goal, "创建的预期成果。"),
};
#undef M

#define NPROJECT (int)(sizeof project_fields / sizeof *project_fields)
#define NCREATE (int)(sizeof create_fields / sizeof *create_fields)

struct app_form {
	struct session *s;
	struct review_arg *arg;
	struct review_batch b;
	struct app_rec rec;
	struct record_form r;
	struct form_field defs[NPROJECT > NCREATE ? NPROJECT : NCREATE];
	int n;
	char dir_names[15][64];
	const char *dirs[16];
	struct review_arg sub;
	int locked;
};

static struct row_source *open_orgs(void *ctx)
{
	return org_pick_source(((struct app_form *)ctx)->s);
}

static void fill_eligible(struct session *s, struct app_rec *rec)
{
	struct dj_err e;
	char why[1024];
	rec->eligible[0] = 0;
	if (!rec->ap.id || strcmp(rec->ap.kind, "项目") == 0)
		return;
	if (review_eligibility(s, rec->ap.id, why, sizeof why, &e) < 0) {
		snprintf(rec->eligible, sizeof rec->eligible, "%s", e.msg);
		return;
	}
	review_join_lines(why, rec->eligible, sizeof rec->eligible);
}

static int load_app(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	struct app_form *w = ctx;
	struct app_rec *r = rec;
	if (review_app_load(w->s, id, &r->ap, e))
		return -1;
	fill_eligible(w->s, r);
	return 0;
}

static int save_app(void *ctx, void *draft, struct dj_err *e)
{
	return review_app_save(((struct app_form *)ctx)->s, &((struct app_rec *)draft)->ap, e);
}

static const struct record_ops app_ops = {
	.table = "review_app", .size = sizeof(struct app_rec),
	.id_at = offsetof(struct app_rec, ap.id), .words = RECORD_QUIET, .load = load_app,
	.save = save_app,
};

/* 立项方向: the domain's list (dangjian.ini, or seed 004 §三's six areas). */
static void directions(struct app_form *w)
{
	int n = review_directions(w->s, w->dir_names, 15);
	for (int i = 0; i < n; i++)
		w->dirs[i] = w->dir_names[i];
	w->dirs[n] = NULL;
}

static void build_defs(struct app_form *w)
{
	int project = w->b.kind == REVIEW_PROJECT;
	w->n = project ? NPROJECT : NCREATE;
	memcpy(w->defs, project ? project_fields : create_fields, (size_t)w->n * sizeof *w->defs);
	if (!project)
		return;
	directions(w);
	for (int i = 0; i < w->n; i++)
		if (strcmp(w->defs[i].key, "direction") == 0)
			w->defs[i].choices = w->dirs;
}

/* Past 已推荐 the application is the reviewers': the form only shows it,
 * and says why when `tell`. */
static void apply_lock(struct app_form *w, int tell)
{
	int st = w->rec.ap.state;
	w->locked = w->s->role == ROLE_VIEWER || (w->rec.ap.id && st > RV_RECOMMENDED);
	if (!w->locked)
		return;
	record_form_lock(&w->r.f);
	if (!tell)
		return;
	if (w->s->role == ROLE_VIEWER)
		frame_message(MSG_INFO, "您是只读用户，申报只能查看");
	else
		frame_message(MSG_INFO, "本申报已进入评审（%s），申报内容不能再修改；F9 办理下一步",
		              w->rec.ap.state_word);
}

static void *open_form(struct app *a, void *arg)
{
	struct app_form *w = calloc(1, sizeof *w);
	struct dj_err e;
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (review_batch_load(w->s, w->arg->batch_id, &w->b, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(w);
		return NULL;
	}
	if (!w->arg->id)
		review_app_defaults(w->s, &w->b, &w->rec.ap);
	build_defs(w);
	w->r = (struct record_form){ .ops = &app_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, w->defs, w->n, w->arg->id)) {
		free(w);
		return NULL;
	}
	apply_lock(w, 1);
	return w;
}

static void close_form(void *st)
{
	struct app_form *w = st;
	form_free(&w->r.f);
	free(w);
}

/* The application as it is now, after a step or a screen on top changed it;
 * the message line keeps what the step said. */
static void reload(struct app_form *w)
{
	struct app_rec now;
	struct dj_err e;
	if (load_app(w, w->rec.ap.id, &now, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return;
	}
	w->rec = now;
	form_load(&w->r.f, &w->rec);
	apply_lock(w, 0);
	w->arg->changed = 1;
	w->arg->saved_id = w->rec.ap.id;
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct app_form *w = st;
	if (w->sub.changed)
		reload(w);
	w->sub.changed = 0;
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct app_form *w = st;
	char left[256];
	form_draw(&w->r.f);
	snprintf(left, sizeof left, "%s｜%s", w->b.name, w->rec.ap.id ? w->rec.ap.state_word : "新申报");
	frame_status(left, w->locked ? "F9 操作" : "F2 保存  F9 操作");
}

static int save(void *st)
{
	struct app_form *w = st;
	struct app_rec draft;
	if (record_form_save(&w->r, &draft) != RECORD_SAVED)
		return -1;
	w->arg->id = draft.ap.id;
	reload(w);
	frame_message(MSG_INFO, "已保存申报「%s」（%s）", w->rec.ap.title, w->rec.ap.state_word);
	return 0;
}

static enum outcome actions(struct app_form *w, struct app *a)
{
	if (!w->rec.ap.id) {
		frame_message(MSG_ERROR, "申报还没有保存：请先按 F2 保存，再办理推荐、评审等");
		return SCR_HANDLED;
	}
	if (form_is_dirty(&w->r.f)) {
		frame_message(MSG_ERROR, "申报表有未保存的修改：请先按 F2 保存，或按 F5 恢复");
		return SCR_HANDLED;
	}
	switch (review_app_menu(a, w->s, &w->rec.ap, &w->b, &w->sub)) {
	case REVIEW_MENU_PUSHED:
		return SCR_PUSH;
	case REVIEW_MENU_CHANGED:
		reload(w);
		return SCR_REDRAW;
	default:
		return SCR_REDRAW;
	}
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct app_form *w = st;
	if (k.code == K_F9)
		return actions(w, a);
	if (w->locked && (k.code == K_F2 || k.code == K_ENTER)) {
		apply_lock(w, 1);
		return SCR_HANDLED;
	}
	return record_form_key(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        "操作", "退出" };

const struct screen review_app_form_screen = {
	.name = "申报表",
	.help = "一项申报：立项为《党支部工作“立项活动”申报表》，创建为示范创建申报书。\n"
	        "新申报填好后按 F2 保存，状态为已申报；党总支推荐后为已推荐，此前都可修改。\n"
	        "进入评审后申报内容只能查看，状态、批复意见、拨付、总评和结果只随 F9 的操作改变。\n"
	        "F9 操作：按当前状态可办理的下一步（推荐上报、初审、批准立项、不予立项、\n"
	        "中期检查、结题、验收、评为优秀成果、撤销……），以及本申报的记录：\n"
	        "阶段小结与检查记录、经费、验收评分、创建任务、工作实绩（佐证）、导出表格。\n"
	        "创建申报的「申报资格」一栏按组织档案列出不符合的条件（成立年限、声明、名额）。\n"
	        "回车到下一项（多行文字中回车换行，Tab 到下一项）；F4 选择；F5 恢复本项原值；\n"
	        "F3 或 Esc 返回（有修改时询问是否保存）。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
	.resume = resume,
};
