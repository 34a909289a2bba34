/* SPDX-License-Identifier: MIT */
/* Grant-table stand-in: front-end grant/end and back-end checked map/unmap. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "gnttab.h"

/* One 8-byte entry, read or swapped as a whole: never field by field. */
union kit_gnt_word {
	struct grant_entry_v1 e;
	uint64_t raw;
};

static uint64_t *gnt_word(const struct kit_domain *d, grant_ref_t gref)
{
	return (uint64_t *)&d->gnttab[gref];
}

/* The i-th reference to try, searching round from the last one handed out. */
static grant_ref_t nth_gref(const struct kit_domain *d, uint32_t i)
{
	const uint32_t nr = KIT_NR_GREFS - KIT_GNTTAB_NR_RESERVED;

	return KIT_GNTTAB_NR_RESERVED +
	       (d->next_gref - KIT_GNTTAB_NR_RESERVED + i) % nr;
}

int kit_gnttab_grant(struct kit_domain *d, domid_t domid, uint32_t frame,
		     bool readonly)
{
	uint16_t flags = (uint16_t)(GTF_permit_access |
				    (readonly ? GTF_readonly : 0));
	struct grant_entry_v1 *e;
	uint32_t i;

	if (frame < KIT_GNTTAB_FRAMES || frame >= d->nr_frames)
		return -EINVAL;
	for (i = 0; i < KIT_NR_GREFS - KIT_GNTTAB_NR_RESERVED; i++) {
		e = &d->gnttab[nth_gref(d, i)];
		if (__atomic_load_n(&e->flags, __ATOMIC_RELAXED))
			continue;
		e->domid = domid;
		e->frame = frame;
		/* Flags last: the mapper must never see a half-written grant. */
		__atomic_store_n(&e->flags, flags, __ATOMIC_RELEASE);
		d->next_gref = nth_gref(d, i) + 1;
		return (int)(e - d->gnttab);
	}
	return -ENOSPC;
}

