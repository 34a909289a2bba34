/* SPDX-License-Identifier: MIT */
/*
 * The core of the Xen 4.17 PV ABI as Xeno speaks it (x86-64 only):
 * hypercall numbers, VIRQs, MMU and mmuext commands, domain ids, and the
 * layouts of vcpu_time_info, vcpu_info, shared_info and start_info.
 */
#ifndef XENO_PUBLIC_XEN_H
#define XENO_PUBLIC_XEN_H

#ifndef __ASSEMBLY__
#include <stdint.h>   /* the compiler's own, usable freestanding */
#endif

#include "arch-x86/xen.h"

#ifndef __ASSEMBLY__

/* Handles to primitive types that many interfaces pass. */
DEFINE_XEN_GUEST_HANDLE(char);
__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
DEFINE_XEN_GUEST_HANDLE(int);
__DEFINE_XEN_GUEST_HANDLE(uint, unsigned int);
DEFINE_XEN_GUEST_HANDLE(void);
DEFINE_XEN_GUEST_HANDLE(uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);

/* Trailing variable-length arrays. */
#define XEN_FLEX_ARRAY_DIM

/*
 * Typed constants that assembly can use too (no suffix there). Two
 * levels, so a macro argument is expanded before the suffix is pasted.
 */
#define __xen_mk_uint(x)   x##U
#define __xen_mk_ulong(x)  x##UL
#ifndef __xen_mk_ullong
#define __xen_mk_ullong(x) x##ULL
#endif
#define xen_mk_uint(x)     __xen_mk_uint(x)
#define xen_mk_ulong(x)    __xen_mk_ulong(x)
#define xen_mk_ullong(x)   __xen_mk_ullong(x)
#else
#define xen_mk_uint(x)   x
#define xen_mk_ulong(x)  x
#define xen_mk_ullong(x) x
#endif

/* Hypercall numbers: the index into the hypercall table (rax). */
#define __HYPERVISOR_set_trap_table                 0
#define __HYPERVISOR_mmu_update                     1
#define __HYPERVISOR_set_gdt                        2
#define __HYPERVISOR_stack_switch                   3
#define __HYPERVISOR_set_callbacks                  4
#define __HYPERVISOR_fpu_taskswitch                 5
#define __HYPERVISOR_sched_op_compat                6
#define __HYPERVISOR_platform_op                    7
#define __HYPERVISOR_set_debugreg                   8
#define __HYPERVISOR_get_debugreg                   9
#define __HYPERVISOR_update_descriptor             10
/* 11 is unused */
#define __HYPERVISOR_memory_op                     12
#define __HYPERVISOR_multicall                     13
#define __HYPERVISOR_update_va_mapping             14
#define __HYPERVISOR_set_timer_op                  15
#define __HYPERVISOR_event_channel_op_compat       16
#define __HYPERVISOR_xen_version                   17
#define __HYPERVISOR_console_io                    18
#define __HYPERVISOR_physdev_op_compat             19
#define __HYPERVISOR_grant_table_op                20
#define __HYPERVISOR_vm_assist                     21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                          23
#define __HYPERVISOR_vcpu_op                       24
#define __HYPERVISOR_set_segment_base              25
#define __HYPERVISOR_mmuext_op                     26
#define __HYPERVISOR_xsm_op                        27
#define __HYPERVISOR_nmi_op                        28
#define __HYPERVISOR_sched_op                      29
#define __HYPERVISOR_callback_op                   30
#define __HYPERVISOR_xenoprof_op                   31
#define __HYPERVISOR_event_channel_op              32
#define __HYPERVISOR_physdev_op                    33
#define __HYPERVISOR_hvm_op                        34
#define __HYPERVISOR_sysctl                        35
#define __HYPERVISOR_domctl                        36
#define __HYPERVISOR_kexec_op                      37
#define __HYPERVISOR_tmem_op                       38
#define __HYPERVISOR_argo_op                       39
#define __HYPERVISOR_xenpmu_op                     40
#define __HYPERVISOR_dm_op                         41
#define __HYPERVISOR_hypfs_op                      42
/* Numbers 48-55 are left to each architecture. */
#define __HYPERVISOR_arch_0                        48
#define __HYPERVISOR_arch_1                        49
#define __HYPERVISOR_arch_2                        50
#define __HYPERVISOR_arch_3                        51
#define __HYPERVISOR_arch_4                        52
#define __HYPERVISOR_arch_5                        53
#define __HYPERVISOR_arch_6                        54
#define __HYPERVISOR_arch_7                        55

