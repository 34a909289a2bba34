/* SPDX-License-Identifier: MIT */
/*
 * Generators for the remaining hypercalls: trap table, callbacks, stack,
 * FPU, debug registers, segment bases (each put back by main.c after the
 * call: they are our own CPU state), xen_version, console_io, vm_assist,
 * physdev_op, the privileged platform_op/sysctl/domctl, multicall, and
 * numbers with no handler. Left out: iret, which returns to whatever
 * frame it pops (a random one ends the fuzzer; the traps suite covers it).
 */
#include <public/platform.h>
#include <public/sysctl.h>
#include <public/domctl.h>
#include "fuzz.h"

static unsigned long any_va(void)
{
	return fz_chance(50) ? fz_hostile_ptr() : fz_word();
}

void fz_gen_set_trap_table(struct fz_call *c)
{
	unsigned long n = fz_below(40);
	struct trap_info *t = fz_area(0, (n + 1) * sizeof(*t), fz_chance(50));

	for (unsigned long i = 0; i <= n; i++) {
		t[i].vector = (uint8_t)(fz_chance(70) ? fz_below(256) : 0);
		t[i].flags = (uint8_t)fz_rand();
		t[i].cs = (uint16_t)(fz_chance(50) ? FLAT_KERNEL_CS : fz_rand());
		t[i].address = any_va();
	}
	if (fz_chance(70))
		t[n] = (struct trap_info){ 0 };   /* terminated */
	c->nr = __HYPERVISOR_set_trap_table;
	c->a[0] = fz_chance(85) ? (unsigned long)t : fz_chance(50) ? fz_ro_ptr() : fz_hostile_ptr();
	c->restore |= FZ_RESTORE_TRAPS;
}

void fz_gen_stack_switch(struct fz_call *c)
{
	c->nr = __HYPERVISOR_stack_switch;
	c->a[0] = fz_chance(50) ? FLAT_KERNEL_SS : fz_rand() & 0xffff;
	c->a[1] = any_va();
}

void fz_gen_set_callbacks(struct fz_call *c)
{
	c->nr = __HYPERVISOR_set_callbacks;
	c->a[0] = any_va();
	c->a[1] = any_va();
	c->a[2] = any_va();
	c->restore |= FZ_RESTORE_CALLBACKS;
}

void fz_gen_fpu_taskswitch(struct fz_call *c)
{
	c->nr = __HYPERVISOR_fpu_taskswitch;
	c->a[0] = fz_chance(80) ? fz_below(2) : fz_rand();
	c->restore |= FZ_RESTORE_FPU;
}

void fz_gen_set_debugreg(struct fz_call *c)
{
	c->nr = __HYPERVISOR_set_debugreg;
	c->a[0] = fz_chance(90) ? fz_below(10) : fz_rand();
	c->a[1] = fz_chance(50) ? any_va() : fz_rand() >> fz_below(64);
	c->restore |= FZ_RESTORE_DEBUGREG;
}

void fz_gen_get_debugreg(struct fz_call *c)
{
	c->nr = __HYPERVISOR_get_debugreg;
	c->a[0] = fz_chance(90) ? fz_below(10) : fz_rand();
}

void fz_gen_xen_version(struct fz_call *c)
{
	unsigned long cmd = fz_op(XENVER_build_id);
	uint32_t *a = fz_area(0, 1024, fz_chance(50));

	fz_fill(a, 64);
	a[0] = (uint32_t)fz_count(64);   /* build_id's length */
	c->nr = __HYPERVISOR_xen_version;
	c->a[0] = cmd;
	c->a[1] = fz_chance(80) ? (unsigned long)a : fz_chance(50) ? fz_ro_ptr() : fz_hostile_ptr();
}

/* A write from our memory prints into the log: only from bad pointers,
 * or a few bytes now and then, so a long run's log stays readable. */
void fz_gen_console_io(struct fz_call *c)
{
	static const char line[] = "fuzz: a console_io write from our memory\n";
	unsigned long cmd = fz_chance(50) ? CONSOLEIO_write : fz_op(CONSOLEIO_read);

	c->nr = __HYPERVISOR_console_io;
	c->a[0] = cmd;
	c->a[1] = fz_count(64);
	c->a[2] = fz_unmapped_ptr();
	if ((uint32_t)cmd == CONSOLEIO_write && fz_chance(1)) {
		c->a[1] = sizeof(line) - 1;
		c->a[2] = (unsigned long)line;
	} else if ((uint32_t)cmd == CONSOLEIO_read) {
		c->a[2] = fz_ptr(0, 256);
	}
}

void fz_gen_vm_assist(struct fz_call *c)
{
	c->nr = __HYPERVISOR_vm_assist;
	c->a[0] = fz_chance(80) ? fz_below(3) : fz_rand();
	c->a[1] = fz_chance(80) ? fz_below(34) : fz_rand();
}

