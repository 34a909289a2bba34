/* SPDX-License-Identifier: MIT */
/*
 * traps: the virtual IDT (set_trap_table) and exceptions bounced to the
 * guest kernel.
 *
 * Checks set_trap_table: a good table, an empty one, an unaligned one, NULL
 * (clears), a partial update that keeps the other vectors; hostile tables with a
 * non-canonical handler (-EINVAL) and unreadable table pointers (-EFAULT).
 * Then raises, in guest kernel mode, #UD (ud2), #BP (int3, int $3), #DE,
 * #GP from lidt, cli without I/O privilege and a non-canonical load, #PF
 * for an unmapped read, write and instruction fetch, a write to the
 * read-only L4 and a read of the hypervisor range (CR2 each time, from the
 * emulated mov from %cr2 and from vcpu_info.arch.cr2), int $0x80 through a
 * DPL 3 entry, and int $0x81 through a DPL 0 entry and int $0x82 with no entry, both #GP with error
 * code vector * 8 + 2 (decoded from the instruction: QEMU's TCG reports a
 * wrong code). Each frame is checked: vector, RIP (the instruction for
 * faults, after it for traps), error code, CS with RPL 0 and the saved
 * event mask in bits 32-39, SS, IF clear, the RCX/R11 words, RSP and
 * 16-byte alignment. HYPERVISOR_iret must restore every register and the
 * arithmetic flags.
 *
 * A broken hypervisor crashes the guest instead of bouncing, delivers to
 * the wrong vector, reports RPL 3 for kernel-mode faults, takes the #GP
 * error code from a buggy CPU model, lets int $0x81 through despite DPL 0,
 * loses CR2, or clobbers registers on the iret path.
 */
#include "guest.h"
#include "shared.h"

static void check_kernel_frame(const char *name)
{
	unsigned long cs = last_trap.cs;
	char n[64];

	snprintf(n, sizeof(n), "%s/frame", name);
	expect_true(n, (cs & 0xffff) == (FLAT_KERNEL_CS & ~3UL) && (cs >> 32 & 0xff) == 1 &&
		    ((last_trap.ss & 0xffff) | 3) == FLAT_KERNEL_SS &&
		    !(last_trap.rflags & 0x200) && last_trap.frame_top % 16 == 0,
		    "cs 0x%lx (want 0x%lx, mask 1 in bits 32-39) ss 0x%lx rflags 0x%lx "
		    "frame top 0x%lx", cs, FLAT_KERNEL_CS & ~3UL, last_trap.ss,
		    last_trap.rflags, last_trap.frame_top);
}

/* Vector, RIP, error code (-1: none pushed) and frame of last_trap. */
static void check_trap(const char *name, unsigned long vector, unsigned long rip, long err)
{
	char n[64];

	snprintf(n, sizeof(n), "%s/vector", name);
	if (!expect_trap(n, vector))
		return;
	snprintf(n, sizeof(n), "%s/rip", name);
	expect_eq(n, last_trap.rip, rip);
	if (err >= 0) {
		snprintf(n, sizeof(n), "%s/error-code", name);
		expect_eq(n, last_trap.error_code, (unsigned long)err);
	}
	check_kernel_frame(name);
}

static void check_pf(const char *name, unsigned long rip, unsigned long cr2, long err)
{
	char n[64];

	check_trap(name, 14, rip, err);
	if (last_trap.vector != 14)
		return;
	snprintf(n, sizeof(n), "%s/cr2", name);
	if (last_trap.cr2 == CR2_UNREADABLE)
		fail(n, "mov from %%cr2 was not emulated (it faulted)");
	else
		expect_eq(n, last_trap.cr2, cr2);
	snprintf(n, sizeof(n), "%s/vcpu-info-cr2", name);
	if (shared)
		expect_eq(n, shared->vcpu_info[0].arch.cr2, cr2);
}

/* Returns whether a trap table is installed at the end. */
static bool test_set_trap_table(void)
{
	struct trap_info bad[] = {
		{ 0x40, 0, FLAT_KERNEL_CS, NON_CANONICAL },
		{ 0, 0, 0, 0 },
	};
	struct trap_info bad_second[] = {
		{ 0x41, 0, FLAT_KERNEL_CS, trap_entry_address(6) },
		{ 0x42, 0, FLAT_KERNEL_CS, NON_CANONICAL_HI },
		{ 0, 0, 0, 0 },
	};
	struct trap_info empty[] = { { 0, 0, 0, 0 } };
	struct trap_info bp[] = {
		{ 3, 3, FLAT_KERNEL_CS, trap_entry_address(3) },
		{ 0, 0, 0, 0 },
	};
	static char unaligned[sizeof(bp) + 8] __attribute__((aligned(16)));

	expect_ok("set_trap_table/install", traps_init());
	expect_ok("set_trap_table/empty", HYPERVISOR_set_trap_table(gva(empty)));
	memcpy(unaligned + 4, bp, sizeof(bp));
	expect_ok("set_trap_table/unaligned", HYPERVISOR_set_trap_table(gva(unaligned + 4)));
	expect_rc("set_trap_table/noncanonical-handler",
		  HYPERVISOR_set_trap_table(gva(bad)), -XEN_EINVAL);
	expect_rc("set_trap_table/noncanonical-second",
		  HYPERVISOR_set_trap_table(gva(bad_second)), -XEN_EINVAL);
	expect_rc("set_trap_table/table-unmapped", HYPERVISOR_set_trap_table(UNMAPPED_VA),
		  -XEN_EFAULT);
	expect_rc("set_trap_table/table-hypervisor",
		  HYPERVISOR_set_trap_table(HV_RANGE_DIRECT), -XEN_EFAULT);
	expect_rc("set_trap_table/table-noncanonical",
		  HYPERVISOR_set_trap_table(NON_CANONICAL), -XEN_EFAULT);
	expect_ok("set_trap_table/null-clears", HYPERVISOR_set_trap_table(0));
	return expect_ok("set_trap_table/reinstall", traps_init());
}

