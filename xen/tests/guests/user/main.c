/* SPDX-License-Identifier: MIT */
/*
 * user: guest-user mode and the ways back into the guest kernel.
 *
 * Checks callback_op (good syscall and failsafe callbacks, set_callbacks
 * with all three; unknown type -ENOSYS, a
 * non-canonical address -EINVAL, bad pointers -EFAULT, unknown command
 * -ENOSYS), then enters guest-user mode with HYPERVISOR_iret (CS RPL 3,
 * own stack; needs MMUEXT_NEW_USER_BASEPTR and stack_switch) and checks
 * that `syscall` there reaches the syscall callback instead of being a
 * hypercall (rax 17 would otherwise run xen_version) with RIP after the
 * instruction, RCX = that RIP, user CS and RSP; int3 and int $0x80 (DPL 3)
 * reach their handlers with user CS and iret back to user mode; int $0x81
 * (DPL 0) is #GP 0x40a; #PF from user mode has the U bit and CR2; ud2 and a
 * CR0 read (not emulated for user mode) fault; every entry from user mode
 * lands on the stack_switch stack; user mode sees the user GS base and the
 * kernel gets its own back (the GS bases swap with the mode), FS is shared.
 * Single-step (review #16): a user #DB from TF reaches the kernel with
 * DR6.BS set in the virtual DR6 (get_debugreg(6)), and a forced-emulation
 * CPUID stepped with TF raises its #DB right after itself, as natively.
 *
 * A broken hypervisor runs user syscalls as hypercalls (a user process
 * could then do anything the kernel may), delivers user traps on the user
 * stack or with kernel CS, emulates privileged instructions for user
 * mode, or cannot return to user mode at all.
 */
#include <public/callback.h>
#include "guest.h"
#include "shared.h"
#include "user.h"
#include "mm.h"

extern void syscall_entry(void), event_entry(void), failsafe_entry(void);

/* The code run in user mode; the *_at labels mark the interesting RIPs. */
void user_syscall(void), user_syscall_ret(void);
void user_int3(void), user_int3_ret(void);
void user_int80(void), user_int80_ret(void);
void user_int81(void), user_int81_at(void);
void user_pf(void), user_pf_at(void);
void user_ud(void), user_ud_at(void);
void user_cr0(void), user_cr0_at(void);
void user_read_gs(void), user_read_fs(void), user_load_gs(void);
void user_cli_out(void), user_cli_out_at(void);
void user_movss_int3(void), user_movss_int3_ret(void), user_movss_int3_step(void);
void user_movss_int80(void), user_movss_int80_ret(void), user_movss_int80_step(void);
void user_movss_syscall(void), user_movss_syscall_ret(void);
void user_step_nop(void), user_step_nop_after(void);
void user_step_cpuid(void), user_step_cpuid_after(void);
/* TF set by popf steps the instruction after the popf. */
#define SET_TF "pushfq\n\torq $0x100, (%rsp)\n\tpopfq\n\t"
asm(".pushsection .text\n"
    "user_step_nop:\n\t" SET_TF "nop\n"
    "user_step_nop_after:\n\tnop\n\tud2\n"
    "user_step_cpuid:\n\txor %eax, %eax\n\txor %ecx, %ecx\n\t" SET_TF
    ".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e, 0x0f, 0xa2\n"
    "user_step_cpuid_after:\n\tnop\n\tud2\n"
    ".popsection");
/* MOV SS with TF set holds the single-step trap across the next
 * instruction, so it arrives after the switch to ring 0 (XSA-260). TF stays
 * set in user mode: the next user instruction after the handler steps. */
#define MOVSS_TF "mov %ss, %ebx\n\tpushfq\n\torq $0x100, (%rsp)\n\tpopfq\n\tmov %ebx, %ss\n\t"
asm(".pushsection .text\n"
    "user_movss_int3:\n\t" MOVSS_TF "int3\nuser_movss_int3_ret:\n\tnop\n"
    "user_movss_int3_step:\n\tud2\n"
    "user_movss_int80:\n\t" MOVSS_TF "int $0x80\nuser_movss_int80_ret:\n\tnop\n"
    "user_movss_int80_step:\n\tud2\n"
    "user_movss_syscall:\n\tmov $5, %eax\n\t" MOVSS_TF "syscall\n"
    "user_movss_syscall_ret:\n\tud2\n"
    ".popsection");
