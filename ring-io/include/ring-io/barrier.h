/* SPDX-License-Identifier: MIT */
/*
 * Ordering between the two ends of a shared ring. Compiler builtins only, so
 * one header serves user space, a kernel module and a freestanding guest.
 */
#ifndef RING_IO_BARRIER_H
#define RING_IO_BARRIER_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

/* Slot writes become visible before the index store that follows. */
static inline void ring_wmb(void)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

/* The index load that precedes it happens before the slot reads after it. */
static inline void ring_rmb(void)
{
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
}

/* Orders a store before a later load: the one reordering x86 does allow. */
static inline void ring_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* Stops the compiler from re-reading shared memory in place of a copy. */
static inline void ring_compiler_barrier(void)
{
	__asm__ __volatile__("" ::: "memory");
}

/* A shared index is read exactly once per call: the peer may change it. */
static inline uint32_t ring_load_idx(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static inline void ring_store_idx(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

#endif /* RING_IO_BARRIER_H */
