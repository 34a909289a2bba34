/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the test-ptwr-*.c programs: the register file every case runs
 * against, short names for the decoder's enums, and the decode-table
 * runner. Expected values are literals: decode results read off objdump's
 * disassembly, apply results recorded by running each instruction on a CPU. */
#ifndef PTWR_FIXTURE_H
#define PTWR_FIXTURE_H

#include "helpers.h"
#include <asm/pv/ptwr-decode.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

#define TEST_RIP 0xffffffff81000000ULL

/* Register values chosen so every low and high byte differs. */
extern const struct ptwr_gprs regs0;

/* Short names for the tables. */
enum {
	MOV = PTWR_OP_MOV, XCHG = PTWR_OP_XCHG, CMPXCHG = PTWR_OP_CMPXCHG,
	OR = PTWR_OP_OR, AND = PTWR_OP_AND, XOR = PTWR_OP_XOR,
	BTS = PTWR_OP_BTS, BTR = PTWR_OP_BTR,
	DS = PTWR_SEG_DS, SS = PTWR_SEG_SS, FS = PTWR_SEG_FS, GS = PTWR_SEG_GS,
};

struct decode_case {
	const char *name;            /* objdump's reading of the bytes */
	const char bytes[16];
	unsigned int len;
	int op;
	unsigned int width;
	int lock;
	int seg;
	uint64_t ea;
	uint64_t src;
	int dst_reg;
	int high_byte;
};

/* The bytes in a heap block of exactly nr bytes, so ASan catches any read
 * past what the caller said it fetched. */
int decode_exact(const char *bytes, unsigned int nr, struct ptwr_insn *insn);
/* Fails the case, naming it and the field, when got differs from want. */
void expect_field(const char *name, const char *field, uint64_t got, uint64_t want);
/* Each case decodes from exactly its bytes and from a full 15-byte fetch
 * with junk behind it; every shorter fetch is refused as truncated. */
void run_decode_table(const struct decode_case *t, size_t n);

#endif
