/* SPDX-License-Identifier: GPL-2.0-only */
/* Path syntax: each rule of xenstore.txt, the length limits exactly at
 * and one past the boundary, relative paths and the special names. */
#include <errno.h>
#include <string.h>

#include "helpers.h"
#include "path.h"

struct canon_case {
	const char *in;
	enum xs_path_kind kind;
	int rc;
	const char *out;
};

static const struct canon_case cases[] = {
	{ "/", XS_PATH_NODE, 0, "/" },
	{ "/a", XS_PATH_NODE, 0, "/a" },
	{ "/a/b-c_d@e/0", XS_PATH_NODE, 0, "/a/b-c_d@e/0" },
	{ "a/b", XS_PATH_NODE, 0, "/local/domain/7/a/b" },
	{ "", XS_PATH_NODE, -EINVAL, NULL },
	{ "/a/", XS_PATH_NODE, -EINVAL, NULL },
	{ "//a", XS_PATH_NODE, -EINVAL, NULL },
	{ "/a//b", XS_PATH_NODE, -EINVAL, NULL },
	{ "/a b", XS_PATH_NODE, -EINVAL, NULL },
	{ "/a.b", XS_PATH_NODE, -EINVAL, NULL },
	{ "/a\xff", XS_PATH_NODE, -EINVAL, NULL },
	{ "a/", XS_PATH_NODE, -EINVAL, NULL },
	{ "@introduceDomain", XS_PATH_NODE, -EINVAL, NULL },
	{ "@introduceDomain", XS_PATH_SPECIAL, 0, "@introduceDomain" },
	{ "@releaseDomain", XS_PATH_SPECIAL, 0, "@releaseDomain" },
	{ "@other", XS_PATH_SPECIAL, -EINVAL, NULL },
	{ "@other", XS_PATH_WATCH, 0, "@other" },
	{ "@", XS_PATH_WATCH, -EINVAL, NULL },
	{ "@a/b", XS_PATH_WATCH, -EINVAL, NULL },
};

static void test_canon_table(void **state)
{
	char out[XS_PATH_BUF];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = xs_path_canon(cases[i].in, 7, cases[i].kind, out);

		if (rc != cases[i].rc)
			fail_msg("case %zu '%s': got %d, want %d", i,
				 cases[i].in, rc, cases[i].rc);
		if (!rc)
			assert_string_equal(out, cases[i].out);
	}
}

static void fill_path(char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (i % 8 == 0) ? '/' : 'x';
	buf[len] = '\0';
}

/* Xen 4.17's C limit: 2048 bytes, plus a leading "/local/domain/N/". */
static void test_absolute_length_boundary(void **state)
{
	static char in[XENSTORE_ABS_PATH_MAX + 8], out[XS_PATH_BUF];

	fill_path(in, XENSTORE_REL_PATH_MAX);
	assert_int_equal(xs_path_canon(in, 0, XS_PATH_NODE, out), 0);
	fill_path(in, XENSTORE_REL_PATH_MAX + 1);
	assert_int_equal(xs_path_canon(in, 0, XS_PATH_NODE, out), -EINVAL);
	fill_path(in, XENSTORE_ABS_PATH_MAX);
	assert_int_equal(xs_path_canon(in, 0, XS_PATH_WATCH, out), -EINVAL);
	fill_path(in, XENSTORE_ABS_PATH_MAX + 7);
	assert_int_equal(xs_path_canon(in, 0, XS_PATH_NODE, out), -EINVAL);
}

static void test_home_prefix_not_counted(void **state)
{
	static char in[XENSTORE_ABS_PATH_MAX + 8], out[XS_PATH_BUF];
	static const char *homes[] = {
		"/local/domain/5/", "/local/domain/65535/", "/local/domain/00007/",
	};
	unsigned int i;
	size_t pre;

	for (i = 0; i < 3; i++) {
		pre = strlen(homes[i]);
		memcpy(in, homes[i], pre);
		memset(in + pre, 'h', XENSTORE_REL_PATH_MAX);
		in[pre + XENSTORE_REL_PATH_MAX] = '\0';
		assert_int_equal(xs_path_canon(in, 0, XS_PATH_NODE, out), 0);
		in[pre + XENSTORE_REL_PATH_MAX] = 'h';
		in[pre + XENSTORE_REL_PATH_MAX + 1] = '\0';
		assert_int_equal(xs_path_canon(in, 0, XS_PATH_NODE, out),
				 -EINVAL);
	}
	/* Not a home: six digits, no digits, or no slash after them. */
	strcpy(in, "/local/domain/123456/");
	memset(in + 21, 'h', XENSTORE_REL_PATH_MAX - 20);
	in[XENSTORE_REL_PATH_MAX + 1] = '\0';
	assert_int_equal(xs_path_canon(in, 0, XS_PATH_NODE, out), -EINVAL);
	strcpy(in, "/local/domain/x/");
	memset(in + 16, 'h', XENSTORE_REL_PATH_MAX - 15);
	in[XENSTORE_REL_PATH_MAX + 1] = '\0';
	assert_int_equal(xs_path_canon(in, 0, XS_PATH_NODE, out), -EINVAL);
	in[XENSTORE_REL_PATH_MAX] = '\0';
	assert_int_equal(xs_path_canon(in, 0, XS_PATH_NODE, out), 0);
}

static void test_relative_length_boundary(void **state)
{
	static char in[XENSTORE_REL_PATH_MAX + 2], out[XS_PATH_BUF];

	memset(in, 'r', XENSTORE_REL_PATH_MAX);
	in[XENSTORE_REL_PATH_MAX] = '\0';
	assert_int_equal(xs_path_canon(in, 65535, XS_PATH_NODE, out), 0);
	in[XENSTORE_REL_PATH_MAX] = 'r';
	in[XENSTORE_REL_PATH_MAX + 1] = '\0';
	assert_int_equal(xs_path_canon(in, 0, XS_PATH_NODE, out), -EINVAL);
}

static void test_parent_and_basename(void **state)
{
	assert_int_equal(xs_path_parent_len("/a/b", 4), 2);
	assert_int_equal(xs_path_parent_len("/a", 2), 1);
	assert_int_equal(xs_path_parent_len("/abc/de/f", 9), 7);
	assert_string_equal(xs_path_basename("/a/bc"), "bc");
	assert_string_equal(xs_path_basename("/a"), "a");
}

static void test_is_child(void **state)
{
	assert_true(xs_path_is_child("/a", "/a"));
	assert_true(xs_path_is_child("/a/b", "/a"));
	assert_true(xs_path_is_child("/a/b", "/"));
	assert_false(xs_path_is_child("/ab", "/a"));
	assert_false(xs_path_is_child("/a", "/a/b"));
	assert_false(xs_path_is_child("@releaseDomain", "/"));
	assert_true(xs_path_is_child("@releaseDomain", "@releaseDomain"));
}

static void test_domain_prefix(void **state)
{
	assert_int_equal(xs_path_domain_prefix("/local/domain/3/x", 3), 16);
	assert_int_equal(xs_path_domain_prefix("/local/domain/3", 3), 0);
	assert_int_equal(xs_path_domain_prefix("/local/domain/31/x", 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canon_table),
		cmocka_unit_test(test_absolute_length_boundary),
		cmocka_unit_test(test_home_prefix_not_counted),
		cmocka_unit_test(test_relative_length_boundary),
		cmocka_unit_test(test_parent_and_basename),
		cmocka_unit_test(test_is_child),
		cmocka_unit_test(test_domain_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
