/* SPDX-License-Identifier: GPL-2.0 */
/* Writable page tables, refusing hostile bytes: each prefix, operand and
 * opcode the decoder does not emulate gets its exact reason, every opcode
 * and /digit is swept, and nothing past the fetched bytes is read.
 * Fixture: ptwr-fixture.h. */
#include "ptwr-fixture.h"

struct reject_case {
	const char *name;
	const char bytes[24];
	unsigned int nr;             /* bytes made available */
	enum ptwr_reject why;
};

static const struct reject_case reject_cases[] = {
	/* 66 without REX.W: a 2-byte write. */
	{ "mov %ax,(%rdi)", "\x66\x89\x07", 3, PTWR_REJ_OPSIZE },
	{ "movw $0,(%rdi)", "\x66\xc7\x07\x00\x00", 5, PTWR_REJ_OPSIZE },
	{ "lock cmpxchg %si,(%rdi)", "\x66\xf0\x0f\xb1\x37", 5, PTWR_REJ_OPSIZE },
	{ "btrw $5,(%rdi)", "\x66\x0f\xba\x37\x05", 5, PTWR_REJ_OPSIZE },
	{ "orw $1,(%rdi)", "\x66\x83\x0f\x01", 4, PTWR_REJ_OPSIZE },
	/* 67: 32-bit addressing, refused wherever it sits. */
	{ "mov %rax,(%edi)", "\x67\x48\x89\x07", 4, PTWR_REJ_ADDRSIZE },
	{ "rex.W mov %eax,(%edi)", "\x48\x67\x89\x07", 4, PTWR_REJ_ADDRSIZE },
	{ "67 alone", "\x67", 1, PTWR_REJ_ADDRSIZE },
	/* f2/f3: rep, repne and the xacquire/xrelease hints. */
	{ "xrelease mov %rax,(%rdi)", "\xf3\x48\x89\x07", 4, PTWR_REJ_REP },
	{ "xacquire lock cmpxchg", "\xf2\xf0\x48\x0f\xb1\x37", 6, PTWR_REJ_REP },
	{ "rep stos %rax,%es:(%rdi)", "\xf3\x48\xab", 3, PTWR_REJ_REP },
	{ "repne after lock", "\xf0\xf2\x48\x87\x07", 5, PTWR_REJ_REP },
	/* lock on a plain store is #UD. */
	{ "lock mov %rsi,(%rdi)", "\xf0\x48\x89\x37", 4, PTWR_REJ_LOCK },
	{ "lock movl $0,(%rdi)", "\xf0\xc7\x07\x00\x00\x00\x00", 7, PTWR_REJ_LOCK },
	{ "lock mov %dh,(%rdi)", "\xf0\x88\x37", 3, PTWR_REJ_LOCK },
	{ "lock movb $0,(%rdi)", "\xf0\xc6\x07\x00", 4, PTWR_REJ_LOCK },
	{ "rex.W lock mov (REX dropped)", "\x48\xf0\x89\x07", 4, PTWR_REJ_LOCK },
	/* mod = 3: a register destination never faults on a page table. */
	{ "mov %rsi,%rdi", "\x48\x89\xf7", 3, PTWR_REJ_REG_OPERAND },
	{ "mov %al,%ah", "\x88\xc4", 2, PTWR_REJ_REG_OPERAND },
	{ "mov $1,%rax", "\x48\xc7\xc0\x01\x00\x00\x00", 7, PTWR_REJ_REG_OPERAND },
	{ "mov $1,%al", "\xc6\xc0\x01", 3, PTWR_REJ_REG_OPERAND },
	{ "xchg %rax,%rbx", "\x48\x87\xc3", 3, PTWR_REJ_REG_OPERAND },
	{ "xchg %ah,%al", "\x86\xe0", 2, PTWR_REJ_REG_OPERAND },
	{ "lock cmpxchg %rsi,%rdi", "\xf0\x48\x0f\xb1\xf7", 5, PTWR_REJ_REG_OPERAND },
	{ "cmpxchg %dh,%bh", "\x0f\xb0\xf7", 3, PTWR_REJ_REG_OPERAND },
	{ "or %rsi,%rdi", "\x48\x09\xf7", 3, PTWR_REJ_REG_OPERAND },
	{ "and %rsi,%rdi", "\x48\x21\xf7", 3, PTWR_REJ_REG_OPERAND },
	{ "xor %rsi,%rdi", "\x48\x31\xf7", 3, PTWR_REJ_REG_OPERAND },
	{ "or %dh,%bh", "\x08\xf7", 2, PTWR_REJ_REG_OPERAND },
	{ "and %dh,%bh", "\x20\xf7", 2, PTWR_REJ_REG_OPERAND },
	{ "xor %dh,%bh", "\x30\xf7", 2, PTWR_REJ_REG_OPERAND },
	{ "or $1,%rdi (81)", "\x48\x81\xcf\x01\x00\x00\x00", 7, PTWR_REJ_REG_OPERAND },
	{ "and $1,%rdi (81)", "\x48\x81\xe7\x01\x00\x00\x00", 7, PTWR_REJ_REG_OPERAND },
	{ "xor $1,%rdi (81)", "\x48\x81\xf7\x01\x00\x00\x00", 7, PTWR_REJ_REG_OPERAND },
	{ "or $1,%rdi (83)", "\x48\x83\xcf\x01", 4, PTWR_REJ_REG_OPERAND },
	{ "and $1,%rdi (83)", "\x48\x83\xe7\x01", 4, PTWR_REJ_REG_OPERAND },
	{ "lock xor $1,%rdi (83)", "\xf0\x48\x83\xf7\x01", 5, PTWR_REJ_REG_OPERAND },
	{ "or $1,%bh", "\x80\xcf\x01", 3, PTWR_REJ_REG_OPERAND },
	{ "and $1,%bh", "\x80\xe7\x01", 3, PTWR_REJ_REG_OPERAND },
	{ "xor $1,%bh", "\x80\xf7\x01", 3, PTWR_REJ_REG_OPERAND },
	{ "bts %rsi,%rdi", "\x48\x0f\xab\xf7", 4, PTWR_REJ_REG_OPERAND },
	{ "btr %rsi,%rdi", "\x48\x0f\xb3\xf7", 4, PTWR_REJ_REG_OPERAND },
	{ "bts $5,%rdi", "\x48\x0f\xba\xef\x05", 5, PTWR_REJ_REG_OPERAND },
	{ "btr $5,%rdi", "\x48\x0f\xba\xf7\x05", 5, PTWR_REJ_REG_OPERAND },
	/* Memory writes we do not emulate, and garbage. */
	{ "mov (%rdi),%rsi", "\x48\x8b\x37", 3, PTWR_REJ_OPCODE },
	{ "add %rsi,(%rdi)", "\x48\x01\x37", 3, PTWR_REJ_OPCODE },
	{ "sub %rsi,(%rdi)", "\x48\x29\x37", 3, PTWR_REJ_OPCODE },
	{ "addq $1,(%rdi)", "\x48\x83\x07\x01", 4, PTWR_REJ_OPCODE },
	{ "cmpq $0,(%rdi)", "\x48\x83\x3f\x00", 4, PTWR_REJ_OPCODE },
	{ "adcq $1,(%rdi)", "\x48\x81\x17\x01\x00\x00\x00", 7, PTWR_REJ_OPCODE },
	{ "btq $5,(%rdi)", "\x48\x0f\xba\x27\x05", 5, PTWR_REJ_OPCODE },
	{ "btcq $5,(%rdi)", "\x48\x0f\xba\x3f\x05", 5, PTWR_REJ_OPCODE },
	{ "btc %rsi,(%rdi)", "\x48\x0f\xbb\x37", 4, PTWR_REJ_OPCODE },
	{ "bt %rsi,(%rdi)", "\x48\x0f\xa3\x37", 4, PTWR_REJ_OPCODE },
	{ "xadd %rsi,(%rdi)", "\x48\x0f\xc1\x37", 4, PTWR_REJ_OPCODE },
	{ "cmpxchg8b (%rdi)", "\x0f\xc7\x0f", 3, PTWR_REJ_OPCODE },
	{ "incq (%rdi)", "\x48\xff\x07", 3, PTWR_REJ_OPCODE },
	{ "notq (%rdi)", "\x48\xf7\x17", 3, PTWR_REJ_OPCODE },
	{ "pop (%rdi)", "\x48\x8f\x07", 3, PTWR_REJ_OPCODE },
	{ "stos %rax,%es:(%rdi)", "\x48\xab", 2, PTWR_REJ_OPCODE },
	{ "movabs %rax,0x1000", "\x48\xa3\x00\x10\x00\x00\x00\x00\x00\x00", 10, PTWR_REJ_OPCODE },
	{ "c7 /1", "\xc7\x0f\x00\x00\x00\x00", 6, PTWR_REJ_OPCODE },
	{ "c6 /7", "\xc6\x3f\x00", 3, PTWR_REJ_OPCODE },
	{ "ud2", "\x0f\x0b", 2, PTWR_REJ_OPCODE },
	{ "0f ff", "\x0f\xff\x07", 3, PTWR_REJ_OPCODE },
	{ "nop", "\x90", 1, PTWR_REJ_OPCODE },
	{ "int3", "\xcc", 1, PTWR_REJ_OPCODE },
	{ "all ones", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 15, PTWR_REJ_OPCODE },
	{ "all zeroes", "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", 15, PTWR_REJ_OPCODE },
	{ "vmovdqa %xmm0,(%rdi)", "\xc5\xf9\x7f\x07", 4, PTWR_REJ_OPCODE },
	{ "mov %eax,%ds", "\x8e\xd8", 2, PTWR_REJ_OPCODE },
	/* Past 15 bytes: #GP on hardware, whatever the caller could fetch. */
	{ "15 prefixes", "\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e", 15, PTWR_REJ_TOO_LONG },
	{ "16 lock prefixes", "\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\x48\x87\x07", 19, PTWR_REJ_TOO_LONG },
	{ "16 REX prefixes", "\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x89\x07", 18, PTWR_REJ_TOO_LONG },
	{ "ModRM is byte 16", "\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x89\x07", 16, PTWR_REJ_TOO_LONG },
	{ "disp32 ends at byte 19", "\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x48\x89\x04\x25\x00\x10\x00\x00", 19, PTWR_REJ_TOO_LONG },
	{ "imm32 ends at byte 16", "\x3e\x3e\x3e\x3e\x48\xc7\x84\x24\x78\x56\x34\x12\xff\xff\xff\xff", 16, PTWR_REJ_TOO_LONG },
	/* Known too long before the short fetch runs out. */
	{ "imm32 past 15, 14 fetched", "\x3e\x3e\x3e\x3e\x48\xc7\x84\x24\x78\x56\x34\x12\xff\xff", 14, PTWR_REJ_TOO_LONG },
	/* Nothing, or prefixes only. */
	{ "empty", "", 0, PTWR_REJ_TRUNCATED },
	{ "lock only", "\xf0", 1, PTWR_REJ_TRUNCATED },
	{ "REX only", "\x48", 1, PTWR_REJ_TRUNCATED },
	{ "0f only", "\x0f", 1, PTWR_REJ_TRUNCATED },
};

