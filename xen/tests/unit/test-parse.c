/* SPDX-License-Identifier: GPL-2.0 */
/* parse_ulong: decimal, hex, overflow, nothing to parse. */
#include "helpers.h"
#include <xeno/lib.h>

static void test_values(void **state)
{
	const char *end;

	assert_int_equal(parse_ulong("0", &end), 0);
	assert_string_equal(end, "");
	assert_int_equal(parse_ulong("123abc", &end), 123);
	assert_string_equal(end, "abc");
	assert_int_equal(parse_ulong("0x1F ", &end), 31);
	assert_string_equal(end, " ");
	assert_int_equal(parse_ulong("18446744073709551615", &end), UINT64_MAX);
	assert_string_equal(end, "");
	/* "0x" with no hex digit: the 0 parses, the x does not. */
	assert_int_equal(parse_ulong("0xg", &end), 0);
	assert_string_equal(end, "xg");
}

static void test_nothing_or_overflow(void **state)
{
	const char *s = "abc", *end;

	assert_int_equal(parse_ulong(s, &end), 0);
	assert_ptr_equal(end, s);
	s = "18446744073709551616";
	parse_ulong(s, &end);
	assert_ptr_equal(end, s);
	s = "0x10000000000000000";
	parse_ulong(s, &end);
	assert_ptr_equal(end, s);
	s = "-1";
	parse_ulong(s, &end);
	assert_ptr_equal(end, s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_nothing_or_overflow),
	};

	return RUN(tests);
}
