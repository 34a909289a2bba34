/* SPDX-License-Identifier: GPL-2.0 */
/* printk: level prefixes and filtering, the per-line "(XEN) " prefix
 * across calls, loglvl parsing and the history ring. */
#include "helpers.h"
#include <xeno/errno.h>
#include <xeno/printk.h>

static char out[4096];
static size_t out_len;

static void sink(const char *s, size_t len)
{
	memcpy(out + out_len, s, len);
	out_len += len;
	out[out_len] = '\0';
}

static int setup(void **state)
{
	out_len = 0;
	out[0] = '\0';
	console_set_sink(sink);
	console_set_loglvl(LOG_INFO);
	return 0;
}

static void test_prefix_each_line(void **state)
{
	printk("one\ntwo\n");
	assert_string_equal(out, "(XEN) one\n(XEN) two\n");
}

static void test_prefix_across_calls(void **state)
{
	printk("abc");
	printk("def\n");
	printk("x=%d\n", 5);
	assert_string_equal(out, "(XEN) abcdef\n(XEN) x=5\n");
}

/* A guest's open line (a prompt) is closed before the hypervisor's own
 * text and the break is counted (console.c then re-prefixes the guest's
 * continuation); a guest continuing its own line is not broken. */
static void test_hypervisor_closes_guest_line(void **state)
{
	unsigned long b0 = printk_guest_breaks();

	guest_printk("(d1) login: ");
	guest_printk("root\n");
	assert_int_equal(printk_guest_breaks(), b0);
	guest_printk("(d1) x");
	printk("domain 2: shut down (poweroff)\n");
	assert_int_equal(printk_guest_breaks(), b0 + 1);
	guest_printk("(d1) y\n");
	assert_string_equal(out, "(XEN) (d1) login: root\n(XEN) (d1) x\n"
			    "(XEN) domain 2: shut down (poweroff)\n(XEN) (d1) y\n");
}

/* The hypervisor's own unfinished line is its to continue: no break. */
static void test_hypervisor_line_not_broken(void **state)
{
	unsigned long b0 = printk_guest_breaks();

	printk("abc");
	printk("def\n");
	assert_int_equal(printk_guest_breaks(), b0);
	assert_string_equal(out, "(XEN) abcdef\n");
}

static void test_levels_filtered(void **state)
{
	printk(XENLOG_DEBUG "hidden\n");
	printk(XENLOG_ERR "err\n");
	printk(XENLOG_WARNING "warn\n");
	printk(XENLOG_INFO "info\n");
	assert_string_equal(out, "(XEN) err\n(XEN) warn\n(XEN) info\n");
	out_len = 0;
	console_set_loglvl(LOG_WARNING);
	printk("plain is info\n");
	printk(XENLOG_WARNING "w\n");
	assert_string_equal(out, "(XEN) w\n");
}

static void test_level_of(void **state)
{
	const char *f = "<3>x";

	assert_int_equal(printk_level_of(&f), LOG_DEBUG);
	assert_string_equal(f, "x");
	f = "<9>x";
	assert_int_equal(printk_level_of(&f), LOG_INFO);
	assert_string_equal(f, "<9>x");
	f = "<";
	assert_int_equal(printk_level_of(&f), LOG_INFO);
}

static void test_parse_loglvl(void **state)
{
	enum log_level l;

	assert_int_equal(console_parse_loglvl("debug", &l), 0);
	assert_int_equal(l, LOG_DEBUG);
	assert_int_equal(console_parse_loglvl("all", &l), 0);
	assert_int_equal(l, LOG_DEBUG);
	assert_int_equal(console_parse_loglvl("warning/info", &l), 0);
	assert_int_equal(l, LOG_WARNING);
	assert_int_equal(console_parse_loglvl("error", &l), 0);
	assert_int_equal(l, LOG_ERR);
	assert_int_equal(console_parse_loglvl("loud", &l), -EINVAL);
	assert_int_equal(console_parse_loglvl("", &l), -EINVAL);
	assert_int_equal(console_parse_loglvl("inf", &l), -EINVAL);
}

static void test_long_line_truncated(void **state)
{
	char big[1000];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	printk("%s\n", big);
	assert_true(out_len > 400 && out_len < 600);
	assert_memory_equal(out, "(XEN) aaaa", 10);
}

static void test_history_keeps_newest(void **state)
{
	char h[64];
	size_t n;

	printk("history-marker-123\n");
	n = console_read_history(h, 20);
	assert_int_equal(n, 20);
	assert_memory_equal(h, " history-marker-123\n", 20);   /* the newest 20 bytes */
}

/* xl dmesg's view: the ring's bounds, a copy, a clear; overwritten bytes
 * move the consumer on. */
static void test_ring_bounds_copy_clear(void **state)
{
	uint32_t c, p, c2, p2;
	char buf[32];

	console_ring_bounds(&c, &p);
	printk("ring-abc\n");
	console_ring_bounds(&c2, &p2);
	assert_int_equal(c2, c);
	assert_int_equal(p2 - p, 15);                      /* "(XEN) ring-abc\n" */
	console_ring_copy(p, buf, 15);
	assert_memory_equal(buf, "(XEN) ring-abc\n", 15);
	console_ring_clear(p2);
	console_ring_bounds(&c, &p);
	assert_int_equal(c, p2);
	assert_int_equal(p, p2);
	for (unsigned int i = 0; i < 2000; i++) {          /* 46 KiB: past the ring */
		out_len = 0;                               /* the test sink is small */
		printk("0123456789abcdef\n");
	}
	console_ring_bounds(&c, &p);
	assert_int_equal(p - c, 16384);
	console_ring_copy(p - 6, buf, 6);
	assert_memory_equal(buf, "bcdef\n", 6);
	console_ring_clear(c - 100);                       /* older than the ring: oldest kept */
	console_ring_bounds(&c2, &p2);
	assert_int_equal(p2 - c2, 16384);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_prefix_each_line, setup),
		cmocka_unit_test_setup(test_prefix_across_calls, setup),
		cmocka_unit_test_setup(test_levels_filtered, setup),
		cmocka_unit_test_setup(test_level_of, setup),
		cmocka_unit_test_setup(test_parse_loglvl, setup),
		cmocka_unit_test_setup(test_long_line_truncated, setup),
		cmocka_unit_test_setup(test_hypervisor_closes_guest_line, setup),
		cmocka_unit_test_setup(test_hypervisor_line_not_broken, setup),
		cmocka_unit_test_setup(test_history_keeps_newest, setup),
		cmocka_unit_test_setup(test_ring_bounds_copy_clear, setup),
	};

	return RUN(tests);
}
