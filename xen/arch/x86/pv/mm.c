/* SPDX-License-Identifier: GPL-2.0 */
/* Validated page-table entry updates and TLB flushes for PV guests. The
 * guest can never write its page tables directly (they are read-only to
 * it), so every change goes through pv_mod_entry under the domain's mm
 * lock: check and reference the new entry, swap, release the old. */
#include <asm/apic.h>
#include <asm/cpu-info.h>
#include <asm/desc.h>
#include <asm/guest-access.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv-mm.h>
#include <asm/smp.h>
#include <asm/tlb-clock.h>
#include <asm/traps.h>
#include <xeno/errno.h>
#include <xeno/lib.h>
#include <xeno/mm.h>

int pv_l1e_of(struct vcpu *v, uint64_t va, uint64_t *l1_mfn, unsigned int *idx)
{
	struct pgt_ctx ctx = pv_ctx(v->domain);

	if (!guest_range_ok(va, 1))
		return -EINVAL;
	return pgt_walk_l1(&ctx, v->arch.kernel_cr3 >> PAGE_SHIFT, va, l1_mfn, idx);
}

static bool is_table(enum page_type t)
{
	return t >= PGT_l1 && t <= PGT_l4;
}

static int mod_entry(struct domain *d, uint64_t table_mfn, unsigned int idx, uint64_t new,
		     bool preserve_ad, const uint64_t *expect, bool l1_only)
{
	struct pgt_ctx ctx = pv_ctx(d);
	struct page_info *pg;
	uint64_t *slot, old, adj;
	enum page_type level;
	unsigned long f;
	int rc;

	if (!mfn_valid(table_mfn) || idx >= 512)
		return -EINVAL;
	f = mm_lock(d);
	pg = mfn_to_page(table_mfn);
	level = (enum page_type)pg->type;
	rc = -EINVAL;
	if (pg->owner != d->domain_id || !is_table(level) || !pg->type_count ||
	    (l1_only && level != PGT_l1))
		goto out;
	/* The hypervisor's own L4 slots are not the guest's to change. */
	if (level == PGT_l4 && idx >= PGT_XEN_L4_FIRST && idx <= PGT_XEN_L4_LAST)
		goto out;
	slot = &pgt_map(table_mfn)[idx];
	old = __atomic_load_n(slot, __ATOMIC_RELAXED);
	rc = -EAGAIN;
	if (expect && old != *expect)
		goto out;
	if (preserve_ad)
		new |= old & (PTE_A | PTE_D);
	rc = pgt_get_entry(&ctx, level, new, table_mfn, &adj);
	if (rc)
		goto out;
	/* The CPU may set A/D in the slot meanwhile (our lock excludes every
	 * other writer): commit by compare-and-swap, so a guest's cmpxchg
	 * sees the D bit, and PRESERVE_AD keeps it. */
	rc = pgt_commit_entry(slot, old, adj, expect != NULL, preserve_ad, &old);
	if (rc) {
		pgt_put_entry(&ctx, level, adj, table_mfn);   /* -EAGAIN: retried */
		goto out;
	}
	pgt_put_entry(&ctx, level, old, table_mfn);
	rc = 0;
out:
	mm_unlock(d, f);
	return rc;
}

int pv_mod_entry(struct domain *d, uint64_t table_mfn, unsigned int idx,
		 uint64_t new, bool preserve_ad, const uint64_t *expect)
{
	return mod_entry(d, table_mfn, idx, new, preserve_ad, expect, false);
}

int pv_mod_l1_entry(struct domain *d, uint64_t table_mfn, unsigned int idx, uint64_t new,
		    const uint64_t *expect)
{
	return mod_entry(d, table_mfn, idx, new, false, expect, true);
}

/* The TLB clock: ticks at every full local flush (CR3 load); each CPU
 * remembers the tick of its last one. A frame stamped at tick s can only
 * be in the TLB of a CPU whose last flush began at or before s. The
 * arithmetic, with the 32-bit wrap, is in mm/tlb-clock.c. */
