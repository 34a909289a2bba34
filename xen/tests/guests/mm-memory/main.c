/* SPDX-License-Identifier: MIT */
/*
 * mm-memory: memory_op and frame accounting.
 *
 * Checks the sizes and maps a PV guest reads (current/maximum
 * reservation, maximum_ram_page, memory_map, machphys_mapping,
 * machphys_mfn_list), then balloons: gives unmapped frames back
 * (decrease_reservation), takes new ones (increase_reservation: mappable,
 * scrubbed; populate_physmap with an extent order: M2P set), and stops
 * at the domain's maximum. Hostile: foreign, unowned and non-RAM frames
 * given back, extent orders past the domU limit, huge counts, another
 * domain, bad reservation and extent-list pointers (Xen answers these
 * with the number of extents done, 0, not an errno), and a frame given
 * back while still mapped (Xen takes it away from the domain but frees it
 * only when the last mapping goes). Frame accounting: 1,000 page-table
 * trees built, pinned, used and torn down, with frames given back and
 * taken again each round; current_reservation must end where it began.
 *
 * A broken hypervisor leaks or double-frees frames (the reservation
 * drifts), hands out frames with another domain's data, frees a frame
 * that is still mapped, or lets a domain grow past its maximum.
 */
#include "mm.h"

#define ROUNDS 1000
#define NR_BALLOON 16
#define TREE_VA (1UL << 39)

enum { P_TREE = 0, P_DATA = 4, P_SCRATCH = 5, P_VICTIM = 6 };

static unsigned long spare[64];       /* unmapped frames we own */
static unsigned long extra[2048];     /* up to the maximum and back */
static unsigned int nr_spare;
static unsigned long balloon_pfn;     /* the lowest pfn we gave back */
static unsigned long foreign_mfn, unowned_mfn;

static long reservation(unsigned int op, unsigned long *list, unsigned long n,
			unsigned int order)
{
	struct xen_memory_reservation r = {
		.nr_extents = n, .extent_order = order, .domid = DOMID_SELF,
	};

	set_xen_guest_handle(r.extent_start, list);
	return HYPERVISOR_memory_op(op, gva(&r));
}

/* Give the last n spare frames back; returns what Xen says. */
static long give_back(unsigned int n)
{
	long rc = reservation(XENMEM_decrease_reservation, &spare[nr_spare - n], n, 0);

	if (rc > 0)
		nr_spare -= (unsigned int)rc;
	return rc;
}

static long take(unsigned int n)
{
	long rc = reservation(XENMEM_increase_reservation, &spare[nr_spare], n, 0);

	if (rc > 0)
		nr_spare += (unsigned int)rc;
	return rc;
}

/* populate_physmap one extent of 2^order frames at balloon_pfn. */
static long take_populated(unsigned int order, unsigned long *mfn)
{
	unsigned long x = balloon_pfn;
	long rc = reservation(XENMEM_populate_physmap, &x, 1, order);

	*mfn = x;
	if (rc == 1)
		for (unsigned long i = 0; i < (1UL << order); i++)
			spare[nr_spare++] = x + i;
	return rc;
}

/* The top NR_BALLOON pfns must be outside the bootstrap mapping. */
static bool find_balloon(void)
{
	const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;
	unsigned long top = start_info->nr_pages;

	for (unsigned long pfn = top - NR_BALLOON; pfn < top; pfn++) {
		if (va_mapped(GUEST_VIRT_BASE + pfn * PAGE_SIZE))
			return false;
		spare[nr_spare++] = p2m[pfn];
	}
	balloon_pfn = top - NR_BALLOON;
	return true;
}

