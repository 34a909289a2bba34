/* SPDX-License-Identifier: GPL-2.0 */
/* Ending the machine. Under QEMU the isa-debug-exit device (port 0xf4)
 * ends the emulator with status (value << 1) | 1, which makes boot tests
 * decisive; elsewhere every CPU halts. */
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <xeno/setup.h>

#define DEBUG_EXIT_PORT 0xf4

void machine_exit(int status)
{
	local_irq_disable();
	outl(DEBUG_EXIT_PORT, (uint32_t)status);
	/* Still here: no debug-exit device. Stop the other CPUs too. */
	for (unsigned int c = 1; c < nr_cpus_online; c++)
		apic_send_ipi(cpu_apic_id[c], VECTOR_IPI_STOP);
	for (;;)
		halt();
}
