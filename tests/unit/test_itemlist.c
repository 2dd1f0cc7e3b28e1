/* test_itemlist.c — items of a list typed into one field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/itemlist.h"

static const char *const names_seps[] = { "、", "，", ",", "；", ";", NULL };

static void span_stops_at_the_earliest_separator(void **state)
{
	(void)state;
	size_t seplen;
	assert_int_equal(itemlist_span("陈刚，李明、王芳", names_seps, &seplen), strlen("陈刚"));
	assert_int_equal(seplen, strlen("，"));
	assert_int_equal(itemlist_span("a,b", names_seps, &seplen), 1);
	assert_int_equal(seplen, 1);
	assert_int_equal(itemlist_span("陈 刚", names_seps, &seplen), strlen("陈 刚"));
	assert_int_equal(seplen, 0);
	static const char *const overlapping[] = { "a", "ab", NULL };
	assert_int_equal(itemlist_span("xab", overlapping, &seplen), 1);
	assert_int_equal(seplen, 1);   /* at one place the one listed first */
}

static void next_gives_each_item_trimmed_empty_ones_too(void **state)
{
	(void)state;
	const char *p = " 陈 刚 、,李明；";
	char out[64];
	assert_int_equal(itemlist_next(&p, names_seps, out, sizeof out), 1);
	assert_string_equal(out, "陈 刚");
	assert_int_equal(itemlist_next(&p, names_seps, out, sizeof out), 1);
	assert_string_equal(out, "");
	assert_int_equal(itemlist_next(&p, names_seps, out, sizeof out), 1);
	assert_string_equal(out, "李明");
	assert_int_equal(itemlist_next(&p, names_seps, out, sizeof out), 0);
	assert_string_equal(p, "");
}

static void next_cuts_an_item_to_the_buffer(void **state)
{
	(void)state;
	const char *p = "abcdefgh,ij";
	char out[4];
	assert_int_equal(itemlist_next(&p, names_seps, out, sizeof out), 1);
	assert_string_equal(out, "abc");
	assert_string_equal(p, "ij");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(span_stops_at_the_earliest_separator),
		cmocka_unit_test(next_gives_each_item_trimmed_empty_ones_too),
		cmocka_unit_test(next_cuts_an_item_to_the_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
