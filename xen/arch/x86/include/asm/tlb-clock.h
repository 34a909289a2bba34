/* SPDX-License-Identifier: GPL-2.0 */
/* TLB clock arithmetic (mm/tlb-clock.c), hardware-free so the host unit
 * tests run the very same code. The clock is 32 bits: when it wraps, a
 * wrap period begins (clock 0, no ticks) in which every question answers
 * "flush", until a global flush ends it (clock 1), as Xen's flushtlb.c. */
#ifndef ASM_TLB_CLOCK_H
#define ASM_TLB_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* Tick for a full local flush; returns the flush's time (0 in a wrap
 * period; the tick that wraps starts one). */
uint32_t tlb_clock_tick(uint32_t *clock);
/* Must some CPU flush before a frame stamped at 'stamp' is reused? */
bool tlb_clock_flush_needed(const uint32_t *cpu_time, unsigned int nr_cpus,
			    uint32_t stamp, uint32_t now);
/* After a global flush: a wrap period (if one is on) is over. */
void tlb_clock_end_wrap(uint32_t *clock);

#endif
