/* SPDX-License-Identifier: GPL-2.0 */
/* Local APIC (xAPIC, MMIO): enable, inter-processor interrupts, and the
 * one-shot timer (TSC-deadline mode where the CPU has it), calibrated
 * with the TSC against the PIT. Each CPU programs its timer for the
 * earlier of its next scheduler tick (every 1/TIMER_HZ s, on a fixed
 * grid, so whatever counts ticks sees 100 Hz) and the earliest guest
 * timer deadline of its vCPUs (common/timer.c). */
#include <asm/apic.h>
#include <asm/iomem.h>
#include <asm/cpu-info.h>
#include <asm/desc.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/serial.h>
#include <asm/smp.h>
#include <asm/time.h>
#include <asm/traps.h>
#include <xeno/arch-timer.h>
#include <xeno/lib.h>
#include <xeno/console.h>
#include <xeno/hypercall.h>
#include <xeno/printk.h>
#include <xeno/sched.h>
#include <xeno/timer.h>
#include <xeno/timer-deadline.h>

#define APIC_ID      0x020
#define APIC_TPR     0x080
#define APIC_EOI     0x0b0
#define APIC_SVR     0x0f0
#define APIC_ICR_LO  0x300
#define APIC_ICR_HI  0x310
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360
#define APIC_LVT_ERR 0x370
#define APIC_TIMER_INIT 0x380
#define APIC_TIMER_CUR  0x390
#define APIC_TIMER_DIV  0x3e0
#define APIC_SVR_ENABLE (1U << 8)
#define LVT_MASKED   (1U << 16)
#define LVT_TSC_DEADLINE (2U << 17)   /* timer mode 10b; 00b is one-shot */
#define ICR_BUSY     (1U << 12)
#define ICR_INIT     0x00004500U   /* INIT, level assert */
#define ICR_STARTUP  0x00004600U
#define APIC_TIMER_DIV_16 0x3
#define CALIBRATE_MS     25
#define CALIBRATE_ROUNDS 4
#define CPUID1_ECX_TSC_DEADLINE (1U << 24)
#define TICK_NS (1000000000ULL / TIMER_HZ)
/* The soonest we program: a deadline already due gets an interrupt at
 * once, rather than a count of 0 (which stops the timer). */
#define TIMER_MIN_DELTA_NS 2000
/* A tick interrupt this close before its boundary is the tick (the APIC
 * and TSC calibrations differ slightly): no second interrupt for the rest. */
#define TICK_EARLY_NS 50000

static volatile uint8_t *apic_mmio;
uint64_t apic_timer_hz;
volatile uint64_t cpu_ticks[NR_CPUS];
static bool use_tsc_deadline;
/* This CPU's next tick boundary in system time; 0: timer not started. */
static uint64_t next_tick_ns[NR_CPUS];

static uint32_t apic_read(unsigned int reg)
{
	return mmio_read32(apic_mmio + reg);
}

static void apic_write(unsigned int reg, uint32_t v)
{
	mmio_write32(apic_mmio + reg, v);
}

uint32_t apic_id(void)
{
	return apic_read(APIC_ID) >> 24;
}

/* An interrupt waits in the IRR (with interrupts off, as in a hypercall).
 * Ours are all 0xf0-0xfe, in the last IRR word. The register read is
 * slow next to a batch entry (an exit under emulation), so it is made at
 * most every PREEMPT_POLL_US on a CPU; a cheap TSC read decides. */
#define APIC_IRR_LAST   0x270
#define PREEMPT_POLL_US 20

static uint64_t last_poll[NR_CPUS];

