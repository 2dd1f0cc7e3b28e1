/* roll.c — each member's year as the 党员增减 table counts it, rebuilt
 * from the member_event history and the 入党日期, not from today's status.
 *
 * A member is on the roll from the 入党日期 when developed here, or from a
 * 转入/恢复 when the first move recorded brings them in.  Each 转入/恢复
 * then counts as 增加 and each 转出/出党/去世 (and 失联 when [stats]
 * lost_removes) as 减少, whatever the state before: a history that
 * contradicts itself shows in the reconciliation instead of being smoothed
 * over.  The year-end state is read from the status when nothing was
 * recorded after the as-of date — an independent witness, so that a
 * status the events do not explain breaks 上年末 + 增加 − 减少 = 本年末. */
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "stats/tables.h"

enum move { MV_NONE, MV_IN, MV_OUT };

struct event {
	char type[16], date[11], reason[256];
};

/* Whether type moves the member on or off the roll; lost_before says the
 * last move was a 失联 that did not count (then its 恢复 does not either). */
static enum move move_of(const struct stats_rules *r, const char *type, int lost_before)
{
	if (strcmp(type, "转入") == 0)
		return MV_IN;
	if (strcmp(type, "恢复") == 0)
		return lost_before && !r->lost_removes ? MV_NONE : MV_IN;
	if (strcmp(type, "转出") == 0 || strcmp(type, "出党") == 0 || strcmp(type, "去世") == 0)
		return MV_OUT;
	if (strcmp(type, "失联") == 0)
		return r->lost_removes ? MV_OUT : MV_NONE;
	return MV_NONE;
}

int roll_added(const struct roll_member *m)
{
	return m->developed + m->in_transfer + m->in_restore;
}

int roll_removed(const struct roll_member *m)
{
	return m->out_transfer + m->out_death + m->out_lost + m->out_exit;
}

static int on_by_status(const struct stats_rules *r, const char *status)
{
	return strcmp(status, "正常") == 0 || strcmp(status, "流出") == 0 ||
	       strcmp(status, "出国") == 0 || (strcmp(status, "失联") == 0 && !r->lost_removes);
}

static void count_move(struct roll_member *m, const struct stats_rules *r,
                       const struct event *ev, enum move mv)
{
	if (mv == MV_IN) {
		if (strcmp(ev->type, "转入") == 0)
			m->in_transfer++;
		else
			m->in_restore++;
		return;
	}
	if (strcmp(ev->type, "转出") == 0)
		m->out_transfer++;
	else if (strcmp(ev->type, "去世") == 0)
		m->out_death++;
	else if (strcmp(ev->type, "失联") == 0)
		m->out_lost++;
	else {
		m->out_exit++;
		m->exit_by[stats_exit_index(r, ev->reason)]++;
		m->cancelled += strstr(ev->reason, "取消预备党员资格") != NULL;
	}
}

/* Walks m's events (in date order) through the year ending at as_of. */
static void settle(struct roll_member *m, const struct stats_when *w, const char *first,
                   const struct stats_rules *r, const struct event *ev, int nev)
{
	int lost = 0, initial = 1, seen = 0;
	for (int i = 0; i < nev && !seen; i++) {
		enum move mv = move_of(r, ev[i].type, lost);
		lost = strcmp(ev[i].type, "失联") == 0 ? 1 : mv != MV_NONE ? 0 : lost;
		if (mv != MV_NONE) {
			initial = mv == MV_OUT;
			seen = 1;
		}
	}
	/* developed here: on the roll from the 入党日期 (unknown: always) */
	int at_start = initial && strcmp(m->joined, first) < 0;
	int at_end = initial && strcmp(m->joined, w->as_of) <= 0;
	m->developed = initial && *m->joined && !at_start && at_end;
	int later = 0;
	lost = 0;
	for (int i = 0; i < nev; i++) {
		enum move mv = move_of(r, ev[i].type, lost);
		lost = strcmp(ev[i].type, "失联") == 0 ? 1 : mv != MV_NONE ? 0 : lost;
		if (mv == MV_NONE)
			continue;
		if (strcmp(ev[i].date, first) < 0)
			at_start = mv == MV_IN;
		if (strcmp(ev[i].date, w->as_of) > 0) {
			later = 1;
			continue;
		}
		at_end = mv == MV_IN;
		if (strcmp(ev[i].date, first) >= 0)
			count_move(m, r, &ev[i], mv);
	}
	m->start = at_start;
	m->end_by_status = !later;
	m->end = later ? at_end : on_by_status(r, m->status) && strcmp(m->joined, w->as_of) <= 0;
	m->probation = strcmp(m->category, "预备党员") == 0 ||
	               (*m->confirmed && strcmp(m->confirmed, w->as_of) > 0);
}

