/* SPDX-License-Identifier: GPL-2.0 */
/* Memory-map sanitising. Firmware maps may overlap, be unsorted or have
 * unaligned edges; the frame allocator must see only whole pages that no
 * region other than RAM claims. */
#include <xeno/errno.h>
#include <xeno/lib.h>
#include <xeno/memmap.h>

#define PAGE 4096ULL

static bool covered_by_non_ram(const struct mem_region *in, size_t n,
			       uint64_t a, uint64_t b)
{
	for (size_t i = 0; i < n; i++)
		if (in[i].type != MEM_RAM && in[i].start < b && a < in[i].end)
			return true;
	return false;
}

static bool covered_by_ram(const struct mem_region *in, size_t n,
			   uint64_t a, uint64_t b)
{
	for (size_t i = 0; i < n; i++)
		if (in[i].type == MEM_RAM && in[i].start <= a && b <= in[i].end)
			return true;
	return false;
}

static void sort_points(uint64_t *p, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint64_t v = p[i];
		size_t j = i;

		for (; j && p[j - 1] > v; j--)
			p[j] = p[j - 1];
		p[j] = v;
	}
}

/* Add [a, b) to the sorted output, merged into the last region when
 * they touch; returns the new count or -E2BIG when out is full. */
static int append_ram(struct mem_region *out, size_t nr, size_t max,
		      uint64_t a, uint64_t b)
{
	if (nr && out[nr - 1].end == a) {
		out[nr - 1].end = b;
		return (int)nr;
	}
	if (nr >= max)
		return -E2BIG;
	out[nr] = (struct mem_region){ a, b, MEM_RAM };
	return (int)nr + 1;
}

/* Split the line at every region edge; each elementary piece is RAM only if
 * some RAM region covers it and nothing else does. */
int memmap_usable_ram(const struct mem_region *in, size_t nr_in,
		      struct mem_region *out, size_t max_out)
{
	uint64_t pts[2 * MEMMAP_MAX];
	size_t np = 0;
	int nr = 0;

	if (nr_in > MEMMAP_MAX)
		return -E2BIG;
	for (size_t i = 0; i < nr_in; i++) {
		if (in[i].end <= in[i].start)
			continue;   /* empty or wrapped: ignore */
		pts[np++] = in[i].start;
		pts[np++] = in[i].end;
	}
	sort_points(pts, np);
	for (size_t i = 0; i + 1 < np; i++) {
		uint64_t a = pts[i], b = pts[i + 1];

		if (a == b || !covered_by_ram(in, nr_in, a, b) ||
		    covered_by_non_ram(in, nr_in, a, b))
			continue;
		nr = append_ram(out, (size_t)nr, max_out, a, b);
		if (nr < 0)
			return nr;
	}
	/* Whole pages only: shrink each range inward, drop what vanishes. */
	int w = 0;
	for (int i = 0; i < nr; i++) {
		uint64_t a = ALIGN_UP(out[i].start, PAGE);
		uint64_t b = ALIGN_DOWN(out[i].end, PAGE);

		if (a < out[i].start || b <= a)
			continue;
		out[w++] = (struct mem_region){ a, b, MEM_RAM };
	}
	return w;
}

int memmap_remove(struct mem_region *ram, size_t nr, size_t max,
		  uint64_t start, uint64_t end)
{
	for (size_t i = 0; i < nr; i++) {
		struct mem_region r = ram[i];

		if (end <= r.start || r.end <= start)
			continue;
		if (start > r.start && end < r.end) {
			/* A hole in the middle splits the range in two. */
			if (nr >= max)
				return -E2BIG;
			memmove(&ram[i + 2], &ram[i + 1], (nr - i - 1) * sizeof(*ram));
			ram[i].end = start;
			ram[i + 1] = (struct mem_region){ end, r.end, r.type };
			nr++;
			i++;
		} else if (start <= r.start && end >= r.end) {
			memmove(&ram[i], &ram[i + 1], (nr - i - 1) * sizeof(*ram));
			nr--;
			i--;
		} else if (start <= r.start) {
			ram[i].start = end;
		} else {
			ram[i].end = start;
		}
	}
	return (int)nr;
}

uint64_t memmap_total(const struct mem_region *ram, size_t nr)
{
	uint64_t t = 0;

	for (size_t i = 0; i < nr; i++)
		t += ram[i].end - ram[i].start;
	return t;
}

const char *memmap_type_name(uint32_t type)
{
	switch (type) {
	case MEM_RAM: return "RAM";
	case MEM_RESERVED: return "reserved";
	case MEM_ACPI: return "ACPI data";
	case MEM_NVS: return "ACPI NVS";
	case MEM_BAD: return "bad RAM";
	default: return "unknown";
	}
}