asm(".pushsection .text\n"
    "user_syscall:\n\tmov $17, %eax\n\txor %edi, %edi\n\tsyscall\n"
    "user_syscall_ret:\n\tud2\n"
    "user_int3:\n\tint3\nuser_int3_ret:\n\tmov $1, %eax\n\tsyscall\n\tud2\n"
    "user_int80:\n\tint $0x80\nuser_int80_ret:\n\tmov $2, %eax\n\tsyscall\n\tud2\n"
    "user_int81:\nuser_int81_at:\n\tint $0x81\n\tud2\n"
    "user_pf:\n\tmovabs $0x100000000000, %rbx\n"
    "user_pf_at:\n\tmov (%rbx), %rax\n\tud2\n"
    "user_ud:\nuser_ud_at:\n\tud2\n"
    "user_cr0:\nuser_cr0_at:\n\tmov %cr0, %rax\n\tud2\n"
    "user_read_gs:\n\tmov %gs:0, %rax\n\tsyscall\n\tud2\n"
    "user_read_fs:\n\tmov %fs:0, %rax\n\tsyscall\n\tud2\n"
    "user_load_gs:\n\tmov $0x0f, %eax\n\tmov %eax, %gs\n\tsyscall\n\tud2\n"
    "user_cli_out:\nuser_cli_out_at:\n\tcli\n\tmov $0x55, %al\n\toutb %al, $0x80\n\tsti\n"
    "\tmov $3, %eax\n\tsyscall\n\tud2\n"
    ".popsection");

static void test_callback_op(void)
{
	struct callback_register cb = { CALLBACKTYPE_syscall, CALLBACKF_mask_events,
					(unsigned long)syscall_entry };
	struct callback_register bad_type = { 100, 0, (unsigned long)syscall_entry };
	struct callback_register bad_addr = { CALLBACKTYPE_syscall, 0, NON_CANONICAL };
	struct callback_register failsafe = { CALLBACKTYPE_failsafe, CALLBACKF_mask_events,
					      (unsigned long)failsafe_entry };

	expect_ok("callback_op/register-syscall", HYPERVISOR_callback_op(CALLBACKOP_register,
									 gva(&cb)));
	expect_rc("callback_op/unknown-type",
		  HYPERVISOR_callback_op(CALLBACKOP_register, gva(&bad_type)), -XEN_ENOSYS);
	expect_rc("callback_op/noncanonical-address",
		  HYPERVISOR_callback_op(CALLBACKOP_register, gva(&bad_addr)), -XEN_EINVAL);
	expect_rc("callback_op/null", HYPERVISOR_callback_op(CALLBACKOP_register, 0),
		  -XEN_EFAULT);
	expect_rc("callback_op/hypervisor",
		  HYPERVISOR_callback_op(CALLBACKOP_register, HV_RANGE_DIRECT), -XEN_EFAULT);
	expect_rc("callback_op/unknown-cmd", HYPERVISOR_callback_op(7, gva(&cb)), -XEN_ENOSYS);
	expect_ok("callback_op/register-failsafe",
		  HYPERVISOR_callback_op(CALLBACKOP_register, gva(&failsafe)));
	/* The older hypercall: event, failsafe and syscall callbacks at once. */
	expect_ok("set_callbacks/all", hypercall3(__HYPERVISOR_set_callbacks,
						   (unsigned long)event_entry,
						   (unsigned long)failsafe_entry,
						   (unsigned long)syscall_entry));
}

/* User CS (RPL 3), events masked, the frame on the stack_switch stack. */
static void check_user_frame(const char *name, volatile struct trap_record *r)
{
	char n[64];

	snprintf(n, sizeof(n), "%s/frame", name);
	expect_true(n, (r->cs & 0xffff) == FLAT_USER_CS && (r->ss & 0xffff) == FLAT_USER_SS &&
		    r->frame_top == user_kernel_stack_top(),
		    "cs 0x%lx ss 0x%lx, frame top 0x%lx (want the stack_switch top 0x%lx)",
		    r->cs, r->ss, r->frame_top, user_kernel_stack_top());
}

