/* SPDX-License-Identifier: GPL-2.0-only */
/* The end of a domain (domain-end.c): on RELEASE and when Xen reports it
 * shut down, dying or gone, as Xen 4.17's C daemon: its nodes go with
 * their subtrees and watches fire, others' nodes stay, the special nodes
 * forget it, @releaseDomain fires once. */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "helpers.h"

struct fixture {
	struct xs_core *core;
	struct xs_conn *dom0, *watcher, *guest;
	int state[16];               /* what the fake Xen says per domid */
	unsigned int asked;
};

static int setup(void **state)
{
	static struct fixture f;

	memset(&f, 0, sizeof(f));
	f.core = t_core_new();
	f.dom0 = t_conn(f.core, 0, true);
	f.watcher = t_conn(f.core, 0, true);
	f.guest = t_conn(f.core, 7, false);
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

static int teardown(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(xs_core_check(f->core), 0);
	t_core_free(f->core);
	return 0;
}

static void expect_event(struct xs_conn *c, const char *path, const char *tok)
{
	struct t_msg ev;

	if (!t_event(c, &ev))
		fail_msg("no event, want %s", path);
	assert_string_equal(ev.body, path);
	assert_string_equal(ev.body + strlen(path) + 1, tok);
}

static void expect_none(struct xs_conn *c)
{
	struct t_msg ev;

	if (t_event(c, &ev))
		fail_msg("unexpected event %s", ev.body);
}

static int exists(struct fixture *f, const char *path)
{
	char out[XENSTORE_PAYLOAD_MAX + 1];

	return t_read(f->dom0, 0, path, out) == 0;
}

static void test_release_removes_owned_nodes(void **state)
{
	struct fixture *f = *state;
	struct t_msg reply;

	assert_int_equal(t_watch(f->watcher, "/local/domain/7/data", "d"), 0);
	assert_int_equal(t_watch(f->watcher, "@releaseDomain", "r"), 0);
	assert_int_equal(t_setperms(f->dom0, 0, "@releaseDomain",
				    "n0 r7 r8"), 0);
	t_drop_events(f->watcher);
	assert_int_equal(t_strings(f->dom0, XS_RELEASE, 0, "7", NULL), 0);
	expect_event(f->watcher, "/local/domain/7/data", "d");
	expect_event(f->watcher, "@releaseDomain", "r");
	expect_none(f->watcher);
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
	struct fixture *f = *state;
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
	struct fixture *f = ctx;

	f->asked++;
	return domid < 16 ? f->state[domid] : XS_DOM_GONE;
}

static void test_check_shutdown_fires_once(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "8 1 2", NULL), 0);
	assert_int_equal(t_watch(f->watcher, "@releaseDomain", "r"), 0);
	t_drop_events(f->watcher);
	f->state[8] = XS_DOM_SHUTDOWN;
	assert_int_equal(xs_domains_check(f->core, fake_state, f), 0);
	assert_int_equal(f->asked, 2);          /* 7 and 8, nobody else */
	expect_event(f->watcher, "@releaseDomain", "r");
	expect_none(f->watcher);
	assert_true(f->core->domains.by_id[8]->introduced);
	assert_true(exists(f, "/local/domain/7/data/x"));
	/* Still shut down: no news. */
	assert_int_equal(xs_domains_check(f->core, fake_state, f), 0);
	expect_none(f->watcher);
	/* RESUME: the next shutdown is news again. */
	assert_int_equal(t_strings(f->dom0, XS_RESUME, 0, "8", NULL), 0);
	assert_int_equal(xs_domains_check(f->core, fake_state, f), 0);
	expect_event(f->watcher, "@releaseDomain", "r");
	expect_none(f->watcher);
}

static void test_check_ends_dying_and_gone(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "8 1 2", NULL), 0);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "9 1 3", NULL), 0);
	assert_int_equal(t_watch(f->watcher, "@releaseDomain", "r"), 0);
	t_drop_events(f->watcher);
	f->state[7] = XS_DOM_DYING;
	f->state[8] = XS_DOM_GONE;
	f->state[9] = XS_DOM_SHUTDOWN;
	assert_int_equal(xs_domains_check(f->core, fake_state, f), 0);
	expect_event(f->watcher, "@releaseDomain", "r");
	expect_event(f->watcher, "@releaseDomain", "r");
	expect_none(f->watcher);
	assert_false(f->core->domains.by_id[7]->introduced);
	assert_false(f->core->domains.by_id[8]->introduced);
	assert_true(f->core->domains.by_id[9]->introduced);
	assert_false(exists(f, "/local/domain/7/data"));
	assert_int_equal(f->core->domains.nr_introduced, 1);
}

static void test_check_cannot_tell(void **state)
{
	struct fixture *f = *state;

	f->state[7] = -ENOSYS;       /* no domctl: nothing may change */
	assert_int_equal(t_watch(f->watcher, "@releaseDomain", "r"), 0);
	t_drop_events(f->watcher);
	assert_int_equal(xs_domains_check(f->core, fake_state, f), -ENOSYS);
	expect_none(f->watcher);
	assert_true(f->core->domains.by_id[7]->introduced);
	assert_true(exists(f, "/local/domain/7/data/x"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_release_removes_owned_nodes,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_special_owner_becomes_dom0,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_shutdown_fires_once,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_ends_dying_and_gone,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_cannot_tell,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
