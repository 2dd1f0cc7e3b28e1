/* vt.c — the end-to-end harness: pty + libvterm.  See vt.h. */
#include "vt.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

#define LOCALE_DIR "build/locale"
#define LOCALE_SCRIPT "tests/e2e/locales.sh"
#define SANITIZER_LOG_DIR "build/e2e-logs"
#define REPLY_CAP 4096
#define ROW_CAP 4096

struct vt {
    pid_t pid;
    int fd;                 /* pty master, non-blocking */
    int rows, cols;
    VTerm *term;
    VTermScreen *screen;
    iconv_t from_locale;    /* locale codeset -> UTF-8; (iconv_t)-1 for UTF-8 */
    iconv_t to_locale;      /* UTF-8 -> locale codeset */
    char partial[16];       /* an incomplete multibyte sequence awaiting more */
    size_t npartial;
    char reply[REPLY_CAP];  /* terminal answers (DA, DSR) not yet written */
    size_t nreply;
    int eof;                /* the slave side is closed: no more output */
    int reaped;
    int status;
    int cursor_visible;
    unsigned long bytes_total, bytes_mark;
    unsigned long keystrokes;
    char sanitizer_log[PATH_MAX]; /* prefix; ASan appends .<pid> */
    int sanitizer_reported;
    enum { IN_TEXT, IN_ESC, IN_CSI } parse; /* where the REP filter stands */
    char seq[48];           /* the escape sequence being read */
    size_t nseq;
    char last_glyph[4];     /* UTF-8 of the last graphic character */
    size_t nlast_glyph;
};

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* ---- locales --------------------------------------------------------- */

