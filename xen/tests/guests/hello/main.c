/* SPDX-License-Identifier: MIT */
/*
 * hello: the console and xen_version, and the start-of-day p2m/M2P.
 *
 * Checks console_io writes; every xen_version sub-op a Linux guest uses
 * (version 4.17, capabilities naming xen-3.0-x86_64, platform parameters
 * giving the hypervisor's start, page size, feature word 0 with
 * XENFEAT_mmu_pt_update_preserve_ad (5) and XENFEAT_gnttab_map_avail_bits
 * (7) set and the HVM/PVH-only bits clear); hostile arguments: NULL,
 * hypervisor-range, non-canonical and read-only buffers (-EFAULT),
 * unknown sub-ops (-ENOSYS), feature submap 1 (-EINVAL), the privileged
 * commandline sub-op (-EPERM for a domU); and that the M2P maps every
 * frame of the p2m list back to its pfn. With initrd=N on its line, the
 * next module is its initrd: start_info must map all N bytes of it (the
 * runner fills byte i with i % 251). A domU also writes a line through
 * its console ring (start_info.console.domU) and checks that the
 * hypervisor consumes it and prints it (the runner looks for the line).
 *
 * A broken hypervisor writes through bad or read-only pointers (corrupting
 * this guest's page tables or itself), returns 0 for sub-ops it does not
 * know, or hands out a p2m that disagrees with its M2P (Linux then cannot
 * find its own page tables).
 */
#include "guest.h"

extern char _end[];

static void test_console(void)
{
	static const char line[] = "hello: console_io writes this line\n";

	expect_ok("console_io/write", HYPERVISOR_console_io(CONSOLEIO_write, sizeof(line) - 1,
							     gva(line)));
	expect_ok("console_io/write-zero", HYPERVISOR_console_io(CONSOLEIO_write, 0, gva(line)));
}

static void test_version_strings(void)
{
	xen_extraversion_t extra;
	xen_capabilities_info_t caps;
	xen_changeset_info_t changeset;
	struct xen_compile_info ci;

	memset(extra, 'x', sizeof(extra));
	if (expect_ok("xen_version/extraversion",
		      HYPERVISOR_xen_version(XENVER_extraversion, gva(extra))))
		expect_true("xen_version/extraversion-terminated",
			    strnlen(extra, sizeof(extra)) < sizeof(extra),
			    "no NUL in the %zu bytes", sizeof(extra));
	memset(caps, 0, sizeof(caps));
	if (expect_ok("xen_version/capabilities",
		      HYPERVISOR_xen_version(XENVER_capabilities, gva(caps))))
		expect_true("xen_version/capabilities-x86_64",
			    has_word(caps, "xen-3.0-x86_64"), "capabilities '%.60s'", caps);
	memset(changeset, 'x', sizeof(changeset));
	if (expect_ok("xen_version/changeset",
		      HYPERVISOR_xen_version(XENVER_changeset, gva(changeset))))
		expect_true("xen_version/changeset-terminated",
			    strnlen(changeset, sizeof(changeset)) < sizeof(changeset),
			    "no NUL in the %zu bytes", sizeof(changeset));
	expect_ok("xen_version/compile_info",
		  HYPERVISOR_xen_version(XENVER_compile_info, gva(&ci)));
}

static void test_version_numbers(void)
{
	struct xen_platform_parameters pp = { 0 };
	xen_domain_handle_t handle;
	char cmdline[1024];
	bool dom0 = has_word(guest_cmdline(), "role=dom0");

	expect_rc("xen_version/version", HYPERVISOR_xen_version(XENVER_version, 0),
		  4 << 16 | 17);
	expect_rc("xen_version/pagesize", HYPERVISOR_xen_version(XENVER_pagesize, 0), 4096);
	if (expect_ok("xen_version/platform_parameters",
		      HYPERVISOR_xen_version(XENVER_platform_parameters, gva(&pp))))
		expect_eq("xen_version/virt_start", pp.virt_start, HYPERVISOR_VIRT_START);
	expect_ok("xen_version/guest_handle",
		  HYPERVISOR_xen_version(XENVER_guest_handle, gva(handle)));
	expect_rc("xen_version/commandline",
		  HYPERVISOR_xen_version(XENVER_commandline, gva(cmdline)),
		  dom0 ? 0 : -XEN_EPERM);
	if (!dom0)
		expect_rc("xen_version/build_id-domU",
			  HYPERVISOR_xen_version(XENVER_build_id, gva(cmdline)), -XEN_EPERM);
}

static void test_features(void)
{
	struct xen_feature_info fi = { .submap_idx = 0, .submap = 0xdeadbeef };
	uint32_t must = 1u << XENFEAT_mmu_pt_update_preserve_ad |
			1u << XENFEAT_gnttab_map_avail_bits;
	uint32_t never = 1u << XENFEAT_auto_translated_physmap |
			 1u << XENFEAT_supervisor_mode_kernel |
			 1u << XENFEAT_hvm_callback_vector;

	if (expect_ok("xen_version/get_features",
		      HYPERVISOR_xen_version(XENVER_get_features, gva(&fi)))) {
		expect_true("features/bits-5-7", (fi.submap & must) == must,
			    "submap 0x%x, want bits 5 and 7 set", fi.submap);
		expect_true("features/no-hvm-bits", !(fi.submap & never),
			    "submap 0x%x has HVM/PVH-only bits (2, 3 or 8)", fi.submap);
	}
	fi.submap_idx = 1;
	expect_rc("xen_version/get_features-submap-1",
		  HYPERVISOR_xen_version(XENVER_get_features, gva(&fi)), -XEN_EINVAL);
	fi.submap_idx = ~0u;
	expect_rc("xen_version/get_features-submap-huge",
		  HYPERVISOR_xen_version(XENVER_get_features, gva(&fi)), -XEN_EINVAL);
}

