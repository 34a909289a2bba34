/* SPDX-License-Identifier: GPL-2.0 */
/* CPUID/MSR policies in the form Xen 4.17's toolstack exchanges them
 * (xen_cpuid_leaf_t and xen_msr_entry_t arrays): the PV maximum built
 * from pv_cpuid_max, serialised leaf by leaf in Xen's order, merged back
 * from libxenguest with Xen's range checks and codes, and applied to a
 * domain's CPUID: feature words are the policy's AND the maximum (a
 * toolstack can hide features, never add them), other registers
 * (vendor, family, cache and brand data) are the policy's. */
#include <asm/guest-access.h>
#include <asm/processor.h>
#include <asm/pv/cpu-policy.h>
#include <public/xen.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

#define NO_SUB XEN_CPUID_NO_SUBLEAF
#define XSTATE_LEAF 0xdu

static void raw_or_max(enum cpu_policy_src src, uint32_t leaf, uint32_t sub,
		       struct cpuid_regs *out)
{
	uint32_t r[4];

	if (src == CPU_POLICY_RAW)
		cpuid(leaf, sub, &r[0], &r[1], &r[2], &r[3]);
	else
		pv_cpuid_max(src == CPU_POLICY_PV_PRIVILEGED, leaf, sub, r);
	*out = (struct cpuid_regs){ r[0], r[1], r[2], r[3] };
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

void cpu_policy_build(struct cpu_policy *p, enum cpu_policy_src src)
{
	uint32_t max_basic, max_extd;

	memset(p, 0, sizeof(*p));
	raw_or_max(src, 0, 0, &p->basic[0]);
	max_basic = min_u32(p->basic[0].a, CPUID_NR_BASIC - 1);
	for (uint32_t leaf = 1; leaf <= max_basic; leaf++) {
		switch (leaf) {
		case 4:
			/* Sub-leaves up to the first of type 0 (no more caches). */
			for (uint32_t s = 0; s < CPUID_NR_CACHE; s++) {
				raw_or_max(src, leaf, s, &p->cache[s]);
				if ((p->cache[s].a & 0x1f) == 0)
					break;
			}
			break;
		case 7:
			raw_or_max(src, leaf, 0, &p->feat[0]);
			for (uint32_t s = 1; s <= min_u32(p->feat[0].a, CPUID_NR_FEAT - 1); s++)
				raw_or_max(src, leaf, s, &p->feat[s]);
			break;
		case 0xb:
			for (uint32_t s = 0; s < CPUID_NR_TOPO; s++) {
				raw_or_max(src, leaf, s, &p->topo[s]);
				if (((p->topo[s].c >> 8) & 0xff) == 0)
					break;
			}
			break;
		case XSTATE_LEAF:
			for (uint32_t s = 0; s < CPUID_NR_XSTATE; s++)
				raw_or_max(src, leaf, s, &p->xstate[s]);
			break;
		default:
			raw_or_max(src, leaf, NO_SUB, &p->basic[leaf]);
			break;
		}
	}
	raw_or_max(src, 0x80000000u, 0, &p->extd[0]);
	if ((p->extd[0].a & 0xffff0000u) != 0x80000000u)
		p->extd[0].a = 0x80000000u;   /* no extended leaves at all */
	max_extd = min_u32(p->extd[0].a & 0xffff, CPUID_NR_EXTD - 1);
	for (uint32_t i = 1; i <= max_extd; i++)
		raw_or_max(src, 0x80000000u | i, 0, &p->extd[i]);
	/* No CPUID faulting for PV guests, no speculation controls offered:
	 * both MSRs read as zero in the policy. */
	p->platform_info = 0;
	p->arch_caps = 0;
}

/* The xstate components a policy describes (XCR0 | XSS). */
static uint64_t policy_xstates(const struct cpu_policy *p)
{
	return ((uint64_t)p->xstate[0].d << 32 | p->xstate[0].a) |
	       ((uint64_t)p->xstate[1].d << 32 | p->xstate[1].c);
}

struct leaf_writer {
	uint64_t gaddr;
	uint32_t room, n;
};

static int put_leaf(struct leaf_writer *w, uint32_t leaf, uint32_t sub, const struct cpuid_regs *r)
{
	const xen_cpuid_leaf_t e = { leaf, sub, r->a, r->b, r->c, r->d };

	if (w->n == w->room)
		return -ENOBUFS;
	if (copy_to_guest(w->gaddr + (uint64_t)w->n * sizeof(e), &e, sizeof(e)))
		return -EFAULT;
	w->n++;
	return 0;
}

static int put_subleaves(struct leaf_writer *w, const struct cpu_policy *p, uint32_t leaf)
{
	int rc = 0;

	switch (leaf) {
	case 4:
		for (uint32_t s = 0; s < CPUID_NR_CACHE && !rc; s++) {
			rc = put_leaf(w, leaf, s, &p->cache[s]);
			if ((p->cache[s].a & 0x1f) == 0)
				break;
		}
		return rc;
	case 7:
		for (uint32_t s = 0; s <= min_u32(p->feat[0].a, CPUID_NR_FEAT - 1) && !rc; s++)
			rc = put_leaf(w, leaf, s, &p->feat[s]);
		return rc;
	case 0xb:
		for (uint32_t s = 0; s < CPUID_NR_TOPO && !rc; s++) {
			rc = put_leaf(w, leaf, s, &p->topo[s]);
			if (((p->topo[s].c >> 8) & 0xff) == 0)
				break;
		}
		return rc;
	case XSTATE_LEAF: {
		uint64_t xs = policy_xstates(p) >> 2;

		rc = put_leaf(w, leaf, 0, &p->xstate[0]);
		if (!rc)
			rc = put_leaf(w, leaf, 1, &p->xstate[1]);
		for (uint32_t s = 2; xs && s < CPUID_NR_XSTATE && !rc; s++, xs >>= 1)
			rc = put_leaf(w, leaf, s, &p->xstate[s]);
		return rc;
	}
	default:
		return put_leaf(w, leaf, NO_SUB, &p->basic[leaf]);
	}
}

int cpu_policy_leaves_out(const struct cpu_policy *p, uint64_t gaddr, uint32_t *nr)
{
	struct leaf_writer w = { gaddr, *nr, 0 };
	const struct cpuid_regs hv = { p->hv_limit, 0, 0, 0 }, hv2 = { p->hv2_limit, 0, 0, 0 };
	int rc = 0;

	for (uint32_t leaf = 0; leaf <= min_u32(p->basic[0].a, CPUID_NR_BASIC - 1) && !rc; leaf++)
		rc = put_subleaves(&w, p, leaf);
	if (!rc)
		rc = put_leaf(&w, 0x40000000u, NO_SUB, &hv);
	if (!rc)
		rc = put_leaf(&w, 0x40000100u, NO_SUB, &hv2);
	for (uint32_t i = 0; i <= min_u32(p->extd[0].a & 0xffff, CPUID_NR_EXTD - 1) && !rc; i++)
		rc = put_leaf(&w, 0x80000000u | i, NO_SUB, &p->extd[i]);
	if (!rc)
		*nr = w.n;
	return rc;
}

int cpu_policy_msrs_out(const struct cpu_policy *p, uint64_t gaddr, uint32_t *nr)
{
	const xen_msr_entry_t e[MSR_MAX_SERIALISED_ENTRIES] = {
		{ .idx = MSR_INTEL_PLATFORM_INFO, .val = p->platform_info },
		{ .idx = MSR_ARCH_CAPABILITIES, .val = p->arch_caps },
	};

	if (*nr < MSR_MAX_SERIALISED_ENTRIES)
		return -ENOBUFS;
	if (copy_to_guest(gaddr, e, sizeof(e)))
		return -EFAULT;
	*nr = MSR_MAX_SERIALISED_ENTRIES;
	return 0;
}

/* Where (leaf, sub) lives in p, or NULL when no slot holds it. */
static const struct cpuid_regs *slot_of(const struct cpu_policy *p, uint32_t leaf, uint32_t sub)
{
	if (leaf < CPUID_NR_BASIC) {
		switch (leaf) {
		case 4:
			return sub < CPUID_NR_CACHE ? &p->cache[sub] : NULL;
		case 7:
			return sub < CPUID_NR_FEAT ? &p->feat[sub] : NULL;
		case 0xb:
			return sub < CPUID_NR_TOPO ? &p->topo[sub] : NULL;
		case XSTATE_LEAF:
			return sub < CPUID_NR_XSTATE ? &p->xstate[sub] : NULL;
		default:
			return sub == NO_SUB ? &p->basic[leaf] : NULL;
		}
	}
	if (leaf - 0x80000000u < CPUID_NR_EXTD)
		return sub == NO_SUB ? &p->extd[leaf - 0x80000000u] : NULL;
	return NULL;
}

int cpu_policy_leaves_in(struct cpu_policy *p, uint64_t gaddr, uint32_t nr,
			 uint32_t *err_leaf, uint32_t *err_subleaf)
{
	*err_leaf = *err_subleaf = ~0u;
	if (nr > CPUID_MAX_SERIALISED_LEAVES)
		return -E2BIG;
	for (uint32_t i = 0; i < nr; i++) {
		xen_cpuid_leaf_t e;
		const struct cpuid_regs *slot;

		if (copy_from_guest(&e, gaddr + (uint64_t)i * sizeof(e), sizeof(e)))
			return -EFAULT;
		if ((e.leaf == 0x40000000u || e.leaf == 0x40000100u) && e.subleaf == NO_SUB) {
			*(e.leaf == 0x40000000u ? &p->hv_limit : &p->hv2_limit) = e.a;
			continue;
		}
		slot = slot_of(p, e.leaf, e.subleaf);
		if (!slot) {
			*err_leaf = e.leaf;
			*err_subleaf = e.subleaf;
			return -ERANGE;
		}
		/* p is the caller's to write: the slot is one of its own. */
		*(struct cpuid_regs *)slot = (struct cpuid_regs){ e.a, e.b, e.c, e.d };
	}
	return 0;
}

int cpu_policy_msrs_in(struct cpu_policy *p, uint64_t gaddr, uint32_t nr, uint32_t *err_msr)
{
	*err_msr = ~0u;
	if (nr > MSR_MAX_SERIALISED_ENTRIES)
		return -E2BIG;
	for (uint32_t i = 0; i < nr; i++) {
		xen_msr_entry_t e;
		int rc = 0;

		if (copy_from_guest(&e, gaddr + (uint64_t)i * sizeof(e), sizeof(e)))
			return -EFAULT;
		if (e.flags)
			rc = -EINVAL;   /* must be zero */
		else if (e.idx == MSR_INTEL_PLATFORM_INFO && e.val > UINT32_MAX)
			rc = -EOVERFLOW;   /* Xen keeps 32 bits of it */
		else if (e.idx == MSR_INTEL_PLATFORM_INFO)
			p->platform_info = (uint32_t)e.val;
		else if (e.idx == MSR_ARCH_CAPABILITIES)
			p->arch_caps = e.val;
		else
			rc = -ERANGE;
		if (rc) {
			*err_msr = e.idx;
			return rc;
		}
	}
	return 0;
}

int cpu_policy_check(const struct cpu_policy *max, const struct cpu_policy *g,
		     uint32_t *err_leaf, uint32_t *err_subleaf, uint32_t *err_msr)
{
	*err_leaf = *err_subleaf = *err_msr = ~0u;
	if (g->basic[0].a > max->basic[0].a)
		*err_leaf = 0, *err_subleaf = NO_SUB;
	else if (g->feat[0].a > max->feat[0].a)
		*err_leaf = 7, *err_subleaf = 0;
	else if (g->extd[0].a > max->extd[0].a)
		*err_leaf = 0x80000000u, *err_subleaf = NO_SUB;
	else if (g->platform_info & ~max->platform_info)
		*err_msr = MSR_INTEL_PLATFORM_INFO;
	else
		return 0;
	return -EINVAL;
}

/* The registers that are feature words, as (leaf, sub, register). */
static const struct feature_word {
	uint32_t leaf, sub;
	uint8_t reg;   /* 0 eax .. 3 edx */
} feature_words[FSCAPINTS] = {
	{ 1, NO_SUB, 3 }, { 1, NO_SUB, 2 }, { 0x80000001u, NO_SUB, 3 },
	{ 0x80000001u, NO_SUB, 2 }, { XSTATE_LEAF, 1, 0 }, { 7, 0, 1 }, { 7, 0, 2 },
	{ 0x80000007u, NO_SUB, 3 }, { 0x80000008u, NO_SUB, 1 }, { 7, 0, 3 }, { 7, 1, 0 },
	{ 0x80000021u, NO_SUB, 0 }, { 7, 1, 1 }, { 7, 2, 3 }, { 7, 1, 2 }, { 7, 1, 3 },
	{ 0, NO_SUB, 4 }, { 0, NO_SUB, 4 },   /* words 16-17: MSR_ARCH_CAPS, below */
	{ 0x80000021u, NO_SUB, 2 },
};

static uint32_t reg_of(const struct cpuid_regs *r, unsigned int i)
{
	return i == 0 ? r->a : i == 1 ? r->b : i == 2 ? r->c : r->d;
}

void cpu_policy_featureset(const struct cpu_policy *p, uint32_t fs[FSCAPINTS])
{
	for (unsigned int i = 0; i < FSCAPINTS; i++) {
		const struct feature_word *w = &feature_words[i];
		const struct cpuid_regs *r = w->reg < 4 ? slot_of(p, w->leaf, w->sub) : NULL;

		fs[i] = r ? reg_of(r, w->reg) : 0;
	}
	fs[16] = (uint32_t)p->arch_caps;
	fs[17] = (uint32_t)(p->arch_caps >> 32);
}

/* Is register reg of (leaf, sub) a feature word? */
static bool is_feature_word(uint32_t leaf, uint32_t sub, unsigned int reg)
{
	for (unsigned int i = 0; i < FSCAPINTS; i++) {
		const struct feature_word *w = &feature_words[i];

		if (w->leaf == leaf && w->reg == reg && (w->sub == NO_SUB || w->sub == sub))
			return true;
	}
	return false;
}

void cpu_policy_apply(const struct cpu_policy *p, uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	const struct cpuid_regs *slot;
	bool has_sub = leaf == 4 || leaf == 7 || leaf == 0xb || leaf == XSTATE_LEAF;
	uint32_t max = leaf < 0x80000000u ? p->basic[0].a : p->extd[0].a;

	slot = slot_of(p, leaf, has_sub ? sub : NO_SUB);
	if (!slot || leaf > max || (leaf == 7 && sub > p->feat[0].a)) {
		memset(r, 0, 4 * sizeof(uint32_t));   /* beyond what the policy offers */
		return;
	}
	for (unsigned int i = 0; i < 4; i++) {
		uint32_t v = reg_of(slot, i);

		if (leaf == 1 && i == 1)
			r[i] = (v & 0x00ffffffu) | (r[i] & 0xff000000u);   /* APIC ID: ours */
		else if (leaf == 0 && i == 0)
			r[i] = v < r[i] ? v : r[i];
		else if (leaf == 0x80000000u && i == 0)
			r[i] = v < r[i] ? v : r[i];
		else
			r[i] = is_feature_word(leaf, sub, i) ? (r[i] & v) : v;
	}
}
