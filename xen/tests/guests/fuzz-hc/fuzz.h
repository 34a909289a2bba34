/* SPDX-License-Identifier: MIT */
/*
 * fuzz-hc: the hypercall fuzzer's shared state. A generator fills one
 * struct fz_call (number, five arguments, and what must be put back
 * afterwards) from the seeded generator; main.c issues it and checks the
 * invariants after every batch. Arguments come from a dictionary of
 * interesting values (fz_*), never from what the hypervisor returned, so
 * a seed always yields the same sequence of calls.
 *
 * Memory the hypervisor may be told to write (argument areas, sink
 * frames, the scratch window) is kept apart from the memory the fuzzer
 * runs on (code, stack, page tables in use): writes into the latter are
 * the fuzzer killing itself, not a finding.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <public/grant_table.h>
#include <public/memory.h>
#include "evt.h"
#include "mm.h"
#include "heartbeat.h"

/* What main.c restores after a call changed the fuzzer's own state. */
#define FZ_RESTORE_TRAPS     0x01   /* set_trap_table */
#define FZ_RESTORE_CALLBACKS 0x02   /* callback_op, set_callbacks */
#define FZ_RESTORE_FPU       0x04   /* fpu_taskswitch */
#define FZ_RESTORE_DEBUGREG  0x08   /* set_debugreg */
#define FZ_RESTORE_SEGBASE   0x10   /* set_segment_base */
#define FZ_RESTORE_GDT       0x20   /* set_gdt */
#define FZ_RESTORE_LDT       0x40   /* mmuext SET_LDT */
#define FZ_CHECK_VCPU_INFO   0x80   /* register_vcpu_info may have moved it */
#define FZ_RESTORE_TIMERS    0x100  /* periodic timer */
#define FZ_RESTORE_ALL       0x1ff

struct fz_call {
	unsigned long nr;
	unsigned long a[5];
	unsigned int restore;       /* FZ_RESTORE_* */
	bool in_multicall;          /* being built for a multicall entry */
};

/* One generator per hypercall (or family). */
typedef void (*fz_gen_t)(struct fz_call *c);
struct fz_entry {
	const char *name;
	fz_gen_t gen;
	unsigned int weight;
	bool multicall_ok;          /* no restore needed: may go in a multicall */
};
extern const struct fz_entry fz_table[];
#define FZ_GEN(name) void fz_gen_##name(struct fz_call *c);
FZ_GEN(mmu_update) FZ_GEN(mmuext_op) FZ_GEN(update_va_mapping)
FZ_GEN(update_va_mapping_otherdomain) FZ_GEN(set_gdt) FZ_GEN(update_descriptor)
FZ_GEN(memory_op) FZ_GEN(grant_table_op) FZ_GEN(event_channel_op) FZ_GEN(vcpu_op)
FZ_GEN(sched_op) FZ_GEN(set_timer_op) FZ_GEN(set_trap_table) FZ_GEN(stack_switch)
FZ_GEN(set_callbacks) FZ_GEN(fpu_taskswitch) FZ_GEN(set_debugreg) FZ_GEN(get_debugreg)
FZ_GEN(xen_version) FZ_GEN(console_io) FZ_GEN(vm_assist) FZ_GEN(set_segment_base)
FZ_GEN(callback_op) FZ_GEN(physdev_op) FZ_GEN(platform_op) FZ_GEN(sysctl) FZ_GEN(domctl)
FZ_GEN(unknown) FZ_GEN(multicall)
#undef FZ_GEN
/* A guest handle from an address that may be hostile. */
#define FZ_SET_HANDLE(h, v) ((h).p = (void *)(unsigned long)(v))
extern const unsigned int fz_table_len;

/* gen.c: the seeded generator (xoshiro256**, seeded by splitmix64). */
void fz_seed(uint64_t seed);
uint64_t fz_rand(void);
uint64_t fz_below(uint64_t n);          /* 0 .. n-1; n > 0 */
bool fz_chance(unsigned int percent);
unsigned long fz_pick(const unsigned long *vals, unsigned int n);
#define FZ_PICK(arr) fz_pick((arr), ARRAY_SIZE(arr))

/* The world the values come from, learnt at start of day (gen.c). */
struct fz_world {
	domid_t self, peer;
	unsigned long nr_pages;
	unsigned long l4_mfn;
	unsigned long pt_mfn[8];             /* the boot tables, live */
	unsigned int nr_pt;
	unsigned long live_mfn[4];           /* code, data, stack, start_info */
	unsigned long free_mfn[16];          /* ours, mapped nowhere */
	unsigned int nr_free;
	unsigned long sink_mfn[4];           /* .bss pages only the hypervisor writes */
	unsigned long vcpu_info_mfn;         /* the one register_vcpu_info may take */
	unsigned long peer_mfn[4];
	unsigned int nr_peer;
	unsigned long unowned_mfn;           /* free or the hypervisor's */
	unsigned long max_mfn;
	unsigned long scratch_va;            /* a 2 MiB window our scratch L1 maps */
	unsigned long scratch_l1_mfn;
	unsigned long l2_mfn;                /* the live L2 holding the window */
	unsigned int l2_free_slot;           /* first slot past the window */
	unsigned long grant_va;              /* our grant frame 0, mapped */
	uint32_t console_port;
};
extern struct fz_world fz;

/* Argument areas, each ending at an unmapped guard page so a count past
 * what was generated runs into -EFAULT rather than into our own state. */
#define FZ_AREA_BYTES (3 * PAGE_SIZE)
#define FZ_MC_MAX 8                      /* entries in one multicall */
void *fz_area(unsigned int which, size_t bytes, bool at_end);
size_t fz_area_room(void);               /* bytes fz_area can give now */
void fz_slice(unsigned int idx, unsigned int n);   /* n 0: whole areas */
void *fz_vcpu_info_page(void);
extern uint32_t fz_vcpu_info_offset;     /* calls-evt.c */
const char *fz_world_init(void);         /* NULL or a setup reason */

/* Values. */
unsigned long fz_word(void);             /* any of the dictionary's kinds */
unsigned long fz_hostile_ptr(void);      /* never ours: the hypervisor's, non-canonical, ... */
unsigned long fz_ptr(unsigned int which, size_t bytes); /* an area, or hostile */
unsigned long fz_unmapped_ptr(void);     /* nothing there that we could read */
unsigned long fz_ro_ptr(void);           /* mapped read-only: page tables, M2P */
domid_t fz_domid(void);
unsigned long fz_count(unsigned long sane);  /* 0, 1, sane, max, huge, ... */
unsigned long fz_mfn(void);              /* any frame, ours in use included */
unsigned long fz_mfn_w(void);            /* a frame the hypervisor may write */
unsigned long fz_vcpu(void);
uint32_t fz_port(void);
uint32_t fz_gref(void);
unsigned long fz_scratch_va(void);       /* in the window, or hostile */
uint64_t fz_pte(void);                   /* an entry value */
uint64_t fz_entry_maddr(void);           /* a machine address of a table entry */
unsigned long fz_op(unsigned long nr_known); /* a sub-op number: known, next, huge */
void fz_fill(void *p, size_t bytes);     /* dictionary words */


#endif /* FUZZ_H */
