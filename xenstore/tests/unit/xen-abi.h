/* SPDX-License-Identifier: GPL-2.0-only */
/* Values from Xen's xs_wire.h, exported by xen-abi.c. */
#ifndef XS_TEST_XEN_ABI_H
#define XS_TEST_XEN_ABI_H

#include <stddef.h>

struct xen_abi_value {
	const char *name;
	unsigned long value;
};

extern const struct xen_abi_value xen_abi_values[];
extern const size_t xen_nr_abi_values;
/* The i-th entry of Xen's error table, or NULL past its end. */
const char *xen_errname(size_t i, int *err);

#endif
