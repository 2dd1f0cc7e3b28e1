/* text.h — UTF-8 text measured in terminal columns, and pinyin initials.
 *
 * The database and every file hold UTF-8; the screen works in wchar_t.  The
 * conversion here is an explicit UTF-8 decoder, never the locale's mbstowcs,
 * so a GB18030 terminal sees the same data.  Widths are columns on screen. */
#ifndef DJ_TEXT_H
#define DJ_TEXT_H

#include <stddef.h>
#include <wchar.h>

/* [ui] ambiwidth: how many columns East-Asian-ambiguous characters (·, —, “,
 * box drawing) take on this terminal: 1 (default) or 2. */
void text_set_ambiwidth(int cols);
int text_ambiwidth(void);

/* Decodes UTF-8 into out (at most cap-1 characters, always terminated).
 * Invalid or truncated sequences become U+FFFD, one per bad byte; overlongs and
 * surrogates are invalid.  Returns the number of characters written. */
size_t utf8_to_wcs(const char *s, size_t len, wchar_t *out, size_t cap);

/* Encodes into out (at most cap-1 bytes, always terminated, never splitting a
 * character).  Returns bytes written. */
size_t wcs_to_utf8(const wchar_t *s, size_t n, char *out, size_t cap);

/* Columns one character takes: 0 for combining marks, ZWJ, variation
 * selectors; 2 for wide/fullwidth (CJK, Ext B+ such as 𠮷, emoji); ambiguous
 * per text_ambiwidth(); control characters count 1 (they are shown as U+FFFD
 * by text_cell_next). */
int wc_cols(wchar_t c);

/* Columns of a whole string. */
int wcs_cols(const wchar_t *s, size_t n);
int utf8_cols(const char *s);

/* One screen cell: a base character with the zero-width marks drawn with it
 * (at most TEXT_CELL_MAX-1 characters, terminated).  ZWJ and variation
 * selectors are dropped so every terminal draws the parts of a ZWJ sequence at
 * the widths counted here; control characters become U+FFFD ('?' with
 * ambiwidth 2, as U+FFFD is itself ambiguous).
 * Reads s[*i...], advances *i past the cell, sets *cols (1 or 2).
 * Returns 0 at the end of the string. */
#define TEXT_CELL_MAX 5
int text_cell_next(const wchar_t *s, size_t n, size_t *i, wchar_t cell[TEXT_CELL_MAX], int *cols);

/* A two-column stand-in for an ambiguous character (· -> ・, — -> －,
 * “ -> ＂, box drawing -> ＋－｜), or U+FF1F when there is none.  The drawing
 * layer uses it when ambiwidth is 2 but the locale counts the character as
 * one column (a UTF-8 terminal set to wide ambiguous characters); where the
 * locale already counts it two (GB18030), the character itself is drawn. */
wchar_t text_wide_form(wchar_t c);

/* Copies into out the longest prefix of s (n characters) that fits in `cols`
 * columns and pads with spaces to exactly `cols` columns.  A wide character
 * that would straddle the edge becomes a space.  Returns characters written
 * (out holds at most cap-1, terminated). */
size_t wcs_fit(const wchar_t *s, size_t n, int cols, wchar_t *out, size_t cap);

/* The same on UTF-8 in and out (for CLI reports and tests). */
size_t utf8_fit(const char *s, int cols, char *out, size_t cap);

/* Byte length of the longest prefix of s that fits in cols columns (no
 * padding), never splitting a character. */
size_t utf8_prefix_fitting(const char *s, int cols);

/* Pinyin initials, lower-case ASCII: "驿亭社区" -> "ytsq", "单位" -> "dw".
 * ASCII letters and digits are kept (lower-cased), everything else is
 * skipped.  Cached per character, so bulk import does not call ICU per row.
 * Returns 0, or -1 if ICU could not be opened (out then holds the ASCII part
 * only).  The first call of a process opens ICU's transliterator (about
 * 0.1 s): saves compute their initials before taking the write lock, so
 * that no other operator waits for it. */
int pinyin_initials(const char *utf8, char *out, size_t cap);

/* The same for a person's name: the first Han character takes its surname
 * reading (ICU's Han-Latin/Names): "单雄信" -> "sxx", "曾国藩" -> "zgf",
 * "区志明" -> "ozm". */
int pinyin_initials_person(const char *utf8, char *out, size_t cap);

/* Frees the ICU transliterator and cache (for leak-free tests). */
void pinyin_shutdown(void);

/* Trims leading and trailing ASCII and ideographic (U+3000) spaces in place. */
void utf8_trim(char *s);

#endif
