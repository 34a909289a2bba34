/* SPDX-License-Identifier: GPL-2.0 */
/* The grant-table ops on the table itself (common/grant-table.c):
 * setup_table's and query_size's refusals answered in the status with the
 * call succeeding (missing domain, another's for a domU, past the limit,
 * a table that cannot grow, a frame list that faults), a frame list
 * starting in the hypervisor's range and get_version's refusals as the
 * call's error, all with Xen 4.17's codes; and do_grant_table_op's count
 * check, single copy in, copy back of only what Xen writes back, and the
 * ops that do not exist. */
#include "guest-fixture.h"
#include <public/grant_table.h>
#include <xeno/frame-alloc.h>
#include <xeno/grant-table.h>
#include <xeno/grant.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/setup.h>

struct domain *domain_list[MAX_DOMAINS];
struct frame_pool xen_frames;

static struct domain dom0, other;
static struct grant_state gnt;
static unsigned int nr_frame_allocs, nr_batch_ops;

/* The pool is empty: a table never grows here (growing maps the new
 * frame through the direct map, which the host has not got). */
int frame_alloc(struct frame_pool *p, unsigned int order, uint64_t *pfn)
{
	nr_frame_allocs++;
	return -ENOMEM;
}

void share_xen_page_with_guest(struct domain *d, uint64_t mfn) { fail(); }
void release_shared_xen_page(struct domain *d, uint64_t mfn) { }
void gnttab_free_state(struct domain *d) { }

/* The batch ops are grant-map.c's and grant-copy.c's. */
long gnttab_map_op(struct domain *ld, uint64_t uop, uint32_t count) { nr_batch_ops++; return 100; }
long gnttab_unmap_op(struct domain *ld, uint64_t uop, uint32_t count) { nr_batch_ops++; return 101; }
long gnttab_unmap_and_replace_op(struct domain *ld, uint64_t uop, uint32_t count)
{
	nr_batch_ops++;
	return 107;
}
long gnttab_copy_op(struct domain *ld, uint64_t uop, uint32_t count) { nr_batch_ops++; return 105; }
long gnttab_cache_flush_op(struct domain *ld, uint64_t uop, uint32_t count)
{
	nr_batch_ops++;
	return 112;
}

static int setup(void **state)
{
	guest_fixture_reset();
	memset(domain_list, 0, sizeof(domain_list));
	memset(&dom0, 0, sizeof(dom0));
	memset(&other, 0, sizeof(other));
	memset(&gnt, 0, sizeof(gnt));
	dom0.is_privileged = true;
	dom0.state = other.state = DOMAIN_RUNNING;
	other.domain_id = 2;
	other.max_grant_frames = 1;
	other.nr_gnttab_frames = 1;
	other.gnttab_mfn[0] = 0x200;
	dom.max_grant_frames = 4;
	dom.nr_gnttab_frames = 2;
	dom.gnttab_mfn[0] = 0x100;
	dom.gnttab_mfn[1] = 0x101;
	dom.gnt = &gnt;
	domain_list[0] = &dom0;
	domain_list[1] = &dom;
	domain_list[2] = &other;
	nr_frame_allocs = nr_batch_ops = 0;
	return 0;
}

static struct gnttab_setup_table setup_op(domid_t id, uint32_t nr, uint64_t *list)
{
	struct gnttab_setup_table op = { .dom = id, .nr_frames = nr, .status = 0x5a5a };

	op.frame_list.p = list;
	return op;
}

static void test_setup_table(void **state)
{
	uint64_t list[4] = { 0, 0, 0, 0xdead };
	struct gnttab_setup_table op = setup_op(DOMID_SELF, 2, list);

	assert_int_equal(gnttab_setup_table(&dom, &op), 0);
	assert_int_equal(op.status, GNTST_okay);
	assert_int_equal(list[0], 0x100);
	assert_int_equal(list[1], 0x101);
	assert_int_equal(list[2], 0);
	assert_int_equal(nr_frame_allocs, 0);   /* long enough already */
	/* No frames: nothing written; the list's start is still judged. */
	op = setup_op(1, 0, NULL);
	assert_int_equal(gnttab_setup_table(&dom, &op), 0);
	assert_int_equal(op.status, GNTST_okay);
	op = setup_op(1, 0, (uint64_t *)GVA_HYP);
	assert_int_equal(gnttab_setup_table(&dom, &op), -EFAULT);
	/* The privileged domain may set up another's. */
	op = setup_op(2, 1, list);
	assert_int_equal(gnttab_setup_table(&dom0, &op), 0);
	assert_int_equal(op.status, GNTST_okay);
	assert_int_equal(list[0], 0x200);
}

