/* SPDX-License-Identifier: GPL-2.0 */
/* Writable page tables: a guest kernel's write to one of its own L1 page
 * tables (mapped read-only) faults; decode the instruction, validate the
 * new entry exactly as mmu_update would, swap it in and resume. Anything
 * we cannot decode or validate stays a page fault for the guest. */
#include <asm/guest-access.h>
#include <asm/page.h>
#include <asm/pv/emul.h>
#include <asm/pv/mm.h>
#include <asm/pv/ptwr-decode.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

#define PFEC_PRESENT (1UL << 0)
#define PFEC_WRITE   (1UL << 1)
#define PFEC_INSN    (1UL << 4)
#define PTWR_RETRIES 8   /* the guest's A/D updates may race our swap */

static void regs_to_gprs(const struct cpu_regs *r, struct ptwr_gprs *g)
{
	const uint64_t v[16] = { r->rax, r->rcx, r->rdx, r->rbx, r->rsp, r->rbp, r->rsi, r->rdi,
				 r->r8, r->r9, r->r10, r->r11, r->r12, r->r13, r->r14, r->r15 };

	memcpy(g->r, v, sizeof(v));
}

static uint64_t seg_base(const struct vcpu *v, enum ptwr_seg seg)
{
	if (seg == PTWR_SEG_FS)
		return v->arch.fs_base;
	if (seg == PTWR_SEG_GS)
		return v->arch.kernel_mode ? v->arch.gs_base_kernel : v->arch.gs_base_user;
	return 0;
}

/* A write fault on a read-only mapping of one of the domain's L1 tables
 * (VMASST_TYPE_writable_pagetables): decode the faulting instruction,
 * and if it is one of the accepted forms, perform it as a validated
 * update of that entry (pv_mod_entry), then step over it. 0: emulated;
 * anything else: not ours, the fault goes to the guest as a #PF. */
int pv_ptwr_emulate(struct vcpu *v, struct cpu_regs *regs, uint64_t cr2)
{
	struct domain *d = v->domain;
	uint8_t bytes[X86_MAX_INSN_LEN];
	struct ptwr_gprs g;
	struct ptwr_insn insn;
	struct ptwr_result res;
	uint64_t pte_l1, l1_mfn, gaddr;
	unsigned int idx, n;

	if (!v->arch.kernel_mode ||
	    !vm_assist_on(d, VMASST_TYPE_writable_pagetables) ||
	    (regs->error_code & (PFEC_PRESENT | PFEC_WRITE | PFEC_INSN)) != (PFEC_PRESENT | PFEC_WRITE))
		return -EINVAL;
	/* Which frame is being written? It must be one of d's L1 tables. */
	if (pv_l1e_of(v, cr2, &pte_l1, &idx))
		return -EINVAL;
	l1_mfn = PTE_MFN(pgt_map(pte_l1)[idx]);
	if (!mfn_valid(l1_mfn) || mfn_to_page(l1_mfn)->owner != d->domain_id ||
	    mfn_to_page(l1_mfn)->type != PGT_l1 || !mfn_to_page(l1_mfn)->type_count)
		return -EINVAL;

	n = pv_fetch_insn(regs->rip, bytes);
	regs_to_gprs(regs, &g);
	if (ptwr_decode(bytes, n, &g, regs->rip, &insn))
		return -EINVAL;
	gaddr = insn.ea + seg_base(v, insn.seg);
	if (!ptwr_access_ok(gaddr, insn.width, cr2))
		return -EINVAL;

	for (int tries = 0; tries < PTWR_RETRIES; tries++) {
		unsigned int slot = (unsigned int)((cr2 & (PAGE_SIZE - 1)) >> 3);
		uint64_t old = __atomic_load_n(&pgt_map(l1_mfn)[slot], __ATOMIC_ACQUIRE);
		int rc;

		if (ptwr_apply(&insn, &g, gaddr, old, &res))
			return -EINVAL;
		rc = res.write ? pv_mod_l1_entry(d, l1_mfn, slot, res.new_entry, &old) : 0;
		if (rc == -EAGAIN)
			continue;
		if (rc)
			return rc;
		if (res.reg_written)
			*regs_gpr(regs, res.reg) = res.reg_val;
		regs->rflags = (regs->rflags & ~res.flags_mask) | res.flags;
		/* TLB flushes are the guest's business, as on hardware; our own
		 * safety is kept by the TLB clock when frames change type. */
		regs->rip += insn.len;
		pv_emulated_insn_done(v, regs, false);
		return 0;
	}
	return -EINVAL;
}
