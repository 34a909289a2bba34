/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_memory_op(cmd, arg): grow and shrink a domain's memory,
 * the machine-to-phys table's whereabouts, the guest memory map, and
 * mapping special frames (shared_info, grant table) into the physmap.
 */
#ifndef XENO_PUBLIC_MEMORY_H
#define XENO_PUBLIC_MEMORY_H

#include "xen.h"
#include "physdev.h"

#define XENMEM_increase_reservation         0
#define XENMEM_decrease_reservation         1
#define XENMEM_maximum_ram_page             2  /* arg NULL; returns a frame */
#define XENMEM_current_reservation          3  /* domid_t */
#define XENMEM_maximum_reservation          4  /* domid_t */
#define XENMEM_machphys_mfn_list            5
#define XENMEM_populate_physmap             6
#define XENMEM_add_to_physmap               7
#define XENMEM_memory_map                   9
#define XENMEM_machine_memory_map          10
#define XENMEM_exchange                    11
#define XENMEM_machphys_mapping            12
#define XENMEM_set_memory_map              13
#define XENMEM_maximum_gpfn                14  /* domid_t */
#define XENMEM_remove_from_physmap         15
#define XENMEM_set_pod_target              16
#define XENMEM_get_pod_target              17
#define XENMEM_add_to_physmap_batch        23
/* 18-22, 24 and 27 are toolstack-only sub-ops, not mirrored here */
#define XENMEM_machphys_compat_mfn_list    25
#define XENMEM_get_vnumainfo               26
#define XENMEM_acquire_resource            28

/*
 * xen_memory_reservation.mem_flags: the low byte limits the address
 * width of the frames; a NUMA node may be asked for above it.
 */
#define XENMEMF_address_bits(x)      (x)
#define XENMEMF_get_address_bits(x)  ((x) & 0xffu)
#define XENMEMF_node(x)              (((x) + 1) << 8)
#define XENMEMF_get_node(x)          ((((x) >> 8) - 1) & 0xffu)
#define XENMEMF_populate_on_demand   (1 << 16)
#define XENMEMF_exact_node_request   (1 << 17)
#define XENMEMF_exact_node(n)        (XENMEMF_node(n) | XENMEMF_exact_node_request)
#define XENMEMF_vnode                (1 << 18)

/*
 * increase/decrease_reservation and populate_physmap: nr_extents chunks
 * of 2^extent_order pages each, their base frames in extent_start.
 * Unprivileged callers may only name DOMID_SELF.
 */
struct xen_memory_reservation {
	XEN_GUEST_HANDLE(xen_pfn_t) extent_start;
	xen_ulong_t nr_extents;
	unsigned int extent_order;
	unsigned int mem_flags;       /* XENMEMF_* */
	domid_t domid;
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_reservation_t);

/* Trade the 'in' extents for 'out' ones of the same total size. */
struct xen_memory_exchange {
	struct xen_memory_reservation in;
	struct xen_memory_reservation out;
	xen_ulong_t nr_exchanged;     /* OUT; the caller zeroes it first */
};
typedef struct xen_memory_exchange xen_memory_exchange_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_exchange_t);

struct xen_memory_domain {
	domid_t domid;
};

/* The frames backing the m2p table, one per 2 MiB of it. */
struct xen_machphys_mfn_list {
	unsigned int max_extents;     /* IN: room in extent_start */
	XEN_GUEST_HANDLE(xen_pfn_t) extent_start;
	unsigned int nr_extents;      /* OUT */
};
typedef struct xen_machphys_mfn_list xen_machphys_mfn_list_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mfn_list_t);

/* Where the read-only m2p table is mapped, and its last valid frame. */
struct xen_machphys_mapping {
	xen_ulong_t v_start, v_end;
	xen_ulong_t max_mfn;
};
typedef struct xen_machphys_mapping xen_machphys_mapping_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mapping_t);

