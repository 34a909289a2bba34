/* SPDX-License-Identifier: GPL-2.0 */
/* The frame table (one struct page_info per machine frame), the machine-
 * to-phys table with its read-only guest view at RO_MPT_VIRT_START, and
 * frames handed to domains. */
#include <asm/flush.h>
#include <asm/irq.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <public/memory.h>
#include <xeno/arch-mm.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/frame-alloc.h>
#include <xeno/grant.h>
#include <xeno/lib.h>
#include <xeno/memory-claim.h>
#include <xeno/mm.h>
#include <xeno/page-type.h>
#include <xeno/printk.h>
#include <xeno/sched.h>
#include <xeno/setup.h>

struct page_info *frame_table;
uint64_t max_page;
uint64_t *machine_to_phys;

static void *alloc_table(uint64_t bytes, uint64_t *pa)
{
	unsigned int order = 0;
	uint64_t pfn;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	if (order > FRAME_MAX_ORDER || frame_alloc(&xen_frames, order, &pfn))
		panic("mm: cannot allocate %lu bytes of frame metadata", bytes);
	*pa = pfn << PAGE_SHIFT;
	return __va(*pa);
}

/* The guest view: read-only and user-accessible (guest kernels run in
 * ring 3), in L4 slot 256 which every guest L4 shares. */
static void map_m2p_for_guests(uint64_t pa, uint64_t bytes)
{
	uint64_t pages = ALIGN_UP(bytes, PAGE_SIZE) >> PAGE_SHIFT;
	uint64_t flags = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX;

	if (map_pages(RO_MPT_VIRT_START, pa, pages, flags))
		panic("mm: cannot map the machine-to-phys table");
	/* Upper levels must allow user access too. */
	idle_pg_table[pt_index(RO_MPT_VIRT_START, L4_SHIFT)] |= _PAGE_USER;
	{
		uint64_t *l3 = __va(idle_pg_table[pt_index(RO_MPT_VIRT_START, L4_SHIFT)] & PADDR_MASK);

		for (unsigned int i = 0; i < PT_ENTRIES; i++)
			if (l3[i] & _PAGE_PRESENT) {
				uint64_t *l2 = __va(l3[i] & PADDR_MASK);

				l3[i] |= _PAGE_USER;
				for (unsigned int j = 0; j < PT_ENTRIES; j++)
					if ((l2[j] & _PAGE_PRESENT) && !(l2[j] & _PAGE_PSE))
						l2[j] |= _PAGE_USER;
			}
	}
}

/* At boot, once paging is ours: a struct page_info per frame (all free,
 * owner DOMID_NONE), and the M2P (all INVALID_M2P_ENTRY) mapped for
 * guests. Both are sized for every frame the pool may hand out. */
void frame_table_init(uint64_t nr_frames)
{
	uint64_t pa, m2p_bytes = ALIGN_UP(nr_frames * sizeof(uint64_t), 1UL << 21);

	max_page = nr_frames;
	frame_table = alloc_table(nr_frames * sizeof(struct page_info), &pa);
	memset(frame_table, 0, nr_frames * sizeof(struct page_info));
	for (uint64_t i = 0; i < nr_frames; i++)
		frame_table[i].owner = DOMID_NONE;
	machine_to_phys = alloc_table(m2p_bytes, &pa);
	memset(machine_to_phys, 0xff, m2p_bytes);
	map_m2p_for_guests(pa, m2p_bytes);
	write_cr3(read_cr3());
	printk("mm: frame table for %lu frames, M2P at %#lx (%lu KiB)\n",
	       nr_frames, RO_MPT_VIRT_START, m2p_bytes >> 10);
}

int domain_take_frames(unsigned int order, uint64_t limit_pfn, uint64_t *mfn)
{
	int rc = limit_pfn ? frame_alloc_below(&xen_frames, order, limit_pfn, mfn)
			   : frame_alloc(&xen_frames, order, mfn);

	if (rc)
		return -ENOMEM;
	if (*mfn + (1ULL << order) > max_page) {
		/* The pool reaches past the frame table: not a frame we track. */
		frame_free(&xen_frames, *mfn, order);
		return -ENOMEM;
	}
	return 0;
}

