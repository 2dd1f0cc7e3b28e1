/* gen_work.c — the year's work of the generated county: 三会一课 meetings
 * with their sign-in sheets, a year of dues, and a confirmed grading round
 * with its rectifications.  Each part runs only when its migration exists. */
#include "gen.h"

#include "core/text.h"

#include <stdio.h>
#include <string.h>

/* Share of each type among a branch's meetings in a year (三会一课): monthly
 * 支委会 and 党小组会 and 主题党日, quarterly 大会 and 党课, a yearly 组织生活会
 * and 民主评议. */
struct meeting_kind {
	const char *type;
	int weight;
	int whole_branch;   /* every member expected; else the committee or a group */
};
static const struct meeting_kind kinds[] = {
	{ "支委会", 24, 0 }, { "党小组会", 30, 0 }, { "主题党日", 22, 1 }, { "支部党员大会", 8, 1 },
	{ "党课", 8, 1 }, { "组织生活会", 4, 1 }, { "民主评议", 4, 1 },
};

static const char *const topics[] = {
	"学习贯彻党的二十大精神", "传达上级党委会议精神", "讨论发展党员工作", "研究党费收缴情况",
	"开展主题党日志愿服务", "学习党章党规", "讨论村级重大事项", "专题学习党史", "评议党员",
	"部署基层组织建设年工作", "研究整改措施", "学习《中国共产党支部工作条例》",
};
static const char *const leave_reasons[] = { "外出务工", "因病住院", "出差", "家中有事", "年老行动不便" };

static const struct meeting_kind *pick_kind(struct gen *g)
{
	int r = gen_int(g, 0, 99);
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if ((r -= kinds[i].weight) < 0)
			return &kinds[i];
	return &kinds[0];
}

/* The sign-in sheet: who was expected, who came, who asked for leave. */
static void attendance_for(struct gen *g, sqlite3_stmt *st, int64_t meeting_id,
                           const struct gen_branch *b, const struct meeting_kind *k)
{
	int from = 0, n = b->n;
	if (!k->whole_branch && strcmp(k->type, "支委会") == 0)
		n = n < 5 ? n : 5;
	else if (!k->whole_branch) {   /* one 党小组: a third of the branch */
		int size = n / 3 > 3 ? n / 3 : n;
		from = size < n ? gen_int(g, 0, 2) * size : 0;
		n = from + size <= n ? size : n - from;
	}
	for (int i = from; i < from + n; i++) {
		const struct gen_member *m = &g->members[g->by_branch[b->first + i]];
		if (!m->active)
			continue;
		int r = gen_int(g, 0, 99);
		const char *state = r < 90 ? "出席" : r < 96 ? "请假" : "缺席";
		sqlite3_bind_int64(st, 1, meeting_id);
		sqlite3_bind_int64(st, 2, m->id);
		gen_text(st, 3, state);
		gen_text(st, 4, r < 90 ? "" : r < 96 ? GEN_PICK(g, leave_reasons) : "未说明原因");
		gen_text(st, 5, g->stamp);
		gen_insert(g, st);
	}
}

/* Someone of the branch, for 主持人 and 记录人. */
static const char *member_of(struct gen *g, const struct gen_branch *b, int nth)
{
	return b->n > nth ? g->members[g->by_branch[b->first + nth]].name : "";
}

void gen_meetings(struct gen *g)
{
	sqlite3_stmt *mt = gen_prepare(g, "INSERT INTO meeting(org_id, type, date, topic, host, recorder,"
	                                  " minutes, created_at) VALUES (?,?,?,?,?,?,?,?)");
	sqlite3_stmt *at = gen_prepare(g, "INSERT INTO attendance(meeting_id, member_id, state, reason,"
	                                  " created_at) VALUES (?,?,?,?,?)");
	for (int i = 0; i < g->nmeetings; i++) {
		const struct gen_branch *b = &g->branches[gen_int(g, 0, g->nbranches - 1)];
		const struct meeting_kind *k = pick_kind(g);
		char date[11], minutes[512];
		gen_date(g->today - gen_int(g, 1, 364), date);
		const char *topic = GEN_PICK(g, topics);
		snprintf(minutes, sizeof minutes, "一、%s。\n二、与会党员逐一发言，结合工作实际谈体会。\n"
		         "三、%s作总结，部署下一阶段工作。", topic, member_of(g, b, 0));
		sqlite3_bind_int64(mt, 1, b->org_id);
		gen_text(mt, 2, k->type);
		gen_text(mt, 3, date);
		gen_text(mt, 4, topic);
		gen_text(mt, 5, member_of(g, b, 0));
		gen_text(mt, 6, member_of(g, b, 1));
		gen_text(mt, 7, minutes);
		gen_text(mt, 8, g->stamp);
		gen_insert(g, mt);
		attendance_for(g, at, sqlite3_last_insert_rowid(g->db), b, k);
	}
	sqlite3_finalize(mt);
	sqlite3_finalize(at);
}

