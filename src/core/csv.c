/* csv.c — CSV files as Excel and WPS write and read them.
 *
 * A reader loads the whole file, settles its encoding once (UTF-8 with or
 * without BOM, else GB18030 through iconv), and checks every quote is closed
 * before the caller sees a record, so an import either starts on a sound file
 * or is refused with the line to look at. */
#include "core/csv.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct csv_reader {
	char *buf;          /* the whole file as UTF-8, NUL-terminated */
	size_t len, pos;
	int line;           /* physical line at pos, 1-based */
	int bad_line;       /* where an unterminated quote opened */
	enum csv_encoding enc;
	char *rec;          /* the current record's fields, each NUL-terminated */
	size_t rec_len, rec_cap;
	size_t *offs;       /* where each field starts in rec */
	char **fields;
	int nfields, fields_cap;
};

static void say(char *why, size_t whycap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *why, size_t whycap, const char *fmt, ...)
{
	if (why && whycap) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(why, whycap, fmt, ap);
		va_end(ap);
	}
}

/* 1-based line of byte offset `at`. */
static int line_of(const char *data, size_t at)
{
	int line = 1;
	for (size_t i = 0; i < at; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

/* Strict UTF-8 check (no overlongs, surrogates or code points past U+10FFFF).
 * Returns 1 when valid; else 0 with the first bad byte in *bad_at.  Counts
 * valid multi-byte characters and bad bytes, to tell a UTF-8 file with one
 * stray GBK cell from a GB18030 file. */
static int utf8_check(const unsigned char *p, size_t n, size_t *bad_at, size_t *multi, size_t *bad)
{
	size_t i = 0;
	*multi = *bad = 0;
	*bad_at = n;
	while (i < n) {
		unsigned char b = p[i], lo = 0x80, hi = 0xBF;
		size_t need = b < 0x80 ? 0 : b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2
		            : b >= 0xF0 && b <= 0xF4 ? 3 : 4;
		if (b == 0xE0)
			lo = 0xA0;
		else if (b == 0xED)
			hi = 0x9F;
		else if (b == 0xF0)
			lo = 0x90;
		else if (b == 0xF4)
			hi = 0x8F;
		size_t k = 1;
		if (need < 4 && i + need < n) {
			for (; k <= need && p[i + k] >= lo && p[i + k] <= hi; k++)
				lo = 0x80, hi = 0xBF;
		}
		if (need < 4 && k == need + 1) {
			*multi += need > 0;
			i += need + 1;
			continue;
		}
		if (*bad_at == n)
			*bad_at = i;
		(*bad)++;
		i++;
	}
	return *bad == 0;
}

static char *gb18030_to_utf8(const char *data, size_t len, size_t *outlen, size_t *bad_at)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1) {
		*bad_at = 0;
		return NULL;
	}
	size_t cap = len * 2 + 4;   /* 2 bytes -> 3, 4 bytes -> 4 */
	char *out = malloc(cap), *in = (char *)data, *o = out;
	size_t inleft = len, outleft = cap - 1;
	if (out && iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1) {
		iconv_close(cd);
		*o = 0;
		*outlen = (size_t)(o - out);
		return out;
	}
	*bad_at = (size_t)(in - data);
	iconv_close(cd);
	free(out);
	return NULL;
}

