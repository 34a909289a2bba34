/* SPDX-License-Identifier: MIT */
/*
 * fuzz-peer: the bystander beside the hypercall fuzzer. Round after
 * round it arms a singleshot timer and blocks until VIRQ_TIMER arrives
 * (never before the deadline), sends itself an event on an IPI port and
 * waits for its upcall, and rewrites its heartbeat in the M2P (see
 * ../heartbeat.h), which the fuzzer checks after every batch. It runs
 * until the fuzzer's heartbeat frame is reclaimed (the fuzzer is gone),
 * then reports.
 *
 * A hypervisor the fuzzer has corrupted or stalled fires this guest's
 * timer early, late by seconds or never, loses its events, or stops it.
 *
 * Module line: "fuzz-peer role=domU".
 */
#include "evt.h"
#include "mm.h"
#include "heartbeat.h"

#define SLEEP_NS      (2 * MS)
/* A hypervisor CPU that hangs, not a slow host: under TCG on a host
 * shared with other QEMUs (load 15 on 2 cores) timers were seen 2.8 s
 * late with nothing wrong; the late ones are printed with their time. */
#define LATE_LIMIT_NS (10000 * MS)
#define REPORT_LATE_NS (200 * MS)
#define EVENT_WAIT_NS (2000 * MS)
#define FIND_NS       (60000 * MS)

static unsigned long hb_page[PAGE_SIZE / 8] __attribute__((aligned(4096)));
static unsigned long rounds, early, late, lost_events;
static uint64_t max_late;
static uint32_t ipi_port;
static unsigned int reported;

static unsigned long find_fuzzer(void)
{
	long max = maximum_ram_page();
	uint64_t start = evt_now();

	while (evt_now() - start < FIND_NS) {
		for (unsigned long mfn = 1; max > 0 && mfn <= (unsigned long)max; mfn++)
			if ((m2p(mfn) & FZ_HEARTBEAT_MASK) == FZ_FUZZER_MAGIC)
				return mfn;
		evt_sleep(10 * MS);
	}
	return 0;
}

static void timer_round(void)
{
	uint32_t port = evt_timer_port[0], before = evt_count[port];
	uint64_t deadline = evt_now() + SLEEP_NS, now;

	evt_set_singleshot(deadline, 0);
	while (evt_count[port] == before)
		evt_block();
	now = evt_now();
	if (now + CLOCK_SLACK_NS < deadline)
		early++;
	else if (now > deadline && now - deadline > max_late)
		max_late = now - deadline;
	if (now > deadline + LATE_LIMIT_NS)
		late++;
	/* Say when, so a late timer can be matched with the fuzzer's calls. */
	if (now > deadline + REPORT_LATE_NS && reported < 10) {
		reported++;
		printf("peer: timer %lu ms late at system time %lu ms\n",
		       (unsigned long)((now - deadline) / MS), (unsigned long)(now / MS));
	}
}

static void event_round(void)
{
	uint32_t before = evt_count[ipi_port];

	evt_send(ipi_port);
	if (!evt_wait_count(ipi_port, before + 1, EVENT_WAIT_NS))
		lost_events++;
}

void test_main(void)
{
	const char *why = evt_setup();
	domid_t self = evt_self_domid();
	unsigned long hb_mfn = virt_to_mfn(hb_page), fuzzer;

	if (!why && evt_bind_ipi(0, &ipi_port))
		why = "bind_ipi failed";
	if (why) {
		fail("peer/setup", "%s", why);
		return;
	}
	mmu_update1(hb_mfn << 12 | MMU_MACHPHYS_UPDATE, FZ_HB_VALUE(FZ_PEER_MAGIC, self, 0));
	fuzzer = find_fuzzer();
	if (!expect_true("peer/fuzzer-seen", fuzzer != 0, "no fuzzer heartbeat in the M2P"))
		return;
	while (m2p(fuzzer) != INVALID_M2P) {
		timer_round();
		event_round();
		rounds++;
		mmu_update1(hb_mfn << 12 | MMU_MACHPHYS_UPDATE,
			    FZ_HB_VALUE(FZ_PEER_MAGIC, self, rounds));
	}
	printf("peer: %lu rounds, timer at most %lu us late\n", rounds,
	       (unsigned long)(max_late / 1000));
	expect_true("peer/rounds", rounds >= 10, "only %lu rounds", rounds);
	expect_eq("peer/timer-never-early", early, 0);
	expect_true("peer/timer-on-time", late == 0, "%lu timers over %lu ms late", late,
		    (unsigned long)(LATE_LIMIT_NS / MS));
	expect_eq("peer/events-delivered", lost_events, 0);
}
