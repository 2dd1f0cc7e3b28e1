/* tell.c — two members of one name on one list (the demo has two 曹宇航 in
 * 联桥村党支部): what tells each apart, shown only where names collide. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "member/member.h"

static const char *text(const char *s)
{
	return s ? s : "";
}

static int by_name(const void *a, const void *b)
{
	const struct member_tag *x = *(struct member_tag *const *)a;
	const struct member_tag *y = *(struct member_tag *const *)b;
	return strcmp(text(x->name), text(y->name));
}

static int same_year(const struct member_tag *a, const struct member_tag *b)
{
	return strncmp(text(a->birth_date), text(b->birth_date), 4) == 0;
}

/* One run of equal names: the birth year, or the ID's tail where a
 * namesake was born the same year. */
static void tell_run(struct member_tag **run, int n)
{
	for (int i = 0; i < n; i++) {
		int shared = 0;
		for (int j = 0; j < n && !shared; j++)
			shared = j != i && same_year(run[i], run[j]);
		const char *id = text(run[i]->id_number);
		size_t len = strlen(id);
		if (shared && len >= 4)
			snprintf(run[i]->tell, sizeof run[i]->tell, "证尾%s", id + len - 4);
		else if (strlen(text(run[i]->birth_date)) >= 4)
			snprintf(run[i]->tell, sizeof run[i]->tell, "%.4s年生", run[i]->birth_date);
	}
}

void member_tell_apart(struct member_tag *tags, int n)
{
	for (int i = 0; i < n; i++)
		tags[i].tell[0] = 0;
	struct member_tag **sorted = malloc((n > 0 ? (size_t)n : 1) * sizeof *sorted);
	if (!sorted)
		return;   /* names as they are: nothing lost but the hint */
	for (int i = 0; i < n; i++)
		sorted[i] = &tags[i];
	qsort(sorted, (size_t)n, sizeof *sorted, by_name);
	for (int i = 0; i < n;) {
		int j = i + 1;
		while (j < n && by_name(&sorted[i], &sorted[j]) == 0)
			j++;
		if (j - i > 1)
			tell_run(sorted + i, j - i);
		i = j;
	}
	free(sorted);
}
