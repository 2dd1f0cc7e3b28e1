/* dues.h — 党费: what each member owes and pays, month by month.
 *
 * The amount follows the member's kind (DESIGN.md §6; brackets in
 * dangjian.ini [dues]):
 *   在职   monthly after-tax income: ≤3000 0.5%; 3000–5000 1%; 5000–10000 1.5%;
 *          >10000 2%
 *   离退休 pension: ≤5000 0.5%; >5000 1%
 *   学生, 困难 (下岗失业、享受低保), 农民: a fixed sum (0.2 元 by default)
 * An edge belongs to the lower bracket, as the 2008 regulation words it
 * ("3000元以下（含3000元）"): 3000.00 pays 0.5%, 3000.01 pays 1%; 5000.00
 * pays 1% (retired: 0.5%); 10000.00 pays 1.5%.  Amounts are rounded to the
 * fen, halves up.
 *
 * 减交 (a reduced sum) and 免交 (nothing) need an approval noted (who and
 * when approved).  Amounts are fen everywhere; the screens type yuan. */
#ifndef DJ_DUES_H
#define DJ_DUES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/config.h"
#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"

extern const char *const dues_kinds[];    /* 在职 离退休 学生 困难 农民, NULL-terminated */
extern const char *const dues_reliefs[];  /* "" 减交 免交, NULL-terminated */

#define DUES_BRACKETS 8
struct dues_bracket {
	int64_t upto;   /* fen, inclusive; -1: no upper limit (the last one) */
	int rate;       /* 1/10000 of the base: 50 = 0.5% */
};
struct dues_rules {
	struct dues_bracket work[DUES_BRACKETS], retired[DUES_BRACKETS];
	int nwork, nretired;
	int64_t student, relief, farmer;   /* fixed monthly sums (fen) */
};

/* The defaults above. */
void dues_rules_default(struct dues_rules *r);
/* Reads [dues]: brackets, retiree_brackets ("3000:0.5, 5000:1, 10000:1.5,
 * *:2": upper limit in yuan and percent; * for no limit), student, relief,
 * farmer (yuan).  A bad key keeps its default; returns -1 with why naming
 * it. */
int dues_rules_load(const struct config *c, struct dues_rules *r, char *why, size_t cap);
/* Parses one bracket list; 0, or -1 with why. */
int dues_parse_brackets(const char *text, struct dues_bracket *b, int cap, int *n,
                        char *why, size_t whycap);

/* Rate and amount for a kind and base (fen).  Fixed-sum kinds ignore the
 * base (rate 0).  Returns 0, or -1 when the kind needs a base and base < 0
 * (not yet known) or the kind is unknown. */
int dues_compute(const struct dues_rules *r, const char *kind, int64_t base, int *rate,
                 int64_t *due);
/* 1 when the kind is assessed on a base (在职, 离退休). */
int dues_kind_has_base(const char *kind);
/* "1.5%" */
void dues_rate_text(int rate, char *out, size_t cap);

/* ---- the month sheet of one branch ---- */

struct dues_line {
	int64_t id, version;     /* 0, 0 when not stored yet */
	int64_t member_id;
	char name[64];
	char tell[32];           /* tells namesakes on the sheet apart (MEMBER_TELL_SQL) */
	char name_py[32];
	char org[128];           /* the member's own organization */
	char kind[16];
	int64_t base;            /* fen; -1 unknown */
	int rate;
	int64_t due, paid;       /* fen */
	char paid_on[11];
	char relief[8];          /* "", 减交, 免交 */
	char approval[128];
	char notes[128];
	int dirty;               /* changed since loaded */
};

struct dues_sheet {
	int64_t org_id;
	char org[128];
	char month[8];           /* YYYY-MM */
	struct dues_line *lines;
	int n;
};

/* The branch's members for the month: current members (status 正常) of the
 * branch and its 党小组, and anyone with a row kept by this branch that
 * month.  A member without a row starts from their last earlier row (kind
 * and base carried, nothing paid); a member with none at all from their
 * job (退休 → 离退休, 学生, 农/务农 → 农民, 低保/失业/下岗 → 困难, else 在职)
 * with the base unknown. */
int dues_sheet_load(struct session *s, const struct dues_rules *r, int64_t org_id,
                    const char *month, struct dues_sheet *sh, struct dj_err *e);
void dues_sheet_free(struct dues_sheet *sh);

/* Recomputes rate and due from kind and base (免交: 0; 减交 keeps the
 * typed due).  Marks the line dirty. */
void dues_line_recompute(const struct dues_rules *r, struct dues_line *l);

/* Checks one line as it would be saved: base needed for 在职/离退休 when
 * anything is recorded; 减交/免交 need an approval; paid_on a real date not
 * after today, needed when something was paid.  e->field names the column
 * (base, paid, paid_on, approval, due). */
int dues_line_validate(const struct dues_line *l, struct dj_err *e);

/* Saves the dirty lines and the unstored ones with a known due, in one
 * transaction: each stored row with its version check (a conflict names
 * the member).  Lines with nothing known (no base, nothing paid) are not
 * stored.  Audited per row.  On a refusal *bad_line is the line's index
 * (-1 for none). */
int dues_sheet_save(struct session *s, struct dues_sheet *sh, int *bad_line, struct dj_err *e);

struct dues_totals {
	int members;        /* lines */
	int assessed;       /* lines with a known due */
	int owing;          /* lines paid short */
	int64_t due, paid, owed;
};
void dues_sheet_totals(const struct dues_sheet *sh, struct dues_totals *t);

/* ---- across months ---- */

/* The last month up to which the member's dues are paid in full with no
 * gap before it (YYYY-MM), "" when nothing was ever recorded or the first
 * recorded month is unpaid.  For the member's close-out (转出 etc.).
 * Returns 0, or -1 on a database error. */
int dues_paid_up_to(struct session *s, int64_t member_id, char out[8]);

/* Members under scope (0: all) owing dues: 所在支部 姓名 欠交月数 欠交金额
 * 欠交月份 党费交至.  Keyset-paged. */
struct row_source *dues_arrears_source(struct session *s, int64_t scope);
/* Totals of the arrears under scope. */
int dues_arrears_totals(struct session *s, int64_t scope, long *members, int64_t *owed);

/* One row per branch under scope for a month: 党支部 人数 已核定 应交 实交
 * 欠交人数 欠交金额; row ids are branch ids; branches with arrears that
 * month are flagged.  *t gets the grand totals. */
struct row_source *dues_month_source(struct session *s, int64_t scope, const char *month,
                                     struct dues_totals *t, struct dj_err *e);

/* CSV: a month's sheet of every branch under scope (month "": every month).
 * 0, or 1 with the reason in report. */
int dues_export_month(struct session *s, int64_t scope, const char *month, const char *path,
                      FILE *report, int *exported);
/* The CLI's `export dues FILE.csv`: the month named in the file name
 * (2026-10 or 202610 anywhere in it), else every month. */
int dues_export_csv(struct session *s, const char *path, FILE *report, int *exported);

#endif
