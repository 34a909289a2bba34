/* SPDX-License-Identifier: GPL-2.0-only */
/* The few Linux Xen device ioctls the hypercall and event workloads use,
 * written from the documented ABI (privcmd and evtchn, linux/include/uapi
 * xen/). Encoded as _IOC(_IOC_NONE, type, nr, size). */
#ifndef XEN_DEV_H
#define XEN_DEV_H

#include <stdint.h>
#include <sys/ioctl.h>

#define XEN_PRIVCMD_PATH "/dev/xen/privcmd"
#define XEN_EVTCHN_PATH  "/dev/xen/evtchn"

struct xen_privcmd_hypercall {
	uint64_t op;
	uint64_t arg[5];
};
#define XEN_IOCTL_PRIVCMD_HYPERCALL \
	_IOC(_IOC_NONE, 'P', 0, sizeof(struct xen_privcmd_hypercall))

struct xen_evtchn_bind_interdomain {
	uint32_t remote_domain, remote_port;
};
struct xen_evtchn_u32 {
	uint32_t value;  /* remote_domain or port, by ioctl */
};
#define XEN_IOCTL_EVTCHN_BIND_INTERDOMAIN \
	_IOC(_IOC_NONE, 'E', 1, sizeof(struct xen_evtchn_bind_interdomain))
#define XEN_IOCTL_EVTCHN_BIND_UNBOUND_PORT \
	_IOC(_IOC_NONE, 'E', 2, sizeof(struct xen_evtchn_u32))
#define XEN_IOCTL_EVTCHN_UNBIND \
	_IOC(_IOC_NONE, 'E', 3, sizeof(struct xen_evtchn_u32))
#define XEN_IOCTL_EVTCHN_NOTIFY \
	_IOC(_IOC_NONE, 'E', 4, sizeof(struct xen_evtchn_u32))

#define XEN_HYPERCALL_xen_version 17
#define XEN_XENVER_version 0
#define XEN_DOMID_SELF 0x7ff0u

#endif
