/* SPDX-License-Identifier: MIT */
/*
 * Grant-table stand-in. The front end writes v1 grant entries in its own
 * memory, as a PV guest does; the back end "maps" a reference through
 * kit_gnttab_map(), which plays the hypervisor's part: it reads the entry
 * once, checks it is a grant of an ordinary frame to the back end's domain
 * with the access asked for, and marks it in use so the front end cannot
 * revoke it under an I/O. The back end touches no other front-end page.
 */
#ifndef KIT_GNTTAB_H
#define KIT_GNTTAB_H

#include <stdbool.h>
#include <stdint.h>

#include "kit-domain.h"

/* Front end: grant frame to domid. Returns a grant reference or -errno. */
int kit_gnttab_grant(struct kit_domain *d, domid_t domid, uint32_t frame,
		     bool readonly);
/* Front end: revoke; -EBUSY while the back end still has it mapped. */
int kit_gnttab_end(struct kit_domain *d, grant_ref_t gref);

/*
 * Toolstack: the mapping domain died; drop the in-use marks it left, as Xen
 * does when it tears a domain's mappings down.
 */
void kit_gnttab_release_domain(struct kit_domain *d, domid_t mapper);

/* The back end's handle on one front end's grant table. */
struct kit_gnttab_view {
	const struct kit_domain *granter;
	domid_t self;			/* the mapping domain */
	/* Back-end private: our record of each mapping, as Xen's maptrack. */
	uint16_t map_count[KIT_NR_GREFS];
	uint16_t map_writes[KIT_NR_GREFS];	/* of which writable */
	uint32_t map_frame[KIT_NR_GREFS];
	/* With enforcement, per frame: mappings and writable mappings. */
	bool enforce;
	uint16_t *frame_maps, *frame_writes;
};

#define KIT_GNTTAB_RETRIES 8	/* the granter may flip flags as we swap */

void kit_gnttab_view_init(struct kit_gnttab_view *v,
			  const struct kit_domain *granter, domid_t self);
/*
 * Map gref for reading, or for writing too: *page gets the frame's address.
 * -EINVAL bad reference or entry, -EPERM not granted to us or read-only,
 * -EBUSY the entry kept changing under us.
 */
int kit_gnttab_map(struct kit_gnttab_view *v, grant_ref_t gref, bool write,
		   void **page);
int kit_gnttab_unmap(struct kit_gnttab_view *v, grant_ref_t gref);
/* Drop every mapping (disconnect). */
void kit_gnttab_unmap_all(struct kit_gnttab_view *v);

/*
 * Make the MMU enforce grants in this process: the granter's memory
 * becomes inaccessible here except for frames mapped through this view,
 * readable or writable as granted, so a stray access faults at once. Only
 * for a back end in its own process (the granter's own mapping is not
 * changed, being another process's). 0 or -errno.
 */
int kit_gnttab_view_enforce(struct kit_gnttab_view *v);
/* Drop every mapping and undo enforcement. */
void kit_gnttab_view_fini(struct kit_gnttab_view *v);

#endif /* KIT_GNTTAB_H */
