/* SPDX-License-Identifier: GPL-2.0 */
/* The register frame built by the entry stubs (entry.S): general registers
 * pushed by software, then vector and error code, then the hardware frame.
 * The field order is the push order reversed; entry.S depends on it. */
#ifndef ASM_REGS_H
#define ASM_REGS_H

/* entry_vector of a frame built by syscall entry: above every IDT vector,
 * so it can never be taken for an exception. */
#define ENTRY_VECTOR_SYSCALL 0x100

#define REGS_R15    0
#define REGS_RAX    (10 * 8)
#define REGS_RDI    (14 * 8)
#define REGS_VECTOR (15 * 8)
#define REGS_ERROR  (16 * 8)
#define REGS_RIP    (17 * 8)
#define REGS_CS     (18 * 8)
#define REGS_RFLAGS (19 * 8)
#define REGS_RSP    (20 * 8)
#define REGS_SS     (21 * 8)
#define REGS_SIZE   (22 * 8)

#ifndef __ASSEMBLY__
#include <stdint.h>

struct cpu_regs {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	uint64_t rax, rcx, rdx, rsi, rdi;
	uint64_t entry_vector;
	uint64_t error_code;
	uint64_t rip, cs, rflags, rsp, ss;   /* hardware frame */
};

_Static_assert(__builtin_offsetof(struct cpu_regs, rdi) == REGS_RDI, "regs");
_Static_assert(__builtin_offsetof(struct cpu_regs, ss) == REGS_SS, "regs");
_Static_assert(sizeof(struct cpu_regs) == REGS_SIZE, "regs");

/* General register n in the instruction encoding's order (rax, rcx, rdx,
 * rbx, rsp, rbp, rsi, rdi, r8-r15), for emulators decoding ModRM. */
static inline uint64_t *regs_gpr(struct cpu_regs *r, unsigned int n)
{
	switch (n & 15) {
	case 0: return &r->rax;   case 1: return &r->rcx;
	case 2: return &r->rdx;   case 3: return &r->rbx;
	case 4: return &r->rsp;   case 5: return &r->rbp;
	case 6: return &r->rsi;   case 7: return &r->rdi;
	case 8: return &r->r8;    case 9: return &r->r9;
	case 10: return &r->r10;  case 11: return &r->r11;
	case 12: return &r->r12;  case 13: return &r->r13;
	case 14: return &r->r14;  default: return &r->r15;
	}
}

static inline int regs_from_guest(const struct cpu_regs *r)
{
	return (r->cs & 3) != 0;
}
#endif

#endif
