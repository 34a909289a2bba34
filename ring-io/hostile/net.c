// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile netif cases, one vif each (a case may get its vif disabled).
 * Refusals the back end answers (a bad grant, a runt frame) must come back
 * as error responses with the vif still carrying a valid frame afterwards;
 * what Linux's netback treats as fatal (a slot crossing its page, a chain
 * of too many slots, req_prod a ring ahead) must not be answered beyond
 * the ring. Rx garbage (bad grants, req_prod far ahead) is fed frames by a
 * second vif on the same bridge. dom0 judges its own log and health.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ring-io/netif.h>
#include <ring-io/xenbus-state.h>

#include "front.h"
#include "hostile.h"

#define NO_RSP		1000
#define BAD_GREF	0xfffffff0u

struct net {
	struct front f;
	struct shared_page tx, rx, data;
	volatile struct ring_sring *txs, *rxs;
	uint32_t tx_ents, rx_ents;
	ring_idx_t tx_prod, tx_cons;
	uint16_t next_id;
};

static volatile struct netif_tx_request *tx_slot(struct net *n, ring_idx_t i)
{
	return ring_slot((struct ring_sring *)n->txs, n->tx_ents,
			 NETIF_TX_RING_ENTRY_SIZE, i);
}

static volatile struct netif_rx_request *rx_slot(struct net *n, ring_idx_t i)
{
	return ring_slot((struct ring_sring *)n->rxs, n->rx_ents,
			 NETIF_RX_RING_ENTRY_SIZE, i);
}

static int net_connect(struct net *n, const char *devid)
{
	memset(n, 0, sizeof(*n));
	if (front_open(&n->f, "vif", devid) ||
	    wait_back_state(&n->f, XenbusStateInitWait, 60))
		return -1;
	if (share_page(&n->f, &n->tx, 0) || share_page(&n->f, &n->rx, 0) ||
	    share_page(&n->f, &n->data, 0) || alloc_port(&n->f))
		return -1;
	n->txs = n->tx.va;
	n->rxs = n->rx.va;
	n->txs->req_event = n->txs->rsp_event = 1;
	n->rxs->req_event = n->rxs->rsp_event = 1;
	n->tx_ents = ring_nr_ents(RING_PAGE_SIZE, NETIF_TX_RING_ENTRY_SIZE);
	n->rx_ents = ring_nr_ents(RING_PAGE_SIZE, NETIF_RX_RING_ENTRY_SIZE);
	if (front_write(&n->f, "tx-ring-ref", "%u", n->tx.ref) ||
	    front_write(&n->f, "rx-ring-ref", "%u", n->rx.ref) ||
	    front_write(&n->f, "event-channel", "%u", n->f.port) ||
	    front_write(&n->f, "request-rx-copy", "1") ||
	    front_write(&n->f, "feature-rx-notify", "1") ||
	    front_write(&n->f, "feature-sg", "1") ||
	    front_set_state(&n->f, XenbusStateConnected))
		return -1;
	if (wait_back_state(&n->f, XenbusStateConnected, 30))
		return -1;
	printf("hostile: %s connected: tx-ring-ref %u rx-ring-ref %u port %u\n",
	       n->f.back, n->tx.ref, n->rx.ref, n->f.port);
	return 0;
}

/* A broadcast frame of len bytes (ethertype 0x88b5, local experimental). */
static void frame(struct net *n, uint16_t len)
{
	uint8_t *p = n->data.va;

	memset(p, 0, len);
	memset(p, 0xff, 6);
	memcpy(p + 6, "\x00\x16\x3e\x68\x6f\x73", 6);
	p[12] = 0x88;
	p[13] = 0xb5;
	memcpy(p + 14, "hostile", 7);
}

/* Queues one tx slot (not yet published). */
static uint16_t put_tx(struct net *n, uint32_t gref, uint16_t off,
		       uint16_t size, uint16_t flags)
{
	struct netif_tx_request r = { .gref = gref, .offset = off,
				      .flags = flags, .id = ++n->next_id,
				      .size = size };

	memcpy((void *)tx_slot(n, n->tx_prod), &r, sizeof(r));
	n->tx_prod++;
	return r.id;
}

static void push_tx(struct net *n)
{
	__sync_synchronize();
	n->txs->req_prod = n->tx_prod;
	notify(&n->f);
}

/* Status of tx response id, or NO_RSP after ms. */
static int tx_collect(struct net *n, uint16_t id, int ms)
{
	for (;;) {
		ring_idx_t prod = wait_rsp(&n->f, n->txs, n->tx_cons, ms);

		if (prod == n->tx_cons)
			return NO_RSP;
		while (n->tx_cons != prod) {
			struct netif_tx_response rsp;

			memcpy(&rsp, (void *)tx_slot(n, n->tx_cons), sizeof(rsp));
			n->tx_cons++;
			if (rsp.id == id)
				return rsp.status;
		}
	}
}

