/* SPDX-License-Identifier: GPL-2.0-only */
/* dlopen of libxenevtchn, libxengnttab and (for domain states only)
 * libxenctrl; see xen-libs.h. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <xenctrl.h>

#include "core.h"
#include "xen-libs.h"

struct sym {
	const char *name;
	size_t off;              /* of the slot in struct xs_xen_libs */
};

static const struct sym evtchn_syms[] = {
	{ "xenevtchn_open", offsetof(struct xs_xen_libs, evtchn_open) },
	{ "xenevtchn_close", offsetof(struct xs_xen_libs, evtchn_close) },
	{ "xenevtchn_fd", offsetof(struct xs_xen_libs, evtchn_fd) },
	{ "xenevtchn_notify", offsetof(struct xs_xen_libs, evtchn_notify) },
	{ "xenevtchn_bind_interdomain",
	  offsetof(struct xs_xen_libs, evtchn_bind_interdomain) },
	{ "xenevtchn_bind_virq", offsetof(struct xs_xen_libs, evtchn_bind_virq) },
	{ "xenevtchn_unbind", offsetof(struct xs_xen_libs, evtchn_unbind) },
	{ "xenevtchn_pending", offsetof(struct xs_xen_libs, evtchn_pending) },
	{ "xenevtchn_unmask", offsetof(struct xs_xen_libs, evtchn_unmask) },
};

static const struct sym gnttab_syms[] = {
	{ "xengnttab_open", offsetof(struct xs_xen_libs, gnttab_open) },
	{ "xengnttab_close", offsetof(struct xs_xen_libs, gnttab_close) },
	{ "xengnttab_map_grant_ref",
	  offsetof(struct xs_xen_libs, gnttab_map_grant_ref) },
	{ "xengnttab_unmap", offsetof(struct xs_xen_libs, gnttab_unmap) },
};

struct xc_lib {
	xc_interface *xch;
	__typeof__(xc_domain_getinfo) *getinfo;
};

static struct xc_lib xc;

/* Fills every slot of @syms from @lib, or none: 0 or -ENOENT. */
static int load(const char *lib, const struct sym *syms, size_t nr,
		struct xs_xen_libs *libs, char *why, size_t whylen)
{
	void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	void *p[16];
	size_t i;

	if (!h) {
		snprintf(why, whylen, "%s", dlerror());
		return -ENOENT;
	}
	for (i = 0; i < nr; i++) {
		p[i] = dlsym(h, syms[i].name);
		if (!p[i]) {
			snprintf(why, whylen, "%s lacks %s", lib, syms[i].name);
			dlclose(h);
			return -ENOENT;
		}
	}
	for (i = 0; i < nr; i++)
		memcpy((char *)libs + syms[i].off, &p[i], sizeof(p[i]));
	return 0;
}

/* The C daemon's reading of xc_domain_getinfo, except that an error other
 * than "no such domain" means we cannot tell (it would call that gone). */
static int xc_state(void *ctx, unsigned int domid)
{
	struct xc_lib *x = ctx;
	xc_dominfo_t info;
	int n;

	errno = 0;
	n = x->getinfo(x->xch, domid, 1, &info);
	if (n < 0)
		return errno == ESRCH ? XS_DOM_GONE : -(errno ? errno : EIO);
	if (n == 0 || info.domid != domid)
		return XS_DOM_GONE;
	if (info.dying)
		return XS_DOM_DYING;
	return info.shutdown || info.crashed ? XS_DOM_SHUTDOWN
					     : XS_DOM_RUNNING;
}

static int load_xc(struct xs_xen_libs *libs, char *why, size_t whylen)
{
	__typeof__(xc_interface_open) *open_fn;
	void *h = dlopen("libxenctrl.so.4.17", RTLD_NOW | RTLD_LOCAL);

	if (!h) {
		snprintf(why, whylen, "%s", dlerror());
		return -ENOENT;
	}
	open_fn = (__typeof__(open_fn))dlsym(h, "xc_interface_open");
	xc.getinfo = (__typeof__(xc.getinfo))dlsym(h, "xc_domain_getinfo");
	xc.xch = open_fn && xc.getinfo ? open_fn(NULL, NULL, 0) : NULL;
	if (!xc.xch) {
		snprintf(why, whylen, "libxenctrl: no xc_interface (%s)",
			 strerror(errno));
		dlclose(h);
		return -ENOENT;
	}
	libs->domain_state = xc_state;
	libs->state_ctx = &xc;
	return 0;
}

int xs_xen_libs_load(struct xs_xen_libs *libs, char *why, size_t whylen)
{
	char sub[256];
	size_t used;

	memset(libs, 0, sizeof(*libs));
	why[0] = '\0';
	if (load("libxenevtchn.so.1", evtchn_syms,
		 sizeof(evtchn_syms) / sizeof(evtchn_syms[0]), libs, why,
		 whylen))
		return -ENOENT;
	if (load("libxengnttab.so.1", gnttab_syms,
		 sizeof(gnttab_syms) / sizeof(gnttab_syms[0]), libs, sub,
		 sizeof(sub))) {
		used = strlen(why);
		snprintf(why + used, whylen - used, "no guest rings: %s; ", sub);
	}
	if (load_xc(libs, sub, sizeof(sub))) {
		used = strlen(why);
		snprintf(why + used, whylen - used,
			 "deaths unnoticed: %s", sub);
	}
	return 0;
}
