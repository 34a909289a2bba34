/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_sysctl(struct xen_sysctl *): the toolstack's host-wide
 * operations (console ring, physical and topology info, domain lists,
 * scheduler and cpupool control, power management, CPU policies),
 * privileged only. Layouts are Xen 4.17's at interface version 0x15;
 * another version gets -EACCES.
 */
#ifndef XENO_PUBLIC_SYSCTL_H
#define XENO_PUBLIC_SYSCTL_H

#include "xen.h"
#include "domctl.h"
#include "physdev.h"

#define XEN_SYSCTL_INTERFACE_VERSION 0x00000015

/* XEN_SYSCTL_readconsole: read the hypervisor's console ring. */
struct xen_sysctl_readconsole {
	uint8_t clear;                /* IN: clear the ring after reading */
	uint8_t incremental;          /* IN: start at 'index' */
	uint8_t pad0, pad1;
	uint32_t index;               /* IN: start, OUT: where reading ended */
	XEN_GUEST_HANDLE_64(char) buffer; /* IN */
	uint32_t count;               /* IN: buffer size, OUT: bytes written */
};

/* XEN_SYSCTL_tbuf_op: trace buffers. */
struct xen_sysctl_tbuf_op {
#define XEN_SYSCTL_TBUFOP_get_info     0
#define XEN_SYSCTL_TBUFOP_set_cpu_mask 1
#define XEN_SYSCTL_TBUFOP_set_evt_mask 2
#define XEN_SYSCTL_TBUFOP_set_size     3
#define XEN_SYSCTL_TBUFOP_enable       4
#define XEN_SYSCTL_TBUFOP_disable      5
	uint32_t cmd;                 /* IN */
	struct xenctl_bitmap cpu_mask; /* IN/OUT */
	uint32_t evt_mask;            /* IN/OUT */
	uint64_aligned_t buffer_mfn;  /* OUT */
	uint32_t size;                /* IN/OUT */
};

/* XEN_SYSCTL_physinfo: capabilities the host offers. */
#define _XEN_SYSCTL_PHYSCAP_hvm                0
#define XEN_SYSCTL_PHYSCAP_hvm                 (1U << _XEN_SYSCTL_PHYSCAP_hvm)
#define _XEN_SYSCTL_PHYSCAP_pv                 1
#define XEN_SYSCTL_PHYSCAP_pv                  (1U << _XEN_SYSCTL_PHYSCAP_pv)
#define _XEN_SYSCTL_PHYSCAP_directio           2   /* IOMMU passthrough */
#define XEN_SYSCTL_PHYSCAP_directio            (1U << _XEN_SYSCTL_PHYSCAP_directio)
#define _XEN_SYSCTL_PHYSCAP_hap                3
#define XEN_SYSCTL_PHYSCAP_hap                 (1U << _XEN_SYSCTL_PHYSCAP_hap)
#define _XEN_SYSCTL_PHYSCAP_shadow             4
#define XEN_SYSCTL_PHYSCAP_shadow              (1U << _XEN_SYSCTL_PHYSCAP_shadow)
#define _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share 5
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share \
	(1U << _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share)
#define XEN_SYSCTL_PHYSCAP_vmtrace             (1U << 6)
#define XEN_SYSCTL_PHYSCAP_vpmu                (1U << 7)
#define XEN_SYSCTL_PHYSCAP_gnttab_v1           (1U << 8)
#define XEN_SYSCTL_PHYSCAP_gnttab_v2           (1U << 9)
#define XEN_SYSCTL_PHYSCAP_MAX                 XEN_SYSCTL_PHYSCAP_gnttab_v2

struct xen_sysctl_physinfo {
	uint32_t threads_per_core;
	uint32_t cores_per_socket;
	uint32_t nr_cpus;             /* online */
	uint32_t max_cpu_id;          /* highest possible */
	uint32_t nr_nodes;            /* online */
	uint32_t max_node_id;         /* highest possible */
	uint32_t cpu_khz;
	uint32_t capabilities;        /* XEN_SYSCTL_PHYSCAP_* */
	uint32_t arch_capabilities;   /* architecture-specific bits */
	uint32_t pad;
	uint64_aligned_t total_pages;
	uint64_aligned_t free_pages;
	uint64_aligned_t scrub_pages;
	uint64_aligned_t outstanding_pages; /* claimed */
	uint64_aligned_t max_mfn;     /* highest possible */
	uint32_t hw_cap[8];
};

