/* test_training.c — 教育培训学时: hours as typed (halves, 全角, refusals),
 * the [training] settings; a session saved and refused by field; hours per
 * member from sessions (own hours, halves) and from the configured meeting
 * types' sign-in sheets, kept right when a sheet, a session or a meeting
 * changes; the year boundary; the target and the short list by
 * organization; the version check; the export read back. */
#include "fixture.h"

#include "core/db.h"
#include "training/training.h"

static void hours_as_typed(void **state)
{
	(void)state;
	int h2;
	char why[WHY_MAX], out[16];
	assert_int_equal(training_parse_hours("2", &h2, why), 0);
	assert_int_equal(h2, 4);
	assert_int_equal(training_parse_hours("1.5", &h2, why), 0);
	assert_int_equal(h2, 3);
	assert_int_equal(training_parse_hours("０．５", &h2, why), 0);
	assert_int_equal(h2, 1);
	assert_int_equal(training_parse_hours(" 3.0 ", &h2, why), 0);
	assert_int_equal(h2, 6);
	assert_int_equal(training_parse_hours("1.3", &h2, why), -1);
	assert_string_equal(why, "应为 0.5 的整数倍（如 1.5）");
	assert_int_equal(training_parse_hours("0", &h2, why), -1);
	assert_string_equal(why, "应大于 0 且不超过 200");
	assert_int_equal(training_parse_hours("201", &h2, why), -1);
	assert_int_equal(training_parse_hours("两", &h2, why), -1);
	assert_string_equal(why, "应为数字（如 2 或 1.5）");
	assert_int_equal(training_parse_hours("", &h2, why), -1);
	training_format_hours(3, out, sizeof out);
	assert_string_equal(out, "1.5");
	training_format_hours(64, out, sizeof out);
	assert_string_equal(out, "32");
	training_format_hours(-3, out, sizeof out);
	assert_string_equal(out, "-1.5");
}

/* Loads "[training]\n<body>" into the fixture's configuration. */
static void training_ini(struct fixture *f, const char *body)
{
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/t.ini", f->t.dir);
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fprintf(out, "[database]\npath = %s\n\n[training]\n%s\n", f->t.path, body);
	fclose(out);
	config_free(&f->t.cfg);
	assert_int_equal(config_load(&f->t.cfg, path, why, sizeof why), 0);
}

static void settings_with_defaults(void **state)
{
	struct fixture *f = *state;
	struct training_rules r;
	training_rules_from(NULL, &r);
	assert_int_equal(r.target2, 64);
	assert_int_equal(r.meeting2, 4);
	assert_int_equal(r.ntypes, 1);
	assert_string_equal(r.types[0], "党课");
	assert_string_equal(r.forms[0], "集中学习");
	assert_null(r.form_list[r.nforms]);
	training_ini(f, "target_hours = 40\nmeeting_hours = 1.5\nmeeting_types = 党课，主题党日\n"
	                "forms = 集中学习、网络学习");
	training_rules_from(f->s->cfg, &r);
	assert_int_equal(r.target2, 80);
	assert_int_equal(r.meeting2, 3);
	assert_int_equal(r.ntypes, 2);
	assert_string_equal(r.types[1], "主题党日");
	assert_int_equal(r.nforms, 2);
	assert_string_equal(r.forms[1], "网络学习");
	training_ini(f, "target_hours = 0\nmeeting_hours = 1.3\nmeeting_types =");
	training_rules_from(f->s->cfg, &r);
	assert_int_equal(r.target2, 64);   /* out of range: the default */
	assert_int_equal(r.meeting2, 4);
	assert_int_equal(r.ntypes, 0);     /* left empty: no meeting counts */
}

static int64_t session_of(struct fixture *f, const char *date, const char *hours, int64_t *version)
{
	struct training_rules r;
	struct training t;
	struct dj_err e;
	training_rules_from(f->s->cfg, &r);
	training_defaults(f->s, &r, &t);
	snprintf(t.date, sizeof t.date, "%s", date);
	snprintf(t.org, sizeof t.org, "中共测试镇委员会");
	snprintf(t.title, sizeof t.title, "专题培训%s", date);
	snprintf(t.organizer, sizeof t.organizer, "县委党校");
	snprintf(t.hours, sizeof t.hours, "%s", hours);
	if (training_save(f->s, &t, &e))
		fail_msg("%s", e.msg);
	if (version)
		*version = t.version;
	return t.id;
}

