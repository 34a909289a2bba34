/* SPDX-License-Identifier: MIT */
/*
 * Error codes the ring core returns, negated. Values are Xen's (and Linux's),
 * named here because the core may not include libc's <errno.h>.
 */
#ifndef RING_IO_ERRNO_H
#define RING_IO_ERRNO_H

#define RING_EIO	5	/* the peer broke the ring protocol */
#define RING_EINVAL	22	/* our caller passed a bad argument */
#define RING_ENOSPC	28	/* no free slot (requests) or no request to answer */

#endif /* RING_IO_ERRNO_H */
