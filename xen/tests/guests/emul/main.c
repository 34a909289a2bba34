/* SPDX-License-Identifier: MIT */
/*
 * emul: instructions the hypervisor emulates for a PV guest kernel, or
 * must turn into #GP.
 *
 * Checks, before any trap table, that wrmsr of GS_BASE is emulated (Linux
 * does it first thing) and an unknown MSR reads as 0. Then forced-emulation
 * CPUID (ud2 "xen" cpuid): the hypervisor leaves (signature
 * "XenVMMXenVMM", version equal to XENVER_version), leaf 1 with
 * the hypervisor bit set and PSE, PGE, PSE36, MTRR, VMX, MONITOR, X2APIC
 * hidden, leaf 0x80000001 with LM kept and SVM and 1 GiB pages hidden; a
 * ud2 "xen" not followed by cpuid is a plain #UD. MSRs: FS_BASE and
 * GS_BASE written with wrmsr read back and really used by %fs/%gs loads,
 * set_segment_base seen through rdmsr (FS, user GS as KERNEL_GS_BASE),
 * PAT reads Xen's PV value, a non-canonical base and unknown MSRs #GP.
 * Port I/O: in/out #GP while the virtual IOPL is 0; after
 * PHYSDEVOP_set_iopl(1) reads of an unowned port (0x3e8) return all ones
 * at every width, writes are dropped, cli/sti are allowed; set_iopl
 * refuses 4 (-EINVAL) and bad pointers (-EFAULT). The virtual IOPL in
 * frames (as Xen 4.17): without VMASST_TYPE_architectural_iopl a bounce
 * frame's RFLAGS.IOPL reads 0 and HYPERVISOR_iret leaves the virtual IOPL
 * alone; with it the frame shows the virtual IOPL, iret loads it from
 * the frame's RFLAGS.IOPL and the kernel counts as CPL 0 (in at IOPL 0).
 * cli/sti leave the event mask alone, as Xen 4.17. An emulated wbinvd stepped with TF raises its
 * single-step #DB right after itself, with DR6.BS in the virtual DR6
 * (review #16). Debug registers in the hardware: a write watchpoint
 * raises #DB, DR7 checked as Xen 4.17 (upper half, GD, I/O types only
 * with the guest's CR4.DE). Control registers: CR0.TS
 * follows fpu_taskswitch and clts, an FPU instruction with TS set raises
 * #NM, CR3 reads as our L4's machine address, CR4 shows PAE; wbinvd is a
 * no-op, hlt retires at once (as Xen 4.17: no event is pending or on its
 * way here, so a hypervisor that blocks hangs us) and rdtsc runs.
 *
 * A broken hypervisor exposes PSE or SVM (Linux would then build 2 MiB
 * mappings or probe SVM), loses the FS/GS base, returns host PAT or
 * garbage, lets port I/O reach hardware or crashes the guest on it, or
 * leaves TS stale (the guest kernel then loses FPU state).
 */
#include "guest.h"
#include "shared.h"

#define MSR_PAT            0x277
#define MSR_FS_BASE        0xc0000100
#define MSR_GS_BASE        0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
#define MSR_UNKNOWN        0x0000abcd
#define X86_CR0_TS         (1UL << 3)
#define X86_CR4_PAE        (1UL << 5)
#define UNOWNED_PORT       0x3e8

static bool is_domu(void)
{
	return has_word(guest_cmdline(), "role=domU");
}

static void test_cpuid_hypervisor_leaves(void)
{
	uint32_t r[4];
	char sig[13];

	if (!expect_no_trap("cpuid/0x40000000", probe_xen_cpuid(0x40000000, 0, r)))
		return;
	memcpy(sig, &r[1], 4);
	memcpy(sig + 4, &r[2], 4);
	memcpy(sig + 8, &r[3], 4);
	sig[12] = '\0';
	expect_true("cpuid/signature", !strcmp(sig, "XenVMMXenVMM"), "signature '%s'", sig);
	expect_true("cpuid/max-hypervisor-leaf", r[0] >= 0x40000002 && r[0] < 0x40000100,
		    "eax 0x%x, want 0x40000002 or more", r[0]);
	if (probe_xen_cpuid(0x40000001, 0, r))
		expect_eq("cpuid/version", r[0],
			  (unsigned long)HYPERVISOR_xen_version(XENVER_version, 0));
	else
		fail("cpuid/version", "leaf 0x40000001 trapped (vector %lu)", last_trap.vector);
}

