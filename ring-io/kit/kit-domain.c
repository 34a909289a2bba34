/* SPDX-License-Identifier: MIT */
/* The kit's guest memory: a shared memfd and a front-private frame allocator. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kit-domain.h"

int kit_domain_create(struct kit_domain *d, domid_t domid, uint32_t nr_frames)
{
	size_t size = (size_t)nr_frames * KIT_FRAME_SIZE;

	if (nr_frames <= KIT_GNTTAB_FRAMES || nr_frames > KIT_MAX_FRAMES)
		return -EINVAL;
	memset(d, 0, sizeof(*d));
	d->memfd = memfd_create("kit-domain", MFD_CLOEXEC);
	if (d->memfd < 0)
		return -errno;
	if (ftruncate(d->memfd, (off_t)size) < 0)
		goto out_close;
	d->mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      d->memfd, 0);
	if (d->mem == MAP_FAILED)
		goto out_close;
	d->frame_used = calloc(nr_frames, 1);
	if (!d->frame_used)
		goto out_unmap;
	d->domid = domid;
	d->nr_frames = nr_frames;
	d->gnttab = (struct grant_entry_v1 *)d->mem;
	memset(d->frame_used, 1, KIT_GNTTAB_FRAMES);
	d->next_gref = KIT_GNTTAB_NR_RESERVED;
	return 0;

out_unmap:
	munmap(d->mem, size);
out_close:
	close(d->memfd);
	return -ENOMEM;
}

void kit_domain_destroy(struct kit_domain *d)
{
	if (!d->mem)
		return;
	munmap(d->mem, (size_t)d->nr_frames * KIT_FRAME_SIZE);
	close(d->memfd);
	free(d->frame_used);
	memset(d, 0, sizeof(*d));
}

int kit_frame_alloc(struct kit_domain *d)
{
	uint32_t f;

	for (f = KIT_GNTTAB_FRAMES; f < d->nr_frames; f++) {
		if (d->frame_used[f])
			continue;
		d->frame_used[f] = 1;
		memset(kit_frame_addr(d, f), 0, KIT_FRAME_SIZE);
		return (int)f;
	}
	return -ENOSPC;
}

void kit_frame_free(struct kit_domain *d, uint32_t frame)
{
	if (frame >= KIT_GNTTAB_FRAMES && frame < d->nr_frames)
		d->frame_used[frame] = 0;
}

void *kit_frame_addr(const struct kit_domain *d, uint32_t frame)
{
	return d->mem + (size_t)frame * KIT_FRAME_SIZE;
}
