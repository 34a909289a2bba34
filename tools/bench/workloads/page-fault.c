/* SPDX-License-Identifier: GPL-2.0-only */
/* Page fault on fresh anonymous memory: one write per 4 KiB page of a new
 * mapping; the time is per page (fault, zeroing, PTE write). Transparent
 * huge pages are refused so that every page faults. */
#include <stddef.h>
#include <sys/mman.h>
#include "bench.h"

#define PAGE 4096UL

static int batch(uint64_t pages)
{
	size_t len = pages * PAGE;
	volatile char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t i;

	if (p == MAP_FAILED)
		return bench_fail("page_fault", "mmap");
	madvise((void *)p, len, MADV_NOHUGEPAGE);
	for (i = 0; i < pages; i++)
		p[i * PAGE] = 1;
	munmap((void *)p, len);
	return 0;
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, "page_fault", batch);
}
