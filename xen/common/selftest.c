/* SPDX-License-Identifier: GPL-2.0 */
/* Test-only boot behaviours chosen with selftest=, so the boot tests can
 * drive the hypervisor into a fault or a clean exit and check the result:
 *   boot        wait until every CPU's timer has ticked, then exit 0
 *   fault       a page fault in the hypervisor (register dump, exit 1)
 *   ud          an invalid opcode in the hypervisor
 *   doublefault a stack overflow turned double fault (IST stack)
 *   panic       an explicit panic
 *   debug       #DB in hypervisor context, as a guest can cause it (a
 *               single-step trap, and an instruction breakpoint hit while
 *               rsp is unusable, as at the syscall stub): survived, exit 0
 *   smap, smep  a user page read through copy_from_guest, then read (run)
 *               directly: a fatal #PF with SMAP (SMEP) on */
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/setup.h>

#define BOOT_TICKS 20

static void trigger_page_fault(void)
{
	/* Just past the top of the direct map: never mapped. */
	volatile uint64_t *bad = (volatile uint64_t *)0xffff87fffffff000UL;

	printk("selftest: reading %p\n", (void *)bad);
	(void)*bad;
}

/* Point rsp at an unmapped page and push: the #PF cannot be delivered on
 * that stack, so the CPU raises #DF, which runs on its own IST stack. */
static void trigger_double_fault(void)
{
	asm volatile("mov $0xffff87fffffff000, %%rsp\n\tpush %%rax" ::: "memory");
}

/* TF set in hypervisor code: the #DB arrives after the next instruction,
 * as one held by a guest's MOV SS shadow arrives in our entry code. */
static void debug_single_step(void)
{
	asm volatile("pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\tnop" ::: "memory", "cc");
}

/* An execute breakpoint (DR0, DR7 L0) on an instruction that runs with rsp
 * pointing at unmapped memory, the state of the syscall stub's first
 * instruction after a guest's `syscall`: only an IST stack can take it. */
static void debug_breakpoint_bad_stack(void)
{
	extern const char selftest_bp_insn[];

	asm volatile("mov %0, %%db0" :: "r"((uint64_t)selftest_bp_insn));
	asm volatile("mov %0, %%db7" :: "r"(0x401UL));
	asm volatile("mov %%rsp, %%rbx\n\t"
		     "mov $0xffff87fffffff000, %%rsp\n\t"
		     ".globl selftest_bp_insn\n"
		     "selftest_bp_insn:\n\t"
		     "mov %%rbx, %%rsp" ::: "rbx", "memory");
	asm volatile("mov %0, %%db7" :: "r"(0x400UL));
}

static void trigger_debug_traps(void)
{
	debug_single_step();
	printk("selftest: single-step #DB in hypervisor context survived\n");
	debug_breakpoint_bad_stack();
	printk("selftest: breakpoint #DB on an unusable stack survived\n");
	machine_exit(0);
}

void selftest_run_early(void)
{
	if (strcmp(opt_selftest, "fault") == 0)
		trigger_page_fault();
	else if (strcmp(opt_selftest, "ud") == 0)
		asm volatile("ud2");
	else if (strcmp(opt_selftest, "doublefault") == 0)
		trigger_double_fault();
	else if (strcmp(opt_selftest, "debug") == 0)
		trigger_debug_traps();
	else if (strcmp(opt_selftest, "smap") == 0)
		arch_selftest_user_access(false);
	else if (strcmp(opt_selftest, "smep") == 0)
		arch_selftest_user_access(true);
	else if (strcmp(opt_selftest, "panic") == 0)
		panic("selftest: panic requested");
	else
		return;
	panic("selftest: '%s' returned", opt_selftest);
}

static bool all_cpus_ticked(void)
{
	for (unsigned int c = 0; c < nr_cpus_online; c++)
		if (cpu_ticks[c] < BOOT_TICKS)
			return false;
	return true;
}

void selftest_run_late(void)
{
	if (strcmp(opt_selftest, "boot") != 0)
		return;
	while (!all_cpus_ticked())
		safe_halt();
	for (unsigned int c = 0; c < nr_cpus_online; c++)
		printk("selftest: CPU%u timer ticks %lu\n", c, cpu_ticks[c]);
	printk("selftest: boot complete, exiting\n");
	machine_exit(0);
}
