/* SPDX-License-Identifier: GPL-2.0 */
/* The 64-bit PV start-of-day layout (arch/x86/pv/dom-layout.c). Expected
 * addresses are literals worked out by hand from the rules below; each
 * case's comment shows the arithmetic. Every rejection checks the code,
 * the reason, and that the output was left zeroed.
 *
 * Rules (public/xen.h "Start-of-day memory layout", Xen's dom0 builder):
 * pfn n is mapped at VIRT_BASE + n * 4K; after the kernel come the mapped
 * initrd, the p2m list (nr_pages * 8 bytes, unless INIT_P2M), start_info,
 * xenstore and console (domU), the page tables, one stack page; the end
 * is the stack's end rounded up to 4 MiB, plus 4 MiB if that leaves less
 * than 512 KiB. Tables: 1 L4 + one L3 per 512 GiB, one L2 per 1 GiB and
 * one L1 per 2 MiB block the region [v_start, v_end) touches. */
#include "helpers.h"
#include <asm/pv/dom-layout.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

#define VB      0xffffffff80000000ull   /* Linux's VIRT_BASE */
#define P2M_LOW 0x0000008000000000ull   /* Linux's INIT_P2M */

static struct elf_dom_info elf;
static struct dom_layout_in in;
static struct dom_layout out;
static const char *why;

static void kernel(uint64_t virt_base, uint64_t kstart, uint64_t kend)
{
	elf.virt_base = virt_base;
	elf.virt_kstart = kstart;
	elf.virt_kend = kend;
	elf.entry = kstart;
}

static void init_p2m(uint64_t gva)
{
	elf.has_init_p2m = true;
	elf.init_p2m = gva;
}

static int setup(void **state)
{
	memset(&elf, 0, sizeof(elf));
	memset(&out, 0xa5, sizeof(out));
	in = (struct dom_layout_in){
		.elf = &elf, .nr_pages = 0x20000, .nr_vcpus = 1,
	};
	why = "unset";
	return 0;
}

static int compute(void)
{
	return dom_layout_compute(&in, &out, &why);
}

static void expect_region(const struct dom_region *r, uint64_t gva, uint64_t pfn,
			  uint64_t nr)
{
	assert_int_equal(r->gva, gva);
	assert_int_equal(r->pfn, pfn);
	assert_int_equal(r->nr_pages, nr);
}

static void expect_absent(const struct dom_region *r)
{
	expect_region(r, 0, 0, 0);
}

static void expect_tables(uint64_t l3, uint64_t l2, uint64_t l1)
{
	assert_int_equal(out.nr_l4, 1);
	assert_int_equal(out.nr_l3, l3);
	assert_int_equal(out.nr_l2, l2);
	assert_int_equal(out.nr_l1, l1);
	assert_int_equal(out.nr_pt_frames, 1 + l3 + l2 + l1);
}

static void expect_reject(int want, const char *reason)
{
	static const struct dom_layout zero;

	assert_int_equal(compute(), want);
	assert_non_null(why);
	if (!strstr(why, reason))
		fail_msg("reason \"%s\" lacks \"%s\"", why, reason);
	assert_memory_equal(&out, &zero, sizeof(out));
}

/* Linux 6.1 as a domU (ABI-NOTES 1.2-1.3): VIRT_BASE 0xffffffff80000000,
 * image 0xffffffff81000000-0xffffffff84a00000, INIT_P2M 512 GiB.
 *   kernel      pfn 0x1000, 0x3a00 pages (0x3a00000 bytes)
 *   start_info  pfn 0x4a00; xenstore 0x4a01; console 0x4a02
 *   tables from pfn 0x4a03. Try 4: stack 0x4a07, ends at byte 0x4a08000,
 *     rounds to 0x4c00000 (gap 0x1f8000 >= 512K): v_end VB + 0x4c00000,
 *     which needs 1 + 1 L3 + 1 L2 + 0x4c00000 / 2M = 38 L1 = 41 tables.
 *   Try 41: stack pfn 0x4a2c, ends 0x4a2d000 -> same v_end: 41 fits.
 *   region 0x4c00 pages. p2m: 0x20000 * 8 = 1 MiB = 256 pages at pfn
 *   0x4c00, its tables at 0x4d00: an L3 (L4 slot 1 is new), an L2, an L1.
 *   used 0x4c00 + 256 + 3 = 0x4d03. */
