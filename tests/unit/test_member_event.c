/* Members' moves: the event table (which event follows which status), the
 * fields each event needs, what it changes, the counts, and the ledgers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <unistd.h>

#include "core/db.h"
#include "fixture.h"

static struct member_event event(const char *type, const char *date)
{
	struct member_event ev;
	memset(&ev, 0, sizeof ev);
	snprintf(ev.type, sizeof ev.type, "%s", type);
	snprintf(ev.date, sizeof ev.date, "%s", date);
	return ev;
}

static int record(struct session *s, int64_t id, struct member_event *ev, struct dj_err *e)
{
	struct member m;
	if (member_load(s, id, &m, e))
		return e->code;
	return member_record_event(s, id, m.version, ev, e);
}

static void status_table(void **state)
{
	(void)state;
	assert_true(member_event_allowed("正常", "转出"));
	assert_true(member_event_allowed("流出", "转出"));
	assert_true(member_event_allowed("正常", "流出"));
	assert_false(member_event_allowed("流出", "流出"));
	assert_true(member_event_allowed("流出", "流入"));
	assert_false(member_event_allowed("正常", "流入"));
	assert_true(member_event_allowed("失联", "恢复"));
	assert_false(member_event_allowed("转出", "失联"));
	assert_true(member_event_allowed("转出", "转入"));
	assert_false(member_event_allowed("去世", "转入"));
	assert_false(member_event_allowed("出党", "恢复"));
	const char *types[10];
	assert_int_equal(member_events_for("正常", types), 6);
	assert_string_equal(types[0], "转出");
	assert_string_equal(types[5], "内部调整");
	assert_null(types[6]);
	assert_int_equal(member_events_for("去世", types), 0);
	assert_string_equal(member_event_result("转出"), "转出");
	assert_string_equal(member_event_result("流入"), "正常");
	assert_string_equal(member_event_result("内部调整"), "");
	assert_int_equal(member_event_needs("转出") & (EV_LETTER_OURS | EV_NEEDS_DAYS | EV_NEEDS_DUES),
	                 EV_LETTER_OURS | EV_NEEDS_DAYS | EV_NEEDS_DUES);
}

static void transfer_out_needs_its_fields_and_changes_counts(void **state)
{
	struct fixture *f = *state;
	int64_t id = fx_add(f->s, fx_member("张一", "男", "1970-01-01", "东村党支部"));
	fx_add(f->s, fx_member("张二", "男", "1971-01-01", "东村党支部"));
	assert_int_equal(member_count(f->s, f->top, NULL), 2);
	assert_int_equal(member_count(f->s, f->a, "正式党员"), 2);
	struct dj_err e;
	struct member_event ev = event("转出", "2026-11-01");
	assert_int_equal(record(f->s, id, &ev, &e), DJ_INVALID);
	assert_string_equal(e.field, "to_org");
	snprintf(ev.to_org, sizeof ev.to_org, "中共上虞区百官街道委员会");
	snprintf(ev.letter_no, sizeof ev.letter_no, "驿组转字〔2026〕12号");
	snprintf(ev.valid_days, sizeof ev.valid_days, "400");
	snprintf(ev.dues_paid_to, sizeof ev.dues_paid_to, "2026.10");
	assert_int_equal(record(f->s, id, &ev, &e), DJ_INVALID);
	assert_string_equal(e.field, "valid_days");
	snprintf(ev.valid_days, sizeof ev.valid_days, "30");
	snprintf(ev.dues_paid_to, sizeof ev.dues_paid_to, "2026-13");
	assert_int_equal(record(f->s, id, &ev, &e), DJ_INVALID);
	assert_string_equal(e.field, "dues_paid_to");
	snprintf(ev.dues_paid_to, sizeof ev.dues_paid_to, "2026.10");
	assert_int_equal(record(f->s, id, &ev, &e), 0);
	assert_string_equal(ev.dues_paid_to, "2026-10");
	assert_string_equal(ev.from_org, "东村党支部");
	assert_int_equal(member_count(f->s, f->top, NULL), 1);
	assert_int_equal(member_count(f->s, f->a, NULL), 1);
	struct member m;
	assert_int_equal(member_load(f->s, id, &m, &e), 0);
	assert_string_equal(m.status, "转出");
	assert_int_equal(m.version, 1);
	/* a member who left is not edited, and 失联 no longer applies */
	snprintf(m.job, sizeof m.job, "退休");
	assert_int_equal(member_save(f->s, &m, 0, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "已转出"));
	struct member_event lost = event("失联", "2026-11-10");
	assert_int_equal(record(f->s, id, &lost, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "状态为「转出」，不能办理失联"));
}

