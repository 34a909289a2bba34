/* SPDX-License-Identifier: GPL-2.0 */
/* Scheduler hooks: what xen/common/sched.c asks of the architecture. x86
 * defines them in arch/x86/domain.c, arch/x86/pv/exit.c, arch/x86/idle.c.
 *
 * The scheduler decides who runs; these do the switch. Both are called
 * with interrupts off, on the CPU that will run next. */
#ifndef XENO_ARCH_SCHED_H
#define XENO_ARCH_SCHED_H

struct vcpu;

/* Save prev (NULL: this CPU was idle) and load next. next == NULL: the
 * CPU goes idle; the hook then switches to the hypervisor's page tables
 * (prev's may be freed meanwhile) and does not return: it restarts
 * sched_idle_loop on a fresh stack. */
void arch_context_switch(struct vcpu *prev, struct vcpu *next);

/* Enter the vCPU now current on this CPU, as after an exception: pending
 * work first (scheduling, event upcall), then the guest. Never returns. */
void arch_resume_current(void) __attribute__((noreturn));

/* The idle loop on CPU 0: every ten seconds of ticks, one debug-level
 * line with each CPU's tick count (a CPU that stopped ticking shows). */
void idle_report_ticks(void);

#endif
