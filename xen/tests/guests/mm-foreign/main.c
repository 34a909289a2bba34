/* SPDX-License-Identifier: MIT */
/*
 * mm-foreign: the privileged domain builds a second domain the way
 * libxenguest does on Xen 4.17 and maps its frames (privcmd's foreign
 * mappings), with the hostile inputs a broken toolstack could send.
 *
 * role=dom0: createdomain + max_mem; populate_physmap for it (order 0, and
 * past max_mem: no extent); mmu_update with the new domain as page owner
 * maps its frame into one of our L1 slots (write, read back), and refuses
 * what Xen refuses: our own frame or a free one (-EBUSY), not RAM
 * (-EPERM), a missing domain or our own id by number (-ESRCH), a foreign
 * leaf in an L2 (-EINVAL), the grant marker bit (-EINVAL);
 * update_va_mapping_otherdomain; foreign pins of its frames (pin, pin
 * twice, map a pinned table writable, unpin) and -EPERM for the caller-
 * only mmuext ops with a foreign owner; destroy while a frame is mapped:
 * the frame survives (our write is still there), the id is not given
 * again (-EEXIST), and once unmapped every frame is back (free pages as
 * before the domain).
 *
 * role=domU: each foreign op is refused with Xen's code (-EPERM, or no
 * extents for populate_physmap).
 *
 * A hypervisor without foreign mappings fails the map cases; one that
 * drops references on destroy fails the survive/frames-back cases (or
 * crashes on the write through a stale mapping).
 */
#include <public/domctl.h>
#include <public/sysctl.h>
#include "mm.h"

static struct xen_domctl op;
static struct xen_sysctl sop;

static long domctl(uint32_t cmd, domid_t dom)
{
	op.cmd = cmd;
	op.domain = dom;
	op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	return hypercall1(__HYPERVISOR_domctl, gva(&op));
}

static long destroy(domid_t id)
{
	long rc;
	unsigned int tries = 0;

	while ((rc = domctl(XEN_DOMCTL_destroydomain, id)) == -XEN_EAGAIN && ++tries < 1000000)
		;
	return rc;
}

static uint64_t free_pages(void)
{
	memset(&sop, 0, sizeof(sop));
	sop.cmd = XEN_SYSCTL_physinfo;
	sop.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
	if (hypercall1(__HYPERVISOR_sysctl, gva(&sop)))
		return 0;
	return sop.u.physinfo.free_pages;
}

static long create(domid_t want, domid_t *got)
{
	struct xen_domctl_createdomain *c = &op.u.createdomain;
	long rc;

	memset(&op, 0, sizeof(op));
	c->max_vcpus = 1;
	c->max_evtchn_port = 1023;
	c->max_grant_frames = 4;
	c->max_maptrack_frames = -1;
	c->grant_opts = XEN_DOMCTL_GRANT_version(1);
	rc = domctl(XEN_DOMCTL_createdomain, want);
	if (rc == 0)
		*got = op.domain;
	return rc;
}

static long set_max_mem(domid_t id, uint64_t kb)
{
	memset(&op, 0, sizeof(op));
	op.u.max_mem.max_memkb = kb;
	return domctl(XEN_DOMCTL_max_mem, id);
}

static long populate(domid_t id, xen_pfn_t *list, unsigned long n, unsigned int order)
{
	struct xen_memory_reservation r = {
		.nr_extents = n, .extent_order = order, .domid = id,
	};

	r.extent_start.p = list;
	return HYPERVISOR_memory_op(XENMEM_populate_physmap, gva(&r));
}

static long claim(domid_t id, unsigned long pages, unsigned int order)
{
	struct xen_memory_reservation r = { .nr_extents = pages, .extent_order = order, .domid = id };

	return HYPERVISOR_memory_op(XENMEM_claim_pages, gva(&r));
}

static struct xen_e820_entry e820_in[2], e820_out[4];

static long set_map(domid_t id, unsigned int nr)
{
	struct xen_foreign_memory_map m = { .domid = id };

	m.map.nr_entries = nr;
	m.map.buffer.p = e820_in;
	return HYPERVISOR_memory_op(XENMEM_set_memory_map, gva(&m));
}

