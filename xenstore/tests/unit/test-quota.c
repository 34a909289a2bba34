/* SPDX-License-Identifier: GPL-2.0-only */
/* Quotas: parsing, each limit exactly at and one past its value with
 * Xen's code, nothing changed by a refusal, dom0 exempt, logged once. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "helpers.h"
#include "quota.h"

/* Domain 8, the fixture's guest. */
static struct xs_domain *g8;

static int setup(void **state)
{
	static struct t_fix f;

	t_fix_init(&f, false, 8, true);
	g8 = f.core->domains.by_id[8];
	*state = &f;
	return 0;
}

static void test_parse(void **state)
{
	struct xs_quota q;

	xs_quota_defaults(&q);
	assert_int_equal(q.limit[XS_QUOTA_NODES], 1000);
	assert_int_equal(xs_quota_parse(&q, "nodes=7"), 0);
	assert_int_equal(q.limit[XS_QUOTA_NODES], 7);
	assert_int_equal(xs_quota_parse(&q, "memory=0"), 0);
	assert_int_equal(xs_quota_parse(&q, "nodes"), -EINVAL);
	assert_int_equal(xs_quota_parse(&q, "nodes="), -EINVAL);
	assert_int_equal(xs_quota_parse(&q, "nodes=-1"), -EINVAL);
	assert_int_equal(xs_quota_parse(&q, "nodes=1x"), -EINVAL);
	assert_int_equal(xs_quota_parse(&q, "node=1"), -EINVAL);
	assert_int_equal(xs_quota_parse(&q, "nodesx=1"), -EINVAL);
	assert_int_equal(xs_quota_parse(&q, "=1"), -EINVAL);
	assert_int_equal(q.limit[XS_QUOTA_NODES], 7);
}

static void test_nodes_quota(void **state)
{
	struct t_fix *f = *state;

	f->core->quota.limit[XS_QUOTA_NODES] = 3;
	assert_int_equal(t_write(f->guest, 0, "a", ""), 0);
	assert_int_equal(t_write(f->guest, 0, "b", ""), 0);
	assert_int_equal(t_write(f->guest, 0, "c", ""), -ENOSPC);
	/* Two levels at once need two nodes: refused whole. */
	f->core->quota.limit[XS_QUOTA_NODES] = 4;
	assert_int_equal(t_write(f->guest, 0, "x/y", ""), -ENOSPC);
	assert_int_equal(t_read(f->guest, 0, "x", NULL), -ENOENT);
	assert_int_equal(g8->nr_nodes, 3);
	assert_true(g8->quota_logged & (1u << XS_QUOTA_NODES));
	/* Overwriting costs no node; removal frees one. */
	assert_int_equal(t_write(f->guest, 0, "a", "v"), 0);
	assert_int_equal(t_rm(f->guest, 0, "a"), 0);
	assert_int_equal(t_write(f->guest, 0, "c", ""), 0);
	/* dom0 writing into the guest's space is not bound. */
	assert_int_equal(t_write(f->dom0, 0, "/local/domain/8/d0", ""), 0);
}

static void test_node_size_quota(void **state)
{
	struct t_fix *f = *state;
	char value[128];
	size_t base = sizeof(struct xs_perm);   /* one perm entry */

	f->core->quota.limit[XS_QUOTA_NODE_SIZE] = 100;
	memset(value, 'v', sizeof(value));
	value[100 - base] = '\0';
	assert_int_equal(t_write(f->guest, 0, "s", value), 0);
	value[100 - base] = 'v';
	value[101 - base] = '\0';
	assert_int_equal(t_write(f->guest, 0, "s", value), -ENOSPC);
	assert_int_equal(t_write(f->guest, 0, "s2", value), -ENOSPC);
	assert_int_equal(t_read(f->guest, 0, "s2", NULL), -ENOENT);
	assert_int_equal(t_write(f->dom0, 0, "/local/domain/8/s", value), 0);
}

