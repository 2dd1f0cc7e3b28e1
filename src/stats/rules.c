/* rules.c — [stats] in dangjian.ini: how 出党 reasons, 失联 and 工作岗位
 * fall into the tables' rows.  A value that cannot be read falls back to
 * the default, as [appraise] does, so a typo never empties a table. */
#include <string.h>

#include "stats/tables.h"

static const char default_exits[] = "开除党籍,除名,劝退,退党,取消预备党员资格";
static const char default_occ[] =
	"工人:工人|职工|车间|技术员|销售;农牧渔民:农民|村民|渔民|养殖|务工|个体;"
	"专业技术人员:教师|医生|护士|工程师|会计|研究员;党政机关工作人员:公务员|机关;"
	"企事业单位管理人员:管理|经理|主任|村干部;学生:学生;离退休人员:退休|离休";

static const char *get(const struct session *s, const char *key, const char *def)
{
	return s && s->cfg ? config_str(s->cfg, key, def) : def;
}

/* Splits text at sep into up to cap words of size each, trimmed of blanks. */
static int split(const char *text, char sep, char *out, size_t size, int cap)
{
	int n = 0;
	const char *p = text;
	while (*p && n < cap) {
		const char *q = strchr(p, sep);
		size_t len = q ? (size_t)(q - p) : strlen(p);
		while (len && (*p == ' ' || *p == '\t'))
			p++, len--;
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len && len < size) {
			memcpy(out + (size_t)n * size, p, len);
			out[(size_t)n * size + len] = 0;
			n++;
		}
		if (!q)
			break;
		p = q + 1;
	}
	return n;
}

static int parse_occ(const char *text, struct stats_rules *r)
{
	char groups[STATS_MAXOCC][200];
	int n = split(text, ';', groups[0], sizeof groups[0], STATS_MAXOCC);
	for (int i = 0; i < n; i++) {
		char *colon = strchr(groups[i], ':');
		if (!colon || colon == groups[i] || !colon[1] ||
		    (size_t)(colon - groups[i]) >= sizeof r->occ_label[i] ||
		    strlen(colon + 1) >= sizeof r->occ_words[i])
			return -1;
		*colon = 0;
		snprintf(r->occ_label[i], sizeof r->occ_label[i], "%s", groups[i]);
		snprintf(r->occ_words[i], sizeof r->occ_words[i], "%s", colon + 1);
	}
	r->nocc = n;
	return n ? 0 : -1;
}

void stats_rules_load(const struct session *s, struct stats_rules *r)
{
	memset(r, 0, sizeof *r);
	const char *lost = get(s, "stats:lost_removes", "yes");
	r->lost_removes = strcmp(lost, "no") != 0 && strcmp(lost, "0") != 0;
	r->nexit = split(get(s, "stats:exit_reasons", default_exits), ',', r->exit_reason[0],
	                 sizeof r->exit_reason[0], STATS_MAXEXIT);
	if (!r->nexit)
		r->nexit = split(default_exits, ',', r->exit_reason[0], sizeof r->exit_reason[0],
		                 STATS_MAXEXIT);
	if (parse_occ(get(s, "stats:occupations", default_occ), r))
		parse_occ(default_occ, r);
	snprintf(r->checked_by, sizeof r->checked_by, "%s", get(s, "stats:checked_by", ""));
}

int stats_exit_index(const struct stats_rules *r, const char *reason)
{
	for (int i = 0; i < r->nexit; i++)
		if (strstr(reason, r->exit_reason[i]))
			return i;
	return r->nexit;
}

int stats_occ_index(const struct stats_rules *r, const char *job)
{
	if (!*job)
		return r->nocc;
	for (int i = 0; i < r->nocc; i++) {
		char words[16][64];
		int n = split(r->occ_words[i], '|', words[0], sizeof words[0], 16);
		for (int k = 0; k < n; k++)
			if (strstr(job, words[k]))
				return i;
	}
	return r->nocc;
}