static long add_to_physmap(domid_t id, unsigned int space)
{
	struct xen_add_to_physmap x = { .domid = id, .space = space, .gpfn = 0x100 };

	return HYPERVISOR_memory_op(XENMEM_add_to_physmap, gva(&x));
}

/* claim_pages, set_memory_map, the sharing counts and add_to_physmap for
 * t (8 frames of 16 populated). */
static void memory_op_cases(domid_t t)
{
	struct xen_memory_map m = { .nr_entries = 4 };

	expect_ok("dom0/sharing-freed-pages", HYPERVISOR_memory_op(XENMEM_get_sharing_freed_pages, 0));
	expect_ok("dom0/sharing-shared-pages", HYPERVISOR_memory_op(XENMEM_get_sharing_shared_pages, 0));
	expect_ok("dom0/claim-cancel-none", claim(t, 0, 0));
	expect_rc("dom0/claim-not-above-tot", claim(t, 8, 0), -XEN_EINVAL);
	expect_rc("dom0/claim-above-max", claim(t, 17, 0), -XEN_EINVAL);
	expect_rc("dom0/claim-order", claim(t, 12, 1), -XEN_EINVAL);
	expect_rc("dom0/claim-missing-domain", claim(0x7000, 12, 0), -XEN_EINVAL);
	expect_rc("dom0/claim-domid-self", claim(DOMID_SELF, 12, 0), -XEN_EINVAL);
	expect_ok("dom0/claim", claim(t, 12, 0));
	/* Claimed, not yet given: the 4 pages past the 8 populated, in the
	 * domain's info and the host's (xl info's outstanding_claims). */
	free_pages();
	expect_eq("dom0/claim-in-physinfo", sop.u.physinfo.outstanding_pages, 4);
	domctl(XEN_DOMCTL_getdomaininfo, t);
	expect_eq("dom0/claim-in-domaininfo", op.u.getdomaininfo.outstanding_pages, 4);
	expect_rc("dom0/claim-twice", claim(t, 13, 0), -XEN_EINVAL);
	expect_ok("dom0/claim-cancel", claim(t, 0, 0));
	free_pages();
	expect_eq("dom0/claim-cancelled-in-physinfo", sop.u.physinfo.outstanding_pages, 0);
	/* A domain larger than free memory: the claim fails at once. */
	set_max_mem(t, (free_pages() + 4096) * 8);
	expect_rc("dom0/claim-beyond-free", claim(t, free_pages() + 1024, 0), -XEN_ENOMEM);
	set_max_mem(t, 64);
	e820_in[0] = (struct xen_e820_entry){ .addr = 0, .size = 0x9f000, .type = 1 };
	e820_in[1] = (struct xen_e820_entry){ .addr = 0x100000, .size = 0x1f00000, .type = 1 };
	expect_ok("dom0/set-memory-map-foreign", set_map(t, 2));
	expect_rc("dom0/set-memory-map-too-many", set_map(t, 1025), -XEN_EINVAL);
	expect_rc("dom0/set-memory-map-missing", set_map(0x7000, 1), -XEN_ESRCH);
	if (expect_ok("dom0/set-memory-map-self", set_map(DOMID_SELF, 2))) {
		m.buffer.p = e820_out;
		expect_ok("dom0/memory-map-after-set", HYPERVISOR_memory_op(XENMEM_memory_map, gva(&m)));
		expect_eq("dom0/memory-map-entries", m.nr_entries, 2);
		expect_eq("dom0/memory-map-second", e820_out[1].addr, 0x100000);
		/* An empty map drops ours (its page back: the frame count
		 * below) and memory_map answers as before. */
		expect_ok("dom0/set-memory-map-self-clear", set_map(DOMID_SELF, 0));
		m.nr_entries = 4;
		expect_ok("dom0/memory-map-after-clear", HYPERVISOR_memory_op(XENMEM_memory_map, gva(&m)));
		expect_eq("dom0/memory-map-default", m.nr_entries, 1);
	}
	expect_rc("dom0/add-to-physmap-pv", add_to_physmap(t, XENMAPSPACE_gmfn), -XEN_EACCES);
	expect_rc("dom0/add-to-physmap-missing", add_to_physmap(0x7000, XENMAPSPACE_gmfn),
		  -XEN_ESRCH);
	expect_rc("dom0/add-to-physmap-foreign-space", add_to_physmap(t, XENMAPSPACE_gmfn_foreign),
		  -XEN_ENOSYS);
}

