/* list.c — the saved 通报 under the operator's scope: Enter opens one, F6
 * drafts a new one for a period and a scope, F9 exports the list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin/bulletin.h"
#include "core/validate.h"
#include "orglife/compliance.h"
#include "screens/common/list_screen.h"
#include "screens/common/screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"

struct blist {
	struct session *s;
	struct list_view list;
	struct bulletin_arg sub;
};

static int load(struct blist *w, int keep)
{
	return list_view_show(&w->list, bulletin_list_source(w->s), 1, "暂无通报，按 F6 起草", keep,
	                      "通报");
}

static void *open_list(struct app *a, void *arg)
{
	(void)arg;
	struct blist *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	if (load(w, LIST_KEEP_NOTHING)) {
		free(w);
		return NULL;
	}
	return w;
}

static void close_list(void *st)
{
	struct blist *w = st;
	list_view_free(&w->list);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct blist *w = st;
	draw_text(frame_body_top(), 0, term_cols(), "通报：F6 按期间和范围由台账记录起草", ST_HEADING);
	grid_draw(&w->list.g);
}

static void resume(void *st, struct app *a)
{
	(void)a;
	struct blist *w = st;
	list_view_resume(&w->list, &w->sub.saved_id);
	w->sub.changed = 0;
}

static enum outcome open_one(void *st, struct app *a, int64_t id)
{
	struct blist *w = st;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.id = id;
	app_push(a, &bulletin_form_screen, &w->sub);
	return SCR_PUSH;
}

/* The period (last month by default) and the scope; then the form drafts. */
static enum outcome draft_new(struct blist *w, struct app *a)
{
	char now[11], from[16], to[16];
	int last_month = month_index(today(now)) - 1;
	month_first_day(last_month, from);
	month_last_day(last_month, to);
	char why[WHY_MAX], norm[11];
	for (;;) {
		if (!dialog_input("起草通报", "通报期间起始日期：", from, sizeof from) ||
		    !dialog_input("起草通报", "通报期间截止日期：", to, sizeof to))
			return SCR_REDRAW;
		if (valid_date(from, norm, why)) {
			dialog_message("起始日期有误", why);
			continue;
		}
		snprintf(from, sizeof from, "%s", norm);
		if (valid_date(to, norm, why)) {
			dialog_message("截止日期有误", why);
			continue;
		}
		snprintf(to, sizeof to, "%s", norm);
		break;
	}
	int64_t root = w->s->scope_org;
	if (!list_pick_org(w->s, "通报范围（选择党委或党总支）", &root))
		return SCR_REDRAW;
	memset(&w->sub, 0, sizeof w->sub);
	w->sub.root = root;
	snprintf(w->sub.from, sizeof w->sub.from, "%s", from);
	snprintf(w->sub.to, sizeof w->sub.to, "%s", to);
	app_push(a, &bulletin_form_screen, &w->sub);
	return SCR_PUSH;
}

static int write_all(void *ctx, const char *path, FILE *report, int *n)
{
	struct blist *w = ctx;
	return bulletin_export_csv(w->s, path, report, n);
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct blist *w = st;
	enum outcome o = list_view_key(&w->list, k, a, open_one, w);
	if (o != SCR_PASS)
		return o;
	char name[128];
	switch (k.code) {
	case K_F5:
		return load(w, LIST_KEEP_FIND | LIST_KEEP_ROW) ? SCR_BACK : SCR_REDRAW;
	case K_F6:
		if (w->s->role == ROLE_VIEWER) {
			frame_message(MSG_ERROR, "您是只读用户，不能起草通报");
			return SCR_HANDLED;
		}
		return draft_new(w, a);
	case K_F9:
		list_file_name(name, sizeof name, "通报");
		list_export("导出通报", name, "份通报", NULL, write_all, w);
		return SCR_REDRAW;
	default:
		return SCR_PASS;
	}
}

static const char *const legend[10] = { "帮助", NULL, "返回", NULL, "刷新", "起草", "查找", NULL,
                                        "导出", "退出" };

const struct screen bulletin_list_screen = {
	.name = "通报",
	.help = "已保存的通报：发文日期、文号、标题、发文单位。回车打开（修改正文、导出）。\n"
	        "F6 起草：选定通报期间（默认上个月）和范围，由台账记录写出通报：月报缺报、任务逾期、\n"
	        "“三会一课”落实不到位、整改逾期、督导整改未落实的组织，以及按时完成各项工作的支部。\n"
	        "F7 或 /：按标题、文号、正文查找。F9：导出全部通报（xlsx 或 CSV）。",
	.legend = legend, .open = open_list, .close = close_list, .draw = draw, .key = key,
	.resume = resume,
};
