/* SPDX-License-Identifier: GPL-2.0 */
/* MSR reads and writes by a PV guest kernel. Segment bases are real; a
 * few informational MSRs get fixed answers; the rest raise #GP, which
 * Linux's safe accessors absorb (unless no #GP handler exists yet, where
 * Xen answers reads with 0 and drops writes). */
#include <asm/guest-access.h>
#include <asm/processor.h>
#include <asm/pv/emul.h>
#include <xeno/domain.h>
#include <xeno/errno.h>

#define MSR_PAT            0x277
#define MSR_DEBUGCTL       0x1d9
#define MSR_UCODE_REV      0x8b
#define MSR_TSC_AUX        0xc0000103
#define MSR_AMD_PATCHLEVEL 0x8b
#define MSR_AMD_DE_CFG     0xc0011029
#define MSR_AMD_HWCR       0xc0010015
#define PV_PAT_VALUE       0x0000050100070406ULL   /* the PV ABI's PAT */
#define APIC_BASE_VALUE    0xfee00800ULL           /* enabled, xAPIC */

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
		*val = EFER_SCE | EFER_LME | (1ULL << 10) | (rdmsr(MSR_EFER) & EFER_NXE);
		return 0;
	case MSR_PAT:
		*val = PV_PAT_VALUE;
		return 0;
	case MSR_APIC_BASE:
		*val = APIC_BASE_VALUE | (v->vcpu_id == 0 ? 1ULL << 8 : 0);
		return 0;
	case MSR_UCODE_REV:
	case MSR_AMD_HWCR:
	case MSR_AMD_DE_CFG:
	case MSR_DEBUGCTL:   /* no branch tracing for guests: reads as off */
		*val = 0;
		return 0;
	default:
		if (!v->arch.traps[13].address) {
			*val = 0;   /* nothing would catch the #GP yet */
			return 0;
		}
		return -EPERM;
	}
}

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
		if (!v->arch.traps[13].address)
			return 0;
		return -EPERM;
	}
}
