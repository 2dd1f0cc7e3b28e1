/* gen.c — builds a county-scale database for `make bench`: a 县委 over
 * 乡镇党委 and 部门党委, their 党总支, 党支部 and 党小组; members in the
 * branches; then (gen_work.c) meetings with attendance, a year of dues and
 * a grading round, as far as the schema has those tables.
 *
 *   gen [--seed N] [--orgs N] [--members N] [--meetings N] [--dues-months N]
 *       [--today YYYY-MM-DD] OUT.db
 *
 * The schema comes from the program's own db_open (every migration); rows go
 * in through prepared INSERTs in one transaction, because the domain save
 * paths (validation, audit, a transaction per record) would take minutes for
 * 200,000 members.  Every column a screen reads is filled: name_py through
 * pinyin_initials, 身份证号 with a valid check digit matching birth date and
 * sex, 转正日期 one year after 入党日期, terms and liaisons of each org. */
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/db.h"
#include "core/text.h"
#include "org/org.h"

/* ---- random numbers and dates ---------------------------------------- */

uint64_t gen_rand(struct gen *g)
{
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15ULL);   /* splitmix64 */
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int gen_int(struct gen *g, int lo, int hi)
{
	return lo + (int)(gen_rand(g) % (uint64_t)(hi - lo + 1));
}

const char *gen_pick(struct gen *g, const char *const *list, int n)
{
	return list[gen_int(g, 0, n - 1)];
}

int gen_days(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void gen_date_parts(int days, int *y, int *m, int *d)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

void gen_ymd(int y, int m, int d, char out[11])
{
	char t[48];
	snprintf(t, sizeof t, "%04d-%02d-%02d", y, m, d);
	memcpy(out, t, 10);
	out[10] = 0;
}

void gen_date(int days, char out[11])
{
	int y, m, d;
	gen_date_parts(days, &y, &m, &d);
	gen_ymd(y, m, d, out);
}

/* ---- SQLite ----------------------------------------------------------- */

sqlite3_stmt *gen_prepare(struct gen *g, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(g->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "gen: %s\n  in: %s\n", sqlite3_errmsg(g->db), sql);
		exit(1);
	}
	return st;
}

int gen_insert(struct gen *g, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		g->rows++;
	else if (rc != SQLITE_CONSTRAINT) {
		fprintf(stderr, "gen: %s\n", sqlite3_errmsg(g->db));
		exit(1);
	}
	return rc;
}

void gen_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int gen_has_table(struct gen *g, const char *name)
{
	sqlite3_stmt *st = gen_prepare(g, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int has = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return has;
}

/* ---- names ------------------------------------------------------------ */

/* Common surnames first (drawn more often), then the ones ICU must read as
 * surnames (单 shan, 曾 zeng, 解 xie, 仇 qiu). */
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
	"郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
	"彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
	"魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
	"单", "解", "仇", "俞", "章", "诸", "茅", "傅", "洪", "钱",
};
static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
	"明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "文", "辉", "建", "国", "海", "燕",
	"红", "玲", "梅", "兰", "志", "新", "德", "春", "荣", "林", "晓", "东", "永", "福", "金",
	"宝", "庆", "立", "佳", "琦", "锡", "尧", "振", "法", "良", "顺", "龙", "兴", "祥", "婕",
};

void gen_person(struct gen *g, char *out, size_t cap)
{
	/* Skewed toward the front of the list, as real surnames are. */
	int n = (int)(sizeof surnames / sizeof *surnames);
	int a = gen_int(g, 0, n - 1), b = gen_int(g, 0, n - 1);
	const char *sur = surnames[a < b ? a : b];
	if (gen_int(g, 0, 3) == 0)
		snprintf(out, cap, "%s%s", sur, GEN_PICK(g, given));
	else
		snprintf(out, cap, "%s%s%s", sur, GEN_PICK(g, given), GEN_PICK(g, given));
}

static const char *const place_chars[] = {
	"青", "石", "溪", "岭", "桥", "湖", "塘", "坪", "山", "源", "田", "港", "岙", "洋", "浦",
	"坑", "坂", "湾", "林", "江", "河", "上", "下", "东", "西", "南", "北", "新", "大", "小",
	"白", "马", "龙", "凤", "桃", "李", "杨", "梅", "竹", "松", "柏", "云", "峰", "泉", "沙",
	"前", "后", "中", "高", "长", "平", "安", "丰", "兴", "和", "宁", "福", "盛", "里", "庄",
};

