/* SPDX-License-Identifier: GPL-2.0 */
/* The hypercall table: number -> handler, with exactly the arguments each
 * handler defines (rdi, rsi, rdx, r10, r8 in order), and the per-domain
 * counters the 'h' debug key prints. Reached from a guest-kernel syscall
 * (pv/syscall.c) and from multicall. */
#include <asm/current.h>
#include <public/xen.h>
#include <xeno/arch-mm.h>
#include <xeno/domain.h>
#include <xeno/domctl.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>

/* The sub-op of a hypercall that has them, counted for the 'h' debug key;
 * returned unchanged, so it wraps the argument where the table passes it. */
static uint64_t subop(struct domain *d, uint64_t nr, uint64_t op)
{
	d->subop_count[nr][op < NR_SUBOPS - 1 ? op : NR_SUBOPS - 1]++;
	return op;
}

long hypercall_dispatch(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
			uint64_t a4, uint64_t a5)
{
	struct domain *d = current_vcpu()->domain;

	if (nr >= NR_HYPERCALLS)
		return -ENOSYS;
	d->hypercall_count[nr]++;
	/* One line per hypercall: its handler with exactly its arguments;
	 * subop() marks the ones whose first argument selects a sub-op. */
	switch (nr) {
	case __HYPERVISOR_set_trap_table:	return do_set_trap_table(a1);
	case __HYPERVISOR_mmu_update:		return do_mmu_update(a1, a2, a3, a4);
	case __HYPERVISOR_set_gdt:		return do_set_gdt(a1, a2);
	case __HYPERVISOR_stack_switch:		return do_stack_switch(a1, a2);
	case __HYPERVISOR_set_callbacks:	return do_set_callbacks(a1, a2, a3);
	case __HYPERVISOR_fpu_taskswitch:	return do_fpu_taskswitch(a1);
	case __HYPERVISOR_set_debugreg:		return do_set_debugreg(a1, a2);
	case __HYPERVISOR_get_debugreg:		return do_get_debugreg(a1);
	case __HYPERVISOR_update_descriptor:	return do_update_descriptor(a1, a2);
	case __HYPERVISOR_memory_op:		/* the bits above the sub-op: a continuation */
		subop(d, nr, a1 & MEMOP_CMD_MASK);
		return do_memory_op(a1, a2);
	case __HYPERVISOR_multicall:		return do_multicall(a1, a2);
	case __HYPERVISOR_update_va_mapping:	return do_update_va_mapping(a1, a2, a3);
	case __HYPERVISOR_set_timer_op:		return do_set_timer_op(a1);
	case __HYPERVISOR_event_channel_op:	return do_event_channel_op(subop(d, nr, a1), a2);
	case __HYPERVISOR_xen_version:		return do_xen_version(subop(d, nr, a1), a2);
	case __HYPERVISOR_console_io:		return do_console_io(subop(d, nr, a1), a2, a3);
	case __HYPERVISOR_physdev_op:		return do_physdev_op(subop(d, nr, a1), a2);
	case __HYPERVISOR_grant_table_op:	return do_grant_table_op(subop(d, nr, a1), a2, a3);
	case __HYPERVISOR_vm_assist:		return do_vm_assist(subop(d, nr, a1), a2);
	case __HYPERVISOR_update_va_mapping_otherdomain:
		return do_update_va_mapping_otherdomain(a1, a2, a3, a4);
	case __HYPERVISOR_iret:			return do_iret();
	case __HYPERVISOR_vcpu_op:		return do_vcpu_op(subop(d, nr, a1), a2, a3);
	case __HYPERVISOR_set_segment_base:	return do_set_segment_base(subop(d, nr, a1), a2);
	case __HYPERVISOR_mmuext_op:		return do_mmuext_op(a1, a2, a3, a4);
	case __HYPERVISOR_sched_op:		return do_sched_op(subop(d, nr, a1), a2);
	case __HYPERVISOR_callback_op:		return do_callback_op(subop(d, nr, a1), a2);
	case __HYPERVISOR_platform_op:		return do_platform_op(a1);
	case __HYPERVISOR_sysctl:		return do_sysctl(a1);
	case __HYPERVISOR_domctl:		return do_domctl(a1);
	default:				return -ENOSYS;
	}
}
