/* SPDX-License-Identifier: MIT */
/*
 * mm-peer: the bystander. Runs beside one hostile direct-paging guest
 * and does ordinary page-table work of its own round after round (flip a
 * page read-only and back, rewrite its M2P entry, check its contents,
 * yield) until that neighbour is gone: it watches a few of the
 * neighbour's frames in the M2P, which the hypervisor invalidates when it
 * reclaims the dead domain's memory. Then it checks that nothing of its
 * own changed: its memory, its M2P entries, its reservation. So it
 * finishes its tests after every hostile case of the neighbour ran.
 *
 * A hypervisor that a hostile guest has corrupted or crashed never lets
 * this guest finish, or shows it frames that changed under it.
 */
#include "mm.h"

#define MIN_ROUNDS 1000
#define MAX_ROUNDS 50000000UL    /* a hung neighbour: QEMU's timeout ends it */
#define PEER_PAGES 8
#define NR_WATCH 8
#define WATCH_STRIDE 257          /* spread the watched frames out */

static unsigned long watch[NR_WATCH];
static unsigned int nr_watch;

static uint64_t sum_pages(void)
{
	uint64_t s = 0;

	for (unsigned int i = 0; i < PEER_PAGES; i++)
		for (unsigned int j = 0; j < PAGE_SIZE / 8; j += 61)
			s = s * 31 + ((uint64_t *)pool_page(i))[j];
	return s;
}

static bool one_round(unsigned int r)
{
	unsigned int i = r % PEER_PAGES;
	uint64_t *p = pool_page(i);
	unsigned long mfn = pool_mfn(i), pfn = m2p(mfn);

	if (set_page_rw(p, false) || set_page_rw(p, true))
		return false;
	p[r % 512] = (uint64_t)r * 0x9e3779b97f4a7c15UL;
	if (mmu_update1(mfn << 12 | MMU_MACHPHYS_UPDATE, pfn))
		return false;
	HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	return p[r % 512] == (uint64_t)r * 0x9e3779b97f4a7c15UL && m2p(mfn) == pfn;
}

static bool is_ours(unsigned long mfn)
{
	const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;
	unsigned long pfn = m2p(mfn);

	return pfn < start_info->nr_pages && p2m[pfn] == mfn;
}

/* A few frames the M2P gives another domain: our neighbour's. */
static void find_neighbour(void)
{
	long max = maximum_ram_page();

	for (unsigned long mfn = 1; max > 0 && mfn <= (unsigned long)max && nr_watch < NR_WATCH;
	     mfn++)
		if (m2p(mfn) != INVALID_M2P && !is_ours(mfn)) {
			watch[nr_watch++] = mfn;
			mfn += WATCH_STRIDE;
		}
}

static bool neighbour_alive(void)
{
	for (unsigned int i = 0; i < nr_watch; i++)
		if (m2p(watch[i]) != INVALID_M2P)
			return true;
	return false;
}

static bool m2p_intact(void)
{
	const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;

	for (unsigned long pfn = 0; pfn < start_info->nr_pages; pfn++)
		if (m2p(p2m[pfn]) != pfn)
			return false;
	return true;
}

void test_main(void)
{
	long before = current_reservation();
	unsigned long r, bad = 0;
	uint64_t sum;

	for (unsigned int i = 0; i < PEER_PAGES; i++)
		memset(pool_page(i), 0x5a + i, PAGE_SIZE);
	find_neighbour();
	expect_true("peer/neighbour-found", nr_watch > 0,
		    "setup: no other domain's frame in the M2P; the scenario needs one");
	for (r = 0; r < MAX_ROUNDS && (r < MIN_ROUNDS || neighbour_alive()); r++)
		if (!one_round((unsigned int)r))
			bad++;
	expect_true("peer/outlived-neighbour", !neighbour_alive(),
		    "%lu rounds and the neighbour's frames are still in the M2P", r);
	expect_true("peer/rounds-ok", bad == 0, "%lu of %lu rounds failed", bad, r);
	sum = sum_pages();
	HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	expect_eq("peer/memory-stable", sum_pages(), sum);
	expect_true("peer/m2p-intact", m2p_intact(), "an M2P entry of ours changed");
	expect_eq("peer/reservation", current_reservation(), before);
	expect_true("peer/reservation-positive", before > 0, "current_reservation %ld", before);
}
