/* SPDX-License-Identifier: GPL-2.0 */
/* The way out to a guest: schedule, then deliver a pending event upcall,
 * then make the frame safe for iretq (real IF on, IOPL 0, RPL 3). */
#include <asm/cpu-info.h>
#include <asm/desc.h>
#include <asm/entry.h>
#include <asm/processor.h>
#include <asm/pv/pv.h>
#include <xeno/arch-sched.h>
#include <xeno/domain.h>
#include <xeno/event.h>
#include <xeno/sched.h>



static void deliver_events(struct vcpu *v)
{
	struct vcpu_info *vi = v->vcpu_info;

	/* Pending and unmasked, read as one 16-bit word like Xen. */
	uint16_t w = __atomic_load_n((uint16_t *)&vi->evtchn_upcall_pending, __ATOMIC_ACQUIRE);

	if ((w & 0xff) && !(w & 0xff00))
		pv_inject_event_callback(v);
}

void pv_exit_to_guest(void)
{
	struct cpu_regs *r = &get_cpu_info()->guest_regs;
	struct vcpu *v;

	schedule();
	v = current_vcpu();
	deliver_events(v);
	r->rflags = (r->rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) | X86_EFLAGS_IF;
	r->cs |= 3;
	r->ss |= 3;
}

void arch_resume_current(void)
{
	struct cpu_info *ci = get_cpu_info();

	pv_exit_to_guest();
	reset_stack_and_jump(&ci->guest_regs, ret_to_guest);
}
