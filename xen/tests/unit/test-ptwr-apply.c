/* SPDX-License-Identifier: GPL-2.0 */
/* Writable page tables, applying a decoded write to an entry
 * (arch/x86/pv/ptwr-decode.c): the new entry, the register and the flags
 * each instruction leaves, as recorded on a real CPU; refusals that leave
 * the result neutral; which faulting addresses an access covers. */
#include "ptwr-fixture.h"

struct apply_case {
	const char *name;
	const char bytes[16];
	unsigned int len;
	uint64_t old_entry;
	uint64_t new_entry;
	int write;
	int reg_written;
	unsigned int reg;
	uint64_t reg_val;
	uint64_t flags_mask;
	uint64_t flags;
};

/* Recorded on a CPU: the entry sits at the instruction's target (rdi plus
 * displacement), registers as in regs0. flags is the CPU's RFLAGS under
 * our mask: mov/xchg none; cmpxchg CF PF AF ZF SF OF; or/and/xor CF PF ZF
 * SF OF (AF is undefined and we leave it); bts/btr CF only. */
static const struct apply_case apply_cases[] = {
	{ "mov %rsi,(%rdi)", "\x48\x89\x37", 3, 0x0000000000000000, 0x800000012345a067, 1, 0, 0, 0x0000000000000000, 0x000, 0x000 },
	{ "mov %esi,(%rdi)", "\x89\x37", 2, 0xffffffffffffffff, 0xffffffff2345a067, 1, 0, 0, 0x0000000000000000, 0x000, 0x000 },
	{ "mov %esi,0x4(%rdi)", "\x89\x77\x04", 3, 0xffffffffffffffff, 0x2345a067ffffffff, 1, 0, 0, 0x0000000000000000, 0x000, 0x000 },
	{ "mov %dh,0x7(%rdi)", "\x88\x77\x07", 3, 0x0000000000000000, 0x2b00000000000000, 1, 0, 0, 0x0000000000000000, 0x000, 0x000 },
	{ "movq $0x0,(%rdi)", "\x48\xc7\x07\x00\x00\x00\x00", 7, 0x8000000012345067, 0x0000000000000000, 1, 0, 0, 0x0000000000000000, 0x000, 0x000 },
	{ "movb $0x80,0x3(%rdi)", "\xc6\x47\x03\x80", 4, 0x0000000000000000, 0x0000000080000000, 1, 0, 0, 0x0000000000000000, 0x000, 0x000 },
	{ "xchg %rax,(%rdi)", "\x48\x87\x07", 3, 0x8000000fedcba067, 0x0123456789abcdef, 1, 1, 0, 0x8000000fedcba067, 0x000, 0x000 },
	{ "xchg %eax,0x4(%rdi)", "\x87\x47\x04", 3, 0x8000000fedcba067, 0x89abcdefedcba067, 1, 1, 0, 0x000000008000000f, 0x000, 0x000 },
	{ "xchg %ah,0x2(%rdi)", "\x86\x67\x02", 3, 0x8000000fedcba067, 0x8000000fedcda067, 1, 1, 0, 0x0123456789abcbef, 0x000, 0x000 },
	{ "xchg %sil,0x5(%rdi)", "\x40\x86\x77\x05", 4, 0x8000000fedcba067, 0x8000670fedcba067, 1, 1, 6, 0x800000012345a000, 0x000, 0x000 },
	{ "xchg %r9b,0x6(%rdi)", "\x44\x86\x4f\x06", 4, 0x8000000fedcba067, 0x8003000fedcba067, 1, 1, 9, 0x0000000000000000, 0x000, 0x000 },
	{ "lock cmpxchg %rsi,(%rdi)", "\xf0\x48\x0f\xb1\x37", 5, 0x0123456789abcdef, 0x800000012345a067, 1, 0, 0, 0x0000000000000000, 0x8d5, 0x044 },
	{ "lock cmpxchg %rsi,(%rdi)", "\xf0\x48\x0f\xb1\x37", 5, 0x0123456789abcdee, 0x0123456789abcdee, 0, 1, 0, 0x0123456789abcdee, 0x8d5, 0x000 },
	{ "lock cmpxchg %rsi,(%rdi)", "\xf0\x48\x0f\xb1\x37", 5, 0x8123456789abcdef, 0x8123456789abcdef, 0, 1, 0, 0x8123456789abcdef, 0x8d5, 0x885 },
	{ "cmpxchg %rsi,(%rdi)", "\x48\x0f\xb1\x37", 4, 0x0123456789abcdf0, 0x0123456789abcdf0, 0, 1, 0, 0x0123456789abcdf0, 0x8d5, 0x085 },
	{ "lock cmpxchg %esi,0x4(%rdi)", "\xf0\x0f\xb1\x77\x04", 5, 0x89abcdef00000067, 0x2345a06700000067, 1, 0, 0, 0x0000000000000000, 0x8d5, 0x044 },
	{ "lock cmpxchg %esi,(%rdi)", "\xf0\x0f\xb1\x37", 4, 0x0000000100000067, 0x0000000100000067, 0, 1, 0, 0x0000000000000067, 0x8d5, 0x084 },
	{ "lock cmpxchg %dh,(%rdi)", "\xf0\x0f\xb0\x37", 4, 0x00000000000000ef, 0x000000000000002b, 1, 0, 0, 0x0000000000000000, 0x8d5, 0x044 },
	{ "lock cmpxchg %dh,(%rdi)", "\xf0\x0f\xb0\x37", 4, 0x0000000000000000, 0x0000000000000000, 0, 1, 0, 0x0123456789abcd00, 0x8d5, 0x080 },
	{ "lock cmpxchg %dh,0x3(%rdi)", "\xf0\x0f\xb0\x77\x03", 5, 0x00000000ef000000, 0x000000002b000000, 1, 0, 0, 0x0000000000000000, 0x8d5, 0x044 },
	{ "lock or %rsi,(%rdi)", "\xf0\x48\x09\x37", 4, 0x0000000000000001, 0x800000012345a067, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x080 },
	{ "lock andq $0x0,(%rdi)", "\xf0\x48\x83\x27\x00", 5, 0x8000000012345067, 0x0000000000000000, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x044 },
	{ "lock andb $0xfd,(%rdi)", "\xf0\x80\x27\xfd", 4, 0x8000000012345067, 0x8000000012345065, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x004 },
	{ "lock orb $0x2,(%rdi)", "\xf0\x80\x0f\x02", 4, 0x8000000012345065, 0x8000000012345067, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x000 },
	{ "lock orb $0x80,0x7(%rdi)", "\xf0\x80\x4f\x07\x80", 5, 0x0000000012345065, 0x8000000012345065, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x080 },
	{ "lock xorq $0xffffffffffffffff,(%rdi)", "\xf0\x48\x83\x37\xff", 5, 0x0000000000000000, 0xffffffffffffffff, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x084 },
	{ "orl $0xffffff80,0x4(%rdi)", "\x83\x4f\x04\x80", 4, 0x0000000000000000, 0xffffff8000000000, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x080 },
	{ "lock andl $0x7fffffff,0x4(%rdi)", "\xf0\x81\x67\x04\xff\xff\xff\x7f", 8, 0x8000000012345067, 0x0000000012345067, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x044 },
	{ "lock and %rsi,(%rdi)", "\xf0\x48\x21\x37", 4, 0xffffffffffffffff, 0x800000012345a067, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x080 },
	{ "lock xor %rsi,(%rdi)", "\xf0\x48\x31\x37", 4, 0x800000012345a067, 0x0000000000000000, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x044 },
	{ "lock xor %dh,(%rdi)", "\xf0\x30\x37", 3, 0x000000000000002b, 0x0000000000000000, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x044 },
	{ "lock xor %esi,0x4(%rdi)", "\xf0\x31\x77\x04", 4, 0x2345a06700000000, 0x0000000000000000, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x044 },
	{ "lock orq $0xffffffff80000000,(%rdi)", "\xf0\x48\x81\x0f\x00\x00\x00\x80", 8, 0x0000000000000001, 0xffffffff80000001, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x080 },
	{ "lock btrq $0x5,(%rdi)", "\xf0\x48\x0f\xba\x37\x05", 6, 0x8000000012345067, 0x8000000012345047, 1, 0, 0, 0x0000000000000000, 0x001, 0x001 },
	{ "lock btrq $0x5,(%rdi)", "\xf0\x48\x0f\xba\x37\x05", 6, 0x8000000012345047, 0x8000000012345047, 1, 0, 0, 0x0000000000000000, 0x001, 0x000 },
	{ "lock btsq $0x3f,(%rdi)", "\xf0\x48\x0f\xba\x2f\x3f", 6, 0x0000000012345067, 0x8000000012345067, 1, 0, 0, 0x0000000000000000, 0x001, 0x000 },
	{ "lock btsq $0x3f,(%rdi)", "\xf0\x48\x0f\xba\x2f\x3f", 6, 0x8000000012345067, 0x8000000012345067, 1, 0, 0, 0x0000000000000000, 0x001, 0x001 },
	{ "lock bts %r9,(%rdi)", "\xf0\x4c\x0f\xab\x0f", 5, 0x0000000000000000, 0x0000000000000008, 1, 0, 0, 0x0000000000000000, 0x001, 0x000 },
	{ "lock btr %r10,(%rdi)", "\xf0\x4c\x0f\xb3\x17", 5, 0x8000000000000001, 0x0000000000000001, 1, 0, 0, 0x0000000000000000, 0x001, 0x001 },
	{ "lock btsl $0x25,0x4(%rdi)", "\xf0\x0f\xba\x6f\x04\x25", 6, 0x0000000000000000, 0x0000002000000000, 1, 0, 0, 0x0000000000000000, 0x001, 0x000 },
	{ "btrl $0x3f,0x4(%rdi)", "\x0f\xba\x77\x04\x3f", 5, 0xffffffffffffffff, 0x7fffffffffffffff, 1, 0, 0, 0x0000000000000000, 0x001, 0x001 },
	{ "lock btr %r11d,(%rdi)", "\xf0\x44\x0f\xb3\x1f", 5, 0x0000000000000001, 0x0000000000000000, 1, 0, 0, 0x0000000000000000, 0x001, 0x001 },
};