/* ---- dues --------------------------------------------------------------- */

/* DESIGN.md §6 brackets on after-tax monthly income (fen); rate in 1/10000. */
static int rate_for(int64_t base, int retired)
{
	if (retired)
		return base <= 500000 ? 50 : 100;
	return base <= 300000 ? 50 : base <= 500000 ? 100 : base <= 1000000 ? 150 : 200;
}

void gen_dues(struct gen *g)
{
	sqlite3_stmt *st = gen_prepare(g, "INSERT INTO dues(member_id, org_id, month, kind, base, rate,"
	                                  " due, paid, paid_on, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)");
	int ty, tm, td;
	gen_date_parts(g->today, &ty, &tm, &td);
	for (int i = 0; i < g->nmembers; i++) {
		const struct gen_member *m = &g->members[i];
		if (!m->active)
			continue;
		const char *kind = m->retired ? "离退休" : m->farmer ? "农民" : "在职";
		int64_t base = m->farmer ? -1 : (int64_t)gen_int(g, m->retired ? 2500 : 2800,
		                                                 m->retired ? 7000 : 14000) * 100;
		int rate = base < 0 ? 0 : rate_for(base, m->retired);
		int64_t due = base < 0 ? 20 * gen_int(g, 1, 5) : (base * rate + 5000) / 10000;
		for (int k = g->dues_months - 1; k >= 0; k--) {
			int y = ty, mo = tm - k;
			while (mo < 1) {
				mo += 12;
				y--;
			}
			char month[16], paid_on[24];
			gen_ymd(y, mo, 1, month);
			month[7] = 0;
			int paid = k > 0 ? gen_int(g, 0, 99) < 97 : gen_int(g, 0, 99) < 70;
			snprintf(paid_on, sizeof paid_on, "%s-%02d", month, gen_int(g, 1, 28));
			sqlite3_bind_int64(st, 1, m->id);
			sqlite3_bind_int64(st, 2, g->branches[m->branch].org_id);
			gen_text(st, 3, month);
			gen_text(st, 4, kind);
			if (base < 0)
				sqlite3_bind_null(st, 5);
			else
				sqlite3_bind_int64(st, 5, base);
			sqlite3_bind_int(st, 6, rate);
			sqlite3_bind_int64(st, 7, due);
			sqlite3_bind_int64(st, 8, paid ? due : 0);
			gen_text(st, 9, paid ? paid_on : "");
			gen_text(st, 10, g->stamp);
			gen_insert(g, st);
		}
	}
	sqlite3_finalize(st);
}

/* ---- grading ------------------------------------------------------------ */

static const char *const indicators[] = { "党组织带头人", "工作思路", "工作制度", "活动阵地",
                                          "保障机制", "工作业绩", "群众评价" };
static const int indicator_max[] = { 150, 100, 150, 100, 150, 200, 150 };   /* tenths: 100 points */
static const char *const sources[] = { "群众初评", "党员评议", "支部自评", "组织考评" };
static const int source_weight[] = { 20, 20, 20, 40 };

static int64_t add_round(struct gen *g, int year, int64_t ind[7], int64_t src[4])
{
	char name[64], published[11], due[11];
	snprintf(name, sizeof name, "%d年度分类定级", year);
	gen_ymd(year + 1, 1, 20, published);
	gen_ymd(year + 1, 6, 30, due);
	sqlite3_stmt *st = gen_prepare(g,
		"INSERT INTO grading_round(year, name, org_id, status, grade1, grade2, grade3, grade4,"
		" line1, line2, line3, guide_top, guide_mid, guide_bottom, tolerance, rectify_due,"
		" published_on, confirmed_by, created_at)"
		" VALUES (?,?,?,'已确认','先进','较好','一般','后进',900,750,600,30,60,10,5,?,?,'admin',?)");
	sqlite3_bind_int(st, 1, year);
	gen_text(st, 2, name);
	sqlite3_bind_int64(st, 3, g->root_id);
	gen_text(st, 4, due);
	gen_text(st, 5, published);
	gen_text(st, 6, g->stamp);
	gen_insert(g, st);
	sqlite3_finalize(st);
	int64_t round = sqlite3_last_insert_rowid(g->db);
	st = gen_prepare(g, "INSERT INTO grading_indicator(round_id, seq, name, max_score, created_at)"
	                    " VALUES (?,?,?,?,?)");
	for (int i = 0; i < 7; i++) {
		sqlite3_bind_int64(st, 1, round);
		sqlite3_bind_int(st, 2, i + 1);
		gen_text(st, 3, indicators[i]);
		sqlite3_bind_int(st, 4, indicator_max[i]);
		gen_text(st, 5, g->stamp);
		gen_insert(g, st);
		ind[i] = sqlite3_last_insert_rowid(g->db);
	}
	sqlite3_finalize(st);
	st = gen_prepare(g, "INSERT INTO grading_source(round_id, seq, name, weight, created_at)"
	                    " VALUES (?,?,?,?,?)");
	for (int i = 0; i < 4; i++) {
		sqlite3_bind_int64(st, 1, round);
		sqlite3_bind_int(st, 2, i + 1);
		gen_text(st, 3, sources[i]);
		sqlite3_bind_int(st, 4, source_weight[i]);
		gen_text(st, 5, g->stamp);
		gen_insert(g, st);
		src[i] = sqlite3_last_insert_rowid(g->db);
	}
	sqlite3_finalize(st);
	return round;
}

