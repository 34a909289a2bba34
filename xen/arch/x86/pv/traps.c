/* SPDX-License-Identifier: GPL-2.0 */
/* What happens to an exception a guest raises: emulate it (privileged
 * instructions, forced CPUID), or reflect it to the guest kernel's
 * handler in the virtual IDT (trap-table.c). */
#include <asm/current.h>
#include <asm/debugreg.h>
#include <asm/processor.h>
#include <asm/pv/emul.h>
#include <asm/pv/pv.h>
#include <asm/traps.h>
#include <public/arch-x86/xen.h>
#include <xeno/domain.h>

#define PF_USER_BIT (1UL << 2)

void pv_emulated_insn_done(struct vcpu *v, struct cpu_regs *regs, bool set_bs)
{
	regs->rflags &= ~X86_EFLAGS_RF;
	if (!(regs->rflags & X86_EFLAGS_TF))
		return;
	if (set_bs)
		v->arch.debugreg[6] |= DR6_BS | DR6_RESERVED_ONE;
	pv_inject_trap(v, X86_EXC_DB, false, 0);
}

/* May software interrupt vec be raised from the guest's current mode?
 * Guest kernel mode counts as ring 1 here, as in Xen. */
static bool softint_permitted(const struct vcpu *v, unsigned int vec)
{
	unsigned int dpl = v->arch.traps[vec].dpl;

	return dpl >= (v->arch.kernel_mode ? 1U : 3U);
}

/* int3, into and int $0x80 arrive through DPL-3 gates as themselves. */
static void handle_softint(struct vcpu *v, struct cpu_regs *regs, unsigned int vec)
{
	if (!softint_permitted(v, vec)) {
		/* #GP with the IDT-vector error code, as hardware would. */
		regs->rip -= vec == X86_EXC_BP || vec == X86_EXC_OF ? 1 : 2;   /* int3/into: 1 byte */
		pv_inject_trap(v, X86_EXC_GP, true, vec * 8 + 2);
		return;
	}
	pv_inject_trap(v, vec, false, 0);
}

static void handle_page_fault(struct vcpu *v, struct cpu_regs *regs)
{
	uint64_t cr2 = read_cr2();
	uint64_t ec = regs->error_code;

	if (pv_ptwr_emulate(v, regs, cr2) == 0)
		return;
	/* The CPU always reports a user access (CPL 3); the guest must see
	 * a kernel access when its kernel faulted. */
	if (v->arch.kernel_mode)
		ec &= ~PF_USER_BIT;
	v->arch.cr2 = cr2;
	v->vcpu_info->arch.cr2 = cr2;
	pv_inject_trap(v, X86_EXC_PF, true, ec);
}

/* A selector load from an LDT whose pages could not be used: Xen maps
 * LDT pages on first use and reports a page fault at the entry when it
 * cannot; we checked them at set_ldt, so turn the #GP into that fault. */
static bool ldt_page_fault(struct vcpu *v, struct cpu_regs *regs)
{
	uint64_t sel = regs->error_code & 0xfffc;

	if (!(sel & 4) || v->arch.ldt_ents || (sel >> 3) >= v->arch.ldt_req_ents)
		return false;
	v->arch.cr2 = v->arch.ldt_base + (sel & ~7UL);
	v->vcpu_info->arch.cr2 = v->arch.cr2;
	pv_inject_trap(v, X86_EXC_PF, true, 0);
	return true;
}

/* An exception raised by the running guest, its frame in guest_regs. The
 * hypervisor first tries what only it can do (writable page tables for
 * #PF, privileged instructions for #GP, its own invalid opcodes for #UD);
 * anything else is bounced to the guest kernel's handler for the vector,
 * with the error code the hardware gave. */
void pv_handle_exception(struct cpu_regs *regs)
{
	struct vcpu *v = current_vcpu();
	unsigned int vec = (unsigned int)regs->entry_vector;

	switch (vec) {
	case X86_EXC_PF:
		handle_page_fault(v, regs);
		break;
	case X86_EXC_GP:
		if (pv_emulate_gp(v, regs) == 0)
			break;
		if (ldt_page_fault(v, regs))
			break;
		pv_inject_trap(v, X86_EXC_GP, true, regs->error_code);
		break;
	case X86_EXC_UD:
		if (pv_emulate_invalid_op(v, regs) == 0)
			break;
		pv_inject_trap(v, X86_EXC_UD, false, 0);
		break;
	case X86_EXC_BP: case X86_EXC_OF: case PV_SYSCALL_INT80:
		handle_softint(v, regs, vec);
		break;
	case 2: case 18:
		break;   /* NMI, #MC: the hypervisor's business, not the guest's */
	default:
		pv_inject_trap(v, vec, true, regs->error_code);
		break;
	}
}
