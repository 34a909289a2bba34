/* SPDX-License-Identifier: MIT */
/*
 * hcpage: hypercalls through a hypercall page (XEN_ELFNOTE_HYPERCALL_PAGE),
 * as XTF and older Linux kernels make them.
 *
 * Checks that the builder filled the page named by the note (it is zeros
 * in the image), that stub i runs hypercall i (xen_version, console_io,
 * multicall, set_trap_table) with its arguments and result, that unknown
 * numbers still give -ENOSYS, that a stub keeps rcx and r11 as Xen's
 * stubs do, and that the iret stub (23), entered with only the flags word
 * pushed, returns from bounced exceptions.
 *
 * A broken hypervisor ignores the note (the first call then runs into
 * zeros and this guest dies without its closing line), lays the stubs
 * out at another stride, or builds an iret stub that expects a different
 * frame (the first trap then crashes the guest).
 */
#include "guest.h"

extern const unsigned char hypercall_page[];

static long page_call3(unsigned int nr, unsigned long a1, unsigned long a2, unsigned long a3)
{
	register unsigned long r10 asm("r10") = 0;
	register unsigned long r8 asm("r8") = 0;
	long ret;

	asm volatile("call *%[stub]"
		     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8)
		     : [stub] "r"(hypercall_page + 32 * nr)
		     : "rcx", "r11", "r9", "memory");
	return ret;
}

static bool page_filled(void)
{
	for (unsigned int i = 0; i < 32 * 64; i++)
		if (hypercall_page[i])
			return true;
	return false;
}

static void test_calls(void)
{
	static const char line[] = "hcpage: console_io through stub 18\n";
	multicall_entry_t mc[] = {
		{ .op = __HYPERVISOR_xen_version, .args = { XENVER_pagesize } },
		{ .op = 1000 },
	};

	expect_rc("hcpage/xen_version", page_call3(__HYPERVISOR_xen_version, XENVER_version, 0, 0),
		  4 << 16 | 17);
	expect_ok("hcpage/console_io",
		  page_call3(__HYPERVISOR_console_io, CONSOLEIO_write, sizeof(line) - 1, gva(line)));
	expect_rc("hcpage/console_io-efault",
		  page_call3(__HYPERVISOR_console_io, CONSOLEIO_write, 4, HV_RANGE_DIRECT),
		  -XEN_EFAULT);
	expect_rc("hcpage/unknown-48", page_call3(48, 0, 0, 0), -XEN_ENOSYS);
	expect_rc("hcpage/unknown-127", page_call3(127, 0, 0, 0), -XEN_ENOSYS);
	if (expect_ok("hcpage/multicall",
		      page_call3(__HYPERVISOR_multicall, gva(mc), ARRAY_SIZE(mc), 0)))
		expect_true("hcpage/multicall-results",
			    mc[0].result == 4096 && (long)mc[1].result == -XEN_ENOSYS,
			    "results %ld, %ld", (long)mc[0].result, (long)mc[1].result);
}

static void test_stub_preserves(void)
{
	unsigned long rcx, r11;

	asm volatile("movabs $0x1c1c1c1c1c1c1c1c, %%rcx\n\t"
		     "movabs $0x1b1b1b1b1b1b1b1b, %%r11\n\t"
		     "mov %[v], %%edi\n\t"
		     "call *%[stub]\n\t"
		     "mov %%rcx, %[c]\n\t"
		     "mov %%r11, %[e]"
		     : [c] "=r"(rcx), [e] "=r"(r11)
		     : [stub] "r"(hypercall_page + 32 * __HYPERVISOR_xen_version),
		       [v] "i"(XENVER_version)
		     : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory");
	expect_true("hcpage/stub-keeps-rcx-r11",
		    rcx == 0x1c1c1c1c1c1c1c1cUL && r11 == 0x1b1b1b1b1b1b1b1bUL,
		    "rcx 0x%lx r11 0x%lx after the stub", rcx, r11);
}

static void test_iret_stub(void)
{
	struct trap_info table[3] = {
		{ 3, 3, FLAT_KERNEL_CS, trap_entry_address(3) },
		{ 6, 0, FLAT_KERNEL_CS, trap_entry_address(6) },
		{ 0, 0, 0, 0 },
	};

	if (!expect_ok("hcpage/set_trap_table",
		       page_call3(__HYPERVISOR_set_trap_table, gva(table), 0, 0)))
		return;
	trap_iret_stub = (unsigned long)(hypercall_page + 32 * __HYPERVISOR_iret);
	trap_clear();
	asm volatile(PROBE_BEGIN "ud2" PROBE_END ::: "rax", "memory");
	if (expect_trap("hcpage/iret-stub-ud", 6))
		expect_eq("hcpage/iret-stub-ud-rip", last_trap.rip, trap_probe_rip);
	trap_clear();
	asm volatile(PROBE_BEGIN "int3" PROBE_END ::: "rax", "memory");
	if (expect_trap("hcpage/iret-stub-bp", 3))
		expect_eq("hcpage/iret-stub-bp-rip", last_trap.rip, trap_probe_rip + 1);
}

void test_main(void)
{
	if (!expect_true("hcpage/filled", page_filled(),
			 "the page at %p is still zeros", hypercall_page)) {
		fail("hcpage", "setup: no stubs to call, page cases not run");
		return;
	}
	test_calls();
	test_stub_preserves();
	test_iret_stub();
}
