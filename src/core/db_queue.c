/* db_queue.c — a ticket queue of byte-range locks in the lock file; waits
 * are woken every few ms by a timer so that they can end at the busy
 * timeout. */
#define _GNU_SOURCE   /* F_OFD_SETLK, F_OFD_SETLKW */
#include "core/db_queue.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"

/* Connections of this process with a lock file; a handful at most (the
 * program has one, a test a few). */
enum { QUEUE_MAX = 16 };

static struct queue {
	sqlite3 *db;
	int fd;
	int timeout_ms;
	int held;      /* our turn: we hold slot and the writers after us wait */
	off_t slot;
} queues[QUEUE_MAX];

static struct queue *queue_of(sqlite3 *db)
{
	for (int i = 0; i < QUEUE_MAX; i++)
		if (queues[i].db == db && db)
			return &queues[i];
	return NULL;
}

/* Why the last lock file could not be used ("" when it could): told to
 * the operator once by db_queue_problem. */
static char problem[600];

/* Gives the lock file the database file's owner (root alone can, which is
 * who runs `make install`'s init) and permission bits, so that everyone who
 * may write the database may queue.  Also repairs a lock file left with
 * other rights by an older program, when we own it or are root. */
static void match_database(int fd, const struct stat *db)
{
	struct stat st;
	if (fstat(fd, &st) != 0)
		return;
	if (geteuid() == 0 && (st.st_uid != db->st_uid || st.st_gid != db->st_gid))
		if (fchown(fd, db->st_uid, db->st_gid) != 0)
			return;
	if ((geteuid() == 0 || st.st_uid == geteuid()) && (st.st_mode & 0666) != (db->st_mode & 0666))
		fchmod(fd, db->st_mode & 0666);
}

/* A new lock file appears with its final owner and mode or not at all: it
 * is made under a name of its own and linked into place, so that nobody
 * opens it while it still has the creator's 0600. */
static int create_lock_file(const char *lock, const struct stat *db)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.%ld.new", lock, (long)getpid());
	int fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	match_database(fd, db);
	int linked = link(tmp, lock), why = errno;
	unlink(tmp);
	if (linked == 0)
		return fd;
	close(fd);
	if (why == EEXIST) {
		errno = EEXIST;   /* somebody else's is in place: open theirs */
		return -1;
	}
	/* A file system without hard links: made in place, as before. */
	fd = open(lock, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd >= 0)
		match_database(fd, db);
	return fd;
}

static int open_lock_file(const char *path)
{
	char lock[4096];
	struct stat st;
	if (snprintf(lock, sizeof lock, "%s-lock", path) >= (int)sizeof lock || stat(path, &st) != 0)
		return -1;
	int fd = open(lock, O_RDWR | O_NOFOLLOW | O_CLOEXEC);   /* write locks need a writable descriptor */
	if (fd < 0 && errno == ENOENT && (fd = create_lock_file(lock, &st)) < 0 && errno == EEXIST)
		fd = open(lock, O_RDWR | O_NOFOLLOW | O_CLOEXEC);   /* another made it meanwhile */
	if (fd >= 0) {
		match_database(fd, &st);
		return fd;
	}
	/* The essentials first: the message line of 80 columns shows the start. */
	snprintf(problem, sizeof problem,
	         "写入不排队：无法打开 %s（%s），请告知管理员（它须与数据库文件的属主、属组和权限相同，"
	         "重新运行 make install 即可修复）；多人同时保存时会等得更久",
	         lock, errno == EACCES || errno == EPERM ? "没有权限" : dj_io_why(errno));
	return -1;
}

int db_queue_problem(char *out, size_t cap)
{
	if (!problem[0])
		return 0;
	snprintf(out, cap, "%s", problem);
	problem[0] = 0;
	return 1;
}

void db_queue_attach(sqlite3 *db, const char *path, int timeout_ms)
{
	struct queue *q = NULL;
	for (int i = 0; !q && i < QUEUE_MAX; i++)
		if (!queues[i].db)
			q = &queues[i];
	if (!q || !db || !path || !*path || strcmp(path, ":memory:") == 0)
		return;
	int fd = open_lock_file(path);
	if (fd < 0)
		return;
	*q = (struct queue){ db, fd, timeout_ms, 0, 0 };
}

