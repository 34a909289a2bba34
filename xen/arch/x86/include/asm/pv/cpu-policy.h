/* SPDX-License-Identifier: GPL-2.0 */
/* CPUID/MSR policies for the toolstack (pv/cpu-policy.c): the system
 * policies sysctl get_cpu_policy and get_cpu_featureset report, and a
 * domain's own, in Xen 4.17's serialised form. */
#ifndef ASM_PV_CPU_POLICY_H
#define ASM_PV_CPU_POLICY_H

#include <stdbool.h>
#include <stdint.h>
#include <asm/cpu-policy.h>

struct domain;

/* pv/cpuid.c: the most a PV guest may see (no policy applied). */
void pv_cpuid_max(bool privileged, uint32_t leaf, uint32_t sub, uint32_t r[4]);

/* Narrow r (the maximum for leaf/sub) to what policy p allows. */
void cpu_policy_apply(const struct cpu_policy *p, uint32_t leaf, uint32_t sub, uint32_t r[4]);

/* Fill p: the host's raw CPUID, or the most a PV guest (an unprivileged
 * one, or the privileged domain, which also sees the APIC bit) may see. */
enum cpu_policy_src { CPU_POLICY_RAW, CPU_POLICY_PV, CPU_POLICY_PV_PRIVILEGED };
void cpu_policy_build(struct cpu_policy *p, enum cpu_policy_src src);

/* Serialise p into nr (IN: room, OUT: written) entries at gaddr:
 * -ENOBUFS when they do not fit, -EFAULT on a bad pointer. */
int cpu_policy_leaves_out(const struct cpu_policy *p, uint64_t gaddr, uint32_t *nr);
int cpu_policy_msrs_out(const struct cpu_policy *p, uint64_t gaddr, uint32_t *nr);

/* Merge nr entries at gaddr into p, as Xen: -E2BIG past the maximum
 * count, -EFAULT, -ERANGE for a leaf outside the policy (*err_leaf,
 * *err_subleaf say which), -EINVAL/-EOVERFLOW/-ERANGE for a bad MSR. */
int cpu_policy_leaves_in(struct cpu_policy *p, uint64_t gaddr, uint32_t nr,
			 uint32_t *err_leaf, uint32_t *err_subleaf);
int cpu_policy_msrs_in(struct cpu_policy *p, uint64_t gaddr, uint32_t nr, uint32_t *err_msr);

/* Xen's compatibility audit of guest against max: maxima of the leaf
 * ranges and the platform-info bits. 0 or -EINVAL with the culprit. */
int cpu_policy_check(const struct cpu_policy *max, const struct cpu_policy *guest,
		     uint32_t *err_leaf, uint32_t *err_subleaf, uint32_t *err_msr);

/* Xen's featureset words (FSCAPINTS of them) from p. */
void cpu_policy_featureset(const struct cpu_policy *p, uint32_t fs[FSCAPINTS]);

#endif