static void test_cpuid_filtered(void)
{
	const uint32_t ecx_hidden = 1u << 3 | 1u << 5 | 1u << 21;   /* MONITOR VMX X2APIC */
	const uint32_t edx_hidden = 1u << 3 | 1u << 12 | 1u << 13 | 1u << 17; /* PSE MTRR PGE PSE36 */
	uint32_t r[4];

	if (expect_no_trap("cpuid/leaf-1", probe_xen_cpuid(1, 0, r))) {
		expect_true("cpuid/leaf-1-hypervisor-bit", r[2] & 1u << 31, "ecx 0x%x", r[2]);
		expect_true("cpuid/leaf-1-no-pse", !(r[3] & 1u << 3), "edx 0x%x", r[3]);
		expect_true("cpuid/leaf-1-hidden", !(r[2] & ecx_hidden) && !(r[3] & edx_hidden),
			    "ecx 0x%x edx 0x%x show MONITOR/VMX/X2APIC/PSE/MTRR/PGE/PSE36",
			    r[2], r[3]);
	}
	if (expect_no_trap("cpuid/0x80000001", probe_xen_cpuid(0x80000001, 0, r)))
		expect_true("cpuid/0x80000001-filtered",
			    (r[3] & 1u << 29) && !(r[3] & 1u << 26) && !(r[2] & 1u << 2),
			    "ecx 0x%x edx 0x%x: want LM, no Page1GB, no SVM", r[2], r[3]);

	trap_clear();
	asm volatile(PROBE_BEGIN ".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e, 0x90, 0x90" PROBE_END
		     ::: "rax", "memory");
	if (expect_trap("cpuid/bad-prefix-ud", 6))
		expect_eq("cpuid/bad-prefix-rip", last_trap.rip, trap_probe_rip);
}

static void test_segment_base_msrs(void)
{
	static volatile unsigned long fs_target = 0xf5f5f5f5f5f5f5f5UL;
	static volatile unsigned long gs_target = 0x6565656565656565UL;
	unsigned long seen;
	uint64_t v;

	if (expect_no_trap("msr/fs-base-write", probe_wrmsr(MSR_FS_BASE, gva(&fs_target)))) {
		expect_true("msr/fs-base-read", probe_rdmsr(MSR_FS_BASE, &v) && v == gva(&fs_target),
			    "read 0x%lx, want 0x%lx", (unsigned long)v, gva(&fs_target));
		asm volatile("movq %%fs:0, %0" : "=r"(seen));
		expect_eq("msr/fs-base-used", seen, fs_target);
	}
	if (expect_no_trap("msr/gs-base-write", probe_wrmsr(MSR_GS_BASE, gva(&gs_target)))) {
		expect_true("msr/gs-base-read", probe_rdmsr(MSR_GS_BASE, &v) && v == gva(&gs_target),
			    "read 0x%lx, want 0x%lx", (unsigned long)v, gva(&gs_target));
		asm volatile("movq %%gs:0, %0" : "=r"(seen));
		expect_eq("msr/gs-base-used", seen, gs_target);
	}
	if (expect_ok("set_segment_base/fs", HYPERVISOR_set_segment_base(SEGBASE_FS, 0x1234000)))
		expect_true("set_segment_base/fs-msr", probe_rdmsr(MSR_FS_BASE, &v) && v == 0x1234000,
			    "FS_BASE reads 0x%lx", (unsigned long)v);
	if (expect_ok("set_segment_base/gs-user",
		      HYPERVISOR_set_segment_base(SEGBASE_GS_USER, 0x5678000)))
		expect_true("set_segment_base/gs-user-msr",
			    probe_rdmsr(MSR_KERNEL_GS_BASE, &v) && v == 0x5678000,
			    "KERNEL_GS_BASE reads 0x%lx", (unsigned long)v);
	expect_ok("set_segment_base/gs-user-sel-null",
		  HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, 0));
	expect_rc("set_segment_base/fs-noncanonical",
		  HYPERVISOR_set_segment_base(SEGBASE_FS, NON_CANONICAL), -XEN_EINVAL);
	expect_rc("set_segment_base/gs-kernel-noncanonical",
		  HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, NON_CANONICAL_HI), -XEN_EINVAL);
	expect_rc("set_segment_base/unknown-which", HYPERVISOR_set_segment_base(4, 0),
		  -XEN_EINVAL);
	expect_ok("set_segment_base/fs-zero", HYPERVISOR_set_segment_base(SEGBASE_FS, 0));

	trap_clear();
	probe_wrmsr(MSR_FS_BASE, NON_CANONICAL);
	if (expect_trap("msr/fs-base-noncanonical", 13))
		expect_eq("msr/fs-base-noncanonical-error", last_trap.error_code, 0);
}

