/* SPDX-License-Identifier: GPL-2.0 */
/* The PV domain builder: from an ELF kernel with Xen notes to a vCPU ready
 * to run at the entry point, with the start-of-day layout the ABI defines
 * (elf.c parses, dom-layout.c places, this file fills the frames). */
#include <asm/page.h>
#include <asm/pv/dom-layout.h>
#include <asm/pv/mm.h>
#include <asm/pv/pv.h>
#include <public/xen.h>
#include <xeno/arch-domain.h>
#include <xeno/arch-mm.h>
#include <xeno/console.h>
#include <xeno/domain.h>
#include <xeno/elf.h>
#include <xeno/errno.h>
#include <xeno/lib.h>
#include <xeno/mm.h>
#include <xeno/page-type.h>
#include <xeno/printk.h>

#define PAGE_DATA  (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)
#define PAGE_TABLE_RO (PTE_P | PTE_US | PTE_A)
#define PAGE_DIR   (PTE_P | PTE_RW | PTE_US | PTE_A)

struct builder {
	struct domain *d;
	const struct dom_layout *l;
	uint64_t *p2m;            /* pfn -> mfn, our copy */
	uint64_t nr_pages;
	uint64_t next_l3, next_l2, next_l1;   /* next free table pfn per level */
	uint64_t end_l3, end_l2, end_l1;
};

static void *pfn_ptr(const struct builder *b, uint64_t pfn)
{
	return __va(b->p2m[pfn] << PAGE_SHIFT);
}

static uint64_t gva_to_pfn(const struct builder *b, uint64_t gva)
{
	return (gva - b->l->v_start) >> PAGE_SHIFT;
}

/* Copy len bytes to guest-virtual gva inside the bootstrap region (src
 * NULL: zero-fill), page by page through the direct map. */
static void copy_in(const struct builder *b, uint64_t gva, const void *src, uint64_t len)
{
	while (len) {
		uint64_t off = gva & (PAGE_SIZE - 1);
		uint64_t n = MIN(len, PAGE_SIZE - off);
		char *dst = (char *)pfn_ptr(b, gva_to_pfn(b, gva)) + off;

		if (src) {
			memcpy(dst, src, n);
			src = (const char *)src + n;
		} else {
			memset(dst, 0, n);
		}
		gva += n;
		len -= n;
	}
}

static void copy_to_pfns(const struct builder *b, uint64_t pfn, const void *src, uint64_t len)
{
	for (uint64_t off = 0; off < len; off += PAGE_SIZE, pfn++)
		memcpy(pfn_ptr(b, pfn), (const char *)src + off, MIN(PAGE_SIZE, len - off));
}

static int next_table(uint64_t *next, uint64_t end, uint64_t *pfn)
{
	if (*next >= end)
		return -EINVAL;   /* the layout counted fewer tables: our bug */
	*pfn = (*next)++;
	return 0;
}

/* Map one page gva -> pfn, creating L3/L2/L1 tables from the pools. */
static int map_one(struct builder *b, uint64_t *l4, uint64_t gva, uint64_t pfn, uint64_t flags)
{
	uint64_t *tab = l4, t;
	uint64_t *next[3] = { &b->next_l3, &b->next_l2, &b->next_l1 };
	uint64_t end[3] = { b->end_l3, b->end_l2, b->end_l1 };
	unsigned int shift[3] = { L4_SHIFT, L3_SHIFT, L2_SHIFT };

	for (int lvl = 0; lvl < 3; lvl++) {
		uint64_t *e = &tab[pt_index(gva, shift[lvl])];

		if (!(*e & PTE_P)) {
			if (next_table(next[lvl], end[lvl], &t))
				return -EINVAL;
			*e = (b->p2m[t] << PAGE_SHIFT) | PAGE_DIR;
		}
		tab = __va(*e & PTE_ADDR);
	}
	tab[pt_index(gva, L1_SHIFT)] = (b->p2m[pfn] << PAGE_SHIFT) | flags;
	return 0;
}