static void test_apply(void **state)
{
	struct ptwr_insn insn;
	struct ptwr_result res;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(apply_cases); i++) {
		const struct apply_case *c = &apply_cases[i];

		if (decode_exact(c->bytes, c->len, &insn) != 0)
			fail_msg("%s: decode reject %d", c->name, insn.reject);
		memset(&res, 0xa5, sizeof(res));
		if (ptwr_apply(&insn, &regs0, insn.ea, c->old_entry, &res) != 0)
			fail_msg("%s: apply refused", c->name);
		expect_field(c->name, "new_entry", res.new_entry, c->new_entry);
		expect_field(c->name, "write", res.write, (uint64_t)c->write);
		expect_field(c->name, "reg_written", res.reg_written,
			     (uint64_t)c->reg_written);
		if (c->reg_written) {
			expect_field(c->name, "reg", res.reg, c->reg);
			expect_field(c->name, "reg_val", res.reg_val, c->reg_val);
		}
		expect_field(c->name, "flags_mask", res.flags_mask, c->flags_mask);
		expect_field(c->name, "flags", res.flags, c->flags);
	}
}

/* A segment base moves the linear address but not the entry offset the
 * instruction meant: apply works from the linear address it is given. */
static void test_apply_with_segment_base(void **state)
{
	struct ptwr_insn insn;
	struct ptwr_result res;

	/* lock andb $0xfd,%gs:0x3(%rdi), gs base 0x1000 */
	assert_int_equal(decode_exact("\x65\xf0\x80\x67\x03\xfd", 6, &insn), 0);
	assert_int_equal(insn.seg, PTWR_SEG_GS);
	assert_int_equal(ptwr_apply(&insn, &regs0, insn.ea + 0x1000,
				    0xffffffffffffffffULL, &res), 0);
	assert_true(res.new_entry == 0xfffffffffdffffffULL);
	/* The same instruction, the base putting it at byte 4 instead. */
	assert_int_equal(ptwr_apply(&insn, &regs0, 0x1004,
				    0xffffffffffffffffULL, &res), 0);
	assert_true(res.new_entry == 0xfffffffdffffffffULL);
}