static void test_other_msrs(void)
{
	uint64_t v = 0;

	expect_true("msr/pat", probe_rdmsr(MSR_PAT, &v) && v == 0x0000050100070406UL,
		    "PAT 0x%lx (vector %lu), want 0x0000050100070406", (unsigned long)v,
		    last_trap.vector);
	trap_clear();
	probe_rdmsr(MSR_UNKNOWN, &v);
	if (expect_trap("msr/unknown-read-gp", 13))
		expect_eq("msr/unknown-read-rip", last_trap.rip, trap_probe_rip);
	trap_clear();
	probe_wrmsr(MSR_UNKNOWN, 1);
	expect_trap("msr/unknown-write-gp", 13);
}

/* in from 'port' with width 1, 2 or 4; returns whether it completed. */
static bool probe_in(unsigned int width, uint16_t port, uint32_t *val)
{
	unsigned long before = last_trap.count;
	uint32_t v = 0;

	if (width == 1)
		asm volatile(PROBE_BEGIN "inb %%dx, %%al\n\tmovzbl %%al, %[v]" PROBE_END
			     : [v] "+r"(v) : "d"(port) : "rax", "memory");
	else if (width == 2)
		asm volatile(PROBE_BEGIN "inw %%dx, %%ax\n\tmovzwl %%ax, %[v]" PROBE_END
			     : [v] "+r"(v) : "d"(port) : "rax", "memory");
	else
		asm volatile(PROBE_BEGIN "inl %%dx, %%eax\n\tmovl %%eax, %[v]" PROBE_END
			     : [v] "+r"(v) : "d"(port) : "rax", "memory");
	*val = v;
	return last_trap.count == before;
}

static bool probe_out(uint16_t port, uint8_t v)
{
	unsigned long before = last_trap.count;

	asm volatile("movzbl %[v], %%ecx\n\t"
		     PROBE_ARM "movl %%ecx, %%eax\n\t" PROBE_AT "outb %%al, %%dx" PROBE_END
		     : : [v] "r"(v), "d"(port) : "rax", "rcx", "memory");
	return last_trap.count == before;
}

static long set_iopl(unsigned long arg)
{
	return HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, arg);
}

static void test_port_io(void)
{
	struct physdev_set_iopl iopl = { .iopl = 1 };
	const char *why;
	uint32_t v;

	trap_clear();
	probe_in(1, UNOWNED_PORT, &v);
	if (expect_trap("io/in-no-iopl-gp", 13))
		expect_eq("io/in-no-iopl-rip", last_trap.rip, trap_probe_rip);
	trap_clear();
	probe_out(UNOWNED_PORT, 0x55);
	expect_trap("io/out-no-iopl-gp", 13);

	iopl.iopl = 4;
	expect_rc("physdev/set_iopl-4", set_iopl(gva(&iopl)), -XEN_EINVAL);
	expect_rc("physdev/set_iopl-null", set_iopl(0), -XEN_EFAULT);
	expect_rc("physdev/set_iopl-hypervisor", set_iopl(HV_RANGE_DIRECT), -XEN_EFAULT);
	expect_rc("physdev/unknown-cmd", HYPERVISOR_physdev_op(1000, gva(&iopl)), -XEN_ENOSYS);
	iopl.iopl = 1;
	if (!expect_ok("physdev/set_iopl-1", set_iopl(gva(&iopl))))
		return;
	if (!is_domu()) {
		fail("io/all-ones", "setup: run emul as a domU (role=domU) for unowned ports");
	} else {
		expect_true("io/inb-all-ones", probe_in(1, UNOWNED_PORT, &v) && v == 0xff,
			    "read 0x%x (trapped: %d)", v, last_trap.vector == 13);
		expect_true("io/inw-all-ones", probe_in(2, UNOWNED_PORT, &v) && v == 0xffff,
			    "read 0x%x", v);
		expect_true("io/inl-all-ones", probe_in(4, UNOWNED_PORT, &v) && v == 0xffffffff,
			    "read 0x%x", v);
	}
	expect_no_trap("io/out-with-iopl", probe_out(UNOWNED_PORT, 0x55));
	trap_clear();
	asm volatile(PROBE_BEGIN "cli\n\tsti" PROBE_END ::: "rax", "memory");
	expect_true("io/cli-sti-with-iopl", last_trap.vector == TRAP_NONE,
		    "trapped with vector %lu", last_trap.vector);
	/* As Xen 4.17: retired, the event mask (set since start of day) alone. */
	why = shared_info_map();
	expect_true("io/sti-leaves-event-mask", !why && trap_vcpu_info->evtchn_upcall_mask == 1,
		    "%s", why ? why : "sti cleared the mask");
	if (!why)
		trap_vcpu_info->evtchn_upcall_mask = 1;
	iopl.iopl = 0;
	expect_ok("physdev/set_iopl-0", set_iopl(gva(&iopl)));
	trap_clear();
	probe_in(1, UNOWNED_PORT, &v);
	expect_trap("io/in-after-iopl-0-gp", 13);
}

