/* SPDX-License-Identifier: GPL-2.0-only */
/* Transactions: isolation, atomic commit, conflict detection (EAGAIN and
 * nothing applied), events on commit only, ids, quota and cleanup. */
#include <errno.h>
#include <string.h>

#include "check.h"
#include "helpers.h"

static int setup(void **state)
{
	static struct t_fix f;

	t_fix_init(&f, true, 0, false);
	*state = &f;
	return 0;
}

static void test_isolation_and_commit(void **state)
{
	struct t_fix *f = *state;
	char buf[32];
	uint32_t tx;

	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_true(tx != 0);
	assert_int_equal(t_write(f->dom0, tx, "/t/x", "in"), 0);
	assert_int_equal(t_write(f->dom0, tx, "/t/y", "in2"), 0);
	assert_int_equal(t_read(f->dom0, tx, "/t/x", buf), 0);
	assert_string_equal(buf, "in");
	assert_int_equal(t_read(f->peer, 0, "/t/x", NULL), -ENOENT);
	assert_int_equal(t_read(f->dom0, 0, "/t", NULL), -ENOENT);
	assert_int_equal(t_txn_end(f->dom0, tx, true), 0);
	assert_int_equal(t_read(f->peer, 0, "/t/y", buf), 0);
	assert_string_equal(buf, "in2");
	assert_int_equal(t_txn_end(f->dom0, tx, true), -ENOENT);
}

static void test_conflict_applies_nothing(void **state)
{
	struct t_fix *f = *state;
	char buf[32];
	uint32_t tx;

	assert_int_equal(t_write(f->dom0, 0, "/c", "0"), 0);
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_read(f->dom0, tx, "/c", buf), 0);
	assert_int_equal(t_write(f->dom0, tx, "/c2", "side"), 0);
	assert_int_equal(t_write(f->peer, 0, "/c", "other"), 0);
	assert_int_equal(t_txn_end(f->dom0, tx, true), -EAGAIN);
	assert_int_equal(t_read(f->peer, 0, "/c2", NULL), -ENOENT);
	assert_int_equal(t_read(f->peer, 0, "/c", buf), 0);
	assert_string_equal(buf, "other");
}

static void test_unrelated_writes_do_not_conflict(void **state)
{
	struct t_fix *f = *state;
	uint32_t tx;

	assert_int_equal(t_write(f->dom0, 0, "/u/mine", "0"), 0);
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_write(f->dom0, tx, "/u/mine", "1"), 0);
	assert_int_equal(t_write(f->peer, 0, "/elsewhere", "x"), 0);
	assert_int_equal(t_txn_end(f->dom0, tx, true), 0);
}

static void test_new_child_conflicts_with_listing(void **state)
{
	struct t_fix *f = *state;
	uint32_t tx;

	assert_int_equal(t_write(f->dom0, 0, "/dir/a", ""), 0);
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY, tx, "/dir", NULL), 0);
	assert_int_equal(t_write(f->peer, 0, "/dir/b", ""), 0);
	assert_int_equal(t_txn_end(f->dom0, tx, true), -EAGAIN);
}

/* Reads inside a transaction repeat: a value, an absence, a listing and
 * a permission list keep what the transaction first saw, whatever
 * happens outside, and the commit then fails. */
static void test_repeatable_reads(void **state)
{
	struct t_fix *f = *state;
	struct t_msg m;
	char buf[32];
	uint32_t tx;

	assert_int_equal(t_write(f->dom0, 0, "/rr/k", "a"), 0);
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_read(f->dom0, tx, "/rr/k", buf), 0);
	assert_string_equal(buf, "a");
	assert_int_equal(t_read(f->dom0, tx, "/rr/none", NULL), -ENOENT);
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY, tx, "/rr", &m), 0);
	assert_int_equal(t_strings(f->dom0, XS_GET_PERMS, tx, "/rr/k", NULL), 0);
	assert_int_equal(t_write(f->peer, 0, "/rr/k", "b"), 0);
	assert_int_equal(t_write(f->peer, 0, "/rr/none", "now"), 0);
	assert_int_equal(t_setperms(f->peer, 0, "/rr/k", "n3"), 0);
	assert_int_equal(t_read(f->dom0, tx, "/rr/k", buf), 0);
	assert_string_equal(buf, "a");
	assert_int_equal(t_read(f->dom0, tx, "/rr/none", NULL), -ENOENT);
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY, tx, "/rr", &m), 0);
	assert_int_equal(m.hdr.len, 2);
	assert_memory_equal(m.body, "k", 2);
	assert_int_equal(t_strings(f->dom0, XS_GET_PERMS, tx, "/rr/k", &m), 0);
	assert_string_equal(m.body, "n0");
	assert_int_equal(t_txn_end(f->dom0, tx, true), -EAGAIN);
}