static void dates_of_events(void **state)
{
	struct fixture *f = *state;
	int64_t id = fx_add(f->s, fx_member("李一", "女", "1970-01-01", "东村党支部"));
	struct dj_err e;
	struct member_event ev = event("去世", "2026-11-22");
	assert_int_equal(record(f->s, id, &ev, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "在今天之后"));
	ev = event("去世", "2009-01-01");
	assert_int_equal(record(f->s, id, &ev, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "早于李一的入党日期 2010-07-01"));
	ev = event("出党", "2026-05-01");
	assert_int_equal(record(f->s, id, &ev, &e), DJ_INVALID);
	assert_string_equal(e.field, "reason");
	snprintf(ev.reason, sizeof ev.reason, "自行脱党，予以除名");
	assert_int_equal(record(f->s, id, &ev, &e), 0);
	struct member_event again = event("恢复", "2026-06-01");
	assert_int_equal(record(f->s, id, &again, &e), DJ_INVALID);
}

static void mobile_members_go_and_come_back(void **state)
{
	struct fixture *f = *state;
	int64_t id = fx_add(f->s, fx_member("王一", "男", "1980-01-01", "西村党支部"));
	struct dj_err e;
	struct member_event out = event("流出", "2025-03-01");
	assert_int_equal(record(f->s, id, &out, &e), DJ_INVALID);
	assert_string_equal(e.field, "to_org");
	snprintf(out.to_org, sizeof out.to_org, "广东省深圳市");
	assert_int_equal(record(f->s, id, &out, &e), 0);
	assert_int_equal(member_count(f->s, f->b, NULL), 0);
	struct member_event back = event("流入", "2026-02-01");
	assert_int_equal(record(f->s, id, &back, &e), 0);
	assert_int_equal(member_count(f->s, f->b, NULL), 1);
	struct member_event lost = event("失联", "2026-03-01");
	assert_int_equal(record(f->s, id, &lost, &e), 0);
	struct member_event found = event("恢复", "2026-04-01");
	assert_int_equal(record(f->s, id, &found, &e), 0);
	struct member_event list[8];
	assert_int_equal(member_events(f->s, id, list, 8), 4);
	assert_string_equal(list[0].type, "恢复");   /* newest first */
	assert_string_equal(list[3].type, "流出");
	assert_string_equal(list[3].to_org, "广东省深圳市");
}

static void move_between_branches(void **state)
{
	struct fixture *f = *state;
	int64_t id = fx_add(f->s, fx_member("赵一", "男", "1980-01-01", "东村党支部"));
	struct dj_err e;
	struct member_event mv = event("内部调整", "2026-10-01");
	snprintf(mv.to_org, sizeof mv.to_org, "东村党支部");
	assert_int_equal(record(f->s, id, &mv, &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "应为另一个党支部"));
	snprintf(mv.to_org, sizeof mv.to_org, "南村党总支");
	assert_int_equal(record(f->s, id, &mv, &e), DJ_INVALID);
	assert_string_equal(e.field, "to_org");
	snprintf(mv.to_org, sizeof mv.to_org, "南村第一党支部");
	assert_int_equal(record(f->s, id, &mv, &e), 0);
	struct member m;
	assert_int_equal(member_load(f->s, id, &m, &e), 0);
	assert_int_equal(m.org_id, f->c1);
	assert_string_equal(m.status, "正常");
	assert_int_equal(member_count(f->s, f->a, NULL), 0);
	assert_int_equal(member_count(f->s, f->zz, NULL), 1);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member_event WHERE member_id = ?"
	                        " AND from_org = '东村党支部' AND to_org = '南村第一党支部'", id, 0), 1);
}