/* RFLAGS.IOPL of the bounce frame of an int3, or -1 if none came. */
static long frame_iopl(void)
{
	trap_clear();
	asm volatile(PROBE_BEGIN "int3" PROBE_END ::: "rax", "memory");
	return last_trap.vector == 3 ? (long)((last_trap.rflags >> 12) & 3) : -1;
}

/* HYPERVISOR_iret back to kernel mode just below, with RFLAGS.IOPL set to
 * iopl; IF clear keeps events masked, as they are here. */
static void iret_with_iopl(unsigned long iopl)
{
	asm volatile("mov %%rsp, %%rcx\n\t"
		     "pushq %[ss]\n\tpushq %%rcx\n\tpushq %[fl]\n\tpushq %[cs]\n\t"
		     "leaq 1f(%%rip), %%rcx\n\tpushq %%rcx\n\t"
		     "pushq $0\n\tpushq $0\n\tpushq $0\n\tpushq $0\n\t"
		     "movl %[nr], %%eax\n\tsyscall\n1:"
		     : : [ss] "i"(FLAT_KERNEL_SS), [cs] "i"(FLAT_KERNEL_CS & ~3),
		       [fl] "r"(0x2 | (iopl << 12)), [nr] "i"(__HYPERVISOR_iret)
		     : "rax", "rcx", "r11", "memory");
}

static void test_virtual_iopl_in_frames(void)
{
	struct physdev_set_iopl iopl = { .iopl = 1 };
	uint32_t v;
	long got;

	if (!expect_ok("iopl/setup-set_iopl-1", set_iopl(gva(&iopl))))
		return;
	got = frame_iopl();
	expect_true("iopl/frame-0-without-assist", got == 0, "frame IOPL %ld", got);
	iret_with_iopl(0);
	expect_no_trap("iopl/iret-without-assist-keeps", probe_in(1, UNOWNED_PORT, &v));

	if (!expect_ok("iopl/assist-enable",
		       HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_architectural_iopl)))
		return;
	got = frame_iopl();
	expect_true("iopl/frame-shows-virtual-iopl", got == 1, "frame IOPL %ld, want 1", got);
	iret_with_iopl(3);
	got = frame_iopl();
	expect_true("iopl/iret-loads-iopl-3", got == 3, "frame IOPL %ld after iret with 3", got);
	iret_with_iopl(0);
	/* Under the assist the kernel is virtual CPL 0 (Xen's iopl_ok), so
	 * IOPL 0 still lets it do port I/O. */
	expect_no_trap("iopl/assist-kernel-in-at-iopl-0", probe_in(1, UNOWNED_PORT, &v));
	got = frame_iopl();
	expect_true("iopl/frame-0-after-iret-0", got == 0, "frame IOPL %ld", got);

	expect_ok("iopl/assist-disable",
		  HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_architectural_iopl));
	iopl.iopl = 0;
	set_iopl(gva(&iopl));
}

static void test_single_step_emulated(void)
{
	long dr6;

	hypercall2(__HYPERVISOR_set_debugreg, 6, 0xffff0ff0UL);
	trap_clear();
	/* popf sets TF, so wbinvd (emulated) is the stepped instruction; a
	 * missing #DB shows up after the nop instead. */
	asm volatile(PROBE_ARM "pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\t"
		     PROBE_AT "wbinvd\n\tnop" PROBE_END ::: "rax", "memory");
	expect_true("step/emulated-wbinvd-db-after", last_trap.vector == 1 &&
		    last_trap.rip == trap_probe_rip + 2,
		    "trap %lu at 0x%lx, want #DB at 0x%lx", last_trap.vector, last_trap.rip,
		    trap_probe_rip + 2);
	dr6 = hypercall1(__HYPERVISOR_get_debugreg, 6);
	expect_true("step/emulated-wbinvd-dr6-bs", (dr6 & 0x4000) != 0, "virtual DR6 0x%lx", dr6);
	hypercall2(__HYPERVISOR_set_debugreg, 6, 0xffff0ff0UL);
}

