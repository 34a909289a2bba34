/* SPDX-License-Identifier: GPL-2.0-only */
/* Our error names (errors.c) against Xen's xsd_errors[] table from
 * libxen-dev's xs_wire.h, in order. The wire layout and constants are
 * checked by the project's ABI checker (xen/tests/abi, sets/xenstore). */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "errors.h"
#include "helpers.h"
#include "xen-errnames.h"

static void test_error_table_matches_xen(void **state)
{
	const char *name;
	size_t i;
	int err;

	for (i = 0; (name = xen_errname(i, &err)); i++) {
		assert_true(i < xs_nr_errnames);
		assert_int_equal(xs_errnames[i].err, err);
		assert_string_equal(xs_errnames[i].name, name);
		assert_string_equal(xs_errno_name(err), name);
	}
	assert_int_equal(i, xs_nr_errnames);
}

static void test_unlisted_errno_is_einval(void **state)
{
	assert_string_equal(xs_errno_name(ENOTDIR), "EINVAL");
	assert_string_equal(xs_errno_name(0), "EINVAL");
	assert_string_equal(xs_errno_name(-1), "EINVAL");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_table_matches_xen),
		cmocka_unit_test(test_unlisted_errno_is_einval),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
