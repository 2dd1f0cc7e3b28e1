/* db_wait.h — what a writer is told before it waits for another process's
 * write lock.  Apart from db.h because the screens use it and run no SQL:
 * it carries no connection, only a message. */
#ifndef DJ_DB_WAIT_H
#define DJ_DB_WAIT_H

/* When db_begin finds the write lock held by another process it calls
 * notice once, before waiting, with "正在等待其他操作员写入完成（最多 5
 * 秒）：zhang（进程 1234）正在运行 …", so that the full-screen program can say
 * why it does not answer keys meanwhile.  NULL (the default): nothing is
 * said. */
void db_on_wait(void (*notice)(const char *msg));

#endif
