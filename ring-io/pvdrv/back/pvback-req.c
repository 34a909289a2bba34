/* SPDX-License-Identifier: MIT */
/*
 * One request, from our copy of its slot to its response (pure,
 * host-tested): check op, len and the driver's own fields before
 * anything is mapped, map the data page for the op alone, build the
 * response. Also the garbage answers the front end's hostile-peer tests
 * ask for (serve --garbage MODE).
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "pvback.h"

#define HDR_REQ_SIZE	20u	/* id, op, len, gref */
#define HDR_RSP_SIZE	16u	/* id, status, len */

int pvback_class_check(const struct pvback_class *cls)
{
	uint32_t i;

	if (!cls->kind || !pvback_kind_valid(cls->kind) || !cls->prog ||
	    cls->req_size < HDR_REQ_SIZE || cls->rsp_size < HDR_RSP_SIZE ||
	    cls->req_size > PVBACK_REQ_MAX || cls->rsp_size > PVBACK_REQ_MAX ||
	    cls->entry_size < cls->req_size || cls->entry_size < cls->rsp_size ||
	    cls->entry_size > PVBACK_REQ_MAX || cls->data_max == 0 ||
	    cls->data_max > PVBACK_PAGE_SIZE || !cls->ops || cls->nr_ops == 0)
		return -EINVAL;
	for (i = 0; i < cls->nr_ops; i++)
		if (!cls->ops[i].run)
			return -EINVAL;
	return 0;
}

/* The leading fields, from our copy (it may be unaligned in a buffer). */
static void read_hdr(const void *req, struct pvback_req_hdr *h)
{
	const uint8_t *p = req;

	memcpy(&h->id, p, 8);
	memcpy(&h->op, p + 8, 4);
	memcpy(&h->len, p + 12, 4);
	memcpy(&h->gref, p + 16, 4);
}

static void write_rsp_hdr(void *rsp, uint64_t id, int32_t status,
			  uint32_t len)
{
	uint8_t *p = rsp;

	memcpy(p, &id, 8);
	memcpy(p + 8, &status, 4);
	memcpy(p + 12, &len, 4);
}

static const struct pvback_op *find_op(const struct pvback_class *cls,
				       uint32_t op)
{
	uint32_t i;

	for (i = 0; i < cls->nr_ops; i++)
		if (cls->ops[i].op == op)
			return &cls->ops[i];
	return NULL;
}

/* Validate, then map, run, unmap. Returns the status; *len the answer. */
static int do_request(const struct pvback_class *cls,
		      const struct pvback_map_ops *mops, void *mctx,
		      const void *req, void *rsp, uint32_t *len)
{
	struct pvback_req_hdr h;
	const struct pvback_op *op;
	struct pvback_io io;
	int rc;

	read_hdr(req, &h);
	op = find_op(cls, h.op);
	if (!op)
		return -EOPNOTSUPP;
	if (h.len > cls->data_max)
		return -EINVAL;
	if (cls->check) {
		rc = cls->check(req);
		if (rc)
			return rc;
	}
	io.req = req;
	io.rsp = rsp;
	io.len = h.len;
	io.rsp_len = 0;
	io.page = mops->map(mctx, h.gref, op->writable);
	if (!io.page)
		return -EFAULT;
	rc = op->run(&io);
	mops->unmap(mctx, io.page);
	/* Our own op must keep the protocol too: the front end checks. */
	if (rc > 0 || rc < PVBACK_STATUS_MIN || io.rsp_len > h.len)
		return -EIO;
	*len = rc ? 0 : io.rsp_len;
	return rc;
}

int pvback_handle(const struct pvback_class *cls,
		  const struct pvback_map_ops *mops, void *mctx,
		  const void *req, void *rsp)
{
	struct pvback_req_hdr h;
	uint32_t len = 0;
	int status;

	read_hdr(req, &h);
	memset(rsp, 0, cls->rsp_size);
	status = do_request(cls, mops, mctx, req, rsp, &len);
	write_rsp_hdr(rsp, h.id, status, len);
	return status;
}

int pvback_garbage_parse(const char *name, enum pvback_garbage *mode)
{
	static const char *const names[] = {
		[PVB_GARBAGE_IDS] = "ids", [PVB_GARBAGE_PROD_AHEAD] = "prod-ahead",
		[PVB_GARBAGE_LEN] = "len", [PVB_GARBAGE_STATUS] = "status",
		[PVB_GARBAGE_MIXED] = "mixed",
	};
	unsigned int i;

	for (i = PVB_GARBAGE_IDS; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i])) {
			*mode = (enum pvback_garbage)i;
			return 0;
		}
	return -EINVAL;
}

bool pvback_garble(enum pvback_garbage mode, uint64_t seq, void *rsp)
{
	static const enum pvback_garbage cycle[] = {
		PVB_GARBAGE_IDS, PVB_GARBAGE_LEN, PVB_GARBAGE_STATUS,
		PVB_GARBAGE_PROD_AHEAD,
	};
	uint8_t *p = rsp;
	uint64_t id;
	uint32_t len;
	int32_t status;

	if (mode == PVB_GARBAGE_MIXED)
		mode = cycle[seq % (sizeof(cycle) / sizeof(cycle[0]))];
	switch (mode) {
	case PVB_GARBAGE_IDS:
		/* Far from any id a front end counts up to. */
		memcpy(&id, p, 8);
		id ^= 0x5eed000000000000ull;
		memcpy(p, &id, 8);
		return false;
	case PVB_GARBAGE_LEN:
		/* One more than asked, whatever was asked. */
		memcpy(&len, p + 12, 4);
		len = len + PVBACK_PAGE_SIZE + 1;
		memcpy(p + 12, &len, 4);
		return false;
	case PVB_GARBAGE_STATUS:
		status = 4096;		/* no errno, and positive */
		memcpy(p + 8, &status, 4);
		return false;
	case PVB_GARBAGE_PROD_AHEAD:
		return true;
	default:
		return false;
	}
}

uint32_t pvback_garbage_prod(uint32_t rsp_prod, uint32_t nr_ents)
{
	return rsp_prod + nr_ents + 7;
}