void domain_assign_frames(struct domain *d, uint64_t mfn, unsigned int order)
{
	uint64_t n = 1ULL << order;

	for (uint64_t i = 0; i < n; i++) {
		memset(__va((mfn + i) << PAGE_SHIFT), 0, PAGE_SIZE);
		*mfn_to_page(mfn + i) = (struct page_info){ .owner = d->domain_id,
							    .type = PGT_none };
	}
	d->tot_pages += n;
}

int domain_alloc_frames(struct domain *d, unsigned int order, uint64_t *mfn)
{
	unsigned long f = mm_lock(d);
	int rc = -ENOMEM;

	if (d->tot_pages + (1ULL << order) > d->max_pages ||
	    memory_claim_charge(d, 1ULL << order) || domain_take_frames(order, 0, mfn))
		goto out;
	domain_assign_frames(d, *mfn, order);
	rc = 0;
out:
	mm_unlock(d, f);
	return rc;
}

int domain_give_back_frame(struct domain *d, uint64_t mfn)
{
	struct page_info *pg;
	unsigned long f;
	int rc = -EINVAL;

	if (!mfn_valid(mfn))
		return -EINVAL;
	f = mm_lock(d);
	pg = mfn_to_page(mfn);
	if (pg->owner != d->domain_id || (pg->flags & (PGF_xenheap | PGF_orphan)))
		goto out;
	if (pg->count || pg->type_count) {
		pg->flags |= PGF_orphan;   /* freed by its last put (page-type.c) */
		rc = 0;
		goto out;
	}
	rc = domain_free_frame(d, mfn);
out:
	mm_unlock(d, f);
	return rc;
}

void arch_set_gpfn_from_mfn(uint64_t mfn, uint64_t pfn)
{
	if (mfn_valid(mfn))
		machine_to_phys[mfn] = pfn;
}

/* The frame leaves d for the pool. Only a frame with no reference or type
 * may go, and only after every TLB that may still map it has flushed:
 * after this the pool may give it to another domain. */
int domain_free_frame(struct domain *d, uint64_t mfn)
{
	struct page_info *pg;

	if (!mfn_valid(mfn))
		return -EINVAL;
	pg = mfn_to_page(mfn);
	if (pg->owner != d->domain_id || (pg->flags & PGF_xenheap))
		return -EINVAL;
	if (pg->count || pg->type_count)
		return -EBUSY;
	/* A table still in CR3 has a reference: freeing it is our bug, and
	 * letting it go would hand a live page table to someone else. */
	if (mfn == read_cr3() >> PAGE_SHIFT)
		panic("frame %#lx freed while it is this CPU's page table", mfn);
	/* No TLB may still reach the frame once it can go to someone else. */
	pgt_tlb_flush_since(pg->tlbflush_stamp);
	pg->owner = DOMID_NONE;
	pg->type = PGT_none;
	pg->flags = 0;
	machine_to_phys[mfn] = INVALID_M2P_ENTRY;
	frame_free(&xen_frames, mfn, 0);
	d->tot_pages--;
	return 0;
}

/* The record whose mm lock guards owner id's frames: the live domain, or
 * the dead one whose frames are being released or are still mapped by
 * others. Older dead records with that id own nothing any more (an id is
 * given again only when no frame names it), so the answer is unique. */
static struct domain *frame_owner_record(uint16_t id)
{
	struct domain *d = domain_by_id(id);

	for (unsigned int i = 0; !d && i < MAX_DOMAINS; i++) {
		struct domain *r = __atomic_load_n(&domain_list[i], __ATOMIC_ACQUIRE);

		if (r && r->domain_id == id && r->state == DOMAIN_DEAD &&
		    (!__atomic_load_n(&r->memory_released, __ATOMIC_ACQUIRE) || r->kept_frames))
			d = r;
	}
	return d;
}

/* Called by the page-type core (under the owner's mm lock) when the last
 * use of a frame given back early goes: now it can be freed, unless its
 * domain died meanwhile (domain_release_memory frees everything then). */
void pgt_orphan_released(uint64_t mfn)
{
	struct page_info *pg = mfn_to_page(mfn);
	struct domain *d = frame_owner_record(pg->owner);

	if (d && d->state != DOMAIN_DEAD && !d->releasing) {
		pg->flags &= ~PGF_orphan;
		domain_free_frame(d, mfn);
		return;
	}
	/* Its owner is dead or being released: a frame a grant or a foreign
	 * mapping kept alive, now unmapped (others: the release frees them). */
	if (pg->flags & PGF_grant_kept) {
		pgt_tlb_flush_since(pg->tlbflush_stamp);
		*pg = (struct page_info){ .owner = DOMID_NONE };
		machine_to_phys[mfn] = INVALID_M2P_ENTRY;
		frame_free(&xen_frames, mfn, 0);
		if (d && d->kept_frames && !--d->kept_frames && d->state == DOMAIN_DEAD)
			printk("domain %u: last mapped frame back, %lu frames free\n",
			       d->domain_id, xen_frames.nr_free);
	}
}