/* Marks the members in `who` (0-ended) 参加, own2 for the first when set. */
static void attend(struct fixture *f, int64_t id, const int64_t *who, int own2)
{
	struct trn_sheet sh;
	struct dj_err e;
	assert_int_equal(training_sheet_load(f->s, id, &sh, &e), 0);
	for (int i = 0; i < sh.n; i++) {
		sh.rows[i].on = 0;
		for (int k = 0; who[k]; k++)
			if (sh.rows[i].member_id == who[k]) {
				sh.rows[i].on = 1;
				sh.rows[i].own2 = k == 0 ? own2 : 0;
			}
	}
	if (training_sheet_save(f->s, &sh, &e))
		fail_msg("%s", e.msg);
	training_sheet_free(&sh);
}

static int hours2(struct fixture *f, int64_t member, int year, int *meet2)
{
	int t2, m2;
	struct dj_err e;
	assert_int_equal(training_member_hours(f->s, member, year, &t2, &m2, &e), 0);
	if (meet2)
		*meet2 = m2;
	return t2;
}

static void a_session_refused_by_field(void **state)
{
	struct fixture *f = *state;
	struct training_rules r;
	struct training t;
	struct dj_err e;
	training_rules_from(NULL, &r);
	training_defaults(f->s, &r, &t);
	snprintf(t.title, sizeof t.title, "春训");
	snprintf(t.date, sizeof t.date, "2026-2-30");
	assert_int_equal(training_save(f->s, &t, &e), DJ_INVALID);
	assert_string_equal(e.field, "date");
	assert_non_null(strstr(e.msg, "「日期」"));
	assert_string_equal(t.date, "2026-2-30");   /* what was typed is kept */
	snprintf(t.date, sizeof t.date, "2026/3/1");
	snprintf(t.hours, sizeof t.hours, "1.25");
	assert_int_equal(training_save(f->s, &t, &e), DJ_INVALID);
	assert_string_equal(e.field, "hours");
	assert_string_equal(e.msg, "「学时」应为 0.5 的整数倍（如 1.5）：1.25");
	snprintf(t.hours, sizeof t.hours, "1.5");
	snprintf(t.form, sizeof t.form, "读书会");
	assert_int_equal(training_save(f->s, &t, &e), DJ_INVALID);
	assert_string_equal(e.field, "form");
	snprintf(t.form, sizeof t.form, "网络学习");
	snprintf(t.org, sizeof t.org, "没有的组织");
	assert_int_equal(training_save(f->s, &t, &e), DJ_INVALID);
	assert_string_equal(e.field, "org");
	snprintf(t.org, sizeof t.org, "东村党支部");
	assert_int_equal(training_save(f->s, &t, &e), 0);
	assert_string_equal(t.date, "2026-03-01");
	assert_string_equal(t.hours, "1.5");
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'training'", 0, 0), 1);
}

static void hours_from_sessions_with_halves_and_own_hours(void **state)
{
	struct fixture *f = *state;
	int64_t a1 = fx_member_row(f->s, f->a, "张三", "男", "status", "正常");
	int64_t a2 = fx_member_row(f->s, f->a, "李四", "女", "status", "正常");
	int64_t c1 = fx_member_row(f->s, f->c1, "王五", "男", "status", "正常");
	int64_t s1 = session_of(f, "2026-03-01", "1.5", NULL);
	int64_t s2 = session_of(f, "2026-05-01", "8", NULL);
	attend(f, s1, (int64_t[]){ a1, a2, c1, 0 }, 0);
	attend(f, s2, (int64_t[]){ a2, a1, 0 }, 5);   /* 李四 left at 2.5 */
	assert_int_equal(hours2(f, a1, 2026, NULL), 3 + 16);
	assert_int_equal(hours2(f, a2, 2026, NULL), 3 + 5);
	assert_int_equal(hours2(f, c1, 2026, NULL), 3);
	/* the session's hours change: its attendees without their own move */
	struct training t;
	struct dj_err e;
	assert_int_equal(training_load(f->s, s2, &t, &e), 0);
	assert_int_equal(t.attendees, 2);
	snprintf(t.hours, sizeof t.hours, "6");
	assert_int_equal(training_save(f->s, &t, &e), 0);
	assert_int_equal(hours2(f, a1, 2026, NULL), 3 + 12);
	assert_int_equal(hours2(f, a2, 2026, NULL), 3 + 5);
	/* taken off the sheet: gone from the sums */
	attend(f, s1, (int64_t[]){ c1, 0 }, 0);
	assert_int_equal(hours2(f, a1, 2026, NULL), 12);
	assert_int_equal(hours2(f, c1, 2026, NULL), 3);
	/* deleted: nothing left */
	assert_int_equal(training_load(f->s, s2, &t, &e), 0);
	assert_int_equal(training_delete(f->s, s2, t.version, &e), 0);
	assert_int_equal(hours2(f, a1, 2026, NULL), 0);
	assert_int_equal(hours2(f, a2, 2026, NULL), 0);
}