static void test_linux_domu(void **state)
{
	kernel(VB, 0xffffffff81000000ull, 0xffffffff84a00000ull);
	init_p2m(P2M_LOW);
	elf.mod_start_pfn = true;
	assert_int_equal(compute(), 0);
	assert_null(why);
	assert_int_equal(out.v_start, VB);
	assert_int_equal(out.v_end, 0xffffffff84c00000ull);
	assert_int_equal(out.nr_bootstrap_pages, 0x4c00);
	expect_region(&out.kernel, 0xffffffff81000000ull, 0x1000, 0x3a00);
	expect_absent(&out.initrd);
	expect_region(&out.start_info, 0xffffffff84a00000ull, 0x4a00, 1);
	expect_region(&out.xenstore, 0xffffffff84a01000ull, 0x4a01, 1);
	expect_region(&out.console, 0xffffffff84a02000ull, 0x4a02, 1);
	expect_region(&out.page_tables, 0xffffffff84a03000ull, 0x4a03, 41);
	expect_region(&out.stack, 0xffffffff84a2c000ull, 0x4a2c, 1);
	expect_tables(1, 1, 38);
	assert_true(out.p2m_relocated);
	expect_region(&out.p2m, P2M_LOW, 0x4c00, 256);
	expect_region(&out.p2m_tables, 0, 0x4d00, 3);
	assert_int_equal(out.nr_p2m_l3, 1);
	assert_int_equal(out.nr_p2m_l2, 1);
	assert_int_equal(out.nr_p2m_l1, 1);
	assert_int_equal(out.first_p2m_pfn, 0x4c00);
	assert_int_equal(out.nr_p2m_frames, 259);
	assert_int_equal(out.nr_pages_used, 0x4d03);
	assert_int_equal(out.pt_base, 0xffffffff84a03000ull);
	assert_int_equal(out.mfn_list, P2M_LOW);
	assert_int_equal(out.mod_start, 0);
	assert_int_equal(out.mod_len, 0);
	assert_false(out.mod_start_is_pfn);
	assert_int_equal(out.start_info_gva, 0xffffffff84a00000ull);
	assert_int_equal(out.stack_top, 0xffffffff84a2d000ull);
}

/* The same kernel in exactly enough memory. With N pages the region stays
 * 0x4c00 pages and the p2m takes ceil(N / 512) + 3 frames: N = 19498
 * needs 19456 + 39 + 3 = 19498 (fits); N = 19497 still needs 39 data
 * pages, so 19498 > 19497. And 64 MiB cannot hold a 74 MiB image. */
static void test_linux_exact_fit(void **state)
{
	kernel(VB, 0xffffffff81000000ull, 0xffffffff84a00000ull);
	init_p2m(P2M_LOW);
	in.nr_pages = 19498;
	assert_int_equal(compute(), 0);
	assert_int_equal(out.nr_pages_used, 19498);
	assert_int_equal(out.nr_p2m_frames, 42);
	in.nr_pages = 19497;
	expect_reject(-ENOMEM, "do not fit");
	in.nr_pages = 0x4000;
	expect_reject(-ENOMEM, "do not fit");
}

/* dom0, 1 MiB kernel at VIRT_BASE, p2m in the region; N pages.
 *   N = 1024: p2m 8192 bytes = 2 pages at pfn 0x100; start_info 0x102;
 *   tables from 0x103: try 4 -> stack ends 0x108000, v_end VB + 4 MiB,
 *   needs 1 + 1 + 1 + 2 = 5; try 5 -> stack pfn 0x108, same end. Region
 *   1024 pages = N: fits exactly. N = 1023: the p2m is still 2 pages
 *   (8184 bytes), 1024 > 1023. N = 1025: 3 p2m pages, all moves by one,
 *   the region is still 1024 pages. */
