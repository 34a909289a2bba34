/* SPDX-License-Identifier: GPL-2.0 */
/* The 2-level event ABI: a port is pending when its bit is set in
 * shared_info.evtchn_pending; if it is not masked, the word's bit is set
 * in the notify vCPU's evtchn_pending_sel and evtchn_upcall_pending is
 * raised. All of it is guest-writable memory: atomic ops only. */
#include <xeno/domain.h>
#include <xeno/event.h>
#include <xeno/evtchn-2l.h>
#include <xeno/sched.h>

#define BITS 64

static bool test_and_set(uint64_t *word, unsigned int bit)
{
	uint64_t m = 1ULL << bit;

	return (__atomic_fetch_or(word, m, __ATOMIC_SEQ_CST) & m) != 0;
}

static bool test(const uint64_t *word, unsigned int bit)
{
	return (__atomic_load_n(word, __ATOMIC_SEQ_CST) >> bit) & 1;
}

static uint64_t *pending_word(struct domain *d, uint32_t port)
{
	return (uint64_t *)&d->shared_info->evtchn_pending[port / BITS];
}

static uint64_t *mask_word(struct domain *d, uint32_t port)
{
	return (uint64_t *)&d->shared_info->evtchn_mask[port / BITS];
}

static void mark_vcpu_pending(struct vcpu *v, uint32_t port)
{
	struct vcpu_info *vi = v->vcpu_info;

	if (test_and_set((uint64_t *)&vi->evtchn_pending_sel, port / BITS))
		return;
	if (!__atomic_exchange_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST))
		vcpu_kick(v);
}


void evtchn_2l_set_pending(struct vcpu *v, uint32_t port)
{
	struct domain *d = v->domain;

	if (test_and_set(pending_word(d, port), port % BITS))
		return;
	/* SCHEDOP_poll wakes on its ports, masked or not, on any vCPU. */
	evtchn_wake_pollers(d, port);
	if (!test(mask_word(d, port), port % BITS))
		mark_vcpu_pending(v, port);
}


/* Clear the mask bit, then re-raise an event that arrived while masked:
 * the sender set its pending bit but skipped the vCPU (the mask was set),
 * so without this the event would sit unseen. The seq-cst clear orders
 * against a sender's seq-cst set of the pending bit: one of us sees the
 * other's bit and marks the vCPU. */
void evtchn_2l_unmask(struct vcpu *v, uint32_t port)
{
	struct domain *d = v->domain;

	__atomic_fetch_and(mask_word(d, port), ~(1ULL << (port % BITS)), __ATOMIC_SEQ_CST);
	if (test(pending_word(d, port), port % BITS))
		mark_vcpu_pending(v, port);
}


bool evtchn_2l_is_pending(struct domain *d, uint32_t port)
{
	return test(pending_word(d, port), port % BITS);
}


/* A closed port's pending bit goes, so a reused port starts clean. */
void evtchn_2l_clear(struct domain *d, uint32_t port)
{
	__atomic_fetch_and(pending_word(d, port), ~(1ULL << (port % BITS)), __ATOMIC_SEQ_CST);
}

bool evtchn_2l_is_masked(struct domain *d, uint32_t port)
{
	return test(mask_word(d, port), port % BITS);
}
