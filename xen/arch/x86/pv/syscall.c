/* SPDX-License-Identifier: GPL-2.0 */
/* The syscall instruction: the per-CPU entry stubs, the MSRs, and where a
 * syscall goes (from guest kernel mode it is a hypercall, from guest user
 * mode it goes to the guest kernel's syscall callback).
 *
 * `syscall` leaves rsp on the guest's stack and we use no GS-based per-CPU
 * area (the guest owns GS), so each CPU's LSTAR points at a few bytes of
 * code that carry that CPU's stack address as immediates: save rax in the
 * frame, switch rsp, push the frame. */
#include <asm/config.h>
#include <asm/cpu-info.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/entry.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv/pv.h>
#include <xeno/domain.h>
#include <xeno/frame-alloc.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/printk.h>
#include <xeno/setup.h>

/* Stubs are mapped executable one page per CPU just below the image's
 * 1 GiB window end, far from anything else in slot 261. */
#define STUBS_VIRT_START (XEN_VIRT_START + (1UL << 30) - NR_CPUS * PAGE_SIZE)


struct stub {
	uint8_t *p;
};

static void emit(struct stub *s, const void *bytes, size_t n)
{
	memcpy(s->p, bytes, n);
	s->p += n;
}

static void emit_imm64(struct stub *s, uint64_t v)
{
	emit(s, &v, 8);
}

static void emit_imm32(struct stub *s, uint32_t v)
{
	emit(s, &v, 4);
}

static void write_stub(uint8_t *code, struct cpu_info *ci)
{
	uint64_t top = (uint64_t)(&ci->guest_regs + 1);
	struct stub s = { code };

	emit(&s, "\x48\xa3", 2);            /* movabs %rax, error slot */
	emit_imm64(&s, top - (REGS_SIZE - REGS_ERROR));
	emit(&s, "\x48\x89\xe0", 3);        /* mov %rsp, %rax */
	emit(&s, "\x48\xbc", 2);            /* movabs $top, %rsp */
	emit_imm64(&s, top);
	emit(&s, "\x68", 1);                /* push $guest ss */
	emit_imm32(&s, __GUEST_DS);
	emit(&s, "\x50", 1);                /* push %rax (guest rsp) */
	emit(&s, "\x41\x53", 2);            /* push %r11 (rflags) */
	emit(&s, "\x68", 1);                /* push $guest cs */
	emit_imm32(&s, __GUEST_CS64);
	emit(&s, "\x51", 1);                /* push %rcx (rip) */
	emit(&s, "\x48\xb8", 2);            /* movabs $syscall_common, %rax */
	emit_imm64(&s, (uint64_t)syscall_common);
	emit(&s, "\xff\xe0", 2);            /* jmp *%rax */
}

/* Build this CPU's stub and point the syscall MSRs at it. */
void syscall_stub_init(unsigned int cpu, struct cpu_info *ci)
{
	uint64_t pfn, va = STUBS_VIRT_START + cpu * PAGE_SIZE;
	uint8_t *page;

	if (frame_alloc(&xen_frames, 0, &pfn))
		panic("syscall stub: out of memory");
	page = __va(pfn << PAGE_SHIFT);
	memset(page, 0xcc, PAGE_SIZE);   /* int3 around the stub */
	write_stub(page, ci);
	if (map_pages(va, pfn << PAGE_SHIFT, 1, PAGE_HYPERVISOR_RX))
		panic("syscall stub: cannot map");

	wrmsr(MSR_STAR, ((uint64_t)__HYPERVISOR_SYSRET_BASE << 48) |
			((uint64_t)__HYPERVISOR_CS << 32));
	wrmsr(MSR_LSTAR, va);
	/* 32-bit syscall (CSTAR) is not offered to PV guests: same stub,
	 * the dispatcher refuses compat mode. */
	wrmsr(MSR_CSTAR, va);
	/* Entry with interrupts off, DF, TF, NT and AC clear. */
	wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_IF | X86_EFLAGS_DF | X86_EFLAGS_TF |
				X86_EFLAGS_NT | X86_EFLAGS_AC);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
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
