/* SPDX-License-Identifier: MIT */
/*
 * mm-hostile: attacks on the hypervisor's own use of guest frames, from
 * the security review (docs/security-review-status.md names each case's
 * finding).
 *
 * console (#1): the console ring is a frame the hypervisor writes on every
 * tick. The guest unmaps it, fills it as a page table whose entry 385
 * overlaps out_cons/out_prod, and pins it as an L1; Xen refuses (the ring
 * holds a writable type reference). A broken hypervisor accepts and then
 * rewrites the validated entry through out_cons := out_prod. Then the
 * guest gives the ring frame back and takes frames again: a broken
 * hypervisor freed it and keeps draining it after it was handed out anew.
 *
 * baseptr (#5): the guest runs on a tree of its own, unpins it, unmaps
 * and gives back the tree's L4 (kept only by CR3 now), then switches to
 * its boot tables. The old L4 must be freed only after CR3 has left it; a
 * broken hypervisor frees the live page table (the hypervisor checks this
 * on every free and panics).
 *
 * va-mapping-l1-only (#19): with a read-only self-map of the boot L4 in
 * slot 4, the address 4/4/4/j names L4 entry j as if it were an L1
 * entry; update_va_mapping must refuse it (Xen: -EINVAL, only L1 tables),
 * or the guest edits its L4 through a call that validates an L1 entry.
 *
 * l1tf (#7): not-present entries naming any address. On a CPU without
 * L1TF (QEMU's qemu64 is an AMD model) Xen accepts them all; with
 * mode=l1tf the runner boots with pv-l1tf=domu, and an entry naming an
 * address below the safe line must crash us (Xen 4.17 without shadow
 * paging), while address 0 and high (inverted) addresses are accepted.
 */
#include "mm.h"
#include "shared.h"

enum { P_DATA = 0, P_BASE = 1, P_L1 = 5 };   /* P_BASE..+3: a tree */

#define RING_SLOT 385   /* the L1 entry whose dwords are out_cons, out_prod */

static void wait_ms(uint64_t ms)
{
	uint64_t end = system_time_ns() + ms * 1000000;

	while (system_time_ns() < end)
		asm volatile("pause");
}

static unsigned long ring_mfn, ring_va;

static long map_ring(uint64_t flags)
{
	return HYPERVISOR_update_va_mapping(ring_va, flags ? pte(ring_mfn, flags) : 0,
					    UVMF_INVLPG | UVMF_LOCAL);
}

/* The ring typed as an L1 page table: refused while the hypervisor uses it. */
static void test_console_retype(void)
{
	volatile uint64_t *tab = (volatile uint64_t *)ring_va;
	uint64_t entry = pte(pool_mfn(P_DATA), PTE_P | PTE_RW | PTE_A) | 0x7ffUL << 52;
	long rc;

	memset((void *)ring_va, 0, PAGE_SIZE);
	tab[RING_SLOT] = entry;
	if (!expect_ok("console/setup-unmap", map_ring(0)))
		return;
	rc = pin_table(1, ring_mfn);
	expect_rc("console/pin-l1-refused", rc, -XEN_EINVAL);
	/* Read it back read-only after a few ticks of the ring poller. */
	if (!expect_ok("console/setup-map-ro", map_ring(PTE_RO_FLAGS)))
		return;
	wait_ms(50);
	/* Only a pinned table must keep its entries; a refused one is still
	 * the ring, which the hypervisor may drain. */
	if (rc == 0) {
		expect_eq("console/table-entry-unchanged", tab[RING_SLOT], entry);
		expect_ok("console/setup-unpin", unpin_table(ring_mfn));
	}
	expect_ok("console/setup-map-rw", map_ring(PTE_RW_FLAGS));
	memset((void *)ring_va, 0, PAGE_SIZE);
}

static long take_one(unsigned long *mfn)
{
	struct xen_memory_reservation r = { .nr_extents = 1, .domid = DOMID_SELF };

	set_xen_guest_handle(r.extent_start, mfn);
	return HYPERVISOR_memory_op(XENMEM_increase_reservation, gva(&r));
}

static long give_one(unsigned long mfn)
{
	struct xen_memory_reservation r = { .nr_extents = 1, .domid = DOMID_SELF };

	set_xen_guest_handle(r.extent_start, &mfn);
	return HYPERVISOR_memory_op(XENMEM_decrease_reservation, gva(&r));
}

/* The ring given back: it must not be freed while the hypervisor drains
 * it, so it can never come back as a fresh frame still being drained. */
static void test_console_given_back(void)
{
	const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;
	unsigned long got[16], top = start_info->nr_pages;
	unsigned int n = 0;
	bool reused = false;

	/* Room to take several frames: give back unmapped ones from the top. */
	for (unsigned long pfn = top - ARRAY_SIZE(got) + 1; pfn < top; pfn++)
		if (va_mapped(GUEST_VIRT_BASE + pfn * PAGE_SIZE) || give_one(p2m[pfn]) != 1) {
			fail("console-uaf/setup", "pfn 0x%lx cannot be given back", pfn);
			return;
		}
	if (!expect_ok("console-uaf/setup-unmap", map_ring(0)))
		return;
	expect_rc("console-uaf/give-back", give_one(ring_mfn), 1);
	while (n < ARRAY_SIZE(got) && take_one(&got[n]) == 1)
		if (got[n++] == ring_mfn)
			reused = true;
	if (reused && map_ring(PTE_RW_FLAGS) == 0) {
		volatile struct xencons_interface *r = (void *)ring_va;

		memcpy((void *)r->out, "UAF\n", 4);
		r->out_cons = 0;
		r->out_prod = 4;
		wait_ms(50);
		expect_eq("console-uaf/not-drained-after-reuse", r->out_cons, 0);
		map_ring(0);
	}
	expect_true("console-uaf/not-reallocated", !reused,
		    "the ring frame 0x%lx came back from increase_reservation", ring_mfn);
	for (unsigned int i = 0; i < n; i++)
		give_one(got[i]);
}

