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
