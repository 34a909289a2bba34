/* SPDX-License-Identifier: GPL-2.0 */
/* memory_op's generic sub-ops (common/memory.c): the reservation walk on
 * our copy of the guest's struct (extents done as the answer, never an
 * error; order, count, domain and extent-list checks with nothing
 * allocated or given back on refusal; a fault or a failure mid-list
 * stops at that extent; preemption continues where it stopped), the
 * reservation sizes and add_to_physmap with Xen 4.17's codes in Xen's
 * order, and do_memory_op's single copy of each argument. */
#include "guest-fixture.h"
#include <public/memory.h>
#include <xeno/arch-mm.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/memory.h>

#define FIRST_MFN 0x1000
#define CONTINUED 0x5eed   /* what the fake continuation returns */

struct domain *domain_list[MAX_DOMAINS];
uint64_t max_page = 0x123456;

static struct domain dom0, other;
static uint64_t next_mfn;
static unsigned int alloc_budget, nr_allocs, nr_give_backs, nr_arch_ops;
static unsigned int preempt_after;   /* the check that answers yes; 0: none */
static uint64_t m2p[64], given_back[64];
static struct domain *alloc_dom;
static uint64_t cont_a1, cont_a2;
static unsigned int nr_conts;

int domain_alloc_frames(struct domain *d, unsigned int order, uint64_t *mfn)
{
	if (!alloc_budget)
		return -ENOMEM;
	alloc_budget--;
	nr_allocs++;
	alloc_dom = d;
	*mfn = next_mfn;
	next_mfn += 1ULL << order;
	d->tot_pages += 1ULL << order;
	return 0;
}

/* Frames from FIRST_MFN up are the caller's to give back. */
int domain_give_back_frame(struct domain *d, uint64_t mfn)
{
	if (mfn < FIRST_MFN || mfn >= FIRST_MFN + 0x10000)
		return -EINVAL;
	if (nr_give_backs < ARRAY_SIZE(given_back))
		given_back[nr_give_backs] = mfn;
	nr_give_backs++;
	return 0;
}

void arch_set_gpfn_from_mfn(uint64_t mfn, uint64_t pfn)
{
	if (mfn - FIRST_MFN < ARRAY_SIZE(m2p))
		m2p[mfn - FIRST_MFN] = pfn;
}

bool hypercall_preempt_check(void)
{
	return preempt_after && --preempt_after == 0;
}

long hypercall_create_continuation(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
				   uint64_t a4, uint64_t a5)
{
	nr_conts++;
	assert_int_equal(nr, __HYPERVISOR_memory_op);
	cont_a1 = a1;
	cont_a2 = a2;
	return CONTINUED;
}

long arch_memory_op(uint64_t cmd, uint64_t arg) { nr_arch_ops++; return -ENOSYS; }
long memory_claim_op(struct domain *self, unsigned int start, uint64_t arg) { return -7; }
long memory_acquire_resource(struct domain *self, unsigned int start, uint64_t arg)
{
	return -8;
}

static int setup(void **state)
{
	guest_fixture_reset();
	memset(domain_list, 0, sizeof(domain_list));
	memset(&dom0, 0, sizeof(dom0));
	memset(&other, 0, sizeof(other));
	dom0.domain_id = 0;
	dom0.is_privileged = true;
	dom0.state = DOMAIN_RUNNING;
	other.domain_id = 2;
	other.state = DOMAIN_RUNNING;
	dom.tot_pages = 100;
	dom.max_pages = 1000;
	domain_list[0] = &dom0;
	domain_list[1] = &dom;
	domain_list[2] = &other;
	next_mfn = FIRST_MFN;
	alloc_budget = 1000;
	nr_allocs = nr_give_backs = nr_arch_ops = nr_conts = 0;
	preempt_after = 0;
	memset(m2p, 0, sizeof(m2p));
	memset(given_back, 0, sizeof(given_back));
	alloc_dom = NULL;
	return 0;
}

