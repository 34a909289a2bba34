/* SPDX-License-Identifier: MIT */
/*
 * xtf-dom0: not a test. The domain 0 that tools/xtf/run-xtf.sh boots
 * beside each XTF test kernel (domain 1), so the test runs as a domU with
 * a domain 0 present, as under xl: XTF's xsa-316 maps a grant of domain
 * 0's and expects domain 0's table to refuse it. It polls
 * getdomaininfo every 50 ms until domain 1 has shut down or is gone, then
 * powers off, and the hypervisor ends the run.
 */
#include <public/domctl.h>
#include <public/sched.h>
#include "guest.h"
#include "shared.h"

static struct xen_domctl op;

static bool domain1_running(void)
{
	op.cmd = XEN_DOMCTL_getdomaininfo;
	op.domain = 1;
	op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	if (hypercall1(__HYPERVISOR_domctl, gva(&op)))
		return false;
	/* getdomaininfo answers with the next domain from the id on. */
	return op.u.getdomaininfo.domain == 1 &&
	       !(op.u.getdomaininfo.flags & (XEN_DOMINF_shutdown | XEN_DOMINF_dying));
}

void test_main(void)
{
	struct sched_poll p = { .nr_ports = 0 };
	const char *why = shared_info_map();

	if (why) {
		fail("xtf-dom0/setup", "%s", why);
		return;
	}
	while (domain1_running()) {
		p.timeout = system_time_ns() + 50000000ULL;
		HYPERVISOR_sched_op(SCHEDOP_poll, gva(&p));
	}
	pass("xtf-dom0/domain-1-done");
}
