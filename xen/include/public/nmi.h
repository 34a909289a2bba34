/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_nmi_op(cmd, arg) and the reasons the hypervisor reports in
 * arch_shared_info.nmi_reason (dom0).
 */
#ifndef XENO_PUBLIC_NMI_H
#define XENO_PUBLIC_NMI_H

#include "xen.h"

/* Bits of nmi_reason. */
#define _XEN_NMIREASON_io_error   0  /* I/O check (port 0x61 bit 6) */
#define XEN_NMIREASON_io_error    (1UL << _XEN_NMIREASON_io_error)
#define _XEN_NMIREASON_pci_serr   1  /* PCI SERR (port 0x61 bit 7) */
#define XEN_NMIREASON_pci_serr    (1UL << _XEN_NMIREASON_pci_serr)
#define _XEN_NMIREASON_unknown    2
#define XEN_NMIREASON_unknown     (1UL << _XEN_NMIREASON_unknown)

/* Register the NMI entry point (dom0 vCPU 0 only; as CALLBACKTYPE_nmi). */
#define XENNMI_register_callback   0
struct xennmi_callback {
	unsigned long handler_address;
	unsigned long pad;
};
typedef struct xennmi_callback xennmi_callback_t;
DEFINE_XEN_GUEST_HANDLE(xennmi_callback_t);

#define XENNMI_unregister_callback 1  /* arg NULL */

#endif /* XENO_PUBLIC_NMI_H */
