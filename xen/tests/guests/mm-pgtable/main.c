/* SPDX-License-Identifier: MIT */
/*
 * mm-pgtable: direct paging with mmu_update, update_va_mapping and
 * mmuext_op, positive and hostile.
 *
 * Builds a 4-level tree from spare frames (made read-only first with
 * update_va_mapping, as Linux does), pins it, and maps, remaps and unmaps
 * a frame through it, reading each result under the tree as base pointer
 * (MMUEXT_NEW_BASEPTR); checks PRESERVE_AD, *done counts, TLB flushes,
 * clear/copy page and MMU_MACHPHYS_UPDATE; runs user code under a user
 * page table that maps what the kernel table does not (the kernel/user
 * base-pointer pair in one batch). Hostile: writable mappings of pinned
 * tables, foreign and unowned frames at every level, a frame typed both
 * L1 and L2, L4 entries in the hypervisor slots 256-271, writable
 * recursive maps, PSE and cache bits, double pin, unpin of tables in use,
 * bad base pointers, misaligned update pointers, huge and negative
 * counts, and -EFAULT pointers in every pointer argument. Expected codes
 * are Xen 4.17's (xen/arch/x86/mm.c).
 *
 * A broken hypervisor lets the guest write its own page tables or map
 * another domain's memory (full compromise), corrupts its reference
 * counts so a table can be freed while live, or crashes on a bad pointer.
 */
#include "mm.h"
#include "user.h"

#define TEST_VA  (1UL << 39)              /* L4 slot 1: only in our trees */
#define USER_VA  (2UL << 39)              /* L4 slot 2: only in the user table */
#define LINEAR_SLOT 3UL
#define LINEAR_VA (LINEAR_SLOT << 39 | LINEAR_SLOT << 30 | LINEAR_SLOT << 21 | \
		   LINEAR_SLOT << 12)      /* the L4 itself through slot 3 */
#define PATTERN1 0x1111222233334444UL
#define PATTERN2 0x5555666677778888UL
#define USER_MAGIC 0x7573657273696465UL

/* Pool frames. */
enum { P_TREE = 0, P_DATA1 = 4, P_DATA2 = 5, P_UTREE = 6, P_UDATA = 10, P_SPARE = 11,
       P_XL4 = 12, P_COPY = 13 };

static struct mm_tree tree;
static unsigned long foreign_mfn, unowned_mfn;
static const unsigned long bad_ptrs[] = {
	0, HV_RANGE_START, HV_RANGE_LAST, NON_CANONICAL, UNMAPPED_VA,
};
static const char *const bad_names[] = {
	"null", "hv-start", "hv-end", "noncanonical", "unmapped",
};

static uint64_t *data(unsigned int i)
{
	return pool_page(i);
}

/* Read va with the tree as kernel base pointer; false if it faulted. */
static bool read_under(unsigned long l4_mfn, unsigned long va, unsigned long *val)
{
	bool ok;

	if (new_baseptr(l4_mfn)) {
		last_trap.vector = TRAP_NONE;
		*val = 0;
		return false;
	}
	trap_clear();
	ok = probe_read(va, val);
	new_baseptr(boot_l4_mfn());
	return ok;
}

static bool write_under(unsigned long l4_mfn, unsigned long va, unsigned long val)
{
	bool ok;

	if (new_baseptr(l4_mfn))
		return false;
	trap_clear();
	ok = probe_write(va, val);
	new_baseptr(boot_l4_mfn());
	return ok;
}

static void expect_read(const char *name, unsigned long va, unsigned long want)
{
	unsigned long v;

	if (read_under(tree.mfn[0], va, &v))
		expect_eq(name, v, want);
	else
		fail(name, "read of 0x%lx under the tree faulted (vector %lu cr2 0x%lx)",
		     va, last_trap.vector, last_trap.cr2);
}

static void expect_pf(const char *name, bool completed, unsigned long cr2)
{
	if (completed)
		fail(name, "access completed, want #PF");
	else if (last_trap.vector != 14)
		fail(name, "got vector %lu, want 14", last_trap.vector);
	else
		expect_eq(name, last_trap.cr2, cr2);
}