void gen_grading(struct gen *g)
{
	int ty, tm, td;
	gen_date_parts(g->today, &ty, &tm, &td);
	int64_t ind[7], src[4];
	int64_t round = add_round(g, ty - 1, ind, src);
	sqlite3_stmt *res = gen_prepare(g, "INSERT INTO grading_result(round_id, org_id, total, suggested,"
	                                   " grade, created_at) VALUES (?,?,?,?,?,?)");
	sqlite3_stmt *sc = gen_prepare(g, "INSERT INTO grading_score(result_id, source_id, indicator_id,"
	                                  " score, created_at) VALUES (?,?,?,?,?)");
	sqlite3_stmt *rect = gen_prepare(g, "INSERT INTO rectification(round_id, org_id, origin, problem,"
	                                    " measures, responsible, deadline, created_at)"
	                                    " VALUES (?,?,'定级',?,?,?,?,?)");
	for (int o = 0; o < g->ngraded; o++) {
		int quality = gen_int(g, 50, 98);   /* percent of the maximum, this org's level */
		int score[4][7];
		int64_t total = 0;
		for (int s = 0; s < 4; s++)
			for (int i = 0; i < 7; i++) {
				int pct = quality + gen_int(g, -6, 6);
				pct = pct < 0 ? 0 : pct > 100 ? 100 : pct;
				score[s][i] = indicator_max[i] * pct / 100;
				total += (int64_t)score[s][i] * source_weight[s];
			}
		total /= 100;
		int grade = total >= 900 ? 1 : total >= 750 ? 2 : total >= 600 ? 3 : 4;
		sqlite3_bind_int64(res, 1, round);
		sqlite3_bind_int64(res, 2, g->graded[o]);
		sqlite3_bind_int64(res, 3, total);
		sqlite3_bind_int(res, 4, grade);
		sqlite3_bind_int(res, 5, grade);
		gen_text(res, 6, g->stamp);
		gen_insert(g, res);
		int64_t result = sqlite3_last_insert_rowid(g->db);
		for (int s = 0; s < 4; s++)
			for (int i = 0; i < 7; i++) {
				sqlite3_bind_int64(sc, 1, result);
				sqlite3_bind_int64(sc, 2, src[s]);
				sqlite3_bind_int64(sc, 3, ind[i]);
				sqlite3_bind_int(sc, 4, score[s][i]);
				gen_text(sc, 5, g->stamp);
				gen_insert(g, sc);
			}
		if (grade >= 3) {
			char who[16], due[11];
			gen_person(g, who, sizeof who);
			gen_ymd(ty, 6, 30, due);
			sqlite3_bind_int64(rect, 1, round);
			sqlite3_bind_int64(rect, 2, g->graded[o]);
			gen_text(rect, 3, grade == 4 ? "班子软弱涣散，组织生活不经常" : "工作制度落实不到位");
			gen_text(rect, 4, "调整充实班子，建立三会一课台账，每月检查");
			gen_text(rect, 5, who);
			gen_text(rect, 6, due);
			gen_text(rect, 7, g->stamp);
			gen_insert(g, rect);
		}
	}
	sqlite3_finalize(res);
	sqlite3_finalize(sc);
	sqlite3_finalize(rect);
}

/* The honours register: about 3 in 100 members in good standing and 1 in 10
 * branches honoured once in the five years before this one, 1 in 50 of them revoked,
 * as a township's 七一 and year-end commendations add up. */
