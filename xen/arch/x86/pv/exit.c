/* SPDX-License-Identifier: GPL-2.0 */
/* The way out to a guest: schedule, then deliver a pending event upcall,
 * then make the frame safe for iretq (real IF on, IOPL 0, RPL 3).
 *
 * Every way into the hypervisor from a guest and back, in one picture.
 * The guest's frame always lives in this CPU's cpu_info->guest_regs (the
 * TSS rsp0 points just above it), whichever door it came through:
 *
 *   guest (ring 3, kernel or user mode)
 *     |                    |                        |
 *     | syscall            | exception, int n       | interrupt
 *     v                    v                        v
 *   per-CPU stub       entry_stubs[vector]      entry_stubs[vector]
 *   (pv/syscall.c)     (entry.S: error code,    (same)
 *     |                 vector)
 *   syscall_common         |                        |
 *   (pv/entry.S)           +-----> common_entry <---+
 *     |                            (entry.S: SAVE_ALL)
 *   do_syscall_entry                   |
 *   (pv/syscall.c)                  do_entry (traps.c)
 *     |  guest kernel: hypercall_      |  vector >= 32: IRQ handler
 *     |    dispatch -> do_*()          |  else pv_handle_exception
 *     |  guest user: pv_inject_        |    (pv/traps.c): emulate, or
 *     |    syscall (bounce frame)      |    bounce to the guest kernel
 *     v                                v
 *   pv_exit_to_guest (here): schedule() -- may switch vCPU, which loads
 *     |   the next vCPU's frame into guest_regs; event upcall as a bounce
 *     |   frame if pending and unmasked; sanitise flags and RPL
 *     v                                v
 *   ret_to_guest (pv/entry.S)      common_entry's RESTORE_ALL, iretq
 *     RESTORE_ALL, iretq  ----fault----> iret_fault -> pv_iret_fault
 *                                    (pv/bounce.c: failsafe callback)
 *
 * A vCPU that was not on this CPU (first run, or the idle loop picked it)
 * enters by arch_resume_current: pv_exit_to_guest, then ret_to_guest on
 * a fresh stack. Nothing below here returns to the hypervisor code that
 * was running before the switch: each entry starts at the top of the
 * stack. */
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

	/* Pending and unmasked, read as one 16-bit word like Xen. The acquire
	 * pairs with the sender's seq-cst exchange of evtchn_upcall_pending
	 * (evtchn-2l.c mark_vcpu_pending), which follows its setting of the
	 * selector and pending bits: seeing the flag, the upcall sees them. */
	uint16_t w = __atomic_load_n((uint16_t *)&vi->evtchn_upcall_pending, __ATOMIC_ACQUIRE);

	if ((w & 0xff) && !(w & 0xff00))
		pv_inject_event_callback(v);
}

void pv_exit_to_guest(void)
{
	struct cpu_regs *r = &get_cpu_info()->guest_regs;
	struct vcpu *v;

	/* A failed upcall bounce crashes the domain and stops v, after the
	 * bounce switched it to kernel mode: it must not run one more guest
	 * instruction, so schedule again until a vCPU is still running. */
	do {
		schedule();
		v = current_vcpu();
		deliver_events(v);
	} while (__atomic_load_n(&v->state, __ATOMIC_ACQUIRE) != VCPU_RUNNING);
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
