/* SPDX-License-Identifier: MIT */
/*
 * conrace: two or more of these, one per domain on separate CPUs, open and
 * close console lines as fast as they can.
 *
 * Each round puts a line's start without a newline on the console ring and
 * notifies (the hypervisor drains it at once, shows it and marks this
 * domain's line as the open one), then its newline (which closes it). A
 * domain that finds another domain's line open closes it first. The record
 * of whose line is open is shared by all domains: a hypervisor that reads
 * it under one domain's lock only sees it change to "none" between its
 * check and its use and writes through a null pointer (a hypervisor page
 * fault: the machine stops). The ring, not console_io, because the ring is
 * what a Linux domU writes and what every domU may use.
 * rounds=N on the module line (default 1000).
 */
#include "guest.h"

void test_main(void)
{
	static const char start[] = "conrace: x";
	unsigned long rounds = 1000, short_writes = 0;
	const char *why = console_ring_map();

	if (why) {
		fail("conrace/ring", "%s", why);
		return;
	}
	word_value(guest_cmdline(), "rounds", &rounds);
	for (unsigned long i = 0; i < rounds; i++) {
		/* The hypervisor drains on the notification: the ring is empty
		 * again when the send returns, so a short write is a fault. */
		if (console_ring_write(start, sizeof(start) - 1, true) != sizeof(start) - 1)
			short_writes++;
		if (console_ring_write("\n", 1, true) != 1)
			short_writes++;
	}
	expect_true("conrace/rounds", short_writes == 0, "%lu of %lu ring writes short",
		    short_writes, 2 * rounds);
}
