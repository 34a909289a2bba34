/* SPDX-License-Identifier: MIT */
/*
 * x86-64 PV specifics of the Xen 4.17 ABI: flat selectors, the reserved
 * hypervisor range, set_segment_base codes, the iret hypercall frame and
 * the saved register block. Included through arch-x86/xen.h.
 */
/* Stands alone: the guest-handle macros and types come from xen.h. */
#include "../xen.h"

#ifndef XENO_PUBLIC_ARCH_X86_XEN_X86_64_H
#define XENO_PUBLIC_ARCH_X86_XEN_X86_64_H

/*
 * Selectors of the flat segments Xen provides in its reserved GDT pages.
 * A 64-bit PV kernel runs in ring 3, so kernel and user share them.
 */
#define FLAT_RING3_CS32   0xe023 /* GDT entry 260 */
#define FLAT_RING3_CS64   0xe033 /* GDT entry 262 */
#define FLAT_RING3_DS32   0xe02b /* GDT entry 261 */
#define FLAT_RING3_DS64   0x0000 /* the null selector */
#define FLAT_RING3_SS32   0xe02b
#define FLAT_RING3_SS64   0xe02b

#define FLAT_KERNEL_CS64  FLAT_RING3_CS64
#define FLAT_KERNEL_CS32  FLAT_RING3_CS32
#define FLAT_KERNEL_CS    FLAT_KERNEL_CS64
#define FLAT_KERNEL_DS64  FLAT_RING3_DS64
#define FLAT_KERNEL_DS32  FLAT_RING3_DS32
#define FLAT_KERNEL_DS    FLAT_KERNEL_DS64
#define FLAT_KERNEL_SS64  FLAT_RING3_SS64
#define FLAT_KERNEL_SS32  FLAT_RING3_SS32
#define FLAT_KERNEL_SS    FLAT_KERNEL_SS64

#define FLAT_USER_CS64    FLAT_RING3_CS64
#define FLAT_USER_CS32    FLAT_RING3_CS32
#define FLAT_USER_CS      FLAT_USER_CS64
#define FLAT_USER_DS64    FLAT_RING3_DS64
#define FLAT_USER_DS32    FLAT_RING3_DS32
#define FLAT_USER_DS      FLAT_USER_DS64
#define FLAT_USER_SS64    FLAT_RING3_SS64
#define FLAT_USER_SS32    FLAT_RING3_SS32
#define FLAT_USER_SS      FLAT_USER_SS64

/*
 * L4 slots 256-271 belong to the hypervisor in every guest; the first
 * 256 GiB of them hold the read-only machine-to-phys table.
 */
#define __HYPERVISOR_VIRT_START 0xFFFF800000000000
#define __HYPERVISOR_VIRT_END   0xFFFF880000000000
#define __MACH2PHYS_VIRT_START  0xFFFF800000000000
#define __MACH2PHYS_VIRT_END    0xFFFF804000000000

#ifndef HYPERVISOR_VIRT_START
#define HYPERVISOR_VIRT_START   xen_mk_ulong(__HYPERVISOR_VIRT_START)
#define HYPERVISOR_VIRT_END     xen_mk_ulong(__HYPERVISOR_VIRT_END)
#endif
#define MACH2PHYS_VIRT_START    xen_mk_ulong(__MACH2PHYS_VIRT_START)
#define MACH2PHYS_VIRT_END      xen_mk_ulong(__MACH2PHYS_VIRT_END)
/* One 8-byte entry per machine frame. */
#define MACH2PHYS_NR_ENTRIES \
	((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) >> 3)
#ifndef machine_to_phys_mapping
#define machine_to_phys_mapping ((unsigned long *)HYPERVISOR_VIRT_START)
#endif

/* HYPERVISOR_set_segment_base(which, base). */
#define SEGBASE_FS            0
#define SEGBASE_GS_USER       1
#define SEGBASE_GS_KERNEL     2
#define SEGBASE_GS_USER_SEL   3 /* base[15:0] is a selector for user %gs */

