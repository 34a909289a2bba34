/* SPDX-License-Identifier: GPL-2.0 */
/* Guest segment descriptors: every code, data and system type at each DPL,
 * present or not, call gates with good and bad targets and reserved bits,
 * whole frames, reading a stored gate back, and the CPU's selector-load
 * checks. Expected values are literals taken from what Xen 4.17's
 * check_descriptor() and read_gate_descriptor() do for a 64-bit PV guest
 * and from the SDM's "mov to segment register" rules. */
#include "helpers.h"
#include <asm/pv/descriptor-check.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

struct desc_case {
	const char *name;
	uint64_t in;
	int rc;
	uint64_t out;       /* == in when refused */
};

/* Every code/data type at DPL 0: accepted with DPL 3. */
static const struct desc_case code_data_cases[] = {
	{ "data r/o", 0x00cf90000000ffff, 0, 0x00cff0000000ffff },
	{ "data r/o, accessed", 0x00cf91000000ffff, 0, 0x00cff1000000ffff },
	{ "data r/w", 0x00cf92000000ffff, 0, 0x00cff2000000ffff },
	{ "data r/w, accessed", 0x00cf93000000ffff, 0, 0x00cff3000000ffff },
	{ "data r/o expand-down", 0x00cf94000000ffff, 0, 0x00cff4000000ffff },
	{ "data r/o expand-down, accessed", 0x00cf95000000ffff, 0, 0x00cff5000000ffff },
	{ "data r/w expand-down", 0x00cf96000000ffff, 0, 0x00cff6000000ffff },
	{ "data r/w expand-down, accessed", 0x00cf97000000ffff, 0, 0x00cff7000000ffff },
	{ "code x/o", 0x00cf98000000ffff, 0, 0x00cff8000000ffff },
	{ "code x/o, accessed", 0x00cf99000000ffff, 0, 0x00cff9000000ffff },
	{ "code x/r", 0x00cf9a000000ffff, 0, 0x00cffa000000ffff },
	{ "code x/r, accessed", 0x00cf9b000000ffff, 0, 0x00cffb000000ffff },
	{ "code x/o conforming", 0x00cf9c000000ffff, 0, 0x00cffc000000ffff },
	{ "code x/o conforming, accessed", 0x00cf9d000000ffff, 0, 0x00cffd000000ffff },
	{ "code x/r conforming", 0x00cf9e000000ffff, 0, 0x00cffe000000ffff },
	{ "code x/r conforming, accessed", 0x00cf9f000000ffff, 0, 0x00cfff000000ffff },
};

/* Every system type, present, at DPL 0 and DPL 3: type 0 passes as it
 * is, a call gate is rewritten, the rest are refused. */
