/* validate.h — checks on what operators type.  Each returns 0 when valid, or
 * fills `why` (UTF-8 Chinese, a short reason such as "日期不存在") and returns -1.
 * `why` may be NULL.  Empty strings are the caller's business (required or
 * not); these functions treat "" as invalid. */
#ifndef DJ_VALIDATE_H
#define DJ_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#define WHY_MAX 192

/* YYYY-MM-DD, a real calendar day, 1900-01-01 .. 2099-12-31.  Also accepts the
 * forms operators and rosters write — YYYYMMDD, YYYY.MM.DD, YYYY/MM/DD,
 * YYYY-M-D, 1990年7月1日 (or 1日 written 1号), digits and separators 全角 too
 * (１９９０．７．１) — and writes the normal form into norm (11 bytes) when
 * norm is not NULL.  A year and month alone (2015年7月, 2015.07, 201507) is
 * refused: 只有年月（2015年7月），缺少日：请填写完整日期. */
int valid_date(const char *s, char norm[11], char why[WHY_MAX]);

/* The same forms, where a field may hold a month only: DATE_DAY with norm
 * YYYY-MM-DD, DATE_MONTH with norm YYYY-MM (2015年7月, 2015.07, 2015-7,
 * 201507; the month must exist), or -1 with why. */
enum { DATE_DAY = 1, DATE_MONTH = 2 };
int valid_date_or_month(const char *s, char norm[11], char why[WHY_MAX]);

/* A month (党费交至, a dues month): the month forms above to YYYY-MM in norm
 * (8 bytes).  0, or -1 with why (a full date: 应为年月（如 2024-06），不填日). */
int valid_month(const char *s, char norm[8], char why[WHY_MAX]);

/* today in YYYY-MM-DD (local time); DJ_TODAY in the environment overrides it
 * for tests.  Returns buf. */
const char *today(char buf[11]);

/* Days between two normal dates (b - a). */
long date_diff_days(const char *a, const char *b);

/* Adds months to a normal date (clamping the day to the month's end). */
void date_add_months(const char *d, int months, char out[11]);

/* Mobile: 1[3-9] followed by 9 digits. */
int valid_mobile(const char *s, char why[WHY_MAX]);

/* Mobile, or a landline: optional area code 0xx(x) with '-', then 7-8 digits,
 * optional extension "-nnnn". */
int valid_phone(const char *s, char why[WHY_MAX]);

/* 身份证号, GB 11643-1999: 18 characters, 17 digits and a check character
 * (0-9 or X/x), region code not 00, an existing birth date, the check digit
 * from the ISO 7064 MOD 11-2 weights.  Read through fold_id_number: 全角
 * digits and spaces inside are no fault.  A number Excel has already turned
 * into a number — 3.30682E+17, or 18 digits whose last three became 000 and
 * so fail the check digit — is refused saying so (身份证号已被 Excel 转成
 * 数字…).  On success the birth date is written to birth (11 bytes, may be
 * NULL) and *male to 1/0 from the 17th digit (may be NULL). */
int valid_id_number(const char *s, char birth[11], int *male, char why[WHY_MAX]);

/* 全角数字 as an input method types them: ０-９ (U+FF10-FF19) become 0-9 and
 * Ｘ/ｘ become X, in place (the text only shrinks).  For a 身份证号, which
 * valid_id_number also reads through this mapping. */
void fold_fullwidth_digits(char *s);

/* A 身份证号 as stored: fold_fullwidth_digits, x upper-cased, and the spaces
 * a roster puts inside (ASCII, Tab, 全角 U+3000) removed, in place. */
void fold_id_number(char *s);

/* 1 when s is a 身份证号 Excel has written as a number (3.30682E+17,
 * 3.30682199001011E+17): the trailing digits are lost. */
int id_number_is_excel_number(const char *s);

/* Free text (a name, a note): 0, or -1 with why saying what it holds that a
 * terminal would act on or hide instead of showing, and where ("含有控制字符
 * （U+001B，第 3 个字）").  Refused: C0 controls (multiline text keeps Tab and
 * line feed), DEL, C1 controls, U+FEFF (a byte order mark, as a file joined
 * from two carries mid-way), the bidirectional marks, embeddings, overrides
 * and isolates (U+061C, U+200E/200F, U+202A-202E, U+2066-2069), the line
 * and paragraph separators U+2028/2029, the deprecated format characters
 * U+206A-206F, the interlinear annotations U+FFF9-FFFB, and malformed UTF-8.
 * Zero-width joiners (U+200C/200D), variation selectors and emoji tags are
 * kept: real names and notes hold emoji sequences.  "" is valid. */
int valid_text(const char *s, int multiline, char why[WHY_MAX]);

/* s as a message may quote it: every character valid_text refuses (with
 * Tab and line feed) and every malformed byte becomes "?", and past
 * max_chars characters, or when out would overflow, it ends in "…".  For
 * echoing what a file or a typist gave before it is validated. */
void text_shown(const char *s, size_t max_chars, char *out, size_t cap);

/* One free-text field of a record, for valid_texts. */
struct text_field {
	const char *key;      /* the dj_err field (the form puts the cursor there) */
	const char *label;    /* 「label」 in the message */
	const char *value;
	int multiline;        /* an FT_NOTE field: Tab and line feed allowed */
};

/* valid_text on each field in turn: 0, or DJ_INVALID with e naming the
 * first refused field: 「备注」含有控制字符（U+001B，第 3 个字）.  e may be
 * NULL. */
struct dj_err;
int valid_texts(const struct text_field *f, int n, struct dj_err *e);

/* Money in yuan as typed ("12", "12.5", "1,234.56", "￥12.50") to fen.
 * Negative and more than 2 decimals are refused; up to 10^12 fen. */
int parse_money(const char *s, int64_t *fen, char why[WHY_MAX]);

/* fen -> "1234.56" */
void format_money(int64_t fen, char *out, size_t cap);

/* A non-negative integer within [min, max]. */
int parse_int(const char *s, long min, long max, long *out, char why[WHY_MAX]);

#endif
