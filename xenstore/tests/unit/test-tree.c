/* SPDX-License-Identifier: GPL-2.0-only */
/* Node operations through the request layer: values, implicit parents
 * and their inherited permissions, removal, listing, and every refusal
 * with Xen's code and the tree unchanged afterwards. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "helpers.h"

static int setup(void **state)
{
	static struct t_fix f;

	t_fix_init(&f, false, 5, false);
	*state = &f;
	return 0;
}

static void test_write_read(void **state)
{
	struct t_fix *f = *state;
	char buf[XENSTORE_PAYLOAD_MAX + 1];

	assert_int_equal(t_write(f->dom0, 0, "/a", "v1"), 0);
	assert_int_equal(t_read(f->dom0, 0, "/a", buf), 0);
	assert_string_equal(buf, "v1");
	assert_int_equal(t_write(f->dom0, 0, "/a", ""), 0);
	assert_int_equal(t_read(f->dom0, 0, "/a", buf), 0);
	assert_string_equal(buf, "");
}

static void test_binary_value(void **state)
{
	struct t_fix *f = *state;
	static const char req[] = "/bin\0a\0b\xff";
	struct t_msg m;

	assert_int_equal(t_req(f->dom0, XS_WRITE, 0, req, sizeof(req) - 1,
			       NULL), 0);
	assert_int_equal(t_req(f->dom0, XS_READ, 0, "/bin", 5, &m), 0);
	assert_int_equal(m.hdr.len, 4);
	assert_memory_equal(m.body, "a\0b\xff", 4);
}

static void test_implicit_parents(void **state)
{
	struct t_fix *f = *state;
	char buf[64];
	struct t_msg m;

	assert_int_equal(t_write(f->dom0, 0, "/p/q/r", "x"), 0);
	assert_int_equal(t_read(f->dom0, 0, "/p/q", buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY, 0, "/p", &m), 0);
	assert_int_equal(m.hdr.len, 2);
	assert_memory_equal(m.body, "q", 2);
}

static void test_missing_node(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_read(f->dom0, 0, "/nope", NULL), -ENOENT);
	assert_int_equal(t_read(f->dom0, 0, "/nope/deeper", NULL), -ENOENT);
}

static void test_guest_needs_permission(void **state)
{
	struct t_fix *f = *state;
	char buf[64];

	assert_int_equal(t_write(f->dom0, 0, "/secret", "s"), 0);
	assert_int_equal(t_read(f->guest, 0, "/secret", NULL), -EACCES);
	assert_int_equal(t_write(f->guest, 0, "/secret", "x"), -EACCES);
	assert_int_equal(t_write(f->guest, 0, "/secret/child", "x"), -EACCES);
	assert_int_equal(t_rm(f->guest, 0, "/secret"), -EACCES);
	/* Rejections changed nothing. */
	assert_int_equal(t_read(f->dom0, 0, "/secret", buf), 0);
	assert_string_equal(buf, "s");
	assert_int_equal(t_read(f->dom0, 0, "/secret/child", NULL), -ENOENT);
	/* Absence below an unreadable node is not the guest's business. */
	assert_int_equal(t_read(f->guest, 0, "/secret/none", NULL), -EACCES);
}

static void test_guest_creates_own_nodes(void **state)
{
	struct t_fix *f = *state;
	struct t_msg m;

	assert_int_equal(t_write(f->dom0, 0, "/local/domain/5", ""), 0);
	assert_int_equal(t_setperms(f->dom0, 0, "/local/domain/5", "n0 b5"), 0);
	assert_int_equal(t_write(f->guest, 0, "data/x/y", "1"), 0);
	/* Created nodes inherit the parent's list, owned by the creator. */
	assert_int_equal(t_strings(f->guest, XS_GET_PERMS, 0, "data/x", &m), 0);
	assert_int_equal(m.hdr.len, 6);
	assert_memory_equal(m.body, "n5\0b5\0", 6);
	assert_int_equal(f->core->domains.by_id[5]->nr_nodes, 3);
	/* Others see nothing: the inherited default is none. */
	assert_int_equal(t_read(t_conn(f->core, 6, false), 0,
				"/local/domain/5/data/x/y", NULL), -EACCES);
}

static void test_permissions_enforced(void **state)
{
	struct t_fix *f = *state;
	struct xs_conn *g6 = t_conn(f->core, 6, false);
	char buf[16];

	assert_int_equal(t_write(f->dom0, 0, "/shared", "v"), 0);
	assert_int_equal(t_setperms(f->dom0, 0, "/shared", "n0 r5 w6"), 0);
	assert_int_equal(t_read(f->guest, 0, "/shared", buf), 0);
	assert_int_equal(t_write(f->guest, 0, "/shared", "x"), -EACCES);
	assert_int_equal(t_read(g6, 0, "/shared", NULL), -EACCES);
	assert_int_equal(t_write(g6, 0, "/shared", "y"), 0);
	assert_int_equal(t_read(f->guest, 0, "/shared", buf), 0);
	assert_string_equal(buf, "y");
}

static void test_set_perms_rules(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_write(f->dom0, 0, "/o", ""), 0);
	assert_int_equal(t_setperms(f->dom0, 0, "/o", "b5"), 0);
	/* The owner may share ... */
	assert_int_equal(t_setperms(f->guest, 0, "/o", "n5 r6"), 0);
	/* ... but not give the node away. */
	assert_int_equal(t_setperms(f->guest, 0, "/o", "n6"), -EPERM);
	/* Write access is not ownership. */
	assert_int_equal(t_setperms(f->dom0, 0, "/o", "n0 w5"), 0);
	assert_int_equal(t_setperms(f->guest, 0, "/o", "n0 b5"), -EACCES);
	assert_int_equal(t_setperms(f->dom0, 0, "/none", "n0"), -ENOENT);
	assert_int_equal(t_setperms(f->dom0, 0, "/o", "x0"), -EINVAL);
	assert_int_equal(t_strings(f->dom0, XS_SET_PERMS, 0, "/o", NULL),
			 -EINVAL);
}

