/* SPDX-License-Identifier: MIT */
/*
 * mm-peer: the bystander. Runs beside the hostile direct-paging guests
 * and does ordinary page-table work of its own for many rounds (flip a
 * page read-only and back, rewrite its M2P entry, check its contents,
 * yield), then checks that nothing of it changed: its memory, its M2P
 * entries, its reservation.
 *
 * A hypervisor that a hostile guest has corrupted or crashed never lets
 * this guest finish, or shows it frames that changed under it.
 */
#include "mm.h"

#define ROUNDS 3000
#define PEER_PAGES 8

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
	unsigned int r, bad = 0;
	uint64_t sum;

	for (unsigned int i = 0; i < PEER_PAGES; i++)
		memset(pool_page(i), 0x5a + i, PAGE_SIZE);
	for (r = 0; r < ROUNDS; r++)
		if (!one_round(r))
			bad++;
	expect_eq("peer/rounds-ok", bad, 0);
	sum = sum_pages();
	HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	expect_eq("peer/memory-stable", sum_pages(), sum);
	expect_true("peer/m2p-intact", m2p_intact(), "an M2P entry of ours changed");
	expect_eq("peer/reservation", current_reservation(), before);
	expect_true("peer/reservation-positive", before > 0, "current_reservation %ld", before);
}
