/* SPDX-License-Identifier: MIT */
/*
 * mm-ptwr: writable page tables (VMASST_TYPE_writable_pagetables). With
 * the assist on, the guest writes entries of its own pinned L1 through
 * the L1's read-only mapping, as Linux does, with every instruction form
 * Linux uses: mov (register, imm32, 4-byte and 1-byte), xchg, cmpxchg
 * (locked or not, success and failure), lock and/or/xor on a byte, lock
 * and/or on the whole entry, lock bts/btr (immediate and register); each
 * result is checked in the entry, in the registers and flags the
 * instruction defines, and by reading through the mapping. Hostile
 * writes must come back as a #PF at the written address with the entry
 * unchanged: entries mapping a page table writable, a foreign or unowned
 * frame, a cache-attribute bit, misaligned writes inside an entry and
 * writes split across two entries or two pages, writes to L2 and L4
 * frames, and any write once the assist is off.
 *
 * A broken hypervisor lets such a write through (the guest owns its page
 * tables, or another domain's memory), resumes the guest at the wrong
 * instruction or with wrong registers, or crashes on the fault.
 */
#include "mm.h"

#define TEST_VA  ((1UL << 39) + 5 * PAGE_SIZE)   /* L1 slot 5 */
#define PATTERN1 0x1111222233334444UL
#define PATTERN2 0x5555666677778888UL
#define CF 0x01UL
#define ZF 0x40UL
/* Bits the hypervisor may add to a stored entry (user, global, Xen's
 * guest-kernel marker 52): not the guest's to compare. */
#define ADDED_BITS (PTE_US | PTE_G | (1UL << 52))

enum { P_TREE = 0, P_DATA1 = 4, P_DATA2 = 5 };

static struct mm_tree tree;
static volatile uint64_t *entry;
static unsigned long foreign_mfn, unowned_mfn;

static uint64_t stored(void)
{
	return *entry & ~ADDED_BITS;
}

static bool read_under(unsigned long va, unsigned long *val)
{
	bool ok;

	if (new_baseptr(tree.mfn[0]))
		return false;
	trap_clear();
	ok = probe_read(va, val);
	new_baseptr(boot_l4_mfn());
	return ok;
}

static bool write_under(unsigned long va, unsigned long val)
{
	bool ok;

	if (new_baseptr(tree.mfn[0]))
		return false;
	trap_clear();
	ok = probe_write(va, val);
	new_baseptr(boot_l4_mfn());
	return ok;
}

static void expect_entry(const char *name, uint64_t want)
{
	expect_eq(name, stored(), want & ~ADDED_BITS);
}

static void expect_maps(const char *name, unsigned long want)
{
	unsigned long v = 0;

	if (read_under(TEST_VA, &v))
		expect_eq(name, v, want);
	else
		fail(name, "read through the entry faulted (vector %lu)", last_trap.vector);
}

/* The store helpers: each returns whether it completed without a trap. */
static unsigned long before;
static void arm(void)
{
	trap_clear();
	before = last_trap.count;
}

static bool done(void)
{
	return last_trap.count == before;
}

static bool store_q(volatile void *p, uint64_t v)
{
	arm();
	asm volatile(PROBE_BEGIN "movq %[v], (%[p])" PROBE_END
		     : : [v] "r"(v), [p] "r"(p) : "rax", "memory");
	return done();
}

static bool store_imm0(volatile void *p)
{
	arm();
	asm volatile(PROBE_BEGIN "movq $0, (%[p])" PROBE_END : : [p] "r"(p) : "rax", "memory");
	return done();
}

static bool store_l(volatile void *p, uint32_t v)
{
	arm();
	asm volatile(PROBE_BEGIN "movl %[v], (%[p])" PROBE_END
		     : : [v] "r"(v), [p] "r"(p) : "rax", "memory");
	return done();
}

static bool store_b(volatile void *p, uint8_t v)
{
	arm();
	asm volatile(PROBE_BEGIN "movb %[v], (%[p])" PROBE_END
		     : : [v] "q"(v), [p] "r"(p) : "rax", "memory");
	return done();
}

