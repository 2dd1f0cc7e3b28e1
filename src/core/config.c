#include "core/config.h"

#include <iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/csv.h"
#include "core/outfile.h"

/* iniparser reports syntax errors through a printf-style callback; we keep the
 * first one so the refusal can name the line. */
static char parse_error[512];

static int keep_first_error(const char *fmt, ...)
{
	if (parse_error[0])
		return 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(parse_error, sizeof parse_error, fmt, ap);
	va_end(ap);
	return 0;
}

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->db_path, sizeof c->db_path, "dangjian.db");
	c->busy_timeout_ms = 5000;
	snprintf(c->synchronous, sizeof c->synchronous, "NORMAL");
	c->ambiwidth = 0;
	c->colours = 1;
	c->escdelay_ms = 150;
	/* Midnight Commander's wait: an operator pressing Esc, then a digit, is
	 * slower than a terminal sending a sequence. */
	c->esc_digit_ms = 1000;
	snprintf(c->unit_name, sizeof c->unit_name, "未设置单位名称");
	c->export_mode = 0600;
	c->import_max_mb = 200;
	c->import_max_line_kb = 1024;
}

/* "iniparser: syntax error in FILE (LINE):\n-> TEXT" -> "FILE 第 LINE 行格式错误：TEXT" */
static void describe_syntax_error(const char *path, char *why, size_t cap)
{
	const char *open = strrchr(parse_error, '(');
	const char *text = strstr(parse_error, "-> ");
	int line = open ? atoi(open + 1) : 0;
	char shown[128] = "";
	if (text) {
		snprintf(shown, sizeof shown, "%s", text + 3);
		shown[strcspn(shown, "\r\n")] = 0;
	}
	if (line > 0)
		snprintf(why, cap, "配置文件 %s 第 %d 行格式错误：%s", path, line, shown);
	else
		snprintf(why, cap, "配置文件 %s 格式错误：%s", path, parse_error);
}

/* The line of `[section] name` in the file (section and key compared as
 * iniparser does, without case), or 0 when it is not there. */
static int key_line(const char *path, const char *key)
{
	char want_sec[64] = "", want_key[64] = "", line[1024], sec[64] = "";
	if (sscanf(key, "[%63[^]]] %63s", want_sec, want_key) != 2)
		return 0;
	FILE *fp = fopen(path, "r");
	if (!fp)
		return 0;
	int n = 0, found = 0;
	while (!found && fgets(line, sizeof line, fp)) {
		char name[64];
		n++;
		if (sscanf(line, " [%63[^]]]", sec) == 1)
			continue;
		if (sscanf(line, " %63[^=; \t]", name) == 1 && strchr(line, '=') &&
		    strcasecmp(sec, want_sec) == 0 && strcasecmp(name, want_key) == 0)
			found = n;
	}
	fclose(fp);
	return found;
}

/* "配置文件 F 第 N 行：" (or "配置文件 F 中 " when the line is unknown). */
static void where(const char *path, const char *key, char *out, size_t cap)
{
	int line = key_line(path, key);
	if (line > 0)
		snprintf(out, cap, "配置文件 %s 第 %d 行：", path, line);
	else
		snprintf(out, cap, "配置文件 %s 中 ", path);
}

static int check_choice(const char *path, const char *key, const char *v, const char *a,
                        const char *b, char *why, size_t cap)
{
	char at[PATH_MAX + 64];
	if (strcasecmp(v, a) == 0 || strcasecmp(v, b) == 0)
		return 0;
	where(path, key, at, sizeof at);
	snprintf(why, cap, "%s%s = %s 无效，应为 %s 或 %s", at, key, v, a, b);
	return -1;
}

static int check_range(const char *path, const char *key, int v, int lo, int hi, char *why,
                       size_t cap)
{
	char at[PATH_MAX + 64];
	if (v >= lo && v <= hi)
		return 0;
	where(path, key, at, sizeof at);
	snprintf(why, cap, "%s%s = %d 超出范围（%d～%d）", at, key, v, lo, hi);
	return -1;
}