/* XEN_SYSCTL_sched_id: the default scheduler (XEN_SCHEDULER_*). */
struct xen_sysctl_sched_id {
	uint32_t sched_id;            /* OUT */
};

/* XEN_SYSCTL_perfc_op: software performance counters. */
#define XEN_SYSCTL_PERFCOP_reset 1
#define XEN_SYSCTL_PERFCOP_query 2
struct xen_sysctl_perfc_desc {
	char name[80];
	uint32_t nr_vals;
};
typedef struct xen_sysctl_perfc_desc xen_sysctl_perfc_desc_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_perfc_desc_t);
typedef uint32_t xen_sysctl_perfc_val_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_perfc_val_t);

struct xen_sysctl_perfc_op {
	uint32_t cmd;                 /* IN: XEN_SYSCTL_PERFCOP_* */
	uint32_t nr_counters;         /* OUT */
	uint32_t nr_vals;             /* OUT */
	XEN_GUEST_HANDLE_64(xen_sysctl_perfc_desc_t) desc; /* or NULL */
	XEN_GUEST_HANDLE_64(xen_sysctl_perfc_val_t) val;   /* or NULL */
};

/* XEN_SYSCTL_getdomaininfolist: domains from first_domain up. */
struct xen_sysctl_getdomaininfolist {
	domid_t first_domain;         /* IN */
	uint32_t max_domains;         /* IN */
	XEN_GUEST_HANDLE_64(xen_domctl_getdomaininfo_t) buffer; /* IN */
	uint32_t num_domains;         /* OUT */
};

/* XEN_SYSCTL_debug_keys: run debug-key handlers as if typed. */
struct xen_sysctl_debug_keys {
	XEN_GUEST_HANDLE_64(const_char) keys; /* IN */
	uint32_t nr_keys;             /* IN */
};

/* XEN_SYSCTL_getcpuinfo: idle time per physical CPU. */
struct xen_sysctl_cpuinfo {
	uint64_aligned_t idletime;    /* ns */
};
typedef struct xen_sysctl_cpuinfo xen_sysctl_cpuinfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_cpuinfo_t);
struct xen_sysctl_getcpuinfo {
	uint32_t max_cpus;            /* IN */
	XEN_GUEST_HANDLE_64(xen_sysctl_cpuinfo_t) info; /* IN */
	uint32_t nr_cpus;             /* OUT */
};

/* XEN_SYSCTL_availheap: free memory in an address-width range. */
struct xen_sysctl_availheap {
	uint32_t min_bitwidth;        /* IN: 0 for any */
	uint32_t max_bitwidth;        /* IN: 0 for any */
	int32_t node;                 /* IN: -1 for all nodes */
	uint64_aligned_t avail_bytes; /* OUT */
};

/* XEN_SYSCTL_get_pmstat: P-state and C-state statistics. */
struct pm_px_val {
	uint64_aligned_t freq;
	uint64_aligned_t residency;
	uint64_aligned_t count;       /* transitions into it */
};
typedef struct pm_px_val pm_px_val_t;
DEFINE_XEN_GUEST_HANDLE(pm_px_val_t);

struct pm_px_stat {
	uint8_t total;                /* P-states */
	uint8_t usable;
	uint8_t last;
	uint8_t cur;
	XEN_GUEST_HANDLE_64(uint64) trans_pt; /* transition table */
	XEN_GUEST_HANDLE_64(pm_px_val_t) pt;
};

struct pm_cx_stat {
	uint32_t nr;                  /* entries in triggers/residencies (C0 too) */
	uint32_t last;
	uint64_aligned_t idle_time;   /* since boot */
	XEN_GUEST_HANDLE_64(uint64) triggers;
	XEN_GUEST_HANDLE_64(uint64) residencies;
	uint32_t nr_pc;               /* entries in pc */
	uint32_t nr_cc;               /* entries in cc */
	/* Package and core residencies from PC1/CC1 on; unknown slots untouched. */
	XEN_GUEST_HANDLE_64(uint64) pc;
	XEN_GUEST_HANDLE_64(uint64) cc;
};

