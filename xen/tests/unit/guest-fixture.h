/* SPDX-License-Identifier: GPL-2.0 */
/* A fixture for host tests of hypercall handlers that act on the calling
 * domain: domU 1 with NR_V vCPUs (vCPU 0 calls), its shared_info, and
 * guest copy routines over host memory that fault where the real ones
 * would (NULL page, the hypervisor's range, non-canonical, wrapping) and
 * on the read-only buffer, counting every copy. */
#ifndef GUEST_FIXTURE_H
#define GUEST_FIXTURE_H

#include "helpers.h"
#include <asm/cpu-info.h>
#include <asm/guest-access.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>

#define NR_V 3

/* Guest addresses the fake copy routines refuse, as the real ones would. */
#define GVA_NULL       0x0ULL
#define GVA_HYP        0xffff800000000000ULL   /* the hypervisor's range */
#define GVA_HYP_LAST   0xffff87fffffff000ULL   /* its last page */
#define GVA_NONCANON   0x0000800000000000ULL   /* first non-canonical byte */
#define GVA_ALL_ONES   0xffffffffffffffffULL

extern struct cpu_info cpu0;
extern struct domain dom;
extern struct vcpu vcpus[NR_V];
extern struct shared_info shinfo;

extern unsigned int nr_copy_in, nr_copy_out, nr_printks;
/* Where the last copy_to_guest went and how many bytes. */
extern uint64_t last_copy_out_gva;
extern size_t last_copy_out_len;
extern uint8_t read_only_arg[256];   /* copy_to_guest faults here */
extern bool fail_alloc;              /* xzalloc returns NULL */
/* A hole in guest memory: a copy touching [hole_start, hole_end) faults,
 * as one running into an unmapped page would. Empty when equal. */
extern uint64_t hole_start, hole_end;

/* A guest address for a host object. */
#define GVA(p) ((uint64_t)(uintptr_t)(p))

/* dom running with all its vCPUs up, vCPU 0 calling. */
void guest_fixture_reset(void);

/* The caller of the next hypercall. */
static inline void as(struct vcpu *v)
{
	cpu0.current = v;
}

#endif
