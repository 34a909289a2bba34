/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest segment descriptors: the checks Xen 4.17 applies to every entry of
 * a 64-bit PV guest's GDT and LDT frames and to update_descriptor, and a
 * model of the CPU's selector-load checks for the failsafe path.
 *
 * What Xen does, and so what we do, for a 64-bit PV guest:
 *  - not present: accepted unchanged (any use faults);
 *  - code or data (S = 1): accepted, DPL raised to 3 (the guest kernel
 *    runs in ring 3); no base, limit, L or D check at all;
 *  - system type 0: accepted unchanged, DPL included (it is the upper
 *    half of a 16-byte call gate);
 *  - call gate (type 0xc): accepted if its target selector is a guest GDT
 *    selector, an LDT selector or FLAT_KERNEL_CS and bits 0-7 of the high
 *    word are clear; stored with DPL 0, so every use traps to Xen for
 *    emulation, and the guest's DPL (always 3 once raised) kept in the
 *    target selector's RPL;
 *  - every other system descriptor (LDT, TSS, interrupt and trap gates,
 *    16-bit gates, task gates, reserved types): refused.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <asm/pv/descriptor-check.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

/* The ring a 64-bit PV guest kernel runs in, and so the lowest DPL and RPL
 * its descriptors and selectors may carry. */
#define GUEST_KERNEL_RPL 3

/* Bits 0-7 of a call gate's high word: the parameter count and reserved
 * bits, which must be zero in a 64-bit gate. */
#define GATE_RESERVED_BITS (0xffULL << 32)

static unsigned int desc_type(uint64_t d)
{
	return (unsigned int)((d & DESC_TYPE_MASK) >> DESC_TYPE_SHIFT);
}

static unsigned int desc_dpl(uint64_t d)
{
	return (unsigned int)((d & DESC_DPL_MASK) >> DESC_DPL_SHIFT);
}

static uint64_t with_dpl(uint64_t d, unsigned int dpl)
{
	return (d & ~DESC_DPL_MASK) | ((uint64_t)dpl << DESC_DPL_SHIFT);
}

static uint16_t gate_selector(uint64_t d)
{
	return (uint16_t)(d >> 16);
}

static uint64_t with_gate_selector(uint64_t d, uint16_t sel)
{
	return (d & ~(0xffffULL << 16)) | ((uint64_t)sel << 16);
}

bool pv_gate_selector_ok(uint16_t sel)
{
	return (sel >> 3) < DESC_FIRST_RESERVED_ENTRY ||
	       sel == DESC_FLAT_KERNEL_CS ||
	       (sel & 4);
}

/* The result of checking d, in *out; false if refused. */
static bool check_one(uint64_t d, uint64_t *out)
{
	unsigned int dpl;
	uint16_t sel;

	*out = d;
	if (!(d & DESC_P))
		return true;

	/* Xen raises the DPL before it even looks at the type; only type 0
	 * returns without storing the raised value. */
	dpl = MAX(desc_dpl(d), GUEST_KERNEL_RPL);
	if (d & DESC_S) {
		*out = with_dpl(d, dpl);
		return true;
	}
	if (desc_type(d) == 0)
		return true;
	if (desc_type(d) != DESC_SYS_CALL_GATE)
		return false;

	sel = gate_selector(d);
	if (!pv_gate_selector_ok(sel))
		return false;
	if (d & GATE_RESERVED_BITS)
		return false;
	/* DPL 0 makes every use #GP into Xen, which emulates the gate; the
	 * DPL the guest meant travels in the target selector's RPL. */
	*out = with_gate_selector(with_dpl(d, 0), (uint16_t)((sel & ~3u) | dpl));
	return true;
}

int pv_check_descriptor(uint64_t *desc)
{
	uint64_t fixed;

	if (!check_one(*desc, &fixed))
		return -EINVAL;
	*desc = fixed;
	return 0;
}

