/* SPDX-License-Identifier: GPL-2.0 */
/* #DB, which runs on its own IST stack: a guest can make one arrive in
 * hypervisor context (MOV SS or POP SS with TF set, or a data breakpoint on
 * the SS load, right before int3, int $0x80 or syscall: the trap is held
 * across the instruction and taken at CPL 0, at the syscall stub even on
 * the guest's stack). Like Xen, such a #DB is noted and survived; a guest's
 * own #DB leaves the IST stack for the guest frame and is reflected. */
#include <asm/cpu-info.h>
#include <asm/current.h>
#include <asm/debugreg.h>
#include <asm/processor.h>
#include <asm/pv/pv.h>
#include <asm/traps.h>
#include <xeno/arch-sched.h>
#include <xeno/domain.h>
#include <xeno/printk.h>

#define DB_LOG_LIMIT  8              /* guest-triggerable: log the first few */

static void debug_in_hypervisor(struct cpu_regs *regs)
{
	static unsigned int nr_logged;
	uint64_t dr6;

	asm volatile("mov %%db6, %0" : "=r"(dr6));
	asm volatile("mov %0, %%db6" :: "r"(DR6_RESERVED_ONE));
	/* A held single-step has nothing more to step; an instruction
	 * breakpoint is a fault, so RF lets the instruction run once. */
	regs->rflags = (regs->rflags & ~X86_EFLAGS_TF) | X86_EFLAGS_RF;
	if (__atomic_fetch_add(&nr_logged, 1, __ATOMIC_RELAXED) < DB_LOG_LIMIT)
		printk(XENLOG_WARNING "CPU%u: #DB in hypervisor context at %#lx, rsp %#lx, dr6 %#lx: ignored\n",
		       smp_processor_id(), regs->rip, regs->rsp, dr6);
}

void do_debug_trap(struct cpu_regs *regs)
{
	struct cpu_regs *guest = &get_cpu_info()->guest_regs;
	struct vcpu *v;
	uint64_t dr6;

	if (!regs_from_guest(regs)) {
		debug_in_hypervisor(regs);
		return;
	}
	v = current_vcpu();
	/* The guest reads the cause in its virtual DR6 (get_debugreg), as on
	 * Xen: new status bits set, the B0-B3/BS bits the hardware left at
	 * their default cleared; the hardware DR6 goes back to its default. */
	asm volatile("mov %%db6, %0" : "=r"(dr6));
	asm volatile("mov %0, %%db6" :: "r"(DR6_RESERVED_ONE));
	v->arch.debugreg[6] |= dr6 & ~DR6_RESERVED_ONE;
	v->arch.debugreg[6] &= dr6 | ~DR6_RESERVED_ONE;
	/* From the guest, the CPU was not in the hypervisor: the guest frame's
	 * home is free. Move there and leave this stack for good. */
	*guest = *regs;
	pv_handle_exception(guest);
	arch_resume_current();
}
