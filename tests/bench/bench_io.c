/* bench_io.c — importing the county's members from CSV through the program
 * (`dangjian import members`) beside `sqlite3 .import` of the same file;
 * and 20 processes saving members at once through the domain save path
 * (BEGIN IMMEDIATE, version check, audit), each save timed. */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/config.h"
#include "core/db.h"
#include "core/session.h"
#include "org/org.h"
#include "member/member.h"

/* Runs argv with stdout and stderr into log; returns the exit status, the
 * wall time in *ms and, when maxrss_kb is not NULL, the child's peak
 * resident memory (getrusage's ru_maxrss, KB, from wait4). */
static int run_measured(char *const argv[], const char *log, double *ms, long *maxrss_kb)
{
	double t0 = bench_now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "无法运行 %s：%s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int status = -1;
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	while (pid > 0 && wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
		;
	*ms = bench_now_ms() - t0;
	if (maxrss_kb)
		*maxrss_kb = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int run_timed(char *const argv[], const char *log, double *ms)
{
	return run_measured(argv, log, ms, NULL);
}

/* ---- how long another writer is kept out ---------------------------------------- */

/* A process that tries BEGIN IMMEDIATE on db every 2 ms without waiting
 * (busy_timeout 0), as another operator's save would, and measures the
 * longest stretch the write lock was someone else's. */
struct lock_probe {
	pid_t pid;
	int fd;
};

static volatile sig_atomic_t probe_done;

static void probe_stop_flag(int sig)
{
	(void)sig;
	probe_done = 1;
}

static void probe_run(const char *db, int out)
{
	sqlite3 *c;
	signal(SIGTERM, probe_stop_flag);
	double longest = 0, since = 0;
	long tries = 0;
	if (sqlite3_open_v2(db, &c, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		_exit(1);
	sqlite3_busy_timeout(c, 0);
	while (!probe_done) {
		int rc = sqlite3_exec(c, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		double now = bench_now_ms();
		tries++;
		if (rc == SQLITE_OK) {
			sqlite3_exec(c, "ROLLBACK", NULL, NULL, NULL);
			if (since > 0 && now - since > longest)
				longest = now - since;
			since = 0;
		} else if (since == 0) {
			since = now;
		}
		usleep(2000);
	}
	if (since > 0 && bench_now_ms() - since > longest)
		longest = bench_now_ms() - since;
	double res[2] = { longest, (double)tries };
	if (write(out, res, sizeof res) < 0)
		_exit(2);
	sqlite3_close(c);
	_exit(0);
}

static int probe_start(struct lock_probe *p, const char *db)
{
	int fds[2];
	if (pipe(fds))
		return -1;
	p->pid = fork();
	if (p->pid == 0) {
		close(fds[0]);
		probe_run(db, fds[1]);
	}
	close(fds[1]);
	p->fd = fds[0];
	usleep(20000);   /* its first try is in before the import starts */
	return p->pid > 0 ? 0 : -1;
}

/* The longest hold in ms, and in *tries how often it tried (-1: it failed). */
static double probe_stop(struct lock_probe *p, long *tries)
{
	double res[2] = { -1, -1 };
	kill(p->pid, SIGTERM);
	if (read(p->fd, res, sizeof res) != sizeof res)
		res[0] = res[1] = -1;
	close(p->fd);
	waitpid(p->pid, NULL, 0);
	*tries = (long)res[1];
	return res[0];
}

static int file_has(const char *path, const char *text)
{
	char line[1024];
	int found = 0;
	FILE *f = fopen(path, "r");
	while (f && !found && fgets(line, sizeof line, f))
		found = strstr(line, text) != NULL;
	if (f)
		fclose(f);
	return found;
}

static void csv_field(FILE *f, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

/* The county's active members as an office's roster, with the headers of
 * the member import.  Returns the number of rows, or -1. */
static long write_roster(const char *db_path, const char *csv)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	FILE *f = fopen(csv, "w");
	if (!f || sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	static const char *const headers[] = { "姓名", "性别", "民族", "出生日期", "身份证号", "学历",
	                                       "人员类别", "入党日期", "转正日期", "所在党组织",
	                                       "联系电话", "工作岗位" };
	enum { N = sizeof headers / sizeof *headers };
	for (int i = 0; i < N; i++)
		csv_field(f, headers[i], i == N - 1);
	long rows = -1;
	if (sqlite3_prepare_v2(db, "SELECT m.name, m.gender, m.ethnicity, m.birth_date, m.id_number,"
	                           " m.education, m.category, m.joined_on, coalesce(m.confirmed_on, ''),"
	                           " o.name, m.phone, m.job FROM member m JOIN org o ON o.id = m.org_id"
	                           " WHERE m.status = '正常' ORDER BY m.id", -1, &st, NULL) == SQLITE_OK) {
		rows = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int i = 0; i < N; i++) {
				const char *v = (const char *)sqlite3_column_text(st, i);
				csv_field(f, v ? v : "", i == N - 1);
			}
			rows++;
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	fclose(f);
	return rows;
}

static long long count_members(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM member", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return n;
}

static long long count_members_in(struct bench *b, const char *name)
{
	char path[400];
	snprintf(path, sizeof path, "%s/%s", b->dir, name);
	return count_members(path);
}

/* The same file stored with SQL alone into the same tables: .import into a
 * scratch table, then in one transaction one INSERT … SELECT into member
 * (its five indexes; the branch found by name) and one into audit_log (a
 * JSON entry per member as the program writes, its three indexes), with the
 * import's 64 MB page cache.  Nothing is checked and no pinyin computed:
 * what SQLite itself needs to store what the import stores.  The log's
 * append-only trigger goes first: it wants each entry's HMAC (migration
 * 009), which only the program computes. */
static const char sql_only[] =
	"PRAGMA cache_size=-65536;\n"
	"DROP TRIGGER audit_log_append_only;\n"
	".import --csv %s t\n"
	"BEGIN IMMEDIATE;\n"
	"INSERT INTO member(org_id, name, name_py, gender, ethnicity, birth_date, id_number,"
	" education, phone, category, joined_on, confirmed_on, job, status, updated_by)"
	" SELECT o.id, t.姓名, '', t.性别, t.民族, t.出生日期, t.身份证号, t.学历, t.联系电话,"
	" t.人员类别, t.入党日期, nullif(t.转正日期, ''), t.工作岗位, '正常', 'bench'"
	" FROM t JOIN org o ON o.name = t.所在党组织;\n"
	"INSERT INTO audit_log(login, tbl, row_id, action, new_json)"
	" SELECT 'bench', 'member', m.id, '新增', json_object('所在支部', o.name, '姓名', m.name,"
	" '性别', m.gender, '民族', m.ethnicity, '出生日期', m.birth_date, '身份证号', m.id_number,"
	" '学历', m.education, '联系电话', m.phone, '人员类别', m.category, '入党日期', m.joined_on,"
	" '转正日期', m.confirmed_on, '延长预备期', '', '工作岗位', m.job, '状态', m.status, '备注', '')"
	" FROM member m JOIN org o ON o.id = m.org_id;\n"
	"COMMIT;\n";

/* Times sql_only on a fresh copy of the organizations (gen: the generator's
 * argv for them, its output path at [9]); returns its exit status, *ms its
 * time. */
static int import_sql_only(struct bench *b, char *const gen[], const char *csv, const char *log,
                           double *ms)
{
	char db[400], script[400], read_cmd[420];
	snprintf(db, sizeof db, "%s/sql-only.db", b->dir);
	snprintf(script, sizeof script, "%s/sql-only.sql", b->dir);
	unlink(db);
	char *const gen_here[] = { gen[0], gen[1], gen[2], gen[3], gen[4], gen[5], gen[6], gen[7],
	                           gen[8], db, NULL };
	FILE *f = fopen(script, "w");
	if (!f)
		return -1;
	fprintf(f, sql_only, csv);
	fclose(f);
	int rc = run_timed(gen_here, log, ms);
	snprintf(read_cmd, sizeof read_cmd, ".read %s", script);
	char *sqlite[] = { "sqlite3", db, read_cmd, NULL };
	if (rc == 0)
		rc = run_timed(sqlite, log, ms);
	return rc;
}

void bench_import(struct bench *b)
{
	char log[400], csv[400], orgs_db[400], orgs_ini[400], plain_db[400];
	snprintf(log, sizeof log, "%s/import.log", b->dir);
	snprintf(csv, sizeof csv, "%s/members.csv", b->dir);
	snprintf(orgs_db, sizeof orgs_db, "%s/import.db", b->dir);
	snprintf(orgs_ini, sizeof orgs_ini, "%s/import.ini", b->dir);
	snprintf(plain_db, sizeof plain_db, "%s/plain.db", b->dir);
	/* Every run names its configuration: the work folder has no
	 * dangjian.ini, and without --config an installed /etc/dangjian's
	 * database would be measured. */
	FILE *ini = fopen(orgs_ini, "w");
	if (ini) {
		fprintf(ini, "[database]\npath = %s\n", orgs_db);
		fclose(ini);
	}
	char *probe[] = { (char *)b->program, "--config", orgs_ini, "import", NULL };
	double ms;
	run_timed(probe, log, &ms);
	if (!file_has(log, "members")) {
		bench_fig(b, "导入党员 CSV", "≤ 10 s 且 ≤ 5× .import", -1, "待 `dangjian import members`（issue 3）");
		return;
	}
	long rows = write_roster(b->county, csv);
	/* The same organizations with no members: the generator with the same
	 * seed draws the tree first, so the tree is identical. */
	char so[16];
	snprintf(so, sizeof so, "%d", b->orgs);
	char *gen[] = { "build/bench/gen", "--today", (char *)bench_today, "--orgs", so, "--members", "0",
	                "--meetings", "0", orgs_db, NULL };
	int rc = run_timed(gen, log, &ms);
	char *imp[] = { (char *)b->program, "--config", orgs_ini, "import", "members", csv, NULL };
	double ours_ms = 0, held_ms = -1;
	long rss_kb = 0, tries = 0;
	struct lock_probe lp;
	if (rc == 0 && probe_start(&lp, orgs_db) == 0) {
		rc = run_measured(imp, log, &ours_ms, &rss_kb);
		held_ms = probe_stop(&lp, &tries);
	}
	long long got = count_members(orgs_db);
	if (!bench_check(b, rc == 0 && got == rows, "导入 %ld 行党员：退出码 %d，库中 %lld 人（日志 %s）", rows, rc,
	                 got, log))
		return;
	struct stat cs;
	double file_mb = stat(csv, &cs) == 0 ? (double)cs.st_size / (1 << 20) : 0;
	/* a real figure: the child's own peak, at least what the program and
	 * SQLite take to start, not a timing or a zero */
	bench_check(b, rss_kb > 2048 && rss_kb < 64L << 20, "导入的峰值内存是实测值（ru_maxrss %ld KB）", rss_kb);
	struct figure *mf = bench_fig(b, "导入党员 CSV：峰值内存", "≤ 256 MB，不随文件增长", rss_kb <= 256 * 1024,
	                              "%.1f MB", rss_kb / 1024.0);
	snprintf(mf->limit, sizeof mf->limit, "文件 %.1f MB", file_mb);
	snprintf(mf->ratio, sizeof mf->ratio, "%.1f×", file_mb > 0 ? rss_kb / 1024.0 / file_mb : 0);
	fig_note(mf, "dangjian import members 进程的 ru_maxrss（wait4）：逐块读文件，核对过的行紧凑地暂存在内存"
	             "（约为文件大小），另有导入时 64 MB 的页缓存；比值为对文件大小");
	bench_check(b, tries > 10 && held_ms >= 0, "写锁探测进程尝试了 %ld 次", tries);
	struct figure *lf = bench_fig(b, "导入党员 CSV：写锁最长占用", "< busy_timeout 5 s",
	                              held_ms >= 0 && held_ms < 5000, "%.2f s", held_ms / 1000);
	snprintf(lf->limit, sizeof lf->limit, "导入共 %.2f s", ours_ms / 1000);
	snprintf(lf->ratio, sizeof lf->ratio, "%.0f%%", ours_ms > 0 ? 100 * held_ms / ours_ms : 0);
	fig_note(lf, "另一进程每 2 ms 不等待地试 BEGIN IMMEDIATE，连续被拒的最长时间：别的操作员此时保存要等这么久。"
	             "导入先在写事务外读完、校验全部行，写事务只插入行和日志");
	unlink(plain_db);
	char cmd[600];
	snprintf(cmd, sizeof cmd, ".import --csv %s t", csv);
	char *plain[] = { "sqlite3", plain_db, cmd, NULL };
	double plain_ms = 0;
	rc = run_timed(plain, log, &plain_ms);
	bench_check(b, rc == 0, "sqlite3 .import 同一文件：退出码 %d", rc);
	struct figure *f = bench_fig(b, "", "≤ 10 s 且 ≤ 5× .import", -1, "%.2f s", ours_ms / 1000);
	snprintf(f->what, sizeof f->what, "导入党员 CSV（%ld 行）", rows);
	snprintf(f->limit, sizeof f->limit, "%.2f s", plain_ms / 1000);
	snprintf(f->ratio, sizeof f->ratio, "%.1f×", ours_ms / plain_ms);
	f->verdict = ours_ms <= 10000 && ours_ms <= 5 * plain_ms;
	fig_note(f, "dangjian import members（校验每一行、拼音首字母、写日志、一个事务）对 sqlite3 .import 到无索引的空表");
	double sql_ms = 0;
	rc = import_sql_only(b, gen, csv, log, &sql_ms);
	if (!bench_check(b, rc == 0 && count_members_in(b, "sql-only.db") == rows,
	                 "只用 SQL 装入同一文件：退出码 %d（日志 %s）", rc, log))
		return;
	f = bench_fig(b, "导入党员 CSV：只用 SQL 装入同样的表", "", -1, "%.2f s", sql_ms / 1000);
	snprintf(f->ratio, sizeof f->ratio, "%.1f×", ours_ms / sql_ms);
	fig_note(f, "同一文件 .import 后一条 INSERT…SELECT 写入 member（五个索引）、一条写入操作日志（每人一条"
	            " JSON），一个事务，不校验、不算拼音：SQLite 存下同样内容本身的用时；比值为导入对它");
}

/* ---- 20 processes saving at once ------------------------------------------------ */

enum { WRITERS = 20 };

/* One save of member (or organization) number k of writer nth; its time in
 * ms, or -1 when it failed. */
static double save_one(struct session *s, int64_t first, int nth, int k, int saves)
{
	struct dj_err e;
	double t0;
	int rc;
	struct member m;
	int64_t id = first + (int64_t)(nth * (saves + 1) + k) * 7;
	while (member_load(s, id, &m, &e) || strcmp(m.status, "正常") != 0)
		id++;
	snprintf(m.phone, sizeof m.phone, "139%08d", nth * 1000 + k);
	t0 = bench_now_ms();
	rc = member_save(s, &m, 0, &e);
	if (rc) {
		fprintf(stderr, "bench: 第 %d 个进程保存失败：%s\n", nth, e.msg);
		return -1;
	}
	return bench_now_ms() - t0;
}

/* One writer: waits for its turn (a byte on `turn`), makes its first save
 * (which opens ICU's transliterator for the pinyin initials, once per
 * process) and reports it; waits at the gate; then saves its own members
 * one by one, writing each save's time (ms, as double) to out. */
static void writer(struct bench *b, int nth, int saves, int turn, int gate, int out)
{
	struct config c;
	config_defaults(&c);
	struct session s = { .cfg = &c };
	struct dj_err e;
	char why[256], buf;
	if (db_open(&c, b->county, 0, &s.db, &e) || session_identify(&s, why, sizeof why))
		_exit(3);
	int64_t first = db_int(s.db, "SELECT min(id) FROM member WHERE status = '正常'", -1, 1);
	if (read(turn, &buf, 1) != 1)
		_exit(4);
	double t = save_one(&s, first, nth, saves, saves);
	if (write(out, &t, sizeof t) < 0 || read(gate, &buf, 1) < 0)
		_exit(4);
	for (int i = 0; i < saves; i++) {
		t = save_one(&s, first, nth, i, saves);
		if (write(out, &t, sizeof t) < 0)
			_exit(5);
	}
	db_close(s.db);
	_exit(0);
}

void bench_saves(struct bench *b)
{
	int saves = b->smoke ? 10 : 100;
	int turn[2], gate[2], results[2];
	if (pipe(turn) || pipe(gate) || pipe(results))
		return;
	pid_t pids[WRITERS];
	for (int i = 0; i < WRITERS; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			close(turn[1]);
			close(gate[1]);
			close(results[0]);
			writer(b, i, saves, turn[0], gate[0], results[1]);
		}
	}
	close(turn[0]);
	close(gate[0]);
	close(results[1]);
	/* Every writer's first save, one after another: a byte on `turn` lets
	 * one go, the next only after its result is in (the gate is shut). */
	double firsts[WRITERS], v;
	int nfirst = 0, failed = 0;
	while (nfirst < WRITERS && write(turn[1], "x", 1) == 1 &&
	       read(results[0], &v, sizeof v) == sizeof v)
		if (v < 0)
			failed++, nfirst++;
		else
			firsts[nfirst++] = v;
	close(turn[1]);
	double t0 = bench_now_ms();
	close(gate[1]);   /* all go at once */
	double *lat = calloc((size_t)WRITERS * (size_t)saves, sizeof *lat);
	int n = 0;
	while (read(results[0], &v, sizeof v) == sizeof v)
		if (v < 0)
			failed++;
		else if (n < WRITERS * saves)
			lat[n++] = v;
	double wall = bench_now_ms() - t0;
	close(results[0]);
	for (int i = 0; i < WRITERS; i++)
		waitpid(pids[i], NULL, 0);
	bench_check(b, n == WRITERS * saves && failed == 0 && nfirst == WRITERS, "%d 个进程各保存 %d 次：成功 %d，失败 %d", WRITERS,
	            saves, n, failed);
	if (n == 0)
		return;
	double p99 = bench_percentile(lat, n, 99);
	struct figure *f = bench_fig(b, "20 个进程同时保存：第 99 百分位", "≤ 50 ms", p99 <= 50, "%.1f ms", p99);
	snprintf(f->ratio, sizeof f->ratio, "%.2f × 目标", p99 / 50);
	fig_note(f, "%s，每次 BEGIN IMMEDIATE、版本检查、审计；中位 %.1f ms，最慢 %.1f ms",
	         "member_save",
	         bench_median(lat, n), bench_percentile(lat, n, 100));
	f = bench_fig(b, "20 个进程同时保存：吞吐", "", -1, "%.0f 次/秒", n / (wall / 1000));
	fig_note(f, "%d 次保存用时 %.2f 秒（synchronous=NORMAL，WAL）", n, wall / 1000);
	double first = bench_median(firsts, nfirst - failed > 0 ? nfirst - failed : 0);
	f = bench_fig(b, "每个进程的第一次保存", "", -1, "%.1f ms", first);
	fig_note(f, "20 个进程各一次、依次进行、不计入上面的百分位：首次计算拼音首字母时打开 ICU 的"
	            " Han-Latin/Names 转写器，每个进程一次");
	free(lat);
}