int pv_check_descriptor_frame(uint64_t descs[DESC_PER_FRAME],
			      unsigned int *bad_idx)
{
	uint64_t fixed;
	unsigned int i;

	/* Xen rewrites entries as it goes and leaves earlier ones rewritten
	 * when a later one fails; we check all first and change nothing on
	 * failure. The outcome (accepted or not, and the stored values when
	 * accepted) is the same. The rewrite is idempotent, so the second
	 * pass cannot fail on an unchanged frame. */
	for (i = 0; i < DESC_PER_FRAME; i++) {
		if (!check_one(descs[i], &fixed)) {
			*bad_idx = i;
			return -EINVAL;
		}
	}
	for (i = 0; i < DESC_PER_FRAME; i++) {
		if (!check_one(descs[i], &fixed)) {
			*bad_idx = i;
			return -EINVAL;
		}
		descs[i] = fixed;
	}
	return 0;
}

bool pv_call_gate_slot_ok(uint16_t gate_sel, unsigned int nr_ents)
{
	/* A 64-bit gate takes two slots, both inside the table. */
	return gate_sel >= 4 && (gate_sel >> 3) + 1u < nr_ents;
}

int pv_read_call_gate(const uint64_t gate[2], struct pv_call_gate *out)
{
	uint64_t lo = gate[0], hi = gate[1];
	uint16_t sel = gate_selector(lo);

	/* Only what check_one() stores: a DPL 0 call gate... */
	if ((lo & DESC_S) || desc_type(lo) != DESC_SYS_CALL_GATE ||
	    desc_dpl(lo) != 0)
		return -EINVAL;
	/* ...followed by an upper half whose S and type bits are clear, as
	 * the CPU requires. */
	if ((hi & DESC_S) || desc_type(hi) != 0)
		return -EINVAL;

	out->sel = sel & ~3u;
	out->dpl = sel & 3u;
	out->offset = (lo & 0xffff) | ((lo >> 32) & 0xffff0000) |
		      ((hi & 0xffffffff) << 32);
	out->present = (lo & DESC_P) != 0;
	return 0;
}

static struct pv_seg_load seg_fault(uint8_t vector, uint16_t error_code)
{
	return (struct pv_seg_load){ true, vector, error_code };
}

static bool is_null_selector(uint16_t sel)
{
	return (sel & ~3u) == 0;
}

/* ss: a writable data segment at exactly the current privilege. */
static struct pv_seg_load load_ss(uint16_t sel, const uint64_t *desc,
				  unsigned int cpl)
{
	uint16_t err = sel & ~3u;
	unsigned int rpl = sel & 3u;

	/* 64-bit mode allows a null ss below ring 3, with RPL = CPL. */
	if (is_null_selector(sel))
		return cpl < 3 && rpl == cpl ? (struct pv_seg_load){ 0 } :
					       seg_fault(DESC_EXC_GP, 0);
	if (!desc || rpl != cpl || !(*desc & DESC_S) ||
	    (*desc & DESC_TYPE_CODE) || !(*desc & DESC_TYPE_RW) ||
	    desc_dpl(*desc) != cpl)
		return seg_fault(DESC_EXC_GP, err);
	if (!(*desc & DESC_P))
		return seg_fault(DESC_EXC_SS, err);
	return (struct pv_seg_load){ 0 };
}

/* ds/es/fs/gs: data or readable code, and, unless conforming code, a DPL
 * no more privileged than both CPL and RPL. */
static struct pv_seg_load load_data(uint16_t sel, const uint64_t *desc,
				    unsigned int cpl)
{
	uint16_t err = sel & ~3u;
	unsigned int rpl = sel & 3u;
	bool code, conforming;

	if (is_null_selector(sel))
		return (struct pv_seg_load){ 0 };
	if (!desc || !(*desc & DESC_S))
		return seg_fault(DESC_EXC_GP, err);
	code = *desc & DESC_TYPE_CODE;
	conforming = code && (*desc & DESC_TYPE_EC);
	if (code && !(*desc & DESC_TYPE_RW))
		return seg_fault(DESC_EXC_GP, err);
	if (!conforming && (rpl > desc_dpl(*desc) || cpl > desc_dpl(*desc)))
		return seg_fault(DESC_EXC_GP, err);
	if (!(*desc & DESC_P))
		return seg_fault(DESC_EXC_NP, err);
	return (struct pv_seg_load){ 0 };
}

struct pv_seg_load pv_segment_load(enum pv_sreg sreg, uint16_t sel,
				   const uint64_t *desc, unsigned int cpl)
{
	if (sreg == PV_SREG_SS)
		return load_ss(sel, desc, cpl & 3);
	return load_data(sel, desc, cpl & 3);
}
