/* record_form.c — see record_form.h. */
#include "screens/common/record_form.h"

#include <stdlib.h>
#include <string.h>

#include "screens/common/conflict.h"
#include "tui/draw.h"

static int64_t record_id(const struct record_form *r)
{
	int64_t id;
	memcpy(&id, (const char *)r->rec + r->ops->id_at, sizeof id);
	return id;
}

int record_form_open(struct record_form *r, const struct form_field *defs, int n, int64_t id)
{
	struct dj_err e;
	if (id && r->ops->load(r->ctx, id, r->rec, &e)) {
		frame_message(MSG_ERROR, "%s", e.msg);
		return -1;
	}
	if (form_init(&r->f, defs, n, r->ctx))
		return -1;
	r->f.entry_mode = r->ops->entry && id == 0;
	form_load(&r->f, r->rec);
	return 0;
}

void record_form_stored(struct record_form *r, const void *saved)
{
	if (r->f.entry_mode) {
		form_saved(&r->f, saved);
		memset(r->rec, 0, r->ops->size);
	} else {
		memcpy(r->rec, saved, r->ops->size);
		form_load(&r->f, r->rec);
		form_saved(&r->f, r->rec);
	}
}

static void tell(enum record_conflict_words words, enum conflict_choice c)
{
	if (c == CONFLICT_KEEP)
		frame_message(MSG_ERROR, "此记录已被他人修改，尚未保存；您输入的内容仍在表中");
	else if (words == RECORD_TELL_ONCE)
		frame_message(MSG_INFO, "已读取最新内容，请核对后按 F2 保存");
	else if (c == CONFLICT_MERGE)
		frame_message(MSG_INFO, "已读取最新内容并保留您的改动，请核对后按 F2 保存");
	else
		frame_message(MSG_INFO, "已重新读取最新内容，您的改动已放弃");
}

enum record_saved record_form_conflict(struct record_form *r, const void *typed,
                                       const struct dj_err *refusal)
{
	const struct record_ops *ops = r->ops;
	int quiet = ops->words == RECORD_QUIET || ops->words == RECORD_QUIET_GONE;
	int64_t id = record_id(r);
	struct dj_err e;
	if (quiet)
		form_fail(&r->f, refusal);
	/* What the load does not read (a newcomer's 转入 details) stays as typed. */
	void *now = malloc(ops->size);
	if (now)
		memcpy(now, typed, ops->size);
	if (!now || ops->load(r->ctx, id, now, &e)) {
		const char *why = now ? e.msg : "内存不足";
		if (ops->words == RECORD_QUIET_GONE)
			frame_message(MSG_ERROR, "%s", why);
		else if (!quiet)
			frame_message(MSG_ERROR, "%s；您输入的内容仍在表中", why);
		free(now);
		return RECORD_REFUSED;
	}
	enum conflict_choice c = conflict_resolve(&r->f, r->s, ops->table, id, r->rec, now, typed);
	if (!quiet)
		tell(ops->words, c);
	if (c != CONFLICT_KEEP)
		memcpy(r->rec, now, ops->size);
	free(now);
	return c == CONFLICT_KEEP ? RECORD_REFUSED : RECORD_REREAD;
}

enum record_saved record_form_save(struct record_form *r, void *draft)
{
	struct dj_err e;
	memcpy(draft, r->rec, r->ops->size);
	form_store(&r->f, draft);
	int rc = r->ops->save(r->ctx, draft, &e);
	if (rc == DJ_CONFLICT)
		return record_form_conflict(r, draft, &e);
	if (rc) {
		form_fail(&r->f, &e);
		return RECORD_REFUSED;
	}
	record_form_stored(r, draft);
	return RECORD_SAVED;
}

void record_form_lock(struct form *f)
{
	for (int i = 0; i < f->n; i++)
		form_set_readonly(f, f->defs[i].key, 1);
}

static enum outcome form_outcome(struct form *f, struct key k, int (*save)(void *st), void *st,
                                 int leave_after_save)
{
	if (k.code == K_F10 && form_is_dirty(f))
		return app_quit_unsaved(save, st);
	switch (form_key(f, k)) {
	case FORM_HANDLED:
		return SCR_HANDLED;
	case FORM_SAVE:
		if (leave_after_save)
			return save(st) == 0 ? SCR_BACK : SCR_REDRAW;
		save(st);
		return SCR_REDRAW;
	case FORM_SAVE_BACK:
		return save(st) == 0 ? SCR_BACK : SCR_REDRAW;
	case FORM_BACK:
		return SCR_BACK;
	case FORM_PASS:
		break;
	}
	return SCR_PASS;
}

enum outcome record_form_key(struct form *f, struct key k, int (*save)(void *st), void *st)
{
	return form_outcome(f, k, save, st, 0);
}

enum outcome record_form_key_once(struct form *f, struct key k, int (*save)(void *st), void *st)
{
	return form_outcome(f, k, save, st, 1);
}
