/* SPDX-License-Identifier: GPL-2.0 */
/* Ending the machine. Under QEMU the isa-debug-exit device (port 0xf4)
 * ends the emulator with status (value << 1) | 1, which makes boot tests
 * decisive; elsewhere every CPU halts. */
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/time.h>
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

#define PM1_SLP_EN     (1u << 13)
#define PM1_SLP_TYP(t) ((uint32_t)(t) << 10)
#define RESET_CONTROL  0xcf9

/* The initial domain powered off: so does the machine (ACPI S5), as on
 * Xen. Without ACPI, or if S5 does not take, the debug-exit path. */
void machine_poweroff(void)
{
	local_irq_disable();
	if (boot_sleep.pm1a_cnt) {
		outw((uint16_t)boot_sleep.pm1a_cnt, (uint16_t)(PM1_SLP_TYP(boot_sleep.slp_typ[0]) | PM1_SLP_EN));
		if (boot_sleep.pm1b_cnt)
			outw((uint16_t)boot_sleep.pm1b_cnt,
			     (uint16_t)(PM1_SLP_TYP(boot_sleep.slp_typ[1]) | PM1_SLP_EN));
		/* The chipset (or QEMU's main loop) acts a little later. */
		udelay(1000000);
	}
	machine_exit(0);
}

/* The initial domain rebooted: a full reset through the PCI reset
 * control register (QEMU with -no-reboot then exits). */
void machine_reboot(void)
{
	local_irq_disable();
	outb(RESET_CONTROL, 0x02);
	outb(RESET_CONTROL, 0x06);
	udelay(1000000);
	machine_exit(0);
}
