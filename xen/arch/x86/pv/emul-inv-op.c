/* SPDX-License-Identifier: GPL-2.0 */
/* #UD from a guest: the forced-emulation prefix "ud2; 'xen'; cpuid"
 * (0f 0b 78 65 6e 0f a2) asks for the PV view of CPUID. */
#include <asm/guest-access.h>
#include <asm/pv/emul.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/lib.h>

static const uint8_t forced_cpuid[7] = { 0x0f, 0x0b, 'x', 'e', 'n', 0x0f, 0xa2 };

unsigned int pv_fetch_insn(uint64_t rip, uint8_t *buf)
{
	unsigned int n = 0;

	/* Byte by byte: the instruction may end just before an unmapped page. */
	while (n < X86_MAX_INSN_LEN && copy_from_guest(&buf[n], rip + n, 1) == 0)
		n++;
	return n;
}

int pv_emulate_invalid_op(struct vcpu *v, struct cpu_regs *regs)
{
	uint8_t insn[X86_MAX_INSN_LEN];
	uint32_t r[4];

	if (pv_fetch_insn(regs->rip, insn) < sizeof(forced_cpuid) ||
	    memcmp(insn, forced_cpuid, sizeof(forced_cpuid)))
		return -EINVAL;
	pv_cpuid(v->domain, (uint32_t)regs->rax, (uint32_t)regs->rcx, r);
	regs->rax = r[0];
	regs->rbx = r[1];
	regs->rcx = r[2];
	regs->rdx = r[3];
	regs->rip += sizeof(forced_cpuid);
	pv_emulated_insn_done(v, regs, true);
	return 0;
}