bool arch_hypercall_preempt_check(void)
{
	unsigned int me = smp_processor_id();
	uint64_t now = rdtsc();

	if (!apic_mmio || now - last_poll[me] < tsc_hz / 1000000 * PREEMPT_POLL_US)
		return false;
	last_poll[me] = now;
	return apic_read(APIC_IRR_LAST) != 0;
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

/* Send through the interrupt command register: wait until the previous
 * send has left (delivery status idle), then the destination, then the
 * low word, whose write is what sends. Callers run with interrupts off or
 * on their own CPU's APIC only, so two sends never interleave here. */
static void apic_icr(uint32_t dest, uint32_t lo)
{
	while (apic_read(APIC_ICR_LO) & ICR_BUSY)
		cpu_relax();
	apic_write(APIC_ICR_HI, dest << 24);
	apic_write(APIC_ICR_LO, lo);
}

void apic_send_ipi(uint32_t dest, unsigned int vector)
{
	apic_icr(dest, vector);   /* fixed delivery, physical destination */
}

void apic_send_init(uint32_t dest)
{
	apic_icr(dest, ICR_INIT);
}

void apic_send_startup(uint32_t dest, unsigned int page)
{
	apic_icr(dest, ICR_STARTUP | (page & 0xff));
}

/* Arm this CPU's one-shot timer for its next tick or guest deadline,
 * whichever comes first. Interrupts off: the interrupt handler is the
 * only other writer on this CPU. */
static void timer_program(unsigned int cpu)
{
	uint64_t now = now_ns();
	uint64_t at = timer_program_at(now, next_tick_ns[cpu], timers_next_local(),
				       TIMER_MIN_DELTA_NS);

	if (use_tsc_deadline)
		wrmsr(MSR_TSC_DEADLINE, tsc_at_system_time(at));
	else
		apic_write(APIC_TIMER_INIT,
			   (uint32_t)timer_ns_to_count(at - now, apic_timer_hz, 0xffffffffU));
}

void arch_timer_reprogram(void)
{
	unsigned int cpu = smp_processor_id();
	uint64_t f = local_save_flags();

	local_irq_disable();
	if (next_tick_ns[cpu])
		timer_program(cpu);
	if (f & X86_EFLAGS_IF)
		local_irq_enable();
}

void arch_timer_kick(unsigned int cpu)
{
	apic_send_ipi(cpu_apic_id[cpu], VECTOR_IPI_EVENT);
}

/* Every timer interrupt runs the guest timers due on this CPU; the one at
 * or after the tick boundary is also the scheduler's tick (slices, caps).
 * A guest deadline is judged by timers_run_local against system time, so
 * an interrupt that comes early by the two clocks' rounding fires nothing
 * early: it re-arms for the rest. CPU 0's tick also polls the serial line (no
 * UART interrupt is used) and the domains' console rings. The EOI comes
 * first so that a context switch out of this handler leaves nothing
 * pending. */
static void timer_interrupt(struct cpu_regs *regs)
{
	unsigned int cpu = smp_processor_id();
	uint64_t now = now_ns();

	apic_eoi();
	if (now + TICK_EARLY_NS < next_tick_ns[cpu]) {
		timers_run_local();
		timer_program(cpu);
		return;
	}
	cpu_ticks[cpu]++;
	next_tick_ns[cpu] = timer_next_tick(next_tick_ns[cpu], now, TICK_NS);
	sched_tick();
	timer_program(cpu);
	if (cpu == 0) {
		char in[16];
		unsigned int n = 0;
		int c;

		while (n < sizeof(in) && (c = serial_getc()) >= 0)
			in[n++] = (char)c;
		console_serial_input(in, n);
		console_poll_rings();
	}
}

static void spurious_interrupt(struct cpu_regs *regs)
{
	/* No EOI for a spurious vector, by the architecture's rules. */
}

/* Mask every line of both 8259s: interrupts come through the local APIC
 * only, and a stray legacy IRQ would land on an exception vector. */
#define PIC_MASTER_IMR 0x21
#define PIC_SLAVE_IMR  0xa1

static void disable_legacy_pic(void)
{
	outb(PIC_MASTER_IMR, 0xff);
	outb(PIC_SLAVE_IMR, 0xff);
}

void apic_init_cpu(void)
{
	apic_write(APIC_TPR, 0);
	apic_write(APIC_LVT_LINT0, LVT_MASKED);
	apic_write(APIC_LVT_LINT1, LVT_MASKED);
	apic_write(APIC_LVT_ERR, LVT_MASKED);
	apic_write(APIC_LVT_TIMER, LVT_MASKED);
	apic_write(APIC_SVR, APIC_SVR_ENABLE | VECTOR_SPURIOUS);
	get_cpu_info()->apic_id = apic_id();
}

void apic_init_bsp(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	uint64_t pa = base & APIC_BASE_ADDR_MASK;

	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	if (map_pages(DIRECTMAP_VIRT_START + pa, pa, 1, PAGE_HYPERVISOR_UC))
		panic("apic: cannot map the local APIC");
	apic_mmio = __va(pa);
	/* The local APIC and the MSI window around it stay the hypervisor's. */
	iomem_reserve(0xfee00000ULL, 0xfef00000ULL);
	if (pa < 0xfee00000ULL || pa >= 0xfef00000ULL)
		iomem_reserve(pa, pa + PAGE_SIZE);
	disable_legacy_pic();
	set_irq_handler(VECTOR_APIC_TIMER, timer_interrupt);
	set_irq_handler(VECTOR_SPURIOUS, spurious_interrupt);
	apic_init_cpu();
	printk("apic: local APIC at %#lx, BSP APIC ID %u\n", pa, apic_id());
}

/* Count the APIC timer and the TSC over CALIBRATE_MS of PIT channel 2
 * (the one clock of known rate), with the APIC timer masked so nothing
 * fires meanwhile. Both rates come from the same interval. Under QEMU the
 * host may deschedule us inside a window: both counters start before the
 * PIT does and are read after it ends, so a delay can only lengthen a
 * window, never shorten it; the shortest of CALIBRATE_ROUNDS is taken (a
 * busy host once gave a single window four times too long: 12 GHz). */
void apic_calibrate(void)
{
	uint64_t best_tsc = UINT64_MAX, best_apic = 0;

	apic_write(APIC_TIMER_DIV, APIC_TIMER_DIV_16);
	apic_write(APIC_LVT_TIMER, LVT_MASKED | VECTOR_APIC_TIMER);
	for (unsigned int r = 0; r < CALIBRATE_ROUNDS; r++) {
		uint64_t t0, t1;
		uint32_t c1;

		apic_write(APIC_TIMER_INIT, 0xffffffff);
		t0 = rdtsc();
		pit_wait_start(CALIBRATE_MS);
		while (!pit_wait_done())
			cpu_relax();
		c1 = apic_read(APIC_TIMER_CUR);
		t1 = rdtsc();
		apic_write(APIC_TIMER_INIT, 0);
		if (t1 - t0 < best_tsc) {
			best_tsc = t1 - t0;
			best_apic = 0xffffffffU - c1;
		}
	}
	uint32_t a, b, c, d;

	apic_timer_hz = best_apic * 1000 / CALIBRATE_MS;
	tsc_set_hz(best_tsc * 1000 / CALIBRATE_MS);
	cpuid(1, 0, &a, &b, &c, &d);
	use_tsc_deadline = (c & CPUID1_ECX_TSC_DEADLINE) != 0;
	printk("time: TSC %lu.%03lu MHz, APIC timer %lu.%03lu MHz (PIT reference, shortest of %u x %u ms), %s\n",
	       tsc_hz / 1000000, tsc_hz / 1000 % 1000,
	       apic_timer_hz / 1000000, apic_timer_hz / 1000 % 1000, CALIBRATE_ROUNDS, CALIBRATE_MS,
	       use_tsc_deadline ? "TSC-deadline timer" : "one-shot APIC timer");
}

/* On each CPU, interrupts off: the first tick one period from now. */
void apic_timer_start(void)
{
	unsigned int cpu = smp_processor_id();

	if (use_tsc_deadline) {
		apic_write(APIC_LVT_TIMER, LVT_TSC_DEADLINE | VECTOR_APIC_TIMER);
		/* The mode switch must land before the MSR write arms it. */
		asm volatile("mfence" ::: "memory");
	} else {
		apic_write(APIC_TIMER_DIV, APIC_TIMER_DIV_16);
		apic_write(APIC_LVT_TIMER, VECTOR_APIC_TIMER);   /* one-shot */
	}
	next_tick_ns[cpu] = now_ns() + TICK_NS;
	timer_program(cpu);
}
