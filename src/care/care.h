/* care.h — 关怀帮扶 (issue 20; seed 000 三(3), seed 002 二(四)): the
 * register of members who need care (老党员, 生活困难党员, 因病), the visits
 * (慰问) made to them, who on the register has had no visit this year, and
 * the 七一 and 春节 慰问名单 made from the register on that day.
 *
 * Settings, in dangjian.ini:
 *   [care]
 *   old_age = 80                 老党员 by age: this many whole years (60..120)
 *   old_standing_years = 50      老党员 by 党龄: years since 入党 (10..80)
 *   amount_old = 500             拟慰问金 (元) of each category on the lists
 *   amount_hardship = 1000
 *   amount_ill = 1000
 *   occasions = 七一,春节,重阳,生日,日常,其他
 * A member on the register under several categories is listed once, with
 * all of them and the largest of their amounts. */
#ifndef DJ_CARE_H
#define DJ_CARE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"
#include "core/validate.h"

enum care_category { CARE_OLD, CARE_HARDSHIP, CARE_ILL, CARE_NCAT };
/* 老党员, 生活困难, 因病; NULL-terminated, in enum order. */
extern const char *const care_categories[];

#define CARE_MAX_VISITORS 3
#define CARE_MAX_OCCASIONS 12

/* ---- settings and rules (rules.c) ---- */

struct care_rules {
	int old_age;                        /* 80 */
	int old_years;                      /* 50 */
	int64_t amount_fen[CARE_NCAT];      /* 拟慰问金 per category */
};
void care_rules_load(const struct session *s, struct care_rules *r);
/* The configured 慰问时机 (七一, 春节 …); how many. */
int care_occasions(const struct session *s, char out[][32], int cap);

/* Whole years from `from` to `on` (both YYYY-MM-DD): 2026-11-21 is 80
 * years after 1946-11-21 and 79 after 1946-11-22.  -1 when either is not
 * a date or from is after on. */
int care_whole_years(const char *from, const char *on);
/* 1 when a member born `birth` who joined the Party `joined` (either may
 * be "") is a 老党员 on `on` by age or by 党龄, with why in `why`
 * ("年满80周岁", "党龄50年"); else 0. */
int care_is_old(const struct care_rules *r, const char *birth, const char *joined, const char *on,
                char why[64]);

/* Money in 元 as typed (200, 200.5, 200.50, ２００, ￥200) to fen: 0, or -1
 * with why (more than two decimals, not a number, negative). */
int care_money_parse(const char *text, int64_t *fen, char why[WHY_MAX]);
/* fen as the ledgers show it: "200.50"; "" for 0. */
void care_money_text(int64_t fen, char *out, size_t cap);

/* ---- the 七一 and 春节 dates (rules.c) ---- */

enum care_festival { CARE_JULY1 = 1, CARE_SPRING = 2 };
/* 七一 or 春节 */
const char *care_festival_name(int which);
/* The day of the festival in `year`: 0, or -1 for a 春节 the table does
 * not know (before 2020 or after 2040). */
int care_festival_date(int which, int year, char out[11]);
/* The festival's next day on or after `from`; what it can. */
void care_festival_next(int which, const char *from, char out[11]);

/* One list's key as the print dispatch carries it (docs/forms.h's id):
 * the festival, its date and the organization it covers. */
int64_t care_list_key(int which, const char *on, int64_t org_id);
/* 0 with the parts, or -1 for a key that is not one. */
int care_list_unkey(int64_t key, int *which, char on[11], int64_t *org_id);

/* ---- the register (case.c) ---- */

struct care_case {
	int64_t id;                 /* 0: new */
	int64_t version;
	int64_t member_id;
	char member[64];            /* read back: the member's name */
	char org[128];              /* read back: the member's branch */
	char category[16];          /* 老党员 / 生活困难 / 因病 */
	char reason[256];           /* 原因 */
	char listed_on[11];         /* 列入日期 */
	char address[128];          /* 家庭住址 */
	char left_on[11];           /* 移出日期, "" while on the register */
	char left_reason[128];      /* 移出原因 */
};
int care_case_load(struct session *s, int64_t id, struct care_case *c, struct dj_err *e);
/* Validates and saves (new when c->id is 0): the member exists and is in
 * scope (and, for a new entry, in good standing: 状态 正常), the category one of the three, 原因 given, 列入日期 a day not
 * after today, 移出日期 not before it nor after today and with 移出原因,
 * and no second entry of the member in the same category on the register
 * at the same time.  Version-checked; audited.  On failure c is as typed. */
