/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A test ring provider for a host without Xen: INTRODUCE of domain N maps
 * DIR/N.page (a 4096-byte file standing for the granted page) and uses the
 * FIFOs DIR/N.kick-xs (guest -> xenstored) and DIR/N.kick-guest as the
 * event channel. The mfn and port of INTRODUCE are recorded, not used.
 */
#ifndef XS_RING_HOST_H
#define XS_RING_HOST_H

struct xs_core;
struct xs_ring_host;

struct xs_ring_host *xs_ring_host_new(struct xs_core *core, const char *dir);
void xs_ring_host_free(struct xs_ring_host *rh);

#endif
