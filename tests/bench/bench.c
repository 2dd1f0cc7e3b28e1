/* bench.c — `make bench` (county scale, writes BENCHMARKS.md) and
 * `make bench-smoke` (a township, checks that every measurement measured
 * something real; timings are printed, never asserted).
 *
 *   bench [--smoke] [--program ./dangjian] [--gen build/bench/gen]
 *         [--dir build/bench/work] [--out BENCHMARKS.md] [--notes FILE]
 *         [--only tui|core|import|saves]
 * --only measures one part, on the databases a previous run left in the
 * directory when they are there (for working on one figure; `make bench`
 * never passes it).
 *
 * Built a second time as build/tests/bench-smoke (BENCH_SMOKE defined),
 * which tests/run.sh runs with the other tests: it prints cmocka-style
 * PASSED/FAILED lines. */
#include "bench.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include "core/text.h"

const char *const bench_today = "2026-06-30";

double bench_now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double bench_percentile(double *v, int n, double p)
{
	if (n <= 0)
		return 0;
	double *s = malloc((size_t)n * sizeof *s);
	memcpy(s, v, (size_t)n * sizeof *s);
	qsort(s, (size_t)n, sizeof *s, cmp_double);
	/* Nearest rank: the smallest value with at least p% at or below it. */
	int rank = (int)((p / 100.0) * n + 0.999999);
	rank = rank < 1 ? 1 : rank > n ? n : rank;
	double r = s[rank - 1];
	free(s);
	return r;
}

double bench_median(double *v, int n)
{
	return bench_percentile(v, n, 50);
}

struct figure *bench_fig(struct bench *b, const char *what, const char *target, int verdict,
                         const char *fmt, ...)
{
	static struct figure spare;
	struct figure *f = b->nfig < (int)(sizeof b->fig / sizeof *b->fig) ? &b->fig[b->nfig++] : &spare;
	memset(f, 0, sizeof *f);
	snprintf(f->what, sizeof f->what, "%s", what);
	snprintf(f->target, sizeof f->target, "%s", target);
	f->verdict = verdict;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->value, sizeof f->value, fmt, ap);
	va_end(ap);
	return f;
}

void fig_limit(struct figure *f, double value_ms, double limit_ms, double max_ratio)
{
	(void)max_ratio;
	if (limit_ms <= 0) {
		snprintf(f->limit, sizeof f->limit, "无查询");
		return;
	}
	snprintf(f->limit, sizeof f->limit, "%.3f ms", limit_ms);
	snprintf(f->ratio, sizeof f->ratio, "%.1f×", value_ms / limit_ms);
}

/* A note too long for its buffer ends in "…" after its last whole
 * character: vsnprintf cuts bytes, and half a character in BENCHMARKS.md
 * made the file invalid UTF-8. */
void fig_note(struct figure *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(f->note, sizeof f->note, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof f->note) {
		size_t at = sizeof f->note - sizeof "…";
		while (at > 0 && ((unsigned char)f->note[at] & 0xC0) == 0x80)
			at--;
		snprintf(f->note + at, sizeof f->note - at, "…");
	}
}

int bench_check(struct bench *b, int ok, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	b->checks++;
	if (!ok)
		b->failures++;
	if (b->smoke || !ok)
		printf("[ %s ] %s\n", ok ? "     OK" : "FAILED ", msg);
	return ok;
}

/* ---- the databases --------------------------------------------------------- */

static int run(char *const argv[])
{
	pid_t pid = fork();
	if (pid == 0) {
		execv(argv[0], argv);
		fprintf(stderr, "bench: 无法运行 %s：%s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int status = -1;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int generate(struct bench *b, const char *gen, const char *out, int orgs, int members,
                    int meetings)
{
	char so[16], sm[16], smt[16];
	snprintf(so, sizeof so, "%d", orgs);
	snprintf(sm, sizeof sm, "%d", members);
	snprintf(smt, sizeof smt, "%d", meetings);
	char *argv[] = { (char *)gen, "--today", (char *)bench_today, "--orgs", so, "--members", sm,
	                 "--meetings", smt, (char *)out, NULL };
	(void)b;
	return run(argv);
}

static void write_ini(const char *path, const char *db)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fprintf(f, "[database]\npath = %s\n\n[unit]\nname = 云岭县委组织部\n\n[ui]\ncolours = off\n", db);
		fclose(f);
	}
}