static int locale_generated(const char *name)
{
    char path[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s/LC_CTYPE", LOCALE_DIR, name);
    return stat(path, &st) == 0;
}

int vt_locales_ready(void)
{
    static int tried;
    if (locale_generated("zh_CN.UTF-8") && locale_generated("zh_CN.GB18030"))
        return 1;
    if (!tried) {
        tried = 1;
        if (system("sh " LOCALE_SCRIPT) != 0)
            fprintf(stderr, "vt: %s 未能生成全部区域设置（见上方信息）\n", LOCALE_SCRIPT);
    }
    return locale_generated("zh_CN.UTF-8") && locale_generated("zh_CN.GB18030");
}

/* ---- the child ------------------------------------------------------- */

/* AddressSanitizer reports would be scrambled on the emulated screen; a
 * file keeps them whole for the failure message. */
static void redirect_asan(const char *log_prefix)
{
    const char *old = getenv("ASAN_OPTIONS");
    char value[PATH_MAX + 512];
    snprintf(value, sizeof value, "%s%slog_path=%s", old ? old : "", old && *old ? ":" : "",
             log_prefix);
    setenv("ASAN_OPTIONS", value, 1);
}

static void reset_signals(void)
{
    static const int sigs[] = { SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP,
                                SIGCHLD, SIGWINCH, SIGTSTP, SIGTTIN, SIGTTOU };
    sigset_t none;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static void exec_child(const char *locale, const char *locpath, const char *log_prefix,
                       char *const argv[], char *const envp_extra[])
{
    reset_signals();
    setenv("TERM", "xterm-256color", 1);
    setenv("LANG", locale, 1);
    setenv("LC_ALL", locale, 1);
    if (locpath)
        setenv("LOCPATH", locpath, 1);
    else
        unsetenv("LOCPATH");
    unsetenv("LINES");
    unsetenv("COLUMNS");
    if (log_prefix[0])
        redirect_asan(log_prefix);
    for (size_t i = 0; envp_extra && envp_extra[i]; i++)
        putenv(envp_extra[i]); /* exec copies the environment */
    execvp(argv[0], argv);
    fprintf(stderr, "无法启动 %s：%s\n", argv[0], strerror(errno));
    _exit(127);
}

/* ---- the emulator ---------------------------------------------------- */

static void on_terminal_output(const char *s, size_t len, void *user)
{
    struct vt *vt = user;
    /* Queued, not written here: this runs inside vterm_input_write. */
    if (len > REPLY_CAP - vt->nreply)
        len = REPLY_CAP - vt->nreply;
    memcpy(vt->reply + vt->nreply, s, len);
    vt->nreply += len;
}

static int on_termprop(VTermProp prop, VTermValue *val, void *user)
{
    struct vt *vt = user;
    if (prop == VTERM_PROP_CURSORVISIBLE)
        vt->cursor_visible = val->boolean;
    return 1;
}

static const VTermScreenCallbacks screen_callbacks = {
    .settermprop = on_termprop,
};

static void make_terminal(struct vt *vt)
{
    vt->term = vterm_new(vt->rows, vt->cols);
    vterm_set_utf8(vt->term, 1);
    vterm_output_set_callback(vt->term, on_terminal_output, vt);
    vt->screen = vterm_obtain_screen(vt->term);
    vterm_screen_enable_altscreen(vt->screen, 1);
    vterm_screen_set_callbacks(vt->screen, &screen_callbacks, vt);
    vterm_screen_reset(vt->screen, 1);
    vt->cursor_visible = 1;
}

/* Converters for the codeset of "lang_TERRITORY.CODESET@modifier", none
 * when that is UTF-8 or absent (C, POSIX: ASCII). */
static int open_converters(struct vt *vt, const char *locale)
{
    const char *dot = strchr(locale, '.');
    char codeset[64];
    snprintf(codeset, sizeof codeset, "%.*s", dot ? (int)strcspn(dot + 1, "@") : 0,
             dot ? dot + 1 : "");
    vt->from_locale = vt->to_locale = (iconv_t)-1;
    if (!codeset[0] || !strcasecmp(codeset, "UTF-8") || !strcasecmp(codeset, "utf8"))
        return 0;
    vt->from_locale = iconv_open("UTF-8", codeset);
    vt->to_locale = iconv_open(codeset, "UTF-8");
    if (vt->from_locale == (iconv_t)-1 || vt->to_locale == (iconv_t)-1) {
        fprintf(stderr, "vt: iconv 不支持字符集 %s\n", codeset);
        return -1;
    }
    return 0;
}

/* Unique per spawn (parent pid, counter), so a report left by an earlier
 * run whose child had the same pid is never taken for this child's. */
static void make_sanitizer_log_prefix(struct vt *vt)
{
    static unsigned spawn_count;
    char dir[PATH_MAX];
    mkdir("build", 0777);
    mkdir(SANITIZER_LOG_DIR, 0777);
    if (!realpath(SANITIZER_LOG_DIR, dir)) {
        vt->sanitizer_log[0] = '\0';
        return;
    }
    snprintf(vt->sanitizer_log, sizeof vt->sanitizer_log, "%.*s/sanitizer-%d-%u",
             (int)(sizeof vt->sanitizer_log - 64), dir, (int)getpid(), ++spawn_count);
}

/* LOCPATH replaces the system locale path, so it is set only for locales
 * that live in the harness's own directory. */
static const char *private_locpath(const char *locale, char *buf)
{
    if (strncmp(locale, "zh_CN.", 6) == 0)
        vt_locales_ready();
    return locale_generated(locale) ? realpath(LOCALE_DIR, buf) : NULL;
}

struct vt *vt_spawn(int rows, int cols, const char *locale,
                    char *const argv[], char *const envp_extra[])
{
    char locpath_buf[PATH_MAX];
    if (!locale)
        locale = "C.UTF-8";
    struct vt *vt = calloc(1, sizeof *vt);
    if (!vt)
        return NULL;
    vt->rows = rows;
    vt->cols = cols;
    vt->fd = -1;
    if (open_converters(vt, locale) != 0) {
        vt_free(vt);
        return NULL;
    }
    const char *locpath = private_locpath(locale, locpath_buf);
    make_sanitizer_log_prefix(vt);
    make_terminal(vt);

    struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
    fflush(NULL); /* the child must not flush the parent's buffers again */
    vt->pid = forkpty(&vt->fd, NULL, NULL, &ws);
    if (vt->pid < 0) {
        fprintf(stderr, "vt: forkpty 失败：%s\n", strerror(errno));
        vt->reaped = 1;
        vt_free(vt);
        return NULL;
    }
    if (vt->pid == 0)
        exec_child(locale, locpath, vt->sanitizer_log, argv, envp_extra);
    fcntl(vt->fd, F_SETFD, FD_CLOEXEC);
    fcntl(vt->fd, F_SETFL, fcntl(vt->fd, F_GETFL) | O_NONBLOCK);
    return vt;
}

/* ---- writing to the program ------------------------------------------ */

static long read_once(struct vt *vt, int timeout_ms);

/* Writes all of bytes; while the program is not reading, keeps taking its
 * output so neither side can block the other. */
static int write_all(struct vt *vt, const char *bytes, size_t n, int drain_output)
{
    long deadline = now_ms() + VT_TIMEOUT_MS;
    while (n > 0) {
        ssize_t w = write(vt->fd, bytes, n);
        if (w > 0) {
            bytes += w;
            n -= (size_t)w;
            continue;
        }
        if (w < 0 && errno != EAGAIN && errno != EINTR) {
            fprintf(stderr, "vt: 写入伪终端失败：%s\n", strerror(errno));
            return -1;
        }
        if (now_ms() >= deadline) {
            fprintf(stderr, "vt: 程序 %d 秒未读取输入\n", VT_TIMEOUT_MS / 1000);
            return -1;
        }
        if (drain_output)
            read_once(vt, 10);
        else
            poll(&(struct pollfd){ .fd = vt->fd, .events = POLLOUT }, 1, 10);
    }
    return 0;
}

static int flush_replies(struct vt *vt)
{
    size_t n = vt->nreply;
    vt->nreply = 0;
    return n ? write_all(vt, vt->reply, n, 0) : 0;
}

int vt_send(struct vt *vt, const char *bytes, size_t n)
{
    return write_all(vt, bytes, n, 1);
}

/* ---- reading from the program ---------------------------------------- */

/* libvterm 0.1.4 mishandles REP (CSI n b) ending on the last column: the
 * next character wraps even with autowrap off, which puts ncurses' box
 * corners and status lines a row low.  Real terminals do not, so REP is
 * expanded into the repeated character before libvterm sees it. */
static void note_glyph_byte(struct vt *vt, unsigned char c)
{
    if (c < 0x20 || c == 0x7f) {
        vt->nlast_glyph = 0;
    } else if (c < 0x80 || c >= 0xC0) {
        vt->last_glyph[0] = (char)c;
        vt->nlast_glyph = 1;
    } else if (vt->nlast_glyph > 0 && vt->nlast_glyph < sizeof vt->last_glyph) {
        vt->last_glyph[vt->nlast_glyph++] = (char)c;
    }
}

/* The finished sequence in vt->seq, REP expanded, everything else as is. */
static void end_sequence(struct vt *vt)
{
    size_t n = vt->nseq;
    vt->seq[n] = '\0'; /* "\033[<digits>b" is REP; "\033[b" repeats once */
    int plain_rep = vt->parse == IN_CSI && vt->seq[n - 1] == 'b' &&
                    2 + strspn(vt->seq + 2, "0123456789") == n - 1;
    long count = plain_rep ? strtol(vt->seq + 2, NULL, 10) : 0;
    vt->parse = IN_TEXT;
    vt->nseq = 0;
    if (!plain_rep) {
        vterm_input_write(vt->term, vt->seq, n);
        return;
    }
    if (count < 1 || count > (long)vt->rows * vt->cols)
        count = count < 1 ? 1 : (long)vt->rows * vt->cols;
    for (long i = 0; i < count && vt->nlast_glyph > 0; i++)
        vterm_input_write(vt->term, vt->last_glyph, vt->nlast_glyph);
}

/* One byte inside an escape sequence. */
static void sequence_byte(struct vt *vt, unsigned char c)
{
    if (vt->nseq == sizeof vt->seq - 1) { /* not a sequence ncurses sends */
        vt->parse = IN_TEXT;
        vterm_input_write(vt->term, vt->seq, vt->nseq);
        vt->nseq = 0;
    }
    vt->seq[vt->nseq++] = (char)c;
    if (vt->parse == IN_ESC && c == '[' && vt->nseq == 2)
        vt->parse = IN_CSI;
    else if (vt->parse == IN_ESC && c >= 0x20 && c <= 0x2F)
        ; /* intermediate byte: more to come */
    else if (vt->parse == IN_CSI && c >= 0x20 && c <= 0x3F)
        ; /* parameter or intermediate byte */
    else
        end_sequence(vt);
}

static void feed_utf8(struct vt *vt, const char *bytes, size_t n)
{
    size_t run = 0; /* start of plain text not yet handed to libvterm */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)bytes[i];
        if (c == 0x1b) {
            vterm_input_write(vt->term, bytes + run, i - run);
            if (vt->parse != IN_TEXT) /* ESC cancels an unfinished sequence */
                vterm_input_write(vt->term, vt->seq, vt->nseq);
            vt->parse = IN_ESC;
            vt->seq[0] = (char)c;
            vt->nseq = 1;
        } else if (vt->parse != IN_TEXT) {
            sequence_byte(vt, c);
        } else {
            note_glyph_byte(vt, c);
            continue;
        }
        run = i + 1;
    }
    if (vt->parse == IN_TEXT)
        vterm_input_write(vt->term, bytes + run, n - run);
}

