/* fuzz_validate.c — the validators (core/validate.h) on any text: dates
 * and months, mobiles and phones, the 身份证号, money, integers, free text,
 * and a roster's words (core/roster_words.h).  Beyond
 * the sanitizers, what each promises: an accepted date's normal form is
 * accepted again unchanged; an accepted 身份证号 gives a real birth date and
 * reads the same with its digits typed 全角; money written back parses to
 * the same fen; a refusal always says why; free text that passes holds no
 * control character, and passes as multi-line text too; a date or month
 * read either way agrees with valid_date and valid_month; a roster word
 * maps only onto a word of its list, and mapping it again keeps it. */
#include <string.h>

#include "core/roster_words.h"
#include "core/validate.h"
#include "member/member.h"
#include "fuzz.h"

static void dates(const char *s)
{
	char norm[11], again[11], why[WHY_MAX] = "";
	if (valid_date(s, norm, why) == 0) {
		FUZZ_ASSERT(valid_date(norm, again, NULL) == 0 && strcmp(norm, again) == 0, s);
		char later[11];
		date_add_months(norm, 13, later);
		/* within the years valid_date takes, 13 months on is later */
		if (valid_date(later, NULL, NULL) == 0)
			FUZZ_ASSERT(date_diff_days(norm, later) >= 365, s);
	} else {
		FUZZ_ASSERT(why[0] != 0, s);
	}
}

/* valid_date_or_month is valid_date for a day and valid_month for a month. */
static void months(const char *s)
{
	char norm[11], day[11], month[8], why[WHY_MAX] = "";
	int kind = valid_date_or_month(s, norm, why);
	FUZZ_ASSERT(kind == DATE_DAY || kind == DATE_MONTH || (kind == -1 && why[0]), s);
	FUZZ_ASSERT((kind == DATE_DAY) == (valid_date(s, day, NULL) == 0), s);
	FUZZ_ASSERT((kind == DATE_MONTH) == (valid_month(s, month, NULL) == 0), s);
	if (kind == DATE_DAY)
		FUZZ_ASSERT(strcmp(norm, day) == 0, s);
	if (kind == DATE_MONTH) {
		FUZZ_ASSERT(strcmp(norm, month) == 0 && strlen(month) == 7, s);
		char first[11];
		snprintf(first, sizeof first, "%s-01", month);
		FUZZ_ASSERT(valid_date(first, NULL, NULL) == 0, s);
	}
}

static int listed(const char *const *list, const char *w)
{
	for (; *list; list++)
		if (strcmp(*list, w) == 0)
			return 1;
	return 0;
}

static void roster(const char *s)
{
	static const struct { enum roster_kind kind; const char *const *list; } kinds[] = {
		{ ROSTER_GENDER, member_genders }, { ROSTER_ETHNICITY, member_ethnicities },
		{ ROSTER_EDUCATION, member_educations },
	};
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		const char *label = NULL, *again = NULL;
		char why[WHY_MAX] = "";
		int r = roster_word(kinds[k].kind, s, kinds[k].list, &label, why);
		if (r == -1) {
			FUZZ_ASSERT(why[0] != 0 && label == NULL, s);
			continue;
		}
		FUZZ_ASSERT((r == ROSTER_UNKNOWN) == (label == NULL), s);
		if (!label)
			continue;
		FUZZ_ASSERT(listed(kinds[k].list, label), s);
		FUZZ_ASSERT(roster_word(kinds[k].kind, label, kinds[k].list, &again, NULL) == ROSTER_SAME &&
		            again == label, s);
	}
	char id[512];
	snprintf(id, sizeof id, "%s", s);
	fold_id_number(id);
	FUZZ_ASSERT(strlen(id) <= strlen(s) && !strchr(id, ' ') && !strchr(id, 'x'), s);
}

static void identity(const char *s)
{
	char birth[11], why[WHY_MAX] = "", wide[2048];
	int male = -1;
	if (valid_id_number(s, birth, &male, why) != 0) {
		FUZZ_ASSERT(why[0] != 0, s);
		return;
	}
	FUZZ_ASSERT(valid_date(birth, NULL, NULL) == 0 && (male == 0 || male == 1), s);
	size_t n = 0;   /* the same number, its digits 全角 */
	for (const char *c = s; *c && n + 4 < sizeof wide; c++) {
		if (*c >= '0' && *c <= '9') {
			wide[n++] = '\xef';
			wide[n++] = '\xbc';
			wide[n++] = (char)(0x90 + (*c - '0'));
		} else {
			wide[n++] = *c;
		}
	}
	wide[n] = 0;
	char birth2[11];
	FUZZ_ASSERT(valid_id_number(wide, birth2, NULL, NULL) == 0 && strcmp(birth, birth2) == 0, s);
}

static void numbers(const char *s)
{
	char why[WHY_MAX] = "", text[32];
	int64_t fen, back;
	if (parse_money(s, &fen, why) == 0) {
		FUZZ_ASSERT(fen >= 0, s);
		format_money(fen, text, sizeof text);
		FUZZ_ASSERT(parse_money(text, &back, NULL) == 0 && back == fen, s);
	} else {
		FUZZ_ASSERT(why[0] != 0, s);
	}
	long v;
	if (parse_int(s, 1, 99999, &v, NULL) == 0)
		FUZZ_ASSERT(v >= 1 && v <= 99999, s);
	valid_mobile(s, why);
	valid_phone(s, why);
}

static void text(const char *s)
{
	char why[WHY_MAX] = "", shown[600], tiny[7];
	/* Whatever s holds, what a message quotes of it is valid text. */
	text_shown(s, 40, shown, sizeof shown);
	FUZZ_ASSERT(valid_text(shown, 0, NULL) == 0, s);
	text_shown(s, 500, tiny, sizeof tiny);
	FUZZ_ASSERT(strlen(tiny) < sizeof tiny && valid_text(tiny, 0, NULL) == 0, s);
	if (valid_text(s, 0, why) != 0) {
		FUZZ_ASSERT(why[0] != 0, s);
		return;
	}
	FUZZ_ASSERT(valid_text(s, 1, NULL) == 0, s);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		FUZZ_ASSERT(*p >= 0x20 && *p != 0x7F, s);
	char folded[512];
	snprintf(folded, sizeof folded, "%s", s);
	fold_fullwidth_digits(folded);
	FUZZ_ASSERT(strlen(folded) <= strlen(s), s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[512];
	if (size >= sizeof s)
		size = sizeof s - 1;
	memcpy(s, data, size);
	s[size] = 0;
	dates(s);
	months(s);
	identity(s);
	roster(s);
	numbers(s);
	text(s);
	return 0;
}
