/* SPDX-License-Identifier: GPL-2.0 */
/* The hypervisor's snprintf: conversions, flags, widths, truncation. The
 * expected strings are literals (what C99 printf prints). */
#include "helpers.h"

/* Odd formats are the point here; the compiler need not check them. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#include <xeno/lib.h>

static char buf[128];

#define CHECK(expect, ...) do { \
	int n_ = xeno_snprintf(buf, sizeof(buf), __VA_ARGS__); \
	assert_string_equal(buf, expect); \
	assert_int_equal(n_, (int)strlen(expect)); \
} while (0)

int xeno_snprintf(char *b, size_t s, const char *f, ...);

static void test_integers(void **state)
{
	CHECK("0", "%d", 0);
	CHECK("-42", "%d", -42);
	CHECK("2147483647 -2147483648", "%d %d", 2147483647, (int)-2147483648LL);
	CHECK("4294967295", "%u", 4294967295u);
	CHECK("18446744073709551615", "%lu", 18446744073709551615UL);
	CHECK("-9223372036854775808", "%ld", (long)(-9223372036854775807L - 1));
	CHECK("ff FF 0xff 0XFF", "%x %X %#x %#X", 255, 255, 255, 255);
	CHECK("ffffffffffffffff", "%lx", ~0UL);
	CHECK("17 021", "%o %#o", 15, 17);
	CHECK("65535 255", "%hu %hhu", 0x1ffff, 0x1ff);
	CHECK("12345", "%zu", (size_t)12345);
	CHECK("123", "%lld", 123LL);
}

static void test_width_and_flags(void **state)
{
	CHECK("   42", "%5d", 42);
	CHECK("42   |", "%-5d|", 42);
	CHECK("00042", "%05d", 42);
	CHECK("-0042", "%05d", -42);
	CHECK("+42| 42", "%+d|% d", 42, 42);
	CHECK("0000000000001234", "%016lx", 0x1234UL);
	CHECK("0x00ff", "%#06x", 255);
	CHECK("  007", "%5.3d", 7);
	CHECK("", "%.0d", 0);
	CHECK("    7", "%*d", 5, 7);
	CHECK("7    |", "%*d|", -5, 7);
}

static void test_strings_and_chars(void **state)
{
	CHECK("hello", "%s", "hello");
	CHECK("(null)", "%s", (char *)NULL);
	CHECK("  abc|abc  |", "%5s|%-5s|", "abc", "abc");
	CHECK("ab", "%.2s", "abcdef");
	CHECK("abc", "%.*s", 3, "abcdef");
	CHECK("x y", "%c %c", 'x', 'y');
	CHECK("100%", "100%%");
	CHECK("0xffff82d040200000", "%p", (void *)0xffff82d040200000UL);
}

static void test_unknown_and_trailing(void **state)
{
	CHECK("%q", "%q");
	CHECK("a", "a%");
}

static void test_truncation(void **state)
{
	char small[6];
	int n = xeno_snprintf(small, sizeof(small), "%s", "abcdefgh");

	assert_int_equal(n, 8);   /* the length it wanted */
	assert_string_equal(small, "abcde");
	n = xeno_snprintf(small, 1, "%d", 12345);
	assert_int_equal(n, 5);
	assert_string_equal(small, "");
	n = xeno_snprintf(NULL, 0, "%d", 12345);
	assert_int_equal(n, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_width_and_flags),
		cmocka_unit_test(test_strings_and_chars),
		cmocka_unit_test(test_unknown_and_trailing),
		cmocka_unit_test(test_truncation),
	};

	return RUN(tests);
}
