/* test_entry_rules.c — the rules behind data entry (issue 19): what a form
 * may fill in by itself (转正日期 from 入党日期, 出生日期 and 性别 from the
 * 身份证号), and the [ui] esc_digit_ms setting with the line of a bad value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/session.h"
#include "member/member.h"

#define TODAY "2026-11-21"

struct env {
	struct config cfg;
	struct session s;
	char path[64];
};

/* A session whose config is `ini` (NULL: the defaults). */
static void env_open(struct env *v, const char *ini)
{
	char why[512];
	memset(v, 0, sizeof *v);
	setenv("DJ_TODAY", TODAY, 1);
	config_defaults(&v->cfg);
	if (ini) {
		snprintf(v->path, sizeof v->path, "/tmp/djentry.XXXXXX");
		int fd = mkstemp(v->path);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, ini, strlen(ini)), (ssize_t)strlen(ini));
		close(fd);
		if (config_load(&v->cfg, v->path, why, sizeof why))
			fail_msg("%s", why);
	}
	v->s.cfg = &v->cfg;
}

static void env_close(struct env *v)
{
	config_free(&v->cfg);
	if (v->path[0])
		unlink(v->path);
}

static struct member typed(const char *category, const char *joined, const char *confirmed,
                           const char *extension)
{
	struct member m;
	memset(&m, 0, sizeof m);
	snprintf(m.category, sizeof m.category, "%s", category);
	snprintf(m.joined_on, sizeof m.joined_on, "%s", joined);
	snprintf(m.confirmed_on, sizeof m.confirmed_on, "%s", confirmed);
	snprintf(m.extension, sizeof m.extension, "%s", extension);
	return m;
}

static void probation_end_is_a_year_plus_the_extension(void **state)
{
	(void)state;
	struct env v;
	char out[11];
	env_open(&v, NULL);
	assert_int_equal(member_probation_end(&v.s, "2010-07-01", "", out), 0);
	assert_string_equal(out, "2011-07-01");
	assert_int_equal(member_probation_end(&v.s, "2015.7.1", "6", out), 0);
	assert_string_equal(out, "2017-01-01");
	assert_int_equal(member_probation_end(&v.s, "2024-02-29", "", out), 0);
	assert_string_equal(out, "2025-02-28");
	assert_int_equal(member_probation_end(&v.s, "2010-13-01", "", out), -1);
	assert_int_equal(member_probation_end(&v.s, "2010-07-01", "六", out), -1);
	env_close(&v);
	env_open(&v, "[develop]\nprobation_months = 18\n");
	assert_int_equal(member_probation_end(&v.s, "2010-07-01", "", out), 0);
	assert_string_equal(out, "2012-01-01");
	env_close(&v);
}

static void confirmed_on_prefilled_only_when_it_is_the_one_value(void **state)
{
	(void)state;
	struct env v;
	char out[11];
	env_open(&v, NULL);
	struct member m = typed("正式党员", "2010-07-01", "", "");
	assert_int_equal(member_confirm_prefill(&v.s, &m, out), 1);
	assert_string_equal(out, "2011-07-01");
	/* the prefill is what the save accepts: no other date would pass */
	m = typed("正式党员", "2010-07-01", "", "12");
	assert_int_equal(member_confirm_prefill(&v.s, &m, out), 1);
	assert_string_equal(out, "2012-07-01");
	/* something typed there already, a 预备党员, no 入党日期, or a
	 * probation not over yet: nothing to fill */
	m = typed("正式党员", "2010-07-01", "2011-08-01", "");
	assert_int_equal(member_confirm_prefill(&v.s, &m, out), 0);
	m = typed("预备党员", "2026-06-01", "", "");
	assert_int_equal(member_confirm_prefill(&v.s, &m, out), 0);
	m = typed("", "2010-07-01", "", "");
	assert_int_equal(member_confirm_prefill(&v.s, &m, out), 0);
	m = typed("正式党员", "", "", "");
	assert_int_equal(member_confirm_prefill(&v.s, &m, out), 0);
	m = typed("正式党员", "2026-01-01", "", "");
	assert_int_equal(member_confirm_prefill(&v.s, &m, out), 0);
	env_close(&v);
}

