/* SPDX-License-Identifier: GPL-2.0 */
/* memory_op sub-ops that depend on the x86 machine: a PV guest's
 * pseudo-physical e820 map, the machine map (mm/machine-memmap.c), frame
 * exchange (mm/memory-exchange.c), and where the machine-to-phys table is
 * and which frames back it. Reached from do_memory_op's default case
 * (xen/common/memory.c). */
#include <asm/config.h>
#include <asm/guest-access.h>
#include <asm/iomem.h>
#include <asm/page.h>
#include <public/memory.h>
#include <public/xen.h>
#include <xeno/arch-mm.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/mm.h>

#define E820_RAM       1
#define M2P_CHUNK_SHIFT 21    /* the M2P is mapped in 2 MiB pieces */

#define E820_MAX_ENTRIES 1024   /* Xen's E820MAX */

/* XENMEM_set_memory_map (libxl sets a PV domU's): the domain itself or,
 * from the privileged domain, any (-ESRCH, then -EPERM); at most 1024
 * entries (-EINVAL), stored as given. */
static long set_memory_map(struct domain *self, uint64_t arg)
{
	struct xen_foreign_memory_map fmap;
	struct xen_e820_entry *map = NULL, *old;
	struct domain *d;
	unsigned long f;
	long rc;

	if (copy_from_guest(&fmap, arg, sizeof(fmap)))
		return -EFAULT;
	if (fmap.map.nr_entries > E820_MAX_ENTRIES)
		return -EINVAL;
	rc = domain_lookup(self, fmap.domid, true, &d);
	if (rc)
		return rc;
	if (fmap.map.nr_entries) {
		map = xzalloc(fmap.map.nr_entries * sizeof(*map));
		if (!map)
			return -ENOMEM;
		if (copy_from_guest(map, (uint64_t)fmap.map.buffer.p,
				    fmap.map.nr_entries * sizeof(*map))) {
			xfree(map);
			return -EFAULT;
		}
	}
	f = spin_lock_irqsave(&d->lock);
	if (d->releasing || d->state == DOMAIN_DEAD) {
		spin_unlock_irqrestore(&d->lock, f);
		xfree(map);
		return -ESRCH;   /* its release frees the map: none may come after */
	}
	old = d->arch.e820;
	d->arch.e820 = map;
	d->arch.nr_e820 = fmap.map.nr_entries;
	spin_unlock_irqrestore(&d->lock, f);
	xfree(old);
	return 0;
}

/* The map set for d, at most the caller's nr_entries of it (under d->lock:
 * a new map may replace it meanwhile). */
static long memory_map_set(struct domain *d, struct xen_memory_map *map)
{
	unsigned long f = spin_lock_irqsave(&d->lock);
	long rc = 0;

	if (map->nr_entries > d->arch.nr_e820)
		map->nr_entries = d->arch.nr_e820;
	if (copy_to_guest((uint64_t)map->buffer.p, d->arch.e820,
			  map->nr_entries * sizeof(*d->arch.e820)))
		rc = -EFAULT;
	spin_unlock_irqrestore(&d->lock, f);
	return rc;
}

static long memory_map(struct domain *d, uint64_t arg)
{
	struct xen_memory_map map;
	struct xen_e820_entry e = {
		.addr = 0, .size = d->max_pages << PAGE_SHIFT, .type = E820_RAM,
	};

	if (copy_from_guest(&map, arg, sizeof(map)))
		return -EFAULT;
	if (__atomic_load_n(&d->arch.e820, __ATOMIC_ACQUIRE)) {
		if (memory_map_set(d, &map))
			return -EFAULT;
		return copy_to_guest(arg, &map, sizeof(map)) ? -EFAULT : 0;
	}
	if (map.nr_entries < 1)
		return -EINVAL;
	if (copy_to_guest((uint64_t)map.buffer.p, &e, sizeof(e)))
		return -EFAULT;
	map.nr_entries = 1;
	return copy_to_guest(arg, &map, sizeof(map)) ? -EFAULT : 0;
}

static long machphys_mapping(uint64_t arg)
{
	/* The whole reserved window, as Xen reports it for a 64-bit guest;
	 * entries past the table are unmapped (Linux reads them safely). */
	struct xen_machphys_mapping m = {
		.v_start = RO_MPT_VIRT_START,
		.v_end = RO_MPT_VIRT_END,
		.max_mfn = (RO_MPT_VIRT_END - RO_MPT_VIRT_START) / sizeof(uint64_t) - 1,
	};

	return copy_to_guest(arg, &m, sizeof(m)) ? -EFAULT : 0;
}

/* The machine frames backing the M2P table, one per 2 MiB of it. */
static long machphys_mfn_list(uint64_t arg)
{
	struct xen_machphys_mfn_list l;
	uint64_t base = __pa(machine_to_phys) >> PAGE_SHIFT;
	uint64_t chunks = (max_page * sizeof(uint64_t) + (1UL << M2P_CHUNK_SHIFT) - 1) >> M2P_CHUNK_SHIFT;
	unsigned int i;

	if (copy_from_guest(&l, arg, sizeof(l)))
		return -EFAULT;
	for (i = 0; i < l.max_extents && i < chunks; i++) {
		uint64_t mfn = base + ((uint64_t)i << (M2P_CHUNK_SHIFT - PAGE_SHIFT));

		if (copy_to_guest((uint64_t)l.extent_start.p + i * sizeof(mfn), &mfn, sizeof(mfn)))
			return -EFAULT;
	}
	l.nr_extents = i;
	return copy_to_guest(arg, &l, sizeof(l)) ? -EFAULT : 0;
}

long arch_memory_op(uint64_t cmd, uint64_t arg)
{
	struct domain *d = current_vcpu()->domain;
	unsigned int op = cmd & MEMOP_CMD_MASK;

	switch (op) {
	case XENMEM_memory_map:
		return memory_map(d, arg);
	case XENMEM_machine_memory_map:
		return arch_machine_memory_map(d, arg);
	case XENMEM_exchange:
		return cmd >> MEMOP_EXTENT_SHIFT ? -EINVAL : arch_memory_exchange(d, arg);
	case XENMEM_machphys_mapping:
		return machphys_mapping(arg);
	case XENMEM_machphys_mfn_list:
		return machphys_mfn_list(arg);
	case XENMEM_set_memory_map:
		return set_memory_map(d, arg);
	case XENMEM_get_sharing_freed_pages:
	case XENMEM_get_sharing_shared_pages:
		return 0;   /* Xen without memory sharing */
	default:
		return -ENOSYS;
	}
}
