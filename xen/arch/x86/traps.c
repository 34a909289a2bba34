/* SPDX-License-Identifier: GPL-2.0 */
/* Exception and interrupt dispatch. An exception taken in the hypervisor
 * is fatal: dump registers and a stack trace, then panic. */
#include <asm/cpu-info.h>
#include <asm/guest-access.h>
#include <asm/processor.h>
#include <asm/pv/pv.h>
#include <asm/traps.h>
#include <xeno/lib.h>
#include <xeno/printk.h>

static irq_handler_t irq_handlers[256];

static const char *const exception_names[32] = {
	[0] = "#DE divide error", [1] = "#DB debug", [2] = "NMI",
	[3] = "#BP breakpoint", [4] = "#OF overflow", [5] = "#BR bound range",
	[6] = "#UD invalid opcode", [7] = "#NM device not available",
	[8] = "#DF double fault", [10] = "#TS invalid TSS",
	[11] = "#NP segment not present", [12] = "#SS stack fault",
	[13] = "#GP general protection", [14] = "#PF page fault",
	[16] = "#MF x87 error", [17] = "#AC alignment check",
	[18] = "#MC machine check", [19] = "#XM SIMD error",
	[20] = "#VE virtualisation", [21] = "#CP control protection",
};

void set_irq_handler(unsigned int vector, irq_handler_t h)
{
	if (vector < ARRAY_SIZE(irq_handlers))
		irq_handlers[vector] = h;
}

/* The symbol table the second link pass appends (tools/gen-symtab.sh). */
struct symtab_entry {
	uint64_t addr;
	const char *name;
};
extern const struct {
	uint64_t count;
	struct symtab_entry e[];
} symtab_data;

const char *symbol_name(uint64_t addr, uint64_t *offset)
{
	uint64_t lo = 0, hi = symtab_data.count;

	/* Binary search for the last symbol at or below addr. */
	while (lo < hi) {
		uint64_t mid = (lo + hi) / 2;

		if (symtab_data.e[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	*offset = addr - symtab_data.e[lo - 1].addr;
	return symtab_data.e[lo - 1].name;
}

static void print_address(const char *what, uint64_t addr)
{
	uint64_t off;
	const char *name = symbol_name(addr, &off);

	if (name && off < 0x100000)
		printk(XENLOG_ERR "%s[<%016lx>] %s+%#lx\n", what, addr, name, off);
	else
		printk(XENLOG_ERR "%s[<%016lx>]\n", what, addr);
}

void show_registers(const struct cpu_regs *r)
{
	print_address("RIP:    ", r->rip);
	printk(XENLOG_ERR "CS: %04lx  SS: %04lx  RFLAGS: %016lx  CPU: %u\n",
	       r->cs, r->ss, r->rflags, smp_processor_id());
	printk(XENLOG_ERR "rax: %016lx  rbx: %016lx  rcx: %016lx\n", r->rax, r->rbx, r->rcx);
	printk(XENLOG_ERR "rdx: %016lx  rsi: %016lx  rdi: %016lx\n", r->rdx, r->rsi, r->rdi);
	printk(XENLOG_ERR "rbp: %016lx  rsp: %016lx  r8:  %016lx\n", r->rbp, r->rsp, r->r8);
	printk(XENLOG_ERR "r9:  %016lx  r10: %016lx  r11: %016lx\n", r->r9, r->r10, r->r11);
	printk(XENLOG_ERR "r12: %016lx  r13: %016lx  r14: %016lx\n", r->r12, r->r13, r->r14);
	printk(XENLOG_ERR "r15: %016lx  cr0: %016lx  cr4: %016lx\n", r->r15, read_cr0(), read_cr4());
	printk(XENLOG_ERR "cr2: %016lx  cr3: %016lx\n", read_cr2(), read_cr3());
}

/* Walk the frame-pointer chain, staying inside this CPU's stack block so a
 * corrupt chain cannot fault us again. */
void show_stack_trace(uint64_t rbp)
{
	uint64_t lo = (uint64_t)stack_block_of(get_cpu_info());
	uint64_t hi = lo + STACK_SIZE;

	printk(XENLOG_ERR "Stack trace:\n");
	for (int depth = 0; depth < 32; depth++) {
		const uint64_t *frame = (const uint64_t *)rbp;

		if (rbp < lo || rbp + 16 > hi || (rbp & 7))
			break;
		if (!frame[1])
			break;
		print_address("   ", frame[1]);
		if (frame[0] <= rbp)
			break;   /* frames must move up the stack */
		rbp = frame[0];
	}
}

void fatal_trap(const struct cpu_regs *r)
{
	unsigned int v = (unsigned int)r->entry_vector;
	const char *name = v < 32 && exception_names[v] ? exception_names[v] : "exception";

	printk(XENLOG_ERR "----[ Xeno fatal trap: %s (vector %u), error code %#lx ]----\n",
	       name, v, r->error_code);
	show_registers(r);
	print_address("   ", r->rip);
	show_stack_trace(r->rbp);
	panic("fatal trap %u (%s) in the hypervisor", v, name);
}

/* Faults the hypervisor expects to take (guest memory copies, iretq to a
 * guest frame) resume at their fixup. */
static bool fixup_fault(struct cpu_regs *regs)
{
	unsigned int v = (unsigned int)regs->entry_vector;
	uint64_t fixup;

	if (v != X86_EXC_PF && v != X86_EXC_GP && v != X86_EXC_NP && v != X86_EXC_SS)
		return false;
	fixup = search_exception_table(regs->rip);
	if (!fixup)
		return false;
	regs->rip = fixup;
	return true;
}

/* Every exception and interrupt, from the guest or from the hypervisor.
 * A frame in cpu_info->guest_regs came from ring 3 (the guest); any other
 * is the hypervisor's own (or an IST stack's). The hypervisor may fault
 * only where an exception-table fixup expects it; anything else is a bug
 * and stops the machine. */
void do_entry(struct cpu_regs *regs)
{
	unsigned int v = (unsigned int)regs->entry_vector;
	bool guest_frame = regs == &get_cpu_info()->guest_regs;

	if (v == X86_EXC_DB && !guest_frame) {
		do_debug_trap(regs);
		return;
	}
	if (v >= 32 && v != PV_SYSCALL_INT80) {
		if (irq_handlers[v])
			irq_handlers[v](regs);
		else
			printk(XENLOG_WARNING "unexpected interrupt vector %u on CPU%u\n",
			       v, smp_processor_id());
	} else if (regs_from_guest(regs)) {
		if (guest_frame)
			pv_handle_exception(regs);
		/* else an NMI or #MC on its IST stack: nothing for the guest */
	} else if (v == X86_EXC_NMI) {
		printk(XENLOG_WARNING "NMI on CPU%u\n", smp_processor_id());
		return;
	} else if (!fixup_fault(regs)) {
		fatal_trap(regs);
	}
	if (guest_frame && regs_from_guest(regs))
		pv_exit_to_guest();
}
