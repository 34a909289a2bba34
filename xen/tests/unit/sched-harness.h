/* SPDX-License-Identifier: GPL-2.0 */
/* The harness the scheduler's unit tests share (test-sched.c,
 * test-sched-ctl.c): two fake CPUs, four vCPUs in two domains, the hooks
 * sched.c calls elsewhere, recorded switches and IPIs. Included once per
 * test program. */
#ifndef SCHED_HARNESS_H
#define SCHED_HARNESS_H

#define NR_TEST_CPUS 2
#define NR_TEST_VCPUS 4
#define MAX_LOG 32

struct cpu_info *host_cpu_info;
void (*host_irq_disable_hook)(void);
unsigned int nr_cpus_online = NR_TEST_CPUS;
uint32_t cpu_apic_id[NR_CPUS] = { 0x10, 0x12, 0x14, 0x16, 0x18, 0x1a, 0x1c, 0x1e };

static struct cpu_info cpus[NR_CPUS];
static struct vcpu vc[NR_TEST_VCPUS];
/* a and b belong to dom_ab, c and d to dom_cd: a toolstack pause parks a
 * whole domain. */
static struct domain dom_ab, dom_cd;
static struct vcpu *const a = &vc[0], *const b = &vc[1], *const c = &vc[2], *const d = &vc[3];
/* sched-cap.c walks the domain list. */
struct domain *domain_list[MAX_DOMAINS] = { &dom_ab, &dom_cd };

static struct { struct vcpu *prev, *next; unsigned int cpu; } switches[MAX_LOG];
static unsigned int nr_switches;
static struct { uint32_t apic_id; unsigned int vector; } ipis[MAX_LOG];
static unsigned int nr_ipis, nr_eois, nr_timer_runs, nr_reaps, nr_idle_reports;
static irq_handler_t handlers[256];
static jmp_buf idle_exit;
static bool leave_idle_on_report;

/* Hooks sched.c calls in other files. */
void set_irq_handler(unsigned int vector, irq_handler_t h) { handlers[vector] = h; }
void apic_eoi(void) { nr_eois++; }
void timers_run_local(void) { nr_timer_runs++; }
void timers_ipi_local(void) { }
void timers_resync_cpu(unsigned int cpu) { (void)cpu; }
void domain_reap_dead(void) { nr_reaps++; }

void apic_send_ipi(uint32_t dest_apic_id, unsigned int vector)
{
	if (nr_ipis < MAX_LOG)
		ipis[nr_ipis] = (typeof(ipis[0])){ dest_apic_id, vector };
	nr_ipis++;
}

/* As the real one: the CPU's current vCPU becomes next. */
void arch_context_switch(struct vcpu *prev, struct vcpu *next)
{
	if (nr_switches < MAX_LOG)
		switches[nr_switches] = (typeof(switches[0])){ prev, next, host_cpu_info->cpu_id };
	nr_switches++;
	host_cpu_info->current = next;
}

/* The idle loop's exits, so a test can get out of it. */
void arch_resume_current(void)
{
	longjmp(idle_exit, 1);
}

void idle_report_ticks(void)
{
	nr_idle_reports++;
	if (leave_idle_on_report)
		longjmp(idle_exit, 2);
}


static void on_cpu(unsigned int cpu)
{
	host_cpu_info = &cpus[cpu];
}

static int group_setup(void **state)
{
	for (unsigned int i = 0; i < NR_CPUS; i++)
		cpus[i].cpu_id = i;
	on_cpu(0);
	sched_init();
	return 0;
}

static int setup(void **state)
{
	memset(vc, 0, sizeof(vc));
	memset(&dom_ab, 0, sizeof(dom_ab));
	memset(&dom_cd, 0, sizeof(dom_cd));
	dom_ab.state = dom_cd.state = DOMAIN_RUNNING;
	dom_ab.max_vcpus = dom_cd.max_vcpus = 2;
	for (unsigned int i = 0; i < NR_TEST_VCPUS; i++) {
		vc[i].vcpu_id = i;
		vc[i].domain = i < 2 ? &dom_ab : &dom_cd;
		vc[i].domain->vcpu[i % 2] = &vc[i];
		vc[i].state = VCPU_DOWN;
		vc[i].processor = 0;
	}
	memset(switches, 0, sizeof(switches));
	memset(ipis, 0, sizeof(ipis));
	nr_switches = nr_ipis = nr_eois = nr_timer_runs = nr_reaps = nr_idle_reports = 0;
	leave_idle_on_report = false;
	on_cpu(0);
	return 0;
}

/* Stop every vCPU for good and let each CPU go idle: the queues are empty
 * for the next test (sched.c's state is static). */
static int teardown(void **state)
{
	for (unsigned int i = 0; i < NR_TEST_VCPUS; i++)
		vcpu_stop(&vc[i], true);
	for (unsigned int cpu = 0; cpu < NR_TEST_CPUS; cpu++) {
		on_cpu(cpu);
		schedule();
		assert_null(cpus[cpu].current);
	}
	for (unsigned int i = 0; i < NR_TEST_VCPUS; i++)
		assert_false(vcpu_is_running(&vc[i]));
	return 0;
}

/* The vCPU running on the current CPU after one pass of the scheduler. */
static struct vcpu *run_schedule(void)
{
	schedule();
	return host_cpu_info->current;
}

#endif