static struct xen_memory_reservation resv(xen_pfn_t *list, uint64_t nr, unsigned int order,
					  domid_t domid)
{
	struct xen_memory_reservation r = { .nr_extents = nr, .extent_order = order,
					    .domid = domid };

	r.extent_start.p = list;
	return r;
}

static long walk(struct domain *self, unsigned int op, unsigned int start,
		 const struct xen_memory_reservation *r)
{
	bool preempted = false;
	long rc = memory_reservation(self, op, start, r, &preempted);

	assert_false(preempted);
	return rc;
}

static void test_increase(void **state)
{
	xen_pfn_t list[4] = { 0 };
	struct xen_memory_reservation r = resv(list, 4, 1, DOMID_SELF);

	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 0, &r), 4);
	for (unsigned int i = 0; i < 4; i++)
		assert_int_equal(list[i], FIRST_MFN + 2 * i);
	assert_int_equal(dom.tot_pages, 108);
	/* From extent 2 on (a continuation): only the rest. */
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 2, &r), 4);
	assert_int_equal(nr_allocs, 6);
	assert_int_equal(list[2], FIRST_MFN + 8);
	/* A NULL list: the frames are given, just not reported. */
	r = resv(NULL, 3, 0, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 0, &r), 3);
	assert_int_equal(nr_allocs, 9);
	/* The pool runs dry at the third extent. */
	alloc_budget = 2;
	r = resv(list, 4, 0, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 0, &r), 2);
}

static void test_populate(void **state)
{
	xen_pfn_t list[3] = { 0x10, 0x20, 0x30 };
	struct xen_memory_reservation r = resv(list, 3, 1, DOMID_SELF);

	assert_int_equal(walk(&dom, XENMEM_populate_physmap, 0, &r), 3);
	/* Each pseudo-physical frame is recorded, then the list answers. */
	assert_int_equal(m2p[0], 0x10);
	assert_int_equal(m2p[1], 0x11);
	assert_int_equal(m2p[5], 0x31);
	assert_int_equal(list[2], FIRST_MFN + 4);
	/* The list is where the guest's frames come from: NULL does nothing. */
	r = resv(NULL, 3, 0, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_populate_physmap, 0, &r), 0);
	assert_int_equal(nr_allocs, 3);
	/* The list runs into an unmapped page at its second element. */
	r = resv(list, 3, 0, DOMID_SELF);
	hole_start = GVA(&list[1]);
	hole_end = hole_start + 8;
	assert_int_equal(walk(&dom, XENMEM_populate_physmap, 0, &r), 1);
	assert_int_equal(nr_allocs, 4);
}

static void test_decrease(void **state)
{
	xen_pfn_t list[3] = { FIRST_MFN + 8, FIRST_MFN, FIRST_MFN + 4 };
	struct xen_memory_reservation r = resv(list, 3, 2, DOMID_SELF);

	assert_int_equal(walk(&dom, XENMEM_decrease_reservation, 0, &r), 3);
	assert_int_equal(nr_give_backs, 12);
	assert_int_equal(given_back[0], FIRST_MFN + 8);
	assert_int_equal(given_back[3], FIRST_MFN + 11);
	assert_int_equal(given_back[4], FIRST_MFN);
	/* A frame that is not the domain's stops the walk there. */
	nr_give_backs = 0;
	list[1] = 5;
	r = resv(list, 3, 0, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_decrease_reservation, 0, &r), 1);
	assert_int_equal(nr_give_backs, 1);
	/* So does one running past the domain's range, inside an extent. */
	list[0] = FIRST_MFN + 0x10000 - 1;
	r = resv(list, 1, 1, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_decrease_reservation, 0, &r), 0);
	/* Nothing to give back without a list. */
	r = resv(NULL, 3, 0, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_decrease_reservation, 0, &r), 0);
}