/* xen_add_to_physmap.space */
#define XENMAPSPACE_shared_info   0
#define XENMAPSPACE_grant_table   1
#define XENMAPSPACE_gmfn          2
#define XENMAPSPACE_gmfn_range    3  /* add_to_physmap only */
#define XENMAPSPACE_gmfn_foreign  4  /* add_to_physmap_batch only */
#define XENMAPSPACE_dev_mmio      5  /* Arm only */

/* Map frame 'idx' of 'space' at guest frame 'gpfn'. */
struct xen_add_to_physmap {
	domid_t domid;
	uint16_t size;                /* pages, for gmfn_range */
	unsigned int space;           /* XENMAPSPACE_* */
#define XENMAPIDX_grant_table_status 0x80000000
	xen_ulong_t idx;
	xen_pfn_t gpfn;
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_t);

struct xen_add_to_physmap_batch {
	domid_t domid;                /* IN */
	uint16_t space;               /* IN: XENMAPSPACE_* */
	uint16_t size;                /* IN: entries in each list */
	union xen_add_to_physmap_batch_extra {
		domid_t foreign_domid;    /* gmfn_foreign */
		uint16_t res0;            /* other spaces: zero */
	} u;
	XEN_GUEST_HANDLE(xen_ulong_t) idxs;   /* IN */
	XEN_GUEST_HANDLE(xen_pfn_t) gpfns;    /* IN */
	XEN_GUEST_HANDLE(int) errs;           /* OUT, per entry */
};
typedef struct xen_add_to_physmap_batch xen_add_to_physmap_batch_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_batch_t);

struct xen_remove_from_physmap {
	domid_t domid;
	xen_pfn_t gpfn;
};
typedef struct xen_remove_from_physmap xen_remove_from_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_remove_from_physmap_t);

/*
 * A memory map in the BIOS E820 format: buffer holds nr_entries of
 * struct xen_e820_entry. IN: the room; OUT: the entries written.
 */
struct xen_memory_map {
	unsigned int nr_entries;
	XEN_GUEST_HANDLE(void) buffer;
};
typedef struct xen_memory_map xen_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_map_t);

/*
 * One entry of that map. Xen's public headers leave it to the BIOS
 * definition (20 bytes, packed); this name is Xeno's own.
 */
struct xen_e820_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;                /* 1 RAM, 2 reserved, 3 ACPI, 4 NVS, 5 bad */
} __attribute__((__packed__));

struct xen_foreign_memory_map {
	domid_t domid;
	struct xen_memory_map map;
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_foreign_memory_map_t);

struct xen_pod_target {
	uint64_t target_pages;        /* IN */
	uint64_t tot_pages;           /* OUT */
	uint64_t pod_cache_pages;     /* OUT */
	uint64_t pod_entries;         /* OUT */
	domid_t domid;                /* IN */
};
typedef struct xen_pod_target xen_pod_target_t;

/*
 * Toolstack-only operations: memory sharing, paging and access control
 * (Xeno implements none of them; the layouts let tools compile), claims
 * and reserved device memory.
 */
#define XENMEM_get_sharing_freed_pages    18  /* no argument; never fails */
#define XENMEM_get_sharing_shared_pages   19

#define XENMEM_paging_op                  20
#define XENMEM_paging_op_nominate          0
#define XENMEM_paging_op_evict             1
#define XENMEM_paging_op_prep              2

struct xen_mem_paging_op {
	uint8_t op;                   /* XENMEM_paging_op_* */
	domid_t domain;
	XEN_GUEST_HANDLE_64(const_uint8) buffer; /* IN: prep's page data */
	uint64_aligned_t gfn;         /* IN */
};
typedef struct xen_mem_paging_op xen_mem_paging_op_t;
DEFINE_XEN_GUEST_HANDLE(xen_mem_paging_op_t);

#define XENMEM_access_op                  21
#define XENMEM_access_op_set_access        0
#define XENMEM_access_op_get_access        1
/* 2 and 3 were the emulate ops: retired, not to be reused. */
#define XENMEM_access_op_set_access_multi  4