/* Settles the encoding and leaves the UTF-8 text in r->buf. */
static int decode(struct csv_reader *r, const char *data, size_t len, char *why, size_t whycap)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t bad_at, multi, bad;

	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
		say(why, whycap, "这是 Excel 工作簿（.xlsx）而不是 CSV：请在 Excel 或 WPS 中“另存为”CSV 后再导入");
		return -1;
	}
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		say(why, whycap, "文件是 UTF-16 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入");
		return -1;
	}
	if (memchr(data, 0, len)) {
		size_t at = (size_t)((const char *)memchr(data, 0, len) - data);
		say(why, whycap, "第 %d 行含有空字节：这不是文本格式的 CSV 文件", line_of(data, at));
		return -1;
	}
	r->enc = CSV_UTF8;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		r->enc = CSV_UTF8_BOM;
		data += 3, len -= 3, u += 3;
	}
	if (utf8_check(u, len, &bad_at, &multi, &bad)) {
		r->buf = malloc(len + 1);
		if (!r->buf)
			goto nomem;
		memcpy(r->buf, data, len);
		r->buf[len] = 0;
		r->len = len;
		return 0;
	}
	if (r->enc == CSV_UTF8_BOM || (multi >= 3 && multi >= 2 * bad)) {
		say(why, whycap, "文件是 UTF-8 编码，但第 %d 行有不是 UTF-8 的字节（可能混入了其他编码的文字）："
		    "请改正这一行后另存为 UTF-8", line_of(data, bad_at));
		return -1;
	}
	r->buf = gb18030_to_utf8(data, len, &r->len, &bad_at);
	if (!r->buf) {
		say(why, whycap, "文件既不是 UTF-8 也不是 GB18030 编码（第 %d 行有无法识别的字节）："
		    "请另存为 UTF-8 后再导入", line_of(data, bad_at));
		return -1;
	}
	r->enc = CSV_GB18030;
	if (r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;   /* a BOM written in GB18030 */
	return 0;
nomem:
	say(why, whycap, "内存不足，无法读取文件");
	return -1;
}

static int rec_put(struct csv_reader *r, char c)
{
	if (r->rec_len + 1 >= r->rec_cap) {
		size_t cap = r->rec_cap ? r->rec_cap * 2 : 256;
		char *m = realloc(r->rec, cap);
		if (!m)
			return -1;
		r->rec = m;
		r->rec_cap = cap;
	}
	r->rec[r->rec_len++] = c;
	return 0;
}

static int field_begin(struct csv_reader *r)
{
	if (r->nfields == r->fields_cap) {
		int cap = r->fields_cap ? r->fields_cap * 2 : 16;
		size_t *o = realloc(r->offs, (size_t)cap * sizeof *o);
		if (!o)
			return -1;
		r->offs = o;
		char **f = realloc(r->fields, (size_t)cap * sizeof *f);
		if (!f)
			return -1;
		r->fields = f;
		r->fields_cap = cap;
	}
	r->offs[r->nfields++] = r->rec_len;
	return 0;
}

/* Consumes a line end (CRLF, LF, or a lone CR as old Mac files have) at pos. */
static int at_line_end(struct csv_reader *r)
{
	char c = r->buf[r->pos];
	if (c != '\r' && c != '\n')
		return 0;
	r->pos += (c == '\r' && r->pos + 1 < r->len && r->buf[r->pos + 1] == '\n') ? 2 : 1;
	r->line++;
	return 1;
}

/* The inside of a quoted field; pos is past the opening quote. */
static int read_quoted(struct csv_reader *r)
{
	int opened = r->line;
	for (;;) {
		if (r->pos >= r->len) {
			r->bad_line = opened;
			return -1;
		}
		char c = r->buf[r->pos];
		if (c == '"') {
			if (r->pos + 1 < r->len && r->buf[r->pos + 1] == '"') {
				r->pos += 2;
				if (rec_put(r, '"'))
					return -2;
				continue;
			}
			r->pos++;
			return 0;
		}
		/* line breaks inside the field are kept as written, and counted */
		if (c == '\n' || (c == '\r' && !(r->pos + 1 < r->len && r->buf[r->pos + 1] == '\n')))
			r->line++;
		r->pos++;
		if (rec_put(r, c))
			return -2;
	}
}

/* Parses one record at pos.  Returns its field count, 0 at the end, -1 for
 * an unterminated quote (bad_line says where), -2 out of memory. */