static void check_exit(const char *name, unsigned long how, unsigned long vector,
		       unsigned long rip)
{
	char n[64];

	snprintf(n, sizeof(n), "%s/vector", name);
	if (!expect_eq(n, how, vector))
		return;
	snprintf(n, sizeof(n), "%s/rip", name);
	expect_eq(n, user_exit.rip, rip);
	check_user_frame(name, &user_exit);
}

static void test_syscall(void)
{
	unsigned long how = user_run(user_syscall);

	check_exit("user-syscall", how, VECTOR_SYSCALL, (unsigned long)user_syscall_ret);
	if (how != VECTOR_SYSCALL)
		return;
	expect_eq("user-syscall/not-a-hypercall", user_exit.rax, 17);
	expect_eq("user-syscall/rcx-word", user_exit.rcx, (unsigned long)user_syscall_ret);
	expect_eq("user-syscall/rsp", user_exit.rsp, user_stack_top());
}

static void test_soft_traps(void)
{
	unsigned long how;

	user_resumed.vector = TRAP_NONE;
	how = user_run(user_int3);
	if (expect_eq("user-int3/vector", user_resumed.vector, 3)) {
		expect_eq("user-int3/rip", user_resumed.rip, (unsigned long)user_int3_ret);
		check_user_frame("user-int3", &user_resumed);
	}
	expect_true("user-int3/iret-to-user", how == VECTOR_SYSCALL && user_exit.rax == 1,
		    "after the handler: exit vector 0x%lx rax %lu", how, user_exit.rax);

	user_resumed.vector = TRAP_NONE;
	how = user_run(user_int80);
	if (expect_eq("user-int80/vector", user_resumed.vector, 0x80)) {
		expect_eq("user-int80/rip", user_resumed.rip, (unsigned long)user_int80_ret);
		check_user_frame("user-int80", &user_resumed);
	}
	expect_true("user-int80/iret-to-user", how == VECTOR_SYSCALL && user_exit.rax == 2,
		    "after the handler: exit vector 0x%lx rax %lu", how, user_exit.rax);
}

/* The hypervisor survives the held #DB (it arrives in its own context and
 * is dropped, as on Xen) and the guest gets its int3 / int $0x80 / syscall;
 * then TF, still set, steps the next user instruction: a guest #DB. */
static void movss_case(const char *name, void (*fn)(void), unsigned long vector,
		       unsigned long resumed_rip, unsigned long step_rip)
{
	char n[64];
	unsigned long how;

	user_resumed.vector = TRAP_NONE;
	how = user_run(fn);
	snprintf(n, sizeof(n), "%s/delivered", name);
	expect_eq(n, user_resumed.vector, vector);
	snprintf(n, sizeof(n), "%s/rip", name);
	expect_eq(n, user_resumed.rip, resumed_rip);
	snprintf(n, sizeof(n), "%s/then-single-step", name);
	expect_true(n, how == 1 && user_exit.rip == step_rip && (user_exit.rflags & 0x100),
		    "exit vector 0x%lx at 0x%lx, rflags 0x%lx", how, user_exit.rip,
		    user_exit.rflags);
}

static void test_movss(void)
{
	unsigned long how;

	movss_case("user-movss-int3", user_movss_int3, 3, (unsigned long)user_movss_int3_ret,
		   (unsigned long)user_movss_int3_step);
	movss_case("user-movss-int80", user_movss_int80, 0x80,
		   (unsigned long)user_movss_int80_ret, (unsigned long)user_movss_int80_step);
	how = user_run(user_movss_syscall);
	expect_true("user-movss-syscall/delivered", how == VECTOR_SYSCALL && user_exit.rax == 5 &&
		    user_exit.rcx == (unsigned long)user_movss_syscall_ret &&
		    (user_exit.r11 & 0x100),
		    "exit 0x%lx rax %lu rcx 0x%lx r11 0x%lx", how, user_exit.rax, user_exit.rcx,
		    user_exit.r11);
}

/*
 * A failed return to user mode (an iret frame with a CS the CPU refuses)
 * goes to the failsafe callback on the kernel stack from stack_switch, as
 * on Xen, never on the user RSP of the refused frame: that would let user
 * code aim an 88-byte kernel write anywhere (review #4).
 * failsafe_iret(rsp) irets to user mode with CS 0x0f (an LDT selector; we
 * have no LDT) and that RSP; failsafe_catch records where the frame landed
 * and returns from failsafe_iret.
 */
