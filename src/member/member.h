/* member.h — 党员信息库: every member's record, and the events that move
 * members in, out and between branches.
 *
 * Members are never deleted.  Leaving is an event with its own fields (转出
 * with the letter, 出党, 去世, 失联 …) that sets the member's status; only
 * members whose status is 正常 are counted.  The events and the statuses
 * they move between are an explicit table in event.c. */
#ifndef DJ_MEMBER_H
#define DJ_MEMBER_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"

extern const char *const member_genders[];      /* 男 女 */
extern const char *const member_categories[];   /* 正式党员 预备党员 */
extern const char *const member_educations[];   /* 研究生 … 小学及以下 */
extern const char *const member_ethnicities[];  /* the 56 民族, then 其他 */
extern const char *const member_event_types[];  /* 转出 出党 去世 失联 流出 流入 恢复 转入 内部调整 */

/* Every field as text, the way forms and CSV rows carry it.  Field keys
 * (dj_err.field, form tables) are the member names. */
struct member {
	int64_t id;               /* 0 for a new member */
	int64_t version;
	int64_t org_id;           /* set by member_save from `org` */
	char org[128];            /* 所在支部, full name of an active 党支部 */
	int64_t group_id;         /* set by member_save from `group`; 0 = none */
	char group[128];          /* 所在党小组: "" or a 党小组 of that branch (its
	                             full name; a save also takes its 简称 or the
	                             name after the branch's, e.g. 第一党小组) */
	char name[64];            /* 姓名 */
	char gender[8];           /* 性别 */
	char ethnicity[32];       /* 民族 ("" = 汉族) */
	char birth_date[11];      /* 出生日期 ("" = from the 身份证号) */
	char id_number[64];       /* 身份证号 (room for 18 全角 digits as typed) */
	char education[32];       /* 学历 */
	char phone[32];           /* 联系电话 (mobile) */
	char category[16];        /* 人员类别 */
	char joined_on[11];       /* 入党日期 */
	char confirmed_on[11];    /* 转正日期 */
	char extension[4];        /* 延长预备期（月）, "" = not extended */
	char job[64];             /* 工作岗位 */
	char status[8];           /* 正常 流出 出国 失联 转出 出党 去世; set by events */
	char notes[256];          /* 备注 */
};

/* One event of a member's history, as text.  Which fields an event needs
 * depends on its type (see member_event_needs). */
struct member_event {
	int64_t id;
	int64_t member_id;
	char type[16];            /* one of member_event_types */
	char date[11];            /* 日期 */
	char from_org[128];       /* 来自 (转入: the sending organization) */
	char to_org[128];         /* 去往 (转出/流出: destination; 内部调整/转入: our branch) */
	char letter_no[64];       /* 介绍信编号 */
	char valid_days[8];       /* 介绍信有效期（天） */
	char dues_paid_to[8];     /* 党费交至 YYYY-MM */
	char reason[256];         /* 原因或说明 */
	char receipt_due[11];     /* 转出: the day the 介绍信's 回执 is due back */
	char receipt_on[11];      /* 转出: the day it came back, "" while awaited */
};

/* ---- the record -------------------------------------------------------- */

int member_load(struct session *s, int64_t id, struct member *m, struct dj_err *e);

/* The identity checks shared with the development path: a valid 身份证号
 * whose birth date equals birth_date (filled from it when empty) and whose
 * sex digit matches gender.  Keys: id_number, birth_date, gender. */
int member_check_identity(const char *id_number, char birth_date[11], const char *gender,
                          struct dj_err *e);
/* What a 身份证号 being typed says about the birth date and sex already on
 * the form.  born and *sex get the number's own (sex "男" or "女"). */
enum member_id_fill {
	MEMBER_ID_INVALID,   /* not a valid number: nothing to fill */
	MEMBER_ID_AGREES,    /* both typed and both agree */
	MEMBER_ID_FILL,      /* what is typed agrees; the blank ones may be filled */
	MEMBER_ID_DIFFERS,   /* a typed value differs: ask before replacing it */
};
enum member_id_fill member_id_fill(const char *id_number, const char *birth_date,
                                   const char *gender, char born[11], const char **sex);