static void test_ud_frame(void)
{
	unsigned long rsp_at = 0;

	trap_clear();
	asm volatile("movabs $0x1111111111111111, %%rcx\n\t"
		     "movabs $0x2222222222222222, %%r11\n\t"
		     "movq %%rsp, %[sp]\n\t"
		     PROBE_BEGIN "ud2" PROBE_END
		     : [sp] "=m"(rsp_at) : : "rax", "rcx", "r11", "memory");
	check_trap("ud", 6, trap_probe_rip, -1);
	if (last_trap.vector != 6)
		return;
	expect_eq("ud/rcx-word", last_trap.rcx, 0x1111111111111111UL);
	expect_eq("ud/r11-word", last_trap.r11, 0x2222222222222222UL);
	expect_eq("ud/rsp", last_trap.rsp, rsp_at);
}

static void test_breakpoints(void)
{
	unsigned long before;

	trap_clear();
	asm volatile(PROBE_BEGIN "int3" PROBE_END ::: "rax", "memory");
	check_trap("bp-int3", 3, trap_probe_rip + 1, -1);
	trap_clear();
	asm volatile(PROBE_BEGIN ".byte 0xcd, 0x03" PROBE_END ::: "rax", "memory");
	check_trap("bp-int-3", 3, trap_probe_rip + 2, -1);
	/* A trap resumes after the instruction with no fixup at all. */
	before = last_trap.count;
	asm volatile("int3" ::: "memory");
	expect_eq("bp-resumes", last_trap.count, before + 1);
}

static void test_divide_and_gp(void)
{
	static const struct { uint16_t limit; uint64_t base; } __attribute__((packed)) idtr;

	trap_clear();
	asm volatile(PROBE_ARM "xorl %%edx, %%edx\n\tmovl $1, %%eax\n\t"
		     PROBE_AT "divl %[z]" PROBE_END
		     : : [z] "r"(0) : "rax", "rdx", "memory");
	check_trap("de", 0, trap_probe_rip, -1);

	trap_clear();
	asm volatile(PROBE_BEGIN "lidt %[m]" PROBE_END : : [m] "m"(idtr) : "rax", "memory");
	check_trap("gp-lidt", 13, trap_probe_rip, 0);

	trap_clear();
	asm volatile(PROBE_BEGIN "cli" PROBE_END ::: "rax", "memory");
	check_trap("gp-cli-no-iopl", 13, trap_probe_rip, 0);

	trap_clear();
	asm volatile(PROBE_BEGIN "movq (%[p]), %%rdx" PROBE_END
		     : : [p] "r"(NON_CANONICAL) : "rax", "rdx", "memory");
	check_trap("gp-noncanonical", 13, trap_probe_rip, 0);
}

static void test_page_faults(void)
{
	unsigned long l4 = start_info->pt_base, v;

	trap_clear();
	probe_read(UNMAPPED_VA, &v);
	check_pf("pf-read", trap_probe_rip, UNMAPPED_VA, 0);

	trap_clear();
	probe_write(UNMAPPED_VA + 8, 1);
	check_pf("pf-write", trap_probe_rip, UNMAPPED_VA + 8, 2);

	/* Write back what is there: if the write wrongly succeeds, nothing changes. */
	trap_clear();
	probe_write(l4 + 8, *(volatile unsigned long *)(l4 + 8));
	check_pf("pf-write-read-only-l4", trap_probe_rip, l4 + 8, 3);

	trap_clear();
	asm volatile(PROBE_BEGIN "jmp *%[t]" PROBE_END
		     : : [t] "r"(UNMAPPED_VA + 0x40) : "rax", "memory");
	check_pf("pf-fetch", UNMAPPED_VA + 0x40, UNMAPPED_VA + 0x40, 0x10);

	/* Present but supervisor-only: only vector and CR2 are portable. */
	trap_clear();
	probe_read(HV_RANGE_DIRECT, &v);
	if (expect_trap("pf-hypervisor-range/vector", 14))
		expect_eq("pf-hypervisor-range/cr2", last_trap.cr2, HV_RANGE_DIRECT);
}