static uint64_t tree_maddr(unsigned int level, unsigned int slot)
{
	return (tree.mfn[4 - level] << 12) + slot * 8UL;
}

static void test_build(void)
{
	data(P_DATA1)[0] = PATTERN1;
	data(P_DATA2)[0] = PATTERN2;
	tree_build(&tree, P_TREE, TEST_VA, pool_mfn(P_DATA1), PTE_RW_FLAGS);
	expect_ok("tree/make-read-only", tree_protect(&tree, true));
	expect_ok("tree/pin-l4", pin_table(4, tree.mfn[0]));
	expect_rc("tree/double-pin", pin_table(4, tree.mfn[0]), -XEN_EINVAL);
	trap_clear();
	expect_pf("tree/l4-not-writable", probe_write(gva(&tree.tab[0][5]), 1),
		  gva(&tree.tab[0][5]));
}

/* A writable mapping of a typed table: -EBUSY (get_page_from_l1e). */
static void test_writable_tables(void)
{
	static const char *const names[] = {
		"hostile/rw-map-l4", "hostile/rw-map-l3", "hostile/rw-map-l2", "hostile/rw-map-l1",
	};

	for (unsigned int i = 0; i < 4; i++)
		expect_rc(names[i], set_page_rw(tree.tab[i], true), -XEN_EBUSY);
	expect_rc("hostile/rw-map-l1-by-mmu_update",
		  mmu_update1(l1e_maddr(gva(tree.tab[3])), pte(tree.mfn[3], PTE_RW_FLAGS)),
		  -XEN_EBUSY);
	expect_rc("hostile/rw-map-boot-l4",
		  mmu_update1(l1e_maddr(gva(boot_l4())), pte(boot_l4_mfn(), PTE_RW_FLAGS)),
		  -XEN_EBUSY);
}

static void test_map_remap_unmap(void)
{
	uint64_t l1e = tree_l1e_maddr(&tree);
	unsigned long v;

	expect_read("tree/map-read", TEST_VA, PATTERN1);
	expect_ok("tree/remap", mmu_update1(l1e, pte(pool_mfn(P_DATA2), PTE_RW_FLAGS)));
	expect_read("tree/remap-read", TEST_VA, PATTERN2);
	expect_ok("tree/unmap", mmu_update1(l1e, 0));
	expect_pf("tree/unmap-faults", read_under(tree.mfn[0], TEST_VA, &v), TEST_VA);
	expect_ok("tree/map-read-only", mmu_update1(l1e, pte(pool_mfn(P_DATA1), PTE_RO_FLAGS)));
	expect_read("tree/map-read-only-read", TEST_VA, PATTERN1);
	expect_pf("tree/map-read-only-write", write_under(tree.mfn[0], TEST_VA, 0), TEST_VA);

	/* update_va_mapping walks the current kernel table: the tree's L1. */
	if (expect_ok("tree/uvm-baseptr", new_baseptr(tree.mfn[0]))) {
		long rc = HYPERVISOR_update_va_mapping(TEST_VA, pte(pool_mfn(P_DATA2), PTE_RW_FLAGS),
						       UVMF_INVLPG | UVMF_LOCAL);
		bool ok = probe_read(TEST_VA, &v);

		new_baseptr(boot_l4_mfn());
		expect_ok("tree/uvm-map", rc);
		expect_true("tree/uvm-read", ok && v == PATTERN2, "read ok %d value 0x%lx", ok, v);
	}
	expect_rc("tree/uvm-not-in-current-table",
		  HYPERVISOR_update_va_mapping(TEST_VA, pte(pool_mfn(P_DATA2), PTE_RW_FLAGS), 0),
		  -XEN_EINVAL);
}

