/* csv_read.c — reading CSV as Excel and WPS write it, a chunk at a time.
 *
 * A shared server reads rosters for many operators at once, so the reader
 * holds one chunk of the file and the record being parsed, never the file:
 * memory does not grow with the file, and the header can be checked before
 * the rest is read.  The encoding is settled on the first chunk with
 * non-ASCII bytes (UTF-8 with or without BOM, else GB18030 through iconv,
 * converted as it streams); a later byte that breaks it, an unterminated
 * quote, a file over [import] max_mb or a record over [import] max_line_kb
 * stops the reading with the line to look at (csv_next returns -1).
 *
 * A file that starts with the zip signature is read as an Excel workbook
 * instead (docs/xlsx_in.h, one sheet, rows numbered as Excel numbers them);
 * an OLE2 file (.xls, or a workbook with a password) is refused. */
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

#include "core/err.h"
#include "docs/xlsx_in.h"

enum { CHUNK = 65536 };

enum decoding { DEC_UNKNOWN, DEC_UTF8, DEC_GB18030 };

struct csv_reader {
	/* the source: a file, or bytes in memory */
	int fd;
	const char *mem;
	size_t memlen, mempos;
	size_t read_total;           /* bytes taken from the source */
	int eof;                     /* the source is exhausted */
	unsigned char carry[8];      /* a character cut at the end of the last chunk */
	size_t ncarry;
	enum decoding dec;
	enum csv_encoding enc;
	iconv_t cd;
	int started;                 /* the first chunk has been looked at */
	int any;                     /* some text was decoded */
	struct csv_limits lim;
	/* the decoded UTF-8 not yet parsed */
	char *buf;
	size_t len, pos, cap;
	int line;                    /* physical line at pos, 1-based */
	int failed;                  /* why holds the reason; nothing more is read */
	char why[512];
	/* the current record's fields, each NUL-terminated */
	char *rec;
	size_t rec_len, rec_cap;
	size_t *offs;                /* where each field starts in rec */
	char **fields;
	int nfields, fields_cap;
	struct xlsx_reader *xlsx;    /* the file is a workbook: its rows come from here */
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

static int stop(struct csv_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int stop(struct csv_reader *r, const char *fmt, ...)
{
	if (!r->failed) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(r->why, sizeof r->why, fmt, ap);
		va_end(ap);
	}
	r->failed = 1;
	return -1;
}

static int count_lines(const char *p, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += p[i] == '\n';
	return k;
}

/* The line of byte `at` of a raw chunk not yet decoded: the parser's line
 * plus the lines decoded ahead of it (a newline is 0x0A in both UTF-8 and
 * GB18030, where no multi-byte character contains it). */
static int line_in_chunk(const struct csv_reader *r, const unsigned char *raw, size_t at)
{
	return r->line + count_lines(r->buf + r->pos, r->len - r->pos) +
	       count_lines((const char *)raw, at);
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

/* How many bytes at the end of p[0..n) begin a UTF-8 character the next
 * chunk completes (0 when the chunk ends on a whole character). */
static size_t utf8_cut(const unsigned char *p, size_t n)
{
	for (size_t back = 1; back <= 3 && back <= n; back++) {
		unsigned char b = p[n - back];
		if ((b & 0xC0) == 0x80)
			continue;   /* a continuation byte: look further back */
		size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
		return len > back ? back : 0;
	}
	return 0;
}

static int room(struct csv_reader *r, size_t more)
{
	if (r->len + more + 1 <= r->cap)
		return 0;
	size_t cap = r->cap ? r->cap : CHUNK;
	while (cap < r->len + more + 1)
		cap *= 2;
	char *m = realloc(r->buf, cap);
	if (!m)
		return stop(r, "内存不足，无法读取文件");
	r->buf = m;
	r->cap = cap;
	return 0;
}

static void append(struct csv_reader *r, const unsigned char *p, size_t n)
{
	memcpy(r->buf + r->len, p, n);
	r->len += n;
}

/* The container of .xls files and of password-protected workbooks. */
#define OLE2_MAGIC "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
#define OLE2_WHY "这是旧版 Excel 97-2003 工作簿（.xls）或加了密码的工作簿：请在 Excel 或 WPS 中" \
	"（取消密码后）另存为 .xlsx 或 CSV 后再导入"

/* What the first bytes of a file say it is not. */
static int check_start(struct csv_reader *r, const unsigned char *p, size_t n, size_t *skip)
{
	*skip = 0;
	if (n >= 4 && memcmp(p, "PK\x03\x04", 4) == 0)
		return stop(r, "这是 Excel 工作簿（.xlsx）而不是 CSV：请在 Excel 或 WPS 中“另存为”CSV 后再导入");
	if (n >= 8 && memcmp(p, OLE2_MAGIC, 8) == 0)
		return stop(r, "%s", OLE2_WHY);
	if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
		return stop(r, "文件是 UTF-16 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入");
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		r->enc = CSV_UTF8_BOM;
		r->dec = DEC_UTF8;
		*skip = 3;
	}
	return 0;
}

static int gb_decode(struct csv_reader *r, unsigned char *p, size_t n)
{
	if (r->cd == (iconv_t)-1 && (r->cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		return stop(r, "无法转换 GB18030 编码（系统缺少 iconv 转换表）");
	if (room(r, n * 2 + 8))
		return -1;
	char *in = (char *)p, *out = r->buf + r->len;
	size_t inleft = n, outleft = r->cap - r->len - 1;
	int first = !r->any;
	if (iconv(r->cd, &in, &inleft, &out, &outleft) == (size_t)-1 && (errno != EINVAL || r->eof))
		return stop(r, "文件既不是 UTF-8 也不是 GB18030 编码（第 %d 行有无法识别的字节）："
		            "请另存为 UTF-8 后再导入", line_in_chunk(r, p, (size_t)((unsigned char *)in - p)));
	size_t made = (size_t)(out - (r->buf + r->len));
	/* a BOM written in GB18030 */
	if (first && made >= 3 && memcmp(r->buf + r->len, "\xEF\xBB\xBF", 3) == 0) {
		memmove(r->buf + r->len, r->buf + r->len + 3, made - 3);
		made -= 3;
	}
	r->len += made;
	r->any = 1;
	memcpy(r->carry, in, inleft);   /* a character the next chunk completes (at most 3 bytes) */
	r->ncarry = inleft;
	return 0;
}

/* Decodes one chunk (the carry from the last one first) onto buf. */
static int decode(struct csv_reader *r, unsigned char *p, size_t n)
{
	size_t skip = 0;
	if (!r->started) {
		r->started = 1;
		if (check_start(r, p, n, &skip))
			return -1;
		p += skip, n -= skip;
	}
	const unsigned char *nul = memchr(p, 0, n);
	if (nul)
		return stop(r, "第 %d 行含有空字节：这不是文本格式的 CSV 文件",
		            line_in_chunk(r, p, (size_t)(nul - p)));
	if (r->dec == DEC_GB18030)
		return gb_decode(r, p, n);
	size_t cut = r->eof ? 0 : utf8_cut(p, n), bad_at, multi, bad;
	if (utf8_check(p, n - cut, &bad_at, &multi, &bad)) {
		if (multi && r->dec == DEC_UNKNOWN)
			r->dec = DEC_UTF8;
		if (room(r, n))
			return -1;
		append(r, p, n - cut);
		r->any = 1;
		memcpy(r->carry, p + n - cut, cut);
		r->ncarry = cut;
		return 0;
	}
	/* The first non-ASCII text decides: mostly UTF-8 with a stray byte is a
	 * UTF-8 file to fix; otherwise GB18030, whose ASCII so far is the same. */
	if (r->dec == DEC_UTF8 || (multi >= 3 && multi >= 2 * bad))
		return stop(r, "文件是 UTF-8 编码，但第 %d 行有不是 UTF-8 的字节（可能混入了其他编码的文字）："
		            "请改正这一行后另存为 UTF-8", line_in_chunk(r, p, bad_at));
	r->dec = DEC_GB18030;
	r->enc = CSV_GB18030;
	return gb_decode(r, p, n);
}

static ssize_t take(struct csv_reader *r, unsigned char *dst, size_t cap)
{
	if (r->fd < 0) {
		size_t n = r->memlen - r->mempos < cap ? r->memlen - r->mempos : cap;
		memcpy(dst, r->mem + r->mempos, n);
		r->mempos += n;
		return (ssize_t)n;
	}
	for (;;) {
		ssize_t k = read(r->fd, dst, cap);
		if (k >= 0 || errno != EINTR)
			return k;
	}
}

/* Reads and decodes the next chunk.  Returns 1 when more text is in buf, 0
 * at the end of the file, -1 when reading stopped (why says why). */
static int refill(struct csv_reader *r)
{
	unsigned char raw[CHUNK + sizeof r->carry];
	if (r->failed)
		return -1;
	if (r->eof)
		return 0;
	if (r->pos) {   /* the parser is done with what is before pos */
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	memcpy(raw, r->carry, r->ncarry);
	ssize_t k = take(r, raw + r->ncarry, CHUNK);
	if (k < 0)
		return stop(r, "读取文件出错（%s）", dj_io_why(errno));
	r->eof = k == 0;
	r->read_total += (size_t)k;
	if (r->lim.max_bytes && r->read_total > r->lim.max_bytes)
		return stop(r, "文件超过导入上限 %zu MB（dangjian.ini [import] max_mb）：读到第 %d 行时停止",
		            r->lim.max_bytes >> 20, line_in_chunk(r, raw, 0));
	size_t n = r->ncarry + (size_t)k;
	r->ncarry = 0;
	if (n == 0)
		return 0;
	size_t before = r->len;
	if (decode(r, raw, n))
		return -1;
	if (r->eof && r->ncarry)
		return stop(r, "文件末尾有不完整的字符（第 %d 行）：请另存为 UTF-8 后再导入",
		            line_in_chunk(r, raw, n));
	return r->len > before ? 1 : refill(r);
}

/* The byte k after pos (0..255), -1 at the end of the file, -2 when
 * reading stopped. */
static int peek(struct csv_reader *r, size_t k)
{
	while (r->pos + k >= r->len) {
		int rc = refill(r);
		if (rc <= 0)
			return rc < 0 ? -2 : -1;
	}
	return (unsigned char)r->buf[r->pos + k];
}

static int rec_put(struct csv_reader *r, char c, int started)
{
	if (r->lim.max_record && r->rec_len >= r->lim.max_record)
		return stop(r, "第 %d 行太长：一条记录超过 %zu KB（dangjian.ini [import] max_line_kb）；"
		            "多半是引号没有配对", started, r->lim.max_record >> 10);
	if (r->rec_len + 1 >= r->rec_cap) {
		size_t cap = r->rec_cap ? r->rec_cap * 2 : 256;
		char *m = realloc(r->rec, cap);
		if (!m)
			return stop(r, "内存不足，无法读取文件");
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
			return stop(r, "内存不足，无法读取文件");
		r->offs = o;
		char **f = realloc(r->fields, (size_t)cap * sizeof *f);
		if (!f)
			return stop(r, "内存不足，无法读取文件");
		r->fields = f;
		r->fields_cap = cap;
	}
	r->offs[r->nfields++] = r->rec_len;
	return 0;
}

/* Consumes a line end (CRLF, LF, or a lone CR as old Mac files have). */
static void line_end(struct csv_reader *r, int c)
{
	r->pos += c == '\r' && peek(r, 1) == '\n' ? 2 : 1;
	r->line++;
}

/* The inside of a quoted field; pos is past the opening quote. */
static int read_quoted(struct csv_reader *r, int started)
{
	int opened = r->line;
	for (;;) {
		int c = peek(r, 0);
		if (c == -1)
			return stop(r, "第 %d 行：引号没有配对（从这一行开始的带引号的内容直到文件末尾都没有结束）",
			            opened);
		if (c < 0)
			return -1;
		if (c == '"') {
			if (peek(r, 1) != '"') {
				r->pos++;
				return 0;
			}
			r->pos += 2;
			if (rec_put(r, '"', started))
				return -1;
			continue;
		}
		/* line breaks inside the field are kept as written, and counted */
		if (c == '\n' || (c == '\r' && peek(r, 1) != '\n'))
			r->line++;
		r->pos++;
		if (rec_put(r, (char)c, started))
			return -1;
	}
}

/* Parses one record at pos.  Returns its field count, 0 at the end, -1
 * when reading stopped. */
static int parse_record(struct csv_reader *r)
{
	int started = r->line, c;
	r->rec_len = 0;
	r->nfields = 0;
	if ((c = peek(r, 0)) < 0)
		return c == -1 ? 0 : -1;
	for (;;) {
		if (field_begin(r))
			return -1;
		if (peek(r, 0) == '"') {
			r->pos++;
			if (read_quoted(r, started))
				return -1;
		}
		/* unquoted text, or what follows a closing quote (kept, as Excel does) */
		while ((c = peek(r, 0)) >= 0 && c != ',' && c != '\r' && c != '\n') {
			if (rec_put(r, (char)c, started))
				return -1;
			r->pos++;
		}
		if (c == -2 || rec_put(r, 0, started))
			return -1;
		if (c == ',') {
			r->pos++;
			continue;
		}
		if (c >= 0)
			line_end(r, c);
		return r->failed ? -1 : r->nfields;
	}
}

static struct csv_reader *reader_new(const struct csv_limits *lim)
{
	struct csv_reader *r = calloc(1, sizeof *r);
	if (!r || !(r->buf = malloc(r->cap = 2 * CHUNK + 16))) {
		free(r);
		return NULL;
	}
	r->fd = -1;
	r->cd = (iconv_t)-1;
	r->line = 1;
	r->lim = lim ? *lim : (struct csv_limits){ CSV_MAX_MB_DEFAULT << 20, CSV_MAX_LINE_KB_DEFAULT << 10 };
	return r;
}

/* Looks at the first chunk, so a file that is no CSV at all (a workbook,
 * UTF-16, binary) is refused at once. */
static struct csv_reader *start(struct csv_reader *r, char *why, size_t whycap)
{
	if (peek(r, 0) == -2) {
		say(why, whycap, "%s", r->why);
		csv_close(r);
		return NULL;
	}
	return r;
}

struct csv_reader *csv_open_mem(const char *data, size_t len, char *why, size_t whycap)
{
	struct csv_reader *r = reader_new(NULL);
	if (!r) {
		say(why, whycap, "内存不足，无法读取文件");
		return NULL;
	}
	r->mem = data ? data : "";
	r->memlen = data ? len : 0;
	r->lim.max_bytes = 0;   /* already in memory */
	return start(r, why, whycap);
}

/* What the first bytes say the file is: 1 a zip (a workbook), 2 OLE2, 0 else. */
static int container_of(int fd)
{
	unsigned char head[8];
	ssize_t k = pread(fd, head, sizeof head, 0);
	if (k >= 4 && (memcmp(head, "PK\x03\x04", 4) == 0 || memcmp(head, "PK\x05\x06", 4) == 0))
		return 1;
	return k == 8 && memcmp(head, OLE2_MAGIC, 8) == 0 ? 2 : 0;
}

/* The reader of a file whose first bytes are known: a workbook's sheet, a
 * refusal, or the CSV reader. */
static struct csv_reader *open_kind(struct csv_reader *r, int fd, const char *path,
                                    const char *sheet, char *why, size_t whycap)
{
	int kind = container_of(fd);
	if (kind == 1) {
		close(fd);
		r->xlsx = xlsx_open(path, sheet, r->lim.max_bytes, r->lim.max_record, why, whycap);
		if (r->xlsx)
			return r;
	} else if (kind == 2) {
		say(why, whycap, "文件 %s：%s", path, OLE2_WHY);
		close(fd);
	} else if (sheet) {
		say(why, whycap, "文件 %s 不是 Excel 工作簿（.xlsx），没有工作表「%s」：只有 .xlsx 文件才能指定工作表",
		    path, sheet);
		close(fd);
	} else {
		r->fd = fd;
		return start(r, why, whycap);
	}
	csv_close(r);
	return NULL;
}

struct csv_reader *csv_open_limited(const char *path, const struct csv_limits *lim, char *why,
                                    size_t whycap)
{
	return csv_open_sheet(path, lim, NULL, why, whycap);
}

struct csv_reader *csv_open_sheet(const char *path, const struct csv_limits *lim, const char *sheet,
                                  char *why, size_t whycap)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			say(why, whycap, "找不到文件 %s", path);
		else if (errno == EACCES)
			say(why, whycap, "没有权限读取文件 %s", path);
		else
			say(why, whycap, "无法打开文件 %s（%s）", path, errno == ENOENT ? "文件不存在" : dj_io_why(errno));
		return NULL;
	}
	struct csv_reader *r = reader_new(lim);
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		say(why, whycap, "%s 是一个目录，不是文件", path);
	} else if (r && r->lim.max_bytes && S_ISREG(st.st_mode) && (size_t)st.st_size > r->lim.max_bytes) {
		say(why, whycap, "文件 %s 有 %.1f MB，超过导入上限 %zu MB（dangjian.ini [import] max_mb）："
		    "请分成几个文件导入，或请管理员调高上限", path, (double)st.st_size / (1 << 20),
		    r->lim.max_bytes >> 20);
	} else if (!r) {
		say(why, whycap, "内存不足，无法读取文件");
	} else {
		return open_kind(r, fd, path, sheet, why, whycap);
	}
	close(fd);
	csv_close(r);
	return NULL;
}

struct csv_reader *csv_open(const char *path, char *why, size_t whycap)
{
	return csv_open_limited(path, NULL, why, whycap);
}

enum csv_encoding csv_encoding(const struct csv_reader *r)
{
	return r->enc;
}

int csv_is_sheet(const struct csv_reader *r)
{
	return r->xlsx != NULL;
}

const char *csv_error(const struct csv_reader *r)
{
	if (r->xlsx)
		return xlsx_error(r->xlsx);
	return r->failed ? r->why : NULL;
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
	*fields = NULL;
	if (r->xlsx)
		return xlsx_next(r->xlsx, fields, line);
	/* a blank line, or one of only commas as Excel leaves below a table */
	do {
		if (line)
			*line = r->line;
		n = parse_record(r);
	} while (n > 0 && record_is_empty(r));
	if (n <= 0)
		return n;
	for (int i = 0; i < n; i++) {
		r->fields[i] = r->rec + r->offs[i];
		csv_undo_escape(r->fields[i]);
	}
	*fields = r->fields;
	return n;
}

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	xlsx_close(r->xlsx);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->buf);
	free(r->rec);
	free(r->offs);
	free(r->fields);
	free(r);
}
