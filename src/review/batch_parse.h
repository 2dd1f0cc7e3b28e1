/* batch_parse.h — private to src/review/: a batch as typed, checked and
 * turned into numbers (batch_parse.c), so the save, the freeze and the
 * audit compare settings however they were typed (60 / 60.0, 、 or ，). */
#ifndef DJ_REVIEW_BATCH_PARSE_H
#define DJ_REVIEW_BATCH_PARSE_H

#include "core/json.h"
#include "review/internal.h"

struct batch_parsed {
	struct review_rules r;        /* id, org_id, kind, term and the numbers */
	int64_t version;
	char name[128];
	char notes[256];
	int nstage;
	char stage_name[REVIEW_MAX_STAGES][32];
	char stage_due[REVIEW_MAX_STAGES][11];
	int stage_reach[REVIEW_MAX_STAGES];
	int ncrit;
	char crit_name[REVIEW_MAX_CRIT][64];
	int crit_max[REVIEW_MAX_CRIT];   /* tenths */
	int nrev;
	char rev[REVIEW_MAX_REVIEWERS][64];
};

/* Checks b (trimming its texts in place) and fills p; DJ_INVALID with the
 * field's key and a Chinese message naming it. */
int batch_parse(struct session *s, struct review_batch *b, struct batch_parsed *p,
                struct dj_err *e);
/* In a frozen batch only name, notes and stage dates may differ. */
int batch_check_frozen(const struct batch_parsed *was, const struct batch_parsed *now,
                       const char *frozen_on, struct dj_err *e);
/* The settings as the audit log keeps them (Chinese keys). */
const char *batch_json(const struct batch_parsed *p, const char *org, struct json *j);

#endif