/* A two-character place name not yet in used[0..n). */
static void place_name(struct gen *g, char used[][16], int *n, char out[16])
{
	for (;;) {
		snprintf(out, 16, "%s%s", GEN_PICK(g, place_chars), GEN_PICK(g, place_chars));
		int dup = strncmp(out, out + 3, 3) == 0;
		for (int i = 0; i < *n && !dup; i++)
			dup = strcmp(used[i], out) == 0;
		if (!dup)
			break;
	}
	if (*n < 64)
		snprintf(used[(*n)++], 16, "%s", out);
}

static void mobile(struct gen *g, char out[12])
{
	snprintf(out, 12, "1%d%09d", gen_int(g, 3, 9), gen_int(g, 0, 999999999));
}

/* ---- the organization tree ------------------------------------------- */

struct org_ctx {
	struct gen *g;
	sqlite3_stmt *org, *term, *liaison;
	int count;
};

static const char *const numbers[] = { "第一", "第二", "第三", "第四", "第五", "第六" };

/* Adds one organization; returns its id, or 0 once the target is reached. */
static int64_t add_org(struct org_ctx *c, int64_t parent, const char *name, const char *short_name,
                       const char *kind, const char *category)
{
	struct gen *g = c->g;
	if (c->count >= g->norgs)
		return 0;
	char py[64], founded[11], doc[64], secretary[16], phone[12], address[128];
	pinyin_initials(name, py, sizeof py);
	int fy = gen_int(g, 1952, 2018);
	gen_date(gen_days(fy, gen_int(g, 1, 12), gen_int(g, 1, 28)), founded);
	snprintf(doc, sizeof doc, "%s〔%d〕%d号", strcmp(kind, "党委") == 0 ? "县委组" : "党委",
	         fy, gen_int(g, 1, 120));
	gen_person(g, secretary, sizeof secretary);
	mobile(g, phone);
	snprintf(address, sizeof address, "%s办公室", short_name ? short_name : name);
	sqlite3_stmt *st = c->org;
	if (parent)
		sqlite3_bind_int64(st, 1, parent);
	else
		sqlite3_bind_null(st, 1);
	gen_text(st, 2, name);
	gen_text(st, 3, py);
	gen_text(st, 4, short_name);
	gen_text(st, 5, kind);
	gen_text(st, 6, category);
	gen_text(st, 7, founded);
	gen_text(st, 8, doc);
	gen_text(st, 9, strcmp(kind, "党小组") == 0 ? "" : secretary);
	gen_text(st, 10, phone);
	gen_text(st, 11, address);
	gen_text(st, 12, g->stamp);
	if (gen_insert(g, st) != SQLITE_DONE) {
		fprintf(stderr, "gen: 组织名称重复：%s\n", name);
		exit(1);
	}
	int64_t id = sqlite3_last_insert_rowid(g->db);
	c->count++;
	if (strcmp(kind, "党小组") != 0) {
		/* 届: 党委 and village/community organizations 5 years, others 3. */
		int years = strcmp(kind, "党委") == 0 || strcmp(category, "农村") == 0 ||
		            strcmp(category, "社区") == 0 ? 5 : 3;
		int elected = g->today - gen_int(g, 30, years * 365 - 1);
		char on[11], due[11];
		int y, m, d;
		gen_date(elected, on);
		gen_date_parts(elected, &y, &m, &d);
		gen_ymd(y + years, m, d > 28 ? 28 : d, due);
		sqlite3_bind_int64(c->term, 1, id);
		gen_text(c->term, 2, on);
		sqlite3_bind_int(c->term, 3, years);
		gen_text(c->term, 4, due);
		gen_text(c->term, 5, g->stamp);
		gen_insert(g, c->term);
		for (int r = 0; r < 2; r++) {
			char who[16];
			gen_person(g, who, sizeof who);
			sqlite3_bind_int64(c->liaison, 1, id);
			gen_text(c->liaison, 2, who);
			gen_text(c->liaison, 3, r ? "联系干部" : "联系领导");
			gen_text(c->liaison, 4, on);
			gen_text(c->liaison, 5, g->stamp);
			gen_insert(g, c->liaison);
		}
	}
	if (strcmp(kind, "党支部") == 0) {
		if (g->nbranches == g->branches_cap) {
			g->branches_cap = g->branches_cap ? 2 * g->branches_cap : 256;
			g->branches = realloc(g->branches, (size_t)g->branches_cap * sizeof *g->branches);
		}
		int village = strcmp(category, "农村") == 0;
		g->branches[g->nbranches++] = (struct gen_branch){
			.org_id = id, .village = village, .weight = village ? gen_int(g, 4, 9) : gen_int(g, 1, 5),
		};
	}
	if (strcmp(kind, "党支部") == 0 || strcmp(kind, "党总支") == 0) {
		if (g->ngraded == g->graded_cap) {
			g->graded_cap = g->graded_cap ? 2 * g->graded_cap : 256;
			g->graded = realloc(g->graded, (size_t)g->graded_cap * sizeof *g->graded);
		}
		g->graded[g->ngraded++] = id;
	}
	return id;
}

