/* SPDX-License-Identifier: MIT */
/*
 * The PV console ring page (start_info.console.domU.mfn): two byte rings
 * with free-running indexes; a ring's size is a power of two and an
 * index is masked into it. The event channel signals either direction.
 */
#ifndef XENO_PUBLIC_IO_CONSOLE_H
#define XENO_PUBLIC_IO_CONSOLE_H

#include <stdint.h>

typedef uint32_t XENCONS_RING_IDX;

#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

struct xencons_interface {
	char in[1024];                /* to the guest */
	char out[2048];               /* from the guest */
	XENCONS_RING_IDX in_cons, in_prod;
	XENCONS_RING_IDX out_cons, out_prod;
};

#endif /* XENO_PUBLIC_IO_CONSOLE_H */
