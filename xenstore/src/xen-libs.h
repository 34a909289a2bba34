/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen's stable tool libraries as a table of functions: loaded with dlopen
 * in dom0 (so the daemon still runs, sockets only, where they are absent)
 * and filled with fakes by the host tests. The types come from Debian's
 * headers, so a signature mismatch fails to compile.
 */
#ifndef XS_XEN_LIBS_H
#define XS_XEN_LIBS_H

#include <stddef.h>
#include <xenevtchn.h>
#include <xengnttab.h>

struct xs_xen_libs {
	/* libxenevtchn: all or none */
	__typeof__(xenevtchn_open) *evtchn_open;
	__typeof__(xenevtchn_close) *evtchn_close;
	__typeof__(xenevtchn_fd) *evtchn_fd;
	__typeof__(xenevtchn_notify) *evtchn_notify;
	__typeof__(xenevtchn_bind_interdomain) *evtchn_bind_interdomain;
	__typeof__(xenevtchn_bind_virq) *evtchn_bind_virq;
	__typeof__(xenevtchn_unbind) *evtchn_unbind;
	__typeof__(xenevtchn_pending) *evtchn_pending;
	__typeof__(xenevtchn_unmask) *evtchn_unmask;
	/* libxengnttab: NULL when absent (no guest rings then) */
	__typeof__(xengnttab_open) *gnttab_open;
	__typeof__(xengnttab_close) *gnttab_close;
	__typeof__(xengnttab_map_grant_ref) *gnttab_map_grant_ref;
	__typeof__(xengnttab_unmap) *gnttab_unmap;
	/* What Xen says of a domain: an xs_dom_state or -errno (core.h).
	 * NULL without libxenctrl: deaths then go unnoticed. */
	int (*domain_state)(void *ctx, unsigned int domid);
	void *state_ctx;
};

/* Loads what is there. 0 when at least libxenevtchn loaded; else -ENOENT
 * with the reason in @why. Libraries missing beyond it are named in @why
 * too (empty when all loaded). */
int xs_xen_libs_load(struct xs_xen_libs *libs, char *why, size_t whylen);

#endif
