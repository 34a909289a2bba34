/* SPDX-License-Identifier: GPL-2.0 */
/* Model-specific register numbers and their bits (Intel SDM vol. 4, AMD
 * APM vol. 2), one list for the whole hypervisor. */
#ifndef ASM_MSR_INDEX_H
#define ASM_MSR_INDEX_H

#define MSR_EFER          0xc0000080
#define EFER_SCE          (1UL << 0)
#define EFER_LME          (1UL << 8)
#define EFER_LMA          (1UL << 10)   /* long mode active */
#define EFER_NXE          (1UL << 11)
#define MSR_STAR          0xc0000081
#define MSR_LSTAR         0xc0000082
#define MSR_CSTAR         0xc0000083
#define MSR_SYSCALL_MASK  0xc0000084
#define MSR_FS_BASE       0xc0000100
#define MSR_GS_BASE       0xc0000101
#define MSR_SHADOW_GS_BASE 0xc0000102
#define MSR_APIC_BASE     0x1b
#define MSR_TSC_DEADLINE  0x6e0         /* IA32_TSC_DEADLINE */
#define APIC_BASE_BSP     (1UL << 8)    /* in MSR_APIC_BASE */
#define APIC_BASE_ENABLE  (1UL << 11)   /* xAPIC global enable */
#define APIC_BASE_ADDR_MASK 0xfffff000ULL
#define MSR_PAT            0x277
#define MSR_DEBUGCTL       0x1d9
#define MSR_UCODE_REV      0x8b
#define MSR_TSC_AUX        0xc0000103
#define MSR_AMD_PATCHLEVEL 0x8b
#define MSR_AMD_DE_CFG     0xc0011029
#define MSR_AMD_HWCR       0xc0010015

#endif