static void test_sizes(long cur)
{
	domid_t self = DOMID_SELF, absent = 1000;
	long max = HYPERVISOR_memory_op(XENMEM_maximum_reservation, gva(&self));
	long ram = maximum_ram_page();
	const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;
	unsigned long top = 0;
	struct xen_machphys_mapping mm = { 0, 0, 0 };
	struct xen_e820_entry e820[4];
	struct xen_memory_map map = { .nr_entries = 4 };
	unsigned long m2p_mfns[4] = { 0 };
	struct xen_machphys_mfn_list ml = { .max_extents = 4 };

	expect_eq("memory/current-reservation", cur, start_info->nr_pages);
	expect_true("memory/maximum-reservation", max >= cur, "maximum %ld below current %ld",
		    max, cur);
	for (unsigned long pfn = 0; pfn < start_info->nr_pages; pfn++)
		top = p2m[pfn] > top ? p2m[pfn] : top;
	expect_true("memory/maximum_ram_page", ram > 0 && (unsigned long)ram >= top,
		    "maximum_ram_page %ld, our highest frame 0x%lx", ram, top);
	expect_rc("memory/maximum_ram_page-extent-bits",
		  HYPERVISOR_memory_op(XENMEM_maximum_ram_page | 1 << 6, 0), -XEN_EINVAL);

	expect_ok("memory/machphys_mapping", HYPERVISOR_memory_op(XENMEM_machphys_mapping, gva(&mm)));
	expect_eq("memory/machphys_mapping-v_start", mm.v_start, 0xffff800000000000UL);
	/* A domU sees the whole M2P area: MACH2PHYS_VIRT_END, 2^35 entries. */
	expect_eq("memory/machphys_mapping-v_end", mm.v_end, 0xffff804000000000UL);
	expect_eq("memory/machphys_mapping-max_mfn", mm.max_mfn, 0x7ffffffffUL);

	set_xen_guest_handle(map.buffer, e820);
	if (expect_ok("memory/memory_map", HYPERVISOR_memory_op(XENMEM_memory_map, gva(&map))))
		expect_true("memory/memory_map-ram",
			    map.nr_entries >= 1 && map.nr_entries <= 4 && e820[0].type == 1 &&
			    e820[0].addr == 0 && e820[0].size >= start_info->nr_pages * PAGE_SIZE,
			    "%u entries, first type %u at 0x%lx size 0x%lx", map.nr_entries,
			    e820[0].type, (unsigned long)e820[0].addr, (unsigned long)e820[0].size);
	set_xen_guest_handle(ml.extent_start, m2p_mfns);
	if (expect_ok("memory/machphys_mfn_list",
		      HYPERVISOR_memory_op(XENMEM_machphys_mfn_list, gva(&ml))))
		expect_true("memory/machphys_mfn_list-extents", ml.nr_extents >= 1 &&
			    ml.nr_extents <= 4 && m2p_mfns[0] != 0,
			    "%u extents, first 0x%lx", ml.nr_extents, m2p_mfns[0]);
	expect_rc("memory/unknown-op", HYPERVISOR_memory_op(63, 0), -XEN_ENOSYS);
	/* A domain that does not exist: -ESRCH for anyone (Xen looks the
	 * domain up before it checks the caller's rights). */
	expect_rc("memory/current_reservation-absent-domain",
		  HYPERVISOR_memory_op(XENMEM_current_reservation, gva(&absent)), -XEN_ESRCH);
}

static void test_bad_pointers(void)
{
	static const unsigned long bad[] = {
		0, HV_RANGE_START, HV_RANGE_LAST, NON_CANONICAL, UNMAPPED_VA,
	};
	static const char *const names[] = {
		"null", "hv-start", "hv-end", "noncanonical", "unmapped",
	};
	struct xen_memory_map map = { .nr_entries = 1 };
	struct xen_machphys_mfn_list ml = { .max_extents = 1 };
	char n[80];

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		expect_rc(case_name(n, sizeof(n), "efault/current_reservation", names[i]),
			  HYPERVISOR_memory_op(XENMEM_current_reservation, bad[i]), -XEN_EFAULT);
		expect_rc(case_name(n, sizeof(n), "efault/machphys_mapping", names[i]),
			  HYPERVISOR_memory_op(XENMEM_machphys_mapping, bad[i]), -XEN_EFAULT);
		expect_rc(case_name(n, sizeof(n), "efault/memory_map", names[i]),
			  HYPERVISOR_memory_op(XENMEM_memory_map, bad[i]), -XEN_EFAULT);
		set_xen_guest_handle(map.buffer, (void *)bad[i]);
		expect_rc(case_name(n, sizeof(n), "efault/memory_map-buffer", names[i]),
			  HYPERVISOR_memory_op(XENMEM_memory_map, gva(&map)), -XEN_EFAULT);
		set_xen_guest_handle(ml.extent_start, (void *)bad[i]);
		expect_rc(case_name(n, sizeof(n), "efault/machphys_mfn_list-list", names[i]),
			  HYPERVISOR_memory_op(XENMEM_machphys_mfn_list, gva(&ml)), -XEN_EFAULT);
		/* Reservation ops answer with the extents done: 0. */
		expect_rc(case_name(n, sizeof(n), "efault/decrease_reservation-arg", names[i]),
			  HYPERVISOR_memory_op(XENMEM_decrease_reservation, bad[i]), 0);
		if (bad[i] && bad[i] != UNMAPPED_VA)
			expect_rc(case_name(n, sizeof(n), "efault/increase_reservation-list",
					    names[i]),
				  reservation(XENMEM_increase_reservation, (unsigned long *)bad[i],
					      1, 0), 0);
	}
}

