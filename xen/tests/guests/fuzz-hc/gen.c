/* SPDX-License-Identifier: MIT */
/*
 * The fuzzer's seeded generator and its dictionary of values: pointers
 * into our argument areas, our page tables (read-only to us), the
 * hypervisor's range, non-canonical space; our frames, the peer's, the
 * hypervisor's, invalid ones; domain ids; counts at the edges. Learnt
 * once at start of day (fz_world_init), before the first hypercall that
 * could change what it reads (the M2P, our tables).
 */
#include "fuzz.h"

struct fz_world fz;

/* xoshiro256** with splitmix64 seeding: small, fast, reproducible. */
static uint64_t st[4];

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15UL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
	return z ^ (z >> 31);
}

void fz_seed(uint64_t seed)
{
	for (unsigned int i = 0; i < 4; i++)
		st[i] = splitmix(&seed);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t fz_rand(void)
{
	uint64_t r = rotl(st[1] * 5, 7) * 9, t = st[1] << 17;

	st[2] ^= st[0];
	st[3] ^= st[1];
	st[1] ^= st[2];
	st[0] ^= st[3];
	st[2] ^= t;
	st[3] = rotl(st[3], 45);
	return r;
}

uint64_t fz_below(uint64_t n)
{
	return fz_rand() % n;
}

bool fz_chance(unsigned int percent)
{
	return fz_below(100) < percent;
}

unsigned long fz_pick(const unsigned long *vals, unsigned int n)
{
	return vals[fz_below(n)];
}

/* Three argument areas (the third for multicall lists), each followed
 * by a guard page we unmap. */
#define AREA_PAGES (FZ_AREA_BYTES / PAGE_SIZE)
static uint8_t areas[3][AREA_PAGES + 1][PAGE_SIZE] __attribute__((aligned(4096)));
/* Frames only the hypervisor writes; [0] is the one vcpu_info may take. */
static uint8_t sinks[5][PAGE_SIZE] __attribute__((aligned(4096)));
/* Our scratch L1 (read-only once hooked) and our grant frame's mapping. */
static uint8_t scratch_l1[PAGE_SIZE] __attribute__((aligned(4096)));
static uint8_t grant_map[PAGE_SIZE] __attribute__((aligned(4096)));

/* Our frames the bootstrap region maps: the ones we run on. */
#define LIVE_BITS (1UL << 20)
static uint8_t live_bitmap[LIVE_BITS / 8];
static unsigned int l4_free_slot[4], nr_l4_free;

static bool is_live(unsigned long mfn)
{
	return mfn < LIVE_BITS && (live_bitmap[mfn / 8] >> (mfn % 8) & 1);
}

/* Inside a multicall each entry gets its own slice of areas 0 and 1. */
static unsigned int slice_idx, slice_n;

void fz_slice(unsigned int idx, unsigned int n)
{
	slice_idx = idx;
	slice_n = n;
}

size_t fz_area_room(void)
{
	return slice_n ? (FZ_AREA_BYTES / slice_n) & ~63UL : FZ_AREA_BYTES;
}

void *fz_area(unsigned int which, size_t bytes, bool at_end)
{
	uint8_t *a = areas[which % 3][0];
	size_t len = FZ_AREA_BYTES;

	if (slice_n && which != 2) {
		len = fz_area_room();
		a += slice_idx * len;
	}
	if (bytes > len)
		bytes = len;
	return at_end ? a + len - bytes : a;
}

void *fz_vcpu_info_page(void)
{
	return sinks[0];
}

static const unsigned long hostile[] = {
	0, 8, 0xfff, UNMAPPED_VA, HV_RANGE_START, HV_RANGE_DIRECT, HV_RANGE_LAST,
	0xffff820000000000UL, 0xffff87fffffff000UL, NON_CANONICAL, NON_CANONICAL - 8,
	NON_CANONICAL - 1, NON_CANONICAL_HI, 0xffff7ffffffffff8UL, 0xffff800000000000UL - 8,
	~0UL, ~0UL - 7, 0x00007ffffffff000UL, 0x8000000000000000UL - 0x1000,
};

unsigned long fz_hostile_ptr(void)
{
	if (fz_chance(10))
		return fz_rand();
	/* Inside a guard page. Not across its start: the bytes before it are
	 * left from earlier calls, and read as requests (an mmu_update's,
	 * seed 1796685772) they wrote into the frames we run on. Counts past
	 * what was generated run into the guard instead (fz_area). */
	if (fz_chance(10))
		return (unsigned long)areas[fz_below(2)][AREA_PAGES] + fz_below(64);
	return FZ_PICK(hostile);
}

unsigned long fz_unmapped_ptr(void)
{
	return fz_chance(10) ? fz_rand() : FZ_PICK(hostile);
}

unsigned long fz_ro_ptr(void)
{
	if (fz_chance(50))
		return start_info->pt_base + fz_below(fz.nr_pt) * PAGE_SIZE + fz_below(PAGE_SIZE);
	return M2P_VIRT_START + fz_below(fz.max_mfn + 16) * 8;
}

unsigned long fz_ptr(unsigned int which, size_t bytes)
{
	unsigned int r = (unsigned int)fz_below(100);

	if (r < 70)
		return (unsigned long)fz_area(which, bytes, fz_chance(50));
	if (r < 75)   /* misaligned inside the area */
		return (unsigned long)fz_area(which, bytes + 64, false) + fz_below(64);
	if (r < 82)
		return fz_ro_ptr();
	return fz_hostile_ptr();
}

static const unsigned long domids[] = {
	DOMID_SELF, DOMID_IO, DOMID_XEN, DOMID_COW, DOMID_INVALID, DOMID_IDLE,
	DOMID_FIRST_RESERVED - 1, 0, 3, 4, 0xffff, 0x7fff,
};

domid_t fz_domid(void)
{
	switch (fz_below(6)) {
	case 0: return fz.self;
	case 1: return fz.peer;
	case 2: return DOMID_SELF;
	case 3: return (domid_t)fz_rand();
	default: return (domid_t)FZ_PICK(domids);
	}
}

unsigned long fz_count(unsigned long sane)
{
	if (slice_n)   /* a count past what we generated would read the next slice */
		return sane;
	static const unsigned long edges[] = {
		0, 1, 2, 3, 7, 8, 255, 256, 511, 512, 4096, 0x7fff, 0x8000, 0xffff, 0x10000,
		0x7fffffff, 0x80000000UL, 0xffffffffUL, 0x100000000UL, 0x80000001UL,
		~0UL, ~0UL >> 1, 1UL << 40,
	};

	switch (fz_below(8)) {
	case 0: case 1: case 2: return sane;
	case 3: return sane + 1;
	case 4: return sane ? fz_below(sane + 1) : 0;
	case 5: return fz_rand() >> fz_below(64);
	default: return FZ_PICK(edges);
	}
}

static unsigned long invalid_mfn(void)
{
	const unsigned long v[] = { 0, fz.max_mfn, fz.max_mfn + 1, 1UL << 40,
				    (1UL << 52) - 1, ~0UL, 0xffffffffUL, fz.unowned_mfn };

	return FZ_PICK(v);
}

unsigned long fz_mfn_w(void)
{
	unsigned long m;

	switch (fz_below(10)) {
	case 0: return fz.free_mfn[fz_below(fz.nr_free)];
	case 1: return fz.sink_mfn[fz_below(ARRAY_SIZE(fz.sink_mfn))];
	case 2: return fz.pt_mfn[fz_below(fz.nr_pt)];
	case 3: return fz.scratch_l1_mfn;
	case 4: return fz.nr_peer ? fz.peer_mfn[fz_below(fz.nr_peer)] : invalid_mfn();
	case 5: return virt_to_mfn(areas[fz_below(2)][fz_below(AREA_PAGES)]);
	case 6: case 7: return invalid_mfn();
	default:
		m = fz_below(fz.max_mfn + 2);
		return is_live(m) ? fz.unowned_mfn : m;
	}
}

unsigned long fz_mfn(void)
{
	if (fz_chance(25))
		return fz.live_mfn[fz_below(ARRAY_SIZE(fz.live_mfn))];
	if (fz_chance(5))
		return fz.l4_mfn;
	return fz_mfn_w();
}

unsigned long fz_vcpu(void)
{
	static const unsigned long v[] = { 0, 0, 0, 1, 2, 31, 127, 128, 0xffff, 0x7fffffff,
					   0xffffffffUL, ~0UL };

	return FZ_PICK(v);
}

uint32_t fz_port(void)
{
	static const unsigned long v[] = { 0, 1, 2, 3, 4, 5, 8, 63, 64, 1023, 1024, 4095, 4096,
					   131071, 131072, 0x7fffffff, 0xffffffffUL };

	if (fz_chance(20))
		return fz.console_port;
	if (fz_chance(30))
		return (uint32_t)fz_below(16);
	return (uint32_t)FZ_PICK(v);
}

uint32_t fz_gref(void)
{
	static const unsigned long v[] = { 0, 7, 8, 9, 511, 512, 1023, 1024, 0xffff,
					   0xffffffffUL, 0x7fffffff };

	if (fz_chance(60))
		return (uint32_t)fz_below(16);
	return (uint32_t)FZ_PICK(v);
}

unsigned long fz_scratch_va(void)
{
	switch (fz_below(8)) {
	case 0: return FZ_PICK(hostile) & ~0xfffUL;   /* never our own pages */
	case 1: return fz.scratch_va + fz_below(1UL << 21);   /* unaligned */
	case 2: return fz.scratch_va + (2UL << 20) + fz_below(64) * PAGE_SIZE; /* no L1 */
	default: return fz.scratch_va + fz_below(512) * PAGE_SIZE;
	}
}

uint64_t fz_pte(void)
{
	static const unsigned long flags[] = {
		PTE_P, PTE_P | PTE_RW, PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D, PTE_P | PTE_PSE,
		PTE_P | PTE_RW | PTE_PSE, PTE_P | PTE_G, PTE_P | PTE_PCD | PTE_PWT, PTE_P | PTE_NX,
		PTE_P | (1UL << 52), PTE_P | (1UL << 51), PTE_P | 0xe00, 0, PTE_RW, 0xfff,
		PTE_P | PTE_RW | PTE_PSE | 0x1000, /* PAT bit of a superpage */
	};

	if (fz_chance(5))
		return fz_rand();
	return pte(fz_mfn(), FZ_PICK(flags) | (fz_chance(10) ? fz_rand() & 0xfff : 0));
}

uint64_t fz_entry_maddr(void)
{
	uint64_t idx = fz_below(512) * 8, cmd = fz_chance(80) ? fz_below(4) : fz_below(8);

	switch (fz_below(8)) {
	case 0: case 1: case 2:
		return fz.scratch_l1_mfn << 12 | idx | cmd;
	case 3:
		return fz.l2_mfn << 12 | (fz.l2_free_slot + fz_below(512 - fz.l2_free_slot)) * 8 | cmd;
	case 4:
		return nr_l4_free ? fz.l4_mfn << 12 | l4_free_slot[fz_below(nr_l4_free)] * 8 | cmd
				  : fz.scratch_l1_mfn << 12 | idx | cmd;
	case 5:
		return fz_rand();
	default: {
		/* Not our boot tables: their used entries map what we run on. */
		unsigned long m = fz_mfn_w();

		for (unsigned int i = 0; i < fz.nr_pt; i++)
			if (m == fz.pt_mfn[i])
				m = fz.scratch_l1_mfn;
		return m << 12 | idx | cmd;
	}
	}
}

/* A sub-op: a known one, the first unknown ones, or a known one with
 * high bits set (a handler that truncates to int must see the same op
 * our arguments were built for, so callers switch on the low 32 bits).
 * Unknown ones stay below 64: memory_op reads its sub-op from 6 bits. */
unsigned long fz_op(unsigned long nr_known)
{
	unsigned long op = fz_below(nr_known + 2);

	if (fz_chance(10))
		op |= fz_rand() << 32;
	else if (fz_chance(5) && nr_known + 2 < 64)
		op = nr_known + 2 + fz_below(64 - (nr_known + 2));
	return op;
}

unsigned long fz_word(void)
{
	switch (fz_below(12)) {
	case 0: return fz_ptr(1, 64);
	case 1: return fz_domid();
	case 2: return fz_count(16);
	case 3: return fz_mfn_w();
	case 4: return pte(fz_mfn_w(), fz_rand() & 0xfff);
	case 5: return fz_below(17);
	case 6: return fz_port();
	case 7: return fz_rand() & 0xffffffffUL;
	case 8: return fz_vcpu();
	case 9: return ~0UL;
	case 10: return 0;
	default: return fz_rand();
	}
}

void fz_fill(void *p, size_t bytes)
{
	uint64_t *w = p;
	size_t i;

	for (i = 0; i + 8 <= bytes; i += 8)
		w[i / 8] = fz_word();
	for (; i < bytes; i++)
		((uint8_t *)p)[i] = (uint8_t)fz_rand();
}

/* ---- start of day ---- */

static unsigned long *live_l2(void)
{
	uint64_t l4e = boot_l4()[L4_SLOT(GUEST_VIRT_BASE)];
	uint64_t *l3 = mfn_to_virt(pte_mfn(l4e));

	fz.l2_mfn = pte_mfn(l3[L3_SLOT(GUEST_VIRT_BASE)]);
	return mfn_to_virt(fz.l2_mfn);
}

static const char *map_scratch_window(void)
{
	unsigned long *l2 = live_l2();
	unsigned int s = L2_SLOT(GUEST_VIRT_BASE);

	while (s < 510 && (l2[s] & PTE_P))
		s++;
	s++;   /* leave one slot of gap after the bootstrap region */
	if (s >= 500 || l2[s])
		return "no free L2 slot after the bootstrap region";
	fz.scratch_va = GUEST_VIRT_BASE + (unsigned long)(s - L2_SLOT(GUEST_VIRT_BASE)) * (2UL << 20);
	fz.l2_free_slot = s + 2;
	for (unsigned int i = fz.l2_free_slot; i < 512; i++)
		if (l2[i])
			return "an L2 slot past the window is in use";
	fz.scratch_l1_mfn = virt_to_mfn(scratch_l1);
	memset(scratch_l1, 0, PAGE_SIZE);
	if (set_page_rw(scratch_l1, false) || pin_table(1, fz.scratch_l1_mfn))
		return "could not make the scratch L1 a pinned table";
	if (mmu_update1(fz.l2_mfn << 12 | s * 8, pte(fz.scratch_l1_mfn, PTE_P | PTE_RW | PTE_A)))
		return "could not hook the scratch L1 into our L2";
	return NULL;
}

static const char *map_grant_frame(void)
{
	struct gnttab_setup_table stt = { .dom = DOMID_SELF, .nr_frames = 1 };
	unsigned long gt_mfn = 0;

	set_xen_guest_handle(stt.frame_list, &gt_mfn);
	if (hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table, gva(&stt), 1) ||
	    stt.status)
		return "GNTTABOP_setup_table for one frame failed";
	if (HYPERVISOR_update_va_mapping(gva(grant_map), pte(gt_mfn, PTE_RW_FLAGS), UVMF_INVLPG))
		return "could not map our grant frame";
	fz.grant_va = (unsigned long)grant_map;
	return NULL;
}

