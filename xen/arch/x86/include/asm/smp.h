/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_SMP_H
#define ASM_SMP_H

#include <stdbool.h>
#include <stdint.h>

extern unsigned int nr_cpus_online;
extern volatile bool cpu_online[];
extern uint32_t cpu_apic_id[];

/* Find the CPUs in the MADT and start each AP; returns CPUs online. */
unsigned int smp_boot_cpus(void);
void start_secondary(void);
/* Each CPU's loop when it has nothing to run. */
__attribute__((noreturn)) void cpu_idle_loop(void);

#endif
