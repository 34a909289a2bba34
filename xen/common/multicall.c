/* SPDX-License-Identifier: GPL-2.0 */
/* multicall: a batch of hypercalls. Every entry runs, whatever the others
 * returned, and gets its own result written back; an iret entry ends it. */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>

/* Xen preempts long batches; we run to completion, so bound the count. */
#define MULTICALL_MAX_ENTRIES 4096

long do_multicall(uint64_t list, uint64_t nr)
{
	struct multicall_entry e;

	if (nr > MULTICALL_MAX_ENTRIES)
		return -EINVAL;
	for (uint64_t i = 0; i < nr; i++) {
		uint64_t at = list + i * sizeof(e);

		if (copy_from_guest(&e, at, sizeof(e)))
			return -EFAULT;
		/* An iret ends the batch, as in Xen: the frame it loads is
		 * where the guest goes next, and the rest is not run. */
		if (e.op == __HYPERVISOR_iret)
			return do_iret();
		if (e.op == __HYPERVISOR_multicall)
			e.result = -EINVAL;   /* no nesting */
		else
			e.result = hypercall_dispatch(e.op, e.args[0], e.args[1], e.args[2],
						      e.args[3], e.args[4]);
		if (copy_to_guest(at + offsetof(struct multicall_entry, result),
				  &e.result, sizeof(e.result)))
			return -EFAULT;
		if (current_vcpu()->domain->state != DOMAIN_RUNNING)
			break;   /* the batch shut its own domain down */
	}
	return 0;
}