/* A new frame: mappable at a pool address, and scrubbed (one byte value). */
static void check_new_frame(const char *name, unsigned long mfn)
{
	volatile uint8_t *va = pool_page(P_SCRATCH);
	char n[80];
	bool same = true;

	if (!expect_ok(case_name(n, sizeof(n), name, "mappable"),
		       HYPERVISOR_update_va_mapping(gva(va), pte(mfn, PTE_RW_FLAGS), UVMF_INVLPG)))
		return;
	for (unsigned int i = 1; i < PAGE_SIZE; i++)
		same = same && va[i] == va[0];
	expect_true(case_name(n, sizeof(n), name, "scrubbed"), same,
		    "frame 0x%lx holds data (byte 0 0x%x)", mfn, va[0]);
	va[0] = 0x5a;
	expect_ok(case_name(n, sizeof(n), name, "unmapped"),
		  HYPERVISOR_update_va_mapping(gva(va), pte(pool_mfn(P_SCRATCH), PTE_RW_FLAGS),
					       UVMF_INVLPG));
}

/* Counts past UINT_MAX >> 6 cannot be continued: Xen refuses them with 0
 * extents done. Whatever a broken hypervisor did is undone, so the books
 * stay straight for the cases that follow. */
static void test_huge_counts(long start)
{
	long rc, missing;

	give_back(4);   /* room, so that a broken loop could allocate */

	rc = reservation(XENMEM_increase_reservation, &spare[nr_spare], 0x4000000, 0);
	expect_rc("increase_reservation/huge-count", rc, 0);
	if (rc > 0 && rc < 8)
		nr_spare += (unsigned int)rc;
	spare[nr_spare] = foreign_mfn;    /* a broken loop stops after one */
	rc = reservation(XENMEM_decrease_reservation, &spare[nr_spare - 1], 0x4000000, 0);
	expect_rc("decrease_reservation/huge-count", rc, 0);
	if (rc == 1)
		nr_spare--;
	missing = start - current_reservation();
	if (missing > 0 && missing <= 8)
		take((unsigned int)missing);
	expect_eq("huge-count/reservation-restored", current_reservation(), start);
}

static void test_balloon(long start)
{
	unsigned long mfn;
	long max, rc;
	domid_t self = DOMID_SELF;
	bool m2p_ok = true;

	expect_rc("decrease_reservation/16", give_back(16), 16);
	expect_eq("decrease_reservation/16-current", current_reservation(), start - 16);
	expect_rc("increase_reservation/8", take(8), 8);
	expect_eq("increase_reservation/8-current", current_reservation(), start - 8);
	check_new_frame("increase_reservation/frame", spare[nr_spare - 1]);
	if (expect_rc("populate_physmap/order-2", take_populated(2, &mfn), 1)) {
		for (unsigned int i = 0; i < 4; i++)
			m2p_ok = m2p_ok && m2p(mfn + i) == balloon_pfn + i;
		expect_true("populate_physmap/m2p", m2p_ok, "M2P of 0x%lx.. is not pfn 0x%lx..",
			    mfn, balloon_pfn);
		check_new_frame("populate_physmap/frame", mfn + 3);
	}
	expect_eq("populate_physmap/current", current_reservation(), start - 4);
	expect_rc("increase_reservation/order-10", reservation(XENMEM_increase_reservation,
							       &spare[nr_spare], 1, 10), 0);
	expect_rc("populate_physmap/order-10", reservation(XENMEM_populate_physmap,
							   &spare[nr_spare], 1, 10), 0);
	/* Up to the maximum and no further. */
	max = HYPERVISOR_memory_op(XENMEM_maximum_reservation, gva(&self));
	rc = take(4);
	expect_rc("increase_reservation/back-to-start", rc, 4);
	expect_eq("increase_reservation/round-trip", current_reservation(), start);
	if (max >= start && max - start < (long)ARRAY_SIZE(extra)) {
		unsigned int room = (unsigned int)(max - start);

		rc = reservation(XENMEM_increase_reservation, extra, room + 1, 0);
		expect_rc("increase_reservation/stops-at-maximum", rc, room);
		expect_eq("increase_reservation/at-maximum", current_reservation(), max);
		expect_rc("increase_reservation/over-maximum",
			  reservation(XENMEM_increase_reservation, &extra[room], 1, 0), 0);
		if (rc > 0)
			expect_rc("decrease_reservation/room",
				  reservation(XENMEM_decrease_reservation, extra,
					      (unsigned long)rc, 0), rc);
	} else {
		fail("increase_reservation/stops-at-maximum",
		     "setup: maximum %ld, current %ld: more room than %zu frames", max, start,
		     ARRAY_SIZE(extra));
	}
}