int kit_gnttab_end(struct kit_domain *d, grant_ref_t gref)
{
	uint16_t *flags;
	uint16_t old;

	if (gref < KIT_GNTTAB_NR_RESERVED || gref >= KIT_NR_GREFS)
		return -EINVAL;
	flags = &d->gnttab[gref].flags;
	old = __atomic_load_n(flags, __ATOMIC_ACQUIRE);
	if (old & (GTF_reading | GTF_writing))
		return -EBUSY;
	/* The mapper sets its bits by swapping: if it got in first, we lose. */
	if (!__atomic_compare_exchange_n(flags, &old, 0, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return -EBUSY;
	return 0;
}

void kit_gnttab_release_domain(struct kit_domain *d, domid_t mapper)
{
	uint32_t gref;

	for (gref = KIT_GNTTAB_NR_RESERVED; gref < KIT_NR_GREFS; gref++)
		if (d->gnttab[gref].domid == mapper)
			__atomic_fetch_and(&d->gnttab[gref].flags,
					   (uint16_t)~(GTF_reading | GTF_writing),
					   __ATOMIC_RELEASE);
}

void kit_gnttab_view_init(struct kit_gnttab_view *v,
			  const struct kit_domain *granter, domid_t self)
{
	memset(v, 0, sizeof(*v));
	v->granter = granter;
	v->self = self;
}

/* Is this snapshot of an entry a grant we may map with this access? */
static int gnt_check(const struct kit_gnttab_view *v,
		     const struct grant_entry_v1 *e, bool write)
{
	if ((e->flags & GTF_type_mask) != GTF_permit_access)
		return -EINVAL;
	if (e->domid != v->self)
		return -EPERM;
	if (write && (e->flags & GTF_readonly))
		return -EPERM;
	/* Its own grant-table frames are not the granter's to lend. */
	if (e->frame < KIT_GNTTAB_FRAMES || e->frame >= v->granter->nr_frames)
		return -EINVAL;
	return 0;
}

/* Give the frame the access its live mappings need, and no more. */
static void mmu_update(const struct kit_gnttab_view *v, uint32_t frame)
{
	int prot = PROT_NONE;

	if (v->frame_writes[frame])
		prot = PROT_READ | PROT_WRITE;
	else if (v->frame_maps[frame])
		prot = PROT_READ;
	mprotect(kit_frame_addr(v->granter, frame), KIT_FRAME_SIZE, prot);
}

/* Record a mapping the swap has just marked in the entry. */
static void track_map(struct kit_gnttab_view *v, grant_ref_t gref,
		      uint32_t frame, bool write)
{
	v->map_count[gref]++;
	v->map_writes[gref] += write;
	v->map_frame[gref] = frame;
	if (!v->enforce)
		return;
	v->frame_maps[frame]++;
	v->frame_writes[frame] += write;
	mmu_update(v, frame);
}

int kit_gnttab_map(struct kit_gnttab_view *v, grant_ref_t gref, bool write,
		   void **page)
{
	uint16_t busy = (uint16_t)(GTF_reading | (write ? GTF_writing : 0));
	union kit_gnt_word old, new_word;
	unsigned int tries;
	int rc;

	if (gref >= KIT_NR_GREFS)
		return -EINVAL;
	old.raw = __atomic_load_n(gnt_word(v->granter, gref), __ATOMIC_ACQUIRE);
	for (tries = 0; tries < KIT_GNTTAB_RETRIES; tries++) {
		rc = gnt_check(v, &old.e, write);
		if (rc)
			return rc;
		/* Already mapped: the granter may not have moved the frame. */
		if (v->map_count[gref] && old.e.frame != v->map_frame[gref])
			return -EBUSY;
		new_word = old;
		new_word.e.flags |= busy;
		/* Whole-entry swap: the frame we checked is the frame we mark. */
		if (__atomic_compare_exchange_n(gnt_word(v->granter, gref),
						&old.raw, new_word.raw, false,
						__ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE))
			break;
	}
	if (tries == KIT_GNTTAB_RETRIES)
		return -EBUSY;
	track_map(v, gref, new_word.e.frame, write);
	*page = kit_frame_addr(v->granter, new_word.e.frame);
	return 0;
}

/*
 * Unmap one mapping of gref. Mappings of one reference are not told apart,
 * so the writable ones are dropped last: access may outlive its need a
 * little, never the other way round.
 */
int kit_gnttab_unmap(struct kit_gnttab_view *v, grant_ref_t gref)
{
	uint32_t frame;
	bool write;

	if (gref >= KIT_NR_GREFS || v->map_count[gref] == 0)
		return -EINVAL;
	frame = v->map_frame[gref];
	write = v->map_writes[gref] == v->map_count[gref];
	v->map_count[gref]--;
	v->map_writes[gref] -= write;
	if (v->map_count[gref] == 0)
		__atomic_fetch_and(&v->granter->gnttab[gref].flags,
				   (uint16_t)~(GTF_reading | GTF_writing),
				   __ATOMIC_RELEASE);
	if (v->enforce) {
		v->frame_maps[frame]--;
		v->frame_writes[frame] -= write;
		mmu_update(v, frame);
	}
	return 0;
}

void kit_gnttab_unmap_all(struct kit_gnttab_view *v)
{
	uint32_t gref;

	for (gref = 0; gref < KIT_NR_GREFS; gref++)
		while (v->map_count[gref])
			kit_gnttab_unmap(v, gref);
}

int kit_gnttab_view_enforce(struct kit_gnttab_view *v)
{
	const struct kit_domain *d = v->granter;

	v->frame_maps = calloc(d->nr_frames, sizeof(*v->frame_maps));
	v->frame_writes = calloc(d->nr_frames, sizeof(*v->frame_writes));
	if (!v->frame_maps || !v->frame_writes ||
	    mprotect(d->mem, (size_t)d->nr_frames * KIT_FRAME_SIZE, PROT_NONE)) {
		free(v->frame_maps);
		free(v->frame_writes);
		return -ENOMEM;
	}
	/* The grant table stays readable: we play the hypervisor here. */
	mprotect(d->mem, KIT_GNTTAB_FRAMES * KIT_FRAME_SIZE,
		 PROT_READ | PROT_WRITE);
	v->enforce = true;
	return 0;
}

void kit_gnttab_view_fini(struct kit_gnttab_view *v)
{
	const struct kit_domain *d = v->granter;

	kit_gnttab_unmap_all(v);
	if (!v->enforce)
		return;
	mprotect(d->mem, (size_t)d->nr_frames * KIT_FRAME_SIZE,
		 PROT_READ | PROT_WRITE);
	free(v->frame_maps);
	free(v->frame_writes);
	v->frame_maps = v->frame_writes = NULL;
	v->enforce = false;
}
