/* SPDX-License-Identifier: MIT */
/*
 * hypercalls: the hypercall entry, multicall, vm_assist, console_io and
 * sched_op, mostly with hostile arguments.
 *
 * Checks that numbers outside the table (48, 55, 63, 64, 1000, -1, and
 * 2^32 + 17, which a 32-bit truncation would turn into xen_version) give
 * -ENOSYS; that a multicall runs every entry, writes each result back
 * (good, unknown, faulting and invalid entries side by side, a nested
 * multicall refused), rejects a bad list pointer with -EFAULT and a huge
 * count with -EINVAL; vm_assist accepts the types Xen allows a 64-bit PV
 * guest and refuses others with -EINVAL, unknown commands with -ENOSYS;
 * console_io refuses NULL, hypervisor-range, non-canonical and wrapping
 * buffers with -EFAULT and negative counts with -EINVAL; sched_op yield
 * works, unknown commands give -ENOSYS and a shutdown with a bad pointer
 * fails with -EFAULT instead of shutting anything down; vcpu_op is_up
 * says 1 for vCPU 0, -ENOENT for vCPUs that do not exist, -ENOSYS for
 * unknown commands. Unaligned buffers
 * and multicall lists work; buffers that end exactly at the end of the
 * mapped bootstrap region work, one byte more is -EFAULT.
 *
 * A broken hypervisor dispatches garbage numbers to some handler, stops a
 * multicall at its first bad entry or leaves results stale, reads or
 * writes through pointers into itself, or shuts the guest down on a
 * pointer it could not read (this guest's closing line would be missing).
 */
#include <public/sched.h>
#include <public/vcpu.h>
#include "guest.h"

static void test_unknown_numbers(void)
{
	static const struct {
		const char *name;
		unsigned long nr;
	} cases[] = {
		{ "unknown/48", 48 },
		{ "unknown/55", 55 },
		{ "unknown/63", 63 },
		{ "unknown/64", 64 },
		{ "unknown/1000", 1000 },
		{ "unknown/minus-1", ~0UL },
		{ "unknown/2^32+17", (1UL << 32) | __HYPERVISOR_xen_version },
		{ "unknown/2^63", 1UL << 63 },
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++)
		expect_rc(cases[i].name, hypercall0(cases[i].nr), -XEN_ENOSYS);
}

static void test_multicall_results(void)
{
	static const char msg[] = "hypercalls: printed from inside a multicall\n";
	struct xen_feature_info fi = { .submap_idx = 0, .submap = 0 };
	multicall_entry_t nested = { .op = __HYPERVISOR_xen_version,
				     .args = { XENVER_version } };
	multicall_entry_t mc[] = {
		{ .op = __HYPERVISOR_xen_version, .args = { XENVER_version } },
		{ .op = 1000 },
		{ .op = __HYPERVISOR_console_io, .args = { CONSOLEIO_write, 5, 0 } },
		{ .op = __HYPERVISOR_vm_assist, .args = { VMASST_CMD_enable, 33 } },
		{ .op = __HYPERVISOR_xen_version, .args = { XENVER_get_features, gva(&fi) } },
		{ .op = __HYPERVISOR_multicall, .args = { gva(&nested), 1 } },
		{ .op = ~0UL },
		{ .op = __HYPERVISOR_console_io,
		  .args = { CONSOLEIO_write, sizeof(msg) - 1, gva(msg) } },
	};
	static const long want[] = {
		4 << 16 | 17, -XEN_ENOSYS, -XEN_EFAULT, -XEN_EINVAL, 0, -XEN_EINVAL,
		-XEN_ENOSYS, 0,
	};
	char name[48];

	for (unsigned int i = 0; i < ARRAY_SIZE(mc); i++)
		mc[i].result = 0x5a5a5a5a5a5a5a5aUL;
	nested.result = 0x5a5a5a5a5a5a5a5aUL;
	if (!expect_ok("multicall/mixed", HYPERVISOR_multicall(gva(mc), ARRAY_SIZE(mc))))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(mc); i++) {
		snprintf(name, sizeof(name), "multicall/entry-%u", i);
		expect_rc(name, (long)mc[i].result, want[i]);
	}
	expect_true("multicall/entry-4-wrote", fi.submap != 0,
		    "get_features inside the multicall left submap 0");
	expect_eq("multicall/nested-not-run", nested.result, 0x5a5a5a5a5a5a5a5aUL);
}