/* Every refusal is "no extents done" (the start), with nothing taken. */
static void test_reservation_refusals(void **state)
{
	xen_pfn_t list[4] = { 0 };
	const uint64_t max_nr = UINT32_MAX >> MEMOP_EXTENT_SHIFT;
	struct xen_memory_reservation r;

	r = resv(list, 4, 10, DOMID_SELF);         /* past a domU's order 9 */
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 0, &r), 0);
	r = resv(list, 4, 64, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 0, &r), 0);
	r = resv(list, 4, ~0u, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 3, &r), 3);
	r = resv(NULL, max_nr + 1, 0, DOMID_SELF);   /* cannot be continued */
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 0, &r), 0);
	r = resv(NULL, ~0ULL, 0, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 0, &r), 0);
	r = resv(list, 4, 0, DOMID_SELF);            /* starting past the end */
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 5, &r), 5);
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 4, &r), 4);
	/* Another domain, for a domU; a domain nobody has. */
	r = resv(list, 4, 0, 2);
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 0, &r), 0);
	r = resv(list, 4, 0, 77);
	assert_int_equal(walk(&dom0, XENMEM_increase_reservation, 0, &r), 0);
	/* An extent list the guest cannot name, or that runs off its half. */
	r = resv((xen_pfn_t *)GVA_HYP, 4, 0, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 0, &r), 0);
	r = resv((xen_pfn_t *)(GVA_NONCANON - 16), 4, 0, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_decrease_reservation, 0, &r), 0);
	r = resv((xen_pfn_t *)(GVA_ALL_ONES - 15), 4, 0, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_populate_physmap, 0, &r), 0);
	assert_int_equal(nr_allocs + nr_give_backs, 0);
	assert_int_equal(nr_copy_in + nr_copy_out, 0);
	/* The limits themselves pass: order 9 for a domU, 12 for dom0, who
	 * may also serve another domain. */
	r = resv(list, 1, 9, DOMID_SELF);
	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 0, &r), 1);
	r = resv(list, 1, 12, 1);
	assert_int_equal(walk(&dom0, XENMEM_increase_reservation, 0, &r), 1);
	assert_ptr_equal(alloc_dom, &dom);
	r = resv(list, 1, 13, 1);
	assert_int_equal(walk(&dom0, XENMEM_increase_reservation, 0, &r), 0);
}

/* A faulting copy-out keeps the frames (Xen does too) and stops there. */
static void test_copy_out_fault(void **state)
{
	struct xen_memory_reservation r = resv((xen_pfn_t *)read_only_arg, 4, 0, DOMID_SELF);

	assert_int_equal(walk(&dom, XENMEM_increase_reservation, 0, &r), 0);
	assert_int_equal(nr_allocs, 1);
	assert_int_equal(dom.tot_pages, 101);
}

static void test_preemption(void **state)
{
	xen_pfn_t list[8] = { 0 };
	struct xen_memory_reservation r = resv(list, 8, 0, DOMID_SELF);
	bool preempted = false;
	uint64_t cmd;

	/* Never before the first extent: each call makes progress. */
	preempt_after = 1;
	assert_int_equal(memory_reservation(&dom, XENMEM_increase_reservation, 0, &r,
					    &preempted), 1);
	assert_true(preempted);
	assert_int_equal(nr_allocs, 1);
	preempted = false;
	preempt_after = 3;
	assert_int_equal(memory_reservation(&dom, XENMEM_increase_reservation, 0, &r,
					    &preempted), 3);
	assert_true(preempted);
	/* Through the hypercall: continued at extent 3 of the same op. */
	preempt_after = 3;
	cmd = XENMEM_increase_reservation;
	assert_int_equal(do_memory_op(cmd, GVA(&r)), CONTINUED);
	assert_int_equal(nr_conts, 1);
	assert_int_equal(cont_a1, XENMEM_increase_reservation | (3ULL << MEMOP_EXTENT_SHIFT));
	assert_int_equal(cont_a2, GVA(&r));
	assert_int_equal(do_memory_op(cont_a1, GVA(&r)), 8);
}