static void test_preserve_ad(void)
{
	uint64_t l1e = tree_l1e_maddr(&tree);
	struct mmu_update req = { l1e | MMU_PT_UPDATE_PRESERVE_AD,
				  pte(pool_mfn(P_DATA1), PTE_P | PTE_RW) };
	volatile uint64_t *entry = &tree.tab[3][L1_SLOT(TEST_VA)];

	expect_ok("tree/map-without-ad", mmu_update1(l1e, pte(pool_mfn(P_DATA1), PTE_P | PTE_RW)));
	write_under(tree.mfn[0], TEST_VA, PATTERN1);   /* the CPU sets A and D */
	expect_true("tree/hardware-ad", (*entry & (PTE_A | PTE_D)) == (PTE_A | PTE_D),
		    "entry 0x%lx after a write lacks A|D", (unsigned long)*entry);
	expect_ok("tree/preserve-ad", HYPERVISOR_mmu_update(gva(&req), 1, 0, DOMID_SELF));
	expect_true("tree/preserve-ad-kept", (*entry & (PTE_A | PTE_D)) == (PTE_A | PTE_D),
		    "entry 0x%lx lost A|D", (unsigned long)*entry);
	expect_ok("tree/normal-update", mmu_update1(l1e, pte(pool_mfn(P_DATA1), PTE_P | PTE_RW)));
	expect_true("tree/normal-update-clears-ad", !(*entry & (PTE_A | PTE_D)),
		    "entry 0x%lx kept A|D", (unsigned long)*entry);
}

static void test_done_and_counts(void)
{
	uint64_t l1e = tree_l1e_maddr(&tree);
	struct mmu_update reqs[3] = {
		{ l1e, pte(pool_mfn(P_DATA1), PTE_RW_FLAGS) },
		{ l1e + 8, pte(pool_mfn(P_DATA2), PTE_RW_FLAGS) },
		{ (foreign_mfn << 12), 0 },
	};
	struct mmu_update huge[2] = {
		{ l1e + 16, pte(pool_mfn(P_DATA1), PTE_RO_FLAGS) },
		{ 0, 0 },                 /* frame 0 is never ours */
	};
	struct mmuext_op ops[2] = { { .cmd = MMUEXT_TLB_FLUSH_LOCAL }, { .cmd = 14 } };
	unsigned int done = 77;

	expect_rc("mmu_update/batch-stops", HYPERVISOR_mmu_update(gva(reqs), 3, gva(&done),
								  DOMID_SELF), -XEN_EINVAL);
	expect_eq("mmu_update/batch-done", done, 2);
	expect_read("mmu_update/batch-second-applied", TEST_VA + PAGE_SIZE, PATTERN2);
	done = 77;
	expect_ok("mmu_update/count-0", HYPERVISOR_mmu_update(gva(reqs), 0, gva(&done), DOMID_SELF));
	expect_eq("mmu_update/count-0-done", done, 0);
	done = 0;
	expect_rc("mmu_update/huge-count", HYPERVISOR_mmu_update(gva(huge), 0x7fffffff,
								 gva(&done), DOMID_SELF), -XEN_EINVAL);
	expect_eq("mmu_update/huge-count-done", done, 1);
	done = 0;
	expect_rc("mmu_update/negative-count", HYPERVISOR_mmu_update(gva(huge), ~0UL, gva(&done),
								     DOMID_SELF), -XEN_EINVAL);
	expect_eq("mmu_update/negative-count-done", done, 1);
	done = 0;
	expect_rc("mmuext_op/huge-count", HYPERVISOR_mmuext_op(gva(ops), 0x7fffffff, gva(&done),
							       DOMID_SELF), -XEN_ENOSYS);
	expect_eq("mmuext_op/huge-count-done", done, 1);
	done = 0;
	expect_rc("mmuext_op/negative-count", HYPERVISOR_mmuext_op(gva(ops), ~0UL, gva(&done),
								   DOMID_SELF), -XEN_ENOSYS);
	expect_eq("mmuext_op/negative-count-done", done, 1);
	mmu_update1(l1e + 8, 0);
	mmu_update1(l1e + 16, 0);
}

