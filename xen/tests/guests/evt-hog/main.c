/* SPDX-License-Identifier: MIT */
/*
 * evt-hog: the longest hypercall a guest can build must not stall other
 * CPUs or other domains (review #3).
 *
 * mode=hog (a 2-vCPU domain, its vCPUs on both physical CPUs): one page of
 * MMU_MACHPHYS_UPDATE requests is mapped read-only at every 4 KiB of a
 * 64 MiB window (one L1 whose 512 entries name it, 32 L2 entries naming
 * that L1), and vCPU 0 hands the whole window to one mmu_update: 4M
 * requests, seconds of work, repeated for 2.5 s. Meanwhile vCPU 1 times
 * MMUEXT_TLB_FLUSH_ALL, which must reach vCPU 0's CPU, and watches *done:
 * the hypervisor writes it part-way only when it stops the call and
 * continues it. Then a quarter of the batch runs inside a multicall
 * before an entry that must still run, and an mmuext_op of 4,096
 * TLB_FLUSH_LOCALs from a window built the same way (its ops are 24 bytes:
 * three frames hold 512 exactly, and the window's pages cycle through
 * them). Checks: every call completes every entry (*done, results), was
 * seen part-way (preempted), and vCPU 1's slowest flush took at most half
 * of the batch (without preemption: all of it). Last, a grant_table_op
 * of 349,525 unmaps (invalid handles) from a writable 8 MiB window that
 * aliases one page, judged by the flushes only (grant ops have no *done;
 * found by the hypercall fuzzer, docs/fuzzing.md).
 *
 * mode=victim (a 1-vCPU domain sharing vCPU 0's CPU): after 300 ms it
 * sleeps 10 ms at a time with singleshot timers, 100 times; each wake-up
 * must come within 1 s of its deadline (a loose bound: QEMU shares a
 * loaded host; without preemption the victim starves for seconds).
 *
 * A hypervisor that runs a batch to the end with interrupts off stalls
 * the flush for the whole batch and starves the victim.
 */
#include <public/grant_table.h>
#include "evt.h"

#define MS 1000000ULL
#define WINDOW_VA  (1UL << 39)   /* boot L4 slot 1: unused by our image */
#define NR_L2E     32            /* 32 x 2 MiB */
#define NR_REQS    (NR_L2E * 512UL * (PAGE_SIZE / sizeof(struct mmu_update)))
#define NR_OPS     4096UL        /* of the 87,040 the ops window holds */
#define HOG_NS     (2500 * MS)
#define TIMER_BOUND_NS (1000 * MS)
#define M2P_VIRT_START 0xffff800000000000UL

static uint8_t req_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static struct mmuext_op op_pages[512] __attribute__((aligned(PAGE_SIZE)));
static uint64_t l1[512] __attribute__((aligned(PAGE_SIZE)));
static uint64_t l1_ops[512] __attribute__((aligned(PAGE_SIZE)));
static uint64_t l2[512] __attribute__((aligned(PAGE_SIZE)));
static uint64_t l3[512] __attribute__((aligned(PAGE_SIZE)));
/* The grant window: NR_GNT_L2E L2 entries naming l1_gnt, whose entries
 * all name gnt_page writable (the hypervisor writes each op's status). */
#define NR_GNT_L2E 4
#define GNT_VA     (WINDOW_VA + (NR_L2E + 1) * (2UL << 20))
#define NR_UNMAPS  (NR_GNT_L2E * (2UL << 20) / sizeof(struct gnttab_unmap_grant_ref))
static uint8_t gnt_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint64_t l1_gnt[512] __attribute__((aligned(PAGE_SIZE)));

static volatile uint32_t hog_running, hog_stop;
static volatile uint64_t max_flush_ns, nr_flushes;
/* What vCPU 1 watches during a call: a progress word the hypervisor
 * writes only when it stops the call part-way (a continuation). */
static volatile uint32_t *volatile watch_word;
static volatile uint32_t watch_total, watch_seen_partial;

static long mmu_update(void *reqs, unsigned long count, uint32_t *done)
{
	return hypercall4(__HYPERVISOR_mmu_update, gva(reqs), count, gva(done), DOMID_SELF);
}

static unsigned long m2p_of(unsigned long mfn)
{
	return ((const volatile unsigned long *)M2P_VIRT_START)[mfn];
}

static long set_ro(void *va)
{
	return HYPERVISOR_update_va_mapping(gva(va), (uint64_t)virt_to_mfn(va) << 12 | 0x25,
					    UVMF_INVLPG | UVMF_LOCAL);
}

