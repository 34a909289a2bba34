/* SPDX-License-Identifier: GPL-2.0 */
/* The fake frame table and the page-type hooks (frame-fixture.h). */
#include "frame-fixture.h"
#include <asm/l1tf.h>
#include <public/xen.h>

struct page_info *frame_table;
uint64_t max_page;
uint64_t pv_l1tf_safe_maddr_dom0, pv_l1tf_safe_maddr_domu;

struct page_info frame_info[NR_FRAMES];
uint64_t frames[NR_FRAMES][512] __attribute__((aligned(4096)));
unsigned int lock_depth;
static struct page_info info_before[NR_FRAMES];

/* A frame nobody owns stands for a hole the direct map leaves out. */
uint64_t *pgt_map(uint64_t mfn)
{
	assert_int_not_equal(frame_info[mfn].owner, DOMID_NONE);
	return frames[mfn];
}

void pgt_init_xen_l4_slots(uint64_t *l4) { }
uint32_t pgt_tlb_clock(void) { return 1; }
void pgt_tlb_flush_since(uint32_t stamp) { }
void pgt_orphan_released(uint64_t mfn) { }
bool pgt_iomem_mappable(uint64_t mfn) { return false; }
void pgt_l1tf_unsafe(const struct pgt_ctx *c, uint64_t e) { }
void pgt_foreign_entry_dropped(const struct pgt_ctx *c, uint64_t e) { }
void pgt_foreign_leaf_dropped(const struct pgt_ctx *c, uint64_t e) { }
void pgt_refused_frame(const struct pgt_ctx *c, uint64_t mfn) { }
/* Every hypercall test here doubles as an accounting check. */
void pgt_underflow_refused(uint64_t mfn, bool type_ref)
{
	fail_msg("%s reference underflow on frame %lu", type_ref ? "type" : "general",
		 (unsigned long)mfn);
}
bool l1tf_entry_safe(uint64_t entry, uint64_t safe_maddr) { return true; }

unsigned long mm_lock(struct domain *d)
{
	assert_int_equal(lock_depth, 0);
	lock_depth++;
	return 0;
}

void mm_unlock(struct domain *d, unsigned long flags)
{
	assert_int_equal(lock_depth, 1);
	lock_depth--;
}

void frame_fixture_reset(void)
{
	memset(frame_info, 0, sizeof(frame_info));
	memset(frames, 0, sizeof(frames));
	for (unsigned int i = 0; i < NR_FRAMES; i++)
		frame_info[i].owner = 1;
	frame_info[FOREIGN_MFN].owner = 2;
	frame_info[UNOWNED_MFN].owner = DOMID_NONE;
	frame_table = frame_info;
	max_page = NR_FRAMES;
	lock_depth = 0;
}

void frames_snap(void)
{
	memcpy(info_before, frame_info, sizeof(frame_info));
}

void assert_frames_unchanged(void)
{
	for (unsigned int i = 0; i < NR_FRAMES; i++) {
		const struct page_info *now = &frame_info[i], *was = &info_before[i];

		if (now->count != was->count || now->type_count != was->type_count ||
		    now->owner != was->owner || now->ext_count != was->ext_count ||
		    now->flags != was->flags || (now->type_count && now->type != was->type))
			print_message("frame %u changed\n", i);
		assert_int_equal(now->count, was->count);
		assert_int_equal(now->type_count, was->type_count);
		assert_int_equal(now->owner, was->owner);
		assert_int_equal(now->ext_count, was->ext_count);
		assert_int_equal(now->flags, was->flags);
		if (now->type_count)
			assert_int_equal(now->type, was->type);
	}
	assert_int_equal(lock_depth, 0);
}
