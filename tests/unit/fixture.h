/* fixture.h — what the unit tests share, header-only because the unit
 * rule links tests/unit/test_X.c with the core objects and nothing else.
 *
 * Two set-ups, both with today at FX_TODAY:
 *   fx_db_setup/fx_db_teardown — a bare database (struct testdb * in
 *     *state) for tests that build their own organizations;
 *   fx_setup/fx_teardown — the member fixture (struct fixture *): 测试镇, one
 *     党委, two branches, a 党总支 with one branch.
 * FX_DB_TEST(t) and FX_TEST(t) name a test with one of them in a table.
 * Organizations: fx_org_draft fills a form, fx_org_save saves it, fx_org
 * does both; fx_town is 驿亭镇 with 联桥村党支部 and its 党小组.
 * Members: fx_member/fx_add go through member_save with a valid 身份证号
 * from fx_id; fx_member_row writes a row straight to the table.
 * Files: fx_write_file writes a config or CSV file for the readers.
 * Tables of cases: FX_EDIT names a text field of a record, fx_apply sets it.
 * fx_org_save and fx_member_row fail the test, with the message, on a
 * refusal; fx_add returns 0 instead (its callers check the id). */
#ifndef DJ_FIXTURE_H
#define DJ_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/text.h"
#include "member/member.h"
#include "org/org.h"
#include "testdb.h"

#define FX_TODAY "2026-11-21"

/* ---- a bare database ---- */

static inline int fx_db_setup(void **state)
{
	setenv("DJ_TODAY", FX_TODAY, 1);
	struct testdb *t = calloc(1, sizeof *t);
	testdb_open(t);
	*state = t;
	return 0;
}

static inline int fx_db_teardown(void **state)
{
	testdb_close(*state);   /* db_close(NULL) is fine after a failed assertion */
	free(*state);
	return 0;
}

/* A test on a bare database, for the test tables. */
#define FX_DB_TEST(test) cmocka_unit_test_setup_teardown(test, fx_db_setup, fx_db_teardown)

/* ---- files ---- */

/* Writes `text` to `path`, replacing what was there. */
static inline void fx_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

/* ---- organizations ---- */

/* A new organization as a form would be filled: name, kind, parent and the
 * 农村 category; the caller sets anything more. */
static inline struct org fx_org_draft(const char *name, const char *kind, const char *parent)
{
	struct org o = { 0 };
	snprintf(o.name, sizeof o.name, "%s", name);
	snprintf(o.kind, sizeof o.kind, "%s", kind);
	snprintf(o.category, sizeof o.category, "农村");
	snprintf(o.parent, sizeof o.parent, "%s", parent);
	return o;
}

/* Saves a new organization and returns its id; a refusal fails the test. */
static inline int64_t fx_org_save(struct session *s, struct org o)
{
	struct dj_err e;
	if (org_save(s, &o, 0, &e))
		fail_msg("%s: %s", o.name, e.msg);
	return o.id;
}

static inline int64_t fx_org(struct session *s, const char *name, const char *kind,
                             const char *parent)
{
	return fx_org_save(s, fx_org_draft(name, kind, parent));
}

static inline int64_t fx_org_founded(struct session *s, const char *name, const char *kind,
                                     const char *parent, const char *founded)
{
	struct org o = fx_org_draft(name, kind, parent);
	snprintf(o.founded_on, sizeof o.founded_on, "%s", founded);
	return fx_org_save(s, o);
}

#define FX_TOWN "中共驿亭镇委员会"

/* 驿亭镇: the 党委 (founded town_founded) with 联桥村党支部 and its
 * 联桥村第一党小组 (both founded branch_founded; "" for not known).
 * Returns the branch; *group gets the group. */
static inline int64_t fx_town(struct session *s, const char *town_founded,
                              const char *branch_founded, int64_t *group)
{
	fx_org_founded(s, FX_TOWN, "党委", "", town_founded);
	int64_t branch = fx_org_founded(s, "联桥村党支部", "党支部", FX_TOWN, branch_founded);
	*group = fx_org_founded(s, "联桥村第一党小组", "党小组", "联桥村党支部", branch_founded);
	return branch;
}

/* ---- members written straight to the table ---- */

/* A 正式党员 of `gender` in `org`, past member_save's checks (no 身份证号 or
 * dates needed), with `column` (status, job, joined_on …) set to `value`
 * and name_py from the name, as the sheets sort by it. */