struct xen_sysctl_get_pmstat {
#define PMSTAT_CATEGORY_MASK 0xf0
#define PMSTAT_PX            0x10
#define PMSTAT_CX            0x20
#define PMSTAT_get_max_px    (PMSTAT_PX | 0x1)
#define PMSTAT_get_pxstat    (PMSTAT_PX | 0x2)
#define PMSTAT_reset_pxstat  (PMSTAT_PX | 0x3)
#define PMSTAT_get_max_cx    (PMSTAT_CX | 0x1)
#define PMSTAT_get_cxstat    (PMSTAT_CX | 0x2)
#define PMSTAT_reset_cxstat  (PMSTAT_CX | 0x3)
	uint32_t type;
	uint32_t cpuid;
	union {
		struct pm_px_stat getpx;
		struct pm_cx_stat getcx;
	} u;
};

/* XEN_SYSCTL_cpu_hotplug */
struct xen_sysctl_cpu_hotplug {
	uint32_t cpu;                 /* IN: physical CPU */
#define XEN_SYSCTL_CPU_HOTPLUG_ONLINE      0
#define XEN_SYSCTL_CPU_HOTPLUG_OFFLINE     1
/* All non-first hyperthreads of every core at once ('cpu' unused). */
#define XEN_SYSCTL_CPU_HOTPLUG_SMT_ENABLE  2
#define XEN_SYSCTL_CPU_HOTPLUG_SMT_DISABLE 3
	uint32_t op;
};

/* XEN_SYSCTL_pm_op: cpufreq governors and idle-state limits. */
struct xen_userspace {
	uint32_t scaling_setspeed;
};

struct xen_ondemand {
	uint32_t sampling_rate_max;
	uint32_t sampling_rate_min;
	uint32_t sampling_rate;
	uint32_t up_threshold;
};

/* Field names follow Linux's cpufreq sysfs files. */
#define CPUFREQ_NAME_LEN 16
struct xen_get_cpufreq_para {
	uint32_t cpu_num;             /* IN/OUT: entries in affected_cpus */
	uint32_t freq_num;            /* IN/OUT */
	uint32_t gov_num;             /* IN/OUT */
	XEN_GUEST_HANDLE_64(uint32) affected_cpus;
	XEN_GUEST_HANDLE_64(uint32) scaling_available_frequencies;
	XEN_GUEST_HANDLE_64(char) scaling_available_governors;
	char scaling_driver[CPUFREQ_NAME_LEN];
	uint32_t cpuinfo_cur_freq;
	uint32_t cpuinfo_max_freq;
	uint32_t cpuinfo_min_freq;
	uint32_t scaling_cur_freq;
	char scaling_governor[CPUFREQ_NAME_LEN];
	uint32_t scaling_max_freq;
	uint32_t scaling_min_freq;
	union {                       /* the current governor's settings */
		struct xen_userspace userspace;
		struct xen_ondemand ondemand;
	} u;
	int32_t turbo_enabled;
};

struct xen_set_cpufreq_gov {
	char scaling_governor[CPUFREQ_NAME_LEN];
};

struct xen_set_cpufreq_para {
#define SCALING_MAX_FREQ 1
#define SCALING_MIN_FREQ 2
#define SCALING_SETSPEED 3
#define SAMPLING_RATE    4
#define UP_THRESHOLD     5
	uint32_t ctrl_type;
	uint32_t ctrl_value;
};

struct xen_sysctl_pm_op {
#define PM_PARA_CATEGORY_MASK 0xf0
#define CPUFREQ_PARA          0x10
#define GET_CPUFREQ_PARA      (CPUFREQ_PARA | 0x01)
#define SET_CPUFREQ_GOV       (CPUFREQ_PARA | 0x02)
#define SET_CPUFREQ_PARA      (CPUFREQ_PARA | 0x03)
#define GET_CPUFREQ_AVGFREQ   (CPUFREQ_PARA | 0x04)
#define XEN_SYSCTL_pm_op_set_sched_opt_smt          0x21
/* cpuid 0 addresses the max C-state, 1 the max sub-state. */
#define XEN_SYSCTL_pm_op_get_max_cstate             0x22
#define XEN_SYSCTL_pm_op_set_max_cstate             0x23
#define XEN_SYSCTL_pm_op_set_vcpu_migration_delay   0x24
#define XEN_SYSCTL_pm_op_get_vcpu_migration_delay   0x25
#define XEN_SYSCTL_pm_op_enable_turbo               0x26
#define XEN_SYSCTL_pm_op_disable_turbo              0x27
	uint32_t cmd;
	uint32_t cpuid;
	union {
		struct xen_get_cpufreq_para get_para;
		struct xen_set_cpufreq_gov set_gov;
		struct xen_set_cpufreq_para set_para;
		uint64_aligned_t get_avgfreq;
		uint32_t set_sched_opt_smt;
#define XEN_SYSCTL_CX_UNLIMITED 0xffffffff
		uint32_t get_max_cstate;
		uint32_t set_max_cstate;
	} u;
};

