/* form.c — 党组织登记表: one organization's fields, its liaisons and its
 * current term.  New records are entered in entry mode (连续录入): after F2
 * the form clears for the next one and keeps 上级组织, 类型 and 类别. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/appraise.h"
#include "core/validate.h"
#include "honour/honour.h"
#include "org/org.h"
#include "screens/common/record_form.h"
#include "screens/common/screens.h"
#include "screens/org/actions.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/form.h"

struct org_form {
	struct session *s;
	struct org_form_arg *arg;
	struct org rec;
	struct record_form r;
	int readonly;
	struct honour_arg honour;
};

enum { HONOUR_ROW = 16 };   /* below the last field (撤销, row 14) */

/* "荣誉：2026 党建示范点（县处）；2025 先进基层党组织（镇级）等 3 项", read
 * as it is drawn: one indexed query, and it follows what F9 changed. */
static void draw_honours(struct org_form *w)
{
	char lines[2][96], text[256], more[32] = "";
	if (!w->rec.id)
		return;
	int n = honour_lines(w->s, "org", w->rec.id, lines, 2);
	if (n > 2)
		snprintf(more, sizeof more, "等 %d 项", n);
	if (n <= 0)
		snprintf(text, sizeof text, "荣誉：%s", n < 0 ? "无法读取" : "无");
	else
		snprintf(text, sizeof text, "荣誉：%s%s%s%s（F9 荣誉记录）", lines[0], n > 1 ? "；" : "",
		         n > 1 ? lines[1] : "", more);
	draw_text(frame_body_top() + HONOUR_ROW, 0, term_cols(), text, ST_NORMAL);
	char appraisal[160];   /* 联述联评联考: the secretary's 述职评议 of recent years */
	appraise_history(w->s, w->rec.id, 3, appraisal, sizeof appraisal);
	if (*appraisal) {
		snprintf(text, sizeof text, "述职评议：%s", appraisal);
		draw_text(frame_body_top() + HONOUR_ROW + 1, 0, term_cols(), text, ST_NORMAL);
	}
}

/* Only the organizations that may hold the kind typed above (党小组 under a
 * 党支部 …), never this one or its own subtree. */
static struct row_source *open_parents(void *ctx)
{
	struct org_form *w = ctx;
	char kind[16];
	form_get(&w->r.f, "kind", kind, sizeof kind);
	return org_parent_pick_source(w->s, kind, w->rec.id);
}

static const struct form_lookup parent_lookup = {
	.open = open_parents, .col = 0, .title = "选择上级组织",
	.strict = 1,   /* the save takes only one of the list's */
};

