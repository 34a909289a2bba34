/* SPDX-License-Identifier: GPL-2.0 */
/* Included first in every hypervisor file (-include). All symbols are
 * hidden: with -fpie that makes every reference RIP-relative, no GOT. */
#ifndef XENO_COMPILER_H
#define XENO_COMPILER_H
#pragma GCC visibility push(hidden)
#endif
