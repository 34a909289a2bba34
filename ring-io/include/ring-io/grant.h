/* SPDX-License-Identifier: MIT */
/*
 * The grant-table types the ring protocols name. Only the types: the grant
 * entry layout belongs to whoever implements grants (Xeno's public
 * grant_table.h, or the kit's stand-in in kit/grant-entry.h). Repeating an
 * identical typedef is valid C11, so this header coexists with Xen's. In a
 * Linux module the kernel's Xen interface headers define both types.
 */
#ifndef RING_IO_GRANT_H
#define RING_IO_GRANT_H

#ifdef __KERNEL__
#include <xen/interface/grant_table.h>	/* grant_ref_t; domid_t via xen.h */
#else
#include <stdint.h>

typedef uint32_t grant_ref_t;
typedef uint16_t domid_t;
#endif

#endif /* RING_IO_GRANT_H */