#define M(member) FORM_MEMBER(struct org, member)
static const struct form_field fields[] = {
	{ .key = "name", .label = "党组织名称：", .row = 0, .col = 2, .width = 46, .type = FT_TEXT,
	  .required = 1, .max_chars = 30, .grow = 1, M(name),
	  .help = "党组织的全称，如「联桥村党支部」。名称不能与其他组织重复。" },
	{ .key = "short_name", .label = "简称：", .row = 1, .col = 2, .width = 20, .type = FT_TEXT,
	  M(short_name), .help = "常用简称，可不填。" },
	{ .key = "kind", .label = "类型：", .row = 1, .col = 42, .width = 8, .type = FT_CHOICE,
	  .required = 1, .choices = org_kinds, .carry = 1, M(kind),
	  .help = "党委、党总支、党支部或党小组。按 F4 选择。" },
	{ .key = "parent", .label = "上级组织：", .row = 2, .col = 2, .width = 46, .type = FT_LINK,
	  .lookup = &parent_lookup, .carry = 1, .grow = 1, M(parent),
	  .help = "直接上级党组织的全称。按 F4 从列表中选择（可输入拼音首字母筛选）。\n"
	          "列表只有能做本组织上级的组织：党小组设在党支部下，党支部设在党委或党总支下，"
	          "党总支和党委设在党委下。\n改为另一个上级即调整隶属关系；不能设到自己的下级之下。" },
	{ .key = "category", .label = "类别：", .row = 3, .col = 2, .width = 10, .type = FT_CHOICE,
	  .required = 1, .choices = org_categories, .carry = 1, M(category),
	  .help = "农村、社区、机关、事业单位、国有企业、非公企业、社会组织、学校教工、学校学生、其他。按 F4 选择。" },
	{ .key = "founded_on", .label = "成立日期：", .row = 3, .col = 42, .width = 11,
	  .type = FT_DATE, M(founded_on), .help = "党组织成立（批准）日期。" },
	{ .key = "founding_doc", .label = "批准文号：", .row = 4, .col = 2, .width = 20,
	  .type = FT_TEXT, M(founding_doc), .help = "成立批复的文号，如「驿委〔2012〕38号」。" },
	{ .key = "secretary", .label = "书记：", .row = 4, .col = 42, .width = 12, .type = FT_TEXT,
	  M(secretary), .help = "现任书记姓名（党小组填组长）。" },
	{ .key = "phone", .label = "联系电话：", .row = 5, .col = 2, .width = 16, .type = FT_TEXT,
	  M(phone), .check = valid_phone, .help = "手机号码（11 位）或固定电话（如 0575-82551234）。" },
	{ .key = "sort_no", .label = "排序号：", .row = 5, .col = 42, .width = 5, .type = FT_INT,
	  M(sort_no), .help = "在同一上级组织下的排列次序：先按类型（党委、党总支、党支部、党小组），"
	  "同类型按排序号从小到大，排序号相同的按名称拼音。\n不填时新增的组织排在同级最后。" },
	{ .key = "address", .label = "地址：", .row = 6, .col = 2, .width = 50, .type = FT_TEXT,
	  .grow = 1, M(address), .help = "办公或活动阵地地址。" },
	{ .key = "leader", .label = "联系领导：", .row = 7, .col = 2, .width = 20, .type = FT_TEXT,
	  M(leader), .help = "联系本组织的镇领导；多人用顿号（、）分隔。" },
	{ .key = "cadre", .label = "联系干部：", .row = 7, .col = 42, .width = 20, .type = FT_TEXT,
	  M(cadre), .help = "联系本组织的干部；多人用顿号（、）分隔。" },
	{ .key = "elected_on", .label = "本届选举日期：", .row = 8, .col = 2, .width = 11,
	  .type = FT_DATE, M(elected_on),
	  .help = "本届委员会选举产生的日期。填写后自动计算届满日期。\n"
	          "换届时填写新的选举日期，原届次记录保留。" },
	{ .key = "term_years", .label = "任期（年）：", .row = 8, .col = 42, .width = 2, .type = FT_INT,
	  M(term_years),
	  .help = "不填时按规定：党委和村、社区党组织 5 年，其他党支部、党总支 3 年。" },
	{ .key = "due_on", .label = "届满日期：", .row = 9, .col = 2, .width = 11,
	  .type = FT_READONLY, M(due_on), .help = "由选举日期和任期计算，6 个月内届满时提醒。" },
	{ .key = "status", .label = "状态：", .row = 9, .col = 42, .width = 6, .type = FT_READONLY,
	  M(status), .help = "正常或撤销。撤销请在列表中按 F9。" },
	{ .key = "notes", .label = "备注：", .row = 10, .col = 2, .width = 60, .height = 3,
	  .type = FT_NOTE, .grow = 1, M(notes),
	  .help = "其他说明。本栏可输入多行：回车换行，↓ 或 Tab 到下一栏。" },
	{ .key = "dissolved_on", .label = "撤销日期：", .row = 14, .col = 2, .width = 11,
	  .type = FT_READONLY, M(dissolved_on), .help = "撤销的日期。" },
	{ .key = "reason", .label = "撤销原因：", .row = 14, .col = 42, .width = 24,
	  .type = FT_READONLY, M(reason), .help = "撤销的原因。" },
};
#undef M
enum { NFIELDS = sizeof fields / sizeof *fields };

static int load_org(void *ctx, int64_t id, void *rec, struct dj_err *e)
{
	return org_load(((struct org_form *)ctx)->s, id, rec, e);
}

static int save_org(void *ctx, void *draft, struct dj_err *e)
{
	return org_save(((struct org_form *)ctx)->s, draft, 0, e);
}

static const struct record_ops org_ops = {
	.table = "org", .size = sizeof(struct org), .id_at = offsetof(struct org, id), .entry = 1,
	.words = RECORD_TELL, .load = load_org, .save = save_org,
};

static void set_all_readonly(struct org_form *w)
{
	record_form_lock(&w->r.f);
	w->readonly = 1;
}

static void note_term(const struct org *o)
{
	if (strcmp(o->status, "撤销") == 0)
		frame_message(MSG_INFO, "该组织已于 %s 撤销，只能查看", o->dissolved_on);
	else if (org_term_expiring(o->due_on, 6))
		frame_message(MSG_INFO, "本届将于 %s 届满（或已届满），请及时组织换届选举", o->due_on);
}

/* 届满日期 follows the election date, the term and the kind as they are
 * typed, so the operator sees the due date before saving. */
