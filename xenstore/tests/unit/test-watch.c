/* SPDX-License-Identifier: GPL-2.0-only */
/* Watches: what fires, with which path and token, for whom; relative
 * watches; recursive removal; special events; quota; cleanup. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "helpers.h"

static int setup(void **state)
{
	static struct t_fix f;

	t_fix_init(&f, true, 5, true);
	*state = &f;
	return 0;
}

static void test_initial_event_then_changes(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_watch(f->peer, "/w", "tok"), 0);
	t_expect_event(f->peer, "/w", "tok");
	assert_int_equal(t_write(f->dom0, 0, "/w", "1"), 0);
	t_expect_event(f->peer, "/w", "tok");
	assert_int_equal(t_write(f->dom0, 0, "/w/child/deep", "1"), 0);
	t_expect_event(f->peer, "/w/child/deep", "tok");
	assert_int_equal(t_write(f->dom0, 0, "/wx", "1"), 0);   /* sibling */
	assert_int_equal(t_write(f->dom0, 0, "/", "1"), 0);     /* parent */
	t_expect_none(f->peer);
}

static void test_perms_change_and_rm_fire(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_write(f->dom0, 0, "/p/q", ""), 0);
	assert_int_equal(t_watch(f->peer, "/p", "t"), 0);
	t_drop_events(f->peer);
	assert_int_equal(t_setperms(f->dom0, 0, "/p/q", "n0 r5"), 0);
	t_expect_event(f->peer, "/p/q", "t");
	assert_int_equal(t_rm(f->dom0, 0, "/p/q"), 0);
	t_expect_event(f->peer, "/p/q", "t");
	t_expect_none(f->peer);
}

static void test_recursive_rm_fires_watches_below(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_write(f->dom0, 0, "/r/a/b", ""), 0);
	assert_int_equal(t_watch(f->peer, "/r/a/b", "below"), 0);
	t_drop_events(f->peer);
	assert_int_equal(t_rm(f->dom0, 0, "/r"), 0);
	t_expect_event(f->peer, "/r/a/b", "below");
	t_expect_none(f->peer);
}

static void test_relative_watch_sees_relative_paths(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_watch(f->guest, "device", "rel"), 0);
	t_expect_event(f->guest, "device", "rel");
	assert_int_equal(t_write(f->dom0, 0, "/local/domain/5/device/vif", ""),
			 0);
	t_expect_event(f->guest, "device/vif", "rel");
}

static void test_unreadable_changes_stay_hidden(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_watch(f->guest, "/hidden", "h"), 0);
	t_drop_events(f->guest);
	assert_int_equal(t_write(f->dom0, 0, "/hidden/x", "secret"), 0);
	t_expect_none(f->guest);
	assert_int_equal(t_setperms(f->dom0, 0, "/hidden/x", "n0 r5"), 0);
	t_expect_event(f->guest, "/hidden/x", "h");
}

/* As in Xen: a watcher who may read the parent hears of a change to an
 * unreadable child (the event carries no value). */
static void test_readable_parent_reveals_change(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_write(f->dom0, 0, "/pr/dir/leaf", "x"), 0);
	assert_int_equal(t_setperms(f->dom0, 0, "/pr/dir", "n0 r5"), 0);
	assert_int_equal(t_watch(f->guest, "/pr", "p"), 0);
	t_drop_events(f->guest);
	assert_int_equal(t_write(f->dom0, 0, "/pr/dir/leaf", "y"), 0);
	t_expect_event(f->guest, "/pr/dir/leaf", "p");
	/* Two levels down: the parent is unreadable too, nothing. */
	assert_int_equal(t_write(f->dom0, 0, "/pr/dir/leaf/deeper", "z"), 0);
	t_expect_none(f->guest);
	/* Removal: judged by the removed node and its (live) parent. */
	assert_int_equal(t_rm(f->dom0, 0, "/pr/dir/leaf"), 0);
	t_expect_event(f->guest, "/pr/dir/leaf", "p");
	t_expect_none(f->guest);
}

/* As in Xen: a permission change that takes away the watcher's read
 * access still reaches it, once; later changes do not. Also when the
 * change is committed by a transaction. */
static void test_losing_read_access_fires_once(void **state)
{
	struct t_fix *f = *state;
	uint32_t tx;

	assert_int_equal(t_write(f->dom0, 0, "/la/a/leaf", "1"), 0);
	assert_int_equal(t_setperms(f->dom0, 0, "/la/a/leaf", "n0 r5"), 0);
	assert_int_equal(t_watch(f->guest, "/la/a/leaf", "l"), 0);
	t_drop_events(f->guest);
	assert_int_equal(t_setperms(f->dom0, 0, "/la/a/leaf", "n0"), 0);
	t_expect_event(f->guest, "/la/a/leaf", "l");
	assert_int_equal(t_write(f->dom0, 0, "/la/a/leaf", "2"), 0);
	t_expect_none(f->guest);
	assert_int_equal(t_setperms(f->dom0, 0, "/la/a/leaf", "n0 r5"), 0);
	t_expect_event(f->guest, "/la/a/leaf", "l");
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_setperms(f->dom0, tx, "/la/a/leaf", "n0"), 0);
	t_expect_none(f->guest);
	assert_int_equal(t_txn_end(f->dom0, tx, true), 0);
	t_expect_event(f->guest, "/la/a/leaf", "l");
	t_expect_none(f->guest);
}

