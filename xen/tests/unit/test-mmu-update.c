/* SPDX-License-Identifier: GPL-2.0 */
/* mmu_update and update_va_mapping (arch/x86/pv/mmu-update.c) over a
 * fake frame table with the real page-type rules; the entry change itself
 * (pt-update.c) is recorded, not done. Each request kind reaching the
 * right change, plain words written only into ordinary frames, the M2P
 * only for the page owner's frames, Xen 4.17's codes for each refusal
 * with every count unchanged (unknown commands, foreign or unowned or
 * out-of-range frames, a domU naming another domain, DOMID_IO, hypervisor
 * pages), the page owner rules, and the batch: one read per request, the
 * first failure stopping it, *done and the continuation. */
#include "frame-fixture.h"
#include "guest-fixture.h"
#include <asm/pv/mm.h>
#include <xeno/arch-mm.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>

struct domain *domain_list[MAX_DOMAINS];
static struct domain other;

/* The last entry change asked of pt-update.c. */
static unsigned int nr_mods, nr_foreign_mods, nr_l1_mods, nr_m2p, nr_flushes;
static struct domain *mod_dom;
static uint64_t mod_mfn, mod_val, m2p_mfn, m2p_pfn, flush_va;
static unsigned int mod_idx;
static bool mod_preserve_ad;
static enum flush_scope flush_scope;
static int mod_rc;
static unsigned int preempt_after;
static uint64_t cont_a1, cont_a2;

int pv_mod_entry(struct domain *d, uint64_t table_mfn, unsigned int idx, uint64_t new,
		 bool preserve_ad, const uint64_t *expect)
{
	nr_mods++;
	mod_dom = d;
	mod_mfn = table_mfn;
	mod_idx = idx;
	mod_val = new;
	mod_preserve_ad = preserve_ad;
	return mod_rc;
}

int pv_mod_l1_entry(struct domain *d, uint64_t table_mfn, unsigned int idx, uint64_t new,
		    const uint64_t *expect)
{
	nr_l1_mods++;
	mod_mfn = table_mfn;
	mod_idx = idx;
	mod_val = new;
	return mod_rc;
}

int pv_mod_foreign_l1_entry(struct domain *d, const struct pv_pg_owner *po,
			    uint64_t table_mfn, unsigned int idx, uint64_t new, bool preserve_ad)
{
	nr_foreign_mods++;
	mod_dom = po->d;
	mod_mfn = table_mfn;
	mod_val = new;
	return mod_rc;
}

/* The caller's page tables: the L1 in frame 20 maps 0x400000 onwards. */
int pv_l1e_of(struct vcpu *v, uint64_t va, uint64_t *l1_mfn, unsigned int *idx)
{
	if (va < 0x400000 || va >= 0x600000)
		return -EFAULT;
	*l1_mfn = 20;
	*idx = (unsigned int)((va - 0x400000) >> 12);
	return 0;
}

void arch_set_gpfn_from_mfn(uint64_t mfn, uint64_t pfn) { nr_m2p++; m2p_mfn = mfn; m2p_pfn = pfn; }
void flush_tlb(enum flush_scope scope, uint64_t va) { nr_flushes++; flush_scope = scope; flush_va = va; }

bool hypercall_preempt_check(void)
{
	return preempt_after && --preempt_after == 0;
}

long hypercall_create_continuation(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
				   uint64_t a4, uint64_t a5)
{
	cont_a1 = a1;
	cont_a2 = a2;
	return 0x5eed;
}

static int setup(void **state)
{
	guest_fixture_reset();
	frame_fixture_reset();
	memset(&other, 0, sizeof(other));
	other.domain_id = 2;
	other.state = DOMAIN_RUNNING;
	memset(domain_list, 0, sizeof(domain_list));
	domain_list[1] = &dom;
	domain_list[2] = &other;
	nr_mods = nr_foreign_mods = nr_l1_mods = nr_m2p = nr_flushes = 0;
	mod_dom = NULL;
	mod_rc = 0;
	preempt_after = 0;
	/* Frame 3 is an L1 table of the caller, 5 of domain 2's... */
	assert_int_equal(pgt_get_page_and_type(&(struct pgt_ctx){ .domid = 1 }, 3, PGT_l1), 0);
	frame_info[5].owner = 2;
	assert_int_equal(pgt_get_page_and_type(&(struct pgt_ctx){ .domid = 2 }, 5, PGT_l1), 0);
	/* ...frame 6 holds descriptors, 7 is a hypervisor page shared. */
	assert_int_equal(pgt_get_page_and_type(&(struct pgt_ctx){ .domid = 1 }, 6,
					       PGT_seg_desc), 0);
	frame_info[7].flags |= PGF_xenheap;
	return 0;
}