static void recompute_due(struct form *f, const char *key, void *ctx)
{
	(void)ctx;
	if (strcmp(key, "elected_on") && strcmp(key, "term_years") && strcmp(key, "kind") &&
	    strcmp(key, "category"))
		return;
	char elected[16], years[8], kind[16], category[32], due[11] = "";
	form_get(f, "elected_on", elected, sizeof elected);
	form_get(f, "term_years", years, sizeof years);
	form_get(f, "kind", kind, sizeof kind);
	form_get(f, "category", category, sizeof category);
	char norm[11];
	long n = 0;
	if (valid_date(elected, norm, NULL) == 0) {
		if (parse_int(years, 1, 10, &n, NULL) != 0)
			n = org_term_default_years(kind, category);
		if (n > 0)
			org_term_due(norm, (int)n, due);
	}
	form_set(f, "due_on", due);
}

static void *open_form(struct app *a, void *arg)
{
	struct org_form *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->s = a->session;
	w->arg = arg;
	if (!w->arg->id)
		snprintf(w->rec.parent, sizeof w->rec.parent, "%s", w->arg->parent);
	w->r = (struct record_form){ .ops = &org_ops, .s = w->s, .ctx = w, .rec = &w->rec };
	if (record_form_open(&w->r, fields, NFIELDS, w->arg->id)) {
		free(w);
		return NULL;
	}
	w->r.f.changed = recompute_due;
	if (strcmp(w->rec.status, "撤销") == 0 || w->s->role == ROLE_VIEWER)
		set_all_readonly(w);
	note_term(&w->rec);
	return w;
}

static void close_form(void *st)
{
	struct org_form *w = st;
	form_free(&w->r.f);
	free(w);
}

static void draw(void *st, struct app *a)
{
	(void)a;
	struct org_form *w = st;
	form_draw(&w->r.f);
	draw_honours(w);
	frame_status(w->rec.id ? "修改党组织" : "新增（连续录入：保存后保留上级、类型、类别）",
	             "F2 保存  F4 选择");
}

/* Someone else saved first: the conflict dialog shows what they changed,
 * then (as the operator chooses) their version with the operator's changes
 * put back on top, their version alone, or the form as typed.  Nothing typed
 * is lost unless the operator says so. */
static int save(void *st)
{
	struct org_form *w = st;
	struct org draft;
	switch (record_form_save(&w->r, &draft)) {
	case RECORD_SAVED:
		break;
	case RECORD_REREAD:
		if (strcmp(w->rec.status, "撤销") == 0) {
			set_all_readonly(w);
			note_term(&w->rec);
		}
		return -1;
	case RECORD_REFUSED:
		return -1;
	}
	w->arg->saved_id = draft.id;
	frame_message(MSG_INFO, "已保存「%s」%s", draft.name,
	              w->r.f.entry_mode ? "，可继续录入下一个组织" : "");
	return 0;
}

static enum outcome key(void *st, struct app *a, struct key k)
{
	struct org_form *w = st;
	if (w->readonly && (k.code == K_F2 || k.code == K_ENTER)) {
		note_term(&w->rec);
		return SCR_HANDLED;
	}
	enum outcome o = record_form_key(&w->r.f, k, save, w);
	if (o != SCR_PASS)
		return o;
	if (k.code == K_F9 && w->rec.id) {
		static const char *const items[] = { "荣誉记录（表彰荣誉台账）", "撤销本组织" };
		int pick = dialog_pick("操作", items, w->readonly ? 1 : 2, 0);
		if (pick == 0) {
			w->honour = (struct honour_arg){ .kind = "org", .recipient_id = w->rec.id };
			app_push(a, &honour_ledger_screen, &w->honour);
			return SCR_PUSH;
		}
		if (pick == 1 && org_action_dissolve(w->s, w->rec.id)) {
			struct dj_err e;
			if (org_load(w->s, w->rec.id, &w->rec, &e) == 0) {
				form_load(&w->r.f, &w->rec);
				set_all_readonly(w);
			}
			w->arg->saved_id = w->rec.id;
		}
		return SCR_REDRAW;
	}
	return SCR_PASS;
}

static const char *const legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL, NULL,
                                        "操作", "退出" };

const struct screen org_form_screen = {
	.name = "党组织登记表",
	.help = "登记或修改一个党组织。\n"
	        "回车到下一栏，最后一栏回车即保存；Tab/Shift-Tab、↑↓ 也可移动。\n"
	        "F2 保存。F3 或 Esc 返回（有改动时询问是否保存）。\n"
	        "F4 在「类型」「类别」「上级组织」栏打开选择列表，可输入拼音首字母筛选。\n"
	        "F5 把本栏恢复为打开时的内容。Ctrl-D 同上：复制上一条已保存记录的本栏内容。\n"
	        "F1 在某一栏上显示该栏的说明。F9：荣誉记录（表彰荣誉台账）、撤销本组织。\n"
	        "新增时为连续录入：保存后清空，保留上级组织、类型、类别，便于录入下一个。",
	.legend = legend,
	.open = open_form,
	.close = close_form,
	.draw = draw,
	.key = key,
};
