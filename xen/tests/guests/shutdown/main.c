/* SPDX-License-Identifier: MIT */
/*
 * shutdown: SCHEDOP_shutdown reasons. The guest ends with the reason named
 * by reason= on its module line (poweroff, reboot or crash) after its
 * closing line; the runner checks that the hypervisor reported exactly
 * that reason ("domain N: shut down (REASON)") and counted a crash
 * shutdown among the crashed domains. First, shutdown requests that must
 * fail and leave the domain running: NULL and hypervisor-range arguments
 * (-EFAULT), and SCHEDOP_remote_shutdown of a domain that does not exist
 * (-ESRCH) or, by a domU, of the domain named by victim=N (-EPERM; only
 * meaningful if that domain outlives this one, else -ESRCH is right, so
 * run.sh does not use it while boot domains finish in any order).
 *
 * A broken hypervisor reports every shutdown as a poweroff (a crashed
 * guest would then look healthy), shuts the guest down on an argument it
 * could not read, or lets a domU shut down other domains.
 */
#include <public/sched.h>
#include "guest.h"

static const struct {
	const char *name;
	unsigned int reason;
} reasons[] = {
	{ "reason=poweroff", SHUTDOWN_poweroff },
	{ "reason=reboot", SHUTDOWN_reboot },
	{ "reason=crash", SHUTDOWN_crash },
};

static void test_refused(void)
{
	struct sched_remote_shutdown ghost = { .domain_id = 1000, .reason = SHUTDOWN_poweroff };
	unsigned long victim;

	expect_rc("shutdown/null", HYPERVISOR_sched_op(SCHEDOP_shutdown, 0), -XEN_EFAULT);
	expect_rc("shutdown/hypervisor", HYPERVISOR_sched_op(SCHEDOP_shutdown, HV_RANGE_DIRECT),
		  -XEN_EFAULT);
	expect_rc("remote_shutdown/no-such-domain",
		  HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, gva(&ghost)), -XEN_ESRCH);
	if (word_value(guest_cmdline(), "victim", &victim)) {
		struct sched_remote_shutdown other = { .domain_id = (domid_t)victim,
						       .reason = SHUTDOWN_poweroff };

		expect_rc("remote_shutdown/other-domain-from-domU",
			  HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, gva(&other)), -XEN_EPERM);
	}
}

void test_main(void)
{
	test_refused();
	for (unsigned int i = 0; i < ARRAY_SIZE(reasons); i++)
		if (has_word(guest_cmdline(), reasons[i].name))
			guest_finish_with(reasons[i].reason);
	fail("shutdown/reason", "setup: no reason=poweroff|reboot|crash on the line");
}