/* A 党支部 and, one time in four, its 党小组. */
static void add_branch(struct org_ctx *c, int64_t parent, const char *name, const char *short_name,
                       const char *category)
{
	int64_t id = add_org(c, parent, name, short_name, "党支部", category);
	if (!id || gen_int(c->g, 0, 3))
		return;
	for (int i = 0, n = gen_int(c->g, 2, 3); i < n; i++) {
		char gname[192], gshort[128];
		snprintf(gname, sizeof gname, "%s%s党小组", name, numbers[i]);
		snprintf(gshort, sizeof gshort, "%s%s党小组", short_name, numbers[i]);
		add_org(c, id, gname, gshort, "党小组", category);
	}
}

static void add_township(struct org_ctx *c, const char *town)
{
	struct gen *g = c->g;
	char name[192], sname[128], vname[16], used[64][16];
	int nused = 0;
	snprintf(name, sizeof name, "%s党委", town);
	int64_t t = add_org(c, g->root_id, name, NULL, "党委", "农村");
	if (!t)
		return;
	snprintf(name, sizeof name, "%s机关党支部", town);
	add_branch(c, t, name, "机关党支部", "机关");
	for (int v = 0, nv = gen_int(g, 10, 16); v < nv; v++) {
		place_name(g, used, &nused, vname);
		if (gen_int(g, 0, 99) < 35) {
			snprintf(name, sizeof name, "%s%s村党总支", town, vname);
			snprintf(sname, sizeof sname, "%s村党总支", vname);
			int64_t z = add_org(c, t, name, sname, "党总支", "农村");
			for (int b = 0, nb = gen_int(g, 2, 4); z && b < nb; b++) {
				char bname[256], bshort[160];
				snprintf(bname, sizeof bname, "%s%s党支部", name, numbers[b]);
				snprintf(bshort, sizeof bshort, "%s村%s党支部", vname, numbers[b]);
				add_branch(c, z, bname, bshort, "农村");
			}
		} else {
			snprintf(name, sizeof name, "%s%s村党支部", town, vname);
			snprintf(sname, sizeof sname, "%s村党支部", vname);
			add_branch(c, t, name, sname, "农村");
		}
	}
	static const char *const firms[] = { "电器", "制衣", "家具", "电子", "管桩", "水产", "竹木", "茶业" };
	for (int k = 0, nk = gen_int(g, 1, 3); k < nk; k++) {
		place_name(g, used, &nused, vname);
		snprintf(name, sizeof name, "%s%s社区党支部", town, vname);
		snprintf(sname, sizeof sname, "%s社区党支部", vname);
		add_branch(c, t, name, sname, "社区");
		place_name(g, used, &nused, vname);
		snprintf(name, sizeof name, "%s%s%s有限公司党支部", town, vname, GEN_PICK(g, firms));
		snprintf(sname, sizeof sname, "%s公司党支部", vname);
		add_branch(c, t, name, sname, "非公企业");
	}
	snprintf(name, sizeof name, "%s中心学校党支部", town);
	add_branch(c, t, name, "中心学校党支部", "学校教工");
	snprintf(name, sizeof name, "%s卫生院党支部", town);
	add_branch(c, t, name, "卫生院党支部", "事业单位");
}