static bool pfn_is_table(const struct builder *b, uint64_t pfn)
{
	const struct dom_region *pt = &b->l->page_tables;

	return pfn >= pt->pfn && pfn < pt->pfn + pt->nr_pages;
}

/* Fill the initial page tables the layout reserved: every bootstrap page
 * mapped at v_start + pfn * 4K (the tables themselves read-only, as a PV
 * guest may never write a live table), then, if the kernel asked for its
 * p2m list at INIT_P2M, that list with tables of its own. Tables are
 * handed out in order from the layout's L3/L2/L1 ranges; running past a
 * range means layout and builder disagree (-EINVAL). */
static int build_page_tables(struct builder *b, uint64_t *l4)
{
	const struct dom_layout *l = b->l;
	uint64_t pt = l->page_tables.pfn;
	int rc = 0;

	b->next_l3 = pt + l->nr_l4;
	b->end_l3 = b->next_l3 + l->nr_l3;
	b->next_l2 = b->end_l3;
	b->end_l2 = b->next_l2 + l->nr_l2;
	b->next_l1 = b->end_l2;
	b->end_l1 = b->next_l1 + l->nr_l1;
	for (uint64_t pfn = 0; pfn < l->nr_bootstrap_pages && !rc; pfn++)
		rc = map_one(b, l4, l->v_start + (pfn << PAGE_SHIFT), pfn,
			     pfn_is_table(b, pfn) ? PAGE_TABLE_RO : PAGE_DATA);
	if (rc || !l->p2m_relocated)
		return rc;
	/* INIT_P2M: the list at the guest's address, own L3/L2/L1 tables. */
	b->next_l3 = l->p2m_tables.pfn;
	b->end_l3 = b->next_l3 + l->nr_p2m_l3;
	b->next_l2 = b->end_l3;
	b->end_l2 = b->next_l2 + l->nr_p2m_l2;
	b->next_l1 = b->end_l2;
	b->end_l1 = b->next_l1 + l->nr_p2m_l1;
	for (uint64_t i = 0; i < l->p2m.nr_pages && !rc; i++)
		rc = map_one(b, l4, l->p2m.gva + (i << PAGE_SHIFT), l->p2m.pfn + i, PAGE_DATA);
	return rc;
}

/* 32-byte stubs per hypercall: push rcx; push r11; mov $i, %eax;
 * syscall; pop r11; pop rcx; ret. iret (23) pushes rax too and does not
 * come back. */
static void fill_hypercall_page(uint8_t *page)
{
	memset(page, 0xcc, PAGE_SIZE);
	for (unsigned int i = 0; i < PAGE_SIZE / 32; i++) {
		uint8_t *s = page + i * 32;

		if (i == __HYPERVISOR_iret) {
			static const uint8_t iret_stub[] = { 0x51, 0x41, 0x53, 0x50, 0xb8, 23, 0, 0, 0, 0x0f, 0x05 };

			memcpy(s, iret_stub, sizeof(iret_stub));
			continue;
		}
		s[0] = 0x51; s[1] = 0x41; s[2] = 0x53;
		s[3] = 0xb8; memcpy(&s[4], &i, 4);
		s[8] = 0x0f; s[9] = 0x05;
		s[10] = 0x41; s[11] = 0x5b; s[12] = 0x59; s[13] = 0xc3;
	}
}

/* start_info, the page the guest finds at rsi on entry: where its tables,
 * p2m list, initrd and shared_info are, and its command line. */
