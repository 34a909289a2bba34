/* SPDX-License-Identifier: GPL-2.0 */
/* TLB flushes for x86: the TLB clock that tells whether a frame may still
 * sit in some CPU's TLB, cross-CPU flush requests, and the per-domain mm
 * lock whose waiters serve those requests. Used by the page-type core
 * (mm/page-type.c), the frame table, the context switch and the PV
 * page-table hypercalls; nothing here knows about guests. */
#include <asm/apic.h>
#include <asm/cpu-info.h>
#include <asm/desc.h>
#include <asm/flush.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/tlb-clock.h>
#include <asm/traps.h>
#include <xeno/arch-mm.h>
#include <xeno/domain.h>
#include <xeno/page-type.h>

/* The TLB clock: ticks at every full local flush (CR3 load); each CPU
 * remembers the tick of its last one. A frame stamped at tick s can only
 * be in the TLB of a CPU whose last flush began at or before s.
 *
 * Why that holds: the page-type core stamps a frame (pgt_tlb_clock) after
 * it has removed the mapping or type that made the frame reachable. A CPU
 * whose recorded tick t is above s took t from the clock after s was
 * read (the clock only moves by atomic increments, so ticks are totally
 * ordered), hence started its CR3 load after the mapping was gone, and
 * that load dropped every stale entry. Only CPUs at or below s may still
 * hold one, and pgt_tlb_flush_since flushes when any does. The order of
 * ticks breaks where the 32-bit clock wraps: mm/tlb-clock.c then answers
 * "flush" until a global flush has ended the wrap period. */
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
	/* Published after the CR3 load; pairs with the acquire in
	 * pgt_tlb_flush_since: a CPU that reads t knows the flush is done. */
	__atomic_store_n(&tlb_flush_time[smp_processor_id()], t, __ATOMIC_RELEASE);
	if (f & X86_EFLAGS_IF)
		local_irq_enable();
}

void pgt_tlb_flush_since(uint32_t stamp)
{
	uint32_t now = pgt_tlb_clock();

	if (!tlb_clock_flush_needed(tlb_flush_time, nr_cpus_online, stamp, now))
		return;
	flush_tlb(FLUSH_ALL, 0);
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
 * each other cannot deadlock.
 *
 * The flag's protocol: the sender stores 1 (release) and sends the IPI;
 * the target reads 1 (acquire), flushes, stores 0 (release); the sender
 * spins until it reads 0 (acquire), which orders the target's CR3 load
 * before whatever the sender does next (typically freeing or retyping the
 * frame). A target that finds the flag already 0 (served from mm_lock's
 * wait loop) has nothing left to do for that IPI. */
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

void flush_tlb(enum flush_scope scope, uint64_t va)
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

void arch_serve_pending_flush(void)
{
	serve_flush();
}
