/* SPDX-License-Identifier: MIT */
/*
 * Trap dispatch and probes (see traps.h). A probe arms trap_fixup_rip, so
 * a deliberate fault resumes after the instruction with the bounce frame
 * recorded in last_trap; the library's own guarded accesses (reading CR2
 * inside the #PF handler) use the exception table instead, so they never
 * consume a probe's fixup.
 */
#include "guest.h"
#include "user.h"

struct trap_entry_desc {
	unsigned long vector, address;
};
extern const struct trap_entry_desc trap_entries[], trap_entries_end[];

struct ex_entry {
	unsigned long fault_rip, fixup_rip;
};
extern const struct ex_entry __ex_table_start[], __ex_table_end[];

volatile struct trap_record last_trap = { .vector = TRAP_NONE };
volatile unsigned long trap_fixup_rip;
volatile unsigned long trap_probe_rip;
unsigned long trap_iret_stub;
volatile struct vcpu_info *trap_vcpu_info;
static unsigned int trap_depth;

void trap_dispatch(struct trap_frame *f);

unsigned long trap_entry_address(unsigned int vector)
{
	for (const struct trap_entry_desc *e = trap_entries; e < trap_entries_end; e++)
		if (e->vector == vector)
			return e->address;
	return 0;
}

bool vector_has_error_code(unsigned int vector)
{
	switch (vector) {
	case 8: case 10: case 11: case 12: case 13: case 14:
	case 17: case 21: case 29: case 30:
		return true;
	default:
		return false;
	}
}

long traps_init(void)
{
	struct trap_info table[34];
	unsigned int n = 0;

	for (unsigned int v = 0; v < 32; v++) {
		/* int3 and into must work from guest user mode too. */
		uint8_t dpl = (v == 3 || v == 4) ? 3 : 0;

		table[n++] = (struct trap_info){ v, dpl, FLAT_KERNEL_CS, trap_entry_address(v) };
	}
	table[n++] = (struct trap_info){ 0x80, 3, FLAT_KERNEL_CS, trap_entry_address(0x80) };
	table[n] = (struct trap_info){ 0, 0, 0, 0 };
	return HYPERVISOR_set_trap_table(gva(table));
}

bool traps_setup(const char *name)
{
	long rc = traps_init();

	if (rc)
		fail(name, "setup: set_trap_table returned %ld, traps cannot be caught", rc);
	return rc == 0;
}

void trap_clear(void)
{
	last_trap.vector = TRAP_NONE;
}

/* CR2 via the emulated `mov %cr2`; a fault there is caught by the ex table. */
static unsigned long read_cr2_guarded(void)
{
	unsigned long v = CR2_UNREADABLE;

	asm volatile("1: mov %%cr2, %0\n"
		     "2:\n"
		     ".pushsection .ex_table, \"a\"\n"
		     ".quad 1b, 2b\n"
		     ".popsection\n"
		     : "+r"(v));
	return v;
}

static const struct ex_entry *ex_lookup(unsigned long rip)
{
	for (const struct ex_entry *e = __ex_table_start; e < __ex_table_end; e++)
		if (e->fault_rip == rip)
			return e;
	return NULL;
}

static void record(const struct trap_frame *f, unsigned long cr2)
{
	last_trap.vector = f->vector;
	last_trap.error_code = f->error_code;
	last_trap.rip = f->rip;
	last_trap.cs = f->cs;
	last_trap.rflags = f->rflags;
	last_trap.rsp = f->rsp;
	last_trap.ss = f->ss;
	last_trap.rcx = f->rcx;
	last_trap.r11 = f->r11;
	last_trap.rax = f->rax;
	last_trap.cr2 = cr2;
	last_trap.frame_top = (unsigned long)(&f->ss + 1);
	last_trap.upcall_mask = trap_vcpu_info ? trap_vcpu_info->evtchn_upcall_mask : ~0UL;
	last_trap.count++;
}

static bool is_trap_like(unsigned long vector)
{
	return vector == 3 || vector == 4 || vector == 0x80 || vector == VECTOR_EVENT;
}

static void __attribute__((noreturn)) unexpected(const struct trap_frame *f, unsigned long cr2)
{
	fail("unexpected-trap", "vector %lu error 0x%lx at rip 0x%lx cs 0x%lx rsp 0x%lx cr2 0x%lx",
	     f->vector, f->error_code, f->rip, f->cs, f->rsp, cr2);
	guest_finish();
}