static long acquire(domid_t id, unsigned int type, unsigned int rid, uint64_t frame,
		    uint32_t *nr, xen_pfn_t *list)
{
	struct xen_mem_acquire_resource x = {
		.domid = id, .type = type, .id = rid, .nr_frames = *nr, .frame = frame,
	};
	long rc;

	x.frame_list.p = list;
	rc = HYPERVISOR_memory_op(XENMEM_acquire_resource, gva(&x));
	*nr = x.nr_frames;
	return rc;
}

/* The grant table's shared frames, as xl maps frame 0 (MMAP_RESOURCE). */
static void resource_cases(domid_t t, xen_pfn_t *gnt0)
{
	static xen_pfn_t list[4];
	uint32_t nr = 0;

	if (expect_ok("dom0/resource-size", acquire(t, XENMEM_resource_grant_table,
						    XENMEM_resource_grant_table_id_shared, 0, &nr, NULL)))
		expect_eq("dom0/resource-size-is-max-grant-frames", nr, 4);
	nr = 1;
	if (expect_ok("dom0/resource-frame-0", acquire(t, XENMEM_resource_grant_table, 0, 0, &nr, list)))
		*gnt0 = list[0];
	nr = 2;
	expect_ok("dom0/resource-frames-2-3", acquire(t, XENMEM_resource_grant_table, 0, 2, &nr, list));
	expect_true("dom0/resource-distinct", list[0] != list[1] && list[0] != *gnt0, "same frames");
	nr = 1;
	expect_rc("dom0/resource-past-max", acquire(t, XENMEM_resource_grant_table, 0, 4, &nr, list),
		  -XEN_EINVAL);
	nr = 1;
	expect_rc("dom0/resource-frame-2^32", acquire(t, XENMEM_resource_grant_table, 0, 1UL << 32,
						      &nr, list), -XEN_EINVAL);
	nr = 1;
	expect_rc("dom0/resource-status-v1", acquire(t, XENMEM_resource_grant_table,
						     XENMEM_resource_grant_table_id_status, 0, &nr, list),
		  -XEN_EINVAL);
	nr = 0;
	expect_rc("dom0/resource-ioreq-pv", acquire(t, XENMEM_resource_ioreq_server, 0, 0, &nr, NULL),
		  -XEN_EINVAL);
	nr = 1;
	expect_rc("dom0/resource-size-with-count", acquire(t, XENMEM_resource_grant_table, 0, 0,
							   &nr, NULL), -XEN_EINVAL);
	nr = 1;
	expect_rc("dom0/resource-self", acquire(0, XENMEM_resource_grant_table, 0, 0, &nr, list),
		  -XEN_EPERM);
	nr = 1;
	expect_rc("dom0/resource-missing", acquire(0x7000, XENMEM_resource_grant_table, 0, 0, &nr,
						   list), -XEN_ESRCH);
	nr = 1;
	expect_rc("dom0/resource-unknown-type", acquire(t, 9, 0, 0, &nr, list), -XEN_EOPNOTSUPP);
}

static long mmu_foreign(uint64_t ptr, uint64_t val, uint32_t foreigndom)
{
	struct mmu_update req = { .ptr = ptr, .val = val };

	return HYPERVISOR_mmu_update(gva(&req), 1, 0, foreigndom);
}

static long mmuext_foreign(unsigned int cmd, unsigned long mfn, domid_t dom)
{
	struct mmuext_op o = { .cmd = cmd };

	o.arg1.mfn = mfn;
	return HYPERVISOR_mmuext_op(gva(&o), 1, 0, dom);
}

static long uvm_other(unsigned long va, uint64_t val, domid_t dom)
{
	return hypercall4(__HYPERVISOR_update_va_mapping_otherdomain, va, val,
			  UVMF_INVLPG | UVMF_LOCAL, dom);
}

/* The window: pool page W's virtual address, whose L1 slot we point at a
 * foreign frame and back. */
#define W 0
#define W2 1

static volatile uint64_t *window(unsigned int i)
{
	return pool_page(i);
}