static inline int64_t fx_member_row(struct session *s, int64_t org, const char *name,
                                    const char *gender, const char *column, const char *value)
{
	char sql[160], py[32];
	sqlite3_stmt *st;
	pinyin_initials(name, py, sizeof py);
	snprintf(sql, sizeof sql, "INSERT INTO member(org_id, name, name_py, gender, category, %s)"
	         " VALUES (?, ?, ?, ?, '正式党员', ?)", column);
	assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, org);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, py, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, gender, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, value, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(s->db);
}

/* ---- the member fixture: 测试镇 ---- */

struct fixture {
	struct testdb t;
	struct session *s;
	int64_t top, a, b, zz, c1;   /* 党委, 党支部 A, 党支部 B, 党总支, its 党支部 */
};

/* Writes [develop] settings (may be "") to an ini and loads it into the
 * session's config. */
static inline void fx_config(struct fixture *f, const char *develop)
{
	char path[160], why[256];
	snprintf(path, sizeof path, "%s/t.ini", f->t.dir);
	FILE *out = fopen(path, "w");
	if (!out)
		abort();
	fprintf(out, "[database]\npath = %s\n\n[develop]\n%s\n", f->t.path, develop);
	fclose(out);
	config_free(&f->t.cfg);
	if (config_load(&f->t.cfg, path, why, sizeof why)) {
		fprintf(stderr, "%s\n", why);
		abort();
	}
}

static inline struct fixture *fx_open(void)
{
	setenv("DJ_TODAY", FX_TODAY, 1);
	struct fixture *f = calloc(1, sizeof *f);
	testdb_open(&f->t);
	f->s = &f->t.s;
	f->top = fx_org(f->s, "中共测试镇委员会", "党委", "");
	f->a = fx_org(f->s, "东村党支部", "党支部", "中共测试镇委员会");
	f->b = fx_org(f->s, "西村党支部", "党支部", "中共测试镇委员会");
	f->zz = fx_org(f->s, "南村党总支", "党总支", "中共测试镇委员会");
	f->c1 = fx_org(f->s, "南村第一党支部", "党支部", "南村党总支");
	return f;
}

static inline void fx_close(struct fixture *f)
{
	config_free(&f->t.cfg);
	testdb_close(&f->t);
	free(f);
}

static inline int fx_setup(void **state)
{
	*state = fx_open();
	return 0;
}

static inline int fx_teardown(void **state)
{
	fx_close(*state);
	return 0;
}

/* A test on the member fixture, for the test tables. */
#define FX_TEST(test) cmocka_unit_test_setup_teardown(test, fx_setup, fx_teardown)

/* A valid 18-character 身份证号 for a birth date (YYYY-MM-DD); the sequence's
 * last digit sets the sex (odd male). */
static inline void fx_id(char out[19], const char *birth, int seq)
{
	snprintf(out, 19, "330682%.4s%.2s%.2s%03d", birth, birth + 5, birth + 8, seq % 1000);
	out[17] = member_id_check_char(out);
	out[18] = 0;
}

static inline struct member fx_member(const char *name, const char *gender, const char *birth,
                                      const char *org)
{
	struct member m;
	memset(&m, 0, sizeof m);
	snprintf(m.name, sizeof m.name, "%s", name);
	snprintf(m.gender, sizeof m.gender, "%s", gender);
	snprintf(m.birth_date, sizeof m.birth_date, "%s", birth);
	if (*birth)
		fx_id(m.id_number, birth, strcmp(gender, "男") == 0 ? 11 : 12);
	snprintf(m.org, sizeof m.org, "%s", org);
	snprintf(m.category, sizeof m.category, "正式党员");
	snprintf(m.joined_on, sizeof m.joined_on, "2010-07-01");
	snprintf(m.confirmed_on, sizeof m.confirmed_on, "2011-07-01");
	snprintf(m.education, sizeof m.education, "大学本科");
	snprintf(m.phone, sizeof m.phone, "13905751234");
	return m;
}

static inline int64_t fx_add(struct session *s, struct member m)
{
	struct dj_err e;
	if (member_save(s, &m, 0, &e)) {
		fprintf(stderr, "%s: %s\n", m.name, e.msg);
		return 0;
	}
	return m.id;
}

/* ---- tables of cases ---- */

/* One text field of a record set to a value, so that a table of cases can
 * say "the record with this field changed".  A case holds a few; the first
 * with no room (cap 0) ends them. */
struct fx_edit {
	size_t at, cap;
	const char *value;
};

#define FX_EDIT(type, field, v) { offsetof(type, field), sizeof(((type *)0)->field), (v) }

static inline void fx_apply(void *record, const struct fx_edit *edits, int n)
{
	for (int i = 0; i < n && edits[i].cap; i++)
		snprintf((char *)record + edits[i].at, edits[i].cap, "%s", edits[i].value);
}

#endif