static void transfer_in_creates_the_member(void **state)
{
	struct fixture *f = *state;
	struct member m = fx_member("钱一", "女", "1990-09-09", "西村党支部");
	struct member_event ev = event("转入", "2026-09-01");
	struct dj_err e;
	assert_int_equal(member_transfer_in(f->s, &m, &ev, &e), DJ_INVALID);
	assert_string_equal(e.field, "from_org");
	assert_int_equal(m.id, 0);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member", -1, 0), 0);
	snprintf(ev.from_org, sizeof ev.from_org, "中共绍兴文理学院委员会");
	snprintf(ev.letter_no, sizeof ev.letter_no, "绍文组〔2026〕88号");
	assert_int_equal(member_transfer_in(f->s, &m, &ev, &e), 0);
	assert_true(m.id > 0);
	assert_string_equal(ev.to_org, "西村党支部");
	assert_int_equal(member_count(f->s, f->b, NULL), 1);
	/* and back out, and in again on the same record */
	struct member_event out = event("转出", "2026-10-01");
	snprintf(out.to_org, sizeof out.to_org, "外地");
	snprintf(out.letter_no, sizeof out.letter_no, "1");
	snprintf(out.valid_days, sizeof out.valid_days, "30");
	snprintf(out.dues_paid_to, sizeof out.dues_paid_to, "2026-09");
	assert_int_equal(record(f->s, m.id, &out, &e), 0);
	struct member_event in = event("转入", "2026-11-01");
	snprintf(in.from_org, sizeof in.from_org, "外地");
	snprintf(in.letter_no, sizeof in.letter_no, "2");
	snprintf(in.to_org, sizeof in.to_org, "东村党支部");
	assert_int_equal(record(f->s, m.id, &in, &e), 0);
	struct member back;
	assert_int_equal(member_load(f->s, m.id, &back, &e), 0);
	assert_string_equal(back.status, "正常");
	assert_int_equal(back.org_id, f->a);
}

static void stale_version_is_refused(void **state)
{
	struct fixture *f = *state;
	int64_t id = fx_add(f->s, fx_member("孙一", "男", "1980-01-01", "东村党支部"));
	struct dj_err e;
	struct member_event ev = event("去世", "2026-01-01");
	assert_int_equal(member_record_event(f->s, id, 7, &ev, &e), DJ_CONFLICT);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM member_event", -1, 0), 0);
}

static long listed(struct row_source *rs, const char *find)
{
	rs->set_filter(rs->ctx, find);
	long n = rs->count(rs->ctx);
	return n;
}

