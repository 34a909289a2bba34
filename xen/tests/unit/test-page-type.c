/* SPDX-License-Identifier: GPL-2.0 */
/* The page-type state machine over a fake frame table: every transition,
 * validation with rollback, pinning, linear maps, hypervisor L4 slots,
 * flag rules, count overflow and underflow, and the TLB-clock flushes. */
#include "helpers.h"
#include <pthread.h>
#include <xeno/errno.h>
#include <public/xen.h>
#include <xeno/page-type.h>

#define NR 64
#define DOM 1
#define OTHER 2

struct page_info *frame_table;
uint64_t max_page;
uint64_t *machine_to_phys;

static struct page_info table[NR];
static uint64_t frames[NR][512];
static unsigned int flushes;
static uint32_t clock_now = 10;
static uint32_t last_flush = 5;
static const struct pgt_ctx ctx = { .domid = DOM };
static const struct pgt_ctx io_ctx = { .domid = DOM, .io_privileged = true };

uint64_t *pgt_map(uint64_t mfn)
{
	/* A frame nobody owns stands for a hole the direct map leaves out:
	 * the hypervisor would fault on it. */
	assert_int_not_equal(table[mfn].owner, DOMID_NONE);
	return frames[mfn];
}
void pgt_init_xen_l4_slots(uint64_t *l4)
{
	for (unsigned int i = PGT_XEN_L4_FIRST; i <= PGT_XEN_L4_LAST; i++)
		l4[i] = 0xfeed0000ULL | i;   /* recognisable hypervisor entries */
}
uint32_t pgt_tlb_clock(void) { return clock_now; }
static unsigned int orphans_released;
void pgt_orphan_released(uint64_t mfn) { (void)mfn; orphans_released++; }
/* Frames at and above IOMEM_FIRST stand for device memory. */
#define IOMEM_FIRST 1000
bool pgt_iomem_mappable(uint64_t mfn) { return mfn >= IOMEM_FIRST; }
static unsigned int l1tf_reports;
void pgt_l1tf_unsafe(const struct pgt_ctx *c, uint64_t e) { (void)c; (void)e; l1tf_reports++; }
static unsigned int foreign_dropped;
void pgt_foreign_entry_dropped(const struct pgt_ctx *c, uint64_t e) { (void)c; (void)e; foreign_dropped++; }
/* The arch hook locks the owner and drops the leaf's references. */
static unsigned int leaves_dropped;
void pgt_foreign_leaf_dropped(const struct pgt_ctx *c, uint64_t e)
{
	struct pgt_ctx owner = { .domid = table[PTE_MFN(e)].owner };

	(void)c;
	leaves_dropped++;
	pgt_put_foreign_leaf(&owner, PTE_MFN(e), e & PTE_RW);
}
static unsigned int refusals_logged;
void pgt_refused_frame(const struct pgt_ctx *c, uint64_t mfn) { (void)c; (void)mfn; refusals_logged++; }
static unsigned int underflows_reported;
static uint64_t underflow_mfn;
static bool underflow_type;
void pgt_underflow_refused(uint64_t mfn, bool type_ref)
{
	underflows_reported++;
	underflow_mfn = mfn;
	underflow_type = type_ref;
}
void pgt_tlb_flush_since(uint32_t stamp)
{
	if (last_flush <= stamp) {
		flushes++;
		last_flush = ++clock_now;
	}
}

static int setup(void **state)
{
	memset(table, 0, sizeof(table));
	memset(frames, 0, sizeof(frames));
	for (unsigned int i = 0; i < NR; i++)
		table[i].owner = DOM;
	table[NR - 1].owner = OTHER;   /* a foreign frame */
	frame_table = table;
	max_page = NR;
	flushes = 0;
	underflows_reported = 0;
	clock_now = 10;
	last_flush = 5;
	return 0;
}

static uint64_t pte(uint64_t mfn, uint64_t flags) { return (mfn << 12) | flags; }

