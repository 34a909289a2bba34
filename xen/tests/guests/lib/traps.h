/* SPDX-License-Identifier: MIT */
/*
 * Trap recording. Every vector 0-31, 0x80 and 0x81 has an entry stub that
 * saves the registers, records the bounce frame in last_trap and resumes:
 * at trap_fixup_rip when a probe armed it, after the instruction for the
 * trap-like vectors (#BP, #OF, int 0x80), else the guest reports the
 * unexpected trap as a FAIL and ends. Return is always HYPERVISOR_iret.
 */
#ifndef GUEST_TRAPS_H
#define GUEST_TRAPS_H

#include <stdbool.h>
#include <stdint.h>
#include <public/xen.h>

/* The registers trap-entry.S saves, then the frame the hypervisor built. */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;    /* pushed by the stub; 0 if none */
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Pseudo-vectors: a guest-user `syscall`, an event upcall, the failsafe callback. */
#define VECTOR_SYSCALL  0x100
#define VECTOR_EVENT    0x101
#define VECTOR_FAILSAFE 0x102
#define TRAP_NONE (~0UL)

struct trap_record {
	unsigned long vector;           /* TRAP_NONE: nothing since trap_clear() */
	unsigned long error_code;
	unsigned long rip, cs, rflags, rsp, ss;
	unsigned long rcx, r11;         /* the two extra bounce-frame words */
	unsigned long rax;
	unsigned long cr2;              /* #PF only; CR2_UNREADABLE if mov faulted */
	unsigned long frame_top;        /* address just above the SS word */
	unsigned long upcall_mask;      /* vcpu 0's mask in the handler; ~0 unmapped */
	unsigned long count;            /* traps recorded since boot */
};
#define CR2_UNREADABLE 0xdead0000dead0000UL

extern volatile struct trap_record last_trap;
extern volatile unsigned long trap_fixup_rip;
extern volatile unsigned long trap_probe_rip;
/* Set once shared_info is mapped, so records include the event mask. */
extern volatile struct vcpu_info *trap_vcpu_info;

/* Install handlers for 0-31 (DPL 0, #BP/#OF DPL 3) and 0x80 (DPL 3). */
long traps_init(void);
/* traps_init(), reporting a setup FAIL under 'name' if it is refused. */
bool traps_setup(const char *name);
unsigned long trap_entry_address(unsigned int vector);
bool vector_has_error_code(unsigned int vector);
void trap_clear(void);

/*
 * PROBE_BEGIN "insn" PROBE_END: run one instruction with the fixup armed
 * (clobbers rax). trap_probe_rip holds the instruction's address; after a
 * fault the handler resumes just past PROBE_END's label. PROBE_ARM and
 * PROBE_AT split PROBE_BEGIN when set-up instructions must come between.
 */
#define PROBE_ARM \
	"leaq 77f(%%rip), %%rax\n\t" \
	"movq %%rax, trap_probe_rip(%%rip)\n\t" \
	"leaq 78f(%%rip), %%rax\n\t" \
	"movq %%rax, trap_fixup_rip(%%rip)\n\t"
#define PROBE_AT "77: "
#define PROBE_BEGIN PROBE_ARM PROBE_AT
#define PROBE_END \
	"\n78:\n\t" \
	"movq $0, trap_fixup_rip(%%rip)\n\t"

/* Each probe helper returns true if the access completed without a trap. */
bool probe_read(unsigned long va, unsigned long *val);
bool probe_write(unsigned long va, unsigned long val);
bool probe_rdmsr(uint32_t msr, uint64_t *val);
bool probe_wrmsr(uint32_t msr, uint64_t val);
bool probe_read_cr0(unsigned long *val);
bool probe_read_cr3(unsigned long *val);
bool probe_read_cr4(unsigned long *val);
/* Forced-emulation CPUID (ud2 "xen" cpuid). */
bool probe_xen_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4]);

/* Check last_trap against one expected vector; prints PASS/FAIL. */
bool expect_trap(const char *name, unsigned long vector);
bool expect_no_trap(const char *name, bool completed);

/* Set by the iret path of the hcpage guest: jump here instead of syscall. */
extern unsigned long trap_iret_stub;

#endif /* GUEST_TRAPS_H */
