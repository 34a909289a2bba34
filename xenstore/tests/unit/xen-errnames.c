/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen's own header, compiled alone: its error table, for test-errnames.c. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/io/xs_wire.h>

#include "xen-errnames.h"

const char *xen_errname(size_t i, int *err)
{
	if (i >= sizeof(xsd_errors) / sizeof(xsd_errors[0]))
		return NULL;
	*err = xsd_errors[i].errnum;
	return xsd_errors[i].errstring;
}