unsigned long failsafe_iret(unsigned long rsp);
void failsafe_catch(void);
unsigned long failsafe_saved_rsp, failsafe_frame_at, failsafe_frame[11];
asm(".pushsection .text\n"
    "failsafe_iret:\n\t"
    "push %rbx\n\tpush %rbp\n\tpush %r12\n\tpush %r13\n\tpush %r14\n\tpush %r15\n\t"
    "mov %rsp, failsafe_saved_rsp(%rip)\n\t"
    "pushq $0xe02b\n\tpush %rdi\n\tpushq $0x2\n\tpushq $0x0f\n\t"
    "leaq user_ud(%rip), %rax\n\tpush %rax\n\t"
    "pushq $0\n\tpushq $0\n\tpushq $0\n\tpushq $0\n\t"
    "mov $23, %eax\n\tsyscall\n\tud2\n"
    "failsafe_catch:\n\t"
    "mov %rsp, failsafe_frame_at(%rip)\n\t"
    "mov %rsp, %rsi\n\tleaq failsafe_frame(%rip), %rdi\n\tmov $11, %ecx\n\trep movsq\n\t"
    "mov failsafe_saved_rsp(%rip), %rsp\n\t"
    "pop %r15\n\tpop %r14\n\tpop %r13\n\tpop %r12\n\tpop %rbp\n\tpop %rbx\n\t"
    "mov $0x102, %eax\n\tret\n"
    ".popsection");

static unsigned long victim[64];

static void test_failsafe_stack(void)
{
	struct callback_register fs = { CALLBACKTYPE_failsafe, 0, (unsigned long)failsafe_catch };
	unsigned long want = user_kernel_stack_top() - sizeof(failsafe_frame);
	bool intact = true;

	if (!expect_ok("failsafe-stack/setup-register",
		       HYPERVISOR_callback_op(CALLBACKOP_register, gva(&fs))))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(victim); i++)
		victim[i] = 0x5a5a5a5a00000000UL | i;
	expect_eq("failsafe-stack/callback", failsafe_iret(gva(&victim[32])), 0x102);
	for (unsigned int i = 0; i < ARRAY_SIZE(victim); i++)
		intact &= victim[i] == (0x5a5a5a5a00000000UL | i);
	expect_true("failsafe-stack/user-rsp-untouched", intact,
		    "the kernel memory the user RSP named was written");
	expect_eq("failsafe-stack/on-kernel-stack", failsafe_frame_at, want);
	/* As every bounce frame (and Xen's failsafe frame): the CS word carries
	 * the event mask in bits 32-39 (the refused frame had IF clear, so
	 * masked) and RFLAGS shows that as IF clear. */
	expect_eq("failsafe-stack/frame-cs", failsafe_frame[7], 0x0fUL | (1UL << 32));
	expect_eq("failsafe-stack/frame-rflags", failsafe_frame[8], 0x2);
	expect_eq("failsafe-stack/frame-rsp", failsafe_frame[9], gva(&victim[32]));
}

static void test_faults(void)
{
	struct trap_info t81[] = {
		{ 0x81, 0, FLAT_KERNEL_CS, trap_entry_address(0x81) },
		{ 0, 0, 0, 0 },
	};
	unsigned long how;

	if (expect_ok("user-int81/set_trap_table", HYPERVISOR_set_trap_table(gva(t81)))) {
		how = user_run(user_int81);
		check_exit("user-int81", how, 13, (unsigned long)user_int81_at);
		if (how == 13)
			expect_eq("user-int81/error-code", user_exit.error_code, 0x81 * 8 + 2);
	}
	how = user_run(user_pf);
	check_exit("user-pf", how, 14, (unsigned long)user_pf_at);
	if (how == 14) {
		expect_eq("user-pf/error-code", user_exit.error_code, 4);
		expect_eq("user-pf/cr2", user_exit.cr2, UNMAPPED_VA);
	}
	how = user_run(user_ud);
	check_exit("user-ud", how, 6, (unsigned long)user_ud_at);
	how = user_run(user_cr0);
	check_exit("user-cr0-not-emulated", how, 13, (unsigned long)user_cr0_at);
}

static long set_iopl(unsigned int level)
{
	struct physdev_set_iopl iopl = { .iopl = level };

	return HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, gva(&iopl));
}

