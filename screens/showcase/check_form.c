/* check_form.c — one 检查评比 of a 示范寝室: the date, the checker, a score
 * for each item of [showcase] dorm_items (its maximum in the label) and a
 * note, all on one screen; the total is computed when it is saved.  A check
 * is added once and kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "showcase/showcase.h"
#include "tui/draw.h"
#include "tui/form.h"

#define M(member) FORM_MEMBER(struct showcase_check, member)
static const struct form_field f_date = {
	.key = "on_date", .label = "检查日期：", .row = 0, .col = 2, .width = 10, .type = FT_DATE,
	.required = 1, M(on_date), .help = "检查评比的日期，在挂牌之后、不晚于今天。"
};
static const struct form_field f_checker = {
	.key = "checker", .label = "检查人：", .row = 0, .col = 42, .width = 16, .type = FT_TEXT,
	.required = 1, M(checker), .help = "检查的人或部门，如「学工办」。"
};
static const struct form_field f_note = {
	.key = "note", .label = "备注：", .col = 2, .width = 60, .type = FT_TEXT, .grow = 1, M(note),
	.help = "检查中发现的问题或表扬。"
};
#undef M

enum { MAXF = SHOWCASE_MAX_ITEMS + 3 };

struct check_form {
	struct session *s;
	struct showcase_arg *arg;
	struct showcase_check rec, draft;
	struct record_form r;
	struct form_field defs[MAXF];
	char keys[SHOWCASE_MAX_ITEMS][12], labels[SHOWCASE_MAX_ITEMS][64];
	int n;
};

/* One score field per configured item, two to a row. */
static void build(struct check_form *w)
{
	w->defs[w->n++] = f_date;
	w->defs[w->n++] = f_checker;
	int i;
	for (i = 0; i < w->rec.nitems; i++) {
		char max[16], name[32];
		struct form_field *f = &w->defs[w->n++];
		showcase_format_tenths(w->rec.item[i].max, max, sizeof max);
		snprintf(name, sizeof name, "%s", w->rec.item[i].name);
		snprintf(w->keys[i], sizeof w->keys[i], "score%d", i);
		snprintf(w->labels[i], sizeof w->labels[i], "%s（满分 %s）：", name, max);
		*f = (struct form_field){ .key = w->keys[i], .label = w->labels[i], .row = 2 + i / 2,
		                          .col = i % 2 ? 42 : 2, .width = 6, .type = FT_TEXT,
		                          .required = 1, .offset = offsetof(struct showcase_check, typed)
		                          + (size_t)i * sizeof w->rec.typed[0],
		                          .size = sizeof w->rec.typed[0],
		                          .help = "这一项的得分：0 至满分，最多一位小数（如 28.5）。" };
	}
	w->defs[w->n] = f_note;
	w->defs[w->n++].row = 3 + (i + 1) / 2;
}

static int load_none(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	(void)ctx;
	(void)id;
	(void)rec;
	return dj_fail(e, DJ_NOTFOUND, NULL, "检查评比登记后不能修改");
}

static int save_check(void *ctx, void *draft, struct dj_err *e)
{
	struct check_form *w = ctx;
	struct showcase_check *c = draft;
	/* the items as the form was built on, not what the draft copy holds */
	c->dorm_id = w->arg->id;
	c->nitems = w->rec.nitems;
	memcpy(c->item, w->rec.item, sizeof c->item);
	return showcase_check_add(w->s, c, e);
}

static const struct record_ops check_ops = {
	.table = "showcase_dorm_check", .size = sizeof(struct showcase_check),
	.id_at = offsetof(struct showcase_check, id), .words = RECORD_TELL,
	.load = load_none, .save = save_check,
};

static void *open_form(struct app *a, void *arg)
{
	struct check_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	showcase_check_prepare(w->s, w->arg->id, &w->rec);
	if (!w->rec.nitems) {
		frame_message(MSG_ERROR, "dangjian.ini [showcase] dorm_items 没有配置检查项目");
		free(w);
		return NULL;
	}
	today(w->rec.on_date);
	build(w);
	w->r = (struct record_form){ .ops = &check_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, w->defs, w->n, 0)) {
		free(w);
		return NULL;
	}
	form_focus(&w->r.f, "checker");
	return w;
}

static void close_form(void *st)
{
	struct check_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct check_form *w = st;
	form_draw(&w->r.f);
	frame_status("新增检查评比（总分在保存时计算）", "F2 保存");
}

static int save(void *st)
{
	struct check_form *w = st;
	if (record_form_save(&w->r, &w->draft) != RECORD_SAVED)
		return -1;
	char total[16];
	showcase_format_tenths(w->draft.total, total, sizeof total);
	w->arg->changed = 1;
	frame_message(MSG_INFO, "已保存检查评比（%s），总分 %s 分", w->draft.on_date, total);
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	(void)a;
	struct check_form *w = st;
	return record_form_key_once(&w->r.f, k, save, w);
}

static const char *const legend[10] = { "帮助", "保存", "返回", NULL, "还原", NULL, NULL, NULL,
                                        NULL, "退出" };

const struct screen showcase_check_form_screen = {
	.name = "检查评比",
	.help = "登记示范寝室的一次检查评比：检查日期、检查人和各项得分（0 至该项满分，最多一位小数）。\n"
	        "检查项目和满分在 dangjian.ini [showcase] dorm_items 配置（如 卫生:30,纪律:30）。\n"
	        "F2 保存后总分自动计算，返回寝室登记表；检查评比保存后不能修改（记入操作日志）。",
	.legend = legend, .open = open_form, .close = close_form, .draw = draw, .key = key,
};
