/* roster_words.h — the words real rosters (花名册) write, read onto the
 * dictionary's own: 大专 is 大学专科, 汉 is 汉族, 男性 is 男.  The import
 * maps a file's cells through it and reports every mapping it made; the
 * forms' pick fields let a typist enter the same words.
 *
 * Only what is unambiguous is mapped.  「大学」 alone may be 大学本科 or
 * 大学专科 and is refused saying so; a 民族 written without 族 is mapped
 * when the name plus 族 is one of the dictionary's, or when exactly one of
 * them begins with it (维吾尔 → 维吾尔族; 哈 could be 哈尼族 or 哈萨克族 and
 * is refused).  Degrees (学士) and 肄业 say nothing certain about the 学历
 * and are not mapped.
 *
 * No SQL here: the caller passes the dictionary's words (member.h's lists,
 * the same labels migration 002 seeds into `dict`). */
#ifndef DJ_ROSTER_WORDS_H
#define DJ_ROSTER_WORDS_H

#include "core/validate.h"

enum roster_kind { ROSTER_GENDER, ROSTER_ETHNICITY, ROSTER_EDUCATION };

enum roster_result {
	ROSTER_UNKNOWN = 0,   /* no word of the dictionary's nor one a roster writes for it */
	ROSTER_SAME = 1,      /* already the dictionary's word */
	ROSTER_MAPPED = 2,    /* a roster's word for *label */
};

/* The dictionary word for `typed` (trimmed by the caller) in a column of
 * `kind`; labels is the dictionary's words, NULL-terminated.  Returns a
 * roster_result with *label set for SAME and MAPPED (one of labels), or -1
 * with why when the word could be several of them (「哈」可能是哈尼族或
 * 哈萨克族：请填写全称). */
int roster_word(enum roster_kind kind, const char *typed, const char *const *labels,
                const char **label, char why[WHY_MAX]);

/* 1 when a word a roster writes for `label` (of any kind) begins with
 * `typed`: 大 and 大专 for 大学专科, 硕 for 研究生.  For pick fields, which
 * take only keys that lead to a choice. */
int roster_word_begins(const char *label, const char *typed);

/* The name of a kind as a column heading says it: 性别, 民族, 学历. */
const char *roster_kind_name(enum roster_kind kind);

#endif