/* The member form's line: done against the target, halves kept. */
static void the_member_forms_line(void **state)
{
	struct fixture *f = *state;
	int64_t a1 = fx_member_row(f->s, f->a, "张三", "男", "status", "正常");
	int64_t a2 = fx_member_row(f->s, f->a, "李四", "女", "status", "正常");
	char line[96];
	training_member_line(f->s, a1, 2026, line, sizeof line);
	assert_string_equal(line, "2026 年学时：0 / 32，差 32");
	attend(f, session_of(f, "2026-03-01", "1.5", NULL), (int64_t[]){ a1, a2, 0 }, 0);
	attend(f, session_of(f, "2026-05-01", "30.5", NULL), (int64_t[]){ a2, 0 }, 0);
	training_member_line(f->s, a1, 2026, line, sizeof line);
	assert_string_equal(line, "2026 年学时：1.5 / 32，差 30.5");
	training_member_line(f->s, a2, 2026, line, sizeof line);
	assert_string_equal(line, "2026 年学时：32 / 32，已达标");
	training_member_line(f->s, a2, 2025, line, sizeof line);
	assert_string_equal(line, "2025 年学时：0 / 32，差 32");
}

static void the_year_boundary(void **state)
{
	struct fixture *f = *state;
	int64_t m = fx_member_row(f->s, f->a, "赵六", "男", "status", "正常");
	int64_t last = session_of(f, "2025-12-31", "4", NULL);
	int64_t first = session_of(f, "2026-01-01", "2.5", NULL);
	attend(f, last, (int64_t[]){ m, 0 }, 0);
	attend(f, first, (int64_t[]){ m, 0 }, 0);
	assert_int_equal(hours2(f, m, 2025, NULL), 8);
	assert_int_equal(hours2(f, m, 2026, NULL), 5);
	/* moved across the boundary, its hours move with it */
	struct training t;
	struct dj_err e;
	assert_int_equal(training_load(f->s, last, &t, &e), 0);
	snprintf(t.date, sizeof t.date, "2026-01-02");
	assert_int_equal(training_save(f->s, &t, &e), 0);
	assert_int_equal(hours2(f, m, 2025, NULL), 0);
	assert_int_equal(hours2(f, m, 2026, NULL), 13);
}

static int64_t meeting(struct fixture *f, int64_t org, const char *type, const char *date)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO meeting(org_id, type, date, topic) VALUES (%lld, '%s', '%s', '学习')",
	         (long long)org, type, date);
	assert_int_equal(sqlite3_exec(f->s->db, sql, NULL, NULL, NULL), SQLITE_OK);
	return sqlite3_last_insert_rowid(f->s->db);
}

