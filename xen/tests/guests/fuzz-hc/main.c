/* SPDX-License-Identifier: MIT */
/*
 * fuzz-hc: a hypercall fuzzer. Issues `calls` hypercalls with structured
 * random arguments (fz_table: every hypercall of the hypervisor's table
 * and each sub-op, plus numbers with no handler), seeded by `seed`, and
 * after every batch of `batch` calls checks:
 *   alive   - the hypervisor still answers (xen_version is unchanged);
 *   frames  - our reservation is within (0, maximum], and the frames we
 *             run on are still ours (an M2P update of each succeeds);
 *   peer    - the bystander (fuzz-peer, timer and event work of its own)
 *             keeps beating: its heartbeat in the M2P changes within
 *             PEER_STALL_NS.
 * A failed check prints the batch and seed and ends the run: the same
 * seed replays the same calls (trace_from=K prints each call from batch
 * K on). The runner checks the whole machine's frame balance at exit.
 *
 * Module line: "fuzz-hc role=domU seed=S calls=N [batch=B] [trace_from=K]".
 */
#include "fuzz.h"

#define PEER_STALL_NS (10000ULL * MS)   /* TCG on a shared host is slow */
#define PROGRESS_CALLS 1000000UL

extern const struct fz_entry fz_table[];
static unsigned long seed, nr_calls, batch_size, trace_from = ~0UL;
static unsigned long hb_page[PAGE_SIZE / 8] __attribute__((aligned(4096)));
static unsigned long hb_mfn, peer_hb_mfn, peer_hb_last;
static uint64_t peer_hb_seen_ns;
static long version0, max_res;
/* Per hypercall number; [64] counts every number past the table. */
static unsigned long count_calls[65], count_ok[65];
static unsigned int total_weight;
/* The longest single call (a poll sleeps up to 0.2 ms by design). */
static uint64_t slowest_ns;
static unsigned long slowest_nr, slowest_batch;

static const struct fz_entry *pick(void)
{
	unsigned long r = fz_below(total_weight);
	unsigned int i = 0;

	while (r >= fz_table[i].weight)
		r -= fz_table[i++].weight;
	return &fz_table[i];
}

static void restore(unsigned int what)
{
	if (what & FZ_RESTORE_TRAPS)
		traps_init();
	if (what & FZ_RESTORE_CALLBACKS) {
		struct callback_register cb = { CALLBACKTYPE_event, CALLBACKF_mask_events,
						(unsigned long)evt_upcall_entry };
		struct callback_register fs = { CALLBACKTYPE_failsafe, CALLBACKF_mask_events,
						(unsigned long)evt_failsafe_entry };

		HYPERVISOR_callback_op(CALLBACKOP_register, gva(&cb));
		HYPERVISOR_callback_op(CALLBACKOP_register, gva(&fs));
	}
	if (what & FZ_RESTORE_FPU)
		HYPERVISOR_fpu_taskswitch(0);
	if (what & FZ_RESTORE_DEBUGREG)
		hypercall2(__HYPERVISOR_set_debugreg, 7, 0);
	if (what & FZ_RESTORE_SEGBASE) {
		HYPERVISOR_set_segment_base(SEGBASE_FS, 0);
		HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, 0);
	}
	if (what & FZ_RESTORE_GDT)
		HYPERVISOR_set_gdt(0, 0);
	if (what & FZ_RESTORE_LDT)
		mmuext1(MMUEXT_SET_LDT, 0, 0);
	if (what & FZ_RESTORE_TIMERS)
		HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, 0);
}

/* register_vcpu_info moved our vcpu_info: follow it (it succeeds once). */
static void follow_vcpu_info(long rc)
{
	if (rc || fz_vcpu_info_offset == ~0U)
		return;
	evt_vcpu_info[0] = (volatile struct vcpu_info *)((uint8_t *)fz_vcpu_info_page() +
							 fz_vcpu_info_offset);
	trap_vcpu_info = evt_vcpu_info[0];
	printf("fuzz: vcpu_info moved to our frame at offset %u\n", fz_vcpu_info_offset);
}

