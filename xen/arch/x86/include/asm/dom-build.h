/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_DOM_BUILD_H
#define ASM_DOM_BUILD_H

#include <stddef.h>
#include <stdint.h>

struct domain;

struct pv_build_args {
	const void *kernel;
	size_t kernel_len;
	const void *initrd;      /* NULL: none */
	size_t initrd_len;
	const char *cmdline;
	uint64_t nr_pages;
	uint64_t max_pages;   /* what it may balloon up to (>= nr_pages) */
};

/* Build d's start-of-day state from an ELF PV kernel. Returns 0, or a
 * negative code after printing one line that says why. */
int pv_build_domain(struct domain *d, const struct pv_build_args *a);

#endif
