/* round_form.c — 定级设置: a round's year, name, 组织单位, grade
 * words, thresholds, proportion guide, rectification deadline, and its
 * indicators and sources side by side.  Once scoring starts the scoring
 * settings show read-only (the domain refuses them too); a confirmed round
 * is read-only whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grading/grading.h"
#include "org/org.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/form.h"

struct round_form {
	struct session *s;
	struct grading_arg *arg;
	struct grading_settings rec;   /* as loaded: the original for conflicts */
	struct record_form r;
	int readonly;
};

static struct row_source *open_orgs(void *ctx)
{
	return org_pick_source(((struct round_form *)ctx)->s);
}

static const struct form_lookup org_lookup = {
	.open = open_orgs, .col = 0, .title = "选择组织单位",
	.strict = 1,   /* the save takes only one of the list's */
};

static int check_points(const char *v, char why[WHY_MAX])
{
	int tenths;
	return grading_parse_score(v, 1000, &tenths, why);
}

#define M(member) FORM_MEMBER(struct grading_settings, member)
#define IND_HELP "评分指标的名称，如「党组织带头人」。不用的行留空。各指标满分合计应为 100 分。"
#define MAX_HELP "这一指标的满分，可有一位小数。各指标满分合计应为 100 分。"
#define SRC_HELP "评分来源，如群众初评、党员评议、支部自评、组织考评，每个来源一张评分表。不用的行留空。"
#define WEIGHT_HELP "这一来源在综合得分中所占的百分比，各来源合计应为 100。"
#define INDICATOR(i, label_text) \
	{ .key = "ind_name" #i, .label = label_text, .row = 6 + i, \
	  .col = 2, .width = 14, .type = FT_TEXT, .max_chars = 12, M(ind_name[i - 1]), \
	  .help = IND_HELP }, \
	{ .key = "ind_max" #i, .label = "满分：", .row = 6 + i, .col = 25, .width = 5, \
	  .type = FT_TEXT, .max_chars = 5, M(ind_max[i - 1]), .check = check_points, \
	  .help = MAX_HELP }
#define SOURCE(i) \
	{ .key = "src_name" #i, .label = "来源 " #i "：", .row = 6 + i, .col = 42, .width = 10, \
	  .type = FT_TEXT, .max_chars = 8, M(src_name[i - 1]), .help = SRC_HELP }, \
	{ .key = "src_weight" #i, .label = "权重（%）：", .row = 6 + i, .col = 61, .width = 3, \
	  .type = FT_INT, .max_chars = 3, M(src_weight[i - 1]), .help = WEIGHT_HELP }

