/* The three layers and their one direction (docs/ARCHITECTURE.md), read
 * from the sources themselves, each breach named by file and line:
 *   - only src/tui/ uses curses (screens/ draw through it; the rest of src/
 *     includes neither curses nor a tui/ header);
 *   - src/tui/ and screens/ run no SQL (no <sqlite3.h>, no database header
 *     of the core, no sqlite3_ call, no SQL in a string);
 *   - src/ includes nothing from screens/ (src/main.c, which starts either
 *     the commands or the screens, stands above all three);
 *   - no file reaches into a header another module keeps private (its first
 *     comment says "private to src/grading/");
 *   - the core includes only the core, and the toolkit only the core and
 *     itself.
 * The same checker runs on trees planted with each breach, so a rule that
 * stopped finding anything would fail here too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "srctree.h"

enum layer { L_MAIN, L_CORE, L_DOMAIN, L_TUI, L_SCREENS };

struct findings {
	char text[16384];   /* one "path:line: what" a line */
	size_t len;
	int count;
};

struct checker {
	const char *root;   /* the tree's top: "." for the repository */
	struct findings *f;
	int files;
	regex_t sql;        /* SQL at the start of a string literal */
	regex_t call;       /* an sqlite3_ function */
};

static void found(struct findings *f, const char *path, int line, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
static void found(struct findings *f, const char *path, int line, const char *fmt, ...)
{
	if (f->len + 300 >= sizeof f->text)
		return;
	f->len += (size_t)snprintf(f->text + f->len, sizeof f->text - f->len, "%s:%d: ", path, line);
	va_list ap;
	va_start(ap, fmt);
	f->len += (size_t)vsnprintf(f->text + f->len, sizeof f->text - f->len, fmt, ap);
	va_end(ap);
	f->len += (size_t)snprintf(f->text + f->len, sizeof f->text - f->len, "\n");
	f->count++;
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static enum layer layer_of(const char *rel)
{
	if (strcmp(rel, "src/main.c") == 0)
		return L_MAIN;
	if (starts(rel, "src/tui/"))
		return L_TUI;
	/* the office-file readers and writers the core's CSV API dispatches to
	 * (DESIGN.md keeps them in src/docs/) are the core's file formats */
	if (starts(rel, "src/core/") || starts(rel, "src/docs/xlsx_"))
		return L_CORE;
	return starts(rel, "screens/") ? L_SCREENS : L_DOMAIN;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n < 2) {
			char *more = realloc(buf, cap * 2);
			if (!more) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = more;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf)
		buf[n] = 0;
	return buf;
}

/* Blanks comments (keeping their newlines) so that a comment that talks
 * about SQL or sqlite3_step is not taken for code; strings are kept. */
static void blank_comments(char *s)
{
	for (char *p = s; *p; p++) {
		if (*p == '"' || *p == '\'') {
			char q = *p;
			for (p++; *p && *p != q; p++)
				if (*p == '\\' && p[1])
					p++;
			if (!*p)
				return;
		} else if (p[0] == '/' && p[1] == '*') {
			for (; *p && !(p[0] == '*' && p[1] == '/'); p++)
				if (*p != '\n')
					*p = ' ';
			if (!*p)
				return;
			p[0] = p[1] = ' ';
			p++;
		} else if (p[0] == '/' && p[1] == '/') {
			for (; *p && *p != '\n'; p++)
				*p = ' ';
			if (!*p)
				return;
		}
	}
}

/* The folder a header's first comment keeps it private to ("src/grading/"),
 * or "" when it is public. */
static void private_folder(const char *path, char *out, size_t cap)
{
	out[0] = 0;
	char *text = read_all(path);
	if (!text)
		return;
	char *open = strstr(text, "/*");
	char *close = open ? strstr(open, "*/") : NULL;
	if (close) {
		*close = 0;
		char *at = strstr(open, "private to ");
		if (at) {
			at += strlen("private to ");
			size_t n = strcspn(at, " \n\t:(),;");
			snprintf(out, cap, "%.*s", (int)n, at);
		}
	}
	free(text);
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Where a quoted include lands, as the compiler looks (the including
 * file's folder, then -Isrc, then -I.): the path from the root, or "". */
static void resolve(const struct checker *c, const char *rel, const char *inc, char *out,
                    size_t cap)
{
	char path[1024];
	const char *slash = strrchr(rel, '/');
	const char *const bases[] = { "src/", "" };
	int dir = slash ? (int)(slash - rel) : 0;
	out[0] = 0;
	snprintf(path, sizeof path, "%s/%.*s/%s", c->root, dir, rel, inc);
	if (slash && exists(path)) {
		snprintf(out, cap, "%.*s/%s", dir, rel, inc);
		return;
	}
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s%s", c->root, bases[i], inc);
		if (exists(path)) {
			snprintf(out, cap, "%s%s", bases[i], inc);
			return;
		}
	}
}

static int is_curses(const char *inc)
{
	return strcmp(inc, "curses.h") == 0 || strcmp(inc, "ncurses.h") == 0 ||
	       starts(inc, "ncursesw/") || strcmp(inc, "term.h") == 0 ||
	       strcmp(inc, "panel.h") == 0 || strcmp(inc, "form.h") == 0 ||
	       strcmp(inc, "menu.h") == 0;
}

/* The core's headers that reach the database: including one is the way to
 * run SQL without writing it. */
static int is_db_header(const char *inc)
{
	static const char *const db[] = { "core/db.h", "core/db_write.h", "core/db_stmt.h",
	                                  "core/db_queue.h", "core/schema.h", NULL };
	for (int i = 0; db[i]; i++)
		if (strcmp(inc, db[i]) == 0)
			return 1;
	return 0;
}

static void check_include(struct checker *c, const char *rel, int no, int angled,
                          const char *inc)
{
	enum layer l = layer_of(rel);
	if (angled) {
		if (is_curses(inc) && l != L_TUI)
			found(c->f, rel, no, "includes <%s>: only src/tui/ uses curses", inc);
		if (strcmp(inc, "sqlite3.h") == 0 && (l == L_TUI || l == L_SCREENS))
			found(c->f, rel, no, "includes <sqlite3.h>: src/tui/ and screens/ run no SQL");
		return;
	}
	char target[1024];
	resolve(c, rel, inc, target, sizeof target);
	if (!*target)
		return;   /* a test's or a generated header */
	if ((l == L_CORE || l == L_DOMAIN) && starts(target, "src/tui/"))
		found(c->f, rel, no, "includes \"%s\": only src/tui/ and screens/ use the toolkit", inc);
	if ((l == L_TUI || l == L_SCREENS) && starts(target, "src/") && is_db_header(target + 4))
		found(c->f, rel, no, "includes \"%s\": src/tui/ and screens/ run no SQL", inc);
	if (l != L_MAIN && l != L_SCREENS && starts(target, "screens/"))
		found(c->f, rel, no, "includes \"%s\": src/ includes nothing from screens/", inc);
	if (l == L_CORE && layer_of(target) != L_CORE)
		found(c->f, rel, no, "includes \"%s\": the core includes only the core", inc);
	if (l == L_TUI && !starts(target, "src/core/") && !starts(target, "src/tui/"))
		found(c->f, rel, no, "includes \"%s\": the toolkit includes only the core and itself", inc);
	char path[1024], folder[256];
	snprintf(path, sizeof path, "%s/%s", c->root, target);
	private_folder(path, folder, sizeof folder);
	if (*folder && !starts(rel, folder))
		found(c->f, rel, no, "includes \"%s\", which is private to %s", inc, folder);
}

/* A header that calls itself private to a folder it is not in. */
static void check_private_claim(struct checker *c, const char *path, const char *rel)
{
	char folder[256];
	private_folder(path, folder, sizeof folder);
	if (*folder && !starts(rel, folder))
		found(c->f, rel, 1, "says it is private to %s but lives elsewhere", folder);
}

static void check_line(struct checker *c, const char *rel, int no, const char *line)
{
	const char *p = line + strspn(line, " \t");
	if (*p == '#') {
		p += 1 + strspn(p + 1, " \t");
		if (starts(p, "include")) {
			p += strlen("include");
			p += strspn(p, " \t");
			char close = *p == '<' ? '>' : *p == '"' ? '"' : 0;
			const char *end = close ? strchr(p + 1, close) : NULL;
			if (end) {
				char inc[512];
				snprintf(inc, sizeof inc, "%.*s", (int)(end - p - 1), p + 1);
				check_include(c, rel, no, close == '>', inc);
			}
			return;
		}
	}
	enum layer l = layer_of(rel);
	if (l != L_TUI && l != L_SCREENS)
		return;
	regmatch_t m[2];
	if (regexec(&c->call, line, 2, m, 0) == 0)
		found(c->f, rel, no, "calls %.*s: src/tui/ and screens/ run no SQL",
		      (int)(m[1].rm_eo - m[1].rm_so), line + m[1].rm_so);
	else if (regexec(&c->sql, line, 2, m, 0) == 0)
		found(c->f, rel, no, "holds SQL (%.*s …): src/tui/ and screens/ run no SQL",
		      (int)(m[1].rm_eo - m[1].rm_so), line + m[1].rm_so);
}

static void check_file(const char *path, void *ctx)
{
	struct checker *c = ctx;
	const char *rel = path + strlen(c->root) + 1;
	char *text = read_all(path);
	if (!text)
		return;
	c->files++;
	if (strcmp(rel + strlen(rel) - 2, ".h") == 0)
		check_private_claim(c, path, rel);
	blank_comments(text);
	char *line = text;
	for (int no = 1; line; no++) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		check_line(c, rel, no, line);
		line = nl ? nl + 1 : NULL;
	}
	free(text);
}

/* Checks src/ and screens/ under root; returns the number of files read. */
static int check_tree(const char *root, struct findings *f)
{
	struct checker c = { .root = root, .f = f };
	memset(f, 0, sizeof *f);
	assert_int_equal(regcomp(&c.sql, "\"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|REPLACE|"
	                         "CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|WITH)[[:space:]\"]",
	                         REG_EXTENDED), 0);
	assert_int_equal(regcomp(&c.call, "(sqlite3_[a-z_0-9]+)[[:space:]]*\\(", REG_EXTENDED), 0);
	const char *const tops[] = { "src", "screens" };
	for (int i = 0; i < 2; i++) {
		char dir[512];
		snprintf(dir, sizeof dir, "%s/%s", root, tops[i]);
		srctree_walk(dir, check_file, &c);
	}
	regfree(&c.sql);
	regfree(&c.call);
	return c.files;
}

static void the_program_keeps_its_layers(void **state)
{
	(void)state;
	static struct findings f;
	int files = check_tree(".", &f);
	/* The walk reached every module (run from the repository's top). */
	assert_true(files > 150);
	if (f.count)
		fail_msg("%d breach(es) of the layers:\n%s", f.count, f.text);
}

/* ---- the same checker on planted trees ------------------------------------ */

struct planted {
	char root[64];
};

static void plant(const struct planted *t, const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", t->root, rel);
	for (char *s = strchr(path + strlen(t->root) + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		mkdir(path, 0755);
		*s = '/';
	}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A small tree that keeps every rule: a core, a workflow module with a
 * private header used inside it, the toolkit, a screen and main.c. */
static int setup_tree(void **state)
{
	struct planted *t = calloc(1, sizeof *t);
	snprintf(t->root, sizeof t->root, "/tmp/dj_layers_XXXXXX");
	if (!t || !mkdtemp(t->root))
		return -1;
	plant(t, "src/core/db.h", "/* db.h — the connection. */\n#include <sqlite3.h>\n");
	plant(t, "src/core/text.h", "/* text.h — widths. */\n");
	plant(t, "src/core/db.c", "#include \"core/db.h\"\n#include \"core/text.h\"\n"
	                          "static const char q[] = \"SELECT 1\";\n");
	plant(t, "src/grading/internal.h", "/* internal.h — private to src/grading/: shared. */\n");
	plant(t, "src/grading/grading.h", "/* grading.h — rounds. */\n#include \"core/text.h\"\n");
	plant(t, "src/grading/round.c", "#include \"grading/internal.h\"\n#include \"core/db.h\"\n");
	plant(t, "src/tui/draw.h", "/* draw.h — cells. */\n");
	plant(t, "src/tui/draw.c", "#include <curses.h>\n#include \"core/text.h\"\n"
	                           "/* a comment may say SELECT or sqlite3_step() */\n");
	plant(t, "screens/common/screens.h", "/* screens.h — entry. */\n");
	plant(t, "screens/grading/sheet.c", "#include \"grading/grading.h\"\n"
	                                    "#include \"tui/draw.h\"\n"
	                                    "static const char *help = \"选择 UPDATE 记录\";\n");
	plant(t, "src/main.c", "#include \"screens/common/screens.h\"\n#include \"core/db.h\"\n");
	*state = t;
	return 0;
}

static int teardown_tree(void **state)
{
	struct planted *t = *state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->root);
	int rc = system(cmd);
	free(t);
	return rc == 0 ? 0 : -1;
}

static void a_tree_that_keeps_the_rules_passes(void **state)
{
	struct planted *t = *state;
	static struct findings f;
	assert_int_equal(check_tree(t->root, &f), 11);
	assert_string_equal(f.text, "");
}

/* Each breach, planted alone in the good tree, is found at its line. */
static const struct breach {
	const char *file, *text;
	const char *expected;   /* what the report says, "path:line: …" */
} breaches[] = {
	{ "src/org/org.c", "#include \"core/text.h\"\n#include <curses.h>\n",
	  "src/org/org.c:2: includes <curses.h>: only src/tui/ uses curses" },
	{ "screens/org/form.c", "#include \"tui/form.h\"\n#include <curses.h>\n",
	  "screens/org/form.c:2: includes <curses.h>: only src/tui/ uses curses" },
	{ "src/org/org.c", "#include <ncursesw/ncurses.h>\n",
	  "src/org/org.c:1: includes <ncursesw/ncurses.h>: only src/tui/ uses curses" },
	{ "src/member/ledger.c", "#include \"tui/draw.h\"\n",
	  "src/member/ledger.c:1: includes \"tui/draw.h\": only src/tui/ and screens/ use the toolkit" },
	{ "src/tui/grid.c", "#include <sqlite3.h>\n",
	  "src/tui/grid.c:1: includes <sqlite3.h>: src/tui/ and screens/ run no SQL" },
	{ "screens/grading/hub.c", "#include \"core/db.h\"\n",
	  "screens/grading/hub.c:1: includes \"core/db.h\": src/tui/ and screens/ run no SQL" },
	{ "screens/grading/hub.c", "int n(void *db)\n{\n\treturn sqlite3_changes (db);\n}\n",
	  "screens/grading/hub.c:3: calls sqlite3_changes: src/tui/ and screens/ run no SQL" },
	{ "screens/grading/hub.c", "static long orgs = count(db,\n  \"SELECT count(*) FROM org\");\n",
	  "screens/grading/hub.c:2: holds SQL (SELECT …): src/tui/ and screens/ run no SQL" },
	{ "src/tui/form.c", "const char *q = \" DELETE FROM member\";\n",
	  "src/tui/form.c:1: holds SQL (DELETE …): src/tui/ and screens/ run no SQL" },
	{ "src/grading/score.c", "#include \"screens/common/screens.h\"\n",
	  "src/grading/score.c:1: includes \"screens/common/screens.h\": src/ includes nothing from screens/" },
	{ "src/org/tree.c", "#include \"grading/internal.h\"\n",
	  "src/org/tree.c:1: includes \"grading/internal.h\", which is private to src/grading/" },
	{ "screens/grading/rounds.c", "#include \"grading/internal.h\"\n",
	  "screens/grading/rounds.c:1: includes \"grading/internal.h\", which is private to src/grading/" },
	{ "src/org/org.h", "/* org.h — private to src/grading/: misfiled. */\n",
	  "src/org/org.h:1: says it is private to src/grading/ but lives elsewhere" },
	{ "src/core/csv.c", "#include \"grading/grading.h\"\n",
	  "src/core/csv.c:1: includes \"grading/grading.h\": the core includes only the core" },
	{ "src/tui/menu.c", "#include \"grading/grading.h\"\n",
	  "src/tui/menu.c:1: includes \"grading/grading.h\": the toolkit includes only the core and itself" },
};

static void each_planted_breach_is_named_by_file_and_line(void **state)
{
	struct planted *t = *state;
	static struct findings f;
	for (size_t i = 0; i < sizeof breaches / sizeof breaches[0]; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", t->root, breaches[i].file);
		plant(t, breaches[i].file, breaches[i].text);
		check_tree(t->root, &f);
		unlink(path);
		if (!strstr(f.text, breaches[i].expected) || f.count != 1)
			fail_msg("planted %s (%s): expected only \"%s\", the report was:\n%s",
			         breaches[i].file, breaches[i].text, breaches[i].expected, f.text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_program_keeps_its_layers),
		cmocka_unit_test_setup_teardown(a_tree_that_keeps_the_rules_passes, setup_tree,
		                                teardown_tree),
		cmocka_unit_test_setup_teardown(each_planted_breach_is_named_by_file_and_line,
		                                setup_tree, teardown_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
