/* test_outfile.c — exports hold personal data: a new private file, never a
 * planted symlink or someone else's file, an existing one replaced only when
 * allowed, and a failed export leaving the old file whole and no tmp behind
 * (core/outfile.h through the CSV writer every export uses). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/config.h"
#include "core/csv.h"
#include "core/db.h"
#include "core/outfile.h"
#include "testdb.h"

static char dir[64], target[128], tmp[140];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/dj-outfile-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	/* a shared temporary directory: anyone may create, only owners remove */
	chmod(dir, 01777);
	snprintf(target, sizeof target, "%s/名册.csv", dir);
	snprintf(tmp, sizeof tmp, "%s.tmp", target);
	outfile_set_mode(0600);
	outfile_permit_replace(NULL);
	return 0;
}

static int remove_dir(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

/* One record with an ID number, the way every export writes. */
static int export_one(const char *path, char *why, size_t cap)
{
	struct csv_writer w;
	if (csv_writer_open(&w, path)) {
		snprintf(why, cap, "%s", csv_writer_why(&w));
		return -1;
	}
	csv_write_field(&w, "张三");
	csv_write_field(&w, "330102199001011234");
	csv_end_record(&w);
	if (csv_writer_close(&w)) {
		snprintf(why, cap, "%s", csv_writer_why(&w));
		return -1;
	}
	return 0;
}

static void test_new_file_is_private(void **state)
{
	(void)state;
	char why[512];
	mode_t old = umask(0);   /* even a careless umask gives 0600 */
	assert_int_equal(export_one(target, why, sizeof why), 0);
	umask(old);
	struct stat st;
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_non_null(strstr(slurp(target), "330102199001011234"));
	assert_int_equal(access(tmp, F_OK), -1);
	/* [export] mode = 0640 */
	unlink(target);
	outfile_set_mode(0640);
	assert_int_equal(export_one(target, why, sizeof why), 0);
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
}

static void test_existing_file_needs_consent(void **state)
{
	(void)state;
	char why[512];
	put_file(target, "旧文件\n");
	struct stat before, after;
	assert_int_equal(stat(target, &before), 0);
	/* someone (another user when we are root) made it and keeps it open */
	if (geteuid() == 0)
		assert_int_equal(chown(target, 65534, 65534), 0);
	int spy = open(target, O_RDONLY);
	assert_true(spy >= 0);
	assert_int_equal(export_one(target, why, sizeof why), -1);
	assert_non_null(strstr(why, "已存在"));
	assert_string_equal(slurp(target), "旧文件\n");
	assert_int_equal(access(tmp, F_OK), -1);
	/* consent for another name is no consent for this one */
	outfile_permit_replace("别的.csv");
	assert_int_equal(export_one(target, why, sizeof why), -1);
	outfile_permit_replace(target);
	assert_int_equal(export_one(target, why, sizeof why), 0);
	assert_int_equal(stat(target, &after), 0);
	/* a new file of ours took the name: what the other holds open got nothing */
	assert_true(after.st_ino != before.st_ino);
	assert_int_equal(after.st_uid, geteuid());
	assert_int_equal(after.st_mode & 07777, 0600);
	char got[64] = "";
	assert_int_equal(read(spy, got, sizeof got - 1), (ssize_t)strlen("旧文件\n"));
	assert_null(strstr(got, "3301"));
	close(spy);
	/* the consent was for one export */
	assert_int_equal(export_one(target, why, sizeof why), -1);
}

static void test_symlink_is_refused(void **state)
{
	(void)state;
	char why[512], victim[140];
	snprintf(victim, sizeof victim, "%s/profile", dir);
	put_file(victim, "PATH=/usr/bin\n");
	assert_int_equal(symlink(victim, target), 0);
	assert_int_equal(outfile_target(target, why, sizeof why), OUTFILE_REFUSED);
	assert_non_null(strstr(why, "符号链接"));
	outfile_permit_replace(target);   /* not even with consent */
	assert_int_equal(export_one(target, why, sizeof why), -1);
	assert_non_null(strstr(why, "符号链接"));
	assert_string_equal(slurp(victim), "PATH=/usr/bin\n");
	struct stat st;
	assert_int_equal(lstat(target, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	/* a directory is no file either */
	assert_int_equal(outfile_target(dir, why, sizeof why), OUTFILE_REFUSED);
}

static void test_stale_tmp(void **state)
{
	(void)state;
	char why[512], victim[140];
	/* a crash left ours: it does not block the export */
	put_file(tmp, "半个文件");
	assert_int_equal(export_one(target, why, sizeof why), 0);
	assert_int_equal(access(tmp, F_OK), -1);
	assert_non_null(strstr(slurp(target), "张三"));
	unlink(target);
	/* a symlink planted as the tmp is neither followed nor removed */
	snprintf(victim, sizeof victim, "%s/profile", dir);
	put_file(victim, "PATH=/usr/bin\n");
	assert_int_equal(symlink(victim, tmp), 0);
	assert_int_equal(export_one(target, why, sizeof why), -1);
	assert_non_null(strstr(why, "符号链接"));
	assert_string_equal(slurp(victim), "PATH=/usr/bin\n");
	assert_int_equal(access(target, F_OK), -1);
	unlink(tmp);
	/* another export still writing it: refused, its file left alone */
	struct outfile live;
	assert_int_equal(outfile_open(&live, target), 0);
	assert_int_equal(export_one(target, why, sizeof why), -1);
	assert_non_null(strstr(why, "正在写入"));
	fputs("live", live.f);
	assert_int_equal(outfile_commit(&live), 0);
	assert_string_equal(slurp(target), "live");
	unlink(target);
	if (geteuid() == 0) {
		/* one of another user's, in a shared directory: refused */
		put_file(tmp, "");
		assert_int_equal(chown(tmp, 65534, 65534), 0);
		assert_int_equal(export_one(target, why, sizeof why), -1);
		assert_non_null(strstr(why, "另一个用户"));
		unlink(tmp);
	}
}

static void test_failed_export_keeps_the_old_file(void **state)
{
	(void)state;
	put_file(target, "旧文件\n");
	outfile_permit_replace(target);
	/* the disk fills half-way (a file-size limit fails the writes, root or not) */
	struct rlimit keep, small;
	getrlimit(RLIMIT_FSIZE, &keep);
	small = (struct rlimit){ 16384, keep.rlim_max };   /* the soft limit only: it goes back up */
	signal(SIGXFSZ, SIG_IGN);
	struct csv_writer w;
	assert_int_equal(csv_writer_open(&w, target), 0);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	for (int i = 0; i < 5000; i++) {
		csv_write_field(&w, "330102199001011234");
		csv_end_record(&w);
	}
	int rc = csv_writer_close(&w);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &keep), 0);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(csv_writer_why(&w), "原有文件未改动"));
	assert_string_equal(slurp(target), "旧文件\n");
	assert_int_equal(access(tmp, F_OK), -1);
	/* rows that could not be read: thrown away too */
	outfile_permit_replace(target);
	assert_int_equal(csv_writer_open(&w, target), 0);
	csv_write_field(&w, "一半");
	csv_writer_abort(&w);
	assert_string_equal(slurp(target), "旧文件\n");
	assert_int_equal(access(tmp, F_OK), -1);
}

