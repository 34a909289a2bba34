/* SPDX-License-Identifier: GPL-2.0 */
/* platform_op: firmware, time and power requests of the privileged
 * domain. None of its sub-ops is offered yet, and every one answers as
 * Xen 4.17 does for a sub-op it lacks, so Linux takes its fallbacks (no
 * EDD or keyboard flags from firmware, the wallclock not pushed back, no
 * physical-CPU list, ACPI sleep through SCHEDOP_shutdown). The order of
 * checks is Xen's: privilege first, then the interface version. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>

#define XENPF_INTERFACE_VERSION 0x03000001u

/* The fixed head of struct xen_platform_op (the union follows it). */
struct platform_op_head {
	uint32_t cmd;
	uint32_t interface_version;
};

long do_platform_op(uint64_t arg)
{
	struct platform_op_head h;

	if (!current_vcpu()->domain->is_privileged)
		return -EPERM;
	if (copy_from_guest(&h, arg, sizeof(h)))
		return -EFAULT;
	if (h.interface_version != XENPF_INTERFACE_VERSION)
		return -EACCES;
	return -ENOSYS;
}
