/* SPDX-License-Identifier: GPL-2.0 */
/* CPUID as a PV guest sees it: the host's answer with what a PV guest must
 * not use hidden (large pages, APIC, virtualisation, XSAVE, PCID, ...)
 * and the Xen hypervisor leaves at 0x40000000. */
#include <asm/processor.h>
#include <asm/pv/cpu-policy.h>
#include <asm/pv/emul.h>
#include <asm/time.h>
#include <xeno/domain.h>
#include <xeno/lib.h>

#define XEN_MAJOR 4
#define XEN_MINOR 17
#define HV_BASE   0x40000000u
#define HV_MAX    0x40000004u

/* Leaf 1. ECX hidden: DTES64, MONITOR, DS-CPL, VMX, SMX, EIST, PDCM,
 * PCID, DCA, x2APIC, TSC-deadline, XSAVE, OSXSAVE (no MWAIT, no
 * virtualisation, no per-CPU identities, no state we do not switch). */
#define L1_ECX_HIDE ((1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7) | \
		     (1u << 8) | (1u << 15) | (1u << 17) | (1u << 18) | (1u << 21) | \
		     (1u << 24) | (1u << 26) | (1u << 27))
#define L1_ECX_HYPERVISOR (1u << 31)
#define L1_EDX_APIC       (1u << 9)
/* EDX hidden: VME, PSE, MCE, APIC, MTRR, PGE, MCA, PSE36, DS, ACPI, TM,
 * PBE: large pages and global pages are the hypervisor's, and the guest
 * owns no APIC (but dom0, see leaf 1), machine-check or thermal hardware. */
#define L1_EDX_HIDE ((1u << 1) | (1u << 3) | (1u << 7) | (1u << 9) | (1u << 12) | \
		     (1u << 13) | (1u << 14) | (1u << 17) | (1u << 21) | (1u << 22) | \
		     (1u << 29) | (1u << 31))
/* Leaf 0x80000001 ECX hidden: SVM, ExtApicSpace, IBS, SKINIT, WDT,
 * NodeId. */
#define E1_ECX_HIDE ((1u << 2) | (1u << 3) | (1u << 10) | (1u << 12) | (1u << 13) | \
		     (1u << 19))
#define E1_EDX_HIDE ((1u << 26) | (1u << 27))   /* 1 GiB pages, RDTSCP */

static void hypervisor_leaf(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	memset(r, 0, 4 * sizeof(uint32_t));
	switch (leaf) {
	case HV_BASE:
		r[0] = HV_MAX;
		memcpy(&r[1], "XenV", 4);
		memcpy(&r[2], "MMXe", 4);
		memcpy(&r[3], "nVMM", 4);
		break;
	case HV_BASE + 1:
		r[0] = (XEN_MAJOR << 16) | XEN_MINOR;
		break;
	case HV_BASE + 2:
		r[0] = 1;          /* hypercall pages */
		r[1] = HV_BASE;    /* MSR base for the hypercall-page MSR */
		r[2] = 1;          /* XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD */
		break;
	case HV_BASE + 3:
		if (sub == 0 || sub == 2)
			r[2] = (uint32_t)(tsc_hz / 1000);   /* TSC kHz */
		break;
	default:
		break;   /* 0x40000004 (HVM features) and beyond: zero for PV */
	}
}

/* The most a PV guest may see for (leaf, sub), in r[0..3] = eax, ebx,
 * ecx, edx. Leaves beyond the clamped maxima read as zero, as on
 * hardware; a leaf not listed below is zeroed rather than passed through,
 * so a new host CPU cannot show a guest a feature nobody reviewed. */
void pv_cpuid_max(bool privileged, uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	uint32_t max_basic, max_ext, t[4];

	if ((leaf & 0xf0000000u) == HV_BASE) {
		hypervisor_leaf(leaf, sub, r);
		return;
	}
	cpuid(0, 0, &max_basic, &t[1], &t[2], &t[3]);
	cpuid(0x80000000u, 0, &max_ext, &t[1], &t[2], &t[3]);
	if (max_basic > 0xd)
		max_basic = 0xd;
	if (max_ext > 0x80000008u)
		max_ext = 0x80000008u;
	if ((leaf < 0x80000000u && leaf > max_basic) ||
	    (leaf >= 0x80000000u && leaf > max_ext)) {
		memset(r, 0, 4 * sizeof(uint32_t));
		return;
	}
	cpuid(leaf, sub, &r[0], &r[1], &r[2], &r[3]);
	switch (leaf) {
	case 0:
		r[0] = max_basic;
		break;
	case 1: {
		uint32_t host_edx = r[3];

		r[1] &= 0x00ffffffu;   /* no APIC ID */
		r[2] = (r[2] & ~L1_ECX_HIDE) | L1_ECX_HYPERVISOR;
		r[3] &= ~L1_EDX_HIDE;
		/* The privileged domain learns of the IO-APIC through the
		 * MADT, which Linux only parses with the APIC bit set (it
		 * reads and routes through physdev_op, never the hardware). */
		if (privileged)
			r[3] |= host_edx & L1_EDX_APIC;
		break;
	}
	case 0x80000000u:
		r[0] = max_ext;
		break;
	case 0x80000001u:
		r[2] &= ~E1_ECX_HIDE;
		r[3] &= ~E1_EDX_HIDE;
		break;
	case 0x80000007u:
		r[0] = r[1] = r[2] = 0;
		r[3] &= 1u << 8;       /* invariant TSC only */
		break;
	case 0x80000008u:
		r[1] = 0;
		break;
	case 2: case 3: case 4: case 0x80000002u: case 0x80000003u:
	case 0x80000004u: case 0x80000005u: case 0x80000006u:
		break;                 /* cache, brand, address-size data: as is */
	default:
		/* MWAIT, power, leaf 7 features, perf, topology, XSAVE... */
		memset(r, 0, 4 * sizeof(uint32_t));
		break;
	}
}

/* What d sees: the maximum, narrowed by the policy its toolstack set. */
void pv_cpuid(const struct domain *d, uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	pv_cpuid_max(d->is_privileged, leaf, sub, r);
	if (d->arch.cpuid.valid && (leaf & 0xf0000000u) != HV_BASE)
		cpu_policy_apply(&d->arch.cpuid, leaf, sub, r);
}