static void one_call(unsigned long batch)
{
	struct fz_call c = { 0 };
	const struct fz_entry *e = pick();
	uint64_t t;
	long rc;

	e->gen(&c);
	if (batch >= trace_from)
		printf("call %s nr %lu (0x%lx, 0x%lx, 0x%lx, 0x%lx, 0x%lx)\n", e->name, c.nr,
		       c.a[0], c.a[1], c.a[2], c.a[3], c.a[4]);
	t = evt_now();
	rc = hypercall5(c.nr, c.a[0], c.a[1], c.a[2], c.a[3], c.a[4]);
	t = evt_now() - t;
	if (t > slowest_ns) {
		slowest_ns = t;
		slowest_nr = c.nr;
		slowest_batch = batch;
	}
	if (c.restore)
		restore(c.restore);
	if (c.restore & FZ_CHECK_VCPU_INFO)
		follow_vcpu_info(rc);
	count_calls[c.nr < 64 ? c.nr : 64]++;
	if (rc >= 0)
		count_ok[c.nr < 64 ? c.nr : 64]++;
	if (batch >= trace_from)
		printf("  -> %ld (%lu us)\n", rc, (unsigned long)(t / 1000));
}

/* Frames we run on: code, data, stack (our heartbeat page is checked by
 * its own update: its M2P entry must keep the magic the peer watches). */
static bool frames_ours(unsigned long *lost)
{
	const volatile void *va[] = { (const void *)one_call, &seed, (const void *)(boot_rsp - 8) };

	for (unsigned int i = 0; i < ARRAY_SIZE(va); i++) {
		unsigned long mfn = virt_to_mfn(va[i]);
		unsigned long pfn = ((unsigned long)va[i] - GUEST_VIRT_BASE) / PAGE_SIZE;

		if (mmu_update1(mfn << 12 | MMU_MACHPHYS_UPDATE, pfn)) {
			*lost = mfn;
			return false;
		}
	}
	return true;
}

static bool check_batch(unsigned long batch, unsigned long done)
{
	long v = HYPERVISOR_xen_version(XENVER_version, 0), res = current_reservation();
	unsigned long lost = 0, hb;
	uint64_t now = evt_now();

	if (v != version0) {
		fail("fuzz/alive", "batch %lu (call %lu), seed %lu: xen_version 0x%lx, was 0x%lx",
		     batch, done, seed, v, version0);
		return false;
	}
	if (res <= 0 || res > max_res || !frames_ours(&lost)) {
		fail("fuzz/frames", "batch %lu (call %lu), seed %lu: reservation %ld of %ld, frame 0x%lx %s",
		     batch, done, seed, res, max_res, lost, lost ? "no longer ours" : "ok");
		return false;
	}
	hb = m2p(peer_hb_mfn);
	if (hb != peer_hb_last) {
		peer_hb_last = hb;
		peer_hb_seen_ns = now;
	} else if (now - peer_hb_seen_ns > PEER_STALL_NS) {
		fail("fuzz/peer", "batch %lu (call %lu), seed %lu: the peer's heartbeat stood still for %lu ms (0x%lx)",
		     batch, done, seed, (unsigned long)((now - peer_hb_seen_ns) / MS), hb);
		return false;
	}
	if (mmu_update1(hb_mfn << 12 | MMU_MACHPHYS_UPDATE, FZ_HB_VALUE(FZ_FUZZER_MAGIC, fz.self, batch))) {
		fail("fuzz/frames", "batch %lu (call %lu), seed %lu: our heartbeat frame 0x%lx is no longer ours",
		     batch, done, seed, hb_mfn);
		return false;
	}
	return true;
}

