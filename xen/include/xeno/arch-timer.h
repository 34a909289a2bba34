/* SPDX-License-Identifier: GPL-2.0 */
/* What common/timer.c asks of the architecture's per-CPU timer (x86:
 * arch/x86/apic.c). Each CPU's timer is one-shot, programmed for the
 * earlier of its next scheduler tick and timers_next_local(). */
#ifndef XENO_ARCH_TIMER_H
#define XENO_ARCH_TIMER_H

/* Reprogram this CPU's timer now (a guest timer here changed), with
 * interrupts off around reading timers_next_local() and programming. */
void arch_timer_reprogram(void);

/* Make another CPU reprogram its timer: an IPI whose handler calls
 * timers_ipi_local(). */
void arch_timer_kick(unsigned int cpu);

#endif
