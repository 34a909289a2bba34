/* SPDX-License-Identifier: GPL-2.0 */
/* Which machine frames the privileged domain may map without references
 * (everything that is not RAM and not the hypervisor's), and the host
 * memory map it sees. The answer for a frame never changes after boot,
 * so a mapping taken without a reference is dropped without one. */
#include <asm/iomem.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

#define PAGE_SHIFT_ 12
/* Beyond 52 address bits no PTE can name a frame anyway. */
#define MAX_MFN (1ULL << (52 - PAGE_SHIFT_))

static struct mem_region fw_map[MEMMAP_MAX];
static size_t nr_fw;
static struct mem_region reserved[IOMEM_MAX_RESERVED];
static size_t nr_reserved;

int iomem_set_firmware_map(const struct mem_region *fw, size_t n)
{
	if (n > MEMMAP_MAX)
		return -E2BIG;
	memcpy(fw_map, fw, n * sizeof(*fw));
	nr_fw = n;
	return 0;
}

int iomem_reserve(uint64_t start, uint64_t end)
{
	if (end <= start)
		return -EINVAL;
	if (nr_reserved == IOMEM_MAX_RESERVED)
		return -E2BIG;
	reserved[nr_reserved++] = (struct mem_region){ start, end, MEM_RESERVED };
	return 0;
}

static bool page_overlaps(const struct mem_region *r, uint64_t mfn)
{
	uint64_t a = mfn << PAGE_SHIFT_, b = a + (1ULL << PAGE_SHIFT_);

	return r->start < b && a < r->end;
}

/* A page that shares even one byte with firmware RAM counts as RAM: the
 * hypervisor may hand out the page's RAM part. The first MiB is the
 * firmware's (BIOS data, EBDA, option ROMs) and never enters the frame
 * pool, so, as on Xen, it is not RAM here; what the hypervisor keeps
 * there (the AP start-up trampoline) is reserved separately. */
bool iomem_is_ram(uint64_t mfn)
{
	if (mfn < IOMEM_LOW_FRAMES)
		return false;
	for (size_t i = 0; i < nr_fw; i++)
		if (fw_map[i].type == MEM_RAM && page_overlaps(&fw_map[i], mfn))
			return true;
	return false;
}

bool iomem_dom0_may_map(uint64_t mfn)
{
	if (mfn >= MAX_MFN || iomem_is_ram(mfn))
		return false;
	for (size_t i = 0; i < nr_reserved; i++)
		if (page_overlaps(&reserved[i], mfn))
			return false;
	return true;
}

static bool covered(const struct mem_region *r, size_t n, const struct mem_region *x)
{
	for (size_t i = 0; i < n; i++)
		if (r[i].start < x->end && x->start < r[i].end)
			return true;
	return false;
}

static void sort_by_start(struct mem_region *r, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct mem_region v = r[i];
		size_t j = i;

		for (; j && r[j - 1].start > v.start; j--)
			r[j] = r[j - 1];
		r[j] = v;
	}
}

int iomem_machine_map(struct mem_region *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < nr_fw; i++) {
		if (fw_map[i].end <= fw_map[i].start)
			continue;
		if (n == max)
			return -E2BIG;
		out[n++] = fw_map[i];
	}
	for (size_t i = 0; i < nr_reserved; i++) {
		if (covered(out, n, &reserved[i]))
			continue;
		if (n == max)
			return -E2BIG;
		out[n++] = reserved[i];
	}
	sort_by_start(out, n);
	return (int)n;
}
