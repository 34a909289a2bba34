/* SPDX-License-Identifier: GPL-2.0 */
/* Domain and vCPU hooks: what xen/common asks of the architecture over a
 * domain's life. Generic code calls only these; each is defined once under
 * xen/arch (x86: arch/x86/domain.c, arch/x86/pv/dom-build.c,
 * arch/x86/pv/vcpu-context.c).
 *
 * Order over a domain's life:
 *   domain_create -> arch_vcpu_init (each vCPU, before anything else reads
 *   v->arch) -> arch_build_domain (boot domains) or arch_vcpu_initialise
 *   (VCPUOP_initialise, secondary vCPUs) -> running: arch_context_switch
 *   (xeno/arch-sched.h) -> on a crash arch_show_guest_state -> the machine
 *   ends: arch_leave_guest_context on every CPU. */
#ifndef XENO_ARCH_DOMAIN_H
#define XENO_ARCH_DOMAIN_H

#include <stddef.h>
#include <stdint.h>

struct domain;
struct vcpu;
struct vcpu_guest_context;

/* What the boot code hands the builder: images in hypervisor memory. */
struct domain_build_args {
	const void *kernel;
	size_t kernel_len;
	const void *initrd;      /* NULL: none */
	size_t initrd_len;
	const char *cmdline;
	uint64_t nr_pages;
	uint64_t max_pages;      /* what it may balloon up to (>= nr_pages) */
};

/* Reset v->arch to a vCPU that has never run: kernel mode, the default
 * flags and debug registers. Called once, from domain_create. */
void arch_vcpu_init(struct vcpu *v);

/* Build d's start-of-day memory and vCPU 0 from a kernel image (x86: an
 * ELF PV kernel). Must leave d unstarted on failure so that
 * domain_destroy_unstarted can undo it. Returns 0, or a negative code
 * after printing one line that says why. */
int arch_build_domain(struct domain *d, const struct domain_build_args *a);

/* VCPUOP_initialise: check the context the guest gave (already copied in:
 * the hook sees no guest pointer) and load it into v. -EEXIST when v is
 * initialised already; that check, the load and setting v->initialised
 * are one step under the hook's own lock, so two callers cannot both load.
 * Returns 0 or Xen's code for the first field that is refused; on failure
 * v stays uninitialised and may be initialised again. */
long arch_vcpu_initialise(struct vcpu *v, const struct vcpu_guest_context *c);

/* XEN_DOMCTL_hypercall_init: fill d's frame mfn with hypercall stubs.
 * -EINVAL when the frame is not d's or cannot be written. */
int arch_hypercall_page_init(struct domain *d, uint64_t mfn);

/* Print v's registers after a guest-caused fatal error. v is the vCPU
 * running on this CPU (its frame is live, not yet saved). */
void arch_show_guest_state(struct vcpu *v);

/* One line of v's architectural state for the 'd' debug key (mode and
 * instruction/stack pointers), written into buf as snprintf would. */
int arch_vcpu_describe(const struct vcpu *v, char *buf, size_t len);

/* This CPU stops running its vCPU for good (the machine is ending): the
 * hypervisor's own page tables, no current vCPU. */
void arch_leave_guest_context(void);

/* A guest frame the hypervisor keeps writing (vcpu_info, the console
 * ring): take a writable reference on frame mfn of domain d and return the
 * hypervisor's mapping of it (NULL: the frame is not d's or cannot be
 * writable). The guest can then neither retype nor free the frame. The
 * reference lasts as long as the domain's memory (domain_release_memory
 * forgets it) unless arch_unmap_guest_page drops it first. */
void *arch_map_guest_page(struct domain *d, uint64_t mfn);
void arch_unmap_guest_page(struct domain *d, uint64_t mfn);

#endif
