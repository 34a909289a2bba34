/* SPDX-License-Identifier: MIT */
/*
 * mm-desc: guest descriptor tables (set_gdt, update_descriptor,
 * MMUEXT_SET_LDT) and selector loads from them.
 *
 * Installs a GDT frame holding DPL 0 code and data (Xen raises them to
 * DPL 3 in place), a call gate (stored with DPL 0, the guest's DPL in
 * the target RPL), a not-present, an empty and an execute-only entry;
 * loads %es and %ss from it, and %es from an LDT; each bad selector must
 * be #GP (or #NP, not present) to the guest with the selector as error
 * code, and so must a far call through the gate (Xen 4.17 emulates gates
 * for 32-bit PV guests only). Hostile: DPL 0 and system descriptors (interrupt/trap gates, TSS,
 * LDT, call gates into the hypervisor's selectors or with parameter
 * bits) through update_descriptor and set_gdt, writable frames, page
 * tables, foreign and non-RAM frames as descriptor pages, writable
 * mappings of live GDT/LDT frames, misaligned addresses, entry counts one
 * past the limit and huge, and -EFAULT frame lists. Codes are Xen 4.17's
 * (pv/descriptor-tables.c, mm.c).
 *
 * A broken hypervisor lets the guest install a ring-0 code segment or a
 * gate into the hypervisor, write a live descriptor table, or crashes
 * (instead of bouncing #GP) when a selector load fails.
 */
#include "mm.h"

enum { P_GDT = 0, P_LDT = 1, P_BADLDT = 2, P_BAD = 3, P_PLAIN = 4 };

#define D_DATA_DPL0   0x00cf93000000ffffUL  /* writable data, DPL 0 */
#define D_DATA_DPL3   0x00cff3000000ffffUL
#define D_DATA_RO3    0x00cff1000000ffffUL  /* read-only data, DPL 3 */
#define D_CODE64_DPL0 0x00af9b000000ffffUL
#define D_CODE64_DPL3 0x00affb000000ffffUL
#define D_DATA_NP     0x00cf73000000ffffUL  /* DPL 3, not present */
#define D_CODE_XONLY  0x00aff9000000ffffUL  /* execute-only code, DPL 3 */
#define D_INTR_GATE   0x0000ee0000100000UL  /* 64-bit interrupt gate, sel 0x10 */
#define D_TRAP_GATE   0x0000ef0000100000UL
#define D_TSS         0x0000e90000000067UL
#define D_LDT         0x0000e20000000fffUL
/* Call gates: type 0xc, present, DPL 3, target selector in bits 16-31. */
#define CALL_GATE(sel) (0x0000ec0000000000UL | (uint64_t)(sel) << 16)
#define DESC_DPL(d)   (((d) >> 45) & 3)

#define SEL(idx, ldt) ((uint16_t)((idx) << 3 | (ldt) << 2 | 3))

static uint64_t *gdt, *ldt;
static unsigned long foreign_mfn, unowned_mfn;

/* Load %es (or %ss) with sel; *got gets the selector read back. */
static bool load_es(uint16_t sel, uint16_t *got)
{
	unsigned long before = last_trap.count;
	uint16_t r = 0xffff;

	trap_clear();
	asm volatile("movw %w[s], %%r8w\n\t"
		     PROBE_ARM PROBE_AT "movw %%r8w, %%es\n\t"
		     "movw %%es, %%r9w" PROBE_END
		     "movw %%r9w, %w[r]\n\t"
		     "xorl %%r8d, %%r8d\n\t"
		     "movw %%r8w, %%es"
		     : [r] "+r"(r) : [s] "r"(sel) : "rax", "r8", "r9", "memory");
	*got = r;
	return last_trap.count == before;
}

