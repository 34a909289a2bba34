/* SPDX-License-Identifier: MIT */
/*
 * vCPU 1 (evt.h): the vcpu_guest_context Linux's cpu_initialize_context
 * builds, reduced to what a test guest needs: kernel mode, our page
 * tables (ctrlreg[3] = xen_pfn_to_cr3(L4 mfn)), its own stack as rsp and
 * kernel_sp, flat kernel selectors, the trap table and the event and
 * failsafe callbacks. vCPU 1 binds nothing itself: vCPU 0 binds its
 * VIRQ_TIMER before VCPUOP_up.
 */
#include "evt.h"

char evt_vcpu1_stack[EVT_VCPU1_STACK] __attribute__((aligned(PAGE_SIZE)));
struct vcpu_guest_context evt_ctx;
volatile uint32_t evt_vcpu1_started, evt_vcpu1_done;
static void (*vcpu1_fn)(void);

extern void evt_vcpu1_entry(void);
void evt_vcpu1_main(void) __attribute__((noreturn));

void evt_vcpu_context(struct vcpu_guest_context *ctx, void (*fn)(void))
{
	unsigned long top = (unsigned long)evt_vcpu1_stack + EVT_VCPU1_STACK;

	memset(ctx, 0, sizeof(*ctx));
	vcpu1_fn = fn;
	ctx->flags = VGCF_in_kernel;
	ctx->user_regs.rip = (unsigned long)evt_vcpu1_entry;
	ctx->user_regs.rsp = top;
	ctx->user_regs.rflags = 0x1000;         /* IOPL 1, as Linux passes */
	ctx->user_regs.cs = FLAT_KERNEL_CS;
	ctx->user_regs.ss = FLAT_KERNEL_SS;
	ctx->user_regs.ds = FLAT_KERNEL_DS;
	ctx->user_regs.es = FLAT_KERNEL_DS;
	for (unsigned int v = 0; v < 32; v++)
		ctx->trap_ctxt[v] = (struct trap_info){ v, (v == 3 || v == 4) ? 3 : 0,
						       FLAT_KERNEL_CS, trap_entry_address(v) };
	ctx->kernel_ss = FLAT_KERNEL_SS;
	ctx->kernel_sp = top;
	ctx->ctrlreg[3] = xen_pfn_to_cr3(virt_to_mfn((void *)start_info->pt_base));
	ctx->event_callback_eip = (unsigned long)evt_upcall_entry;
	ctx->failsafe_callback_eip = (unsigned long)evt_failsafe_entry;
}

long evt_start_vcpu1(void (*fn)(void))
{
	long rc;

	evt_vcpu_info[1]->evtchn_upcall_mask = 1;
	evt_vcpu_context(&evt_ctx, fn);
	rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, gva(&evt_ctx));
	if (rc)
		return rc;
	return HYPERVISOR_vcpu_op(VCPUOP_up, 1, 0);
}

/* Runs fn once per VCPUOP_up; between runs it takes itself down. */
void evt_vcpu1_main(void)
{
	for (;;) {
		evt_vcpu1_done = 0;
		__atomic_add_fetch(&evt_vcpu1_started, 1, __ATOMIC_SEQ_CST);
		if (vcpu1_fn)
			vcpu1_fn();
		evt_vcpu1_done = 1;
		HYPERVISOR_vcpu_op(VCPUOP_down, 1, 0);
	}
}