#define DR6_DEFAULT  0xffff0ff0UL
#define DR7_DEFAULT  0x400UL
#define DR7_L0       0x1UL
#define DR7_W4_0     (0xdUL << 16)  /* breakpoint 0: data writes, 4 bytes */
#define DR7_IO_0     (0x2UL << 16)  /* breakpoint 0: I/O, needs CR4.DE */
#define X86_CR4_DE   (1UL << 3)

static volatile uint32_t watched;

static long set_dr(unsigned long reg, unsigned long val)
{
	return hypercall2(__HYPERVISOR_set_debugreg, reg, val);
}

static bool write_cr4_probe(unsigned long val)
{
	trap_clear();
	asm volatile(PROBE_BEGIN "mov %0, %%cr4" PROBE_END :: "r"(val) : "rax", "memory");
	return last_trap.vector == TRAP_NONE;
}

/* Guest debug registers reach the hardware (Xen 4.17): a write
 * watchpoint raises #DB after the write with B0 in the virtual DR6, and
 * stops once DR7 is cleared. DR7 with its upper half set is -EINVAL (a
 * hardware write would #GP in the hypervisor), an I/O type -EPERM until
 * the guest sets its CR4.DE, then reads back as written. */
static void test_debug_registers(void)
{
	unsigned long cr4 = 0;
	long dr6;

	set_dr(6, DR6_DEFAULT);
	expect_ok("dr/set-dr0", set_dr(0, gva(&watched)));
	expect_ok("dr/set-dr7-watch", set_dr(7, DR7_DEFAULT | DR7_L0 | DR7_W4_0));
	trap_clear();
	asm volatile(PROBE_BEGIN "movl $1, %0\n\tnop" PROBE_END : "=m"(watched) :: "rax", "memory");
	expect_true("dr/watchpoint-fires", last_trap.vector == 1, "vector %lu after the write",
		    last_trap.vector);
	dr6 = hypercall1(__HYPERVISOR_get_debugreg, 6);
	expect_true("dr/watchpoint-dr6-b0", (dr6 & 1) != 0, "virtual DR6 0x%lx", dr6);
	set_dr(6, DR6_DEFAULT);
	expect_ok("dr/clear-dr7", set_dr(7, DR7_DEFAULT));
	trap_clear();
	asm volatile(PROBE_BEGIN "movl $2, %0\n\tnop" PROBE_END : "=m"(watched) :: "rax", "memory");
	expect_true("dr/cleared-dr7-quiet", last_trap.vector == TRAP_NONE, "vector %lu",
		    last_trap.vector);

	expect_rc("dr/dr7-upper-half", set_dr(7, DR7_DEFAULT | DR7_L0 | (1UL << 32)), -XEN_EINVAL);
	expect_rc("dr/dr7-general-detect", set_dr(7, DR7_DEFAULT | (1UL << 13)), -XEN_EPERM);
	expect_rc("dr/dr7-io-without-de", set_dr(7, DR7_DEFAULT | DR7_L0 | DR7_IO_0), -XEN_EPERM);
	if (!expect_true("dr/cr4-de-set", write_cr4_probe(X86_CR4_DE) && probe_read_cr4(&cr4) &&
			 (cr4 & X86_CR4_DE), "cr4 0x%lx (vector %lu)", cr4, last_trap.vector))
		return;
	expect_ok("dr/dr7-io-with-de", set_dr(7, DR7_DEFAULT | DR7_L0 | DR7_IO_0));
	expect_eq("dr/dr7-io-reads-back", (unsigned long)hypercall1(__HYPERVISOR_get_debugreg, 7),
		  DR7_DEFAULT | DR7_L0 | DR7_IO_0);
	set_dr(7, DR7_DEFAULT);
	write_cr4_probe(0);
	set_dr(0, 0);
}

