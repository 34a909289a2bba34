/* SPDX-License-Identifier: MIT */
/*
 * crash: a guest that must be crashed by the hypervisor, alone.
 *
 * mode=nohandler registers no trap table and reads an unmapped address:
 * the #PF cannot be delivered, so the hypervisor must crash this domain
 * and say "domain N crashed". mode=badstack installs handlers, then moves
 * rsp to an unmapped address and executes int3: the bounce frame cannot
 * be written, which must crash the domain too, not the hypervisor;
 * mode=hvstack does the same with rsp in the hypervisor's range, and
 * mode=badiret (no handlers) irets to a non-canonical RIP, mode=iretframe
 * issues HYPERVISOR_iret with rsp at an unmapped address, mode=userbounce
 * irets to user mode with an event pending and the kernel stack (from
 * stack_switch) unmapped: the upcall bounce fails on the way out, and the
 * user code, whose first instruction would be a console_io hypercall if
 * the vCPU came back in kernel mode, must never run. Before each
 * fault the guest puts a line in its console ring without notifying: the
 * hypervisor must drain the ring of a dying domain (the runner checks).
 * The runner boots this next to a guest that must still finish its tests,
 * and counts the crash itself (expect=crash on the module line).
 *
 * A broken hypervisor panics, hangs, loops delivering the fault, lets the
 * guest continue past the fault, or takes the other domains down with it.
 */
#include <public/callback.h>
#include "guest.h"
#include "shared.h"
#include "user.h"

extern void event_entry(void);

/* A last line through the ring, never notified: only a final drain shows it. */
static void last_words(void)
{
	static const char line[] = "crash: last words through the console ring";

	if (console_ring_map())
		return;   /* dom0 has no ring; the crash itself is still checked */
	expect_line(line);
	console_ring_write(line, sizeof(line) - 1, false);
	console_ring_write("\n", 1, false);
}

static void crash_without_handler(void)
{
	printf("crash: reading 0x%lx with no trap table; the hypervisor must crash us\n",
	       UNMAPPED_VA);
	last_words();
	(void)*(volatile unsigned long *)UNMAPPED_VA;
}

static void crash_on_bad_stack(unsigned long rsp)
{
	if (!traps_setup("crash/setup"))
		return;
	printf("crash: int3 with rsp at 0x%lx; the bounce frame cannot be written\n", rsp);
	last_words();
	asm volatile("mov %0, %%rsp\n\t"
		     "int3"
		     : : "r"(rsp) : "memory");
}

static void crash_on_unreadable_iret_frame(void)
{
	printf("crash: HYPERVISOR_iret with its frame at 0x%lx\n", UNMAPPED_VA);
	last_words();
	asm volatile("mov %0, %%rsp\n\t"
		     "movl %1, %%eax\n\t"
		     "syscall"
		     : : "r"(UNMAPPED_VA), "i"(__HYPERVISOR_iret) : "rax", "rcx", "r11", "memory");
}

static void crash_on_bad_iret(void)
{
	printf("crash: iret to rip 0x%lx with no handlers\n", NON_CANONICAL_HI);
	last_words();
	asm volatile("mov %%rsp, %%rcx\n\t"
		     "pushq %[ss]\n\tpushq %%rcx\n\tpushq $0x2\n\tpushq %[cs]\n\t"
		     "pushq %[rip]\n\tpushq $0\n\tpushq $0\n\tpushq $0\n\tpushq $0\n\t"
		     "movl %[nr], %%eax\n\tsyscall"
		     : : [ss] "i"(FLAT_KERNEL_SS), [cs] "i"(FLAT_KERNEL_CS & ~3),
		       [rip] "r"(NON_CANONICAL_HI), [nr] "i"(__HYPERVISOR_iret)
		     : "rax", "rcx", "r11", "memory");
}

/* Must never run: the bounce that precedes it crashed the domain. If it
 * does, it runs with the kernel mode the failed bounce switched to, so
 * its syscall is a hypercall and the line reaches the log. */
static void user_after_failed_bounce(void)
{
	static const char line[] =
		"FAIL no-user-code: user code ran after the failed upcall bounce\n";

	asm volatile("syscall\n1:\tjmp 1b"
		     : : "a"(__HYPERVISOR_console_io), "D"(CONSOLEIO_write),
		       "S"(sizeof(line) - 1), "d"(line)
		     : "rcx", "r11", "memory");
}

static void crash_on_user_event_bounce(void)
{
	struct callback_register cb = {
		.type = CALLBACKTYPE_event,
		.address = (unsigned long)event_entry,
	};
	const char *why;
	long rc;

	if (!traps_setup("crash/setup"))
		return;
	why = shared_info_map();
	if (!why)
		why = user_setup();
	if (why) {
		fail("crash/setup", "setup: %s", why);
		return;
	}
	rc = HYPERVISOR_callback_op(CALLBACKOP_register, gva(&cb));
	if (!rc)
		rc = HYPERVISOR_stack_switch(FLAT_KERNEL_SS, UNMAPPED_VA);
	if (rc) {
		fail("crash/setup", "setup: event callback or stack_switch returned %ld", rc);
		return;
	}
	printf("crash: iret to user mode with an event pending and the kernel stack at 0x%lx\n",
	       UNMAPPED_VA);
	last_words();
	shared->vcpu_info[0].evtchn_upcall_mask = 1;
	shared->vcpu_info[0].evtchn_upcall_pending = 1;
	/* RFLAGS.IF set: the iret unmasks events, the exit path bounces. */
	asm volatile("mov %%rsp, %%rcx\n\t"
		     "pushq %[ss]\n\tpushq %[usp]\n\tpushq $0x202\n\tpushq %[cs]\n\t"
		     "pushq %[rip]\n\tpushq $0\n\tpushq $0\n\tpushq $0\n\tpushq $0\n\t"
		     "movl %[nr], %%eax\n\tsyscall"
		     : : [ss] "i"(FLAT_USER_SS), [cs] "i"(FLAT_USER_CS),
		       [usp] "r"(user_stack_top()), [rip] "r"(user_after_failed_bounce),
		       [nr] "i"(__HYPERVISOR_iret)
		     : "rax", "rcx", "r11", "memory");
}

void test_main(void)
{
	const char *cmdline = guest_cmdline();

	if (has_word(cmdline, "mode=nohandler"))
		crash_without_handler();
	else if (has_word(cmdline, "mode=badstack"))
		crash_on_bad_stack(UNMAPPED_VA);
	else if (has_word(cmdline, "mode=hvstack"))
		crash_on_bad_stack(HV_RANGE_DIRECT + 0x1000);
	else if (has_word(cmdline, "mode=badiret"))
		crash_on_bad_iret();
	else if (has_word(cmdline, "mode=userbounce"))
		crash_on_user_event_bounce();
	else if (has_word(cmdline, "mode=iretframe"))
		crash_on_unreadable_iret_frame();
	else
		fail("crash/mode", "setup: no known mode= on the line");
	/* Still running: the closing line tells the runner we were not crashed. */
	fail("crash/survived", "the fault did not end this domain");
}
