/* SPDX-License-Identifier: GPL-2.0 */
/* The PV vCPU: event and exception delivery, mode switches, descriptor
 * tables and the context a guest gives for a new vCPU. Hypervisor-internal
 * to xen/arch/x86; xen/common reaches none of this (xeno/arch-*.h). */
#ifndef ASM_PV_H
#define ASM_PV_H

#include <stdbool.h>
#include <stdint.h>
#include <asm/domain.h>
#include <asm/regs.h>
#include <public/xen.h>

struct vcpu;
struct domain;
struct cpu_info;

/* This CPU's syscall entry stub and the syscall MSRs. */
void syscall_stub_init(unsigned int cpu, struct cpu_info *ci);

/* Deliver exception vector to the guest kernel (bounce frame). Returns 0,
 * or -EFAULT after crashing the domain when it cannot be delivered. */
int pv_inject_trap(struct vcpu *v, unsigned int vector, bool has_error,
		   uint64_t error_code);
int pv_inject_event_callback(struct vcpu *v);
int pv_inject_syscall(struct vcpu *v, struct cpu_regs *regs);
/* A fault or trap raised by the running guest (frame in guest_regs). */
void pv_handle_exception(struct cpu_regs *regs);
/* Work before returning to a guest: scheduling, events. May not return. */
void pv_exit_to_guest(void);
int pv_inject_failsafe(struct vcpu *v);
/* Switch the vCPU between guest kernel and guest user mode. */
void pv_toggle_mode(struct vcpu *v);
void pv_load_cr3(struct vcpu *v);
void pv_set_fpu_ts(struct vcpu *v, bool ts);
/* Context switch: prev's hardware breakpoints out, next's in (debugreg.c). */
void pv_debugregs_switch(const struct vcpu *prev, const struct vcpu *next);
/* Descriptor tables: loaded onto this CPU (pv/descriptor-load.c), set
 * by the guest (pv/descriptors.c). */
#define PV_LDT_ENTRIES_MAX 8192
void pv_load_gdt(struct vcpu *v);
void pv_load_ldt(struct vcpu *v);
/* v's GDT from frames (ents entries): -EINVAL past the guest's part of
 * the table; every frame typed as descriptors or none (the page-type
 * code's error). Caller holds the mm lock. */
long pv_set_gdt(struct vcpu *v, const uint64_t *frames, unsigned int ents);
/* update_descriptor on v's domain's frame at machine address maddr. */
long pv_update_descriptor(struct vcpu *v, uint64_t maddr, uint64_t desc);
int pv_set_ldt(struct vcpu *v, uint64_t base, unsigned int ents);
void pv_init_vcpu_regs(struct vcpu *v, uint64_t rip, uint64_t rsp, uint64_t rsi);

#endif
