/* SPDX-License-Identifier: GPL-2.0 */
/* The 64-bit PV start-of-day layout: pure arithmetic on the ELF info and
 * the domain's size, following public/xen.h and Xen's dom0 builder. */
#include <asm/pv/dom-layout.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

#define PG           DOM_LAYOUT_PAGE_SIZE
#define L4_SHIFT     39   /* one L3 table maps 512 GiB */
#define L3_SHIFT     30   /* one L2 table maps 1 GiB */
#define L2_SHIFT     21   /* one L1 table maps 2 MiB */
#define MAX_FIXPOINT 64   /* converges in a handful of rounds */

struct layout_ctx {
	const struct dom_layout_in *in;
	const struct elf_dom_info *elf;
	struct dom_layout *out;
	uint64_t cursor;      /* next free gva in the region */
	const char *why;
};

static int fail(struct layout_ctx *c, int rc, const char *why)
{
	c->why = why;
	return rc;
}

static uint64_t pages_of(uint64_t bytes)
{
	return (bytes >> 12) + !!(bytes & (PG - 1));
}

/* Round v up to a multiple of a (a power of two); false on overflow. */
static bool align_up(uint64_t v, uint64_t a, uint64_t *out)
{
	if (__builtin_add_overflow(v, a - 1, out))
		return false;
	*out &= ~(a - 1);
	return true;
}

/* Number of naturally aligned 2^shift blocks touching [lo, hi), hi > lo. */
static uint64_t blocks(uint64_t lo, uint64_t hi, unsigned int shift)
{
	return ((hi - 1) >> shift) - (lo >> shift) + 1;
}

/* Blocks of [lo, hi) that [blo, bhi) does not already touch. */
static uint64_t new_blocks(uint64_t lo, uint64_t hi, uint64_t blo, uint64_t bhi,
			   unsigned int shift)
{
	uint64_t first = lo >> shift, last = (hi - 1) >> shift;
	uint64_t bfirst = blo >> shift, blast = (bhi - 1) >> shift;
	uint64_t shared = 0;

	if (first <= blast && bfirst <= last)
		shared = MIN(last, blast) - MAX(first, bfirst) + 1;
	return last - first + 1 - shared;
}

static bool hits_forbidden(uint64_t lo, uint64_t hi)
{
	return lo < DOM_LAYOUT_FORBIDDEN_END && hi > DOM_LAYOUT_FORBIDDEN_START;
}

/* Place nr pages at the cursor, as the next element of the region. */
static int take(struct layout_ctx *c, struct dom_region *r, uint64_t nr)
{
	uint64_t end;

	if (nr > UINT64_MAX / PG || __builtin_add_overflow(c->cursor, nr * PG, &end))
		return fail(c, -EINVAL, "bootstrap region wraps the address space");
	r->gva = c->cursor;
	r->pfn = (c->cursor - c->out->v_start) / PG;
	r->nr_pages = nr;
	c->cursor = end;
	return 0;
}

static int check_input(struct layout_ctx *c)
{
	const struct dom_layout_in *in = c->in;
	const struct elf_dom_info *elf = in->elf;

	if (!elf)
		return fail(c, -EINVAL, "no ELF information");
	if (in->nr_vcpus == 0 || in->nr_vcpus > DOM_LAYOUT_MAX_VCPUS)
		return fail(c, -EINVAL, "vCPU count out of range");
	if (in->nr_pages == 0)
		return fail(c, -ENOMEM, "domain has no memory");
	if (in->initial_domain && !elf_dom_supports_dom0(elf))
		return fail(c, -EINVAL, "kernel does not support dom0 operation (SUPPORTED_FEATURES)");
	if (!in->initial_domain && !elf_dom_supports_domu(elf))
		return fail(c, -EINVAL, "kernel requires dom0 (FEATURES !dom0)");
	if (in->initrd_len && in->initrd_by_pfn && !elf->mod_start_pfn)
		return fail(c, -EINVAL, "initrd by pfn without MOD_START_PFN");
	if (!IS_ALIGNED(elf->virt_base, PG))
		return fail(c, -EINVAL, "VIRT_BASE not page aligned");
	if (elf->virt_kstart < elf->virt_base || elf->virt_kend <= elf->virt_kstart)
		return fail(c, -EINVAL, "kernel below VIRT_BASE or empty");
	/* nr_pages * 8 bytes of p2m must be addressable. */
	if (in->nr_pages > UINT64_MAX / 8 / PG)
		return fail(c, -EINVAL, "nr_pages too large");
	return 0;
}

