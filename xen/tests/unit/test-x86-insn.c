/* SPDX-License-Identifier: GPL-2.0 */
/* The one prefix reader (asm/x86-insn.h) both instruction decoders use:
 * each prefix byte is classified and counted, a REX survives only right
 * before the opcode, null segment overrides stay none, the last FS/GS
 * override wins, and a non-prefix byte ends the prefixes untouched. */
#include "helpers.h"
#include <asm/x86-insn.h>

/* Feed bytes until the opcode; returns its offset. */
static unsigned int read_all(const char *bytes, unsigned int n, struct x86_prefixes *p)
{
	unsigned int i = 0;

	*p = (struct x86_prefixes){ 0 };
	while (i < n && x86_prefix_step(p, (uint8_t)bytes[i]) != X86_PFX_NONE)
		i++;
	return i;
}

static void test_kinds(void **state)
{
	struct x86_prefixes p = { 0 };

	assert_int_equal(x86_prefix_step(&p, 0x66), X86_PFX_OPSIZE);
	assert_int_equal(x86_prefix_step(&p, 0x67), X86_PFX_ADDRSIZE);
	assert_int_equal(x86_prefix_step(&p, 0xf0), X86_PFX_LOCK);
	assert_int_equal(x86_prefix_step(&p, 0xf2), X86_PFX_REP);
	assert_int_equal(x86_prefix_step(&p, 0xf3), X86_PFX_REP);
	assert_int_equal(x86_prefix_step(&p, 0x2e), X86_PFX_SEG);
	assert_int_equal(x86_prefix_step(&p, 0x40), X86_PFX_REX);
	assert_int_equal(x86_prefix_step(&p, 0x4f), X86_PFX_REX);
	assert_int_equal(x86_prefix_step(&p, 0x0f), X86_PFX_NONE);
	assert_int_equal(x86_prefix_step(&p, 0x89), X86_PFX_NONE);
	assert_true(p.opsize && p.addrsize && p.lock && p.rep);
	assert_int_equal(p.rex, 0x4f);   /* opcodes leave the prefixes alone */
}

static void test_rex_only_before_opcode(void **state)
{
	struct x86_prefixes p;

	assert_int_equal(read_all("\x48\x89\x07", 3, &p), 1);
	assert_int_equal(p.rex, 0x48);
	assert_int_equal(read_all("\x48\x66\x89\x07", 4, &p), 2);
	assert_int_equal(p.rex, 0);           /* cancelled by the 66 after it */
	assert_true(p.opsize);
	assert_int_equal(read_all("\x41\x48\x89\x07", 4, &p), 2);
	assert_int_equal(p.rex, 0x48);        /* the last REX counts */
	assert_true((p.rex & REX_W) && !(p.rex & REX_B));
}

static void test_segments(void **state)
{
	struct x86_prefixes p;

	read_all("\x3e\x26\x2e\x36\x89", 5, &p);
	assert_int_equal(p.seg, X86_SEG_NONE);   /* null in 64-bit mode */
	read_all("\x64\x65\x89", 3, &p);
	assert_int_equal(p.seg, X86_SEG_GS);     /* the last one wins */
	read_all("\x65\x3e\x64\x89", 4, &p);
	assert_int_equal(p.seg, X86_SEG_FS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_rex_only_before_opcode),
		cmocka_unit_test(test_segments),
	};

	return RUN(tests);
}
