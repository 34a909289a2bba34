/* SPDX-License-Identifier: MIT */
/*
 * pvrng-back: dom0's side of the entropy device. pvback (../../back) does
 * the handshake, grants and events; the one op, READ, fills the granted
 * page from getrandom(2), dom0's kernel CSPRNG, which never blocks once
 * dom0's own pool is initialised.
 *   pvrng-back attach DOMID [DEVID] | detach [--force] DOMID [DEVID] |
 *   serve [-v] [--garbage MODE]
 */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "pvback.h"
#include "pvrng-ring.h"

static int pvrng_read(struct pvback_io *io)
{
	uint32_t done = 0;
	ssize_t n;

	/* getrandom may return less than asked (a signal past 256 bytes). */
	while (done < io->len) {
		n = getrandom(io->page + done, io->len - done, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return PVRNG_EIO;
		done += (uint32_t)n;
	}
	io->rsp_len = done;
	return 0;
}

static int pvrng_check(const void *req)
{
	struct pvrng_request r;

	memcpy(&r, req, sizeof(r));	/* a copy already; this one aligned */
	return r.flags ? PVRNG_EINVAL : 0;
}

static const struct pvback_op pvrng_ops[] = {
	{ .op = PVRNG_OP_READ, .writable = true, .run = pvrng_read },
};

static const struct pvback_class pvrng_class = {
	.kind = PVRNG_KIND,
	.prog = "pvrng-back",
	.req_size = sizeof(struct pvrng_request),
	.rsp_size = sizeof(struct pvrng_response),
	.entry_size = PVRNG_ENTRY_SIZE,
	.data_max = PVRNG_DATA_MAX,
	.ops = pvrng_ops,
	.nr_ops = sizeof(pvrng_ops) / sizeof(pvrng_ops[0]),
	.check = pvrng_check,
};

const struct pvback_class *const pvback_driver = &pvrng_class;

/* pvback answers with errno values; the front end knows them as PVRNG_*. */
_Static_assert(PVRNG_EINVAL == -EINVAL && PVRNG_EFAULT == -EFAULT &&
	       PVRNG_EOPNOTSUPP == -EOPNOTSUPP && PVRNG_EIO == -EIO,
	       "pvrng's codes are errno's");