static void test_special_watches(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_watch(f->peer, "@introduceDomain", "i"), 0);
	assert_int_equal(t_watch(f->guest, "@introduceDomain", "g"), 0);
	t_drop_events(f->peer);
	t_drop_events(f->guest);
	assert_int_equal(t_strings(f->dom0, XS_INTRODUCE, 0, "12 99 3", NULL),
			 0);
	t_expect_event(f->peer, "@introduceDomain", "i");
	/* Special nodes are dom0's unless dom0 shares them. */
	t_expect_none(f->guest);
	assert_int_equal(t_setperms(f->dom0, 0, "@releaseDomain", "n0 r5"), 0);
	assert_int_equal(t_watch(f->guest, "@releaseDomain", "r"), 0);
	t_drop_events(f->guest);
	assert_int_equal(t_strings(f->dom0, XS_RELEASE, 0, "12", NULL), 0);
	t_expect_event(f->guest, "@releaseDomain", "r");
	/* Tree changes never match special watches. */
	assert_int_equal(t_write(f->dom0, 0, "/x", ""), 0);
	t_expect_none(f->peer);
}

static void test_unwatch_and_duplicates(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_watch(f->peer, "/u", "a"), 0);
	assert_int_equal(t_watch(f->peer, "/u", "a"), -EEXIST);
	assert_int_equal(t_watch(f->peer, "/u", "b"), 0);
	t_drop_events(f->peer);
	assert_int_equal(t_strings(f->peer, XS_UNWATCH, 0, "/u a", NULL), 0);
	assert_int_equal(t_strings(f->peer, XS_UNWATCH, 0, "/u a", NULL),
			 -ENOENT);
	assert_int_equal(t_write(f->dom0, 0, "/u", ""), 0);
	t_expect_event(f->peer, "/u", "b");
	t_expect_none(f->peer);
	assert_int_equal(t_strings(f->peer, XS_WATCH, 0, "/u", NULL),
			 -EINVAL);
	assert_int_equal(t_strings(f->peer, XS_WATCH, 0, "bad/ x", NULL),
			 -EINVAL);
}

static void test_watch_quota(void **state)
{
	struct t_fix *f = *state;
	struct xs_domain *d = f->core->domains.by_id[5];
	char path[32];
	unsigned int i;

	f->core->quota.limit[XS_QUOTA_WATCHES] = 3;
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "/q%u", i);
		assert_int_equal(t_watch(f->guest, path, "t"), 0);
	}
	assert_int_equal(t_watch(f->guest, "/q9", "t"), -E2BIG);
	assert_int_equal(d->nr_watches, 3);
	assert_true(d->quota_logged & (1u << XS_QUOTA_WATCHES));
	/* dom0 is not bound. */
	for (i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "/q%u", i);
		assert_int_equal(t_watch(f->peer, path, "t"), 0);
	}
	assert_int_equal(t_req(f->guest, XS_RESET_WATCHES, 0, "", 1, NULL), 0);
	assert_int_equal(d->nr_watches, 0);
}

static void test_watches_count_against_memory(void **state)
{
	struct t_fix *f = *state;
	struct xs_domain *d = f->core->domains.by_id[5];
	unsigned long before = d->memory;
	static char token[1500];
	char args[1600];

	memset(token, 'k', sizeof(token) - 1);
	snprintf(args, sizeof(args), "/m %s", token);
	f->core->quota.limit[XS_QUOTA_MEMORY] = before + 2000;
	assert_int_equal(t_strings(f->guest, XS_WATCH, 0, args, NULL), 0);
	assert_true(d->memory > before + 1500);
	args[1] = 'n';
	assert_int_equal(t_strings(f->guest, XS_WATCH, 0, args, NULL), -ENOMEM);
	args[1] = 'm';
	assert_int_equal(t_strings(f->guest, XS_UNWATCH, 0, args, NULL), 0);
	assert_int_equal(d->memory, before);
}

static void test_closing_removes_watches(void **state)
{
	struct t_fix *f = *state;
	struct xs_conn *c = t_conn(f->core, 5, false);

	assert_int_equal(t_watch(c, "/gone", "t"), 0);
	assert_int_equal(f->core->domains.by_id[5]->nr_watches, 1);
	xs_conn_destroy(c);
	assert_int_equal(f->core->domains.by_id[5]->nr_watches, 0);
	assert_int_equal(t_write(f->dom0, 0, "/gone", ""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_initial_event_then_changes, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_perms_change_and_rm_fire, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_recursive_rm_fires_watches_below, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_relative_watch_sees_relative_paths, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_changes_stay_hidden, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_readable_parent_reveals_change, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_losing_read_access_fires_once, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_special_watches, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_unwatch_and_duplicates, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_watch_quota, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_watches_count_against_memory, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_closing_removes_watches, setup, t_fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