/* XEN_SYSCTL_page_offline_op: take frames start..end out of (or into) use. */
struct xen_sysctl_page_offline_op {
#define sysctl_page_offline       1
#define sysctl_page_online        2
#define sysctl_query_page_offline 3
	uint32_t cmd;                 /* IN */
	uint32_t start;               /* IN */
	uint32_t end;                 /* IN */
	/* OUT, per frame: bits 0-15 PG_* result, bits 16-31 the owner. */
	XEN_GUEST_HANDLE(uint32) status;
};

#define PG_OFFLINE_STATUS_MASK            (0xFFUL)
#define PG_OFFLINE_INVALID                (0x1UL << 0) /* not handled */
#define PG_OFFLINE_OFFLINED               (0x1UL << 1)
#define PG_OFFLINE_PENDING                (0x1UL << 2)
#define PG_OFFLINE_FAILED                 (0x1UL << 3)
#define PG_OFFLINE_AGAIN                  (0x1UL << 4)
#define PG_ONLINE_FAILED                  PG_OFFLINE_FAILED
#define PG_ONLINE_ONLINED                 PG_OFFLINE_OFFLINED
#define PG_OFFLINE_STATUS_OFFLINED        (0x1UL << 1)
#define PG_OFFLINE_STATUS_ONLINE          (0x1UL << 2)
#define PG_OFFLINE_STATUS_OFFLINE_PENDING (0x1UL << 3)
#define PG_OFFLINE_STATUS_BROKEN          (0x1UL << 4)
#define PG_OFFLINE_MISC_MASK              (0xFFUL << 4)
/* Why a request failed or is pending: */
#define PG_OFFLINE_XENPAGE                (0x1UL << 8)
#define PG_OFFLINE_DOM0PAGE               (0x1UL << 9)
#define PG_OFFLINE_ANONYMOUS              (0x1UL << 10)
#define PG_OFFLINE_NOT_CONV_RAM           (0x1UL << 11)
#define PG_OFFLINE_OWNED                  (0x1UL << 12)
#define PG_OFFLINE_BROKEN                 (0x1UL << 13)
#define PG_ONLINE_BROKEN                  PG_OFFLINE_BROKEN
#define PG_OFFLINE_OWNER_SHIFT            16

/* XEN_SYSCTL_lockprof_op: lock profiling. */
#define XEN_SYSCTL_LOCKPROF_reset 1
#define XEN_SYSCTL_LOCKPROF_query 2
#define LOCKPROF_TYPE_GLOBAL      0   /* idx unused */
#define LOCKPROF_TYPE_PERDOM      1   /* idx is the domain id */
#define LOCKPROF_TYPE_N           2
struct xen_sysctl_lockprof_data {
	char name[40];                /* may hold up to two %d */
	int32_t type;                 /* LOCKPROF_TYPE_* */
	int32_t idx;
	uint64_aligned_t lock_cnt;
	uint64_aligned_t block_cnt;
	uint64_aligned_t lock_time;   /* ns held */
	uint64_aligned_t block_time;  /* ns waited */
};
typedef struct xen_sysctl_lockprof_data xen_sysctl_lockprof_data_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_lockprof_data_t);
struct xen_sysctl_lockprof_op {
	uint32_t cmd;                 /* IN: XEN_SYSCTL_LOCKPROF_* */
	uint32_t max_elem;            /* IN */
	uint32_t nr_elem;             /* OUT (query) */
	uint64_aligned_t time;        /* OUT: ns measured */
	XEN_GUEST_HANDLE_64(xen_sysctl_lockprof_data_t) data; /* or NULL */
};

/*
 * XEN_SYSCTL_cputopoinfo. A NULL cputopo asks for the CPU count; a short
 * buffer gets what fits and the count wanted.
 */
#define XEN_INVALID_CORE_ID   (~0U)
#define XEN_INVALID_SOCKET_ID (~0U)
#define XEN_INVALID_NODE_ID   (~0U)

struct xen_sysctl_cputopo {
	uint32_t core;
	uint32_t socket;
	uint32_t node;
};
typedef struct xen_sysctl_cputopo xen_sysctl_cputopo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_cputopo_t);

