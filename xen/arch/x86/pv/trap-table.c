/* SPDX-License-Identifier: GPL-2.0 */
/* The virtual IDT: set_trap_table. Each entry of the guest's list is
 * copied in once and checked (pv_set_trap) before it replaces anything;
 * entries before a bad one stay installed, as in Xen. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <asm/pv/callback.h>
#include <public/arch-x86/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>

void pv_clear_traps(struct vcpu *v)
{
	memset(v->arch.traps, 0, sizeof(v->arch.traps));
}

/* Xen checks only that the handler is canonical; one in the hypervisor's
 * range is refused too, as no guest code can live there. The code
 * selector gets RPL 3 (the guest kernel's ring here); flags bits 0-1 are
 * the DPL a software interrupt needs, bit 2 masks events on entry. */
long pv_set_trap(struct vcpu *v, const struct trap_info *ti)
{
	if (!is_canonical(ti->address) || !guest_range_ok(ti->address, 1))
		return -EINVAL;
	v->arch.traps[ti->vector] = (struct pv_trap){
		.address = ti->address,
		.cs = ti->cs | 3,
		.dpl = ti->flags & 3,
		.mask_events = (ti->flags & 4) != 0,
	};
	return 0;
}

_Static_assert(PV_TRAP_ENTRIES == 1 << (8 * sizeof(((struct trap_info *)0)->vector)),
	       "every trap_info vector has an entry");

/* A NULL list clears the table; the list ends at an entry whose address
 * is 0. Instead of Xen's continuation the walk stops after one entry per
 * vector and a terminator: 257 entries without one set every vector. */
long do_set_trap_table(uint64_t list_gva)
{
	struct vcpu *v = current_vcpu();
	struct trap_info ti;
	long rc;

	if (!list_gva) {
		pv_clear_traps(v);
		return 0;
	}
	for (unsigned int i = 0; i <= PV_TRAP_ENTRIES; i++) {
		if (copy_from_guest(&ti, list_gva + i * sizeof(ti), sizeof(ti)))
			return -EFAULT;
		if (ti.address == 0)
			return 0;
		rc = pv_set_trap(v, &ti);
		if (rc)
			return rc;
	}
	return 0;
}