static void test_rejects(void **state)
{
	struct ptwr_insn insn;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(reject_cases); i++) {
		const struct reject_case *c = &reject_cases[i];
		int rc;

		memset(&insn, 0, sizeof(insn));
		rc = decode_exact(c->bytes, c->nr, &insn);
		if (rc != -EINVAL || insn.reject != c->why)
			fail_msg("%s: rc %d reject %d, want reject %d",
				 c->name, rc, insn.reject, c->why);
	}
}

/* Every one-byte opcode (prefixes aside) with ModRM 07, i.e. /0 on (%rdi),
 * and every 0f xx: only these are page-table writes. */
static void test_opcode_sweep(void **state)
{
	static const uint8_t one_ok[] = {
		0x08, 0x09, 0x20, 0x21, 0x30, 0x31, 0x86, 0x87, 0x88, 0x89,
		0xc6, 0xc7,
	};
	static const uint8_t prefix[] = {
		0x26, 0x2e, 0x36, 0x3e, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45,
		0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
		0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3,
	};
	static const uint8_t two_ok[] = { 0xab, 0xb0, 0xb1, 0xb3 };
	char b[16];
	struct ptwr_insn insn;
	unsigned int opc;
	int rc;

	for (opc = 0; opc < 256; opc++) {
		bool ok = memchr(one_ok, (int)opc, sizeof(one_ok)) != NULL;

		if (memchr(prefix, (int)opc, sizeof(prefix)))
			continue;
		memset(b, 0, sizeof(b));
		b[0] = (char)opc;
		b[1] = 0x07;
		rc = decode_exact(b, X86_MAX_INSN_LEN, &insn);
		if (ok ? rc != 0 : (rc != -EINVAL || insn.reject != PTWR_REJ_OPCODE))
			fail_msg("opcode %02x: rc %d reject %d", opc, rc, insn.reject);
	}
	for (opc = 0; opc < 256; opc++) {
		bool ok = memchr(two_ok, (int)opc, sizeof(two_ok)) != NULL;

		memset(b, 0, sizeof(b));
		b[0] = 0x0f;
		b[1] = (char)opc;
		b[2] = 0x07;
		rc = decode_exact(b, X86_MAX_INSN_LEN, &insn);
		if (ok ? rc != 0 : (rc != -EINVAL || insn.reject != PTWR_REJ_OPCODE))
			fail_msg("opcode 0f %02x: rc %d reject %d", opc, rc,
				 insn.reject);
	}
}

