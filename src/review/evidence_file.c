/* evidence_file.c — the evidence from the records (review_evidence) written
 * out as a text file, so the reviewers can read it beside the forms. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/outfile.h"
#include "core/validate.h"
#include "review/review.h"

enum { EVIDENCE_CAP = 64 * 1024 };

static int refuse(FILE *report, const char *why)
{
	if (report)
		fprintf(report, "%s\n", why);
	return -1;
}

int review_evidence_write(struct session *s, int64_t app_id, const char *path, FILE *report)
{
	struct dj_err e;
	struct outfile o;
	char day[11], why[600];
	struct review_app *app = calloc(1, sizeof *app);
	char *text = malloc(EVIDENCE_CAP);
	int rc = -1;
	if (!app || !text) {
		refuse(report, "内存不足");
		goto out;
	}
	if (review_app_load(s, app_id, app, &e) || review_evidence(s, app_id, text, EVIDENCE_CAP, &e)) {
		refuse(report, e.msg);
		goto out;
	}
	if (outfile_open(&o, path)) {
		refuse(report, o.why);
		goto out;
	}
	errno = 0;
	fprintf(o.f, "%s：%s（%s）\n所在单位：%s\n记录中的事实（%s 生成）\n\n%s", app->kind,
	        app->title, app->state_word, app->org, today(day), text);
	if (text[0] && text[strlen(text) - 1] != '\n')
		fputc('\n', o.f);
	if (ferror(o.f)) {
		snprintf(why, sizeof why, "写入 %s 失败：%s", path, strerror(errno ? errno : EIO));
		outfile_discard(&o);
		refuse(report, why);
		goto out;
	}
	if (outfile_commit(&o)) {
		refuse(report, o.why);
		goto out;
	}
	rc = 0;
out:
	free(app);
	free(text);
	return rc;
}