/*
 * Virtual interrupts, bound with EVTCHNOP_bind_virq. Per-vCPU ones (timer,
 * debug, xenoprof, xenpmu) are bound per vCPU; the others are global.
 */
#define VIRQ_TIMER       0   /* per vCPU: timer tick or timeout */
#define VIRQ_DEBUG       1   /* per vCPU: dump debug state */
#define VIRQ_CONSOLE     2   /* dom0: input on the hypervisor console */
#define VIRQ_DOM_EXC     3   /* dom0: a domain crashed or shut down */
#define VIRQ_TBUF        4   /* dom0: trace records available */
/* 5 is unused */
#define VIRQ_DEBUGGER    6   /* dom0: a domain paused for the debugger */
#define VIRQ_XENOPROF    7   /* per vCPU: profiling sample */
#define VIRQ_CON_RING    8   /* dom0: hypervisor console ring has data */
#define VIRQ_PCPU_STATE  9   /* dom0: a physical CPU changed state */
#define VIRQ_MEM_EVENT   10  /* dom0: a memory event happened */
#define VIRQ_ARGO        11  /* Argo message arrived */
#define VIRQ_ENOMEM      12  /* dom0: the hypervisor heap runs low */
#define VIRQ_XENPMU      13  /* per vCPU: performance counter interrupt */
#define VIRQ_ARCH_0      16
#define VIRQ_ARCH_1      17
#define VIRQ_ARCH_2      18
#define VIRQ_ARCH_3      19
#define VIRQ_ARCH_4      20
#define VIRQ_ARCH_5      21
#define VIRQ_ARCH_6      22
#define VIRQ_ARCH_7      23
#define NR_VIRQS         24

/*
 * mmu_update: the low bits of 'ptr' pick the command; the rest is the
 * machine address of the entry to write (or of the frame, for MACHPHYS).
 */
#define MMU_NORMAL_PT_UPDATE        0  /* validated *ptr = val */
#define MMU_MACHPHYS_UPDATE         1  /* m2p[ptr >> PAGE_SHIFT] = val */
#define MMU_PT_UPDATE_PRESERVE_AD   2  /* as NORMAL, keeping accessed/dirty */
#define MMU_PT_UPDATE_NO_TRANSLATE  3  /* as NORMAL, val never translated */

/* mmuext_op.cmd */
#define MMUEXT_PIN_L1_TABLE        0
#define MMUEXT_PIN_L2_TABLE        1
#define MMUEXT_PIN_L3_TABLE        2
#define MMUEXT_PIN_L4_TABLE        3
#define MMUEXT_UNPIN_TABLE         4
#define MMUEXT_NEW_BASEPTR         5
#define MMUEXT_TLB_FLUSH_LOCAL     6
#define MMUEXT_INVLPG_LOCAL        7
#define MMUEXT_TLB_FLUSH_MULTI     8
#define MMUEXT_INVLPG_MULTI        9
#define MMUEXT_TLB_FLUSH_ALL      10
#define MMUEXT_INVLPG_ALL         11
#define MMUEXT_FLUSH_CACHE        12
#define MMUEXT_SET_LDT            13
/* 14 is unused */
#define MMUEXT_NEW_USER_BASEPTR   15
#define MMUEXT_CLEAR_PAGE         16
#define MMUEXT_COPY_PAGE          17
#define MMUEXT_FLUSH_CACHE_GLOBAL 18
#define MMUEXT_MARK_SUPER         19
#define MMUEXT_UNMARK_SUPER       20

