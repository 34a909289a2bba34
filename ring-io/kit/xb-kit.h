/* SPDX-License-Identifier: MIT */
/*
 * The scripted peer's store in the kit: the xenstore stand-in, and as a
 * front end a blkif ring in the front end's kit memory, granted to the
 * driver under test with an event channel.
 */
#ifndef KIT_XB_KIT_H
#define KIT_XB_KIT_H

#include <ring-io/grant.h>
#include <ring-io/ring.h>

#include "evtchn.h"
#include "kit-domain.h"
#include "xb-script.h"
#include "xs.h"

struct xbs_kit {
	struct kit_xs *xs;
	struct kit_domain *mem;		/* for XBS_PUBLISH_RING */
	struct kit_evtchns *evtchns;
	domid_t driver_id;		/* whom to grant the ring to */
	struct ring_front ring;
};

/* Its ctx is a struct xbs_kit. */
extern const struct xbs_store xbs_kit_store;

#endif /* KIT_XB_KIT_H */
