/* SPDX-License-Identifier: MIT */
/*
 * crash: a guest that must be crashed by the hypervisor, alone.
 *
 * mode=nohandler registers no trap table and reads an unmapped address:
 * the #PF cannot be delivered, so the hypervisor must crash this domain
 * and say "domain N crashed". mode=badstack installs handlers, then moves
 * rsp to an unmapped address and executes int3: the bounce frame cannot
 * be written, which must crash the domain too, not the hypervisor.
 * The runner boots this next to a guest that must still finish its tests,
 * and counts the crash itself (expect=crash on the module line).
 *
 * A broken hypervisor panics, hangs, loops delivering the fault, lets the
 * guest continue past the fault, or takes the other domains down with it.
 */
#include "guest.h"

static void crash_without_handler(void)
{
	printf("crash: reading 0x%lx with no trap table; the hypervisor must crash us\n",
	       UNMAPPED_VA);
	(void)*(volatile unsigned long *)UNMAPPED_VA;
}

static void crash_on_bad_stack(void)
{
	if (!traps_setup("crash/badstack"))
		return;
	printf("crash: int3 with rsp at 0x%lx; the bounce frame cannot be written\n",
	       UNMAPPED_VA);
	asm volatile("mov %0, %%rsp\n\t"
		     "int3"
		     : : "r"(UNMAPPED_VA) : "memory");
}

void test_main(void)
{
	const char *cmdline = guest_cmdline();

	if (has_word(cmdline, "mode=nohandler"))
		crash_without_handler();
	else if (has_word(cmdline, "mode=badstack"))
		crash_on_bad_stack();
	else
		fail("crash/mode", "setup: no mode=nohandler or mode=badstack on the line");
	/* Still running: the closing line tells the runner we were not crashed. */
	fail("crash/survived", "the fault did not end this domain");
}
