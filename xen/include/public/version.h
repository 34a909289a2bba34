/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_xen_version(cmd, arg): version, build strings and the
 * XENFEAT_* feature bitmap. XENVER_version returns (major << 16 | minor)
 * and XENVER_pagesize the page size; the others return 0 and fill arg.
 */
#ifndef XENO_PUBLIC_VERSION_H
#define XENO_PUBLIC_VERSION_H

#include "xen.h"

#define XENVER_version              0  /* arg NULL */
#define XENVER_extraversion         1
#define XENVER_compile_info         2
#define XENVER_capabilities         3
#define XENVER_changeset            4
#define XENVER_platform_parameters  5
#define XENVER_get_features         6
#define XENVER_pagesize             7  /* arg NULL */
#define XENVER_guest_handle         8  /* xen_domain_handle_t */
#define XENVER_commandline          9
#define XENVER_build_id            10

/* ".0-rc1" and the like; NUL-terminated within the array. */
typedef char xen_extraversion_t[16];
#define XEN_EXTRAVERSION_LEN (sizeof(xen_extraversion_t))

struct xen_compile_info {
	char compiler[64];
	char compile_by[16];
	char compile_domain[32];
	char compile_date[32];
};
typedef struct xen_compile_info xen_compile_info_t;

/* Space-separated guest types, e.g. "xen-3.0-x86_64". */
typedef char xen_capabilities_info_t[1024];
#define XEN_CAPABILITIES_INFO_LEN (sizeof(xen_capabilities_info_t))

typedef char xen_changeset_info_t[64];
#define XEN_CHANGESET_INFO_LEN (sizeof(xen_changeset_info_t))

/* The lowest hypervisor-reserved virtual address. */
struct xen_platform_parameters {
	xen_ulong_t virt_start;
};
typedef struct xen_platform_parameters xen_platform_parameters_t;

/* One 32-bit word of the XENFEAT_* bitmap. */
struct xen_feature_info {
	unsigned int submap_idx;      /* IN: which word */
	uint32_t submap;              /* OUT */
};
typedef struct xen_feature_info xen_feature_info_t;

#include "features.h"

/* The hypervisor's command line (privileged callers). */
typedef char xen_commandline_t[1024];

struct xen_build_id {
	uint32_t len;                 /* IN: room in buf */
	unsigned char buf[XEN_FLEX_ARRAY_DIM]; /* OUT */
};
typedef struct xen_build_id xen_build_id_t;

#endif /* XENO_PUBLIC_VERSION_H */
