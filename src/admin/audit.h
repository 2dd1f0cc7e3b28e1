/* audit.h — reading the audit log (操作日志).  Writing it is audit_record in
 * session.h, called by every domain module inside its write transaction.
 *
 * Each entry holds who (the Unix login), when, the table and row, the action
 * (新增 修改 撤销 删除 恢复 …) and the record before and after as flat JSON
 * objects, keyed by the Chinese field names or (发展党员, older entries) by
 * column names; everything that shows an entry names its fields through
 * audit_field_label.  Migration 005 makes the table append-only. */
#ifndef DJ_AUDIT_H
#define DJ_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"

/* The Chinese name of a table ("org" -> "党组织"); unknown tables are shown
 * as they are. */
const char *audit_table_label(const char *table);
/* The reverse: "党组织" or "org" -> "org"; NULL when neither. */
const char *audit_table_name(const char *label_or_name);
/* Labels of the tables the log knows, NULL-terminated (filter choices). */
extern const char *const audit_table_labels[];

/* The form's label of a field an entry holds: table's column or an older
 * key ("dev_case", "vetted_on" -> "政审日期"); keys it does not know come
 * back as they are (most modules write labels already). */
const char *audit_field_label(const char *table, const char *key);
/* 1 when table's column has a label (a test holds every column to it). */
int audit_field_known(const char *table, const char *column);
/* The list's short word for an operation ("接收为预备党员" -> "接收预备");
 * the word itself when it is short already. */
const char *audit_action_short(const char *action);

/* What the 操作日志 list shows; every part optional ("" / 0). */
struct audit_filter {
	char who[64];        /* 操作员: the login or the name in app_user */
	char table[32];      /* 对象: a table's label or name */
	char row_id[16];     /* 记录号 */
	char from[11];       /* 起始日期 (inclusive), forms as typed are accepted */
	char to[11];         /* 截止日期 (inclusive) */
};

/* Checks and normalises a filter (dates, the table, the number); sets
 * e->field to the member's name. */
int audit_filter_check(struct audit_filter *f, struct dj_err *e);

/* The list, newest first: 时间 操作员 对象 记录 操作 改动, where 记录 names
 * the record with its id (张三（五夫村第一党支部）#28; the name the entry
 * holds, else the record's current one), 操作 is the short word and 改动
 * lists the labels of the fields changed.
 * F7 finds text in the login, name, object, record or action.  Admins
 * only: NULL with e set otherwise.  Free with row_source_free. */
struct row_source *audit_list_source(struct session *s, const struct audit_filter *f,
                                     struct dj_err *e);

/* Writes the entries the filter selects (NULL: all) as CSV: 时间 操作员 姓名
 * 对象 记录号 记录 操作 修改前 修改后 (the last two as 字段：值 lines).
 * Admins only.  0, or 1 with the reason in report. */
int audit_export(struct session *s, const struct audit_filter *f, const char *path,
                 FILE *report, int *exported);
/* The CLI's ledger shape: every entry. */
int audit_export_csv(struct session *s, const char *path, FILE *report, int *exported);

struct audit_entry {
	int64_t id;
	char at[20];
	char login[64];
	char who[64];         /* app_user's name, else the login */
	char table[32];
	int64_t row_id;
	char action[32];
	char record[160];     /* as the list's 记录 */
	char *old_json;       /* malloc'd, NULL when none */
	char *new_json;
};
/* One entry by id; 0 or DJ_NOTFOUND/DJ_DB.  Free with audit_entry_free. */
int audit_get(struct session *s, int64_t id, struct audit_entry *out, struct dj_err *e);
/* The newest entry on a record (who changed it last, for a conflict);
 * 0, or -1 when the record has none. */
int audit_last_change(struct session *s, const char *table, int64_t row_id,
                      struct audit_entry *out);
void audit_entry_free(struct audit_entry *a);

/* ---- flat JSON objects as the log holds them ----------------------- */

/* The value of key in a flat object, as text (null -> ""); returns 1 when
 * the key is there.  Strings are unescaped; numbers come as written. */
int audit_json_get(const char *json, const char *key, char *out, size_t cap);
/* Calls fn for each member in order (value "" for null); stops early when
 * fn returns non-zero.  Returns -1 when json is not a flat object. */
int audit_json_each(const char *json, int (*fn)(const char *key, const char *value, void *ctx),
                    void *ctx);
/* Field by field, one line each: "字段：旧 → 新" for members whose value
 * differs (only old: → （空）; only new: （空） →).  With only one side,
 * every non-empty member "字段：值".  Fields are named by their labels in
 * table (NULL: as the JSON has them).  Returns the lines written. */
int audit_diff_text(const char *table, const char *old_json, const char *new_json, char *out,
                    size_t cap);

#endif
