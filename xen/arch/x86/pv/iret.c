/* SPDX-License-Identifier: GPL-2.0 */
/* The iret hypercall and guest kernel/user mode switching. The guest's
 * rsp points at struct iret_context; it is read once, then every field
 * is made safe before it reaches the hardware frame. */
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/guest-access.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/pv/pv.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>


void pv_load_cr3(struct vcpu *v)
{
	uint64_t cr3 = v->arch.kernel_mode ? v->arch.kernel_cr3 : v->arch.user_cr3;

	load_cr3_stamped(cr3);
}

/* Guest kernel <-> guest user mode: both run in ring 3, so the only
 * differences the hardware sees are the page tables (kernel_cr3 or
 * user_cr3) and GS's base; the other base is kept in v->arch, which is
 * what SWAPGS would give a native kernel. The live base is saved first:
 * the mode leaving may have changed it without a hypercall (a user
 * `mov %gs` loads its descriptor's base), as Xen's toggle_guest_mode. */
void pv_toggle_mode(struct vcpu *v)
{
	uint64_t live = rdmsr(MSR_GS_BASE);

	if (v->arch.kernel_mode)
		v->arch.gs_base_kernel = live;
	else
		v->arch.gs_base_user = live;
	v->arch.kernel_mode = !v->arch.kernel_mode;
	pv_load_cr3(v);
	wrmsr(MSR_GS_BASE, v->arch.kernel_mode ? v->arch.gs_base_kernel
					       : v->arch.gs_base_user);
}

/* HYPERVISOR_iret: the hypercall stub pushed rax, r11, rcx and the guest
 * kernel's interrupted frame is above them (struct iret_context at rsp).
 * Returns the saved rax, which the exit path stores in the frame: the
 * whole frame is rewritten, so the guest resumes where ctx says. With
 * VGCF_in_syscall, rcx and r11 keep their current values, as after a
 * sysret. */
long do_iret(void)
{
	struct vcpu *v = current_vcpu();
	struct cpu_regs *regs = &get_cpu_info()->guest_regs;
	struct iret_context ctx;

	if (copy_from_guest(&ctx, regs->rsp, sizeof(ctx))) {
		domain_crash(v->domain, "iret: frame at %#lx unreadable", regs->rsp);
		return -EFAULT;
	}
	if ((ctx.cs & 3) == 3) {
		/* Back to user mode: there must be a user page table. */
		if (!v->arch.user_cr3) {
			domain_crash(v->domain, "iret to user mode without a user page table");
			return -EFAULT;
		}
		pv_toggle_mode(v);
	}
	if (!(ctx.flags & VGCF_in_syscall)) {
		regs->r11 = ctx.r11;
		regs->rcx = ctx.rcx;
	}
	regs->rip = ctx.rip;
	regs->cs = (ctx.cs | 3) & 0xffff;
	regs->rsp = ctx.rsp;
	regs->ss = (ctx.ss | 3) & 0xffff;
	/* Under the architectural_iopl assist the frame's IOPL is the new
	 * virtual IOPL (what PHYSDEVOP_set_iopl sets); without it, as Xen,
	 * iret leaves the virtual IOPL alone. The real IOPL stays 0. */
	if (vm_assist_on(v->domain, VMASST_TYPE_architectural_iopl))
		v->arch.iopl = (unsigned int)((ctx.rflags & X86_EFLAGS_IOPL) >> 12);
	/* The real IF stays on; the guest's IF becomes its event mask. */
	regs->rflags = (ctx.rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) | X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	v->vcpu_info->evtchn_upcall_mask = !(ctx.rflags & X86_EFLAGS_IF);
	v->arch.nr_faults_nested = 0;
	return (long)ctx.rax;
}