static void sign(struct fixture *f, int64_t meeting_id, int64_t member, const char *state)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO attendance(meeting_id, member_id, state) VALUES (%lld, %lld, '%s')"
	         " ON CONFLICT (meeting_id, member_id) DO UPDATE SET state = excluded.state",
	         (long long)meeting_id, (long long)member, state);
	assert_int_equal(sqlite3_exec(f->s->db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void hours_from_configured_meeting_types(void **state)
{
	struct fixture *f = *state;
	int64_t m = fx_member_row(f->s, f->a, "钱七", "男", "status", "正常");
	int64_t lesson = meeting(f, f->a, "党课", "2026-04-01");
	int64_t lesson2 = meeting(f, f->a, "党课", "2026-07-01");
	int64_t day = meeting(f, f->a, "主题党日", "2026-04-10");
	int64_t old = meeting(f, f->a, "党课", "2025-12-30");
	sign(f, lesson, m, "出席");
	sign(f, lesson2, m, "请假");
	sign(f, day, m, "出席");
	sign(f, old, m, "出席");
	int meet2;
	hours2(f, m, 2026, &meet2);
	assert_int_equal(meet2, 4);          /* one 党课 出席 × 2 学时; 请假 and 主题党日 not */
	hours2(f, m, 2025, &meet2);
	assert_int_equal(meet2, 4);
	sign(f, lesson2, m, "出席");          /* the sheet corrected */
	hours2(f, m, 2026, &meet2);
	assert_int_equal(meet2, 8);
	training_ini(f, "meeting_types = 党课,主题党日\nmeeting_hours = 1.5");
	hours2(f, m, 2026, &meet2);
	assert_int_equal(meet2, 9);          /* three meetings × 1.5, computed, not stored */
	assert_int_equal(sqlite3_exec(f->s->db, "UPDATE meeting SET type = '支委会' WHERE type = '主题党日'",
	                              NULL, NULL, NULL), SQLITE_OK);
	hours2(f, m, 2026, &meet2);
	assert_int_equal(meet2, 6);
	char sql[96];
	snprintf(sql, sizeof sql, "DELETE FROM meeting WHERE id = %lld", (long long)lesson);
	assert_int_equal(sqlite3_exec(f->s->db, sql, NULL, NULL, NULL), SQLITE_OK);
	hours2(f, m, 2026, &meet2);
	assert_int_equal(meet2, 3);
	training_ini(f, "meeting_types =");
	hours2(f, m, 2026, &meet2);
	assert_int_equal(meet2, 0);
}

/* The ledger's rows as "组织/姓名/已完成/差额" lines. */
static void ledger_text(struct fixture *f, int64_t scope, int short_only, char *out, size_t cap)
{
	struct training_rules r;
	training_rules_from(f->s->cfg, &r);
	struct row_source *rs = training_ledger_source(f->s, &r, 2026, scope, short_only);
	assert_non_null(rs);
	struct rs_row rows[20];
	int n = rs->fetch(rs->ctx, NULL, 1, 20, rows);
	assert_true(n >= 0);
	assert_int_equal(rs->count(rs->ctx), n);
	size_t at = 0;
	out[0] = 0;
	for (int i = 0; i < n; i++)
		at += (size_t)snprintf(out + at, cap - at, "%s/%s/%s/%s/%s%s\n", rows[i].cell[0],
		                       rows[i].cell[1], rows[i].cell[4], rows[i].cell[6],
		                       rows[i].cell[5], rows[i].flags & RS_FLAG_WARN ? "!" : "");
	row_source_free(rs);
}

static void the_short_list_by_organization(void **state)
{
	struct fixture *f = *state;
	int64_t a1 = fx_member_row(f->s, f->a, "张三", "男", "status", "正常");
	int64_t b1 = fx_member_row(f->s, f->b, "孙八", "男", "status", "正常");
	int64_t c1 = fx_member_row(f->s, f->c1, "王五", "男", "status", "正常");
	fx_member_row(f->s, f->c1, "周九", "女", "status", "转出");
	int64_t big = session_of(f, "2026-06-01", "30", NULL);
	int64_t half = session_of(f, "2026-06-02", "1.5", NULL);
	attend(f, big, (int64_t[]){ a1, c1, 0 }, 0);
	attend(f, half, (int64_t[]){ c1, 0 }, 0);
	sign(f, meeting(f, f->a, "党课", "2026-09-01"), a1, "出席");
	char text[1024];
	ledger_text(f, 0, 0, text, sizeof text);
	/* in tree order: the 党总支's branch first, as every organization list */
	assert_string_equal(text, "南村第一党支部/王五/31.5/0.5/32!\n"
	                          "东村党支部/张三/32/0/32\n"
	                          "西村党支部/孙八/0/32/32!\n");
	ledger_text(f, 0, 1, text, sizeof text);
	assert_string_equal(text, "南村第一党支部/王五/31.5/0.5/32!\n西村党支部/孙八/0/32/32!\n");
	ledger_text(f, f->zz, 1, text, sizeof text);
	assert_string_equal(text, "南村第一党支部/王五/31.5/0.5/32!\n");
	long members, short_n;
	struct dj_err e;
	struct training_rules r;
	training_rules_from(f->s->cfg, &r);
	assert_int_equal(training_ledger_totals(f->s, &r, 2026, 0, &members, &short_n, &e), 0);
	assert_int_equal(members, 3);
	assert_int_equal(short_n, 2);
	training_ini(f, "target_hours = 31");
	training_rules_from(f->s->cfg, &r);
	assert_int_equal(training_ledger_totals(f->s, &r, 2026, 0, &members, &short_n, &e), 0);
	assert_int_equal(short_n, 1);
	(void)b1;
}

static void the_sheet_checks_its_version(void **state)
{
	struct fixture *f = *state;
	int64_t a1 = fx_member_row(f->s, f->a, "张三", "男", "status", "正常");
	int64_t away = fx_member_row(f->s, f->b, "孙八", "男", "status", "正常");
	int64_t id = session_of(f, "2026-06-01", "2", NULL);
	struct trn_sheet one, two;
	struct dj_err e;
	assert_int_equal(training_sheet_load(f->s, id, &one, &e), 0);
	assert_int_equal(training_sheet_load(f->s, id, &two, &e), 0);
	assert_int_equal(one.n, 2);     /* the whole 党委's members */
	int at = training_sheet_add(f->s, &one, away, &e);
	assert_true(at >= 0);
	assert_int_equal(one.n, 2);     /* already listed: marked, not added twice */
	assert_int_equal(one.rows[at].on, 1);
	int on, h2;
	training_sheet_count(&one, &on, &h2);
	assert_int_equal(on, 1);
	assert_int_equal(h2, 4);
	assert_int_equal(training_sheet_save(f->s, &one, &e), 0);
	two.rows[0].on = 1;
	assert_int_equal(training_sheet_save(f->s, &two, &e), DJ_CONFLICT);
	assert_int_equal(hours2(f, away, 2026, NULL), 4);
	assert_int_equal(hours2(f, a1, 2026, NULL), 0);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'training'"
	                        " AND action = '参训'", 0, 0), 1);
	training_sheet_free(&one);
	training_sheet_free(&two);
}

