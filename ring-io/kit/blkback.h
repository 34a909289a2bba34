/* SPDX-License-Identifier: MIT */
/*
 * The sample block back end. It knows the front end only through four
 * doors: xenstore (keys and states), a grant view of the front end's
 * memory, an event-channel port, and the shared ring; in dom0 the same
 * code would sit on xenstored, gntdev and evtchn instead of the kit.
 *
 * blkback_step() never blocks: it advances the handshake by one step and
 * serves a bounded batch of requests. Call it again while it returns > 0;
 * when it returns 0, sleep on blkback_fds() and call it again.
 */
#ifndef KIT_BLKBACK_H
#define KIT_BLKBACK_H

#include <stdbool.h>
#include <stdint.h>

#include <ring-io/blkif.h>
#include <ring-io/ring.h>
#include <ring-io/xenbus-state.h>

#include "blk-disk.h"
#include "blk-engine.h"
#include "evtchn.h"
#include "gnttab.h"
#include "xs.h"

#define BLKBACK_MAX_INDIRECT_SEGS	BLK_ENGINE_MAX_INDIRECT_SEGS
#define BLKBACK_BATCH			128u	/* requests per step */

struct blkback_conf {
	struct kit_xs *xs;
	const char *dir;		/* our xenstore directory */
	const char *fe_dir;		/* the front end's */
	const struct kit_domain *fe_mem;	/* reached only through grants */
	domid_t self;
	const struct kit_evtchns *evtchns;
	struct blk_disk *disk;
	bool readonly;			/* info VDISK_READONLY; refuse writes */
	unsigned int watch;		/* our xenstore watch slot */
};

struct blkback {
	struct blkback_conf conf;
	enum xenbus_state state;	/* what we last wrote */
	bool online;
	bool connected;
	uint64_t xs_seen;		/* xenstore generation last acted on */
	uint32_t port;
	grant_ref_t ring_gref;
	struct ring_back ring;
	struct kit_gnttab_view gnt;
	struct blk_engine engine;	/* requests, through gnt */
	/* Counters for tests and the benchmark. */
	uint64_t nr_requests;
	uint64_t nr_errors;		/* responses other than OKAY */
	uint64_t nr_notify;		/* events we sent */
	uint64_t nr_wakeups;		/* steps that found work */
	int last_error;			/* why we last disconnected */
};

int blkback_init(struct blkback *be, const struct blkback_conf *conf);
/* > 0: did work, call again; 0: idle; < 0: cannot continue. */
int blkback_step(struct blkback *be);
/*
 * Before sleeping on blkback_fds(): reset the fds, then look once more.
 * Sleep only if this returns 0; anything arriving later wakes the fds.
 */
int blkback_prepare_sleep(struct blkback *be);
void blkback_set_online(struct blkback *be, bool online);
/* Drop mappings without a word to xenstore: the process is going away. */
void blkback_fini(struct blkback *be);
/* The fds to sleep on: event channel (or -1) and xenstore watch. */
void blkback_fds(const struct blkback *be, int fds[2]);

#endif /* KIT_BLKBACK_H */
