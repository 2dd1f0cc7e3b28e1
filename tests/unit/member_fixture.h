/* member_fixture.h — what the member and development tests share: a fresh
 * database with a small township (one 党委, two branches, a 党总支 with one
 * branch), valid 身份证号 made to order, and a member ready to save. */
#ifndef DJ_MEMBER_FIXTURE_H
#define DJ_MEMBER_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "member.h"
#include "org.h"
#include "testdb.h"
#include "text.h"

#define FX_TODAY "2026-11-21"

struct fixture {
	struct testdb t;
	struct session *s;
	int64_t top, a, b, zz, c1;   /* 党委, 党支部 A, 党支部 B, 党总支, its 党支部 */
};

static inline int64_t fx_org(struct session *s, const char *name, const char *kind,
                             const char *parent)
{
	struct org o = { 0 };
	struct dj_err e;
	snprintf(o.name, sizeof o.name, "%s", name);
	snprintf(o.kind, sizeof o.kind, "%s", kind);
	snprintf(o.category, sizeof o.category, "农村");
	snprintf(o.parent, sizeof o.parent, "%s", parent);
	if (org_save(s, &o, 0, &e)) {
		fprintf(stderr, "%s: %s\n", name, e.msg);
		abort();
	}
	return o.id;
}

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

#endif