static bool load_ss(uint16_t sel, uint16_t *got)
{
	unsigned long before = last_trap.count;
	uint16_t r = 0xffff;

	trap_clear();
	asm volatile("movw %w[s], %%r8w\n\t"
		     "movw %%ss, %%r9w\n\t"
		     PROBE_ARM PROBE_AT "movw %%r8w, %%ss\n\t"
		     "movw %%ss, %%r10w\n\t"
		     "movw %%r9w, %%ss\n\t"
		     "movw %%r10w, %w[r]" PROBE_END
		     : [r] "+r"(r) : [s] "r"(sel) : "rax", "r8", "r9", "r10", "memory");
	*got = r;
	return last_trap.count == before;
}

static void expect_load_ok(const char *name, bool ss, uint16_t sel)
{
	uint16_t got;
	bool ok = ss ? load_ss(sel, &got) : load_es(sel, &got);

	if (!ok)
		fail(name, "load of 0x%x faulted: vector %lu error 0x%lx", sel, last_trap.vector,
		     last_trap.error_code);
	else
		expect_eq(name, got, sel);
}

/* The load must fault with vector and error code (the selector, RPL 0). */
static void expect_load_fault(const char *name, bool ss, uint16_t sel, unsigned long vector)
{
	uint16_t got;
	bool ok = ss ? load_ss(sel, &got) : load_es(sel, &got);

	if (ok)
		fail(name, "load of 0x%x completed, want vector %lu", sel, vector);
	else if (last_trap.vector != vector || last_trap.error_code != (sel & ~3UL))
		fail(name, "got vector %lu error 0x%lx, want vector %lu error 0x%lx",
		     last_trap.vector, last_trap.error_code, vector, sel & ~3UL);
	else
		pass(name);
}

/* A far call through a stored call gate: #GP with the gate's selector, the
 * guest's to handle, as Xen 4.17 gives a 64-bit PV guest (it emulates
 * gates for 32-bit guests only; review #23). The m16:32 operand reads
 * the same on either CPU vendor. */
static void expect_gate_call_gp(const char *name, uint16_t sel)
{
	static struct { uint32_t off; uint16_t sel; } __attribute__((packed)) fp;
	unsigned long before = last_trap.count;

	fp.off = 0;
	fp.sel = sel;
	trap_clear();
	asm volatile(PROBE_BEGIN "lcall *(%[p])" PROBE_END
		     : : [p] "r"(&fp) : "rax", "memory");
	if (last_trap.count == before)
		fail(name, "far call through gate 0x%x returned, want #GP", sel);
	else if (last_trap.vector != 13 || last_trap.error_code != (sel & ~3UL))
		fail(name, "got vector %lu error 0x%lx, want #GP error 0x%lx",
		     last_trap.vector, last_trap.error_code, sel & ~3UL);
	else
		pass(name);
}

static unsigned long frame_of(const void *p)
{
	return virt_to_mfn(p);
}

static uint64_t slot_maddr(const void *table, unsigned int idx)
{
	return (frame_of(table) << 12) + idx * 8UL;
}

static void fill_gdt(void)
{
	gdt[1] = D_DATA_DPL0;
	gdt[2] = D_CODE64_DPL0;
	gdt[3] = D_DATA_NP;
	gdt[4] = 0;
	gdt[5] = D_CODE_XONLY;
	gdt[6] = CALL_GATE(SEL(2, 0));
	gdt[7] = 0;                       /* the gate's upper half */
	gdt[8] = D_DATA_RO3;
}

