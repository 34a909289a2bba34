/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the direct-paging hypercalls and the writable
 * page-table emulation (pv/pt-update.c). */
#ifndef ASM_PV_MM_H
#define ASM_PV_MM_H

#include <stdbool.h>
#include <stdint.h>
#include <asm/flush.h>
#include <asm/l1tf.h>
#include <xeno/domain.h>
#include <xeno/page-type.h>

struct domain;
struct vcpu;

/* Find the L1 entry that maps va in v's kernel page tables. */
int pv_l1e_of(struct vcpu *v, uint64_t va, uint64_t *l1_mfn, unsigned int *idx);
/* Replace entry idx of table_mfn (which must be a page table of d) with
 * new, validated as mmu_update would; if expect is given, only if the old
 * value still equals *expect (else -EAGAIN). Takes d->mm_lock. */
int pv_mod_entry(struct domain *d, uint64_t table_mfn, unsigned int idx,
		 uint64_t new, bool preserve_ad, const uint64_t *expect);
/* The same for an L1 table only (update_va_mapping and ptwr: -EINVAL
 * otherwise, as Xen; a self-map can make a walk end on any level). */
int pv_mod_l1_entry(struct domain *d, uint64_t table_mfn, unsigned int idx, uint64_t new,
		    const uint64_t *expect);
/* mmu_update's page owner when the new leaves name another domain's
 * frames: that domain (d), or DOMID_IO (d NULL: I/O memory only). */
struct pv_pg_owner {
	struct domain *d;
	uint16_t id;
};
/* Xen's get_pg_owner for mmu_update, mmuext_op and
 * update_va_mapping_otherdomain: DOMID_SELF is self, DOMID_IO I/O memory,
 * any other live domain itself; self's own id, DOMID_XEN or a missing
 * domain -ESRCH. No privilege check: each op makes its own. */
int pv_get_pg_owner(struct domain *self, uint16_t id, struct pv_pg_owner *po);
/* The same, for a leaf naming po's frame in d's L1 table (-EINVAL for
 * any other level, as Xen); takes d's, then po's mm lock. */
int pv_mod_foreign_l1_entry(struct domain *d, const struct pv_pg_owner *po,
			    uint64_t table_mfn, unsigned int idx, uint64_t new, bool preserve_ad);

/* One mmu_update request (our copy) by self on pt's tables, new leaves
 * naming po's frames: 0 or Xen's code for the request. */
struct mmu_update;
int pv_mmu_update_one(struct domain *self, struct domain *pt, const struct pv_pg_owner *po,
			const struct mmu_update *req);

/* One mmuext_op entry (our copy) by v on page owner d's frames, with
 * d's mm lock held: 0 or Xen's code for the entry (-EPERM for an op on
 * another domain that only the caller's own may do, -EINVAL for a dead
 * owner, the page-type code's error, -ENOSYS for an unknown cmd). */
struct mmuext_op;
int pv_mmuext_one(struct vcpu *v, struct domain *d, const struct mmuext_op *op);

/* The page-type core's view of d: whose frames, whether I/O memory may
 * be mapped (the privileged domain only), and which not-present entries
 * are L1TF-unsafe for it. */
static inline struct pgt_ctx pv_ctx(const struct domain *d)
{
	return (struct pgt_ctx){
		.domid = d->domain_id, .io_privileged = d->is_privileged,
		.l1tf_safe_maddr = d->is_privileged ? pv_l1tf_safe_maddr_dom0
						    : pv_l1tf_safe_maddr_domu,
	};
}

#endif
