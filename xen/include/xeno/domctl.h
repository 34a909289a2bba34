/* SPDX-License-Identifier: GPL-2.0 */
/* The toolstack's control interface (domctl, sysctl): privileged only,
 * Xen 4.17's layouts at interface version 0x15 (xen/include/public). */
#ifndef XENO_DOMCTL_H
#define XENO_DOMCTL_H

#include <stdint.h>
#include <public/xen.h>

struct domain;
struct xen_domctl_getdomaininfo;
struct xen_sysctl_physinfo;

long do_domctl(uint64_t arg);
long do_sysctl(uint64_t arg);

struct xen_domctl_max_vcpus;
struct xen_domctl_vcpucontext;
struct xen_domctl_hypercall_init;

/* domctl-vcpu.c: the toolstack gives a built domain its vCPUs. */
long domctl_max_vcpus(struct domain *d, const struct xen_domctl_max_vcpus *m);
long domctl_setvcpucontext(struct domain *d, const struct xen_domctl_vcpucontext *vc);
long domctl_hypercall_init(struct domain *d, const struct xen_domctl_hypercall_init *h);

struct domain *domain_at_or_after(domid_t id);
void domain_info(const struct domain *d, struct xen_domctl_getdomaininfo *info);

/* Arch hooks (arch/x86/sysctl.c): the machine's CPUs, clock and features. */
void arch_physinfo(struct xen_sysctl_physinfo *pi);
unsigned int arch_nr_cpus(void);

#endif