/* Kernel, mapped initrd, in-region p2m, start_info, xenstore, console. */
static int place_elements(struct layout_ctx *c)
{
	const struct dom_layout_in *in = c->in;
	struct dom_layout *out = c->out;
	uint64_t kstart = ALIGN_DOWN(c->elf->virt_kstart, PG), kend;
	int rc;

	if (!align_up(c->elf->virt_kend, PG, &kend))
		return fail(c, -EINVAL, "bootstrap region wraps the address space");
	c->cursor = kstart;
	rc = take(c, &out->kernel, (kend - kstart) / PG);
	if (!rc && in->initrd_len && !in->initrd_by_pfn)
		rc = take(c, &out->initrd, pages_of(in->initrd_len));
	if (!rc && !c->elf->has_init_p2m)
		rc = take(c, &out->p2m, pages_of(in->nr_pages * 8));
	if (!rc)
		rc = take(c, &out->start_info, 1);
	if (!rc && !in->initial_domain)
		rc = take(c, &out->xenstore, 1);
	if (!rc && !in->initial_domain)
		rc = take(c, &out->console, 1);
	return rc;
}

/* The region's end for n page-table pages: the stack follows them, then
 * at least 512 KiB of padding to a 4 MiB boundary (dom0_build.c's rule:
 * round up to 4 MiB, add 4 MiB if less than 512 KiB remain). */
static bool region_end(uint64_t pt_start, uint64_t n, uint64_t *v_end)
{
	uint64_t stack_end, end;

	if (n > UINT64_MAX / PG - 1 ||
	    __builtin_add_overflow(pt_start, (n + 1) * PG, &stack_end) ||
	    !align_up(stack_end, DOM_LAYOUT_END_ALIGN, &end))
		return false;
	if (end - stack_end < DOM_LAYOUT_MIN_PAD &&
	    __builtin_add_overflow(end, DOM_LAYOUT_END_ALIGN, &end))
		return false;
	*v_end = end;
	return true;
}

/*
 * The page tables are mapped inside the region they map, so their number
 * and the region's end depend on each other. Iterate n = tables(end(n))
 * from the 4-level minimum: the count never shrinks as n grows, so this
 * reaches the least fixed point, where the tables map exactly themselves.
 */
static int place_page_tables(struct layout_ctx *c)
{
	struct dom_layout *out = c->out;
	uint64_t v_start = out->v_start, pt_start = c->cursor, n = 4, v_end = 0;
	unsigned int round;

	for (round = 0; round < MAX_FIXPOINT; round++) {
		uint64_t need;

		if (!region_end(pt_start, n, &v_end))
			return fail(c, -EINVAL, "bootstrap region wraps the address space");
		need = 1 + blocks(v_start, v_end, L4_SHIFT) +
		       blocks(v_start, v_end, L3_SHIFT) +
		       blocks(v_start, v_end, L2_SHIFT);
		if (need <= n)
			break;
		n = need;
	}
	if (round == MAX_FIXPOINT)
		return fail(c, -EINVAL, "page-table count does not converge");

	out->nr_l4 = 1;
	out->nr_l3 = blocks(v_start, v_end, L4_SHIFT);
	out->nr_l2 = blocks(v_start, v_end, L3_SHIFT);
	out->nr_l1 = blocks(v_start, v_end, L2_SHIFT);
	take(c, &out->page_tables, n);   /* cannot fail: region_end checked */
	take(c, &out->stack, 1);
	out->v_end = v_end;
	out->nr_bootstrap_pages = (v_end - v_start) / PG;
	if (hits_forbidden(v_start, v_end))
		return fail(c, -EINVAL, "bootstrap region reaches the non-canonical hole or Xen's range");
	return 0;
}

