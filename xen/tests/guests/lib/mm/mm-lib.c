/* SPDX-License-Identifier: MIT */
/* Shared helpers of the direct-paging test guests (see mm.h). */
#include "mm.h"

static uint8_t pool[MM_POOL_PAGES][PAGE_SIZE] __attribute__((aligned(4096)));

void *pool_page(unsigned int i)
{
	return pool[i];
}

unsigned long pool_mfn(unsigned int i)
{
	return virt_to_mfn(pool[i]);
}

void *mfn_to_virt(unsigned long mfn)
{
	return (void *)(GUEST_VIRT_BASE + m2p(mfn) * PAGE_SIZE);
}

uint64_t *boot_l4(void)
{
	return (uint64_t *)start_info->pt_base;
}

unsigned long boot_l4_mfn(void)
{
	return virt_to_mfn(boot_l4());
}

uint64_t l1e_maddr(unsigned long va)
{
	const uint64_t *tab = boot_l4();
	const unsigned int shift[3] = { 39, 30, 21 };

	for (unsigned int lvl = 0; lvl < 3; lvl++) {
		uint64_t e = tab[(va >> shift[lvl]) & 511];

		if (!(e & PTE_P))
			return 0;
		tab = mfn_to_virt(pte_mfn(e));
	}
	return (virt_to_mfn(tab) << 12) + L1_SLOT(va) * 8;
}

bool va_mapped(unsigned long va)
{
	uint64_t a = l1e_maddr(va);

	if (!a)
		return false;
	return ((const uint64_t *)mfn_to_virt(a >> 12))[L1_SLOT(va)] & PTE_P;
}

long set_page_rw(const volatile void *va, bool rw)
{
	uint64_t flags = rw ? PTE_RW_FLAGS : PTE_RO_FLAGS;

	return HYPERVISOR_update_va_mapping(gva(va), pte(virt_to_mfn(va), flags),
					    UVMF_INVLPG | UVMF_LOCAL);
}

long set_pool_rw(unsigned int first, unsigned int n, bool rw)
{
	for (unsigned int i = first; i < first + n; i++) {
		long rc = set_page_rw(pool[i], rw);

		if (rc)
			return rc;
	}
	return 0;
}

long mmu_update1(uint64_t ptr, uint64_t val)
{
	struct mmu_update req = { .ptr = ptr, .val = val };

	return HYPERVISOR_mmu_update(gva(&req), 1, 0, DOMID_SELF);
}

long mmuext1(unsigned int cmd, unsigned long arg1, unsigned long arg2)
{
	struct mmuext_op op = { .cmd = cmd };

	op.arg1.mfn = arg1;
	op.arg2.src_mfn = arg2;
	return HYPERVISOR_mmuext_op(gva(&op), 1, 0, DOMID_SELF);
}

long pin_table(unsigned int level, unsigned long mfn)
{
	return mmuext1(MMUEXT_PIN_L1_TABLE + level - 1, mfn, 0);
}

long unpin_table(unsigned long mfn)
{
	return mmuext1(MMUEXT_UNPIN_TABLE, mfn, 0);
}

long new_baseptr(unsigned long mfn)
{
	return mmuext1(MMUEXT_NEW_BASEPTR, mfn, 0);
}

long current_reservation(void)
{
	domid_t self = DOMID_SELF;

	return HYPERVISOR_memory_op(XENMEM_current_reservation, gva(&self));
}

long maximum_ram_page(void)
{
	return HYPERVISOR_memory_op(XENMEM_maximum_ram_page, 0);
}

static bool is_ours(unsigned long mfn)
{
	const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;
	unsigned long pfn = m2p(mfn);

	return pfn < start_info->nr_pages && p2m[pfn] == mfn;
}

unsigned long find_foreign_mfn(unsigned long *unowned)
{
	long max = maximum_ram_page();
	unsigned long foreign = 0;

	*unowned = 0;
	for (unsigned long mfn = 1; max > 0 && mfn <= (unsigned long)max; mfn++) {
		unsigned long pfn = m2p(mfn);

		if (pfn == INVALID_M2P) {
			if (!*unowned)
				*unowned = mfn;
		} else if (!foreign && !is_ours(mfn)) {
			foreign = mfn;
		}
		if (foreign && *unowned)
			break;
	}
	return foreign;
}

static long one_extent(unsigned int op, unsigned long *mfn)
{
	struct xen_memory_reservation r = { .nr_extents = 1, .domid = DOMID_SELF };

	set_xen_guest_handle(r.extent_start, mfn);
	return HYPERVISOR_memory_op(op, gva(&r));
}

unsigned long give_back_frame(void)
{
	const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;
	unsigned long pfn = start_info->nr_pages - 1, mfn = p2m[pfn];

	if (va_mapped(GUEST_VIRT_BASE + pfn * PAGE_SIZE))
		return 0;
	return one_extent(XENMEM_decrease_reservation, &mfn) == 1 ? mfn : 0;
}

long take_frame(void)
{
	unsigned long mfn = 0;

	return one_extent(XENMEM_increase_reservation, &mfn);
}

void tree_build(struct mm_tree *t, unsigned int first, unsigned long va,
		unsigned long data_mfn, uint64_t data_flags)
{
	const unsigned int slot[4] = { L4_SLOT(va), L3_SLOT(va), L2_SLOT(va), L1_SLOT(va) };

	t->first = first;
	t->va = va;
	for (unsigned int i = 0; i < 4; i++) {
		t->tab[i] = pool_page(first + i);
		t->mfn[i] = pool_mfn(first + i);
		memset(t->tab[i], 0, PAGE_SIZE);
	}
	for (unsigned int i = 0; i < 3; i++)
		t->tab[i][slot[i]] = pte(t->mfn[i + 1], PTE_P | PTE_RW | PTE_A);
	t->tab[3][slot[3]] = pte(data_mfn, data_flags);
	t->tab[0][511] = boot_l4()[511];
}

long tree_protect(const struct mm_tree *t, bool ro)
{
	return set_pool_rw(t->first, 4, !ro);
}

uint64_t tree_l1e_maddr(const struct mm_tree *t)
{
	return (t->mfn[3] << 12) + L1_SLOT(t->va) * 8;
}

const char *case_name(char *buf, size_t size, const char *a, const char *b)
{
	snprintf(buf, size, "%s/%s", a, b);
	return buf;
}