uint64_t domain_kept_frames(struct domain *d, uint64_t *nr_free)
{
	unsigned long f = mm_lock(d);
	uint64_t kept = d->kept_frames;

	*nr_free = xen_frames.nr_free;
	mm_unlock(d, f);
	return kept;
}

/* A foreign leaf in c's tables went: its references on the frame are
 * dropped under the frame owner's mm lock (the caller holds c's: the
 * order is always mapper, then owner). */
void pgt_foreign_leaf_dropped(const struct pgt_ctx *c, uint64_t e)
{
	uint64_t mfn = PTE_MFN(e);
	struct domain *o = frame_owner_record(mfn_to_page(mfn)->owner);
	struct pgt_ctx oc;
	unsigned long f;

	(void)c;
	if (!o)
		return;   /* cannot happen: a mapped frame keeps its record */
	oc = (struct pgt_ctx){ .domid = o->domain_id };
	f = mm_lock(o);
	pgt_put_foreign_leaf(&oc, mfn, e & PTE_RW);
	mm_unlock(o, f);
}

/* Xen 4.17 without shadow paging crashes such a domain: it cannot be
 * allowed to aim speculative loads at memory it does not own. */
void pgt_l1tf_unsafe(const struct pgt_ctx *c, uint64_t entry)
{
	struct domain *d = domain_by_id(c->domid);

	if (d)
		domain_crash(d, "L1TF-unsafe not-present page-table entry %#lx", entry);
}

/* Once per boot, with the frame: enough to start looking for the put
 * without its get; pgt_nr_underflows counts the rest. */
void pgt_underflow_refused(uint64_t mfn, bool type_ref)
{
	static bool logged;
	struct page_info *pg = mfn_to_page(mfn);

	if (__atomic_exchange_n(&logged, true, __ATOMIC_RELAXED))
		return;
	printk("BUG: %s reference underflow refused on frame %#lx (owner %u, type %u, flags %#x)\n",
	       type_ref ? "type" : "general", mfn, pg->owner, (unsigned int)pg->type,
	       (unsigned int)pg->flags);
}

void share_xen_page_with_guest(struct domain *d, uint64_t mfn)
{
	*mfn_to_page(mfn) = (struct page_info){ .owner = d->domain_id,
						.type = PGT_writable, .flags = PGF_xenheap };
}

void unshare_xen_page(uint64_t mfn)
{
	mfn_to_page(mfn)->owner = DOMID_NONE;
	mfn_to_page(mfn)->flags = 0;
}

int shared_info_alloc(struct domain *d)
{
	uint64_t pfn;

	if (frame_alloc(&xen_frames, 0, &pfn))
		return -ENOMEM;
	d->shared_info = __va(pfn << PAGE_SHIFT);
	memset(d->shared_info, 0, PAGE_SIZE);
	d->shared_info_mfn = pfn;
	share_xen_page_with_guest(d, pfn);
	return 0;
}

void release_shared_xen_page(struct domain *d, uint64_t mfn)
{
	struct page_info *pg = mfn_to_page(mfn);
	unsigned long f = mm_lock(d);

	if (pg->ext_count) {
		pg->count = pg->ext_count;
		pg->type_count = pg->ext_rw;
		pg->type = pg->ext_rw ? PGT_writable : PGT_none;
		pg->flags = PGF_grant_kept | PGF_orphan;
		d->kept_frames++;
		mm_unlock(d, f);
		return;
	}
	mm_unlock(d, f);
	unshare_xen_page(mfn);
	frame_free(&xen_frames, mfn, 0);
}

void shared_info_free(struct domain *d)
{
	if (!d->shared_info)
		return;
	release_shared_xen_page(d, d->shared_info_mfn);
	d->shared_info = NULL;
}

bool domain_off_cpus(struct domain *d)
{
	for (unsigned int i = 0; i < d->max_vcpus; i++)
		if (d->vcpu[i] && vcpu_is_running(d->vcpu[i]))
			return false;
	return true;
}

