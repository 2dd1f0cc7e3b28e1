/* pick.c — the organization a 示范寝室 or 示范点 form names. */
#include "screens/showcase/pick.h"

#include <stdio.h>
#include <string.h>

#include "org/org.h"
#include "screens/common/list_screen.h"

int sc_pick_org(struct session *s, struct form *f, const char *key, struct sc_org_pick *p)
{
	int64_t id = p->id;
	struct org o;
	struct dj_err e;
	if (!list_pick_org(s, "选择党组织（可输入拼音首字母）", &id) || org_load(s, id, &o, &e))
		return 0;
	p->id = id;
	snprintf(p->name, sizeof p->name, "%s", o.name);
	form_set(f, key, p->name);
	return 1;
}

int sc_org_of(struct session *s, const char *typed, const struct sc_org_pick *p, int64_t *id,
              const char *key, const char *label, struct dj_err *e)
{
	if (p->id && strcmp(typed, p->name) == 0) {
		*id = p->id;
		return 0;
	}
	if (!*typed)
		return dj_fail(e, DJ_INVALID, key, "「%s」不能为空：按 F4 选择党组织", label);
	if (org_find_by_name(s, typed, id))
		return dj_fail(e, DJ_INVALID, key, "「%s」没有名为「%s」的党组织，请按 F4 选择", label,
		               typed);
	return 0;
}
