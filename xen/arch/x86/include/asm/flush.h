/* SPDX-License-Identifier: GPL-2.0 */
/* TLB flushes and the domain mm lock (arch/x86/mm/flush.c). The TLB clock
 * itself (pgt_tlb_clock, pgt_tlb_flush_since) is declared in
 * xeno/page-type.h, where the page-type core that stamps frames reads it. */
#ifndef ASM_FLUSH_H
#define ASM_FLUSH_H

#include <stdint.h>
#include <xeno/spinlock.h>

struct domain;

enum flush_scope { FLUSH_LOCAL, FLUSH_ALL };

/* Flush TLBs (va == 0: everything) and wait until done everywhere asked. */
void flush_tlb(enum flush_scope scope, uint64_t va);
/* Install the flush IPI handler (once, on the boot CPU). */
void flush_init(void);
/* Load CR3 (a full flush) and record it on the TLB clock. */
void load_cr3_stamped(uint64_t cr3);

/* The domain's page-table lock: every change to a frame's type, count or
 * owner, and to a page-table entry of d, happens under it. Interrupts are
 * off while it is held; returns the flags for mm_unlock. */
unsigned long mm_lock(struct domain *d);
void mm_unlock(struct domain *d, unsigned long flags);
/* Any lock whose holder may flush TLBs (retyping a frame does): spin
 * with interrupts off but serve flush requests. Undo with mm_unlock's
 * pattern: spin_unlock, then interrupts back as the flags say. */
unsigned long spin_lock_serving_flushes(spinlock_t *l);

#endif