static long unmap_window(unsigned int i)
{
	long rc = mmu_update1(l1e_maddr(gva(window(i))), pte(pool_mfn(i), PTE_RW_FLAGS));

	mmuext1(MMUEXT_INVLPG_LOCAL, gva(window(i)), 0);
	return rc;
}

static long map_window(unsigned int i, unsigned long mfn, uint64_t flags, uint32_t dom)
{
	long rc = mmu_foreign(l1e_maddr(gva(window(i))), pte(mfn, flags), dom);

	mmuext1(MMUEXT_INVLPG_LOCAL, gva(window(i)), 0);
	return rc;
}

static void map_cases(domid_t t, const xen_pfn_t *mfn, unsigned long nr)
{
	uint64_t slot = l1e_maddr(gva(window(W)));
	unsigned long unowned, foreign_to_t;

	foreign_to_t = pool_mfn(5);   /* ours, not t's */
	if (expect_ok("dom0/map-foreign-rw", map_window(W, mfn[0], PTE_RW_FLAGS, t))) {
		window(W)[0] = 0x1234abcdUL;
		window(W)[511] = t;
		expect_eq("dom0/map-foreign-read-back", window(W)[0], 0x1234abcdUL);
		expect_ok("dom0/unmap-foreign", unmap_window(W));
		expect_eq("dom0/unmap-restores-own-page", window(W)[0], 0);
	}
	if (expect_ok("dom0/map-foreign-again-ro", map_window(W, mfn[0], PTE_RO_FLAGS, t))) {
		expect_eq("dom0/map-foreign-ro-sees-write", window(W)[0], 0x1234abcdUL);
		unmap_window(W);
	}
	/* As privcmd's MMAP_RESOURCE writes it: MMU_PT_UPDATE_NO_TRANSLATE. */
	if (expect_ok("dom0/map-foreign-no-translate",
		      mmu_foreign(slot | MMU_PT_UPDATE_NO_TRANSLATE, pte(mfn[0], PTE_RO_FLAGS), t))) {
		mmuext1(MMUEXT_INVLPG_LOCAL, gva(window(W)), 0);
		expect_eq("dom0/map-no-translate-reads", window(W)[0], 0x1234abcdUL);
		unmap_window(W);
	}
	expect_rc("dom0/mmu-update-cmd-4", mmu_foreign(slot | 4, 0, t), -XEN_ENOSYS);
	expect_rc("dom0/map-own-frame-as-foreign", map_window(W, foreign_to_t, PTE_RW_FLAGS, t),
		  -XEN_EBUSY);
	/* A RAM frame nobody owns: one we give back for the case. */
	unowned = give_back_frame();
	if (unowned) {
		expect_rc("dom0/map-free-frame", map_window(W, unowned, PTE_RO_FLAGS, t), -XEN_EBUSY);
		take_frame();
	} else {
		fail("dom0/map-free-frame", "setup: no frame to give back");
	}
	expect_rc("dom0/map-not-ram", map_window(W, 0xfee00, PTE_RO_FLAGS, t), -XEN_EPERM);
	expect_rc("dom0/map-past-ram", map_window(W, 0xffffffffUL, PTE_RO_FLAGS, t), -XEN_EPERM);
	expect_rc("dom0/map-grant-marker", map_window(W, mfn[0], PTE_RO_FLAGS | (1UL << 62), t),
		  -XEN_EINVAL);
	expect_rc("dom0/map-missing-domain", map_window(W, mfn[0], PTE_RO_FLAGS, 0x7000), -XEN_ESRCH);
	expect_rc("dom0/map-own-id-by-number", map_window(W, mfn[0], PTE_RO_FLAGS, 0), -XEN_ESRCH);
	expect_rc("dom0/map-domid-io-ram", map_window(W, mfn[0], PTE_RO_FLAGS, DOMID_IO),
		  -XEN_EBUSY);
	/* A foreign leaf may only go into an L1 (Xen: -EINVAL elsewhere). */
	expect_rc("dom0/foreign-entry-in-l4",
		  mmu_foreign((boot_l4_mfn() << 12) + 8 * 300, pte(mfn[0], PTE_RO_FLAGS), t),
		  -XEN_EINVAL);
	/* Tables of t (high 16 bits) with another owner's leaves: refused. */
	expect_rc("dom0/pt-owner-missing", mmu_foreign(slot, 0, (0x7001U << 16) | t), -XEN_ESRCH);
	/* update_va_mapping_otherdomain */
	if (expect_ok("dom0/uvm-otherdomain", uvm_other(gva(window(W)), pte(mfn[1], PTE_RW_FLAGS), t))) {
		window(W)[7] = 77;
		expect_eq("dom0/uvm-otherdomain-read", window(W)[7], 77);
		expect_ok("dom0/uvm-otherdomain-clear",
			  uvm_other(gva(window(W)), pte(pool_mfn(W), PTE_RW_FLAGS), DOMID_SELF));
	}
	expect_rc("dom0/uvm-otherdomain-own-frame",
		  uvm_other(gva(window(W)), pte(pool_mfn(6), PTE_RW_FLAGS), t), -XEN_EBUSY);
	expect_rc("dom0/uvm-otherdomain-missing",
		  uvm_other(gva(window(W)), pte(mfn[1], PTE_RW_FLAGS), 0x7000), -XEN_ESRCH);
	(void)nr;
}