/* A dead privileged domain's foreign leaves (its L1 tables are about to
 * be forgotten wholesale): each gives its references back to the frame's
 * owner. Nothing else writes these tables any more. */
static void release_foreign_leaves(struct domain *d)
{
	struct pgt_ctx c = { .domid = d->domain_id };

	for (uint64_t mfn = 0; mfn < max_page; mfn++) {
		const struct page_info *pg = &frame_table[mfn];
		uint64_t *tab;

		if (pg->owner != d->domain_id || pg->type != PGT_l1 || !pg->type_count)
			continue;
		tab = pgt_map(mfn);
		for (unsigned int i = 0; i < PT_ENTRIES; i++) {
			uint64_t e = tab[i], t = PTE_MFN(e);

			if (!(e & PTE_P) || (e & PTE_GNTTAB) || !mfn_valid(t) ||
			    pgt_iomem_mappable(t) || frame_table[t].owner == d->domain_id)
				continue;
			tab[i] = 0;
			pgt_foreign_leaf_dropped(&c, e);
		}
	}
}

/* d's frames that foreign leaves still map keep exactly those leaves'
 * references (d's own tables are gone) and are freed by the last put. */
static void keep_foreign_mapped(struct domain *d)
{
	for (uint64_t mfn = 0; mfn < max_page; mfn++) {
		struct page_info *pg = &frame_table[mfn];

		if (pg->owner != d->domain_id || !pg->ext_count || (pg->flags & PGF_xenheap))
			continue;
		pg->count = pg->ext_count;
		pg->type_count = pg->ext_rw;
		pg->type = pg->ext_rw ? PGT_writable : PGT_none;
		pg->flags = PGF_grant_kept | PGF_orphan;
	}
}

/* Every frame the domain owns goes back to the pool, types and references
 * forgotten: nothing of the domain can run any more. Frames others still
 * map (grants, foreign leaves) stay with the references those mappings
 * hold, counted in kept_frames, under d's mm lock, where their puts take
 * them (the lock is dropped around the grant steps: the grant lock comes
 * first). The domain turns DEAD only once its frames are done, so that a
 * toolstack retrying destroydomain meanwhile still finds it (-EAGAIN);
 * 'releasing' keeps new references out from the start. */
void domain_release_memory(struct domain *d)
{
	unsigned long f = spin_lock_irqsave(&d->lock);
	struct xen_e820_entry *map;
	uint64_t kept = 0;

	if (d->state != DOMAIN_SHUTDOWN || d->releasing) {
		spin_unlock_irqrestore(&d->lock, f);
		return;
	}
	d->releasing = true;
	spin_unlock_irqrestore(&d->lock, f);
	pirq_release_domain(d);   /* its device lines go quiet */
	pgt_tlb_flush_since(pgt_tlb_clock());   /* once for all its frames */
	/* Its grant and foreign mappings of others' frames go. */
	if (d->is_privileged)
		release_foreign_leaves(d);
	gnttab_release_mappings(d);
	f = mm_lock(d);
	keep_foreign_mapped(d);
	mm_unlock(d, f);
	gnttab_keep_mapped_frames(d);
	f = mm_lock(d);
	for (uint64_t mfn = 0; mfn < max_page; mfn++) {
		struct page_info *pg = &frame_table[mfn];

		if (pg->owner != d->domain_id || (pg->flags & PGF_xenheap))
			continue;
		if (pg->flags & PGF_grant_kept) {
			kept++;
			continue;
		}
		pg->count = pg->type_count = 0;
		pg->flags &= ~PGF_orphan;
		domain_free_frame(d, mfn);
	}
	d->kept_frames = kept;
	mm_unlock(d, f);
	memory_claim_cancel(d);
	f = spin_lock_irqsave(&d->lock);
	d->state = DOMAIN_DEAD;
	map = d->arch.e820;
	d->arch.e820 = NULL;
	d->arch.nr_e820 = 0;
	spin_unlock_irqrestore(&d->lock, f);
	xfree(map);
	domain_free_structures(d);
	__atomic_store_n(&d->memory_released, true, __ATOMIC_RELEASE);
}

uint64_t domain_frames_left(uint16_t id)
{
	uint64_t n = 0;

	for (uint64_t mfn = 0; mfn < max_page; mfn++)
		if (frame_table[mfn].owner == id && !(frame_table[mfn].flags & PGF_xenheap))
			n++;
	return n;
}
