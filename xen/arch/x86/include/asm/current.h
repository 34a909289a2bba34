/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ASM_CURRENT_H
#define ASM_CURRENT_H

#include <asm/cpu-info.h>

/* The vCPU this CPU runs, or NULL while idle. */
static inline struct vcpu *current_vcpu(void)
{
	return get_cpu_info()->current;
}

#endif