static void test_flushes(void)
{
	unsigned long mask = 1;

	expect_ok("mmuext_op/tlb-flush-local", mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0));
	expect_ok("mmuext_op/tlb-flush-all", mmuext1(MMUEXT_TLB_FLUSH_ALL, 0, 0));
	expect_ok("mmuext_op/invlpg-local", mmuext1(MMUEXT_INVLPG_LOCAL, gva(data(P_DATA1)), 0));
	expect_ok("mmuext_op/invlpg-all", mmuext1(MMUEXT_INVLPG_ALL, gva(data(P_DATA1)), 0));
	expect_ok("mmuext_op/tlb-flush-multi", mmuext1(MMUEXT_TLB_FLUSH_MULTI, 0, gva(&mask)));
	expect_ok("mmuext_op/invlpg-multi", mmuext1(MMUEXT_INVLPG_MULTI, gva(data(P_DATA1)),
						   gva(&mask)));
	/* vcpumask_to_pcpumask() fails: Xen turns that into -EINVAL. */
	expect_rc("mmuext_op/tlb-flush-multi-bad-mask",
		  mmuext1(MMUEXT_TLB_FLUSH_MULTI, 0, HV_RANGE_START), -XEN_EINVAL);
	expect_ok("mmuext_op/invlpg-local-noncanonical",
		  mmuext1(MMUEXT_INVLPG_LOCAL, NON_CANONICAL, 0));
	expect_ok("mmuext_op/invlpg-all-hypervisor", mmuext1(MMUEXT_INVLPG_ALL, HV_RANGE_START, 0));
	expect_rc("mmuext_op/flush-cache", mmuext1(MMUEXT_FLUSH_CACHE, 0, 0), -XEN_EACCES);
	expect_rc("mmuext_op/mark-super", mmuext1(MMUEXT_MARK_SUPER, pool_mfn(P_DATA1), 0),
		  -XEN_EOPNOTSUPP);
	expect_rc("mmuext_op/unknown-cmd-14", mmuext1(14, 0, 0), -XEN_ENOSYS);
	expect_rc("mmuext_op/unknown-cmd-99", mmuext1(99, 0, 0), -XEN_ENOSYS);
	expect_ok("update_va_mapping/flush-all",
		  HYPERVISOR_update_va_mapping(gva(data(P_DATA1)),
					       pte(pool_mfn(P_DATA1), PTE_RW_FLAGS),
					       UVMF_TLB_FLUSH | UVMF_ALL));
	expect_ok("update_va_mapping/invlpg-multi",
		  HYPERVISOR_update_va_mapping(gva(data(P_DATA1)),
					       pte(pool_mfn(P_DATA1), PTE_RW_FLAGS),
					       UVMF_INVLPG | gva(&mask)));
}

static void test_page_ops(void)
{
	uint64_t *copy = data(P_COPY);

	copy[0] = 0;
	expect_ok("mmuext_op/copy-page", mmuext1(MMUEXT_COPY_PAGE, pool_mfn(P_COPY),
						 pool_mfn(P_DATA2)));
	expect_eq("mmuext_op/copy-page-content", copy[0], PATTERN2);
	expect_ok("mmuext_op/clear-page", mmuext1(MMUEXT_CLEAR_PAGE, pool_mfn(P_COPY), 0));
	expect_eq("mmuext_op/clear-page-content", copy[0], 0);
	expect_rc("hostile/clear-page-table", mmuext1(MMUEXT_CLEAR_PAGE, tree.mfn[3], 0),
		  -XEN_EINVAL);
	expect_rc("hostile/copy-onto-table", mmuext1(MMUEXT_COPY_PAGE, tree.mfn[2],
						     pool_mfn(P_DATA1)), -XEN_EINVAL);
	expect_rc("hostile/clear-page-foreign", mmuext1(MMUEXT_CLEAR_PAGE, foreign_mfn, 0),
		  -XEN_EINVAL);
	expect_rc("hostile/copy-page-from-foreign", mmuext1(MMUEXT_COPY_PAGE, pool_mfn(P_COPY),
							    foreign_mfn), -XEN_EINVAL);
}

static void test_machphys(void)
{
	unsigned long mfn = pool_mfn(P_COPY), pfn = m2p(mfn);
	unsigned long foreign_pfn = m2p(foreign_mfn);

	expect_ok("machphys/update", mmu_update1(mfn << 12 | MMU_MACHPHYS_UPDATE, 0x12345));
	expect_eq("machphys/visible", m2p(mfn), 0x12345);
	expect_ok("machphys/restore", mmu_update1(mfn << 12 | MMU_MACHPHYS_UPDATE, pfn));
	expect_rc("hostile/machphys-foreign",
		  mmu_update1(foreign_mfn << 12 | MMU_MACHPHYS_UPDATE, 0x4242), -XEN_EINVAL);
	expect_eq("hostile/machphys-foreign-unchanged", m2p(foreign_mfn), foreign_pfn);
}