static void test_node_size_counts_child_names(void **state)
{
	struct t_fix *f = *state;
	char name[64];
	unsigned int i;
	int rc = 0;

	f->core->quota.limit[XS_QUOTA_NODE_SIZE] = 100;
	for (i = 0; i < 20 && !rc; i++) {
		snprintf(name, sizeof(name), "dir/child-%04u", i);
		rc = t_write(f->guest, 0, name, "");
	}
	/* 4 bytes of perms, then 11 bytes per name: the 9th would pass 100. */
	assert_int_equal(rc, -ENOSPC);
	assert_int_equal(i, 9);
	assert_int_equal(t_read(f->guest, 0, "dir/child-0008", NULL), -ENOENT);
	assert_int_equal(t_write(f->dom0, 0, "/local/domain/8/dir/child-0008",
				 ""), 0);
}

static void test_perms_quota(void **state)
{
	struct t_fix *f = *state;

	f->core->quota.limit[XS_QUOTA_PERMS] = 2;
	assert_int_equal(t_write(f->guest, 0, "p", ""), 0);
	assert_int_equal(t_setperms(f->guest, 0, "p", "n8 r1"), 0);
	assert_int_equal(t_setperms(f->guest, 0, "p", "n8 r1 r2"), -ENOSPC);
	assert_int_equal(t_setperms(f->dom0, 0, "/local/domain/8/p",
				    "n8 r1 r2 r3"), 0);
}

static void test_memory_quota(void **state)
{
	struct t_fix *f = *state;
	char value[1000];
	unsigned long before;

	memset(value, 'm', sizeof(value) - 1);
	value[sizeof(value) - 1] = '\0';
	f->core->quota.limit[XS_QUOTA_MEMORY] = g8->memory + 2500;
	assert_int_equal(t_write(f->guest, 0, "m1", value), 0);
	assert_int_equal(t_write(f->guest, 0, "m2", value), 0);
	before = g8->memory;
	assert_int_equal(t_write(f->guest, 0, "m3", value), -ENOMEM);
	assert_int_equal(g8->memory, before);
	/* Shrinking is always allowed. */
	assert_int_equal(t_write(f->guest, 0, "m1", "small"), 0);
	assert_true(g8->memory < before);
}

/* Every change that makes a node smaller must pass even at the memory
 * limit (the deltas are signed), and every one that grows it must not. */
static void test_shrinking_at_memory_limit(void **state)
{
	struct t_fix *f = *state;
	unsigned long before;
	uint32_t tx;

	assert_int_equal(t_write(f->guest, 0, "sh/a", "a-longer-value"), 0);
	assert_int_equal(t_write(f->guest, 0, "sh/b", ""), 0);
	assert_int_equal(t_setperms(f->guest, 0, "sh/a", "n8 r1 r2 r3"), 0);
	f->core->quota.limit[XS_QUOTA_MEMORY] = g8->memory;
	before = g8->memory;
	/* Growing: one byte more value, one more perm, one more node. */
	assert_int_equal(t_write(f->guest, 0, "sh/a", "a-longer-value!"), -ENOMEM);
	assert_int_equal(t_setperms(f->guest, 0, "sh/a", "n8 r1 r2 r3 r4"), -ENOMEM);
	assert_int_equal(t_write(f->guest, 0, "sh/c", ""), -ENOMEM);
	assert_int_equal(g8->memory, before);
	/* Shrinking: the permission list, the value, then a node. */
	assert_int_equal(t_setperms(f->guest, 0, "sh/a", "n8 r1"), 0);
	assert_int_equal(t_setperms(f->guest, 0, "sh/a", "n8"), 0);
	assert_int_equal(t_write(f->guest, 0, "sh/a", "short"), 0);
	assert_int_equal(t_write(f->guest, 0, "sh/a", ""), 0);
	assert_int_equal(t_rm(f->guest, 0, "sh/b"), 0);
	assert_true(g8->memory < before);
	/* The same inside a transaction, with the limit at the new level. */
	assert_int_equal(t_setperms(f->dom0, 0, "/local/domain/8/sh/a",
				    "n8 r1 r2"), 0);
	f->core->quota.limit[XS_QUOTA_MEMORY] = g8->memory;
	assert_int_equal(t_txn_start(f->guest, &tx), 0);
	assert_int_equal(t_setperms(f->guest, tx, "sh/a", "n8 r1 r2 r3"), -ENOMEM);
	assert_int_equal(t_setperms(f->guest, tx, "sh/a", "n8"), 0);
	assert_int_equal(t_txn_end(f->guest, tx, true), 0);
	assert_int_equal(g8->quota_logged & (1u << XS_QUOTA_MEMORY),
			 1u << XS_QUOTA_MEMORY);
}

