/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writable page tables: the decoder and emulator core. A PV guest writes an
 * L1 entry through its read-only mapping; the fault handler fetches the
 * instruction, and this file says what it would write and what it does to
 * the registers. No hardware and no guest memory here, so it is host-tested.
 *
 * Accepted: the 8-, 4- and 1-byte memory-destination forms of mov, xchg,
 * cmpxchg, or/and/xor and bts/btr, which cover what Linux writes to PTEs
 * (plain stores, xchg, cmpxchg, "lock andb"/"lock orb" from clear_bit and
 * set_bit with a constant bit, "lock btr" from test_and_clear_bit). The
 * byte forms are needed: clear_bit(_PAGE_BIT_RW) on fork is a lock andb.
 * Anything else (Xen's general emulator takes any memory write) is refused
 * and the guest gets its page fault back.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <asm/pv/ptwr-decode.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

enum ptwr_src {
	SRC_REG,     /* the ModRM reg field */
	SRC_IMM8,    /* ib, sign-extended to the operand size */
	SRC_IMM32,   /* id, sign-extended to 64 bits with REX.W */
};

/* One accepted instruction form, once the opcode (and /digit) is known. */
struct ptwr_form {
	enum ptwr_op op;
	enum ptwr_src src;
	bool byte_op;
	bool lockable;
};

/* A bounded cursor over the fetched bytes. */
struct ptwr_cursor {
	const uint8_t *bytes;
	unsigned int nr;
	unsigned int pos;
	enum ptwr_reject err;
};

/* Take n bytes, little-endian. Running past 15 bytes is the instruction's
 * fault (too long); running past what the caller could fetch is ours. */
static bool take(struct ptwr_cursor *c, unsigned int n, uint64_t *val)
{
	uint64_t v = 0;
	unsigned int i;

	if (c->pos + n > X86_MAX_INSN_LEN) {
		c->err = PTWR_REJ_TOO_LONG;
		return false;
	}
	if (c->pos + n > c->nr) {
		c->err = PTWR_REJ_TRUNCATED;
		return false;
	}
	for (i = 0; i < n; i++)
		v |= (uint64_t)c->bytes[c->pos + i] << (8 * i);
	c->pos += n;
	*val = v;
	return true;
}

static bool take8(struct ptwr_cursor *c, uint8_t *val)
{
	uint64_t v;

	if (!take(c, 1, &v))
		return false;
	*val = (uint8_t)v;
	return true;
}

static uint64_t sext8(uint64_t v)
{
	return (uint64_t)(int64_t)(int8_t)(uint8_t)v;
}

static uint64_t sext32(uint64_t v)
{
	return (uint64_t)(int64_t)(int32_t)(uint32_t)v;
}

static uint64_t width_mask(unsigned int width)
{
	return width == 8 ? ~0ULL : (1ULL << (8 * width)) - 1;
}

/* The 80/81/83 groups: only or (/1), and (/4) and xor (/6) are page-table
 * writes; add, adc, sbb, sub and cmp are refused. */
static bool arith_group(uint8_t digit, enum ptwr_op *op)
{
	switch (digit) {
	case 1: *op = PTWR_OP_OR; return true;
	case 4: *op = PTWR_OP_AND; return true;
	case 6: *op = PTWR_OP_XOR; return true;
	default: return false;
	}
}

/* Map (opcode, /digit) to a form; false for anything not accepted. */
static bool lookup_form(bool twobyte, uint8_t opc, uint8_t digit,
			struct ptwr_form *f)
{
	*f = (struct ptwr_form){ .src = SRC_REG, .lockable = true };

	if (twobyte) {
		switch (opc) {
		case 0xb0: f->byte_op = true; /* fall through */
		case 0xb1: f->op = PTWR_OP_CMPXCHG; return true;
		case 0xab: f->op = PTWR_OP_BTS; return true;
		case 0xb3: f->op = PTWR_OP_BTR; return true;
		case 0xba:
			/* /4 bt only reads; /7 btc is not a PTE update. */
			f->src = SRC_IMM8;
			f->op = digit == 5 ? PTWR_OP_BTS : PTWR_OP_BTR;
			return digit == 5 || digit == 6;
		default:
			return false;
		}
	}

	switch (opc) {
	case 0x88: f->byte_op = true; /* fall through */
	case 0x89: f->op = PTWR_OP_MOV; f->lockable = false; return true;
	case 0xc6: f->byte_op = true; f->src = SRC_IMM8;
		f->op = PTWR_OP_MOV; f->lockable = false; return digit == 0;
	case 0xc7: f->src = SRC_IMM32;
		f->op = PTWR_OP_MOV; f->lockable = false; return digit == 0;
	case 0x86: f->byte_op = true; /* fall through */
	case 0x87: f->op = PTWR_OP_XCHG; return true;
	case 0x08: f->byte_op = true; /* fall through */
	case 0x09: f->op = PTWR_OP_OR; return true;
	case 0x20: f->byte_op = true; /* fall through */
	case 0x21: f->op = PTWR_OP_AND; return true;
	case 0x30: f->byte_op = true; /* fall through */
	case 0x31: f->op = PTWR_OP_XOR; return true;
	case 0x80: f->byte_op = true; f->src = SRC_IMM8;
		return arith_group(digit, &f->op);
	case 0x81: f->src = SRC_IMM32; return arith_group(digit, &f->op);
	case 0x83: f->src = SRC_IMM8; return arith_group(digit, &f->op);
	default:
		return false;
	}
}

/* Is the opcode one of ours for some /digit? Lets garbage be refused as
 * such before its ModRM is fetched (and reported missing). */
static bool opcode_known(bool twobyte, uint8_t opc)
{
	struct ptwr_form f;
	uint8_t digit;

	for (digit = 0; digit < 8; digit++)
		if (lookup_form(twobyte, opc, digit, &f))
			return true;
	return false;
}

/* Read a byte register: without any REX, numbers 4-7 are ah, ch, dh, bh. */
static uint64_t read_reg(const struct ptwr_gprs *regs, unsigned int reg,
			 unsigned int width, bool high_byte)
{
	if (width == 1 && high_byte)
		return (regs->r[reg - 4] >> 8) & 0xff;
	return regs->r[reg] & width_mask(width);
}

/* Consume legacy and REX prefixes (asm/x86-insn.h); leaves the cursor on
 * the opcode. An address-size or rep prefix is refused as soon as seen. */
static bool decode_prefixes(struct ptwr_cursor *c, struct x86_prefixes *p,
			    uint8_t *opc)
{
	*p = (struct x86_prefixes){ 0 };
	for (;;) {
		if (!take8(c, opc))
			return false;
		switch (x86_prefix_step(p, *opc)) {
		case X86_PFX_NONE:
			return true;
		case X86_PFX_ADDRSIZE:
			c->err = PTWR_REJ_ADDRSIZE;
			return false;
		case X86_PFX_REP:
			c->err = PTWR_REJ_REP;
			return false;
		default:
			break;
		}
	}
}

/* ModRM (and SIB, displacement) of a memory operand. *rip_rel is set for
 * rip-relative forms, whose address is finished once the length is known. */
static bool decode_modrm_ea(struct ptwr_cursor *c, uint8_t modrm, uint8_t rex,
			    const struct ptwr_gprs *regs, uint64_t *ea,
			    bool *rip_rel, bool *ss_default)
{
	unsigned int mod = modrm >> 6, rm = modrm & 7;
	unsigned int base = rm | (rex & REX_B ? 8 : 0);
	bool has_base = true;
	uint64_t v, addr = 0;
	uint8_t sib;

	*rip_rel = false;
	*ss_default = false;

	if (rm == 4) {
		unsigned int index, scale;

		if (!take8(c, &sib))
			return false;
		scale = sib >> 6;
		index = ((sib >> 3) & 7) | (rex & REX_X ? 8 : 0);
		base = (sib & 7) | (rex & REX_B ? 8 : 0);
		/* Index 4 without REX.X means none; r12 is a real index. */
		if (index != PTWR_RSP)
			addr = regs->r[index] << scale;
		/* Base 5 (rbp or r13) with mod 0 means disp32, no base. */
		if (mod == 0 && (base & 7) == 5)
			has_base = false;
	} else if (mod == 0 && rm == 5) {
		/* rip-relative whatever REX.B says. */
		has_base = false;
		*rip_rel = true;
	}

	if (has_base) {
		addr += regs->r[base];
		/* Xen's emulator: rsp/rbp bases default to ss, r12/r13 not. */
		*ss_default = base == PTWR_RSP || base == PTWR_RBP;
	}

	if (mod == 1) {
		if (!take(c, 1, &v))
			return false;
		addr += sext8(v);
	} else if (mod == 2 || !has_base) {
		if (!take(c, 4, &v))
			return false;
		addr += sext32(v);
	}
	*ea = addr;
	return true;
}

/* Bit-string addressing of bts/btr with a register offset: the offset is
 * signed and may reach outside the operand; the CPU moves the address by
 * whole operands (arithmetic shift rounds toward minus infinity). */
static void bit_string_offset(uint64_t off, unsigned int width,
			      uint64_t *ea, uint64_t *bit)
{
	if (width == 8) {
		int64_t s = (int64_t)off;

		*ea += (uint64_t)(s >> 6) * 8;
		*bit = off & 63;
	} else {
		int32_t s = (int32_t)(uint32_t)off;

		*ea += (uint64_t)(int64_t)(s >> 5) * 4;
		*bit = off & 31;
	}
}

static int reject(struct ptwr_insn *insn, enum ptwr_reject why)
{
	insn->reject = why;
	return -EINVAL;
}

/* The operand size: byte forms are 1 whatever the prefixes, REX.W beats
 * 66, and 66 alone would make a 2-byte write, which we do not take. */
static bool operand_width(const struct ptwr_form *f,
			  const struct x86_prefixes *p, unsigned int *width)
{
	if (f->byte_op)
		*width = 1;
	else if (p->rex & REX_W)
		*width = 8;
	else if (p->opsize)
		return false;
	else
		*width = 4;
	return true;
}

/* Source value (bit number for bts/btr, which may also move insn->ea) and
 * result register; insn->width and insn->ea are already set. */
static void fill_operands(struct ptwr_insn *insn, const struct ptwr_form *f,
			  uint8_t rex, uint8_t modrm, uint64_t imm,
			  const struct ptwr_gprs *regs)
{
	unsigned int width = insn->width;
	unsigned int reg = ((modrm >> 3) & 7) | (rex & REX_R ? 8 : 0);
	bool high_byte = width == 1 && !rex && reg >= 4;
	uint64_t src;

	if (f->src == SRC_REG)
		src = read_reg(regs, reg, width, high_byte);
	else
		src = f->src == SRC_IMM8 ? sext8(imm) : sext32(imm);
	src &= width_mask(width);

	if (f->op == PTWR_OP_BTS || f->op == PTWR_OP_BTR) {
		if (f->src == SRC_REG)
			bit_string_offset(regs->r[reg], width, &insn->ea, &src);
		else
			src &= 8 * width - 1;
	}
	if (f->op == PTWR_OP_XCHG) {
		insn->dst_reg = (int8_t)reg;
		insn->dst_high_byte = high_byte;
	} else if (f->op == PTWR_OP_CMPXCHG) {
		insn->dst_reg = PTWR_RAX;
	}
	insn->src = src;
}

int ptwr_decode(const uint8_t *bytes, unsigned int nr_bytes,
		const struct ptwr_gprs *regs, uint64_t rip,
		struct ptwr_insn *insn)
{
	struct ptwr_cursor c = { bytes, MIN(nr_bytes, X86_MAX_INSN_LEN), 0,
				 PTWR_OK };
	struct x86_prefixes p;
	struct ptwr_form f;
	uint8_t opc, modrm;
	bool twobyte = false, rip_rel, ss_default;
	unsigned int width;
	uint64_t ea, imm = 0;

	*insn = (struct ptwr_insn){ .dst_reg = -1 };

	if (!decode_prefixes(&c, &p, &opc))
		return reject(insn, c.err);
	if (opc == 0x0f) {
		twobyte = true;
		if (!take8(&c, &opc))
			return reject(insn, c.err);
	}
	if (!opcode_known(twobyte, opc))
		return reject(insn, PTWR_REJ_OPCODE);
	if (!take8(&c, &modrm))
		return reject(insn, c.err);
	if (!lookup_form(twobyte, opc, (modrm >> 3) & 7, &f))
		return reject(insn, PTWR_REJ_OPCODE);
	if ((modrm >> 6) == 3)
		return reject(insn, PTWR_REJ_REG_OPERAND);
	if (!operand_width(&f, &p, &width))
		return reject(insn, PTWR_REJ_OPSIZE);
	if (p.lock && !f.lockable)
		return reject(insn, PTWR_REJ_LOCK);

	if (!decode_modrm_ea(&c, modrm, p.rex, regs, &ea, &rip_rel,
			     &ss_default))
		return reject(insn, c.err);
	if (f.src != SRC_REG && !take(&c, f.src == SRC_IMM8 ? 1 : 4, &imm))
		return reject(insn, c.err);
	/* rip-relative counts from the end of the whole instruction. */
	if (rip_rel)
		ea += rip + c.pos;

	insn->op = f.op;
	insn->seg = p.seg == X86_SEG_FS ? PTWR_SEG_FS : p.seg == X86_SEG_GS ? PTWR_SEG_GS :
		    ss_default ? PTWR_SEG_SS : PTWR_SEG_DS;
	insn->len = (uint8_t)c.pos;
	insn->width = (uint8_t)width;
	insn->lock = p.lock;
	insn->ea = ea;
	fill_operands(insn, &f, p.rex, modrm, imm, regs);
	return 0;
}

bool ptwr_access_ok(uint64_t gaddr, unsigned int width, uint64_t cr2)
{
	if (width != 1 && width != 4 && width != 8)
		return false;
	/* Natural alignment keeps the access inside one 8-byte entry, as
	 * Xen's ptwr_emulated_update() demands; covering cr2 ties it to the
	 * entry that faulted (another vCPU may have rewritten the code). */
	if (gaddr & (width - 1))
		return false;
	return cr2 - gaddr < width;
}

/* PF is set when the low byte has an even number of ones. */
static uint64_t parity_flag(uint64_t v)
{
	uint8_t b = (uint8_t)v;

	b ^= b >> 4;
	b ^= b >> 2;
	b ^= b >> 1;
	return (b & 1) ? 0 : PTWR_FLAG_PF;
}

static uint64_t sign_bit(uint64_t v, unsigned int width)
{
	return (v >> (8 * width - 1)) & 1;
}

/* or/and/xor: CF and OF cleared, ZF, SF, PF from the result; AF is
 * undefined and left as it was. */
static void logic_flags(uint64_t r, unsigned int width, struct ptwr_result *res)
{
	res->flags_mask = PTWR_FLAG_CF | PTWR_FLAG_PF | PTWR_FLAG_ZF |
			  PTWR_FLAG_SF | PTWR_FLAG_OF;
	res->flags = parity_flag(r) | (r == 0 ? PTWR_FLAG_ZF : 0) |
		     (sign_bit(r, width) ? PTWR_FLAG_SF : 0);
}

/* cmpxchg sets all six flags as "cmp accumulator, destination" would. */
static void cmp_flags(uint64_t acc, uint64_t dst, unsigned int width,
		      struct ptwr_result *res)
{
	uint64_t diff = (acc - dst) & width_mask(width);

	res->flags_mask = PTWR_FLAG_CF | PTWR_FLAG_PF | PTWR_FLAG_AF |
			  PTWR_FLAG_ZF | PTWR_FLAG_SF | PTWR_FLAG_OF;
	res->flags = (acc < dst ? PTWR_FLAG_CF : 0) | parity_flag(diff) |
		     (((acc ^ dst ^ diff) & 0x10) ? PTWR_FLAG_AF : 0) |
		     (diff == 0 ? PTWR_FLAG_ZF : 0) |
		     (sign_bit(diff, width) ? PTWR_FLAG_SF : 0) |
		     (sign_bit((acc ^ dst) & (acc ^ diff), width) ?
		      PTWR_FLAG_OF : 0);
}

/* The register's full 64-bit value after writing width bytes of v into it:
 * 4-byte writes zero-extend, byte writes keep the other bytes. */
static uint64_t merge_reg(uint64_t old, uint64_t v, unsigned int width,
			  bool high_byte)
{
	if (width == 8)
		return v;
	if (width == 4)
		return v & 0xffffffffULL;
	if (high_byte)
		return (old & ~0xff00ULL) | ((v & 0xff) << 8);
	return (old & ~0xffULL) | (v & 0xff);
}

static void set_reg(const struct ptwr_insn *insn, const struct ptwr_gprs *regs,
		    uint64_t v, struct ptwr_result *res)
{
	unsigned int reg = (unsigned int)insn->dst_reg;
	unsigned int slot = insn->dst_high_byte ? reg - 4 : reg;

	res->reg_written = true;
	res->reg = (uint8_t)slot;
	res->reg_val = merge_reg(regs->r[slot], v, insn->width,
				 insn->dst_high_byte);
}

/* Only what ptwr_decode() can produce: the caller may hand us a struct it
 * filled or kept around, and a bad one must not index past regs->r. */
static bool insn_sane(const struct ptwr_insn *insn)
{
	if (insn->reject != PTWR_OK)
		return false;
	if (insn->width != 1 && insn->width != 4 && insn->width != 8)
		return false;
	switch (insn->op) {
	case PTWR_OP_XCHG:
	case PTWR_OP_CMPXCHG:
		return insn->dst_reg >= (insn->dst_high_byte ? 4 : 0) &&
		       insn->dst_reg < (insn->dst_high_byte ? 8 : PTWR_NR_GPRS);
	case PTWR_OP_BTS:
	case PTWR_OP_BTR:
		return insn->src < 8u * insn->width;
	case PTWR_OP_MOV:
	case PTWR_OP_OR:
	case PTWR_OP_AND:
	case PTWR_OP_XOR:
		return true;
	default:
		return false;
	}
}

int ptwr_apply(const struct ptwr_insn *insn, const struct ptwr_gprs *regs,
	       uint64_t gaddr, uint64_t old_entry, struct ptwr_result *res)
{
	unsigned int width = insn->width, shift;
	uint64_t mask, old, new, acc;

	*res = (struct ptwr_result){ .new_entry = old_entry };
	if (!insn_sane(insn) || (gaddr & (width - 1)))
		return -EINVAL;
	res->write = true;

	shift = 8 * (unsigned int)(gaddr & 7);
	mask = width_mask(width);
	old = (old_entry >> shift) & mask;
	new = insn->src;

	switch (insn->op) {
	case PTWR_OP_MOV:
		break;
	case PTWR_OP_XCHG:
		set_reg(insn, regs, old, res);
		break;
	case PTWR_OP_CMPXCHG:
		acc = regs->r[PTWR_RAX] & mask;
		cmp_flags(acc, old, width, res);
		if (acc != old) {
			/* Failure loads the accumulator; success leaves it
			 * alone (no zero-extension of rax either). */
			res->write = false;
			set_reg(insn, regs, old, res);
			return 0;
		}
		break;
	case PTWR_OP_OR:
		new = old | insn->src;
		logic_flags(new, width, res);
		break;
	case PTWR_OP_AND:
		new = old & insn->src;
		logic_flags(new, width, res);
		break;
	case PTWR_OP_XOR:
		new = old ^ insn->src;
		logic_flags(new, width, res);
		break;
	case PTWR_OP_BTS:
	case PTWR_OP_BTR:
		/* CF is the old bit; OF, SF, AF, PF are undefined and left
		 * alone, ZF is unaffected. */
		res->flags_mask = PTWR_FLAG_CF;
		res->flags = (old >> insn->src) & 1 ? PTWR_FLAG_CF : 0;
		if (insn->op == PTWR_OP_BTS)
			new = old | (1ULL << insn->src);
		else
			new = old & ~(1ULL << insn->src);
		break;
	}

	res->new_entry = (old_entry & ~(mask << shift)) | ((new & mask) << shift);
	return 0;
}
