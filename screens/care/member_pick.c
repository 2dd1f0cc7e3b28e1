/* member_pick.c — the member field of the 关怀帮扶 forms (member_pick.h). */
#include "screens/care/member_pick.h"

#include <stdio.h>
#include <string.h>

#include "member/member.h"
#include "screens/common/record_form.h"
#include "showcase/showcase.h"
#include "tui/draw.h"
#include "tui/grid.h"

void member_pick_run(struct session *s, struct member_pick *p, struct form *f, const char *key,
                     const char *next, const char *title)
{
	char filter[64] = "";
	struct rs_row row;
	struct row_source *rs = member_list_source(s, 0, 0);
	if (!rs) {
		frame_message(MSG_ERROR, "无法读取党员列表");
		return;
	}
	int picked = grid_pick(rs, title, filter, sizeof filter, p->id, &row);
	row_source_free(rs);
	if (!picked)
		return;
	p->id = row.key.id;
	snprintf(p->name, sizeof p->name, "%s", row.cell[0]);
	form_set(f, key, p->name);
	form_focus(f, next);
}

int member_pick_id(struct session *s, const struct member_pick *p, const char *typed,
                   const char *key, const char *label, int64_t *id, struct dj_err *e)
{
	if (p->id && strcmp(typed, p->name) == 0) {
		*id = p->id;
		return 0;
	}
	if (!*typed)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空：请按 F4 选择", label);
	return showcase_member_named(s, typed, key, id, e) ? DJ_INVALID : 0;
}

enum outcome member_pick_form_key(struct session *s, struct member_pick *p, struct form *f,
                                  struct key k, const char *next, const char *title,
                                  int (*save)(void *st), void *st)
{
	int locked = s->role == ROLE_VIEWER;
	if (locked && k.code == K_F2) {
		frame_message(MSG_ERROR, "您是只读用户，不能修改");
		return SCR_HANDLED;
	}
	const char *at = form_current_key(f);
	if (!locked && k.code == K_F4 && at && strcmp(at, "member") == 0) {
		member_pick_run(s, p, f, "member", next, title);
		return SCR_REDRAW;
	}
	return record_form_key(f, k, save, st);
}

const char *const member_pick_legend[10] = { "帮助", "保存", "返回", "选择", "还原", NULL, NULL,
                                             NULL, NULL, "退出" };
