/* SPDX-License-Identifier: GPL-2.0 */
/* x86 vCPU state: initial registers, and the context switch between vCPUs
 * on one CPU. The running vCPU's frame lives in cpu_info->guest_regs; a
 * switch saves it with the FPU and segment state and loads the next. */
#include <asm/cpu-info.h>
#include <asm/debugreg.h>
#include <asm/desc.h>
#include <asm/entry.h>
#include <asm/flush.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv/pv.h>
#include <public/vcpu.h>
#include <xeno/arch-domain.h>
#include <xeno/arch-sched.h>
#include <xeno/domain.h>
#include <xeno/guest-time.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/sched.h>


#define GUEST_RFLAGS_DEFAULT 0x202UL   /* IF, and the always-one bit */

void arch_vcpu_init(struct vcpu *v)
{
	v->arch.kernel_mode = true;
	v->arch.regs.cs = __GUEST_CS64;
	v->arch.regs.ss = __GUEST_DS;
	v->arch.regs.rflags = GUEST_RFLAGS_DEFAULT;
	v->arch.debugreg[6] = DR6_RESERVED_ONE;   /* architectural reset values */
	v->arch.debugreg[7] = DR7_RESERVED_ONE;
}

void pv_init_vcpu_regs(struct vcpu *v, uint64_t rip, uint64_t rsp, uint64_t rsi)
{
	struct cpu_regs *r = &v->arch.regs;

	memset(r, 0, sizeof(*r));
	r->rip = rip;
	r->rsp = rsp;
	r->rsi = rsi;
	r->cs = __GUEST_CS64;
	r->ss = __GUEST_DS;
	r->rflags = GUEST_RFLAGS_DEFAULT;
	v->arch.kernel_sp = rsp;
	v->arch.kernel_ss = __GUEST_DS;
	v->arch.kernel_mode = true;
}

/* The data selectors as the guest left them, and the bases: FS's, and
 * GS's for the mode v is in (the other mode's GS base is already in
 * v->arch, put there by the last mode switch or hypercall). */
static void save_segments(struct vcpu *v)
{
	asm volatile("mov %%ds, %0; mov %%es, %1; mov %%fs, %2; mov %%gs, %3"
		     : "=m"(v->arch.sel_ds), "=m"(v->arch.sel_es),
		       "=m"(v->arch.sel_fs), "=m"(v->arch.sel_gs));
	v->arch.fs_base = rdmsr(MSR_FS_BASE);
	if (v->arch.kernel_mode)
		v->arch.gs_base_kernel = rdmsr(MSR_GS_BASE);
	else
		v->arch.gs_base_user = rdmsr(MSR_GS_BASE);
}

/* Load a guest data selector; one that faults (its descriptor went away)
 * becomes null, as a failed reload leaves it in Xen before the failsafe. */
#define LOAD_SEG(seg, sel) do {						\
	uint64_t s_ = (sel);						\
	asm volatile("1: mov %w0, %%" seg "\n"				\
		     "2:\n"						\
		     ".section .fixup, \"ax\"\n"			\
		     "3: xor %k0, %k0; mov %w0, %%" seg "; jmp 2b\n"	\
		     ".previous\n"					\
		     ".section .ex_table, \"a\"\n"			\
		     ".balign 8; .quad 1b, 3b\n"			\
		     ".previous" : "+r"(s_) :: "memory");		\
} while (0)

static void load_segments(struct vcpu *v)
{
	/* The vCPU's selectors, then the bases (a load resets them). */
	LOAD_SEG("ds", v->arch.sel_ds);
	LOAD_SEG("es", v->arch.sel_es);
	LOAD_SEG("fs", v->arch.sel_fs);
	LOAD_SEG("gs", v->arch.sel_gs);
	wrmsr(MSR_FS_BASE, v->arch.fs_base);
	wrmsr(MSR_GS_BASE, v->arch.kernel_mode ? v->arch.gs_base_kernel
					       : v->arch.gs_base_user);
}

