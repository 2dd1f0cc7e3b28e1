/* user_priv.h — running setgid on a shared server (`make install`).
 *
 * The installed binary is setgid to the group dangjian, the only group that
 * may enter the data directory (2770) and write the database (0660).
 * Operators are not members: the program, with its rules, scopes and audit
 * log, is their only way to the data.  When the program runs so
 * (getegid() != getgid()):
 *   - the configuration comes only from /etc/dangjian/dangjian.ini, because
 *     --config or ./dangjian.ini would let an operator point the program at
 *     another database or settings of their own;
 *   - the environment is cleared but for TERM, LANG, LC_*, HOME and TZ, so
 *     no variable (TMPDIR, SQLITE_TMPDIR, TERMINFO, …) steers the program;
 *   - the group is held only while the database is opened or closed
 *     (priv_raise … priv_drop).  Everything else — CSV files an operator
 *     names, backups — is done with the operator's own rights, so no file
 *     name typed at a prompt can reach the data directory;
 *   - the full-screen program gives the group up for good (priv_give_up)
 *     once the database is open and before the terminal is set up: ncurses
 *     takes a process whose effective and real groups agree for an ordinary
 *     one and reads the operator's terminal description ($HOME/.terminfo),
 *     so no parser bug there may ever find the group still at hand.
 * The program never starts a shell or another program. */
#ifndef DJ_USER_PRIV_H
#define DJ_USER_PRIV_H

#include <sqlite3.h>
#include <stddef.h>

/* The one configuration file of the installed program.  A test build may
 * name another (-DPRIV_SYSTEM_CONFIG=...: tests/e2e/test_e2e_installed.c
 * installs a whole layout as root without touching the machine's /etc). */
#ifndef PRIV_SYSTEM_CONFIG
#define PRIV_SYSTEM_CONFIG "/etc/dangjian/dangjian.ini"
#endif

/* First thing in main: notes whether the program runs setgid and, when it
 * does, reduces the environment and lets go of the group.  Returns 1 when
 * running setgid. */
int priv_start(void);
int priv_setgid(void);

/* The configuration file to read: `requested` (--config, may be NULL)
 * normally; PRIV_SYSTEM_CONFIG when setgid, with a note for the operator
 * in `note` when a --config was ignored (else note = ""). */
const char *priv_config_path(const char *requested, char *note, size_t cap);

/* Takes up / lets go of the setgid group around opening and closing the
 * database.  Nothing happens when not running setgid. */
void priv_raise(void);
void priv_drop(void);

/* For the full-screen program, once the database (its WAL, the writers'
 * lock, the audit key) is open as `db`: real, effective and saved group all
 * become the operator's own, for good; priv_raise and priv_drop do nothing
 * from then on.  db is set to keep its WAL file when closed (closing it
 * would remove the file from the data directory, which the operator alone
 * may not; the next closer that holds the group removes it).  Also hides
 * HOME, so that the terminal description comes from the system's terminfo
 * only.  Stops the program (exit 2) if the kernel refuses.  Nothing happens
 * when not running setgid. */
void priv_give_up(sqlite3 *db);

/* Clears every environment variable but TERM, LANG, LC_*, HOME and TZ
 * (priv_start does this when setgid; exposed for tests). */
void priv_reduce_environment(void);

#endif