/* The /digit groups: which reg-field values are accepted, and as what. */
static void test_group_digits(void **state)
{
	static const struct {
		const char *opc;
		unsigned int opc_len;
		int op[8];              /* -1: refused */
	} groups[] = {
		{ "\x80", 1, { -1, OR, -1, -1, AND, -1, XOR, -1 } },
		{ "\x81", 1, { -1, OR, -1, -1, AND, -1, XOR, -1 } },
		{ "\x83", 1, { -1, OR, -1, -1, AND, -1, XOR, -1 } },
		{ "\xc6", 1, { MOV, -1, -1, -1, -1, -1, -1, -1 } },
		{ "\xc7", 1, { MOV, -1, -1, -1, -1, -1, -1, -1 } },
		{ "\x0f\xba", 2, { -1, -1, -1, -1, -1, BTS, BTR, -1 } },
	};
	char b[16];
	struct ptwr_insn insn;
	unsigned int g, d;
	int rc;

	for (g = 0; g < ARRAY_SIZE(groups); g++) {
		for (d = 0; d < 8; d++) {
			memset(b, 0, sizeof(b));
			memcpy(b, groups[g].opc, groups[g].opc_len);
			b[groups[g].opc_len] = (char)(0x07 | (d << 3));
			rc = decode_exact(b, X86_MAX_INSN_LEN, &insn);
			if (groups[g].op[d] < 0 ?
			    (rc != -EINVAL || insn.reject != PTWR_REJ_OPCODE) :
			    (rc != 0 || (int)insn.op != groups[g].op[d]))
				fail_msg("group %02x /%u: rc %d op %d reject %d",
					 (uint8_t)groups[g].opc[groups[g].opc_len - 1],
					 d, rc, insn.op, insn.reject);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_opcode_sweep),
		cmocka_unit_test(test_group_digits),
	};

	return RUN(tests);
}
