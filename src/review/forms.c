/* forms.c — an application's paper forms: seed 004's appendix (项目申报表,
 * 中期检查表, 验收评审表) and seed 001's 示范创建申报书, said once for both
 * layouts (form_sink.h): aligned UTF-8 text (FILE.txt) or print-ready A4
 * PDF (FILE.pdf).  The file is written through core/outfile.h (0600, whole
 * or not at all). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/db.h"
#include "core/outfile.h"
#include "core/text.h"
#include "review/form_sink.h"
#include "review/internal.h"
#include "review/records.h"

#define LABEL_COLS 22      /* 项目所在支部（盖章） and the like */

typedef struct form_table table_t;
typedef struct form_sink *sink_t;

static void rule(sink_t f, const table_t *t) { f->rule(f->ctx, t); }
static void row(sink_t f, const table_t *t, const char *const cells[]) { f->row(f->ctx, t, cells); }
static void centred(sink_t f, const char *text) { f->title(f->ctx, text); }
static void line(sink_t f, const char *text) { f->line(f->ctx, text); }

static void linef(sink_t f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void linef(sink_t f, const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	line(f, text);
}

static const table_t label_value = { 2, { LABEL_COLS, FORM_COLS - LABEL_COLS - 7 } };

static void field(sink_t f, const char *label, const char *value)
{
	const char *cells[] = { label, value };
	row(f, &label_value, cells);
	rule(f, &label_value);
}

/* 2026-05-08 -> "2026 年 05 月 08 日"; "": the blanks of the paper form. */
static void form_date(const char *d, char *out, size_t cap)
{
	if (strlen(d) == 10)
		snprintf(out, cap, "%.4s 年 %.2s 月 %.2s 日", d, d + 5, d + 8);
	else
		snprintf(out, cap, "      年    月    日");
}

/* ---- what the forms read ---- */

struct form_data {
	struct review_app a;
	struct review_batch b;
	struct review_sheet sh;
	struct review_money m;
	struct rv_facts facts;
	char evidence[4096];
};

static int form_load(struct session *s, int64_t app_id, struct form_data *d, struct dj_err *e)
{
	if (review_app_load(s, app_id, &d->a, e) || rv_facts_load(s, app_id, &d->facts, e) ||
	    review_batch_load(s, d->a.batch_id, &d->b, e) || review_money_of(s, app_id, &d->m, e) ||
	    review_sheet_load(s, app_id, &d->sh, e) ||
	    review_evidence(s, app_id, d->evidence, sizeof d->evidence, e))
		return e->code ? e->code : DJ_DB;
	return 0;
}

/* The budget lines: 事项 and 金额, with their sum. */
static void budget(struct session *s, sink_t f, const struct form_data *d)
{
	static const table_t t = { 3, { 8, FORM_COLS - 8 - 14 - 10, 14 }, { 0, 0, 1 } };
	sqlite3_stmt *st;
	char amount[32];
	const char *head[] = { "序号", "事项", "金额（元）" };
	line(f, "");
	line(f, "经费预算");
	rule(f, &t);
	row(f, &t, head);
	rule(f, &t);
	if (sqlite3_prepare_v2(s->db, "SELECT item, amount_fen FROM review_fund WHERE app_id = ?"
	                       " AND kind = '预算' ORDER BY id", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, d->a.id);
		for (int i = 1; sqlite3_step(st) == SQLITE_ROW; i++) {
			char seq[8];
			snprintf(seq, sizeof seq, "%d", i);
			review_format_money(sqlite3_column_int64(st, 1), amount, sizeof amount);
			const char *cells[] = { seq, (const char *)sqlite3_column_text(st, 0), amount };
			row(f, &t, cells);
		}
		sqlite3_finalize(st);
	}
	review_format_money(d->m.budget, amount, sizeof amount);
	const char *total[] = { "", "合计", amount };
	rule(f, &t);
	row(f, &t, total);
	rule(f, &t);
}

/* The head of every form: who and what. */
static void head_fields(sink_t f, const struct form_data *d)
{
	char filed[32];
	form_date(d->a.filed_on, filed, sizeof filed);
	rule(f, &label_value);
	field(f, "项 目 名 称", d->a.title);
	field(f, "项目所在单位", d->a.unit);
	field(f, "项目执行者", d->a.executor);
	field(f, "项目所在支部（盖章）", d->a.org);
	field(f, "支 部 书 记", d->a.secretary);
	field(f, "填 表 日 期", filed);
}

/* ---- 立项: 项目申报表 (seed 004 附件 1) ---- */

static void project_application(struct session *s, sink_t f, const struct form_data *d)
{
	char title[256];
	snprintf(title, sizeof title, "%s党支部工作“立项活动”项目申报表", d->b.org);
	centred(f, title);
	centred(f, d->b.name);
	line(f, "");
	head_fields(f, d);
	field(f, "立项方向", d->a.direction);
	field(f, "为什么要开展活动", d->a.why);
	field(f, "怎样开展活动", d->a.how);
	field(f, "达到什么样的预期目标", d->a.goal);
	field(f, "活动形式和内容", d->a.content);
	field(f, "实施方案", d->a.plan);
	field(f, "时间安排", d->a.schedule);
	if (*d->a.long_reason)
		field(f, "超过一学年的说明", d->a.long_reason);
	budget(s, f, d);
	line(f, "");
	char foot[160];
	snprintf(foot, sizeof foot, "%s印制", d->b.org);
	f->right(f->ctx, foot);
}

/* ---- 创建: 示范创建申报书 (seed 001 附件 3) ---- */

static void tasks(struct session *s, sink_t f, int64_t app_id)
{
	static const table_t t = { 5, { 4, FORM_COLS - 4 - 14 - 10 - 10 - 16, 14, 10, 10 } };
	const char *head[] = { "序号", "任务（任务书、路线图）", "责任人", "完成期限", "完成日期" };
	sqlite3_stmt *st;
	line(f, "");
	line(f, "任务书、路线图、时间表");
	rule(f, &t);
	row(f, &t, head);
	rule(f, &t);
	if (sqlite3_prepare_v2(s->db, "SELECT task, responsible, due_on, coalesce(done_on, '')"
	                       " FROM review_task WHERE app_id = ? ORDER BY seq", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_int64(st, 1, app_id);
		for (int i = 1; sqlite3_step(st) == SQLITE_ROW; i++) {
			char seq[8];
			snprintf(seq, sizeof seq, "%d", i);
			const char *cells[] = { seq, (const char *)sqlite3_column_text(st, 0),
			                        (const char *)sqlite3_column_text(st, 1),
			                        (const char *)sqlite3_column_text(st, 2),
			                        (const char *)sqlite3_column_text(st, 3) };
			row(f, &t, cells);
		}
		sqlite3_finalize(st);
	}
	rule(f, &t);
}

/* The 自查报告 criterion by criterion, as the batch's 指南 lists them. */
static void self_check(struct session *s, sink_t f, const struct form_data *d)
{
	sqlite3_stmt *st;
	line(f, "");
	line(f, "自查报告（对照《示范创建任务指南》逐项）");
	rule(f, &label_value);
	for (int k = 0; k < d->sh.ncrit; k++) {
		char label[96], m[16], *text = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&text, &len);
		review_format_tenths(d->sh.crit_max[k], m, sizeof m);
		snprintf(label, sizeof label, "%s（%s 分）", d->sh.crit_name[k], m);
		if (mem && sqlite3_prepare_v2(s->db, "SELECT on_date, body FROM review_note WHERE"
		                              " app_id = ? AND kind = '自查报告' AND criterion_id = ?"
		                              " ORDER BY on_date, id", -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, d->a.id);
			sqlite3_bind_int64(st, 2, d->sh.crit_id[k]);
			for (int i = 0; sqlite3_step(st) == SQLITE_ROW; i++)
				fprintf(mem, "%s%s %s", i ? "\n" : "", (const char *)sqlite3_column_text(st, 0),
				        (const char *)sqlite3_column_text(st, 1));
			sqlite3_finalize(st);
		}
		if (mem)
			fclose(mem);
		field(f, label, text ? text : "");
		free(text);
	}
}

static void create_application(struct session *s, sink_t f, const struct form_data *d)
{
	char title[256], filed[32], declared[160];
	snprintf(title, sizeof title, "%s党建工作标杆学院和样板支部示范创建申报书", d->b.org);
	centred(f, title);
	centred(f, d->b.name);
	line(f, "");
	form_date(d->a.filed_on, filed, sizeof filed);
	rule(f, &label_value);
	field(f, "创 建 名 称", d->a.title);
	field(f, "申 报 类 别", d->a.kind);
	field(f, "申 报 单 位", d->a.org);
	field(f, "负 责 人", d->a.executor);
	field(f, "党组织书记", d->a.secretary);
	field(f, "填 表 日 期", filed);
	field(f, "第一年目标", d->a.goal_year1);
	field(f, "第二年目标", d->a.goal_year2);
	field(f, "问题清单", d->a.problems);
	field(f, "责任清单", d->a.duties);
	field(f, "实施计划", d->a.plan);
	field(f, "预期成果", d->a.goal);
	snprintf(declared, sizeof declared, "%s%s%s%s", d->a.declaration,
	         *d->a.declared_by ? "（声明人：" : "", d->a.declared_by,
	         *d->a.declared_by ? "）" : "");
	field(f, "未出现重大问题、事件的声明", declared);
	tasks(s, f, d->a.id);
	budget(s, f, d);
	self_check(s, f, d);
	line(f, "");
	line(f, d->evidence);
}

/* ---- 中期检查表 (seed 004 附件 2; 创建: 中期评估) ---- */

static void midterm(struct session *s, sink_t f, const struct form_data *d)
{
	struct review_note n;
	char title[256], on[32];
	memset(&n, 0, sizeof n);
	int64_t id = db_int(s->db, "SELECT id FROM review_note WHERE app_id = ? AND kind = '中期检查'"
	                    " ORDER BY on_date DESC, id DESC LIMIT 1", d->a.id, 0);
	if (id)
		review_note_load(s, id, &n, NULL);
	int create = d->b.kind == REVIEW_CREATE;
	snprintf(title, sizeof title, "%s%s", d->b.org, create ? "示范创建中期评估表"
	                                                        : "党支部工作“立项活动”中期检查表");
	centred(f, title);
	line(f, "");
	form_date(n.on_date, on, sizeof on);
	rule(f, &label_value);
	field(f, create ? "创 建 名 称" : "项 目 名 称", d->a.title);
	field(f, "所 在 支 部", d->a.org);
	field(f, "项目执行者", d->a.executor);
	field(f, "立 项 日 期", d->a.decided_on);
	field(f, "检 查 日 期", on);
	field(f, "项目进展情况", n.body);
	field(f, "存在问题", n.problems);
	field(f, "后续工作意见", n.opinion);
	field(f, "检查结果", n.result);
}

/* ---- 验收评审表 (seed 004 附件 3) ---- */

#define REV_PER_TABLE 5    /* reviewers side by side on one printed line */

static void score_table(sink_t f, const struct review_sheet *sh, int from, int to)
{
	table_t t = { 2 + to - from, { 22, 6 } };
	const char *cells[FORM_MAX_CELLS];
	char text[FORM_MAX_CELLS][16];
	for (int r = from; r < to; r++)
		t.w[2 + r - from] = 8, t.right[2 + r - from] = 1;
	t.right[1] = 1;
	cells[0] = "验收标准";
	cells[1] = "满分";
	for (int r = from; r < to; r++)
		cells[2 + r - from] = sh->rows[r].reviewer;
	rule(f, &t);
	row(f, &t, cells);
	rule(f, &t);
	for (int k = 0; k < sh->ncrit; k++) {
		cells[0] = sh->crit_name[k];
		review_format_tenths(sh->crit_max[k], text[0], sizeof text[0]);
		cells[1] = text[0];
		for (int r = from; r < to; r++) {
			review_format_tenths(sh->rows[r].score[k], text[1 + r - from], sizeof text[0]);
			cells[2 + r - from] = text[1 + r - from];
		}
		row(f, &t, cells);
	}
	rule(f, &t);
	int max = 0;
	for (int k = 0; k < sh->ncrit; k++)
		max += sh->crit_max[k];
	review_format_tenths(max, text[0], sizeof text[0]);
	cells[0] = "合计";
	cells[1] = text[0];
	for (int r = from; r < to; r++) {
		review_format_tenths(sh->rows[r].total, text[1 + r - from], sizeof text[0]);
		cells[2 + r - from] = text[1 + r - from];
	}
	row(f, &t, cells);
	rule(f, &t);
}

/* 通过 / 不通过 as decided, or as the complete sheet stands before the
 * decision. */
static const char *verdict(const struct form_data *d, int pass_line)
{
	int st = d->facts.state;
	if (st == RV_PASSED || st == RV_HONOURED)
		return "通过";
	if (st == RV_FAILED)
		return "不通过";
	if (!d->sh.complete || d->sh.mean < 0)
		return "评分未完成";
	return review_accept_state(d->sh.mean, pass_line) == RV_PASSED ? "通过（待确认）"
	                                                               : "不通过（待确认）";
}

static void acceptance(sink_t f, const struct form_data *d)
{
	char title[256], mean[16], pass_at[16];
	int create = d->b.kind == REVIEW_CREATE;
	snprintf(title, sizeof title, "%s%s", d->b.org, create ? "示范创建巩固验收评审表"
	                                                        : "党支部工作“立项活动”验收评审表");
	centred(f, title);
	line(f, "");
	rule(f, &label_value);
	field(f, create ? "创 建 名 称" : "项 目 名 称", d->a.title);
	field(f, "所 在 支 部", d->a.org);
	field(f, "项目执行者", d->a.executor);
	line(f, "");
	linef(f, "第 %d 次验收  评审组各评审人评分", d->sh.round);
	for (int r = 0; r < d->sh.nrev || r == 0; r += REV_PER_TABLE)
		score_table(f, &d->sh, r, r + REV_PER_TABLE < d->sh.nrev ? r + REV_PER_TABLE
		                                                         : d->sh.nrev);
	int pass = 0;
	review_parse_tenths(d->b.pass_line, 10000, &pass, NULL);
	review_format_tenths(d->sh.mean, mean, sizeof mean);
	review_format_tenths(pass, pass_at, sizeof pass_at);
	line(f, "");
	linef(f, "总评（各评审人合计的平均分）：%s%s", *mean ? mean : "—", *mean ? " 分" : "");
	linef(f, "验收结论：%s（通过线 %s 分）", verdict(d, pass), pass_at);
	if (*d->a.rectify_due)
		linef(f, "整改期限：%s", d->a.rectify_due);
	line(f, "");
	line(f, d->evidence);
	line(f, "");
	line(f, "评审组组长（签字）：                    日期：      年    月    日");
}

/* ---- the file ---- */

struct form_job {
	struct session *s;
	enum review_form form;
	struct form_data *d;
};

static void draw_form(sink_t f, void *ctx)
{
	struct form_job *j = ctx;
	if (j->form == RF_MIDTERM)
		midterm(j->s, f, j->d);
	else if (j->form == RF_ACCEPTANCE)
		acceptance(f, j->d);
	else if (j->d->b.kind == REVIEW_CREATE)
		create_application(j->s, f, j->d);
	else
		project_application(j->s, f, j->d);
}

static int is_pdf(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && strcasecmp(path + n - 4, ".pdf") == 0;
}

static int write_text(struct form_job *j, const char *path, FILE *report)
{
	struct outfile o;
	struct form_sink k;
	if (outfile_open(&o, path)) {
		fprintf(report, "无法写入 %s：%s\n", path, o.why);
		return 1;
	}
	form_text_sink(&k, o.f);
	draw_form(&k, j);
	if (outfile_commit(&o)) {
		fprintf(report, "写入 %s 失败：%s\n", path, o.why);
		return 1;
	}
	return 0;
}

int review_form_write(struct session *s, int64_t app_id, enum review_form form, const char *path,
                      FILE *report)
{
	struct form_data *d = calloc(1, sizeof *d);
	struct dj_err e = { 0 };
	if (!d) {
		fprintf(report, "内存不足\n");
		return 1;
	}
	if (form_load(s, app_id, d, &e)) {
		fprintf(report, "读取申报失败：%s\n", e.msg);
		free(d);
		return 1;
	}
	struct form_job j = { s, form, d };
	int rc = 0;
	if (!is_pdf(path))
		rc = write_text(&j, path, report);
	else if (form_pdf_write(path, draw_form, &j, &e)) {
		fprintf(report, "%s\n", e.msg);
		rc = 1;
	}
	free(d);
	return rc;
}
