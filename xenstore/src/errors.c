/* SPDX-License-Identifier: GPL-2.0-only */
/* errno -> wire name, in the order of Xen's table (new ones go last). */
#include <errno.h>

#include "errors.h"

const struct xs_errname xs_errnames[] = {
	{ EINVAL, "EINVAL" },
	{ EACCES, "EACCES" },
	{ EEXIST, "EEXIST" },
	{ EISDIR, "EISDIR" },
	{ ENOENT, "ENOENT" },
	{ ENOMEM, "ENOMEM" },
	{ ENOSPC, "ENOSPC" },
	{ EIO, "EIO" },
	{ ENOTEMPTY, "ENOTEMPTY" },
	{ ENOSYS, "ENOSYS" },
	{ EROFS, "EROFS" },
	{ EBUSY, "EBUSY" },
	{ EAGAIN, "EAGAIN" },
	{ EISCONN, "EISCONN" },
	{ E2BIG, "E2BIG" },
	{ EPERM, "EPERM" },
};

const unsigned int xs_nr_errnames = sizeof(xs_errnames) / sizeof(xs_errnames[0]);

const char *xs_errno_name(int err)
{
	unsigned int i;

	for (i = 0; i < xs_nr_errnames; i++)
		if (xs_errnames[i].err == err)
			return xs_errnames[i].name;
	return "EINVAL";
}
