/* SPDX-License-Identifier: GPL-2.0 */
/* The TLB clock across its 32-bit wrap (review #6): the clock is preset
 * just below 2^32 rather than ticked there. A CPU whose last flush was
 * before the wrap must not look newer than a frame stamped after it, and
 * the wrap period and its end behave as asm/tlb-clock.h says. */
#include "helpers.h"
#include <asm/tlb-clock.h>

#define NR 2
enum { X = 0, Y = 1 };   /* X keeps a stale TLB entry, Y ticks the clock */

static uint32_t clock_, cpu_time[NR];

/* Y's full local flush, as load_cr3_stamped does it. */
static void flush_y(void)
{
	cpu_time[Y] = tlb_clock_tick(&clock_);
}

/* A global flush, as pgt_tlb_flush_since does it when one is needed. */
static void flush_all(void)
{
	for (unsigned int c = 0; c < NR; c++)
		cpu_time[c] = tlb_clock_tick(&clock_);
	tlb_clock_end_wrap(&clock_);
}

static int setup(void **state)
{
	(void)state;
	clock_ = 0xfffffff0u;
	cpu_time[X] = 0xfffffff0u;   /* X's last CR3 load */
	cpu_time[Y] = 0xfffffff0u;
	return 0;
}

/* The review's scenario: X holds a writable entry for F from before the
 * wrap; Y flushes past 2^32, unmaps F (stamp), flushes once, retypes F. */
static void test_stale_cpu_across_wrap(void **state)
{
	uint32_t stamp;

	(void)state;
	for (unsigned int i = 0; i < 0x20; i++)
		flush_y();
	stamp = clock_;
	flush_y();
	assert_true(tlb_clock_flush_needed(cpu_time, NR, stamp, clock_));
}

/* Once a global flush has ended the wrap, only CPUs that have not
 * flushed since a frame's stamp need to. */
static void test_after_wrap_flush(void **state)
{
	uint32_t stamp;

	(void)state;
	for (unsigned int i = 0; i < 0x20; i++)
		flush_y();
	flush_all();
	assert_int_equal(clock_, 1);
	stamp = clock_;
	flush_y();
	assert_true(tlb_clock_flush_needed(cpu_time, NR, stamp, clock_));   /* X */
	cpu_time[X] = tlb_clock_tick(&clock_);
	assert_false(tlb_clock_flush_needed(cpu_time, NR, stamp, clock_));
	/* A stamp from before the wrap flush needs nothing any more. */
	assert_false(tlb_clock_flush_needed(cpu_time, NR, 0xfffffff8u, clock_));
}

static void test_tick_at_the_edge(void **state)
{
	(void)state;
	clock_ = 0xfffffffeu;
	assert_int_equal(tlb_clock_tick(&clock_), 0xffffffffu);
	assert_int_equal(tlb_clock_tick(&clock_), 0);   /* the wrap begins */
	assert_int_equal(tlb_clock_tick(&clock_), 0);   /* no ticks in it */
	assert_int_equal(clock_, 0);
	/* In the wrap period every stamp needs a flush. */
	cpu_time[X] = cpu_time[Y] = 0xffffffffu;
	assert_true(tlb_clock_flush_needed(cpu_time, NR, 0x10, 0));
	tlb_clock_end_wrap(&clock_);
	assert_int_equal(clock_, 1);
	assert_int_equal(tlb_clock_tick(&clock_), 2);
	tlb_clock_end_wrap(&clock_);   /* no wrap on: nothing changes */
	assert_int_equal(clock_, 2);
}

/* Without a wrap: the ordinary rule, each boundary. */
static void test_ordinary(void **state)
{
	(void)state;
	clock_ = 100;
	cpu_time[X] = 50;
	cpu_time[Y] = 100;
	assert_true(tlb_clock_flush_needed(cpu_time, NR, 50, 100));    /* flushed at the stamp */
	assert_true(tlb_clock_flush_needed(cpu_time, NR, 60, 100));
	assert_false(tlb_clock_flush_needed(cpu_time, NR, 49, 100));
	cpu_time[X] = 101;
	assert_true(tlb_clock_flush_needed(cpu_time, NR, 100, 101));   /* Y flushed at 100 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_stale_cpu_across_wrap, setup),
		cmocka_unit_test_setup(test_after_wrap_flush, setup),
		cmocka_unit_test_setup(test_tick_at_the_edge, setup),
		cmocka_unit_test_setup(test_ordinary, setup),
	};

	return RUN(tests);
}