static void test_multicall_hostile(void)
{
	multicall_entry_t mc = { .op = __HYPERVISOR_xen_version, .args = { XENVER_version } };

	expect_ok("multicall/count-0", HYPERVISOR_multicall(gva(&mc), 0));
	expect_rc("multicall/list-null", HYPERVISOR_multicall(0, 1), -XEN_EFAULT);
	expect_rc("multicall/list-hypervisor", HYPERVISOR_multicall(HV_RANGE_DIRECT, 1),
		  -XEN_EFAULT);
	expect_rc("multicall/list-noncanonical", HYPERVISOR_multicall(NON_CANONICAL, 1),
		  -XEN_EFAULT);
	expect_rc("multicall/list-unmapped", HYPERVISOR_multicall(UNMAPPED_VA, 1), -XEN_EFAULT);
	expect_rc("multicall/count-huge", HYPERVISOR_multicall(gva(&mc), 0x10000000),
		  -XEN_EINVAL);
	expect_rc("multicall/count-minus-1", HYPERVISOR_multicall(gva(&mc), 0xffffffff),
		  -XEN_EINVAL);
}

static void test_vm_assist(void)
{
	static const unsigned long valid[] = {
		VMASST_TYPE_4gb_segments, VMASST_TYPE_writable_pagetables,
		VMASST_TYPE_pae_extended_cr3, VMASST_TYPE_runstate_update_flag,
	};
	static const unsigned long invalid[] = { 6, 31, 33, 63, 64, 1000, ~0UL };
	char name[48];

	for (unsigned int i = 0; i < ARRAY_SIZE(valid); i++) {
		snprintf(name, sizeof(name), "vm_assist/enable-%lu", valid[i]);
		expect_ok(name, HYPERVISOR_vm_assist(VMASST_CMD_enable, valid[i]));
	}
	expect_ok("vm_assist/enable-m2p_strict",
		  HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_m2p_strict));
	expect_ok("vm_assist/disable-m2p_strict",
		  HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_m2p_strict));
	for (unsigned int i = 0; i < ARRAY_SIZE(invalid); i++) {
		snprintf(name, sizeof(name), "vm_assist/invalid-type-%lu", invalid[i]);
		expect_rc(name, HYPERVISOR_vm_assist(VMASST_CMD_enable, invalid[i]), -XEN_EINVAL);
	}
	expect_rc("vm_assist/unknown-cmd",
		  HYPERVISOR_vm_assist(2, VMASST_TYPE_writable_pagetables), -XEN_ENOSYS);
	expect_rc("vm_assist/unknown-cmd-huge",
		  HYPERVISOR_vm_assist(~0UL, VMASST_TYPE_writable_pagetables), -XEN_ENOSYS);
}

static void test_console_io_hostile(void)
{
	static const struct {
		const char *name;
		unsigned long buf, count;
	} bad[] = {
		{ "console_io/null", 0, 5 },
		{ "console_io/hypervisor", HV_RANGE_DIRECT, 16 },
		{ "console_io/hypervisor-m2p", HV_RANGE_START, 16 },
		{ "console_io/hypervisor-end", HV_RANGE_LAST, 16 },
		{ "console_io/noncanonical", NON_CANONICAL, 16 },
		{ "console_io/noncanonical-hi", NON_CANONICAL_HI, 16 },
		{ "console_io/runs-off-lower-half", 0x00007ffffffffff8UL, 16 },
		{ "console_io/wraps", 0xfffffffffffffff8UL, 16 },
		{ "console_io/unmapped", UNMAPPED_VA, 16 },
	};
	static const char msg[] = "ok\n";

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		expect_rc(bad[i].name, HYPERVISOR_console_io(CONSOLEIO_write, bad[i].count,
							     bad[i].buf), -XEN_EFAULT);
	expect_rc("console_io/count-minus-1",
		  HYPERVISOR_console_io(CONSOLEIO_write, 0xffffffffUL, gva(msg)), -XEN_EINVAL);
	expect_rc("console_io/count-int-min",
		  HYPERVISOR_console_io(CONSOLEIO_write, 0x80000000UL, gva(msg)), -XEN_EINVAL);
	/* A domU may only write (domU_console_io): Xen's permission check
	 * comes before the command, so an unknown one is -EPERM here. */
	expect_rc("console_io/unknown-cmd", HYPERVISOR_console_io(7, 3, gva(msg)),
		  -XEN_EPERM);
}

/* vcpu_op's vCPU id is checked before the command (one vCPU here). */
static void test_vcpu_op(void)
{
	expect_rc("vcpu_op/is_up-0", hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 0, 0), 1);
	expect_rc("vcpu_op/is_up-1", hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 1, 0),
		  -XEN_ENOENT);
	expect_rc("vcpu_op/is_up-huge",
		  hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 0xffffffffUL, 0), -XEN_ENOENT);
	expect_rc("vcpu_op/unknown-cmd", hypercall3(__HYPERVISOR_vcpu_op, 100, 0, 0),
		  -XEN_ENOSYS);
}