typedef enum {
	XENMEM_access_n,
	XENMEM_access_r,
	XENMEM_access_w,
	XENMEM_access_rw,
	XENMEM_access_x,
	XENMEM_access_rx,
	XENMEM_access_wx,
	XENMEM_access_rwx,
	XENMEM_access_rx2rw,          /* r-x until the first write, then rw- */
	XENMEM_access_n2rwx,          /* none until touched, then rwx, logged */
	XENMEM_access_default         /* the domain's default */
} xenmem_access_t;

struct xen_mem_access_op {
	uint8_t op;                   /* XENMEM_access_op_* */
	uint8_t access;               /* xenmem_access_t */
	domid_t domid;
	uint32_t nr;                  /* pages (set), or list length (multi) */
	uint64_aligned_t pfn;         /* first pfn; ~0 is the default access */
	XEN_GUEST_HANDLE(const_uint64) pfn_list;  /* set_access_multi */
	XEN_GUEST_HANDLE(const_uint8) access_list; /* set_access_multi */
};
typedef struct xen_mem_access_op xen_mem_access_op_t;
DEFINE_XEN_GUEST_HANDLE(xen_mem_access_op_t);

#define XENMEM_sharing_op                 22
#define XENMEM_sharing_op_nominate_gfn     0
#define XENMEM_sharing_op_nominate_gref    1
#define XENMEM_sharing_op_share            2
#define XENMEM_sharing_op_debug_gfn        3
#define XENMEM_sharing_op_debug_mfn        4
#define XENMEM_sharing_op_debug_gref       5
#define XENMEM_sharing_op_add_physmap      6
#define XENMEM_sharing_op_audit            7
#define XENMEM_sharing_op_range_share      8
#define XENMEM_sharing_op_fork             9
#define XENMEM_sharing_op_fork_reset      10

#define XENMEM_SHARING_OP_S_HANDLE_INVALID (-10)
#define XENMEM_SHARING_OP_C_HANDLE_INVALID (-9)

/* Bit 62 of a gfn field marks it as a grant reference instead. */
#define XENMEM_SHARING_OP_FIELD_IS_GREF_FLAG (xen_mk_ullong(1) << 62)
#define XENMEM_SHARING_OP_FIELD_MAKE_GREF(field, val) \
	(field) = (XENMEM_SHARING_OP_FIELD_IS_GREF_FLAG | val)
#define XENMEM_SHARING_OP_FIELD_IS_GREF(field) \
	((field) & XENMEM_SHARING_OP_FIELD_IS_GREF_FLAG)
#define XENMEM_SHARING_OP_FIELD_GET_GREF(field) \
	((field) & (~XENMEM_SHARING_OP_FIELD_IS_GREF_FLAG))

struct xen_mem_sharing_op {
	uint8_t op;                   /* XENMEM_sharing_op_* */
	domid_t domain;
	union {
		struct mem_sharing_op_nominate {
			union {
				uint64_aligned_t gfn;    /* IN */
				uint32_t grant_ref;      /* IN */
			} u;
			uint64_aligned_t handle;         /* OUT */
		} nominate;
		struct mem_sharing_op_share {        /* share, add_physmap */
			uint64_aligned_t source_gfn;     /* IN */
			uint64_aligned_t source_handle;  /* IN */
			uint64_aligned_t client_gfn;     /* IN */
			uint64_aligned_t client_handle;  /* IN */
			domid_t client_domain;           /* IN */
		} share;
		struct mem_sharing_op_range {
			uint64_aligned_t first_gfn;      /* IN */
			uint64_aligned_t last_gfn;       /* IN */
			uint64_aligned_t opaque;         /* zero */
			domid_t client_domain;           /* IN */
			uint16_t _pad[3];                /* zero */
		} range;
		struct mem_sharing_op_debug {
			union {
				uint64_aligned_t gfn;    /* IN */
				uint64_aligned_t mfn;    /* IN */
				uint32_t gref;           /* IN */
			} u;
		} debug;
		struct mem_sharing_op_fork {         /* fork, fork_reset */
			domid_t parent_domain;           /* IN */
#define XENMEM_FORK_WITH_IOMMU_ALLOWED (1U << 0)
#define XENMEM_FORK_BLOCK_INTERRUPTS   (1U << 1)
#define XENMEM_FORK_RESET_STATE        (1U << 2)
#define XENMEM_FORK_RESET_MEMORY       (1U << 3)
			uint16_t flags;                  /* IN: XENMEM_FORK_* */
			uint32_t pad;                    /* zero */
		} fork;
	} u;
};
typedef struct xen_mem_sharing_op xen_mem_sharing_op_t;
DEFINE_XEN_GUEST_HANDLE(xen_mem_sharing_op_t);

