/* SPDX-License-Identifier: GPL-2.0 */
/* Error numbers: Xen's values (public/errno.h), returned negated. Host
 * unit tests use the C library's, which are the same numbers on Linux. */
#ifndef XENO_ERRNO_H
#define XENO_ERRNO_H

#ifndef XENO_HOST_TEST
#define XEN_ERRNO(name, value) name = value,
enum xeno_errno {
#include <public/errno.h>
	EINTR = 4,      /* internal only, as in Xen */
	ERESTART = 85,  /* internal: the call continues later */
};
#else
#include <errno.h>
#endif

#endif
