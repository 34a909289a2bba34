/* SPDX-License-Identifier: GPL-2.0 */
/* The x86 half of XEN_SYSCTL_physinfo: CPUs (one core each, one socket,
 * one node: Xeno schedules no topology), the TSC clock and the feature
 * words Xen reports as hw_cap (CPUID 1 EDX/ECX, 0x80000001 EDX/ECX,
 * 7:0 EBX), and the highest frame. */
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/time.h>
#include <public/sysctl.h>
#include <xeno/domctl.h>
#include <xeno/mm.h>

unsigned int arch_nr_cpus(void)
{
	return nr_cpus_online;
}

void arch_physinfo(struct xen_sysctl_physinfo *pi)
{
	uint32_t a, b, c, d, max;

	pi->threads_per_core = 1;
	pi->cores_per_socket = nr_cpus_online;
	pi->nr_cpus = nr_cpus_online;
	pi->max_cpu_id = nr_cpus_online - 1;
	pi->nr_nodes = 1;
	pi->max_node_id = 0;
	pi->cpu_khz = (uint32_t)(tsc_hz / 1000);
	pi->max_mfn = max_page - 1;
	cpuid(1, 0, &a, &b, &c, &d);
	pi->hw_cap[0] = d;
	pi->hw_cap[1] = c;
	cpuid(0x80000000u, 0, &max, &b, &c, &d);
	if (max >= 0x80000001u) {
		cpuid(0x80000001u, 0, &a, &b, &c, &d);
		pi->hw_cap[2] = d;
		pi->hw_cap[3] = c;
	}
	cpuid(0, 0, &max, &b, &c, &d);
	if (max >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		pi->hw_cap[5] = b;
	}
}