/* A directory the operator may not write into: refused at the start, the
 * old file there untouched and no tmp.  As root (who writes anywhere) the
 * export runs as nobody. */
static void test_unwritable_directory(void **state)
{
	(void)state;
	char ro[96], path[128], tmp_ro[140];
	snprintf(ro, sizeof ro, "%s/只读", dir);
	snprintf(path, sizeof path, "%s/x.csv", ro);
	snprintf(tmp_ro, sizeof tmp_ro, "%s.tmp", path);
	assert_int_equal(mkdir(ro, 0755), 0);
	put_file(path, "旧文件\n");
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(chmod(ro, 0555), 0);
	pid_t pid = fork();
	if (pid == 0) {
		char why[512];
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(3);
		outfile_permit_replace(path);
		if (export_one(path, why, sizeof why) != -1)
			_exit(1);
		_exit(strstr(why, "无法创建") ? 0 : 2);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	chmod(ro, 0755);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(slurp(path), "旧文件\n");
	assert_int_equal(access(tmp_ro, F_OK), -1);
}

static void test_config_sets_the_mode(void **state)
{
	(void)state;
	char ini[128], why[512];
	struct config c;
	snprintf(ini, sizeof ini, "%s/t.ini", dir);
	put_file(ini, "[export]\nmode = 0640\n");
	assert_int_equal(config_load(&c, ini, why, sizeof why), 0);
	assert_int_equal(outfile_mode(), 0640);
	assert_int_equal(c.import_max_mb, 200);
	config_free(&c);
	put_file(ini, "[export]\nmode = 0644\n");
	assert_int_equal(config_load(&c, ini, why, sizeof why), -1);
	assert_non_null(strstr(why, "第 2 行"));
	put_file(ini, "[import]\nmax_mb = 0\n");
	assert_int_equal(config_load(&c, ini, why, sizeof why), -1);
	assert_non_null(strstr(why, "max_mb"));
}

/* The backup shares the module: 0600 whatever [export] says, never through
 * a symlink at the name or at its tmp, an old backup replaced whole. */
static void backups_are_written_the_same_way(void **state)
{
	(void)state;
	struct testdb t;
	struct dj_err e;
	char backup[140], victim[140];
	testdb_open(&t);
	outfile_set_mode(0640);
	snprintf(backup, sizeof backup, "%s/备份.db", dir);
	put_file(backup, "旧备份");
	assert_int_equal(db_backup(t.s.db, backup, &e), 0);
	struct stat st;
	assert_int_equal(stat(backup, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_true(st.st_size > 1024);
	snprintf(victim, sizeof victim, "%s/profile", dir);
	put_file(victim, "PATH=/usr/bin\n");
	unlink(backup);
	assert_int_equal(symlink(victim, backup), 0);
	assert_int_equal(db_backup(t.s.db, backup, &e), DJ_DB);
	assert_non_null(strstr(e.msg, "符号链接"));
	unlink(backup);
	char btmp[150];
	snprintf(btmp, sizeof btmp, "%s.tmp", backup);
	assert_int_equal(symlink(victim, btmp), 0);
	assert_int_equal(db_backup(t.s.db, backup, &e), DJ_DB);
	assert_non_null(strstr(e.msg, "符号链接"));
	assert_string_equal(slurp(victim), "PATH=/usr/bin\n");
	assert_int_equal(access(backup, F_OK), -1);
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_file_is_private, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_existing_file_needs_consent, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_symlink_is_refused, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_stale_tmp, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_failed_export_keeps_the_old_file, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_unwritable_directory, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_config_sets_the_mode, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(backups_are_written_the_same_way, make_dir, remove_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
