/* bench_tui.c — the real program in a pseudo-terminal at 80x24 (the e2e
 * harness, tests/e2e/vt.h): time to the first screen, time and bytes per
 * key in the ledgers, whole-screen repaints, and peak memory after paging
 * through a whole ledger.
 *
 * A key's time runs from writing it to the last byte of the program's
 * answer: the output is polled every 0.1 ms and a frame counts as complete
 * once nothing more came for QUIET_MS. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vt.h"

#define QUIET_MS 30.0
#define ANSWER_MS 3000.0   /* longest wait for the first byte of an answer */
#define ROWS 24
#define COLS 80
#define STATUS_ROW 21
#define FIND_PROMPT "名称或拼音首字母"   /* the grid's F7 dialog */
#define GRID_TOP 3     /* first row a ledger grid may start on */

struct vt *bench_start(struct bench *b, const char *ini, const char *log);

/* Pumps until the program answered and then was quiet for quiet_ms;
 * returns the time from t0 to the last byte (0 when nothing came within
 * ANSWER_MS: a key that changes nothing on the screen). */
static double settle(struct vt *vt, double t0, double quiet_ms)
{
	double last = t0;
	int answered = 0;
	for (;;) {
		long n = vt_pump(vt, 0);
		double t = bench_now_ms();
		if (n > 0) {
			last = t;
			answered = 1;
		} else if (n < 0 || (answered && t - last >= quiet_ms) || (!answered && t - t0 > ANSWER_MS)) {
			return last - t0;
		} else {
			usleep(100);
		}
	}
}

/* Takes in the rest of what the program is writing, until quiet_ms pass
 * without output (after a wait that already saw the answer begin). */
static void drain(struct vt *vt, double quiet_ms)
{
	double last = bench_now_ms();
	for (;;) {
		long n = vt_pump(vt, 0);
		double t = bench_now_ms();
		if (n > 0)
			last = t;
		else if (n < 0 || t - last >= quiet_ms)
			return;
		else
			usleep(100);
	}
}

/* Pumps until `text` is on the screen and nothing more came for quiet_ms;
 * returns the time from t0 to the last byte, or -1 when it never showed. */
static double until_drawn(struct vt *vt, double t0, const char *text, double quiet_ms)
{
	double last = t0;
	int seen = 0;
	for (;;) {
		long n = vt_pump(vt, 0);
		double t = bench_now_ms();
		if (n > 0) {
			last = t;
			seen = seen || vt_row_of(vt, text) >= 0;
		} else if (n < 0 || t - t0 > 20000 || (seen && t - last >= quiet_ms)) {
			return seen ? last - t0 : -1;
		} else {
			usleep(100);
		}
	}
}

/* The program with its own config and DJ_TODAY, or under script(1) writing
 * every byte it prints to `log` (for the repaint check). */
struct vt *bench_start(struct bench *b, const char *ini, const char *log)
{
	static char today[40];
	snprintf(today, sizeof today, "DJ_TODAY=%s", bench_today);
	char *env[] = { today, NULL };
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s --config %s", b->program, ini);
	char *direct[] = { (char *)b->program, "--config", (char *)ini, NULL };
	char *wrapped[] = { "script", "-q", "-f", "-e", "-c", cmd, (char *)log, NULL };
	return vt_spawn(ROWS, COLS, "zh_CN.UTF-8", log ? wrapped : direct, env);
}

/* "共 N 条  第 M 条" on the status row: N and M (-1 when absent). */
static void status_numbers(struct vt *vt, long *count, long *ord)
{
	char row[512];
	vt_row(vt, STATUS_ROW, row, sizeof row);
	const char *c = strstr(row, "共 "), *o = strstr(row, "第 ");
	*count = c ? strtol(c + strlen("共 "), NULL, 10) : -1;
	*ord = o ? strtol(o + strlen("第 "), NULL, 10) : -1;
}

