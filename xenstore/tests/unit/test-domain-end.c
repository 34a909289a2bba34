/* SPDX-License-Identifier: GPL-2.0-only */
/* The end of a domain (domain-end.c): on RELEASE and when Xen reports it
 * shut down, dying or gone, as Xen 4.17's C daemon: its nodes go with
 * their subtrees and watches fire, others' nodes stay, the special nodes
 * forget it, @releaseDomain fires once. */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "helpers.h"

/* What the fake Xen says of each domid, and how often it was asked. */
static struct {
	int state[16];
	unsigned int asked;
} xen;

static int setup(void **state)
{
	static struct t_fix f;

	memset(&xen, 0, sizeof(xen));
	t_fix_init(&f, true, 7, false);
	assert_int_equal(t_strings(f.dom0, XS_INTRODUCE, 0, "7 1 1", NULL), 0);
	/* libxl's layout: the domain's directory is dom0's, what is inside
	 * is the domain's; the back end's nodes are dom0's. */
	assert_int_equal(t_write(f.dom0, 0, "/local/domain/7", ""), 0);
	assert_int_equal(t_setperms(f.dom0, 0, "/local/domain/7", "n0 b7"), 0);
	assert_int_equal(t_write(f.guest, 0, "/local/domain/7/data/x", "1"), 0);
	assert_int_equal(t_write(f.dom0, 0, "/local/domain/7/data/x/y", "0"),
			 0);
	assert_int_equal(t_write(f.dom0, 0, "/vm/7", ""), 0);
	assert_int_equal(t_setperms(f.dom0, 0, "/vm/7", "n7"), 0);
	assert_int_equal(t_write(f.dom0, 0,
				 "/local/domain/0/backend/vbd/7/51712/state",
				 "4"), 0);
	assert_int_equal(t_setperms(f.dom0, 0,
				    "/local/domain/0/backend/vbd/7/51712",
				    "n0 r7"), 0);
	*state = &f;
	return 0;
}

static int exists(struct t_fix *f, const char *path)
{
	char out[XENSTORE_PAYLOAD_MAX + 1];

	return t_read(f->dom0, 0, path, out) == 0;
}

static void test_release_removes_owned_nodes(void **state)
{
	struct t_fix *f = *state;
	struct t_msg reply;

	assert_int_equal(t_watch(f->peer, "/local/domain/7/data", "d"), 0);
	assert_int_equal(t_watch(f->peer, "@releaseDomain", "r"), 0);
	assert_int_equal(t_setperms(f->dom0, 0, "@releaseDomain",
				    "n0 r7 r8"), 0);
	t_drop_events(f->peer);
	assert_int_equal(t_strings(f->dom0, XS_RELEASE, 0, "7", NULL), 0);
	t_expect_event(f->peer, "/local/domain/7/data", "d");
	t_expect_event(f->peer, "@releaseDomain", "r");
	t_expect_none(f->peer);
	/* Its subtree went, dom0's child inside it too (as rm_node does). */
	assert_false(exists(f, "/local/domain/7/data"));
	assert_false(exists(f, "/local/domain/7/data/x/y"));
	assert_false(exists(f, "/vm/7"));
	/* Nodes it did not own stay, for the toolstack to remove. */
	assert_true(exists(f, "/local/domain/7"));
	assert_true(exists(f, "/vm"));
	assert_true(exists(f, "/local/domain/0/backend/vbd/7/51712/state"));
	assert_int_equal(f->core->domains.by_id[7]->nr_nodes, 0);
	assert_int_equal(t_strings(f->dom0, XS_GET_PERMS, 0, "@releaseDomain",
				   &reply), 0);
	assert_int_equal(reply.hdr.len, sizeof("n0\0r8"));
	assert_memory_equal(reply.body, "n0\0r8", sizeof("n0\0r8"));
	assert_int_equal(f->core->domains.nr_introduced, 0);
	assert_int_equal(t_strings(f->dom0, XS_RELEASE, 0, "7", NULL),
			 -ENOENT);
}

static void test_special_owner_becomes_dom0(void **state)
{
	struct t_fix *f = *state;
	struct t_msg reply;

	assert_int_equal(t_setperms(f->dom0, 0, "@introduceDomain", "r7"), 0);
	assert_int_equal(t_strings(f->dom0, XS_RELEASE, 0, "7", NULL), 0);
	assert_int_equal(t_strings(f->dom0, XS_GET_PERMS, 0,
				   "@introduceDomain", &reply), 0);
	assert_int_equal(reply.hdr.len, sizeof("r0"));
	assert_string_equal(reply.body, "r0");
}

static int fake_state(void *ctx, unsigned int domid)
{
	xen.asked++;
	return domid < 16 ? xen.state[domid] : XS_DOM_GONE;
}

static void test_check_shutdown_fires_once(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "8 1 2", NULL), 0);
	assert_int_equal(t_watch(f->peer, "@releaseDomain", "r"), 0);
	t_drop_events(f->peer);
	xen.state[8] = XS_DOM_SHUTDOWN;
	assert_int_equal(xs_domains_check(f->core, fake_state, NULL), 0);
	assert_int_equal(xen.asked, 2);          /* 7 and 8, nobody else */
	t_expect_event(f->peer, "@releaseDomain", "r");
	t_expect_none(f->peer);
	assert_true(f->core->domains.by_id[8]->introduced);
	assert_true(exists(f, "/local/domain/7/data/x"));
	/* Still shut down: no news. */
	assert_int_equal(xs_domains_check(f->core, fake_state, NULL), 0);
	t_expect_none(f->peer);
	/* RESUME: the next shutdown is news again. */
	assert_int_equal(t_strings(f->dom0, XS_RESUME, 0, "8", NULL), 0);
	assert_int_equal(xs_domains_check(f->core, fake_state, NULL), 0);
	t_expect_event(f->peer, "@releaseDomain", "r");
	t_expect_none(f->peer);
}

static void test_check_ends_dying_and_gone(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "8 1 2", NULL), 0);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "9 1 3", NULL), 0);
	assert_int_equal(t_watch(f->peer, "@releaseDomain", "r"), 0);
	t_drop_events(f->peer);
	xen.state[7] = XS_DOM_DYING;
	xen.state[8] = XS_DOM_GONE;
	xen.state[9] = XS_DOM_SHUTDOWN;
	assert_int_equal(xs_domains_check(f->core, fake_state, NULL), 0);
	t_expect_event(f->peer, "@releaseDomain", "r");
	t_expect_event(f->peer, "@releaseDomain", "r");
	t_expect_none(f->peer);
	assert_false(f->core->domains.by_id[7]->introduced);
	assert_false(f->core->domains.by_id[8]->introduced);
	assert_true(f->core->domains.by_id[9]->introduced);
	assert_false(exists(f, "/local/domain/7/data"));
	assert_int_equal(f->core->domains.nr_introduced, 1);
}

static void test_check_cannot_tell(void **state)
{
	struct t_fix *f = *state;

	xen.state[7] = -ENOSYS;       /* no domctl: nothing may change */
	assert_int_equal(t_watch(f->peer, "@releaseDomain", "r"), 0);
	t_drop_events(f->peer);
	assert_int_equal(xs_domains_check(f->core, fake_state, NULL), -ENOSYS);
	t_expect_none(f->peer);
	assert_true(f->core->domains.by_id[7]->introduced);
	assert_true(exists(f, "/local/domain/7/data/x"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_release_removes_owned_nodes,
						setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_special_owner_becomes_dom0,
						setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_check_shutdown_fires_once,
						setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_check_ends_dying_and_gone,
						setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_check_cannot_tell,
						setup, t_fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
