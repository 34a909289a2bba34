/* SPDX-License-Identifier: GPL-2.0 */
/* The one door to guest virtual memory. Every copy checks the range lies
 * outside the hypervisor's hole and the non-canonical gap, then copies
 * with a fault fixup: a bad guest pointer is -EFAULT, never a crash. */
#ifndef ASM_GUEST_ACCESS_H
#define ASM_GUEST_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GUEST_LOW_END      0x0000800000000000UL   /* end of the lower half */
#define GUEST_HIGH_START   0xffff880000000000UL   /* above the hypervisor */

/* Sign-extended from bit 47: a usable x86-64 address. */
static inline bool is_canonical(uint64_t a)
{
	return (uint64_t)((int64_t)(a << 16) >> 16) == a;
}

/* True when [gva, gva+len) is a range a guest may name. */
static inline bool guest_range_ok(uint64_t gva, size_t len)
{
	uint64_t end = gva + len;

	if (end < gva)
		return false;
	if (len == 0)
		return true;
	return end <= GUEST_LOW_END || gva >= GUEST_HIGH_START;
}

/* Where a guest array may start, judged as Xen's access_ok does for a
 * 64-bit guest: anywhere but the hypervisor's range and the non-canonical
 * hole. Only the start: each element is checked again when copied. */
static inline bool guest_start_ok(uint64_t gva)
{
	return gva < GUEST_LOW_END || gva >= GUEST_HIGH_START;
}

/* Return 0, or -EFAULT when the range is bad or any byte faults. */
int copy_from_guest(void *dst, uint64_t gva, size_t len);
int copy_to_guest(uint64_t gva, const void *src, size_t len);

/* Raw copies with fixups: the number of bytes NOT copied. */
size_t __copy_user(void *dst, const void *src, size_t len);

/* Exception-table lookup for faults in the hypervisor. */
uint64_t search_exception_table(uint64_t rip);

#endif