static bool xchg_q(volatile void *p, uint64_t *v)
{
	uint64_t r = *v;

	arm();
	asm volatile(PROBE_BEGIN "xchgq %[r], (%[p])" PROBE_END
		     : [r] "+r"(r) : [p] "r"(p) : "rax", "memory");
	*v = r;
	return done();
}

/* cmpxchg: *acc in, rax out; returns ZF in *zf. */
static bool cmpxchg_q(volatile void *p, uint64_t *acc, uint64_t new, bool lock, bool *zf)
{
	uint64_t a = *acc;
	uint8_t z = 2;

	arm();
	if (lock)
		asm volatile(PROBE_ARM "movq %[a], %%rax\n\t"
			     PROBE_AT "lock cmpxchgq %[n], (%[p])\n\t"
			     "setz %[z]\n\tmovq %%rax, %[a]" PROBE_END
			     : [a] "+r"(a), [z] "+r"(z) : [n] "r"(new), [p] "r"(p) : "rax", "memory");
	else
		asm volatile(PROBE_ARM "movq %[a], %%rax\n\t"
			     PROBE_AT "cmpxchgq %[n], (%[p])\n\t"
			     "setz %[z]\n\tmovq %%rax, %[a]" PROBE_END
			     : [a] "+r"(a), [z] "+r"(z) : [n] "r"(new), [p] "r"(p) : "rax", "memory");
	*acc = a;
	*zf = z == 1;
	return done();
}

enum byte_op { OP_AND, OP_OR, OP_XOR };

static bool lock_byte(volatile void *p, enum byte_op op, uint8_t imm)
{
	arm();
	switch (op) {
	case OP_AND:
		asm volatile(PROBE_BEGIN "lock andb %[i], (%[p])" PROBE_END
			     : : [i] "iq"(imm), [p] "r"(p) : "rax", "memory");
		break;
	case OP_OR:
		asm volatile(PROBE_BEGIN "lock orb %[i], (%[p])" PROBE_END
			     : : [i] "iq"(imm), [p] "r"(p) : "rax", "memory");
		break;
	case OP_XOR:
		asm volatile(PROBE_BEGIN "lock xorb %[i], (%[p])" PROBE_END
			     : : [i] "iq"(imm), [p] "r"(p) : "rax", "memory");
		break;
	}
	return done();
}

static bool lock_andq_imm8(volatile void *p)
{
	arm();
	asm volatile(PROBE_BEGIN "lock andq $-3, (%[p])" PROBE_END   /* 48 83 /4 ib */
		     : : [p] "r"(p) : "rax", "memory");
	return done();
}

static bool lock_orq_reg(volatile void *p, uint64_t v)
{
	arm();
	asm volatile(PROBE_BEGIN "lock orq %[v], (%[p])" PROBE_END
		     : : [v] "r"(v), [p] "r"(p) : "rax", "memory");
	return done();
}

/* bt[sr] with an immediate or a register bit number; CF in *cf. */
static bool lock_bit(volatile void *p, bool set, bool reg, uint64_t bit, bool *cf)
{
	uint8_t c = 2;

	arm();
	if (set && reg)
		asm volatile(PROBE_BEGIN "lock btsq %[b], (%[p])\n\tsetc %[c]" PROBE_END
			     : [c] "+r"(c) : [b] "r"(bit), [p] "r"(p) : "rax", "memory");
	else if (set)
		asm volatile(PROBE_BEGIN "lock btsq $1, (%[p])\n\tsetc %[c]" PROBE_END
			     : [c] "+r"(c) : [p] "r"(p) : "rax", "memory");
	else if (reg)
		asm volatile(PROBE_BEGIN "lock btrq %[b], (%[p])\n\tsetc %[c]" PROBE_END
			     : [c] "+r"(c) : [b] "r"(bit), [p] "r"(p) : "rax", "memory");
	else
		asm volatile(PROBE_BEGIN "lock btrq $1, (%[p])\n\tsetc %[c]" PROBE_END
			     : [c] "+r"(c) : [p] "r"(p) : "rax", "memory");
	*cf = c == 1;
	return done();
}

