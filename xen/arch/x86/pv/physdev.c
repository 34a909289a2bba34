/* SPDX-License-Identifier: GPL-2.0 */
/* physdev_op: the virtual I/O privilege level. Domains own no physical
 * devices here, so everything about IRQs and PCI is -ENOSYS (Linux then
 * takes its no-hardware paths). */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <public/physdev.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>

long do_physdev_op(uint64_t cmd, uint64_t arg)
{
	struct vcpu *v = current_vcpu();
	struct physdev_set_iopl iopl;
	struct physdev_set_iobitmap iob;

	switch (cmd) {
	case PHYSDEVOP_set_iopl:
		if (copy_from_guest(&iopl, arg, sizeof(iopl)))
			return -EFAULT;
		if (iopl.iopl > 3)
			return -EINVAL;
		v->arch.iopl = iopl.iopl;
		return 0;
	case PHYSDEVOP_set_iobitmap:
		if (copy_from_guest(&iob, arg, sizeof(iob)))
			return -EFAULT;
		if (iob.nr_ports > 65536)
			return -EINVAL;
		/* Accepted: no port is real for a domain, so no port it
		 * lists can be granted; accesses stay emulated. */
		return 0;
	default:
		return -ENOSYS;
	}
}