struct xen_sysctl_cputopoinfo {
	uint32_t num_cpus;            /* IN/OUT */
	XEN_GUEST_HANDLE_64(xen_sysctl_cputopo_t) cputopo;
};

/*
 * XEN_SYSCTL_numainfo. Both handles NULL asks for the node count;
 * distance[i * N + j] is node i to node j, N the count returned.
 */
#define XEN_INVALID_MEM_SZ    (~0U)
#define XEN_INVALID_NODE_DIST (~0U)

struct xen_sysctl_meminfo {
	uint64_t memsize;
	uint64_t memfree;
};
typedef struct xen_sysctl_meminfo xen_sysctl_meminfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_meminfo_t);

struct xen_sysctl_numainfo {
	uint32_t num_nodes;           /* IN/OUT */
	XEN_GUEST_HANDLE_64(xen_sysctl_meminfo_t) meminfo;
	XEN_GUEST_HANDLE_64(uint32) distance;
};

/*
 * XEN_SYSCTL_cpupool_op. Letters say which op uses a field: Create,
 * Destroy, Info, Addcpu, Rmcpu, Movedomain, Freeinfo.
 */
#define XEN_SYSCTL_CPUPOOL_OP_CREATE     1
#define XEN_SYSCTL_CPUPOOL_OP_DESTROY    2
#define XEN_SYSCTL_CPUPOOL_OP_INFO       3
#define XEN_SYSCTL_CPUPOOL_OP_ADDCPU     4
#define XEN_SYSCTL_CPUPOOL_OP_RMCPU      5
#define XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN 6
#define XEN_SYSCTL_CPUPOOL_OP_FREEINFO   7
#define XEN_SYSCTL_CPUPOOL_PAR_ANY       0xFFFFFFFF
struct xen_sysctl_cpupool_op {
	uint32_t op;                  /* IN */
	uint32_t cpupool_id;          /* IN: CDIARM, OUT: CI */
	uint32_t sched_id;            /* IN: C, OUT: I */
	uint32_t domid;               /* IN: M */
	uint32_t cpu;                 /* IN: AR */
	uint32_t n_dom;               /* OUT: I */
	struct xenctl_bitmap cpumap;  /* OUT: IF */
};

/* XEN_SYSCTL_scheduler_op */
#define ARINC653_MAX_DOMAINS_PER_SCHEDULE 64
struct xen_sysctl_arinc653_schedule {
	uint64_aligned_t major_frame; /* ns */
	uint8_t num_sched_entries;    /* valid entries below */
	struct {
		xen_domain_handle_t dom_handle; /* the domain's UUID */
		uint32_t vcpu_id;
		uint64_aligned_t runtime; /* ns per major frame */
	} sched_entries[ARINC653_MAX_DOMAINS_PER_SCHEDULE];
};
typedef struct xen_sysctl_arinc653_schedule xen_sysctl_arinc653_schedule_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_arinc653_schedule_t);

/* Context-switch rate limit bounds (us), credit and credit2. */
#define XEN_SYSCTL_SCHED_RATELIMIT_MAX 500000
#define XEN_SYSCTL_SCHED_RATELIMIT_MIN 100

struct xen_sysctl_credit_schedule {
#define XEN_SYSCTL_CSCHED_TSLICE_MAX 1000
#define XEN_SYSCTL_CSCHED_TSLICE_MIN 1
	uint32_t tslice_ms;
	uint32_t ratelimit_us;
/* How long a vCPU counts as cache-hot where it ran (us). */
#define XEN_SYSCTL_CSCHED_MGR_DLY_MAX_US (100 * 1000)
	uint32_t vcpu_migr_delay_us;
};

struct xen_sysctl_credit2_schedule {
	uint32_t ratelimit_us;
};

#define XEN_SYSCTL_SCHEDOP_putinfo 0
#define XEN_SYSCTL_SCHEDOP_getinfo 1
struct xen_sysctl_scheduler_op {
	uint32_t cpupool_id;          /* the pool whose scheduler is meant */
	uint32_t sched_id;            /* XEN_SCHEDULER_* */
	uint32_t cmd;                 /* XEN_SYSCTL_SCHEDOP_* */
	union {
		struct xen_sysctl_sched_arinc653 {
			XEN_GUEST_HANDLE_64(xen_sysctl_arinc653_schedule_t) schedule;
		} sched_arinc653;
		struct xen_sysctl_credit_schedule sched_credit;
		struct xen_sysctl_credit2_schedule sched_credit2;
	} u;
};