#ifndef __ASSEMBLY__
struct mmuext_op {
	unsigned int cmd;                 /* MMUEXT_* */
	union {
		xen_pfn_t mfn;            /* pin/unpin, baseptrs, pages, super */
		unsigned long linear_addr; /* invlpg, set_ldt */
	} arg1;
	union {
		unsigned int nr_ents;     /* set_ldt */
		XEN_GUEST_HANDLE(const_void) vcpumask; /* the _MULTI forms */
		xen_pfn_t src_mfn;        /* copy_page */
	} arg2;
};
typedef struct mmuext_op mmuext_op_t;
DEFINE_XEN_GUEST_HANDLE(mmuext_op_t);
#endif

/* update_va_mapping flags: a flush type, then a scope (ORed). */
#define UVMF_NONE            0UL      /* no flush */
#define UVMF_TLB_FLUSH       1UL      /* flush whole TLBs */
#define UVMF_INVLPG          2UL      /* flush the one entry */
#define UVMF_FLUSHTYPE_MASK  3UL
#define UVMF_MULTI           0UL      /* OR in a pointer to a vCPU bitmap */
#define UVMF_LOCAL           0UL      /* UVMF_MULTI with a NULL bitmap */
#define UVMF_ALL             (1UL << 2)

/* console_io commands */
#define CONSOLEIO_write 0
#define CONSOLEIO_read  1

/* vm_assist commands and types */
#define VMASST_CMD_enable                 0
#define VMASST_CMD_disable                1
#define VMASST_TYPE_4gb_segments          0   /* 32-bit guests only */
#define VMASST_TYPE_4gb_segments_notify   1   /* 32-bit guests only */
#define VMASST_TYPE_writable_pagetables   2   /* emulate writes to L1s */
#define VMASST_TYPE_pae_extended_cr3      3   /* 32-bit PAE only */
#define VMASST_TYPE_architectural_iopl    4   /* iopl in rflags is honoured */
#define VMASST_TYPE_runstate_update_flag  5   /* XEN_RUNSTATE_UPDATE used */
#define VMASST_TYPE_m2p_strict            32  /* m2p hidden from user mode */

/* Domain ids from DOMID_FIRST_RESERVED up name no ordinary domain. */
#define DOMID_FIRST_RESERVED  xen_mk_uint(0x7FF0)
#define DOMID_SELF            xen_mk_uint(0x7FF0)  /* the caller */
#define DOMID_IO              xen_mk_uint(0x7FF1)  /* owner of I/O memory */
#define DOMID_XEN             xen_mk_uint(0x7FF2)  /* the hypervisor itself */
#define DOMID_COW             xen_mk_uint(0x7FF3)  /* shared copy-on-write */
#define DOMID_INVALID         xen_mk_uint(0x7FF4)  /* unknown owner */
#define DOMID_IDLE            xen_mk_uint(0x7FFF)
#define DOMID_MASK            xen_mk_uint(0x7FFF)

#ifndef __ASSEMBLY__

typedef uint16_t domid_t;

/* One mmu_update request: a command in ptr's low bits, see MMU_*. */
struct mmu_update {
	uint64_t ptr;
	uint64_t val;
};
typedef struct mmu_update mmu_update_t;
DEFINE_XEN_GUEST_HANDLE(mmu_update_t);

/* One multicall entry; 'result' is written back by the hypervisor. */
struct multicall_entry {
	xen_ulong_t op, result;
	xen_ulong_t args[6];
};
typedef struct multicall_entry multicall_entry_t;
DEFINE_XEN_GUEST_HANDLE(multicall_entry_t);

