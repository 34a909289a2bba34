/* SPDX-License-Identifier: MIT */
/* One layout fact (a size, an offset, a constant) as abi-*.c record it. */
#ifndef RING_IO_TEST_ABI_H
#define RING_IO_TEST_ABI_H

#include <stddef.h>

struct abi_fact {
	const char *group;	/* blkif, netif, ring, xenbus, grant */
	const char *what;
	long long value;
};

/* Fill out[] (room for max) and return the count. */
size_t abi_facts_xen(struct abi_fact *out, size_t max);
size_t abi_facts_ours(struct abi_fact *out, size_t max);

/* The list, read as initialisers. Each reader includes its own headers. */
#define ABI_SIZE(g, tag, kind) \
	{ #g, "sizeof(" #kind " " #tag ")", (long long)sizeof(kind tag) },
#define ABI_FIELD(g, tag, field) \
	{ #g, "offsetof(" #tag ", " #field ")", \
	  (long long)offsetof(struct tag, field) }, \
	{ #g, "sizeof(" #tag "." #field ")", \
	  (long long)sizeof(((struct tag *)0)->field) },
#define ABI_CONST(g, name) { #g, #name, (long long)(name) },

#endif /* RING_IO_TEST_ABI_H */