/* As in Xen's C daemon: a node first read after an outside change shows
 * the change and conflicts with nothing, and the transaction's own
 * writes are what it reads back. */
static void test_first_read_sees_latest(void **state)
{
	struct t_fix *f = *state;
	char buf[32];
	uint32_t tx;

	assert_int_equal(t_write(f->dom0, 0, "/fr/k", "old"), 0);
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_write(f->peer, 0, "/fr/k", "new"), 0);
	assert_int_equal(t_read(f->dom0, tx, "/fr/k", buf), 0);
	assert_string_equal(buf, "new");
	assert_int_equal(t_write(f->dom0, tx, "/fr/k", "mine"), 0);
	assert_int_equal(t_read(f->dom0, tx, "/fr/k", buf), 0);
	assert_string_equal(buf, "mine");
	assert_int_equal(t_txn_end(f->dom0, tx, true), 0);
	assert_int_equal(t_read(f->peer, 0, "/fr/k", buf), 0);
	assert_string_equal(buf, "mine");
}

/* A node the transaction only wrote (never read first) still conflicts
 * when it changes outside: a write reads the node first, as in Xen. */
static void test_blind_write_conflicts(void **state)
{
	struct t_fix *f = *state;
	char buf[32];
	uint32_t tx;

	assert_int_equal(t_write(f->dom0, 0, "/bw/k", "0"), 0);
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_write(f->dom0, tx, "/bw/k", "mine"), 0);
	assert_int_equal(t_write(f->peer, 0, "/bw/k", "theirs"), 0);
	assert_int_equal(t_txn_end(f->dom0, tx, true), -EAGAIN);
	assert_int_equal(t_read(f->peer, 0, "/bw/k", buf), 0);
	assert_string_equal(buf, "theirs");
}

/* DIRECTORY_PART inside a transaction: the generation changes with the
 * transaction's own changes to the listing, not with outside ones. */
static void test_directory_part_generation_in_txn(void **state)
{
	struct t_fix *f = *state;
	struct t_msg m1, m2, m3;
	uint32_t tx;

	assert_int_equal(t_write(f->dom0, 0, "/dg/a", ""), 0);
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY_PART, tx, "/dg 0", &m1), 0);
	assert_int_equal(t_write(f->peer, 0, "/dg/outside", ""), 0);
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY_PART, tx, "/dg 0", &m2), 0);
	assert_int_equal(m1.hdr.len, m2.hdr.len);
	assert_memory_equal(m1.body, m2.body, m1.hdr.len);
	assert_int_equal(t_write(f->dom0, tx, "/dg/inside", ""), 0);
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY_PART, tx, "/dg 0", &m3), 0);
	assert_string_not_equal(m1.body, m3.body);
	assert_int_equal(t_txn_end(f->dom0, tx, false), 0);
}

/* Ids count from 1 on each connection, as Xen's C daemon numbers them;
 * past 2^32 they wrap, skipping 0 and ids still open. */
static void test_ids_per_connection(void **state)
{
	struct t_fix *f = *state;
	uint32_t t1, t2, t3, u1;

	assert_int_equal(t_txn_start(f->dom0, &t1), 0);
	assert_int_equal(t_txn_start(f->dom0, &t2), 0);
	assert_int_equal(t_txn_start(f->peer, &u1), 0);
	assert_int_equal(t1, 1);
	assert_int_equal(t2, 2);
	assert_int_equal(u1, 1);
	assert_int_equal(t_write(f->peer, u1, "/ids", "b"), 0);
	assert_int_equal(t_read(f->dom0, t1, "/ids", NULL), -ENOENT);
	assert_int_equal(t_txn_end(f->dom0, t1, false), 0);
	assert_int_equal(t_txn_end(f->peer, u1, true), 0);
	f->dom0->next_txid = UINT32_MAX - 1;
	assert_int_equal(t_txn_start(f->dom0, &t1), 0);
	assert_int_equal(t1, UINT32_MAX);
	assert_int_equal(t_txn_start(f->dom0, &t3), 0);
	assert_int_equal(t3, 1);
	assert_int_equal(t_txn_start(f->dom0, &t1), 0);
	assert_int_equal(t1, 3);           /* 2 is still open */
}

