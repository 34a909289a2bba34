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

#include "pvback-dom0.h"
#include "pvback.h"

/* A directory (xeno-blkback's are up to 256 bytes), '/' and a key. */
#define XS_PATH_MAX	320
#define TX_RETRIES	16	/* a busy xenstore retries transactions */

int pvback_xs_read(struct xs_handle *xs, const char *dir, const char *key,
		   char *buf, size_t size)
{
	char path[XS_PATH_MAX];
	unsigned int len;
	char *v;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, key) >=
	    sizeof(path))
		return -E2BIG;
	v = xs_read(xs, XBT_NULL, path, &len);
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

int pvback_xs_read_uint(struct xs_handle *xs, const char *dir,
			const char *key, uint64_t max, uint64_t *v)
{
	char buf[24];
	int len = pvback_xs_read(xs, dir, key, buf, sizeof(buf));

	if (len < 0)
		return len == -E2BIG ? -EINVAL : len;
	return pvback_parse_uint(buf, max, v);
}

/*
 * Only into a directory that exists, checked in the same transaction: a
 * plain write after the toolstack removed the device would re-create its
 * directory (we own the parent), and a detached device would linger,
 * blocking the next attach. Linux's xenbus_switch_state does the same.
 */
int pvback_xs_write(struct xs_handle *xs, const char *dir, const char *key,
		    const char *fmt, ...)
{
	char path[XS_PATH_MAX], val[128];
	xs_transaction_t t;
	unsigned int len;
	va_list ap;
	char *v;
	int n, i;

	va_start(ap, fmt);
	n = vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(val) ||
	    (size_t)snprintf(path, sizeof(path), "%s/%s", dir, key) >=
	    sizeof(path))
		return -E2BIG;
	for (i = 0; i < TX_RETRIES; i++) {
		t = xs_transaction_start(xs);
		if (t == XBT_NULL)
			return -EIO;
		v = xs_read(xs, t, dir, &len);
		free(v);
		if (!v) {
			xs_transaction_end(xs, t, true);
			return -ENOENT;
		}
		if (!xs_write(xs, t, path, val, (unsigned int)n)) {
			xs_transaction_end(xs, t, true);
			return -EIO;
		}
		if (xs_transaction_end(xs, t, false))
			return 0;
		if (errno != EAGAIN)
			return -EIO;
	}
	return -EAGAIN;
}

enum xenbus_state pvback_xs_state(struct xs_handle *xs, const char *dir)
{
	uint64_t v;

	if (pvback_xs_read_uint(xs, dir, "state", XenbusStateReconfigured, &v))
		return XenbusStateUnknown;
	return (enum xenbus_state)v;
}

bool pvback_xs_exists(struct xs_handle *xs, const char *path)
{
	unsigned int len;
	char *v = xs_read(xs, XBT_NULL, path, &len);

	free(v);
	return v != NULL;
}
