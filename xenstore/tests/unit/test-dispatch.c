/* SPDX-License-Identifier: GPL-2.0-only */
/* The request layer: unknown types, malformed payloads, privilege, the
 * domain management requests and CONTROL, with Xen's codes. */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "helpers.h"

static int setup(void **state)
{
	static struct t_fix f;

	t_fix_init(&f, false, 4, false);
	*state = &f;
	return 0;
}

static void test_unknown_types(void **state)
{
	static const uint32_t types[] = {
		20, XS_TYPE_COUNT, XS_TYPE_COUNT + 1, XS_INVALID, 0xffffffffu,
		XS_WATCH_EVENT, XS_ERROR,
	};
	struct t_fix *f = *state;
	unsigned int i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (t_req(f->dom0, types[i], 0, "/\0", 2, NULL) != -ENOSYS)
			fail_msg("type %u not refused with ENOSYS", types[i]);
}

static void test_malformed_payloads(void **state)
{
	static const struct { uint32_t type; const char *p; size_t len; } bad[] = {
		{ XS_READ, "/a", 2 },              /* no NUL */
		{ XS_READ, "", 0 },
		{ XS_READ, "/a\0/b", 5 },          /* trailing junk */
		{ XS_READ, "\0", 1 },              /* empty path */
		{ XS_MKDIR, "/a/", 4 },
		{ XS_RM, "//", 3 },
		{ XS_DIRECTORY, "/a b", 5 },
		{ XS_GET_PERMS, "@other", 7 },
		{ XS_WRITE, "/a", 2 },             /* path without its NUL */
		{ XS_WATCH, "/a\0", 3 },           /* no token */
		{ XS_DIRECTORY_PART, "/\0", 2 },   /* no offset */
		{ XS_GET_DOMAIN_PATH, "x\0", 2 },
		{ XS_IS_DOMAIN_INTRODUCED, "70000\0", 6 },
		{ XS_TRANSACTION_END, "", 0 },
	};
	struct t_fix *f = *state;
	unsigned int i;
	int rc;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rc = t_req(f->dom0, bad[i].type, 0, bad[i].p, bad[i].len, NULL);
		if (rc != -EINVAL && !(bad[i].type == XS_TRANSACTION_END &&
				       rc == -ENOENT))
			fail_msg("case %u: got %d, want EINVAL", i, rc);
	}
}

static void test_reply_echoes_ids(void **state)
{
	struct t_fix *f = *state;
	struct t_msg m;
	uint32_t tx;

	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_req(f->dom0, XS_READ, tx, "/\0", 2, &m), 0);
	assert_int_equal(m.hdr.tx_id, tx);
	assert_int_equal(t_req(f->dom0, XS_READ, tx, "/x\0", 3, &m), -ENOENT);
	assert_int_equal(m.hdr.type, XS_ERROR);
	assert_int_equal(m.hdr.tx_id, tx);
	assert_memory_equal(m.body, "ENOENT", 7);
}

static void test_privileged_only(void **state)
{
	static const struct { uint32_t type; const char *args; } ops[] = {
		{ XS_INTRODUCE, "9 1 1" }, { XS_RELEASE, "4" },
		{ XS_RESUME, "4" }, { XS_SET_TARGET, "4 9" },
		{ XS_CONTROL, "help" },
	};
	struct t_fix *f = *state;
	unsigned int i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		assert_int_equal(t_strings(f->guest, ops[i].type, 0, ops[i].args,
					   NULL), -EACCES);
	assert_false(f->core->domains.by_id[9] &&
		     f->core->domains.by_id[9]->introduced);
}