static void test_hostile_frames(long start)
{
	struct xen_memory_reservation r = {
		.nr_extents = 1, .domid = DOMID_IO,
	};
	unsigned long list[1];

	list[0] = foreign_mfn;
	expect_rc("hostile/decrease-foreign", reservation(XENMEM_decrease_reservation, list, 1, 0), 0);
	list[0] = unowned_mfn;
	expect_rc("hostile/decrease-unowned", reservation(XENMEM_decrease_reservation, list, 1, 0), 0);
	list[0] = 0x100000000UL;
	expect_rc("hostile/decrease-beyond-ram", reservation(XENMEM_decrease_reservation, list, 1, 0),
		  0);
	set_xen_guest_handle(r.extent_start, list);
	expect_rc("hostile/increase-other-domain",
		  HYPERVISOR_memory_op(XENMEM_increase_reservation, gva(&r)), 0);
	expect_eq("hostile/reservation-unchanged", current_reservation(), start);
}

/* One round: a tree built, pinned, used, torn down; frames out and in. */
static bool one_round(unsigned int i)
{
	struct mm_tree t;
	unsigned long mfn;
	bool ok;

	tree_build(&t, P_TREE, TREE_VA, pool_mfn(P_DATA), PTE_RW_FLAGS);
	ok = tree_protect(&t, true) == 0 && pin_table(4, t.mfn[0]) == 0;
	ok = ok && mmu_update1(tree_l1e_maddr(&t), 0) == 0;
	ok = ok && mmu_update1(tree_l1e_maddr(&t), pte(pool_mfn(P_DATA), PTE_RO_FLAGS)) == 0;
	ok = unpin_table(t.mfn[0]) == 0 && ok;
	ok = tree_protect(&t, false) == 0 && ok;
	ok = give_back(4) == 4 && ok;
	ok = ((i & 1) ? take(4) == 4 : take_populated(2, &mfn) == 1) && ok;
	return ok;
}

static void test_accounting(long start)
{
	unsigned int bad = 0, first_bad = ROUNDS;

	for (unsigned int i = 0; i < ROUNDS; i++)
		if (!one_round(i) && bad++ == 0)
			first_bad = i;
	expect_true("accounting/1000-trees", bad == 0, "%u rounds failed, the first round %u",
		    bad, first_bad);
	expect_eq("accounting/reservation-round-trip", current_reservation(), start);
	expect_eq("accounting/spare-frames", nr_spare, NR_BALLOON);
}

/* Xen gives a still-mapped frame back (extent done) and frees it when the
 * mapping goes; until then it stays mapped and intact. */
static void test_free_mapped(long start)
{
	volatile uint64_t *va = pool_page(P_VICTIM);
	unsigned long mfn = pool_mfn(P_VICTIM);
	long rc;

	va[0] = 0x1234;
	rc = reservation(XENMEM_decrease_reservation, &mfn, 1, 0);
	expect_rc("hostile/decrease-mapped", rc, 1);
	expect_eq("hostile/decrease-mapped-intact", va[0], 0x1234);
	va[0] = 0x4321;
	expect_eq("hostile/decrease-mapped-writable", va[0], 0x4321);
	expect_ok("hostile/decrease-mapped-unmap", HYPERVISOR_update_va_mapping(gva(va), 0,
										 UVMF_INVLPG));
	expect_eq("hostile/decrease-mapped-freed-on-unmap", current_reservation(), start - 1);
	if (rc == 0)   /* keep the books straight for what follows */
		reservation(XENMEM_decrease_reservation, &mfn, 1, 0);
}

/* Xen allocates without reporting frames when the list is NULL. */
static void test_null_list(void)
{
	long before;

	give_back(1);
	before = current_reservation();
	expect_rc("increase_reservation/null-list",
		  reservation(XENMEM_increase_reservation, NULL, 1, 0), 1);
	expect_eq("increase_reservation/null-list-current", current_reservation(), before + 1);
}

void test_main(void)
{
	long start = current_reservation();

	if (!traps_setup("memory/setup"))
		return;
	foreign_mfn = find_foreign_mfn(&unowned_mfn);
	test_sizes(start);
	test_bad_pointers();
	if (!find_balloon()) {
		fail("memory/balloon", "setup: the top %u pfns are mapped, nothing to give back",
		     NR_BALLOON);
		return;
	}
	test_balloon(start);
	test_huge_counts(start);
	test_hostile_frames(start);
	test_accounting(start);
	test_free_mapped(start);
	test_null_list();
}
