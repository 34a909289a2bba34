/* SPDX-License-Identifier: GPL-2.0 */
/* Where the guest kernel is entered: callbacks (callback_op,
 * set_callbacks) and its kernel stack (stack_switch). The hypercalls copy
 * the guest's argument in once; the pv_* cores act on that copy. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/pv/callback.h>
#include <asm/pv/pv.h>
#include <public/callback.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>

/* Where a callback type's address lives; NULL for a type Xen does not
 * know. sysenter shares syscall32's: 64-bit guests use neither. */
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

/* Addresses must be canonical; they become the rip of a bounce frame,
 * never jumped to by the hypervisor. The address is checked before the
 * type, as Xen does: a bad address is -EINVAL whatever the type. */
long pv_callback_register(struct vcpu *v, const struct callback_register *reg)
{
	struct pv_callback *cb;

	if (!is_canonical(reg->address))
		return -EINVAL;
	cb = callback_slot(v, reg->type);
	if (!cb)
		return -ENOSYS;
	cb->address = reg->address;
	cb->mask_events = (reg->flags & CALLBACKF_mask_events) != 0;
	return 0;
}

long pv_callback_unregister(struct vcpu *v, const struct callback_unregister *unreg)
{
	if (unreg->type == CALLBACKTYPE_nmi) {
		v->arch.nmi_cb.address = 0;
		return 0;
	}
	/* The entry points a PV kernel cannot live without stay. */
	return callback_slot(v, unreg->type) ? -EINVAL : -ENOSYS;
}

/* CALLBACKOP_register/unregister for the calling vCPU. Xen takes cmd as
 * an int: the register's upper half is not looked at. */
long do_callback_op(uint64_t cmd, uint64_t arg)
{
	struct vcpu *v = current_vcpu();
	union {
		struct callback_register reg;
		struct callback_unregister unreg;
	} a;

	switch ((int32_t)cmd) {
	case CALLBACKOP_register:
		if (copy_from_guest(&a.reg, arg, sizeof(a.reg)))
			return -EFAULT;
		return pv_callback_register(v, &a.reg);
	case CALLBACKOP_unregister:
		if (copy_from_guest(&a.unreg, arg, sizeof(a.unreg)))
			return -EFAULT;
		return pv_callback_unregister(v, &a.unreg);
	default:
		return -ENOSYS;
	}
}

/* The older form: event, failsafe and syscall addresses in registers,
 * each registered as CALLBACKOP_register would with no flags. As on Xen
 * a non-canonical address leaves its slot as it was and the call still
 * returns 0; the others are set. The event callback always masks events
 * (Xen's upcall does); failsafe and syscall do not. */
long pv_set_callbacks(struct vcpu *v, uint64_t event, uint64_t failsafe, uint64_t syscall)
{
	if (is_canonical(event))
		v->arch.event_cb = (struct pv_callback){ event, true };
	if (is_canonical(failsafe))
		v->arch.failsafe_cb = (struct pv_callback){ failsafe, false };
	if (is_canonical(syscall))
		v->arch.syscall_cb = (struct pv_callback){ syscall, false };
	return 0;
}

long do_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall)
{
	return pv_set_callbacks(current_vcpu(), event, failsafe, syscall);
}

/* Where the guest kernel's stack is on entry from user mode. The pointer
 * is checked when a bounce frame is written there, as in Xen; the
 * selector gets RPL 3, the guest kernel's ring here. */
long pv_stack_switch(struct vcpu *v, uint64_t ss, uint64_t sp)
{
	v->arch.kernel_ss = (uint16_t)(ss | 3);
	v->arch.kernel_sp = sp;
	return 0;
}

long do_stack_switch(uint64_t ss, uint64_t sp)
{
	return pv_stack_switch(current_vcpu(), ss, sp);
}