static const struct form_field fields[] = {
	{ .key = "year", .label = "年度：", .row = 0, .col = 2, .width = 5, .type = FT_INT,
	  .required = 1, .max_chars = 4, M(year), .help = "定级的工作年度，如 2026。" },
	{ .key = "org", .label = "组织单位：", .row = 0, .col = 42, .width = 26, .type = FT_LINK,
	  .required = 1, .lookup = &org_lookup, .grow = 1, M(org),
	  .help = "组织定级的党委（或党总支）：它直属的党总支、党支部参加本轮定级。按 F4 选择。" },
	{ .key = "name", .label = "定级名称：", .row = 1, .col = 2, .width = 50, .type = FT_TEXT,
	  .required = 1, .max_chars = 30, .grow = 1, M(name),
	  .help = "如「2026年度基层党组织分类定级」。同一单位同一年度不能重名。" },
	{ .key = "grades", .label = "等次名称：", .row = 2, .col = 2, .width = 24, .type = FT_TEXT,
	  .required = 1, M(grades),
	  .help = "由好到差四个等次，用顿号分隔：先进、较好、一般、后进（或 好、较好、一般、较差）。" },
	{ .key = "lines", .label = "分数线：", .row = 2, .col = 42, .width = 14, .type = FT_TEXT,
	  .required = 1, M(lines),
	  .help = "前三个等次的最低分，由高到低，如 90、75、60：90 分及以上为第一等，"
	          "75～89.9 为第二等，60～74.9 为第三等，60 分以下为第四等。\n"
	          "综合得分四舍五入到一位小数后再比较。" },
	{ .key = "guide", .label = "比例指导（%）：", .row = 3, .col = 2, .width = 12,
	  .type = FT_TEXT, .required = 1, M(guide),
	  .help = "前两等合计、第三等、第四等各占的百分比，合计 100，如 30、60、10（原则上"
	          "“好”“较好”占 30% 左右，“一般”占 60% 左右，“较差”占 10% 左右）。" },
	{ .key = "tolerance", .label = "允许偏差（百分点）：", .row = 3, .col = 42, .width = 3,
	  .type = FT_INT, .required = 1, .max_chars = 2, M(tolerance),
	  .help = "实际比例与指导比例相差超过这么多个百分点时，确认前提示。" },
	{ .key = "rectify_due", .label = "整改期限：", .row = 4, .col = 2, .width = 10,
	  .type = FT_DATE, M(rectify_due),
	  .help = "确认定级时列入整改的组织的整改期限。不填时为公布日期后 3 个月"
	          "（dangjian.ini 的 [grading] rectify_months）。" },
	{ .key = "published_on", .label = "公布日期：", .row = 4, .col = 42, .width = 10,
	  .type = FT_READONLY, M(published_on), .help = "确认定级时填写的公布日期。" },
	{ .key = "status", .label = "状态：", .row = 5, .col = 2, .width = 6, .type = FT_READONLY,
	  M(status), .help = "设置中：可改全部设置；评分中：评分设置已冻结；已确认：只能查看。" },
	{ .key = "orgs", .label = "参加组织：", .row = 5, .col = 18, .width = 8,
	  .type = FT_READONLY, M(orgs), .help = "参加本轮定级的组织数。" },
	{ .key = "previous", .label = "对比上轮：", .row = 5, .col = 42, .width = 30,
	  .type = FT_READONLY, .grow = 1, M(previous),
	  .help = "同一组织单位此前最近一轮已确认的定级，台账中的“上次等次”和升降由此而来。" },
	INDICATOR(1, "指标 1："), INDICATOR(2, "指标 2："), INDICATOR(3, "指标 3："),
	INDICATOR(4, "指标 4："), INDICATOR(5, "指标 5："), INDICATOR(6, "指标 6："),
	INDICATOR(7, "指标 7："), INDICATOR(8, "指标 8："), INDICATOR(9, "指标 9："),
	INDICATOR(10, "指标10："),
	SOURCE(1), SOURCE(2), SOURCE(3), SOURCE(4),
	{ .key = "notes", .label = "备注：", .row = 17, .col = 2, .width = 60, .type = FT_TEXT,
	  .grow = 1, M(notes), .help = "其他说明，如评分办法的文号。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

static int load_round(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return grading_settings_load(((struct round_form *)ctx)->s, id, rec, e);
}

static int save_round(void *ctx, void *draft, struct dj_err *e)
{
	return grading_settings_save(((struct round_form *)ctx)->s, draft, e);
}

static const struct record_ops round_ops = {
	.table = "grading_round", .size = sizeof(struct grading_settings),
	.id_at = offsetof(struct grading_settings, id), .words = RECORD_QUIET, .load = load_round,
	.save = save_round,
};

/* Fields the round's status no longer lets change show read-only. */
static void apply_freeze(struct round_form *w)
{
	int viewer = w->s->role == ROLE_VIEWER;
	w->readonly = 1;
	for (int i = 0; i < NFIELDS; i++) {
		if (fields[i].type == FT_READONLY)
			continue;
		int frozen = viewer || grading_setting_frozen(w->rec.status, fields[i].key);
		form_set_readonly(&w->r.f, fields[i].key, frozen);
		if (!frozen)
			w->readonly = 0;
	}
}

static void *open_form(struct app *a, void *arg)
{
	struct round_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (!w->arg->round_id)
		grading_settings_defaults(w->s, &w->rec);
	w->r = (struct record_form){ .ops = &round_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, fields, NFIELDS, w->arg->round_id)) {
		free(w);
		return NULL;
	}
	apply_freeze(w);
	if (strcmp(w->rec.status, "评分中") == 0)
		frame_message(MSG_INFO, "本轮已开始评分：指标、来源、分数线等已冻结，只能改名称、比例指导、整改期限和备注");
	else if (strcmp(w->rec.status, "已确认") == 0)
		frame_message(MSG_INFO, "本轮已于 %s 确认定级，设置只能查看", w->rec.published_on);
	return w;
}

static void close_form(void *st)
{
	struct round_form *w = st;
	form_free(&w->r.f);
	free(w);
}

/* The sums an operator balances while typing. */
static void draw(void *st, struct app *a)
{
	(void)a;
	struct round_form *w = st;
	char v[16], left[160];
	int points = 0, weights = 0, t;
	form_draw(&w->r.f);
	for (int i = 1; i <= GRADING_MAX_IND; i++) {
		char key[16];
		snprintf(key, sizeof key, "ind_max%d", i);
		form_get(&w->r.f, key, v, sizeof v);
		if (grading_parse_score(v, 1000, &t, NULL) == 0)
			points += t;
	}
	for (int i = 1; i <= GRADING_MAX_SRC; i++) {
		char key[16];
		snprintf(key, sizeof key, "src_weight%d", i);
		form_get(&w->r.f, key, v, sizeof v);
		weights += atoi(v);
	}
	grading_format_score(points, v, sizeof v);
	snprintf(left, sizeof left, "指标满分合计 %s 分（应为 100）  来源权重合计 %d%%（应为 100）", v,
	         weights);
	frame_status(left, w->readonly ? "只能查看" : "F2 保存  F4 选择");
}

static int save(void *st)
{
	struct round_form *w = st;
	struct grading_settings draft;
	switch (record_form_save(&w->r, &draft)) {
	case RECORD_SAVED:
		break;
	case RECORD_REREAD:
		apply_freeze(w);
		return -1;
	case RECORD_REFUSED:
		return -1;
	}
	w->arg->saved_id = draft.id;
	w->arg->round_id = draft.id;
	apply_freeze(w);
	frame_message(MSG_INFO, "已保存「%s」（%s组织参加）", draft.name, draft.orgs);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct round_form *w = st;
	if (w->readonly && (k.code == K_F2 || k.code == K_ENTER)) {
		frame_message(MSG_ERROR, "本轮设置只能查看，不能修改");
		return SCR_HANDLED;
	}
	enum outcome o = record_form_key(&w->r.f, k, save, w);
	return o == SCR_HANDLED ? SCR_REDRAW : o;   /* the sums on the status line follow the typing */
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen grading_round_form_screen = {
	.name = "定级设置",
	.help = "一轮分类定级的设置：年度、名称、组织单位（其直属党总支、党支部参加定级）、\n"
	        "等次名称、分数线、比例指导，以及评分指标（左）和评分来源（右）。\n"
	        "新建时按 dangjian.ini 的 [grading] 填好默认值（七项指标、四个来源），可以修改。\n"
	        "开始评分后，指标、来源、权重、分数线、等次名称和组织单位冻结，\n"
	        "只能改名称、比例指导、整改期限和备注；确认定级后全部只能查看。\n"
	        "回车到下一项，最后一项回车即保存；F2 保存；F4 选择组织单位；\n"
	        "F5 恢复本项原值；F3 或 Esc 返回（有修改时询问是否保存）。\n"
	        "最下一行显示指标满分合计和来源权重合计，两者都应为 100。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