static void pin_cases(domid_t t, const xen_pfn_t *mfn)
{
	/* mfn[2] is a zeroed frame of t: a valid (empty) L1 and L4. */
	expect_ok("dom0/foreign-pin-l1", mmuext_foreign(MMUEXT_PIN_L1_TABLE, mfn[2], t));
	expect_rc("dom0/foreign-pin-twice", mmuext_foreign(MMUEXT_PIN_L1_TABLE, mfn[2], t),
		  -XEN_EINVAL);
	expect_rc("dom0/map-pinned-table-rw", map_window(W, mfn[2], PTE_RW_FLAGS, t), -XEN_EBUSY);
	if (expect_ok("dom0/map-pinned-table-ro", map_window(W, mfn[2], PTE_RO_FLAGS, t)))
		unmap_window(W);
	expect_ok("dom0/foreign-unpin", mmuext_foreign(MMUEXT_UNPIN_TABLE, mfn[2], t));
	expect_rc("dom0/foreign-unpin-twice", mmuext_foreign(MMUEXT_UNPIN_TABLE, mfn[2], t),
		  -XEN_EINVAL);
	/* Mapped writable by us: cannot become t's table. */
	if (expect_ok("dom0/map-for-pin", map_window(W, mfn[3], PTE_RW_FLAGS, t))) {
		expect_rc("dom0/foreign-pin-mapped-rw",
			  mmuext_foreign(MMUEXT_PIN_L4_TABLE, mfn[3], t), -XEN_EINVAL);
		unmap_window(W);
	}
	if (expect_ok("dom0/foreign-pin-l4", mmuext_foreign(MMUEXT_PIN_L4_TABLE, mfn[3], t)))
		expect_ok("dom0/foreign-unpin-l4", mmuext_foreign(MMUEXT_UNPIN_TABLE, mfn[3], t));
	expect_rc("dom0/foreign-pin-our-frame",
		  mmuext_foreign(MMUEXT_PIN_L1_TABLE, pool_mfn(7), t), -XEN_EINVAL);
	expect_rc("dom0/foreign-new-baseptr", mmuext_foreign(MMUEXT_NEW_BASEPTR, mfn[3], t),
		  -XEN_EPERM);
	expect_rc("dom0/foreign-flush", mmuext_foreign(MMUEXT_TLB_FLUSH_LOCAL, 0, t), -XEN_EPERM);
	expect_rc("dom0/foreign-unknown-cmd-14", mmuext_foreign(14, 0, t), -XEN_ENOSYS);
	expect_rc("dom0/foreign-pin-missing-domain",
		  mmuext_foreign(MMUEXT_PIN_L1_TABLE, mfn[2], 0x7000), -XEN_ESRCH);
	expect_rc("dom0/foreign-pin-own-id", mmuext_foreign(MMUEXT_PIN_L1_TABLE, mfn[2], 0),
		  -XEN_ESRCH);
}

#define W3 2
#define W4 3

/* Destroy t while one of its frames, its shared_info page and its first
 * grant frame (hypervisor pages shared with it) are mapped here. */
