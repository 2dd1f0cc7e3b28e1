/* table_change.c — the tables of the year's moves, all read from roll.c:
 * 党员增减 (with its reconciliation), 出党情况 and 预备党员转正.  A cell
 * counts 人次: a member who moved out twice in the year counts twice. */
#include <string.h>

#include "core/validate.h"
#include "stats/tables.h"

struct moves {
	struct stats_visit *v;
	struct stats_rules r;
	const struct stats_when *w;
	int exit0, reasons0;
};

static void hit_n(struct stats_visit *v, const struct roll_member *m, int row, int n)
{
	for (int i = 0; i < n; i++)
		stats_hit(v, &m->u, row, 0);
}

static void reason_rows(struct stats_table *t, const struct stats_rules *r, const char *prefix,
                        int sub)
{
	char key[STATS_KEYLEN], label[STATS_LABELLEN];
	for (int i = 0; i <= r->nexit; i++) {
		snprintf(key, sizeof key, i < r->nexit ? "%s%d" : "%sother", prefix, i + 1);
		snprintf(label, sizeof label, "%s%s", sub ? "　　　　" : "",
		         i < r->nexit ? r->exit_reason[i] : "其他原因");
		stats_add_row(t, key, label, sub);
	}
}

/* ---- 党员增减 ---- */

static void change_set_up(struct moves *c)
{
	struct stats_table *t = c->v->t;
	stats_table_init(t, "change", STATS_MEMBERS);
	stats_add_col(t, "total", "人数");
	stats_add_row(t, "start", "上年末党员数", 0);
	stats_add_row(t, "added", "本年增加", 0);
	stats_add_row(t, "added_develop", "其中：发展党员", 1);
	stats_add_row(t, "added_transfer", "　　　转入组织关系", 1);
	stats_add_row(t, "added_restore", "　　　恢复党籍", 1);
	stats_add_row(t, "removed", "本年减少", 0);
	stats_add_row(t, "removed_transfer", "其中：转出组织关系", 1);
	stats_add_row(t, "removed_death", "　　　死亡", 1);
	stats_add_row(t, "removed_exit", "　　　出党", 1);
	c->reasons0 = t->nrows;
	reason_rows(t, &c->r, "removed_exit_", 1);
	stats_add_row(t, "removed_lost", "　　　停止党籍（失联）", 1);
	stats_add_row(t, "end", "本年末党员数", 0);
}

static int change_count(void *ctx, const struct roll_member *m)
{
	struct moves *c = ctx;
	struct stats_visit *v = c->v;
	const struct stats_table *t = v->t;
	int exit_row = stats_row_of(t, "removed_exit");
	hit_n(v, m, 0, m->start);
	hit_n(v, m, 1, roll_added(m));
	hit_n(v, m, 2, m->developed);
	hit_n(v, m, 3, m->in_transfer);
	hit_n(v, m, 4, m->in_restore);
	hit_n(v, m, 5, roll_removed(m));
	hit_n(v, m, 6, m->out_transfer);
	hit_n(v, m, 7, m->out_death);
	hit_n(v, m, exit_row, m->out_exit);
	for (int i = 0; i <= c->r.nexit; i++)
		hit_n(v, m, c->reasons0 + i, m->exit_by[i]);
	hit_n(v, m, t->nrows - 2, m->out_lost);
	hit_n(v, m, t->nrows - 1, m->end);
	return 0;
}

int stats_count_change(struct session *s, const struct stats_when *w, struct stats_visit *v,
                       struct dj_err *e)
{
	struct moves c = { .v = v, .w = w };
	stats_rules_load(s, &c.r);
	change_set_up(&c);
	return roll_each(s, w, &c.r, change_count, &c, e);
}

/* ---- 出党情况 ---- */

static int exit_count(void *ctx, const struct roll_member *m)
{
	struct moves *c = ctx;
	hit_n(c->v, m, 0, m->out_exit);
	for (int i = 0; i <= c->r.nexit; i++)
		hit_n(c->v, m, 1 + i, m->exit_by[i]);
	return 0;
}

