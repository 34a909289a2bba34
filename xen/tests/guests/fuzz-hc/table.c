/* SPDX-License-Identifier: MIT */
/*
 * What the fuzzer calls and how often: one generator per hypercall of the
 * hypervisor's table (xen/arch/x86/pv/hypercall.c), each covering every
 * sub-op of its handler and the first unknown ones. Not here: iret (see
 * calls-misc.c). multicall_ok: may be an entry of a multicall (whatever
 * it changes of ours is put back after the whole multicall).
 */
#include "fuzz.h"


#define E(name, weight, mc) { #name, fz_gen_##name, weight, mc }
const struct fz_entry fz_table[] = {
	E(mmu_update, 10, true),
	E(mmuext_op, 10, true),
	E(update_va_mapping, 8, true),
	E(update_va_mapping_otherdomain, 2, true),
	E(set_gdt, 2, true),
	E(update_descriptor, 3, true),
	E(memory_op, 10, true),
	E(grant_table_op, 8, true),
	E(event_channel_op, 8, true),
	E(vcpu_op, 5, false),        /* register_vcpu_info: we must see its result */
	E(sched_op, 3, true),
	E(set_timer_op, 2, true),
	E(set_trap_table, 2, true),
	E(stack_switch, 1, true),
	E(set_callbacks, 1, true),
	E(fpu_taskswitch, 1, true),
	E(set_debugreg, 2, true),
	E(get_debugreg, 1, true),
	E(xen_version, 3, true),
	E(console_io, 2, true),
	E(vm_assist, 2, true),
	E(set_segment_base, 2, true),
	E(callback_op, 2, true),
	E(physdev_op, 3, true),
	E(platform_op, 1, true),
	E(sysctl, 1, true),
	E(domctl, 2, true),
	E(unknown, 1, true),
	E(multicall, 4, false),
};
const unsigned int fz_table_len = ARRAY_SIZE(fz_table);