static void test_gdt(void)
{
	unsigned long mfn = frame_of(gdt);

	fill_gdt();
	expect_rc("set_gdt/writable-frame", HYPERVISOR_set_gdt(gva(&mfn), 512), -XEN_EINVAL);
	if (!expect_ok("set_gdt/make-read-only", set_page_rw(gdt, false)))
		return;
	if (!expect_ok("set_gdt/install", HYPERVISOR_set_gdt(gva(&mfn), 512)))
		return;
	expect_eq("set_gdt/dpl0-data-raised", gdt[1], D_DATA_DPL3);
	expect_eq("set_gdt/dpl0-code-raised", gdt[2], D_CODE64_DPL3);
	expect_true("set_gdt/call-gate-dpl0", DESC_DPL(gdt[6]) == 0 && ((gdt[6] >> 16) & 3) == 3,
		    "stored gate 0x%lx: want DPL 0 and the guest's DPL 3 in the selector RPL",
		    (unsigned long)gdt[6]);
	expect_load_ok("gdt/load-es", false, SEL(1, 0));
	expect_load_ok("gdt/load-ss", true, SEL(1, 0));
	expect_load_fault("gdt/load-not-present", false, SEL(3, 0), 11);
	expect_load_fault("gdt/load-empty", false, SEL(4, 0), 13);
	expect_load_fault("gdt/load-execute-only", false, SEL(5, 0), 13);
	expect_load_fault("gdt/load-call-gate", false, SEL(6, 0), 13);
	expect_gate_call_gp("gdt/lcall-call-gate-gp", SEL(6, 0));
	expect_load_fault("gdt/load-ss-read-only", true, SEL(8, 0), 13);
	expect_load_fault("gdt/load-ss-code", true, SEL(2, 0), 13);
	expect_load_fault("gdt/load-past-frames", false, SEL(600, 0), 13);
	expect_rc("hostile/gdt-frame-rw", set_page_rw(gdt, true), -XEN_EBUSY);
	expect_rc("hostile/gdt-frame-rw-mmu_update",
		  mmu_update1(l1e_maddr(gva(gdt)), pte(mfn, PTE_RW_FLAGS)), -XEN_EBUSY);
	expect_true("hostile/gdt-frame-still-ro", gdt[1] == D_DATA_DPL3, "gdt[1] 0x%lx",
		    (unsigned long)gdt[1]);
}

static void test_update_descriptor(void)
{
	uint64_t *plain = pool_page(P_PLAIN);

	expect_ok("update_descriptor/live-gdt", HYPERVISOR_update_descriptor(slot_maddr(gdt, 9),
									     D_DATA_DPL0));
	expect_eq("update_descriptor/live-gdt-raised", gdt[9], D_DATA_DPL3);
	expect_load_ok("update_descriptor/live-gdt-load", false, SEL(9, 0));
	expect_ok("update_descriptor/code-dpl0",
		  HYPERVISOR_update_descriptor(slot_maddr(gdt, 10), D_CODE64_DPL0));
	expect_eq("update_descriptor/code-dpl0-raised", gdt[10], D_CODE64_DPL3);
	expect_ok("update_descriptor/call-gate",
		  HYPERVISOR_update_descriptor(slot_maddr(gdt, 12), CALL_GATE(SEL(2, 0))));
	expect_eq("update_descriptor/call-gate-dpl0", DESC_DPL(gdt[12]), 0);
	expect_ok("update_descriptor/not-present", HYPERVISOR_update_descriptor(slot_maddr(gdt, 11),
										D_DATA_NP));
	expect_load_fault("update_descriptor/not-present-load", false, SEL(11, 0), 11);
	expect_ok("update_descriptor/plain-frame",
		  HYPERVISOR_update_descriptor(slot_maddr(plain, 3), D_DATA_DPL0));
	expect_eq("update_descriptor/plain-frame-written", plain[3], D_DATA_DPL3);

	expect_rc("hostile/update_descriptor-gate-to-xen-cs",
		  HYPERVISOR_update_descriptor(slot_maddr(gdt, 13), CALL_GATE(0xe008)), -XEN_EINVAL);
	expect_rc("hostile/update_descriptor-gate-params",
		  HYPERVISOR_update_descriptor(slot_maddr(gdt, 13), CALL_GATE(SEL(2, 0)) | 3UL << 32),
		  -XEN_EINVAL);
	expect_rc("hostile/update_descriptor-interrupt-gate",
		  HYPERVISOR_update_descriptor(slot_maddr(gdt, 13), D_INTR_GATE), -XEN_EINVAL);
	expect_rc("hostile/update_descriptor-trap-gate",
		  HYPERVISOR_update_descriptor(slot_maddr(gdt, 13), D_TRAP_GATE), -XEN_EINVAL);
	expect_rc("hostile/update_descriptor-tss",
		  HYPERVISOR_update_descriptor(slot_maddr(gdt, 13), D_TSS), -XEN_EINVAL);
	expect_rc("hostile/update_descriptor-ldt",
		  HYPERVISOR_update_descriptor(slot_maddr(gdt, 13), D_LDT), -XEN_EINVAL);
	expect_eq("hostile/update_descriptor-refused-unchanged", gdt[13], 0);
	expect_rc("hostile/update_descriptor-misaligned",
		  HYPERVISOR_update_descriptor(slot_maddr(gdt, 13) + 4, D_DATA_DPL3), -XEN_EINVAL);
	expect_rc("hostile/update_descriptor-page-table",
		  HYPERVISOR_update_descriptor(boot_l4_mfn() << 12 | 0x800, D_DATA_DPL3),
		  -XEN_EINVAL);
	expect_rc("hostile/update_descriptor-foreign",
		  HYPERVISOR_update_descriptor(foreign_mfn << 12, D_DATA_DPL3), -XEN_EINVAL);
	expect_rc("hostile/update_descriptor-beyond-ram",
		  HYPERVISOR_update_descriptor(1UL << 44, D_DATA_DPL3), -XEN_EINVAL);
}

