/* SPDX-License-Identifier: MIT */
/*
 * XENFEAT_* bit numbers, read with XENVER_get_features (word = bit / 32)
 * and named by kernels in their XEN_ELFNOTE_FEATURES note.
 */
#ifndef XENO_PUBLIC_FEATURES_H
#define XENO_PUBLIC_FEATURES_H

#define XENFEAT_writable_page_tables        0  /* L1 writes are emulated */
#define XENFEAT_writable_descriptor_tables  1
#define XENFEAT_auto_translated_physmap     2  /* HVM/PVH: no p2m to keep */
#define XENFEAT_supervisor_mode_kernel      3  /* kernel runs in ring 0 */
#define XENFEAT_pae_pgdir_above_4gb         4
#define XENFEAT_mmu_pt_update_preserve_ad   5  /* MMU_PT_UPDATE_PRESERVE_AD */
#define XENFEAT_highmem_assist              6  /* MMUEXT_{CLEAR,COPY}_PAGE */
#define XENFEAT_gnttab_map_avail_bits       7  /* GNTMAP_guest_avail_mask */
#define XENFEAT_hvm_callback_vector         8
#define XENFEAT_hvm_safe_pvclock            9
#define XENFEAT_hvm_pirqs                  10
#define XENFEAT_dom0                       11  /* may run as dom0 */
/* 12 was grant_map_identity, withdrawn */
#define XENFEAT_memory_op_vnode_supported  13  /* XENMEMF_vnode */
#define XENFEAT_ARM_SMCCC_supported        14
#define XENFEAT_linux_rsdp_unrestricted    15
#define XENFEAT_not_direct_mapped          16  /* Arm */
#define XENFEAT_direct_mapped              17  /* Arm */

/* Words of feature bits that XENVER_get_features answers for. */
#define XENFEAT_NR_SUBMAPS 1

#endif /* XENO_PUBLIC_FEATURES_H */
