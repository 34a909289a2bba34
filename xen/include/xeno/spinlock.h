/* SPDX-License-Identifier: GPL-2.0 */
/* Ticket spinlocks. Host unit tests are single-threaded: no-ops there. */
#ifndef XENO_SPINLOCK_H
#define XENO_SPINLOCK_H

#include <stdint.h>

typedef struct {
	volatile uint16_t head;
	volatile uint16_t tail;
} spinlock_t;

#define SPIN_LOCK_UNLOCKED { 0, 0 }

#ifdef XENO_HOST_TEST
static inline void spin_lock(spinlock_t *l) { (void)l; }
static inline void spin_unlock(spinlock_t *l) { (void)l; }
static inline unsigned long spin_lock_irqsave(spinlock_t *l) { (void)l; return 0; }
static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long f) { (void)l; (void)f; }
#else
#include <asm/processor.h>

static inline void spin_lock(spinlock_t *l)
{
	uint16_t me = __atomic_fetch_add(&l->tail, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != me)
		cpu_relax();
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->head, (uint16_t)(l->head + 1), __ATOMIC_RELEASE);
}

static inline int spin_trylock(spinlock_t *l)
{
	uint16_t h = __atomic_load_n(&l->head, __ATOMIC_RELAXED);
	/* head is the low half, tail the high half: take the next ticket
	 * (tail + 1) only if the lock is free (head == tail). */
	uint32_t old = ((uint32_t)h << 16) | h;
	uint32_t new = ((uint32_t)(uint16_t)(h + 1) << 16) | h;

	return __atomic_compare_exchange_n((uint32_t *)l, &old, new, 0,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long f = local_save_flags();

	local_irq_disable();
	spin_lock(l);
	return f;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long f)
{
	spin_unlock(l);
	if (f & X86_EFLAGS_IF)
		local_irq_enable();
}
#endif

#endif
