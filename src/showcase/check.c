/* check.c — 检查评比 of a 示范寝室: each configured item scored 0..its
 * maximum with one decimal, the total computed; stored with the items as
 * they were then, so a later change of [showcase] dorm_items leaves old
 * checks as scored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"
#include "core/json.h"
#include "core/text.h"
#include "showcase/internal.h"

void showcase_check_prepare(const struct session *s, int64_t dorm_id, struct showcase_check *c)
{
	memset(c, 0, sizeof *c);
	c->dorm_id = dorm_id;
	c->nitems = showcase_dorm_items(s, c->item, SHOWCASE_MAX_ITEMS);
}

/* "卫生:28.5/30;纪律:30/30": what the row keeps of each item. */
static void items_text(const struct showcase_check *c, char *out, size_t cap)
{
	size_t at = 0;
	*out = 0;
	for (int i = 0; i < c->nitems && at < cap; i++) {
		char v[16], m[16];
		showcase_format_tenths(c->score[i], v, sizeof v);
		showcase_format_tenths(c->item[i].max, m, sizeof m);
		at += (size_t)snprintf(out + at, cap - at, "%s%s:%s/%s", i ? ";" : "", c->item[i].name,
		                       v, m);
	}
}

static void items_parse(const char *text, struct showcase_check *c)
{
	char buf[1024], *save = NULL;
	snprintf(buf, sizeof buf, "%s", text);
	c->nitems = 0;
	for (char *tok = strtok_r(buf, ";", &save); tok && c->nitems < SHOWCASE_MAX_ITEMS;
	     tok = strtok_r(NULL, ";", &save)) {
		char *colon = strrchr(tok, ':'), *slash = colon ? strchr(colon, '/') : NULL;
		if (!colon || !slash)
			continue;
		*colon = *slash = 0;
		int k = c->nitems++;
		snprintf(c->item[k].name, sizeof c->item[k].name, "%s", tok);
		showcase_parse_tenths(colon + 1, 100000, &c->score[k], NULL);
		showcase_parse_tenths(slash + 1, 100000, &c->item[k].max, NULL);
		showcase_format_tenths(c->score[k], c->typed[k], sizeof c->typed[k]);
	}
}

static int check_scores(struct showcase_check *c, struct dj_err *e)
{
	if (c->nitems <= 0)
		return dj_fail(e, DJ_INVALID, NULL, "dangjian.ini [showcase] dorm_items 没有配置检查项目");
	c->total = 0;
	for (int i = 0; i < c->nitems; i++) {
		char why[WHY_MAX], key[16];
		snprintf(key, sizeof key, "score%d", i);
		if (!*c->typed[i])
			return dj_fail(e, DJ_INVALID, key, "「%s」得分不能为空", c->item[i].name);
		if (showcase_parse_tenths(c->typed[i], c->item[i].max, &c->score[i], why))
			return dj_fail(e, DJ_INVALID, key, "「%s」%s", c->item[i].name, why);
		c->total += c->score[i];
	}
	return 0;
}

static int add_in_txn(struct session *s, void *rec, struct dj_err *e)
{
	struct showcase_check *c = rec;
	struct showcase_dorm d;
	const struct text_field t[] = { { "checker", "检查人", c->checker, 0 },
	                                { "note", "备注", c->note, 1 } };
	if (c->dorm_id <= 0 || showcase_dorm_load(s, c->dorm_id, &d, e))
		return dj_fail(e, DJ_INVALID, NULL, "该示范寝室记录已不存在");
	if (session_may_write(s, d.org_id, e))
		return DJ_DENIED;
	if (sc_check_date(c->on_date, "on_date", "检查日期", e) || valid_texts(t, 2, e))
		return DJ_INVALID;
	if (strcmp(c->on_date, d.opened_on) < 0)
		return dj_fail(e, DJ_INVALID, "on_date", "「检查日期」%s 早于挂牌日期 %s", c->on_date,
		               d.opened_on);
	if (!*c->checker)
		return dj_fail(e, DJ_INVALID, "checker", "「检查人」不能为空");
	if (check_scores(c, e))
		return DJ_INVALID;
	char items[1024];
	items_text(c, items, sizeof items);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO showcase_dorm_check(dorm_id, on_date, checker,"
	                       " total, items, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?,"
	                       " ?, " SHOWCASE_NOW ")", -1, &st, NULL) != SQLITE_OK)
		return db_fail(s->db, e, "保存检查评比");
	sqlite3_bind_int64(st, 1, c->dorm_id);
	db_bind_text(st, 2, c->on_date, 0);
	db_bind_text(st, 3, c->checker, 0);
	sqlite3_bind_int(st, 4, c->total);
	db_bind_text(st, 5, items, 0);
	db_bind_text(st, 6, c->note, 0);
	db_bind_text(st, 7, s->login, 1);
	if (db_step_done(s->db, st, "保存检查评比", e))
		return DJ_DB;
	c->id = sqlite3_last_insert_rowid(s->db);
	char room[64], total[16];
	snprintf(room, sizeof room, "%s %s", d.building, d.room);
	showcase_format_tenths(c->total, total, sizeof total);
	struct json j = JSON_INIT;
	json_begin(&j);
	json_str(&j, "示范寝室", room);
	json_str(&j, "检查日期", c->on_date);
	json_str(&j, "检查人", c->checker);
	json_str(&j, "各项得分", items);
	json_str(&j, "总分", total);
	json_str(&j, "备注", c->note);
	int rc = audit_saved(s, "showcase_dorm_check", c->id, 1, NULL, json_end(&j), e);
	json_free(&j);
	return rc;
}

int showcase_check_add(struct session *s, struct showcase_check *c, struct dj_err *e)
{
	struct showcase_check keep = *c;
	utf8_trim(c->on_date);
	utf8_trim(c->checker);
	int rc = sc_in_txn(s, "showcase_check", add_in_txn, c, e);
	if (rc)
		*c = keep;
	return rc;
}

int showcase_checks(struct session *s, int64_t dorm_id, struct showcase_check *out, int cap)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT id, on_date, checker, total, items, note"
	                       " FROM showcase_dorm_check WHERE dorm_id = ?"
	                       " ORDER BY on_date DESC, id DESC", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, dorm_id);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n < cap) {
			struct showcase_check *o = &out[n];
			memset(o, 0, sizeof *o);
			o->id = sqlite3_column_int64(st, 0);
			o->dorm_id = dorm_id;
			db_col_text(st, 1, o->on_date, sizeof o->on_date);
			db_col_text(st, 2, o->checker, sizeof o->checker);
			o->total = sqlite3_column_int(st, 3);
			items_parse((const char *)sqlite3_column_text(st, 4), o);
			db_col_text(st, 5, o->note, sizeof o->note);
		}
		n++;
	}
	sqlite3_finalize(st);
	return n;
}