/* As Xen's C daemon: a guest's transaction may touch so many nodes (each
 * is copied); one more fails that request with ENOSPC and the commit with
 * ENOMEM. Nodes already touched can be read again; dom0 is not bound. */
static void test_transaction_nodes_quota(void **state)
{
	struct t_fix *f = *state;
	char path[32];
	uint32_t tx;
	int i;

	for (i = 0; i < 6; i++) {
		snprintf(path, sizeof(path), "/local/domain/8/tn%d", i);
		assert_int_equal(t_write(f->dom0, 0, path, "v"), 0);
	}
	f->core->quota.limit[XS_QUOTA_TXN_NODES] = 5;
	assert_int_equal(t_txn_start(f->guest, &tx), 0);
	for (i = 0; i < 5; i++) {
		snprintf(path, sizeof(path), "tn%d", i);
		assert_int_equal(t_read(f->guest, tx, path, NULL), 0);
	}
	assert_int_equal(t_read(f->guest, tx, "tn5", NULL), -ENOSPC);
	assert_int_equal(t_read(f->guest, tx, "tn0", NULL), 0);
	assert_int_equal(t_txn_end(f->guest, tx, true), -ENOMEM);
	assert_true(g8->quota_logged & (1u << XS_QUOTA_TXN_NODES));
	/* Aborting is fine; a new transaction starts afresh. */
	assert_int_equal(t_txn_start(f->guest, &tx), 0);
	assert_int_equal(t_read(f->guest, tx, "tn5", NULL), 0);
	assert_int_equal(t_txn_end(f->guest, tx, true), 0);
	assert_int_equal(t_txn_start(f->dom0, &tx), 0);
	for (i = 0; i < 6; i++) {
		snprintf(path, sizeof(path), "/local/domain/8/tn%d", i);
		assert_int_equal(t_read(f->dom0, tx, path, NULL), 0);
	}
	assert_int_equal(t_txn_end(f->dom0, tx, true), 0);
}

/* A bogus refusal must not use up the one log line a quota gets. */
static void test_shrinking_perms_logs_nothing(void **state)
{
	struct t_fix *f = *state;

	assert_int_equal(t_write(f->guest, 0, "lg", ""), 0);
	assert_int_equal(t_setperms(f->guest, 0, "lg", "n8 r6"), 0);
	assert_int_equal(t_setperms(f->guest, 0, "lg", "n8"), 0);
	assert_int_equal(g8->quota_logged, 0);
}

static void test_log_once_per_quota(void **state)
{
	struct t_fix *f = *state;
	struct xs_domain *d = g8;

	assert_int_equal(d->quota_logged, 0);
	assert_int_equal(xs_quota_check(&f->core->quota, d, XS_QUOTA_NODES,
					1000), 0);
	assert_int_equal(xs_quota_check(&f->core->quota, d, XS_QUOTA_NODES,
					1001), -ENOSPC);
	assert_int_equal(d->quota_logged, 1u << XS_QUOTA_NODES);
	assert_int_equal(xs_quota_check(&f->core->quota, d, XS_QUOTA_WATCHES,
					129), -E2BIG);
	assert_int_equal(d->quota_logged, (1u << XS_QUOTA_NODES) |
					  (1u << XS_QUOTA_WATCHES));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test_setup_teardown(test_nodes_quota, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_node_size_quota, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_node_size_counts_child_names, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_perms_quota, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_memory_quota, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_shrinking_at_memory_limit, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_shrinking_perms_logs_nothing, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_transaction_nodes_quota, setup, t_fix_teardown),
		cmocka_unit_test_setup_teardown(test_log_once_per_quota, setup, t_fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