static uint32_t tlb_clock = 1;
static uint32_t tlb_flush_time[NR_CPUS];

uint32_t pgt_tlb_clock(void)
{
	return __atomic_load_n(&tlb_clock, __ATOMIC_ACQUIRE);
}

void load_cr3_stamped(uint64_t cr3)
{
	/* Interrupts off: a flush IPI served between the tick and the store
	 * would have its (later) time overwritten by this earlier one. */
	unsigned long f = local_save_flags();
	uint32_t t;

	local_irq_disable();
	t = tlb_clock_tick(&tlb_clock);
	write_cr3(cr3);
	__atomic_store_n(&tlb_flush_time[smp_processor_id()], t, __ATOMIC_RELEASE);
	if (f & X86_EFLAGS_IF)
		local_irq_enable();
}

void pgt_tlb_flush_since(uint32_t stamp)
{
	uint32_t now = pgt_tlb_clock();

	if (!tlb_clock_flush_needed(tlb_flush_time, nr_cpus_online, stamp, now))
		return;
	pv_flush_tlb(FLUSH_ALL, 0);
	if (now == 0)
		tlb_clock_end_wrap(&tlb_clock);   /* every CPU has flushed */
}

static void serve_flush(void);

/* The domain's page-table lock. A CPU waiting for it serves TLB-flush
 * requests meanwhile: the holder may be waiting for exactly that (it
 * flushes before retyping a frame) with interrupts off on both sides.
 * Waiters take a ticket, so one vCPU looping over short operations
 * cannot keep another out indefinitely. Any lock whose holder may flush
 * (the grant lock) is taken the same way. */
unsigned long spin_lock_serving_flushes(spinlock_t *l)
{
	unsigned long f = local_save_flags();
	uint16_t me;

	local_irq_disable();
	me = __atomic_fetch_add(&l->tail, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != me) {
		serve_flush();
		cpu_relax();
	}
	return f;
}

unsigned long mm_lock(struct domain *d)
{
	return spin_lock_serving_flushes(&d->mm_lock);
}

void mm_unlock(struct domain *d, unsigned long f)
{
	spin_unlock(&d->mm_lock);
	if (f & X86_EFLAGS_IF)
		local_irq_enable();
}

/* Cross-CPU flushes: a request flag per CPU and an IPI; the sender waits,
 * serving requests addressed to itself meanwhile, so two CPUs flushing
 * each other cannot deadlock. */
static volatile uint8_t flush_pending[NR_CPUS];

static void flush_local(void)
{
	load_cr3_stamped(read_cr3());
}

static void serve_flush(void)
{
	unsigned int me = smp_processor_id();

	if (__atomic_load_n(&flush_pending[me], __ATOMIC_ACQUIRE)) {
		flush_local();
		__atomic_store_n(&flush_pending[me], 0, __ATOMIC_RELEASE);
	}
}

static void ipi_flush(struct cpu_regs *regs)
{
	apic_eoi();
	serve_flush();
}

void flush_init(void)
{
	set_irq_handler(VECTOR_IPI_FLUSH, ipi_flush);
}

void pv_flush_tlb(enum flush_scope scope, uint64_t va)
{
	unsigned int me = smp_processor_id();

	if (va)
		invlpg((const void *)va);
	else
		flush_local();
	if (scope == FLUSH_LOCAL)
		return;
	for (unsigned int c = 0; c < nr_cpus_online; c++)
		if (c != me) {
			__atomic_store_n(&flush_pending[c], 1, __ATOMIC_RELEASE);
			apic_send_ipi(cpu_apic_id[c], VECTOR_IPI_FLUSH);
		}
	for (unsigned int c = 0; c < nr_cpus_online; c++)
		while (c != me && __atomic_load_n(&flush_pending[c], __ATOMIC_ACQUIRE)) {
			serve_flush();
			cpu_relax();
		}
}