/*
 * XEN_SYSCTL_coverage_op. gcov output is this magic, then records of
 * a NUL-terminated file name, a uint32_t size and that many bytes; LLVM
 * output is the raw profile stream.
 */
#define XEN_GCOV_FORMAT_MAGIC        0x58434f56 /* "XCOV" */
#define XEN_SYSCTL_COVERAGE_get_size 0
#define XEN_SYSCTL_COVERAGE_read     1
#define XEN_SYSCTL_COVERAGE_reset    2

struct xen_sysctl_coverage_op {
	uint32_t cmd;
	uint32_t size;                /* IN/OUT */
	XEN_GUEST_HANDLE_64(char) buffer; /* OUT */
};

/* XEN_SYSCTL_psr_cmt_op: cache monitoring. */
#define XEN_SYSCTL_PSR_CMT_get_total_rmid          0
#define XEN_SYSCTL_PSR_CMT_get_l3_upscaling_factor 1
#define XEN_SYSCTL_PSR_CMT_get_l3_cache_size       2  /* KiB */
#define XEN_SYSCTL_PSR_CMT_enabled                 3
#define XEN_SYSCTL_PSR_CMT_get_l3_event_mask       4
struct xen_sysctl_psr_cmt_op {
	uint32_t cmd;                 /* IN */
	uint32_t flags;               /* zero */
	union {
		uint64_t data;        /* OUT */
		struct {
			uint32_t cpu; /* IN */
			uint32_t rsvd;
		} l3_cache;
	} u;
};

/* XEN_SYSCTL_pcitopoinfo: NUMA node of PCI devices. */
#define XEN_INVALID_DEV (XEN_INVALID_NODE_ID - 1) /* unknown device */
struct xen_sysctl_pcitopoinfo {
	uint32_t num_devs;            /* IN: entries, OUT: done */
	XEN_GUEST_HANDLE_64(physdev_pci_device_t) devs; /* IN */
	XEN_GUEST_HANDLE_64(uint32) nodes; /* OUT, or XEN_INVALID_* */
};

/* XEN_SYSCTL_psr_alloc: cache and bandwidth allocation features. */
#define XEN_SYSCTL_PSR_get_l3_info  0
#define XEN_SYSCTL_PSR_get_l2_info  1
#define XEN_SYSCTL_PSR_get_mba_info 2
struct xen_sysctl_psr_alloc {
	uint32_t cmd;                 /* IN */
	uint32_t target;              /* IN */
	union {
		struct {
			uint32_t cbm_len;     /* OUT */
			uint32_t cos_max;     /* OUT */
#define XEN_SYSCTL_PSR_CAT_L3_CDP (1U << 0)
			uint32_t flags;       /* OUT */
		} cat_info;
		struct {
			uint32_t thrtl_max;   /* OUT */
			uint32_t cos_max;     /* OUT */
#define XEN_SYSCTL_PSR_MBA_LINEAR (1U << 0)
			uint32_t flags;       /* OUT */
		} mba_info;
	} u;
};

/* XEN_SYSCTL_get_cpu_levelling_caps: CPUID masking/faulting for PV. */
struct xen_sysctl_cpu_levelling_caps {
#define XEN_SYSCTL_CPU_LEVELCAP_faulting    (1UL << 0)
#define XEN_SYSCTL_CPU_LEVELCAP_ecx         (1UL << 1) /* leaf 1 */
#define XEN_SYSCTL_CPU_LEVELCAP_edx         (1UL << 2)
#define XEN_SYSCTL_CPU_LEVELCAP_extd_ecx    (1UL << 3) /* 0x80000001 */
#define XEN_SYSCTL_CPU_LEVELCAP_extd_edx    (1UL << 4)
#define XEN_SYSCTL_CPU_LEVELCAP_xsave_eax   (1UL << 5) /* 0xd:1 */
#define XEN_SYSCTL_CPU_LEVELCAP_thermal_ecx (1UL << 6) /* 6 */
#define XEN_SYSCTL_CPU_LEVELCAP_l7s0_eax    (1UL << 7) /* 7:0 */
#define XEN_SYSCTL_CPU_LEVELCAP_l7s0_ebx    (1UL << 8)
	uint32_t caps;
};

/*
 * XEN_SYSCTL_get_cpu_featureset: raw, host, or the PV/HVM maxima.
 * -EOPNOTSUPP for a guest type the hypervisor was built without.
 */
