/* SPDX-License-Identifier: MIT */
/*
 * skel-back: the dom0 back end of the skel device class. The handshake,
 * grants, events and the toolstack's part are pvback's (back/); a driver
 * says what its ops do to a request's data page. skel has one op, ECHO:
 * every byte through skel_echo_byte() (skel-ring.h: + 1) in place, so an
 * answer that never saw the back end cannot pass for one.
 *   skel-back attach DOMID [DEVID] | detach [--force] DOMID [DEVID] |
 *   serve [-v] [--garbage MODE]
 */
#include <errno.h>
#include <string.h>

#include "pvback.h"
#include "skel-ring.h"

static int skel_echo(struct pvback_io *io)
{
	uint32_t i;

	for (i = 0; i < io->len; i++)
		io->page[i] = skel_echo_byte(io->page[i]);
	io->rsp_len = io->len;
	return 0;
}

/* The driver's own request fields: flags is reserved, so must be 0. */
static int skel_check(const void *req)
{
	struct skel_request r;

	memcpy(&r, req, sizeof(r));	/* a copy already; this one aligned */
	return r.flags ? SKEL_EINVAL : 0;
}

static const struct pvback_op skel_ops[] = {
	{ .op = SKEL_OP_ECHO, .writable = true, .run = skel_echo },
};

static const struct pvback_class skel_class = {
	.kind = SKEL_KIND,
	.prog = "skel-back",
	.req_size = sizeof(struct skel_request),
	.rsp_size = sizeof(struct skel_response),
	.entry_size = SKEL_ENTRY_SIZE,
	.data_max = SKEL_DATA_MAX,
	.ops = skel_ops,
	.nr_ops = sizeof(skel_ops) / sizeof(skel_ops[0]),
	.check = skel_check,
};

const struct pvback_class *const pvback_driver = &skel_class;

/* pvback answers with errno values; the front end knows them as SKEL_*. */
_Static_assert(SKEL_EINVAL == -EINVAL && SKEL_EFAULT == -EFAULT &&
	       SKEL_EOPNOTSUPP == -EOPNOTSUPP, "skel's codes are errno's");
