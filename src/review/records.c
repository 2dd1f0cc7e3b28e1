/* records.c — the facts of one application that the notes, funds, ledger,
 * evidence and forms judge on, read in one query. */
#include "review/records.h"

#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/db_write.h"

/* The batch's span is its first and last stage date: the evidence counts
 * over it and a 延期 is measured from its end when the application has no
 * planned end of its own. */
#define SELECT_FACTS \
	"SELECT a.id, a.version, a.batch_id, a.org_id, b.kind, a.state, a.accept_round, a.kind," \
	" a.title, o.name, coalesce(a.ends_on, ''), coalesce(a.rectify_due, ''), a.filed_on," \
	" b.match_pct, a.granted_fen," \
	" coalesce((SELECT min(due_on) FROM review_stage WHERE batch_id = a.batch_id), '')," \
	" coalesce((SELECT max(due_on) FROM review_stage WHERE batch_id = a.batch_id), '')," \
	" coalesce(a.total, -1)" \
	" FROM review_app a JOIN review_batch b ON b.id = a.batch_id JOIN org o ON o.id = a.org_id" \
	" WHERE a.id = ?"

int rv_facts_load(struct session *s, int64_t app_id, struct rv_facts *f, struct dj_err *e)
{
	sqlite3_stmt *st;
	int rc = db_load_row(s->db, SELECT_FACTS, app_id, &st, "读取申报", "该申报已不存在", e);
	if (rc)
		return rc;
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(st, 0);
	f->version = sqlite3_column_int64(st, 1);
	f->batch_id = sqlite3_column_int64(st, 2);
	f->org_id = sqlite3_column_int64(st, 3);
	const char *kind = (const char *)sqlite3_column_text(st, 4);
	f->kind = kind && strcmp(kind, "创建") == 0 ? REVIEW_CREATE : REVIEW_PROJECT;
	f->state = sqlite3_column_int(st, 5);
	f->accept_round = sqlite3_column_int(st, 6);
	db_col_text(st, 7, f->app_kind, sizeof f->app_kind);
	db_col_text(st, 8, f->title, sizeof f->title);
	db_col_text(st, 9, f->org, sizeof f->org);
	db_col_text(st, 10, f->ends_on, sizeof f->ends_on);
	db_col_text(st, 11, f->rectify_due, sizeof f->rectify_due);
	db_col_text(st, 12, f->filed_on, sizeof f->filed_on);
	f->match_pct = sqlite3_column_int(st, 13);
	f->granted_fen = sqlite3_column_int64(st, 14);
	db_col_text(st, 15, f->first_stage, sizeof f->first_stage);
	db_col_text(st, 16, f->last_stage, sizeof f->last_stage);
	f->total = sqlite3_column_int(st, 17);
	db_done(st);
	return 0;
}

int rv_state_in(int state, const int *states, int n)
{
	for (int i = 0; i < n; i++)
		if (states[i] == state)
			return 1;
	return 0;
}

void rv_state_list(enum review_kind k, const int *states, int n, char *out, size_t cap)
{
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < n && len < cap; i++) {
		const char *w = review_state_word(k, states[i]);
		if (w && *w) {
			int m = snprintf(out + len, cap - len, "「%s」", w);
			if (m < 0)
				break;
			len += (size_t)m;
		}
	}
}

const char *rv_state_name(enum review_kind k, int state, char buf[32])
{
	const char *w = review_state_word(k, state);
	if (w && *w)
		return w;
	snprintf(buf, 32, "状态 %d", state);
	return buf;
}
