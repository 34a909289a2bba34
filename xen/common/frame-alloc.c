/* SPDX-License-Identifier: GPL-2.0 */
/* Bitmap frame allocator. Simple and checkable: allocation scans from a
 * hint for an aligned run of clear bits; freeing checks every bit was set,
 * so a double free is refused instead of corrupting the pool.
 *
 * Invariants, all under p->lock: a set bit is a frame not in the pool
 * (allocated, reserved, or never added: the bitmap starts all ones and
 * frame_pool_add clears what the memory map offers); nr_free counts the
 * clear bits; every word below p->hint (a word index) is full, so a scan
 * may start there. The pool knows nothing of owners: that is the frame
 * table's job (arch), which frees into the pool only frames it owns. */
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

/* First free run of 2^order frames aligned to its size, below limit,
 * scanning from the hint. Linear in the pool size at worst; allocations
 * are rare after boot (domain builds, ballooning). */
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

/* Keep the hint at the first word with a free bit (or past the end). */
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