static const struct desc_case system_cases[] = {
	{ "type 0 (gate upper half), DPL 0", 0x8123800000104567, 0, 0x8123800000104567 },
	{ "16-bit TSS, DPL 0", 0x8123810000104567, -EINVAL, 0x8123810000104567 },
	{ "LDT, DPL 0", 0x8123820000104567, -EINVAL, 0x8123820000104567 },
	{ "16-bit TSS busy, DPL 0", 0x8123830000104567, -EINVAL, 0x8123830000104567 },
	{ "16-bit call gate, DPL 0", 0x8123840000104567, -EINVAL, 0x8123840000104567 },
	{ "task gate, DPL 0", 0x8123850000104567, -EINVAL, 0x8123850000104567 },
	{ "16-bit interrupt gate, DPL 0", 0x8123860000104567, -EINVAL, 0x8123860000104567 },
	{ "16-bit trap gate, DPL 0", 0x8123870000104567, -EINVAL, 0x8123870000104567 },
	{ "reserved type 8, DPL 0", 0x8123880000104567, -EINVAL, 0x8123880000104567 },
	{ "64-bit TSS, DPL 0", 0x8123890000104567, -EINVAL, 0x8123890000104567 },
	{ "reserved type a, DPL 0", 0x81238a0000104567, -EINVAL, 0x81238a0000104567 },
	{ "64-bit TSS busy, DPL 0", 0x81238b0000104567, -EINVAL, 0x81238b0000104567 },
	{ "call gate, DPL 0", 0x81238c0000104567, 0, 0x81238c0000134567 },
	{ "reserved type d, DPL 0", 0x81238d0000104567, -EINVAL, 0x81238d0000104567 },
	{ "interrupt gate, DPL 0", 0x81238e0000104567, -EINVAL, 0x81238e0000104567 },
	{ "trap gate, DPL 0", 0x81238f0000104567, -EINVAL, 0x81238f0000104567 },
	{ "type 0 (gate upper half), DPL 3", 0x8123e00000104567, 0, 0x8123e00000104567 },
	{ "16-bit TSS, DPL 3", 0x8123e10000104567, -EINVAL, 0x8123e10000104567 },
	{ "LDT, DPL 3", 0x8123e20000104567, -EINVAL, 0x8123e20000104567 },
	{ "16-bit TSS busy, DPL 3", 0x8123e30000104567, -EINVAL, 0x8123e30000104567 },
	{ "16-bit call gate, DPL 3", 0x8123e40000104567, -EINVAL, 0x8123e40000104567 },
	{ "task gate, DPL 3", 0x8123e50000104567, -EINVAL, 0x8123e50000104567 },
	{ "16-bit interrupt gate, DPL 3", 0x8123e60000104567, -EINVAL, 0x8123e60000104567 },
	{ "16-bit trap gate, DPL 3", 0x8123e70000104567, -EINVAL, 0x8123e70000104567 },
	{ "reserved type 8, DPL 3", 0x8123e80000104567, -EINVAL, 0x8123e80000104567 },
	{ "64-bit TSS, DPL 3", 0x8123e90000104567, -EINVAL, 0x8123e90000104567 },
	{ "reserved type a, DPL 3", 0x8123ea0000104567, -EINVAL, 0x8123ea0000104567 },
	{ "64-bit TSS busy, DPL 3", 0x8123eb0000104567, -EINVAL, 0x8123eb0000104567 },
	{ "call gate, DPL 3", 0x8123ec0000104567, 0, 0x81238c0000134567 },
	{ "reserved type d, DPL 3", 0x8123ed0000104567, -EINVAL, 0x8123ed0000104567 },
	{ "interrupt gate, DPL 3", 0x8123ee0000104567, -EINVAL, 0x8123ee0000104567 },
	{ "trap gate, DPL 3", 0x8123ef0000104567, -EINVAL, 0x8123ef0000104567 },
};

