/* header_words.h — the words real rosters put in their header rows, read
 * as the import's own column names: spaces (also inside: 「姓  名」) and
 * line breaks dropped, half-width parentheses read as full-width, and one
 * table of synonyms (姓名/名字, 出生年月/出生日期 …) for every import. */
#ifndef DJ_HEADER_WORDS_H
#define DJ_HEADER_WORDS_H

#include <stddef.h>

/* The header cell in its compared form: no ASCII, ideographic (U+3000) or
 * no-break (U+00A0) spaces, tabs or line breaks anywhere; ( ) as （ ）. */
void header_normal(const char *cell, char *out, size_t cap);

/* The import column a synonym stands for ("所在支部" -> "所在党组织"),
 * both in compared form; NULL when the word is no synonym.  An import whose
 * own columns include the word itself reads it as that column first. */
const char *header_synonym(const char *normal);

/* 1 for a column an import leaves out when it is not one of its own: an
 * empty header, 序号, 编号 (the rows' numbers in the office's sheet). */
int header_ignored(const char *normal);

#endif