static void assert_idle(unsigned int from, unsigned int to)
{
	for (unsigned int i = from; i < to; i++) {
		if (table[i].count || table[i].type_count)
			print_message("frame %u: count %u type_count %u\n", i, table[i].count,
				      table[i].type_count);
		assert_int_equal(table[i].count, 0);
		assert_int_equal(table[i].type_count, 0);
	}
}

static void test_get_put_page(void **state)
{
	unsigned long before = pgt_nr_underflows();

	assert_int_equal(pgt_get_page(&ctx, 3), 0);
	assert_int_equal(table[3].count, 1);
	pgt_put_page(3);
	assert_int_equal(table[3].count, 0);
	assert_int_equal(underflows_reported, 0);
	pgt_put_page(3);   /* underflow refused, and reported with its frame */
	assert_int_equal(table[3].count, 0);
	assert_int_equal(underflows_reported, 1);
	assert_int_equal(underflow_mfn, 3);
	assert_false(underflow_type);
	assert_int_equal(pgt_nr_underflows(), before + 1);
	assert_int_equal(pgt_get_page(&ctx, NR - 1), -EINVAL);   /* foreign */
	assert_int_equal(pgt_get_page(&ctx, NR), -EINVAL);       /* past the end */
	assert_int_equal(pgt_get_page(&ctx, ~0ULL), -EINVAL);
}

static void test_count_overflow(void **state)
{
	table[3].count = PGT_MAX_COUNT;
	assert_int_equal(pgt_get_page(&ctx, 3), -EINVAL);
	assert_int_equal(table[3].count, PGT_MAX_COUNT);
	table[4].type = PGT_writable;
	table[4].type_count = PGT_MAX_COUNT;
	assert_int_equal(pgt_get_type(&ctx, 4, PGT_writable), -EINVAL);
	assert_int_equal(table[4].type_count, PGT_MAX_COUNT);
}

static void test_type_conflict_and_release(void **state)
{
	assert_int_equal(pgt_get_type(&ctx, 5, PGT_writable), 0);
	assert_int_equal(pgt_get_type(&ctx, 5, PGT_writable), 0);
	assert_int_equal(table[5].type_count, 2);
	assert_int_equal(pgt_get_type(&ctx, 5, PGT_l1), -EINVAL);   /* mapped writable */
	pgt_put_type(&ctx, 5);
	assert_int_equal(pgt_get_type(&ctx, 5, PGT_l1), -EINVAL);
	pgt_put_type(&ctx, 5);
	assert_int_equal(underflows_reported, 0);
	pgt_put_type(&ctx, 5);   /* underflow refused, and reported */
	assert_int_equal(table[5].type_count, 0);
	assert_int_equal(underflows_reported, 1);
	assert_int_equal(underflow_mfn, 5);
	assert_true(underflow_type);
	/* Free of writable uses: it may become a table, after a TLB flush. */
	assert_int_equal(pgt_get_type(&ctx, 5, PGT_l1), 0);
	assert_int_equal(table[5].type, PGT_l1);
	assert_int_equal(flushes, 1);
	assert_int_equal(pgt_get_type(&ctx, 5, PGT_writable), -EINVAL);   /* a table now */
}

static void test_same_type_no_flush(void **state)
{
	assert_int_equal(pgt_get_type(&ctx, 6, PGT_writable), 0);
	pgt_put_type(&ctx, 6);
	assert_int_equal(pgt_get_type(&ctx, 6, PGT_writable), 0);
	assert_int_equal(flushes, 0);
}