static void test_dom0_exact_fit(void **state)
{
	kernel(VB, VB, VB + 0x100000);
	in.initial_domain = true;
	in.nr_pages = 1024;
	assert_int_equal(compute(), 0);
	expect_region(&out.kernel, VB, 0, 0x100);
	expect_region(&out.p2m, VB + 0x100000, 0x100, 2);
	expect_region(&out.start_info, VB + 0x102000, 0x102, 1);
	expect_absent(&out.xenstore);
	expect_absent(&out.console);
	expect_region(&out.page_tables, VB + 0x103000, 0x103, 5);
	expect_region(&out.stack, VB + 0x108000, 0x108, 1);
	expect_tables(1, 1, 2);
	assert_int_equal(out.v_end, VB + 0x400000);
	assert_int_equal(out.nr_pages_used, 1024);
	assert_false(out.p2m_relocated);
	assert_int_equal(out.mfn_list, VB + 0x100000);
	assert_int_equal(out.first_p2m_pfn, 0);
	assert_int_equal(out.nr_p2m_frames, 0);
	assert_int_equal(out.stack_top, VB + 0x109000);

	in.nr_pages = 1023;
	expect_reject(-ENOMEM, "do not fit");

	in.nr_pages = 1025;
	assert_int_equal(compute(), 0);
	expect_region(&out.p2m, VB + 0x100000, 0x100, 3);
	expect_region(&out.page_tables, VB + 0x104000, 0x104, 5);
	expect_region(&out.stack, VB + 0x109000, 0x109, 1);
	assert_int_equal(out.nr_pages_used, 1024);
}

/* The padding rule at its edge: dom0, p2m at INIT_P2M, N = 4096 (p2m: 8
 * pages + L3, L2, L1). K kernel pages from VIRT_BASE, start_info at K,
 * tables from K + 1.
 *   K = 889: try 4 -> stack ends at page 895, gap 129 pages: v_end 4 MiB,
 *   needs 5; try 5 -> stack pfn 895 ends at page 896 = 0x380000, gap
 *   exactly 512 KiB: no extra 4 MiB. Region 1024 pages.
 *   K = 890: try 5 -> stack ends at page 897, gap 127 pages < 128: v_end
 *   8 MiB, needs 1 + 1 + 1 + 4 = 7; try 7 -> stack pfn 898, ends at 899,
 *   v_end 8 MiB. Region 2048 pages. */
static void test_padding_edge(void **state)
{
	in.initial_domain = true;
	in.nr_pages = 4096;
	init_p2m(P2M_LOW);

	kernel(VB, VB, VB + 889 * 4096ull);
	assert_int_equal(compute(), 0);
	expect_region(&out.start_info, VB + 0x379000, 0x379, 1);
	expect_region(&out.page_tables, VB + 0x37a000, 0x37a, 5);
	expect_region(&out.stack, VB + 0x37f000, 0x37f, 1);
	assert_int_equal(out.stack_top, VB + 0x380000);
	assert_int_equal(out.v_end, VB + 0x400000);
	assert_int_equal(out.v_end - out.stack_top, DOM_LAYOUT_MIN_PAD);
	expect_tables(1, 1, 2);
	expect_region(&out.p2m, P2M_LOW, 0x400, 8);
	expect_region(&out.p2m_tables, 0, 0x408, 3);
	assert_int_equal(out.nr_pages_used, 1024 + 11);

	kernel(VB, VB, VB + 890 * 4096ull);
	assert_int_equal(compute(), 0);
	expect_region(&out.start_info, VB + 0x37a000, 0x37a, 1);
	expect_region(&out.page_tables, VB + 0x37b000, 0x37b, 7);
	expect_region(&out.stack, VB + 0x382000, 0x382, 1);
	assert_int_equal(out.v_end, VB + 0x800000);
	expect_tables(1, 1, 4);
	expect_region(&out.p2m, P2M_LOW, 0x800, 8);
	assert_int_equal(out.nr_pages_used, 2048 + 11);
}

/* domU, 2 MiB kernel at VB + 16 MiB, 1 MiB + 1 byte initrd mapped, p2m in
 * the region for N = 0x10000 (512 KiB = 0x80 pages):
 *   kernel pfn 0x1000 x 0x200; initrd 0x1200 x 0x101; p2m 0x1301 x 0x80;
 *   start_info 0x1381, xenstore 0x1382, console 0x1383, tables 0x1384.
 *   Try 4: stack ends at page 0x1389 (0x1389000), rounds to 0x1400000
 *   with a gap of 0x77000 < 512K: v_end VB + 0x1800000, 12 L1s, 15
 *   tables. Try 15: stack pfn 0x1393, ends 0x1394000, gap 0x6c000: same.
 *   Region 0x1800 pages. */
