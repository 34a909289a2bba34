/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen's own header, compiled alone: its values, for test-wire-abi.c. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/io/xs_wire.h>

#include "xen-abi.h"

const struct xen_abi_value xen_abi_values[] = {
	XS_WIRE_ABI(XS_ABI_VALUE)
};

const size_t xen_nr_abi_values = sizeof(xen_abi_values) /
				 sizeof(xen_abi_values[0]);

const char *xen_errname(size_t i, int *err)
{
	if (i >= sizeof(xsd_errors) / sizeof(xsd_errors[0]))
		return NULL;
	*err = xsd_errors[i].errnum;
	return xsd_errors[i].errstring;
}