static void test_l1_validation(void **state)
{
	uint64_t adj;

	frames[10][0] = pte(20, PTE_P | PTE_RW);     /* data, writable */
	frames[10][1] = pte(21, PTE_P);              /* data, read-only */
	frames[10][2] = pte(22, PTE_RW);             /* not present: ignored */
	assert_int_equal(pgt_get_type(&ctx, 10, PGT_l1), 0);
	assert_int_equal(table[20].count, 1);
	assert_int_equal(table[20].type, PGT_writable);
	assert_int_equal(table[20].type_count, 1);
	assert_int_equal(table[21].count, 1);
	assert_int_equal(table[21].type_count, 0);
	assert_int_equal(table[22].count, 0);
	assert_true(frames[10][0] & PTE_US);         /* the user bit is added */
	pgt_put_type(&ctx, 10);
	assert_idle(20, 23);
	assert_int_equal(pgt_get_entry(&ctx, PGT_l1, 0, 10, &adj), 0);   /* empty entry */
}

static void test_l1_rollback_on_foreign(void **state)
{
	frames[10][0] = pte(20, PTE_P | PTE_RW);
	frames[10][1] = pte(21, PTE_P);
	frames[10][2] = pte(NR - 1, PTE_P);          /* foreign frame */
	assert_int_equal(pgt_get_type(&ctx, 10, PGT_l1), -EBUSY);   /* Xen's code */
	assert_idle(0, NR);
	assert_int_equal(table[10].type_count, 0);
	assert_false(table[10].flags & PGF_validating);
}

static void test_writable_map_of_table_refused(void **state)
{
	assert_int_equal(pgt_get_type(&ctx, 11, PGT_l1), 0);
	frames[12][0] = pte(11, PTE_P | PTE_RW);     /* RW map of an L1 */
	assert_int_equal(pgt_get_type(&ctx, 12, PGT_l1), -EBUSY);
	frames[12][0] = pte(11, PTE_P);              /* read-only is fine */
	assert_int_equal(pgt_get_type(&ctx, 12, PGT_l1), 0);
	assert_int_equal(table[11].count, 1);
}

static void test_flags(void **state)
{
	uint64_t adj;

	assert_int_equal(pgt_get_entry(&ctx, PGT_l1, pte(20, PTE_P | PTE_PCD), 10, &adj), -EINVAL);
	assert_int_equal(pgt_get_entry(&io_ctx, PGT_l1, pte(20, PTE_P | PTE_PCD), 10, &adj), 0);
	assert_int_equal(pgt_get_entry(&ctx, PGT_l1, pte(21, PTE_P | PTE_G | PTE_NX | (1ULL << 58) | (1ULL << 9)), 10, &adj), 0);
	assert_int_equal(pgt_get_entry(&ctx, PGT_l2, pte(22, PTE_P | PTE_PSE), 10, &adj), -EINVAL);
	assert_int_equal(pgt_get_entry(&ctx, PGT_l2, pte(22, PTE_P | PTE_G), 10, &adj), -EINVAL);
	assert_int_equal(pgt_get_entry(&ctx, PGT_l1, pte(NR + 5, PTE_P), 10, &adj), -EPERM);   /* not RAM */
	assert_int_equal(pgt_get_entry(&ctx, PGT_l2, pte(NR + 5, PTE_P), 10, &adj), -EINVAL);
	assert_int_equal(table[22].count, 0);
}

/* L4 (30) -> L3 (31) -> L2 (32) -> L1 (33) -> data (34). */
static void build_tree(void)
{
	frames[30][0] = pte(31, PTE_P | PTE_RW);
	frames[31][0] = pte(32, PTE_P | PTE_RW);
	frames[32][0] = pte(33, PTE_P | PTE_RW);
	frames[33][0] = pte(34, PTE_P | PTE_RW);
	frames[33][1] = pte(33, PTE_P);              /* the L1 maps itself, read-only */
}

