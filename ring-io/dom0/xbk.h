/* SPDX-License-Identifier: MIT */
/*
 * xeno-blkback: a block back end in dom0 user space for Linux's unmodified
 * xen-blkfront. It serves raw image files named in xenstore under
 * /local/domain/0/backend/qdisk (xl.cfg: backendtype=qdisk; see
 * docs/xeno-blkback.md), one process for every front end, on Debian's
 * libxenstore, libxenevtchn and libxengnttab. Requests go through the
 * kit's engine (kit/blk-engine.c); this directory is the transport:
 * xenstore handshake, gntdev grants, event channels, and the journal
 * that lets a restarted daemon take over a live ring.
 */
#ifndef XBK_H
#define XBK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <xenevtchn.h>
#include <xengnttab.h>

#include <ring-io/blkif.h>
#include <ring-io/ring.h>
#include <ring-io/xenbus-state.h>

#include "blk-disk.h"
#include "blk-engine.h"
#include "pvback-dom0.h"

#define XBK_MAX_RING_ORDER	4u	/* max-ring-page-order we offer */
#define XBK_MAX_RING_PAGES	(1u << XBK_MAX_RING_ORDER)
#define XBK_MAX_RING_ENTS	512u	/* blkif slots in 16 pages */
#define XBK_MAX_DEVS		64u
#define XBK_BATCH		64u	/* requests per device per turn */
#define XBK_PATH_MAX		256u

struct xs_handle;

/* What a dead predecessor needs to take over a ring: see xbk-journal.c. */
struct xbk_journal_hdr {
	uint32_t magic;
	uint32_t nr_ents;
	uint32_t ring_ref0;		/* which ring this journal belongs to */
	uint32_t remote_port;
	uint32_t req_cons;		/* requests [.., req_cons) are below */
	uint32_t pad[11];
};

struct xbk_journal {
	struct xbk_journal_hdr *hdr;	/* MAP_SHARED on a tmpfs file */
	union blkif_sring_entry *slot;	/* nr_ents copies, by ring index */
	size_t size;
};

/*
 * Persistent grants (feature-persistent): a front end that negotiated
 * them reuses a pool of grants, so each stays mapped here once mapped. An
 * open-addressing table, bounded: beyond XBK_PGNT_MAX a page is mapped
 * for its request only, so no front end can make us hold more.
 */
#define XBK_PGNT_SLOTS	4096u	/* power of two */
#define XBK_PGNT_MAX	2048u	/* Linux's blkfront uses (32 + 1) * 32 */

struct xbk_pgnt_entry {
	grant_ref_t gref;
	void *page;			/* NULL: a free slot */
};

struct xbk_pgnt {
	uint32_t nr;
	struct xbk_pgnt_entry *slot;	/* XBK_PGNT_SLOTS, or NULL */
};

/* xbk-pgnt.c: the table alone (host-tested). */
int xbk_pgnt_init(struct xbk_pgnt *t);
void *xbk_pgnt_find(const struct xbk_pgnt *t, grant_ref_t gref);
/* 0, or -ENOSPC when full (the caller maps for one request instead). */
int xbk_pgnt_add(struct xbk_pgnt *t, grant_ref_t gref, void *page);
/* Empty the table, calling drop() on each page; free it. */
void xbk_pgnt_fini(struct xbk_pgnt *t, void (*drop)(void *ctx, void *page),
		   void *ctx);

/* The engine's grant context: gntdev and the front end's domain. */
struct xbk_gnt {
	xengnttab_handle *xgt;
	uint32_t domid;
	bool persistent;		/* both ends said feature-persistent */
	struct xbk_pgnt cache;
};

struct xbk;

struct xbk_dev {
	struct xbk *d;
	uint32_t fe_domid, devid;
	char be_path[XBK_PATH_MAX];
	char fe_path[XBK_PATH_MAX];
	bool opened;			/* image open */
	bool fe_watched;		/* watch on the front end's state */
	bool connected;			/* ring mapped, port bound */
	struct blk_disk disk;
	struct blk_engine engine;
	struct xbk_gnt gnt;
	void *ring_mem;
	uint32_t nr_ring_pages;
	grant_ref_t ring_ref[XBK_MAX_RING_PAGES];
	struct ring_back ring;
	uint32_t remote_port;
	struct pvback_unit u;		/* port (-1: not bound), kick */
	bool must_notify;		/* taken over: wake the front end */
	struct xbk_journal jr;
	uint32_t replay_left;		/* journal copies still to serve */
	uint64_t nr_requests, nr_errors;
	struct pvback_ratelimit log;
};

