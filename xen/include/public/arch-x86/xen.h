/* SPDX-License-Identifier: MIT */
/*
 * x86 part of the Xen 4.17 ABI: guest handles, frame and word types, the
 * virtual IDT entry (trap_info), the full vCPU context used by
 * VCPUOP_initialise, and arch_shared_info. 64-bit only.
 */

/* Like Xen's, this header may be included on its own: xen.h comes first. */
#include "../xen.h"

#ifndef XENO_PUBLIC_ARCH_X86_XEN_H
#define XENO_PUBLIC_ARCH_X86_XEN_H

#if !defined(__x86_64__)
#error "Xeno's public headers describe the x86-64 PV ABI only"
#endif

/*
 * A guest handle is a guest virtual address wrapped in a one-member
 * struct, so handles of different types do not convert silently.
 * DEFINE_XEN_GUEST_HANDLE(t) makes __guest_handle_t and
 * __guest_handle_const_t.
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type) \
	typedef struct { type *p; } __guest_handle_##name
#define __DEFINE_XEN_GUEST_HANDLE(name, type) \
	___DEFINE_XEN_GUEST_HANDLE(name, type); \
	___DEFINE_XEN_GUEST_HANDLE(const_##name, const type)
#define DEFINE_XEN_GUEST_HANDLE(name)  __DEFINE_XEN_GUEST_HANDLE(name, name)
#define __XEN_GUEST_HANDLE(name)       __guest_handle_##name
#define XEN_GUEST_HANDLE(name)         __XEN_GUEST_HANDLE(name)
#define XEN_GUEST_HANDLE_PARAM(name)   XEN_GUEST_HANDLE(name)
#define set_xen_guest_handle_raw(hnd, val) \
	do { (hnd).p = (val); } while (0)
#define set_xen_guest_handle(hnd, val) set_xen_guest_handle_raw(hnd, val)

#include "xen-x86_64.h"

#ifndef __ASSEMBLY__
typedef unsigned long xen_pfn_t;
#define PRI_xen_pfn  "lx"
#define PRIu_xen_pfn "lu"
#endif

/* PV guests enter through start_info and have an event mask per vCPU. */
#define XEN_HAVE_PV_GUEST_ENTRY 1
#define XEN_HAVE_PV_UPCALL_MASK 1

/* GDT frames from 14 on (entries 0xe000/8 and up) are the hypervisor's. */
#define FIRST_RESERVED_GDT_PAGE  14
#define FIRST_RESERVED_GDT_BYTE  (FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_PAGE * 512) /* 8-byte entries */

/* vcpu_info slots in shared_info; more vCPUs need VCPUOP_register_vcpu_info. */
#define XEN_LEGACY_MAX_VCPUS 32

#ifndef __ASSEMBLY__

typedef unsigned long xen_ulong_t;
#define PRI_xen_ulong "lx"

/*
 * One virtual IDT entry (HYPERVISOR_set_trap_table takes an array ended
 * by address 0). flags: bits 0-1 the DPL that may raise it with int N,
 * bit 2 set means deliver with events masked.
 */
#define TI_GET_DPL(_ti)       ((_ti)->flags & 3)
#define TI_GET_IF(_ti)        ((_ti)->flags & 4)
#define TI_SET_DPL(_ti, _dpl) ((_ti)->flags |= (_dpl))
#define TI_SET_IF(_ti, _if)   ((_ti)->flags |= ((!!(_if)) << 2))

struct trap_info {
	uint8_t vector;
	uint8_t flags;
	uint16_t cs;
	unsigned long address;
};
typedef struct trap_info trap_info_t;
DEFINE_XEN_GUEST_HANDLE(trap_info_t);

typedef uint64_t tsc_timestamp_t;

/* vcpu_guest_context.flags */
#define VGCF_I387_VALID                 (1 << 0)
#define VGCF_IN_KERNEL                  (1 << 2)
#define _VGCF_i387_valid                0
#define VGCF_i387_valid                 (1 << _VGCF_i387_valid)
#define _VGCF_in_kernel                 2
#define VGCF_in_kernel                  (1 << _VGCF_in_kernel)
#define _VGCF_failsafe_disables_events  3
#define VGCF_failsafe_disables_events   (1 << _VGCF_failsafe_disables_events)
#define _VGCF_syscall_disables_events   4
#define VGCF_syscall_disables_events    (1 << _VGCF_syscall_disables_events)
#define _VGCF_online                    5
#define VGCF_online                     (1 << _VGCF_online)

/*
 * The whole state of a PV vCPU, as VCPUOP_initialise takes it. The FXSAVE
 * area leads so it stays 16-byte aligned. The user page-table base of a
 * 64-bit guest travels in ctrlreg[1].
 */
struct vcpu_guest_context {
	struct { char x[512]; } fpu_ctxt;
	unsigned long flags;                     /* VGCF_* */
	struct cpu_user_regs user_regs;
	struct trap_info trap_ctxt[256];         /* the virtual IDT */
	unsigned long ldt_base, ldt_ents;        /* linear address, entries */
	unsigned long gdt_frames[16], gdt_ents;  /* machine frames, entries */
	unsigned long kernel_ss, kernel_sp;      /* the guest kernel stack */
	unsigned long ctrlreg[8];
	unsigned long debugreg[8];
	unsigned long event_callback_eip;
	unsigned long failsafe_callback_eip;
	unsigned long syscall_callback_eip;
	unsigned long vm_assist;                 /* VMASST_TYPE_* bitmap */
	uint64_t fs_base;
	uint64_t gs_base_kernel;
	uint64_t gs_base_user;
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_guest_context_t);

