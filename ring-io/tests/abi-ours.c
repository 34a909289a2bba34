/* SPDX-License-Identifier: MIT */
/* Our reading of abi-list.h: ring-io's headers. */
#include <stdint.h>
#include <string.h>

#include <ring-io/blkif.h>
#include <ring-io/grant.h>
#include <ring-io/netif.h>
#include <ring-io/ring.h>
#include <ring-io/xenbus-state.h>

#include "abi.h"
#include "grant-entry.h"

static const struct abi_fact our_facts[] = {
#include "abi-list.h"
	{ "ring", "offsetof(sring, req_prod)",
	  offsetof(struct ring_sring, req_prod) },
	{ "ring", "offsetof(sring, req_event)",
	  offsetof(struct ring_sring, req_event) },
	{ "ring", "offsetof(sring, rsp_prod)",
	  offsetof(struct ring_sring, rsp_prod) },
	{ "ring", "offsetof(sring, rsp_event)",
	  offsetof(struct ring_sring, rsp_event) },
	{ "ring", "offsetof(sring, pvt)", offsetof(struct ring_sring, pvt) },
	{ "ring", "offsetof(sring, ring)", RING_SRING_HDR_SIZE },
	/* Slot counts are computed at run time by ring_nr_ents(). */
	{ "ring", "blkif slots per page", 0 },
	{ "ring", "blkif slots per 2 pages", 0 },
	{ "ring", "netif tx slots per page", 0 },
	{ "ring", "netif rx slots per page", 0 },
};

/* What ring_front_init() would compute for the given ring. */
static long long slots(size_t ring_size, uint32_t entry_size)
{
	return ring_nr_ents(ring_size, entry_size);
}

size_t abi_facts_ours(struct abi_fact *out, size_t max)
{
	size_t n = sizeof(our_facts) / sizeof(our_facts[0]);

	if (n > max)
		return 0;
	memcpy(out, our_facts, sizeof(our_facts));
	out[n - 4].value = slots(4096, BLKIF_RING_ENTRY_SIZE);
	out[n - 3].value = slots(8192, BLKIF_RING_ENTRY_SIZE);
	out[n - 2].value = slots(4096, NETIF_TX_RING_ENTRY_SIZE);
	out[n - 1].value = slots(4096, NETIF_RX_RING_ENTRY_SIZE);
	return n;
}
