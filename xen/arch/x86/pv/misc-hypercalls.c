/* SPDX-License-Identifier: GPL-2.0 */
/* Small per-vCPU hypercalls of a PV kernel: the virtual CR0.TS
 * (fpu_taskswitch) and segment bases (set_segment_base); the debug
 * registers are debugreg.c's. */
#include <asm/current.h>
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
		/* As Xen: the selector is loaded for user mode, its base taken
		 * from the guest's GDT or LDT by the hardware; one that would
		 * fault is loaded as null. The user base is made live for the
		 * load (Xen's swapgs), then the kernel's is put back. */
		uint64_t sel = (uint16_t)base;

		v->arch.gs_base_kernel = rdmsr(MSR_GS_BASE);
		wrmsr(MSR_GS_BASE, v->arch.gs_base_user);
		asm volatile("1: mov %w0, %%gs\n"
			     "2:\n"
			     ".section .fixup, \"ax\"\n"
			     "3: xor %k0, %k0; jmp 1b\n"
			     ".previous\n"
			     ".section .ex_table, \"a\"\n"
			     ".balign 8; .quad 1b, 3b\n"
			     ".previous" : "+r"(sel) :: "memory");
		v->arch.gs_sel_user = (uint16_t)sel;
		v->arch.gs_base_user = rdmsr(MSR_GS_BASE);
		wrmsr(MSR_GS_BASE, v->arch.gs_base_kernel);
		return 0;
	}
	default:
		return -EINVAL;
	}
}