/* Frames after the region: an initrd passed by pfn, then the relocated
 * p2m list's data and the tables mapping it (libxenguest's order). */
static int place_outside(struct layout_ctx *c)
{
	const struct dom_layout_in *in = c->in;
	struct dom_layout *out = c->out;
	uint64_t pfn = out->nr_bootstrap_pages, base, end, data, tables;

	if (in->initrd_len && in->initrd_by_pfn) {
		out->initrd = (struct dom_region){ 0, pfn, pages_of(in->initrd_len) };
		pfn += out->initrd.nr_pages;
	}
	if (!c->elf->has_init_p2m)
		return 0;

	base = c->elf->init_p2m;
	data = pages_of(in->nr_pages * 8);
	if (!IS_ALIGNED(base, PG))
		return fail(c, -EINVAL, "INIT_P2M not page aligned");
	if (__builtin_add_overflow(base, data * PG, &end))
		return fail(c, -EINVAL, "INIT_P2M list wraps the address space");
	if (hits_forbidden(base, end))
		return fail(c, -EINVAL, "INIT_P2M list reaches the non-canonical hole or Xen's range");
	if (base < out->v_end && end > out->v_start)
		return fail(c, -EINVAL, "INIT_P2M list overlaps the bootstrap region");

	out->nr_p2m_l3 = new_blocks(base, end, out->v_start, out->v_end, L4_SHIFT);
	out->nr_p2m_l2 = new_blocks(base, end, out->v_start, out->v_end, L3_SHIFT);
	out->nr_p2m_l1 = new_blocks(base, end, out->v_start, out->v_end, L2_SHIFT);
	tables = out->nr_p2m_l3 + out->nr_p2m_l2 + out->nr_p2m_l1;
	out->p2m_relocated = true;
	out->p2m = (struct dom_region){ base, pfn, data };
	out->p2m_tables = (struct dom_region){ 0, pfn + data, tables };
	out->first_p2m_pfn = pfn;
	out->nr_p2m_frames = data + tables;
	return 0;
}

static void fill_start_info(const struct layout_ctx *c)
{
	const struct dom_layout_in *in = c->in;
	struct dom_layout *out = c->out;

	out->pt_base = out->page_tables.gva;
	out->nr_pt_frames = out->page_tables.nr_pages;
	out->mfn_list = out->p2m.gva;
	out->mod_len = in->initrd_len;
	out->mod_start_is_pfn = in->initrd_len && in->initrd_by_pfn;
	out->mod_start = out->mod_start_is_pfn ? out->initrd.pfn : out->initrd.gva;
	out->start_info_gva = out->start_info.gva;
	out->stack_top = out->stack.gva + PG;
}

int dom_layout_compute(const struct dom_layout_in *in, struct dom_layout *out,
		       const char **why)
{
	struct layout_ctx c = { .in = in, .elf = in->elf, .out = out };
	int rc;

	memset(out, 0, sizeof(*out));
	rc = check_input(&c);
	if (!rc) {
		out->v_start = c.elf->virt_base;
		rc = place_elements(&c);
	}
	if (!rc)
		rc = place_page_tables(&c);
	if (!rc)
		rc = place_outside(&c);
	if (!rc) {
		out->nr_pages_used = out->nr_bootstrap_pages + out->nr_p2m_frames;
		if (in->initrd_len && in->initrd_by_pfn)
			out->nr_pages_used += out->initrd.nr_pages;
		if (out->nr_pages_used > in->nr_pages)
			rc = fail(&c, -ENOMEM, "kernel and bootstrap structures do not fit in the domain's memory");
	}
	if (!rc)
		fill_start_info(&c);
	if (rc)
		memset(out, 0, sizeof(*out));
	*why = rc ? c.why : NULL;
	return rc;
}