/* Code and data at each DPL, and the fields Xen does not look at. */
static const struct desc_case dpl_cases[] = {
	{ "32-bit code DPL 0", 0x00cf9b000000ffff, 0, 0x00cffb000000ffff },
	{ "32-bit code DPL 1", 0x00cfbb000000ffff, 0, 0x00cffb000000ffff },
	{ "32-bit code DPL 2", 0x00cfdb000000ffff, 0, 0x00cffb000000ffff },
	{ "32-bit code DPL 3", 0x00cffb000000ffff, 0, 0x00cffb000000ffff },
	{ "64-bit code DPL 0", 0x00af9b000000ffff, 0, 0x00affb000000ffff },
	{ "64-bit code DPL 1", 0x00afbb000000ffff, 0, 0x00affb000000ffff },
	{ "64-bit code DPL 2", 0x00afdb000000ffff, 0, 0x00affb000000ffff },
	{ "64-bit code DPL 3", 0x00affb000000ffff, 0, 0x00affb000000ffff },
	{ "data DPL 0", 0x00cf93000000ffff, 0, 0x00cff3000000ffff },
	{ "data DPL 1", 0x00cfb3000000ffff, 0, 0x00cff3000000ffff },
	{ "data DPL 2", 0x00cfd3000000ffff, 0, 0x00cff3000000ffff },
	{ "data DPL 3", 0x00cff3000000ffff, 0, 0x00cff3000000ffff },
	/* No L/D check for a 64-bit guest: L and D together pass. */
	{ "code L=1 D=1 DPL 0", 0x00ef9b000000ffff, 0, 0x00effb000000ffff },
	{ "code L=1 D=1 DPL 3", 0x00effb000000ffff, 0, 0x00effb000000ffff },
	{ "data with L set", 0x00af93000000ffff, 0, 0x00aff3000000ffff },
	{ "conforming code DPL 0", 0x00af9f000000ffff, 0, 0x00afff000000ffff },
	{ "expand-down data DPL 0", 0x00cf97000000ffff, 0, 0x00cff7000000ffff },
	/* No base or limit checks either. */
	{ "base 0xffffffff, limit max", 0xffcf93ffffffffff, 0, 0xffcff3ffffffffff },
	{ "base 0, limit 0, G clear", 0x0040930000000000, 0, 0x0040f30000000000 },
	{ "AVL set", 0x00df93000000ffff, 0, 0x00dff3000000ffff },
	{ "Linux CPUNODE (DPL 3)", 0x0040f50000000001, 0, 0x0040f50000000001 },
	{ "all ones (present data, DPL 3)", 0xffffffffffffffff, 0, 0xffffffffffffffff },
	/* Not present: accepted as it is, whatever it holds. */
	{ "null", 0x0000000000000000, 0, 0x0000000000000000 },
	{ "code DPL 0, not present", 0x00cf1b000000ffff, 0, 0x00cf1b000000ffff },
	{ "TSS, not present", 0x0000090000000067, 0, 0x0000090000000067 },
	{ "interrupt gate DPL 0, not present", 0x00000e00e0080000, 0, 0x00000e00e0080000 },
	{ "call gate to Xen CS, not present", 0x81236c00e0080000, 0, 0x81236c00e0080000 },
	{ "call gate reserved bits, not present", 0x81236cff00100000, 0, 0x81236cff00100000 },
	{ "all ones but P", 0xffff7fffffffffff, 0, 0xffff7fffffffffff },
	/* Type 0 is stored untouched, DPL and all. */
	{ "type 0, DPL 0", 0x0000800000000000, 0, 0x0000800000000000 },
	{ "type 0, junk", 0x12348000abcdabcd, 0, 0x12348000abcdabcd },
	{ "type 0, DPL 0, offset bits", 0xffff8000ffffffff, 0, 0xffff8000ffffffff },
};

/* Call gates: the target selector decides, the DPL goes to 0 and the RPL
 * of the target becomes 3 (the guest's DPL, raised to 3). */
static const struct desc_case gate_cases[] = {
	{ "gate DPL 3 -> 0x0010", 0x8123ec0000104567, 0, 0x81238c0000134567 },
	{ "gate DPL 0 -> 0x0010", 0x81238c0000104567, 0, 0x81238c0000134567 },
	{ "gate DPL 1 -> 0x0010", 0x8123ac0000104567, 0, 0x81238c0000134567 },
	{ "gate DPL 3 -> 0x0013", 0x8123ec0000134567, 0, 0x81238c0000134567 },
	{ "gate -> 0x0011", 0x8123ec0000114567, 0, 0x81238c0000134567 },
	{ "gate -> null selector", 0x0000ec0000000000, 0, 0x00008c0000030000 },
	{ "gate -> last guest entry 0xdff8", 0x0000ec00dff80000, 0, 0x00008c00dffb0000 },
	{ "gate -> 0xdfff", 0x0000ec00dfff0000, 0, 0x00008c00dfff0000 },
	{ "gate -> FLAT_KERNEL_CS 0xe033", 0xffffec00e0331000, 0, 0xffff8c00e0331000 },
	{ "gate -> LDT 0x0004", 0x0000ec0000040000, 0, 0x00008c0000070000 },
	{ "gate -> LDT 0xe004", 0x0000ec00e0040000, 0, 0x00008c00e0070000 },
	{ "gate -> LDT 0xfffc", 0x0000ec00fffc0000, 0, 0x00008c00ffff0000 },
	{ "gate -> 0xe000 (reserved)", 0x0000ec00e0000000, -EINVAL, 0x0000ec00e0000000 },
	{ "gate -> 0xe008 (Xen CS)", 0x0000ec00e0080000, -EINVAL, 0x0000ec00e0080000 },
	{ "gate -> 0xe010 (Xen DS)", 0x0000ec00e0100000, -EINVAL, 0x0000ec00e0100000 },
	{ "gate -> 0xe023 (CS32)", 0x0000ec00e0230000, -EINVAL, 0x0000ec00e0230000 },
	{ "gate -> 0xe02b (DS32)", 0x0000ec00e02b0000, -EINVAL, 0x0000ec00e02b0000 },
	{ "gate -> 0xe030 (CS64, RPL 0)", 0x0000ec00e0300000, -EINVAL, 0x0000ec00e0300000 },
	{ "gate -> 0xe031 (CS64, RPL 1)", 0x0000ec00e0310000, -EINVAL, 0x0000ec00e0310000 },
	{ "gate -> 0xfff8", 0x0000ec00fff80000, -EINVAL, 0x0000ec00fff80000 },
	{ "gate DPL 0 -> 0xe008", 0x00008c00e0080000, -EINVAL, 0x00008c00e0080000 },
	{ "gate, 1 parameter", 0x8123ec0100104567, -EINVAL, 0x8123ec0100104567 },
	{ "gate, bit 5 of high word", 0x8123ec2000104567, -EINVAL, 0x8123ec2000104567 },
	{ "gate, bit 7 of high word", 0x8123ec8000104567, -EINVAL, 0x8123ec8000104567 },
	{ "gate, 0x1f parameters", 0x8123ec1f00104567, -EINVAL, 0x8123ec1f00104567 },
	{ "gate -> FLAT_KERNEL_CS, reserved", 0x0000ec01e0330000, -EINVAL, 0x0000ec01e0330000 },
};