static void test_setup_table_refusals(void **state)
{
	uint64_t list[8] = { 0 };
	struct gnttab_setup_table op;

	op = setup_op(77, 1, list);
	assert_int_equal(gnttab_setup_table(&dom, &op), 0);
	assert_int_equal(op.status, GNTST_bad_domain);
	op = setup_op(DOMID_IO, 1, list);
	assert_int_equal(gnttab_setup_table(&dom, &op), 0);
	assert_int_equal(op.status, GNTST_bad_domain);
	op = setup_op(2, 1, list);
	assert_int_equal(gnttab_setup_table(&dom, &op), 0);
	assert_int_equal(op.status, GNTST_permission_denied);
	/* Past the domain's limit; logged once however often it is asked. */
	op = setup_op(DOMID_SELF, 5, list);
	assert_int_equal(gnttab_setup_table(&dom, &op), 0);
	assert_int_equal(op.status, GNTST_general_error);
	op = setup_op(DOMID_SELF, ~0u, list);
	assert_int_equal(gnttab_setup_table(&dom, &op), 0);
	assert_int_equal(op.status, GNTST_general_error);
	assert_int_equal(nr_printks, 1);
	/* Within the limit, but the table cannot grow. */
	op = setup_op(DOMID_SELF, 3, list);
	assert_int_equal(gnttab_setup_table(&dom, &op), 0);
	assert_int_equal(op.status, GNTST_general_error);
	assert_int_equal(nr_frame_allocs, 1);
	assert_int_equal(dom.nr_gnttab_frames, 2);
	/* Nothing reached the list. */
	for (unsigned int i = 0; i < ARRAY_SIZE(list); i++)
		assert_int_equal(list[i], 0);
}

/* A list starting where the guest cannot name memory is the call's
 * -EFAULT, before the domain is looked up (Xen checks only the start);
 * one that starts well but faults on copy is a status. */
static void test_setup_table_bad_list(void **state)
{
	static const uint64_t refused[] = { GVA_HYP, GVA_HYP_LAST, GVA_NONCANON };
	static const uint64_t faulting[] = { GVA_NULL, GVA_NONCANON - 4, GVA_ALL_ONES };
	uint64_t list[2] = { 0 };
	struct gnttab_setup_table op;

	for (unsigned int i = 0; i < ARRAY_SIZE(refused); i++) {
		op = setup_op(DOMID_SELF, 2, (uint64_t *)refused[i]);
		assert_int_equal(gnttab_setup_table(&dom, &op), -EFAULT);
		assert_int_equal(op.status, 0x5a5a);
		op = setup_op(77, 1, (uint64_t *)refused[i]);
		assert_int_equal(gnttab_setup_table(&dom, &op), -EFAULT);
		assert_int_equal(op.status, 0x5a5a);
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(faulting); i++) {
		op = setup_op(DOMID_SELF, 2, (uint64_t *)faulting[i]);
		assert_int_equal(gnttab_setup_table(&dom, &op), 0);
		assert_int_equal(op.status, GNTST_bad_virt_addr);
	}
	/* The list runs into an unmapped page at its second element. */
	hole_start = GVA(&list[1]);
	hole_end = hole_start + 8;
	op = setup_op(DOMID_SELF, 2, list);
	assert_int_equal(gnttab_setup_table(&dom, &op), 0);
	assert_int_equal(op.status, GNTST_bad_virt_addr);
	assert_int_equal(list[0], 0x100);
}

static void test_query_size(void **state)
{
	struct gnttab_query_size op = { .dom = DOMID_SELF, .nr_frames = 0xaa,
					.max_nr_frames = 0xbb, .status = 0x5a5a };

	assert_int_equal(gnttab_query_size(&dom, &op), 0);
	assert_int_equal(op.status, GNTST_okay);
	assert_int_equal(op.nr_frames, 2);
	assert_int_equal(op.max_nr_frames, 4);
	op = (struct gnttab_query_size){ .dom = 2 };
	assert_int_equal(gnttab_query_size(&dom0, &op), 0);
	assert_int_equal(op.nr_frames, 1);
	/* Refused: the status says why, the sizes stay as the guest gave. */
	op = (struct gnttab_query_size){ .dom = 2, .nr_frames = 0xaa, .max_nr_frames = 0xbb };
	assert_int_equal(gnttab_query_size(&dom, &op), 0);
	assert_int_equal(op.status, GNTST_permission_denied);
	assert_int_equal(op.nr_frames, 0xaa);
	assert_int_equal(op.max_nr_frames, 0xbb);
	op.dom = 77;
	assert_int_equal(gnttab_query_size(&dom, &op), 0);
	assert_int_equal(op.status, GNTST_bad_domain);
}

static void test_get_version(void **state)
{
	struct gnttab_get_version op = { .dom = DOMID_SELF, .version = 0xff };

	assert_int_equal(gnttab_get_version(&dom, &op), 0);
	assert_int_equal(op.version, 1);
	op = (struct gnttab_get_version){ .dom = 2, .version = 0xff };
	assert_int_equal(gnttab_get_version(&dom, &op), -EPERM);
	assert_int_equal(op.version, 0xff);
	op.dom = 77;
	assert_int_equal(gnttab_get_version(&dom, &op), -ESRCH);
	op.dom = 2;
	assert_int_equal(gnttab_get_version(&dom0, &op), 0);
}

