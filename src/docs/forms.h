/* forms.h — the paper forms an office prints, as PDF (docs/pdf.h), each
 * read from its record through the domain modules:
 *   介绍信   党员组织关系介绍信 of a 转出 move: 存根, 介绍信 and 回执 on one
 *            A4 page, parted by cut lines with the 骑缝 wording;
 *   签到表   a meeting's sign-in sheet, blank to sign or as filled in;
 *   会议记录 a meeting's record with its attendance;
 *   采集表   党员信息采集表 of one member, with the history;
 *   定级台账 a grading round's ledger, landscape;
 *   表彰汇总 the year's honours by title and level, landscape, with the
 *            block the level above signs off;
 *   慰问名单 the 七一 or 春节 list of the 关怀对象 register, landscape, with
 *            a 签收 column.
 * Each writes path through core/outfile.h (whole or not at all), refuses a
 * record outside the operator's scope as viewing it would, and puts the
 * page count in *pages (may be NULL).  0, or a dj_code with e set. */
#ifndef DJ_FORMS_H
#define DJ_FORMS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/session.h"

enum form_kind { FORM_LETTER, FORM_SIGNIN, FORM_MINUTES, FORM_MEMBER, FORM_GRADING, FORM_HONOURS,
                 FORM_APPRAISAL, FORM_BULLETIN, FORM_CARE, FORM_EVALUATE, FORM_TRAINING };

int form_letter_pdf(struct session *s, int64_t event_id, const char *path, int *pages,
                    struct dj_err *e);
/* blank: the members expected, one row each with room to sign; else the
 * sheet as recorded (出席/请假/缺席/列席 with the reasons). */
int form_signin_pdf(struct session *s, int64_t meeting_id, int blank, const char *path,
                    int *pages, struct dj_err *e);
int form_minutes_pdf(struct session *s, int64_t meeting_id, const char *path, int *pages,
                     struct dj_err *e);
int form_member_pdf(struct session *s, int64_t member_id, const char *path, int *pages,
                    struct dj_err *e);
int form_grading_pdf(struct session *s, int64_t round_id, const char *path, int *pages,
                     struct dj_err *e);

/* year: the honours awarded in it under the operator's scope. */
int form_honours_pdf(struct session *s, int year, const char *path, int *pages,
                     struct dj_err *e);

/* 述职评议结果表 of a round, landscape; 通报 of a saved one, portrait
 * (form_appraise.c). */
int form_appraisal_pdf(struct session *s, int64_t round_id, const char *path, int *pages,
                       struct dj_err *e);
int form_bulletin_pdf(struct session *s, int64_t id, const char *path, int *pages, struct dj_err *e);

/* The 七一 or 春节 慰问名单 (form_care.c); key is care_list_key's (care/care.h):
 * the festival, the day and the organization. */
int form_care_pdf(struct session *s, int64_t key, const char *path, int *pages, struct dj_err *e);
/* 民主评议党员结果表 of a round, landscape (form_evaluate.c). */
int form_evaluate_pdf(struct session *s, int64_t round_id, const char *path, int *pages,
                      struct dj_err *e);
/* 教育培训学时登记表 of a training session, portrait: who attended, the
 * hours, each one's year so far (form_training.c). */
int form_training_pdf(struct session *s, int64_t training_id, const char *path, int *pages,
                      struct dj_err *e);

/* Form k of record id (FORM_HONOURS: id is the year; blank: a 签到表 to
 * sign) to path: the one dispatch the CLI and the screens print through. */
int form_write_pdf(struct session *s, enum form_kind k, int64_t id, int blank, const char *path,
                   int *pages, struct dj_err *e);

/* The file name a form suggests for its record, without a folder:
 * 介绍信-姓名-2026-11-21.pdf, 签到表-日期-主题.pdf … (characters a file
 * name cannot hold become _).  0, or a dj_code with e set. */
int form_file_name(struct session *s, enum form_kind k, int64_t id, char *out, size_t cap,
                   struct dj_err *e);

/* The member a 身份证号 names (for `print member`), 0 when none. */
int64_t form_member_by_id_number(struct session *s, const char *id_number);

#endif
