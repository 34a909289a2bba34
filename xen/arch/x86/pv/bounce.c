/* SPDX-License-Identifier: GPL-2.0 */
/* Bounce frames: how an exception, event or syscall reaches the guest
 * kernel. Words pushed on the guest kernel stack, high to low address:
 * SS, RSP, RFLAGS, CS, RIP, [error code], R11, RCX. The CS word carries the
 * interrupted event mask in bits 32-39 and RPL 0 if the guest was in
 * kernel mode; RFLAGS.IF shows the interrupted virtual IF. */
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/guest-access.h>
#include <asm/processor.h>
#include <asm/pv/pv.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/lib.h>


/* regs is the live frame of v (cpu_info->guest_regs). */
static int create_bounce_frame(struct vcpu *v, struct cpu_regs *regs,
			       uint64_t handler, bool has_error,
			       uint64_t error_code, bool mask_events)
{
	struct vcpu_info *vi = v->vcpu_info;
	uint8_t saved_mask = vi->evtchn_upcall_mask;
	bool was_kernel = v->arch.kernel_mode;
	uint64_t frame[8], sp, cs;
	unsigned int n = 0;

	if (!was_kernel) {
		pv_toggle_mode(v);
		sp = v->arch.kernel_sp;
	} else {
		sp = regs->rsp;
	}
	sp &= ~15UL;

	cs = regs->cs & 0xffff;
	if (was_kernel)
		cs &= ~3UL;
	cs |= (uint64_t)saved_mask << 32;

	/* Lowest address first. */
	frame[n++] = regs->rcx;
	frame[n++] = regs->r11;
	if (has_error)
		frame[n++] = error_code;
	frame[n++] = regs->rip;
	frame[n++] = cs;
	frame[n++] = (regs->rflags & ~X86_EFLAGS_IF) | (saved_mask ? 0 : X86_EFLAGS_IF);
	frame[n++] = regs->rsp;
	frame[n++] = regs->ss;
	sp -= n * 8;
	if (!guest_range_ok(sp, n * 8) || copy_to_guest(sp, frame, n * 8)) {
		domain_crash(v->domain, "bounce frame on a bad guest kernel stack");
		return -EFAULT;
	}
	if (mask_events)
		vi->evtchn_upcall_mask = 1;
	regs->rip = handler;
	regs->cs = __GUEST_CS64;
	regs->ss = __GUEST_DS;
	regs->rsp = sp;
	regs->rflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF | X86_EFLAGS_VM | X86_EFLAGS_AC);
	return 0;
}

static bool vector_has_error_code(unsigned int vec)
{
	return vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 ||
	       vec == 29 || vec == 30;
}

int pv_inject_trap(struct vcpu *v, unsigned int vector, bool has_error,
		   uint64_t error_code)
{
	const struct pv_trap *t = &v->arch.traps[vector & 0xff];
	struct cpu_regs *regs = &get_cpu_info()->guest_regs;

	if (!t->address) {
		domain_crash(v->domain, "exception %u with no handler registered", vector);
		return -EFAULT;
	}
	return create_bounce_frame(v, regs, t->address,
				   has_error && vector_has_error_code(vector),
				   error_code, t->mask_events);
}

int pv_inject_event_callback(struct vcpu *v)
{
	struct cpu_regs *regs = &get_cpu_info()->guest_regs;

	if (!v->arch.event_cb.address)
		return -ENOENT;   /* nobody to tell: the event stays pending */
	return create_bounce_frame(v, regs, v->arch.event_cb.address, false, 0, true);
}

/* A user-mode syscall goes to the registered syscall callback. */
int pv_inject_syscall(struct vcpu *v, struct cpu_regs *regs)
{
	if (!v->arch.syscall_cb.address)
		return pv_inject_trap(v, 6, false, 0);   /* #UD, as Xen */
	regs->rflags &= ~X86_EFLAGS_DF;   /* the callback starts with DF clear */
	return create_bounce_frame(v, regs, v->arch.syscall_cb.address, false, 0,
				   v->arch.syscall_cb.mask_events);
}

/* The hypervisor could not load the guest's segment state (iretq to the
 * frame faulted): the failsafe callback gets, low to high, RCX, R11, DS,
 * ES, FS, GS, RIP, CS, RFLAGS, RSP, SS. Without one the domain dies. */
void pv_iret_fault(struct cpu_regs *regs);
void pv_iret_fault(struct cpu_regs *regs)
{
	struct vcpu *v = current_vcpu();
	uint64_t frame[11], sp;
	uint16_t ds, es, fs, gs;

	if (!v->arch.failsafe_cb.address) {
		domain_crash(v->domain, "return to a bad frame (cs %#lx ss %#lx rip %#lx)",
			     regs->cs, regs->ss, regs->rip);
		pv_exit_to_guest();
		return;
	}
	asm volatile("mov %%ds, %0; mov %%es, %1; mov %%fs, %2; mov %%gs, %3"
		     : "=r"(ds), "=r"(es), "=r"(fs), "=r"(gs));
	/* Decide before toggling: a frame bound for user mode names a user
	 * RSP, so the failsafe frame goes on the stack_switch kernel stack. */
	if (v->arch.kernel_mode) {
		sp = regs->rsp;
	} else {
		pv_toggle_mode(v);
		sp = v->arch.kernel_sp;
	}
	sp &= ~15UL;
	frame[0] = regs->rcx; frame[1] = regs->r11;
	frame[2] = ds; frame[3] = es; frame[4] = fs; frame[5] = gs;
	frame[6] = regs->rip; frame[7] = regs->cs; frame[8] = regs->rflags;
	frame[9] = regs->rsp; frame[10] = regs->ss;
	sp -= sizeof(frame);
	if (copy_to_guest(sp, frame, sizeof(frame))) {
		domain_crash(v->domain, "failsafe frame on a bad guest stack");
		pv_exit_to_guest();
		return;
	}
	if (v->arch.failsafe_cb.mask_events)
		v->vcpu_info->evtchn_upcall_mask = 1;
	regs->rip = v->arch.failsafe_cb.address;
	regs->cs = __GUEST_CS64;
	regs->ss = __GUEST_DS;
	regs->rsp = sp;
	pv_exit_to_guest();
}