void trap_dispatch(struct trap_frame *f)
{
	unsigned long cr2 = 0;
	const struct ex_entry *ex;
	enum user_trap_action action;

	if (++trap_depth > 3) {
		/* Faulting while handling faults: say so once and stop. */
		static const char msg[] = "FAIL trap-recursion: nested traps, crashing\n";

		console_write(msg, sizeof(msg) - 1);
		guest_shutdown(SHUTDOWN_crash);
	}
	ex = ex_lookup(f->rip);
	if (f->vector == 14 && !ex)
		cr2 = read_cr2_guarded();
	record(f, cr2);

	action = ex ? USER_NOT_MINE : user_trap(f);
	if (ex) {
		f->rip = ex->fixup_rip;
	} else if (action == USER_EXIT) {
		trap_depth--;
		user_leave(f->vector);
	} else if (action == USER_RESUME) {
		/* iret to guest-user mode, after the instruction */
	} else if (trap_fixup_rip) {
		f->rip = trap_fixup_rip;
		trap_fixup_rip = 0;
		/* A probe that set TF wanted one step: stop stepping. */
		if (f->vector == 1)
			f->rflags &= ~0x100UL;
	} else if (!is_trap_like(f->vector)) {
		unexpected(f, cr2);
	}
	/*
	 * An upcall returns with events masked: the guest cannot know the
	 * source is quiet, and iret would otherwise deliver it again at once.
	 */
	if (f->vector == VECTOR_EVENT)
		f->rflags &= ~0x200UL;
	trap_depth--;
}

static unsigned long trap_count(void)
{
	return last_trap.count;
}

bool probe_read(unsigned long va, unsigned long *val)
{
	unsigned long before = trap_count(), v = 0;

	asm volatile(PROBE_BEGIN "movq (%[p]), %[v]" PROBE_END
		     : [v] "+r"(v) : [p] "r"(va) : "rax", "memory");
	*val = v;
	return trap_count() == before;
}

bool probe_write(unsigned long va, unsigned long val)
{
	unsigned long before = trap_count();

	asm volatile(PROBE_BEGIN "movq %[v], (%[p])" PROBE_END
		     : : [v] "r"(val), [p] "r"(va) : "rax", "memory");
	return trap_count() == before;
}

bool probe_rdmsr(uint32_t msr, uint64_t *val)
{
	unsigned long before = trap_count();
	uint32_t lo = 0, hi = 0;

	/* rax is the probe's scratch: copy eax out before the fixup label. */
	asm volatile(PROBE_BEGIN "rdmsr\n\tmovl %%eax, %[lo]" PROBE_END
		     : [lo] "+r"(lo), "+d"(hi) : "c"(msr) : "rax", "memory");
	*val = (uint64_t)hi << 32 | lo;
	return trap_count() == before;
}

bool probe_wrmsr(uint32_t msr, uint64_t val)
{
	unsigned long before = trap_count();

	asm volatile("movq %[v], %%r8\n\t"
		     PROBE_ARM "movl %%r8d, %%eax\n\t"
		     PROBE_AT "wrmsr" PROBE_END
		     : : [v] "r"(val), "c"(msr), "d"((uint32_t)(val >> 32))
		     : "rax", "r8", "memory");
	return trap_count() == before;
}

static bool probe_read_cr(int n, unsigned long *val)
{
	unsigned long before = trap_count(), v = 0;

	switch (n) {
	case 0:
		asm volatile(PROBE_BEGIN "mov %%cr0, %[v]" PROBE_END
			     : [v] "+r"(v) : : "rax", "memory");
		break;
	case 3:
		asm volatile(PROBE_BEGIN "mov %%cr3, %[v]" PROBE_END
			     : [v] "+r"(v) : : "rax", "memory");
		break;
	default:
		asm volatile(PROBE_BEGIN "mov %%cr4, %[v]" PROBE_END
			     : [v] "+r"(v) : : "rax", "memory");
		break;
	}
	*val = v;
	return trap_count() == before;
}

bool probe_read_cr0(unsigned long *val)
{
	return probe_read_cr(0, val);
}

bool probe_read_cr3(unsigned long *val)
{
	return probe_read_cr(3, val);
}

bool probe_read_cr4(unsigned long *val)
{
	return probe_read_cr(4, val);
}

bool probe_xen_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4])
{
	unsigned long before = trap_count();
	uint32_t a = leaf, b = 0, c = subleaf, d = 0;

	/* eax is both input and output: park the leaf in r8 around the arm. */
	asm volatile("movl %[a], %%r8d\n\t"
		     PROBE_ARM "movl %%r8d, %%eax\n\t"
		     PROBE_AT XEN_CPUID "\n\t"
		     "movl %%eax, %%r8d"
		     PROBE_END
		     "movl %%r8d, %[a]"
		     : [a] "+r"(a), "+b"(b), "+c"(c), "+d"(d)
		     : : "rax", "r8", "memory");
	regs[0] = a, regs[1] = b, regs[2] = c, regs[3] = d;
	return trap_count() == before;
}

bool expect_trap(const char *name, unsigned long vector)
{
	if (last_trap.vector == vector) {
		pass(name);
		return true;
	}
	if (last_trap.vector == TRAP_NONE)
		fail(name, "no trap, want vector %lu", vector);
	else
		fail(name, "got vector %lu (error 0x%lx at 0x%lx), want vector %lu",
		     last_trap.vector, last_trap.error_code, last_trap.rip, vector);
	return false;
}

bool expect_no_trap(const char *name, bool completed)
{
	if (completed) {
		pass(name);
		return true;
	}
	fail(name, "trapped: vector %lu error 0x%lx at rip 0x%lx", last_trap.vector,
	     last_trap.error_code, last_trap.rip);
	return false;
}
