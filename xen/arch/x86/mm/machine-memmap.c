/* SPDX-License-Identifier: GPL-2.0 */
/* XENMEM_machine_memory_map: the host's E820 for the privileged domain,
 * which Linux as dom0 needs to find its holes (identity-mapped) and to
 * place device BARs away from what the hypervisor keeps. */
#include <asm/guest-access.h>
#include <asm/iomem.h>
#include <public/memory.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/page-type.h>
#include <xeno/printk.h>

bool pgt_iomem_mappable(uint64_t mfn)
{
	return iomem_dom0_may_map(mfn);
}

/* Rate-limited: a buggy dom0 could ask in a loop. */
void pgt_refused_frame(const struct pgt_ctx *c, uint64_t mfn)
{
	static unsigned int logged;

	if (logged < 32 && ++logged)
		printk("d%u: mapping of machine frame %#lx refused: the hypervisor's%s\n",
		       c->domid, mfn, logged == 32 ? " (further refusals not logged)" : "");
}

long arch_machine_memory_map(struct domain *d, uint64_t arg)
{
	struct xen_memory_map map;
	struct mem_region r[MEMMAP_MAX + IOMEM_MAX_RESERVED];
	int n;

	if (!d->is_privileged)
		return -EPERM;
	if (copy_from_guest(&map, arg, sizeof(map)))
		return -EFAULT;
	n = iomem_machine_map(r, sizeof(r) / sizeof(r[0]));
	if (n < 0)
		return n;
	/* Xen wants room for every entry: a short buffer is -EINVAL. */
	if (map.nr_entries < (unsigned int)n)
		return -EINVAL;
	for (int i = 0; i < n; i++) {
		struct xen_e820_entry e = {
			.addr = r[i].start, .size = r[i].end - r[i].start, .type = r[i].type,
		};

		if (copy_to_guest((uint64_t)map.buffer.p + (uint64_t)i * sizeof(e), &e, sizeof(e)))
			return -EFAULT;
	}
	map.nr_entries = (unsigned int)n;
	return copy_to_guest(arg, &map, sizeof(map)) ? -EFAULT : 0;
}