static void test_tree_pin_unpin(void **state)
{
	build_tree();
	frames[30][260] = pte(40, PTE_P | PTE_RW);   /* in a hypervisor slot: ignored */
	assert_int_equal(pgt_pin(&ctx, 30, PGT_l4), 0);
	assert_int_equal(table[30].type, PGT_l4);
	assert_int_equal(table[31].type, PGT_l3);
	assert_int_equal(table[32].type, PGT_l2);
	assert_int_equal(table[33].type, PGT_l1);
	assert_int_equal(table[34].type, PGT_writable);
	assert_int_equal(table[33].count, 2);        /* the L2's entry and its own */
	assert_int_equal(table[40].count, 0);
	assert_int_equal(frames[30][260], 0xfeed0000ULL | 260);
	assert_true(table[30].flags & PGF_pinned);
	assert_int_equal(pgt_pin(&ctx, 30, PGT_l4), -EINVAL);   /* double pin */
	assert_int_equal(pgt_unpin(&ctx, 30), 0);
	assert_idle(30, 41);
	assert_int_equal(pgt_unpin(&ctx, 30), -EINVAL);         /* not pinned */
}

static void test_unpin_in_use_keeps_tree(void **state)
{
	build_tree();
	assert_int_equal(pgt_pin(&ctx, 30, PGT_l4), 0);
	assert_int_equal(pgt_get_page_and_type(&ctx, 30, PGT_l4), 0);   /* like CR3 */
	assert_int_equal(pgt_unpin(&ctx, 30), 0);
	assert_int_equal(table[31].type_count, 1);   /* still validated */
	pgt_put_page_and_type(&ctx, 30);
	assert_idle(30, 35);
}

static void test_frame_both_l1_and_l2(void **state)
{
	assert_int_equal(pgt_pin(&ctx, 15, PGT_l1), 0);
	assert_int_equal(pgt_pin(&ctx, 15, PGT_l2), -EINVAL);
	frames[16][0] = pte(15, PTE_P | PTE_RW);     /* an L3 naming it as an L2 */
	assert_int_equal(pgt_pin(&ctx, 16, PGT_l3), -EINVAL);
	assert_int_equal(table[15].count, 1);
	assert_int_equal(table[15].type_count, 1);
}

static void test_linear_maps(void **state)
{
	frames[30][1] = pte(30, PTE_P);              /* read-only self map: accepted */
	assert_int_equal(pgt_pin(&ctx, 30, PGT_l4), 0);
	assert_int_equal(table[30].count, 2);        /* pin + the self map */
	assert_int_equal(pgt_unpin(&ctx, 30), 0);
	assert_idle(30, 31);
	frames[30][1] = pte(30, PTE_P | PTE_RW);     /* writable self map: refused */
	assert_int_equal(pgt_pin(&ctx, 30, PGT_l4), -EINVAL);
	assert_idle(0, NR);
	assert_false(table[30].flags & PGF_validating);
	/* A read-only map of another L4 is refused: its type could change. */
	assert_int_equal(pgt_pin(&ctx, 35, PGT_l4), 0);
	frames[30][1] = pte(35, PTE_P);
	assert_int_equal(pgt_pin(&ctx, 30, PGT_l4), -EINVAL);
}

static void test_xenheap_stays_plain(void **state)
{
	table[17].flags = PGF_xenheap;
	assert_int_equal(pgt_get_type(&ctx, 17, PGT_l1), -EINVAL);
	assert_int_equal(pgt_get_type(&ctx, 17, PGT_seg_desc), -EINVAL);
	assert_int_equal(pgt_get_type(&ctx, 17, PGT_writable), 0);
}

static void test_descriptor_frames(void **state)
{
	frames[18][1] = 0x00affb000000ffffULL;       /* 64-bit code, DPL 3 */
	frames[18][2] = 0x00af9b000000ffffULL;       /* DPL 0: raised to 3 */
	assert_int_equal(pgt_get_type(&ctx, 18, PGT_seg_desc), 0);
	assert_int_equal((frames[18][2] >> 45) & 3, 3);
	frames[19][3] = 0x0000890000000067ULL;       /* a TSS: refused */
	assert_int_equal(pgt_get_type(&ctx, 19, PGT_seg_desc), -EINVAL);
	assert_int_equal(table[19].type_count, 0);
}

