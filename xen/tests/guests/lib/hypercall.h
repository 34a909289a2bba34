/* SPDX-License-Identifier: MIT */
/*
 * Hypercall wrappers for PV test guests. Each returns the raw value in
 * rax (a negative Xen errno on failure) and judges nothing: tests pass it
 * to expect_rc()/expect_ok(). The 64-bit PV convention: `syscall` from
 * guest kernel mode, number in rax, arguments in rdi, rsi, rdx, r10, r8;
 * rcx and r11 are destroyed, and we treat the argument registers as
 * clobbered too (Xen debug builds poison them).
 */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include <stdint.h>
#include <public/xen.h>
#include <public/callback.h>
#include <public/event_channel.h>
#include <public/physdev.h>
#include <public/sched.h>
#include <public/version.h>

static inline long hypercall5(unsigned long nr, unsigned long a1,
			      unsigned long a2, unsigned long a3,
			      unsigned long a4, unsigned long a5)
{
	register unsigned long r10 asm("r10") = a4;
	register unsigned long r8 asm("r8") = a5;
	long ret;

	asm volatile("syscall"
		     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8)
		     : "0"(nr)
		     : "rcx", "r11", "r9", "memory");
	return ret;
}

static inline long hypercall0(unsigned long nr)
{
	return hypercall5(nr, 0, 0, 0, 0, 0);
}

static inline long hypercall1(unsigned long nr, unsigned long a1)
{
	return hypercall5(nr, a1, 0, 0, 0, 0);
}

static inline long hypercall2(unsigned long nr, unsigned long a1, unsigned long a2)
{
	return hypercall5(nr, a1, a2, 0, 0, 0);
}

static inline long hypercall3(unsigned long nr, unsigned long a1, unsigned long a2,
			      unsigned long a3)
{
	return hypercall5(nr, a1, a2, a3, 0, 0);
}

static inline long hypercall4(unsigned long nr, unsigned long a1, unsigned long a2,
			      unsigned long a3, unsigned long a4)
{
	return hypercall5(nr, a1, a2, a3, a4, 0);
}

/* Pointers travel as integers so tests can pass hostile values. */
static inline unsigned long gva(const volatile void *p)
{
	return (unsigned long)p;
}

static inline long HYPERVISOR_set_trap_table(unsigned long table)
{
	return hypercall1(__HYPERVISOR_set_trap_table, table);
}

static inline long HYPERVISOR_stack_switch(unsigned long ss, unsigned long sp)
{
	return hypercall2(__HYPERVISOR_stack_switch, ss, sp);
}

static inline long HYPERVISOR_fpu_taskswitch(int set)
{
	return hypercall1(__HYPERVISOR_fpu_taskswitch, (unsigned long)set);
}

static inline long HYPERVISOR_multicall(unsigned long list, unsigned long nr)
{
	return hypercall2(__HYPERVISOR_multicall, list, nr);
}

static inline long HYPERVISOR_update_va_mapping(unsigned long va, uint64_t val,
						unsigned long flags)
{
	return hypercall3(__HYPERVISOR_update_va_mapping, va, val, flags);
}

static inline long HYPERVISOR_xen_version(unsigned long cmd, unsigned long arg)
{
	return hypercall2(__HYPERVISOR_xen_version, cmd, arg);
}

static inline long HYPERVISOR_console_io(unsigned long cmd, unsigned long count,
					 unsigned long buf)
{
	return hypercall3(__HYPERVISOR_console_io, cmd, count, buf);
}

static inline long HYPERVISOR_vm_assist(unsigned long cmd, unsigned long type)
{
	return hypercall2(__HYPERVISOR_vm_assist, cmd, type);
}

static inline long HYPERVISOR_set_segment_base(unsigned long which, unsigned long base)
{
	return hypercall2(__HYPERVISOR_set_segment_base, which, base);
}

static inline long HYPERVISOR_mmuext_op(unsigned long ops, unsigned long nr,
					unsigned long done, unsigned long dom)
{
	return hypercall4(__HYPERVISOR_mmuext_op, ops, nr, done, dom);
}

static inline long HYPERVISOR_sched_op(unsigned long cmd, unsigned long arg)
{
	return hypercall2(__HYPERVISOR_sched_op, cmd, arg);
}

static inline long HYPERVISOR_callback_op(unsigned long cmd, unsigned long arg)
{
	return hypercall2(__HYPERVISOR_callback_op, cmd, arg);
}

static inline long HYPERVISOR_memory_op(unsigned long cmd, unsigned long arg)
{
	return hypercall2(__HYPERVISOR_memory_op, cmd, arg);
}

/* platform_op with its fixed head only (cmd, interface version). */
static inline long HYPERVISOR_platform_op(uint32_t cmd, uint32_t version)
{
	uint32_t op[32] = { cmd, version };

	return hypercall1(__HYPERVISOR_platform_op, (unsigned long)op);
}

static inline long HYPERVISOR_event_channel_op(unsigned long cmd, unsigned long arg)
{
	return hypercall2(__HYPERVISOR_event_channel_op, cmd, arg);
}

static inline long HYPERVISOR_physdev_op(unsigned long cmd, unsigned long arg)
{
	return hypercall2(__HYPERVISOR_physdev_op, cmd, arg);
}

/* Shut this domain down; returns only if the hypervisor refused. */
static inline long guest_shutdown(unsigned int reason)
{
	struct sched_shutdown s = { .reason = reason };

	return HYPERVISOR_sched_op(SCHEDOP_shutdown, gva(&s));
}

#endif /* GUEST_HYPERCALL_H */