static void run_desc_table(const struct desc_case *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t d = t[i].in;
		int rc = pv_check_descriptor(&d);

		if (rc != t[i].rc || d != t[i].out)
			fail_msg("%s: rc %d desc %#018llx, want rc %d desc %#018llx",
				 t[i].name, rc, (unsigned long long)d, t[i].rc,
				 (unsigned long long)t[i].out);
	}
}

static void test_code_data_types(void **state)
{
	run_desc_table(code_data_cases, ARRAY_SIZE(code_data_cases));
}

static void test_system_types(void **state)
{
	run_desc_table(system_cases, ARRAY_SIZE(system_cases));
}

static void test_dpl_and_fields(void **state)
{
	run_desc_table(dpl_cases, ARRAY_SIZE(dpl_cases));
}

static void test_call_gates(void **state)
{
	run_desc_table(gate_cases, ARRAY_SIZE(gate_cases));
}

/* Whatever the type, a descriptor without P is stored as it is. */
static void test_not_present_any_type(void **state)
{
	unsigned int t, dpl;

	for (t = 0; t < 32; t++) {
		for (dpl = 0; dpl < 4; dpl++) {
			uint64_t in = 0xffff0000e0080000ULL |
				      ((uint64_t)(t | (dpl << 5)) << 40) | 0xff00000000ULL;
			uint64_t d = in;

			if (pv_check_descriptor(&d) != 0 || d != in)
				fail_msg("type %#x DPL %u not present", t, dpl);
		}
	}
}

/* Checking what was stored changes nothing: a frame can be revalidated. */
static void test_idempotent(void **state)
{
	static const uint64_t stored[] = {
		0x00cffb000000ffff, 0x00affb000000ffff, 0x00cff3000000ffff,
		0x81238c0000134567, 0xffff8c00e0331000, 0x00008c0000070000,
		0x0000800000000000, 0x0000000000000000,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(stored); i++) {
		uint64_t d = stored[i];

		assert_int_equal(pv_check_descriptor(&d), 0);
		assert_true(d == stored[i]);
	}
}

