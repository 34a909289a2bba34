/* SPDX-License-Identifier: GPL-2.0 */
/* PIT one-shot waits (the calibration reference) and TSC-based time. */
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <xeno/timer-deadline.h>

#define PIT_HZ        1193182
#define PIT_CH2       0x42
#define PIT_CMD       0x43
#define PIT_GATE_PORT 0x61

uint64_t tsc_hz;
static uint64_t tsc_boot;
static uint64_t ns_mul;   /* ns per TSC tick, 32.32 fixed point */

/* Channel 2, mode 0 (interrupt on terminal count): OUT goes high when the
 * count reaches zero, readable in port 0x61 bit 5, no IRQ needed. */
void pit_wait_start(unsigned int ms)
{
	uint32_t count = (uint32_t)((uint64_t)PIT_HZ * ms / 1000);

	if (count > 0xffff)
		count = 0xffff;
	outb(PIT_GATE_PORT, (inb(PIT_GATE_PORT) & ~0x02) | 0x01);   /* gate on, speaker off */
	outb(PIT_CMD, 0xb0);   /* channel 2, lobyte/hibyte, mode 0, binary */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
}

int pit_wait_done(void)
{
	return (inb(PIT_GATE_PORT) & 0x20) != 0;
}

/* Once, after calibration: system time 0 is now. The TSC is taken as
 * invariant and common to all CPUs (QEMU's is; the pvclock tells guests
 * so with TSC_STABLE), so one scale and one origin serve every CPU. */
void tsc_set_hz(uint64_t hz)
{
	tsc_hz = hz;
	ns_mul = (1000000000ULL << 32) / hz;
	tsc_boot = rdtsc();
}

/* Nanoseconds since tsc_set_hz; the 128-bit product cannot overflow for
 * centuries of uptime. */
uint64_t now_ns(void)
{
	unsigned __int128 d = rdtsc() - tsc_boot;

	return (uint64_t)((d * ns_mul) >> 32);
}

/* Busy-wait; the signed difference survives a TSC wrap. */
void udelay(uint64_t us)
{
	uint64_t end = rdtsc() + tsc_hz / 1000000 * us;

	while ((int64_t)(rdtsc() - end) < 0)
		cpu_relax();
}

uint64_t system_time_ns_at(uint64_t tsc)
{
	unsigned __int128 d = tsc - tsc_boot;

	return (uint64_t)((d * ns_mul) >> 32);
}

/* Rounded up: a deadline in TSC counts must not come before ns. */
uint64_t tsc_at_system_time(uint64_t ns)
{
	return tsc_boot + timer_ns_to_count(ns, tsc_hz, UINT64_MAX);
}

/* CMOS RTC (MC146818): index and data ports, registers and their bits. */
#define CMOS_INDEX_PORT 0x70
#define CMOS_DATA_PORT  0x71
#define CMOS_SECONDS    0x00
#define CMOS_MINUTES    0x02
#define CMOS_HOURS      0x04
#define CMOS_DAY        0x07
#define CMOS_MONTH      0x08
#define CMOS_YEAR       0x09
#define CMOS_STATUS_A   0x0a
#define CMOS_A_UIP      0x80   /* update in progress */
#define CMOS_STATUS_B   0x0b
#define CMOS_B_24H      0x02
#define CMOS_B_BINARY   0x04   /* else BCD */
#define CMOS_HOUR_PM    0x80   /* 12-hour clock */

/* Wait for no update in progress, read BCD or binary fields. */
static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX_PORT, reg);
	return inb(CMOS_DATA_PORT);
}

static unsigned int from_bcd(uint8_t v, bool bcd)
{
	return bcd ? (v & 0xf) + (v >> 4) * 10 : v;
}

static uint64_t days_from_civil(int y, unsigned int m, unsigned int d)
{
	/* Days since 1970-01-01 (proleptic Gregorian). */
	y -= m <= 2;
	int era = y / 400;
	unsigned int yoe = (unsigned int)(y - era * 400);
	unsigned int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (uint64_t)(era * 146097 + (int)doe - 719468);
}

uint64_t rtc_read_seconds(void)
{
	uint8_t sec, min, hour, day, mon, year, regb;
	bool bcd;

	for (int i = 0; i < 1000000 && (cmos_read(CMOS_STATUS_A) & CMOS_A_UIP); i++)
		cpu_relax();
	sec = cmos_read(CMOS_SECONDS);
	min = cmos_read(CMOS_MINUTES);
	hour = cmos_read(CMOS_HOURS);
	day = cmos_read(CMOS_DAY);
	mon = cmos_read(CMOS_MONTH);
	year = cmos_read(CMOS_YEAR);
	regb = cmos_read(CMOS_STATUS_B);
	bcd = !(regb & CMOS_B_BINARY);
	{
		unsigned int h = from_bcd(hour & ~CMOS_HOUR_PM, bcd);

		if (!(regb & CMOS_B_24H) && (hour & CMOS_HOUR_PM))
			h = (h % 12) + 12;   /* 12-hour clock, PM */
		return days_from_civil(2000 + (int)from_bcd(year, bcd), from_bcd(mon, bcd),
				       from_bcd(day, bcd)) * 86400ULL +
		       h * 3600ULL + from_bcd(min, bcd) * 60ULL + from_bcd(sec, bcd);
	}
}
