/* SPDX-License-Identifier: GPL-2.0 */
/* PIT one-shot waits (the calibration reference) and TSC-based time. */
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/time.h>

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

void tsc_set_hz(uint64_t hz)
{
	tsc_hz = hz;
	ns_mul = (1000000000ULL << 32) / hz;
	tsc_boot = rdtsc();
}

uint64_t now_ns(void)
{
	unsigned __int128 d = rdtsc() - tsc_boot;

	return (uint64_t)((d * ns_mul) >> 32);
}

void udelay(uint64_t us)
{
	uint64_t end = rdtsc() + tsc_hz / 1000000 * us;

	while ((int64_t)(rdtsc() - end) < 0)
		cpu_relax();
}
