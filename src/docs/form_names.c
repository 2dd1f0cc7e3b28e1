/* form_names.c — the file name each form suggests for its record
 * (forms.h): the form, who or what, and the date, so that a folder of
 * printed forms sorts and reads by itself. */
#include "docs/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appraise/appraise.h"
#include "evaluate/evaluate.h"
#include "bulletin/bulletin.h"
#include "care/care.h"
#include "core/validate.h"
#include "docs/form_internal.h"
#include "grading/grading.h"
#include "member/member.h"
#include "orglife/meeting.h"
#include "training/training.h"

static void join(char *out, size_t cap, const char *form, const char *what, const char *date)
{
	char a[96], b[32];
	form_name_part(what, a, sizeof a);
	form_name_part(date, b, sizeof b);
	snprintf(out, cap, "%s-%s%s%s.pdf", form, a, *b ? "-" : "", b);
}

static int meeting_name(struct session *s, int64_t id, const char *form, char *out, size_t cap,
                        struct dj_err *e)
{
	struct meeting *m = calloc(1, sizeof *m);
	if (!m)
		return dj_fail(e, DJ_DB, NULL, "内存不足");
	int rc = meeting_load(s, id, m, e);
	if (rc == 0) {
		char what[160];
		snprintf(what, sizeof what, "%s%s", m->org, m->type);
		join(out, cap, form, what, m->date);
	}
	free(m);
	return rc;
}

int form_file_name(struct session *s, enum form_kind k, int64_t id, char *out, size_t cap,
                   struct dj_err *e)
{
	char d[11];
	switch (k) {
	case FORM_LETTER: {
		struct member m;
		int64_t member_id = 0;
		int rc = form_event_member(s, id, &member_id, d, e);
		if (rc == 0 && (rc = member_load(s, member_id, &m, e)) == 0)
			join(out, cap, "介绍信", m.name, d);
		return rc;
	}
	case FORM_SIGNIN: return meeting_name(s, id, "签到表", out, cap, e);
	case FORM_MINUTES: return meeting_name(s, id, "会议记录", out, cap, e);
	case FORM_MEMBER: {
		struct member m;
		int rc = member_load(s, id, &m, e);
		if (rc == 0)
			join(out, cap, "党员信息采集表", m.name, today(d));
		return rc;
	}
	case FORM_HONOURS: {
		char year[8];
		snprintf(year, sizeof year, "%04d", (int)(id % 10000));
		join(out, cap, "表彰荣誉汇总表", year, "");
		return 0;
	}
	case FORM_GRADING: {
		struct grading_round *r = calloc(1, sizeof *r);
		if (!r)
			return dj_fail(e, DJ_DB, NULL, "内存不足");
		int rc = grading_round_load(s, id, r, e);
		if (rc == 0)
			join(out, cap, "定级台账", r->name, "");
		free(r);
		return rc;
	}
	case FORM_APPRAISAL: {
		struct appraise_round r;
		int rc = appraise_round_load(s, id, &r, e);
		if (rc == 0)
			join(out, cap, "述职评议结果表", r.name, "");
		return rc;
	}
	case FORM_EVALUATE: {
		struct eval_round r;
		int rc = evaluate_round_load(s, id, &r, e);
		if (rc == 0)
			join(out, cap, "民主评议党员结果表", r.year, r.org);
		return rc;
	}
	case FORM_BULLETIN: {
		struct bulletin b;
		int rc = bulletin_load(s, id, &b, e);
		if (rc == 0)
			join(out, cap, "通报", b.doc_no, b.issued_on);
		bulletin_free(&b);
		return rc;
	}
	case FORM_CARE: {
		int which;
		int64_t org_id;
		char stem[32];
		if (care_list_unkey(id, &which, d, &org_id))
			return dj_fail(e, DJ_INVALID, NULL, "慰问名单的编号不对");
		snprintf(stem, sizeof stem, "%s慰问名单", care_festival_name(which));
		join(out, cap, stem, d, "");
		return 0;
	}
	case FORM_TRAINING: {
		struct training t;
		int rc = training_load(s, id, &t, e);
		if (rc == 0)
			join(out, cap, "学时登记表", t.date, t.title);
		return rc;
	}
	}
	return dj_fail(e, DJ_INVALID, NULL, "未知表格");
}

int form_write_pdf(struct session *s, enum form_kind k, int64_t id, int blank, const char *path,
                   int *pages, struct dj_err *e)
{
	switch (k) {
	case FORM_LETTER: return form_letter_pdf(s, id, path, pages, e);
	case FORM_SIGNIN: return form_signin_pdf(s, id, blank, path, pages, e);
	case FORM_MINUTES: return form_minutes_pdf(s, id, path, pages, e);
	case FORM_MEMBER: return form_member_pdf(s, id, path, pages, e);
	case FORM_GRADING: return form_grading_pdf(s, id, path, pages, e);
	case FORM_HONOURS: return form_honours_pdf(s, (int)id, path, pages, e);
	case FORM_APPRAISAL: return form_appraisal_pdf(s, id, path, pages, e);
	case FORM_BULLETIN: return form_bulletin_pdf(s, id, path, pages, e);
	case FORM_CARE: return form_care_pdf(s, id, path, pages, e);
	case FORM_EVALUATE: return form_evaluate_pdf(s, id, path, pages, e);
	case FORM_TRAINING: return form_training_pdf(s, id, path, pages, e);
	}
	return dj_fail(e, DJ_INVALID, NULL, "未知表格");
}
