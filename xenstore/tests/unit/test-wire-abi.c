/* SPDX-License-Identifier: GPL-2.0-only */
/* Our wire.h and errors.c against Xen's xs_wire.h from libxen-dev: every
 * type number, limit and ring offset, and the error table in order. */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "errors.h"
#include "helpers.h"
#include "xen-abi.h"

static unsigned long ours(const char *name)
{
	static const struct xen_abi_value mine[] = {
		{ "XS_CONTROL", XS_CONTROL },
		{ "XS_DIRECTORY", XS_DIRECTORY },
		{ "XS_READ", XS_READ },
		{ "XS_GET_PERMS", XS_GET_PERMS },
		{ "XS_WATCH", XS_WATCH },
		{ "XS_UNWATCH", XS_UNWATCH },
		{ "XS_TRANSACTION_START", XS_TRANSACTION_START },
		{ "XS_TRANSACTION_END", XS_TRANSACTION_END },
		{ "XS_INTRODUCE", XS_INTRODUCE },
		{ "XS_RELEASE", XS_RELEASE },
		{ "XS_GET_DOMAIN_PATH", XS_GET_DOMAIN_PATH },
		{ "XS_WRITE", XS_WRITE },
		{ "XS_MKDIR", XS_MKDIR },
		{ "XS_RM", XS_RM },
		{ "XS_SET_PERMS", XS_SET_PERMS },
		{ "XS_WATCH_EVENT", XS_WATCH_EVENT },
		{ "XS_ERROR", XS_ERROR },
		{ "XS_IS_DOMAIN_INTRODUCED", XS_IS_DOMAIN_INTRODUCED },
		{ "XS_RESUME", XS_RESUME },
		{ "XS_SET_TARGET", XS_SET_TARGET },
		{ "XS_RESET_WATCHES", XS_RESET_WATCHES },
		{ "XS_DIRECTORY_PART", XS_DIRECTORY_PART },
		{ "XS_TYPE_COUNT", XS_TYPE_COUNT },
		{ "XS_INVALID", XS_INVALID },
		{ "XENSTORE_PAYLOAD_MAX", XENSTORE_PAYLOAD_MAX },
		{ "XENSTORE_ABS_PATH_MAX", XENSTORE_ABS_PATH_MAX },
		{ "XENSTORE_REL_PATH_MAX", XENSTORE_REL_PATH_MAX },
		{ "XENSTORE_RING_SIZE", XENSTORE_RING_SIZE },
		{ "sizeof(struct xsd_sockmsg)", sizeof(struct xsd_sockmsg) },
		{ "sizeof(struct xenstore_domain_interface)",
		  sizeof(struct xenstore_domain_interface) },
		{ "offsetof(req_cons)",
		  offsetof(struct xenstore_domain_interface, req_cons) },
		{ "offsetof(req_prod)",
		  offsetof(struct xenstore_domain_interface, req_prod) },
		{ "offsetof(rsp_cons)",
		  offsetof(struct xenstore_domain_interface, rsp_cons) },
		{ "offsetof(rsp_prod)",
		  offsetof(struct xenstore_domain_interface, rsp_prod) },
		{ "offsetof(server_features)",
		  offsetof(struct xenstore_domain_interface, server_features) },
		{ "offsetof(connection)",
		  offsetof(struct xenstore_domain_interface, connection) },
		{ "offsetof(error)",
		  offsetof(struct xenstore_domain_interface, error) },
		{ "XENSTORE_SERVER_FEATURE_RECONNECTION",
		  XENSTORE_SERVER_FEATURE_RECONNECTION },
		{ "XENSTORE_SERVER_FEATURE_ERROR", XENSTORE_SERVER_FEATURE_ERROR },
		{ "XENSTORE_CONNECTED", XENSTORE_CONNECTED },
		{ "XENSTORE_RECONNECT", XENSTORE_RECONNECT },
		{ "XENSTORE_ERROR_NONE", XENSTORE_ERROR_NONE },
		{ "XENSTORE_ERROR_COMM", XENSTORE_ERROR_COMM },
		{ "XENSTORE_ERROR_RINGIDX", XENSTORE_ERROR_RINGIDX },
		{ "XENSTORE_ERROR_PROTO", XENSTORE_ERROR_PROTO },
	};
	size_t i;

	for (i = 0; i < sizeof(mine) / sizeof(mine[0]); i++)
		if (strcmp(mine[i].name, name) == 0)
			return mine[i].value;
	fail_msg("%s has no counterpart in wire.h", name);
	return 0;
}

static void test_constants_match_xen(void **state)
{
	size_t i;

	assert_true(xen_nr_abi_values > 40);
	for (i = 0; i < xen_nr_abi_values; i++) {
		if (ours(xen_abi_values[i].name) != xen_abi_values[i].value)
			fail_msg("%s: ours %lu, Xen's %lu",
				 xen_abi_values[i].name,
				 ours(xen_abi_values[i].name),
				 xen_abi_values[i].value);
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