static void test_dispatch(void **state)
{
	static const uint64_t table_ops[] = { GNTTABOP_setup_table, GNTTABOP_query_size,
					      GNTTABOP_get_version };
	static const uint64_t missing[] = { GNTTABOP_dump_table, GNTTABOP_transfer,
					    GNTTABOP_set_version, GNTTABOP_get_status_frames,
					    GNTTABOP_swap_grant_ref, 13, 0x80000000ULL, ~0ULL };
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	struct gnttab_get_version v = { .dom = 2 }, gv = { .dom = DOMID_SELF };

	/* One op per call; the count is the ABI's 32 bits. get_version
	 * ignores it, as Xen, unless its top bit is set. */
	nr_copy_in = 0;
	for (unsigned int i = 0; i < ARRAY_SIZE(table_ops); i++) {
		if (table_ops[i] != GNTTABOP_get_version) {
			assert_int_equal(do_grant_table_op(table_ops[i], GVA(&q), 0), -EINVAL);
			assert_int_equal(do_grant_table_op(table_ops[i], GVA(&q), 2), -EINVAL);
		}
		assert_int_equal(do_grant_table_op(table_ops[i], GVA(&q), 0xffffffffULL), -EINVAL);
		assert_int_equal(do_grant_table_op(table_ops[i], GVA(&q), 0x80000000ULL), -EINVAL);
		assert_int_equal(do_grant_table_op(table_ops[i], GVA_NULL, 1), -EFAULT);
		assert_int_equal(do_grant_table_op(table_ops[i], GVA_HYP, 1), -EFAULT);
	}
	assert_int_equal(nr_copy_in, 6);
	assert_int_equal(do_grant_table_op(GNTTABOP_get_version, GVA(&gv), 0), 0);
	assert_int_equal(gv.version, 1);
	gv.version = 0;
	assert_int_equal(do_grant_table_op(GNTTABOP_get_version, GVA(&gv), 7), 0);
	assert_int_equal(gv.version, 1);
	assert_int_equal(do_grant_table_op(GNTTABOP_query_size, GVA(&q), 0x100000001ULL), 0);
	assert_int_equal(q.nr_frames, 2);
	/* The answer cannot be written back. */
	memcpy(read_only_arg, &q, sizeof(q));
	assert_int_equal(do_grant_table_op(GNTTABOP_query_size, GVA(read_only_arg), 1), -EFAULT);
	/* setup_table writes back only the status: a frame list aimed at the
	 * argument's own frame_list field keeps the frame written there. */
	struct gnttab_setup_table st = setup_op(DOMID_SELF, 1, NULL);

	st.frame_list.p = (uint64_t *)&st.frame_list;
	assert_int_equal(do_grant_table_op(GNTTABOP_setup_table, GVA(&st), 1), 0);
	assert_int_equal(st.status, GNTST_okay);
	assert_int_equal((uint64_t)st.frame_list.p, 0x100);
	assert_int_equal(last_copy_out_gva, GVA(&st.status));
	assert_int_equal(last_copy_out_len, sizeof(st.status));
	/* get_version writes back only the version. */
	v.dom = DOMID_SELF;
	assert_int_equal(do_grant_table_op(GNTTABOP_get_version, GVA(&v), 1), 0);
	assert_int_equal(v.version, 1);
	assert_int_equal(last_copy_out_gva, GVA(&v.version));
	assert_int_equal(last_copy_out_len, sizeof(v.version));
	v.dom = 2;
	/* get_version's refusal is the call's: nothing copied back. */
	nr_copy_out = 0;
	assert_int_equal(do_grant_table_op(GNTTABOP_get_version, GVA(&v), 1), -EPERM);
	assert_int_equal(nr_copy_out, 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(missing); i++)
		assert_int_equal(do_grant_table_op(missing[i], GVA(&q), 1), -ENOSYS);
	assert_int_equal(do_grant_table_op(GNTTABOP_map_grant_ref, 0, 0), 100);
	assert_int_equal(do_grant_table_op(GNTTABOP_unmap_grant_ref, 0, 0), 101);
	assert_int_equal(do_grant_table_op(GNTTABOP_copy, 0, 0), 105);
	assert_int_equal(do_grant_table_op(GNTTABOP_unmap_and_replace, 0, 0), 107);
	assert_int_equal(do_grant_table_op(GNTTABOP_cache_flush, 0, 0), 112);
	assert_int_equal(nr_batch_ops, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_setup_table, setup),
		cmocka_unit_test_setup(test_setup_table_refusals, setup),
		cmocka_unit_test_setup(test_setup_table_bad_list, setup),
		cmocka_unit_test_setup(test_query_size, setup),
		cmocka_unit_test_setup(test_get_version, setup),
		cmocka_unit_test_setup(test_dispatch, setup),
	};

	return RUN(tests);
}
