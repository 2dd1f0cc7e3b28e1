/* collate.h — Chinese text in the order offices expect: by pinyin, through
 * ICU's collator for zh, and with Chinese numbers in numeric order, so
 * 第二党支部 follows 第一党支部 and 第十一 follows 第十 (in plain pinyin
 * 二 èr would come before 一 yī).
 *
 * db_open registers it on every connection as the SQLite collation "zh", so
 * a query can ORDER BY name COLLATE zh.  It is never part of the schema (no
 * index or column declares it): the sqlite3 shell and a backup check can
 * still read and check every file. */
#ifndef DJ_COLLATE_H
#define DJ_COLLATE_H

#include <sqlite3.h>
#include <stddef.h>

/* Writes s (n bytes of UTF-8) with each Chinese number written in digits
 * where it counts something: after 第 (第十一 → 第11) or before 支部, 小组,
 * 组, 总支 or 党 (三组 → 3组, 机关二支部 → 机关2支部).  A number elsewhere
 * (三星村, 统一) keeps its characters and sorts by its reading.  Returns
 * the bytes written (out is always terminated, at most cap - 1 bytes). */
size_t collate_numbers(const char *s, size_t n, char *out, size_t cap);

/* Compares like the collation: < 0, 0, > 0.  Falls back to byte order when
 * ICU cannot be opened. */
int collate_zh(const char *a, size_t na, const char *b, size_t nb);

/* Registers "zh" on db.  0, or an SQLite error code. */
int collate_register(sqlite3 *db);

/* Frees the process's ICU collator (for leak-free tests). */
void collate_shutdown(void);

#endif
