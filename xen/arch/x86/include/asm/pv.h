/* SPDX-License-Identifier: GPL-2.0 */
/* x86-64 PV state of a vCPU and of a domain. */
#ifndef ASM_PV_H
#define ASM_PV_H

#include <stdbool.h>
#include <stdint.h>
#include <asm/regs.h>
#include <public/xen.h>

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

struct pv_vcpu {
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
	uint64_t debugreg[8];
	uint8_t fpu[512] __attribute__((aligned(16)));   /* fxsave area */
	bool fpu_initialised;
	uint64_t runstate_gva;          /* registered vcpu_runstate_info */
	uint64_t time_gva;              /* registered vcpu_time_info */
	unsigned int nr_faults_nested;  /* bounces without a guest iret */
	uint64_t gdt_frames[14];        /* typed segment-descriptor frames */
	unsigned int gdt_ents;
	uint64_t ldt_frames[16];
	unsigned int ldt_ents;
	uint64_t ldt_base;
	unsigned int ldt_req_ents;      /* asked for; ldt_ents is 0 if unusable */
};

struct pv_domain {
	uint64_t hypercall_page_gva;
	bool has_hypercall_page;
	uint32_t pci_cf8;              /* PCI config address latched by dom0 */
	unsigned int io_denied_logged; /* refused ports reported so far */
	uint32_t io_denied_port[16];   /* ... and which */
};

struct vcpu;
struct domain;
struct cpu_info;

/* This CPU's syscall entry stub and the syscall MSRs. */
void syscall_stub_init(unsigned int cpu, struct cpu_info *ci);

/* Deliver exception vector to the guest kernel (bounce frame). Returns 0,
 * or -EFAULT after crashing the domain when it cannot be delivered. */
int pv_inject_trap(struct vcpu *v, unsigned int vector, bool has_error,
		   uint64_t error_code);
int pv_inject_event_callback(struct vcpu *v);
int pv_inject_syscall(struct vcpu *v, struct cpu_regs *regs);
/* A fault or trap raised by the running guest (frame in guest_regs). */
void pv_handle_exception(struct cpu_regs *regs);
/* Work before returning to a guest: scheduling, events. May not return. */
void pv_exit_to_guest(void);
int pv_inject_failsafe(struct vcpu *v);
/* Switch the vCPU between guest kernel and guest user mode. */
void pv_toggle_mode(struct vcpu *v);
void pv_load_cr3(struct vcpu *v);
void pv_set_fpu_ts(struct vcpu *v, bool ts);
struct vcpu_guest_context;
/* VCPUOP_initialise: check and load a whole vCPU context. */
long pv_vcpu_context_load(struct vcpu *v, const struct vcpu_guest_context *c);
/* Descriptor tables (pv/descriptors.c). */
void pv_load_gdt(struct vcpu *v);
void pv_load_ldt(struct vcpu *v);
long pv_set_gdt(struct vcpu *v, const uint64_t *frames, unsigned int ents);
int pv_set_ldt(struct vcpu *v, uint64_t base, unsigned int ents);
void pv_init_vcpu_regs(struct vcpu *v, uint64_t rip, uint64_t rsp, uint64_t rsi);

#endif
