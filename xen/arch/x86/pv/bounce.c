/* SPDX-License-Identifier: GPL-2.0 */
/* Bounce frames: how an exception, event or syscall reaches the guest
 * kernel. Words pushed on the guest kernel stack, high to low address:
 * SS, RSP, RFLAGS, CS, RIP, [error code], R11, RCX. The CS word carries the
 * interrupted event mask in bits 32-39 and RPL 0 if the guest was in
 * kernel mode; RFLAGS.IF shows the interrupted virtual IF, RFLAGS.IOPL the
 * virtual IOPL under VMASST_TYPE_architectural_iopl. */
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/entry.h>
#include <asm/guest-access.h>
#include <asm/processor.h>
#include <asm/pv/pv.h>
#include <asm/traps.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

#define BOUNCE_MAX_WORDS     11   /* the failsafe frame, the largest */
#define BOUNCE_CS_MASK_SHIFT 32   /* saved event mask in the CS word */
/* The virtual IOPL as RFLAGS bits, shown in a frame only to a guest that
 * enabled VMASST_TYPE_architectural_iopl (as Xen; otherwise IOPL reads 0). */
static uint64_t virtual_iopl_flags(const struct vcpu *v)
{
	if (!vm_assist_on(v->domain, VMASST_TYPE_architectural_iopl))
		return 0;
	return ((uint64_t)v->arch.iopl << 12) & X86_EFLAGS_IOPL;
}

/* Push a bounce frame for v on its guest kernel stack and point regs (the
 * live frame of v, cpu_info->guest_regs) at handler. Words, low to high:
 * RCX, R11, extra[0..n_extra) (an error code, or the failsafe callback's
 * DS/ES/FS/GS), RIP, CS, RFLAGS, RSP, SS. A guest in user mode is switched
 * to kernel mode first and the frame goes on its registered kernel stack.
 * An unwritable stack crashes the domain: there is nobody left to tell. */
static int push_guest_frame(struct vcpu *v, struct cpu_regs *regs, uint64_t handler,
			    bool mask_events, const uint64_t *extra, unsigned int n_extra,
			    const char *what)
{
	struct vcpu_info *vi = v->vcpu_info;
	uint8_t saved_mask = vi->evtchn_upcall_mask;
	bool was_kernel = v->arch.kernel_mode;
	uint64_t frame[BOUNCE_MAX_WORDS], sp, cs;
	unsigned int n = 0;

	if (!was_kernel)
		pv_toggle_mode(v);
	sp = (was_kernel ? regs->rsp : v->arch.kernel_sp) & ~15UL;

	cs = regs->cs & 0xffff;
	if (was_kernel)
		cs &= ~(uint64_t)SELECTOR_RPL_MASK;
	cs |= (uint64_t)saved_mask << BOUNCE_CS_MASK_SHIFT;

	frame[n++] = regs->rcx;
	frame[n++] = regs->r11;
	for (unsigned int i = 0; i < n_extra; i++)
		frame[n++] = extra[i];
	frame[n++] = regs->rip;
	frame[n++] = cs;
	frame[n++] = (regs->rflags & ~(X86_EFLAGS_IF | X86_EFLAGS_IOPL)) |
		     (saved_mask ? 0 : X86_EFLAGS_IF) | virtual_iopl_flags(v);
	frame[n++] = regs->rsp;
	frame[n++] = regs->ss;
	sp -= n * sizeof(uint64_t);
	if (copy_to_guest(sp, frame, n * sizeof(uint64_t))) {
		domain_crash(v->domain, "%s on a bad guest kernel stack", what);
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

static int create_bounce_frame(struct vcpu *v, struct cpu_regs *regs,
			       uint64_t handler, bool has_error,
			       uint64_t error_code, bool mask_events)
{
	return push_guest_frame(v, regs, handler, mask_events, &error_code, has_error ? 1 : 0,
				"bounce frame");
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
				   has_error && X86_EXC_HAS_EC(vector),
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
		return pv_inject_trap(v, X86_EXC_UD, false, 0);   /* as Xen */
	regs->rflags &= ~X86_EFLAGS_DF;   /* the callback starts with DF clear */
	return create_bounce_frame(v, regs, v->arch.syscall_cb.address, false, 0,
				   v->arch.syscall_cb.mask_events);
}

/* The hypervisor could not load the guest's segment state (iretq to the
 * frame faulted): the failsafe callback gets the bounce frame with the
 * data selectors between R11 and RIP: RCX, R11, DS, ES, FS, GS, RIP, CS,
 * RFLAGS, RSP, SS. Without a callback the domain dies. */
void pv_iret_fault(struct cpu_regs *regs)
{
	struct vcpu *v = current_vcpu();
	uint16_t ds, es, fs, gs;
	uint64_t segs[4];

	if (!v->arch.failsafe_cb.address) {
		domain_crash(v->domain, "return to a bad frame (cs %#lx ss %#lx rip %#lx)",
			     regs->cs, regs->ss, regs->rip);
		pv_exit_to_guest();
		return;
	}
	asm volatile("mov %%ds, %0; mov %%es, %1; mov %%fs, %2; mov %%gs, %3"
		     : "=r"(ds), "=r"(es), "=r"(fs), "=r"(gs));
	segs[0] = ds; segs[1] = es; segs[2] = fs; segs[3] = gs;
	push_guest_frame(v, regs, v->arch.failsafe_cb.address, v->arch.failsafe_cb.mask_events,
			 segs, 4, "failsafe frame");
	pv_exit_to_guest();
}
