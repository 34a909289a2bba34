/* SPDX-License-Identifier: GPL-2.0 */
/* The hypercall table (number -> handler) and the syscall entry point:
 * from guest kernel mode `syscall` is a hypercall, from guest user mode it
 * goes to the guest kernel's syscall callback. */
#include <asm/current.h>
#include <asm/entry.h>
#include <asm/pv/pv.h>
#include <public/xen.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/domctl.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/printk.h>

/* Adapters: each handler takes only the arguments it defines. */
static long hc_set_trap_table(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_set_trap_table(a); }
static long hc_stack_switch(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_stack_switch(a, b); }
static long hc_set_callbacks(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_set_callbacks(a, b, c); }
static long hc_fpu_taskswitch(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_fpu_taskswitch(a); }
static long hc_set_debugreg(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_set_debugreg(a, b); }
static long hc_get_debugreg(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_get_debugreg(a); }
static long hc_multicall(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_multicall(a, b); }
static long hc_xen_version(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_xen_version(a, b); }
static long hc_console_io(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_console_io(a, b, c); }
static long hc_vm_assist(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_vm_assist(a, b); }
static long hc_iret(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_iret(); }
static long hc_set_segment_base(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_set_segment_base(a, b); }
static long hc_sched_op(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_sched_op(a, b); }
static long hc_callback_op(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_callback_op(a, b); }
static long hc_vcpu_op(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_vcpu_op(a, b, c); }
static long hc_mmu_update(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_mmu_update(a, b, c, d); }
static long hc_set_gdt(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_set_gdt(a, b); }
static long hc_update_descriptor(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_update_descriptor(a, b); }
static long hc_update_va_mapping(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_update_va_mapping(a, b, c); }
static long hc_update_va_mapping_otherdomain(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_update_va_mapping_otherdomain(a, b, c, d); }
static long hc_mmuext_op(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_mmuext_op(a, b, c, d); }
static long hc_event_channel_op(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_event_channel_op(a, b); }
static long hc_set_timer_op(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_set_timer_op(a); }
static long hc_memory_op(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_memory_op(a, b); }
static long hc_grant_table_op(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_grant_table_op(a, b, c); }
static long hc_physdev_op(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_physdev_op(a, b); }

static long hc_platform_op(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_platform_op(a); }

static long hc_sysctl(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_sysctl(a); }
static long hc_domctl(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e) { return do_domctl(a); }

static const hypercall_fn_t hypercall_table[NR_HYPERCALLS] = {
	[__HYPERVISOR_set_trap_table]   = hc_set_trap_table,
	[__HYPERVISOR_stack_switch]     = hc_stack_switch,
	[__HYPERVISOR_set_callbacks]    = hc_set_callbacks,
	[__HYPERVISOR_fpu_taskswitch]   = hc_fpu_taskswitch,
	[__HYPERVISOR_set_debugreg]     = hc_set_debugreg,
	[__HYPERVISOR_get_debugreg]     = hc_get_debugreg,
	[__HYPERVISOR_multicall]        = hc_multicall,
	[__HYPERVISOR_xen_version]      = hc_xen_version,
	[__HYPERVISOR_console_io]       = hc_console_io,
	[__HYPERVISOR_vm_assist]        = hc_vm_assist,
	[__HYPERVISOR_iret]             = hc_iret,
	[__HYPERVISOR_set_segment_base] = hc_set_segment_base,
	[__HYPERVISOR_sched_op]         = hc_sched_op,
	[__HYPERVISOR_callback_op]      = hc_callback_op,
	[__HYPERVISOR_vcpu_op]          = hc_vcpu_op,
	[__HYPERVISOR_physdev_op]       = hc_physdev_op,
	[__HYPERVISOR_platform_op]      = hc_platform_op,
	[__HYPERVISOR_sysctl]           = hc_sysctl,
	[__HYPERVISOR_domctl]           = hc_domctl,
	[__HYPERVISOR_memory_op]        = hc_memory_op,
	[__HYPERVISOR_grant_table_op]   = hc_grant_table_op,
	[__HYPERVISOR_mmu_update]       = hc_mmu_update,
	[__HYPERVISOR_set_gdt]          = hc_set_gdt,
	[__HYPERVISOR_update_descriptor] = hc_update_descriptor,
	[__HYPERVISOR_update_va_mapping] = hc_update_va_mapping,
	[__HYPERVISOR_update_va_mapping_otherdomain] = hc_update_va_mapping_otherdomain,
	[__HYPERVISOR_mmuext_op]        = hc_mmuext_op,
	[__HYPERVISOR_event_channel_op] = hc_event_channel_op,
	[__HYPERVISOR_set_timer_op]     = hc_set_timer_op,
};