struct xbk {
	struct xs_handle *xs;
	xenevtchn_handle *xce;
	xengnttab_handle *xgt;
	const char *base;		/* .../backend/qdisk */
	const char *journal_dir;
	struct xbk_dev *dev[XBK_MAX_DEVS];
};

#define XBK_PIDFILE	"/run/xeno-blkback.pid"

/* main.c */
int xbk_parse_id(const char *s, uint32_t *v);
/* xbk-dm.c: the stand-in device model libxl starts. */
int xbk_dm_main(int argc, char **argv);

/* xbk-state.c: the back end's xenbus decisions (pure, host-tested). */
enum xbk_action {
	XBK_NONE,
	XBK_ADVERTISE,		/* open the image, features, -> InitWait */
	XBK_CONNECT,		/* map the ring, bind -> Connected */
	XBK_REATTACH,		/* Connected, ring not ours: take it over */
	XBK_CLOSING,		/* drop the ring -> Closing */
	XBK_CLOSED,		/* drop the ring -> Closed */
};
enum xbk_action xbk_next(enum xenbus_state self, enum xenbus_state peer,
			 bool online, bool connected);
const char *xbk_action_name(enum xbk_action act);
/* "raw:/path" (libxl's qdisk params) or "/path": the path, or NULL. */
const char *xbk_params_path(const char *params);

/* xbk-gnt.c: the engine's grant ops on gntdev. */
extern const struct blk_grant_ops xbk_grant_ops;
void *xbk_map_ring(struct xbk_gnt *g, const grant_ref_t *refs, uint32_t n);
void xbk_unmap(struct xbk_gnt *g, void *addr, uint32_t n);
/* Start or stop keeping pages mapped (connect, disconnect). */
int xbk_gnt_persistent_start(struct xbk_gnt *g);
void xbk_gnt_persistent_stop(struct xbk_gnt *g);

/* xbk-journal.c */
int xbk_journal_open(struct xbk_journal *jr, const char *path, bool fresh);
void xbk_journal_close(struct xbk_journal *jr);
/* Requests a predecessor took but never answered, from rsp_prod: 0 if
 * the journal is not this ring's or makes no sense. */
uint32_t xbk_journal_unanswered(const struct xbk_journal *jr,
				uint32_t nr_ents, grant_ref_t ring_ref0,
				uint32_t remote_port, ring_idx_t rsp_prod,
				ring_idx_t req_prod);
void xbk_journal_reset(struct xbk_journal *jr, uint32_t nr_ents,
		       grant_ref_t ring_ref0, uint32_t remote_port,
		       ring_idx_t req_cons);
union blkif_sring_entry *xbk_journal_slot(struct xbk_journal *jr,
					  uint32_t nr_ents, ring_idx_t idx);
void xbk_journal_taken(struct xbk_journal *jr, ring_idx_t idx);
/*
 * Take the next request: while *replay_left, a predecessor's copy from
 * the journal (the ring slot may hold an answer it never published),
 * else from the ring, copied into the journal. 1, 0 none, < 0 broken.
 */
int xbk_ring_take(struct ring_back *ring, struct xbk_journal *jr,
		  uint32_t *replay_left, union blkif_sring_entry *req);

/* xbk-dev.c: one virtual disk. */
struct xbk_dev *xbk_dev_new(struct xbk *d, uint32_t fe_domid,
			    uint32_t devid);
/* Act on xenstore: 0, or -ENOENT when the device is gone (free it). */
int xbk_dev_update(struct xbk_dev *dev);
/* Serve a batch: > 0 more work may wait, 0 idle. */
int xbk_dev_serve(struct xbk_dev *dev);
void xbk_dev_free(struct xbk_dev *dev);
void xbk_log(struct xbk_dev *dev, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* XBK_H */