static void check_done(const char *name, bool ok)
{
	if (!ok)
		fail(name, "the write trapped: vector %lu error 0x%lx cr2 0x%lx", last_trap.vector,
		     last_trap.error_code, last_trap.cr2);
	else
		pass(name);
}

static uint64_t data_pte(unsigned int i, uint64_t flags)
{
	return pte(pool_mfn(i), flags);
}

static void test_forms(void)
{
	uint64_t v, acc;
	bool zf, cf;

	check_done("ptwr/mov-imm0", store_imm0(entry));
	expect_entry("ptwr/mov-imm0-entry", 0);
	v = 1;
	expect_true("ptwr/mov-imm0-unmapped", !read_under(TEST_VA, &v) && last_trap.vector == 14,
		    "read through the cleared entry: vector %lu", last_trap.vector);

	check_done("ptwr/mov-reg", store_q(entry, data_pte(P_DATA1, PTE_RW_FLAGS)));
	expect_entry("ptwr/mov-reg-entry", data_pte(P_DATA1, PTE_RW_FLAGS));
	expect_maps("ptwr/mov-reg-maps", PATTERN1);

	v = data_pte(P_DATA2, PTE_RW_FLAGS);
	check_done("ptwr/xchg", xchg_q(entry, &v));
	expect_eq("ptwr/xchg-old-in-reg", v & ~ADDED_BITS, data_pte(P_DATA1, PTE_RW_FLAGS));
	expect_entry("ptwr/xchg-entry", data_pte(P_DATA2, PTE_RW_FLAGS));
	expect_maps("ptwr/xchg-maps", PATTERN2);

	acc = *entry;
	check_done("ptwr/lock-cmpxchg", cmpxchg_q(entry, &acc, data_pte(P_DATA1, PTE_RW_FLAGS),
						  true, &zf));
	expect_true("ptwr/lock-cmpxchg-zf", zf, "ZF clear after a matching cmpxchg");
	expect_entry("ptwr/lock-cmpxchg-entry", data_pte(P_DATA1, PTE_RW_FLAGS));
	expect_maps("ptwr/lock-cmpxchg-maps", PATTERN1);

	acc = 0x1234;
	v = *entry;
	check_done("ptwr/cmpxchg-mismatch", cmpxchg_q(entry, &acc, data_pte(P_DATA2, PTE_RW_FLAGS),
						      true, &zf));
	expect_true("ptwr/cmpxchg-mismatch-zf", !zf, "ZF set after a mismatching cmpxchg");
	expect_eq("ptwr/cmpxchg-mismatch-rax", acc, v);
	expect_entry("ptwr/cmpxchg-mismatch-entry", data_pte(P_DATA1, PTE_RW_FLAGS));

	acc = *entry;
	check_done("ptwr/cmpxchg-unlocked", cmpxchg_q(entry, &acc, data_pte(P_DATA2, PTE_RW_FLAGS),
						      false, &zf));
	expect_entry("ptwr/cmpxchg-unlocked-entry", data_pte(P_DATA2, PTE_RW_FLAGS));

	/* clear_bit(_PAGE_BIT_RW) on fork: lock andb. */
	check_done("ptwr/lock-andb", lock_byte(entry, OP_AND, (uint8_t)~PTE_RW));
	expect_entry("ptwr/lock-andb-entry", data_pte(P_DATA2, PTE_RW_FLAGS & ~PTE_RW));
	expect_true("ptwr/lock-andb-read-only", !write_under(TEST_VA, 0) && last_trap.vector == 14,
		    "write through the read-only entry: vector %lu", last_trap.vector);
	check_done("ptwr/lock-orb", lock_byte(entry, OP_OR, PTE_RW));
	expect_entry("ptwr/lock-orb-entry", data_pte(P_DATA2, PTE_RW_FLAGS));
	expect_true("ptwr/lock-orb-writable", write_under(TEST_VA, PATTERN2),
		    "write faulted: vector %lu", last_trap.vector);
	check_done("ptwr/lock-xorb", lock_byte(entry, OP_XOR, PTE_D));
	expect_entry("ptwr/lock-xorb-entry", data_pte(P_DATA2, PTE_RW_FLAGS & ~PTE_D));

	check_done("ptwr/lock-btr-imm", lock_bit(entry, false, false, 0, &cf));
	expect_true("ptwr/lock-btr-imm-cf", cf, "CF clear, RW was set");
	expect_entry("ptwr/lock-btr-imm-entry", data_pte(P_DATA2, PTE_P | PTE_A));
	check_done("ptwr/lock-bts-imm", lock_bit(entry, true, false, 0, &cf));
	expect_true("ptwr/lock-bts-imm-cf", !cf, "CF set, RW was clear");
	expect_entry("ptwr/lock-bts-imm-entry", data_pte(P_DATA2, PTE_P | PTE_RW | PTE_A));
	check_done("ptwr/lock-btr-reg", lock_bit(entry, false, true, 5, &cf));
	expect_true("ptwr/lock-btr-reg-cf", cf, "CF clear, A was set");
	expect_entry("ptwr/lock-btr-reg-entry", data_pte(P_DATA2, PTE_P | PTE_RW));
	check_done("ptwr/lock-bts-reg", lock_bit(entry, true, true, 5, &cf));
	expect_entry("ptwr/lock-bts-reg-entry", data_pte(P_DATA2, PTE_P | PTE_RW | PTE_A));

	check_done("ptwr/lock-andq-imm8", lock_andq_imm8(entry));
	expect_entry("ptwr/lock-andq-imm8-entry", data_pte(P_DATA2, PTE_P | PTE_A));
	check_done("ptwr/lock-orq-reg", lock_orq_reg(entry, PTE_RW | PTE_D));
	expect_entry("ptwr/lock-orq-reg-entry", data_pte(P_DATA2, PTE_RW_FLAGS));

	/* Frames below 4 GiB: the low half carries the whole address. */
	check_done("ptwr/movl-low-half", store_l(entry, (uint32_t)data_pte(P_DATA1, PTE_RW_FLAGS)));
	expect_entry("ptwr/movl-low-half-entry", data_pte(P_DATA1, PTE_RW_FLAGS));
	expect_maps("ptwr/movl-low-half-maps", PATTERN1);
	check_done("ptwr/movb-flags", store_b(entry, (uint8_t)PTE_RO_FLAGS));
	expect_entry("ptwr/movb-flags-entry", data_pte(P_DATA1, PTE_RO_FLAGS));
}