static int parse_record(struct csv_reader *r)
{
	r->rec_len = 0;
	r->nfields = 0;
	if (r->pos >= r->len)
		return 0;
	for (;;) {
		if (field_begin(r))
			return -2;
		if (r->buf[r->pos] == '"') {
			r->pos++;
			int rc = read_quoted(r);
			if (rc)
				return rc;
		}
		/* unquoted text, or what follows a closing quote (kept, as Excel does) */
		while (r->pos < r->len) {
			char c = r->buf[r->pos];
			if (c == ',' || c == '\r' || c == '\n')
				break;
			if (rec_put(r, c))
				return -2;
			r->pos++;
		}
		if (rec_put(r, 0))
			return -2;
		if (r->pos < r->len && r->buf[r->pos] == ',') {
			r->pos++;
			continue;
		}
		if (r->pos < r->len)
			at_line_end(r);
		return r->nfields;
	}
}

/* Checks every record parses, so csv_next never meets a broken quote. */
static int check_all(struct csv_reader *r, char *why, size_t whycap)
{
	int rc;
	while ((rc = parse_record(r)) > 0)
		;
	if (rc == -1)
		say(why, whycap, "第 %d 行：引号没有配对（从这一行开始的带引号的内容直到文件末尾都没有结束）",
		    r->bad_line);
	else if (rc == -2)
		say(why, whycap, "内存不足，无法读取文件");
	return rc;
}

struct csv_reader *csv_open_mem(const char *data, size_t len, char *why, size_t whycap)
{
	struct csv_reader *r = calloc(1, sizeof *r);
	if (!r) {
		say(why, whycap, "内存不足，无法读取文件");
		return NULL;
	}
	if (decode(r, data ? data : "", data ? len : 0, why, whycap) != 0) {
		csv_close(r);
		return NULL;
	}
	size_t start = r->pos;
	r->line = 1;
	if (check_all(r, why, whycap) != 0) {
		csv_close(r);
		return NULL;
	}
	r->pos = start;
	r->line = 1;
	return r;
}

static char *read_whole(int fd, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf)
			return NULL;
		if (n == cap) {
			char *m = realloc(buf, cap *= 2);
			if (!m) {
				free(buf);
				errno = ENOMEM;
				return NULL;
			}
			buf = m;
		}
		ssize_t k = read(fd, buf + n, cap - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int e = errno;
			free(buf);
			errno = e;
			return NULL;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	*len = n;
	return buf;
}

struct csv_reader *csv_open(const char *path, char *why, size_t whycap)
{
	struct stat st;
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		if (errno == ENOENT)
			say(why, whycap, "找不到文件 %s", path);
		else if (errno == EACCES)
			say(why, whycap, "没有权限读取文件 %s", path);
		else
			say(why, whycap, "无法打开文件 %s（%s）", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		say(why, whycap, "%s 是一个目录，不是文件", path);
		return NULL;
	}
	size_t len = 0;
	char *data = read_whole(fd, &len);
	int e = errno;
	close(fd);
	if (!data) {
		say(why, whycap, "无法读取文件 %s（%s）", path, strerror(e));
		return NULL;
	}
	struct csv_reader *r = csv_open_mem(data, len, why, whycap);
	free(data);
	return r;
}

enum csv_encoding csv_encoding(const struct csv_reader *r)
{
	return r->enc;
}

/* Leading ' characters before one of = + - @ TAB CR: the values Excel would
 * run as formulas once the apostrophes are gone.  Writer and reader both use
 * it, so any number of typed apostrophes survives the round trip. */
static int formula_like(const char *s)
{
	s += strspn(s, "'");
	return s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

/* Undoes csv_cell_escape: ="0123" -> 0123, '=x -> =x. */
static void undo_escape(char *f)
{
	size_t n = strlen(f);
	if (n >= 3 && f[0] == '=' && f[1] == '"' && f[n - 1] == '"' && !memchr(f + 2, '"', n - 3)) {
		memmove(f, f + 2, n - 3);
		f[n - 3] = 0;
	} else if (f[0] == '\'' && formula_like(f)) {
		memmove(f, f + 1, n);
	}
}

static int record_is_empty(const struct csv_reader *r)
{
	for (int i = 0; i < r->nfields; i++)
		if (r->rec[r->offs[i]])
			return 0;
	return 1;
}

int csv_next(struct csv_reader *r, char ***fields, int *line)
{
	int n;
	/* a blank line, or one of only commas as Excel leaves below a table */
	do {
		if (line)
			*line = r->line;
		n = parse_record(r);
	} while (n > 0 && record_is_empty(r));
	if (n <= 0) {
		*fields = NULL;
		/* check_all parsed every record with these same buffers, which only
		 * grow, so neither a broken quote nor a failed allocation is possible
		 * here: 0 is the end of the file */
		return 0;
	}
	for (int i = 0; i < n; i++) {
		r->fields[i] = r->rec + r->offs[i];
		undo_escape(r->fields[i]);
	}
	*fields = r->fields;
	return n;
}

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r->rec);
	free(r->offs);
	free(r->fields);
	free(r);
}