/* Opens the main-menu entry labelled `label` by its hotkey ("2. 组织台账"). */
static int open_entry(struct vt *vt, const char *label)
{
	int r = vt_row_of(vt, label);
	if (r < 0)
		return -1;
	int c = vt_col_of(vt, r, label);
	char row[512], key[2] = { 0 };
	vt_row(vt, r, row, sizeof row);
	/* The hotkey sits three columns before the label; rows are ASCII up to it. */
	if (c < 3 || (size_t)c - 3 >= strlen(row))
		return -1;
	key[0] = row[c - 3];
	vt_type(vt, key);
	return 0;
}

/* The main menu of a freshly started program (waits for it). */
static struct vt *start_at_menu(struct bench *b, const char *ini, const char *log)
{
	struct vt *vt = bench_start(b, ini, log);
	if (!vt)
		return NULL;
	if (!vt_wait_text(vt, "退出系统", 20000)) {
		vt_dump(vt, stderr);
		vt_free(vt);
		return NULL;
	}
	drain(vt, 100);
	return vt;
}

/* Walks a menu path from the main menu ("\n" presses Enter) and waits for
 * `done` on the screen; returns the time from the last key to the last byte
 * of the screen it opened, or -1. */
static double open_path(struct vt *vt, const char *const *path, const char *done)
{
	double ms = -1;
	for (int i = 0; path[i]; i++) {
		double t0 = bench_now_ms();
		if (strcmp(path[i], "\n") == 0)
			vt_key(vt, VT_KEY_ENTER);
		else if (open_entry(vt, path[i]))
			return -1;
		const char *want = path[i + 1] && strcmp(path[i + 1], "\n") ? path[i + 1] : path[i + 1] ? NULL : done;
		if (!want) {   /* Enter comes next: the list it acts on must be drawn */
			settle(vt, t0, 300);
			continue;
		}
		ms = until_drawn(vt, t0, want, path[i + 1] ? 100 : QUIET_MS);
		if (ms < 0) {
			vt_dump(vt, stderr);
			return -1;
		}
	}
	return ms;
}

/* Opens a ledger; returns 0 when its status line shows. */
static int open_ledger(struct vt *vt, const char *const *path)
{
	if (open_path(vt, path, "共 ") < 0)
		return -1;
	drain(vt, 100);
	return 0;
}

static void quit(struct vt *vt)
{
	vt_key(vt, VT_KEY_F10);
	if (vt_wait_text(vt, "退出系统？", 5000)) {
		vt_key(vt, VT_KEY_ENTER);
		vt_wait_exit(vt, 5000, NULL);
	}
	vt_free(vt);
}

/* ---- time to the first screen ------------------------------------------ */

static void first_screen(struct bench *b)
{
	double t[7];
	int n = b->smoke ? 2 : 7, got = 0;
	vt_locales_ready();
	for (int i = 0; i < n; i++) {
		double t0 = bench_now_ms();
		struct vt *vt = bench_start(b, b->ini, NULL);
		if (!vt)
			break;
		double ms = until_drawn(vt, t0, "退出系统", 150);
		if (ms > 0)
			t[got++] = ms;
		quit(vt);
	}
	bench_check(b, got == n, "首屏：程序启动 %d 次，主菜单出现 %d 次", n, got);
	if (!got)
		return;
	double med = bench_median(t, got);
	struct figure *f = bench_fig(b, "首屏（启动到主菜单画完）", "≤ 50 ms", med <= 50, "%.1f ms", med);
	snprintf(f->ratio, sizeof f->ratio, "%.2f × 目标", med / 50);
	fig_note(f, "%d 次中位数，含 fork/exec、打开数据库、检查迁移", got);
}

/* ---- keys in a ledger ---------------------------------------------------- */

struct key_run {
	double ms[400];
	unsigned long bytes[400];
	int n;
	int moved;       /* runs where the selection moved as the key says */
};

static void time_key(struct vt *vt, enum vt_keyname k, struct key_run *r)
{
	vt_bytes_mark(vt);
	double t0 = bench_now_ms();
	vt_key(vt, k);
	double ms = settle(vt, t0, QUIET_MS);
	if (r->n < 400) {
		r->ms[r->n] = ms;
		r->bytes[r->n++] = vt_bytes_since(vt);
	}
}

