/* audit_fields.c — what the 操作日志 calls things: each audited table's
 * columns by the labels of their forms, and the short words the list shows
 * for long operations.
 *
 * Most modules write their JSON with Chinese keys already; 发展党员 writes
 * column names, and older entries of any table may.  Translating when the
 * log is read, not when it is written, keeps entries written before this
 * table existed readable too.  tests/unit/test_audit.c checks that every
 * column of every audited table is here. */
#include "admin/audit.h"

#include <sqlite3.h>
#include <string.h>

#include "admin/audit_sql.h"

struct field_label {
	const char *table;   /* "*": every table */
	const char *key;     /* the column, or a key an older JSON used */
	const char *label;   /* as the form says it, without the colon */
};

static const struct field_label labels[] = {
	/* columns every table has */
	{ "*", "id", "记录号" }, { "*", "version", "版本" }, { "*", "created_at", "创建时间" },
	{ "*", "updated_at", "修改时间" }, { "*", "updated_by", "修改人" },
	{ "*", "name_py", "拼音首字母" },

	{ "org", "parent_id", "上级组织" }, { "org", "name", "党组织名称" },
	{ "org", "short_name", "简称" }, { "org", "kind", "类型" }, { "org", "category", "类别" },
	{ "org", "founded_on", "成立日期" }, { "org", "founding_doc", "批准文号" },
	{ "org", "secretary", "书记" }, { "org", "phone", "联系电话" }, { "org", "address", "地址" },
	{ "org", "notes", "备注" }, { "org", "status", "状态" }, { "org", "dissolved_on", "撤销日期" },
	{ "org", "reason", "撤销原因" }, { "org", "任期", "任期（年）" },
	{ "org", "sort_no", "排序号" }, { "org", "sort_key", "组织树次序" },

	{ "org_term", "org_id", "党组织" }, { "org_term", "elected_on", "本届选举日期" },
	{ "org_term", "term_years", "任期（年）" }, { "org_term", "due_on", "届满日期" },

	{ "liaison", "org_id", "党组织" }, { "liaison", "person", "姓名" },
	{ "liaison", "role", "联系类别" }, { "liaison", "from_on", "起始日期" },
	{ "liaison", "to_on", "截止日期" },

	{ "app_user", "login", "登录名" }, { "app_user", "display_name", "姓名" },
	{ "app_user", "role", "角色" }, { "app_user", "org_id", "管辖范围" },

	{ "member", "org_id", "所在支部" }, { "member", "name", "姓名" }, { "member", "gender", "性别" },
	{ "member", "ethnicity", "民族" }, { "member", "birth_date", "出生日期" },
	{ "member", "id_number", "身份证号" }, { "member", "education", "学历" },
	{ "member", "phone", "联系电话" }, { "member", "category", "人员类别" },
	{ "member", "joined_on", "入党日期" }, { "member", "confirmed_on", "转正日期" },
	{ "member", "extension_months", "延长预备期（月）" }, { "member", "job", "工作岗位" },
	{ "member", "status", "状态" }, { "member", "notes", "备注" },
	{ "member", "group_id", "所在党小组" },
	{ "member", "延长预备期", "延长预备期（月）" },

	{ "member_event", "member_id", "党员" }, { "member_event", "type", "类型" },
	{ "member_event", "date", "日期" }, { "member_event", "from_org", "原所在组织" },
	{ "member_event", "to_org", "去往" }, { "member_event", "letter_no", "介绍信编号" },
	{ "member_event", "valid_days", "有效期（天）" }, { "member_event", "dues_paid_to", "党费交至" },
	{ "member_event", "reason", "原因" }, { "member_event", "来自", "原所在组织" },

	{ "dev_case", "org_id", "所在支部" }, { "dev_case", "member_id", "党员" },
	{ "dev_case", "name", "姓名" }, { "dev_case", "gender", "性别" },
	{ "dev_case", "ethnicity", "民族" }, { "dev_case", "birth_date", "出生日期" },
	{ "dev_case", "id_number", "身份证号" }, { "dev_case", "education", "学历" },
	{ "dev_case", "phone", "联系电话" }, { "dev_case", "job", "工作岗位" },
	{ "dev_case", "stage", "阶段" }, { "dev_case", "applied_on", "递交申请日期" },
	{ "dev_case", "talked_on", "谈话日期" }, { "dev_case", "activist_on", "确定积极分子日期" },
	{ "dev_case", "mentor1", "培养联系人一" }, { "dev_case", "mentor2", "培养联系人二" },
	{ "dev_case", "candidate_on", "确定发展对象日期" }, { "dev_case", "vetted_on", "政审日期" },
	{ "dev_case", "training_hours", "培训学时" }, { "dev_case", "sponsor1", "入党介绍人一" },
	{ "dev_case", "sponsor2", "入党介绍人二" }, { "dev_case", "branch_meeting_on", "支部大会日期" },
	{ "dev_case", "approved_on", "党委审批日期" }, { "dev_case", "sworn_on", "入党宣誓日期" },
	{ "dev_case", "extension_months", "延长预备期（月）" },
	{ "dev_case", "confirmed_on", "转正日期" }, { "dev_case", "ended_on", "终止日期" },
	{ "dev_case", "end_reason", "终止原因" }, { "dev_case", "notes", "备注" },

	{ "meeting", "org_id", "组织" }, { "meeting", "type", "会议类型" }, { "meeting", "date", "日期" },
	{ "meeting", "topic", "主题" }, { "meeting", "host", "主持人" },
	{ "meeting", "recorder", "记录人" }, { "meeting", "minutes", "会议记录" },

	{ "attendance", "meeting_id", "会议" }, { "attendance", "member_id", "党员" },
	{ "attendance", "state", "签到情况" }, { "attendance", "reason", "原因" },

	{ "dues", "member_id", "姓名" }, { "dues", "org_id", "所在支部" }, { "dues", "month", "月份" },
	{ "dues", "kind", "类别" }, { "dues", "base", "计算基数" }, { "dues", "rate", "比例" },
	{ "dues", "due", "应交" }, { "dues", "paid", "实交" }, { "dues", "paid_on", "交纳日期" },
	{ "dues", "relief", "减免" }, { "dues", "approval", "批准情况" }, { "dues", "notes", "备注" },

	{ "grading_round", "year", "年度" }, { "grading_round", "name", "定级名称" },
	{ "grading_round", "org_id", "组织单位" }, { "grading_round", "status", "状态" },
	{ "grading_round", "grade1", "第一等次" }, { "grading_round", "grade2", "第二等次" },
	{ "grading_round", "grade3", "第三等次" }, { "grading_round", "grade4", "第四等次" },
	{ "grading_round", "line1", "第一等次分数线" }, { "grading_round", "line2", "第二等次分数线" },
	{ "grading_round", "line3", "第三等次分数线" },
	{ "grading_round", "guide_top", "比例指导（第一、二等次）" },
	{ "grading_round", "guide_mid", "比例指导（第三等次）" },
	{ "grading_round", "guide_bottom", "比例指导（第四等次）" },
	{ "grading_round", "tolerance", "允许偏差（百分点）" },
	{ "grading_round", "rectify_due", "整改期限" }, { "grading_round", "previous_id", "对比上轮" },
	{ "grading_round", "published_on", "公布日期" }, { "grading_round", "confirmed_by", "确认人" },
	{ "grading_round", "notes", "备注" }, { "grading_round", "比例指导", "比例指导（%）" },
	{ "grading_round", "允许偏差", "允许偏差（百分点）" }, { "grading_round", "对比", "对比上轮" },

	{ "grading_indicator", "round_id", "定级" }, { "grading_indicator", "seq", "序号" },
	{ "grading_indicator", "name", "指标名称" }, { "grading_indicator", "max_score", "满分" },

	{ "grading_score", "result_id", "党组织" }, { "grading_score", "source_id", "评分来源" },
	{ "grading_score", "indicator_id", "评分指标" }, { "grading_score", "score", "得分" },

	{ "grading_result", "round_id", "定级" }, { "grading_result", "org_id", "党组织" },
	{ "grading_result", "total", "综合得分" }, { "grading_result", "suggested", "建议等次" },
	{ "grading_result", "grade", "等次" }, { "grading_result", "reason", "调整理由" },
	{ "grading_result", "previous_grade", "上次等次" },

	{ "rectification", "round_id", "定级" }, { "rectification", "org_id", "党组织" },
	{ "rectification", "origin", "列入原因" }, { "rectification", "problem", "存在问题" },
	{ "rectification", "measures", "整改措施" }, { "rectification", "responsible", "责任人" },
	{ "rectification", "deadline", "整改期限" }, { "rectification", "progress", "整改进展" },
	{ "rectification", "accepted_on", "验收日期" }, { "rectification", "定级名称", "定级" },
};
enum { NLABELS = sizeof labels / sizeof *labels };