static void test_soft_interrupts(void)
{
	struct trap_info t81[] = {
		{ 0x81, 0, FLAT_KERNEL_CS, trap_entry_address(0x81) },
		{ 0, 0, 0, 0 },
	};

	trap_clear();
	asm volatile(PROBE_BEGIN "int $0x80" PROBE_END ::: "rax", "memory");
	check_trap("int80-dpl3", 0x80, trap_probe_rip + 2, -1);

	if (!expect_ok("set_trap_table/add-0x81-dpl0", HYPERVISOR_set_trap_table(gva(t81))))
		return;
	trap_clear();
	asm volatile(PROBE_BEGIN "int $0x81" PROBE_END ::: "rax", "memory");
	check_trap("int81-dpl0", 13, trap_probe_rip, 0x81 * 8 + 2);

	trap_clear();
	asm volatile(PROBE_BEGIN "int $0x82" PROBE_END ::: "rax", "memory");
	check_trap("int82-no-entry", 13, trap_probe_rip, 0x82 * 8 + 2);

	trap_clear();
	asm volatile(PROBE_BEGIN "int3" PROBE_END ::: "rax", "memory");
	expect_trap("set_trap_table/partial-keeps-others", 3);
}

/* Every register but rax (the probe's) and the flags survive a bounce and iret. */
static void test_iret_restores(void)
{
	unsigned long out[14], carry_set = 0, carry_clear = 1;
	static const unsigned long want[14] = {
		0xb0b0, 0xc1c1, 0xd2d2, 0x5151, 0xd1d1, 0xb9b9,
		0x0808, 0x0909, 0x1010, 0x1111, 0x1212, 0x1313, 0x1414, 0x1515,
	};

	asm volatile("push %%rbx\n\tpush %%rbp\n\tpush %%r12\n\tpush %%r13\n\t"
		     "push %%r14\n\tpush %%r15\n\tpush %%rdi\n\t"
		     "mov $0xb0b0, %%ebx\n\tmov $0xc1c1, %%ecx\n\tmov $0xd2d2, %%edx\n\t"
		     "mov $0x5151, %%esi\n\tmov $0xd1d1, %%edi\n\tmov $0xb9b9, %%ebp\n\t"
		     "mov $0x0808, %%r8d\n\tmov $0x0909, %%r9d\n\tmov $0x1010, %%r10d\n\t"
		     "mov $0x1111, %%r11d\n\tmov $0x1212, %%r12d\n\tmov $0x1313, %%r13d\n\t"
		     "mov $0x1414, %%r14d\n\tmov $0x1515, %%r15d\n\t"
		     PROBE_BEGIN "ud2" PROBE_END
		     "mov %%rdi, %%rax\n\t"
		     "mov (%%rsp), %%rdi\n\t"
		     "mov %%rbx, 0(%%rdi)\n\tmov %%rcx, 8(%%rdi)\n\tmov %%rdx, 16(%%rdi)\n\t"
		     "mov %%rsi, 24(%%rdi)\n\tmov %%rax, 32(%%rdi)\n\tmov %%rbp, 40(%%rdi)\n\t"
		     "mov %%r8, 48(%%rdi)\n\tmov %%r9, 56(%%rdi)\n\tmov %%r10, 64(%%rdi)\n\t"
		     "mov %%r11, 72(%%rdi)\n\tmov %%r12, 80(%%rdi)\n\tmov %%r13, 88(%%rdi)\n\t"
		     "mov %%r14, 96(%%rdi)\n\tmov %%r15, 104(%%rdi)\n\t"
		     "pop %%rdi\n\tpop %%r15\n\tpop %%r14\n\tpop %%r13\n\tpop %%r12\n\t"
		     "pop %%rbp\n\tpop %%rbx"
		     : : "D"(out)
		     : "rax", "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "memory");
	if (expect_trap("iret/registers-trapped", 6)) {
		bool same = !memcmp(out, want, sizeof(out));
		unsigned int i = 0;

		while (i < 13 && out[i] == want[i])
			i++;
		expect_true("iret/registers", same, "register %u: got 0x%lx, want 0x%lx",
			    i, out[i], want[i]);
	}
	asm volatile("stc\n\t" PROBE_BEGIN "ud2" PROBE_END "setc %b0"
		     : "+r"(carry_set) : : "rax", "memory");
	asm volatile("clc\n\t" PROBE_BEGIN "ud2" PROBE_END "setc %b0"
		     : "+r"(carry_clear) : : "rax", "memory");
	expect_true("iret/flags", (carry_set & 0xff) == 1 && (carry_clear & 0xff) == 0,
		    "carry after iret: %lu with stc, %lu with clc", carry_set & 0xff,
		    carry_clear & 0xff);
}

void test_main(void)
{
	const char *why;

	if (!test_set_trap_table()) {
		/* Without a trap table every probe below would crash us. */
		fail("traps", "setup: no trap table, exception cases not run");
		return;
	}
	why = shared_info_map();
	if (why)
		fail("shared-info", "setup: %s; #PF cases skip vcpu_info.arch.cr2", why);
	test_ud_frame();
	test_breakpoints();
	test_divide_and_gp();
	test_page_faults();
	test_soft_interrupts();
	test_iret_restores();
}
