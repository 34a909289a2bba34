/* SPDX-License-Identifier: MIT */
/*
 * Guest-user mode: run a function in ring 3 user mode (CS 0xe033 with the
 * hypervisor's user/kernel flag set to user) on its own stack, entered
 * through HYPERVISOR_iret, until it issues `syscall` (delivered to our
 * syscall callback) or takes a trap that cannot resume (a fault). The user
 * page table is our own L4, registered with MMUEXT_NEW_USER_BASEPTR: Xen
 * allows the same root in both slots, and it keeps the tests small.
 */
#ifndef GUEST_USER_H
#define GUEST_USER_H

#include <stdbool.h>
#include "traps.h"

/* The record of the event that ended the last user_run(). */
extern volatile struct trap_record user_exit;
/* The last trap-like event (#BP, #OF, int 0x80) resumed in user mode. */
extern volatile struct trap_record user_resumed;

/* Tops of the user stack and of the kernel stack given to stack_switch. */
unsigned long user_stack_top(void);
unsigned long user_kernel_stack_top(void);

/*
 * Register the user page table, the kernel stack for user->kernel
 * transitions and the syscall callback. Returns NULL or a reason, which
 * callers report as "setup: ..." for every case that needed user mode.
 */
const char *user_setup(void);

/* Enter user mode at 'rip'; returns the vector that ended it. */
unsigned long user_run(void (*rip)(void));

enum user_trap_action { USER_NOT_MINE, USER_RESUME, USER_EXIT };
/* Called from trap_dispatch for every trap. */
enum user_trap_action user_trap(const struct trap_frame *f);
void user_leave(unsigned long vector) __attribute__((noreturn));

#endif /* GUEST_USER_H */
