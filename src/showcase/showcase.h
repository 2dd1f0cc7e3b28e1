/* showcase.h — 示范工程 (issue 14, seed 000 二(四)): 党员示范岗 with their
 * 跟踪/检查 notes and yearly 考核; 党员示范寝室 with their residents and
 * 检查评比 scored against configured items; 党建示范点 with their year
 * checks.  Their results are the evidence an 优秀党员 nomination shows
 * (seed 000 四(一)).  Configured in dangjian.ini [showcase]:
 *   post_grades      = 优秀,合格,不合格        考核等次
 *   dorm_min_members = 2                       寝室中在册正常党员的最少人数
 *   dorm_items       = 卫生:30,纪律:30,学风:20,文化:20   检查项目:满分
 *   point_levels     = 党总支示范点,党支部示范点
 *   point_results    = 优秀,合格,不合格        示范点年度检查结果
 * Scores are integer tenths (92.5 -> 925), typed with at most one decimal.
 * Notes, 考核 and checks are entries: added, audited, not edited. */
#ifndef DJ_SHOWCASE_H
#define DJ_SHOWCASE_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "core/rowsource.h"
#include "core/session.h"
#include "core/validate.h"

#define SHOWCASE_MAX_CHOICES 16
#define SHOWCASE_MAX_RESIDENTS 12
#define SHOWCASE_MAX_ITEMS 10

/* ---- configuration (config.c) ---- */

int showcase_post_grades(const struct session *s, char out[][64], int cap);
int showcase_point_levels(const struct session *s, char out[][64], int cap);
int showcase_point_results(const struct session *s, char out[][64], int cap);
int showcase_dorm_min_members(const struct session *s);

struct showcase_item {
	char name[32];
	int max;          /* tenths */
};
/* The configured 检查评比 items; a malformed entry is skipped. */
int showcase_dorm_items(const struct session *s, struct showcase_item *out, int cap);

/* A score typed with at most one decimal, 0..max tenths: 0, or -1 with why. */
int showcase_parse_tenths(const char *text, int max, int *tenths, char why[WHY_MAX]);
/* 925 -> "92.5", 900 -> "90". */
void showcase_format_tenths(int tenths, char *out, size_t cap);

/* ---- 党员示范岗 (post.c) ---- */

struct showcase_post {
	int64_t id;                /* 0: new */
	int64_t version;
	int64_t member_id;
	char member[64];           /* read back: the member's name */
	char org[128];             /* read back: the member's organization */
	char name[64];             /* 岗位名称 */
	char goal[1024];           /* 岗位目标 */
	char pledge[1024];         /* 岗位承诺, made public */
	char opened_on[11];        /* 挂牌日期 */
	char closed_on[11];        /* 摘牌日期, "" while the post stands */
	char close_reason[256];    /* 摘牌原因 */
};

int showcase_post_load(struct session *s, int64_t id, struct showcase_post *p, struct dj_err *e);
/* Validates and saves (new when p->id is 0): the member exists, is 正常 and
 * in the operator's scope; 岗位名称 and 挂牌日期 given; 摘牌 has both a date
 * (not before 挂牌) and a reason.  Version-checked; audited.  On failure
 * what was typed stays in p. */
int showcase_post_save(struct session *s, struct showcase_post *p, struct dj_err *e);

struct showcase_note {
	int64_t id;
	int64_t post_id;
	char kind[8];              /* 跟踪 / 检查 */
	char on_date[11];
	char by_whom[64];          /* 记录人 */
	char body[1024];
};
int showcase_note_add(struct session *s, struct showcase_note *n, struct dj_err *e);
/* The notes of a post, newest first; returns how many there are (up to cap
 * written), or -1. */
int showcase_notes(struct session *s, int64_t post_id, struct showcase_note *out, int cap);

struct showcase_grade {
	int64_t id;
	int64_t post_id;
	int year;
	char grade[16];            /* one of post_grades */
	char on_date[11];          /* 考核日期, in or after the year */
	char assessor[64];         /* 考核人 */
	char note[256];
};
/* One per post and year: a second is refused naming the one there. */
int showcase_grade_add(struct session *s, struct showcase_grade *g, struct dj_err *e);
int showcase_grades(struct session *s, int64_t post_id, struct showcase_grade *out, int cap);

/* ---- 党员示范寝室 (dorm.c, check.c) ---- */

struct showcase_resident {
	int64_t member_id;         /* 0: not a member, by name only */
	char name[64];
};

