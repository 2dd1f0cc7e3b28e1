/* config.h — dangjian.ini, read with iniparser.  Every key has a default, so a
 * missing file or key is fine; a malformed file is refused with its line. */
#ifndef DJ_CONFIG_H
#define DJ_CONFIG_H

#include <limits.h>
#include <stddef.h>

struct config {
	char path[PATH_MAX];       /* the file read, "" when none was found */
	/* [database] */
	char db_path[PATH_MAX];    /* path; relative paths are relative to the cwd */
	int busy_timeout_ms;       /* busy_timeout */
	char synchronous[8];       /* synchronous: NORMAL or FULL */
	/* [ui] */
	int ambiwidth;             /* 1 or 2; 0 = not set: the terminal's charset decides */
	int ascii_borders;         /* borders = ascii */
	int colours;               /* colours = on|off */
	int escdelay_ms;           /* escdelay: the rest of a key's sequence after Esc */
	int esc_digit_ms;          /* esc_digit_ms: the digit of Esc 1 … Esc 0 after a lone Esc */
	/* [unit] */
	char unit_name[128];       /* the organization's own name, shown on row 0 */
	int year;                  /* the current work year (0 = this calendar year) */
	/* [export] */
	unsigned export_mode;      /* mode = 0600 (default) or 0640: exported files */
	/* [import] */
	int import_max_mb;         /* max_mb: the largest file an import reads (200) */
	int import_max_line_kb;    /* max_line_kb: the longest record, quoted line breaks and all (1024) */
	void *ini;                 /* iniparser dictionary, for later sections */
};

/* Loads `path`, or when path is NULL the first of ./dangjian.ini and
 * /etc/dangjian/dangjian.ini that exists (none: defaults).  An explicit path
 * that does not exist is an error.  Returns 0, or -1 with a Chinese reason in
 * why naming the line ("配置文件 dangjian.ini 第 12 行：…"), for a syntax
 * error and for a known key whose value is out of range alike. */
int config_load(struct config *c, const char *path, char *why, size_t whycap);
/* The process-wide settings a loaded configuration governs (the mode of
 * exported files, core/outfile.h): config_load calls it. */
void config_apply(const struct config *c);
void config_free(struct config *c);
void config_defaults(struct config *c);

/* Other keys ("section:key"), with a default. */
const char *config_str(const struct config *c, const char *key, const char *def);
int config_int(const struct config *c, const char *key, int def);
double config_double(const struct config *c, const char *key, double def);

#endif