static void test_foreign(void)
{
	uint64_t l1e = tree_l1e_maddr(&tree);

	if (!foreign_mfn || !unowned_mfn) {
		fail("hostile/foreign", "setup: no foreign frame (0x%lx) found through the M2P "
		     "(is a second domain running?) or no frame given back (0x%lx)",
		     foreign_mfn, unowned_mfn);
		return;
	}
	/* get_page_from_l1e: owner mismatch -> could_not_pin -> -EBUSY. */
	expect_rc("hostile/foreign-l1-ro", mmu_update1(l1e, pte(foreign_mfn, PTE_RO_FLAGS)),
		  -XEN_EBUSY);
	expect_rc("hostile/foreign-l1-rw", mmu_update1(l1e, pte(foreign_mfn, PTE_RW_FLAGS)),
		  -XEN_EBUSY);
	expect_rc("hostile/unowned-l1", mmu_update1(l1e, pte(unowned_mfn, PTE_RO_FLAGS)),
		  -XEN_EBUSY);
	expect_rc("hostile/foreign-update_va_mapping",
		  HYPERVISOR_update_va_mapping(gva(data(P_DATA1)), pte(foreign_mfn, PTE_RO_FLAGS),
					       UVMF_INVLPG),
		  -XEN_EBUSY);
	expect_eq("hostile/foreign-update_va_mapping-unchanged", data(P_DATA1)[0], PATTERN1);
	/* Beyond RAM is MMIO, which an unprivileged domain may not map. */
	expect_rc("hostile/mmio-l1", mmu_update1(l1e, pte(0x100000000UL, PTE_RO_FLAGS)),
		  -XEN_EPERM);
	/* Higher levels take a type: get_page_and_type_from_mfn -> -EINVAL. */
	expect_rc("hostile/foreign-l2e", mmu_update1(tree_maddr(2, 7), pte(foreign_mfn, PTE_RO_FLAGS)),
		  -XEN_EINVAL);
	expect_rc("hostile/foreign-l3e", mmu_update1(tree_maddr(3, 7), pte(foreign_mfn, PTE_RO_FLAGS)),
		  -XEN_EINVAL);
	expect_rc("hostile/foreign-l4e", mmu_update1(tree_maddr(4, 7), pte(foreign_mfn, PTE_RO_FLAGS)),
		  -XEN_EINVAL);
	expect_rc("hostile/foreign-table-write", mmu_update1(foreign_mfn << 12, 0), -XEN_EINVAL);
	expect_rc("hostile/foreign-pin", pin_table(1, foreign_mfn), -XEN_EINVAL);
	expect_rc("hostile/foreign-unpin", unpin_table(foreign_mfn), -XEN_EINVAL);
	expect_rc("hostile/foreign-baseptr", new_baseptr(foreign_mfn), -XEN_EINVAL);
	expect_rc("hostile/foreign-user-baseptr", mmuext1(MMUEXT_NEW_USER_BASEPTR, foreign_mfn, 0),
		  -XEN_EINVAL);
	expect_read("hostile/foreign-tree-intact", TEST_VA, PATTERN1);
}