struct dept {
	const char *name, *category;
};
static const struct dept depts[] = {
	{ "县教育局", "机关" }, { "县第一中学", "学校教工" }, { "县人民医院", "事业单位" },
	{ "县公安局", "机关" }, { "县财政局", "机关" }, { "县交通运输局", "机关" },
	{ "县农业农村局", "机关" }, { "县供电公司", "国有企业" }, { "县城市投资集团", "国有企业" },
	{ "县职业技术学校", "学校学生" }, { "县卫生健康局", "机关" }, { "县自然资源局", "机关" },
	{ "县市场监督管理局", "机关" }, { "县中医院", "事业单位" }, { "县水务集团", "国有企业" },
	{ "县非公经济组织", "非公企业" }, { "县社会组织", "社会组织" }, { "县住房和城乡建设局", "机关" },
};

static void add_department(struct org_ctx *c, const struct dept *d)
{
	char name[192], sname[128];
	snprintf(name, sizeof name, "%s党委", d->name);
	int64_t t = add_org(c, c->g->root_id, name, NULL, "党委", d->category);
	if (!t)
		return;
	snprintf(name, sizeof name, "%s党总支", d->name);
	int64_t z = add_org(c, t, name, "党总支", "党总支", d->category);
	for (int b = 0, nb = gen_int(c->g, 2, 5); b < nb; b++) {
		snprintf(name, sizeof name, "%s%s党支部", d->name, numbers[b]);
		snprintf(sname, sizeof sname, "%s党支部", numbers[b]);
		add_branch(c, b < 2 && z ? z : t, name, sname, d->category);
	}
}