/*
 * pvclock: the guest reads 'version', the fields, then 'version' again;
 * an odd or changed version means retry. Now (ns) is
 * system_time + (((tsc - tsc_timestamp) << tsc_shift) * tsc_to_system_mul >> 32),
 * shifting right for a negative tsc_shift.
 */
struct vcpu_time_info {
	uint32_t version;
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;        /* ns since the domain's boot */
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags;               /* XEN_PVCLOCK_* */
	uint8_t pad1[2];
};
typedef struct vcpu_time_info vcpu_time_info_t;

#define XEN_PVCLOCK_TSC_STABLE_BIT (1 << 0)
#define XEN_PVCLOCK_GUEST_STOPPED  (1 << 1)

/*
 * Per-vCPU event state. The hypervisor sets evtchn_upcall_pending and the
 * selector bits; the guest clears pending before scanning. A non-zero
 * evtchn_upcall_mask holds upcalls back (the guest's interrupt flag).
 */
struct vcpu_info {
	uint8_t evtchn_upcall_pending;
	uint8_t evtchn_upcall_mask;
	xen_ulong_t evtchn_pending_sel;
	struct arch_vcpu_info arch;
	vcpu_time_info_t time;
};
typedef struct vcpu_info vcpu_info_t;

/*
 * The page shared between the hypervisor and each domain: the first 32
 * vCPUs' vcpu_info, the 2-level event pending and mask bitmaps (one bit
 * per port), and the wallclock at system time 0.
 */
struct shared_info {
	struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
	xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
	xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];
	uint32_t wc_version;         /* as vcpu_time_info.version */
	uint32_t wc_sec;
	uint32_t wc_nsec;
	uint32_t wc_sec_hi;
	struct arch_shared_info arch;
};
typedef struct shared_info shared_info_t;
#define xen_wc_sec_hi wc_sec_hi

/*
 * The page whose address a PV guest finds in rsi at entry. Addresses are
 * guest virtual unless said otherwise; the fields up to 'console' are
 * refilled on resume.
 */
#define MAX_GUEST_CMDLINE 1024
struct start_info {
	char magic[32];              /* "xen-<version>-<platform>" */
	unsigned long nr_pages;
	unsigned long shared_info;   /* machine address of shared_info */
	uint32_t flags;              /* SIF_* */
	xen_pfn_t store_mfn;         /* xenstore ring frame */
	uint32_t store_evtchn;
	union {
		struct {
			xen_pfn_t mfn;       /* console ring frame */
			uint32_t evtchn;
		} domU;
		struct {
			uint32_t info_off;   /* offset of dom0_vga_console_info */
			uint32_t info_size;
		} dom0;
	} console;
	unsigned long pt_base;       /* the initial L4 */
	unsigned long nr_pt_frames;  /* frames of the initial page tables */
	unsigned long mfn_list;      /* the p2m list */
	unsigned long mod_start;     /* initrd, or its pfn (SIF_MOD_START_PFN) */
	unsigned long mod_len;       /* bytes */
	int8_t cmd_line[MAX_GUEST_CMDLINE];
	unsigned long first_p2m_pfn; /* p2m frames when INIT_P2M is used */
	unsigned long nr_p2m_frames;
};
typedef struct start_info start_info_t;

#endif /* !__ASSEMBLY__ */

/* start_info.flags */
#define SIF_PRIVILEGED       (1 << 0)  /* may use privileged operations */
#define SIF_INITDOMAIN       (1 << 1)  /* the initial control domain */
#define SIF_MULTIBOOT_MOD    (1 << 2)  /* mod_start is a multiboot list */
#define SIF_MOD_START_PFN    (1 << 3)  /* mod_start is a pfn */
#define SIF_VIRT_P2M_4TOOLS  (1 << 4)  /* tools read a linear p2m */
#define SIF_PM_MASK          (0xFF << 8)

#ifndef __ASSEMBLY__