static void id_number_fills_birth_date_and_gender(void **state)
{
	(void)state;
	char born[11];
	const char *sex = "";
	/* 330682198503129878: born 1985-03-12, 17th digit 7 (odd): 男 */
	assert_int_equal(member_id_fill("330682198503129878", "", "", born, &sex), MEMBER_ID_FILL);
	assert_string_equal(born, "1985-03-12");
	assert_string_equal(sex, "男");
	assert_int_equal(member_id_fill("330682198503129878", "1985.3.12", "", born, &sex),
	                 MEMBER_ID_FILL);
	assert_int_equal(member_id_fill("330682198503129878", "1985-03-12", "男", born, &sex),
	                 MEMBER_ID_AGREES);
	assert_int_equal(member_id_fill("330682198503129878", "1985-03-13", "", born, &sex),
	                 MEMBER_ID_DIFFERS);
	assert_int_equal(member_id_fill("330682198503129878", "", "女", born, &sex),
	                 MEMBER_ID_DIFFERS);
	assert_int_equal(member_id_fill("330682199010039887", "", "", born, &sex), MEMBER_ID_FILL);
	assert_string_equal(born, "1990-10-03");
	assert_string_equal(sex, "女");
	/* a wrong check digit fills nothing */
	assert_int_equal(member_id_fill("330682198503129870", "", "", born, &sex), MEMBER_ID_INVALID);
	assert_int_equal(member_id_fill("", "", "", born, &sex), MEMBER_ID_INVALID);
}

static void esc_digit_wait_defaults_to_a_second(void **state)
{
	(void)state;
	struct env v;
	env_open(&v, NULL);
	assert_int_equal(v.cfg.esc_digit_ms, 1000);
	assert_int_equal(v.cfg.escdelay_ms, 150);
	env_close(&v);
	env_open(&v, "[ui]\nescdelay = 120\nesc_digit_ms = 1500\n");
	assert_int_equal(v.cfg.esc_digit_ms, 1500);
	assert_int_equal(v.cfg.escdelay_ms, 120);
	env_close(&v);
	/* the file shipped with the program sets it, commented */
	struct config c;
	char why[512];
	assert_int_equal(config_load(&c, "dangjian.ini", why, sizeof why), 0);
	assert_int_equal(c.esc_digit_ms, 1000);
	config_free(&c);
}

static void bad_value_is_refused_with_its_line(void **state)
{
	(void)state;
	char path[] = "/tmp/djentry.XXXXXX", why[512];
	static const char ini[] = "; 注释\n[database]\nbusy_timeout = 5000\n\n[UI]\n"
	                          "colours = off\n  ESC_DIGIT_MS = 50 ; too short\n";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, ini, sizeof ini - 1), (ssize_t)(sizeof ini - 1));
	close(fd);
	struct config c;
	assert_int_equal(config_load(&c, path, why, sizeof why), -1);
	char want[256];
	snprintf(want, sizeof want, "配置文件 %s 第 7 行：[ui] esc_digit_ms = 50 超出范围（100～5000）",
	         path);
	assert_string_equal(why, want);
	/* the other keys' refusals name their line too */
	fd = open(path, O_WRONLY | O_TRUNC);
	static const char ini2[] = "[ui]\n\nborders = round\n";
	assert_int_equal(write(fd, ini2, sizeof ini2 - 1), (ssize_t)(sizeof ini2 - 1));
	close(fd);
	assert_int_equal(config_load(&c, path, why, sizeof why), -1);
	assert_non_null(strstr(why, "第 3 行：[ui] borders = round 无效"));
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(probation_end_is_a_year_plus_the_extension),
		cmocka_unit_test(confirmed_on_prefilled_only_when_it_is_the_one_value),
		cmocka_unit_test(id_number_fills_birth_date_and_gender),
		cmocka_unit_test(esc_digit_wait_defaults_to_a_second),
		cmocka_unit_test(bad_value_is_refused_with_its_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