/* Decodes locale-codeset output; an incomplete sequence at the end waits in
 * vt->partial for the next read, an invalid byte shows as U+FFFD. */
static void feed_decoded(struct vt *vt, const char *bytes, size_t n)
{
    char in[sizeof vt->partial + 4096];
    char out[4 * sizeof in];
    if (n > sizeof in - vt->npartial)
        n = sizeof in - vt->npartial;
    memcpy(in, vt->partial, vt->npartial);
    memcpy(in + vt->npartial, bytes, n);
    char *src = in;
    size_t left = vt->npartial + n;
    vt->npartial = 0;
    while (left > 0) {
        char *dst = out;
        size_t room = sizeof out;
        size_t r = iconv(vt->from_locale, &src, &left, &dst, &room);
        feed_utf8(vt, out, (size_t)(dst - out));
        if (r != (size_t)-1 || errno == E2BIG)
            continue;
        if (errno == EINVAL && left < sizeof vt->partial) {
            memcpy(vt->partial, src, left);
            vt->npartial = left;
            return;
        }
        feed_utf8(vt, "\xEF\xBF\xBD", 3);
        src++;
        left--;
    }
}

static void feed(struct vt *vt, const char *bytes, size_t n)
{
    vt->bytes_total += n;
    if (vt->from_locale == (iconv_t)-1)
        feed_utf8(vt, bytes, n);
    else
        feed_decoded(vt, bytes, n);
    flush_replies(vt);
}