/* Virtual IOPL in user mode (Xen's iopl_ok: user mode is virtual CPL 3):
 * cli, outb and sti run at IOPL 3 (cli/sti retired, the event mask left
 * alone; the write to an unowned port dropped), #GP at the cli below it. */
static void test_user_iopl(void)
{
	const char *why = shared_info_map();
	unsigned long how;
	uint8_t mask = why ? 0 : trap_vcpu_info->evtchn_upcall_mask;

	if (!expect_ok("user-iopl/set_iopl-3", set_iopl(3)))
		return;
	how = user_run(user_cli_out);
	expect_true("user-iopl/cli-out-sti-at-iopl-3", how == VECTOR_SYSCALL,
		    "exit vector 0x%lx at 0x%lx (want the syscall after them)", how,
		    user_exit.rip);
	expect_true("user-iopl/mask-unchanged", !why && trap_vcpu_info->evtchn_upcall_mask == mask,
		    "%s, was %u", why ? why : "the mask changed", mask);
	set_iopl(1);
	how = user_run(user_cli_out);
	check_exit("user-iopl/cli-gp-at-iopl-1", how, 13, (unsigned long)user_cli_out_at);
	set_iopl(0);
}

/* GS bases swap with the mode (user and kernel GS), FS does not. */
static void test_segment_bases(void)
{
	static volatile unsigned long user_gs = 0x1515151515151515UL;
	static volatile unsigned long kernel_gs = 0x6b6b6b6b6b6b6b6bUL;
	static volatile unsigned long fs = 0xf5f5f5f5f5f5f5f5UL;
	unsigned long seen, how;

	if (!expect_ok("user-gs/set-user-base",
		       HYPERVISOR_set_segment_base(SEGBASE_GS_USER, gva(&user_gs))) ||
	    !expect_ok("user-gs/set-kernel-base",
		       HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, gva(&kernel_gs))) ||
	    !expect_ok("user-fs/set-base", HYPERVISOR_set_segment_base(SEGBASE_FS, gva(&fs))))
		return;
	how = user_run(user_read_gs);
	expect_true("user-gs/user-base-in-user-mode", how == VECTOR_SYSCALL &&
		    user_exit.rax == user_gs, "exit 0x%lx, %%gs:0 read 0x%lx in user mode",
		    how, user_exit.rax);
	asm volatile("movq %%gs:0, %0" : "=r"(seen));
	expect_eq("user-gs/kernel-base-after", seen, kernel_gs);
	how = user_run(user_read_fs);
	expect_true("user-fs/shared", how == VECTOR_SYSCALL && user_exit.rax == fs,
		    "exit 0x%lx, %%fs:0 read 0x%lx in user mode", how, user_exit.rax);
	HYPERVISOR_set_segment_base(SEGBASE_FS, 0);
	HYPERVISOR_set_segment_base(SEGBASE_GS_USER, 0);
	HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, 0);
}

/* GS selectors with a base of their own (review #17): LDT entry 1 (selector
 * 0x0f) is DPL 3 data based at GS_DESC_BASE. SEGBASE_GS_USER_SEL loads it
 * for user mode, so user mode's GS base is the descriptor's; a user
 * `mov %gs` loads it too, and the base must survive the syscall into the
 * kernel. The kernel sees the user's base as MSR_KERNEL_GS_BASE (the
 * inactive base), its own as MSR_GS_BASE. A hypervisor that forces
 * non-flat selectors to null, or does not save the live base when the
 * mode changes, shows 0 or the old base. */
#define MSR_GS_BASE_NR        0xc0000101
#define MSR_KERNEL_GS_BASE_NR 0xc0000102
#define GS_DESC_BASE          0x12345000UL
#define D_DATA3_BASED         0x12cff3345000ffffUL
static uint64_t gs_ldt[512] __attribute__((aligned(4096)));

static unsigned int asm_gs(void)
{
	unsigned int sel;

	asm volatile("mov %%gs, %0" : "=r"(sel));
	return sel;
}