static long long db_count(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

/* ---- the table ---------------------------------------------------------------- */

static const char *verdict_text(int v)
{
	return v == 1 ? "达标" : v == 0 ? "未达标" : "—";
}

/* Pads s to cols terminal columns (CJK counts two). */
static void put_cell(FILE *out, const char *s, int cols)
{
	int w = utf8_cols(s);
	fputs(s, out);
	for (; w < cols; w++)
		fputc(' ', out);
}

static void print_table(const struct bench *b, FILE *out)
{
	fputs("项目                                      实测                          裸查询/对照     比值        目标                    结论\n", out);
	for (int i = 0; i < b->nfig; i++) {
		const struct figure *f = &b->fig[i];
		put_cell(out, f->what, 42);
		put_cell(out, f->value, 30);
		put_cell(out, f->limit, 16);
		put_cell(out, f->ratio, 12);
		put_cell(out, f->target, 24);
		fprintf(out, "%s\n", verdict_text(f->verdict));
	}
}

static void read_first(const char *path, const char *key, char *out, size_t cap)
{
	char line[512];
	FILE *f = fopen(path, "r");
	snprintf(out, cap, "?");
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, key, strlen(key)) == 0) {
			char *v = strchr(line, ':');
			v = v ? v + 1 : line + strlen(key);
			while (*v == ' ' || *v == '\t')
				v++;
			v[strcspn(v, "\n")] = 0;
			snprintf(out, cap, "%s", v);
			break;
		}
	if (f)
		fclose(f);
}

static void machine(char *out, size_t cap)
{
	char cpu[256], mem[64];
	struct utsname u;
	uname(&u);
	read_first("/proc/cpuinfo", "model name", cpu, sizeof cpu);
	read_first("/proc/meminfo", "MemTotal", mem, sizeof mem);
	snprintf(out, cap, "%ld 核（nproc），CPU：%s，内存：%s，%s %s，SQLite %s",
	         sysconf(_SC_NPROCESSORS_ONLN), cpu, mem, u.sysname, u.release, sqlite3_libversion());
}

static void write_markdown(const struct bench *b, const char *path, const char *notes)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "bench: 无法写 %s：%s\n", path, strerror(errno));
		return;
	}
	char when[64], mach[512];
	time_t now = time(NULL);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime(&now));
	machine(mach, sizeof mach);
	fprintf(f, "# 性能基准（`make bench`）\n\n");
	fprintf(f, "本文件由 `make bench` 生成，下面的数字就是该命令打印的结果。\n\n");
	fprintf(f, "- 日期：%s\n- 机器：%s\n", when, mach);
	fprintf(f, "- 数据库：`tests/bench/gen.c` 生成（种子 7，今天 = %s）：%lld 个党组织（%lld 个党支部），"
	           "%lld 名党员，%lld 次会议、%lld 条签到，%lld 条党费记录；文件 %.0f MB，生成用时 %.1f 秒。"
	           "对照库：%lld 名党员。\n",
	        bench_today, db_count(b->county, "SELECT count(*) FROM org"),
	        db_count(b->county, "SELECT count(*) FROM org WHERE kind = '党支部'"),
	        db_count(b->county, "SELECT count(*) FROM member"),
	        db_count(b->county, "SELECT count(*) FROM sqlite_master WHERE name = 'meeting'") > 0
	                ? db_count(b->county, "SELECT count(*) FROM meeting") : 0,
	        db_count(b->county, "SELECT count(*) FROM sqlite_master WHERE name = 'attendance'") > 0
	                ? db_count(b->county, "SELECT count(*) FROM attendance") : 0,
	        db_count(b->county, "SELECT count(*) FROM sqlite_master WHERE name = 'dues'") > 0
	                ? db_count(b->county, "SELECT count(*) FROM dues") : 0,
	        (double)db_count(b->county, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size") / 1e6,
	        b->gen_seconds, db_count(b->township, "SELECT count(*) FROM member"));
	fprintf(f, "- 程序：`./dangjian`（-O2），在伪终端里以 80x24、zh_CN.UTF-8 运行（tests/e2e/vt.c + libvterm）。\n");
	fprintf(f, "- 重现：`make bench`（约需数分钟；数据库在 build/bench/work/）。\n\n");
	fprintf(f, "按键时间：从写入按键到程序输出最后一个字节（其后 %d ms 无输出即算画完）。"
	           "裸查询：台账的行源在进程内按网格的方式取数，记下它执行的每条 SQL（含绑定值），"
	           "再在一个普通 SQLite 连接上单独运行，取中位数——这是屏幕不可能低于的下限。\n\n", 30);
	fprintf(f, "| 项目 | 实测 | 裸查询/对照 | 比值 | 目标 | 结论 | 说明 |\n|---|---|---|---|---|---|---|\n");
	for (int i = 0; i < b->nfig; i++) {
		const struct figure *g = &b->fig[i];
		fprintf(f, "| %s | %s | %s | %s | %s | %s | %s |\n", g->what, g->value, g->limit, g->ratio,
		        g->target, verdict_text(g->verdict), g->note);
	}
	FILE *n = notes ? fopen(notes, "r") : NULL;
	if (n) {
		char buf[4096];
		size_t k;
		fputc('\n', f);
		while ((k = fread(buf, 1, sizeof buf, n)) > 0)
			fwrite(buf, 1, k, f);
		fclose(n);
	}
	fclose(f);
}

