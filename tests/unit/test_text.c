/* test_text.c — UTF-8 decoding, column widths, cells, fitting, pinyin. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/text.h"

/* Decodes s and checks the characters are exactly want[0..n). */
static void assert_decodes(const char *s, const wchar_t *want, size_t n)
{
	wchar_t out[32];
	size_t got = utf8_to_wcs(s, strlen(s), out, 32);
	assert_int_equal(got, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(out[i], want[i]);
	assert_int_equal(out[n], 0);
}

static void test_ascii_widths(void **state)
{
	(void)state;
	assert_int_equal(wc_cols(L'a'), 1);
	assert_int_equal(wc_cols(L' '), 1);
	assert_int_equal(wc_cols(L'~'), 1);
	assert_int_equal(utf8_cols("hello, world"), 12);
	assert_int_equal(utf8_cols(""), 0);
	assert_int_equal(utf8_cols(NULL), 0);
}

static void test_cjk_widths(void **state)
{
	(void)state;
	assert_int_equal(wc_cols(0x4E2D), 2);           /* 中 */
	assert_int_equal(utf8_cols("中文"), 4);
	assert_int_equal(utf8_cols("党支部Ab"), 8);
	assert_int_equal(utf8_cols("，。（）"), 8);      /* full-width punctuation */
	assert_int_equal(wc_cols(0x3000), 2);           /* ideographic space */
	assert_int_equal(wc_cols(0xFF21), 2);           /* Ａ */
	assert_int_equal(wc_cols(0xFF71), 1);           /* half-width ｱ */
	assert_int_equal(wc_cols(0xAC00), 2);           /* 가 */
	assert_int_equal(wc_cols(0x20BB7), 2);          /* 𠮷, Ext B */
	assert_int_equal(utf8_cols("\xF0\xA0\xAE\xB7"), 2);
	assert_int_equal(wc_cols(0x303F), 1);           /* the one narrow CJK symbol */
}

static void test_emoji_widths(void **state)
{
	(void)state;
	assert_int_equal(wc_cols(0x1F600), 2);          /* 😀 */
	assert_int_equal(utf8_cols("\xF0\x9F\x98\x80"), 2);
	assert_int_equal(wc_cols(0x1F9D1), 2);          /* 🧑 */
	assert_int_equal(wc_cols(0x2705), 2);           /* ✅ */
	/* text-presentation emoji are one column for glibc, hence for ncurses */
	assert_int_equal(wc_cols(0x1F3CB), 1);          /* 🏋 */
	assert_int_equal(wc_cols(0x2640), 1);           /* ♀ (ambiguous) */
	assert_int_equal(wc_cols(0x1F3FB), 2);          /* skin tone modifier */
}

static void test_zero_width(void **state)
{
	(void)state;
	assert_int_equal(wc_cols(0x0301), 0);
	assert_int_equal(wc_cols(0x20E3), 0);           /* combining keycap */
	assert_int_equal(wc_cols(0x1AB0), 0);
	assert_int_equal(wc_cols(0x1DC0), 0);
	assert_int_equal(wc_cols(0xFE20), 0);
	assert_int_equal(wc_cols(0x200D), 0);           /* ZWJ */
	assert_int_equal(wc_cols(0x200C), 0);           /* ZWNJ */
	assert_int_equal(wc_cols(0x200B), 0);           /* ZWSP */
	assert_int_equal(wc_cols(0xFE0F), 0);
	assert_int_equal(wc_cols(0xE0100), 0);
	assert_int_equal(wc_cols(0x1160), 0);           /* Hangul medial vowel */
}

static void test_control_chars(void **state)
{
	(void)state;
	wchar_t cell[TEXT_CELL_MAX];
	int cols;
	size_t i = 0;
	const wchar_t s[] = {L'a', 0x07, 0x1B, 0x7F, 0x85, 0x2028, 0};

	assert_int_equal(wc_cols(0x07), 1);
	assert_int_equal(wc_cols(0x7F), 1);
	assert_int_equal(wc_cols(0x85), 1);
	assert_int_equal(wc_cols(0xD800), 1);
	assert_int_equal(wc_cols(0x110000), 1);
	assert_int_equal(wc_cols(-5), 1);
	assert_int_equal(wcs_cols(s, 6), 6);
	assert_int_equal(text_cell_next(s, 6, &i, cell, &cols), 1);
	assert_int_equal(cell[0], L'a');
	for (int k = 0; k < 5; k++) {
		assert_int_equal(text_cell_next(s, 6, &i, cell, &cols), 1);
		assert_int_equal(cell[0], 0xFFFD);
		assert_int_equal(cell[1], 0);
		assert_int_equal(cols, 1);
	}
	assert_int_equal(text_cell_next(s, 6, &i, cell, &cols), 0);
	assert_int_equal(utf8_cols("a\tb"), 3);
}

static void test_unassigned_in_emoji_block(void **state)
{
	(void)state;
	wchar_t cell[TEXT_CELL_MAX];
	int cols;
	size_t i = 0;
	/* U+1FAE8 arrived in Unicode 15, after this glibc: ncurses gives it one
	 * column, newer terminals two, so it is drawn as U+FFFD. */
	const wchar_t s[] = {0x1FAE8, 0};
	assert_int_equal(wc_cols(0x1FAE8), 1);
	assert_int_equal(text_cell_next(s, 1, &i, cell, &cols), 1);
	assert_int_equal(cell[0], 0xFFFD);
	assert_int_equal(cols, 1);
}

static void test_zwj_family_cells(void **state)
{
	(void)state;
	/* 👨‍👩‍👧: three emoji joined by ZWJ */
	const wchar_t fam[] = {0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467, 0};
	const wchar_t parts[] = {0x1F468, 0x1F469, 0x1F467};
	const size_t ends[] = {2, 4, 5};
	wchar_t cell[TEXT_CELL_MAX];
	int cols, total = 0;
	size_t i = 0;

	for (int k = 0; k < 3; k++) {
		assert_int_equal(text_cell_next(fam, 5, &i, cell, &cols), 1);
		assert_int_equal(cell[0], parts[k]);
		assert_int_equal(cell[1], 0);           /* the ZWJ is dropped */
		assert_int_equal(cols, 2);
		assert_int_equal(i, ends[k]);
		total += cols;
	}
	assert_int_equal(text_cell_next(fam, 5, &i, cell, &cols), 0);
	assert_int_equal(total, 6);
	assert_int_equal(wcs_cols(fam, 5), 6);
	assert_int_equal(utf8_cols("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"), 6);
}

static void test_combining_cells(void **state)
{
	(void)state;
	wchar_t cell[TEXT_CELL_MAX];
	int cols;
	size_t i = 0;
	const wchar_t e_acute[] = {L'e', 0x0301, L'x', 0};
	const wchar_t lone[] = {0x0301, L'x', 0};
	const wchar_t keycap[] = {L'1', 0xFE0F, 0x20E3, 0};
	const wchar_t many[] = {L'a', 0x0301, 0x0302, 0x0303, 0x0304, L'b', 0};
	const wchar_t lead_zwj[] = {0x200D, 0xFE0F, 0};

	assert_int_equal(text_cell_next(e_acute, 3, &i, cell, &cols), 1);
	assert_int_equal(cell[0], L'e');
	assert_int_equal(cell[1], 0x0301);
	assert_int_equal(cell[2], 0);
	assert_int_equal(cols, 1);
	assert_int_equal(i, 2);
	assert_int_equal(wcs_cols(e_acute, 3), 2);

	i = 0; /* a mark with nothing before it sits on a space */
	assert_int_equal(text_cell_next(lone, 2, &i, cell, &cols), 1);
	assert_int_equal(cell[0], L' ');
	assert_int_equal(cell[1], 0x0301);
	assert_int_equal(cols, 1);
	assert_int_equal(wcs_cols(lone, 2), 2);

	i = 0; /* the variation selector is dropped, the keycap kept */
	assert_int_equal(text_cell_next(keycap, 3, &i, cell, &cols), 1);
	assert_int_equal(cell[0], L'1');
	assert_int_equal(cell[1], 0x20E3);
	assert_int_equal(cell[2], 0);
	assert_int_equal(i, 3);

	i = 0; /* marks beyond the cell's room are consumed but not kept */
	assert_int_equal(text_cell_next(many, 6, &i, cell, &cols), 1);
	assert_int_equal(cell[0], L'a');
	assert_int_equal(cell[3], 0x0303);
	assert_int_equal(cell[4], 0);
	assert_int_equal(i, 5);
	assert_int_equal(text_cell_next(many, 6, &i, cell, &cols), 1);
	assert_int_equal(cell[0], L'b');

	i = 0; /* only invisible characters: no cell at all */
	assert_int_equal(text_cell_next(lead_zwj, 2, &i, cell, &cols), 0);
	assert_int_equal(i, 2);
	assert_int_equal(wcs_cols(lead_zwj, 2), 0);
}

static void test_cell_stops_at_n_and_nul(void **state)
{
	(void)state;
	wchar_t cell[TEXT_CELL_MAX];
	int cols;
	size_t i = 0;
	const wchar_t s[] = {L'a', 0x0301, L'b', 0};
	/* n = 1 cuts the mark off */
	assert_int_equal(text_cell_next(s, 1, &i, cell, &cols), 1);
	assert_int_equal(cell[1], 0);
	assert_int_equal(text_cell_next(s, 1, &i, cell, &cols), 0);
	assert_int_equal(wcs_cols(s, 100), 2);          /* the NUL ends it */
}

static void test_ambiguous(void **state)
{
	(void)state;
	static const struct {
		wchar_t c, full;
	} amb[] = {
		{0x00B7, 0x30FB}, {0x2014, 0xFF0D}, {0x201C, 0xFF02}, {0x201D, 0xFF02},
		{0x2018, 0xFF07}, {0x2019, 0xFF07}, {0x2026, 0xFE19}, {0x00B0, 0x309C},
		{0x00D7, 0xFF58}, {0x2460, 0x3280}, {0x2469, 0x3289}, {0x2500, 0xFF0D},
		{0x2502, 0xFF5C}, {0x250C, 0xFF0B}, {0x203B, 0xFF1F}, {0x00B1, 0xFF1F},
		{0x00F7, 0xFF1F}, {0x00A7, 0xFF1F}, {0x00A8, 0xFF1F}, {0x03B1, 0xFF1F},
		{0x0416, 0xFF1F}, {0x2192, 0xFF1F}, {0x24FF, 0xFF1F},
	};
	wchar_t cell[TEXT_CELL_MAX];
	int cols;

	assert_int_equal(text_ambiwidth(), 1);
	for (size_t k = 0; k < sizeof amb / sizeof amb[0]; k++) {
		wchar_t s[2] = {amb[k].c, 0};
		size_t i = 0;
		assert_int_equal(wc_cols(amb[k].c), 1);
		assert_int_equal(text_cell_next(s, 1, &i, cell, &cols), 1);
		assert_int_equal(cell[0], amb[k].c);
		assert_int_equal(cols, 1);
	}
	text_set_ambiwidth(2);
	assert_int_equal(text_ambiwidth(), 2);
	for (size_t k = 0; k < sizeof amb / sizeof amb[0]; k++) {
		wchar_t s[2] = {amb[k].c, 0};
		size_t i = 0;
		assert_int_equal(wc_cols(amb[k].c), 2);
		assert_int_equal(text_cell_next(s, 1, &i, cell, &cols), 1);
		assert_int_equal(cell[0], amb[k].c);      /* drawn as itself where the locale agrees */
		assert_int_equal(cols, 2);
		assert_int_equal(text_wide_form(amb[k].c), amb[k].full);
		assert_int_equal(wc_cols(amb[k].full), 2);
	}
	assert_int_equal(utf8_cols("“党员”·—"), 12);
	assert_int_equal(wc_cols(0x4E2D), 2);
	assert_int_equal(wc_cols(L'a'), 1);
	assert_int_equal(wc_cols(0xFFFD), 1);
	{ /* a one-column placeholder must not be the (ambiguous) U+FFFD */
		const wchar_t ctl[] = {0x01, 0xFFFD, 0};
		size_t i = 0;
		assert_int_equal(text_cell_next(ctl, 2, &i, cell, &cols), 1);
		assert_int_equal(cell[0], L'?');
		assert_int_equal(cols, 1);
		assert_int_equal(text_cell_next(ctl, 2, &i, cell, &cols), 1);
		assert_int_equal(cell[0], L'?');
		assert_int_equal(cols, 1);
	}
	text_set_ambiwidth(3);
	assert_int_equal(text_ambiwidth(), 1);
	text_set_ambiwidth(1);
	assert_int_equal(utf8_cols("“党员”·—"), 8);
}

static void test_wcs_fit(void **state)
{
	(void)state;
	wchar_t out[32];
	const wchar_t three[] = {0x4E2D, 0x6587, 0x5B57, 0};       /* 中文字 */
	const wchar_t ab_zh[] = {L'a', L'b', 0x4E2D, 0};
	const wchar_t fam[] = {0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467, 0};

	/* 字 would straddle column 5: it becomes a space */
	assert_int_equal(wcs_fit(three, 3, 5, out, 32), 3);
	assert_int_equal(out[0], 0x4E2D);
	assert_int_equal(out[1], 0x6587);
	assert_int_equal(out[2], L' ');
	assert_int_equal(out[3], 0);
	assert_int_equal(wcs_cols(out, 3), 5);

	assert_int_equal(wcs_fit(ab_zh, 3, 3, out, 32), 3);
	assert_true(wcscmp(out, L"ab ") == 0);
	assert_int_equal(wcs_fit(L"ab", 2, 5, out, 32), 5);
	assert_true(wcscmp(out, L"ab   ") == 0);
	assert_int_equal(wcs_fit(three, 3, 0, out, 32), 0);
	assert_int_equal(out[0], 0);
	assert_int_equal(wcs_fit(three, 3, -3, out, 32), 0);
	assert_int_equal(wcs_fit(three, 3, 6, out, 32), 3);
	assert_int_equal(out[2], 0x5B57);

	/* whole cells: the ZWJ after a fitting emoji stays with it */
	assert_int_equal(wcs_fit(fam, 5, 5, out, 32), 5);
	assert_int_equal(out[0], 0x1F468);
	assert_int_equal(out[1], 0x200D);
	assert_int_equal(out[2], 0x1F469);
	assert_int_equal(out[3], 0x200D);
	assert_int_equal(out[4], L' ');

	/* cap: at most cap-1 characters, never half a cell */
	assert_int_equal(wcs_fit(three, 3, 6, out, 2), 1);
	assert_int_equal(out[0], 0x4E2D);
	assert_int_equal(out[1], 0);
	assert_int_equal(wcs_fit(three, 3, 6, out, 0), 0);
}

static void test_utf8_fit(void **state)
{
	(void)state;
	char out[64];

	assert_int_equal(utf8_fit("洪辉同志", 5, out, sizeof out), 7);
	assert_string_equal(out, "洪辉 ");
	assert_int_equal(utf8_fit("ab", 4, out, sizeof out), 4);
	assert_string_equal(out, "ab  ");
	assert_int_equal(utf8_fit("e\xCC\x81x", 1, out, sizeof out), 3);
	assert_string_equal(out, "e\xCC\x81");
	/* the output is valid UTF-8 even when the input was not */
	assert_int_equal(utf8_fit("a\xFF" "b", 3, out, sizeof out), 5);
	assert_string_equal(out, "a\xEF\xBF\xBD" "b");
	/* cap 5: 中 (3 bytes) fits, 文 does not; one space still does */
	assert_int_equal(utf8_fit("中文", 4, out, 5), 4);
	assert_string_equal(out, "中 ");
	assert_int_equal(utf8_fit("中文", 4, out, 1), 0);
	assert_string_equal(out, "");
}

static void test_utf8_prefix_fitting(void **state)
{
	(void)state;
	assert_int_equal(utf8_prefix_fitting("洪辉同志", 5), 6);
	assert_int_equal(utf8_prefix_fitting("洪辉同志", 8), 12);
	assert_int_equal(utf8_prefix_fitting("洪辉同志", 100), 12);
	assert_int_equal(utf8_prefix_fitting("abc", 2), 2);
	assert_int_equal(utf8_prefix_fitting("abc", 0), 0);
	assert_int_equal(utf8_prefix_fitting("e\xCC\x81" "f", 1), 3);
	assert_int_equal(utf8_prefix_fitting("中", 1), 0);
	/* 👨 ZWJ 👩 ZWJ 👧: four columns take the first two emoji and their ZWJs */
	assert_int_equal(utf8_prefix_fitting("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", 4), 14);
	assert_int_equal(utf8_prefix_fitting("a\xE4\xB8" "b", 2), 2);
}

static void test_broken_utf8(void **state)
{
	(void)state;
	const wchar_t R = 0xFFFD;
	assert_decodes("\x80", (const wchar_t[]){R}, 1);                       /* lone continuation */
	assert_decodes("a\x80" "b", (const wchar_t[]){L'a', R, L'b'}, 3);
	assert_decodes("\xE4\xB8", (const wchar_t[]){R, R}, 2);                /* truncated 中 */
	assert_decodes("\xE4\xB8" "a", (const wchar_t[]){R, R, L'a'}, 3);
	assert_decodes("\xC0\xAF", (const wchar_t[]){R, R}, 2);                /* overlong '/' */
	assert_decodes("\xC1\xBF", (const wchar_t[]){R, R}, 2);
	assert_decodes("\xE0\x80\xAF", (const wchar_t[]){R, R, R}, 3);         /* overlong, 3 bytes */
	assert_decodes("\xF0\x80\x80\xAF", (const wchar_t[]){R, R, R, R}, 4);  /* overlong, 4 bytes */
	assert_decodes("\xED\xA0\x80", (const wchar_t[]){R, R, R}, 3);         /* surrogate D800 */
	assert_decodes("\xED\x9F\xBF", (const wchar_t[]){0xD7FF}, 1);          /* just below */
	assert_decodes("\xF4\x90\x80\x80", (const wchar_t[]){R, R, R, R}, 4);  /* > U+10FFFF */
	assert_decodes("\xF5\x80\x80\x80", (const wchar_t[]){R, R, R, R}, 4);
	assert_decodes("\xFE\xFF", (const wchar_t[]){R, R}, 2);
	assert_decodes("\xF0\xA0\xAE\xB7", (const wchar_t[]){0x20BB7}, 1);     /* 𠮷 */
	assert_decodes("\xF4\x8F\xBF\xBF", (const wchar_t[]){0x10FFFF}, 1);
	assert_decodes("\xC2\x80", (const wchar_t[]){0x80}, 1);
	assert_int_equal(utf8_cols("\xE4\xB8"), 2);

	{ /* the given length ends decoding even inside a sequence */
		wchar_t out[8];
		assert_int_equal(utf8_to_wcs("\xE4\xB8\xAD", 2, out, 8), 2);
		assert_int_equal(out[0], R);
		assert_int_equal(out[1], R);
		assert_int_equal(utf8_to_wcs("ab\0cd", 5, out, 8), 2);  /* and a NUL */
	}
}

static void test_round_trip(void **state)
{
	(void)state;
	const char *s = "党支部 Ab1，𠮷😀e\xCC\x81\xE2\x80\x8D·";
	wchar_t w[64];
	char back[128];
	size_t n = utf8_to_wcs(s, strlen(s), w, 64);

	assert_int_equal(n, 14);
	assert_int_equal(w[0], 0x515A);
	assert_int_equal(w[8], 0x20BB7);
	assert_int_equal(w[9], 0x1F600);
	assert_int_equal(wcs_to_utf8(w, n, back, sizeof back), strlen(s));
	assert_string_equal(back, s);

	/* caps: at most cap-1 characters / bytes, never half a character */
	assert_int_equal(utf8_to_wcs(s, strlen(s), w, 3), 2);
	assert_int_equal(w[2], 0);
	assert_int_equal(utf8_to_wcs(s, strlen(s), w, 0), 0);
	assert_int_equal(wcs_to_utf8(L"中文", 2, back, 5), 3);
	assert_string_equal(back, "中");
	assert_int_equal(wcs_to_utf8(L"中文", 2, back, 1), 0);
	assert_string_equal(back, "");
	{ /* what cannot be encoded becomes U+FFFD */
		const wchar_t bad[] = {0xD800, 0x110000, -1, L'x', 0};
		assert_int_equal(wcs_to_utf8(bad, 4, back, sizeof back), 10);
		assert_string_equal(back, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx");
	}
}

static int pinyin_teardown(void **state)
{
	(void)state;
	pinyin_shutdown();
	return 0;
}

static void assert_initials(const char *name, const char *want)
{
	char out[64];
	assert_int_equal(pinyin_initials(name, out, sizeof out), 0);
	assert_string_equal(out, want);
}

static void assert_person(const char *name, const char *want)
{
	char out[64];
	assert_int_equal(pinyin_initials_person(name, out, sizeof out), 0);
	assert_string_equal(out, want);
}

static void test_pinyin(void **state)
{
	(void)state;
	char out[8];

	assert_initials("洪辉", "hh");
	assert_person("单雄信", "sxx");     /* 单 as a surname: shan */
	assert_person("曾国藩", "zgf");     /* 曾 as a surname: zeng */
	assert_person("区志明", "ozm");     /* 区 as a surname: ou */
	assert_person("洪单", "hd");        /* only the first character is a surname */
	assert_initials("单位", "dw");      /* not a name: dan */
	assert_initials("驿亭社区", "ytsq");
	assert_initials("曾经", "cj");
	assert_initials("张三", "zs");
	assert_initials("Li明2", "lim2");
	assert_initials("爱", "a");         /* tone mark stripped: ài */
	assert_initials("吕", "l");
	assert_initials("〇", "l");         /* outside the common block: ling */
	assert_initials("", "");
	assert_initials("①·—ABC xyz!", "abcxyz");
	assert_initials("洪辉", "hh");      /* now from the cache */
	assert_initials("〇", "l");
	/* Supplementary-plane Han (CJK Ext B+) in names */
	assert_initials("𠮷田春", "jtc");   /* 𠮷, a variant of 吉, has no reading of its own */
	assert_person("𠮷田春", "jtc");
	assert_initials("山﨑", "sq");       /* 﨑 (U+FA11) reads as 崎 */
	assert_person("赵孟𫖯", "zmf");     /* Ext C, in the 通用规范汉字表 */
	assert_initials("𡈼", "t");         /* Ext B: ting */
	assert_initials("𬘡𫄸", "yx");      /* Ext E and C: yin, xun */

	assert_int_equal(pinyin_initials("洪辉同志", out, 3), 0);
	assert_string_equal(out, "hh");
	assert_int_equal(pinyin_initials(NULL, out, sizeof out), 0);
	assert_string_equal(out, "");

	pinyin_shutdown(); /* usable again after a shutdown */
	assert_person("曾国藩", "zgf");
	assert_initials("曾国藩", "cgf");
}

static void test_trim(void **state)
{
	(void)state;
	char a[] = "  中文　", b[] = "　　", c[] = "a b", d[] = "\t x \r\n", e[] = "\xE3",
	     f[] = "", g[] = "　党 员 ";
	utf8_trim(a);
	assert_string_equal(a, "中文");
	utf8_trim(b);
	assert_string_equal(b, "");
	utf8_trim(c);
	assert_string_equal(c, "a b");
	utf8_trim(d);
	assert_string_equal(d, "x");
	utf8_trim(e);
	assert_string_equal(e, "\xE3");
	utf8_trim(f);
	assert_string_equal(f, "");
	utf8_trim(g);
	assert_string_equal(g, "党 员");
	utf8_trim(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_widths),
		cmocka_unit_test(test_cjk_widths),
		cmocka_unit_test(test_emoji_widths),
		cmocka_unit_test(test_zero_width),
		cmocka_unit_test(test_control_chars),
		cmocka_unit_test(test_unassigned_in_emoji_block),
		cmocka_unit_test(test_zwj_family_cells),
		cmocka_unit_test(test_combining_cells),
		cmocka_unit_test(test_cell_stops_at_n_and_nul),
		cmocka_unit_test(test_ambiguous),
		cmocka_unit_test(test_wcs_fit),
		cmocka_unit_test(test_utf8_fit),
		cmocka_unit_test(test_utf8_prefix_fitting),
		cmocka_unit_test(test_broken_utf8),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test_teardown(test_pinyin, pinyin_teardown),
		cmocka_unit_test(test_trim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