static void test_bad_entries(void)
{
	uint64_t l1e = tree_l1e_maddr(&tree);
	unsigned long v;

	expect_rc("hostile/l2-pse", mmu_update1(tree_maddr(2, 10), pte(0, PTE_RW_FLAGS | PTE_PSE)),
		  -XEN_EINVAL);
	expect_rc("hostile/l3-pse", mmu_update1(tree_maddr(3, 10), pte(0, PTE_RW_FLAGS | PTE_PSE)),
		  -XEN_EINVAL);
	expect_rc("hostile/l1-pcd", mmu_update1(l1e, pte(pool_mfn(P_DATA1), PTE_RW_FLAGS | PTE_PCD)),
		  -XEN_EINVAL);
	expect_rc("hostile/l4-global", mmu_update1(tree_maddr(4, 7),
						   pte(tree.mfn[1], PTE_RW_FLAGS | PTE_G)),
		  -XEN_EINVAL);
	/* ptr's low three bits select the command: 4-7 are not commands. */
	expect_rc("hostile/misaligned-ptr", mmu_update1(l1e + 4, pte(pool_mfn(P_DATA2), PTE_RW_FLAGS)),
		  -XEN_ENOSYS);
	expect_read("hostile/misaligned-ptr-unchanged", TEST_VA, PATTERN1);

	/* The hypervisor's L4 slots: is_guest_l4_slot() -> -EINVAL. */
	expect_rc("hostile/l4-slot-256", mmu_update1(tree_maddr(4, 256),
						     pte(tree.mfn[1], PTE_RW_FLAGS)), -XEN_EINVAL);
	expect_rc("hostile/l4-slot-262", mmu_update1(tree_maddr(4, 262), 0), -XEN_EINVAL);
	expect_rc("hostile/l4-slot-271", mmu_update1(tree_maddr(4, 271),
						     pte(tree.mfn[1], PTE_RW_FLAGS)), -XEN_EINVAL);
	expect_ok("tree/l4-slot-272", mmu_update1(tree_maddr(4, 272), pte(tree.mfn[1], PTE_RW_FLAGS)));
	expect_ok("tree/l4-slot-272-clear", mmu_update1(tree_maddr(4, 272), 0));

	/* Recursive maps: read-only self references only. */
	expect_rc("hostile/linear-l4-writable",
		  mmu_update1(tree_maddr(4, LINEAR_SLOT), pte(tree.mfn[0], PTE_RW_FLAGS)), -XEN_EINVAL);
	if (expect_ok("tree/linear-l4-read-only",
		      mmu_update1(tree_maddr(4, LINEAR_SLOT), pte(tree.mfn[0], PTE_RO_FLAGS)))) {
		expect_true("tree/linear-l4-read",
			    read_under(tree.mfn[0], LINEAR_VA + 8, &v) && v == tree.tab[0][1],
			    "read 0x%lx (vector %lu), want L4[1] 0x%lx", v, last_trap.vector,
			    (unsigned long)tree.tab[0][1]);
		expect_pf("hostile/linear-l4-write", write_under(tree.mfn[0], LINEAR_VA + 8, 0),
			  LINEAR_VA + 8);
		expect_ok("tree/linear-l4-clear", mmu_update1(tree_maddr(4, LINEAR_SLOT), 0));
	}
	expect_rc("hostile/linear-l2-writable",
		  mmu_update1(tree_maddr(2, 9), pte(tree.mfn[2], PTE_RW_FLAGS)), -XEN_EINVAL);
	expect_ok("tree/linear-l2-read-only",
		  mmu_update1(tree_maddr(2, 9), pte(tree.mfn[2], PTE_RO_FLAGS)));
	expect_ok("tree/linear-l2-clear", mmu_update1(tree_maddr(2, 9), 0));
	expect_rc("hostile/l3e-to-own-l4", mmu_update1(tree_maddr(3, 9), pte(tree.mfn[0], PTE_RO_FLAGS)),
		  -XEN_EINVAL);
}

/* One frame as L1 (hooked under the tree's L2) and then as L2: refused. */
static void test_l1_and_l2(void)
{
	unsigned long spare = pool_mfn(P_SPARE);

	if (!expect_ok("hostile/l1-l2-make-read-only", set_page_rw(pool_page(P_SPARE), false)))
		return;
	expect_ok("tree/hook-l1", mmu_update1(tree_maddr(2, 7), pte(spare, PTE_RW_FLAGS)));
	expect_rc("hostile/l1-then-pin-l2", pin_table(2, spare), -XEN_EINVAL);
	expect_rc("hostile/l1-then-l3-entry", mmu_update1(tree_maddr(3, 8), pte(spare, PTE_RW_FLAGS)),
		  -XEN_EINVAL);
	expect_rc("hostile/l1-then-baseptr", new_baseptr(spare), -XEN_EINVAL);
	/* Pinning it as what it is works; unpinning leaves it typed (hooked). */
	expect_ok("tree/pin-hooked-l1", pin_table(1, spare));
	expect_ok("tree/unpin-hooked-l1", unpin_table(spare));
	expect_rc("hostile/unpinned-hooked-l1-rw", set_page_rw(pool_page(P_SPARE), true), -XEN_EBUSY);
	expect_rc("hostile/unpin-unpinned", unpin_table(spare), -XEN_EINVAL);
	expect_ok("tree/unhook-l1", mmu_update1(tree_maddr(2, 7), 0));
	expect_ok("tree/unhooked-l1-rw", set_page_rw(pool_page(P_SPARE), true));
	expect_rc("hostile/pin-writable-frame", pin_table(1, spare), -XEN_EINVAL);
	expect_rc("hostile/baseptr-writable-frame", new_baseptr(spare), -XEN_EINVAL);
	expect_rc("hostile/baseptr-l1", new_baseptr(tree.mfn[3]), -XEN_EINVAL);
}