/* Hypercalls whose first argument selects a sub-op. */
static bool has_subops(uint64_t nr)
{
	switch (nr) {
	case __HYPERVISOR_memory_op: case __HYPERVISOR_xen_version:
	case __HYPERVISOR_console_io: case __HYPERVISOR_vm_assist:
	case __HYPERVISOR_vcpu_op: case __HYPERVISOR_sched_op:
	case __HYPERVISOR_callback_op: case __HYPERVISOR_event_channel_op:
	case __HYPERVISOR_physdev_op: case __HYPERVISOR_grant_table_op:
	case __HYPERVISOR_set_segment_base:
		return true;
	default:
		return false;
	}
}

static unsigned int subop_of(uint64_t nr, uint64_t a1)
{
	if (nr == __HYPERVISOR_memory_op)
		a1 &= 0x3f;   /* the rest is a continuation index */
	return a1 < NR_SUBOPS - 1 ? (unsigned int)a1 : NR_SUBOPS - 1;
}

long hypercall_dispatch(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
			uint64_t a4, uint64_t a5)
{
	struct domain *d = current_vcpu()->domain;
	hypercall_fn_t fn;

	if (nr >= NR_HYPERCALLS)
		return -ENOSYS;
	d->hypercall_count[nr]++;
	if (has_subops(nr))
		d->subop_count[nr][subop_of(nr, a1)]++;
	fn = hypercall_table[nr];
	if (!fn)
		return -ENOSYS;
	return fn(a1, a2, a3, a4, a5);
}

void do_syscall_entry(struct cpu_regs *regs)
{
	struct vcpu *v = current_vcpu();

	if (!v->arch.kernel_mode) {
		pv_inject_syscall(v, regs);
	} else {
		long rc = hypercall_dispatch(regs->rax, regs->rdi, regs->rsi,
					     regs->rdx, regs->r10, regs->r8);
		uint64_t nr, a[5];

		if (rc == -ERESTART && hypercall_take_continuation(&nr, a)) {
			/* Back onto the `syscall` (2 bytes) with the arguments
			 * that resume the call; pending work runs first. */
			regs->rip -= 2;
			regs->rax = nr;
			regs->rdi = a[0];
			regs->rsi = a[1];
			regs->rdx = a[2];
			regs->r10 = a[3];
			regs->r8 = a[4];
		} else {
			/* iret rewrote the whole frame and returns the saved rax. */
			regs->rax = (uint64_t)rc;
		}
	}
	pv_exit_to_guest();
}

void hypercall_print_counts(void)
{
	for (unsigned int i = 0; i < MAX_DOMAINS; i++) {
		struct domain *d = domain_list[i];
		char line[200];
		int n = 0;

		if (!d)
			continue;
		for (unsigned int h = 0; h < NR_HYPERCALLS && n < 160; h++)
			if (d->hypercall_count[h])
				n += snprintf(line + n, sizeof(line) - (size_t)n, " %u:%lu", h,
					      d->hypercall_count[h]);
		printk("d%u hypercalls (number:count):%s\n", d->domain_id, n ? line : " none");
		for (unsigned int h = 0; h < NR_HYPERCALLS; h++) {
			n = 0;
			for (unsigned int o = 0; o < NR_SUBOPS && n < 160; o++)
				if (d->subop_count[h][o])
					n += snprintf(line + n, sizeof(line) - (size_t)n, " %u:%lu", o,
						      d->subop_count[h][o]);
			if (n)
				printk("d%u   hypercall %u sub-ops (op:count):%s\n", d->domain_id, h, line);
		}
	}
}
