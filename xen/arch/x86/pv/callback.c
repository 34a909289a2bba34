/* SPDX-License-Identifier: GPL-2.0 */
/* Where the guest kernel is entered: callbacks (callback_op,
 * set_callbacks) and its kernel stack (stack_switch). */
#include <asm/current.h>
#include <asm/guest-access.h>
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

/* CALLBACKOP_register/unregister for the calling vCPU. Addresses must be
 * canonical; they are used as the rip of a bounce frame, never jumped to
 * by the hypervisor. */
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