static struct pv_pg_owner owner_of(struct domain *d)
{
	return (struct pv_pg_owner){ .d = d, .id = d ? d->domain_id : DOMID_IO };
}

static long req1(struct domain *self, struct domain *pt, struct domain *po_d, uint64_t ptr,
		 uint64_t val)
{
	struct pv_pg_owner po = owner_of(po_d);
	struct mmu_update r = { .ptr = ptr, .val = val };

	return pv_mmu_update_one(self, pt, &po, &r);
}

#define PTR(mfn, idx, cmd) (((uint64_t)(mfn) << 12) + (idx) * 8 + (cmd))

static void test_table_entries(void **state)
{
	assert_int_equal(req1(&dom, &dom, &dom, PTR(3, 511, MMU_NORMAL_PT_UPDATE), 0x1234), 0);
	assert_int_equal(nr_mods, 1);
	assert_int_equal(mod_mfn, 3);
	assert_int_equal(mod_idx, 511);
	assert_int_equal(mod_val, 0x1234);
	assert_false(mod_preserve_ad);
	assert_int_equal(req1(&dom, &dom, &dom, PTR(3, 0, MMU_PT_UPDATE_PRESERVE_AD), 1), 0);
	assert_true(mod_preserve_ad);
	assert_int_equal(req1(&dom, &dom, &dom, PTR(3, 0, MMU_PT_UPDATE_NO_TRANSLATE), 1), 0);
	assert_int_equal(nr_mods, 3);
	/* The entry's own verdict is the request's. */
	mod_rc = -EBUSY;
	assert_int_equal(req1(&dom, &dom, &dom, PTR(3, 0, MMU_NORMAL_PT_UPDATE), 1), -EBUSY);
	/* Leaves of another domain's frames (dom0's privcmd): the foreign path. */
	mod_rc = 0;
	dom.is_privileged = true;
	assert_int_equal(req1(&dom, &dom, &other, PTR(3, 1, MMU_NORMAL_PT_UPDATE), 2), 0);
	assert_int_equal(nr_foreign_mods, 1);
	assert_ptr_equal(mod_dom, &other);
	/* Another domain's tables, with that domain's frames. */
	assert_int_equal(req1(&dom, &other, &other, PTR(5, 1, MMU_NORMAL_PT_UPDATE), 2), 0);
	assert_int_equal(nr_mods, 5);
}

static void test_plain_words(void **state)
{
	assert_int_equal(req1(&dom, &dom, &dom, PTR(8, 17, MMU_NORMAL_PT_UPDATE), 0xabc), 0);
	assert_int_equal(frames[8][17], 0xabc);
	assert_int_equal(nr_mods, 0);
	frames_snap();
	/* A descriptor frame is never written this way. */
	assert_int_equal(req1(&dom, &dom, &dom, PTR(6, 0, MMU_NORMAL_PT_UPDATE), 1), -EINVAL);
	assert_int_equal(frames[6][0], 0);
	assert_frames_unchanged();
}

static void test_rejects(void **state)
{
	static const uint64_t bad_frames[] = { FOREIGN_MFN, UNOWNED_MFN, 5, NR_FRAMES,
					       0xfffffffffffffULL };

	frames_snap();
	for (unsigned int cmd = 4; cmd < 8; cmd++)
		assert_int_equal(req1(&dom, &dom, &dom, PTR(3, 0, cmd), 1), -ENOSYS);
	for (unsigned int i = 0; i < ARRAY_SIZE(bad_frames); i++) {
		assert_int_equal(req1(&dom, &dom, &dom, PTR(bad_frames[i], 0, 0), 1), -EINVAL);
		assert_int_equal(req1(&dom, &dom, &dom, PTR(bad_frames[i], 0, 1), 1), -EINVAL);
	}
	/* A domU names no other domain: as page owner or table owner. */
	assert_int_equal(req1(&dom, &dom, &other, PTR(3, 0, 0), 1), -EPERM);
	assert_int_equal(req1(&dom, &other, &other, PTR(5, 0, 0), 1), -EPERM);
	assert_int_equal(req1(&dom, &dom, &other, PTR(8, 0, MMU_MACHPHYS_UPDATE), 1), -EPERM);
	assert_int_equal(nr_mods + nr_foreign_mods + nr_m2p, 0);
	assert_frames_unchanged();
}

