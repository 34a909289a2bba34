/* SPDX-License-Identifier: MIT */
/* Guest-user mode helpers (see user.h). */
#include <public/callback.h>
#include "guest.h"
#include "user.h"

#define USER_STACK_SIZE 8192

extern void syscall_entry(void);
unsigned long user_enter(unsigned long rip, unsigned long rsp);

volatile struct trap_record user_exit;
volatile struct trap_record user_resumed;
static bool user_active;
static char user_stack[USER_STACK_SIZE] __attribute__((aligned(16)));
static char user_kstack[USER_STACK_SIZE] __attribute__((aligned(16)));
static char setup_reason[120];

unsigned long user_stack_top(void)
{
	return gva(user_stack + USER_STACK_SIZE);
}

unsigned long user_kernel_stack_top(void)
{
	return gva(user_kstack + USER_STACK_SIZE);
}

const char *user_setup(void)
{
	struct mmuext_op op = { .cmd = MMUEXT_NEW_USER_BASEPTR };
	struct callback_register cb = {
		.type = CALLBACKTYPE_syscall,
		.flags = CALLBACKF_mask_events,
		.address = (unsigned long)syscall_entry,
	};
	long rc;

	op.arg1.mfn = virt_to_mfn((void *)start_info->pt_base);
	rc = HYPERVISOR_mmuext_op(gva(&op), 1, 0, DOMID_SELF);
	if (rc) {
		snprintf(setup_reason, sizeof(setup_reason),
			 "mmuext_op NEW_USER_BASEPTR returned %ld", rc);
		return setup_reason;
	}
	rc = HYPERVISOR_stack_switch(FLAT_KERNEL_SS, user_kernel_stack_top());
	if (rc) {
		snprintf(setup_reason, sizeof(setup_reason), "stack_switch returned %ld", rc);
		return setup_reason;
	}
	rc = HYPERVISOR_callback_op(CALLBACKOP_register, gva(&cb));
	if (rc) {
		snprintf(setup_reason, sizeof(setup_reason),
			 "callback_op register syscall returned %ld", rc);
		return setup_reason;
	}
	return NULL;
}

unsigned long user_run(void (*rip)(void))
{
	user_exit.vector = TRAP_NONE;
	user_active = true;
	return user_enter((unsigned long)rip, user_stack_top());
}

enum user_trap_action user_trap(const struct trap_frame *f)
{
	if (!user_active)
		return USER_NOT_MINE;
	if ((f->cs & 3) != 3 && f->vector != VECTOR_SYSCALL)
		return USER_NOT_MINE;   /* our own kernel-mode fault */
	if (f->vector == 3 || f->vector == 4 || f->vector == 0x80 ||
	    f->vector == VECTOR_EVENT) {
		user_resumed = last_trap;
		return USER_RESUME;     /* iret back to user after the instruction */
	}
	user_exit = last_trap;
	user_active = false;
	return USER_EXIT;
}