static void test_sched_op(void)
{
	expect_ok("sched_op/yield", HYPERVISOR_sched_op(SCHEDOP_yield, 0));
	expect_rc("sched_op/unknown-cmd", HYPERVISOR_sched_op(100, 0), -XEN_ENOSYS);
	expect_rc("sched_op/shutdown-null", HYPERVISOR_sched_op(SCHEDOP_shutdown, 0),
		  -XEN_EFAULT);
	expect_rc("sched_op/shutdown-hypervisor",
		  HYPERVISOR_sched_op(SCHEDOP_shutdown, HV_RANGE_DIRECT), -XEN_EFAULT);
	expect_rc("sched_op/shutdown-noncanonical",
		  HYPERVISOR_sched_op(SCHEDOP_shutdown, NON_CANONICAL), -XEN_EFAULT);
}

/* The first unmapped page above the boot stack: the end of the bootstrap region. */
static unsigned long find_region_end(void)
{
	unsigned long va = (boot_rsp + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1), v;

	for (unsigned int i = 0; i < 4096; i++, va += PAGE_SIZE)
		if (!probe_read(va, &v))
			return va;
	return 0;
}

static void test_unaligned(void)
{
	static char buf[80] __attribute__((aligned(16)));
	static multicall_entry_t mc_store[3] __attribute__((aligned(16)));
	multicall_entry_t *mc = (multicall_entry_t *)((char *)mc_store + 4);
	struct xen_feature_info *fi = (struct xen_feature_info *)(buf + 1);
	struct xen_feature_info aligned = { 0 };

	memcpy(buf + 33, "hypercalls: unaligned buffer\n", 29);
	expect_ok("unaligned/console_io", HYPERVISOR_console_io(CONSOLEIO_write, 29,
								gva(buf + 33)));
	HYPERVISOR_xen_version(XENVER_get_features, gva(&aligned));
	fi->submap_idx = 0;
	fi->submap = 0;
	if (expect_ok("unaligned/get_features",
		      HYPERVISOR_xen_version(XENVER_get_features, gva(fi))))
		expect_eq("unaligned/get_features-value", fi->submap, aligned.submap);
	memset(mc, 0, 2 * sizeof(*mc));
	mc[0].op = __HYPERVISOR_xen_version;
	mc[0].args[0] = XENVER_pagesize;
	mc[1].op = 1000;
	if (expect_ok("unaligned/multicall", HYPERVISOR_multicall(gva(mc), 2)))
		expect_true("unaligned/multicall-results",
			    mc[0].result == 4096 && (long)mc[1].result == -XEN_ENOSYS,
			    "results %ld, %ld", (long)mc[0].result, (long)mc[1].result);
}

static void test_region_edge(void)
{
	unsigned long end = find_region_end();
	char *edge;
	multicall_entry_t *last;

	if (!expect_true("edge/found", end != 0,
			 "setup: no unmapped page within 16 MiB above the boot stack"))
		return;
	edge = (char *)(end - 8);
	memcpy(edge, "at-edge\n", 8);
	expect_ok("edge/console_io-exact", HYPERVISOR_console_io(CONSOLEIO_write, 8, gva(edge)));
	expect_rc("edge/console_io-one-more",
		  HYPERVISOR_console_io(CONSOLEIO_write, 9, gva(edge)), -XEN_EFAULT);
	expect_rc("edge/console_io-straddles",
		  HYPERVISOR_console_io(CONSOLEIO_write, 4096, gva(edge)), -XEN_EFAULT);
	expect_rc("edge/extraversion-straddles",
		  HYPERVISOR_xen_version(XENVER_extraversion, gva(edge)), -XEN_EFAULT);
	last = (multicall_entry_t *)(end - sizeof(*last));
	memset(last, 0, sizeof(*last));
	last->op = __HYPERVISOR_xen_version;
	expect_ok("edge/multicall-last-entry", HYPERVISOR_multicall(gva(last), 1));
	expect_rc("edge/multicall-runs-off", HYPERVISOR_multicall(gva(last), 2), -XEN_EFAULT);
}

void test_main(void)
{
	test_unknown_numbers();
	test_multicall_results();
	test_multicall_hostile();
	test_vm_assist();
	test_console_io_hostile();
	test_sched_op();
	test_vcpu_op();
	test_unaligned();
	if (traps_setup("edge/setup"))
		test_region_edge();
}
