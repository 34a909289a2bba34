/* SPDX-License-Identifier: GPL-2.0 */
/* Where a PV guest kernel is entered: callbacks, its kernel stack and the
 * virtual IDT. The do_* hypercalls only copy the guest's argument in; these
 * act on a vCPU and our copy, so host tests drive them directly. */
#ifndef ASM_PV_CALLBACK_H
#define ASM_PV_CALLBACK_H

#include <stdint.h>
#include <public/arch-x86/xen.h>
#include <public/callback.h>

struct vcpu;

/* CALLBACKOP_register: -ENOSYS for a type Xen does not know, -EINVAL
 * for a non-canonical address. */
long pv_callback_register(struct vcpu *v, const struct callback_register *reg);
/* CALLBACKOP_unregister: only the NMI callback may go (-EINVAL for the
 * others, -ENOSYS for an unknown type). */
long pv_callback_unregister(struct vcpu *v, const struct callback_unregister *unreg);
/* set_callbacks: all three or none (-EINVAL if one is non-canonical). */
long pv_set_callbacks(struct vcpu *v, uint64_t event, uint64_t failsafe, uint64_t syscall);
/* stack_switch: the kernel stack for entries from user mode. */
long pv_stack_switch(struct vcpu *v, uint64_t ss, uint64_t sp);

/* set_trap_table: one entry (not the terminator) into v's virtual IDT,
 * or -EINVAL for a handler outside the guest's canonical range. */
long pv_set_trap(struct vcpu *v, const struct trap_info *ti);
/* set_trap_table(NULL): every vector loses its handler. */
void pv_clear_traps(struct vcpu *v);

#endif