/* With SIF_MULTIBOOT_MOD: the modules, as physical addresses. */
struct xen_multiboot_mod_list {
	uint32_t mod_start;
	uint32_t mod_end;            /* last byte, inclusive */
	uint32_t cmdline;            /* NUL-terminated */
	uint32_t pad;                /* zero */
};

/* dom0's boot console, at start_info.console.dom0.info_off. */
typedef struct dom0_vga_console_info {
	uint8_t video_type;          /* XEN_VGATYPE_* */
#define XEN_VGATYPE_TEXT_MODE_3 0x03
#define XEN_VGATYPE_VESA_LFB    0x23
#define XEN_VGATYPE_EFI_LFB     0x70
	union {
		struct {
			uint16_t font_height;
			uint16_t cursor_x, cursor_y;
			uint16_t rows, columns;
		} text_mode_3;
		struct {
			uint16_t width, height;
			uint16_t bytes_per_line;
			uint16_t bits_per_pixel;
			uint32_t lfb_base;     /* low 32 bits */
			uint32_t lfb_size;     /* in 64 KiB units */
			uint8_t red_pos, red_size;
			uint8_t green_pos, green_size;
			uint8_t blue_pos, blue_size;
			uint8_t rsvd_pos, rsvd_size;
			uint32_t gbl_caps;
			uint16_t mode_attrs;
			uint16_t pad;
			uint32_t ext_lfb_base; /* high 32 bits */
		} vesa_lfb;
	} u;
} dom0_vga_console_info_t;
#define xen_vga_console_info   dom0_vga_console_info
#define xen_vga_console_info_t dom0_vga_console_info_t

typedef uint8_t xen_domain_handle_t[16];

__DEFINE_XEN_GUEST_HANDLE(uint8, uint8_t);
__DEFINE_XEN_GUEST_HANDLE(uint16, uint16_t);
__DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);
__DEFINE_XEN_GUEST_HANDLE(uint64, uint64_t);

typedef struct {
	uint8_t a[16];
} xen_uuid_t;

/*
 * A xen_uuid_t from the usual 8-4-4-4-12 groups: a is 32 bits, b to d
 * 16 bits each, e1-e6 the last six bytes. The bytes are big-endian.
 */
#define XEN_DEFINE_UUID_(a, b, c, d, e1, e2, e3, e4, e5, e6) \
	{ { ((a) >> 24) & 0xFF, ((a) >> 16) & 0xFF, ((a) >> 8) & 0xFF, \
	    (a) & 0xFF, ((b) >> 8) & 0xFF, (b) & 0xFF, ((c) >> 8) & 0xFF, \
	    (c) & 0xFF, ((d) >> 8) & 0xFF, (d) & 0xFF, \
	    e1, e2, e3, e4, e5, e6 } }
#define XEN_DEFINE_UUID(a, b, c, d, e1, e2, e3, e4, e5, e6) \
	((xen_uuid_t)XEN_DEFINE_UUID_(a, b, c, d, e1, e2, e3, e4, e5, e6))

#endif /* !__ASSEMBLY__ */

/*
 * The control interfaces (domctl, sysctl) name 64-bit fields and handles
 * so that a 32-bit toolstack could force 8-byte alignment; on x86-64
 * they are the plain types.
 */
#ifndef int64_aligned_t
#define int64_aligned_t int64_t
#endif
#ifndef uint64_aligned_t
#define uint64_aligned_t uint64_t
#endif
#ifndef XEN_GUEST_HANDLE_64
#define XEN_GUEST_HANDLE_64(name) XEN_GUEST_HANDLE(name)
#endif

#ifndef __ASSEMBLY__
/* A bitmap of nr_bits bits (CPUs, nodes) passed by guest handle. */
struct xenctl_bitmap {
	XEN_GUEST_HANDLE_64(uint8) bitmap;
	uint32_t nr_bits;
};
typedef struct xenctl_bitmap xenctl_bitmap_t;
#endif

#endif /* XENO_PUBLIC_XEN_H */
