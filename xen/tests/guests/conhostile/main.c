/* SPDX-License-Identifier: MIT */
/*
 * conhostile: a domU that attacks the host's console, and a peer that
 * prints beside it (run.sh, scenarios console-hostile and console-release).
 *
 * mode=attacker (the hypervisor runs with domU_console_io):
 *  - escapes: ESC sequences (clear screen, window title, colours), BEL,
 *    CR, BS, DEL, ^A and a C1 CSI through the ring and through console_io;
 *    the log must show the line with every one of them gone (EXPECT-LINE),
 *    and run.sh finds no control byte in any guest line;
 *  - split: a 200-byte line written 10 bytes at a time, a pause between
 *    pieces while the peer prints: it must appear whole;
 *  - long: 2040 bytes without a newline, 60 at a time: cut into whole
 *    pieces of 255, none split by the peer's lines (run.sh checks);
 *  - flood: FLOOD_LINES lines of 100 bytes as fast as the ring takes
 *    them; run.sh checks that most were dropped and that the "console
 *    rate limit" lines account for every line not printed.
 * mode=peer: prints a line every 10 ms for 8 s, then checks it ran.
 * mode=release (no domU_console_io, Xen's release rule): console_io is
 *  refused (-EPERM) whatever the command, and a line written through both
 *  console_io and the ring, as XTF writes, appears once (run.sh counts).
 * A broken hypervisor shows the escapes raw, splits the lines at the
 * peer's output, prints the whole flood, and prints the double line twice.
 */
#include "guest.h"
#include "shared.h"

#define FLOOD_LINES 3000
#define LINE_CUT    255   /* the hypervisor's line buffer, less one */

static void ring_put(const char *s, size_t n)
{
	for (size_t done = 0; done < n;)
		done += console_ring_write(s + done, n - done, true);
}

static void pause_ms(unsigned int ms)
{
	uint64_t end = system_time_ns() + ms * 1000000ULL;

	while (system_time_ns() < end)
		HYPERVISOR_sched_op(SCHEDOP_yield, 0);
}

static void test_escapes(void)
{
	static const char raw[] = "conhostile: esc \x1b[2J\x1b]0;owned\x07 \x1b[31mred\x1b[0m"
				  " \r\b\x7f\x01\x9b end\n";
	char want[sizeof(raw)];
	size_t n = 0;

	/* What must reach the log: the printable ASCII only. */
	for (size_t i = 0; raw[i] != '\n'; i++)
		if ((raw[i] >= 0x20 && raw[i] < 0x7f) || raw[i] == '\t')
			want[n++] = raw[i];
	want[n] = '\0';
	expect_line(want);
	ring_put(raw, sizeof(raw) - 1);
	expect_ok("escapes/console_io", HYPERVISOR_console_io(CONSOLEIO_write, sizeof(raw) - 1,
							      gva(raw)));
}

static void test_split(void)
{
	char line[201];

	memcpy(line, "conhostile: split ", 18);
	for (unsigned int i = 18; i < 200; i++)
		line[i] = (char)('a' + i % 26);
	line[200] = '\0';
	expect_line(line);
	for (unsigned int i = 0; i < 200; i += 10) {
		ring_put(line + i, 10);
		pause_ms(20);   /* the peer prints meanwhile */
	}
	ring_put("\n", 1);
}

static void test_long(void)
{
	char text[8 * LINE_CUT + 1];

	for (unsigned int i = 0; i < sizeof(text) - 1; i++)
		text[i] = i % LINE_CUT == 0 ? (char)('0' + i / LINE_CUT) : 'L';
	text[sizeof(text) - 1] = '\0';
	/* A piece is as long as an EXPECT-LINE may be: run.sh checks them. */
	for (unsigned int i = 0; i < sizeof(text) - 1; i += 60) {
		size_t n = sizeof(text) - 1 - i < 60 ? sizeof(text) - 1 - i : 60;

		ring_put(text + i, n);
		pause_ms(10);
	}
	ring_put("\n", 1);
}

static void test_flood(void)
{
	char line[101];

	memset(line, 'F', sizeof(line));
	for (unsigned int i = 0; i < FLOOD_LINES; i++) {
		snprintf(line, sizeof(line), "conhostile: flood %04u ", i);
		line[23] = 'F';
		line[99] = '\n';
		ring_put(line, 100);
	}
	/* Credit for the report (the tick) and for our own last lines. */
	pause_ms(3000);
	pass("flood/sent");
}

static void test_release(void)
{
	static const char once[] = "conhostile: once through both\n";
	char buf[8];

	expect_rc("release/console_io-write",
		  HYPERVISOR_console_io(CONSOLEIO_write, sizeof(once) - 1, gva(once)),
		  -XEN_EPERM);
	expect_rc("release/console_io-read",
		  HYPERVISOR_console_io(CONSOLEIO_read, sizeof(buf), gva(buf)), -XEN_EPERM);
	expect_rc("release/console_io-unknown", HYPERVISOR_console_io(7, 3, gva(once)),
		  -XEN_EPERM);
	ring_put(once, sizeof(once) - 1);
}

void test_main(void)
{
	const char *cmd = guest_cmdline(), *why;

	if ((why = shared_info_map()) || (why = console_ring_map())) {
		fail("setup", "%s", why);
		return;
	}
	if (has_word(cmd, "mode=peer")) {
		uint64_t end = system_time_ns() + 8000000000ULL;
		unsigned int n = 0;

		while (system_time_ns() < end) {
			printf("conhostile: peer %u\n", n++);
			pause_ms(10);
		}
		expect_true("peer/ran", n > 10, "only %u lines in 8 s", n);
	} else if (has_word(cmd, "mode=release")) {
		test_release();
	} else {
		test_escapes();
		test_split();
		test_long();
		test_flood();
	}
}