static void test_domu_mapped_initrd(void **state)
{
	kernel(VB, VB + 0x1000000, VB + 0x1200000);
	in.initrd_len = 0x100001;
	in.nr_pages = 0x10000;
	assert_int_equal(compute(), 0);
	expect_region(&out.kernel, VB + 0x1000000, 0x1000, 0x200);
	expect_region(&out.initrd, VB + 0x1200000, 0x1200, 0x101);
	expect_region(&out.p2m, VB + 0x1301000, 0x1301, 0x80);
	expect_region(&out.start_info, VB + 0x1381000, 0x1381, 1);
	expect_region(&out.xenstore, VB + 0x1382000, 0x1382, 1);
	expect_region(&out.console, VB + 0x1383000, 0x1383, 1);
	expect_region(&out.page_tables, VB + 0x1384000, 0x1384, 15);
	expect_region(&out.stack, VB + 0x1393000, 0x1393, 1);
	expect_tables(1, 1, 12);
	assert_int_equal(out.v_end, VB + 0x1800000);
	assert_int_equal(out.nr_pages_used, 0x1800);
	assert_int_equal(out.mod_start, VB + 0x1200000);
	assert_int_equal(out.mod_len, 0x100001);
	assert_false(out.mod_start_is_pfn);
	assert_int_equal(out.mfn_list, VB + 0x1301000);
	assert_int_equal(out.stack_top, VB + 0x1394000);
}

/* As above, initrd by pfn (MOD_START_PFN): p2m 0x1200 x 0x80; start_info
 * 0x1280..console 0x1282; tables 0x1283. Try 4: stack ends at page
 * 0x1288, gap 0x178000: v_end VB + 0x1400000, 10 L1s, 13 tables; try
 * 13: stack pfn 0x1290, same end. Region 0x1400 pages; the initrd takes
 * the next 0x101 frames, mod_start = 0x1400. */
static void test_domu_initrd_by_pfn(void **state)
{
	kernel(VB, VB + 0x1000000, VB + 0x1200000);
	elf.mod_start_pfn = true;
	in.initrd_len = 0x100001;
	in.initrd_by_pfn = true;
	in.nr_pages = 0x10000;
	assert_int_equal(compute(), 0);
	expect_region(&out.p2m, VB + 0x1200000, 0x1200, 0x80);
	expect_region(&out.start_info, VB + 0x1280000, 0x1280, 1);
	expect_region(&out.console, VB + 0x1282000, 0x1282, 1);
	expect_region(&out.page_tables, VB + 0x1283000, 0x1283, 13);
	expect_region(&out.stack, VB + 0x1290000, 0x1290, 1);
	expect_tables(1, 1, 10);
	assert_int_equal(out.v_end, VB + 0x1400000);
	expect_region(&out.initrd, 0, 0x1400, 0x101);
	assert_int_equal(out.mod_start, 0x1400);
	assert_true(out.mod_start_is_pfn);
	assert_int_equal(out.nr_pages_used, 0x1501);
	/* By pfn with no initrd: nothing to place. */
	in.initrd_len = 0;
	assert_int_equal(compute(), 0);
	expect_absent(&out.initrd);
	assert_false(out.mod_start_is_pfn);
	assert_int_equal(out.mod_start, 0);
	/* Not offered by the kernel: refused. */
	in.initrd_len = 1;
	elf.mod_start_pfn = false;
	expect_reject(-EINVAL, "MOD_START_PFN");
}

/* A region across a 512 GiB and a 1 GiB boundary: dom0 with VIRT_BASE
 * 0x7fffe00000 (2 MiB below 512 GiB), 2 MiB kernel, N = 0x200000 (p2m
 * 16 MiB = 0x1000 pages at pfn 0x200 = 0x8000000000); start_info 0x1200,
 * tables 0x1201 (gva 0x8001001000). Try 4: stack ends at 0x8001006000,
 * v_end 0x8001400000; L3s for slots 0 and 1, L2s for GiB 0x1ff and 0x200,
 * L1s for 2 MiB blocks 0x3ffff..0x40009 = 11: 16 tables. Try 16: stack
 * pfn 0x1211, same end. Region 0x1600000 bytes = 0x1600 pages. */