int care_case_save(struct session *s, struct care_case *c, struct dj_err *e);

/* The register: every entry under scope, those still on it first, by name;
 * row id the entry's.  Find by name, pinyin initials, category, reason. */
struct row_source *care_case_source(struct session *s);

/* 老党员 by the rule on `on`, members 正常 under org_id (0: the operator's
 * scope) who have no 老党员 entry on the register that day. */
struct care_proposal {
	int64_t member_id;
	char name[64];
	char org[128];
	char why[64];               /* 年满80周岁 / 党龄50年 */
};
/* *out (free it) with *n proposals, by branch and name.  0, or DJ_DB. */
int care_old_proposals(struct session *s, int64_t org_id, const char *on,
                       struct care_proposal **out, int *n, struct dj_err *e);
/* Lists the n proposals as 老党员 from `on` in one transaction, each
 * through care_case_save: all or none.  0 with *added, or the refusal. */
int care_old_add(struct session *s, const struct care_proposal *p, int n, const char *on,
                 int *added, struct dj_err *e);

/* The member form's line (member.c): the categories member_id is on the
 * register under on `today` with their 列入日期 and the last visit
 * ("关怀：老党员（2025-12-20 列入）；最近慰问 2026-01-20 春节"); "" for a
 * member never listed nor visited. */
void care_member_line(struct session *s, int64_t member_id, const char *today, char *out,
                      size_t cap);

/* ---- visits (visit.c) ---- */

struct care_visit {
	int64_t id;
	int64_t version;
	int64_t member_id;
	char member[64];            /* read back */
	char org[128];              /* read back */
	char on_date[11];           /* 慰问日期 */
	char occasion[32];          /* 慰问时机, one of [care] occasions */
	char visitors[CARE_MAX_VISITORS][64];   /* 慰问人 */
	char money[24];             /* 慰问金 as typed, in 元; "" for none */
	int64_t money_fen;          /* what it was read as */
	char goods[128];            /* 慰问品 */
	char note[256];             /* 备注 */
};
int care_visit_load(struct session *s, int64_t id, struct care_visit *v, struct dj_err *e);
/* The member exists and is in scope, the date a day not after today, the
 * occasion configured, one 慰问人 at least (each once), the money in 元
 * with at most two decimals.  Version-checked; audited. */
int care_visit_save(struct session *s, struct care_visit *v, struct dj_err *e);
/* The visits under scope, newest first; row id the visit's. */
struct row_source *care_visit_source(struct session *s);
int care_visit_export(struct session *s, const char *path, FILE *report, int *exported);

/* ---- ledgers made from the register (lists.c) ---- */

/* 本年未慰问: members under org_id (0: the operator's scope) on the
 * register on `today` with no visit in today's calendar year (a visit last
 * December does not count; one on 1 January does); row id the member's. */
struct row_source *care_unvisited_source(struct session *s, int64_t org_id, const char *today);
int care_unvisited_export(struct session *s, int64_t org_id, const char *today, const char *path,
                          FILE *report, int *exported);

/* The 七一 or 春节 慰问名单 on `on`: members 正常 under org_id (0: scope)
 * on the register that day — listed on or before it, not yet left — with
 * 姓名, 所在支部, 类别, 年龄, 联系电话, 家庭住址, 最近慰问 (before or on
 * that day) and 拟慰问金; row id the member's. */
struct row_source *care_list_source(struct session *s, int64_t org_id, const char *on);
/* The same list to path (.xlsx or .csv), 签收 left blank to sign. */
int care_list_export(struct session *s, int64_t org_id, const char *on, const char *path,
                     FILE *report, int *exported);

/* ---- the command line's exports (export.c) ---- */

/* `export care-list FILE`: 春节 (春节 or spring in the name) or 七一, on the
 * date the name holds (2027-02-06, 20270206), or that festival of the year
 * it holds (2027), else the next one; under the operator's scope. */
int care_list_export_cli(struct session *s, const char *path, FILE *report, int *exported);
/* `export care-unvisited FILE`: 本年未慰问 today, under the operator's scope. */
int care_unvisited_export_cli(struct session *s, const char *path, FILE *report, int *exported);

#endif
