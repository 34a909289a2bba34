/* SPDX-License-Identifier: GPL-2.0 */
/* Guest descriptor tables: set_gdt, update_descriptor and the LDT. Guest
 * GDT/LDT frames are typed "segment descriptor" (every entry checked,
 * never writable by the guest) and copied onto the CPU whenever the vCPU
 * is loaded (descriptor-load.c). The hypercalls copy their argument in
 * and call the pv_* cores, which see only the vCPU and that copy. */
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/guest-access.h>
#include <asm/page.h>
#include <asm/pv/descriptor-check.h>
#include <asm/pv/mm.h>
#include <asm/pv/pv.h>
#include <asm/smp.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>

_Static_assert(DESC_FIRST_RESERVED_ENTRY == FIRST_RESERVED_GDT_ENTRY, "GDT layout");
_Static_assert(DESC_FLAT_KERNEL_CS == __GUEST_CS64, "flat CS");

#define LDT_FRAMES_MAX  (PV_LDT_ENTRIES_MAX / DESC_PER_FRAME)

static void put_frames(struct domain *d, uint64_t *frames, unsigned int n)
{
	struct pgt_ctx ctx = pv_ctx(d);

	for (unsigned int i = 0; i < n; i++)
		if (frames[i])
			pgt_put_page_and_type(&ctx, frames[i]);
}

/* Type every frame as descriptors (checking each entry); all or none. */
static int get_frames(struct domain *d, const uint64_t *frames, unsigned int n)
{
	struct pgt_ctx ctx = pv_ctx(d);

	for (unsigned int i = 0; i < n; i++) {
		int rc = pgt_get_page_and_type(&ctx, frames[i], PGT_seg_desc);

		if (rc) {
			while (i--)
				pgt_put_page_and_type(&ctx, frames[i]);
			return rc;
		}
	}
	return 0;
}

/* The new frames are typed before the old ones are released, so a frame
 * in both lists keeps its type throughout; on failure v's GDT is
 * unchanged. Caller holds the mm lock. */
static int install_gdt(struct vcpu *v, const uint64_t *frames, unsigned int ents)
{
	unsigned int n = (ents + 511) / 512;
	int rc = get_frames(v->domain, frames, n);

	if (rc)
		return rc;
	put_frames(v->domain, v->arch.gdt_frames, (v->arch.gdt_ents + 511) / 512);
	memset(v->arch.gdt_frames, 0, sizeof(v->arch.gdt_frames));
	memcpy(v->arch.gdt_frames, frames, n * sizeof(uint64_t));
	v->arch.gdt_ents = ents;
	if (v == current_vcpu())
		pv_load_gdt(v);
	return 0;
}

long pv_set_gdt(struct vcpu *v, const uint64_t *frames, unsigned int ents)
{
	if (ents > FIRST_RESERVED_GDT_ENTRY)
		return -EINVAL;
	return install_gdt(v, frames, ents);
}

/* HYPERVISOR_set_gdt: the count is bounded first (-EINVAL), as it sizes
 * the copy of the frame list, which is read once, before the lock (the
 * hypervisor's own GDT entries sit above FIRST_RESERVED_GDT_ENTRY). */
long do_set_gdt(uint64_t frame_list, uint64_t entries)
{
	struct vcpu *v = current_vcpu();
	uint64_t frames[FIRST_RESERVED_GDT_PAGE];
	unsigned long f;
	long rc;

	if (entries > FIRST_RESERVED_GDT_ENTRY)
		return -EINVAL;
	if (copy_from_guest(frames, frame_list, (entries + 511) / 512 * sizeof(uint64_t)))
		return -EFAULT;
	f = mm_lock(v->domain);
	rc = pv_set_gdt(v, frames, (unsigned int)entries);
	mm_unlock(v->domain, f);
	return rc;
}

/* update_descriptor: write one 8-byte descriptor at machine address
 * maddr, checked as set_gdt checks whole frames; the frame must be v's
 * domain's (-EINVAL otherwise, as Xen). A frame already typed as
 * descriptors keeps its type (the write is the only way the guest
 * changes it); any other frame must be writable for the moment of the
 * write. v's live GDT copy is refreshed at once; other vCPUs using the
 * same frame see the entry at their next load. */
long pv_update_descriptor(struct vcpu *v, uint64_t maddr, uint64_t desc)
{
	struct domain *d = v->domain;
	struct pgt_ctx ctx = pv_ctx(d);
	uint64_t mfn = maddr >> PAGE_SHIFT, *slot;
	struct page_info *pg;
	unsigned long f;
	bool typed;

	/* Unaligned, it would corrupt two descriptors. */
	if ((maddr & 7) || !mfn_valid(mfn) || pv_check_descriptor(&desc))
		return -EINVAL;
	pg = mfn_to_page(mfn);
	if (pg->owner != d->domain_id)
		return -EINVAL;
	f = mm_lock(d);
	typed = pg->type == PGT_seg_desc && pg->type_count;
	if (!typed && pgt_get_page_and_type(&ctx, mfn, PGT_writable)) {
		mm_unlock(d, f);
		return -EINVAL;
	}
	slot = &pgt_map(mfn)[(maddr & (PAGE_SIZE - 1)) >> 3];
	__atomic_store_n(slot, desc, __ATOMIC_RELEASE);
	if (!typed)
		pgt_put_page_and_type(&ctx, mfn);
	else if (v->arch.gdt_ents)
		pv_load_gdt(v);   /* the live copy follows the guest's table */
	mm_unlock(d, f);
	return 0;
}

/* The descriptor comes in a register: nothing to copy. */
long do_update_descriptor(uint64_t maddr, uint64_t desc)
{
	return pv_update_descriptor(current_vcpu(), maddr, desc);
}

/* Xen records the LDT and checks its pages when they are first used; we
 * check them now. Pages that are not usable yet leave the LDT empty (a
 * selector load from it faults), and the call still succeeds, as in Xen. */
int pv_set_ldt(struct vcpu *v, uint64_t base, unsigned int ents)
{
	uint64_t frames[LDT_FRAMES_MAX] = { 0 };
	unsigned int n = (ents + 511) / 512, idx;
	uint64_t l1;

	for (unsigned int i = 0; i < n; i++) {
		if (pv_l1e_of(v, base + i * PAGE_SIZE, &l1, &idx) ||
		    !(pgt_map(l1)[idx] & PTE_P)) {
			n = ents = 0;
			break;
		}
		frames[i] = PTE_MFN(pgt_map(l1)[idx]);
	}
	v->arch.ldt_req_ents = ents;   /* what the guest asked for */
	if (n && get_frames(v->domain, frames, n))
		n = ents = 0;
	put_frames(v->domain, v->arch.ldt_frames, (v->arch.ldt_ents + 511) / 512);
	memset(v->arch.ldt_frames, 0, sizeof(v->arch.ldt_frames));
	memcpy(v->arch.ldt_frames, frames, sizeof(frames));
	v->arch.ldt_ents = ents;
	v->arch.ldt_base = base;

	if (v == current_vcpu())
		pv_load_ldt(v);
	return 0;
}
