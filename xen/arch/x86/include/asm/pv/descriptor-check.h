/* SPDX-License-Identifier: GPL-2.0 */
/* Segment descriptors a 64-bit PV guest puts in its GDT or LDT: which ones
 * Xen 4.17 accepts and how it rewrites them, how a stored call gate reads
 * back, and whether the CPU would fault loading a selector. Pure logic. */
#ifndef ASM_DESCRIPTOR_CHECK_H
#define ASM_DESCRIPTOR_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#define DESC_PER_FRAME            512
/* FIRST_RESERVED_GDT_ENTRY: selectors from 0xe000 up are the hypervisor's. */
#define DESC_FIRST_RESERVED_ENTRY 7168
/* FLAT_KERNEL_CS of the 64-bit PV ABI, the one reserved selector a call
 * gate may target. */
#define DESC_FLAT_KERNEL_CS       0xe033

/* Fields of the 8-byte descriptor. */
#define DESC_TYPE_SHIFT  40
#define DESC_TYPE_MASK   (0xfULL << 40)
#define DESC_TYPE_A      (1ULL << 40)   /* accessed */
#define DESC_TYPE_RW     (1ULL << 41)   /* readable code / writable data */
#define DESC_TYPE_EC     (1ULL << 42)   /* conforming code / expand-down */
#define DESC_TYPE_CODE   (1ULL << 43)
#define DESC_S           (1ULL << 44)   /* code or data, not system */
#define DESC_DPL_SHIFT   45
#define DESC_DPL_MASK    (3ULL << 45)
#define DESC_P           (1ULL << 47)
#define DESC_L           (1ULL << 53)
#define DESC_DB          (1ULL << 54)
#define DESC_G           (1ULL << 55)

/* System types (S = 0) in 64-bit mode. */
#define DESC_SYS_LDT        0x2
#define DESC_SYS_TSS_AVAIL  0x9
#define DESC_SYS_TSS_BUSY   0xb
#define DESC_SYS_CALL_GATE  0xc
#define DESC_SYS_INTR_GATE  0xe
#define DESC_SYS_TRAP_GATE  0xf

/*
 * Check one descriptor as Xen's check_descriptor() does for a 64-bit PV
 * guest, rewriting *desc where Xen does. Returns 0 (accepted, *desc possibly
 * rewritten) or -EINVAL (*desc untouched). Each 8-byte slot stands alone:
 * the upper half of a 16-byte call gate is checked as a descriptor of its
 * own (type 0 passes), and the pairing is checked only when the gate is
 * used (pv_read_call_gate()). For update_descriptor the caller also
 * requires the guest address to be 8-byte aligned.
 */
int pv_check_descriptor(uint64_t *desc);

/*
 * Check a whole GDT or LDT frame before it is typed as a descriptor page.
 * Returns 0 with every entry rewritten as pv_check_descriptor() would, or
 * -EINVAL with *bad_idx the first refused entry and the frame untouched.
 * The frame must not be guest-writable meanwhile (no writable mappings,
 * which taking the type requires anyway).
 */
int pv_check_descriptor_frame(uint64_t descs[DESC_PER_FRAME],
			      unsigned int *bad_idx);

/* May a gate (call gate here; trap table entries likewise) name this code
 * selector? Guest GDT selectors, any LDT selector, and FLAT_KERNEL_CS. */
bool pv_gate_selector_ok(uint16_t sel);

/* A call gate as stored after pv_check_descriptor(), read back for
 * emulating a far call or jump through it. */
struct pv_call_gate {
	uint16_t sel;        /* target code selector, RPL cleared */
	uint64_t offset;     /* 64-bit target */
	unsigned int dpl;    /* the DPL the gate is used with */
	bool present;        /* clear: the far call or jump takes #NP */
};

/* Does the gate selector name a usable 16-byte slot pair in a table of
 * nr_ents entries (GDT or LDT, by the selector's TI bit)? */
bool pv_call_gate_slot_ok(uint16_t gate_sel, unsigned int nr_ents);

/* Decode the two 8-byte halves of a stored call gate. Returns 0, or
 * -EINVAL if they are not a gate pv_check_descriptor() produced followed by
 * an upper half of type 0. */
int pv_read_call_gate(const uint64_t gate[2], struct pv_call_gate *out);

enum pv_sreg {
	PV_SREG_ES,
	PV_SREG_SS,
	PV_SREG_DS,
	PV_SREG_FS,
	PV_SREG_GS,
};

#define DESC_EXC_NP 11
#define DESC_EXC_SS 12
#define DESC_EXC_GP 13

struct pv_seg_load {
	bool fault;
	uint8_t vector;         /* DESC_EXC_GP, _NP or _SS */
	uint16_t error_code;    /* selector with RPL bits clear, or 0 */
};

/*
 * What a 64-bit-mode "mov to sreg" of sel at privilege cpl does, given the
 * descriptor sel indexes (desc NULL: past the table's limit, or no LDT).
 * Xen reloads the guest's ds/es/fs/gs at CPL 0 when switching to a vCPU
 * and runs the failsafe callback if one faults; the guest's own loads run
 * at CPL 3. A null selector into ds/es/fs/gs never faults.
 */
struct pv_seg_load pv_segment_load(enum pv_sreg sreg, uint16_t sel,
				   const uint64_t *desc, unsigned int cpl);

#endif
