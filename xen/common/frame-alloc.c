/* SPDX-License-Identifier: GPL-2.0 */
/* Bitmap frame allocator. Simple and checkable: allocation scans from a
 * hint for an aligned run of clear bits; freeing checks every bit was set,
 * so a double free is refused instead of corrupting the pool. */
#include <xeno/errno.h>
#include <xeno/frame-alloc.h>
#include <xeno/lib.h>

#define BITS 64

static bool bit_test(const uint64_t *bm, uint64_t i)
{
	return (bm[i / BITS] >> (i % BITS)) & 1;
}

static void bit_set(uint64_t *bm, uint64_t i)
{
	bm[i / BITS] |= 1ULL << (i % BITS);
}

static void bit_clear(uint64_t *bm, uint64_t i)
{
	bm[i / BITS] &= ~(1ULL << (i % BITS));
}

size_t frame_pool_bitmap_bytes(uint64_t nr_frames)
{
	return (size_t)((nr_frames + BITS - 1) / BITS) * sizeof(uint64_t);
}

void frame_pool_init(struct frame_pool *p, uint64_t *bitmap, uint64_t nr_frames)
{
	memset(bitmap, 0xff, frame_pool_bitmap_bytes(nr_frames));
	*p = (struct frame_pool){ .bitmap = bitmap, .nr_frames = nr_frames,
				  .hint = nr_frames, .lock = SPIN_LOCK_UNLOCKED };
}

static bool range_ok(const struct frame_pool *p, uint64_t pfn, uint64_t nr)
{
	return nr && pfn < p->nr_frames && nr <= p->nr_frames - pfn;
}

int frame_pool_add(struct frame_pool *p, uint64_t pfn, uint64_t nr)
{
	if (!range_ok(p, pfn, nr))
		return -EINVAL;
	for (uint64_t i = pfn; i < pfn + nr; i++)
		if (!bit_test(p->bitmap, i))
			return -EINVAL;
	for (uint64_t i = pfn; i < pfn + nr; i++)
		bit_clear(p->bitmap, i);
	p->nr_free += nr;
	p->nr_ram += nr;
	if (pfn / BITS < p->hint)
		p->hint = pfn / BITS;
	return 0;
}

int frame_pool_reserve(struct frame_pool *p, uint64_t pfn, uint64_t nr)
{
	if (!range_ok(p, pfn, nr))
		return -EINVAL;
	for (uint64_t i = pfn; i < pfn + nr; i++)
		if (!bit_test(p->bitmap, i)) {
			bit_set(p->bitmap, i);
			p->nr_free--;
			p->nr_ram--;
		}
	return 0;
}

static bool run_is_free(const struct frame_pool *p, uint64_t pfn, uint64_t n)
{
	for (uint64_t i = pfn; i < pfn + n; i++)
		if (bit_test(p->bitmap, i))
			return false;
	return true;
}

static int find_run(struct frame_pool *p, unsigned int order, uint64_t limit,
		    uint64_t *pfn)
{
	uint64_t n = 1ULL << order;
	uint64_t start = ALIGN_DOWN(p->hint * BITS, n);

	for (uint64_t f = start; f + n <= limit; f += n) {
		/* Skip whole used words quickly for small orders. */
		if (n < BITS && p->bitmap[f / BITS] == ~0ULL) {
			f = ALIGN_DOWN(f, BITS) + BITS - n;
			continue;
		}
		if (run_is_free(p, f, n)) {
			*pfn = f;
			return 0;
		}
	}
	return -ENOMEM;
}

static void advance_hint(struct frame_pool *p)
{
	while (p->hint < p->nr_frames / BITS + 1 &&
	       p->hint * BITS < p->nr_frames && p->bitmap[p->hint] == ~0ULL)
		p->hint++;
}

int frame_alloc_below(struct frame_pool *p, unsigned int order,
		      uint64_t limit_pfn, uint64_t *pfn)
{
	unsigned long flags;
	int rc;

	if (order > FRAME_MAX_ORDER)
		return -EINVAL;
	if (limit_pfn > p->nr_frames)
		limit_pfn = p->nr_frames;
	flags = spin_lock_irqsave(&p->lock);
	rc = find_run(p, order, limit_pfn, pfn);
	if (rc == 0) {
		for (uint64_t i = *pfn; i < *pfn + (1ULL << order); i++)
			bit_set(p->bitmap, i);
		p->nr_free -= 1ULL << order;
		advance_hint(p);
	}
	spin_unlock_irqrestore(&p->lock, flags);
	return rc;
}

int frame_alloc(struct frame_pool *p, unsigned int order, uint64_t *pfn)
{
	return frame_alloc_below(p, order, p->nr_frames, pfn);
}

int frame_free(struct frame_pool *p, uint64_t pfn, unsigned int order)
{
	uint64_t n;
	unsigned long flags;

	if (order > FRAME_MAX_ORDER)
		return -EINVAL;
	n = 1ULL << order;
	if (!range_ok(p, pfn, n) || !IS_ALIGNED(pfn, n))
		return -EINVAL;
	flags = spin_lock_irqsave(&p->lock);
	for (uint64_t i = pfn; i < pfn + n; i++)
		if (!bit_test(p->bitmap, i)) {
			spin_unlock_irqrestore(&p->lock, flags);
			return -EINVAL;
		}
	for (uint64_t i = pfn; i < pfn + n; i++)
		bit_clear(p->bitmap, i);
	p->nr_free += n;
	if (pfn / BITS < p->hint)
		p->hint = pfn / BITS;
	spin_unlock_irqrestore(&p->lock, flags);
	return 0;
}

bool frame_is_free(const struct frame_pool *p, uint64_t pfn)
{
	return pfn < p->nr_frames && !bit_test(p->bitmap, pfn);
}
