/* SPDX-License-Identifier: GPL-2.0 */
/* VCPUOP_initialise: a whole vcpu_guest_context from the guest, checked
 * field by field (addresses canonical, tables typed, selectors made
 * RPL 3) before any of it replaces the vCPU's state. */
#include <asm/desc.h>
#include <asm/guest-access.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/pv/pv.h>
#include <public/xen.h>
#include <xeno/arch-domain.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

#define MXCSR_OFFSET 24

/* Everything that will become a rip, rsp or segment base must be
 * canonical now: loading a non-canonical one later would fault in the
 * hypervisor (iretq, wrmsr) instead of in the guest. */
static int check_addresses(const struct vcpu_guest_context *c)
{
	const uint64_t addrs[] = {
		c->user_regs.rip, c->user_regs.rsp, c->kernel_sp, c->fs_base,
		c->gs_base_kernel, c->gs_base_user, c->event_callback_eip,
		c->failsafe_callback_eip, c->syscall_callback_eip,
	};

	for (size_t i = 0; i < ARRAY_SIZE(addrs); i++)
		if (!is_canonical(addrs[i]))
			return -EINVAL;
	for (unsigned int i = 0; i < 256; i++)
		if (!is_canonical(c->trap_ctxt[i].address))
			return -EINVAL;
	if (c->ldt_ents > PV_LDT_ENTRIES_MAX || (c->ldt_base & (PAGE_SIZE - 1)) ||
	    (c->ldt_ents && !is_canonical(c->ldt_base)))
		return -EINVAL;
	if (c->gdt_ents > FIRST_RESERVED_GDT_ENTRY)
		return -EINVAL;
	if (!(c->flags & VGCF_in_kernel))
		return -EINVAL;   /* a vCPU starts in its kernel */
	return 0;
}

/* The virtual IDT. Selectors are forced to RPL 3 (the guest kernel runs
 * in ring 3); flags bits 0-1 are the DPL that int n is checked against,
 * bit 2 asks for events to be masked on entry. */
static void load_traps(struct vcpu *v, const struct vcpu_guest_context *c)
{
	for (unsigned int i = 0; i < 256; i++) {
		const struct trap_info *t = &c->trap_ctxt[i];

		v->arch.traps[i] = (struct pv_trap){
			.address = t->address, .cs = t->cs | 3,
			.dpl = t->flags & 3, .mask_events = (t->flags & 4) != 0,
		};
	}
}

static void load_regs(struct vcpu *v, const struct vcpu_guest_context *c)
{
	const struct cpu_user_regs *u = &c->user_regs;
	struct cpu_regs *r = &v->arch.regs;

	memset(r, 0, sizeof(*r));
	r->r15 = u->r15; r->r14 = u->r14; r->r13 = u->r13; r->r12 = u->r12;
	r->rbp = u->rbp; r->rbx = u->rbx; r->r11 = u->r11; r->r10 = u->r10;
	r->r9 = u->r9; r->r8 = u->r8; r->rax = u->rax; r->rcx = u->rcx;
	r->rdx = u->rdx; r->rsi = u->rsi; r->rdi = u->rdi;
	r->rip = u->rip;
	r->rsp = u->rsp;
	r->cs = __GUEST_CS64;
	r->ss = __GUEST_DS;
	r->rflags = (u->rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) | X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	/* The context's IOPL field is the virtual IOPL (Linux passes 1). */
	v->arch.iopl = (unsigned int)((u->rflags & X86_EFLAGS_IOPL) >> 12);
}

/* Check and load; called with d's mm lock held (the references taken). */
static long context_load(struct vcpu *v, const struct vcpu_guest_context *c)
{
	struct domain *d = v->domain;
	struct pgt_ctx ctx = pv_ctx(d);
	uint64_t kmfn = c->ctrlreg[3] >> PAGE_SHIFT, umfn = c->ctrlreg[1] >> PAGE_SHIFT;
	uint32_t mxcsr;
	long rc = check_addresses(c);

	if (rc)
		return rc;
	/* Page tables first: everything after cannot fail but the GDT. */
	rc = pgt_get_page_and_type(&ctx, kmfn, PGT_l4);
	if (rc)
		return rc;
	if (umfn && (rc = pgt_get_page_and_type(&ctx, umfn, PGT_l4))) {
		pgt_put_page_and_type(&ctx, kmfn);
		return rc;
	}
	rc = pv_set_gdt(v, c->gdt_frames, (unsigned int)c->gdt_ents);
	if (rc) {
		pgt_put_page_and_type(&ctx, kmfn);
		if (umfn)
			pgt_put_page_and_type(&ctx, umfn);
		return rc;
	}
	v->arch.kernel_cr3 = kmfn << PAGE_SHIFT;
	v->arch.user_cr3 = umfn << PAGE_SHIFT;
	v->arch.kernel_mode = true;
	load_regs(v, c);
	load_traps(v, c);
	v->arch.kernel_ss = (uint16_t)(c->kernel_ss | 3);
	v->arch.kernel_sp = c->kernel_sp;
	v->arch.fs_base = c->fs_base;
	v->arch.gs_base_kernel = c->gs_base_kernel;
	v->arch.gs_base_user = c->gs_base_user;
	v->arch.event_cb = (struct pv_callback){ c->event_callback_eip, true };
	v->arch.failsafe_cb = (struct pv_callback){
		c->failsafe_callback_eip, (c->flags & VGCF_failsafe_disables_events) != 0 };
	v->arch.syscall_cb = (struct pv_callback){
		c->syscall_callback_eip, (c->flags & VGCF_syscall_disables_events) != 0 };
	if (c->flags & VGCF_i387_valid) {
		memcpy(v->arch.fpu, c->fpu_ctxt.x, sizeof(v->arch.fpu));
		/* Reserved MXCSR bits would make fxrstor fault in the hypervisor. */
		memcpy(&mxcsr, v->arch.fpu + MXCSR_OFFSET, 4);
		mxcsr &= 0xffbf;   /* no DAZ on every CPU we run on */
		memcpy(v->arch.fpu + MXCSR_OFFSET, &mxcsr, 4);
		v->arch.fpu_initialised = true;
	}
	/* The LDT goes last: a failure leaves the vCPU uninitialised. */
	return c->ldt_ents ? pv_set_ldt(v, c->ldt_base, (unsigned int)c->ldt_ents) : 0;
}

long arch_vcpu_initialise(struct vcpu *v, const struct vcpu_guest_context *c)
{
	/* Check and load as one step under the domain's mm lock: two vCPUs
	 * initialising the same one cannot both load it (the second would
	 * drop the first's page-table references). */
	unsigned long f = mm_lock(v->domain);
	long rc = v->initialised ? -EEXIST : context_load(v, c);

	if (rc == 0)
		__atomic_store_n(&v->initialised, true, __ATOMIC_RELEASE);
	mm_unlock(v->domain, f);
	return rc;
}
