#include "demo/demo.h"

#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/validate.h"
#include "org/org.h"

/* The liaison table of seed 003 (驿亭镇"基层组织建设年"活动联系表). */
struct unit {
	const char *name, *kind, *category, *leader, *cadre, *secretary;
};

static const struct unit villages[] = {
	{ "五夫村党总支", "党总支", "农村", "章伟青", "朱高华", "王建国" },
	{ "联桥村党支部", "党支部", "农村", "傅飞军", "陆顺龙", "李国良" },
	{ "二都村党支部", "党支部", "农村", "王国尧", "许胜和", "陈志明" },
	{ "鲁溪闸村党支部", "党支部", "农村", "李振尧", "", "徐国平" },
	{ "孝丰村党支部", "党支部", "农村", "陈 刚", "李庆炎", "张伟" },
	{ "马慢桥党支部", "党支部", "农村", "袁兴祥", "", "沈明华" },
	{ "贾家村党支部", "党支部", "农村", "叶尧勇", "陈锡芬", "贾海林" },
	{ "袍江村党支部", "党支部", "农村", "茅海烽", "", "杜建新" },
	{ "白马湖村党总支", "党总支", "农村", "魏新法", "王伟荣", "钱文华" },
	{ "杨梅村党支部", "党支部", "农村", "诸夏良", "袁 婕", "杨志强" },
	{ "春晖村党总支", "党总支", "农村", "陈建华", "", "孙晓东" },
	{ "新驿亭村党总支", "党总支", "农村", "魏建亮", "黄坚平", "金海军" },
	{ "五洲村党支部", "党支部", "农村", "俞振江", "", "周国庆" },
	{ "西陡门党支部", "党支部", "农村", "王佳琦", "夏东法", "吴立新" },
	{ "杨溪村党支部", "党支部", "农村", "", "俞柏炎", "曾德胜" },
	{ "新横塘村党总支", "党总支", "农村", "赵瑞华", "", "单国强" },
	{ "驿亭社区党支部", "党支部", "社区", "魏新法", "袁婕", "洪辉" },
	{ "五夫工业区党总支", "党总支", "非公企业", "章伟青", "李庆炎", "谢永康" },
	{ "浙江耀华高翔管桩有限公司党支部", "党支部", "非公企业", "傅飞军", "俞振江", "高翔" },
	{ "上虞市唯佳照明电器有限公司党支部", "党支部", "非公企业", "黄坚平", "", "唐佳" },
	{ "浙江永庆家具有限公司党支部", "党支部", "非公企业", "王国尧", "朱高华", "蒋永庆" },
	{ "上虞市锦涛电子有限公司党支部", "党支部", "非公企业", "叶尧勇", "袁兴祥", "方锦涛" },
	{ "上虞伟巍制衣有限公司党支部", "党支部", "非公企业", "陆顺龙", "", "何伟巍" },
	{ "驿亭镇白马湖水产专业合作社党支部", "党支部", "社会组织", "王伟荣", "", "马水生" },
	{ "镇机关党支部", "党支部", "机关", "陈狄龙", "", "林海燕" },
	{ "镇中心学校党支部", "党支部", "学校教工", "王佳琦", "", "郑文静" },
	{ "镇卫生院党支部", "党支部", "事业单位", "诸夏良", "", "冯春梅" },
};

/* A 党总支 holds branches; each branch of a 党总支 has two 党小组. */
static const char *const sub_branches[] = { "第一党支部", "第二党支部" };
static const char *const groups[] = { "第一党小组", "第二党小组" };

static int save(struct session *s, struct org *o, struct dj_err *e)
{
	o->id = 0;
	o->version = 0;
	return org_save(s, o, 1, e);
}

/* Elections staggered so some terms fall due within six months of today. */
static void election_date(int i, int years, char out[11])
{
	char now[11];
	date_add_months(today(now), -1 - (i * 7) % (years * 12), out);
}

static int add_unit(struct session *s, const struct unit *u, unsigned i, struct dj_err *e)
{
	struct org o = { 0 };
	snprintf(o.parent, sizeof o.parent, "中共驿亭镇委员会");
	snprintf(o.name, sizeof o.name, "%s", u->name);
	snprintf(o.kind, sizeof o.kind, "%s", u->kind);
	snprintf(o.category, sizeof o.category, "%s", u->category);
	snprintf(o.secretary, sizeof o.secretary, "%s", u->secretary);
	snprintf(o.leader, sizeof o.leader, "%s", u->leader);
	snprintf(o.cadre, sizeof o.cadre, "%s", u->cadre);
	snprintf(o.founded_on, sizeof o.founded_on, "%04u-%02u-01", 1958 + (i * 3) % 50, 1 + i % 12);
	snprintf(o.phone, sizeof o.phone, "0575-8255%04u", 1000 + i * 37 % 9000);
	election_date((int)i, org_term_default_years(o.kind, o.category), o.elected_on);
	if (save(s, &o, e))
		return -1;
	if (strcmp(u->kind, "党总支") != 0)
		return 0;
	for (int b = 0; b < 2; b++) {
		struct org br = o;
		snprintf(br.parent, sizeof br.parent, "%s", u->name);
		snprintf(br.name, sizeof br.name, "%.80s%s", u->name, sub_branches[b]);
		/* "五夫村党总支第一党支部" reads wrong; branch names drop 党总支. */
		char *cut = strstr(br.name, "党总支");
		if (cut)
			memmove(cut, cut + strlen("党总支"), strlen(cut + strlen("党总支")) + 1);
		snprintf(br.kind, sizeof br.kind, "党支部");
		br.leader[0] = br.cadre[0] = br.phone[0] = 0;
		snprintf(br.secretary, sizeof br.secretary, "%s", b ? "刘晓红" : "赵志刚");
		if (save(s, &br, e))
			return -1;
		for (int g = 0; g < 2; g++) {
			struct org gr = br;
			snprintf(gr.parent, sizeof gr.parent, "%s", br.name);
			snprintf(gr.name, sizeof gr.name, "%.90s%s", br.name, groups[g]);
			snprintf(gr.kind, sizeof gr.kind, "党小组");
			gr.elected_on[0] = gr.secretary[0] = 0;
			if (save(s, &gr, e))
				return -1;
		}
	}
	return 0;
}