static void test_rm_semantics(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_write(f->dom0, 0, "/r/a/b", "1"), 0);
	assert_int_equal(t_write(f->dom0, 0, "/r/c", "2"), 0);
	assert_int_equal(t_rm(f->dom0, 0, "/r/a"), 0);
	assert_int_equal(t_read(f->dom0, 0, "/r/a/b", NULL), -ENOENT);
	assert_int_equal(t_read(f->dom0, 0, "/r/c", NULL), 0);
	/* Absent node with a parent: fine; without one: ENOENT. */
	assert_int_equal(t_rm(f->dom0, 0, "/r/a"), 0);
	assert_int_equal(t_rm(f->dom0, 0, "/r/x/y"), -ENOENT);
	assert_int_equal(t_rm(f->dom0, 0, "/"), -EINVAL);
}

static void test_mkdir(void **state)
{
	struct t_fix *f = *state;
	char buf[16];

	assert_int_equal(t_write(f->dom0, 0, "/m", "keep"), 0);
	assert_int_equal(t_mkdir(f->dom0, 0, "/m"), 0);
	assert_int_equal(t_read(f->dom0, 0, "/m", buf), 0);
	assert_string_equal(buf, "keep");
	assert_int_equal(t_mkdir(f->dom0, 0, "/m/n/o"), 0);
	assert_int_equal(t_read(f->dom0, 0, "/m/n/o", buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(t_mkdir(f->guest, 0, "/m/p"), -EACCES);
}

static void test_directory_part(void **state)
{
	struct t_fix *f = *state;
	char path[64], args[64];
	struct t_msg m;
	unsigned int i, total = 0, off = 0;
	size_t glen;

	/* Enough children that DIRECTORY overflows the payload. */
	for (i = 0; i < 400; i++) {
		snprintf(path, sizeof(path), "/big/child-number-%u", i);
		assert_int_equal(t_write(f->dom0, 0, path, ""), 0);
	}
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY, 0, "/big", &m),
			 -E2BIG);
	for (;;) {
		snprintf(args, sizeof(args), "/big %u", off);
		assert_int_equal(t_strings(f->dom0, XS_DIRECTORY_PART, 0, args,
					   &m), 0);
		glen = strlen(m.body) + 1;
		if (m.hdr.len - glen >= 2 &&
		    m.body[m.hdr.len - 1] == 0 && m.body[m.hdr.len - 2] == 0) {
			total += m.hdr.len - glen - 1;
			break;
		}
		total += m.hdr.len - glen;
		off += m.hdr.len - glen;
	}
	assert_int_equal(total, 400 * 14 + (10 * 1 + 90 * 2 + 300 * 3));
	/* Past the end (a listing that shrank meanwhile): the generation
	 * and an empty list, as Xen's C daemon answers, so the client sees
	 * the generation change and restarts. */
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY_PART, 0,
				   "/big 999999", &m), 0);
	glen = strlen(m.body) + 1;
	assert_int_equal(m.hdr.len, glen + 1);
	assert_int_equal(m.body[glen], '\0');
	snprintf(args, sizeof(args), "/big %u", total);
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY_PART, 0, args, &m), 0);
	assert_int_equal(m.hdr.len, strlen(m.body) + 2);
	/* Not a number: kept EINVAL (Xen reads it as 0; see the docs). */
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY_PART, 0, "/big x",
				   NULL), -EINVAL);
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY_PART, 0, "/big -1",
				   NULL), -EINVAL);
}

static void test_empty_directory_part(void **state)
{
	struct t_fix *f = *state;
	struct t_msg m;
	size_t glen;

	assert_int_equal(t_write(f->dom0, 0, "/leaf", "v"), 0);
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY_PART, 0, "/leaf 0",
				   &m), 0);
	glen = strlen(m.body) + 1;
	assert_int_equal(m.hdr.len, glen + 1);
}

/* The startup tree of Xen's C daemon: /tool/xenstored, empty, dom0's;
 * an existing one is left alone. */
static void test_populate(void **state)
{
	struct t_fix *f = *state;
	struct t_msg m;
	char buf[32];

	assert_int_equal(xs_core_populate(f->core), 0);
	assert_int_equal(t_read(f->dom0, 0, "/tool/xenstored", buf), 0);
	assert_string_equal(buf, "");
	assert_int_equal(t_strings(f->dom0, XS_GET_PERMS, 0, "/tool/xenstored",
				   &m), 0);
	assert_string_equal(m.body, "n0");
	assert_int_equal(t_write(f->dom0, 0, "/tool/xenstored/domid", "0"), 0);
	assert_int_equal(xs_core_populate(f->core), 0);
	assert_int_equal(t_read(f->dom0, 0, "/tool/xenstored/domid", buf), 0);
	assert_string_equal(buf, "0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_write_read, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_binary_value, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_implicit_parents, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_missing_node, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_guest_needs_permission, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_guest_creates_own_nodes, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_permissions_enforced, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_set_perms_rules, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_rm_semantics, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_mkdir, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_directory_part, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_empty_directory_part, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_populate, setup, t_fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