/* A frame set_gdt must refuse, then give back as plain memory. */
static void refuse_gdt_frame(const char *name, uint64_t desc)
{
	uint64_t *bad = pool_page(P_BAD);
	unsigned long mfn = frame_of(bad);
	char n[80];

	memset(bad, 0, PAGE_SIZE);
	bad[1] = D_DATA_DPL3;
	bad[20] = desc;
	if (set_page_rw(bad, false)) {
		fail(name, "setup: cannot make the frame read-only");
		return;
	}
	expect_rc(name, HYPERVISOR_set_gdt(gva(&mfn), 512), -XEN_EINVAL);
	expect_ok(case_name(n, sizeof(n), name, "frame-released"), set_page_rw(bad, true));
}

static void test_set_gdt_hostile(void)
{
	unsigned long frames[2] = { frame_of(gdt), 0 };
	static const unsigned long bad_ptrs[] = {
		0, HV_RANGE_START, HV_RANGE_LAST, NON_CANONICAL, UNMAPPED_VA,
	};
	static const char *const names[] = {
		"efault/set_gdt-list/null", "efault/set_gdt-list/hv-start", "efault/set_gdt-list/hv-end",
		"efault/set_gdt-list/noncanonical", "efault/set_gdt-list/unmapped",
	};

	refuse_gdt_frame("hostile/set_gdt-interrupt-gate", D_INTR_GATE);
	refuse_gdt_frame("hostile/set_gdt-tss", D_TSS);
	refuse_gdt_frame("hostile/set_gdt-gate-to-xen-cs", CALL_GATE(0xe008));
	expect_rc("hostile/set_gdt-entries-7169", HYPERVISOR_set_gdt(gva(frames), 7169), -XEN_EINVAL);
	expect_rc("hostile/set_gdt-entries-huge", HYPERVISOR_set_gdt(gva(frames), 0x7fffffff),
		  -XEN_EINVAL);
	expect_rc("hostile/set_gdt-entries-negative", HYPERVISOR_set_gdt(gva(frames), ~0UL),
		  -XEN_EINVAL);
	frames[1] = boot_l4_mfn();
	expect_rc("hostile/set_gdt-page-table", HYPERVISOR_set_gdt(gva(frames), 1024), -XEN_EINVAL);
	frames[1] = foreign_mfn;
	expect_rc("hostile/set_gdt-foreign", HYPERVISOR_set_gdt(gva(frames), 1024), -XEN_EINVAL);
	frames[1] = unowned_mfn;
	expect_rc("hostile/set_gdt-unowned", HYPERVISOR_set_gdt(gva(frames), 1024), -XEN_EINVAL);
	for (unsigned int i = 0; i < ARRAY_SIZE(bad_ptrs); i++)
		expect_rc(names[i], HYPERVISOR_set_gdt(bad_ptrs[i], 512), -XEN_EFAULT);
	/* After all that the installed GDT still works. */
	expect_load_ok("gdt/still-loads", false, SEL(1, 0));
}

