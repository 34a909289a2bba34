/* SPDX-License-Identifier: GPL-2.0 */
/* Where a domain may run: XEN_DOMCTL_{set,get}vcpuaffinity (xl vcpu-pin,
 * cpus= in xl.cfg) and XEN_DOMCTL_{set,get}nodeaffinity, with Xen 4.17's
 * checks and its xenctl_bitmap rules (the caller's size and ours, the
 * shorter wins; bits past the caller's count are ignored on the way in,
 * bytes past ours are zeroed on the way out). A hard affinity the vCPU's
 * CPU is not in moves it (sched_move_vcpu); a soft one is preferred
 * within the hard one. */
#include <asm/guest-access.h>
#include <public/domctl.h>
#include <xeno/domain.h>
#include <xeno/domctl.h>
#include <xeno/errno.h>
#include <xeno/lib.h>
#include <xeno/sched.h>

#define MAX_NUMNODES 64   /* Xen x86's node bitmap size */

static uint64_t bits_below(unsigned int n)
{
	return n >= 64 ? ~0ull : (1ull << n) - 1;
}

int xenctl_bitmap_in(uint64_t *mask, const struct xenctl_bitmap *b, unsigned int nbits)
{
	uint8_t bytes[8] = { 0 };
	unsigned int guest_bytes = (unsigned int)(((uint64_t)b->nr_bits + 7) / 8);
	unsigned int ours = (nbits + 7) / 8, n = guest_bytes < ours ? guest_bytes : ours;

	if (n && copy_from_guest(bytes, (uint64_t)b->bitmap.p, n))
		return -EFAULT;
	if ((b->nr_bits & 7) && guest_bytes == n)
		bytes[n - 1] &= (uint8_t)~(0xffu << (b->nr_bits & 7));
	*mask = 0;
	for (unsigned int i = 0; i < n; i++)
		*mask |= (uint64_t)bytes[i] << (8 * i);
	*mask &= bits_below(nbits);
	return 0;
}

int xenctl_bitmap_out(const struct xenctl_bitmap *b, uint64_t mask, unsigned int nbits)
{
	static const uint8_t zero[64];
	uint8_t bytes[8];
	unsigned int guest_bytes = (unsigned int)(((uint64_t)b->nr_bits + 7) / 8);
	unsigned int ours = (nbits + 7) / 8, n = guest_bytes < ours ? guest_bytes : ours;
	uint64_t at = (uint64_t)b->bitmap.p;

	mask &= bits_below(nbits);
	for (unsigned int i = 0; i < sizeof(bytes); i++)
		bytes[i] = (uint8_t)(mask >> (8 * i));
	if (n && copy_to_guest(at, bytes, n))
		return -EFAULT;
	for (unsigned int i = n; i < guest_bytes; i += sizeof(zero)) {
		unsigned int chunk = guest_bytes - i < sizeof(zero) ? guest_bytes - i : sizeof(zero);

		if (copy_to_guest(at + i, zero, chunk))
			return -EFAULT;
	}
	return 0;
}

static uint64_t online_cpus(void)
{
	return bits_below(arch_nr_cpus());
}

/* Put v where its affinity says: stay if its CPU is in soft & hard (or
 * in hard when they do not meet), else the lowest such CPU. */
static void place_vcpu(struct vcpu *v)
{
	uint64_t hard = v->affinity_hard & online_cpus();
	uint64_t want = hard & v->affinity_soft ? hard & v->affinity_soft : hard;
	unsigned int cpu = v->move_wanted || v->moving ? v->move_to : v->processor;

	if (!want || (want >> cpu) & 1)
		return;
	sched_move_vcpu(v, (unsigned int)__builtin_ctzll(want));
}

long domctl_vcpuaffinity(struct domain *d, uint32_t cmd, struct xen_domctl_vcpuaffinity *va)
{
	unsigned int nbits = arch_nr_cpus();
	uint64_t hard, soft;
	struct vcpu *v;
	int rc;

	if (va->vcpu >= d->max_vcpus)
		return -EINVAL;
	v = d->vcpu[va->vcpu];
	if (!v)
		return -ESRCH;
	if (!va->flags ||
	    ((va->flags & XEN_VCPUAFFINITY_HARD) && !va->cpumap_hard.bitmap.p) ||
	    ((va->flags & XEN_VCPUAFFINITY_SOFT) && !va->cpumap_soft.bitmap.p))
		return -EINVAL;
	if (cmd == XEN_DOMCTL_getvcpuaffinity) {
		rc = 0;
		if (va->flags & XEN_VCPUAFFINITY_HARD)
			rc = xenctl_bitmap_out(&va->cpumap_hard, v->affinity_hard, nbits);
		if (!rc && (va->flags & XEN_VCPUAFFINITY_SOFT))
			rc = xenctl_bitmap_out(&va->cpumap_soft, v->affinity_soft, nbits);
		return rc;
	}
	/* Read both maps before changing anything: all or nothing. */
	hard = v->affinity_hard;
	soft = v->affinity_soft;
	if ((va->flags & XEN_VCPUAFFINITY_HARD) &&
	    (rc = xenctl_bitmap_in(&hard, &va->cpumap_hard, nbits)))
		return rc;
	if ((va->flags & XEN_VCPUAFFINITY_SOFT) &&
	    (rc = xenctl_bitmap_in(&soft, &va->cpumap_soft, nbits)))
		return rc;
	if (!(hard & online_cpus()))
		return -EINVAL;   /* Xen: a hard affinity must meet the pool's CPUs */
	v->affinity_hard = hard;
	v->affinity_soft = soft;
	place_vcpu(v);
	/* The caller learns what the scheduler uses. */
	rc = 0;
	if (va->flags & XEN_VCPUAFFINITY_HARD)
		rc = xenctl_bitmap_out(&va->cpumap_hard, hard & online_cpus(), nbits);
	if (!rc && (va->flags & XEN_VCPUAFFINITY_SOFT))
		rc = xenctl_bitmap_out(&va->cpumap_soft, soft & hard & online_cpus(), nbits);
	return rc;   /* -EFAULT here: the affinity stands */
}

/* One node (0) holds every CPU: a map without it is refused; a full one
 * (or any with node 0) means "automatic". */
long domctl_nodeaffinity(struct domain *d, uint32_t cmd, struct xen_domctl_nodeaffinity *na)
{
	uint64_t nodes;
	int rc;

	if (cmd == XEN_DOMCTL_getnodeaffinity)
		return xenctl_bitmap_out(&na->nodemap, d->node_affinity ? d->node_affinity : 1,
					 MAX_NUMNODES);
	rc = xenctl_bitmap_in(&nodes, &na->nodemap, MAX_NUMNODES);
	if (rc)
		return rc;
	if (!(nodes & 1))
		return -EINVAL;   /* disjoint with the online nodes */
	d->node_affinity = nodes == ~0ull ? 0 : nodes;
	return 0;
}
