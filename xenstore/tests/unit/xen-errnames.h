/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen's xsd_errors[] table, from a file that includes Xen's xs_wire.h
 * alone (ours, wire.h, has the same names). The wire layout and values
 * are the project's ABI checker's (xen/tests/abi, sets/xenstore). */
#ifndef XS_TEST_XEN_ERRNAMES_H
#define XS_TEST_XEN_ERRNAMES_H

#include <stddef.h>

/* The i-th entry of Xen's error table, or NULL past its end. */
const char *xen_errname(size_t i, int *err);

#endif