static void test_orphan_freed_by_last_put(void **state)
{
	orphans_released = 0;
	assert_int_equal(pgt_get_page_and_type(&ctx, 23, PGT_writable), 0);
	table[23].flags |= PGF_orphan;   /* given back while mapped */
	assert_int_equal(pgt_get_page(&ctx, 23), 0);
	pgt_put_page(23);
	assert_int_equal(orphans_released, 0);
	pgt_put_page_and_type(&ctx, 23);
	assert_int_equal(orphans_released, 1);
}

static void test_bad_pin_args(void **state)
{
	assert_int_equal(pgt_pin(&ctx, NR, PGT_l1), -EINVAL);
	assert_int_equal(pgt_pin(&ctx, 3, PGT_writable), -EINVAL);
	assert_int_equal(pgt_pin(&ctx, NR - 1, PGT_l1), -EINVAL);   /* foreign */
	assert_int_equal(pgt_unpin(&ctx, NR - 1), -EINVAL);
	assert_idle(0, NR);
}

/* L1TF (review #7): with a safe address set, a not-present entry naming
 * an address below it is refused and reported (the domain is crashed);
 * address 0 and addresses at or above it are fine; without one, as on a
 * CPU that is not affected, anything not present is accepted. */
static void test_l1tf_not_present(void **state)
{
	const struct pgt_ctx l1tf_ctx = { .domid = DOM, .l1tf_safe_maddr = 1ULL << 39 };
	uint64_t adj;

	(void)state;
	l1tf_reports = 0;
	assert_int_equal(pgt_get_entry(&l1tf_ctx, PGT_l1, pte(5, PTE_RW), 1, &adj), -EINVAL);
	assert_int_equal(l1tf_reports, 1);
	assert_int_equal(pgt_get_entry(&l1tf_ctx, PGT_l2, pte(5, 0), 1, &adj), -EINVAL);
	assert_int_equal(l1tf_reports, 2);
	assert_int_equal(pgt_get_entry(&l1tf_ctx, PGT_l1, PTE_RW, 1, &adj), 0);
	assert_int_equal(pgt_get_entry(&l1tf_ctx, PGT_l1, (1ULL << 39) | PTE_RW, 1, &adj), 0);
	assert_int_equal(pgt_get_entry(&l1tf_ctx, PGT_l4, 0x000ffffffffff000ULL, 1, &adj), 0);
	assert_int_equal(l1tf_reports, 2);
	assert_int_equal(pgt_get_entry(&ctx, PGT_l1, pte(5, PTE_RW), 1, &adj), 0);
	assert_int_equal(table[5].count, 0);   /* nothing taken either way */
	/* A pin validates the same way: a table holding one is refused. */
	frames[6][3] = pte(NR + 100, 0);
	assert_int_equal(pgt_pin(&l1tf_ctx, 6, PGT_l1), -EINVAL);
	assert_int_equal(table[6].type_count, 0);
	assert_int_equal(l1tf_reports, 3);
}

/* Device memory for a privileged domain: an L1 entry naming a frame that
 * is not RAM validates without references and drops without them; the
 * same entry is -EPERM for anyone else, and never valid above L1. */
static void test_iomem_entries(void **state)
{
	uint64_t adj, e = pte(IOMEM_FIRST + 5, PTE_P | PTE_RW | PTE_PCD);

	(void)state;
	assert_int_equal(pgt_get_entry(&io_ctx, PGT_l1, e, 10, &adj), 0);
	assert_true(adj & PTE_US);
	pgt_put_entry(&io_ctx, PGT_l1, adj, 10);   /* no frame to count: no crash */
	assert_int_equal(pgt_get_entry(&ctx, PGT_l1, pte(IOMEM_FIRST + 5, PTE_P), 10, &adj),
			 -EPERM);
	assert_int_not_equal(pgt_get_entry(&io_ctx, PGT_l2, pte(IOMEM_FIRST + 5, PTE_P), 10, &adj),
			     0);
	/* RAM the domain does not own stays refused even for dom0. */
	table[30].owner = OTHER;
	assert_int_equal(pgt_get_entry(&io_ctx, PGT_l1, pte(30, PTE_P), 10, &adj), -EBUSY);
}

