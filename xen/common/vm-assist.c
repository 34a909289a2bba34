/* SPDX-License-Identifier: GPL-2.0 */
/* vm_assist: the optional behaviours a PV guest may switch on. */
#include <asm/current.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>

/* What a 64-bit PV guest may enable (the 32-bit-only types are accepted
 * and meaningless, as in Xen). */
#define VM_ASSIST_VALID ((1UL << VMASST_TYPE_4gb_segments) | \
			 (1UL << VMASST_TYPE_4gb_segments_notify) | \
			 (1UL << VMASST_TYPE_writable_pagetables) | \
			 (1UL << VMASST_TYPE_pae_extended_cr3) | \
			 (1UL << VMASST_TYPE_architectural_iopl) | \
			 (1UL << VMASST_TYPE_runstate_update_flag) | \
			 (1UL << VMASST_TYPE_m2p_strict))

/* The domain-wide bit set, read without a lock by the paths that honour
 * it (writable page tables: ro-page-fault.c); each bit is changed
 * atomically, so two vCPUs flipping different bits cannot lose one. */
bool vm_assist_mask_valid(unsigned long mask)
{
	return (mask & ~VM_ASSIST_VALID) == 0;
}

long do_vm_assist(uint64_t cmd, uint64_t type)
{
	struct domain *d = current_vcpu()->domain;

	if (type >= 64 || !((VM_ASSIST_VALID >> type) & 1))
		return -EINVAL;
	switch (cmd) {
	case VMASST_CMD_enable:
		__atomic_fetch_or(&d->vm_assist, 1UL << type, __ATOMIC_RELAXED);
		return 0;
	case VMASST_CMD_disable:
		__atomic_fetch_and(&d->vm_assist, ~(1UL << type), __ATOMIC_RELAXED);
		return 0;
	default:
		return -ENOSYS;
	}
}