static int read_known_keys(struct config *c, dictionary *d, char *why, size_t cap)
{
	const char *p = c->path;
	snprintf(c->db_path, sizeof c->db_path, "%s",
	         iniparser_getstring(d, "database:path", "dangjian.db"));
	c->busy_timeout_ms = iniparser_getint(d, "database:busy_timeout", c->busy_timeout_ms);
	/* iniparser hands back the default pointer itself when the key is absent:
	 * never pass a member we are about to overwrite. */
	const char *sync = iniparser_getstring(d, "database:synchronous", "NORMAL");
	if (check_choice(p, "[database] synchronous", sync, "NORMAL", "FULL", why, cap))
		return -1;
	snprintf(c->synchronous, sizeof c->synchronous, "%s", sync);
	for (char *s = c->synchronous; *s; s++)
		*s = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);

	c->ambiwidth = iniparser_getint(d, "ui:ambiwidth", 0);
	const char *borders = iniparser_getstring(d, "ui:borders", "line");
	if (check_choice(p, "[ui] borders", borders, "line", "ascii", why, cap))
		return -1;
	c->ascii_borders = strcasecmp(borders, "ascii") == 0;
	const char *colours = iniparser_getstring(d, "ui:colours", "on");
	if (check_choice(p, "[ui] colours", colours, "on", "off", why, cap))
		return -1;
	c->colours = strcasecmp(colours, "on") == 0;
	c->escdelay_ms = iniparser_getint(d, "ui:escdelay", c->escdelay_ms);
	c->esc_digit_ms = iniparser_getint(d, "ui:esc_digit_ms", c->esc_digit_ms);

	snprintf(c->unit_name, sizeof c->unit_name, "%s",
	         iniparser_getstring(d, "unit:name", "未设置单位名称"));
	c->year = iniparser_getint(d, "unit:year", 0);

	const char *mode = iniparser_getstring(d, "export:mode", "0600");
	if (check_choice(p, "[export] mode", mode, "0600", "0640", why, cap))
		return -1;
	c->export_mode = strcmp(mode, "0640") == 0 ? 0640 : 0600;
	c->import_max_mb = iniparser_getint(d, "import:max_mb", c->import_max_mb);
	c->import_max_line_kb = iniparser_getint(d, "import:max_line_kb", c->import_max_line_kb);

	return check_range(p, "[database] busy_timeout", c->busy_timeout_ms, 0, 600000, why, cap) ||
	       (c->ambiwidth && check_range(p, "[ui] ambiwidth", c->ambiwidth, 1, 2, why, cap)) ||
	       check_range(p, "[ui] escdelay", c->escdelay_ms, 10, 2000, why, cap) ||
	       check_range(p, "[ui] esc_digit_ms", c->esc_digit_ms, 100, 5000, why, cap) ||
	       (c->year && check_range(p, "[unit] year", c->year, 2000, 2099, why, cap)) ||
	       check_range(p, "[import] max_mb", c->import_max_mb, 1, 4096, why, cap) ||
	       check_range(p, "[import] max_line_kb", c->import_max_line_kb, 1, 65536, why, cap) ||
	       /* 关怀帮扶's 老党员 rule (src/care/rules.c reads them) */
	       check_range(p, "[care] old_age", iniparser_getint(d, "care:old_age", 80), 60, 120, why,
	                   cap) ||
	       check_range(p, "[care] old_standing_years",
	                   iniparser_getint(d, "care:old_standing_years", 50), 10, 80, why, cap)
	       ? -1 : 0;
}

int config_load(struct config *c, const char *path, char *why, size_t whycap)
{
	config_defaults(c);
	if (!path) {
		static const char *const search[] = { "dangjian.ini", "/etc/dangjian/dangjian.ini" };
		for (size_t i = 0; i < sizeof search / sizeof *search && !path; i++)
			if (access(search[i], F_OK) == 0)
				path = search[i];
		if (!path)
			return 0;
	} else if (access(path, R_OK) != 0) {
		snprintf(why, whycap, "无法读取配置文件 %s", path);
		return -1;
	}
	snprintf(c->path, sizeof c->path, "%s", path);
	parse_error[0] = 0;
	iniparser_set_error_callback(keep_first_error);
	dictionary *d = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (!d || parse_error[0]) {
		if (d)
			iniparser_freedict(d);
		describe_syntax_error(path, why, whycap);
		return -1;
	}
	c->ini = d;
	if (read_known_keys(c, d, why, whycap)) {
		config_free(c);
		return -1;
	}
	config_apply(c);
	return 0;
}

void config_apply(const struct config *c)
{
	outfile_set_mode(c->export_mode);
	csv_set_unit_name(c->unit_name);   /* the xlsx page header */
}

void config_free(struct config *c)
{
	if (c->ini)
		iniparser_freedict(c->ini);
	c->ini = NULL;
}

const char *config_str(const struct config *c, const char *key, const char *def)
{
	return c->ini ? iniparser_getstring(c->ini, key, def) : def;
}

int config_int(const struct config *c, const char *key, int def)
{
	return c->ini ? iniparser_getint(c->ini, key, def) : def;
}

double config_double(const struct config *c, const char *key, double def)
{
	return c->ini ? iniparser_getdouble(c->ini, key, def) : def;
}