/* The write must be a #PF at 'at' (0: any address) leaving the entries. */
static void expect_refused(const char *name, bool completed, unsigned long at)
{
	uint64_t want = data_pte(P_DATA1, PTE_RO_FLAGS);
	char n[80];

	if (completed)
		fail(name, "the write completed, want #PF");
	else if (last_trap.vector != 14 || (at && last_trap.cr2 != at))
		fail(name, "got vector %lu cr2 0x%lx, want #PF at 0x%lx", last_trap.vector,
		     last_trap.cr2, at);
	else
		pass(name);
	snprintf(n, sizeof(n), "%s-unchanged", name);
	expect_true(n, stored() == (want & ~ADDED_BITS) && !entry[1] && !entry[-1],
		    "entry 0x%lx (neighbours 0x%lx 0x%lx), want 0x%lx and 0", (unsigned long)*entry,
		    (unsigned long)entry[-1], (unsigned long)entry[1], (unsigned long)want);
}

static void test_hostile(void)
{
	volatile uint64_t *last = &tree.tab[3][511];
	uint64_t v, acc;
	bool zf;

	expect_refused("hostile/ptwr-own-l1-writable",
		       store_q(entry, pte(tree.mfn[3], PTE_RW_FLAGS)), gva(entry));
	expect_refused("hostile/ptwr-l4-writable",
		       store_q(entry, pte(tree.mfn[0], PTE_RW_FLAGS)), gva(entry));
	expect_refused("hostile/ptwr-boot-l4-writable",
		       store_q(entry, pte(boot_l4_mfn(), PTE_RW_FLAGS)), gva(entry));
	expect_refused("hostile/ptwr-foreign", store_q(entry, pte(foreign_mfn, PTE_RO_FLAGS)),
		       gva(entry));
	expect_refused("hostile/ptwr-unowned", store_q(entry, pte(unowned_mfn, PTE_RO_FLAGS)),
		       gva(entry));
	v = pte(foreign_mfn, PTE_RW_FLAGS);
	expect_refused("hostile/ptwr-xchg-foreign", xchg_q(entry, &v), gva(entry));
	acc = *entry;
	expect_refused("hostile/ptwr-cmpxchg-table-writable",
		       cmpxchg_q(entry, &acc, pte(tree.mfn[2], PTE_RW_FLAGS), true, &zf), gva(entry));
	expect_refused("hostile/ptwr-orb-pcd", lock_byte(entry, OP_OR, PTE_PCD), gva(entry));
	expect_refused("hostile/ptwr-misaligned-q",
		       store_q((volatile char *)entry + 4, data_pte(P_DATA2, PTE_RO_FLAGS)),
		       gva(entry) + 4);
	expect_refused("hostile/ptwr-misaligned-l", store_l((volatile char *)entry + 2, 0),
		       gva(entry) + 2);
	expect_refused("hostile/ptwr-split-entries", store_l((volatile char *)entry + 6, 0),
		       gva(entry) + 6);
	expect_refused("hostile/ptwr-split-pages", store_q((volatile char *)last + 4, 0), 0);
	expect_true("hostile/ptwr-split-pages-last-entry", !*last && ((uint64_t *)pool_page(
		    P_DATA1))[0] == PATTERN1, "last entry 0x%lx", (unsigned long)*last);
	expect_refused("hostile/ptwr-l2-write",
		       store_q(&tree.tab[2][5], pte(tree.mfn[3], PTE_P | PTE_RW | PTE_A)),
		       gva(&tree.tab[2][5]));
	expect_refused("hostile/ptwr-l4-write",
		       store_q(&tree.tab[0][5], pte(tree.mfn[1], PTE_P | PTE_RW | PTE_A)),
		       gva(&tree.tab[0][5]));
	expect_true("hostile/ptwr-upper-levels-unchanged", !tree.tab[2][5] && !tree.tab[0][5],
		    "L2[5] 0x%lx L4[5] 0x%lx", (unsigned long)tree.tab[2][5],
		    (unsigned long)tree.tab[0][5]);
	if (expect_ok("ptwr/vm_assist-disable",
		      HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_writable_pagetables))) {
		expect_refused("hostile/ptwr-assist-off",
			       store_q(entry, data_pte(P_DATA2, PTE_RO_FLAGS)), gva(entry));
		expect_ok("ptwr/vm_assist-reenable",
			  HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables));
	}
	check_done("ptwr/after-hostile", store_q(entry, data_pte(P_DATA2, PTE_RW_FLAGS)));
	expect_maps("ptwr/after-hostile-maps", PATTERN2);
	expect_ok("ptwr/unpin", unpin_table(tree.mfn[0]));
	expect_ok("ptwr/tables-writable-again", tree_protect(&tree, false));
}

void test_main(void)
{
	if (!traps_setup("ptwr/setup"))
		return;
	foreign_mfn = find_foreign_mfn(&unowned_mfn);
	((uint64_t *)pool_page(P_DATA1))[0] = PATTERN1;
	((uint64_t *)pool_page(P_DATA2))[0] = PATTERN2;
	tree_build(&tree, P_TREE, TEST_VA, pool_mfn(P_DATA1), PTE_RW_FLAGS);
	entry = &tree.tab[3][L1_SLOT(TEST_VA)];
	if (!expect_ok("ptwr/tree-read-only", tree_protect(&tree, true)) ||
	    !expect_ok("ptwr/tree-pin", pin_table(4, tree.mfn[0])))
		return;
	if (!expect_ok("ptwr/vm_assist-enable",
		       HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables)))
		return;
	test_forms();
	test_hostile();
}
