/* SPDX-License-Identifier: GPL-2.0 */
/* Hypercall handlers. Arguments arrive as the raw register values (rdi,
 * rsi, rdx, r10, r8); each handler validates its own. */
#ifndef XENO_HYPERCALL_H
#define XENO_HYPERCALL_H

#include <stdbool.h>
#include <stdint.h>
#include <xeno/errno.h>

/* Run hypercall nr for the current vCPU (also used by multicall). */
long hypercall_dispatch(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
			uint64_t a4, uint64_t a5);
/* Continuations (continuation.c). Is there work that a long hypercall
 * should let run (checked between two steps, never before the first)? */
bool hypercall_preempt_check(void);
bool arch_hypercall_preempt_check(void);
/* Record nr(a1..a5) as the call that resumes this one; returns -ERESTART,
 * which the handler returns in turn (and nothing else may). */
long hypercall_create_continuation(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
				   uint64_t a4, uint64_t a5);
/* The entry path (and multicall) pick the record up, once. */
bool hypercall_take_continuation(uint64_t *nr, uint64_t args[5]);
/* In mmu_update's and mmuext_op's count: a continuation of a preempted
 * call (Xen's value; hypervisor-internal, not in the public headers). */
#define MMU_UPDATE_PREEMPTED (1U << 31)
/* Print per-domain, per-hypercall counts (debug key and shutdown;
 * common/debug-keys.c). */
void hypercall_print_counts(void);

long do_set_trap_table(uint64_t list_gva);
long do_stack_switch(uint64_t ss, uint64_t esp);
long do_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall);
long do_fpu_taskswitch(uint64_t set);
long do_set_debugreg(uint64_t reg, uint64_t value);
long do_get_debugreg(uint64_t reg);
long do_multicall(uint64_t list_gva, uint64_t nr);
long do_xen_version(uint64_t cmd, uint64_t arg);
long do_console_io(uint64_t cmd, uint64_t count, uint64_t buf);
long do_vm_assist(uint64_t cmd, uint64_t type);
/* Whether every bit of mask is a vm_assist type we offer. */
bool vm_assist_mask_valid(unsigned long mask);
long do_iret(void);
long do_set_segment_base(uint64_t which, uint64_t base);
long do_sched_op(uint64_t cmd, uint64_t arg);
long do_callback_op(uint64_t cmd, uint64_t arg);
long do_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg);
long do_physdev_op(uint64_t cmd, uint64_t arg);
long do_platform_op(uint64_t arg);
long do_memory_op(uint64_t cmd, uint64_t arg);
long do_event_channel_op(uint64_t cmd, uint64_t arg);
long do_grant_table_op(uint64_t cmd, uint64_t arg, uint64_t count);
long do_set_timer_op(uint64_t deadline);
long do_mmu_update(uint64_t reqs, uint64_t count, uint64_t pdone, uint64_t domid);
long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags);
long do_update_va_mapping_otherdomain(uint64_t va, uint64_t val, uint64_t flags, uint64_t domid);
long do_mmuext_op(uint64_t ops, uint64_t count, uint64_t pdone, uint64_t domid);
long do_set_gdt(uint64_t frame_list, uint64_t entries);
long do_update_descriptor(uint64_t maddr, uint64_t desc);

#endif
