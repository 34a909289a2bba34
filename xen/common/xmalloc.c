/* SPDX-License-Identifier: GPL-2.0 */
/* A small page-granular heap for hypervisor objects (domains, vCPUs,
 * port tables). Each block records its order in a header. */
#include <asm/page.h>
#include <xeno/frame-alloc.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/printk.h>
#include <xeno/setup.h>

struct block_header {
	uint64_t order;
	uint64_t magic;
};

#define BLOCK_MAGIC 0x78656e6f6865617bULL

/* Whole frames, 2^order of them, with the header in the first bytes:
 * a 4 KiB object costs 8 KiB. Fine for the few large, long-lived objects
 * it serves; the magic lets xfree refuse a pointer it did not hand out. */
void *xzalloc(size_t size)
{
	size_t total = size + sizeof(struct block_header);
	unsigned int order = 0;
	struct block_header *h;
	uint64_t pfn;

	while ((PAGE_SIZE << order) < total)
		if (++order > FRAME_MAX_ORDER)
			return NULL;
	if (frame_alloc(&xen_frames, order, &pfn))
		return NULL;
	h = __va(pfn << PAGE_SHIFT);
	memset(h, 0, PAGE_SIZE << order);
	h->order = order;
	h->magic = BLOCK_MAGIC;
	return h + 1;
}

uint64_t xalloc_pages(size_t size)
{
	size_t total = size + sizeof(struct block_header);
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < total)
		order++;
	return 1ULL << order;
}

void xfree(void *p)
{
	struct block_header *h;

	if (!p)
		return;
	h = (struct block_header *)p - 1;
	if (h->magic != BLOCK_MAGIC)
		panic("xfree: %p is not a heap block", p);
	h->magic = 0;
	frame_free(&xen_frames, __pa(h) >> PAGE_SHIFT, (unsigned int)h->order);
}