static void test_reservation_size(void **state)
{
	domid_t id = DOMID_SELF;

	assert_int_equal(memory_reservation_size(&dom, XENMEM_current_reservation, id), 100);
	assert_int_equal(memory_reservation_size(&dom, XENMEM_maximum_reservation, 1), 1000);
	assert_int_equal(memory_reservation_size(&dom, XENMEM_current_reservation, 2), -EPERM);
	assert_int_equal(memory_reservation_size(&dom, XENMEM_current_reservation, 77), -ESRCH);
	assert_int_equal(memory_reservation_size(&dom, XENMEM_current_reservation, DOMID_IO),
			 -ESRCH);
	assert_int_equal(memory_reservation_size(&dom0, XENMEM_maximum_reservation, 1), 1000);
	assert_int_equal(do_memory_op(XENMEM_maximum_reservation, GVA(&id)), 1000);
	assert_int_equal(do_memory_op(XENMEM_current_reservation, GVA_NULL), -EFAULT);
	assert_int_equal(do_memory_op(XENMEM_current_reservation, GVA_HYP), -EFAULT);
	assert_int_equal(do_memory_op(XENMEM_current_reservation, GVA_NONCANON - 1), -EFAULT);
}

static void test_add_to_physmap(void **state)
{
	struct xen_add_to_physmap x = { .domid = DOMID_SELF, .space = 0 };

	assert_int_equal(memory_add_to_physmap(&dom, &x), -EACCES);
	/* Any existing domain, no privilege needed to be told no. */
	x.domid = 2;
	assert_int_equal(memory_add_to_physmap(&dom, &x), -EACCES);
	x.domid = 77;
	assert_int_equal(memory_add_to_physmap(&dom, &x), -ESRCH);
	/* The foreign space is refused before the domain is looked up. */
	x.space = XENMAPSPACE_gmfn_foreign;
	assert_int_equal(memory_add_to_physmap(&dom, &x), -ENOSYS);
	/* Continuation bits past 16 are malicious: before the copy. */
	nr_copy_in = 0;
	assert_int_equal(do_memory_op(XENMEM_add_to_physmap | (0x10000ULL << MEMOP_EXTENT_SHIFT),
				      GVA_NULL), -EDOM);
	assert_int_equal(nr_copy_in, 0);
	assert_int_equal(do_memory_op(XENMEM_add_to_physmap | (0xffffULL << MEMOP_EXTENT_SHIFT),
				      GVA_NULL), -EFAULT);
	assert_int_equal(do_memory_op(XENMEM_add_to_physmap, GVA(&x)), -ENOSYS);
}

/* do_memory_op: a bad reservation pointer is "0 extents" (the start). */
static void test_dispatch(void **state)
{
	nr_copy_in = 0;
	assert_int_equal(do_memory_op(XENMEM_increase_reservation, GVA_NULL), 0);
	assert_int_equal(do_memory_op(XENMEM_populate_physmap | (5ULL << MEMOP_EXTENT_SHIFT),
				      GVA_HYP), 5);
	assert_int_equal(nr_copy_in, 2);
	assert_int_equal(nr_allocs, 0);
	assert_int_equal(do_memory_op(XENMEM_maximum_ram_page, 0), 0x123456);
	assert_int_equal(do_memory_op(XENMEM_maximum_ram_page | (1ULL << MEMOP_EXTENT_SHIFT), 0),
			 -EINVAL);
	assert_int_equal(do_memory_op(XENMEM_claim_pages, 0), -7);
	assert_int_equal(do_memory_op(XENMEM_acquire_resource, 0), -8);
	assert_int_equal(do_memory_op(XENMEM_memory_map, 0), -ENOSYS);
	assert_int_equal(nr_arch_ops, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_increase, setup),
		cmocka_unit_test_setup(test_populate, setup),
		cmocka_unit_test_setup(test_decrease, setup),
		cmocka_unit_test_setup(test_reservation_refusals, setup),
		cmocka_unit_test_setup(test_copy_out_fault, setup),
		cmocka_unit_test_setup(test_preemption, setup),
		cmocka_unit_test_setup(test_reservation_size, setup),
		cmocka_unit_test_setup(test_add_to_physmap, setup),
		cmocka_unit_test_setup(test_dispatch, setup),
	};

	return RUN(tests);
}