static void ledger_lists_and_finds(void **state)
{
	struct fixture *f = *state;
	struct member m = fx_member("洪辉", "男", "1985-05-05", "东村党支部");
	snprintf(m.phone, sizeof m.phone, "13812345678");
	int64_t hh = fx_add(f->s, m);
	fx_add(f->s, fx_member("单雄信", "男", "1960-01-01", "南村第一党支部"));
	int64_t gone = fx_add(f->s, fx_member("曾国藩", "男", "1950-01-01", "西村党支部"));
	struct dj_err e;
	struct member_event ev = event("去世", "2026-01-01");
	assert_int_equal(record(f->s, gone, &ev, &e), 0);
	struct row_source *active = member_list_source(f->s, 0, 0);
	struct row_source *all = member_list_source(f->s, 0, 1);
	assert_int_equal(listed(active, ""), 2);
	assert_int_equal(listed(all, ""), 3);
	assert_int_equal(listed(active, "hh"), 1);
	assert_int_equal(listed(active, "sxx"), 1);       /* 单 read as shan */
	assert_int_equal(listed(all, "zgf"), 1);          /* 曾 read as zeng */
	/* letters only go by initials through an index range: case, a single
	 * letter and 'z' (whose range ends past every letter) still match */
	assert_int_equal(listed(active, "HH"), 1);
	assert_int_equal(listed(active, "h"), 1);
	assert_int_equal(listed(all, "z"), 1);
	assert_int_equal(listed(all, "zz"), 0);
	assert_int_equal(listed(active, "1381234"), 1);   /* phone */
	assert_int_equal(listed(active, m.id_number + 6), 1);
	assert_int_equal(listed(active, "洪"), 1);
	struct rs_row rows[4];
	active->set_filter(active->ctx, "hh");
	assert_int_equal(active->fetch(active->ctx, NULL, 1, 4, rows), 1);
	assert_int_equal(rows[0].key.id, hh);
	assert_string_equal(rows[0].cell[0], "洪辉");
	assert_string_equal(rows[0].cell[2], "41");       /* 1985-05-05 on 2026-11-21 */
	assert_string_equal(rows[0].cell[6], "东村党支部");
	assert_string_equal(rows[0].cell[7], "正常");
	all->set_filter(all->ctx, "zgf");
	assert_int_equal(all->fetch(all->ctx, NULL, 1, 4, rows), 1);
	assert_int_equal(rows[0].flags & RS_FLAG_DIM, RS_FLAG_DIM);
	row_source_free(active);
	row_source_free(all);
	struct row_source *sub = member_list_source(f->s, f->zz, 0);
	assert_int_equal(listed(sub, ""), 1);
	row_source_free(sub);
	struct row_source *hist = member_event_source(f->s, gone);
	assert_int_equal(hist->count(hist->ctx), 1);
	row_source_free(hist);
	struct row_source *branches = member_branch_source(f->s);
	assert_int_equal(listed(branches, ""), 3);   /* the 党委 and 党总支 are not branches */
	row_source_free(branches);
}

/* A 转出 out of the given branch member, its letter number left to the program. */
static int64_t moved_out(struct fixture *f, const char *name, const char *date, const char *no,
                         struct member_event *ev)
{
	static int born;   /* a birth date (so a 身份证号) of their own */
	char birth[11];
	snprintf(birth, sizeof birth, "1971-02-%02d", ++born);
	int64_t id = fx_add(f->s, fx_member(name, "男", birth, "东村党支部"));
	struct dj_err e;
	*ev = event("转出", date);
	snprintf(ev->to_org, sizeof ev->to_org, "中共上虞区百官街道委员会");
	snprintf(ev->letter_no, sizeof ev->letter_no, "%s", no);
	snprintf(ev->valid_days, sizeof ev->valid_days, "30");
	snprintf(ev->dues_paid_to, sizeof ev->dues_paid_to, "2026-10");
	int rc = record(f->s, id, ev, &e);
	if (rc)
		fail_msg("%s", e.msg);
	return ev->id;
}

static void letters_are_numbered_per_year(void **state)
{
	struct fixture *f = *state;
	struct member_event a, b, c, d;
	moved_out(f, "张一", "2025-12-30", "", &a);
	moved_out(f, "张二", "2026-01-05", "", &b);
	moved_out(f, "张三", "2026-02-01", "驿组转字〔2026〕3号", &c);
	moved_out(f, "张四", "2026-03-01", "", &d);
	assert_string_equal(a.letter_no, "1");
	assert_string_equal(b.letter_no, "1");   /* a new year starts again */
	assert_string_equal(c.letter_no, "驿组转字〔2026〕3号");
	assert_string_equal(d.letter_no, "2");   /* the office's own style is left aside */
	assert_string_equal(d.receipt_due, "2026-03-31");
	/* a number typed twice in a year is refused, naming who has it */
	int64_t id = fx_add(f->s, fx_member("张五", "男", "1972-01-01", "东村党支部"));
	struct member_event twice = event("转出", "2026-04-01");
	snprintf(twice.to_org, sizeof twice.to_org, "外地");
	snprintf(twice.letter_no, sizeof twice.letter_no, "2");
	snprintf(twice.valid_days, sizeof twice.valid_days, "30");
	snprintf(twice.dues_paid_to, sizeof twice.dues_paid_to, "2026-03");
	struct dj_err e;
	assert_int_equal(record(f->s, id, &twice, &e), DJ_INVALID);
	assert_string_equal(e.field, "letter_no");
	assert_non_null(strstr(e.msg, "2026 年已用于张四的转出"));
	assert_string_equal(twice.letter_no, "2");   /* what was typed stays */
}