/* Waits up to timeout_ms for output and takes one read of it.  Returns the
 * bytes read, 0 when none came, -1 once the terminal is closed. */
static long read_once(struct vt *vt, int timeout_ms)
{
    if (vt->eof)
        return -1;
    struct pollfd p = { .fd = vt->fd, .events = POLLIN };
    int ready = poll(&p, 1, timeout_ms < 0 ? 0 : timeout_ms);
    if (ready <= 0)
        return 0;
    char buf[4096];
    ssize_t n = read(vt->fd, buf, sizeof buf);
    if (n > 0) {
        feed(vt, buf, (size_t)n);
        return n;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return 0;
    vt->eof = 1; /* EIO: every slave descriptor is closed */
    return -1;
}

long vt_pump(struct vt *vt, int ms)
{
    long deadline = now_ms() + ms, total = 0, n;
    do {
        n = read_once(vt, (int)(deadline - now_ms()));
        if (n > 0)
            total += n;
    } while (n > 0 || (n == 0 && now_ms() < deadline));
    return total;
}

/* Pumps until utf8 is on the screen (in `row`, or anywhere when row < 0),
 * or with `gone` until it is not: 1; 0 at timeout or once the terminal is
 * closed and the screen no longer changes. */
static int wait_for_text(struct vt *vt, int row, const char *utf8, int gone, int timeout_ms)
{
    long deadline = now_ms() + timeout_ms;
    for (int last_look = 0;; ) {
        int seen = row < 0 ? vt_row_of(vt, utf8) >= 0 : vt_col_of(vt, row, utf8) >= 0;
        if (seen != gone)
            return 1;
        if (last_look)
            return 0;
        long left = deadline - now_ms();
        last_look = left <= 0 || read_once(vt, left > 100 ? 100 : (int)left) < 0;
    }
}

int vt_wait_text(struct vt *vt, const char *utf8, int timeout_ms)
{
    return wait_for_text(vt, -1, utf8, 0, timeout_ms);
}

int vt_wait_gone(struct vt *vt, const char *utf8, int timeout_ms)
{
    return wait_for_text(vt, -1, utf8, 1, timeout_ms);
}

int vt_wait_row(struct vt *vt, int row, const char *utf8, int timeout_ms)
{
    return row < 0 ? 0 : wait_for_text(vt, row, utf8, 0, timeout_ms);
}

int vt_wait_idle(struct vt *vt, int quiet_ms, int timeout_ms)
{
    long deadline = now_ms() + timeout_ms;
    long quiet_since = now_ms();
    while (now_ms() < deadline) {
        long n = read_once(vt, quiet_ms);
        if (n < 0)
            return 1;
        if (n > 0)
            quiet_since = now_ms();
        else if (now_ms() - quiet_since >= quiet_ms)
            return 1;
    }
    return 0;
}

void vt_bytes_mark(struct vt *vt) { vt->bytes_mark = vt->bytes_total; }

unsigned long vt_bytes_since(const struct vt *vt) { return vt->bytes_total - vt->bytes_mark; }

/* ---- the screen ------------------------------------------------------ */

void vt_size(const struct vt *vt, int *rows, int *cols)
{
    *rows = vt->rows;
    *cols = vt->cols;
}

static size_t encode_utf8(uint32_t c, char *out)
{
    static const unsigned char lead[] = { 0, 0xC0, 0xE0, 0xF0 };
    size_t n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (size_t i = n - 1; i > 0; i--, c >>= 6)
        out[i] = (char)(0x80 | (c & 0x3F));
    out[0] = (char)(lead[n - 1] | c);
    return n;
}

/* Row text, untrimmed, with col_at[i] = the column of the cell that byte i
 * of the text belongs to (col_at may be NULL).  Returns the length. */
static size_t row_with_columns(struct vt *vt, int row, char *text, int *col_at, size_t cap)
{
    size_t len = 0;
    if (row < 0 || row >= vt->rows)
        return 0;
    for (int col = 0; col < vt->cols; col++) {
        VTermScreenCell cell;
        char glyph[4 * VTERM_MAX_CHARS_PER_CELL];
        size_t glen = 0;
        vterm_screen_get_cell(vt->screen, (VTermPos){ .row = row, .col = col }, &cell);
        if (cell.chars[0] == (uint32_t)-1) /* right half of a wide character */
            continue;
        for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i] != 0; i++)
            glen += encode_utf8(cell.chars[i] > 0x10FFFF ? 0xFFFD : cell.chars[i], glyph + glen);
        if (glen == 0)
            glyph[glen++] = ' ';
        if (len + glen >= cap)
            break;
        memcpy(text + len, glyph, glen);
        for (size_t i = 0; col_at && i < glen; i++)
            col_at[len + i] = col;
        len += glen;
        if (cell.width == 2)
            col++;
    }
    text[len] = '\0';
    return len;
}