/* l3 -> l2: NR_L2E entries naming l1 (-> the request page), one more
 * naming l1_ops (-> the three op frames in turn). */
static const char *build_window(void)
{
	unsigned long req_mfn = virt_to_mfn(req_page), pfn = m2p_of(req_mfn);
	struct mmu_update *r = (struct mmu_update *)req_page;
	struct mmu_update hook;
	uint32_t done = 0;

	for (unsigned int i = 0; i < PAGE_SIZE / sizeof(*r); i++)
		r[i] = (struct mmu_update){ (uint64_t)req_mfn << 12 | MMU_MACHPHYS_UPDATE, pfn };
	for (unsigned int i = 0; i < ARRAY_SIZE(op_pages); i++)
		op_pages[i] = (struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_LOCAL };
	for (unsigned int i = 0; i < 512; i++) {
		l1[i] = (uint64_t)req_mfn << 12 | 0x25;                  /* P, US, A: read-only */
		if (i < 510)
			l1_ops[i] = (uint64_t)virt_to_mfn((char *)op_pages + (i % 3) * PAGE_SIZE)
				    << 12 | 0x25;
	}
	for (unsigned int i = 0; i < NR_L2E; i++)
		l2[i] = (uint64_t)virt_to_mfn(l1) << 12 | 0x27;
	l2[NR_L2E] = (uint64_t)virt_to_mfn(l1_ops) << 12 | 0x27;
	memset(gnt_page, 0xff, sizeof(gnt_page));   /* handles ~0: never valid */
	for (unsigned int i = 0; i < 512; i++)
		l1_gnt[i] = (uint64_t)virt_to_mfn(gnt_page) << 12 | 0x67;   /* P, RW, US, A, D */
	for (unsigned int i = 0; i < NR_GNT_L2E; i++)
		l2[NR_L2E + 1 + i] = (uint64_t)virt_to_mfn(l1_gnt) << 12 | 0x27;
	l3[0] = (uint64_t)virt_to_mfn(l2) << 12 | 0x27;
	if (set_ro(l1) || set_ro(l1_ops) || set_ro(l1_gnt) || set_ro(l2) || set_ro(l3))
		return "update_va_mapping read-only failed";
	hook.ptr = (uint64_t)virt_to_mfn((void *)start_info->pt_base) << 12 | 8 * (WINDOW_VA >> 39);
	hook.val = (uint64_t)virt_to_mfn(l3) << 12 | 0x27;
	if (mmu_update(&hook, 1, &done))
		return "mmu_update of the boot L4 failed";
	return NULL;
}

static void flusher(void)
{
	struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_ALL };

	while (!hog_running)
		;
	while (!hog_stop) {
		uint64_t t0 = evt_now(), dt;
		volatile uint32_t *w = watch_word;

		if (HYPERVISOR_mmuext_op(gva(&op), 1, 0, DOMID_SELF))
			break;
		dt = evt_now() - t0;
		if (dt > max_flush_ns)
			max_flush_ns = dt;
		nr_flushes++;
		if (w && *w > 0 && *w < watch_total)
			watch_seen_partial = 1;
	}
}

static void watch(volatile uint32_t *word, uint32_t total)
{
	watch_seen_partial = 0;
	watch_total = total;
	watch_word = word;
	max_flush_ns = 0;
}

/* Not preempted, a batch holds the other CPU's flush for all of its
 * length; preempted, the slowest flush is a small part of it (a relative
 * bound: QEMU shares a loaded host, absolute times vary). */
static void judge(const char *name, uint64_t before, uint64_t batch_ns, bool flushes)
{
	char n[64];

	watch_word = NULL;
	snprintf(n, sizeof(n), "%s/preempted", name);
	expect_true(n, watch_seen_partial, "vCPU 1 never saw *done part-way");
	if (!flushes)
		return;
	snprintf(n, sizeof(n), "%s/flushes-not-stalled", name);
	expect_true(n, nr_flushes - before >= 4 && max_flush_ns * 2 <= batch_ns,
		    "%lu flushes during the %lu ms batch, the slowest %lu ms (bound: half of it)",
		    (unsigned long)(nr_flushes - before), (unsigned long)(batch_ns / MS),
		    (unsigned long)(max_flush_ns / MS));
}