/* The day probation ends for someone received on joined_on: the probation
 * ([develop] probation_months, 12) plus `extension` months ("" for none).
 * 0 with out, or -1 when joined_on is not a date or extension not a
 * number. */
int member_probation_end(struct session *s, const char *joined_on, const char *extension,
                         char out[11]);
/* The 转正日期 a form may fill in once 入党日期 is typed: for a 正式党员 with
 * no 转正日期 yet it can only be the end of probation (when that is not
 * after today).  1 with out, else 0. */
int member_confirm_prefill(struct session *s, const struct member *m, char out[11]);
/* validate.h's reason for a bad 身份证号 without its leading "身份证号", for
 * messages that already name the field (「身份证号」校验位错误，应为 9). */
const char *member_id_why(const char *why);
/* The check character (0-9 or X) for the first 17 digits of a 身份证号. */
char member_id_check_char(const char *first17);

/* Every rule, with lookups but no writes: required fields, lists, dates
 * (valid, none in the future, 入党 after birth), identity, mobile, 转正日期
 * exactly the probation (12 months plus any extension) after 入党日期, a
 * 正式党员 past probation, the branch an active 党支部, and the 身份证号
 * not already someone else's (the message names them).  Sets e->field. */
int member_validate(struct session *s, const struct member *m, struct dj_err *e);

/* 发展党员's age rule on a member however it is made (form, import, 转入,
 * the development path): at least [develop] min_age (18) on the 入党日期,
 * unless the person's development case recorded an override of the age
 * rule.  0 or DJ_INVALID on joined_on.  Part of member_validate; `check`
 * reports the records that break it. */
int member_check_join_age(struct session *s, const struct member *m, struct dj_err *e);

/* The first of member_validate's rules: no field holds a control or an
 * invisible format character (core/validate.h valid_text); 备注 may hold
 * line breaks.  Sets e->field. */
int member_check_texts(const struct member *m, struct dj_err *e);

/* Inserts (id 0) or updates with the optimistic version check, in its own
 * BEGIN IMMEDIATE unless in_txn.  Dates are normalised, blanks filled
 * (民族 汉族, 出生日期 from the 身份证号), org_id set; status is never changed
 * here.  A member who left (转出/出党/去世) is not changed. */
int member_save(struct session *s, struct member *m, int in_txn, struct dj_err *e);

/* member_save of a new member in two halves, for an import that must not
 * hold the write lock while it checks (core/csv_table.h).  member_prepare,
 * outside any write transaction, does everything but the write: normalises,
 * computes the pinyin initials into py, checks every rule (member_validate)
 * and the operator's scope, and sets org_id and group_id.  member_insert,
 * inside the caller's write transaction, only writes the row and its audit
 * entry; the caller makes sure the branch and group it names are still as
 * prepare saw them. */
#define MEMBER_PY_MAX 64
int member_prepare(struct session *s, struct member *m, char py[MEMBER_PY_MAX], struct dj_err *e);
/* The same for a member imported with a status other than 正常 (转出, 去世
 * …, member_import_status follows in the write phase): their 所在支部 may be
 * one dissolved since they left. */
int member_prepare_as(struct session *s, struct member *m, char py[MEMBER_PY_MAX],
                      const char *status, struct dj_err *e);
int member_insert(struct session *s, struct member *m, const char *py, struct dj_err *e);

/* The active 党支部 of that full name, or 0. */
int64_t member_branch_id(struct session *s, const char *name);
/* The 党支部 of that name, active or else the latest dissolved one (0: none). */
int64_t member_branch_id_left(struct session *s, const char *name);
/* The active 党小组 of branch `branch_id` named `name` (its full name, its
 * 简称, or what follows the branch's name: 第一党小组), or 0; its full name
 * into full (cap bytes) when full is not NULL. */