static void tick(int sig)
{
	(void)sig;   /* only interrupts a blocked lock request */
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One byte of the lock file locked (F_WRLCK, F_RDLCK) or unlocked with an
 * open-file-description lock: it belongs to this connection's descriptor,
 * and closing any other descriptor of the process does not drop it. */
static int lock_byte(int fd, short type, off_t at, int wait)
{
	struct flock fl;
	memset(&fl, 0, sizeof fl);
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = at;
	fl.l_len = 1;
	return fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl);
}

/* Locks a byte, blocking at most timeout_ms: a 20 ms interval timer
 * interrupts the wait so the deadline is checked (a tick that lands before
 * the wait starts only costs one interval).  Returns 0 (locked), 1 (timed
 * out) or -1 (the lock call itself failed). */
static int lock_byte_within(int fd, short type, off_t at, int timeout_ms)
{
	static int handler_set;
	if (lock_byte(fd, type, at, 0) == 0)
		return 0;
	if (errno != EAGAIN && errno != EACCES)
		return -1;
	if (timeout_ms <= 0)
		return 1;
	if (!handler_set) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = tick;   /* no SA_RESTART: the wait returns EINTR */
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGALRM, &sa, NULL) != 0)
			return -1;
		handler_set = 1;
	}
	struct itimerval every = { { 0, 20000 }, { 0, 20000 } }, off = { { 0, 0 }, { 0, 0 } };
	double deadline = now_ms() + timeout_ms;
	int rc;
	setitimer(ITIMER_REAL, &every, NULL);
	while ((rc = lock_byte(fd, type, at, 1)) != 0 && errno == EINTR && now_ms() < deadline)
		;
	int timed_out = rc != 0 && errno == EINTR;
	setitimer(ITIMER_REAL, &off, NULL);
	return rc == 0 ? 0 : timed_out ? 1 : -1;
}

/* The lock file's layout: the next ticket (8 bytes) at 0, the byte that
 * guards it at TICKET_LOCK, and a byte per ticket from SLOT_BASE, reused
 * every SLOTS tickets (as many writers as that never wait at once). */
enum { TICKET_LOCK = 8, SLOT_BASE = 64, SLOTS = 4096 };

static off_t slot_of(uint64_t ticket)
{
	return SLOT_BASE + (off_t)(ticket % SLOTS);
}

/* Draws the next ticket and locks its slot, so the writer after us finds it
 * locked before it can look.  Returns 0, 1 (timed out) or -1. */
static int draw_ticket(struct queue *q, uint64_t *ticket)
{
	int rc = lock_byte_within(q->fd, F_WRLCK, TICKET_LOCK, q->timeout_ms);
	if (rc)
		return rc;
	uint64_t t = 0, next;
	rc = -1;
	if (pread(q->fd, &t, sizeof t, 0) >= 0) {
		next = t + 1;
		if (pwrite(q->fd, &next, sizeof next, 0) == (ssize_t)sizeof next &&
		    lock_byte(q->fd, F_WRLCK, slot_of(t), 0) == 0)
			rc = 0;
	}
	lock_byte(q->fd, F_UNLCK, TICKET_LOCK, 0);
	*ticket = t;
	return rc;
}

/* First come, first served: each writer draws a ticket, holds its own slot
 * byte from then until it has written, and waits for the slot of the ticket
 * before its own.  Letting go of a slot wakes only the writer after it —
 * with one flock for all, every release woke every waiter and whichever ran
 * first won, so a writer could lose many times in a row.  A writer that dies
 * frees its slot with its descriptor and the next goes on. */
int db_queue_enter(sqlite3 *db)
{
	struct queue *q = queue_of(db);
	uint64_t t = 0;
	if (!q || q->held)
		return 0;
	int rc = draw_ticket(q, &t);
	if (rc == 0) {
		rc = lock_byte_within(q->fd, F_RDLCK, slot_of(t - 1), q->timeout_ms);
		if (rc == 0)
			lock_byte(q->fd, F_UNLCK, slot_of(t - 1), 0);
		else
			lock_byte(q->fd, F_UNLCK, slot_of(t), 0);
	}
	if (rc == 1)
		return -1;
	q->held = rc == 0;   /* -1: the lock file itself fails, write as without it */
	q->slot = slot_of(t);
	return 0;
}

void db_queue_leave(sqlite3 *db)
{
	struct queue *q = queue_of(db);
	if (!q || !q->held)
		return;
	lock_byte(q->fd, F_UNLCK, q->slot, 0);
	q->held = 0;
}

void db_queue_detach(sqlite3 *db)
{
	struct queue *q = queue_of(db);
	if (!q)
		return;
	close(q->fd);
	memset(q, 0, sizeof *q);
}
