/* SPDX-License-Identifier: MIT */
/*
 * The one HVM save record the PV control interface names: a vCPU's
 * machine-check state, carried by XEN_DOMCTL_{get,set}_ext_vcpucontext.
 * Xeno has no HVM guests, so the other records (Xen's hvm/save.h) are
 * not mirrored; this layout is checked through xen_domctl_ext_vcpucontext.
 */
#ifndef XENO_PUBLIC_ARCH_X86_HVM_SAVE_H
#define XENO_PUBLIC_ARCH_X86_HVM_SAVE_H

#include "../../xen.h"

struct hvm_vmce_vcpu {
	uint64_t caps;                /* MCG_CAP */
	uint64_t mci_ctl2_bank0;      /* MCi_CTL2 of banks 0 and 1 */
	uint64_t mci_ctl2_bank1;
	uint64_t mcg_ext_ctl;         /* MCG_EXT_CTL */
};

#endif /* XENO_PUBLIC_ARCH_X86_HVM_SAVE_H */
