/* SPDX-License-Identifier: GPL-2.0 */
/* Guest memory copies (through the current vCPU's page tables) and the
 * exception table that turns their faults into error returns. */
#include <asm/guest-access.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

struct ex_entry {
	uint64_t insn;
	uint64_t fixup;
};

extern const struct ex_entry __ex_table_start[], __ex_table_end[];

uint64_t search_exception_table(uint64_t rip)
{
	for (const struct ex_entry *e = __ex_table_start; e < __ex_table_end; e++)
		if (e->insn == rip)
			return e->fixup;
	return 0;
}

/* Copies through the current vCPU's page tables (they are loaded while it
 * runs, hypervisor included). guest_range_ok keeps the whole range on
 * one side of the hypervisor's reserved area (the low canonical half, or
 * the guest kernel's part of the high half above it), so a guest pointer
 * can never name hypervisor memory; a page the guest has not mapped faults
 * inside __copy_user, whose fixup makes it -EFAULT. A partial copy may
 * have happened by then: callers copy into their own buffer and use it
 * only on success. */
int copy_from_guest(void *dst, uint64_t gva, size_t len)
{
	if (!guest_range_ok(gva, len))
		return -EFAULT;
	return __copy_user(dst, (const void *)gva, len) ? -EFAULT : 0;
}

int copy_to_guest(uint64_t gva, const void *src, size_t len)
{
	if (!guest_range_ok(gva, len))
		return -EFAULT;
	return __copy_user((void *)gva, src, len) ? -EFAULT : 0;
}
