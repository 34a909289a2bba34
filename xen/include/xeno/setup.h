/* SPDX-License-Identifier: GPL-2.0 */
/* State established at boot and shared by the early subsystems. */
#ifndef XENO_SETUP_H
#define XENO_SETUP_H

#include <asm/multiboot2.h>
#include <xeno/frame-alloc.h>

extern struct mb2_info boot_info;
extern struct frame_pool xen_frames;
extern struct mem_region ram_map[MEMMAP_MAX];
extern size_t nr_ram_map;

/* Hypervisor-wide options (common/params.c). */
extern char opt_selftest[32];
extern char opt_console[32];
extern uint64_t opt_mem;

/* End the machine: under QEMU through isa-debug-exit with this status
 * (0 success), else halt every CPU. Never returns. */
__attribute__((noreturn)) void machine_exit(int status);
/* The initial domain's end is the machine's: ACPI power off, or reset. */
__attribute__((noreturn)) void machine_poweroff(void);
__attribute__((noreturn)) void machine_reboot(void);

/* Create and start a domain per boot module (common/boot-domains.c). */
void boot_domains_start(void);

void selftest_run_early(void);
void selftest_run_late(void);
/* selftest=smap/smep: touch a user page as the hypervisor (arch). */
void arch_selftest_user_access(bool execute);

#endif
