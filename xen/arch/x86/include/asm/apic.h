/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <stdint.h>

#define TIMER_HZ 100

void apic_init_bsp(void);
void apic_init_cpu(void);
uint32_t apic_id(void);
void apic_eoi(void);
void apic_send_ipi(uint32_t dest_apic_id, unsigned int vector);
void apic_send_init(uint32_t dest_apic_id);
void apic_send_startup(uint32_t dest_apic_id, unsigned int page);
/* Calibrate the APIC timer and TSC against the PIT (BSP, once). */
void apic_calibrate(void);
void apic_timer_start(void);

extern volatile uint64_t cpu_ticks[];
extern uint64_t apic_timer_hz;

#endif