static void gen_orgs(struct gen *g)
{
	struct org_ctx c = { .g = g };
	c.org = gen_prepare(g, "INSERT INTO org(parent_id, name, name_py, short_name, kind, category,"
	                       " founded_on, founding_doc, secretary, phone, address, created_at)"
	                       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
	c.term = gen_prepare(g, "INSERT INTO org_term(org_id, elected_on, term_years, due_on, created_at)"
	                        " VALUES (?,?,?,?,?)");
	c.liaison = gen_prepare(g, "INSERT INTO liaison(org_id, person, role, from_on, created_at)"
	                           " VALUES (?,?,?,?,?)");
	g->root_id = add_org(&c, 0, "云岭县委", NULL, "党委", "机关");
	char used[64][16], town[16], tname[32];
	int nused = 0;
	for (int i = 0; c.count < g->norgs; i++) {
		if (i % 2 == 1 && i / 2 < (int)(sizeof depts / sizeof *depts)) {
			add_department(&c, &depts[i / 2]);
			continue;
		}
		int before = nused;
		place_name(g, used, &nused, town);
		if (nused > before)
			snprintf(tname, sizeof tname, "%s镇", town);
		else   /* past 64 towns a name may repeat: the number keeps it unique */
			snprintf(tname, sizeof tname, "%s%d镇", town, i);
		add_township(&c, tname);
	}
	sqlite3_finalize(c.org);
	sqlite3_finalize(c.term);
	sqlite3_finalize(c.liaison);
}

/* ---- members ---------------------------------------------------------- */

static char id_check_char(const char *first17)
{
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * weight[i];
	return "10X98765432"[sum % 11];
}

static const char *const regions[] = { "330781", "330782", "330783", "330784", "330702", "330726", "330727", "331081" };
static const char *const jobs[] = { "农民", "村干部", "教师", "医生", "公务员", "企业职工", "个体经营",
                                    "退休", "社区工作者", "技术人员", "学生", "护士", "会计" };

/* Picks a branch by weight: village branches are bigger. */
static int pick_branch(struct gen *g, const int *cum)
{
	int r = gen_int(g, 0, cum[g->nbranches - 1] - 1), lo = 0, hi = g->nbranches - 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (cum[mid] > r)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static const char *education_for(struct gen *g, int age)
{
	static const char *const young[] = { "研究生", "大学本科", "大学本科", "大学专科", "大学专科", "高中", "中专" };
	static const char *const old[] = { "大学专科", "高中", "中专", "初中", "初中", "小学及以下", "小学及以下" };
	return age < 45 ? GEN_PICK(g, young) : GEN_PICK(g, old);
}

/* Status: most are 正常; the rest left with an event (转出, 去世 …). */
static const char *status_for(struct gen *g)
{
	int r = gen_int(g, 0, 999);
	return r < 970 ? "正常" : r < 980 ? "转出" : r < 990 ? "去世" : r < 995 ? "流出" : "失联";
}

static void add_member_event(struct gen *g, sqlite3_stmt *ev, int64_t id, const char *status, int joined)
{
	char on[11];
	gen_date(joined + (g->today - joined) / 2 + gen_int(g, 0, 200) % ((g->today - joined) / 2 + 1), on);
	sqlite3_bind_int64(ev, 1, id);
	gen_text(ev, 2, status);
	gen_text(ev, 3, on);
	gen_text(ev, 4, strcmp(status, "转出") == 0 || strcmp(status, "流出") == 0 ? "杭州市西湖区委组织部" : "");
	gen_text(ev, 5, strcmp(status, "去世") == 0 ? "因病去世" : strcmp(status, "失联") == 0 ? "联系不上超过六个月" : "工作调动");
	gen_text(ev, 6, g->stamp);
	gen_insert(g, ev);
}

static void gen_members(struct gen *g)
{
	sqlite3_stmt *st = gen_prepare(g,
		"INSERT INTO member(org_id, name, name_py, gender, ethnicity, birth_date, id_number, education,"
		" phone, category, joined_on, confirmed_on, job, status, created_at)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	sqlite3_stmt *ev = gen_prepare(g, "INSERT INTO member_event(member_id, type, date, to_org, reason,"
	                                  " created_at) VALUES (?,?,?,?,?,?)");
	int *cum = malloc((size_t)g->nbranches * sizeof *cum);
	for (int b = 0, sum = 0; b < g->nbranches; b++)
		cum[b] = sum += g->branches[b].weight;
	g->members = calloc((size_t)g->nmembers, sizeof *g->members);
	int ty, tm, td;
	gen_date_parts(g->today, &ty, &tm, &td);
	for (int i = 0; i < g->nmembers; i++) {
		struct gen_member *m = &g->members[i];
		m->branch = pick_branch(g, cum);
		gen_person(g, m->name, sizeof m->name);
		char py[32], birth[11], idn[19], phone[12], joined_s[11], confirmed_s[11];
		pinyin_initials_person(m->name, py, sizeof py);
		int male = gen_int(g, 0, 99) < 68;
		int age = gen_int(g, 20, 92);
		int born = gen_days(ty - age, gen_int(g, 1, 12), gen_int(g, 1, 28)) - (age > 20 ? 0 : 400);
		gen_date(born, birth);
		int probation = gen_int(g, 0, 99) < 3;
		int joined = probation ? g->today - gen_int(g, 10, 360)
		                       : born + 18 * 366 + gen_int(g, 0, (g->today - 400) - (born + 18 * 366));
		int jy, jm, jd;
		gen_date_parts(joined, &jy, &jm, &jd);
		gen_ymd(jy, jm, jd > 28 ? 28 : jd, joined_s);
		gen_ymd(jy + 1, jm, jd > 28 ? 28 : jd, confirmed_s);
		const char *status = status_for(g);
		m->active = strcmp(status, "正常") == 0;
		m->retired = age > 60;
		m->farmer = g->branches[m->branch].village && !m->retired;
		mobile(g, phone);
		sqlite3_bind_int64(st, 1, g->branches[m->branch].org_id);
		gen_text(st, 2, m->name);
		gen_text(st, 3, py);
		gen_text(st, 4, male ? "男" : "女");
		gen_text(st, 5, gen_int(g, 0, 99) < 94 ? "汉族" : gen_int(g, 0, 1) ? "畲族" : "回族");
		gen_text(st, 6, birth);
		gen_text(st, 8, education_for(g, age));
		gen_text(st, 9, phone);
		gen_text(st, 10, probation ? "预备党员" : "正式党员");
		gen_text(st, 11, joined_s);
		gen_text(st, 12, probation ? "" : confirmed_s);
		gen_text(st, 13, m->retired ? "退休" : m->farmer ? "农民" : GEN_PICK(g, jobs));
		gen_text(st, 14, status);
		gen_text(st, 15, g->stamp);
		const char *region = GEN_PICK(g, regions);
		do {   /* the 身份证号 is unique: draw the sequence again on a clash */
			char first17[18];
			int seq = gen_int(g, 0, 499) * 2 + male;
			snprintf(first17, sizeof first17, "%s%.4s%.2s%.2s%03d", region, birth, birth + 5, birth + 8, seq);
			snprintf(idn, sizeof idn, "%s%c", first17, id_check_char(first17));
			gen_text(st, 7, idn);
		} while (gen_insert(g, st) != SQLITE_DONE);
		m->id = sqlite3_last_insert_rowid(g->db);
		if (!m->active)
			add_member_event(g, ev, m->id, status, joined);
	}
	free(cum);
	sqlite3_finalize(st);
	sqlite3_finalize(ev);
	/* Group members by branch (counting sort) for meetings and attendance. */
	for (int i = 0; i < g->nmembers; i++)
		g->branches[g->members[i].branch].n++;
	for (int b = 0, at = 0; b < g->nbranches; b++) {
		g->branches[b].first = at;
		at += g->branches[b].n;
		g->branches[b].n = 0;
	}
	g->by_branch = calloc((size_t)g->nmembers + 1, sizeof *g->by_branch);
	for (int i = 0; i < g->nmembers; i++) {
		struct gen_branch *b = &g->branches[g->members[i].branch];
		g->by_branch[b->first + b->n++] = i;
	}
}

/* ---- main ------------------------------------------------------------- */

static void usage(void)
{
	fprintf(stderr, "用法：gen [--seed N] [--orgs N] [--members N] [--meetings N] [--dues-months N]"
	                " [--today YYYY-MM-DD] 输出.db\n");
	exit(2);
}

static int parse_args(struct gen *g, int argc, char **argv, const char **out)
{
	const char *today = getenv("DJ_TODAY");
	*out = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-') {
			*out = a;
			continue;
		}
		if (i + 1 >= argc)
			usage();
		const char *v = argv[++i];
		if (strcmp(a, "--seed") == 0)
			g->rng = strtoull(v, NULL, 10);
		else if (strcmp(a, "--orgs") == 0)
			g->norgs = atoi(v);
		else if (strcmp(a, "--members") == 0)
			g->nmembers = atoi(v);
		else if (strcmp(a, "--meetings") == 0)
			g->nmeetings = atoi(v);
		else if (strcmp(a, "--dues-months") == 0)
			g->dues_months = atoi(v);
		else if (strcmp(a, "--today") == 0)
			today = v;
		else
			usage();
	}
	int y, m, d;
	if (!*out || !today || sscanf(today, "%d-%d-%d", &y, &m, &d) != 3 || g->norgs < 3)
		usage();
	g->today = gen_days(y, m, d);
	gen_ymd(y, m, d, g->stamp);
	strcat(g->stamp, " 09:00:00");
	return 0;
}

static void gen_exec(struct gen *g, const char *sql)
{
	if (sqlite3_exec(g->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "gen: %s\n  in: %s\n", sqlite3_errmsg(g->db), sql);
		exit(1);
	}
}

/* The sums migration 020's triggers keep (教育培训学时), computed once
 * after the rows went in without the triggers. */
static void training_sums(struct gen *g)
{
	gen_exec(g, "DELETE FROM training_sum; DELETE FROM meeting_present;"
	            " INSERT INTO training_sum(member_id, year, hours)"
	            "  SELECT a.member_id, CAST(substr(t.date, 1, 4) AS INTEGER), sum(coalesce(a.hours, t.hours))"
	            "  FROM training_attendee a JOIN training t ON t.id = a.training_id"
	            "  GROUP BY a.member_id, substr(t.date, 1, 4);"
	            " INSERT INTO meeting_present(member_id, year, type, n)"
	            "  SELECT a.member_id, CAST(substr(m.date, 1, 4) AS INTEGER), m.type, count(*)"
	            "  FROM attendance a JOIN meeting m ON m.id = a.meeting_id WHERE a.state = '出席'"
	            "  GROUP BY a.member_id, substr(m.date, 1, 4), m.type");
}

/* The schema's own indexes (not those behind UNIQUE, which the inserts
 * need): dropped while rows go in and built again at the end, which sorts
 * once instead of updating a B-tree at random for every row. */
struct indexes {
	char *sql[64];
	int n;
};

/* Indexes (kind "INDEX") or triggers ("TRIGGER"), kept to be made again
 * once the rows are in: a trigger run per row costs more than its sum
 * computed once at the end. */
static void drop_indexes(struct gen *g, struct indexes *ix, const char *kind)
{
	char *names[64], sql[160];
	snprintf(sql, sizeof sql, "SELECT name, sql FROM sqlite_master WHERE type = lower('%s')"
	         " AND sql IS NOT NULL ORDER BY name", kind);
	sqlite3_stmt *st = gen_prepare(g, sql);
	while (ix->n < 64 && sqlite3_step(st) == SQLITE_ROW) {
		names[ix->n] = strdup((const char *)sqlite3_column_text(st, 0));
		ix->sql[ix->n++] = strdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	for (int i = 0; i < ix->n; i++) {
		snprintf(sql, sizeof sql, "DROP %s \"%s\"", kind, names[i]);
		gen_exec(g, sql);
		free(names[i]);
	}
}

static void create_indexes(struct gen *g, struct indexes *ix)
{
	for (int i = 0; i < ix->n; i++) {
		gen_exec(g, ix->sql[i]);
		free(ix->sql[i]);
	}
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void phase(const struct timespec *t0, const char *what)
{
	if (getenv("GEN_VERBOSE"))
		fprintf(stderr, "gen: %s 完成，%.1f 秒\n", what, seconds_since(t0));
}

int main(int argc, char **argv)
{
	struct gen g = { .rng = 7, .norgs = 2400, .nmembers = 200000, .nmeetings = 50000,
	                 .dues_months = 12 };
	const char *out;
	if (!getenv("DJ_TODAY"))
		setenv("DJ_TODAY", "2026-06-30", 1);
	parse_args(&g, argc, argv, &out);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		char path[4200];
		snprintf(path, sizeof path, "%s%s", out, suffixes[i]);
		unlink(path);
	}
	struct config c;
	config_defaults(&c);
	struct dj_err e;
	if (db_open(&c, out, 1, &g.db, &e)) {
		fprintf(stderr, "gen: %s\n", e.msg);
		return 1;
	}
	/* A generator may lose everything on a crash: nothing to keep safe yet.
	 * Without a journal the pages are written once, not to the WAL and back. */
	gen_exec(&g, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -131072;"
	         " PRAGMA foreign_keys = OFF");   /* every parent is one this program just inserted */
	struct indexes ix = { 0 }, triggers = { 0 };
	drop_indexes(&g, &ix, "INDEX");
	drop_indexes(&g, &triggers, "TRIGGER");
	gen_exec(&g, "BEGIN");
	gen_orgs(&g);
	gen_members(&g);
	phase(&t0, "组织与党员");
	if (gen_has_table(&g, "meeting") && gen_has_table(&g, "attendance"))
		gen_meetings(&g);
	phase(&t0, "会议与签到");
	if (gen_has_table(&g, "dues"))
		gen_dues(&g);
	phase(&t0, "党费");
	if (gen_has_table(&g, "grading_round"))
		gen_grading(&g);
	if (gen_has_table(&g, "honour"))
		gen_honours(&g);
	if (gen_has_table(&g, "dev_case"))
		gen_devcases(&g);
	if (gen_has_table(&g, "dev_step"))
		gen_devsteps(&g);
	phase(&t0, "定级与荣誉");
	if (gen_has_table(&g, "duty_report"))
		gen_reports(&g);
	phase(&t0, "工作汇报");
	if (gen_has_table(&g, "appraise_line"))
		gen_appraisal(&g);
	phase(&t0, "述职评议");
	if (gen_has_table(&g, "eval_line"))
		gen_evaluations(&g);
	phase(&t0, "民主评议党员");
	if (gen_has_table(&g, "plan_task"))
		gen_plans(&g);
	phase(&t0, "工作计划");
	if (gen_has_table(&g, "care_case"))
		gen_care(&g);
	phase(&t0, "关怀帮扶");
	if (gen_has_table(&g, "training_attendee"))
		gen_training(&g);
	phase(&t0, "教育培训");
	gen_exec(&g, "COMMIT");
	create_indexes(&g, &ix);
	create_indexes(&g, &triggers);
	if (gen_has_table(&g, "training_sum"))
		training_sums(&g);
	/* 排序号 and the tree order the ledgers page by, as a save would keep them. */
	if (org_order_rebuild(g.db, &e)) {
		fprintf(stderr, "gen: %s\n", e.msg);
		return 1;
	}
	phase(&t0, "索引");
	gen_exec(&g, "PRAGMA journal_mode = WAL");
	db_close(g.db);
	pinyin_shutdown();
	printf("gen: %s — %d 个组织，%d 个党支部，%d 名党员，共 %ld 行，用时 %.1f 秒\n", out, g.norgs,
	       g.nbranches, g.nmembers, g.rows, seconds_since(&t0));
	free(g.branches);
	free(g.graded);
	free(g.members);
	free(g.by_branch);
	return 0;
}