/* An L4 with our own entry in slot 256 pins; Xen's entry replaces ours. */
static void test_prefilled_xen_slot(void)
{
	uint64_t *l4 = pool_page(P_XL4), mine = pte(pool_mfn(P_DATA1), PTE_RW_FLAGS);

	memset(l4, 0, PAGE_SIZE);
	l4[256] = mine;
	l4[511] = boot_l4()[511];
	if (!expect_ok("hostile/xen-slot-prefilled-ro", set_page_rw(l4, false)))
		return;
	if (expect_ok("hostile/xen-slot-prefilled-pin", pin_table(4, pool_mfn(P_XL4)))) {
		expect_true("hostile/xen-slot-prefilled-replaced", l4[256] != mine,
			    "slot 256 still holds the guest's 0x%lx", (unsigned long)mine);
		expect_ok("hostile/xen-slot-prefilled-unpin", unpin_table(pool_mfn(P_XL4)));
	}
	expect_ok("hostile/xen-slot-prefilled-rw", set_page_rw(l4, true));
}

void user_read(void);
asm(".pushsection .text\n"
    "user_read:\n\tmovabs $" "0x10000000000" ", %rbx\n\tmov (%rbx), %rax\n\tsyscall\n\tud2\n"
    ".popsection");
_Static_assert(USER_VA == 0x10000000000UL, "user_read's address");

/* Kernel and user base pointers as a pair; user code under the user one. */
static void test_user_table(void)
{
	struct mm_tree ut;
	struct mmuext_op pair[2] = { { .cmd = MMUEXT_NEW_BASEPTR },
				     { .cmd = MMUEXT_NEW_USER_BASEPTR } };
	unsigned int done = 0;
	const char *why = user_setup();
	unsigned long v, how;

	if (why) {
		fail("user/setup", "setup: %s", why);
		return;
	}
	data(P_UDATA)[0] = USER_MAGIC;
	tree_build(&ut, P_UTREE, USER_VA, pool_mfn(P_UDATA), PTE_RO_FLAGS);
	if (!expect_ok("user/make-read-only", tree_protect(&ut, true)))
		return;
	pair[0].arg1.mfn = boot_l4_mfn();
	pair[1].arg1.mfn = ut.mfn[0];
	expect_ok("user/baseptr-pair", HYPERVISOR_mmuext_op(gva(pair), 2, gva(&done), DOMID_SELF));
	expect_eq("user/baseptr-pair-done", done, 2);
	how = user_run(user_read);
	expect_true("user/runs-under-user-table", how == VECTOR_SYSCALL && user_exit.rax == USER_MAGIC,
		    "exit vector 0x%lx rax 0x%lx, want syscall with 0x%lx", how, user_exit.rax,
		    USER_MAGIC);
	trap_clear();
	expect_pf("user/kernel-table-lacks-it", probe_read(USER_VA, &v), USER_VA);
	expect_rc("hostile/user-table-rw", set_page_rw(ut.tab[0], true), -XEN_EBUSY);
	expect_ok("user/baseptr-back", mmuext1(MMUEXT_NEW_USER_BASEPTR, boot_l4_mfn(), 0));
	expect_ok("user/baseptr-none", mmuext1(MMUEXT_NEW_USER_BASEPTR, 0, 0));
	expect_ok("user/released-rw", tree_protect(&ut, false));
}

