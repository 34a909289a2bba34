/* SPDX-License-Identifier: MIT */
/*
 * The sample block front end. Callers queue I/O with blkfront_submit();
 * blkfront_step() (never blocking) advances the handshake, moves queued
 * I/O onto the ring and completes answered I/O. When the back end goes
 * away mid-I/O, requests in flight go back on the queue and are issued
 * again after a reconnect (block reads and writes may be repeated); if the
 * back end vanishes from xenstore (or never was), queued I/O fails with
 * -ENODEV.
 */
#ifndef KIT_BLKFRONT_H
#define KIT_BLKFRONT_H

#include <stdbool.h>
#include <stdint.h>

#include <ring-io/blkif.h>
#include <ring-io/ring.h>
#include <ring-io/xenbus-state.h>

#include "evtchn.h"
#include "gnttab.h"
#include "xs.h"

#define BLKFRONT_NR_SHADOW	32u	/* = slots in a one-page blkif ring */
#define BLKFRONT_MAX_SECTORS \
	(BLKIF_MAX_SEGMENTS_PER_REQUEST * BLKIF_SECTORS_PER_PAGE)

struct blkfront_io {
	uint8_t op;			/* BLKIF_OP_READ/WRITE/FLUSH/DISCARD */
	uint64_t sector;
	uint32_t nr_sectors;		/* <= BLKFRONT_MAX_SECTORS for r/w */
	void *buf;			/* nr_sectors * 512 bytes for r/w */
	/* Set by the front end. */
	bool done;
	int status;			/* 0, -EIO, -EOPNOTSUPP, -ENODEV */
	struct blkfront_io *next;
};

struct blkfront_conf {
	struct kit_xs *xs;
	const char *dir;		/* our xenstore directory */
	const char *be_dir;		/* the back end's */
	struct kit_domain *mem;		/* our memory and grant table */
	domid_t backend_id;
	struct kit_evtchns *evtchns;
	unsigned int watch;
};

struct blkfront_shadow {
	struct blkfront_io *io;		/* NULL: slot free */
	uint8_t nr_grefs;
	grant_ref_t gref[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};

struct blkfront {
	struct blkfront_conf conf;
	enum xenbus_state state;
	bool connected;
	uint64_t xs_seen;		/* xenstore generation last acted on */
	int ring_frame;
	grant_ref_t ring_gref;
	uint32_t port;
	struct ring_front ring;
	uint64_t nr_sectors;		/* the back end's */
	bool feature_flush, feature_discard;
	uint32_t data_frame[BLKFRONT_NR_SHADOW][BLKIF_MAX_SEGMENTS_PER_REQUEST];
	struct blkfront_shadow shadow[BLKFRONT_NR_SHADOW];
	struct blkfront_io *queue, *queue_tail;
	/* Counters for tests and the benchmark. */
	uint64_t nr_issued, nr_completed, nr_notify, nr_reissued;
	uint64_t nr_leaked_grants;	/* still mapped when we had to let go */
	int last_error;
};

int blkfront_init(struct blkfront *fe, const struct blkfront_conf *conf);
void blkfront_fini(struct blkfront *fe);
/* Queue one I/O: 0, or -EINVAL bad op or buffer, -E2BIG too long. */
int blkfront_submit(struct blkfront *fe, struct blkfront_io *io);
/* > 0: did work, call again; 0: idle; < 0: cannot continue. */
int blkfront_step(struct blkfront *fe);
/* Reset the fds and look once more; sleep on blkfront_fds() only if 0. */
int blkfront_prepare_sleep(struct blkfront *fe);
void blkfront_fds(const struct blkfront *fe, int fds[2]);
/* I/O queued or in flight. */
uint32_t blkfront_pending(const struct blkfront *fe);

/* blkfront-io.c: the ring side, used by blkfront.c. */
int blkfront_issue(struct blkfront *fe);
int blkfront_collect(struct blkfront *fe);
void blkfront_requeue_inflight(struct blkfront *fe);
void blkfront_fail_queued(struct blkfront *fe, int status);

#endif /* KIT_BLKFRONT_H */
