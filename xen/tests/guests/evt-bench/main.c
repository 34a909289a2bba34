/* SPDX-License-Identifier: MIT */
/*
 * evt-bench: not a test. Measures, in TSC cycles (rdtsc), the round trip
 * of an event between two domains on different physical CPUs and the
 * cost of a null hypercall, and prints "BENCH name median=N p10=N p90=N
 * unit=cycles" lines for bench.sh.
 *
 * Module lines: "evt-bench role=domU mode=a self=A peer=B" and mode=b.
 * A offers a port to B (alloc_unbound); B finds it (bind_interdomain on
 * A's ports in order) and says hello. Then A times ROUNDS round trips two
 * ways: "spin" (both sides masked, polling the pending bit in
 * shared_info: the hypervisor's send path and the cross-CPU notification
 * only) and "block" (SCHEDOP_block and the upcall, as a Linux guest
 * waits). Each sample is one round trip; we report the median.
 */
#include "evt.h"

#define ROUNDS  2000
#define NULLS   20000

static domid_t peer_id;
static uint32_t port;
static uint64_t samples[NULLS];

static void sort(uint64_t *v, unsigned int n)
{
	/* Shell sort: enough for 20,000 samples. */
	for (unsigned int gap = n / 2; gap; gap /= 2)
		for (unsigned int i = gap; i < n; i++)
			for (unsigned int j = i; j >= gap && v[j - gap] > v[j]; j -= gap) {
				uint64_t t = v[j];

				v[j] = v[j - gap];
				v[j - gap] = t;
			}
}

static void report(const char *name, uint64_t *v, unsigned int n)
{
	sort(v, n);
	printf("BENCH %s median=%lu p10=%lu p90=%lu samples=%u unit=cycles\n", name,
	       (unsigned long)v[n / 2], (unsigned long)v[n / 10], (unsigned long)v[n * 9 / 10], n);
}

static void spin_wait(void)
{
	while (!evt_pending(port))
		asm volatile("pause");
	evt_clear(port);
}

static void bench_null(void)
{
	for (unsigned int i = 0; i < NULLS; i++) {
		uint64_t t0 = evt_rdtsc();

		HYPERVISOR_xen_version(XENVER_version, 0);
		samples[i] = evt_rdtsc() - t0;
	}
	report("null-hypercall-xen_version", samples, NULLS);
}

static void run_a(void)
{
	volatile struct vcpu_time_info *t = &evt_vcpu_info[0]->time;
	uint64_t khz;

	if (evt_alloc_unbound(DOMID_SELF, peer_id, &port) || !evt_wait_count(port, 1, 30000 * MS)) {
		fail("bench/setup", "setup: peer never bound port %u", port);
		return;
	}
	/* TSC kHz from the pvclock scale, to read cycles as time. */
	khz = (1000000ULL << 32) / t->tsc_to_system_mul;
	khz = t->tsc_shift < 0 ? khz << -t->tsc_shift : khz >> t->tsc_shift;
	printf("BENCH tsc-khz %lu\n", (unsigned long)khz);
	bench_null();

	evt_mask(port);
	evt_reset(port);
	evt_send(port);                /* start: B spins */
	spin_wait();
	for (unsigned int i = 0; i < ROUNDS; i++) {
		uint64_t t0 = evt_rdtsc();

		evt_send(port);
		spin_wait();
		samples[i] = evt_rdtsc() - t0;
	}
	report("event-round-trip-spin", samples, ROUNDS);

	evt_unmask(port);
	evt_reset(port);
	evt_send(port);                /* B switches to blocking */
	evt_wait_count(port, 1, 5000 * MS);
	for (unsigned int i = 0; i < ROUNDS; i++) {
		uint64_t t0 = evt_rdtsc();

		evt_send(port);
		while (evt_count[port] < i + 2)
			evt_block();
		samples[i] = evt_rdtsc() - t0;
	}
	report("event-round-trip-block", samples, ROUNDS);
	evt_send(port);                /* done */
	pass("bench/a-done");
}

static void run_b(void)
{
	uint32_t rport;

	if (evt_find_offer(peer_id, 1, 30000 * MS, &rport, &port)) {
		fail("bench/setup", "setup: no port offered by domain %u", peer_id);
		return;
	}
	evt_mask(port);
	evt_clear(port);
	evt_send(port);                /* hello */
	spin_wait();                   /* start */
	evt_send(port);
	for (unsigned int i = 0; i < ROUNDS; i++) {
		spin_wait();
		evt_send(port);
	}
	spin_wait();                   /* A switches to blocking */
	evt_reset(port);
	evt_unmask(port);
	evt_send(port);                /* ack */
	for (uint32_t i = 0; i < ROUNDS; i++) {
		while (evt_count[port] < i + 1)
			evt_block();
		evt_send(port);
	}
	evt_wait_count(port, ROUNDS + 1, 5000 * MS);
	pass("bench/b-done");
}

void test_main(void)
{
	const char *why = evt_setup();

	if (why) {
		fail("bench/setup", "setup: %s", why);
		return;
	}
	peer_id = (domid_t)evt_param("peer", 0xffff);
	if (has_word(guest_cmdline(), "mode=b"))
		run_b();
	else
		run_a();
}
