/* SPDX-License-Identifier: GPL-2.0 */
/* A PV guest's debug registers (set_debugreg, get_debugreg, emulated mov
 * to/from %drN), checked as Xen 4.17 does and in the hardware while the
 * vCPU runs with a breakpoint enabled in its DR7, so its breakpoints and
 * watchpoints fire (the #DB is the guest's, debug-trap.c). A vCPU whose
 * DR7 enables nothing leaves the hardware's DR7 at its reset value; the
 * context switch takes one vCPU's breakpoints out and the next one's in.
 * DR6 stays virtual: the hardware's is reset after every #DB, whose bits
 * debug-trap.c merges into the vCPU's copy. DR4/DR5 are DR6/DR7 (Xen
 * makes them #UD under the guest's CR4.DE; here they stay aliases). */
#include <asm/current.h>
#include <asm/debugreg.h>
#include <asm/guest-access.h>
#include <asm/pv/pv.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>

#define DR7_ACTIVE_MASK  0xffULL  /* L0-3 and G0-3: some breakpoint enabled */
#define DR7_RW_SHIFT     16       /* then 4 bits (R/W, LEN) per breakpoint */
#define DR7_RW_IO        2        /* I/O breakpoint: needs CR4.DE */

static void write_dr(unsigned int reg, uint64_t value)
{
	switch (reg) {
	case 0: asm volatile("mov %0, %%db0" :: "r"(value)); break;
	case 1: asm volatile("mov %0, %%db1" :: "r"(value)); break;
	case 2: asm volatile("mov %0, %%db2" :: "r"(value)); break;
	case 3: asm volatile("mov %0, %%db3" :: "r"(value)); break;
	case 7: asm volatile("mov %0, %%db7" :: "r"(value)); break;
	}
}

static bool dr7_active(uint64_t dr7)
{
	return (dr7 & DR7_ACTIVE_MASK) != 0;
}

/* The addresses first: a DR7 enabling them must not meet another vCPU's. */
static void load_breakpoints(const struct vcpu *v)
{
	for (unsigned int i = 0; i < 4; i++)
		write_dr(i, v->arch.debugreg[i]);
	write_dr(7, v->arch.debugreg[7]);
}

void pv_debugregs_switch(const struct vcpu *prev, const struct vcpu *next)
{
	if (prev && dr7_active(prev->arch.debugreg[7]))
		write_dr(7, DR7_RESERVED_ONE);
	if (next && dr7_active(next->arch.debugreg[7]))
		load_breakpoints(next);
}

/* DR7 as Xen 4.17 takes it: upper half -EINVAL, reserved bits forced,
 * general detect (the hypervisor's) -EPERM; while anything is enabled,
 * an I/O breakpoint type in any slot needs the virtual CR4.DE (else
 * -EPERM), and its enable bits are kept apart in *io_enable: the
 * hardware never sees them (I/O breakpoints on emulated port I/O are
 * not raised). */
static long check_dr7(const struct vcpu *v, uint64_t *value, uint32_t *io_enable)
{
	uint64_t val = *value;

	*io_enable = 0;
	if (val != (uint32_t)val)
		return -EINVAL;
	val = (val & ~DR7_RESERVED_ZERO) | DR7_RESERVED_ONE;
	if (val & DR7_GD)
		return -EPERM;
	if (dr7_active(val))
		for (unsigned int i = DR7_RW_SHIFT; i < 32; i += 4) {
			if (((val >> i) & 3) != DR7_RW_IO)
				continue;
			if (!v->arch.cr4_de)
				return -EPERM;
			*io_enable |= (uint32_t)val & (3u << ((i - DR7_RW_SHIFT) >> 1));
		}
	*value = val & ~(uint64_t)*io_enable;
	return 0;
}

long do_set_debugreg(uint64_t reg, uint64_t value)
{
	struct vcpu *v = current_vcpu();
	uint32_t io_enable;
	long rc;

	switch (reg) {
	case 0: case 1: case 2: case 3:
		if (!guest_range_ok(value, sizeof(long)))
			return -EPERM;
		v->arch.debugreg[reg] = value;
		/* Live at once only under an active DR7; otherwise the switch
		 * or the DR7 write that enables it loads it. */
		if (dr7_active(v->arch.debugreg[7]))
			write_dr((unsigned int)reg, value);
		return 0;
	case 4: case 6:
		if (value != (uint32_t)value)
			return -EINVAL;
		v->arch.debugreg[6] = (value & ~DR6_RESERVED_ZERO) | DR6_RESERVED_ONE;
		return 0;
	case 5: case 7:
		rc = check_dr7(v, &value, &io_enable);
		if (rc)
			return rc;
		v->arch.dr7_emul = io_enable;
		v->arch.debugreg[7] = value;
		if (dr7_active(value))
			load_breakpoints(v);
		else
			write_dr(7, DR7_RESERVED_ONE);
		return 0;
	default:
		return -ENODEV;
	}
}

long do_get_debugreg(uint64_t reg)
{
	const struct vcpu *v = current_vcpu();

	switch (reg) {
	case 0: case 1: case 2: case 3: case 6:
		return (long)v->arch.debugreg[reg];
	case 7:
		return (long)(v->arch.debugreg[7] | v->arch.dr7_emul);
	case 4:
		return (long)v->arch.debugreg[6];
	case 5:
		return (long)(v->arch.debugreg[7] | v->arch.dr7_emul);
	default:
		return -ENODEV;
	}
}
