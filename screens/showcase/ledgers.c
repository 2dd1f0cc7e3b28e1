/* ledgers.c — the three 示范 ledgers (党员示范岗, 党员示范寝室, 党建示范点)
 * on one pattern: the records under the operator's scope, F7 finds, < >
 * sort, F6 registers a new one, Enter opens one, F9 exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "showcase/showcase.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct ledger_kind {
	const char *title;        /* 党员示范岗台账 */
	const char *empty;
	const char *unit;         /* 条示范岗记录 */
	struct row_source *(*open)(struct session *s);
	int (*export)(struct session *s, const char *path, FILE *report, int *n);
	const struct screen *form;
};

struct ledger {
	struct session *s;
	const struct ledger_kind *kind;
	struct list_view list;
	struct showcase_arg sub;
};

static int this_year(void)
{
	char now[11];
	int y = 0;
	sscanf(today(now), "%4d", &y);
	return y;
}

static struct row_source *posts(struct session *s)
{
	return showcase_post_source(s, this_year());
}

static const struct ledger_kind kinds[] = {
	{ "党员示范岗台账", "没有党员示范岗（F6 新增）", "条示范岗记录", posts,
	  showcase_post_export, &showcase_post_form_screen },
	{ "党员示范寝室台账", "没有党员示范寝室（F6 新增）", "个示范寝室", showcase_dorm_source,
	  showcase_dorm_export, &showcase_dorm_form_screen },
	{ "党建示范点台账", "没有党建示范点（F6 新增）", "个示范点", showcase_point_source,
	  showcase_point_export, &showcase_point_form_screen },
};

static int load(struct ledger *w, int keep)
{
	return list_view_show(&w->list, w->kind->open(w->s), 1, w->kind->empty, keep,
	                      w->kind->title);
}

static void *open_ledger(struct session *s, const struct ledger_kind *kind)
{
	struct ledger *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = s;
	w->kind = kind;
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void *open_posts(struct app *a, void *arg)
{
	(void)arg;
	return open_ledger(a->session, &kinds[0]);
}

static void *open_dorms(struct app *a, void *arg)
{
	(void)arg;
	return open_ledger(a->session, &kinds[1]);
}

static void *open_points(struct app *a, void *arg)
{
	(void)arg;
	return open_ledger(a->session, &kinds[2]);
}

static void close_ledger(void *st)
{
	struct ledger *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct ledger *w = st;
	char head[160];
	if (w->kind == &kinds[0])
		snprintf(head, sizeof head, "%s  本年考核为 %d 年（已摘牌的显示为灰色）", w->kind->title,
		         this_year());
	else
		snprintf(head, sizeof head, "%s", w->kind->title);
	draw_text(frame_body_top(), 0, term_cols(), head, ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct ledger *w = st;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_record(void *st, struct app *a, int64_t id)
{
	struct ledger *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.id = id;
	app_push(a, w->kind->form, &w->sub);
	return SCR_PUSH;
}

static int write_ledger(void *ctx, const char *path, FILE *report, int *n)
{
	struct ledger *w = ctx;
	return w->kind->export(w->s, path, report, n);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct ledger *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_record, w);
	if (o != SCR_PASS)
		return o;
	char name[128], what[160];
	switch (k.code) {
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		if (w->s->role == ROLE_VIEWER) {
			frame_message(MSG_ERROR, "您是只读用户，不能新增");
			return SCR_HANDLED;
		}
		return open_record(w, a, 0);
	case K_F9:
		snprintf(what, sizeof what, "导出%s", w->kind->title);
		list_file_name(name, sizeof name, w->kind->title);
		list_export(what, name, w->kind->unit, NULL, write_ledger, w);
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "新增", "查找", NULL,
                                        "导出", "退出" };

const struct screen showcase_post_ledger_screen = {
	.name = "党员示范岗",
	.help = "党员示范岗台账：党员、所在党组织、岗位名称、挂牌日期、本年考核和状态。\n"
	        "回车：打开登记表（岗位目标、公开承诺；F9 跟踪、检查记录和年度考核）。F6：新增。\n"
	        "F7 或 /：按姓名、拼音首字母、岗位名称查找。< > 选择排序列，r 反向。\n"
	        "F9：导出（xlsx 或 CSV，含承诺和历年考核）。考核等次在 dangjian.ini [showcase] 配置。",
	.legend = legend, .open = open_posts, .close = close_ledger, .draw = draw, .key = key,
	.resume = resume,
};

const struct screen showcase_dorm_ledger_screen = {
	.name = "党员示范寝室",
	.help = "党员示范寝室台账：楼栋、房号、所在党组织、在册党员人数、最近检查日期和得分。\n"
	        "回车：打开登记表（寝室成员，F9 新增检查评比）。F6：新增。\n"
	        "F7 或 /：按楼栋、房号、党组织查找。< > 选择排序列，r 反向。F9：导出。\n"
	        "检查项目和满分、最少党员人数在 dangjian.ini [showcase] 配置。",
	.legend = legend, .open = open_dorms, .close = close_ledger, .draw = draw, .key = key,
	.resume = resume,
};

const struct screen showcase_point_ledger_screen = {
	.name = "党建示范点",
	.help = "党建示范点台账：党组织、示范点级别、确定日期和最近一次年度检查。\n"
	        "回车：打开登记表（F9 登记年度检查）。F6：新增。F7 或 /：按党组织名称查找。\n"
	        "F9：导出。级别和检查结果在 dangjian.ini [showcase] 配置。",
	.legend = legend, .open = open_points, .close = close_ledger, .draw = draw, .key = key,
	.resume = resume,
};