static void learn_frames(void)
{
	const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;
	extern char _image_start[];
	unsigned long pfn;

	fz.nr_pages = start_info->nr_pages;
	fz.l4_mfn = boot_l4_mfn();
	fz.nr_pt = start_info->nr_pt_frames < 8 ? (unsigned int)start_info->nr_pt_frames : 8;
	for (unsigned int i = 0; i < fz.nr_pt; i++)
		fz.pt_mfn[i] = virt_to_mfn((const void *)(start_info->pt_base + i * PAGE_SIZE));
	fz.live_mfn[0] = virt_to_mfn(_image_start);
	fz.live_mfn[1] = virt_to_mfn(&fz);
	fz.live_mfn[2] = virt_to_mfn((const void *)(boot_rsp - 8));
	fz.live_mfn[3] = virt_to_mfn(start_info);
	/* Every frame the bootstrap region maps is one we may run on; the
	 * highest unmapped ones are free for the hypervisor to write. */
	for (pfn = 0; pfn < fz.nr_pages; pfn++)
		if (va_mapped(GUEST_VIRT_BASE + pfn * PAGE_SIZE) && p2m[pfn] < LIVE_BITS)
			live_bitmap[p2m[pfn] / 8] |= (uint8_t)(1 << (p2m[pfn] % 8));
		else if (!va_mapped(GUEST_VIRT_BASE + pfn * PAGE_SIZE) && pfn > fz.nr_pages / 2 &&
			 fz.nr_free < ARRAY_SIZE(fz.free_mfn))
			fz.free_mfn[fz.nr_free++] = p2m[pfn];
	for (unsigned int i = 0; i < ARRAY_SIZE(fz.sink_mfn); i++)
		fz.sink_mfn[i] = virt_to_mfn(sinks[i + 1]);
	fz.vcpu_info_mfn = virt_to_mfn(sinks[0]);
	fz.max_mfn = (unsigned long)maximum_ram_page();
	fz.peer_mfn[0] = find_foreign_mfn(&fz.unowned_mfn);
	fz.nr_peer = fz.peer_mfn[0] != 0;
	for (unsigned int s = 1; s < 256 && nr_l4_free < ARRAY_SIZE(l4_free_slot); s += 37)
		if (!boot_l4()[s])
			l4_free_slot[nr_l4_free++] = s;
}

const char *fz_world_init(void)
{
	const char *why;

	learn_frames();
	if (!fz.nr_free)
		return "no frame of ours outside the bootstrap region";
	why = map_scratch_window();
	if (!why)
		why = map_grant_frame();
	for (unsigned int i = 0; !why && i < 3; i++)
		if (HYPERVISOR_update_va_mapping(gva(areas[i][AREA_PAGES]), 0, UVMF_INVLPG))
			why = "could not unmap a guard page";
	return why;
}
