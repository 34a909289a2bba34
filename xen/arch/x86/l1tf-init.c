/* SPDX-License-Identifier: GPL-2.0 */
/* Boot-time L1TF decision (asm/l1tf.h): is this CPU affected, which
 * domains' page-table entries are checked, and the lowest safe address. */
#include <asm/l1tf.h>
#include <asm/processor.h>
#include <xeno/cmdline.h>
#include <xeno/mm.h>
#include <xeno/printk.h>

#define MSR_ARCH_CAPABILITIES 0x10a
#define ARCH_CAPS_RDCL_NO     (1ULL << 0)
#define CPUID7_EDX_ARCH_CAPS  (1U << 29)

uint64_t pv_l1tf_safe_maddr_dom0, pv_l1tf_safe_maddr_domu;
static char opt_pv_l1tf[48];
string_param("pv-l1tf", opt_pv_l1tf);

static void read_cpu(struct l1tf_cpu *c)
{
	uint32_t a, b, cx, d, max;

	cpuid(0, 0, &max, &b, &cx, &d);
	c->intel = b == 0x756e6547 && d == 0x49656e69 && cx == 0x6c65746e;   /* GenuineIntel */
	if (max >= 7) {
		cpuid(7, 0, &a, &b, &cx, &d);
		if (d & CPUID7_EDX_ARCH_CAPS)
			c->rdcl_no = rdmsr(MSR_ARCH_CAPABILITIES) & ARCH_CAPS_RDCL_NO;
	}
	cpuid(0x80000000, 0, &max, &b, &cx, &d);
	c->paddr_bits = 36;
	if (max >= 0x80000008) {
		cpuid(0x80000008, 0, &a, &b, &cx, &d);
		c->paddr_bits = a & 0xff;
	}
}

void l1tf_init(void)
{
	struct l1tf_cpu cpu = { 0 };
	struct l1tf_policy p;
	uint64_t safe;
	bool affected;

	read_cpu(&cpu);
	affected = l1tf_cpu_affected(&cpu);
	p = l1tf_default_policy(affected);
	if (opt_pv_l1tf[0] && l1tf_parse_option(opt_pv_l1tf, &p))
		printk(XENLOG_WARNING "cmdline: pv-l1tf '%s' not understood\n", opt_pv_l1tf);
	safe = l1tf_safe_maddr(cpu.paddr_bits, max_page << 12);
	pv_l1tf_safe_maddr_dom0 = p.dom0 ? safe : 0;
	pv_l1tf_safe_maddr_domu = p.domu ? safe : 0;
	printk("L1TF: CPU %saffected; PV checks: dom0 %s, domU %s (safe from %#lx)\n",
	       affected ? "" : "not ", p.dom0 ? "on" : "off", p.domu ? "on" : "off", safe);
}
