/* SPDX-License-Identifier: MIT */
/*
 * The case runner: one `PASS name` or `FAIL name: why` line per case and a
 * closing `N passed, N failed`. The guest then powers off even after
 * failures; the runner on the host counts FAIL lines, so a verdict never
 * depends on the guest's exit status.
 */
#include <stdarg.h>
#include "guest.h"

static unsigned int nr_passed, nr_failed;

static const char *errno_name(long rc)
{
	switch (rc) {
	case -XEN_EPERM: return "EPERM";
	case -XEN_ENOENT: return "ENOENT";
	case -XEN_ESRCH: return "ESRCH";
	case -XEN_E2BIG: return "E2BIG";
	case -XEN_ENOMEM: return "ENOMEM";
	case -XEN_EFAULT: return "EFAULT";
	case -XEN_EBUSY: return "EBUSY";
	case -XEN_EEXIST: return "EEXIST";
	case -XEN_EINVAL: return "EINVAL";
	case -XEN_ENOSPC: return "ENOSPC";
	case -XEN_ENOSYS: return "ENOSYS";
	case -XEN_ENODATA: return "ENODATA";
	case -XEN_EOPNOTSUPP: return "EOPNOTSUPP";
	default: return NULL;
	}
}

/* "-14 (-EFAULT)" for errno values, plain decimal otherwise. */
static void format_rc(char *buf, size_t size, long rc)
{
	const char *name = errno_name(rc);

	if (name)
		snprintf(buf, size, "%ld (-%s)", rc, name);
	else if (rc > -4096 && rc < 0x100000)
		snprintf(buf, size, "%ld", rc);
	else
		snprintf(buf, size, "%ld (0x%lx)", rc, rc);
}

void pass(const char *name)
{
	nr_passed++;
	printf("PASS %s\n", name);
}

void fail(const char *name, const char *fmt, ...)
{
	char why[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	nr_failed++;
	printf("FAIL %s: %s\n", name, why);
}

bool expect_rc(const char *name, long got, long want)
{
	char g[40], w[40];

	if (got == want) {
		pass(name);
		return true;
	}
	format_rc(g, sizeof(g), got);
	format_rc(w, sizeof(w), want);
	fail(name, "got %s, want %s", g, w);
	return false;
}

bool expect_ok(const char *name, long got)
{
	return expect_rc(name, got, 0);
}

bool expect_eq(const char *name, unsigned long got, unsigned long want)
{
	if (got == want) {
		pass(name);
		return true;
	}
	fail(name, "got 0x%lx, want 0x%lx", got, want);
	return false;
}

bool expect_true(const char *name, bool cond, const char *fmt, ...)
{
	char why[200];
	va_list ap;

	if (cond) {
		pass(name);
		return true;
	}
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	fail(name, "%s", why);
	return false;
}

unsigned int report_failed(void)
{
	return nr_failed;
}

void guest_finish(void)
{
	guest_finish_with(SHUTDOWN_poweroff);
}

void guest_finish_with(unsigned int reason)
{
	long rc;

	printf("%u passed, %u failed\n", nr_passed, nr_failed);
	rc = guest_shutdown(reason);
	/* Still here: the closing line is out, so say why we spin. */
	printf("FAIL shutdown: SCHEDOP_shutdown returned %ld\n", rc);
	for (;;)
		HYPERVISOR_sched_op(SCHEDOP_yield, 0);
}