/* An L1 entry for another domain's frame (a grant PTE: the page-type
 * core never makes one) dropped through the core: reported, no count
 * of that frame touched. */
static void test_foreign_entry_dropped(void **state)
{
	(void)state;
	foreign_dropped = 0;
	leaves_dropped = 0;
	table[NR - 1].count = 3;
	pgt_put_entry(&ctx, PGT_l1, pte(NR - 1, PTE_P | PTE_RW | PTE_GNTTAB), 10);
	assert_int_equal(foreign_dropped, 1);
	assert_int_equal(leaves_dropped, 0);
	assert_int_equal(table[NR - 1].count, 3);
	pgt_put_entry(&ctx, PGT_l1, pte(NR - 1, 0), 10);   /* not present: nothing */
	assert_int_equal(foreign_dropped, 1);
	/* Guests may not forge the grant marker, on any frame. */
	uint64_t adj;
	assert_int_equal(pgt_get_entry(&ctx, PGT_l1, pte(3, PTE_P | PTE_GNTTAB), 10, &adj), -EINVAL);
	assert_int_equal(table[3].count, 0);
}

/* Foreign leaves (mmu_update with a page owner): Xen's codes for every
 * frame that is not the page owner's RAM, references and ext counts taken
 * on the owner's frame, and dropped through the hook by the core. */
static void test_foreign_leaves(void **state)
{
	const struct pgt_ctx fc = { .domid = DOM, .foreign = true, .pg_owner = OTHER,
				    .io_privileged = true };
	const struct pgt_ctx io = { .domid = DOM, .foreign = true, .pg_owner = DOMID_IO,
				    .io_privileged = true };
	uint64_t adj;

	(void)state;
	leaves_dropped = 0;
	table[20].owner = OTHER;
	table[21].owner = OTHER;
	assert_int_equal(pgt_get_entry(&fc, PGT_l1, pte(20, PTE_P | PTE_RW), 10, &adj), 0);
	assert_int_equal(table[20].count, 1);
	assert_int_equal(table[20].type_count, 1);
	assert_int_equal(table[20].ext_count, 1);
	assert_int_equal(table[20].ext_rw, 1);
	assert_true(adj & PTE_US);
	assert_int_equal(pgt_get_entry(&fc, PGT_l1, pte(20, PTE_P), 10, &adj), 0);
	assert_int_equal(table[20].count, 2);
	assert_int_equal(table[20].ext_count, 2);
	assert_int_equal(table[20].ext_rw, 1);
	/* Our own frame, a free one, device memory, past the end: refused
	 * as Xen refuses them, nothing counted. */
	assert_int_equal(pgt_get_entry(&fc, PGT_l1, pte(3, PTE_P), 10, &adj), -EBUSY);
	table[22].owner = DOMID_NONE;
	assert_int_equal(pgt_get_entry(&fc, PGT_l1, pte(22, PTE_P), 10, &adj), -EBUSY);
	assert_int_equal(pgt_get_entry(&fc, PGT_l1, pte(IOMEM_FIRST + 1, PTE_P), 10, &adj), -EPERM);
	assert_int_equal(pgt_get_entry(&fc, PGT_l1, pte(NR + 1, PTE_P), 10, &adj), -EPERM);
	/* A given-back frame, and a page table mapped writable. */
	table[21].flags = PGF_orphan;
	assert_int_equal(pgt_get_entry(&fc, PGT_l1, pte(21, PTE_P), 10, &adj), -EBUSY);
	table[21].flags = 0;
	table[21].type = PGT_l1;
	table[21].type_count = 1;
	assert_int_equal(pgt_get_entry(&fc, PGT_l1, pte(21, PTE_P | PTE_RW), 10, &adj), -EBUSY);
	assert_int_equal(table[21].count, 0);
	assert_int_equal(table[21].ext_count, 0);
	assert_int_equal(pgt_get_entry(&fc, PGT_l1, pte(21, PTE_P), 10, &adj), 0);
	assert_int_equal(table[21].ext_count, 1);
	/* DOMID_IO: device memory with the caller's rights, never RAM. */
	assert_int_equal(pgt_get_entry(&io, PGT_l1, pte(IOMEM_FIRST + 1, PTE_P), 10, &adj), 0);
	assert_int_equal(pgt_get_entry(&io, PGT_l1, pte(20, PTE_P), 10, &adj), -EBUSY);
	assert_int_equal(pgt_get_entry(&io, PGT_l1, pte(3, PTE_P), 10, &adj), -EBUSY);
	/* Dropping them: through the hook, counts back where they were. */
	pgt_put_entry(&ctx, PGT_l1, pte(20, PTE_P | PTE_RW | PTE_US), 10);
	pgt_put_entry(&ctx, PGT_l1, pte(20, PTE_P | PTE_US), 10);
	pgt_put_entry(&ctx, PGT_l1, pte(21, PTE_P | PTE_US), 10);
	assert_int_equal(leaves_dropped, 3);
	assert_int_equal(table[20].count, 0);
	assert_int_equal(table[20].type_count, 0);
	assert_int_equal(table[20].ext_count, 0);
	assert_int_equal(table[20].ext_rw, 0);
	assert_int_equal(table[21].count, 0);
	assert_int_equal(table[21].type_count, 1);   /* its own table type stays */
	/* An extra drop finds no foreign reference: refused, not underflowed. */
	table[20].count = 1;
	pgt_put_foreign_leaf(&(struct pgt_ctx){ .domid = OTHER }, 20, false);
	assert_int_equal(table[20].count, 1);
}