static void the_ledger_exported(void **state)
{
	struct fixture *f = *state;
	int64_t a1 = fx_member_row(f->s, f->a, "张三", "男", "status", "正常");
	fx_member_row(f->s, f->b, "孙八", "男", "status", "正常");
	attend(f, session_of(f, "2026-06-01", "12.5", NULL), (int64_t[]){ a1, 0 }, 0);
	char path[160], buf[512];
	int n = 0;
	snprintf(path, sizeof path, "%s/学时.csv", f->t.dir);
	assert_int_equal(training_ledger_export(f->s, 2026, 0, 0, path, stderr, &n), 0);
	assert_int_equal(n, 2);
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	size_t len = fread(buf, 1, sizeof buf - 1, in);
	fclose(in);
	buf[len] = 0;
	assert_non_null(strstr(buf, "\"所在组织\",\"姓名\",\"培训学时\",\"会议学时\",\"已完成\",\"目标\",\"差额\""));
	assert_non_null(strstr(buf, "\"东村党支部\",\"张三\",\"12.5\",\"0\",\"12.5\",\"32\",\"19.5\""));
	assert_non_null(strstr(buf, "\"西村党支部\",\"孙八\",\"0\",\"0\",\"0\",\"32\",\"32\""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hours_as_typed),
		FX_TEST(settings_with_defaults),
		FX_TEST(a_session_refused_by_field),
		FX_TEST(hours_from_sessions_with_halves_and_own_hours),
		FX_TEST(the_member_forms_line),
		FX_TEST(the_year_boundary),
		FX_TEST(hours_from_configured_meeting_types),
		FX_TEST(the_short_list_by_organization),
		FX_TEST(the_sheet_checks_its_version),
		FX_TEST(the_ledger_exported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