/* The tree is pinned and is our base pointer: unpin leaves it live. */
static void test_unpin_in_use(void)
{
	unsigned long v = 0;
	bool ok;
	long rc_unpin, rc_rw;

	if (!expect_ok("tree/unpin-in-use-baseptr", new_baseptr(tree.mfn[0])))
		return;
	rc_unpin = unpin_table(tree.mfn[0]);
	ok = probe_read(TEST_VA, &v);
	rc_rw = set_page_rw(tree.tab[0], true);
	new_baseptr(boot_l4_mfn());
	expect_ok("hostile/unpin-in-use", rc_unpin);
	expect_true("hostile/unpin-in-use-still-mapped", ok && v == PATTERN1,
		    "read ok %d value 0x%lx", ok, v);
	expect_rc("hostile/unpin-in-use-still-typed", rc_rw, -XEN_EBUSY);
	/* No user left: the types go and the frames are plain memory again. */
	expect_ok("tree/unused-tables-writable", tree_protect(&tree, false));
	expect_rc("hostile/unpin-twice", unpin_table(tree.mfn[0]), -XEN_EINVAL);
}

static void test_bad_pointers(void)
{
	uint64_t l1e = tree_l1e_maddr(&tree);
	struct mmu_update req = { l1e, pte(pool_mfn(P_DATA1), PTE_RW_FLAGS) };
	struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
	char n[64];

	for (unsigned int i = 0; i < ARRAY_SIZE(bad_ptrs); i++) {
		expect_rc(case_name(n, sizeof(n), "efault/mmu_update-reqs", bad_names[i]),
			  HYPERVISOR_mmu_update(bad_ptrs[i], 1, 0, DOMID_SELF), -XEN_EFAULT);
		expect_rc(case_name(n, sizeof(n), "efault/mmuext_op-ops", bad_names[i]),
			  HYPERVISOR_mmuext_op(bad_ptrs[i], 1, 0, DOMID_SELF), -XEN_EFAULT);
		if (!bad_ptrs[i])
			continue;   /* a NULL done pointer means "not wanted" */
		/* Xen ignores a fault writing *done back: the work stands. */
		expect_ok(case_name(n, sizeof(n), "efault/mmu_update-done", bad_names[i]),
			  HYPERVISOR_mmu_update(gva(&req), 1, bad_ptrs[i], DOMID_SELF));
		expect_ok(case_name(n, sizeof(n), "efault/mmuext_op-done", bad_names[i]),
			  HYPERVISOR_mmuext_op(gva(&op), 1, bad_ptrs[i], DOMID_SELF));
		expect_rc(case_name(n, sizeof(n), "efault/update_va_mapping-mask", bad_names[i]),
			  HYPERVISOR_update_va_mapping(gva(data(P_DATA1)),
						       pte(pool_mfn(P_DATA1), PTE_RW_FLAGS),
						       UVMF_TLB_FLUSH | bad_ptrs[i]), -XEN_EFAULT);
	}
	expect_rc("hostile/update_va_mapping-noncanonical",
		  HYPERVISOR_update_va_mapping(NON_CANONICAL, 0, 0), -XEN_EINVAL);
	expect_rc("hostile/update_va_mapping-hypervisor",
		  HYPERVISOR_update_va_mapping(HV_RANGE_START, 0, 0), -XEN_EINVAL);
	expect_rc("hostile/update_va_mapping-unmapped",
		  HYPERVISOR_update_va_mapping(UNMAPPED_VA, 0, 0), -XEN_EINVAL);
}

void test_main(void)
{
	if (!traps_setup("pgtable/setup"))
		return;
	foreign_mfn = find_foreign_mfn(&unowned_mfn);
	/* Not ours and surely RAM (the scan may find a hole, which Xen treats
	 * as MMIO): a frame we just gave back. */
	unowned_mfn = give_back_frame();
	test_build();
	test_writable_tables();
	test_map_remap_unmap();
	test_preserve_ad();
	test_done_and_counts();
	test_flushes();
	test_page_ops();
	test_machphys();
	test_foreign();
	test_bad_entries();
	test_l1_and_l2();
	test_prefilled_xen_slot();
	test_bad_pointers();
	test_user_table();
	test_unpin_in_use();
	if (unowned_mfn)
		expect_rc("memory/take-frame-back", take_frame(), 1);
}