/* pgt_commit_entry against a concurrent page walker (review #10). A thread
 * plays the CPU setting D in the slot; the main thread clears D with
 * strict commits (a guest's cmpxchg through ptwr) and counts the D bits it
 * saw in what it replaced. Every D the walker set must be seen once, or
 * still be in the slot: a lost one is a dirty page Linux never writes back. */
#define WALKER_ROUNDS 5000000
static uint64_t race_slot;
static volatile int race_stop;
static unsigned long race_sets;

static void *walker(void *arg)
{
	(void)arg;
	while (!race_stop)
		if (!(__atomic_fetch_or(&race_slot, PTE_D, __ATOMIC_SEQ_CST) & PTE_D))
			race_sets++;
	return NULL;
}

static void test_commit_keeps_hardware_dirty(void **state)
{
	unsigned long seen_dirty = 0, eagain = 0;
	pthread_t t;

	(void)state;
	race_slot = pte(5, PTE_P | PTE_RW);
	race_stop = 0;
	race_sets = 0;
	assert_int_equal(pthread_create(&t, NULL, walker, NULL), 0);
	for (unsigned int i = 0; i < WALKER_ROUNDS; i++) {
		uint64_t seen = __atomic_load_n(&race_slot, __ATOMIC_SEQ_CST), old;
		int rc = pgt_commit_entry(&race_slot, seen, seen & ~PTE_D, true, false, &old);

		if (rc == -EAGAIN) {
			eagain++;
			continue;
		}
		assert_int_equal(rc, 0);
		assert_true(old == seen);
		if (seen & PTE_D)
			seen_dirty++;
	}
	race_stop = 1;
	pthread_join(t, NULL);
	assert_int_equal(race_sets, seen_dirty + !!(race_slot & PTE_D));
	(void)eagain;
}

/* Not strict (mmu_update): a D set meanwhile is kept with preserve_ad,
 * and *old is what was really replaced. */
static void test_commit_preserve_ad(void **state)
{
	uint64_t slot = pte(5, PTE_P | PTE_RW | PTE_D), old;

	(void)state;
	assert_int_equal(pgt_commit_entry(&slot, pte(5, PTE_P | PTE_RW), pte(6, PTE_P), false,
					  true, &old), 0);
	assert_true(old == pte(5, PTE_P | PTE_RW | PTE_D));
	assert_true(slot == pte(6, PTE_P | PTE_D));
	assert_int_equal(pgt_commit_entry(&slot, pte(9, PTE_P), pte(7, PTE_P), true, false, &old),
			 -EAGAIN);
	assert_true(slot == pte(6, PTE_P | PTE_D));
}