static const char *find_label(const char *table, const char *key)
{
	for (int i = 0; i < NLABELS; i++)
		if (strcmp(labels[i].table, table) == 0 && strcmp(labels[i].key, key) == 0)
			return labels[i].label;
	return NULL;
}

const char *audit_field_label(const char *table, const char *key)
{
	const char *l = table ? find_label(table, key) : NULL;
	if (!l)
		l = find_label("*", key);
	return l ? l : key;
}

int audit_field_known(const char *table, const char *column)
{
	return find_label(table, column) || find_label("*", column);
}

/* The 操作 column is five characters wide; the detail view and the export
 * keep the whole word. */
static const struct { const char *action, *word; } short_words[] = {
	{ "确定为入党积极分子", "定积极分子" }, { "确定为发展对象", "定发展对象" },
	{ "接收为预备党员", "接收预备" }, { "说明理由后继续", "说明理由" },
};
enum { NSHORT = sizeof short_words / sizeof *short_words };

const char *audit_action_short(const char *action)
{
	for (int i = 0; i < NSHORT; i++)
		if (strcmp(short_words[i].action, action) == 0)
			return short_words[i].word;
	return action;
}

static void label_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *table = (const char *)sqlite3_value_text(argv[0]);
	const char *key = (const char *)sqlite3_value_text(argv[1]);
	if (!key)
		sqlite3_result_null(cx);
	else
		sqlite3_result_text(cx, audit_field_label(table ? table : "", key), -1, SQLITE_TRANSIENT);
}

static void action_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *action = (const char *)sqlite3_value_text(argv[0]);
	if (!action)
		sqlite3_result_null(cx);
	else
		sqlite3_result_text(cx, audit_action_short(action), -1, SQLITE_TRANSIENT);
}

int audit_sql_register(sqlite3 *db)
{
	sqlite3_stmt *st;
	/* Once per connection: redefining a function fails while a statement
	 * runs, and expires every statement prepared. */
	if (sqlite3_prepare_v2(db, "SELECT dj_audit_record('', 0, NULL, NULL)", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_finalize(st);
		return 0;
	}
	const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	if (sqlite3_create_function(db, "dj_audit_label", 2, flags, NULL, label_fn, NULL, NULL) ||
	    sqlite3_create_function(db, "dj_audit_action", 1, flags, NULL, action_fn, NULL, NULL) ||
	    sqlite3_create_function(db, "dj_audit_record", 4, SQLITE_UTF8, NULL, audit_record_fn, NULL,
	                            NULL))
		return -1;
	return 0;
}
