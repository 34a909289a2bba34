/* SPDX-License-Identifier: MIT */
/*
 * A front end's "guest memory" for the kit: a memfd of 4 KiB frames that
 * the front end and the back end process both map, as a PV guest's pages
 * are mapped by dom0. The first frames hold the front end's grant table;
 * the front end allocates the rest for rings and data.
 */
#ifndef KIT_DOMAIN_H
#define KIT_DOMAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "grant-entry.h"

#define KIT_FRAME_SIZE		4096u
#define KIT_GNTTAB_FRAMES	2u
#define KIT_NR_GREFS \
	(KIT_GNTTAB_FRAMES * KIT_FRAME_SIZE / sizeof(struct grant_entry_v1))
/* Xen keeps the first grant references for the console and xenstore. */
#define KIT_GNTTAB_NR_RESERVED	8u
#define KIT_MAX_FRAMES		65536u

struct kit_domain {
	domid_t domid;
	int memfd;
	uint8_t *mem;			/* nr_frames * 4 KiB, MAP_SHARED */
	uint32_t nr_frames;
	struct grant_entry_v1 *gnttab;	/* in the first frames of mem */
	/* Front-end private bookkeeping, not shared. */
	uint8_t *frame_used;		/* nr_frames bytes */
	uint32_t next_gref;		/* where the free-gref search starts */
};

/* Create the memory of a domain with nr_frames frames (grant table incl.). */
int kit_domain_create(struct kit_domain *d, domid_t domid, uint32_t nr_frames);
void kit_domain_destroy(struct kit_domain *d);

/* Front end: a zeroed free frame number, or -ENOSPC. */
int kit_frame_alloc(struct kit_domain *d);
void kit_frame_free(struct kit_domain *d, uint32_t frame);
void *kit_frame_addr(const struct kit_domain *d, uint32_t frame);

#endif /* KIT_DOMAIN_H */
