/* SPDX-License-Identifier: GPL-2.0 */
/* The x86 part of struct vcpu and struct domain (v->arch, d->arch): what
 * a 64-bit PV guest's vCPU holds while it is not on a CPU. Generic code
 * embeds these but never reads inside them; xen/arch/x86 alone does. */
#ifndef ASM_DOMAIN_H
#define ASM_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>
#include <asm/cpu-policy.h>
#include <asm/regs.h>

#define PV_TRAP_ENTRIES 256

/* One virtual IDT entry, as set_trap_table gave it (checked). */
struct pv_trap {
	uint64_t address;      /* 0: no handler */
	uint16_t cs;
	uint8_t dpl;           /* who may raise it with int n */
	bool mask_events;      /* trap_info flags bit 2 */
};

struct pv_callback {
	uint64_t address;
	bool mask_events;
};

struct arch_vcpu {
	struct cpu_regs regs;           /* saved while not running */
	bool kernel_mode;               /* guest kernel (true) or guest user */
	uint64_t kernel_cr3;            /* machine address of the kernel L4 */
	uint64_t user_cr3;              /* 0: no user page table */
	uint64_t kernel_sp;             /* stack_switch */
	uint16_t kernel_ss;
	uint64_t fs_base, gs_base_kernel, gs_base_user;
	uint16_t gs_sel_user;
	uint16_t sel_ds, sel_es, sel_fs, sel_gs;   /* saved while not running */
	struct pv_trap traps[PV_TRAP_ENTRIES];
	struct pv_callback event_cb, failsafe_cb, syscall_cb, syscall32_cb, nmi_cb;
	uint64_t cr2;                   /* virtual CR2 */
	bool fpu_ts;                    /* virtual CR0.TS */
	unsigned int iopl;              /* virtual IOPL (physdev set_iopl) */
	uint64_t debugreg[8];           /* DR7 as loaded: no I/O breakpoint enables */
	uint32_t dr7_emul;              /* DR7's I/O breakpoint enables (read back only) */
	bool cr4_de;                    /* virtual CR4.DE: I/O breakpoints allowed */
	uint8_t fpu[512] __attribute__((aligned(16)));   /* fxsave area */
	bool fpu_initialised;
	unsigned int nr_faults_nested;  /* bounces without a guest iret */
	uint64_t gdt_frames[14];        /* typed segment-descriptor frames */
	unsigned int gdt_ents;
	uint64_t ldt_frames[16];
	unsigned int ldt_ents;
	uint64_t ldt_base;
	unsigned int ldt_req_ents;      /* asked for; ldt_ents is 0 if unusable */
};

struct arch_domain {
	uint64_t hypercall_page_gva;
	bool has_hypercall_page;
	uint32_t pci_cf8;              /* PCI config address latched by dom0 */
	unsigned int io_denied_logged; /* refused ports reported so far */
	uint32_t io_denied_port[16];   /* ... and which */
	struct cpu_policy cpuid;       /* XEN_DOMCTL_set_cpu_policy's (pv/cpu-policy.c) */
	uint32_t tsc_mode;             /* XEN_DOMCTL_settscinfo's (domctl.c) */
	uint32_t tsc_incarnation;
	/* XENMEM_set_memory_map's pseudo-physical map (NULL: one RAM range
	 * of max_pages); replaced and read under d->lock. */
	struct xen_e820_entry *e820;
	unsigned int nr_e820;
};

#endif
