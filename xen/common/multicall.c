/* SPDX-License-Identifier: GPL-2.0 */
/* multicall: a batch of hypercalls. Every entry runs, whatever the others
 * returned, and gets its own result written back; an iret entry ends it.
 * Pending work preempts the batch between entries, or inside one that
 * continues itself (continuation.c). */
#include <asm/current.h>
#include <asm/guest-access.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>

/* Bounded as before preemption came; Xen bounds it by the list's range. */
#define MULTICALL_MAX_ENTRIES 4096

/* The entry at 'at' was preempted: its continuation's call and arguments
 * replace the guest's copy, and the batch resumes there. */
static long preempted_entry(uint64_t at, uint64_t nr_left)
{
	struct multicall_entry e;
	uint64_t args[5];

	if (!hypercall_take_continuation(&e.op, args))
		return -EFAULT;   /* cannot happen: only a continuation returns it */
	for (unsigned int i = 0; i < 5; i++)
		e.args[i] = args[i];
	if (copy_to_guest(at + offsetof(struct multicall_entry, op), &e.op, sizeof(e.op)) ||
	    copy_to_guest(at + offsetof(struct multicall_entry, args), e.args, sizeof(e.args)))
		return -EFAULT;
	return hypercall_create_continuation(__HYPERVISOR_multicall, at, nr_left, 0, 0, 0);
}

/* Each entry is copied in, run through the same dispatch as a direct
 * hypercall, and only its result word is written back. A fault on either
 * copy ends the batch with -EFAULT; the entries before it stand. */
long do_multicall(uint64_t list, uint64_t nr)
{
	struct multicall_entry e;

	if (nr > MULTICALL_MAX_ENTRIES)
		return -EINVAL;
	for (uint64_t i = 0; i < nr; i++) {
		uint64_t at = list + i * sizeof(e);

		/* Pending work waits for no more than one entry. */
		if (i && hypercall_preempt_check())
			return hypercall_create_continuation(__HYPERVISOR_multicall, at, nr - i,
							     0, 0, 0);
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
		if ((long)e.result == -ERESTART)
			return preempted_entry(at, nr - i);
		if (copy_to_guest(at + offsetof(struct multicall_entry, result),
				  &e.result, sizeof(e.result)))
			return -EFAULT;
		if (current_vcpu()->domain->state != DOMAIN_RUNNING)
			break;   /* the batch shut its own domain down */
	}
	return 0;
}
