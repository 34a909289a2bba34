/* SPDX-License-Identifier: GPL-2.0 */
/* The prefix bytes of a 64-bit mode x86 instruction, read once for every
 * decoder in the hypervisor (the #GP emulator, the writable page-table
 * decoder). Pure logic: the host tests build it.
 *
 * In 64-bit mode an instruction is: legacy prefixes in any order, then at
 * most one REX (40-4f) which counts only if the opcode follows it at once
 * (a legacy prefix after a REX cancels it), then the opcode. CS/DS/ES/SS
 * overrides are null; FS and GS add their base. 15 bytes at most. */
#ifndef ASM_X86_INSN_H
#define ASM_X86_INSN_H

#include <stdbool.h>
#include <stdint.h>

#define X86_MAX_INSN_LEN 15

#define REX_B 0x1   /* extends ModRM.rm, SIB.base or the opcode register */
#define REX_X 0x2   /* extends SIB.index */
#define REX_R 0x4   /* extends ModRM.reg */
#define REX_W 0x8   /* 64-bit operand size */

enum x86_prefix {
	X86_PFX_NONE,       /* not a prefix: the opcode */
	X86_PFX_OPSIZE,     /* 66 */
	X86_PFX_ADDRSIZE,   /* 67 */
	X86_PFX_LOCK,       /* f0 */
	X86_PFX_REP,        /* f2, f3 */
	X86_PFX_SEG,        /* 26 2e 36 3e 64 65 */
	X86_PFX_REX,        /* 40-4f */
};

enum x86_seg { X86_SEG_NONE, X86_SEG_FS, X86_SEG_GS };

/* What the prefixes read so far amount to. */
struct x86_prefixes {
	uint8_t rex;          /* 0 if absent or cancelled by a later prefix */
	bool opsize, addrsize, lock, rep;
	enum x86_seg seg;     /* the last FS/GS override; null ones are none */
};

/* Account for byte b, the next one of the prefix area, in *p; returns what
 * it was. X86_PFX_NONE: b is the opcode and *p is final. */
static inline enum x86_prefix x86_prefix_step(struct x86_prefixes *p, uint8_t b)
{
	enum x86_prefix k;

	switch (b) {
	case 0x66: k = X86_PFX_OPSIZE; p->opsize = true; break;
	case 0x67: k = X86_PFX_ADDRSIZE; p->addrsize = true; break;
	case 0xf0: k = X86_PFX_LOCK; p->lock = true; break;
	case 0xf2: case 0xf3: k = X86_PFX_REP; p->rep = true; break;
	case 0x26: case 0x2e: case 0x36: case 0x3e: k = X86_PFX_SEG; break;
	case 0x64: k = X86_PFX_SEG; p->seg = X86_SEG_FS; break;
	case 0x65: k = X86_PFX_SEG; p->seg = X86_SEG_GS; break;
	case 0x40 ... 0x4f: p->rex = b; return X86_PFX_REX;
	default: return X86_PFX_NONE;
	}
	p->rex = 0;   /* a REX counts only right before the opcode */
	return k;
}

#endif
