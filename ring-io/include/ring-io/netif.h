/* SPDX-License-Identifier: MIT */
/*
 * Network protocol (netif): a transmit ring (guest sends) and a receive
 * ring (guest posts buffers, back end fills them), each slot a request or a
 * response; "extra info" slots ride in the request/response stream behind a
 * slot flagged NETTXF_extra_info / NETRXF_extra_info. Names, values and
 * layout are Xen's io/netif.h (x86_64), checked by the project's ABI checker
 * (xen/tests/abi/sets/ring-io).
 */
#ifndef RING_IO_NETIF_H
#define RING_IO_NETIF_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

#include <ring-io/grant.h>
#include <ring-io/ring.h>

/* A back end must accept packets spread over at least this many slots. */
#define XEN_NETIF_NR_SLOTS_MIN	18
#define XEN_NETIF_MAX_TX_SIZE	0xFFFF

#define NETTXF_csum_blank	(1u << 0)
#define NETTXF_data_validated	(1u << 1)
#define NETTXF_more_data	(1u << 2)
#define NETTXF_extra_info	(1u << 3)

#define NETRXF_data_validated	(1u << 0)
#define NETRXF_csum_blank	(1u << 1)
#define NETRXF_more_data	(1u << 2)
#define NETRXF_extra_info	(1u << 3)
#define NETRXF_gso_prefix	(1u << 4)

#define XEN_NETIF_EXTRA_TYPE_NONE	0	/* never valid */
#define XEN_NETIF_EXTRA_TYPE_GSO	1
#define XEN_NETIF_EXTRA_TYPE_MCAST_ADD	2
#define XEN_NETIF_EXTRA_TYPE_MCAST_DEL	3
#define XEN_NETIF_EXTRA_TYPE_HASH	4
#define XEN_NETIF_EXTRA_TYPE_MAX	5

#define XEN_NETIF_EXTRA_FLAG_MORE	(1u << 0)

#define XEN_NETIF_GSO_TYPE_NONE		0
#define XEN_NETIF_GSO_TYPE_TCPV4	1
#define XEN_NETIF_GSO_TYPE_TCPV6	2

#define NETIF_RSP_DROPPED	-2
#define NETIF_RSP_ERROR		-1
#define NETIF_RSP_OKAY		0
#define NETIF_RSP_NULL		1	/* padding slot for an extra-info request */

struct netif_tx_request {
	grant_ref_t gref;
	uint16_t offset;	/* in the granted frame */
	uint16_t flags;		/* NETTXF_* */
	uint16_t id;		/* echoed in the response */
	uint16_t size;		/* first slot: whole packet; others: this slot */
};

/* Fits in a tx request slot and in an rx response slot. */
struct netif_extra_info {
	uint8_t type;		/* XEN_NETIF_EXTRA_TYPE_* */
	uint8_t flags;		/* XEN_NETIF_EXTRA_FLAG_* */
	union {
		struct {
			uint16_t size;		/* MSS */
			uint8_t type;		/* XEN_NETIF_GSO_TYPE_* */
			uint8_t pad;
			uint16_t features;
		} gso;
		struct {
			uint8_t addr[6];
		} mcast;
		struct {
			uint8_t type;
			uint8_t algorithm;
			uint8_t value[4];
		} hash;
		uint16_t pad[3];
	} u;
};

struct netif_tx_response {
	uint16_t id;
	int16_t status;		/* NETIF_RSP_* */
};

struct netif_rx_request {
	uint16_t id;
	uint16_t pad;
	grant_ref_t gref;	/* frame the back end may fill */
};

struct netif_rx_response {
	uint16_t id;
	uint16_t offset;
	uint16_t flags;		/* NETRXF_* */
	int16_t status;		/* >0: bytes received, <0: NETIF_RSP_* */
};

union netif_tx_sring_entry {
	struct netif_tx_request req;
	struct netif_extra_info extra;
	struct netif_tx_response rsp;
};

union netif_rx_sring_entry {
	struct netif_rx_request req;
	struct netif_rx_response rsp;
	struct netif_extra_info extra;
};

_Static_assert(sizeof(union netif_tx_sring_entry) == 12, "netif tx slot");
_Static_assert(sizeof(union netif_rx_sring_entry) == 8, "netif rx slot");

#define NETIF_TX_RING_ENTRY_SIZE ((uint32_t)sizeof(union netif_tx_sring_entry))
#define NETIF_RX_RING_ENTRY_SIZE ((uint32_t)sizeof(union netif_rx_sring_entry))

static inline int netif_tx_front_init(struct ring_front *f, void *ring,
				      size_t ring_size)
{
	return ring_front_init(f, ring, ring_size, NETIF_TX_RING_ENTRY_SIZE);
}

static inline int netif_rx_front_init(struct ring_front *f, void *ring,
				      size_t ring_size)
{
	return ring_front_init(f, ring, ring_size, NETIF_RX_RING_ENTRY_SIZE);
}

static inline int netif_tx_back_attach(struct ring_back *b, void *ring,
				       size_t ring_size)
{
	return ring_back_attach(b, ring, ring_size, NETIF_TX_RING_ENTRY_SIZE);
}

static inline int netif_rx_back_attach(struct ring_back *b, void *ring,
				       size_t ring_size)
{
	return ring_back_attach(b, ring, ring_size, NETIF_RX_RING_ENTRY_SIZE);
}

#endif /* RING_IO_NETIF_H */