/* The lock-free walk of update_va_mapping and the ptwr path (review #8):
 * a table entry that names a frame that is not the domain's (another
 * vCPU detached the table and wrote it meanwhile, or it names a hole) must
 * stop the walk before that frame is mapped. */
static void test_walk_stays_on_own_frames(void **state)
{
	const uint64_t va = 1ULL << 39 | 2ULL << 30 | 3ULL << 21 | 4ULL << 12;
	uint64_t l1;
	unsigned int idx;

	(void)state;
	frames[1][1] = pte(2, PTE_P | PTE_RW);
	frames[2][2] = pte(3, PTE_P | PTE_RW);
	frames[3][3] = pte(4, PTE_P | PTE_RW);
	assert_int_equal(pgt_walk_l1(&ctx, 1, va, &l1, &idx), 0);
	assert_int_equal(l1, 4);
	assert_int_equal(idx, 4);
	table[7].owner = DOMID_NONE;                 /* a hole below max_page */
	frames[2][2] = pte(7, PTE_P | PTE_RW);
	assert_int_equal(pgt_walk_l1(&ctx, 1, va, &l1, &idx), -EINVAL);
	frames[2][2] = pte(NR - 1, PTE_P | PTE_RW);  /* another domain's frame */
	assert_int_equal(pgt_walk_l1(&ctx, 1, va, &l1, &idx), -EINVAL);
	frames[2][2] = pte(NR + 5, PTE_P | PTE_RW);  /* past max_page */
	assert_int_equal(pgt_walk_l1(&ctx, 1, va, &l1, &idx), -EINVAL);
	frames[2][2] = pte(3, PTE_P | PTE_RW | PTE_PSE);
	assert_int_equal(pgt_walk_l1(&ctx, 1, va, &l1, &idx), -EINVAL);
	frames[1][1] = 0;
	assert_int_equal(pgt_walk_l1(&ctx, 1, va, &l1, &idx), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_get_put_page, setup),
		cmocka_unit_test_setup(test_iomem_entries, setup),
		cmocka_unit_test_setup(test_foreign_entry_dropped, setup),
		cmocka_unit_test_setup(test_foreign_leaves, setup),
		cmocka_unit_test_setup(test_count_overflow, setup),
		cmocka_unit_test_setup(test_type_conflict_and_release, setup),
		cmocka_unit_test_setup(test_same_type_no_flush, setup),
		cmocka_unit_test_setup(test_l1_validation, setup),
		cmocka_unit_test_setup(test_l1_rollback_on_foreign, setup),
		cmocka_unit_test_setup(test_writable_map_of_table_refused, setup),
		cmocka_unit_test_setup(test_flags, setup),
		cmocka_unit_test_setup(test_tree_pin_unpin, setup),
		cmocka_unit_test_setup(test_unpin_in_use_keeps_tree, setup),
		cmocka_unit_test_setup(test_frame_both_l1_and_l2, setup),
		cmocka_unit_test_setup(test_linear_maps, setup),
		cmocka_unit_test_setup(test_xenheap_stays_plain, setup),
		cmocka_unit_test_setup(test_descriptor_frames, setup),
		cmocka_unit_test_setup(test_orphan_freed_by_last_put, setup),
		cmocka_unit_test_setup(test_bad_pin_args, setup),
		cmocka_unit_test_setup(test_l1tf_not_present, setup),
		cmocka_unit_test_setup(test_commit_keeps_hardware_dirty, setup),
		cmocka_unit_test_setup(test_commit_preserve_ad, setup),
		cmocka_unit_test_setup(test_walk_stays_on_own_frames, setup),
	};

	return RUN(tests);
}
