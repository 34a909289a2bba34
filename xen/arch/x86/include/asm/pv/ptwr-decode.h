/* SPDX-License-Identifier: GPL-2.0 */
/* Writable page tables: decode and emulate the instructions a PV guest uses
 * to write its own, read-only L1 entries. Pure logic: the caller fetches the
 * bytes, reads the old entry, validates the new one and commits it. */
#ifndef ASM_PTWR_DECODE_H
#define ASM_PTWR_DECODE_H

#include <stdbool.h>
#include <stdint.h>
#include <asm/x86-insn.h>

/* The guest's general registers, in encoding order (ModRM/SIB numbers). */
enum ptwr_gpr {
	PTWR_RAX, PTWR_RCX, PTWR_RDX, PTWR_RBX,
	PTWR_RSP, PTWR_RBP, PTWR_RSI, PTWR_RDI,
	PTWR_R8, PTWR_R9, PTWR_R10, PTWR_R11,
	PTWR_R12, PTWR_R13, PTWR_R14, PTWR_R15,
	PTWR_NR_GPRS
};

struct ptwr_gprs {
	uint64_t r[PTWR_NR_GPRS];
};

enum ptwr_op {
	PTWR_OP_MOV,       /* 88, 89, c6 /0, c7 /0 */
	PTWR_OP_XCHG,      /* 86, 87 (locked whether or not f0 is present) */
	PTWR_OP_CMPXCHG,   /* 0f b0, 0f b1 */
	PTWR_OP_OR,        /* 08, 09, 80 /1, 81 /1, 83 /1 */
	PTWR_OP_AND,       /* 20, 21, 80 /4, 81 /4, 83 /4 */
	PTWR_OP_XOR,       /* 30, 31, 80 /6, 81 /6, 83 /6 */
	PTWR_OP_BTS,       /* 0f ab, 0f ba /5 */
	PTWR_OP_BTR,       /* 0f b3, 0f ba /6 */
};

/* Which segment the access goes through. In 64-bit mode the cs, ds, es and
 * ss overrides are ignored, so only the default (ds, or ss for an rsp/rbp
 * base) or an fs/gs override can show up; the caller adds the fs/gs base. */
enum ptwr_seg {
	PTWR_SEG_DS,
	PTWR_SEG_SS,
	PTWR_SEG_FS,
	PTWR_SEG_GS,
};

/* Why ptwr_decode() refused; the guest then gets its page fault. */
enum ptwr_reject {
	PTWR_OK,
	PTWR_REJ_TRUNCATED,     /* fewer bytes available than the form needs */
	PTWR_REJ_TOO_LONG,      /* would exceed 15 bytes (#GP on hardware) */
	PTWR_REJ_OPSIZE,        /* 66 without REX.W: a 2-byte write */
	PTWR_REJ_ADDRSIZE,      /* 67: 32-bit addressing */
	PTWR_REJ_REP,           /* f2 / f3 */
	PTWR_REJ_OPCODE,        /* not one of the forms above */
	PTWR_REJ_REG_OPERAND,   /* mod = 3: no memory destination */
	PTWR_REJ_LOCK,          /* f0 on a form that cannot take it (#UD) */
};

struct ptwr_insn {
	enum ptwr_op op;
	enum ptwr_seg seg;
	enum ptwr_reject reject;  /* PTWR_OK unless ptwr_decode() failed */
	uint8_t len;              /* bytes, prefixes and immediate included */
	uint8_t width;            /* bytes written: 1, 4 or 8 */
	bool lock;                /* an f0 prefix was present */
	/* Effective address without the segment base. For bts/btr with a
	 * register bit offset it already includes the bit-string displacement
	 * (offset >> 6 qwords, or >> 5 dwords), as the CPU computes it. */
	uint64_t ea;
	/* The source: register or immediate, truncated (immediates sign-
	 * extended first) to width; for bts/btr the bit number in the operand. */
	uint64_t src;
	/* Register the result goes to: xchg's register operand, cmpxchg's
	 * accumulator (rax); -1 for the other operations. */
	int8_t dst_reg;
	/* dst_reg names ah/ch/dh/bh (byte form, no REX, register 4-7). */
	bool dst_high_byte;
};

/* Arithmetic flags in RFLAGS. */
#define PTWR_FLAG_CF (1u << 0)
#define PTWR_FLAG_PF (1u << 2)
#define PTWR_FLAG_AF (1u << 4)
#define PTWR_FLAG_ZF (1u << 6)
#define PTWR_FLAG_SF (1u << 7)
#define PTWR_FLAG_OF (1u << 11)

struct ptwr_result {
	uint64_t new_entry;    /* the whole 8-byte entry after the operation */
	bool write;            /* false only when cmpxchg's compare failed */
	bool reg_written;      /* set reg to reg_val (full 64-bit value) */
	uint8_t reg;
	uint64_t reg_val;
	/* RFLAGS bits the instruction defines, and their new values:
	 * rflags = (rflags & ~flags_mask) | flags. */
	uint64_t flags_mask;
	uint64_t flags;
};

/*
 * Decode the instruction at rip from bytes[0..nr_bytes) (at most 15 are
 * looked at). rip is needed for rip-relative operands. Returns 0 and fills
 * *insn, or -EINVAL with insn->reject saying why.
 */
int ptwr_decode(const uint8_t *bytes, unsigned int nr_bytes,
		const struct ptwr_gprs *regs, uint64_t rip,
		struct ptwr_insn *insn);

/*
 * May a write of width bytes at linear address gaddr be emulated for a
 * fault at cr2? Only if it is naturally aligned (so it lies inside one
 * 8-byte entry) and covers cr2. gaddr is insn->ea plus any fs/gs base.
 */
bool ptwr_access_ok(uint64_t gaddr, unsigned int width, uint64_t cr2);

/*
 * Apply a decoded instruction to the entry that held old_entry, the write
 * going to linear address gaddr (its low 3 bits place a 1- or 4-byte
 * operand inside the entry). Returns 0 and fills *res, or -EINVAL if the
 * access is misaligned or insn is not a decoded one. Nothing is committed:
 * the caller validates res->new_entry, swaps it in with a compare against
 * old_entry (retrying from a fresh read on a mismatch), and only then
 * updates the register, RFLAGS and rip (+= insn->len).
 */
int ptwr_apply(const struct ptwr_insn *insn, const struct ptwr_gprs *regs,
	       uint64_t gaddr, uint64_t old_entry, struct ptwr_result *res);

#endif