void gen_honours(struct gen *g)
{
	static const char *const member_titles[] = { "优秀共产党员", "优秀党务工作者", "党员示范岗" };
	static const char *const org_titles[] = { "先进基层党组织", "党建示范点" };
	static const char *const levels[] = { "镇级", "镇级", "镇级", "县处", "地厅", "省部" };
	int ty, tm, td;
	gen_date_parts(g->today, &ty, &tm, &td);
	sqlite3_stmt *st = gen_prepare(g, "INSERT INTO honour(kind, member_id, org_id, title, level,"
	                                  " awarded_on, approved_by, doc_no, deeds, revoked_on,"
	                                  " revoke_reason, created_at) VALUES (?,?,?,?,?,?,'中共县委',"
	                                  " ?,'',?,?,?)");
	for (int i = 0; i < g->nmembers + g->nbranches; i++) {
		int member = i < g->nmembers;
		if (member ? !g->members[i].active || gen_int(g, 1, 100) > 3 : gen_int(g, 1, 10) > 1)
			continue;
		int year = ty - gen_int(g, 1, 5);   /* past years: never after today */
		char on[11], doc[40];
		gen_ymd(year, gen_int(g, 6, 12), gen_int(g, 1, 28), on);
		snprintf(doc, sizeof doc, "县委〔%d〕%d号", year, gen_int(g, 1, 60));
		int revoked = gen_int(g, 1, 50) == 1;
		gen_text(st, 1, member ? "member" : "org");
		if (member) {
			sqlite3_bind_int64(st, 2, g->members[i].id);
			sqlite3_bind_null(st, 3);
		} else {
			sqlite3_bind_null(st, 2);
			sqlite3_bind_int64(st, 3, g->branches[i - g->nmembers].org_id);
		}
		gen_text(st, 4, member ? GEN_PICK(g, member_titles) : GEN_PICK(g, org_titles));
		gen_text(st, 5, GEN_PICK(g, levels));
		gen_text(st, 6, on);
		gen_text(st, 7, doc);
		gen_text(st, 8, revoked ? on : NULL);
		gen_text(st, 9, revoked ? "材料不实" : NULL);
		gen_text(st, 10, g->stamp);
		gen_insert(g, st);
	}
	sqlite3_finalize(st);
}

/* 工作汇报: every branch's 月报 for the five months before this one, 1 in
 * 10 missing, and this month's for 4 in 10 branches, received in the month
 * after the period (this month's: early in it), as an office records them. */
void gen_reports(struct gen *g)
{
	int ty, tm, td;
	gen_date_parts(g->today, &ty, &tm, &td);
	sqlite3_stmt *st = gen_prepare(g, "INSERT INTO duty_report(org_id, duty, period, received_on,"
	                                  " brought_by, summary, created_at) VALUES (?, '月报', ?, ?,"
	                                  " '支部书记', '召开支委会，开展主题党日，落实三会一课', ?)");
	for (int i = 0; i < g->nbranches; i++)
		for (int back = 0; back <= 5; back++) {
			if (back ? gen_int(g, 1, 10) == 1 : gen_int(g, 1, 10) > 4)
				continue;
			int at = ty * 12 + (tm - 1) - back, y = at / 12, m = at % 12 + 1;
			int ry = back ? (at + 1) / 12 : y, rm = back ? (at + 1) % 12 + 1 : m;
			char period[8], on[11];
			snprintf(period, sizeof period, "%04d-%02d", y % 10000, m % 100);
			gen_ymd(ry, rm, back ? gen_int(g, 1, 12) : 1, on);
			sqlite3_bind_int64(st, 1, g->branches[i].org_id);
			gen_text(st, 2, period);
			gen_text(st, 3, on);
			gen_text(st, 4, g->stamp);
			gen_insert(g, st);
		}
	sqlite3_finalize(st);
}

/* Last year's 述职评议 of the county: one round over every 党总支 and
 * 党支部 graded, each with its 述职 and both groups' votes (a branch's
 * members and some of the public), as a year-end round types them in. */
void gen_appraisal(struct gen *g)
{
	int ty, tm, td;
	gen_date_parts(g->today, &ty, &tm, &td);
	char from[11], to[11], name[64];
	gen_ymd(ty - 1, 12, 1, from);
	gen_ymd(ty - 1, 12, 31, to);
	snprintf(name, sizeof name, "%d年度党组织书记述职评议", ty - 1);
	sqlite3_stmt *rd = gen_prepare(g, "INSERT INTO appraise_round(year, name, org_id, starts_on, ends_on,"
	                                  " status, created_at) VALUES (?,?,?,?,?,'已结束',?)");
	sqlite3_bind_int(rd, 1, ty - 1);
	gen_text(rd, 2, name);
	sqlite3_bind_int64(rd, 3, g->root_id);
	gen_text(rd, 4, from);
	gen_text(rd, 5, to);
	gen_text(rd, 6, g->stamp);
	gen_insert(g, rd);
	sqlite3_finalize(rd);
	int64_t round = sqlite3_last_insert_rowid(g->db);
	sqlite3_stmt *st = gen_prepare(g, "INSERT INTO appraise_line(round_id, org_id, secretary, spoke_on,"
	                                  " summary, m_good, m_fair, m_avg, m_poor, p_good, p_fair, p_avg,"
	                                  " p_poor, created_at) VALUES (?,?,'书记',?,'抓班子带队伍，落实三会一课',"
	                                  " ?,?,?,?,?,?,?,?,?)");
	for (int o = 0; o < g->ngraded; o++) {
		char on[11];
		gen_ymd(ty - 1, 12, gen_int(g, 5, 28), on);
		sqlite3_bind_int64(st, 1, round);
		sqlite3_bind_int64(st, 2, g->graded[o]);
		gen_text(st, 3, on);
		for (int k = 0; k < 8; k++)
			sqlite3_bind_int(st, 4 + k, k % 4 == 0 ? gen_int(g, 8, 30) : gen_int(g, 0, 8 - 2 * (k % 4)));
		gen_text(st, 12, g->stamp);
		gen_insert(g, st);
	}
	sqlite3_finalize(st);
}