void fz_gen_set_segment_base(struct fz_call *c)
{
	c->nr = __HYPERVISOR_set_segment_base;
	c->a[0] = fz_op(SEGBASE_GS_USER_SEL);
	c->a[1] = fz_chance(30) ? fz_rand() & 0xffff : any_va();
	c->restore |= FZ_RESTORE_SEGBASE;
}

void fz_gen_callback_op(struct fz_call *c)
{
	struct callback_register *r = fz_area(0, 32, fz_chance(50));

	fz_fill(r, 32);
	r->type = (uint16_t)(fz_chance(80) ? fz_below(8) : fz_rand());
	r->flags = (uint16_t)(fz_chance(80) ? fz_below(4) : fz_rand());
	r->address = any_va();
	c->nr = __HYPERVISOR_callback_op;
	c->a[0] = fz_op(CALLBACKOP_unregister);
	c->a[1] = fz_chance(85) ? (unsigned long)r : fz_hostile_ptr();
	c->restore |= FZ_RESTORE_CALLBACKS;
}

void fz_gen_physdev_op(struct fz_call *c)
{
	uint32_t *a = fz_area(0, 64, fz_chance(50));
	unsigned long cmd = fz_op(PHYSDEVOP_release_msix);

	fz_fill(a, 64);
	if ((uint32_t)cmd == PHYSDEVOP_set_iopl)
		a[0] = (uint32_t)(fz_chance(80) ? fz_below(4) : fz_rand());
	else if ((uint32_t)cmd == PHYSDEVOP_set_iobitmap) {
		struct physdev_set_iobitmap *b = (void *)a;

		FZ_SET_HANDLE(b->bitmap, fz_ptr(1, 8192));
		b->nr_ports = (uint32_t)fz_count(65536);
	}
	c->nr = __HYPERVISOR_physdev_op;
	c->a[0] = cmd;
	c->a[1] = fz_chance(85) ? (unsigned long)a : fz_hostile_ptr();
}

/* The privileged ops: a domU must be refused before anything is read
 * beyond the head; a head of the right version with any command. */
static void priv_op(struct fz_call *c, unsigned long nr, uint32_t version, unsigned long max_cmd)
{
	uint32_t *a = fz_area(0, 256, fz_chance(50));

	fz_fill(a, 256);
	a[0] = (uint32_t)(fz_chance(90) ? fz_below(max_cmd + 2) : fz_rand());
	a[1] = fz_chance(80) ? version : (uint32_t)fz_rand();
	((uint16_t *)a)[4] = fz_domid();
	c->nr = nr;
	c->a[0] = fz_chance(85) ? (unsigned long)a : fz_hostile_ptr();
}

void fz_gen_platform_op(struct fz_call *c)
{
	priv_op(c, __HYPERVISOR_platform_op, XENPF_INTERFACE_VERSION, 64);
}

void fz_gen_sysctl(struct fz_call *c)
{
	priv_op(c, __HYPERVISOR_sysctl, XEN_SYSCTL_INTERFACE_VERSION, 32);
}

void fz_gen_domctl(struct fz_call *c)
{
	priv_op(c, __HYPERVISOR_domctl, XEN_DOMCTL_INTERFACE_VERSION, 90);
}

/* Numbers with no handler here (the compat ones, xsm, nmi, hvm, ...) and
 * past the table; iret (23) is not among them. */
void fz_gen_unknown(struct fz_call *c)
{
	static const unsigned long nr[] = { 6, 11, 16, 19, 27, 28, 31, 34, 37, 38, 39, 40,
					    41, 42, 48, 55, 56, 63, 64, 65, 1000, 1UL << 32 };

	c->nr = fz_chance(95) ? FZ_PICK(nr) : fz_rand() | (1UL << 40);
	for (unsigned int i = 0; i < 5; i++)
		c->a[i] = fz_word();
}

/* Multicall: entries from the generators that need nothing put back,
 * each with its own slice of the argument areas and exact counts (see
 * fz_area), the list itself in the third area against its guard. */
void fz_gen_multicall(struct fz_call *c)
{
	unsigned long n = fz_chance(30) ? 1 : fz_below(FZ_MC_MAX + 1);
	struct multicall_entry *e = fz_area(2, n * sizeof(*e), true);

	for (unsigned long i = 0; i < n; i++) {
		struct fz_call inner = { .in_multicall = true };
		const struct fz_entry *g;

		do
			g = &fz_table[fz_below(fz_table_len)];
		while (!g->multicall_ok);
		fz_slice(i, n);
		g->gen(&inner);
		c->restore |= inner.restore;
		e[i].op = inner.nr;
		e[i].result = fz_word();
		for (unsigned int j = 0; j < 5; j++)
			e[i].args[j] = inner.a[j];
		e[i].args[5] = fz_word();
	}
	fz_slice(0, 0);
	c->nr = __HYPERVISOR_multicall;
	c->a[0] = fz_chance(90) ? (unsigned long)e : fz_hostile_ptr();
	c->a[1] = fz_chance(80) ? n : fz_count(n);
}