static void test_crossing_boundaries(void **state)
{
	kernel(0x7fffe00000ull, 0x7fffe00000ull, 0x8000000000ull);
	in.initial_domain = true;
	in.nr_pages = 0x200000;
	assert_int_equal(compute(), 0);
	expect_region(&out.kernel, 0x7fffe00000ull, 0, 0x200);
	expect_region(&out.p2m, 0x8000000000ull, 0x200, 0x1000);
	expect_region(&out.start_info, 0x8001000000ull, 0x1200, 1);
	expect_region(&out.page_tables, 0x8001001000ull, 0x1201, 16);
	expect_region(&out.stack, 0x8001011000ull, 0x1211, 1);
	expect_tables(2, 2, 11);
	assert_int_equal(out.v_end, 0x8001400000ull);
	assert_int_equal(out.nr_bootstrap_pages, 0x1600);
}

/* INIT_P2M right after the region shares its L3 and L2 (same 512 GiB
 * slot, same GiB) and needs one new L1: 256 data pages in one 2 MiB. */
static void test_p2m_shares_tables(void **state)
{
	kernel(VB, 0xffffffff81000000ull, 0xffffffff84a00000ull);
	init_p2m(0xffffffff84c00000ull);
	assert_int_equal(compute(), 0);
	assert_int_equal(out.v_end, 0xffffffff84c00000ull);
	assert_int_equal(out.nr_p2m_l3, 0);
	assert_int_equal(out.nr_p2m_l2, 0);
	assert_int_equal(out.nr_p2m_l1, 1);
	assert_int_equal(out.nr_p2m_frames, 257);
	/* One page earlier it overlaps the region. */
	init_p2m(0xffffffff84bff000ull);
	expect_reject(-EINVAL, "overlaps the bootstrap region");
	/* Below the region, ending on its first byte: fine. */
	init_p2m(VB - 0x100000);
	assert_int_equal(compute(), 0);
	assert_int_equal(out.nr_p2m_l1, 1);
	init_p2m(VB - 0xff000);
	expect_reject(-EINVAL, "overlaps the bootstrap region");
}

static void test_init_p2m_bad(void **state)
{
	static const struct { uint64_t gva; const char *why; } bad[] = {
		{ P2M_LOW + 0x800, "not page aligned" },
		{ P2M_LOW + 1, "not page aligned" },
		{ 0xffff800000000000ull, "non-canonical hole or Xen's range" },
		{ 0xffff87fffff00000ull, "non-canonical hole or Xen's range" },
		{ 0x00007ffffffff000ull, "non-canonical hole or Xen's range" },
		{ 0x0000800000000000ull, "non-canonical hole or Xen's range" },
		{ 0xfffffffffffff000ull, "wraps" },
	};

	kernel(VB, 0xffffffff81000000ull, 0xffffffff84a00000ull);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		init_p2m(bad[i].gva);
		expect_reject(-EINVAL, bad[i].why);
	}
	/* Ending exactly at the hole, or starting right after Xen's range. */
	init_p2m(0x00007ffffff00000ull);   /* 256 pages */
	assert_int_equal(compute(), 0);
	init_p2m(0xffff880000000000ull);
	assert_int_equal(compute(), 0);
	init_p2m(0);
	assert_int_equal(compute(), 0);
}

/* The region against the hole and Xen's range: a 1-page dom0 kernel with
 * the p2m elsewhere needs start_info, 5 tables and a stack, 8 pages. */
static void test_region_bounds(void **state)
{
	static const struct { uint64_t vb; int rc; } cases[] = {
		/* v_end = 0x800000000000 exactly: allowed. */
		{ 0x00007fffffc00000ull, 0 },
		/* 512 KiB below: 8 pages leave 0x79000 < 512 KiB: +4 MiB. */
		{ 0x00007ffffff80000ull, -EINVAL },
		{ 0x0000800000000000ull, -EINVAL },
		{ 0xffff800000000000ull, -EINVAL },
		{ 0xffff87ffffe00000ull, -EINVAL },
		{ 0xffff880000000000ull, 0 },
		{ 0, 0 },
	};

	in.initial_domain = true;
	init_p2m(0x100000000000ull);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		kernel(cases[i].vb, cases[i].vb, cases[i].vb + 4096);
		if (cases[i].rc)
			expect_reject(cases[i].rc, "non-canonical hole or Xen's range");
		else
			assert_int_equal(compute(), 0);
	}
	assert_int_equal(out.v_end, 0x400000);
	/* The top 4 MiB: the end would be 2^64. */
	kernel(0xffffffffffc00000ull, 0xffffffffffc00000ull, 0xffffffffffc01000ull);
	expect_reject(-EINVAL, "wraps");
}