static void fill_start_info(struct builder *b, const struct domain_build_args *a)
{
	const struct dom_layout *l = b->l;
	struct domain *d = b->d;
	struct start_info *si = pfn_ptr(b, l->start_info.pfn);

	memset(si, 0, PAGE_SIZE);
	strlcpy(si->magic, "xen-3.0-x86_64", sizeof(si->magic));
	si->nr_pages = b->nr_pages;
	si->shared_info = d->shared_info_mfn << PAGE_SHIFT;
	si->flags = d->is_privileged ? SIF_PRIVILEGED | SIF_INITDOMAIN : 0;
	if (l->mod_start_is_pfn)
		si->flags |= SIF_MOD_START_PFN;
	/* No xenstore yet: port 0 sends Linux down its no-xenstore path. */
	si->store_mfn = 0;
	si->store_evtchn = 0;
	if (!d->is_privileged) {
		si->console.domU.mfn = b->p2m[l->console.pfn];
		si->console.domU.evtchn = d->console_port;
	}
	si->pt_base = l->pt_base;
	si->nr_pt_frames = l->nr_pt_frames;
	si->mfn_list = l->mfn_list;
	si->mod_start = l->mod_start;
	si->mod_len = l->mod_len;
	strlcpy((char *)si->cmd_line, a->cmdline ? a->cmdline : "", sizeof(si->cmd_line));
	si->first_p2m_pfn = l->first_p2m_pfn;
	si->nr_p2m_frames = l->nr_p2m_frames;
}

/* Every frame of the domain, one at a time (the guest needs no machine
 * contiguity); b->p2m[pfn] is the machine frame of pfn, mirrored in the
 * M2P. On failure the frames taken so far stay the domain's and go back
 * with it (domain_destroy_unstarted). */
static int alloc_memory(struct builder *b)
{
	struct domain *d = b->d;

	b->p2m = xzalloc(b->nr_pages * sizeof(uint64_t));
	if (!b->p2m)
		return -ENOMEM;
	d->max_pages = b->nr_pages;   /* raised to max_pages once built */
	for (uint64_t pfn = 0; pfn < b->nr_pages; pfn++) {
		if (domain_alloc_frames(d, 0, &b->p2m[pfn]))
			return -ENOMEM;
		arch_set_gpfn_from_mfn(b->p2m[pfn], pfn);
	}
	return 0;
}

/* The PT_LOAD segments at their addresses: file bytes, then zeroes up to
 * memsz. elf_dom_parse has checked every range against the image and the
 * layout placed them inside the bootstrap pages. */
static void load_kernel(struct builder *b, const struct elf_dom_info *e, const void *image)
{
	for (unsigned int i = 0; i < e->nr_segments; i++) {
		const struct elf_segment *s = &e->segments[i];

		copy_in(b, s->gva, (const char *)image + s->offset, s->filesz);
		copy_in(b, s->gva + s->filesz, NULL, s->memsz - s->filesz);
	}
}

static int fail(struct domain *d, int rc, const char *what, const char *why)
{
	printk(XENLOG_ERR "domain %u: %s: %s; not started\n", d->domain_id, what,
	       why ? why : "error");
	return rc;
}

/* The steps, each of which can refuse the domain with one line saying why:
 *   1. the kernel image: a Xen PV ELF (elf_dom_parse), fit for this role;
 *   2. the layout of the bootstrap area (dom-layout.c: kernel, initrd,
 *      p2m list, start_info, console, page tables, stack, in that order);
 *   3. the domain's memory, then its initial page tables;
 *   4. the contents: kernel, initrd, p2m list, console ring, start_info,
 *      hypercall page;
 *   5. the page tables typed and pinned exactly as a guest pin would, so
 *      the type counts are the ones MMUEXT_UNPIN_TABLE later expects;
 *   6. vCPU 0 at the ELF entry, rsi = start_info, rsp = the stack top.
 * Nothing runs until the caller wakes vCPU 0. */