/* x86 tail of shared_info: where tools find the guest's p2m. */
struct arch_shared_info {
	unsigned long max_pfn;        /* p2m entries that are valid */
	/* 3-level frame list; 0 unset, ~0 invalid (use p2m_vaddr). */
	xen_pfn_t pfn_to_mfn_frame_list_list;
	unsigned long nmi_reason;     /* XEN_NMIREASON_* */
	/* Linear p2m: valid when p2m_cr3 is non-zero. */
	unsigned long p2m_cr3;        /* as xen_pfn_to_cr3() of its L4 */
	unsigned long p2m_vaddr;
	unsigned long p2m_generation; /* odd while the guest updates it */
};
typedef struct arch_shared_info arch_shared_info_t;

/*
 * x86 part of XEN_DOMCTL_createdomain's config (covered by the domctl
 * interface version). emulation_flags picks the emulated devices; a PV
 * guest has none.
 */
struct xen_arch_domainconfig {
#define _XEN_X86_EMU_LAPIC     0
#define XEN_X86_EMU_LAPIC      (1U << _XEN_X86_EMU_LAPIC)
#define _XEN_X86_EMU_HPET      1
#define XEN_X86_EMU_HPET       (1U << _XEN_X86_EMU_HPET)
#define _XEN_X86_EMU_PM        2
#define XEN_X86_EMU_PM         (1U << _XEN_X86_EMU_PM)
#define _XEN_X86_EMU_RTC       3
#define XEN_X86_EMU_RTC        (1U << _XEN_X86_EMU_RTC)
#define _XEN_X86_EMU_IOAPIC    4
#define XEN_X86_EMU_IOAPIC     (1U << _XEN_X86_EMU_IOAPIC)
#define _XEN_X86_EMU_PIC       5
#define XEN_X86_EMU_PIC        (1U << _XEN_X86_EMU_PIC)
#define _XEN_X86_EMU_VGA       6
#define XEN_X86_EMU_VGA        (1U << _XEN_X86_EMU_VGA)
#define _XEN_X86_EMU_IOMMU     7
#define XEN_X86_EMU_IOMMU      (1U << _XEN_X86_EMU_IOMMU)
#define _XEN_X86_EMU_PIT       8
#define XEN_X86_EMU_PIT        (1U << _XEN_X86_EMU_PIT)
#define _XEN_X86_EMU_USE_PIRQ  9
#define XEN_X86_EMU_USE_PIRQ   (1U << _XEN_X86_EMU_USE_PIRQ)
#define _XEN_X86_EMU_VPCI      10
#define XEN_X86_EMU_VPCI       (1U << _XEN_X86_EMU_VPCI)
#define XEN_X86_EMU_ALL        (XEN_X86_EMU_LAPIC | XEN_X86_EMU_HPET | \
				XEN_X86_EMU_PM | XEN_X86_EMU_RTC | \
				XEN_X86_EMU_IOAPIC | XEN_X86_EMU_PIC | \
				XEN_X86_EMU_VGA | XEN_X86_EMU_IOMMU | \
				XEN_X86_EMU_PIT | XEN_X86_EMU_USE_PIRQ | \
				XEN_X86_EMU_VPCI)
	uint32_t emulation_flags;
/* Unhandled MSRs read as zero and ignore writes instead of #GP. */
#define XEN_X86_MSR_RELAXED    (1U << 0)
	uint32_t misc_flags;
};
/* The highest misc_flags bit defined, for checking unknown bits. */
#define XEN_X86_MISC_FLAGS_MAX XEN_X86_MSR_RELAXED

/* A CPUID leaf or MSR value, as platform and domctl interfaces pass them. */
typedef struct xen_cpuid_leaf {
#define XEN_CPUID_NO_SUBLEAF 0xffffffffu
	uint32_t leaf, subleaf;
	uint32_t a, b, c, d;
} xen_cpuid_leaf_t;
DEFINE_XEN_GUEST_HANDLE(xen_cpuid_leaf_t);

typedef struct xen_msr_entry {
	uint32_t idx;
	uint32_t flags;               /* must be zero */
	uint64_t val;
} xen_msr_entry_t;
DEFINE_XEN_GUEST_HANDLE(xen_msr_entry_t);

#endif /* !__ASSEMBLY__ */

/*
 * Forced emulation: ud2 followed by "xen" makes the hypervisor emulate the
 * next instruction (cpuid) with the PV view of the CPU.
 */
#ifdef __ASSEMBLY__
#define XEN_EMULATE_PREFIX .byte 0x0f,0x0b,0x78,0x65,0x6e ;
#define XEN_CPUID          XEN_EMULATE_PREFIX cpuid
#else
#define XEN_EMULATE_PREFIX ".byte 0x0f,0x0b,0x78,0x65,0x6e ; "
#define XEN_CPUID          XEN_EMULATE_PREFIX "cpuid"
#endif

/* HVM debug console port; part of the x86 ABI, unused by PV guests. */
#define XEN_HVM_DEBUGCONS_IOPORT 0xe9

#endif /* XENO_PUBLIC_ARCH_X86_XEN_H */