static void test_ldt(void)
{
	uint64_t *bad = pool_page(P_BADLDT);
	uint16_t got;
	long rc;

	ldt[1] = D_DATA_DPL0;
	if (!expect_ok("set_ldt/make-read-only", set_page_rw(ldt, false)))
		return;
	if (!expect_ok("set_ldt/install", mmuext1(MMUEXT_SET_LDT, gva(ldt), 512)))
		return;
	expect_load_ok("ldt/load-es", false, SEL(1, 1));
	expect_eq("ldt/dpl0-raised", ldt[1], D_DATA_DPL3);
	expect_load_fault("ldt/load-empty", false, SEL(2, 1), 13);
	expect_rc("hostile/ldt-frame-rw", set_page_rw(ldt, true), -XEN_EBUSY);
	expect_ok("set_ldt/two-entries", mmuext1(MMUEXT_SET_LDT, gva(ldt), 2));
	expect_load_ok("ldt/two-entries-load", false, SEL(1, 1));
	expect_load_fault("ldt/load-past-limit", false, SEL(5, 1), 13);

	expect_rc("hostile/set_ldt-misaligned", mmuext1(MMUEXT_SET_LDT, gva(ldt) + 8, 1), -XEN_EINVAL);
	expect_rc("hostile/set_ldt-8193-entries", mmuext1(MMUEXT_SET_LDT, gva(ldt), 8193),
		  -XEN_EINVAL);
	expect_rc("hostile/set_ldt-hypervisor", mmuext1(MMUEXT_SET_LDT, HV_RANGE_START, 1),
		  -XEN_EINVAL);
	expect_rc("hostile/set_ldt-noncanonical", mmuext1(MMUEXT_SET_LDT, NON_CANONICAL, 1),
		  -XEN_EINVAL);
	expect_load_ok("ldt/still-loads", false, SEL(1, 1));

	/* Xen checks LDT frames when first used (a fault maps them), so a
	 * bad frame is accepted here and the load is a #PF at the entry. */
	memset(bad, 0, PAGE_SIZE);
	bad[1] = D_INTR_GATE;
	set_page_rw(bad, false);
	rc = mmuext1(MMUEXT_SET_LDT, gva(bad), 512);
	if (expect_ok("hostile/set_ldt-bad-frame", rc)) {
		bool ok = load_es(SEL(1, 1), &got);

		expect_true("hostile/set_ldt-bad-frame-load-pf", !ok && last_trap.vector == 14,
			    "load completed %d, vector %lu", ok, last_trap.vector);
	}
	expect_ok("set_ldt/none", mmuext1(MMUEXT_SET_LDT, 0, 0));
	/* ents 0 means no LDT; Xen ignores the address then. */
	expect_ok("set_ldt/zero-entries-any-address", mmuext1(MMUEXT_SET_LDT, HV_RANGE_START, 0));
	expect_load_fault("ldt/none-load", false, SEL(1, 1), 13);
	expect_ok("set_ldt/released-frame-rw", set_page_rw(ldt, true));
	expect_ok("set_ldt/bad-frame-rw", set_page_rw(bad, true));
}

static void test_gdt_release(void)
{
	expect_ok("set_gdt/empty", HYPERVISOR_set_gdt(0, 0));
	expect_ok("set_gdt/released-frame-rw", set_page_rw(gdt, true));
	expect_load_fault("gdt/empty-load", false, SEL(1, 0), 13);
}

void test_main(void)
{
	if (!traps_setup("desc/setup"))
		return;
	gdt = pool_page(P_GDT);
	ldt = pool_page(P_LDT);
	foreign_mfn = find_foreign_mfn(&unowned_mfn);
	if (!foreign_mfn || !unowned_mfn)
		fail("desc/foreign", "setup: no foreign (0x%lx) or unowned (0x%lx) frame",
		     foreign_mfn, unowned_mfn);
	test_gdt();
	test_update_descriptor();
	test_set_gdt_hostile();
	test_ldt();
	test_gdt_release();
}