static unsigned long median_bytes(const struct key_run *r)
{
	double v[400];
	for (int i = 0; i < r->n; i++)
		v[i] = (double)r->bytes[i];
	return (unsigned long)bench_median(v, r->n);
}

static unsigned long max_bytes(const struct key_run *r)
{
	unsigned long m = 0;
	for (int i = 0; i < r->n; i++)
		m = r->bytes[i] > m ? r->bytes[i] : m;
	return m;
}

/* floor_ms: the same ledger's Down within the page, which runs no query —
 * the terminal round trip a key cannot go below. */
static void key_figure(struct bench *b, const char *ledger, const char *key, struct key_run *r,
                       double bare_ms, double floor_ms, int max_bytes_target)
{
	char what[96];
	snprintf(what, sizeof what, "%s %s", ledger, key);
	double med = bench_median(r->ms, r->n);
	struct figure *f = bench_fig(b, what, "≤ 5 ms 且 ≤ 3× 裸查询", -1, "%.2f ms（%lu 字节）", med,
	                             median_bytes(r));
	fig_limit(f, med, bare_ms, 3);
	f->verdict = med <= 5 && (bare_ms <= 0 || med <= 3 * bare_ms);
	char floor_note[160] = "";
	if (bare_ms > 0 && med <= 5 && 3 * bare_ms < floor_ms)
		snprintf(floor_note, sizeof floor_note, "；3× 裸查询低于终端往返（页内 Down %.2f ms），不可达",
		         floor_ms);
	fig_note(f, "%d 次中位数，最慢 %.2f ms；最多 %lu 字节；选中行按键移动 %d/%d 次%s", r->n,
	         bench_percentile(r->ms, r->n, 100), max_bytes(r), r->moved, r->n, floor_note);
	if (max_bytes_target) {
		unsigned long mb = median_bytes(r);
		struct figure *g = bench_fig(b, "", "", mb <= (unsigned long)max_bytes_target,
		                             "%lu 字节（中位），最多 %lu", mb, max_bytes(r));
		snprintf(g->what, sizeof g->what, "%s 输出字节", what);
		snprintf(g->target, sizeof g->target, "≤ %d 字节", max_bytes_target);
	}
	bench_check(b, r->n > 0 && r->moved == r->n, "%s：%d 次按键中选中行按预期移动 %d 次", what, r->n,
	            r->moved);
}

/* The text of the rows where a grid starts (headings and the first rows):
 * it changes when the page scrolls, not when the selection moves. */
static void top_rows(struct vt *vt, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = 0;
	for (int r = GRID_TOP; r < GRID_TOP + 3 && n + 1 < cap; r++) {
		vt_row(vt, r, out + n, cap - n);
		n += strlen(out + n);
	}
}

/* Down from the top: within the page (no query), then past its last row,
 * where the page scrolls by one (one keyset fetch). */
static void keys_down(struct vt *vt, int reps, struct key_run *within, struct key_run *past)
{
	long count, ord, before;
	char top[1536], top_after[1536];
	vt_key(vt, VT_KEY_HOME);
	settle(vt, bench_now_ms(), QUIET_MS);
	status_numbers(vt, &count, &before);
	for (int i = 0; i < reps && before < count; i++) {
		top_rows(vt, top, sizeof top);
		struct key_run one = { 0 };
		time_key(vt, VT_KEY_DOWN, &one);
		top_rows(vt, top_after, sizeof top_after);
		status_numbers(vt, &count, &ord);
		struct key_run *r = strcmp(top, top_after) == 0 ? within : past;
		if (r->n < 400) {
			r->ms[r->n] = one.ms[0];
			r->bytes[r->n++] = one.bytes[0];
			r->moved += ord == before + 1;
		}
		before = ord;
	}
}