struct showcase_dorm {
	int64_t id;
	int64_t version;
	int64_t org_id;
	char org[128];             /* read back */
	char building[32];         /* 楼栋 */
	char room[16];             /* 房号 */
	char opened_on[11];        /* 挂牌日期 */
	char note[256];
	int nres;
	struct showcase_resident res[SHOWCASE_MAX_RESIDENTS];
};

int showcase_dorm_load(struct session *s, int64_t id, struct showcase_dorm *d, struct dj_err *e);
/* Validates and saves the room with its residents (replaced as a whole):
 * the organization in scope, building and room given and not registered
 * twice, at least dorm_min_members residents 党员 of status 正常.
 * Version-checked; audited. */
int showcase_dorm_save(struct session *s, struct showcase_dorm *d, struct dj_err *e);

struct showcase_check {
	int64_t id;
	int64_t dorm_id;
	char on_date[11];
	char checker[64];
	int nitems;                               /* showcase_check_prepare sets these */
	struct showcase_item item[SHOWCASE_MAX_ITEMS];
	char typed[SHOWCASE_MAX_ITEMS][16];       /* each item's score as typed */
	int score[SHOWCASE_MAX_ITEMS];            /* tenths, after the add */
	int total;                                /* tenths, after the add */
	char note[256];
};
/* A new check of dorm_id with the configured items and nothing typed. */
void showcase_check_prepare(const struct session *s, int64_t dorm_id, struct showcase_check *c);
/* Each item's score 0..its max with one decimal (the field "score<i>"
 * named on a refusal), the total computed.  Audited. */
int showcase_check_add(struct session *s, struct showcase_check *c, struct dj_err *e);
/* The checks of a dorm, newest first (items as stored); count or -1. */
int showcase_checks(struct session *s, int64_t dorm_id, struct showcase_check *out, int cap);

/* ---- 党建示范点 (point.c) ---- */

struct showcase_point {
	int64_t id;
	int64_t version;
	int64_t org_id;
	char org[128];             /* read back */
	char level[32];            /* point_levels */
	char opened_on[11];        /* 确定日期 */
	char note[256];
};
int showcase_point_load(struct session *s, int64_t id, struct showcase_point *p,
                        struct dj_err *e);
/* One per organization; level configured; scope; version-checked; audited. */
int showcase_point_save(struct session *s, struct showcase_point *p, struct dj_err *e);

struct showcase_point_check {
	int64_t id;
	int64_t point_id;
	int year;
	char on_date[11];
	char result[32];           /* point_results */
	char note[256];
};
/* One per point and year. */
int showcase_point_check_add(struct session *s, struct showcase_point_check *c,
                             struct dj_err *e);
int showcase_point_checks(struct session *s, int64_t point_id, struct showcase_point_check *out,
                          int cap);

/* The member named `name` exactly, for a name typed where F4 was not used:
 * 0 with *id; DJ_INVALID naming `key` when there is none, or several
 * share the name (then F4 must choose). */
int showcase_member_named(struct session *s, const char *name, const char *key, int64_t *id,
                          struct dj_err *e);

/* ---- ledgers and export (ledger.c) ---- */

/* Keyset pagers under the operator's scope; find by name, pinyin initials
 * (posts: member, 岗位名称; dorms: 楼栋/房号, organization; points: the
 * organization); every column sorts.  `year` is the 本年考核 column's. */
struct row_source *showcase_post_source(struct session *s, int year);
struct row_source *showcase_dorm_source(struct session *s);
struct row_source *showcase_point_source(struct session *s);

/* The ledgers with their details to path (.csv or .xlsx). */
int showcase_post_export(struct session *s, const char *path, FILE *report, int *exported);
int showcase_dorm_export(struct session *s, const char *path, FILE *report, int *exported);
int showcase_point_export(struct session *s, const char *path, FILE *report, int *exported);

/* ---- evidence for nominations (evidence.c) ---- */

/* The member's 示范岗 考核 and 示范寝室 checks of `year`, one line each:
 *   党员示范岗「窗口服务岗」2026 年考核：优秀
 *   示范寝室 3号楼 402 2026 年检查 2 次，平均 92.5 分
 * (a post without a 考核 that year: …2026 年尚未考核).  Returns how many
 * lines there are (beyond cap counted, not written), or -1. */
int showcase_member_evidence(struct session *s, int64_t member_id, int year, char out[][96],
                             int cap);
/* The organization's 示范点 check of `year`:
 *   党支部示范点 2026 年检查：优秀   (or …2026 年尚未检查). */
int showcase_org_evidence(struct session *s, int64_t org_id, int year, char out[][96], int cap);

#endif