struct xen_sysctl_cpu_featureset {
#define XEN_SYSCTL_cpu_featureset_raw     0
#define XEN_SYSCTL_cpu_featureset_host    1
#define XEN_SYSCTL_cpu_featureset_pv      2
#define XEN_SYSCTL_cpu_featureset_hvm     3
#define XEN_SYSCTL_cpu_featureset_pv_max  4
#define XEN_SYSCTL_cpu_featureset_hvm_max 5
	uint32_t index;               /* IN */
	uint32_t nr_features;         /* IN/OUT; NULL features: the maximum */
	XEN_GUEST_HANDLE_64(uint32) features; /* OUT */
};

/*
 * XEN_SYSCTL_livepatch_op: upload, query, list and apply live patches.
 * Xeno has none; the layouts are here so tools compile.
 */
#define LIVEPATCH_PAYLOAD_VERSION 2
#define XEN_LIVEPATCH_NAME_SIZE   128  /* recommended, NUL included */
struct xen_livepatch_name {
	XEN_GUEST_HANDLE_64(char) name; /* IN */
	uint16_t size;                /* IN */
	uint16_t pad[3];              /* zero */
};

#define XEN_SYSCTL_LIVEPATCH_UPLOAD 0
struct xen_sysctl_livepatch_upload {
	struct xen_livepatch_name name;
	uint64_t size;                /* IN: ELF size */
	XEN_GUEST_HANDLE_64(uint8) payload; /* IN: ELF image */
};

#define XEN_SYSCTL_LIVEPATCH_GET 1
struct xen_livepatch_status {
#define LIVEPATCH_STATE_CHECKED 1
#define LIVEPATCH_STATE_APPLIED 2
	uint32_t state;               /* OUT */
	int32_t rc;                   /* OUT: 0 or -XEN_E* */
};
typedef struct xen_livepatch_status xen_livepatch_status_t;
DEFINE_XEN_GUEST_HANDLE(xen_livepatch_status_t);

struct xen_sysctl_livepatch_get {
	struct xen_livepatch_name name;     /* IN */
	struct xen_livepatch_status status; /* IN/OUT */
};

#define XEN_SYSCTL_LIVEPATCH_LIST 2
struct xen_sysctl_livepatch_list {
	uint32_t version;             /* OUT: changes when the list does */
	uint32_t idx;                 /* IN: first entry */
	uint32_t nr;                  /* IN: wanted, OUT: left */
	uint32_t pad;                 /* zero */
	uint32_t name_total_size;     /* OUT */
	uint32_t metadata_total_size; /* OUT */
	XEN_GUEST_HANDLE_64(xen_livepatch_status_t) status; /* OUT, nr */
	XEN_GUEST_HANDLE_64(char) name;        /* OUT, nr names */
	XEN_GUEST_HANDLE_64(uint32) len;       /* OUT, nr lengths */
	XEN_GUEST_HANDLE_64(char) metadata;    /* OUT, nr strings */
	XEN_GUEST_HANDLE_64(uint32) metadata_len; /* OUT, nr lengths */
};

#define XEN_SYSCTL_LIVEPATCH_ACTION 3
struct xen_sysctl_livepatch_action {
	struct xen_livepatch_name name; /* IN */
#define LIVEPATCH_ACTION_UNLOAD  1
#define LIVEPATCH_ACTION_REVERT  2
#define LIVEPATCH_ACTION_APPLY   3
#define LIVEPATCH_ACTION_REPLACE 4
	uint32_t cmd;                 /* IN */
	uint32_t timeout;             /* IN: ns, 0 for the default */
/* Check only the build id, not the dependency chain. */
#define LIVEPATCH_ACTION_APPLY_NODEPS (1 << 0)
	uint32_t flags;               /* IN */
	uint32_t pad;                 /* zero */
};

struct xen_sysctl_livepatch_op {
	uint32_t cmd;                 /* IN: XEN_SYSCTL_LIVEPATCH_* */
	uint32_t pad;                 /* zero */
	union {
		struct xen_sysctl_livepatch_upload upload;
		struct xen_sysctl_livepatch_list list;
		struct xen_sysctl_livepatch_get get;
		struct xen_sysctl_livepatch_action action;
	} u;
};

/*
 * XEN_SYSCTL_get_cpu_policy: the raw, host, and PV/HVM maximum and
 * default CPUID and MSR policies. NULL handles ask for the maxima.
 */
