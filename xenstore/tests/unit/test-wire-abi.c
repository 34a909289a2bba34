/* SPDX-License-Identifier: GPL-2.0-only */
/* Our wire.h and errors.c against Xen's xs_wire.h from libxen-dev: every
 * type number, limit and ring offset, and the error table in order. */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "errors.h"
#include "helpers.h"
#include "xen-abi.h"

/* The same list, evaluated against wire.h. */
static const struct xen_abi_value ours[] = {
	XS_WIRE_ABI(XS_ABI_VALUE)
};

static void test_constants_match_xen(void **state)
{
	size_t i;

	assert_int_equal(xen_nr_abi_values, sizeof(ours) / sizeof(ours[0]));
	assert_true(xen_nr_abi_values > 40);
	for (i = 0; i < xen_nr_abi_values; i++) {
		assert_string_equal(ours[i].name, xen_abi_values[i].name);
		if (ours[i].value != xen_abi_values[i].value)
			fail_msg("%s: ours %lu, Xen's %lu", ours[i].name,
				 ours[i].value, xen_abi_values[i].value);
	}
}

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
		cmocka_unit_test(test_constants_match_xen),
		cmocka_unit_test(test_error_table_matches_xen),
		cmocka_unit_test(test_unlisted_errno_is_einval),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
