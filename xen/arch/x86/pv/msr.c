/* SPDX-License-Identifier: GPL-2.0 */
/* MSR reads and writes by a PV guest kernel. Segment bases are real; a
 * few informational MSRs get fixed answers; the rest raise #GP, which
 * Linux's safe accessors absorb (unless no #GP handler exists yet, where
 * Xen answers reads with 0 and drops writes). */
#include <asm/guest-access.h>
#include <asm/processor.h>
#include <asm/pv/emul.h>
#include <asm/traps.h>
#include <xeno/domain.h>
#include <xeno/errno.h>

#define PV_PAT_VALUE       0x0000050100070406ULL   /* the PV ABI's PAT */
#define APIC_BASE_VALUE    0xfee00800ULL           /* enabled, xAPIC */

/* rdmsr from the guest kernel. 0 with *val, or -EPERM for #GP. The
 * segment bases read back what the guest set (FS, the active GS, and the
 * inactive GS as SHADOW_GS_BASE, which swaps with kernel/user mode); EFER
 * shows long mode on and NX as the hardware has it; APIC_BASE says BSP on
 * vCPU 0 only. */
int pv_read_msr(struct vcpu *v, uint32_t msr, uint64_t *val)
{
	switch (msr) {
	case MSR_FS_BASE:
		*val = v->arch.fs_base;
		return 0;
	case MSR_GS_BASE:
		*val = v->arch.kernel_mode ? v->arch.gs_base_kernel : v->arch.gs_base_user;
		return 0;
	case MSR_SHADOW_GS_BASE:
		*val = v->arch.kernel_mode ? v->arch.gs_base_user : v->arch.gs_base_kernel;
		return 0;
	case MSR_EFER:
		*val = EFER_SCE | EFER_LME | EFER_LMA | (rdmsr(MSR_EFER) & EFER_NXE);
		return 0;
	case MSR_PAT:
		*val = PV_PAT_VALUE;
		return 0;
	case MSR_APIC_BASE:
		*val = APIC_BASE_VALUE | (v->vcpu_id == 0 ? APIC_BASE_BSP : 0);
		return 0;
	case MSR_UCODE_REV:
	case MSR_AMD_HWCR:
	case MSR_AMD_DE_CFG:
	case MSR_DEBUGCTL:   /* no branch tracing for guests: reads as off */
		*val = 0;
		return 0;
	default:
		if (!v->arch.traps[X86_EXC_GP].address) {
			*val = 0;   /* nothing would catch the #GP yet */
			return 0;
		}
		return -EPERM;
	}
}

/* wrmsr from the guest kernel: 0, -EINVAL (a non-canonical base, #GP as
 * on hardware) or -EPERM (#GP). A base goes to the hardware at once when
 * it is the one in use (FS, the current mode's GS); the inactive GS base
 * is only recorded, and loaded by the next mode switch. */
int pv_write_msr(struct vcpu *v, uint32_t msr, uint64_t val)
{
	switch (msr) {
	case MSR_FS_BASE:
		if (!is_canonical(val))
			return -EINVAL;
		v->arch.fs_base = val;
		wrmsr(MSR_FS_BASE, val);
		return 0;
	case MSR_GS_BASE:
		if (!is_canonical(val))
			return -EINVAL;
		if (v->arch.kernel_mode)
			v->arch.gs_base_kernel = val;
		else
			v->arch.gs_base_user = val;
		wrmsr(MSR_GS_BASE, val);
		return 0;
	case MSR_SHADOW_GS_BASE:
		if (!is_canonical(val))
			return -EINVAL;
		if (v->arch.kernel_mode)
			v->arch.gs_base_user = val;
		else
			v->arch.gs_base_kernel = val;
		return 0;
	case MSR_PAT:
	case MSR_UCODE_REV:
	case MSR_TSC_AUX:
	case MSR_AMD_DE_CFG:
		return 0;   /* accepted and ignored, as harmless */
	case MSR_DEBUGCTL:
		return val ? -EPERM : 0;   /* only "off" can be written */
	default:
		if (!v->arch.traps[X86_EXC_GP].address)
			return 0;
		return -EPERM;
	}
}
