/* SPDX-License-Identifier: MIT */
/*
 * dom0ops: what only the privileged domain may do, from both sides.
 *
 * role=domU: every dom0-only operation is -EPERM: the machine memory map,
 * each physdev_op that touches interrupts, the IO-APIC or PCI, binding a
 * pirq, mapping a non-RAM machine frame (here the BIOS area and the local
 * APIC), reading the hypervisor's console input; port reads give
 * all-ones (no hardware behind them).
 *
 * role=dom0: the hostile cases for the dom0 paths: mapping a frame the
 * hypervisor keeps (local APIC, IO-APIC, its own image) is refused while a
 * firmware frame maps and reads; ports the hypervisor owns (PIT gate 0x61,
 * PIC mask 0x21) read all-ones while the RTC answers; PCI configuration
 * reads the host bridge through 0xcf8/0xcfc; GSI 0 cannot be mapped, MSI
 * types are not offered, unmapped pirqs cannot be bound, apic_write is
 * refused, a short machine-map buffer is -EINVAL and the map shows the
 * hypervisor's windows reserved.
 *
 * A broken hypervisor lets a domU reach hardware or dom0 map what the
 * hypervisor uses; the runner also checks the refusals are logged.
 */
#include <public/event_channel.h>
#include <public/memory.h>
#include <public/physdev.h>
#include <public/sysctl.h>
#include "guest.h"

#define PTE_P  0x001UL
#define PTE_RW 0x002UL
#define PTE_A  0x020UL
#define PTE_PCD 0x010UL

#define LAPIC_MFN   0xfee00UL
#define IOAPIC_MFN  0xfec00UL
#define BIOS_MFN    0xf0UL        /* the BIOS area: reserved, not RAM */
#define XEN_MFN     0x200UL       /* the hypervisor image starts at 2 MiB */
#define XENPF_settime64 62
#define XENPF_VERSION   0x03000001u

