/* subs.c — see subs.h. */
#include "screens/review/subs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"

struct review_app *subs_app_load(struct session *s, long long id)
{
	struct dj_err e;
	struct review_app *app = calloc(1, sizeof *app);
	if (!app) {
		frame_message(MSG_ERROR, "内存不足，无法打开申报");
		return NULL;
	}
	if (review_app_load(s, id, app, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		free(app);
		return NULL;
	}
	return app;
}

enum review_kind subs_app_flow(const struct review_app *app)
{
	return strcmp(app->kind, "项目") == 0 ? REVIEW_PROJECT : REVIEW_CREATE;
}

void subs_app_heading(const struct review_app *app, char *out, size_t cap)
{
	snprintf(out, cap, "%s：%s（%s）", app->kind, app->title, app->state_word);
}

int subs_list_show(struct list_view *v, struct row_source *rs, int head, const char *what)
{
	return list_view_show(v, rs, head, SUBS_EMPTY, LIST_KEEP_FIND | LIST_KEEP_ROW, what);
}

/* A new source rather than a refresh of the old one: the domain may hand
 * back rows held in memory, which a grid refresh would not read again. */
void subs_list_reload(struct list_view *v, struct row_source *rs, int head, const char *what,
                      long long *saved_id)
{
	if (subs_list_show(v, rs, head, what) == 0 && *saved_id)
		grid_select_id(&v->g, *saved_id);
	*saved_id = 0;
}

void subs_list_export(struct list_view *v, const struct review_app *app, const char *what)
{
	char name[256], title[64], heading[320];
	if (!grid_selected_id(&v->g)) {
		frame_message(MSG_ERROR, "%s没有记录，无可导出", what);
		return;
	}
	snprintf(title, sizeof title, "导出%s", what);
	/* Named by the application's number: a title may hold / or emoji. */
	snprintf(name, sizeof name, "%s-%lld", what, (long long)app->id);
	char file[300];
	list_file_name(file, sizeof file, name);
	subs_app_heading(app, heading, sizeof heading);
	list_export_rows(v->rs, title, file, heading);
}