static void test_baseptr_release(void)
{
	struct mm_tree t;
	unsigned long va = 1UL << 39, l4 = pool_mfn(P_BASE);
	long before = current_reservation();

	tree_build(&t, P_BASE, va, pool_mfn(P_DATA), PTE_RO_FLAGS);
	if (!expect_ok("baseptr/setup-protect", tree_protect(&t, true)) ||
	    !expect_ok("baseptr/setup-pin", pin_table(4, l4)) ||
	    !expect_ok("baseptr/setup-switch", new_baseptr(l4)))
		return;
	expect_ok("baseptr/setup-unpin", unpin_table(l4));
	expect_ok("baseptr/setup-unmap", HYPERVISOR_update_va_mapping(gva(pool_page(P_BASE)), 0,
								    UVMF_INVLPG | UVMF_LOCAL));
	/* Still CR3: given back, but freed only by the last reference. */
	expect_rc("baseptr/give-back-live-l4", give_one(l4), 1);
	expect_ok("baseptr/switch-away", new_baseptr(boot_l4_mfn()));
	expect_eq("baseptr/freed-after-switch", current_reservation(), before - 1);
	expect_ok("baseptr/setup-unprotect", set_pool_rw(P_BASE + 1, 3, true));
	expect_rc("baseptr/setup-take-back", take_frame(), 1);
}

#define SELF_SLOT 4UL
#define FREE_SLOT 5UL

static void test_va_mapping_l1_only(void)
{
	uint64_t l4e = (uint64_t)boot_l4_mfn() << 12 | 8 * SELF_SLOT;
	unsigned long va = SELF_SLOT << 39 | SELF_SLOT << 30 | SELF_SLOT << 21 | FREE_SLOT << 12;

	if (boot_l4()[SELF_SLOT] || boot_l4()[FREE_SLOT]) {
		fail("va-mapping-l1-only/setup", "L4 slots %lu/%lu in use", SELF_SLOT, FREE_SLOT);
		return;
	}
	if (!expect_ok("va-mapping-l1-only/setup-self-map",
		       mmu_update1(l4e, pte(boot_l4_mfn(), PTE_RO_FLAGS))))
		return;
	/* A not-present value: nothing to validate, only the level matters. */
	expect_rc("va-mapping-l1-only/l4-entry-refused",
		  HYPERVISOR_update_va_mapping(va, 0x1000, UVMF_INVLPG | UVMF_LOCAL), -XEN_EINVAL);
	expect_eq("va-mapping-l1-only/l4-unchanged", boot_l4()[FREE_SLOT], 0);
	if (boot_l4()[FREE_SLOT])
		mmu_update1((uint64_t)boot_l4_mfn() << 12 | 8 * FREE_SLOT, 0);
	expect_ok("va-mapping-l1-only/setup-unmap", mmu_update1(l4e, 0));
}

static bool cpu_is_intel(void)
{
	uint32_t a = 0, b, c, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return b == 0x756e6547;   /* "Genu" */
}

static void test_l1tf(bool forced)
{
	unsigned long l1 = pool_mfn(P_L1);
	uint64_t slot = (uint64_t)l1 << 12 | 8 * 7;
	const uint64_t unsafe = 0x1000 | PTE_RW;   /* frame 1, not present */

	memset(pool_page(P_L1), 0, PAGE_SIZE);
	if (!expect_ok("l1tf/setup-protect", set_pool_rw(P_L1, 1, false)) ||
	    !expect_ok("l1tf/setup-pin", pin_table(1, l1)))
		return;
	expect_ok("l1tf/address-0", mmu_update1(slot, PTE_RW));
	expect_ok("l1tf/inverted-address", mmu_update1(slot, 0x000ffffffffff000UL | PTE_RW));
	if (forced) {
		printf("l1tf: writing an unsafe not-present entry; the hypervisor must crash us\n");
		mmu_update1(slot, unsafe);
		fail("l1tf/unsafe-crashes", "still running after the unsafe entry");
		return;
	}
	if (cpu_is_intel()) {
		fail("l1tf/not-affected-accepts-any", "setup: an Intel CPU, run under qemu64");
	} else {
		expect_ok("l1tf/not-affected-accepts-any", mmu_update1(slot, unsafe));
		expect_ok("l1tf/setup-clear", mmu_update1(slot, 0));
	}
	expect_ok("l1tf/setup-unpin", unpin_table(l1));
	expect_ok("l1tf/setup-unprotect", set_pool_rw(P_L1, 1, true));
}

void test_main(void)
{
	const char *why = shared_info_map();

	if (why) {
		fail("setup", "%s", why);
		return;
	}
	ring_mfn = start_info->console.domU.mfn;
	ring_va = GUEST_VIRT_BASE + m2p(ring_mfn) * PAGE_SIZE;
	if (!expect_true("setup/console-ring-mapped", ring_mfn && va_mapped(ring_va),
			 "console ring 0x%lx not in the bootstrap map", ring_mfn))
		return;
	if (has_word(guest_cmdline(), "mode=l1tf")) {
		test_l1tf(true);
		return;
	}
	test_l1tf(false);
	test_va_mapping_l1_only();
	test_baseptr_release();
	test_console_retype();
	test_console_given_back();
}
