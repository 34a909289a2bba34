/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_TIME_H
#define ASM_TIME_H

#include <stdbool.h>
#include <stdint.h>

extern uint64_t tsc_hz;

/* Busy-wait on the PIT for about ms milliseconds (before the TSC is known). */
void pit_wait_start(unsigned int ms);
int pit_wait_done(void);
void tsc_set_hz(uint64_t hz);
/* Nanoseconds since the TSC was calibrated. */
uint64_t now_ns(void);
void udelay(uint64_t us);
/* System time (ns since calibration) at a given TSC value. */
uint64_t system_time_ns_at(uint64_t tsc);
/* The first TSC value at or after system time ns (TSC-deadline mode). */
uint64_t tsc_at_system_time(uint64_t ns);
/* Seconds since the epoch from the CMOS RTC. */
uint64_t rtc_read_seconds(void);

#endif