static void destroy_mapped(domid_t t, const xen_pfn_t *mfn, xen_pfn_t gnt0, uint64_t before)
{
	domid_t again = 0;
	unsigned long shinfo;

	memset(&op, 0, sizeof(op));
	domctl(XEN_DOMCTL_getdomaininfo, t);
	shinfo = op.u.getdomaininfo.shared_info_frame;
	if (!expect_ok("dom0/map-before-destroy", map_window(W2, mfn[4], PTE_RW_FLAGS, t)))
		return;
	expect_ok("dom0/map-shared-info", map_window(W3, shinfo, PTE_RW_FLAGS, t));
	expect_ok("dom0/map-grant-frame", map_window(W4, gnt0, PTE_RW_FLAGS, t));
	window(W2)[3] = 0x5a5a5a5aUL;
	window(W4)[0] = 0x77;   /* grant entry 0's flags and domid, as xl seeds it */
	expect_ok("dom0/destroy-while-mapped", destroy(t));
	expect_eq("dom0/frame-survives-owner", window(W2)[3], 0x5a5a5a5aUL);
	expect_eq("dom0/grant-frame-survives-owner", window(W4)[0], 0x77);
	window(W3)[1] = 5;   /* its shared_info: still a frame we may write */
	expect_eq("dom0/shared-info-survives-owner", window(W3)[1], 5);
	expect_ok("dom0/unmap-shared-info", unmap_window(W3));
	expect_ok("dom0/unmap-grant-frame", unmap_window(W4));
	window(W2)[4] = 1;   /* still ours to write: no fault, no corruption */
	expect_eq("dom0/frame-still-writable", window(W2)[4], 1);
	expect_true("dom0/frame-still-counted", free_pages() < before, "all frames back early");
	expect_rc("dom0/dead-id-not-given-again", create(t, &again), -XEN_EEXIST);
	expect_rc("dom0/map-dead-domain", map_window(W, mfn[5], PTE_RO_FLAGS, t), -XEN_ESRCH);
	expect_ok("dom0/unmap-last-mapping", unmap_window(W2));
	expect_eq("dom0/frames-back-after-unmap", free_pages(), before);
	if (expect_ok("dom0/id-free-after-unmap", create(t, &again)))
		destroy(again);
	expect_eq("dom0/frames-back-at-end", free_pages(), before);
}

/* A domain asking for more than free memory: the reservation stops
 * where memory ends (the count is the answer), nothing else fails, and
 * its destruction gives every frame back. */
static void exhaust_case(void)
{
	struct xen_memory_reservation r = { .extent_order = 0 };
	uint64_t before = free_pages(), asked;
	domid_t u = 0;
	long got;

	if (!expect_ok("dom0/exhaust-create", create(0, &u)))
		return;
	asked = before + 64;
	set_max_mem(u, asked * 4);
	r.nr_extents = asked;
	r.domid = u;
	got = HYPERVISOR_memory_op(XENMEM_increase_reservation, gva(&r));
	expect_true("dom0/exhaust-stops-at-free-memory", got > 0 && (uint64_t)got < asked,
		    "%ld of %lu extents", got, (unsigned long)asked);
	expect_true("dom0/exhaust-took-most", (uint64_t)got + 64 > before / 2,
		    "%ld of %lu free", got, (unsigned long)before);
	expect_ok("dom0/exhaust-destroy", destroy(u));
	expect_eq("dom0/exhaust-frames-back", free_pages(), before);
}

#define NR_FRAMES 8

static void dom0_cases(void)
{
	static xen_pfn_t list[NR_FRAMES], big[1], gnt0;
	uint64_t before;
	domid_t t = 0, a = 0, b = 0;

	/* Domain records are kept for reuse once made: two lives first (a
	 * refused create below takes a record too), then count. */
	if (!expect_ok("dom0/setup-warm-up", create(0, &a)) ||
	    !expect_ok("dom0/setup-warm-up-2", create(0, &b)))
		return;
	destroy(a);
	destroy(b);
	before = free_pages();
	if (!expect_ok("dom0/setup-create", create(0, &t)))
		return;
	expect_ok("dom0/max-mem", set_max_mem(t, 64));   /* 16 frames */
	for (unsigned int i = 0; i < NR_FRAMES; i++)
		list[i] = 0x100 + i;
	expect_eq("dom0/populate-foreign", populate(t, list, NR_FRAMES, 0), NR_FRAMES);
	expect_eq("dom0/populate-m2p", m2p(list[1]), 0x101);
	big[0] = 0x200;
	expect_eq("dom0/populate-past-max-mem", populate(t, big, 1, 9), 0);
	expect_eq("dom0/populate-missing-domain", populate(0x7000, big, 1, 0), 0);
	memory_op_cases(t);
	resource_cases(t, &gnt0);
	map_cases(t, list, NR_FRAMES);
	pin_cases(t, list);
	destroy_mapped(t, list, gnt0, before);
	exhaust_case();
}

