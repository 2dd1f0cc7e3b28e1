/* xlsx_value.c — a cell's number as the text an import reads: serial dates
 * in a date format as YYYY-MM-DD, other numbers as the shortest text that
 * reads back to the same double. */
#include "docs/xlsx_part.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Excel's built-in formats that are dates (not times of day): 14–17 and
 * 22 everywhere; 27–31, 36, 50–54, 57–58 in the Chinese, Japanese and
 * Korean locales (年月日 forms; 32–35, 55–56 there are 时分 times). */
int xlsx_builtin_is_date(long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
	       (id >= 50 && id <= 54) || id == 57 || id == 58;
}

/* A [...] section: [h], [mm], [ss] make an elapsed time; [$-804], [Red],
 * [DBNum1] are locale, colour and numeral marks. */
static int bracket_is_elapsed(const char *from, const char *to)
{
	if (from == to)
		return 0;
	for (const char *c = from; c < to; c++)
		if (!strchr("hHmMsS", *c))
			return 0;
	return 1;
}

int xlsx_code_is_date(const char *code)
{
	int ymd = 0, month = 0, hms = 0;
	for (const char *c = code; *c && *c != ';'; c++) {   /* the first section decides */
		if (*c == '"') {
			const char *e = strchr(c + 1, '"');
			if (!e)
				break;
			c = e;
		} else if (*c == '\\' || *c == '_' || *c == '*') {
			if (!c[1])
				break;
			c++;   /* an escaped or padding character */
		} else if (*c == '[') {
			const char *e = strchr(c, ']');
			if (!e)
				break;
			if (bracket_is_elapsed(c + 1, e))
				return 0;
			c = e;
		} else {
			int l = tolower((unsigned char)*c);
			ymd |= l == 'y' || l == 'd';
			month |= l == 'm';
			hms |= l == 'h' || l == 's';
		}
	}
	return ymd || (month && !hms);
}

/* Days since 1970-01-01 to a civil date (proleptic Gregorian). */
static void civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A serial day as YYYY-MM-DD.  1900 system: day 1 is 1900-01-01 and Excel
 * counts a 1900-02-29 that never was (day 60, written as such so the
 * date check refuses it); 1904 system: day 0 is 1904-01-01.  Returns 0
 * when the value is no date Excel shows (before day 1, after 9999). */
static int serial_date(double v, int date1904, char *out, size_t cap)
{
	if (!(v >= (date1904 ? 0 : 1)) || v >= 2958466)
		return 0;
	long day = (long)floor(v);
	long unix_day;
	if (date1904)
		unix_day = day - 24107;
	else if (day == 60) {
		snprintf(out, cap, "1900-02-29");
		return 1;
	} else
		unix_day = day - (day < 60 ? 25568 : 25569);
	int y, m, d;
	civil(unix_day, &y, &m, &d);
	snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
	return 1;
}

/* The shortest %g text that reads back as v, E upper-case as Excel shows
 * it; integers below 10^15 (every digit exact) in full, without a point. */
static void shortest(double v, char *out, size_t cap)
{
	if (v == 0) {
		snprintf(out, cap, "0");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(out, cap, "%.0f", v);
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(out, cap, "%.*G", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
}

void xlsx_number_text(const char *v, int date, int date1904, char *out, size_t cap)
{
	char *end;
	double d = strtod(v, &end);
	if (end == v || *end || !isfinite(d)) {
		snprintf(out, cap, "%s", v);   /* not a number: as written */
		return;
	}
	if (date && serial_date(d, date1904, out, cap))
		return;
	shortest(d, out, cap);
}