static void test_machphys(void **state)
{
	assert_int_equal(req1(&dom, &dom, &dom, PTR(8, 0, MMU_MACHPHYS_UPDATE), 0x77), 0);
	assert_int_equal(m2p_mfn, 8);
	assert_int_equal(m2p_pfn, 0x77);
	/* Only the page owner's ordinary frames, only in one's own tables. */
	assert_int_equal(req1(&dom, &dom, &dom, PTR(7, 0, MMU_MACHPHYS_UPDATE), 1), -EINVAL);
	assert_int_equal(req1(&dom, &dom, NULL, PTR(8, 0, MMU_MACHPHYS_UPDATE), 1), -EINVAL);
	dom.is_privileged = true;
	assert_int_equal(req1(&dom, &other, &other, PTR(5, 0, MMU_MACHPHYS_UPDATE), 1), -EPERM);
	assert_int_equal(req1(&dom, &dom, &other, PTR(8, 0, MMU_MACHPHYS_UPDATE), 1), -EINVAL);
	assert_int_equal(req1(&dom, &dom, &other, PTR(5, 0, MMU_MACHPHYS_UPDATE), 9), 0);
	assert_int_equal(nr_m2p, 2);
}

/* As Xen: DOMID_SELF only names the caller, its own id does not. */
static void test_pg_owner(void **state)
{
	struct pv_pg_owner po;

	assert_int_equal(pv_get_pg_owner(&dom, DOMID_SELF, &po), 0);
	assert_ptr_equal(po.d, &dom);
	assert_int_equal(pv_get_pg_owner(&dom, 2, &po), 0);
	assert_ptr_equal(po.d, &other);
	assert_int_equal(pv_get_pg_owner(&dom, DOMID_IO, &po), 0);
	assert_null(po.d);
	assert_int_equal(pv_get_pg_owner(&dom, 1, &po), -ESRCH);
	assert_int_equal(pv_get_pg_owner(&dom, DOMID_XEN, &po), -ESRCH);
	assert_int_equal(pv_get_pg_owner(&dom, 77, &po), -ESRCH);
}

static void test_batch(void **state)
{
	struct mmu_update reqs[4] = {
		{ PTR(8, 0, 0), 1 }, { PTR(8, 1, 0), 2 }, { PTR(FOREIGN_MFN, 0, 0), 3 },
		{ PTR(8, 3, 0), 4 },
	};
	uint32_t done = 0xdead;

	nr_copy_in = 0;
	assert_int_equal(do_mmu_update(GVA(reqs), 4, GVA(&done), DOMID_SELF), -EINVAL);
	assert_int_equal(done, 2);
	assert_int_equal(nr_copy_in, 3);
	assert_int_equal(frames[8][1], 2);
	assert_int_equal(frames[8][3], 0);
	/* An unreadable request ends the batch with -EFAULT. */
	hole_start = GVA(&reqs[1]);
	hole_end = hole_start + 1;
	assert_int_equal(do_mmu_update(GVA(reqs), 2, GVA(&done), DOMID_SELF), -EFAULT);
	assert_int_equal(done, 1);
	hole_start = hole_end = 0;
	/* A continuation carries the count's top bit and *done. */
	done = 5;
	assert_int_equal(do_mmu_update(GVA(&reqs[3]), 1 | MMU_UPDATE_PREEMPTED, GVA(&done),
				       DOMID_SELF), 0);
	assert_int_equal(done, 6);
	assert_int_equal(frames[8][3], 4);
	preempt_after = 1;
	assert_int_equal(do_mmu_update(GVA(reqs), 2, GVA(&done), DOMID_SELF), 0x5eed);
	assert_int_equal(cont_a1, GVA(&reqs[1]));
	assert_int_equal(cont_a2, 1 | MMU_UPDATE_PREEMPTED);
	assert_int_equal(lock_depth, 0);
}

/* foreigndom: the page owner in the low 16 bits, the tables' owner plus
 * one in the high 16; another's tables take only that domain's frames. */