static void keys_pgdn(struct vt *vt, int reps, struct key_run *r)
{
	long count, ord, before;
	vt_key(vt, VT_KEY_HOME);
	settle(vt, bench_now_ms(), QUIET_MS);
	status_numbers(vt, &count, &before);
	for (int i = 0; i < reps; i++) {
		time_key(vt, VT_KEY_PGDN, r);
		status_numbers(vt, &count, &ord);
		r->moved += ord > before;
		before = ord;
		if (ord >= count) {   /* the end: start over from the top */
			vt_key(vt, VT_KEY_HOME);
			settle(vt, bench_now_ms(), QUIET_MS);
			status_numbers(vt, &count, &before);
		}
	}
}

static void keys_end(struct vt *vt, int reps, struct key_run *r)
{
	long count, ord;
	for (int i = 0; i < reps; i++) {
		vt_key(vt, VT_KEY_HOME);
		settle(vt, bench_now_ms(), QUIET_MS);
		time_key(vt, VT_KEY_END, r);
		status_numbers(vt, &count, &ord);
		r->moved += count > 0 && ord == count;
	}
	vt_key(vt, VT_KEY_HOME);
	settle(vt, bench_now_ms(), QUIET_MS);
}

/* F7, the initials, then Enter timed; the count must be the bare count. */
static void keys_find(struct vt *vt, int reps, const char *text, long expect, struct key_run *r)
{
	long count, ord;
	for (int i = 0; i < reps; i++) {
		vt_key(vt, VT_KEY_F7);
		if (!vt_wait_text(vt, FIND_PROMPT, 5000))
			return;
		settle(vt, bench_now_ms(), QUIET_MS);
		vt_type(vt, text);
		settle(vt, bench_now_ms(), QUIET_MS);
		time_key(vt, VT_KEY_ENTER, r);
		status_numbers(vt, &count, &ord);
		r->moved += count == expect && ord == 1;
		if (count != expect || ord != 1) {
			fprintf(stderr, "bench: 查找「%s」后应为 共 %ld 条 第 1 条：\n", text, expect);
			vt_dump(vt, stderr);
		}
		/* Clear the filter again: F7, rub the text out, Enter. */
		vt_key(vt, VT_KEY_F7);
		vt_wait_text(vt, FIND_PROMPT, 5000);
		settle(vt, bench_now_ms(), QUIET_MS);
		for (size_t k = 0; k < strlen(text); k++)
			vt_key(vt, VT_KEY_BACKSPACE);
		vt_key(vt, VT_KEY_ENTER);
		settle(vt, bench_now_ms(), QUIET_MS);
	}
}

struct ledger {
	const char *path[4];   /* menu labels from the main menu, NULL-terminated */
	const char *name;      /* as the table names it */
	const char *source;    /* for bench_bare_keys */
};

static void ledger_keys(struct bench *b, const struct ledger *l)
{
	double bare[5] = { 0 };
	char text[8];
	bench_bare_keys(b, b->county, l->source, text, bare);
	struct vt *vt = start_at_menu(b, b->ini, NULL);
	if (!bench_check(b, vt && open_ledger(vt, l->path) == 0, "打开%s", l->name)) {
		vt_free(vt);
		return;
	}
	int reps = b->smoke ? 25 : b->reps;
	static struct key_run within, down, pgdn, end, find;
	memset(&within, 0, sizeof within);
	memset(&down, 0, sizeof down);
	memset(&pgdn, 0, sizeof pgdn);
	memset(&end, 0, sizeof end);
	memset(&find, 0, sizeof find);
	keys_down(vt, reps, &within, &down);
	keys_pgdn(vt, reps, &pgdn);
	keys_end(vt, b->smoke ? 3 : reps / 4, &end);
	keys_find(vt, b->smoke ? 2 : reps / 8, text, (long)bare[4], &find);
	quit(vt);
	double floor_ms = within.n ? bench_median(within.ms, within.n) : 0;
	key_figure(b, l->name, "Down（页内）", &within, 0, floor_ms, 300);
	key_figure(b, l->name, "Down（滚动一行）", &down, bare[0], floor_ms, 300);
	key_figure(b, l->name, "PgDn", &pgdn, bare[1], floor_ms, 0);
	key_figure(b, l->name, "End", &end, bare[2], floor_ms, 0);
	char what[64];
	snprintf(what, sizeof what, "查找「%s」", text);
	key_figure(b, l->name, what, &find, bare[3], floor_ms, 0);
}

