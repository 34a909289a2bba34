/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_vcpu_op(cmd, vcpuid, arg): bring vCPUs up and down, timers,
 * runstate accounting, and where a vCPU's vcpu_info and time info live.
 */
#ifndef XENO_PUBLIC_VCPU_H
#define XENO_PUBLIC_VCPU_H

#include "xen.h"

#define VCPUOP_initialise                      0  /* vcpu_guest_context */
#define VCPUOP_up                              1
#define VCPUOP_down                            2
#define VCPUOP_is_up                           3
#define VCPUOP_get_runstate_info               4
#define VCPUOP_register_runstate_memory_area   5
#define VCPUOP_set_periodic_timer              6
#define VCPUOP_stop_periodic_timer             7  /* arg NULL */
#define VCPUOP_set_singleshot_timer            8
#define VCPUOP_stop_singleshot_timer           9  /* arg NULL */
#define VCPUOP_register_vcpu_info             10
#define VCPUOP_send_nmi                       11
#define VCPUOP_get_physid                     12
#define VCPUOP_register_vcpu_time_memory_area 13

/*
 * Time a vCPU spent in each RUNSTATE_*, in ns; the sum tracks system
 * time. With VMASST_TYPE_runstate_update_flag, XEN_RUNSTATE_UPDATE is set
 * in state_entry_time while the hypervisor rewrites a registered copy.
 */
struct vcpu_runstate_info {
	int state;                    /* RUNSTATE_* */
	uint64_t state_entry_time;
#define XEN_RUNSTATE_UPDATE (xen_mk_ullong(1) << 63)
	uint64_t time[4];
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_runstate_info_t);

#define RUNSTATE_running   0
#define RUNSTATE_runnable  1
#define RUNSTATE_blocked   2
#define RUNSTATE_offline   3

/* A guest virtual address the hypervisor keeps the runstate at. */
struct vcpu_register_runstate_memory_area {
	union {
		XEN_GUEST_HANDLE(vcpu_runstate_info_t) h;
		struct vcpu_runstate_info *v;
		uint64_t p;
	} addr;
};
typedef struct vcpu_register_runstate_memory_area
	vcpu_register_runstate_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_runstate_memory_area_t);

struct vcpu_set_periodic_timer {
	uint64_t period_ns;
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_periodic_timer_t);

/* One VIRQ_TIMER at an absolute system time. */
struct vcpu_set_singleshot_timer {
	uint64_t timeout_abs_ns;
	uint32_t flags;               /* VCPU_SSHOTTMR_* */
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_singleshot_timer_t);

/* Fail with -ETIME if the timeout has passed (may be ignored). */
#define _VCPU_SSHOTTMR_future (0)
#define VCPU_SSHOTTMR_future  (1U << _VCPU_SSHOTTMR_future)

/* Move this vCPU's vcpu_info into a guest frame (must not cross a page). */
struct vcpu_register_vcpu_info {
	uint64_t mfn;
	uint32_t offset;
	uint32_t rsvd;                /* zero */
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_vcpu_info_t);

/* Physical APIC id (low half) and ACPI id (high half); dom0 only. */
struct vcpu_get_physid {
	uint64_t phys_id;
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_get_physid_t);
#define xen_vcpu_physid_to_x86_apicid(physid) ((uint32_t)(physid))
#define xen_vcpu_physid_to_x86_acpiid(physid) ((uint32_t)((physid) >> 32))

/* A second copy of vcpu_time_info, at a guest virtual address. */
DEFINE_XEN_GUEST_HANDLE(vcpu_time_info_t);
struct vcpu_register_time_memory_area {
	union {
		XEN_GUEST_HANDLE(vcpu_time_info_t) h;
		struct vcpu_time_info *v;
		uint64_t p;
	} addr;
};
typedef struct vcpu_register_time_memory_area vcpu_register_time_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_time_memory_area_t);

#endif /* XENO_PUBLIC_VCPU_H */