static void fpu_save(struct vcpu *v)
{
	asm volatile("clts; fxsaveq %0" : "=m"(v->arch.fpu));   /* TS may be the guest's */
}

static void fpu_load(struct vcpu *v)
{
	if (!v->arch.fpu_initialised) {
		asm volatile("fninit");
		/* MXCSR default: all exceptions masked. */
		uint32_t mxcsr = 0x1f80;
		asm volatile("ldmxcsr %0" :: "m"(mxcsr));
		v->arch.fpu_initialised = true;
		return;
	}
	asm volatile("fxrstorq %0" :: "m"(v->arch.fpu));
}

static void fpu_restore_ts(struct vcpu *v)
{
	if (v->arch.fpu_ts)
		write_cr0(read_cr0() | X86_CR0_TS);
}

/* prev: the vCPU that was running (NULL: idle). next: NULL means go idle.
 * Order for next: the frame and page tables, then the descriptor tables
 * before the selectors that index them (a selector load reads its
 * descriptor), and the FPU with TS clear (fxrstor must not trap) before
 * the guest's virtual TS is put back. */
void arch_context_switch(struct vcpu *prev, struct vcpu *next)
{
	struct cpu_info *ci = get_cpu_info();

	if (prev) {
		prev->arch.regs = ci->guest_regs;
		save_segments(prev);
		fpu_save(prev);
		guest_runstate_change(prev, prev->state == VCPU_BLOCKED ? RUNSTATE_blocked :
					    prev->state == VCPU_RUNNABLE ? RUNSTATE_runnable
									: RUNSTATE_offline);
	}
	pv_debugregs_switch(prev, next);
	ci->current = next;
	if (!next) {
		/* Idle runs on the hypervisor's own tables: prev's may be freed
		 * (its domain reaped) and reused while this CPU waits. */
		load_cr3_stamped(__pa(idle_pg_table));
		reset_stack_and_jump(&ci->guest_regs, sched_idle_loop);
	}
	ci->guest_regs = next->arch.regs;
	pv_load_cr3(next);
	pv_load_gdt(next);
	pv_load_ldt(next);
	load_segments(next);
	asm volatile("clts");
	fpu_load(next);
	fpu_restore_ts(next);
	guest_runstate_change(next, RUNSTATE_running);
	guest_time_update(next);
}

void arch_leave_guest_context(void)
{
	struct cpu_info *ci = get_cpu_info();

	pv_debugregs_switch(ci->current, NULL);
	load_cr3_stamped(__pa(idle_pg_table));
	ci->current = NULL;
	sched_forget_current();
}

int arch_vcpu_describe(const struct vcpu *v, char *buf, size_t len)
{
	return snprintf(buf, len, "%s mode, rip %#lx rsp %#lx",
			v->arch.kernel_mode ? "kernel" : "user", v->arch.regs.rip,
			v->arch.regs.rsp);
}

void arch_show_guest_state(struct vcpu *v)
{
	const struct cpu_regs *r = &get_cpu_info()->guest_regs;

	printk(XENLOG_ERR "d%uv%u %s mode: rip %016lx rsp %016lx rflags %08lx cs %04lx\n",
	       v->domain->domain_id, v->vcpu_id, v->arch.kernel_mode ? "kernel" : "user",
	       r->rip, r->rsp, r->rflags, r->cs);
	printk(XENLOG_ERR "  rax %016lx rbx %016lx rcx %016lx rdx %016lx\n",
	       r->rax, r->rbx, r->rcx, r->rdx);
	printk(XENLOG_ERR "  rsi %016lx rdi %016lx rbp %016lx r8  %016lx\n",
	       r->rsi, r->rdi, r->rbp, r->r8);
	printk(XENLOG_ERR "  cr2 %016lx vector %lu error %#lx\n",
	       v->arch.cr2, r->entry_vector, r->error_code);
}