/* ---- whole-screen repaints ---------------------------------------------- */

static long file_size(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fclose(f);
	return n;
}

/* Clears of the whole screen (ED 2, or home then ED) in log[from, to). */
static int clears_in(const char *log, long from, long to)
{
	FILE *f = fopen(log, "rb");
	if (!f || to <= from) {
		if (f)
			fclose(f);
		return 0;
	}
	char *buf = malloc((size_t)(to - from) + 1);
	fseek(f, from, SEEK_SET);
	size_t n = fread(buf, 1, (size_t)(to - from), f);
	fclose(f);
	buf[n] = 0;
	int clears = 0;
	for (size_t i = 0; i + 3 < n; i++)
		if (buf[i] == 0x1b && buf[i + 1] == '[' &&
		    ((buf[i + 2] == '2' && buf[i + 3] == 'J') ||
		     (buf[i + 2] == 'H' && i + 5 < n && buf[i + 3] == 0x1b && buf[i + 4] == '[' && buf[i + 5] == 'J')))
			clears++;
	free(buf);
	return clears;
}

struct repaint_probe {
	const char *name;
	enum vt_keyname key;
	int expected;     /* 1: a whole repaint is what the key is for */
};

static void repaints(struct bench *b, const struct ledger *l)
{
	char log[400];
	snprintf(log, sizeof log, "%s/repaint.log", b->dir);
	unlink(log);
	struct vt *vt = start_at_menu(b, b->ini, log);
	if (!bench_check(b, vt && open_ledger(vt, l->path) == 0, "整屏重画检查：打开%s", l->name)) {
		vt_free(vt);
		return;
	}
	static const struct repaint_probe probes[] = {
		{ "Down", VT_KEY_DOWN, 0 }, { "Up", VT_KEY_UP, 0 }, { "PgDn", VT_KEY_PGDN, 0 },
		{ "PgUp", VT_KEY_PGUP, 0 }, { "End", VT_KEY_END, 0 }, { "Home", VT_KEY_HOME, 0 },
		{ "F5", VT_KEY_F5, 0 }, { "Ctrl-L", VT_KEY_CTRL_L, 1 },
	};
	char summary[400] = "";
	int unexpected = 0;
	size_t len = 0;
	for (size_t i = 0; i < sizeof probes / sizeof *probes; i++) {
		int clears = 0;
		for (int k = 0; k < 3; k++) {
			long from = file_size(log);
			vt_key(vt, probes[i].key);
			settle(vt, bench_now_ms(), 60);
			usleep(20000);
			clears += clears_in(log, from, file_size(log)) > 0;
		}
		unexpected += probes[i].expected ? clears == 0 : clears > 0;
		len += (size_t)snprintf(summary + len, sizeof summary - len, "%s %d/3，", probes[i].name, clears);
	}
	long from = file_size(log);
	vt_resize(vt, 30, 100);
	settle(vt, bench_now_ms(), 150);
	usleep(20000);
	int resized = clears_in(log, from, file_size(log)) > 0;
	vt_resize(vt, ROWS, COLS);
	settle(vt, bench_now_ms(), 150);
	snprintf(summary + len, sizeof summary - len, "改变大小 %d/1", resized);
	quit(vt);
	struct figure *f = bench_fig(b, "", "仅 Ctrl-L 与改变大小整屏重画", unexpected == 0, "%s",
	                             unexpected ? "有意外的整屏重画" : "无意外的整屏重画");
	snprintf(f->what, sizeof f->what, "%s 整屏重画", l->name);
	fig_note(f, "每键 3 次中清屏的次数：%s", summary);
	bench_check(b, unexpected == 0, "%s：只有 Ctrl-L 与改变大小清屏（%s）", l->name, summary);
}

/* ---- peak memory after paging through a whole ledger --------------------- */