static void test_rm_and_listing_inside(void **state)
{
	struct t_fix *f = *state;
	struct t_msg m;
	uint32_t tx;

	assert_int_equal(t_write(f->dom0, 0, "/l/a/deep", ""), 0);
	assert_int_equal(t_write(f->dom0, 0, "/l/b", ""), 0);
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_rm(f->dom0, tx, "/l/a"), 0);
	assert_int_equal(t_strings(f->dom0, XS_DIRECTORY, tx, "/l", &m), 0);
	assert_int_equal(m.hdr.len, 2);
	assert_int_equal(t_read(f->dom0, tx, "/l/a/deep", NULL), -ENOENT);
	assert_int_equal(t_read(f->peer, 0, "/l/a/deep", NULL), 0);
	assert_int_equal(t_txn_end(f->dom0, tx, true), 0);
	assert_int_equal(t_read(f->peer, 0, "/l/a/deep", NULL), -ENOENT);
	assert_int_equal(t_read(f->peer, 0, "/l/a", NULL), -ENOENT);
}

static void test_abort_discards(void **state)
{
	struct t_fix *f = *state;
	uint32_t tx;

	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_write(f->dom0, tx, "/ab", "x"), 0);
	assert_int_equal(t_txn_end(f->dom0, tx, false), 0);
	assert_int_equal(t_read(f->dom0, 0, "/ab", NULL), -ENOENT);
}

static void test_events_only_on_commit(void **state)
{
	struct t_fix *f = *state;
	struct t_msg ev;
	uint32_t tx;

	assert_int_equal(t_watch(f->peer, "/ev", "t"), 0);
	t_drop_events(f->peer);
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_write(f->dom0, tx, "/ev/1", "x"), 0);
	assert_false(t_event(f->peer, &ev));
	assert_int_equal(t_txn_end(f->dom0, tx, false), 0);
	assert_false(t_event(f->peer, &ev));
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_write(f->dom0, tx, "/ev/2", "x"), 0);
	assert_int_equal(t_txn_end(f->dom0, tx, true), 0);
	assert_true(t_event(f->peer, &ev));
	assert_string_equal(ev.body, "/ev/2");
}

static void test_protocol_errors(void **state)
{
	struct t_fix *f = *state;
	uint32_t tx;

	assert_int_equal(t_read(f->dom0, 424242, "/", NULL), -ENOENT);
	assert_int_equal(t_req(f->dom0, XS_TRANSACTION_START, 5, "", 1, NULL),
			 -EBUSY);
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	assert_int_equal(t_req(f->dom0, XS_TRANSACTION_END, tx, "X", 2, NULL),
			 -EINVAL);
	assert_int_equal(t_req(f->dom0, XS_TRANSACTION_END, tx, "T", 1, NULL),
			 -EINVAL);
	/* Another connection cannot use or end it. */
	assert_int_equal(t_read(f->peer, tx, "/", NULL), -ENOENT);
	assert_int_equal(t_txn_end(f->peer, tx, true), -ENOENT);
	assert_int_equal(t_txn_end(f->dom0, tx, true), 0);
}

static void test_quota_and_cleanup(void **state)
{
	struct t_fix *f = *state;
	struct xs_conn *g = t_conn(f->core, 7, false);
	struct xs_domain *d = f->core->domains.by_id[7];
	uint32_t tx;

	f->core->quota.limit[XS_QUOTA_TRANSACTIONS] = 2;
	assert_int_equal(t_txn_start(g, &tx), 0);
	assert_int_equal(t_txn_start(g, &tx), 0);
	assert_int_equal(t_txn_start(g, &tx), -ENOSPC);
	assert_int_equal(d->nr_txns, 2);
	xs_conn_destroy(g);
	assert_int_equal(d->nr_txns, 0);
}

static void test_node_quota_counts_transaction(void **state)
{
	struct t_fix *f = *state;
	struct xs_conn *g = t_conn(f->core, 7, false);
	uint32_t tx;

	assert_int_equal(t_write(f->dom0, 0, "/local/domain/7", ""), 0);
	assert_int_equal(t_setperms(f->dom0, 0, "/local/domain/7", "n7"), 0);
	f->core->quota.limit[XS_QUOTA_NODES] = 3;   /* it owns one already */
	assert_int_equal(t_txn_start(g, &tx), 0);
	assert_int_equal(t_write(g, tx, "a", ""), 0);
	assert_int_equal(t_write(g, tx, "b", ""), 0);
	assert_int_equal(t_write(g, tx, "c", ""), -ENOSPC);
	assert_int_equal(t_txn_end(g, tx, true), 0);
	assert_int_equal(f->core->domains.by_id[7]->nr_nodes, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_isolation_and_commit, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_conflict_applies_nothing, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_unrelated_writes_do_not_conflict, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_new_child_conflicts_with_listing, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_repeatable_reads, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_first_read_sees_latest, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_blind_write_conflicts, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_directory_part_generation_in_txn, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_ids_per_connection, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_rm_and_listing_inside, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_abort_discards, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_events_only_on_commit, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_protocol_errors, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_quota_and_cleanup, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_node_quota_counts_transaction, setup, t_fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
