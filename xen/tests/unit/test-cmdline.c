/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line parser: booleans, sizes, integers, strings, unknown options
 * and bad values (reported, never fatal, variable left unchanged). */
#include "helpers.h"
#include <xeno/cmdline.h>
#include <xeno/errno.h>

static bool opt_flag;
static uint32_t opt_u32;
static uint8_t opt_u8;
static uint64_t opt_size;
static char opt_str[8];
static int custom_calls;
static char custom_seen[32];

static int custom(const char *val)
{
	custom_calls++;
	if (val && strcmp(val, "bad") == 0)
		return -EINVAL;
	snprintf(custom_seen, sizeof(custom_seen), "%s", val ? val : "(none)");
	return 0;
}

static const struct kernel_param params[] = {
	{ "flag", PARAM_BOOL, &opt_flag, sizeof(opt_flag), NULL },
	{ "u32", PARAM_UINT, &opt_u32, sizeof(opt_u32), NULL },
	{ "u8", PARAM_UINT, &opt_u8, sizeof(opt_u8), NULL },
	{ "mem", PARAM_SIZE, &opt_size, sizeof(opt_size), NULL },
	{ "str", PARAM_STRING, opt_str, sizeof(opt_str), NULL },
	{ "cust", PARAM_CUSTOM, NULL, 0, custom },
};

static char reports[512];

static void report(const char *what, const char *opt, size_t len)
{
	size_t n = strlen(reports);

	snprintf(reports + n, sizeof(reports) - n, "%s:%.*s;", what, (int)len, opt);
}

static int setup(void **state)
{
	opt_flag = false;
	opt_u32 = 7;
	opt_u8 = 7;
	opt_size = 0;
	strcpy(opt_str, "init");
	custom_calls = 0;
	custom_seen[0] = reports[0] = '\0';
	return 0;
}

static int parse(const char *s)
{
	return cmdline_parse(s, params, sizeof(params) / sizeof(params[0]), report);
}

static void test_empty_and_null(void **state)
{
	assert_int_equal(parse(""), 0);
	assert_int_equal(parse("   \t "), 0);
	assert_int_equal(cmdline_parse(NULL, params, 6, report), 0);
	assert_string_equal(reports, "");
}

static void test_bool_forms(void **state)
{
	assert_int_equal(parse("flag"), 0);
	assert_true(opt_flag);
	assert_int_equal(parse("no-flag"), 0);
	assert_false(opt_flag);
	assert_int_equal(parse("flag=yes"), 0);
	assert_true(opt_flag);
	assert_int_equal(parse("flag=off"), 0);
	assert_false(opt_flag);
	assert_int_equal(parse("flag=1 flag=0"), 0);
	assert_false(opt_flag);
}

static void test_bool_bad(void **state)
{
	assert_int_equal(parse("flag=maybe"), 1);
	assert_false(opt_flag);
	assert_int_equal(parse("no-flag=1"), 1);
	assert_string_equal(reports, "bad value:flag=maybe;bad value:no-flag=1;");
}

static void test_uint(void **state)
{
	assert_int_equal(parse("u32=4294967295 u8=0x10"), 0);
	assert_int_equal(opt_u32, 4294967295u);
	assert_int_equal(opt_u8, 16);
}

static void test_uint_bad(void **state)
{
	/* Out of range for the variable, trailing junk, empty, negative. */
	assert_int_equal(parse("u32=4294967296 u8=256 u32=12x u32= u32=-1 u32"), 6);
	assert_int_equal(opt_u32, 7);
	assert_int_equal(opt_u8, 7);
}

static void test_size_suffixes(void **state)
{
	static const struct { const char *s; uint64_t v; } ok[] = {
		{ "1G", 1ULL << 30 }, { "512M", 512ULL << 20 }, { "4k", 4096 },
		{ "100B", 100 }, { "2", 2048 }, { "1T", 1ULL << 40 },
		{ "0x10M", 16ULL << 20 }, { "0", 0 },
	};

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		uint64_t v = 1;

		assert_int_equal(parse_size(ok[i].s, strlen(ok[i].s), &v), 0);
		assert_int_equal(v, ok[i].v);
	}
}

static void test_size_bad(void **state)
{
	static const char *const bad[] = {
		"", "G", "1Q", "1GB", "lots", "99999999999999999999",
		"17179869184G",   /* overflows 64 bits once shifted */
	};
	uint64_t v = 5;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse_size(bad[i], strlen(bad[i]), &v), -EINVAL);
	assert_int_equal(v, 5);
	assert_int_equal(parse("mem=lots"), 1);
	assert_int_equal(opt_size, 0);
}

static void test_string_fits_exactly(void **state)
{
	assert_int_equal(parse("str=1234567"), 0);   /* 7 chars + NUL = 8 */
	assert_string_equal(opt_str, "1234567");
	assert_int_equal(parse("str=12345678"), 1);  /* one too many */
	assert_string_equal(opt_str, "1234567");
	assert_int_equal(parse("str"), 1);
}