int64_t member_group_id(struct session *s, int64_t branch_id, const char *name, char *full,
                        size_t cap);

/* The record as a flat JSON object for the audit log, whole (into j, which
 * the caller frees with json_free). */
struct json;
const char *member_json(const struct member *m, struct json *j);

/* ---- events (event.c) ----------------------------------------------- */

/* What an event type asks for, as bits. */
enum {
	EV_NEEDS_TO = 1,        /* to_org: destination, or our branch for 内部调整 */
	EV_NEEDS_FROM = 2,      /* from_org */
	EV_NEEDS_LETTER = 4,    /* letter_no */
	EV_NEEDS_DAYS = 8,      /* valid_days */
	EV_NEEDS_DUES = 16,     /* dues_paid_to */
	EV_NEEDS_REASON = 32,   /* reason */
	EV_TO_BRANCH = 64,      /* to_org names one of our 党支部 (else free text) */
	EV_OPTIONAL_TO = 128,   /* to_org may be left empty */
	EV_LETTER_OURS = 256,   /* letter_no is our own letter's: numbered when left empty */
};
int member_event_needs(const char *type);
/* 1 when a member in `status` may have an event of `type`. */
int member_event_allowed(const char *status, const char *type);
/* The event types allowed from status, NULL-terminated, into out (room for 10). */
int member_events_for(const char *status, const char *out[10]);
/* The status an event leaves the member in ("" when unchanged). */
const char *member_event_result(const char *type);

/* Records an event on member `member_id` (whose version the caller loaded;
 * a moved version is DJ_CONFLICT), checks its fields for its type, and
 * applies it: the new status, or the new branch for 内部调整 and 转入.
 * Fills ev->id and the organization names the event carries.  Inside a
 * transaction the caller holds, it joins it (a savepoint). */
int member_record_event(struct session *s, int64_t member_id, int64_t version,
                        struct member_event *ev, struct dj_err *e);

/* A member transferred in from elsewhere: the new record and its 转入 event
 * (date, from_org, letter_no) in one transaction. */
int member_transfer_in(struct session *s, struct member *m, struct member_event *ev,
                       struct dj_err *e);

/* The member's events, newest first, at most max.  Returns how many, or -1. */
int member_events(struct session *s, int64_t member_id, struct member_event *out, int max);

/* ---- the 介绍信 and its 回执 (letter.c) ------------------------------ */

/* [moves] receipt_days: how long a 回执 may take (30). */
int member_receipt_days(const struct session *s);
/* Inside the 转出's write transaction: a letter_no left empty becomes the
 * next number of the move's year (1, 2 …; printed （2026）第 17 号), a typed
 * one is refused when another 转出 of that year carries it; receipt_due is
 * set from the date.  0, or DJ_INVALID (key letter_no) / DJ_DB. */
int member_letter_assign(struct session *s, struct member_event *ev, struct dj_err *e);
/* Inside the same transaction, after the 转出 is stored: its 回执 awaited
 * from ev->receipt_due. */
int member_receipt_expect(struct session *s, const struct member_event *ev, struct dj_err *e);
/* Records (date "": clears) the day the 回执 of 转出 event_id came back:
 * not before the move, not after today; audited.  0 or a DJ_ code (key
 * receipt_on). */
int member_record_receipt(struct session *s, int64_t event_id, const char *date,
                          struct dj_err *e);
/* 回执台账: the 转出 under root (0: the operator's scope) whose 回执 has not
 * come back — 转出日期 姓名 原所在支部 去往 介绍信编号 应回日期 情况 —
 * overdue ones marked, by due date; all 1: those returned too, dimmed. */
struct row_source *member_receipt_source(struct session *s, int64_t root, int all);
/* How many are overdue under root today. */
long member_receipts_overdue(struct session *s, int64_t root);
/* The 回执台账 of the operator's scope as CSV or xlsx: every 转出 awaiting
 * its 回执, and those returned. */
int member_receipt_export(struct session *s, const char *path, FILE *report, int *exported);