int arch_build_domain(struct domain *d, const struct domain_build_args *a)
{
	struct elf_dom_info *e = xzalloc(sizeof(*e));
	struct dom_layout *l = xzalloc(sizeof(*l));
	struct builder b = { .d = d, .l = l, .nr_pages = a->nr_pages };
	struct pgt_ctx ctx = pv_ctx(d);
	const char *why = NULL;
	uint64_t l4_mfn;
	int rc;

	if (!e || !l) {
		rc = fail(d, -ENOMEM, "builder", "out of memory");
		goto out;
	}
	rc = elf_dom_parse(a->kernel, a->kernel_len, e, &why);
	if (rc) {
		rc = fail(d, rc, "kernel image refused", why);
		goto out;
	}
	if (d->is_privileged ? !elf_dom_supports_dom0(e) : !elf_dom_supports_domu(e)) {
		rc = fail(d, -EINVAL, "kernel image refused",
			  d->is_privileged ? "kernel cannot run as dom0" : "kernel requires dom0");
		goto out;
	}
	{
		struct dom_layout_in in = {
			.elf = e, .initrd_len = a->initrd_len,
			.initrd_by_pfn = a->initrd_len && e->mod_start_pfn,
			.nr_pages = a->nr_pages, .nr_vcpus = d->max_vcpus,
			.initial_domain = d->is_privileged,
		};

		rc = dom_layout_compute(&in, l, &why);
		if (rc) {
			rc = fail(d, rc, "layout", why);
			goto out;
		}
	}
	rc = alloc_memory(&b);
	if (rc) {
		rc = fail(d, rc, "memory", "not enough free frames for the domain");
		goto out;
	}
	l4_mfn = b.p2m[l->page_tables.pfn];
	rc = build_page_tables(&b, __va(l4_mfn << PAGE_SHIFT));
	if (rc) {
		rc = fail(d, rc, "page tables", "layout and tables disagree");
		goto out;
	}
	load_kernel(&b, e, a->kernel);
	if (a->initrd_len) {
		if (l->mod_start_is_pfn)
			copy_to_pfns(&b, l->initrd.pfn, a->initrd, a->initrd_len);
		else
			copy_in(&b, l->initrd.gva, a->initrd, a->initrd_len);
	}
	for (uint64_t i = 0; i < l->p2m.nr_pages; i++)
		memcpy(pfn_ptr(&b, l->p2m.pfn + i), (char *)b.p2m + i * PAGE_SIZE,
		       MIN(PAGE_SIZE, b.nr_pages * 8 - i * PAGE_SIZE));
	if (!d->is_privileged && (rc = console_attach_ring(d, b.p2m[l->console.pfn]))) {
		rc = fail(d, rc, "console", "no event channel for the console");
		goto out;
	}
	fill_start_info(&b, a);
	if (e->has_hypercall_page) {
		fill_hypercall_page(pfn_ptr(&b, gva_to_pfn(&b, e->hypercall_page)));
		d->arch.has_hypercall_page = true;
		d->arch.hypercall_page_gva = e->hypercall_page;
	}
	/* Take every reference the tables imply, exactly as pinning does;
	 * and one for CR3. A failure here is a builder bug. */
	rc = pgt_pin(&ctx, l4_mfn, PGT_l4);
	if (rc == 0 && (rc = pgt_get_page_and_type(&ctx, l4_mfn, PGT_l4)))
		pgt_unpin(&ctx, l4_mfn);
	if (rc) {
		rc = fail(d, rc, "page tables", "initial tables do not validate");
		goto out;
	}
	d->vcpu[0]->arch.kernel_cr3 = l4_mfn << PAGE_SHIFT;
	pv_init_vcpu_regs(d->vcpu[0], e->entry, l->stack_top, l->start_info_gva);
	d->vcpu[0]->initialised = true;
	if (a->max_pages > d->max_pages)
		d->max_pages = a->max_pages;   /* room to balloon up (dom0_mem=...,max:) */
	printk("domain %u: %s kernel '%s', entry %#lx, %lu MiB, %u vCPU(s)%s%s\n",
	       d->domain_id, d->is_privileged ? "privileged" : "unprivileged",
	       e->guest_os, e->entry, (b.nr_pages << PAGE_SHIFT) >> 20, d->max_vcpus,
	       a->initrd_len ? ", initrd" : "", e->has_hypercall_page ? ", hypercall page" : "");
out:
	xfree(b.p2m);
	xfree(e);
	xfree(l);
	return rc;
}

/* XEN_DOMCTL_hypercall_init: the toolstack's builder names the frame its
 * kernel's ELF note asked for. The frame must be d's and writable. */
int arch_hypercall_page_init(struct domain *d, uint64_t mfn)
{
	uint8_t *page = arch_map_guest_page(d, mfn);

	if (!page)
		return -EINVAL;
	fill_hypercall_page(page);
	arch_unmap_guest_page(d, mfn);
	return 0;
}
