/* SPDX-License-Identifier: GPL-2.0 */
/* The one-shot timer's next deadline (common/timer-deadline.c): a vCPU's
 * earliest timer, the 10 ms tick grid, the instant programmed and the
 * hardware count, each boundary. A count rounded down would fire early;
 * a finished poll counted would program a timeout that never fires. */
#include "helpers.h"
#include <xeno/timer-deadline.h>

#define MS 1000000ULL

static void test_vcpu_next_none(void **state)
{
	struct vcpu_timers t = { 0 };

	(void)state;
	assert_true(timer_vcpu_next(&t) == TIMER_NONE);
	/* A period's next event without a period, a poll deadline without a
	 * poll: neither counts. */
	t.periodic_next_ns = 5 * MS;
	t.poll_deadline_ns = 7 * MS;
	assert_true(timer_vcpu_next(&t) == TIMER_NONE);
}

static void test_vcpu_next_earliest(void **state)
{
	static const struct {
		struct vcpu_timers t;
		uint64_t want;
	} cases[] = {
		{ { .singleshot_ns = 30 }, 30 },
		{ { .singleshot_ns = 1 }, 1 },   /* "already due" (set as 0) */
		{ { .periodic_ns = MS, .periodic_next_ns = 20 }, 20 },
		{ { .poll_active = true, .poll_deadline_ns = 40 }, 40 },
		{ { .poll_active = true, .poll_deadline_ns = 0 }, TIMER_NONE },   /* poll, no timeout */
		{ { .singleshot_ns = 30, .periodic_ns = MS, .periodic_next_ns = 20,
		    .poll_active = true, .poll_deadline_ns = 40 }, 20 },
		{ { .singleshot_ns = 30, .periodic_ns = MS, .periodic_next_ns = 50,
		    .poll_active = true, .poll_deadline_ns = 10 }, 10 },
		{ { .singleshot_ns = 30, .periodic_ns = MS, .periodic_next_ns = 50,
		    .poll_active = false, .poll_deadline_ns = 10 }, 30 },
		{ { .singleshot_ns = UINT64_MAX - 1 }, UINT64_MAX - 1 },
	};

	(void)state;
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_true(timer_vcpu_next(&cases[i].t) == cases[i].want);
}

static void test_next_tick_grid(void **state)
{
	(void)state;
	assert_true(timer_next_tick(100, 100, 10) == 110);   /* on time */
	assert_true(timer_next_tick(100, 105, 10) == 110);
	assert_true(timer_next_tick(100, 109, 10) == 110);
	assert_true(timer_next_tick(100, 110, 10) == 120);   /* exactly on the next */
	assert_true(timer_next_tick(100, 135, 10) == 140);   /* three missed, grid kept */
	assert_true(timer_next_tick(100, 50, 10) == 110);    /* before the tick: the next one */
	assert_true(timer_next_tick(0, 0, 10 * MS) == 10 * MS);
	assert_true(timer_next_tick(100, 105, 0) == TIMER_NONE);
}

static void test_program_at(void **state)
{
	(void)state;
	/* The earlier of tick and guest. */
	assert_true(timer_program_at(1000, 5000, 3000, 10) == 3000);
	assert_true(timer_program_at(1000, 5000, 7000, 10) == 5000);
	assert_true(timer_program_at(1000, 5000, TIMER_NONE, 10) == 5000);
	assert_true(timer_program_at(1000, TIMER_NONE, TIMER_NONE, 10) == TIMER_NONE);
	/* Due or past: the soonest possible. */
	assert_true(timer_program_at(1000, 5000, 1000, 10) == 1010);
	assert_true(timer_program_at(1000, 5000, 1, 10) == 1010);
	assert_true(timer_program_at(1000, 900, TIMER_NONE, 10) == 1010);
	assert_true(timer_program_at(1000, 5000, 1010, 10) == 1010);
	assert_true(timer_program_at(1000, 5000, 1011, 10) == 1011);
	/* No wrap near the end of time. */
	assert_true(timer_program_at(UINT64_MAX - 5, TIMER_NONE, 3, 10) == UINT64_MAX);
}

static void test_ns_to_count(void **state)
{
	(void)state;
	/* 62.5 MHz (QEMU's 1 GHz APIC bus divided by 16): 16 ns a count. */
	assert_true(timer_ns_to_count(16, 62500000, 0xffffffff) == 1);
	assert_true(timer_ns_to_count(17, 62500000, 0xffffffff) == 2);   /* rounded up */
	assert_true(timer_ns_to_count(10 * MS, 62500000, 0xffffffff) == 625000);
	assert_true(timer_ns_to_count(10 * MS + 1, 62500000, 0xffffffff) == 625001);
	assert_true(timer_ns_to_count(0, 62500000, 0xffffffff) == 1);    /* at least one */
	assert_true(timer_ns_to_count(1, 62500000, 0xffffffff) == 1);
	/* Clamped to the register. */
	assert_true(timer_ns_to_count(100000 * MS, 62500000, 0xffffffff) == 0xffffffff);
	assert_true(timer_ns_to_count(UINT64_MAX, 62500000, 0xffffffff) == 0xffffffff);
	assert_true(timer_ns_to_count(UINT64_MAX, 16000000000ULL, UINT64_MAX) == UINT64_MAX);
	/* Ten years at 16 GHz fits: no overflow on the way. */
	assert_true(timer_ns_to_count(315360000ULL * 1000 * MS, 16000000000ULL, UINT64_MAX) ==
		    315360000ULL * 16000000000ULL);
	/* Whole seconds and a rest: 2.5 s at 62.5 MHz. */
	assert_true(timer_ns_to_count(2500 * MS, 62500000, 0xffffffff) == 156250000);
	/* A 3 GHz TSC: never fewer counts than the time asks, nor one more
	 * than rounding up needs. */
	for (uint64_t ns = 1; ns < 2000; ns += 7) {
		assert_true(timer_ns_to_count(ns, 3000000001ULL, UINT64_MAX) * 1000000000ULL >=
			    ns * 3000000001ULL);
		assert_true((timer_ns_to_count(ns, 3000000001ULL, UINT64_MAX) - 1) * 1000000000ULL <
			    ns * 3000000001ULL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vcpu_next_none),
		cmocka_unit_test(test_vcpu_next_earliest),
		cmocka_unit_test(test_next_tick_grid),
		cmocka_unit_test(test_program_at),
		cmocka_unit_test(test_ns_to_count),
	};

	return RUN(tests);
}