static uint8_t scratch[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static struct xen_e820_entry e820[64];

static uint64_t pte(unsigned long mfn, unsigned long flags)
{
	return ((uint64_t)mfn << 12) | flags;
}

/* Map mfn at scratch's address; the caller restores with restore(). */
static long map_at_scratch(unsigned long mfn, unsigned long flags)
{
	return HYPERVISOR_update_va_mapping(gva(scratch), pte(mfn, flags), UVMF_INVLPG);
}

static void restore(void)
{
	expect_ok("restore-scratch",
		  HYPERVISOR_update_va_mapping(gva(scratch),
					       pte(virt_to_mfn(scratch), PTE_P | PTE_RW | PTE_A),
					       UVMF_INVLPG));
}

static long physdev(unsigned int cmd, void *arg)
{
	return HYPERVISOR_physdev_op(cmd, gva(arg));
}

static uint8_t inb(uint16_t port)
{
	uint8_t v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void outb(uint16_t port, uint8_t v)
{
	asm volatile("outb %0, %1" :: "a"(v), "Nd"(port));
}

static uint32_t inl(uint16_t port)
{
	uint32_t v;

	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void outl(uint16_t port, uint32_t v)
{
	asm volatile("outl %0, %1" :: "a"(v), "Nd"(port));
}

static long machine_map(unsigned int room)
{
	struct xen_memory_map m = { .nr_entries = room };

	set_xen_guest_handle(m.buffer, e820);
	return HYPERVISOR_memory_op(XENMEM_machine_memory_map, gva(&m)) ?: (long)m.nr_entries;
}

static struct xen_sysctl sysctl_op;
static struct xen_domctl domctl_op;
static struct xen_domctl_getdomaininfo infos[4];

static long sysctl(uint32_t cmd, uint32_t version)
{
	sysctl_op.cmd = cmd;
	sysctl_op.interface_version = version;
	return hypercall1(__HYPERVISOR_sysctl, gva(&sysctl_op));
}

static long domctl(uint32_t cmd, domid_t dom, uint32_t version)
{
	domctl_op.cmd = cmd;
	domctl_op.domain = dom;
	domctl_op.interface_version = version;
	return hypercall1(__HYPERVISOR_domctl, gva(&domctl_op));
}

static void domu_cases(void)
{
	struct physdev_map_pirq mp = { .domid = DOMID_SELF, .type = MAP_PIRQ_TYPE_GSI,
				       .index = 5, .pirq = 5 };
	struct physdev_unmap_pirq up = { .domid = DOMID_SELF, .pirq = 5 };
	struct physdev_setup_gsi sg = { .gsi = 5 };
	struct physdev_irq irq = { .irq = 5 };
	struct physdev_apic ap = { .apic_physbase = 0xfec00000, .reg = 1 };
	struct physdev_pci_device_add pa = { 0 };
	struct physdev_pci_mmcfg_reserved mr = { 0 };
	struct physdev_manage_pci mpci = { 0 };
	struct physdev_manage_pci_ext mext = { 0 };
	struct physdev_pci_device pd = { 0 };
	struct evtchn_bind_pirq bp = { .pirq = 5 };
	struct physdev_set_iopl iopl = { .iopl = 1 };
	char buf[8];

	expect_rc("domU/machine-memory-map", machine_map(64), -XEN_EPERM);
	expect_rc("domU/map-pirq", physdev(PHYSDEVOP_map_pirq, &mp), -XEN_EPERM);
	expect_rc("domU/unmap-pirq", physdev(PHYSDEVOP_unmap_pirq, &up), -XEN_EPERM);
	expect_rc("domU/setup-gsi", physdev(PHYSDEVOP_setup_gsi, &sg), -XEN_EPERM);
	expect_rc("domU/alloc-irq-vector", physdev(PHYSDEVOP_alloc_irq_vector, &irq), -XEN_EPERM);
	expect_rc("domU/apic-read", physdev(PHYSDEVOP_apic_read, &ap), -XEN_EPERM);
	expect_rc("domU/apic-write", physdev(PHYSDEVOP_apic_write, &ap), -XEN_EPERM);
	expect_rc("domU/pci-device-add", physdev(PHYSDEVOP_pci_device_add, &pa), -XEN_EPERM);
	expect_rc("domU/pci-device-remove", physdev(PHYSDEVOP_pci_device_remove, &pd), -XEN_EPERM);
	expect_rc("domU/pci-mmcfg-reserved", physdev(PHYSDEVOP_pci_mmcfg_reserved, &mr), -XEN_EPERM);
	expect_rc("domU/manage-pci-add", physdev(PHYSDEVOP_manage_pci_add, &mpci), -XEN_EPERM);
	expect_rc("domU/manage-pci-remove", physdev(PHYSDEVOP_manage_pci_remove, &mpci), -XEN_EPERM);
	expect_rc("domU/manage-pci-add-ext", physdev(PHYSDEVOP_manage_pci_add_ext, &mext), -XEN_EPERM);
	expect_rc("domU/bind-pirq", HYPERVISOR_event_channel_op(EVTCHNOP_bind_pirq, gva(&bp)),
		  -XEN_EPERM);
	expect_rc("domU/platform-op", HYPERVISOR_platform_op(XENPF_settime64, XENPF_VERSION),
		  -XEN_EPERM);
	expect_rc("domU/platform-op-bad-version", HYPERVISOR_platform_op(XENPF_settime64, 1),
		  -XEN_EPERM);
	expect_rc("domU/console-read", HYPERVISOR_console_io(CONSOLEIO_read, sizeof(buf), gva(buf)),
		  -XEN_EPERM);
	expect_rc("domU/sysctl", sysctl(XEN_SYSCTL_physinfo, XEN_SYSCTL_INTERFACE_VERSION),
		  -XEN_EPERM);
	expect_rc("domU/domctl", domctl(XEN_DOMCTL_getdomaininfo, 0, XEN_DOMCTL_INTERFACE_VERSION),
		  -XEN_EPERM);
	expect_rc("domU/map-bios-frame", map_at_scratch(BIOS_MFN, PTE_P | PTE_A), -XEN_EPERM);
	expect_rc("domU/map-lapic-frame", map_at_scratch(LAPIC_MFN, PTE_P | PTE_A), -XEN_EPERM);
	expect_eq("domU/scratch-still-mapped", scratch[0] == 0, 1);
	/* With I/O privilege a domU's ports lead nowhere. */
	expect_ok("domU/set-iopl", physdev(PHYSDEVOP_set_iopl, &iopl));
	expect_eq("domU/rtc-port-reads-ones", inb(0x71), 0xff);
	outl(0xcf8, 0x80000000u);
	expect_eq("domU/pci-conf-reads-ones", inl(0xcfc), 0xffffffffu);
}

static bool map_has_reserved(uint64_t addr, long n)
{
	for (long i = 0; i < n; i++)
		if (e820[i].type == 2 && e820[i].addr <= addr && addr < e820[i].addr + e820[i].size)
			return true;
	return false;
}

static void dom0_memory_cases(void)
{
	long n = machine_map(64);

	expect_true("dom0/machine-memory-map", n > 1, "answer %ld", n);
	expect_true("dom0/map-reserves-lapic", map_has_reserved(0xfee00000, n), "not reserved");
	expect_true("dom0/map-reserves-ioapic", map_has_reserved(0xfec00000, n), "not reserved");
	expect_rc("dom0/machine-map-short-buffer", machine_map(1), -XEN_EINVAL);
	/* What the hypervisor keeps cannot be mapped; firmware can. */
	expect_rc("dom0/map-lapic-refused", map_at_scratch(LAPIC_MFN, PTE_P | PTE_RW | PTE_A | PTE_PCD),
		  -XEN_EPERM);
	expect_rc("dom0/map-ioapic-refused", map_at_scratch(IOAPIC_MFN, PTE_P | PTE_A | PTE_PCD),
		  -XEN_EPERM);
	expect_rc("dom0/map-hypervisor-image-refused", map_at_scratch(XEN_MFN, PTE_P | PTE_A),
		  -XEN_EBUSY);
	if (expect_ok("dom0/map-bios-frame", map_at_scratch(BIOS_MFN, PTE_P | PTE_A))) {
		uint64_t sum = 0;

		for (unsigned int i = 0; i < PAGE_SIZE; i++)
			sum += scratch[i];
		expect_true("dom0/bios-frame-has-content", sum != 0, "all zero");
		restore();
	}
}

static void dom0_io_cases(void)
{
	struct physdev_set_iopl iopl = { .iopl = 1 };
	uint8_t sec;

	expect_ok("dom0/set-iopl", physdev(PHYSDEVOP_set_iopl, &iopl));
	expect_eq("dom0/pit-gate-0x61-refused", inb(0x61), 0xff);
	outb(0x21, 0x00);   /* would unmask the legacy PIC: refused */
	expect_eq("dom0/pic-mask-0x21-refused", inb(0x21), 0xff);
	outb(0x70, 0x00);   /* RTC seconds: real hardware answers in BCD */
	sec = inb(0x71);
	expect_true("dom0/rtc-answers", sec < 0x60 && (sec & 0xf) < 10, "seconds %#x", sec);
	outl(0xcf8, 0x80000000u);   /* bus 0, device 0, vendor/device */
	expect_eq("dom0/pci-host-bridge-vendor", inl(0xcfc) & 0xffff, 0x8086);
	expect_eq("dom0/pci-cf8-latched", inl(0xcf8), 0x80000000u);
	outb(0xcf9, 0x06);   /* a machine reset: the hypervisor's */
	pass("dom0/reset-port-0xcf9-refused");
}

static void dom0_platform_cases(void)
{
	expect_rc("dom0/platform-op-bad-version", HYPERVISOR_platform_op(XENPF_settime64, 1),
		  -XEN_EACCES);
	expect_rc("dom0/platform-op-absent", HYPERVISOR_platform_op(XENPF_settime64, XENPF_VERSION),
		  -XEN_ENOSYS);
	expect_rc("dom0/platform-op-bad-pointer",
		  hypercall1(__HYPERVISOR_platform_op, HV_RANGE_DIRECT), -XEN_EFAULT);
}

static void dom0_control_cases(void)
{
	struct xen_sysctl_physinfo *pi = &sysctl_op.u.physinfo;
	struct xen_sysctl_getdomaininfolist *l = &sysctl_op.u.getdomaininfolist;

	expect_rc("dom0/sysctl-bad-version", sysctl(XEN_SYSCTL_physinfo, 0x14), -XEN_EACCES);
	expect_rc("dom0/sysctl-unknown", sysctl(1000, XEN_SYSCTL_INTERFACE_VERSION), -XEN_ENOSYS);
	expect_rc("dom0/sysctl-bad-pointer", hypercall1(__HYPERVISOR_sysctl, HV_RANGE_DIRECT),
		  -XEN_EFAULT);
	if (expect_ok("dom0/physinfo", sysctl(XEN_SYSCTL_physinfo, XEN_SYSCTL_INTERFACE_VERSION))) {
		expect_eq("dom0/physinfo-cpus", pi->nr_cpus, 2);
		expect_eq("dom0/physinfo-max-cpu-id", pi->max_cpu_id, 1);
		expect_true("dom0/physinfo-khz", pi->cpu_khz > 100000, "%u kHz", pi->cpu_khz);
		expect_true("dom0/physinfo-pages", pi->free_pages < pi->total_pages &&
			    pi->total_pages > 1000, "free %lu total %lu",
			    (unsigned long)pi->free_pages, (unsigned long)pi->total_pages);
		expect_true("dom0/physinfo-pv", pi->capabilities & XEN_SYSCTL_PHYSCAP_pv,
			    "capabilities %#x", pi->capabilities);
	}
	memset(&sysctl_op, 0, sizeof(sysctl_op));
	l->first_domain = 0;
	l->max_domains = 4;
	set_xen_guest_handle(l->buffer, infos);
	if (expect_ok("dom0/domain-list", sysctl(XEN_SYSCTL_getdomaininfolist,
						 XEN_SYSCTL_INTERFACE_VERSION))) {
		expect_eq("dom0/domain-list-count", l->num_domains, 1);
		expect_eq("dom0/domain-list-self", infos[0].domain, 0);
		expect_eq("dom0/domain-list-vcpus", infos[0].nr_online_vcpus, 1);
		expect_true("dom0/domain-list-pages", infos[0].tot_pages == start_info->nr_pages,
			    "%lu pages, start_info says %lu", (unsigned long)infos[0].tot_pages,
			    (unsigned long)start_info->nr_pages);
		expect_true("dom0/domain-list-running", infos[0].flags & XEN_DOMINF_running,
			    "flags %#x", infos[0].flags);
	}
	expect_ok("dom0/getdomaininfo", domctl(XEN_DOMCTL_getdomaininfo, 0,
					       XEN_DOMCTL_INTERFACE_VERSION));
	expect_eq("dom0/getdomaininfo-id", domctl_op.u.getdomaininfo.domain, 0);
	expect_rc("dom0/getdomaininfo-none-after", domctl(XEN_DOMCTL_getdomaininfo, 1,
							  XEN_DOMCTL_INTERFACE_VERSION), -XEN_ESRCH);
	expect_rc("dom0/domctl-bad-version", domctl(XEN_DOMCTL_getdomaininfo, 0, 0x14),
		  -XEN_EACCES);
	domctl_op.u.getvcpuinfo.vcpu = 0;
	if (expect_ok("dom0/getvcpuinfo", domctl(XEN_DOMCTL_getvcpuinfo, 0,
						 XEN_DOMCTL_INTERFACE_VERSION)))
		expect_eq("dom0/getvcpuinfo-running", domctl_op.u.getvcpuinfo.running, 1);
	domctl_op.u.getvcpuinfo.vcpu = 5;
	expect_rc("dom0/getvcpuinfo-bad-vcpu", domctl(XEN_DOMCTL_getvcpuinfo, 0,
						      XEN_DOMCTL_INTERFACE_VERSION), -XEN_EINVAL);
}

static void dom0_irq_cases(void)
{
	struct physdev_map_pirq mp = { .domid = DOMID_SELF, .type = MAP_PIRQ_TYPE_GSI,
				       .index = 0, .pirq = 0 };
	struct physdev_setup_gsi sg = { .gsi = 7, .triggering = 1 };
	struct physdev_apic ap = { .apic_physbase = 0xfec00000, .reg = 1 };
	struct evtchn_bind_pirq bp = { .pirq = 6 };
	struct physdev_irq_status_query q = { .irq = 7 };

	expect_rc("dom0/map-gsi0-refused", physdev(PHYSDEVOP_map_pirq, &mp), -XEN_EPERM);
	mp.type = MAP_PIRQ_TYPE_MSI_SEG;
	mp.index = mp.pirq = -1;
	expect_rc("dom0/map-msi-not-offered", physdev(PHYSDEVOP_map_pirq, &mp), -XEN_EOPNOTSUPP);
	mp.type = MAP_PIRQ_TYPE_GSI;
	mp.index = 7;
	mp.pirq = 8;
	expect_rc("dom0/map-pirq-not-gsi", physdev(PHYSDEVOP_map_pirq, &mp), -XEN_EINVAL);
	mp.index = 99;
	mp.pirq = 99;
	expect_rc("dom0/map-gsi-out-of-range", physdev(PHYSDEVOP_map_pirq, &mp), -XEN_EINVAL);
	expect_rc("dom0/bind-unmapped-pirq",
		  HYPERVISOR_event_channel_op(EVTCHNOP_bind_pirq, gva(&bp)), -XEN_EINVAL);
	mp.index = 7;
	mp.pirq = 7;
	expect_ok("dom0/map-gsi7", physdev(PHYSDEVOP_map_pirq, &mp));
	expect_eq("dom0/map-gsi7-pirq", (unsigned long)mp.pirq, 7);
	expect_ok("dom0/setup-gsi7", physdev(PHYSDEVOP_setup_gsi, &sg));
	expect_rc("dom0/setup-gsi7-again", physdev(PHYSDEVOP_setup_gsi, &sg), -XEN_EEXIST);
	expect_ok("dom0/irq-status-query", physdev(PHYSDEVOP_irq_status_query, &q));
	expect_eq("dom0/irq-needs-eoi", q.flags & XENIRQSTAT_needs_eoi, XENIRQSTAT_needs_eoi);
	expect_ok("dom0/apic-read", physdev(PHYSDEVOP_apic_read, &ap));
	expect_eq("dom0/apic-read-version", ap.value & 0xff, 0x20 & 0xff);
	expect_rc("dom0/apic-write-refused", physdev(PHYSDEVOP_apic_write, &ap), -XEN_EPERM);
}

void test_main(void)
{
	if (has_word(guest_cmdline(), "role=dom0")) {
		expect_true("dom0/privileged", start_info->flags & SIF_PRIVILEGED, "flags %#x",
			    start_info->flags);
		dom0_memory_cases();
		dom0_io_cases();
		dom0_irq_cases();
		dom0_platform_cases();
		dom0_control_cases();
	} else {
		domu_cases();
	}
}