/* ---- ledgers and counts (ledger.c) ---------------------------------- */

/* The members of the subtree under root (0: the operator's scope, all when
 * unscoped; a 党小组: the members in it) — 姓名 性别 年龄 学历
 * 人员类别 入党日期 所在支部 状态 — keyset-paged; find by name, pinyin
 * initials, 身份证号 or phone.  all 0: only members whose status is 正常;
 * 1: everyone, those who left dimmed. */
struct row_source *member_list_source(struct session *s, int64_t root, int all);
/* Active 党支部 within the operator's scope, for F4 on 所在支部. */
struct row_source *member_branch_source(struct session *s);
/* Active 正式党员 (for F4 on 培养联系人 and 介绍人): 姓名 所在支部 入党日期
 * 区分, those of branch `first` (0: none) listed first, then the rest; 区分
 * tells apart members who share a name on the list (member_tell_apart). */
struct row_source *member_full_source(struct session *s, int64_t first);
/* The active 党小组 of branch `branch_id`, for F4 on 所在党小组: 党小组名称
 * 党员数. */
struct row_source *member_group_source(struct session *s, int64_t branch_id);
/* One member's events, newest first: 日期 类型 来源/去向 介绍信编号 说明. */
struct row_source *member_event_source(struct session *s, int64_t member_id);

/* ---- telling apart members of one name ------------------------------ */

/* SQL for what tells a member apart from another of the same name on one
 * list (the demo has two 曹宇航 in 联桥村党支部): "" when the name occurs
 * once there, else the birth year ("1985年生"), or the 身份证号's last four
 * ("证尾1234") when a namesake there was born the same year too.  t is the
 * member's table alias with its dot ("m."); same_name and same_year are
 * conditions saying a namesake (of the same birth year) is on the list. */
#define MEMBER_TELL_SQL(t, same_name, same_year) \
	"(CASE WHEN NOT (" same_name ") THEN ''" \
	" WHEN " same_year " THEN '证尾' || substr(coalesce(" t "id_number, ''), -4)" \
	" ELSE substr(coalesce(" t "birth_date, ''), 1, 4) || '年生' END)"

/* Members whose status is 正常 under root (0: the operator's scope, as
 * member_list_source; a 党小组: those in it); category NULL: both. */
long member_count(struct session *s, int64_t root, const char *category);

/* ---- CSV (csv.c) ---------------------------------------------------- */

/* Imports every row or none: headers 姓名 性别 民族 出生日期 身份证号 学历
 * 人员类别 入党日期 转正日期 所在党组织 党小组 联系电话 工作岗位 备注 (and the
 * export's 延长预备期（月） 状态 状态日期 状态说明) in any order, UTF-8 or
 * GB18030.  A roster's words and dates are read as core/roster_words.h and
 * valid_date say (大专, 汉, 男性, 1990年7月1日; a 出生日期 of a year and month
 * when the 身份证号 gives the day), and the report lists each mapping before
 * anything is stored.  A 状态 other than 正常 (转出 出党 去世 失联 流出) is
 * recorded with an event of that name dated 状态日期 (else the day of the
 * import), so an export reads back.  One report line per problem:
 * 第 N 行「列名」值「…」：原因.  Returns 0, 1 (refused, nothing stored) or 2
 * (file unusable). */
int member_import_csv(struct session *s, const char *path, FILE *report, int *imported);
/* Inside the import's write transaction: gives the member just inserted the
 * status the file had, with a member_event of that type on `date` saying it
 * came in so (note: the file's 状态说明, may be ""), audited. */
int member_import_status(struct session *s, struct member *m, const char *status,
                         const char *date, const char *note, struct dj_err *e);
/* Every member within the operator's scope, with 状态. */
int member_export_csv(struct session *s, const char *path, FILE *report, int *exported);
/* The same for the subtree under root (0: all). */
int member_export_subtree(struct session *s, int64_t root, const char *path, FILE *report,
                          int *exported);

#endif