void vt_row(struct vt *vt, int row, char *utf8, size_t cap)
{
    char text[ROW_CAP];
    size_t len = row_with_columns(vt, row, text, NULL, sizeof text);
    while (len > 0 && text[len - 1] == ' ')
        len--;
    if (cap == 0)
        return;
    if (len >= cap) {
        len = cap - 1;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--; /* never cut a character in half */
    }
    memcpy(utf8, text, len);
    utf8[len] = '\0';
}

int vt_col_of(struct vt *vt, int row, const char *utf8)
{
    char text[ROW_CAP];
    int col_at[ROW_CAP];
    row_with_columns(vt, row, text, col_at, sizeof text);
    const char *hit = strstr(text, utf8);
    return hit ? col_at[hit - text] : -1;
}

int vt_row_of(struct vt *vt, const char *utf8)
{
    for (int row = 0; row < vt->rows; row++)
        if (vt_col_of(vt, row, utf8) >= 0)
            return row;
    return -1;
}

void vt_cursor(struct vt *vt, int *row, int *col)
{
    VTermPos pos;
    vterm_state_get_cursorpos(vterm_obtain_state(vt->term), &pos);
    *row = pos.row;
    *col = pos.col;
}

int vt_cursor_visible(const struct vt *vt) { return vt->cursor_visible; }