static void test_introduce_rules(void **state)
{
	struct t_fix *f = *state;
	struct t_msg m;

	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "0 1 1", NULL),
			 -EINVAL);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "32752 1 1",
				   NULL), -EINVAL);          /* DOMID_FIRST_RESERVED */
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "32751 1 1",
				   NULL), 0);                /* the last real one */
	assert_int_equal(t_strings(f->dom0, XS_RELEASE, 0, "32751", NULL), 0);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "3 x 1", NULL),
			 -EINVAL);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "3 1 0", NULL),
			 -EINVAL);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "3 1 4294967296",
				   NULL), -EINVAL);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "3 1", NULL),
			 -EINVAL);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "3 -5 7", NULL), 0);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "3 -5 7", NULL), 0);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "3 6 7", NULL),
			 -EEXIST);
	assert_int_equal(t_strings(f->dom0, XS_IS_DOMAIN_INTRODUCED, 0, "3",
				   &m), 0);
	assert_string_equal(m.body, "T");
	assert_int_equal(t_strings(f->dom0, XS_IS_DOMAIN_INTRODUCED, 0, "0",
				   &m), 0);
	assert_string_equal(m.body, "T");
	assert_int_equal(t_strings(f->dom0, XS_RESUME, 0, "3", NULL), 0);
	assert_int_equal(t_strings(f->dom0, XS_RESUME, 0, "77", NULL), -ENOENT);
	assert_int_equal(t_strings(f->dom0, XS_RELEASE, 0, "3", NULL), 0);
	assert_int_equal(t_strings(f->dom0, XS_RELEASE, 0, "3", NULL), -ENOENT);
	assert_int_equal(f->core->domains.nr_introduced, 0);
}

static void test_domain_path_and_target(void **state)
{
	struct t_fix *f = *state;
	struct t_msg m;

	assert_int_equal(t_strings(f->guest, XS_GET_DOMAIN_PATH, 0, "17", &m), 0);
	assert_memory_equal(m.body, "/local/domain/17", 17);
	assert_int_equal(t_strings(f->dom0, XS_SET_TARGET, 0, "3 4", NULL),
			 -ENOENT);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "3 1 1", NULL), 0);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "4 1 2", NULL), 0);
	assert_int_equal(t_strings(f->dom0, XS_SET_TARGET, 0, "3 0", NULL),
			 -EINVAL);
	assert_int_equal(t_strings(f->dom0, XS_SET_TARGET, 0, "3 4", NULL), 0);
	assert_int_equal(f->core->domains.by_id[3]->target, 4);
}

static void test_relative_paths(void **state)
{
	struct t_fix *f = *state;
	char buf[8];

	assert_int_equal(t_write(f->dom0, 0, "rel", "0"), 0);
	assert_int_equal(t_read(f->dom0, 0, "/local/domain/0/rel", buf), 0);
	assert_string_equal(buf, "0");
}

static void test_control(void **state)
{
	struct t_fix *f = *state;
	struct t_msg m;

	assert_int_equal(t_strings(f->dom0, XS_CONTROL, 0, "help", &m), 0);
	assert_non_null(strstr(m.body, "quota"));
	assert_int_equal(t_strings(f->dom0, XS_CONTROL, 0, "check", NULL), 0);
	assert_int_equal(t_strings(f->dom0, XS_CONTROL, 0, "print hi", NULL), 0);
	assert_int_equal(t_strings(f->dom0, XS_CONTROL, 0, "quota nodes 5",
				   NULL), 0);
	assert_int_equal(f->core->quota.limit[XS_QUOTA_NODES], 5);
	assert_int_equal(t_strings(f->dom0, XS_CONTROL, 0, "quota nodes", &m),
			 0);
	assert_string_equal(m.body, "nodes 5\n");
	assert_int_equal(t_strings(f->dom0, XS_CONTROL, 0, "quota bogus", NULL),
			 -EINVAL);
	assert_int_equal(t_strings(f->dom0, XS_CONTROL, 0, "nonsense", NULL),
			 -EINVAL);
	assert_int_equal(t_req(f->dom0, XS_CONTROL, 0, "", 0, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unknown_types, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_malformed_payloads, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_reply_echoes_ids, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_privileged_only, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_introduce_rules, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_domain_path_and_target, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_relative_paths, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_control, setup, t_fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
