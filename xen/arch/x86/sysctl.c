/* SPDX-License-Identifier: GPL-2.0 */
/* The x86 half of XEN_SYSCTL_physinfo and cputopoinfo: each CPU's core
 * and socket from its APIC ID, split as CPUID describes the package
 * (leaf 0xb's shifts where there is one, else the legacy counts of leaf
 * 1, leaf 4 and 0x80000008), one NUMA node; the TSC clock; hw_cap, the
 * host's first eight featureset words (Xen's order); the highest frame. */
#include <asm/processor.h>
#include <asm/pv/cpu-policy.h>
#include <asm/smp.h>
#include <asm/time.h>
#include <public/sysctl.h>
#include <xeno/domctl.h>
#include <xeno/lib.h>
#include <xeno/mm.h>

/* Bits of the APIC ID for the thread within a core, and for thread and
 * core within a package. */
static void apic_id_shifts(unsigned int *smt, unsigned int *pkg)
{
	uint32_t a, b, c, d, max, vendor_b, threads = 1, cores = 1;

	cpuid(0, 0, &max, &vendor_b, &c, &d);
	if (max >= 0xb) {
		uint32_t a1, b1, c1, d1;

		cpuid(0xb, 0, &a, &b, &c, &d);
		cpuid(0xb, 1, &a1, &b1, &c1, &d1);
		if (b && ((c >> 8) & 0xff) == 1 && ((c1 >> 8) & 0xff) == 2) {
			*smt = a & 0x1f;
			*pkg = a1 & 0x1f;
			return;
		}
	}
	cpuid(1, 0, &a, &b, &c, &d);
	if (d & (1u << 28))   /* HTT: EBX[23:16] counts logical CPUs */
		threads = (b >> 16) & 0xff ? (b >> 16) & 0xff : 1;
	if (vendor_b == 0x756e6547u && max >= 4) {   /* "Genu"ineIntel */
		cpuid(4, 0, &a, &b, &c, &d);
		cores = (a >> 26) + 1;
	} else {
		cpuid(0x80000000u, 0, &max, &b, &c, &d);
		if (max >= 0x80000008u) {
			cpuid(0x80000008u, 0, &a, &b, &c, &d);
			cores = (c & 0xff) + 1;
		}
	}
	if (cores > threads)
		threads = cores;
	threads /= cores;   /* now threads per core */
	*smt = threads > 1 ? 32 - (unsigned int)__builtin_clz(threads - 1) : 0;
	*pkg = *smt + (cores > 1 ? 32 - (unsigned int)__builtin_clz(cores - 1) : 0);
}

void arch_cpu_topology(unsigned int cpu, uint32_t *core, uint32_t *socket)
{
	unsigned int smt, pkg;
	uint32_t apic = cpu_apic_id[cpu];

	apic_id_shifts(&smt, &pkg);
	*core = pkg - smt >= 32 ? apic >> smt : (apic >> smt) & ((1u << (pkg - smt)) - 1);
	*socket = pkg >= 32 ? 0 : apic >> pkg;
}

unsigned int arch_nr_cpus(void)
{
	return nr_cpus_online;
}

/* As Xen counts them: CPU 0's siblings in its core, and the cores of its
 * socket. */
void arch_physinfo(struct xen_sysctl_physinfo *pi)
{
	uint32_t fs[FSCAPINTS], core0, socket0, core, socket;
	unsigned int in_core = 0, in_socket = 0;
	struct cpu_policy *p = xzalloc(sizeof(*p));

	arch_cpu_topology(0, &core0, &socket0);
	for (unsigned int c = 0; c < nr_cpus_online; c++) {
		arch_cpu_topology(c, &core, &socket);
		in_socket += socket == socket0;
		in_core += socket == socket0 && core == core0;
	}
	pi->threads_per_core = in_core;
	pi->cores_per_socket = in_socket / in_core;
	pi->nr_cpus = nr_cpus_online;
	pi->max_cpu_id = nr_cpus_online - 1;
	pi->nr_nodes = 1;
	pi->max_node_id = 0;
	pi->cpu_khz = (uint32_t)(tsc_hz / 1000);
	pi->max_mfn = max_page - 1;
	if (p) {
		cpu_policy_build(p, CPU_POLICY_RAW);
		cpu_policy_featureset(p, fs);
		xfree(p);
		for (unsigned int i = 0; i < ARRAY_SIZE(pi->hw_cap); i++)
			pi->hw_cap[i] = fs[i];
	}
}