static void expect_apply_refused(const struct ptwr_insn *insn, uint64_t gaddr,
				 const char *what)
{
	struct ptwr_result res;

	memset(&res, 0xa5, sizeof(res));
	if (ptwr_apply(insn, &regs0, gaddr, 0x8000000012345067ULL, &res) != -EINVAL)
		fail_msg("%s: accepted", what);
	if (res.new_entry != 0x8000000012345067ULL || res.write ||
	    res.reg_written || res.flags_mask)
		fail_msg("%s: result not neutral", what);
}

static void test_apply_refusals(void **state)
{
	struct ptwr_insn insn, bad;

	/* Misaligned for the width, as decoded. */
	assert_int_equal(decode_exact("\x89\x77\x02", 3, &insn), 0);
	expect_apply_refused(&insn, insn.ea, "mov %esi,0x2(%rdi)");
	assert_int_equal(decode_exact("\x48\x89\x77\x04", 4, &insn), 0);
	expect_apply_refused(&insn, insn.ea, "mov %rsi,0x4(%rdi)");
	assert_int_equal(decode_exact("\x48\x87\x47\x01", 4, &insn), 0);
	expect_apply_refused(&insn, insn.ea, "xchg %rax,0x1(%rdi)");
	expect_apply_refused(&insn, 0x1007, "xchg at 0x1007");

	/* Structures ptwr_decode() never produces. */
	assert_int_equal(decode_exact("\x48\x87\x07", 3, &insn), 0);
	bad = insn;
	bad.reject = PTWR_REJ_OPCODE;
	expect_apply_refused(&bad, bad.ea, "rejected insn");
	bad = insn;
	bad.width = 2;
	expect_apply_refused(&bad, 0x1000, "width 2");
	bad.width = 16;
	expect_apply_refused(&bad, 0x1000, "width 16");
	bad.width = 0;
	expect_apply_refused(&bad, 0x1000, "width 0");
	bad = insn;
	bad.dst_reg = 16;
	expect_apply_refused(&bad, 0x1000, "register 16");
	bad.dst_reg = -1;
	expect_apply_refused(&bad, 0x1000, "xchg without register");
	bad = insn;
	bad.width = 1;
	bad.dst_high_byte = true;
	bad.dst_reg = 3;
	expect_apply_refused(&bad, 0x1000, "high byte of register 3");
	bad.dst_reg = 8;
	expect_apply_refused(&bad, 0x1000, "high byte of register 8");
	bad = insn;
	bad.op = (enum ptwr_op)99;
	expect_apply_refused(&bad, 0x1000, "unknown op");
	assert_int_equal(decode_exact("\xf0\x48\x0f\xba\x37\x05", 6, &insn), 0);
	bad = insn;
	bad.src = 64;
	expect_apply_refused(&bad, 0x1000, "bit 64 of a qword");
	assert_int_equal(decode_exact("\xf0\x0f\xba\x37\x05", 5, &insn), 0);
	bad = insn;
	bad.src = 32;
	expect_apply_refused(&bad, 0x1000, "bit 32 of a dword");
}

