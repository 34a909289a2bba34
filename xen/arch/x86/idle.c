/* SPDX-License-Identifier: GPL-2.0 */
/* What a CPU does with nothing to run: halt until the next interrupt. */
#include <asm/apic.h>
#include <asm/cpu-info.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <xeno/arch-sched.h>
#include <xeno/domain.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/sched.h>


void idle_report_ticks(void)
{
	static uint64_t next_report = TIMER_HZ;   /* first after one second */
	char line[160];
	int n = 0;

	if (cpu_ticks[0] < next_report)
		return;
	for (unsigned int c = 0; c < nr_cpus_online && n < (int)sizeof(line) - 24; c++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, " CPU%u=%lu", c, cpu_ticks[c]);
	/* Debug level: it would land in the middle of a guest's console line
	 * (the boot line "timer: ticking" comes from setup). */
	printk(XENLOG_DEBUG "timer: ticking at %u Hz, ticks:%s\n", TIMER_HZ, line);
	next_report += 10 * TIMER_HZ;
}

void cpu_idle_loop(void)
{
	sched_idle_loop();
}
