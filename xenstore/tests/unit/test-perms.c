/* SPDX-License-Identifier: GPL-2.0-only */
/* Permission strings and the access decision: owner, listed domains,
 * the default entry, privilege and SET_TARGET. */
#include <errno.h>
#include <string.h>

#include "helpers.h"
#include "perms.h"

static void test_parse_valid(void **state)
{
	static const char in[] = "b0\0r5\0w65535\0n7";
	struct xs_perm p[XS_PERMS_MAX];
	unsigned int nr;

	assert_int_equal(xs_perms_parse(in, sizeof(in), p, &nr), 0);
	assert_int_equal(nr, 4);
	assert_int_equal(p[0].domid, 0);
	assert_int_equal(p[0].perm, XS_PERM_BOTH);
	assert_int_equal(p[1].perm, XS_PERM_READ);
	assert_int_equal(p[2].domid, 65535);
	assert_int_equal(p[2].perm, XS_PERM_WRITE);
	assert_int_equal(p[3].perm, XS_PERM_NONE);
}

static void test_parse_invalid(void **state)
{
	static const struct { const char *s; size_t len; } bad[] = {
		{ "", 0 },                 /* no entry at all */
		{ "r1", 2 },               /* missing NUL */
		{ "x1", 3 },               /* unknown letter */
		{ "r", 2 },                /* no domid */
		{ "r65536", 7 },           /* domid out of range */
		{ "r-1", 4 },
		{ "r1a", 4 },
		{ "r1\0\0", 4 },           /* empty entry */
		{ "r123456", 8 },
	};
	struct xs_perm p[XS_PERMS_MAX];
	unsigned int nr, i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (xs_perms_parse(bad[i].s, bad[i].len, p, &nr) != -EINVAL)
			fail_msg("case %u accepted", i);
}

static void test_parse_limit(void **state)
{
	static char in[(XS_PERMS_MAX + 1) * 3];
	struct xs_perm p[XS_PERMS_MAX];
	unsigned int nr, i;
	size_t len = 0;

	for (i = 0; i < XS_PERMS_MAX; i++) {
		memcpy(in + len, "r1", 3);
		len += 3;
	}
	assert_int_equal(xs_perms_parse(in, len, p, &nr), 0);
	assert_int_equal(nr, XS_PERMS_MAX);
	memcpy(in + len, "r1", 3);
	assert_int_equal(xs_perms_parse(in, len + 3, p, &nr), -EINVAL);
}

static void test_format_roundtrip(void **state)
{
	static const struct xs_perm p[] = { { 3, XS_PERM_NONE, 0 },
					    { 5, XS_PERM_BOTH, 0 } };
	char out[32];

	assert_int_equal(xs_perms_format(p, 2, out, sizeof(out)), 6);
	assert_memory_equal(out, "n3\0b5\0", 6);
	assert_int_equal(xs_perms_format(p, 2, out, 5), -E2BIG);
}

static void test_access_decision(void **state)
{
	static const struct xs_perm p[] = {
		{ 5, XS_PERM_READ, 0 },       /* owner 5, others read */
		{ 6, XS_PERM_NONE, 0 },
		{ 7, XS_PERM_WRITE, 0 },
	};
	static const struct {
		struct xs_caller c;
		unsigned int want;
	} cases[] = {
		{ { 0, DOMID_INVALID, true }, XS_PERM_BOTH },  /* privileged */
		{ { 5, DOMID_INVALID, false }, XS_PERM_BOTH }, /* owner */
		{ { 6, DOMID_INVALID, false }, XS_PERM_NONE }, /* listed */
		{ { 7, DOMID_INVALID, false }, XS_PERM_WRITE },
		{ { 8, DOMID_INVALID, false }, XS_PERM_READ }, /* default */
		{ { 9, 5, false }, XS_PERM_BOTH },             /* targets owner */
		{ { 9, 7, false }, XS_PERM_WRITE },           /* target listed */
		{ { 6, 7, false }, XS_PERM_NONE },            /* 6 listed first */
		{ { 7, 6, false }, XS_PERM_NONE },            /* target's first */
	};
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned int got = xs_perm_for(&cases[i].c, p, 3);

		if (got != cases[i].want)
			fail_msg("case %u: got %u, want %u", i, got,
				 cases[i].want);
	}
}

/* With a target, the first entry naming the caller or its target decides,
 * as in Xen (the review's example: n0,r5,w6 read by 6 targeting 5). */
static void test_target_first_match(void **state)
{
	static const struct xs_perm p[] = {
		{ 0, XS_PERM_NONE, 0 }, { 5, XS_PERM_READ, 0 },
		{ 6, XS_PERM_WRITE, 0 },
	};
	static const struct xs_perm q[] = {
		{ 0, XS_PERM_NONE, 0 }, { 6, XS_PERM_WRITE, 0 },
		{ 5, XS_PERM_READ, 0 },
	};
	struct xs_caller six_for_five = { 6, 5, false };
	struct xs_caller six = { 6, DOMID_INVALID, false };
	struct xs_caller five_for_six = { 5, 6, false };

	assert_int_equal(xs_perm_for(&six_for_five, p, 3), XS_PERM_READ);
	assert_int_equal(xs_perm_for(&six, p, 3), XS_PERM_WRITE);
	assert_int_equal(xs_perm_for(&six_for_five, q, 3), XS_PERM_WRITE);
	assert_int_equal(xs_perm_for(&five_for_six, p, 3), XS_PERM_READ);
	assert_int_equal(xs_perm_for(&five_for_six, p, 1), XS_PERM_NONE);
}

static void test_parse_domid(void **state)
{
	unsigned int d;

	assert_int_equal(xs_parse_domid("0", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(xs_parse_domid("65535", &d), 0);
	assert_int_equal(xs_parse_domid("65536", &d), -EINVAL);
	assert_int_equal(xs_parse_domid("", &d), -EINVAL);
	assert_int_equal(xs_parse_domid("1x", &d), -EINVAL);
	assert_int_equal(xs_parse_domid(" 1", &d), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_parse_limit),
		cmocka_unit_test(test_format_roundtrip),
		cmocka_unit_test(test_access_decision),
		cmocka_unit_test(test_target_first_match),
		cmocka_unit_test(test_parse_domid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