/* Last year's 民主评议党员 of the county: every branch holds its round at
 * a 民主评议 meeting in December, every member in good standing gets a
 * result (about one in five 优秀, one in a hundred 不合格 with an open
 * 限期改正 follow-up, the rest mostly 合格) and the votes of the branch. */
void gen_evaluations(struct gen *g)
{
	int ty, tm, td;
	gen_date_parts(g->today, &ty, &tm, &td);
	sqlite3_stmt *mt = gen_prepare(g, "INSERT INTO meeting(org_id, type, date, topic, created_at)"
	                                  " VALUES (?,'民主评议',?,'年度民主评议党员',?)");
	sqlite3_stmt *rd = gen_prepare(g, "INSERT INTO eval_round(year, org_id, held_on, meeting_id,"
	                                  " created_at) VALUES (?,?,?,?,?)");
	sqlite3_stmt *ln = gen_prepare(g, "INSERT INTO eval_line(round_id, member_id, result, self_note,"
	                                  " v1, v2, v3, v4, created_at) VALUES (?,?,?,"
	                                  " '按时参加组织生活，发挥先锋模范作用',?,?,?,?,?)");
	sqlite3_stmt *fu = gen_prepare(g, "INSERT INTO eval_followup(line_id, member_id, action, decided_on,"
	                                  " deadline, created_at) VALUES (?,?,'限期改正',?,date(?, '+90 days'),?)");
	for (int i = 0; i < g->nbranches; i++) {
		const struct gen_branch *b = &g->branches[i];
		char on[11];
		gen_ymd(ty - 1, 12, gen_int(g, 10, 28), on);
		sqlite3_bind_int64(mt, 1, b->org_id);
		gen_text(mt, 2, on);
		gen_text(mt, 3, g->stamp);
		gen_insert(g, mt);
		sqlite3_bind_int(rd, 1, ty - 1);
		sqlite3_bind_int64(rd, 2, b->org_id);
		gen_text(rd, 3, on);
		sqlite3_bind_int64(rd, 4, sqlite3_last_insert_rowid(g->db));
		gen_text(rd, 5, g->stamp);
		gen_insert(g, rd);
		int64_t round = sqlite3_last_insert_rowid(g->db);
		for (int k = 0; k < b->n; k++) {
			const struct gen_member *m = &g->members[g->by_branch[b->first + k]];
			if (!m->active)
				continue;
			int r = gen_int(g, 0, 99), result = r < 20 ? 1 : r < 96 ? 2 : r < 99 ? 3 : 4;
			int voters = b->n > 1 ? b->n - 1 : 1, top = result == 1 ? voters * 2 / 3 : voters / 5;
			sqlite3_bind_int64(ln, 1, round);
			sqlite3_bind_int64(ln, 2, m->id);
			sqlite3_bind_int(ln, 3, result);
			sqlite3_bind_int(ln, 4, top);
			sqlite3_bind_int(ln, 5, voters - top);
			sqlite3_bind_int(ln, 6, 0);
			sqlite3_bind_int(ln, 7, 0);
			gen_text(ln, 8, g->stamp);
			gen_insert(g, ln);
			if (result != 4)
				continue;
			sqlite3_bind_int64(fu, 1, sqlite3_last_insert_rowid(g->db));
			sqlite3_bind_int64(fu, 2, m->id);
			gen_text(fu, 3, on);
			gen_text(fu, 4, on);
			gen_text(fu, 5, g->stamp);
			gen_insert(g, fu);
		}
	}
	sqlite3_finalize(mt);
	sqlite3_finalize(rd);
	sqlite3_finalize(ln);
	sqlite3_finalize(fu);
}

/* 发展党员 under way, for the 待办 list (issue 13): in about a third of
 * the branches an application waiting for its talk (some past the 30
 * days), and in another third an activist whose year ends around today. */
void gen_devcases(struct gen *g)
{
	sqlite3_stmt *st = gen_prepare(g, "INSERT INTO dev_case(org_id, name, name_py, gender, birth_date,"
	                                  " stage, applied_on, talked_on, activist_on, mentor1, created_at)"
	                                  " VALUES (?,?,?,?,?,?,?,?,?,?,?)");
	for (int b = 0; b < g->nbranches; b++) {
		int which = gen_int(g, 0, 2);   /* 0 an applicant, 1 an activist, 2 neither */
		if (which == 2)
			continue;
		char name[16], py[16], birth[11], applied[11], activist[11], mentor[16];
		gen_person(g, name, sizeof name);
		gen_person(g, mentor, sizeof mentor);
		pinyin_initials(name, py, sizeof py);
		gen_date(g->today - 365 * gen_int(g, 19, 40) - gen_int(g, 0, 364), birth);
		if (which == 0) {
			gen_date(g->today - gen_int(g, 1, 60), applied);
			activist[0] = 0;
		} else {
			gen_date(g->today - 365 - gen_int(g, 30, 120), applied);
			gen_date(g->today - 365 + gen_int(g, -10, 40), activist);
		}
		sqlite3_bind_int64(st, 1, g->branches[b].org_id);
		gen_text(st, 2, name);
		gen_text(st, 3, py);
		gen_text(st, 4, gen_int(g, 0, 1) ? "男" : "女");
		gen_text(st, 5, birth);
		gen_text(st, 6, which == 0 ? "申请人" : "积极分子");
		gen_text(st, 7, applied);
		gen_text(st, 8, which == 0 ? NULL : applied);
		gen_text(st, 9, activist);
		gen_text(st, 10, which == 0 ? NULL : mentor);
		gen_text(st, 11, g->stamp);
		gen_insert(g, st);
	}
	sqlite3_finalize(st);
}