/* The peer's heartbeat: a frame whose M2P entry carries the peer's magic. */
static bool find_peer(void)
{
	uint64_t start = evt_now();

	while (evt_now() - start < 30000 * MS) {
		for (unsigned long mfn = 1; mfn <= fz.max_mfn; mfn++)
			if ((m2p(mfn) & FZ_HEARTBEAT_MASK) == FZ_PEER_MAGIC) {
				peer_hb_mfn = mfn;
				peer_hb_last = m2p(mfn);
				fz.peer = (domid_t)FZ_HB_DOMID(peer_hb_last);
				peer_hb_seen_ns = evt_now();
				fz.peer_mfn[fz.nr_peer++] = mfn;
				return true;
			}
		HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	}
	return false;
}

static void report(unsigned long done, uint64_t ns)
{
	unsigned long ms = (unsigned long)(ns / MS) ? (unsigned long)(ns / MS) : 1;

	printf("fuzz: seed %lu, %lu calls in %lu ms, %lu calls/s\n", seed, done, ms,
	       done * 1000 / ms);
	for (unsigned int i = 0; i < 64; i++)
		if (count_calls[i])
			printf("fuzz: hypercall %u: %lu calls, %lu succeeded\n", i, count_calls[i],
			       count_ok[i]);
	printf("fuzz: numbers past the table: %lu calls, %lu succeeded\n", count_calls[64],
	       count_ok[64]);
	printf("fuzz: slowest call: hypercall %lu, %lu us, in batch %lu\n", slowest_nr,
	       (unsigned long)(slowest_ns / 1000), slowest_batch);
}

void test_main(void)
{
	const char *why = evt_setup();
	unsigned long done = 0, batch = 0, next_progress = PROGRESS_CALLS;
	uint64_t t0;
	bool ok = true;

	if (!word_value(guest_cmdline(), "seed", &seed))
		seed = 1;
	if (!word_value(guest_cmdline(), "calls", &nr_calls))
		nr_calls = 100000;
	if (!word_value(guest_cmdline(), "batch", &batch_size) || !batch_size)
		batch_size = 1000;
	word_value(guest_cmdline(), "trace_from", &trace_from);
	if (!why)
		why = fz_world_init();
	fz.self = evt_self_domid();
	fz.console_port = start_info->console.domU.evtchn;
	hb_mfn = virt_to_mfn(hb_page);
	mmu_update1(hb_mfn << 12 | MMU_MACHPHYS_UPDATE, FZ_HB_VALUE(FZ_FUZZER_MAGIC, fz.self, 0));
	if (!why && !find_peer())
		why = "no heartbeat of a peer in the M2P within 30 s";
	if (why) {
		fail("fuzz/setup", "%s", why);
		return;
	}
	for (unsigned int i = 0; i < fz_table_len; i++)
		total_weight += fz_table[i].weight;
	version0 = HYPERVISOR_xen_version(XENVER_version, 0);
	max_res = HYPERVISOR_memory_op(XENMEM_maximum_reservation, gva(&(domid_t){ DOMID_SELF }));
	printf("fuzz: seed %lu, %lu calls in batches of %lu, self d%u, peer d%u\n",
	       seed, nr_calls, batch_size, fz.self, fz.peer);
	fz_seed(seed);
	t0 = evt_now();
	while (ok && done < nr_calls) {
		unsigned long n = nr_calls - done < batch_size ? nr_calls - done : batch_size;

		for (unsigned long i = 0; i < n; i++)
			one_call(batch);
		done += n;
		ok = check_batch(batch++, done);
		if (done >= next_progress) {
			printf("fuzz: %lu calls, batch %lu, %lu ms (system time %lu ms)\n", done, batch,
			       (unsigned long)((evt_now() - t0) / MS), (unsigned long)(evt_now() / MS));
			next_progress += PROGRESS_CALLS;
		}
	}
	report(done, evt_now() - t0);
	if (ok) {
		pass("fuzz/alive");
		pass("fuzz/frames");
		pass("fuzz/peer");
	}
	expect_eq("fuzz/calls", done, nr_calls);
}