static int send_one(struct net *n, const char *what, uint32_t gref,
		    uint16_t off, uint16_t size, int want)
{
	uint16_t id = put_tx(n, gref, off, size, 0);
	int st;

	push_tx(n);
	st = tx_collect(n, id, 5000);
	printf("hostile: %s: %s %d\n", what,
	       st == NO_RSP ? "no response in 5 s" : "status", st);
	return want == NETIF_RSP_ERROR ? st == NETIF_RSP_ERROR ||
					 st == NETIF_RSP_DROPPED
				       : st == want;
}

static int case_tx_bad_gref(struct net *n)
{
	int ok = 1;

	frame(n, 60);
	ok &= send_one(n, "tx gref beyond the table", BAD_GREF, 0, 60,
		       NETIF_RSP_ERROR);
	ok &= send_one(n, "tx gref never granted", 8191, 0, 60,
		       NETIF_RSP_ERROR);
	ok &= send_one(n, "tx frame of 4 bytes", n->data.ref, 0, 4,
		       NETIF_RSP_ERROR);
	ok &= send_one(n, "valid frame afterwards", n->data.ref, 0, 60,
		       NETIF_RSP_OKAY);
	return ok;
}

/* After a fatal request: never more answers than the ring holds. */
static int bounded(struct net *n, const char *what)
{
	ring_idx_t prod = wait_rsp(&n->f, n->txs, n->tx_cons, 3000);

	printf("hostile: %s: %u tx responses (ring of %u)\n", what, prod,
	       n->tx_ents);
	return prod <= n->tx_ents;
}

static int case_tx_beyond_page(struct net *n)
{
	frame(n, 60);
	put_tx(n, n->data.ref, 4000, 200, 0);
	push_tx(n);
	return bounded(n, "slot at offset 4000 of 200 bytes");
}

static int case_tx_many_slots(struct net *n)
{
	int i;

	frame(n, 60);
	/* 30 slots of 60 bytes, each saying more follows but the last. */
	for (i = 0; i < 30; i++)
		put_tx(n, n->data.ref, 0, i ? 60 : 30 * 60,
		       i < 29 ? NETTXF_more_data : 0);
	push_tx(n);
	return bounded(n, "a 30-slot packet");
}

static int case_tx_ring_overflow(struct net *n)
{
	n->txs->req_prod = n->tx_prod + n->tx_ents + 7;
	notify(&n->f);
	return bounded(n, "tx req_prod a ring ahead");
}

/*
 * Rx garbage on this vif, fed by a valid broadcast from the vif named by
 * the HOSTILE_FEED devid (same bridge): every rx request has a bad grant
 * or a stale id, and req_prod is far past what the ring holds.
 */
static int case_rx_garbage(struct net *n)
{
	const char *feed_id = getenv("HOSTILE_FEED");
	struct net feed;
	uint32_t i;
	int ok = 1, k;

	for (i = 0; i < n->rx_ents; i++) {
		struct netif_rx_request r = { .id = (uint16_t)(i * 7919),
					      .gref = i & 1 ? BAD_GREF : 8191 };

		memcpy((void *)rx_slot(n, i), &r, sizeof(r));
	}
	__sync_synchronize();
	n->rxs->req_prod = n->rx_ents * 4 + 3;
	notify(&n->f);
	if (!feed_id || net_connect(&feed, feed_id)) {
		printf("hostile: no feeding vif (HOSTILE_FEED=%s)\n",
		       feed_id ? feed_id : "");
		return 0;
	}
	frame(&feed, 60);
	for (k = 0; k < 8; k++)
		ok &= send_one(&feed, "broadcast from the feeding vif",
			       feed.data.ref, 0, 60, NETIF_RSP_OKAY);
	sleep(2);
	printf("hostile: rx garbage: rx rsp_prod %u after 8 frames\n",
	       n->rxs->rsp_prod);
	front_close(&feed.f);
	return ok;
}

static const struct {
	const char *name;
	int (*run)(struct net *n);
} net_cases[] = {
	{ "tx-bad-gref", case_tx_bad_gref },
	{ "tx-beyond-page", case_tx_beyond_page },
	{ "tx-many-slots", case_tx_many_slots },
	{ "tx-ring-overflow", case_tx_ring_overflow },
	{ "rx-garbage", case_rx_garbage },
	{ NULL, NULL },
};

int net_main(const char *name, const char *devid)
{
	struct net n;
	char tag[64];
	int i, ok = 0;

	for (i = 0; net_cases[i].name; i++)
		if (!strcmp(net_cases[i].name, name))
			break;
	if (!net_cases[i].name)
		return usage();
	snprintf(tag, sizeof(tag), "net/%s", name);
	if (net_connect(&n, devid) == 0)
		ok = net_cases[i].run(&n);
	front_close(&n.f);
	return verdict(tag, ok, ok ? "" : "see the lines above");
}