int stats_count_exit(struct session *s, const struct stats_when *w, struct stats_visit *v,
                     struct dj_err *e)
{
	struct moves c = { .v = v, .w = w };
	stats_rules_load(s, &c.r);
	stats_table_init(v->t, "exit", STATS_MEMBERS);
	stats_add_col(v->t, "total", "人数");
	stats_add_row(v->t, "total", "出党合计", 0);
	reason_rows(v->t, &c.r, "r", 0);
	return roll_each(s, w, &c.r, exit_count, &c, e);
}

/* ---- 预备党员转正 ---- */

/* In the year up to as_of. */
static int in_year(const struct stats_when *w, const char *date)
{
	char first[11];
	snprintf(first, sizeof first, "%04d-01-01", w->year);
	return *date && strcmp(date, first) >= 0 && strcmp(date, w->as_of) <= 0;
}

static int confirm_count(void *ctx, const struct roll_member *m)
{
	struct moves *c = ctx;
	char due[11] = "";
	if (*m->joined && !valid_date(m->joined, NULL, NULL))
		date_add_months(m->joined, 12, due);
	int on_time = m->extension == 0 && in_year(c->w, m->confirmed);
	int extended = m->extension > 0 && in_year(c->w, due);
	hit_n(c->v, m, 1, on_time);
	hit_n(c->v, m, 2, extended);
	hit_n(c->v, m, 3, m->cancelled);
	hit_n(c->v, m, 0, on_time + extended + m->cancelled);
	return 0;
}

int stats_count_confirm(struct session *s, const struct stats_when *w, struct stats_visit *v,
                        struct dj_err *e)
{
	struct moves c = { .v = v, .w = w };
	stats_rules_load(s, &c.r);
	stats_table_init(v->t, "confirm", STATS_MEMBERS);
	stats_add_col(v->t, "total", "人数");
	stats_add_row(v->t, "total", "预备期满处理合计", 0);
	stats_add_row(v->t, "on_time", "按期转正", 0);
	stats_add_row(v->t, "extended", "延长预备期", 0);
	stats_add_row(v->t, "cancelled", "取消预备党员资格", 0);
	return roll_each(s, w, &c.r, confirm_count, &c, e);
}

/* ---- 上年末 + 增加 − 减少 = 本年末 ---- */

struct recon {
	struct stats_recon *r;
	char *why;
	size_t cap, used;
	int shown, more;
};

static void name_one(struct recon *c, const struct roll_member *m)
{
	if (c->used + 200 >= c->cap) {
		c->more++;
		return;
	}
	const char *end_how = m->end_by_status ? "，按当前状态" : "";
	int n = snprintf(c->why + c->used, c->cap - c->used,
	                 "%s（%s）：上年末在册 %d，增加 %d，减少 %d，本年末在册 %d%s“%s”\n",
	                 m->u.name, *m->id4 ? m->id4 : "无身份证号", m->start, roll_added(m),
	                 roll_removed(m), m->end, end_how, m->status);
	if (n > 0 && (size_t)n < c->cap - c->used) {
		c->used += (size_t)n;
		c->shown++;
	} else {
		c->why[c->used] = 0;
		c->more++;
	}
}

static int recon_count(void *ctx, const struct roll_member *m)
{
	struct recon *c = ctx;
	c->r->start += m->start;
	c->r->added += roll_added(m);
	c->r->removed += roll_removed(m);
	c->r->end += m->end;
	if (m->start + roll_added(m) - roll_removed(m) != m->end) {
		c->r->ok = 0;
		if (c->why)
			name_one(c, m);
	}
	return 0;
}

int stats_reconcile(struct session *s, const struct stats_when *w, struct stats_recon *r,
                    char *why, size_t cap, struct dj_err *e)
{
	struct stats_rules rules;
	stats_rules_load(s, &rules);
	memset(r, 0, sizeof *r);
	r->ok = 1;
	if (why && cap)
		*why = 0;
	struct recon c = { .r = r, .why = cap ? why : NULL, .cap = cap };
	if (roll_each(s, w, &rules, recon_count, &c, e))
		return -1;
	if (c.more && why && cap > c.used + 1)
		snprintf(why + c.used, cap - c.used, "……另有 %d 人\n", c.more);
	return 0;
}
