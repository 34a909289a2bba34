/* SPDX-License-Identifier: MIT */
/*
 * xenstore through Debian's libxenstore: dir/key reads that copy the
 * value out and check it before anyone uses it, and formatted writes.
 * Keys in a front end's directory are written by the guest: hostile.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenstore.h>

#include "xbk.h"

int xbk_xs_read(struct xbk *d, const char *dir, const char *key,
		char *buf, size_t size)
{
	char path[XBK_PATH_MAX];
	unsigned int len;
	char *v;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, key) >=
	    sizeof(path))
		return -E2BIG;
	v = xs_read(d->xs, XBT_NULL, path, &len);
	if (!v)
		return -ENOENT;
	if (len >= size || memchr(v, '\0', len)) {
		free(v);
		return -E2BIG;
	}
	memcpy(buf, v, len);
	buf[len] = '\0';
	free(v);
	return (int)len;
}

/* A plain decimal no greater than max: no sign, space or junk. */
int xbk_xs_read_uint(struct xbk *d, const char *dir, const char *key,
		     uint64_t max, uint64_t *v)
{
	char buf[24];
	uint64_t n = 0;
	int len = xbk_xs_read(d, dir, key, buf, sizeof(buf)), i;

	if (len < 0)
		return len == -E2BIG ? -EINVAL : len;
	if (len == 0)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (buf[i] < '0' || buf[i] > '9')
			return -EINVAL;
		if (n > (UINT64_MAX - 9) / 10)
			return -EINVAL;
		n = n * 10 + (uint64_t)(buf[i] - '0');
	}
	if (n > max)
		return -EINVAL;
	*v = n;
	return 0;
}

int xbk_xs_write(struct xbk *d, const char *dir, const char *key,
		 const char *fmt, ...)
{
	char path[XBK_PATH_MAX], val[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(val) ||
	    (size_t)snprintf(path, sizeof(path), "%s/%s", dir, key) >=
	    sizeof(path))
		return -E2BIG;
	return xs_write(d->xs, XBT_NULL, path, val, (unsigned int)n) ? 0 : -EIO;
}

/* Missing or not a state we know: Unknown (the peer is gone). */
enum xenbus_state xbk_xs_state(struct xbk *d, const char *dir)
{
	uint64_t v;

	if (xbk_xs_read_uint(d, dir, "state", XenbusStateReconfigured, &v))
		return XenbusStateUnknown;
	return (enum xenbus_state)v;
}
