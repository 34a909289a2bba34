/* SPDX-License-Identifier: MIT */
/* The reference reading of abi-list.h: Xen's headers from libxen-dev. */
#include <stdint.h>
#include <string.h>

#include <xen/xen.h>
#include <xen/grant_table.h>
#include <xen/io/blkif.h>
#include <xen/io/netif.h>
#include <xen/io/ring.h>
#include <xen/io/xenbus.h>

#include "abi.h"

static const struct abi_fact xen_facts[] = {
#include "abi-list.h"
	/* The shared ring header and slot counts for one page. */
	{ "ring", "offsetof(sring, req_prod)",
	  offsetof(struct blkif_sring, req_prod) },
	{ "ring", "offsetof(sring, req_event)",
	  offsetof(struct blkif_sring, req_event) },
	{ "ring", "offsetof(sring, rsp_prod)",
	  offsetof(struct blkif_sring, rsp_prod) },
	{ "ring", "offsetof(sring, rsp_event)",
	  offsetof(struct blkif_sring, rsp_event) },
	{ "ring", "offsetof(sring, pvt)", offsetof(struct blkif_sring, pvt) },
	{ "ring", "offsetof(sring, ring)", offsetof(struct blkif_sring, ring) },
	{ "ring", "blkif slots per page", __CONST_RING_SIZE(blkif, 4096) },
	{ "ring", "blkif slots per 2 pages", __CONST_RING_SIZE(blkif, 8192) },
	{ "ring", "netif tx slots per page", __CONST_RING_SIZE(netif_tx, 4096) },
	{ "ring", "netif rx slots per page", __CONST_RING_SIZE(netif_rx, 4096) },
};

size_t abi_facts_xen(struct abi_fact *out, size_t max)
{
	size_t n = sizeof(xen_facts) / sizeof(xen_facts[0]);

	if (n > max)
		return 0;
	memcpy(out, xen_facts, sizeof(xen_facts));
	return n;
}