/* Reserve pages for a domain without picking frames (arg: reservation). */
#define XENMEM_claim_pages                24

/* Guest-physical ranges that devices need left alone. */
#define XENMEM_reserved_device_memory_map 27
struct xen_reserved_device_memory {
	xen_pfn_t start_pfn;
	xen_ulong_t nr_pages;
};
typedef struct xen_reserved_device_memory xen_reserved_device_memory_t;
DEFINE_XEN_GUEST_HANDLE(xen_reserved_device_memory_t);

struct xen_reserved_device_memory_map {
#define XENMEM_RDM_ALL 1              /* every region, not just dev's */
	uint32_t flags;               /* IN */
	unsigned int nr_entries;      /* IN/OUT; -ERANGE with the count */
	XEN_GUEST_HANDLE(xen_reserved_device_memory_t) buffer; /* OUT */
	union {
		physdev_pci_device_t pci;
	} dev;                        /* IN */
};
typedef struct xen_reserved_device_memory_map xen_reserved_device_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_reserved_device_memory_map_t);

/* Map a domain's resource (ioreq server pages, grant table frames). */
struct xen_mem_acquire_resource {
	domid_t domid;
	uint16_t type;
#define XENMEM_resource_ioreq_server 0
#define XENMEM_resource_grant_table  1
#define XENMEM_resource_vmtrace_buf  2
	uint32_t id;
#define XENMEM_resource_grant_table_id_shared 0
#define XENMEM_resource_grant_table_id_status 1
	uint32_t nr_frames;           /* IN/OUT; 0 with no list: query size */
	uint32_t pad;                 /* zero */
	uint64_t frame;               /* IN: first frame */
#define XENMEM_resource_ioreq_server_frame_bufioreq 0
#define XENMEM_resource_ioreq_server_frame_ioreq(n) (1 + (n))
	XEN_GUEST_HANDLE(xen_pfn_t) frame_list;
};
typedef struct xen_mem_acquire_resource xen_mem_acquire_resource_t;
DEFINE_XEN_GUEST_HANDLE(xen_mem_acquire_resource_t);

/* Virtual NUMA layout (XENMEM_get_vnumainfo). */
struct xen_vmemrange {
	uint64_t start, end;
	unsigned int flags;
	unsigned int nid;
};
typedef struct xen_vmemrange xen_vmemrange_t;
DEFINE_XEN_GUEST_HANDLE(xen_vmemrange_t);

struct xen_vnuma_topology_info {
	domid_t domid;                /* IN */
	uint16_t pad;
	unsigned int nr_vnodes;       /* IN/OUT */
	unsigned int nr_vcpus;        /* IN/OUT */
	unsigned int nr_vmemranges;   /* IN/OUT */
	union {
		XEN_GUEST_HANDLE(uint) h;
		uint64_t pad;
	} vdistance;
	union {
		XEN_GUEST_HANDLE(uint) h;
		uint64_t pad;
	} vcpu_to_vnode;
	union {
		XEN_GUEST_HANDLE(xen_vmemrange_t) h;
		uint64_t pad;
	} vmemrange;
};
typedef struct xen_vnuma_topology_info xen_vnuma_topology_info_t;
DEFINE_XEN_GUEST_HANDLE(xen_vnuma_topology_info_t);

#endif /* XENO_PUBLIC_MEMORY_H */