static long vm_hwm_kb(int pid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

/* PgDn in batches until the status line shows the last record; returns the
 * program's VmHWM (kB), or -1. */
static long page_through(struct bench *b, const char *ini, const struct ledger *l, long *rows,
                         double *seconds, int *pages, double budget_s)
{
	struct vt *vt = start_at_menu(b, ini, NULL);
	if (!vt || open_ledger(vt, l->path)) {
		vt_free(vt);
		return -1;
	}
	long count, ord;
	status_numbers(vt, &count, &ord);
	double t0 = bench_now_ms();
	*pages = 0;
	while (ord < count && bench_now_ms() - t0 < budget_s * 1000) {
		for (int i = 0; i < 20; i++)
			vt_key(vt, VT_KEY_PGDN);
		*pages += 20;
		settle(vt, bench_now_ms(), 200);
		status_numbers(vt, &count, &ord);
	}
	if (ord < count) {   /* out of time: the rest in one step */
		vt_key(vt, VT_KEY_END);
		settle(vt, bench_now_ms(), 300);
		status_numbers(vt, &count, &ord);
		*pages = -*pages;
	}
	*seconds = (bench_now_ms() - t0) / 1000;
	*rows = ord == count ? count : -1;
	long kb = vm_hwm_kb(vt_pid(vt));
	quit(vt);
	return kb;
}

static void memory(struct bench *b, const struct ledger *l)
{
	long big_rows, small_rows;
	double big_s, small_s;
	int big_pages, small_pages;
	long big = page_through(b, b->ini, l, &big_rows, &big_s, &big_pages, b->smoke ? 60 : 240);
	long small = page_through(b, b->township_ini, l, &small_rows, &small_s, &small_pages, 240);
	bench_check(b, big > 0 && big_rows > 0, "%s：翻到最后一条（%ld 条）后读到峰值内存", l->name, big_rows);
	bench_check(b, small > 0 && small_rows > 0, "%s（小库）：翻到最后一条（%ld 条）", l->name, small_rows);
	if (big <= 0 || small <= 0)
		return;
	struct figure *f = bench_fig(b, "", "≤ 12 MB", big <= 12 * 1024, "%.1f MB", big / 1024.0);
	snprintf(f->what, sizeof f->what, "峰值内存：翻完%s（%ld 条）", l->name, big_rows);
	if (big_pages >= 0)
		fig_note(f, "VmHWM；PgDn 翻到最后一条，%.0f 秒", big_s);
	else
		fig_note(f, "VmHWM；%d 次 PgDn 用完 %.0f 秒的时限（每页都是整表排序，见下），其余按 End 到最后一条",
		         -big_pages, big_s);
	f = bench_fig(b, "", "≤ 12 MB", small <= 12 * 1024, "%.1f MB", small / 1024.0);
	snprintf(f->what, sizeof f->what, "峰值内存：翻完%s（%ld 条）", l->name, small_rows);
	f = bench_fig(b, "", "≤ 1 MB", labs(big - small) <= 1024, "%.2f MB", labs(big - small) / 1024.0);
	snprintf(f->what, sizeof f->what, "峰值内存之差（%ld 条 对 %ld 条）", big_rows, small_rows);
}

/* ---- screens that compute over the whole county ---------------------------- */

static void whole_county_screen(struct bench *b, const char *name, const char *const *path,
                                const char *done)
{
	double t[7];
	int n = b->smoke ? 2 : 5, got = 0;
	for (int i = 0; i < n; i++) {
		struct vt *vt = start_at_menu(b, b->ini, NULL);
		double ms = vt ? open_path(vt, path, done) : -1;
		if (ms >= 0)
			t[got++] = ms;
		if (vt)
			quit(vt);
	}
	bench_check(b, got == n, "%s：打开 %d 次，画出 %d 次", name, n, got);
	if (!got)
		return;
	double med = bench_median(t, got);
	struct figure *f = bench_fig(b, name, "≤ 300 ms", med <= 300, "%.1f ms", med);
	snprintf(f->ratio, sizeof f->ratio, "%.2f × 目标", med / 300);
	fig_note(f, "从按下最后一个菜单键到画完，%d 次中位数", got);
}

/* 本年未慰问 over the county: drawn in time, and with members on it (the
 * generator's register minus this year's visits), not an empty list. */
static void care_unvisited(struct bench *b)
{
	static const char *const path[] = { "党员管理", "关怀帮扶", "本年未慰问", NULL };
	whole_county_screen(b, "本年未慰问（全县，屏幕）", path, "共 ");
	struct vt *vt = start_at_menu(b, b->ini, NULL);
	int listed = vt && open_path(vt, path, "共 ") >= 0 && vt_row_of(vt, "共 0 条") < 0 &&
	             vt_row_of(vt, "年未慰问的关怀对象") == 2;
	if (vt && !listed)
		vt_dump(vt, stderr);
	if (vt)
		quit(vt);
	bench_check(b, listed, "本年未慰问：全县名单画出且不为空");
}

/* 民主评议党员 (issue 20): the county's rounds ledger, and the first
 * branch's sheet opened from it. */
static void evaluate_screens(struct bench *b)
{
	static const char *const rounds[] = { "党员管理", "民主评议党员", NULL };
	static const char *const sheet[] = { "党员管理", "民主评议党员", "\n", NULL };
	whole_county_screen(b, "民主评议党员台账（全县，屏幕）", rounds, "共 ");
	whole_county_screen(b, "民主评议表（全县，屏幕）", sheet, "参评 ");
}

void bench_tui(struct bench *b)
{
	static const struct ledger org_list = { { "组织台账", NULL }, "组织台账", "org_list" };
	static const struct ledger members = { { "党员管理", "党员台账", NULL }, "党员台账", "member_list" };
	static const struct ledger honours = { { "表彰荣誉", "荣誉台账", NULL }, "荣誉台账", "honour_list" };
	static const struct ledger reports = { { "工作计划与督导", "工作汇报", NULL }, "工作汇报（本月月报）",
	                                       "report_period" };
	static const struct ledger people = { { "工作计划与督导", "责任人任务", NULL }, "责任人任务",
	                                      "plan_people" };
	static const char *const stats[] = { "党员管理", "党员结构统计", NULL };
	static const char *const grading[] = { "分类定级", "\n", "定级台账", NULL };
	static const char *const appraisal[] = { "工作计划与督导", "述职评议", "\n", NULL };
	static const char *const todo[] = { "今日待办", NULL };
	static const char *const basic[] = { "党内统计", "党员基本情况", NULL };
	static const char *const change[] = { "党内统计", "党员增减", NULL };
	static const char *const roll[] = { "党内统计", "党员基本情况", "\n", NULL };
	static const char *const remind[] = { "党员管理", "发展提醒", NULL };
	static const struct ledger training = { { "党员管理", "教育培训学时", "学时台账", NULL }, "学时台账",
	                                        "training_ledger" };
	static const char *const training_open[] = { "党员管理", "教育培训学时", "学时台账", NULL };
	first_screen(b);
	ledger_keys(b, &members);
	ledger_keys(b, &org_list);
	ledger_keys(b, &honours);
	ledger_keys(b, &reports);
	ledger_keys(b, &people);
	ledger_keys(b, &training);
	repaints(b, &members);
	memory(b, &members);
	whole_county_screen(b, "党员结构统计（全县，屏幕）", stats, "每组合计");
	whole_county_screen(b, "定级台账（全县，屏幕）", grading, "共 ");
	whole_county_screen(b, "述职评议录入表（全县，屏幕）", appraisal, "评议录入：");
	whole_county_screen(b, "今日待办（全县，屏幕）", todo, "即将到期 ");
	care_unvisited(b);
	evaluate_screens(b);
	whole_county_screen(b, "党内统计 党员基本情况（全县，屏幕）", basic, "党员总数 · 人数");
	whole_county_screen(b, "党内统计 党员增减（全县，屏幕）", change, "上年末党员数 · 人数");
	whole_county_screen(b, "党内统计 党员总数名单（全县，屏幕）", roll, "共 ");
	whole_county_screen(b, "发展提醒（全县，屏幕）", remind, "到期或即将到期的发展党员事项");
	whole_county_screen(b, "学时台账（全县，屏幕）", training_open, "未达标 ");
}
