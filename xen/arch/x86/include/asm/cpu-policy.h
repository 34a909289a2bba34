/* SPDX-License-Identifier: GPL-2.0 */
/* A CPUID/MSR policy as Xen 4.17's toolstack interface sees it: the
 * leaves libxenguest serialises (xen_cpuid_leaf_t entries) in the ranges
 * Xen 4.17 accepts, and the two MSRs it carries. A domain's copy (set by
 * XEN_DOMCTL_set_cpu_policy) decides what its CPUID answers, within the
 * PV maximum (pv/cpu-policy.c). */
#ifndef ASM_CPU_POLICY_H
#define ASM_CPU_POLICY_H

#include <stdbool.h>
#include <stdint.h>

/* Xen 4.17's array sizes (libxenguest checks leaves against the same). */
#define CPUID_NR_BASIC   (0xdu + 1)
#define CPUID_NR_CACHE   (5u + 1)     /* leaf 4 */
#define CPUID_NR_FEAT    (2u + 1)     /* leaf 7 */
#define CPUID_NR_TOPO    (1u + 1)     /* leaf 0xb */
#define CPUID_NR_XSTATE  (62u + 1)    /* leaf 0xd */
#define CPUID_NR_EXTD    (0x21u + 1)  /* 0x80000000 + n */
/* Xen's CPUID_MAX_SERIALISED_LEAVES: every array, less the basic slots
 * the sub-leaf arrays replace, plus the two hypervisor limits. */
#define CPUID_MAX_SERIALISED_LEAVES \
	(CPUID_NR_BASIC + CPUID_NR_FEAT - 1 + CPUID_NR_CACHE - 1 + CPUID_NR_TOPO - 1 + \
	 CPUID_NR_XSTATE - 1 + CPUID_NR_EXTD + 2)
#define MSR_MAX_SERIALISED_ENTRIES 2
#define FSCAPINTS 19                  /* feature words in Xen 4.17.7's featureset */

#define MSR_INTEL_PLATFORM_INFO 0x000000ceu
#define MSR_ARCH_CAPABILITIES   0x0000010au

struct cpuid_regs {
	uint32_t a, b, c, d;
};

struct cpu_policy {
	bool valid;                      /* false: the PV maximum applies */
	struct cpuid_regs basic[CPUID_NR_BASIC];   /* 4, 7, 0xb, 0xd unused */
	struct cpuid_regs cache[CPUID_NR_CACHE];
	struct cpuid_regs feat[CPUID_NR_FEAT];
	struct cpuid_regs topo[CPUID_NR_TOPO];
	struct cpuid_regs xstate[CPUID_NR_XSTATE];
	struct cpuid_regs extd[CPUID_NR_EXTD];
	uint32_t hv_limit, hv2_limit;    /* recorded; Xeno's 0x4000xxxx leaves are fixed */
	uint32_t platform_info;          /* Xen keeps the low half only */
	uint64_t arch_caps;
};

#endif