/* Bare columns: a NULL reads as "" (db_col_text), and the 身份证号's last
 * four are cut here; coalesce and substr for every member were a tenth of
 * the walk. */
static const char member_sql[] =
	"SELECT m.id, m.name, m.gender, m.ethnicity, m.birth_date, m.education, m.job, m.category,"
	" m.joined_on, m.confirmed_on, m.extension_months, m.status, m.org_id, m.id_number"
	" FROM member m WHERE " DB_SUBTREE("m.org_id") " ORDER BY m.id";
/* The organizations' names, read once: a join per member was a quarter of
 * a county's walk. */
static const char org_sql[] = "SELECT id, name FROM org ORDER BY id";
static const char event_sql[] =
	"SELECT e.member_id, e.type, e.date, coalesce(e.reason, '') FROM member_event e"
	" JOIN member m ON m.id = e.member_id WHERE " DB_SUBTREE("m.org_id")
	" ORDER BY e.member_id, e.date, e.id";

struct org_name {
	int64_t id;
	char name[64];
};
struct org_names {
	struct org_name *v;
	int n;
};

static int load_orgs(sqlite3 *db, struct org_names *o)
{
	sqlite3_stmt *q;
	int cap = 0, rc;
	o->v = NULL;
	o->n = 0;
	if (sqlite3_prepare_v2(db, org_sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (o->n == cap) {
			cap = cap ? cap * 2 : 256;
			struct org_name *v = realloc(o->v, (size_t)cap * sizeof *v);
			if (!v)
				break;
			o->v = v;
		}
		o->v[o->n].id = sqlite3_column_int64(q, 0);
		db_col_text(q, 1, o->v[o->n].name, sizeof o->v[o->n].name);
		o->n++;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static const char *org_name_of(const struct org_names *o, int64_t id)
{
	int lo = 0, hi = o->n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (o->v[mid].id == id)
			return o->v[mid].name;
		if (o->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return "";
}

/* The last n characters (UTF-8) of column i, as SQL's substr(x, -n). */
static void last_chars(sqlite3_stmt *q, int i, int n, char *out, size_t cap)
{
	const char *s = (const char *)sqlite3_column_text(q, i);
	const char *p = s ? s + strlen(s) : NULL;
	while (p && p > s && n > 0) {
		p--;
		if (((unsigned char)*p & 0xc0) != 0x80)
			n--;
	}
	size_t len = p ? strlen(p) : 0;
	if (len >= cap) {
		len = cap - 1;
		while (len > 0 && ((unsigned char)p[len] & 0xc0) == 0x80)
			len--;   /* back off to a character boundary, as db_col_text */
	}
	if (len)
		memcpy(out, p, len);
	out[len] = 0;
}

static void read_member(sqlite3_stmt *q, const struct org_names *orgs, struct roll_member *m)
{
	memset(m, 0, sizeof *m);
	m->u.id = sqlite3_column_int64(q, 0);
	db_col_text(q, 1, m->u.name, sizeof m->u.name);
	db_col_text(q, 2, m->gender, sizeof m->gender);
	db_col_text(q, 3, m->ethnicity, sizeof m->ethnicity);
	db_col_text(q, 4, m->birth, sizeof m->birth);
	db_col_text(q, 5, m->education, sizeof m->education);
	db_col_text(q, 6, m->job, sizeof m->job);
	db_col_text(q, 7, m->category, sizeof m->category);
	db_col_text(q, 8, m->joined, sizeof m->joined);
	db_col_text(q, 9, m->confirmed, sizeof m->confirmed);
	m->extension = sqlite3_column_int(q, 10);
	db_col_text(q, 11, m->status, sizeof m->status);
	last_chars(q, 13, 4, m->id4, sizeof m->id4);
	/* the drill-down's cells, read as the fields are (snprintf here cost
	 * a tenth of a county's count) */
	memcpy(m->u.cells[0], m->gender, sizeof m->gender);
	db_col_text(q, 4, m->u.cells[1], sizeof m->u.cells[1]);   /* whole, as typed */
	const char *org = org_name_of(orgs, sqlite3_column_int64(q, 12));
	memcpy(m->u.cells[2], org, strlen(org) + 1);
	memcpy(m->u.cells[3], m->category, sizeof m->category);
	memcpy(m->u.cells[4], m->status, sizeof m->status);
}

/* The events of member id, read from the cursor q (ordered by member). */
static int gather(sqlite3_stmt *q, int *qrc, int64_t id, struct event *ev, int cap)
{
	int n = 0;
	while (*qrc == SQLITE_ROW && sqlite3_column_int64(q, 0) < id)
		*qrc = sqlite3_step(q);
	while (*qrc == SQLITE_ROW && sqlite3_column_int64(q, 0) == id) {
		if (n < cap) {
			db_col_text(q, 1, ev[n].type, sizeof ev[n].type);
			db_col_text(q, 2, ev[n].date, sizeof ev[n].date);
			db_col_text(q, 3, ev[n].reason, sizeof ev[n].reason);
			n++;
		}
		*qrc = sqlite3_step(q);
	}
	return n;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, int64_t root)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(q, sqlite3_bind_parameter_index(q, ":scope"), root);
	return q;
}

int roll_each(struct session *s, const struct stats_when *w, const struct stats_rules *r,
              int (*fn)(void *ctx, const struct roll_member *m), void *ctx, struct dj_err *e)
{
	int64_t root;
	if (stats_scope(s, w, &root, e))
		return -1;
	struct org_names orgs;
	int orgs_bad = load_orgs(s->db, &orgs);
	sqlite3_stmt *mq = prepare(s->db, member_sql, root), *eq = prepare(s->db, event_sql, root);
	if (!mq || !eq || orgs_bad) {
		sqlite3_finalize(mq);
		sqlite3_finalize(eq);
		free(orgs.v);
		return db_fail(s->db, e, "统计党员增减"), -1;
	}
	static struct event ev[256];   /* one member's history; more is not a real one */
	struct roll_member m;
	char first[11];
	snprintf(first, sizeof first, "%04d-01-01", w->year);
	int mrc, erc = sqlite3_step(eq), stop = 0;
	while (!stop && (mrc = sqlite3_step(mq)) == SQLITE_ROW) {
		read_member(mq, &orgs, &m);
		int nev = gather(eq, &erc, m.u.id, ev, (int)(sizeof ev / sizeof *ev));
		settle(&m, w, first, r, ev, nev);
		stop = fn(ctx, &m);
	}
	int bad = (!stop && mrc != SQLITE_DONE) || (erc != SQLITE_ROW && erc != SQLITE_DONE);
	sqlite3_finalize(mq);
	sqlite3_finalize(eq);
	free(orgs.v);
	if (bad)
		return db_fail(s->db, e, "统计党员增减"), -1;
	return 0;
}