struct xen_sysctl_cpu_policy {
#define XEN_SYSCTL_cpu_policy_raw         0
#define XEN_SYSCTL_cpu_policy_host        1
#define XEN_SYSCTL_cpu_policy_pv_max      2
#define XEN_SYSCTL_cpu_policy_hvm_max     3
#define XEN_SYSCTL_cpu_policy_pv_default  4
#define XEN_SYSCTL_cpu_policy_hvm_default 5
	uint32_t index;               /* IN */
	uint32_t nr_leaves;           /* IN/OUT */
	uint32_t nr_msrs;             /* IN/OUT */
	uint32_t _rsvd;               /* zero */
	XEN_GUEST_HANDLE_64(xen_cpuid_leaf_t) leaves; /* OUT */
	XEN_GUEST_HANDLE_64(xen_msr_entry_t) msrs;    /* OUT */
};
typedef struct xen_sysctl_cpu_policy xen_sysctl_cpu_policy_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_cpu_policy_t);

struct xen_sysctl {
	uint32_t cmd;
#define XEN_SYSCTL_readconsole              1
#define XEN_SYSCTL_tbuf_op                  2
#define XEN_SYSCTL_physinfo                 3
#define XEN_SYSCTL_sched_id                 4
#define XEN_SYSCTL_perfc_op                 5
#define XEN_SYSCTL_getdomaininfolist        6
#define XEN_SYSCTL_debug_keys               7
#define XEN_SYSCTL_getcpuinfo               8
#define XEN_SYSCTL_availheap                9
#define XEN_SYSCTL_get_pmstat              10
#define XEN_SYSCTL_cpu_hotplug             11
#define XEN_SYSCTL_pm_op                   12
#define XEN_SYSCTL_page_offline_op         14
#define XEN_SYSCTL_lockprof_op             15
#define XEN_SYSCTL_cputopoinfo             16
#define XEN_SYSCTL_numainfo                17
#define XEN_SYSCTL_cpupool_op              18
#define XEN_SYSCTL_scheduler_op            19
#define XEN_SYSCTL_coverage_op             20
#define XEN_SYSCTL_psr_cmt_op              21
#define XEN_SYSCTL_pcitopoinfo             22
#define XEN_SYSCTL_psr_alloc               23
/* 24: retired (tmem_op) */
#define XEN_SYSCTL_get_cpu_levelling_caps  25
#define XEN_SYSCTL_get_cpu_featureset      26
#define XEN_SYSCTL_livepatch_op            27
/* 28: retired (set_parameter) */
#define XEN_SYSCTL_get_cpu_policy          29
	uint32_t interface_version;   /* XEN_SYSCTL_INTERFACE_VERSION */
	union {
		struct xen_sysctl_readconsole readconsole;
		struct xen_sysctl_tbuf_op tbuf_op;
		struct xen_sysctl_physinfo physinfo;
		struct xen_sysctl_cputopoinfo cputopoinfo;
		struct xen_sysctl_pcitopoinfo pcitopoinfo;
		struct xen_sysctl_numainfo numainfo;
		struct xen_sysctl_sched_id sched_id;
		struct xen_sysctl_perfc_op perfc_op;
		struct xen_sysctl_getdomaininfolist getdomaininfolist;
		struct xen_sysctl_debug_keys debug_keys;
		struct xen_sysctl_getcpuinfo getcpuinfo;
		struct xen_sysctl_availheap availheap;
		struct xen_sysctl_get_pmstat get_pmstat;
		struct xen_sysctl_cpu_hotplug cpu_hotplug;
		struct xen_sysctl_pm_op pm_op;
		struct xen_sysctl_page_offline_op page_offline;
		struct xen_sysctl_lockprof_op lockprof_op;
		struct xen_sysctl_cpupool_op cpupool_op;
		struct xen_sysctl_scheduler_op scheduler_op;
		struct xen_sysctl_coverage_op coverage_op;
		struct xen_sysctl_psr_cmt_op psr_cmt_op;
		struct xen_sysctl_psr_alloc psr_alloc;
		struct xen_sysctl_cpu_levelling_caps cpu_levelling_caps;
		struct xen_sysctl_cpu_featureset cpu_featureset;
		struct xen_sysctl_livepatch_op livepatch;
		struct xen_sysctl_cpu_policy cpu_policy;
		uint8_t pad[128];     /* fixes the union's size */
	} u;
};
typedef struct xen_sysctl xen_sysctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_t);

#endif /* XENO_PUBLIC_SYSCTL_H */