/* ---- main -------------------------------------------------------------------------- */

static void usage(void)
{
	fprintf(stderr, "用法：bench [--smoke] [--program ./dangjian] [--gen build/bench/gen] [--dir 目录]"
	                " [--out BENCHMARKS.md] [--notes 说明.md] [--only tui|core|import|saves]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static struct bench b;
	const char *gen = "build/bench/gen", *out = NULL, *notes = NULL, *dir = NULL, *only = NULL;
	b.program = "./dangjian";
#ifdef BENCH_SMOKE
	b.smoke = 1;
#endif
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--smoke") == 0)
			b.smoke = 1;
		else if (i + 1 >= argc)
			usage();
		else if (strcmp(argv[i], "--program") == 0)
			b.program = argv[++i];
		else if (strcmp(argv[i], "--gen") == 0)
			gen = argv[++i];
		else if (strcmp(argv[i], "--dir") == 0)
			dir = argv[++i];
		else if (strcmp(argv[i], "--out") == 0)
			out = argv[++i];
		else if (strcmp(argv[i], "--notes") == 0)
			notes = argv[++i];
		else if (strcmp(argv[i], "--only") == 0)
			only = argv[++i];
		else
			usage();
	}
	setenv("DJ_TODAY", bench_today, 1);
	snprintf(b.dir, sizeof b.dir, "%s", dir ? dir : b.smoke ? "build/bench/smoke" : "build/bench/work");
	mkdir("build", 0755);
	mkdir("build/bench", 0755);
	mkdir(b.dir, 0755);
	b.orgs = b.smoke ? 50 : 2400;
	b.members = b.smoke ? 2000 : 200000;
	b.meetings = b.smoke ? 500 : 50000;
	b.small_members = b.smoke ? 300 : 1000;
	b.reps = 120;
	snprintf(b.county, sizeof b.county, "%s/county.db", b.dir);
	snprintf(b.township, sizeof b.township, "%s/township.db", b.dir);
	snprintf(b.ini, sizeof b.ini, "%s/county.ini", b.dir);
	snprintf(b.township_ini, sizeof b.township_ini, "%s/township.ini", b.dir);
	write_ini(b.ini, b.county);
	write_ini(b.township_ini, b.township);

	if (!only || access(b.county, R_OK) != 0 || access(b.township, R_OK) != 0) {
		double t0 = bench_now_ms();
		int rc = generate(&b, gen, b.county, b.orgs, b.members, b.meetings);
		b.gen_seconds = (bench_now_ms() - t0) / 1000;
		bench_check(&b, rc == 0, "生成县级数据库（%d 个组织，%d 名党员）", b.orgs, b.members);
		rc = generate(&b, gen, b.township, b.smoke ? 20 : 60, b.small_members, b.smoke ? 50 : 300);
		bench_check(&b, rc == 0, "生成对照数据库（%d 名党员）", b.small_members);
		if (b.failures)
			goto done;
		struct figure *f = bench_fig(&b, "生成县级数据库", "< 60 s", b.gen_seconds < 60, "%.1f s",
		                             b.gen_seconds);
		fig_note(f, "%d 个组织，%d 名党员，%d 次会议", b.orgs, b.members, b.meetings);
	}

	static const struct { const char *name; void (*run)(struct bench *); } parts[] = {
		{ "tui", bench_tui }, { "core", bench_core }, { "import", bench_import },
		{ "saves", bench_saves },
	};
	int ran = 0;
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		if (!only || strcmp(only, parts[i].name) == 0) {
			parts[i].run(&b);
			ran++;
		}
	if (!ran)
		usage();

	print_table(&b, stdout);
	if (out)
		write_markdown(&b, out, notes);
done:
	if (b.smoke) {
		int passed = b.checks - b.failures;
		printf("[==========] bench-smoke: %d check(s) run.\n", b.checks);
		printf("[  PASSED  ] %d test(s).\n", passed);
		if (b.failures)
			printf("[  FAILED  ] %d test(s), listed above.\n", b.failures);
	}
	return b.failures ? 1 : 0;
}