static VTermScreenCellAttrs attrs_at(struct vt *vt, int row, int col)
{
    VTermScreenCell cell = { 0 };
    if (row >= 0 && row < vt->rows && col >= 0 && col < vt->cols)
        vterm_screen_get_cell(vt->screen, (VTermPos){ .row = row, .col = col }, &cell);
    return cell.attrs;
}

int vt_attr_reverse(struct vt *vt, int row, int col) { return attrs_at(vt, row, col).reverse; }
int vt_attr_bold(struct vt *vt, int row, int col) { return attrs_at(vt, row, col).bold; }
int vt_attr_underline(struct vt *vt, int row, int col) { return attrs_at(vt, row, col).underline != 0; }

void vt_dump(struct vt *vt, FILE *out)
{
    char text[ROW_CAP];
    int crow, ccol;
    vt_cursor(vt, &crow, &ccol);
    fprintf(out, "---- screen %dx%d, cursor row %d col %d%s ----\n", vt->rows, vt->cols,
            crow, ccol, vt->cursor_visible ? "" : " (hidden)");
    for (int row = 0; row < vt->rows; row++) {
        vt_row(vt, row, text, sizeof text);
        fprintf(out, "%2d|%s\n", row, text);
    }
    fprintf(out, "----\n");
}

/* ---- keys ------------------------------------------------------------ */

/* Keys whose bytes depend on the cursor-key mode go through libvterm,
 * which tracks that mode as xterm does; the rest are fixed. */
static const VTermKey key_mode_aware[VT_KEY_COUNT] = {
    [VT_KEY_UP] = VTERM_KEY_UP, [VT_KEY_DOWN] = VTERM_KEY_DOWN,
    [VT_KEY_RIGHT] = VTERM_KEY_RIGHT, [VT_KEY_LEFT] = VTERM_KEY_LEFT,
    [VT_KEY_HOME] = VTERM_KEY_HOME, [VT_KEY_END] = VTERM_KEY_END,
};

static const char *const key_fixed[VT_KEY_COUNT] = {
    [VT_KEY_F1] = "\033OP", [VT_KEY_F2] = "\033OQ", [VT_KEY_F3] = "\033OR", [VT_KEY_F4] = "\033OS",
    [VT_KEY_F5] = "\033[15~", [VT_KEY_F6] = "\033[17~", [VT_KEY_F7] = "\033[18~",
    [VT_KEY_F8] = "\033[19~", [VT_KEY_F9] = "\033[20~", [VT_KEY_F10] = "\033[21~",
    [VT_KEY_F11] = "\033[23~", [VT_KEY_F12] = "\033[24~",
    [VT_KEY_PUTTY_F1] = "\033[11~", [VT_KEY_PUTTY_F2] = "\033[12~",
    [VT_KEY_PUTTY_F3] = "\033[13~", [VT_KEY_PUTTY_F4] = "\033[14~",
    [VT_KEY_ENTER] = "\r", [VT_KEY_TAB] = "\t", [VT_KEY_BTAB] = "\033[Z", [VT_KEY_ESC] = "\033",
    [VT_KEY_PGUP] = "\033[5~", [VT_KEY_PGDN] = "\033[6~",
    [VT_KEY_INSERT] = "\033[2~", [VT_KEY_DELETE] = "\033[3~",
    [VT_KEY_BACKSPACE] = "\177", [VT_KEY_CTRL_D] = "\004", [VT_KEY_CTRL_L] = "\014",
};

int vt_key(struct vt *vt, enum vt_keyname key)
{
    if ((unsigned)key >= VT_KEY_COUNT)
        return -1;
    vt->keystrokes++;
    if (key_fixed[key])
        return vt_send(vt, key_fixed[key], strlen(key_fixed[key]));
    /* libvterm answers through the output callback, i.e. the reply queue;
     * copied out because sending may take in output that queues more. */
    char seq[64];
    if (flush_replies(vt) != 0)
        return -1;
    vterm_keyboard_key(vt->term, key_mode_aware[key], VTERM_MOD_NONE);
    size_t n = vt->nreply < sizeof seq ? vt->nreply : sizeof seq;
    memcpy(seq, vt->reply, n);
    vt->nreply = 0;
    return vt_send(vt, seq, n);
}

int vt_esc_digit(struct vt *vt, int d)
{
    if (d < 0 || d > 9)
        return -1;
    char seq[2] = { '\033', (char)('0' + d) };
    vt->keystrokes += 2;
    return vt_send(vt, seq, sizeof seq);
}