int csv_writer_open(struct csv_writer *w, const char *path)
{
	w->col = 0;
	w->err = 0;
	w->f = NULL;
	if (outfile_open(&w->out, path) != 0)
		return -1;
	w->f = w->out.f;
	if (fwrite("\xEF\xBB\xBF", 1, 3, w->f) != 3)
		w->err = errno ? errno : EIO;
	return 0;
}

const char *csv_writer_why(const struct csv_writer *w)
{
	return w->out.why;
}

/* Digit strings Excel would mangle: 11+ digits (身份证号, phones) lose
 * precision, a leading 0 is dropped. */
static int needs_text_guard(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || strspn(s, "0123456789") != n)
		return 0;
	return n >= 11 || s[0] == '0';
}

size_t csv_cell_escape(const char *s, char *out, size_t cap)
{
	if (!s)
		s = "";
	const char *pre = "", *post = "";
	if (needs_text_guard(s))
		pre = "=\"", post = "\"";
	else if (formula_like(s))
		pre = "'";
	size_t need = strlen(pre) + strlen(s) + strlen(post);
	if (cap > 0) {
		size_t w = 0;
		const char *parts[3] = {pre, s, post};
		for (int k = 0; k < 3; k++)
			for (const char *p = parts[k]; *p && w + 1 < cap; p++)
				out[w++] = *p;
		out[w] = 0;
	}
	return need;
}

void csv_write_field(struct csv_writer *w, const char *s)
{
	char small[512], *cell = small;
	if (!w->f) {
		w->err = w->err ? w->err : EBADF;
		return;
	}
	size_t need = csv_cell_escape(s, small, sizeof small);
	if (need >= sizeof small) {
		cell = malloc(need + 1);
		if (!cell) {
			w->err = ENOMEM;
			return;
		}
		csv_cell_escape(s, cell, need + 1);
	}
	if (w->col > 0)
		putc(',', w->f);
	putc('"', w->f);
	for (const char *p = cell; *p; p++) {
		if (*p == '"')
			putc('"', w->f);
		putc(*p, w->f);
	}
	putc('"', w->f);
	if (cell != small)
		free(cell);
	if (ferror(w->f) && !w->err)
		w->err = errno ? errno : EIO;
	w->col++;
}

void csv_end_record(struct csv_writer *w)
{
	if (!w->f) {
		w->err = w->err ? w->err : EBADF;
		return;
	}
	if (fputs("\r\n", w->f) == EOF && !w->err)
		w->err = errno ? errno : EIO;
	w->col = 0;
}

int csv_writer_close(struct csv_writer *w)
{
	if (!w->f)
		return -1;
	w->f = NULL;
	if (w->err) {
		char path[sizeof w->out.why / 2];
		snprintf(path, sizeof path, "%s", w->out.path);
		int e = w->err;
		outfile_discard(&w->out);
		snprintf(w->out.why, sizeof w->out.why, "写入 %s 失败（%s）：原有文件未改动", path,
		         e == ENOSPC ? "磁盘已满" : strerror(e));
		return -1;
	}
	return outfile_commit(&w->out);
}

void csv_writer_abort(struct csv_writer *w)
{
	if (w->f)
		outfile_discard(&w->out);
	w->f = NULL;
}
