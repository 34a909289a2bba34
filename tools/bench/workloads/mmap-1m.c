/* SPDX-License-Identifier: GPL-2.0-only */
/* mmap of 1 MiB of anonymous memory, populated (MAP_POPULATE: 256 PTE
 * writes in one call, which PV Linux may batch into few mmu_updates),
 * then munmap. Per map/unmap pair. */
#include <stddef.h>
#include <sys/mman.h>
#include "bench.h"

#define MAP_LEN (1UL << 20)

static int batch(uint64_t iters)
{
	while (iters--) {
		void *p = mmap(NULL, MAP_LEN, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

		if (p == MAP_FAILED)
			return bench_fail("mmap_1m", "mmap");
		if (munmap(p, MAP_LEN))
			return bench_fail("mmap_1m", "munmap");
	}
	return 0;
}

int main(int argc, char **argv)
{
	return bench_main(argc, argv, "mmap_1m", batch);
}