static int populate(struct session *s, struct dj_err *e)
{
	struct org top = { 0 };
	snprintf(top.name, sizeof top.name, "中共驿亭镇委员会");
	snprintf(top.short_name, sizeof top.short_name, "驿亭镇党委");
	snprintf(top.kind, sizeof top.kind, "党委");
	snprintf(top.category, sizeof top.category, "机关");
	snprintf(top.founded_on, sizeof top.founded_on, "1950-10-01");
	snprintf(top.secretary, sizeof top.secretary, "章伟青");
	snprintf(top.phone, sizeof top.phone, "0575-82551001");
	snprintf(top.address, sizeof top.address, "上虞市驿亭镇人民路1号");
	election_date(3, 5, top.elected_on);
	if (save(s, &top, e))
		return -1;
	for (size_t i = 0; i < sizeof villages / sizeof *villages; i++)
		if (add_unit(s, &villages[i], (unsigned)i, e))
			return -1;
	/* A branch set up two years ago: too young for 样板支部 (seed 001). */
	struct org young = { 0 };
	snprintf(young.parent, sizeof young.parent, "中共驿亭镇委员会");
	snprintf(young.name, sizeof young.name, "驿亭镇新时代文明实践所党支部");
	snprintf(young.kind, sizeof young.kind, "党支部");
	snprintf(young.category, sizeof young.category, "社会组织");
	snprintf(young.secretary, sizeof young.secretary, "钱丽萍");
	char now2[11];
	date_add_months(today(now2), -24, young.founded_on);
	snprintf(young.elected_on, sizeof young.elected_on, "%s", young.founded_on);
	if (save(s, &young, e))
		return -1;
	/* One branch merged away, to show 撤销 in the registry. */
	struct org gone = { 0 };
	snprintf(gone.parent, sizeof gone.parent, "中共驿亭镇委员会");
	snprintf(gone.name, sizeof gone.name, "上虞市庆丰电器有限公司党支部");
	snprintf(gone.kind, sizeof gone.kind, "党支部");
	snprintf(gone.category, sizeof gone.category, "非公企业");
	snprintf(gone.founded_on, sizeof gone.founded_on, "2003-06-18");
	if (save(s, &gone, e))
		return -1;
	char now[11];
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "UPDATE org SET status='撤销', dissolved_on=?1,"
	                       " reason='企业关停，党员组织关系已转出', version=version+1 WHERE id=?2",
	                       -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "生成示例数据");
	sqlite3_bind_text(st, 1, today(now), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, gone.id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(s->db, e, "生成示例数据");
}

/* Each workflow adds its demo records after the registry exists; one line
 * per workflow, in dependency order. */
static int (*const workflows[])(struct session *, struct dj_err *) = {
	populate,
	demo_members,    /* members, their moves, applicants at every stage */
	demo_meetings,   /* after the members: sign-in sheets need them */
	demo_dues,
	demo_grading,    /* a confirmed round last year with rectification, this year's scored */
	demo_review,     /* 立项 in every state, 样板支部 at 初审 (adds one young branch) */
	demo_honours,    /* past honours of a few members and branches, one revoked */
	demo_showcase,   /* seed 000's 示范岗, 示范寝室 and 示范点 with their checks */
	demo_nominate,   /* a commendation cycle in 公示, with objections */
	demo_supervise,  /* 月报 with some missing, a 督导检查 with an overdue follow-up, 联系点 visits */
	demo_appraise,   /* last year's 述职评议 of every branch, votes typed, closed */
	demo_evaluate,   /* last year's 民主评议党员 of three branches, one member 不合格 */
	demo_plan,       /* seed 003's 实施方案: phases, 七大活动 tasks, a task split to branches */
	demo_care,       /* 老党员 by the rule, 生活困难 and 因病 entries, this year's 春节 visits */
	demo_training,   /* this year's 培训 with attendees: some reach 32 学时, some fall short */
};

int demo_populate(struct session *s, struct dj_err *e)
{
	if (db_int(s->db, "SELECT count(*) FROM org", -1, 0) > 0)
		return dj_fail(e, DJ_INVALID, NULL, "数据库中已有组织，不再生成示例数据");
	if (db_begin(s->db, e))
		return DJ_DB;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof workflows / sizeof *workflows; i++)
		rc = workflows[i](s, e);
	if (rc == 0)
		rc = db_commit(s->db, e);
	if (rc) {
		db_rollback(s->db);
		return e && e->code ? e->code : DJ_DB;
	}
	return 0;
}