static void test_unknown_reported_not_fatal(void **state)
{
	assert_int_equal(parse("bogus u32=3 no-bogus flagx=1 fla"), 4);
	assert_int_equal(opt_u32, 3);
	assert_string_equal(reports, "unknown option:bogus;unknown option:no-bogus;"
			    "unknown option:flagx=1;unknown option:fla;");
}

static void test_custom(void **state)
{
	assert_int_equal(parse("cust=abc cust"), 0);
	assert_int_equal(custom_calls, 2);
	assert_string_equal(custom_seen, "(none)");
	assert_int_equal(parse("cust=bad"), 1);
	assert_int_equal(parse("no-cust"), 1);
}

static void test_long_custom_value_refused(void **state)
{
	char line[300] = "cust=";

	memset(line + 5, 'a', 200);
	line[205] = '\0';
	assert_int_equal(parse(line), 1);
	assert_int_equal(custom_calls, 0);
}

static void test_parse_bool_words(void **state)
{
	bool b;

	assert_int_equal(parse_bool("enable", 6, &b), 0);
	assert_true(b);
	assert_int_equal(parse_bool("disable", 7, &b), 0);
	assert_false(b);
	assert_int_equal(parse_bool("onx", 3, &b), -EINVAL);
	assert_int_equal(parse_bool("", 0, &b), -EINVAL);
}

#define MiB (1ULL << 20)

/* Xen's dom0_mem forms: amount, min:, max:, "all but" with a minus. */
static void test_dom0_mem_forms(void **state)
{
	struct dom0_mem_spec sp;
	uint64_t size, max;

	(void)state;
	assert_int_equal(parse_dom0_mem("512M,max:512M", &sp), 0);
	dom0_mem_size(&sp, 1024 * MiB, 128 * MiB, &size, &max);
	assert_int_equal(size, 512 * MiB);
	assert_int_equal(max, 512 * MiB);
	assert_int_equal(parse_dom0_mem("256M,max:1G", &sp), 0);
	dom0_mem_size(&sp, 4096 * MiB, 128 * MiB, &size, &max);
	assert_int_equal(size, 256 * MiB);
	assert_int_equal(max, 1024 * MiB);
	assert_int_equal(parse_dom0_mem("-256M", &sp), 0);   /* all but 256M */
	dom0_mem_size(&sp, 1024 * MiB, 128 * MiB, &size, &max);
	assert_int_equal(size, 768 * MiB);
	assert_int_equal(parse_dom0_mem("min:300M,100M", &sp), 0);
	dom0_mem_size(&sp, 1024 * MiB, 128 * MiB, &size, &max);
	assert_int_equal(size, 300 * MiB);
	assert_int_equal(parse_dom0_mem("max:64M", &sp), 0);   /* default clamped */
	dom0_mem_size(&sp, 1024 * MiB, 128 * MiB, &size, &max);
	assert_int_equal(size, 64 * MiB);
	assert_int_equal(max, 64 * MiB);
	assert_int_equal(parse_dom0_mem("2G", &sp), 0);   /* never more than free */
	dom0_mem_size(&sp, 1024 * MiB, 128 * MiB, &size, &max);
	assert_int_equal(size, 1024 * MiB);
}

static void test_dom0_mem_bad(void **state)
{
	struct dom0_mem_spec sp;

	(void)state;
	assert_int_equal(parse_dom0_mem("max:", &sp), -EINVAL);
	assert_int_equal(parse_dom0_mem("lots", &sp), -EINVAL);
	assert_int_equal(parse_dom0_mem("512M,,", &sp), -EINVAL);
	assert_int_equal(parse_dom0_mem("0", &sp), -EINVAL);
	assert_int_equal(parse_dom0_mem("min:1G,max", &sp), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_empty_and_null, setup),
		cmocka_unit_test_setup(test_bool_forms, setup),
		cmocka_unit_test_setup(test_bool_bad, setup),
		cmocka_unit_test_setup(test_uint, setup),
		cmocka_unit_test_setup(test_uint_bad, setup),
		cmocka_unit_test_setup(test_size_suffixes, setup),
		cmocka_unit_test_setup(test_size_bad, setup),
		cmocka_unit_test_setup(test_string_fits_exactly, setup),
		cmocka_unit_test_setup(test_unknown_reported_not_fatal, setup),
		cmocka_unit_test_setup(test_custom, setup),
		cmocka_unit_test(test_dom0_mem_forms),
		cmocka_unit_test(test_dom0_mem_bad),
		cmocka_unit_test_setup(test_long_custom_value_refused, setup),
		cmocka_unit_test_setup(test_parse_bool_words, setup),
	};

	return RUN(tests);
}