static void test_batch_owners(void **state)
{
	struct mmu_update r = { PTR(5, 0, 0), 1 };

	nr_copy_in = 0;
	assert_int_equal(do_mmu_update(GVA(&r), 1, 0, DOMID_SELF | (78u << 16)), -ESRCH);
	assert_int_equal(do_mmu_update(GVA(&r), 1, 0, 1), -ESRCH);
	assert_int_equal(do_mmu_update(GVA(&r), 1, 0, DOMID_SELF | (3u << 16)), -EINVAL);
	assert_int_equal(do_mmu_update(GVA(&r), 1, 0, DOMID_IO | (3u << 16)), -EINVAL);
	assert_int_equal(nr_copy_in, 0);
	/* A domU is refused at the request (Xen's XSM check). */
	assert_int_equal(do_mmu_update(GVA(&r), 1, 0, 2 | (3u << 16)), -EPERM);
	dom.is_privileged = true;
	assert_int_equal(do_mmu_update(GVA(&r), 1, 0, 2 | (3u << 16)), 0);
	assert_int_equal(mod_mfn, 5);
	assert_ptr_equal(mod_dom, &other);
}

static void test_update_va_mapping(void **state)
{
	uint64_t mask = 3;

	assert_int_equal(do_update_va_mapping(0x401000, 0x8067, UVMF_INVLPG | UVMF_ALL), 0);
	assert_int_equal(nr_l1_mods, 1);
	assert_int_equal(mod_mfn, 20);
	assert_int_equal(mod_idx, 1);
	assert_int_equal(flush_scope, FLUSH_ALL);
	assert_int_equal(flush_va, 0x401000);
	assert_int_equal(do_update_va_mapping(0x400000, 0, UVMF_TLB_FLUSH | UVMF_LOCAL), 0);
	assert_int_equal(flush_scope, FLUSH_LOCAL);
	assert_int_equal(flush_va, 0);
	assert_int_equal(do_update_va_mapping(0x400000, 0, UVMF_TLB_FLUSH | GVA(&mask)), 0);
	assert_int_equal(flush_scope, FLUSH_ALL);
	assert_int_equal(nr_flushes, 3);
	/* Flush type 3, or an address no L1 of the caller maps: nothing. */
	assert_int_equal(do_update_va_mapping(0x400000, 0, UVMF_FLUSHTYPE_MASK), -EINVAL);
	assert_int_equal(do_update_va_mapping(0x600000, 0, UVMF_NONE), -EINVAL);
	assert_int_equal(nr_l1_mods, 3);
	/* An unreadable vCPU mask: the entry stands, the flush is refused. */
	assert_int_equal(do_update_va_mapping(0x400000, 0, UVMF_INVLPG | GVA_HYP), -EFAULT);
	assert_int_equal(nr_l1_mods, 4);
	assert_int_equal(nr_flushes, 3);
	mod_rc = -EINVAL;
	assert_int_equal(do_update_va_mapping(0x400000, 0, UVMF_INVLPG | UVMF_ALL), -EINVAL);
	assert_int_equal(nr_flushes, 3);
}

static void test_update_va_mapping_otherdomain(void **state)
{
	assert_int_equal(do_update_va_mapping_otherdomain(0x400000, 0x5067, 0, 77), -ESRCH);
	assert_int_equal(do_update_va_mapping_otherdomain(0x400000, 0x5067, 0, 1), -ESRCH);
	/* A domU may clear an entry, not map another's frame. */
	assert_int_equal(do_update_va_mapping_otherdomain(0x400000, 0x5067, 0, 2), -EPERM);
	assert_int_equal(nr_foreign_mods + nr_l1_mods, 0);
	assert_int_equal(do_update_va_mapping_otherdomain(0x400000, 0x5066, 0, 2), 0);
	assert_int_equal(nr_foreign_mods, 1);
	assert_int_equal(do_update_va_mapping_otherdomain(0x400000, 0x8067, 0, DOMID_SELF), 0);
	assert_int_equal(nr_l1_mods, 1);
	dom.is_privileged = true;
	assert_int_equal(do_update_va_mapping_otherdomain(0x400000, 0x5067, 0, 2), 0);
	assert_int_equal(nr_foreign_mods, 2);
	assert_ptr_equal(mod_dom, &other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_table_entries, setup),
		cmocka_unit_test_setup(test_plain_words, setup),
		cmocka_unit_test_setup(test_rejects, setup),
		cmocka_unit_test_setup(test_machphys, setup),
		cmocka_unit_test_setup(test_pg_owner, setup),
		cmocka_unit_test_setup(test_batch, setup),
		cmocka_unit_test_setup(test_batch_owners, setup),
		cmocka_unit_test_setup(test_update_va_mapping, setup),
		cmocka_unit_test_setup(test_update_va_mapping_otherdomain, setup),
	};

	return RUN(tests);
}
