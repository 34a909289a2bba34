/* SPDX-License-Identifier: GPL-2.0 */
/* Guest entry points and per-vCPU state a PV kernel registers: callbacks
 * (callback_op, set_callbacks), its kernel stack (stack_switch), segment
 * bases (set_segment_base), virtual CR0.TS and debug registers. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/processor.h>
#include <asm/pv/pv.h>
#include <public/callback.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>

static struct pv_callback *callback_slot(struct vcpu *v, unsigned int type)
{
	switch (type) {
	case CALLBACKTYPE_event: return &v->arch.event_cb;
	case CALLBACKTYPE_failsafe: return &v->arch.failsafe_cb;
	case CALLBACKTYPE_syscall: return &v->arch.syscall_cb;
	case CALLBACKTYPE_syscall32: return &v->arch.syscall32_cb;
	case CALLBACKTYPE_sysenter: return &v->arch.syscall32_cb;
	case CALLBACKTYPE_nmi: return &v->arch.nmi_cb;
	default: return NULL;
	}
}

static long register_callback(struct vcpu *v, const struct callback_register *reg)
{
	struct pv_callback *cb = callback_slot(v, reg->type);

	if (!cb)
		return -ENOSYS;
	if (!is_canonical(reg->address))
		return -EINVAL;
	cb->address = reg->address;
	cb->mask_events = (reg->flags & CALLBACKF_mask_events) != 0;
	return 0;
}

long do_callback_op(uint64_t cmd, uint64_t arg)
{
	struct vcpu *v = current_vcpu();
	struct callback_register reg;
	struct callback_unregister unreg;

	switch (cmd) {
	case CALLBACKOP_register:
		if (copy_from_guest(&reg, arg, sizeof(reg)))
			return -EFAULT;
		return register_callback(v, &reg);
	case CALLBACKOP_unregister:
		if (copy_from_guest(&unreg, arg, sizeof(unreg)))
			return -EFAULT;
		if (unreg.type == CALLBACKTYPE_nmi) {
			v->arch.nmi_cb.address = 0;
			return 0;
		}
		/* The entry points a PV kernel cannot live without stay. */
		return callback_slot(v, unreg.type) ? -EINVAL : -ENOSYS;
	default:
		return -ENOSYS;
	}
}

/* The older form: event, failsafe and syscall addresses in registers. */
long do_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall)
{
	struct vcpu *v = current_vcpu();

	if (!is_canonical(event) || !is_canonical(failsafe) || !is_canonical(syscall))
		return -EINVAL;
	v->arch.event_cb = (struct pv_callback){ event, true };
	v->arch.failsafe_cb = (struct pv_callback){ failsafe, true };
	v->arch.syscall_cb = (struct pv_callback){ syscall, false };
	return 0;
}

/* Where the guest kernel's stack is on entry from user mode. The pointer
 * is checked when a bounce frame is written there, as in Xen. */
long do_stack_switch(uint64_t ss, uint64_t sp)
{
	struct vcpu *v = current_vcpu();

	v->arch.kernel_ss = (uint16_t)(ss | 3);
	v->arch.kernel_sp = sp;
	return 0;
}

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

		if (sel & ~3)
			sel |= 3;
		/* Only the null and flat selectors have a known base of 0
		 * here; Xen loads null for a selector that would fault. */
		if (sel != 0 && sel != 0xe02b && sel != 0xe023 && sel != 0xe033)
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
		value = (value & 0xffffefffUL) | 0xffff0ff0UL;   /* reserved bits */
		break;
	case 7:
		if (value & 0x2000)   /* general detect is Xen's to use */
			return -EPERM;
		value = (value & 0xffff27ffUL) | 0x400;
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