static void hog_mmu_update(void)
{
	uint32_t done = 0;
	unsigned int rounds = 0;
	uint64_t t0;
	long rc;

	watch(&done, NR_REQS);
	hog_running = 1;
	t0 = evt_now();
	do {
		done = 0;
		rc = mmu_update((void *)WINDOW_VA, NR_REQS, &done);
		rounds++;
	} while (rc == 0 && done == NR_REQS && evt_now() - t0 < HOG_NS);
	t0 = evt_now() - t0;
	printf("hog: %u mmu_update(s) of %lu requests in %lu ms\n", rounds, NR_REQS,
	       (unsigned long)(t0 / MS));
	expect_ok("hog/mmu_update-rc", rc);
	expect_eq("hog/mmu_update-done", done, NR_REQS);
	judge("hog/mmu_update", 0, t0 / rounds, true);
}

static void hog_multicall(void)
{
	static multicall_entry_t mc[2];
	uint64_t before = nr_flushes, t0;
	uint32_t done = 0;

	mc[0] = (multicall_entry_t){ .op = __HYPERVISOR_mmu_update,
		.args = { WINDOW_VA, NR_REQS / 4, gva(&done), DOMID_SELF } };
	mc[1] = (multicall_entry_t){ .op = __HYPERVISOR_xen_version, .args = { XENVER_version } };
	watch(&done, NR_REQS / 4);
	t0 = evt_now();
	expect_ok("hog/multicall-rc", HYPERVISOR_multicall(gva(mc), 2));
	t0 = evt_now() - t0;
	expect_eq("hog/multicall-entry0", mc[0].result, 0);
	expect_eq("hog/multicall-done", done, NR_REQS / 4);
	expect_true("hog/multicall-entry1", (long)mc[1].result > 0,
		    "xen_version after the preempted entry returned %ld", (long)mc[1].result);
	judge("hog/multicall", before, t0, true);
}

/* mmuext_op takes the domain's mm lock per op, as vCPU 1's flushes do:
 * those wait for the (fair) lock, not for preemption, so only the
 * continuation is judged here. */
static void hog_mmuext(void)
{
	uint32_t done = 0;
	long rc;

	watch(&done, NR_OPS);
	rc = HYPERVISOR_mmuext_op(WINDOW_VA + NR_L2E * (2UL << 20), NR_OPS, gva(&done),
				  DOMID_SELF);
	expect_ok("hog/mmuext_op-rc", rc);
	expect_eq("hog/mmuext_op-done", done, NR_OPS);
	judge("hog/mmuext_op", 0, 0, false);
}

/* Grant batches had no preemption: one call held its CPU to the end
 * (0.5-2 s in the fuzzer's runs), and vCPU 1's flush with it. */
static void hog_gnttab(void)
{
	uint64_t before = nr_flushes, t0;
	long rc;

	watch(NULL, 0);
	t0 = evt_now();
	rc = hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_unmap_grant_ref, GNT_VA, NR_UNMAPS);
	t0 = evt_now() - t0;
	printf("hog: grant_table_op of %lu unmaps in %lu ms\n", NR_UNMAPS, (unsigned long)(t0 / MS));
	expect_ok("hog/grant_table_op-rc", rc);
	const size_t st = offsetof(struct gnttab_unmap_grant_ref, status);

	expect_true("hog/grant_table_op-status", *(volatile int16_t *)(gnt_page + st) < 0,
		    "no error status written (0x%x)", *(volatile uint16_t *)(gnt_page + st));
	watch_seen_partial = 1;   /* no progress word: the flushes judge */
	judge("hog/grant_table_op", before, t0, true);
}

static void run_hog(void)
{
	const char *why = build_window();

	if (why) {
		fail("hog/setup", "%s", why);
		return;
	}
	if (!expect_ok("hog/vcpu1-start", evt_start_vcpu1(flusher)))
		return;
	hog_mmu_update();
	hog_multicall();
	hog_mmuext();
	hog_gnttab();
	hog_stop = 1;
	expect_true("hog/vcpu1-flushed", nr_flushes > 0, "vCPU 1 never flushed");
}

static void run_victim(void)
{
	uint64_t worst = 0;

	evt_sleep(300 * MS);
	for (unsigned int i = 0; i < 100; i++) {
		uint64_t deadline = evt_now() + 10 * MS, late;

		evt_sleep(10 * MS);
		late = evt_now() - deadline;
		if (late > worst)
			worst = late;
	}
	expect_true("victim/timers-on-time", worst <= TIMER_BOUND_NS,
		    "the latest of 100 10-ms timers woke %lu ms late (bound %llu ms)",
		    (unsigned long)(worst / MS), TIMER_BOUND_NS / MS);
}

void test_main(void)
{
	const char *why = evt_setup();

	if (why) {
		fail("setup", "%s", why);
		return;
	}
	if (has_word(guest_cmdline(), "mode=hog"))
		run_hog();
	else
		run_victim();
}