static void test_gate_selector_ok(void **state)
{
	static const struct {
		uint16_t sel;
		bool ok;
	} cases[] = {
		{ 0x0000, true }, { 0x0008, true }, { 0x0010, true },
		{ 0x0013, true }, { 0xdff8, true }, { 0xdfff, true },
		{ 0xe000, false }, { 0xe003, false }, { 0xe008, false },
		{ 0xe010, false }, { 0xe023, false }, { 0xe02b, false },
		{ 0xe030, false }, { 0xe031, false }, { 0xe032, false },
		{ 0xe033, true },  { 0xe038, false }, { 0xe040, false },
		{ 0xfff8, false }, { 0xfffb, false },
		{ 0x0004, true }, { 0xe004, true }, { 0xe034, true },
		{ 0xfffc, true }, { 0xffff, true },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (pv_gate_selector_ok(cases[i].sel) != cases[i].ok)
			fail_msg("selector %#06x", cases[i].sel);
}

/* A GDT page like Linux's per-CPU one: Xen raises the kernel entries to
 * DPL 3 and leaves the rest. */
static void test_frame_linux_gdt(void **state)
{
	static const uint64_t linux_gdt[16] = {
		0x0000000000000000, 0x00cf9b000000ffff, 0x00af9b000000ffff,
		0x00cf93000000ffff, 0x00cffb000000ffff, 0x00cff3000000ffff,
		0x00affb000000ffff, 0x0000000000000000, 0x0000000000000000,
		0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
		0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
		0x0040f50000000001,
	};
	static const uint64_t want[16] = {
		0x0000000000000000, 0x00cffb000000ffff, 0x00affb000000ffff,
		0x00cff3000000ffff, 0x00cffb000000ffff, 0x00cff3000000ffff,
		0x00affb000000ffff, 0x0000000000000000, 0x0000000000000000,
		0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
		0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
		0x0040f50000000001,
	};
	static uint64_t frame[DESC_PER_FRAME];
	unsigned int bad = 12345, i;

	memset(frame, 0, sizeof(frame));
	memcpy(frame, linux_gdt, sizeof(linux_gdt));
	assert_int_equal(pv_check_descriptor_frame(frame, &bad), 0);
	assert_int_equal(bad, 12345);
	for (i = 0; i < DESC_PER_FRAME; i++)
		if (frame[i] != (i < 16 ? want[i] : 0))
			fail_msg("entry %u: %#018llx", i,
				 (unsigned long long)frame[i]);
}

/* One bad entry anywhere refuses the frame, names the entry, and leaves
 * every entry as it was (DPL 0 code included, which would be rewritten). */
static void test_frame_bad_entry(void **state)
{
	static const unsigned int where[] = { 0, 1, 255, 510, 511 };
	static const uint64_t bad_descs[] = {
		0x0000890000000067,     /* TSS */
		0x0000820000000000,     /* LDT */
		0x00008e00e0080000,     /* interrupt gate */
		0x0000ec00e0080000,     /* call gate into Xen */
		0x8123ec0100104567,     /* call gate with a parameter count */
	};
	static uint64_t frame[DESC_PER_FRAME], copy[DESC_PER_FRAME];
	unsigned int w, b, i, bad;

	for (w = 0; w < ARRAY_SIZE(where); w++) {
		for (b = 0; b < ARRAY_SIZE(bad_descs); b++) {
			for (i = 0; i < DESC_PER_FRAME; i++)
				frame[i] = 0x00cf9b000000ffff;
			frame[where[w]] = bad_descs[b];
			memcpy(copy, frame, sizeof(frame));
			bad = 9999;
			if (pv_check_descriptor_frame(frame, &bad) != -EINVAL ||
			    bad != where[w] || memcmp(copy, frame, sizeof(frame)))
				fail_msg("bad %#llx at %u: got idx %u",
					 (unsigned long long)bad_descs[b],
					 where[w], bad);
		}
	}
}

static void test_frame_extremes(void **state)
{
	static uint64_t frame[DESC_PER_FRAME];
	unsigned int bad, i;

	/* All zero: an empty table. */
	memset(frame, 0, sizeof(frame));
	assert_int_equal(pv_check_descriptor_frame(frame, &bad), 0);
	for (i = 0; i < DESC_PER_FRAME; i++)
		assert_true(frame[i] == 0);

	/* All ones: present data at DPL 3 everywhere, unchanged. */
	memset(frame, 0xff, sizeof(frame));
	assert_int_equal(pv_check_descriptor_frame(frame, &bad), 0);
	for (i = 0; i < DESC_PER_FRAME; i++)
		assert_true(frame[i] == 0xffffffffffffffffULL);

	/* A 16-byte call gate in the last two slots: the gate rewritten,
	 * its upper half (type 0) kept. */
	memset(frame, 0, sizeof(frame));
	frame[510] = 0x8123ec0000104567;
	frame[511] = 0x00000000ffffffff;
	assert_int_equal(pv_check_descriptor_frame(frame, &bad), 0);
	assert_true(frame[510] == 0x81238c0000134567ULL);
	assert_true(frame[511] == 0x00000000ffffffffULL);

	/* The same pair with the upper half some other present descriptor:
	 * each slot is checked on its own, so a data segment passes there
	 * (raised to DPL 3); the CPU refuses the gate when it is used. */
	frame[510] = 0x8123ec0000104567;
	frame[511] = 0x00cf93000000ffff;
	assert_int_equal(pv_check_descriptor_frame(frame, &bad), 0);
	assert_true(frame[511] == 0x00cff3000000ffffULL);
}

static void test_call_gate_slot(void **state)
{
	static const struct {
		uint16_t sel;
		unsigned int nr_ents;
		bool ok;
	} cases[] = {
		{ 0x0000, 16, false }, { 0x0003, 16, false },
		{ 0x0004, 2, true },   { 0x0004, 1, false },
		{ 0x0008, 3, true },   { 0x0008, 2, false },
		{ 0x0070, 16, true },  { 0x0078, 16, false },
		{ 0xdff0, 7168, true }, { 0xdff8, 7168, false },
		{ 0x0008, 0, false },  { 0xfff8, 0xffffffff, true },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (pv_call_gate_slot_ok(cases[i].sel, cases[i].nr_ents) !=
		    cases[i].ok)
			fail_msg("selector %#06x in %u entries", cases[i].sel,
				 cases[i].nr_ents);
}

static void test_read_call_gate(void **state)
{
	static const struct {
		const char *name;
		uint64_t gate[2];
		int rc;
		uint16_t sel;
		uint64_t offset;
		unsigned int dpl;
		bool present;
	} cases[] = {
		{ "checked gate", { 0x81238c0000134567, 0x00000000ffffffff },
		  0, 0x0010, 0xffffffff81234567, 3, true },
		{ "checked gate to FLAT_KERNEL_CS", { 0xffff8c00e0331000, 0x00000000ffff8000 },
		  0, 0xe030, 0xffff8000ffff1000, 3, true },
		{ "gate kept with RPL 0", { 0x00008c0000100000, 0x0000000000000000 },
		  0, 0x0010, 0x0000000000000000, 0, true },
		{ "not present", { 0x81230c0000134567, 0x00000000ffffffff },
		  0, 0x0010, 0xffffffff81234567, 3, false },
		{ "upper half P and DPL set", { 0x81238c0000134567, 0x0000e000ffffffff },
		  0, 0x0010, 0xffffffff81234567, 3, true },
		{ "upper half junk outside type", { 0x81238c0000134567, 0xffffe0ff12345678 },
		  0, 0x0010, 0x1234567881234567, 3, true },
		{ "unchecked gate (DPL 3)", { 0x8123ec0000104567, 0 }, -EINVAL, 0, 0, 0, false },
		{ "DPL 1", { 0x8123ac0000134567, 0 }, -EINVAL, 0, 0, 0, false },
		{ "interrupt gate", { 0x81238e0000134567, 0 }, -EINVAL, 0, 0, 0, false },
		{ "16-bit call gate", { 0x8123840000134567, 0 }, -EINVAL, 0, 0, 0, false },
		{ "code segment", { 0x00cf9c000000ffff, 0 }, -EINVAL, 0, 0, 0, false },
		{ "type 0", { 0x0000800000000000, 0 }, -EINVAL, 0, 0, 0, false },
		{ "upper half a gate", { 0x81238c0000134567, 0x00000c00ffffffff }, -EINVAL, 0, 0, 0, false },
		{ "upper half S set", { 0x81238c0000134567, 0x00001000ffffffff }, -EINVAL, 0, 0, 0, false },
		{ "upper half type 1", { 0x81238c0000134567, 0x00000100ffffffff }, -EINVAL, 0, 0, 0, false },
	};
	struct pv_call_gate g;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int rc;

		memset(&g, 0xa5, sizeof(g));
		rc = pv_read_call_gate(cases[i].gate, &g);
		if (rc != cases[i].rc)
			fail_msg("%s: rc %d", cases[i].name, rc);
		if (rc)
			continue;
		if (g.sel != cases[i].sel || g.offset != cases[i].offset ||
		    g.dpl != cases[i].dpl || g.present != cases[i].present)
			fail_msg("%s: sel %#x offset %#llx dpl %u present %d",
				 cases[i].name, g.sel,
				 (unsigned long long)g.offset, g.dpl, g.present);
	}
}

/* Descriptors for the selector-load table; NONE: past the table limit. */
enum {
	NONE, DATA3, DATA3_NP, DATA0, RODATA3, CODE3_R, CODE3_XO, CODE0_R,
	CONF0_R, CONF0_XO, GATE, TYPE0, NR_DESCS
};

static const uint64_t seg_descs[NR_DESCS] = {
	[DATA3] = 0x00cff3000000ffff,     /* FLAT_RING3_DS32 */
	[DATA3_NP] = 0x00cf73000000ffff,
	[DATA0] = 0x00cf93000000ffff,
	[RODATA3] = 0x00cff1000000ffff,
	[CODE3_R] = 0x00affb000000ffff,   /* FLAT_RING3_CS64 */
	[CODE3_XO] = 0x00aff9000000ffff,
	[CODE0_R] = 0x00af9b000000ffff,
	[CONF0_R] = 0x00af9f000000ffff,
	[CONF0_XO] = 0x00af9d000000ffff,
	[GATE] = 0x81238c0000134567,      /* a stored call gate */
	[TYPE0] = 0x0000800000000000,
};

static void test_segment_load(void **state)
{
	static const struct {
		enum pv_sreg sreg;
		uint16_t sel;
		int desc;
		unsigned int cpl;
		bool fault;
		uint8_t vector;
		uint16_t err;
	} cases[] = {
		/* Xen's context switch: CPL 0. */
		{ PV_SREG_DS, 0x0000, NONE, 0, false, 0, 0 },
		{ PV_SREG_DS, 0x0003, NONE, 0, false, 0, 0 },
		{ PV_SREG_ES, 0x0002, NONE, 3, false, 0, 0 },
		{ PV_SREG_DS, 0xe02b, DATA3, 0, false, 0, 0 },
		{ PV_SREG_FS, 0x002b, DATA3, 0, false, 0, 0 },
		{ PV_SREG_GS, 0x0028, DATA3, 0, false, 0, 0 },
		{ PV_SREG_DS, 0x002b, DATA3_NP, 0, true, DESC_EXC_NP, 0x0028 },
		{ PV_SREG_GS, 0x002f, DATA3_NP, 0, true, DESC_EXC_NP, 0x002c },
		{ PV_SREG_DS, 0x1234, NONE, 0, true, DESC_EXC_GP, 0x1234 },
		{ PV_SREG_FS, 0x0007, NONE, 0, true, DESC_EXC_GP, 0x0004 },
		{ PV_SREG_ES, 0x0004, DATA3, 0, false, 0, 0 },
		{ PV_SREG_DS, 0x0030, GATE, 0, true, DESC_EXC_GP, 0x0030 },
		{ PV_SREG_DS, 0x0030, TYPE0, 0, true, DESC_EXC_GP, 0x0030 },
		{ PV_SREG_DS, 0x0033, CODE3_R, 0, false, 0, 0 },
		{ PV_SREG_DS, 0x0033, CODE3_XO, 0, true, DESC_EXC_GP, 0x0030 },
		{ PV_SREG_DS, 0x0018, DATA0, 0, false, 0, 0 },
		{ PV_SREG_DS, 0x001b, DATA0, 0, true, DESC_EXC_GP, 0x0018 },
		{ PV_SREG_DS, 0x0011, RODATA3, 0, false, 0, 0 },
		/* The guest's own loads: CPL 3. */
		{ PV_SREG_DS, 0x0018, DATA0, 3, true, DESC_EXC_GP, 0x0018 },
		{ PV_SREG_DS, 0x002b, DATA3, 3, false, 0, 0 },
		{ PV_SREG_DS, 0x0010, CODE0_R, 3, true, DESC_EXC_GP, 0x0010 },
		{ PV_SREG_DS, 0x0013, CONF0_R, 3, false, 0, 0 },
		{ PV_SREG_DS, 0x0013, CONF0_XO, 3, true, DESC_EXC_GP, 0x0010 },
		{ PV_SREG_GS, 0x002b, DATA3_NP, 3, true, DESC_EXC_NP, 0x0028 },
		/* ss. */
		{ PV_SREG_SS, 0x0000, NONE, 3, true, DESC_EXC_GP, 0x0000 },
		{ PV_SREG_SS, 0x0003, NONE, 3, true, DESC_EXC_GP, 0x0000 },
		{ PV_SREG_SS, 0x0000, NONE, 0, false, 0, 0 },
		{ PV_SREG_SS, 0x0003, NONE, 0, true, DESC_EXC_GP, 0x0000 },
		{ PV_SREG_SS, 0xe02b, DATA3, 3, false, 0, 0 },
		{ PV_SREG_SS, 0xe02b, DATA3, 0, true, DESC_EXC_GP, 0xe028 },
		{ PV_SREG_SS, 0x0018, DATA0, 0, false, 0, 0 },
		{ PV_SREG_SS, 0x001b, DATA0, 3, true, DESC_EXC_GP, 0x0018 },
		{ PV_SREG_SS, 0x0013, RODATA3, 3, true, DESC_EXC_GP, 0x0010 },
		{ PV_SREG_SS, 0xe033, CODE3_R, 3, true, DESC_EXC_GP, 0xe030 },
		{ PV_SREG_SS, 0x002b, DATA3_NP, 3, true, DESC_EXC_SS, 0x0028 },
		{ PV_SREG_SS, 0x002b, NONE, 3, true, DESC_EXC_GP, 0x0028 },
		{ PV_SREG_SS, 0x0033, GATE, 3, true, DESC_EXC_GP, 0x0030 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const uint64_t *d = cases[i].desc == NONE ? NULL :
				    &seg_descs[cases[i].desc];
		struct pv_seg_load r = pv_segment_load(cases[i].sreg,
							cases[i].sel, d,
							cases[i].cpl);

		if (r.fault != cases[i].fault ||
		    (r.fault && (r.vector != cases[i].vector ||
				 r.error_code != cases[i].err)))
			fail_msg("case %zu (sel %#06x cpl %u): fault %d vector %u err %#x",
				 i, cases[i].sel, cases[i].cpl, r.fault,
				 r.vector, r.error_code);
	}
}

/* What a guest installs through check_descriptor and then loads: code and
 * data always load at CPL 3 once raised; gates and type 0 never. */
static void test_checked_then_loaded(void **state)
{
	uint64_t d;
	struct pv_seg_load r;

	d = 0x00cf93000000ffff;              /* kernel data, DPL 0 */
	assert_int_equal(pv_check_descriptor(&d), 0);
	r = pv_segment_load(PV_SREG_DS, 0x0018, &d, 3);
	assert_false(r.fault);
	r = pv_segment_load(PV_SREG_SS, 0x001b, &d, 3);
	assert_false(r.fault);

	d = 0x00cf13000000ffff;              /* not present: #NP, failsafe */
	assert_int_equal(pv_check_descriptor(&d), 0);
	r = pv_segment_load(PV_SREG_FS, 0x0018, &d, 0);
	assert_true(r.fault);
	assert_int_equal(r.vector, DESC_EXC_NP);
	assert_int_equal(r.error_code, 0x0018);

	d = 0x8123ec0000104567;              /* gate: #GP into ds */
	assert_int_equal(pv_check_descriptor(&d), 0);
	r = pv_segment_load(PV_SREG_DS, 0x0020, &d, 0);
	assert_true(r.fault);
	assert_int_equal(r.vector, DESC_EXC_GP);
	assert_int_equal(r.error_code, 0x0020);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_data_types),
		cmocka_unit_test(test_system_types),
		cmocka_unit_test(test_dpl_and_fields),
		cmocka_unit_test(test_call_gates),
		cmocka_unit_test(test_not_present_any_type),
		cmocka_unit_test(test_idempotent),
		cmocka_unit_test(test_gate_selector_ok),
		cmocka_unit_test(test_frame_linux_gdt),
		cmocka_unit_test(test_frame_bad_entry),
		cmocka_unit_test(test_frame_extremes),
		cmocka_unit_test(test_call_gate_slot),
		cmocka_unit_test(test_read_call_gate),
		cmocka_unit_test(test_segment_load),
		cmocka_unit_test(test_checked_then_loaded),
	};

	return RUN(tests);
}
