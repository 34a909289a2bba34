/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Rings on Xen, in dom0. Dom0's own: the page Linux offers at
 * PROC/xsd_kva (mmap'd) and its unbound port PROC/xsd_port, bound as an
 * interdomain channel to domain 0 (a loopback). A guest's, at INTRODUCE:
 * its reserved xenstore grant (GNTTAB_RESERVED_XENSTORE) mapped through
 * libxengnttab and its port bound through libxenevtchn. Each ring has its
 * own event channel handle, so its descriptor wakes only that ring.
 * VIRQ_DOM_EXC, when it can be bound, triggers xs_domains_check.
 */
#ifndef XS_RING_XEN_H
#define XS_RING_XEN_H

struct xs_core;
struct xs_ring_xen;
struct xs_xen_libs;

/* Installs the provider on @core (guest rings need libxengnttab). NULL
 * when out of memory. @libs must outlive it. */
struct xs_ring_xen *xs_ring_xen_new(struct xs_core *core,
				    const struct xs_xen_libs *libs);
/* Must run after xs_core_destroy (rings still reference the handles). */
void xs_ring_xen_free(struct xs_ring_xen *x);
/* Serves dom0's ring from PROC (normally /proc/xen): 0 or -errno. */
int xs_ring_xen_dom0(struct xs_ring_xen *x, const char *proc);
/* VIRQ_DOM_EXC's descriptor, or -1 when it could not be bound. */
int xs_ring_xen_virq_fd(struct xs_ring_xen *x);
/* The descriptor is readable: consume the VIRQ, check the domains. */
void xs_ring_xen_virq(void *x);

#endif