static void test_version_hostile(void)
{
	/* An unused L4 slot: a faulty write lands where we never look. */
	unsigned long read_only = start_info->pt_base + 300 * 8;

	expect_rc("xen_version/unknown-64", HYPERVISOR_xen_version(64, 0), -XEN_ENOSYS);
	expect_rc("xen_version/unknown-1000", HYPERVISOR_xen_version(1000, 0), -XEN_ENOSYS);
	expect_rc("xen_version/unknown-negative", HYPERVISOR_xen_version(~0UL, 0), -XEN_ENOSYS);
	expect_rc("xen_version/extraversion-null",
		  HYPERVISOR_xen_version(XENVER_extraversion, 0), -XEN_EFAULT);
	expect_rc("xen_version/extraversion-hypervisor",
		  HYPERVISOR_xen_version(XENVER_extraversion, HV_RANGE_DIRECT), -XEN_EFAULT);
	expect_rc("xen_version/extraversion-m2p",
		  HYPERVISOR_xen_version(XENVER_extraversion, HV_RANGE_START), -XEN_EFAULT);
	expect_rc("xen_version/extraversion-noncanonical",
		  HYPERVISOR_xen_version(XENVER_extraversion, NON_CANONICAL), -XEN_EFAULT);
	expect_rc("xen_version/extraversion-unmapped",
		  HYPERVISOR_xen_version(XENVER_extraversion, UNMAPPED_VA), -XEN_EFAULT);
	expect_rc("xen_version/extraversion-read-only",
		  HYPERVISOR_xen_version(XENVER_extraversion, read_only), -XEN_EFAULT);
	expect_rc("xen_version/capabilities-hypervisor-end",
		  HYPERVISOR_xen_version(XENVER_capabilities, HV_RANGE_LAST), -XEN_EFAULT);
	expect_rc("xen_version/get_features-null",
		  HYPERVISOR_xen_version(XENVER_get_features, 0), -XEN_EFAULT);
	expect_rc("xen_version/get_features-noncanonical",
		  HYPERVISOR_xen_version(XENVER_get_features, NON_CANONICAL_HI), -XEN_EFAULT);
	expect_rc("xen_version/platform_parameters-hypervisor",
		  HYPERVISOR_xen_version(XENVER_platform_parameters, HV_RANGE_DIRECT),
		  -XEN_EFAULT);
}

/* Every pfn of the p2m list maps back through the read-only M2P. */
static void test_p2m_m2p(void)
{
	const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;
	const unsigned long m2p = MACH2PHYS_VIRT_START;
	unsigned long pfn, got = 0;

	for (pfn = 0; pfn < start_info->nr_pages; pfn++) {
		if (!probe_read(m2p + p2m[pfn] * 8, &got)) {
			fail("builder/m2p", "reading M2P entry of mfn 0x%lx faulted (vector %lu)",
			     p2m[pfn], last_trap.vector);
			return;
		}
		if (got != pfn) {
			fail("builder/m2p", "pfn 0x%lx -> mfn 0x%lx -> pfn 0x%lx", pfn, p2m[pfn], got);
			return;
		}
	}
	pass("builder/m2p");
}

static void test_initrd(unsigned long len)
{
	const unsigned char *p = (const unsigned char *)start_info->mod_start;
	unsigned long i;

	if (start_info->flags & SIF_MOD_START_PFN) {
		fail("initrd/mapped", "SIF_MOD_START_PFN set without a MOD_START_PFN note");
		return;
	}
	expect_eq("initrd/length", start_info->mod_len, len);
	/* ABI order: kernel image, initrd, p2m list, start_info. */
	if (!expect_true("initrd/placed", start_info->mod_start >= (unsigned long)_end &&
			 start_info->mod_start % PAGE_SIZE == 0 &&
			 start_info->mod_start + len <= (unsigned long)start_info,
			 "mod_start 0x%lx, image end %p, start_info %p", start_info->mod_start,
			 _end, start_info))
		return;
	for (i = 0; i < len && i < start_info->mod_len; i++)
		if (p[i] != i % 251)
			break;
	expect_true("initrd/content", i == len, "byte %lu is 0x%x, want 0x%lx", i,
		    i < len ? p[i] : 0, i % 251);
}

static void test_console_ring(void)
{
	static const char line[] = "hello: this line went through the console ring";
	const char *why = console_ring_map();
	int i;

	if (why) {
		fail("console-ring/map", "setup: %s", why);
		return;
	}
	pass("console-ring/map");
	expect_line(line);
	console_ring_write(line, sizeof(line) - 1, false);
	expect_eq("console-ring/write", console_ring_write("\n", 1, true), 1);
	for (i = 0; i < 1000 && console_ring->out_cons != console_ring->out_prod; i++)
		HYPERVISOR_sched_op(SCHEDOP_yield, 0);
	expect_true("console-ring/consumed", console_ring->out_cons == console_ring->out_prod,
		    "out_cons %u, out_prod %u after %d yields", console_ring->out_cons,
		    console_ring->out_prod, i);
}

void test_main(void)
{
	unsigned long initrd_len;

	test_console();
	test_version_numbers();
	test_version_strings();
	test_features();
	test_version_hostile();
	if (traps_setup("builder/m2p"))
		test_p2m_m2p();
	if (has_word(guest_cmdline(), "role=domU"))
		test_console_ring();
	if (word_value(guest_cmdline(), "initrd", &initrd_len))
		test_initrd(initrd_len);
}