static void test_access_ok(void **state)
{
	static const struct {
		uint64_t gaddr;
		unsigned int width;
		uint64_t cr2;
		bool ok;
	} cases[] = {
		{ 0xffff888000006d78, 8, 0xffff888000006d78, true },
		{ 0x1000, 8, 0x1000, true },
		{ 0x1000, 8, 0x1007, true },
		{ 0x1000, 8, 0x1008, false },      /* next entry */
		{ 0x1000, 8, 0x0fff, false },      /* previous entry */
		{ 0x1000, 8, 0x2000, false },      /* another page */
		{ 0x1001, 8, 0x1001, false },      /* straddles two entries */
		{ 0x1004, 8, 0x1004, false },
		{ 0x1004, 4, 0x1004, true },
		{ 0x1004, 4, 0x1007, true },
		{ 0x1004, 4, 0x1000, false },      /* same entry, not the access */
		{ 0x1000, 4, 0x1004, false },
		{ 0x1002, 4, 0x1002, false },      /* misaligned inside the entry */
		{ 0x1006, 4, 0x1006, false },      /* straddles two entries */
		{ 0x1007, 1, 0x1007, true },
		{ 0x1007, 1, 0x1006, false },
		{ 0x1000, 2, 0x1000, false },      /* widths we never produce */
		{ 0x1000, 0, 0x1000, false },
		{ 0x1000, 3, 0x1000, false },
		{ 0x1000, 16, 0x1000, false },
		{ 0x1000, 0xffffffff, 0x1000, false },
		{ 0xfffffffffffffff8, 8, 0xffffffffffffffff, true },
		{ 0xfffffffffffffff8, 8, 0x0000000000000000, false },  /* wraps */
		{ 0x0000000000000000, 8, 0xfffffffffffffff8, false },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (ptwr_access_ok(cases[i].gaddr, cases[i].width, cases[i].cr2) !=
		    cases[i].ok)
			fail_msg("case %zu: %#llx/%u cr2 %#llx", i,
				 (unsigned long long)cases[i].gaddr,
				 cases[i].width, (unsigned long long)cases[i].cr2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_apply_with_segment_base),
		cmocka_unit_test(test_apply_refusals),
		cmocka_unit_test(test_access_ok),
	};

	return RUN(tests);
}