static void test_control_registers(void)
{
	unsigned long cr0 = 0, cr3 = 0, cr4 = 0;

	expect_ok("fpu_taskswitch/set", HYPERVISOR_fpu_taskswitch(1));
	expect_true("cr0/ts-set", probe_read_cr0(&cr0) && (cr0 & X86_CR0_TS),
		    "cr0 0x%lx (vector %lu)", cr0, last_trap.vector);
	trap_clear();
	asm volatile(PROBE_BEGIN "fninit" PROBE_END ::: "rax", "memory");
	if (expect_trap("nm/fninit-with-ts", 7))
		expect_eq("nm/rip", last_trap.rip, trap_probe_rip);
	expect_ok("fpu_taskswitch/clear", HYPERVISOR_fpu_taskswitch(0));
	expect_true("cr0/ts-clear", probe_read_cr0(&cr0) && !(cr0 & X86_CR0_TS),
		    "cr0 0x%lx", cr0);
	trap_clear();
	asm volatile(PROBE_BEGIN "fninit" PROBE_END ::: "rax", "memory");
	expect_true("nm/fninit-without-ts", last_trap.vector == TRAP_NONE,
		    "trapped with vector %lu", last_trap.vector);

	HYPERVISOR_fpu_taskswitch(1);
	trap_clear();
	asm volatile(PROBE_BEGIN "clts" PROBE_END ::: "rax", "memory");
	expect_true("clts/emulated", last_trap.vector == TRAP_NONE && probe_read_cr0(&cr0) &&
		    !(cr0 & X86_CR0_TS), "vector %lu, cr0 0x%lx", last_trap.vector, cr0);
	HYPERVISOR_fpu_taskswitch(0);

	expect_true("cr3/l4", probe_read_cr3(&cr3) &&
		    cr3 == virt_to_mfn((void *)start_info->pt_base) << 12,
		    "cr3 0x%lx, want mfn of pt_base 0x%lx << 12", cr3,
		    virt_to_mfn((void *)start_info->pt_base));
	expect_true("cr4/pae", probe_read_cr4(&cr4) && (cr4 & X86_CR4_PAE), "cr4 0x%lx", cr4);
}

static void test_misc_instructions(void)
{
	uint32_t lo1, hi1, lo2, hi2;

	trap_clear();
	asm volatile(PROBE_BEGIN "wbinvd" PROBE_END ::: "rax", "memory");
	expect_true("wbinvd/no-op", last_trap.vector == TRAP_NONE, "trapped with vector %lu",
		    last_trap.vector);
	/* Xen 4.17's PV emulation retires hlt and nothing more (review #14:
	 * blocking here with no event on the way hung the vCPU for good). */
	trap_clear();
	asm volatile(PROBE_BEGIN "hlt" PROBE_END ::: "rax", "memory");
	expect_true("hlt/retires", last_trap.vector == TRAP_NONE, "trapped with vector %lu",
		    last_trap.vector);
	asm volatile("rdtsc" : "=a"(lo1), "=d"(hi1));
	asm volatile("rdtsc" : "=a"(lo2), "=d"(hi2));
	expect_true("rdtsc/monotonic", ((uint64_t)hi2 << 32 | lo2) > ((uint64_t)hi1 << 32 | lo1),
		    "0x%x%08x then 0x%x%08x", hi1, lo1, hi2, lo2);
}

/*
 * Before any trap table, as Linux's startup_xen: the GS_BASE write must be
 * emulated, and Xen reads an unknown MSR as 0 while no #GP handler could
 * take the fault. A #GP here would crash us (no closing line).
 */
static void test_msrs_before_handlers(void)
{
	static volatile unsigned long percpu = 0x9e9e9e9e9e9e9e9eUL;
	uint32_t lo, hi;
	unsigned long seen;

	asm volatile("wrmsr" : : "c"(MSR_GS_BASE), "a"((uint32_t)gva(&percpu)),
		     "d"((uint32_t)(gva(&percpu) >> 32)) : "memory");
	asm volatile("movq %%gs:0, %0" : "=r"(seen));
	expect_eq("early/gs-base-wrmsr", seen, percpu);
	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(MSR_UNKNOWN));
	expect_eq("early/unknown-rdmsr-reads-0", (uint64_t)hi << 32 | lo, 0);
	HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, 0);
}

void test_main(void)
{
	test_msrs_before_handlers();
	if (!traps_setup("emul/setup"))
		return;
	test_cpuid_hypervisor_leaves();
	test_cpuid_filtered();
	test_segment_base_msrs();
	test_other_msrs();
	test_port_io();
	test_virtual_iopl_in_frames();
	test_single_step_emulated();
	test_control_registers();
	test_debug_registers();
	test_misc_instructions();
}
