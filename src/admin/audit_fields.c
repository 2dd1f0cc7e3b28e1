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
	{ "dev_step", "case_id", "发展党员" }, { "dev_step", "step", "步骤" },
	{ "dev_step", "done_on", "日期" }, { "dev_step", "until_on", "公示结束日期" },
	{ "dev_step", "number", "编号或方式" }, { "dev_step", "votes", "得票" },
	{ "dev_step", "of_votes", "应到人数" }, { "dev_step", "note", "说明" },

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

	{ "review_batch", "kind", "类别" }, { "review_batch", "term", "学年/周期" },
	{ "review_batch", "name", "批次名称" }, { "review_batch", "org_id", "组织单位" },
	{ "review_batch", "status", "状态" }, { "review_batch", "fund_fen", "经费（分）" },
	{ "review_batch", "fund2_fen", "标杆学院经费（分）" },
	{ "review_batch", "match_pct", "配套比例（%）" },
	{ "review_batch", "pass_line", "验收通过分数" },
	{ "review_batch", "excellent_line", "优秀成果分数" },
	{ "review_batch", "excellent_max", "优秀成果名额" },
	{ "review_batch", "per_org", "每个支部项目数" },
	{ "review_batch", "quota_college", "标杆学院名额" },
	{ "review_batch", "quota_branch", "样板支部名额" },
	{ "review_batch", "limit_zongzhi", "党总支推荐数" },
	{ "review_batch", "limit_jiguan", "机关党委推荐数" }, { "review_batch", "years", "年限" },
	{ "review_batch", "notes", "备注" }, { "review_batch", "frozen_on", "开始评审日期" },

	{ "review_stage", "batch_id", "批次" }, { "review_stage", "seq", "序号" },
	{ "review_stage", "name", "阶段" }, { "review_stage", "due_on", "阶段日期" },
	{ "review_stage", "reach", "应达到的状态" },

	{ "review_criterion", "batch_id", "批次" }, { "review_criterion", "seq", "序号" },
	{ "review_criterion", "name", "评分标准" }, { "review_criterion", "max_score", "满分" },

	{ "review_reviewer", "batch_id", "批次" }, { "review_reviewer", "seq", "序号" },
	{ "review_reviewer", "name", "评审人" },

	{ "review_app", "batch_id", "批次" }, { "review_app", "org_id", "所在支部" },
	{ "review_app", "kind", "类别" }, { "review_app", "state", "状态" },
	{ "review_app", "title", "项目名称" }, { "review_app", "unit", "项目所在单位" },
	{ "review_app", "executor", "项目执行者" }, { "review_app", "secretary", "支部书记" },
	{ "review_app", "filed_on", "填表日期" }, { "review_app", "direction", "立项方向" },
	{ "review_app", "why", "为什么要开展活动" }, { "review_app", "how", "怎样开展活动" },
	{ "review_app", "goal", "预期目标" }, { "review_app", "content", "活动形式、内容" },
	{ "review_app", "plan", "实施方案" }, { "review_app", "schedule", "时间安排" },
	{ "review_app", "long_reason", "超过一学年的理由" },
	{ "review_app", "goal_year1", "第一年目标" }, { "review_app", "goal_year2", "第二年目标" },
	{ "review_app", "problems", "问题清单" }, { "review_app", "duties", "责任清单" },
	{ "review_app", "declaration", "未出现重大问题、事件的声明" },
	{ "review_app", "declared_by", "声明人" }, { "review_app", "declared_on", "声明日期" },
	{ "review_app", "recommended_by", "推荐人" }, { "review_app", "recommended_on", "推荐日期" },
	{ "review_app", "decision", "批复意见" }, { "review_app", "decided_on", "批复日期" },
	{ "review_app", "granted_fen", "拨付经费（分）" }, { "review_app", "ends_on", "计划结束日期" },
	{ "review_app", "accept_round", "验收轮次" }, { "review_app", "total", "总评" },
	{ "review_app", "rectify_due", "整改期限" }, { "review_app", "outcome", "结果" },
	{ "review_app", "award", "奖励" }, { "review_app", "reason", "理由" },

	{ "review_note", "app_id", "申报" }, { "review_note", "kind", "类别" },
	{ "review_note", "on_date", "日期" }, { "review_note", "criterion_id", "对照标准" },
	{ "review_note", "body", "内容" }, { "review_note", "problems", "存在问题" },
	{ "review_note", "opinion", "意见" }, { "review_note", "result", "结果" },
	{ "review_note", "extends_to", "延期至" },

	{ "review_task", "app_id", "申报" }, { "review_task", "seq", "序号" },
	{ "review_task", "task", "任务" }, { "review_task", "responsible", "责任人" },
	{ "review_task", "due_on", "完成期限" }, { "review_task", "done_on", "完成日期" },

	{ "review_score", "app_id", "申报" }, { "review_score", "round", "验收轮次" },
	{ "review_score", "reviewer_id", "评审人" }, { "review_score", "criterion_id", "评分标准" },
	{ "review_score", "score", "得分" },

	{ "review_fund", "app_id", "申报" }, { "review_fund", "kind", "类别" },
	{ "review_fund", "on_date", "日期" }, { "review_fund", "item", "事项" },
	{ "review_fund", "amount_fen", "金额（分）" }, { "review_fund", "outside_fen", "国家/省级资助（分）" },
	{ "review_fund", "handler", "经手人" },

	{ "honour", "kind", "获得者类别" }, { "honour", "member_id", "获得者（党员）" },
	{ "honour", "org_id", "获得者（党组织）" }, { "honour", "title", "荣誉称号" },
	{ "honour", "level", "级别" }, { "honour", "awarded_on", "授予日期" },
	{ "honour", "approved_by", "批准机关" }, { "honour", "doc_no", "文号" },
	{ "honour", "deeds", "事迹" }, { "honour", "posthumous", "追授" },
	{ "honour", "revoked_on", "撤销日期" }, { "honour", "revoke_reason", "撤销原因" },

	{ "showcase_post", "member_id", "党员" }, { "showcase_post", "name", "岗位名称" },
	{ "showcase_post", "goal", "岗位目标" }, { "showcase_post", "pledge", "岗位承诺" },
	{ "showcase_post", "opened_on", "挂牌日期" }, { "showcase_post", "closed_on", "摘牌日期" },
	{ "showcase_post", "close_reason", "摘牌原因" },
	{ "showcase_post_note", "post_id", "示范岗" }, { "showcase_post_note", "kind", "类别" },
	{ "showcase_post_note", "on_date", "日期" }, { "showcase_post_note", "by_whom", "记录人" },
	{ "showcase_post_note", "body", "内容" },
	{ "showcase_post_grade", "post_id", "示范岗" }, { "showcase_post_grade", "year", "年度" },
	{ "showcase_post_grade", "grade", "考核等次" }, { "showcase_post_grade", "on_date", "考核日期" },
	{ "showcase_post_grade", "assessor", "考核人" }, { "showcase_post_grade", "note", "评语" },
	{ "showcase_dorm", "org_id", "所在党组织" }, { "showcase_dorm", "building", "楼栋" },
	{ "showcase_dorm", "room", "房号" }, { "showcase_dorm", "opened_on", "挂牌日期" },
	{ "showcase_dorm", "note", "备注" },
	{ "showcase_dorm_check", "dorm_id", "示范寝室" }, { "showcase_dorm_check", "on_date", "检查日期" },
	{ "showcase_dorm_check", "checker", "检查人" }, { "showcase_dorm_check", "total", "总分" },
	{ "showcase_dorm_check", "items", "各项得分" }, { "showcase_dorm_check", "note", "备注" },
	{ "showcase_point", "org_id", "党组织" }, { "showcase_point", "level", "示范点级别" },
	{ "showcase_point", "opened_on", "确定日期" }, { "showcase_point", "note", "备注" },
	{ "showcase_point_check", "point_id", "示范点" }, { "showcase_point_check", "year", "年度" },
	{ "showcase_point_check", "on_date", "检查日期" }, { "showcase_point_check", "result", "检查结果" },
	{ "showcase_point_check", "note", "备注" },
	{ "duty_report", "org_id", "党组织" }, { "duty_report", "duty", "事项" },
	{ "duty_report", "period", "期间" }, { "duty_report", "received_on", "收到日期" },
	{ "duty_report", "brought_by", "报送人" }, { "duty_report", "summary", "内容摘要" },
	{ "inspection", "on_date", "检查日期" }, { "inspection", "leader", "组长" },
	{ "inspection", "team", "检查组成员" }, { "inspection", "note", "备注" },
	{ "inspection_org", "inspection_id", "督导检查" }, { "inspection_org", "org_id", "被检查党组织" },
	{ "inspection_org", "findings", "检查发现" }, { "inspection_org", "followup", "整改要求" },
	{ "inspection_org", "deadline", "整改期限" }, { "inspection_org", "done_on", "整改完成日期" },
	{ "inspection_org", "done_note", "整改情况" },
	{ "liaison_visit", "liaison_id", "联系人" }, { "liaison_visit", "on_date", "走访日期" },
	{ "liaison_visit", "activity", "走访内容" }, { "liaison_visit", "note", "备注" },
	{ "care_case", "member_id", "党员" }, { "care_case", "category", "类别" },
	{ "care_case", "reason", "原因" }, { "care_case", "listed_on", "列入日期" },
	{ "care_case", "address", "家庭住址" }, { "care_case", "left_on", "移出日期" },
	{ "care_case", "left_reason", "移出原因" },
	{ "care_visit", "member_id", "党员" }, { "care_visit", "on_date", "慰问日期" },
	{ "care_visit", "occasion", "慰问时机" }, { "care_visit", "visitors", "慰问人" },
	{ "care_visit", "money_fen", "慰问金（分）" }, { "care_visit", "goods", "慰问品" },
	{ "care_visit", "note", "备注" },
	{ "training", "org_id", "参训组织" }, { "training", "date", "日期" },
	{ "training", "title", "培训主题" }, { "training", "organizer", "主办单位" },
	{ "training", "form", "培训形式" }, { "training", "hours", "学时" },
	{ "training", "notes", "备注" },
	{ "nom_cycle", "year", "年度" }, { "nom_cycle", "name", "评选名称" },
	{ "nom_cycle", "org_id", "组织单位" }, { "nom_cycle", "titles", "评选称号" },
	{ "nom_cycle", "level", "级别" }, { "nom_cycle", "quota", "默认名额" },
	{ "nom_cycle", "due_on", "推荐截止" }, { "nom_cycle", "publicity_from", "公示开始" },
	{ "nom_cycle", "publicity_to", "公示结束" }, { "nom_cycle", "approved_on", "审批日期" },
	{ "nom_cycle", "approved_by", "批准机关" }, { "nom_cycle", "doc_no", "文号" },
	{ "nom_cycle", "state", "状态" },
	{ "nom_quota", "cycle_id", "表彰评选" }, { "nom_quota", "org_id", "推荐单位" },
	{ "nom_quota", "title", "称号" }, { "nom_quota", "quota", "名额" },
	{ "nomination", "cycle_id", "表彰评选" }, { "nomination", "kind", "推荐对象类别" },
	{ "nomination", "member_id", "推荐对象（党员）" }, { "nomination", "org_id", "推荐对象（党组织）" },
	{ "nomination", "title", "称号" }, { "nomination", "nominator_id", "推荐单位" },
	{ "nomination", "reasons", "推荐理由" }, { "nomination", "state", "状态" },
	{ "nomination", "review_note", "审核意见" }, { "nomination", "decision_reason", "未批准原因" },
	{ "nomination", "overrides", "未满足的规则" }, { "nomination", "override_reason", "越过规则理由" },
	{ "nomination", "honour_id", "授予的荣誉" },
	{ "plan", "year", "年度" }, { "plan", "name", "方案名称" }, { "plan", "org_id", "印发单位" },
	{ "plan", "doc_no", "文号" }, { "plan", "issued_on", "印发日期" },
	{ "plan_phase", "plan_id", "实施方案" }, { "plan_phase", "seq", "序号" },
	{ "plan_phase", "name", "阶段名称" }, { "plan_phase", "from_on", "起始日期" },
	{ "plan_phase", "to_on", "截止日期" },
	{ "plan_group", "plan_id", "实施方案" }, { "plan_group", "seq", "序号" },
	{ "plan_group", "name", "任务分组" },
	{ "plan_task", "plan_id", "实施方案" }, { "plan_task", "group_id", "任务分组" },
	{ "plan_task", "seq", "序号" }, { "plan_task", "body", "任务内容" },
	{ "plan_task", "deadline", "完成期限" }, { "plan_task", "phase_id", "期限阶段" },
	{ "plan_task", "state", "状态" }, { "plan_task", "done_on", "完成日期" },
	{ "plan_task", "target_kind", "落实对象" }, { "plan_task", "target_org", "对象组织" },
	{ "plan_task", "target_category", "对象类别" }, { "plan_task", "split", "分解到支部" },
	{ "plan_task", "people", "责任人" },
	{ "plan_line", "task_id", "计划任务" }, { "plan_line", "org_id", "党支部" },
	{ "plan_line", "pledge", "公开承诺" }, { "plan_line", "progress", "进展情况" },
	{ "plan_line", "state", "状态" }, { "plan_line", "done_on", "完成日期" },
	{ "plan_note", "task_id", "计划任务" }, { "plan_note", "on_date", "日期" },
	{ "plan_note", "body", "进展" },
	{ "nom_objection", "nomination_id", "表彰推荐" }, { "nom_objection", "raised_on", "异议日期" },
	{ "nom_objection", "text", "异议内容" }, { "nom_objection", "outcome", "处理结果" },
	{ "appraise_round", "year", "年度" }, { "appraise_round", "name", "名称" },
	{ "appraise_round", "org_id", "组织单位" }, { "appraise_round", "starts_on", "开始日期" },
	{ "appraise_round", "ends_on", "述职期限" }, { "appraise_round", "status", "状态" },
	{ "appraise_round", "notes", "备注" },
	{ "appraise_line", "round_id", "述职评议" }, { "appraise_line", "org_id", "党组织" },
	{ "appraise_line", "secretary", "述职人" }, { "appraise_line", "spoke_on", "述职日期" },
	{ "appraise_line", "summary", "述职摘要" },
	{ "appraise_line", "m_good", "党员评议好" }, { "appraise_line", "m_fair", "党员评议较好" },
	{ "appraise_line", "m_avg", "党员评议一般" }, { "appraise_line", "m_poor", "党员评议差" },
	{ "appraise_line", "p_good", "群众评议好" }, { "appraise_line", "p_fair", "群众评议较好" },
	{ "appraise_line", "p_avg", "群众评议一般" }, { "appraise_line", "p_poor", "群众评议差" },
	{ "eval_round", "year", "年度" }, { "eval_round", "org_id", "组织" },
	{ "eval_round", "held_on", "评议日期" }, { "eval_round", "meeting_id", "会议" },
	{ "eval_round", "notes", "备注" },
	{ "eval_line", "round_id", "民主评议" }, { "eval_line", "member_id", "党员" },
	{ "eval_line", "result", "评议结果" }, { "eval_line", "self_note", "自评" },
	{ "eval_line", "v1", "优秀票" }, { "eval_line", "v2", "合格票" },
	{ "eval_line", "v3", "基本合格票" }, { "eval_line", "v4", "不合格票" },
	{ "eval_followup", "line_id", "评议党员" }, { "eval_followup", "member_id", "党员" },
	{ "eval_followup", "action", "处置" }, { "eval_followup", "decided_on", "决定日期" },
	{ "eval_followup", "deadline", "限期" }, { "eval_followup", "done_on", "完成日期" },
	{ "eval_followup", "decision", "处置决定" },
	{ "bulletin", "year", "年度" }, { "bulletin", "doc_no", "文号" }, { "bulletin", "title", "标题" },
	{ "bulletin", "period_from", "起始日期" }, { "bulletin", "period_to", "截止日期" },
	{ "bulletin", "org_id", "发文单位" }, { "bulletin", "issued_on", "发文日期" },
	{ "bulletin", "body", "正文" },
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
	/* the review flows' steps (src/review/flow.c) */
	{ "整改完成再次验收", "再次验收" }, { "评为优秀成果", "评优秀成果" },
	{ "公示结束，开始创建", "开始创建" }, { "提交验收材料", "提交验收" },
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