/* 发展程序 (migration 022) of the activists gen_devcases made, as if each
 * were registered by the program: kept under the steps, its 推荐 a week
 * before 确定积极分子 and a 考察 half a year on, so that 发展提醒 and 今日待办
 * run their step arms (考察 due, 备案) over the whole county. */
void gen_devsteps(struct gen *g)
{
	static const char *const sql[] = {
		"INSERT OR IGNORE INTO dev_step_kept(case_id) SELECT id FROM dev_case",
		"INSERT INTO dev_step(case_id, step, done_on, number, votes, of_votes, note, updated_by)"
		" SELECT id, '推荐', date(activist_on, '-7 days'), '党员推荐', 15 + id % 6, 21, '', 'gen'"
		" FROM dev_case WHERE stage = '积极分子'",
		"INSERT INTO dev_step(case_id, step, done_on, note, updated_by)"
		" SELECT id, '考察', date(activist_on, '+6 months'), '表现良好', 'gen' FROM dev_case"
		" WHERE stage = '积极分子' AND date(activist_on, '+6 months') <= ?1",
	};
	char today[11];
	gen_date(g->today, today);
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *st = gen_prepare(g, sql[i]);
		if (sqlite3_bind_parameter_count(st))
			gen_text(st, 1, today);
		gen_insert(g, st);
		sqlite3_finalize(st);
	}
}

/* The plans (实施方案) of the last three years, as the county issues them:
 * four phases, the 七大活动 as groups, a task for about one branch in five
 * (本级, that branch) with two of its members as 责任人 and a deadline
 * through the year, a third done, a third going; and one task a year split
 * to every branch, each line with its 承诺 and state. */