/* Our id and a live peer's come on the command line (self=, other=). */
static void domu_cases(void)
{
	static xen_pfn_t list[1] = { 0x10 };
	uint64_t slot = l1e_maddr(gva(window(W)));
	struct mmu_update req = { .ptr = slot, .val = pte(pool_mfn(W), PTE_RW_FLAGS) };
	unsigned long self = 0, other = 0;
	uint64_t own = pte(pool_mfn(W), PTE_RW_FLAGS);

	if (!word_value(guest_cmdline(), "self", &self) ||
	    !word_value(guest_cmdline(), "other", &other)) {
		fail("domU/setup", "no self= and other= on the command line");
		return;
	}
	expect_rc("domU/mmu_update-foreign", mmu_foreign(slot, own, (uint32_t)other), -XEN_EPERM);
	expect_ok("domU/mmu_update-foreign-count-0",
		  HYPERVISOR_mmu_update(gva(&req), 0, 0, other));
	expect_rc("domU/mmu_update-pt-owner",
		  mmu_foreign(slot, own, (uint32_t)((other + 1) << 16 | other)), -XEN_EPERM);
	expect_rc("domU/mmu_update-missing", mmu_foreign(slot, own, 0x7000), -XEN_ESRCH);
	expect_rc("domU/mmu_update-own-id", mmu_foreign(slot, own, (uint32_t)self), -XEN_ESRCH);
	expect_rc("domU/mmu_update-domid-io-ram", mmu_foreign(slot, own, DOMID_IO), -XEN_EBUSY);
	expect_rc("domU/uvm-otherdomain", uvm_other(gva(window(W)), own, (domid_t)other),
		  -XEN_EPERM);
	expect_rc("domU/uvm-otherdomain-io", uvm_other(gva(window(W)), own, DOMID_IO),
		  -XEN_EPERM);
	expect_rc("domU/mmuext-foreign-pin",
		  mmuext_foreign(MMUEXT_PIN_L1_TABLE, pool_mfn(3), (domid_t)other), -XEN_EPERM);
	expect_rc("domU/mmuext-domid-io",
		  mmuext_foreign(MMUEXT_PIN_L1_TABLE, pool_mfn(3), DOMID_IO), -XEN_EPERM);
	expect_eq("domU/populate-foreign", populate((domid_t)other, list, 1, 0), 0);
	expect_rc("domU/claim", claim((domid_t)other, 4, 0), -XEN_EPERM);
	expect_rc("domU/set-memory-map-foreign", set_map((domid_t)other, 1), -XEN_EPERM);
	expect_rc("domU/add-to-physmap-foreign", add_to_physmap((domid_t)other, XENMAPSPACE_gmfn),
		  -XEN_EACCES);
	expect_ok("domU/sharing-freed-pages", HYPERVISOR_memory_op(XENMEM_get_sharing_freed_pages, 0));
	{
		xen_pfn_t f[1];
		uint32_t nr = 1;

		expect_rc("domU/acquire-resource", acquire((domid_t)other, XENMEM_resource_grant_table,
							   0, 0, &nr, f), -XEN_EPERM);
		nr = 1;
		expect_rc("domU/acquire-resource-self", acquire((domid_t)self,
								XENMEM_resource_grant_table, 0, 0, &nr, f),
			  -XEN_EPERM);
	}
	expect_eq("domU/window-intact", window(W)[0], 0);
}

void test_main(void)
{
	if (has_word(guest_cmdline(), "role=dom0"))
		dom0_cases();
	else
		domu_cases();
}