/*
 * HYPERVISOR_iret: the guest pushes this frame and issues the hypercall
 * with rsp pointing at it. VGCF_in_syscall in 'flags' asks for a
 * sysret-style return (rcx and r11 not restored from the frame).
 */
#define _VGCF_in_syscall  8
#define VGCF_in_syscall   (1 << _VGCF_in_syscall)
#define VGCF_IN_SYSCALL   VGCF_in_syscall

#ifndef __ASSEMBLY__

struct iret_context {
	uint64_t rax;    /* lowest address: rsp at the hypercall */
	uint64_t r11;
	uint64_t rcx;
	uint64_t flags;  /* VGCF_in_syscall */
	uint64_t rip;
	uint64_t cs;
	uint64_t rflags;
	uint64_t rsp;
	uint64_t ss;
};

/*
 * Each register with every narrower name it has (rax/eax/ax/al/ah,
 * r8/r8d/r8w/r8b, ...), as anonymous unions: the view Xen itself and the
 * toolstack compile (__XEN__, __XEN_TOOLS__). A guest build of Xen's
 * header sees fewer names; the layout is the same.
 */
#define XENO_REG_HI(n) union { \
	uint64_t r##n; uint32_t r##n##d; uint16_t r##n##w; uint8_t r##n##b; }
#define XENO_REG_LO8(n) union { \
	uint64_t r##n; uint32_t e##n; uint16_t n; uint8_t n##l; }
#define XENO_REG_LO16(n) union { uint64_t r##n; uint32_t e##n; uint16_t n; }
#define XENO_REG_LOHI(c) union { \
	uint64_t r##c##x; uint32_t e##c##x; uint16_t c##x; \
	struct { uint8_t c##l; uint8_t c##h; }; }

struct cpu_user_regs {
	XENO_REG_HI(15);
	XENO_REG_HI(14);
	XENO_REG_HI(13);
	XENO_REG_HI(12);
	XENO_REG_LO8(bp);
	XENO_REG_LOHI(b);
	XENO_REG_HI(11);
	XENO_REG_HI(10);
	XENO_REG_HI(9);
	XENO_REG_HI(8);
	XENO_REG_LOHI(a);
	XENO_REG_LOHI(c);
	XENO_REG_LOHI(d);
	XENO_REG_LO8(si);
	XENO_REG_LO8(di);
	uint32_t error_code;    /* hypervisor-private */
	uint32_t entry_vector;  /* hypervisor-private */
	XENO_REG_LO16(ip);
	uint16_t cs, _pad0[1];
	uint8_t saved_upcall_mask;
	uint8_t _pad1[3];
	XENO_REG_LO16(flags);   /* IF reads as !saved_upcall_mask */
	XENO_REG_LO8(sp);
	uint16_t ss, _pad2[3];
	uint16_t es, _pad3[3];
	uint16_t ds, _pad4[3];
	uint16_t fs, _pad5[3];
	uint16_t gs, _pad6[3];
};
typedef struct cpu_user_regs cpu_user_regs_t;
DEFINE_XEN_GUEST_HANDLE(cpu_user_regs_t);

#undef XENO_REG_HI
#undef XENO_REG_LO8
#undef XENO_REG_LO16
#undef XENO_REG_LOHI

/* CR3 holds the frame number shifted, no folding on x86-64. */
#define xen_pfn_to_cr3(pfn) ((unsigned long)(pfn) << 12)
#define xen_cr3_to_pfn(cr3) ((unsigned long)(cr3) >> 12)

/* Per-vCPU arch part of vcpu_info: CR2 of the last page fault bounced. */
struct arch_vcpu_info {
	unsigned long cr2;
	unsigned long pad;      /* keeps vcpu_info at 64 bytes */
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

/* A callback is a plain virtual address on x86-64 (no selector). */
typedef unsigned long xen_callback_t;

#endif /* !__ASSEMBLY__ */

#endif /* XENO_PUBLIC_ARCH_X86_XEN_X86_64_H */