void gen_plans(struct gen *g)
{
	static const char *const groups[] = { "调研走访活动", "分类定级活动", "整顿转化活动",
	                                     "农村组织建设活动", "两新组织党建活动", "组织运行活动",
	                                     "创先争优活动" };
	static const char *const states[] = { "未开始", "进行中", "已完成" };
	static const char *const phases[][3] = { { "动员部署", "", "04-25" },
	                                         { "分类定级", "03-01", "04-30" },
	                                         { "深入实施", "05-01", "08-31" },
	                                         { "总结验收", "08-01", "09-30" } };
	int ty, tm, td;
	gen_date_parts(g->today, &ty, &tm, &td);
	sqlite3_stmt *plan = gen_prepare(g, "INSERT INTO plan(year, name, org_id, doc_no, issued_on,"
	                                    " created_at) VALUES (?, ?, ?, ?, ?, ?)");
	sqlite3_stmt *ph = gen_prepare(g, "INSERT INTO plan_phase(plan_id, seq, name, from_on, to_on,"
	                                  " created_at) VALUES (?, ?, ?, ?, ?, ?)");
	sqlite3_stmt *grp = gen_prepare(g, "INSERT INTO plan_group(plan_id, seq, name, created_at)"
	                                   " VALUES (?, ?, ?, ?)");
	sqlite3_stmt *task = gen_prepare(g, "INSERT INTO plan_task(plan_id, group_id, seq, body, deadline,"
	                                    " state, done_on, target_kind, target_org, split, people,"
	                                    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	sqlite3_stmt *who = gen_prepare(g, "INSERT INTO plan_person(task_id, seq, name, member_id)"
	                                   " VALUES (?, ?, ?, ?)");
	sqlite3_stmt *line = gen_prepare(g, "INSERT INTO plan_line(task_id, org_id, pledge, progress,"
	                                    " state, done_on, created_at) VALUES (?, ?, ?, '', ?, ?, ?)");
	for (int year = ty - 2; year <= ty; year++) {
		char text[160], on[11], due[11];
		snprintf(text, sizeof text, "%d 年基层组织建设实施方案", year);
		snprintf(on, sizeof on, "%d-03-10", year);
		char doc[32];
		snprintf(doc, sizeof doc, "县委〔%d〕%d号", year, gen_int(g, 1, 60));
		sqlite3_bind_int(plan, 1, year);
		gen_text(plan, 2, text);
		sqlite3_bind_int64(plan, 3, g->root_id);
		gen_text(plan, 4, doc);
		gen_text(plan, 5, on);
		gen_text(plan, 6, g->stamp);
		gen_insert(g, plan);
		int64_t plan_id = sqlite3_last_insert_rowid(g->db);
		for (int i = 0; i < 4; i++) {
			char from[11] = "", to[11];
			if (*phases[i][1])
				snprintf(from, sizeof from, "%d-%s", year, phases[i][1]);
			snprintf(to, sizeof to, "%d-%s", year, phases[i][2]);
			sqlite3_bind_int64(ph, 1, plan_id);
			sqlite3_bind_int(ph, 2, i + 1);
			gen_text(ph, 3, phases[i][0]);
			sqlite3_bind_text(ph, 4, from, -1, SQLITE_TRANSIENT);
			gen_text(ph, 5, to);
			gen_text(ph, 6, g->stamp);
			gen_insert(g, ph);
		}
		int64_t group_ids[7];
		for (int i = 0; i < 7; i++) {
			sqlite3_bind_int64(grp, 1, plan_id);
			sqlite3_bind_int(grp, 2, i + 1);
			gen_text(grp, 3, groups[i]);
			gen_text(grp, 4, g->stamp);
			gen_insert(g, grp);
			group_ids[i] = sqlite3_last_insert_rowid(g->db);
		}
		for (int b = 0, seq = 0; b <= g->nbranches; b++) {
			int split = b == g->nbranches;   /* the last: one task split to every branch */
			if (!split && (gen_int(g, 1, 5) > 1 || g->branches[b].n < 2))
				continue;
			const char *st = split ? "进行中" : GEN_PICK(g, states);
			gen_ymd(year, gen_int(g, 4, 12), gen_int(g, 1, 28), due);
			char done[11] = "";
			if (strcmp(st, "已完成") == 0)
				gen_date(gen_days(year, 4, 1) + gen_int(g, 0, 180), done);
			if (*done && strcmp(done, due) > 0)
				snprintf(done, sizeof done, "%s", due);
			char now[11];
			gen_date(g->today, now);
			if (*done && strcmp(done, now) > 0)   /* done, so never after today */
				snprintf(done, sizeof done, "%s", now);
			struct gen_branch *br = split ? NULL : &g->branches[b];
			const struct gen_member *m1 = br ? &g->members[g->by_branch[br->first]] : NULL;
			const struct gen_member *m2 = br ? &g->members[g->by_branch[br->first + 1]] : NULL;
			char people[64] = "";
			if (br)
				snprintf(people, sizeof people, "%s、%s", m1->name, m2->name);
			snprintf(text, sizeof text, split ? "各党支部作出公开承诺并兑现" : "落实第 %d 项工作任务",
			         seq + 1);
			sqlite3_bind_int64(task, 1, plan_id);
			sqlite3_bind_int64(task, 2, group_ids[seq % 7]);
			sqlite3_bind_int(task, 3, ++seq);
			gen_text(task, 4, text);
			gen_text(task, 5, due);
			gen_text(task, 6, st);
			gen_text(task, 7, done);
			gen_text(task, 8, split ? "全部党支部" : "本级");
			sqlite3_bind_int64(task, 9, br ? br->org_id : g->root_id);
			sqlite3_bind_int(task, 10, split);
			gen_text(task, 11, people);
			gen_text(task, 12, g->stamp);
			gen_insert(g, task);
			int64_t task_id = sqlite3_last_insert_rowid(g->db);
			for (int k = 0; br && k < 2; k++) {
				const struct gen_member *m = k ? m2 : m1;
				sqlite3_bind_int64(who, 1, task_id);
				sqlite3_bind_int(who, 2, k + 1);
				gen_text(who, 3, m->name);
				sqlite3_bind_int64(who, 4, m->id);
				gen_insert(g, who);
			}
			for (int k = 0; split && k < g->nbranches; k++) {
				int finished = gen_int(g, 1, 3) == 1;
				char lon[11] = "";
				if (finished)
					snprintf(lon, sizeof lon, "%s", due);
				sqlite3_bind_int64(line, 1, task_id);
				sqlite3_bind_int64(line, 2, g->branches[k].org_id);
				gen_text(line, 3, "亮身份、作承诺，年内兑现");
				gen_text(line, 4, finished ? "已完成" : gen_int(g, 0, 1) ? "进行中" : "未开始");
				gen_text(line, 5, lon);
				gen_text(line, 6, g->stamp);
				gen_insert(g, line);
			}
		}
	}
	sqlite3_finalize(plan);
	sqlite3_finalize(ph);
	sqlite3_finalize(grp);
	sqlite3_finalize(task);
	sqlite3_finalize(who);
	sqlite3_finalize(line);
}

/* 关怀帮扶 of the county: about three members in a hundred on the register
 * (老党员 most, then 生活困难 and 因病), listed last year, one in twenty of
 * them since moved off; this year's visits to about two in three, and a
 * December visit to some of the rest, which does not count for this year's
 * 未慰问 ledger. */
void gen_care(struct gen *g)
{
	static const char *const reasons[] = { "年满80周岁", "生活困难", "因病" };
	int ty, tm, td;
	gen_date_parts(g->today, &ty, &tm, &td);
	int jan1 = gen_days(ty, 1, 1);
	sqlite3_stmt *st = gen_prepare(g, "INSERT INTO care_case(member_id, category, reason, listed_on,"
	                                  " left_on, left_reason, created_at) VALUES (?,?,?,?,?,coalesce(?, ''),?)");
	sqlite3_stmt *vs = gen_prepare(g, "INSERT INTO care_visit(member_id, on_date, occasion, visitors,"
	                                  " money_fen, created_at) VALUES (?,?,?,'书记',?,?)");
	for (int i = 0; i < g->nmembers; i++) {
		const struct gen_member *m = &g->members[i];
		if (!m->active || gen_int(g, 1, 100) > 3)
			continue;
		int k = gen_int(g, 1, 10), c = k <= 7 ? 0 : k <= 9 ? 1 : 2;
		char listed[11], left[11], on[11];
		gen_date(jan1 - gen_int(g, 1, 700), listed);
		int gone = gen_int(g, 1, 20) == 1;
		if (gone)
			gen_date(jan1 + gen_int(g, 0, g->today - jan1), left);
		sqlite3_bind_int64(st, 1, m->id);
		gen_text(st, 2, c == 0 ? "老党员" : c == 1 ? "生活困难" : "因病");
		gen_text(st, 3, reasons[c]);
		gen_text(st, 4, listed);
		gen_text(st, 5, gone ? left : NULL);
		gen_text(st, 6, gone ? "去世" : "");
		gen_text(st, 7, g->stamp);
		gen_insert(g, st);
		int visit = gen_int(g, 1, 3);   /* 1, 2: this year; 3: last December, or none */
		if (visit == 3 && gen_int(g, 0, 1))
			continue;
		if (visit < 3)
			gen_date(jan1 + gen_int(g, 0, g->today - jan1), on);
		else
			gen_ymd(ty - 1, 12, gen_int(g, 1, 31), on);
		sqlite3_bind_int64(vs, 1, m->id);
		gen_text(vs, 2, on);
		gen_text(vs, 3, visit < 3 ? "春节" : "日常");
		sqlite3_bind_int64(vs, 4, 100 * gen_int(g, 2, 10) * 100);
		gen_text(vs, 5, g->stamp);
		gen_insert(g, vs);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(vs);
}

/* This year's 党员教育培训 of the county: in every branch four sessions
 * between January and today (集中学习, 网络学习, 党课, 专题培训, 2 to 12
 * 学时, halves among them), each attended by about four in five of the
 * branch's members in good standing, one in twenty of them with their own
 * hours — so that the 学时台账 has members on both sides of 32. */
void gen_training(struct gen *g)
{
	static const char *const forms[] = { "集中学习", "网络学习", "党课", "专题培训" };
	static const int hours2[] = { 16, 24, 4, 13 };   /* × 2: 8, 12, 2, 6.5 */
	int ty, tm, td;
	gen_date_parts(g->today, &ty, &tm, &td);
	sqlite3_stmt *tr = gen_prepare(g, "INSERT INTO training(org_id, date, title, organizer, form, hours,"
	                                  " created_at) VALUES (?,?,?,'县委组织部',?,?,?)");
	sqlite3_stmt *at = gen_prepare(g, "INSERT INTO training_attendee(training_id, member_id, hours,"
	                                  " created_at) VALUES (?,?,?,?)");
	for (int b = 0; b < g->nbranches; b++) {
		const struct gen_branch *br = &g->branches[b];
		for (int k = 0; k < 4; k++) {
			char date[11], title[64];
			gen_ymd(ty, 1 + (tm - 1) * k / 4, gen_int(g, 1, 28), date);
			snprintf(title, sizeof title, "%s：%s", forms[k], GEN_PICK(g, topics));
			sqlite3_bind_int64(tr, 1, br->org_id);
			gen_text(tr, 2, date);
			gen_text(tr, 3, title);
			gen_text(tr, 4, forms[k]);
			sqlite3_bind_double(tr, 5, hours2[k] / 2.0);
			gen_text(tr, 6, g->stamp);
			gen_insert(g, tr);
			int64_t id = sqlite3_last_insert_rowid(g->db);
			for (int j = 0; j < br->n; j++) {
				const struct gen_member *m = &g->members[g->by_branch[br->first + j]];
				if (!m->active || gen_int(g, 0, 4) == 0)
					continue;
				sqlite3_bind_int64(at, 1, id);
				sqlite3_bind_int64(at, 2, m->id);
				if (gen_int(g, 0, 19) == 0)
					sqlite3_bind_double(at, 3, hours2[k] / 4.0);
				else
					sqlite3_bind_null(at, 3);
				gen_text(at, 4, g->stamp);
				gen_insert(g, at);
			}
		}
	}
	sqlite3_finalize(tr);
	sqlite3_finalize(at);
}