static void receipts_are_awaited_then_recorded(void **state)
{
	struct fixture *f = *state;
	struct member_event late, fresh;
	int64_t old = moved_out(f, "王一", "2026-09-01", "", &late);
	moved_out(f, "王二", "2026-11-10", "", &fresh);
	assert_int_equal(member_receipts_overdue(f->s, f->top), 1);
	struct row_source *rs = member_receipt_source(f->s, f->top, 0);
	struct rs_row rows[4];
	assert_int_equal(rs->count(rs->ctx), 2);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 4, rows), 2);
	assert_string_equal(rows[0].cell[1], "王一");
	assert_string_equal(rows[0].cell[5], "2026-10-01");
	assert_string_equal(rows[0].cell[6], "逾期 51 天");
	assert_int_equal(rows[0].flags & RS_FLAG_WARN, RS_FLAG_WARN);
	assert_string_equal(rows[1].cell[6], "还有 19 天");
	row_source_free(rs);

	struct dj_err e;
	assert_int_equal(member_record_receipt(f->s, old, "2026-08-30", &e), DJ_INVALID);
	assert_string_equal(e.field, "receipt_on");
	assert_non_null(strstr(e.msg, "早于王一转出的日期 2026-09-01"));
	assert_int_equal(member_record_receipt(f->s, old, "2026-12-01", &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "在今天之后"));
	assert_int_equal(member_record_receipt(f->s, old, "2026.10.8", &e), 0);
	assert_int_equal(member_receipts_overdue(f->s, f->top), 0);
	rs = member_receipt_source(f->s, f->top, 0);
	assert_int_equal(rs->count(rs->ctx), 1);
	row_source_free(rs);
	rs = member_receipt_source(f->s, f->top, 1);
	assert_int_equal(rs->count(rs->ctx), 2);
	assert_int_equal(rs->fetch(rs->ctx, NULL, 1, 4, rows), 2);
	int r = strcmp(rows[0].cell[1], "王一") == 0 ? 0 : 1;
	assert_string_equal(rows[r].cell[6], "已退回 2026-10-08");
	assert_int_equal(rows[r].flags & RS_FLAG_DIM, RS_FLAG_DIM);
	row_source_free(rs);
	assert_int_equal(db_int(f->s->db, "SELECT count(*) FROM audit_log WHERE tbl = 'member_event'"
	                        " AND action = '登记回执' AND row_id = ?", old, 0), 1);
	/* only a 转出 has a 回执 */
	int64_t id = fx_add(f->s, fx_member("王三", "男", "1972-01-01", "东村党支部"));
	struct member_event gone = event("去世", "2026-11-01");
	assert_int_equal(record(f->s, id, &gone, &e), 0);
	assert_int_equal(member_record_receipt(f->s, gone.id, "2026-11-02", &e), DJ_INVALID);
	assert_non_null(strstr(e.msg, "只有转出才有介绍信回执"));

	char path[] = "/tmp/dj-receipts-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	int n = 0;
	assert_int_equal(member_receipt_export(f->s, path, stderr, &n), 0);
	assert_int_equal(n, 2);
	FILE *in = fopen(path, "r");
	char buf[4096];
	size_t got = fread(buf, 1, sizeof buf - 1, in);
	buf[got] = 0;
	fclose(in);
	unlink(path);
	assert_non_null(strstr(buf, "回执退回日期"));
	assert_non_null(strstr(buf, "2026-10-08"));
	assert_non_null(strstr(buf, "还有 19 天"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_table),
		FX_TEST(transfer_out_needs_its_fields_and_changes_counts),
		FX_TEST(dates_of_events),
		FX_TEST(mobile_members_go_and_come_back),
		FX_TEST(move_between_branches),
		FX_TEST(transfer_in_creates_the_member),
		FX_TEST(stale_version_is_refused),
		FX_TEST(ledger_lists_and_finds),
		FX_TEST(letters_are_numbered_per_year),
		FX_TEST(receipts_are_awaited_then_recorded),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pinyin_shutdown();
	return rc;
}
