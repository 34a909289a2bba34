/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_callback_op(cmd, arg): register the guest kernel's entry
 * points for events, failsafe segment reloads, syscall and NMI.
 */
#ifndef XENO_PUBLIC_CALLBACK_H
#define XENO_PUBLIC_CALLBACK_H

#include "xen.h"

#define CALLBACKTYPE_event                0  /* event upcall */
#define CALLBACKTYPE_failsafe             1  /* segment reload failed */
#define CALLBACKTYPE_syscall              2  /* syscall from 64-bit user */
#define CALLBACKTYPE_sysenter_deprecated  3
#define CALLBACKTYPE_nmi                  4
#define CALLBACKTYPE_sysenter             5  /* 32-bit user */
#define CALLBACKTYPE_syscall32            7  /* 32-bit user */

/* Enter the callback with events masked. */
#define _CALLBACKF_mask_events  0
#define CALLBACKF_mask_events   (1U << _CALLBACKF_mask_events)

#define CALLBACKOP_register    0
#define CALLBACKOP_unregister  1

struct callback_register {
	uint16_t type;                /* CALLBACKTYPE_* */
	uint16_t flags;               /* CALLBACKF_* */
	xen_callback_t address;
};
typedef struct callback_register callback_register_t;
DEFINE_XEN_GUEST_HANDLE(callback_register_t);

/* Not every type may be unregistered (the hypervisor says -EINVAL). */
struct callback_unregister {
	uint16_t type;
	uint16_t _unused;
};
typedef struct callback_unregister callback_unregister_t;
DEFINE_XEN_GUEST_HANDLE(callback_unregister_t);

#endif /* XENO_PUBLIC_CALLBACK_H */
