/* SPDX-License-Identifier: GPL-2.0 */
/* Small per-vCPU hypercalls of a PV kernel: the virtual CR0.TS
 * (fpu_taskswitch), segment bases (set_segment_base) and the debug
 * registers (set_debugreg, get_debugreg). */
#include <asm/current.h>
#include <asm/debugreg.h>
#include <asm/desc.h>
#include <asm/guest-access.h>
#include <asm/processor.h>
#include <asm/pv/pv.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>

/* The virtual CR0.TS is the real one while the vCPU runs, so the guest's
 * next FPU instruction raises #NM, which goes to the guest. */
void pv_set_fpu_ts(struct vcpu *v, bool ts)
{
	v->arch.fpu_ts = ts;
	if (ts)
		write_cr0(read_cr0() | X86_CR0_TS);
	else
		asm volatile("clts");
}

long do_fpu_taskswitch(uint64_t set)
{
	pv_set_fpu_ts(current_vcpu(), set != 0);
	return 0;
}

long do_set_segment_base(uint64_t which, uint64_t base)
{
	struct vcpu *v = current_vcpu();

	switch (which) {
	case SEGBASE_FS:
		if (!is_canonical(base))
			return -EINVAL;
		v->arch.fs_base = base;
		wrmsr(MSR_FS_BASE, base);
		return 0;
	case SEGBASE_GS_USER:
		if (!is_canonical(base))
			return -EINVAL;
		v->arch.gs_base_user = base;
		return 0;
	case SEGBASE_GS_KERNEL:
		if (!is_canonical(base))
			return -EINVAL;
		v->arch.gs_base_kernel = base;
		wrmsr(MSR_GS_BASE, base);
		return 0;
	case SEGBASE_GS_USER_SEL: {
		uint16_t sel = (uint16_t)base;

		if (sel & ~SELECTOR_RPL_MASK)
			sel |= 3;   /* guest selectors run at RPL 3 */
		/* Only the null and flat selectors have a known base of 0
		 * here; Xen loads null for a selector that would fault. */
		if (sel != 0 && sel != FLAT_RING3_DS32 && sel != FLAT_RING3_CS32 &&
		    sel != FLAT_RING3_CS64)
			sel = 0;
		v->arch.gs_sel_user = sel;
		v->arch.gs_base_user = 0;
		return 0;
	}
	default:
		return -EINVAL;
	}
}

/* Debug registers: kept per vCPU, not loaded into hardware (guest
 * breakpoints are not supported); values checked as Xen does. */
long do_set_debugreg(uint64_t reg, uint64_t value)
{
	struct vcpu *v = current_vcpu();

	switch (reg) {
	case 0: case 1: case 2: case 3:
		if (!guest_range_ok(value, 1))
			return -EPERM;
		break;
	case 6:
		value = (value & ~DR6_RESERVED_ZERO) | DR6_RESERVED_ONE;
		break;
	case 7:
		if (value & DR7_GD)   /* general detect is Xen's to use */
			return -EPERM;
		value = (value & ~DR7_RESERVED_ZERO) | DR7_RESERVED_ONE;
		break;
	default:
		return -EINVAL;
	}
	v->arch.debugreg[reg] = value;
	return 0;
}

long do_get_debugreg(uint64_t reg)
{
	if (reg > 7 || reg == 4 || reg == 5)
		return -EINVAL;
	return (long)current_vcpu()->arch.debugreg[reg];
}