static void test_gs_selectors(void)
{
	static volatile unsigned long kernel_gs = 0x6b6b6b6b6b6b6b6bUL;
	unsigned long how;
	uint64_t v;

	gs_ldt[1] = D_DATA3_BASED;
	if (!expect_ok("user-gs-sel/ldt-read-only", set_page_rw(gs_ldt, false)) ||
	    !expect_ok("user-gs-sel/set-ldt", mmuext1(MMUEXT_SET_LDT, gva(gs_ldt), 2)) ||
	    !expect_ok("user-gs-sel/set-kernel-base",
		       HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, gva(&kernel_gs))))
		return;
	expect_ok("user-gs-sel/load", HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, 0x0f));
	expect_true("user-gs-sel/user-base-from-descriptor",
		    probe_rdmsr(MSR_KERNEL_GS_BASE_NR, &v) && v == GS_DESC_BASE,
		    "KERNEL_GS_BASE reads 0x%lx, want 0x%lx", (unsigned long)v, GS_DESC_BASE);
	expect_true("user-gs-sel/kernel-base-kept",
		    probe_rdmsr(MSR_GS_BASE_NR, &v) && v == gva(&kernel_gs),
		    "GS_BASE reads 0x%lx", (unsigned long)v);
	/* A selector past the LDT's limit would fault: loaded as null. */
	expect_ok("user-gs-sel/faulting-selector", HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, 0x2f));
	expect_true("user-gs-sel/faulting-is-null", (asm_gs() & ~3) == 0, "%%gs is 0x%x", asm_gs());
	expect_ok("user-gs-sel/zero-base", HYPERVISOR_set_segment_base(SEGBASE_GS_USER, 0));
	how = user_run(user_load_gs);
	expect_true("user-gs-sel/user-mov-base-kept", how == VECTOR_SYSCALL &&
		    probe_rdmsr(MSR_KERNEL_GS_BASE_NR, &v) && v == GS_DESC_BASE,
		    "exit 0x%lx, KERNEL_GS_BASE reads 0x%lx after the user's mov to %%gs",
		    how, (unsigned long)v);
	HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, 0);
	mmuext1(MMUEXT_SET_LDT, 0, 0);
	set_page_rw(gs_ldt, true);
	HYPERVISOR_set_segment_base(SEGBASE_GS_USER, 0);
	HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, 0);
}

#define DR6_DEFAULT 0xffff0ff0UL
#define DR6_BS      0x4000UL

/* Run fn, which sets TF: the first #DB must come at 'after', with BS in
 * the virtual DR6 (reset to its default before). */
static void step_case(const char *name, void (*fn)(void), void (*after)(void))
{
	char n[64];
	unsigned long how;
	long dr6;

	hypercall2(__HYPERVISOR_set_debugreg, 6, DR6_DEFAULT);
	how = user_run(fn);
	snprintf(n, sizeof(n), "%s/db-after-insn", name);
	expect_true(n, how == 1 && user_exit.rip == (unsigned long)after,
		    "exit vector 0x%lx at 0x%lx, want #DB at 0x%lx", how, user_exit.rip,
		    (unsigned long)after);
	dr6 = hypercall1(__HYPERVISOR_get_debugreg, 6);
	snprintf(n, sizeof(n), "%s/dr6-bs", name);
	expect_true(n, how == 1 && (dr6 & DR6_BS), "virtual DR6 0x%lx", dr6);
	hypercall2(__HYPERVISOR_set_debugreg, 6, DR6_DEFAULT);
}

static void test_single_step(void)
{
	step_case("user-step-nop", user_step_nop, user_step_nop_after);
	step_case("user-step-forced-cpuid", user_step_cpuid, user_step_cpuid_after);
}

static const char *const user_cases[] = {
	"user-syscall", "user-int3", "user-int80", "user-int81", "user-pf", "user-ud",
	"user-cr0-not-emulated", "user-gs", "user-fs", "user-movss-int3", "user-movss-int80",
	"user-movss-syscall", "failsafe-stack", "user-step-nop", "user-step-forced-cpuid",
	"user-gs-sel",
	"user-iopl",
};

void test_main(void)
{
	const char *why;

	if (!traps_setup("user/setup"))
		return;
	test_callback_op();
	why = user_setup();
	if (why) {
		/* No silent skips: every case that needed user mode fails. */
		for (unsigned int i = 0; i < ARRAY_SIZE(user_cases); i++)
			fail(user_cases[i], "setup: %s", why);
		return;
	}
	test_syscall();
	test_soft_traps();
	test_faults();
	test_segment_bases();
	test_gs_selectors();
	test_movss();
	test_failsafe_stack();
	test_single_step();
	test_user_iopl();
}