static void test_overflows(void **state)
{
	kernel(VB, 0xffffffff81000000ull, 0xffffffff84a00000ull);
	/* A 2 GiB p2m list (1 TiB of memory) in the region passes 2^64. */
	in.nr_pages = 0x10000000;
	expect_reject(-EINVAL, "wraps");
	in.nr_pages = 0x20000;
	in.initrd_len = UINT64_MAX;
	expect_reject(-EINVAL, "wraps");
	in.initrd_len = 0;
	in.nr_pages = 1ull << 62;
	expect_reject(-EINVAL, "nr_pages too large");
	in.nr_pages = 0x20000;
	/* The image's last page at the very top. */
	kernel(VB, 0xfffffffffffff000ull, UINT64_MAX);
	expect_reject(-EINVAL, "wraps");
}

static void test_bad_input(void **state)
{
	kernel(VB, 0xffffffff81000000ull, 0xffffffff84a00000ull);
	init_p2m(P2M_LOW);
	in.nr_vcpus = 0;
	expect_reject(-EINVAL, "vCPU");
	in.nr_vcpus = DOM_LAYOUT_MAX_VCPUS + 1;
	expect_reject(-EINVAL, "vCPU");
	in.nr_vcpus = DOM_LAYOUT_MAX_VCPUS;
	assert_int_equal(compute(), 0);
	in.nr_pages = 0;
	expect_reject(-ENOMEM, "no memory");
	in.nr_pages = 0x20000;
	kernel(VB + 0x800, 0xffffffff81000000ull, 0xffffffff84a00000ull);
	expect_reject(-EINVAL, "VIRT_BASE not page aligned");
	kernel(0xffffffff81001000ull, 0xffffffff81000000ull, 0xffffffff84a00000ull);
	expect_reject(-EINVAL, "below VIRT_BASE");
	kernel(VB, 0xffffffff81000000ull, 0xffffffff81000000ull);
	expect_reject(-EINVAL, "empty");
	in.elf = NULL;
	expect_reject(-EINVAL, "no ELF");
}

/* Xen's dom0 builder refuses a kernel whose SUPPORTED_FEATURES lacks dom0;
 * libxenguest refuses to run one that requires dom0 as a domU. */
static void test_role(void **state)
{
	kernel(VB, 0xffffffff81000000ull, 0xffffffff84a00000ull);
	init_p2m(P2M_LOW);
	in.initial_domain = true;
	assert_int_equal(compute(), 0);            /* no note: fine */
	elf.has_supported_features = true;
	elf.features_supported = 1u << XENFEAT_writable_page_tables;
	expect_reject(-EINVAL, "dom0 operation");
	elf.features_supported |= 1u << XENFEAT_dom0;
	assert_int_equal(compute(), 0);
	elf.features_required = 1u << XENFEAT_dom0;
	assert_int_equal(compute(), 0);
	in.initial_domain = false;
	expect_reject(-EINVAL, "requires dom0");
	elf.features_required = 0;
	assert_int_equal(compute(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_linux_domu, setup),
		cmocka_unit_test_setup(test_linux_exact_fit, setup),
		cmocka_unit_test_setup(test_dom0_exact_fit, setup),
		cmocka_unit_test_setup(test_padding_edge, setup),
		cmocka_unit_test_setup(test_domu_mapped_initrd, setup),
		cmocka_unit_test_setup(test_domu_initrd_by_pfn, setup),
		cmocka_unit_test_setup(test_crossing_boundaries, setup),
		cmocka_unit_test_setup(test_p2m_shares_tables, setup),
		cmocka_unit_test_setup(test_init_p2m_bad, setup),
		cmocka_unit_test_setup(test_region_bounds, setup),
		cmocka_unit_test_setup(test_overflows, setup),
		cmocka_unit_test_setup(test_bad_input, setup),
		cmocka_unit_test_setup(test_role, setup),
	};

	return RUN(tests);
}
