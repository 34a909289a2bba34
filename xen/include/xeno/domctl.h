/* SPDX-License-Identifier: GPL-2.0 */
/* The toolstack's control interface (domctl, sysctl): privileged only,
 * Xen 4.17's layouts at interface version 0x15 (xen/include/public). */
#ifndef XENO_DOMCTL_H
#define XENO_DOMCTL_H

#include <stdbool.h>
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

struct xen_domctl;
struct xen_sysctl;
struct xen_domctl_vcpuaffinity;
struct xen_domctl_nodeaffinity;
struct xen_domctl_scheduler_op;
struct xen_sysctl_scheduler_op;
struct xenctl_bitmap;

/* domctl-affinity.c: vcpu-pin and node affinity. */
long domctl_vcpuaffinity(struct domain *d, uint32_t cmd, struct xen_domctl_vcpuaffinity *va);
long domctl_nodeaffinity(struct domain *d, uint32_t cmd, struct xen_domctl_nodeaffinity *na);
/* A guest's xenctl_bitmap to our mask of nbits (<= 64) and back, with
 * Xen's size rules. 0 or -EFAULT. */
int xenctl_bitmap_in(uint64_t *mask, const struct xenctl_bitmap *b, unsigned int nbits);
int xenctl_bitmap_out(const struct xenctl_bitmap *b, uint64_t mask, unsigned int nbits);

/* sched-ctl.c: credit2's parameters, as xl sched-credit2 reads them. */
long domctl_scheduler_op(struct domain *d, struct xen_domctl_scheduler_op *op);
long sysctl_scheduler_op(struct xen_sysctl_scheduler_op *op);

/* sysctl-console.c: xl dmesg and xl debug-keys. */
struct xen_sysctl_readconsole;
long sysctl_readconsole(struct xen_sysctl_readconsole *op);
long sysctl_debug_keys(struct xen_sysctl *op, uint64_t arg);

/* Arch hooks (arch/x86/domctl.c): the ops common code does not know.
 * -ENOSYS for none; *copyback says whether the struct goes back. */
long arch_do_domctl(struct domain *d, struct xen_domctl *op, bool *copyback);
long arch_do_sysctl(struct xen_sysctl *op, bool *copyback);

struct domain *domain_at_or_after(domid_t id);
void domain_info(const struct domain *d, struct xen_domctl_getdomaininfo *info);

/* Arch hooks (arch/x86/sysctl.c): the machine's CPUs, clock and features. */
void arch_physinfo(struct xen_sysctl_physinfo *pi);
unsigned int arch_nr_cpus(void);
void arch_cpu_topology(unsigned int cpu, uint32_t *core, uint32_t *socket);

#endif