static unsigned long count_characters(const char *utf8)
{
    unsigned long n = 0;
    for (; *utf8; utf8++)
        if (((unsigned char)*utf8 & 0xC0) != 0x80)
            n++;
    return n;
}

int vt_type(struct vt *vt, const char *utf8)
{
    size_t n = strlen(utf8);
    vt->keystrokes += count_characters(utf8);
    if (vt->to_locale == (iconv_t)-1)
        return vt_send(vt, utf8, n);
    size_t cap = 4 * n + 16;
    char *out = malloc(cap);
    if (!out)
        return -1;
    char *src = (char *)utf8, *dst = out;
    size_t left = n, room = cap;
    if (iconv(vt->to_locale, &src, &left, &dst, &room) == (size_t)-1) {
        fprintf(stderr, "vt: 无法把输入文本转换为终端字符集：%s\n", utf8);
        free(out);
        return -1;
    }
    int rc = vt_send(vt, out, (size_t)(dst - out));
    free(out);
    return rc;
}

unsigned long vt_keystrokes(const struct vt *vt) { return vt->keystrokes; }

/* ---- size and exit --------------------------------------------------- */

void vt_resize(struct vt *vt, int rows, int cols)
{
    struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
    vt->rows = rows;
    vt->cols = cols;
    vterm_set_size(vt->term, rows, cols);
    ioctl(vt->fd, TIOCSWINSZ, &ws);
}

int vt_sanitizer_reported(const struct vt *vt) { return vt->sanitizer_reported; }

int vt_pid(const struct vt *vt) { return (int)vt->pid; }

static void print_sanitizer_report(struct vt *vt)
{
    char path[PATH_MAX + 32], buf[4096];
    size_t n;
    snprintf(path, sizeof path, "%s.%d", vt->sanitizer_log, (int)vt->pid);
    FILE *f = vt->sanitizer_log[0] ? fopen(path, "r") : NULL;
    if (!f)
        return;
    vt->sanitizer_reported = 1;
    fprintf(stderr, "==== 被测程序（pid %d）的 sanitizer 报告：%s ====\n", (int)vt->pid, path);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, n, stderr);
    fclose(f);
    unlink(path); /* its text is in the test log now */
}

static int try_reap(struct vt *vt)
{
    if (!vt->reaped && waitpid(vt->pid, &vt->status, WNOHANG) == vt->pid) {
        vt->reaped = 1;
        print_sanitizer_report(vt);
    }
    return vt->reaped;
}

/* Pumps output until the child is reaped (1) or ms pass (0). */
static int reap_within(struct vt *vt, int ms)
{
    long deadline = now_ms() + ms;
    while (!try_reap(vt)) {
        if (now_ms() >= deadline)
            return 0;
        if (read_once(vt, 20) < 0)
            poll(NULL, 0, 10);
    }
    return 1;
}

int vt_wait_exit(struct vt *vt, int timeout_ms, int *status)
{
    if (!reap_within(vt, timeout_ms))
        return 0;
    /* What the child wrote just before exiting; a grandchild holding the
     * terminal open must not stall this, hence the quiet period. */
    vt_wait_idle(vt, 50, 1000);
    if (status)
        *status = vt->status;
    return 1;
}

/* The child leads its own process group (forkpty made it a session), so
 * the group signal also reaches what it started. */
static void stop_child(struct vt *vt)
{
    if (vt->reaped || vt->pid <= 0)
        return;
    if (kill(-vt->pid, SIGTERM) != 0)
        kill(vt->pid, SIGTERM);
    if (reap_within(vt, 2000))
        return;
    if (kill(-vt->pid, SIGKILL) != 0)
        kill(vt->pid, SIGKILL);
    reap_within(vt, VT_TIMEOUT_MS);
}

void vt_free(struct vt *vt)
{
    if (!vt)
        return;
    stop_child(vt);
    if (vt->fd >= 0)
        close(vt->fd);
    if (vt->term)
        vterm_free(vt->term);
    if (vt->from_locale != (iconv_t)-1)
        iconv_close(vt->from_locale);
    if (vt->to_locale != (iconv_t)-1)
        iconv_close(vt->to_locale);
    free(vt);
}
