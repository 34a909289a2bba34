/* SPDX-License-Identifier: GPL-2.0 */
/* SMEP and SMAP, on when the CPU offers them (smap.c). */
#ifndef ASM_SMAP_H
#define ASM_SMAP_H

#include <stdbool.h>

/* Whether stac/clac may run (read by usercopy.S and the entry path). */
extern bool smap_enabled;

/* Each CPU from cpu_init_features; the first one decides. */
void cpu_init_smep_smap(void);

#endif
