/* SPDX-License-Identifier: GPL-2.0 */
/* #GP from a guest: emulate the privileged instructions a PV kernel runs
 * (rdmsr/wrmsr, port I/O, control-register access, wbinvd, cli/sti, hlt,
 * clts) and tell `int n` apart by its bytes: QEMU's TCG reports a wrong
 * error code for it, so the error code is never trusted. */
#include <asm/current.h>
#include <asm/ioports.h>
#include <asm/processor.h>
#include <asm/pv/emul.h>
#include <asm/pv/pv.h>
#include <xeno/domain.h>
#include <xeno/errno.h>
#include <xeno/hypercall.h>
#include <xeno/lib.h>
#include <xeno/sched.h>

struct insn {
	uint8_t bytes[X86_MAX_INSN_LEN];
	unsigned int len;      /* bytes available */
	unsigned int pos;      /* next byte to decode */
	struct x86_prefixes pfx;
};

static int next_byte(struct insn *in, uint8_t *b)
{
	if (in->pos >= in->len)
		return -EFAULT;
	*b = in->bytes[in->pos++];
	return 0;
}

/* Read the prefixes (asm/x86-insn.h); returns the first opcode byte. */
static int decode_prefixes(struct insn *in, uint8_t *op)
{
	do {
		if (next_byte(in, op))
			return -EFAULT;
	} while (x86_prefix_step(&in->pfx, *op) != X86_PFX_NONE);
	return 0;
}

/* Xen's iopl_ok: the guest kernel runs at virtual CPL 1 (0 under
 * VMASST_TYPE_architectural_iopl), its user mode at 3; cli/sti and port I/O
 * need the virtual IOPL at least that. */
static bool iopl_ok(const struct vcpu *v)
{
	unsigned int cpl = !v->arch.kernel_mode ? 3 :
		vm_assist_on(v->domain, VMASST_TYPE_architectural_iopl) ? 0 : 1;

	return v->arch.iopl >= cpl;
}

/* Port I/O: the port is an immediate byte (e4-e7) or DX (ec-ef); the
 * access itself is emul-io.c's. */
static int emulate_io(struct vcpu *v, struct cpu_regs *regs, struct insn *in, uint8_t op)
{
	unsigned int size = (op & 1) ? (in->pfx.opsize ? 2 : 4) : 1;
	bool is_in = (op & 0xf6) == 0xe4 || (op & 0xfe) == 0xec;
	unsigned int port;
	uint32_t val = (uint32_t)regs->rax;
	uint8_t imm = 0;

	if (op <= 0xe7 && next_byte(in, &imm))   /* e4-e7 carry a port byte */
		return -EFAULT;
	if (!iopl_ok(v))
		return -EPERM;
	port = op <= 0xe7 ? imm : (uint16_t)regs->rdx;
	pv_port_io(v, is_in, port, size, &val);
	if (!is_in)
		return 0;
	/* As the hardware: a 32-bit in zero-extends into RAX, narrower ones
	 * leave the rest of RAX alone. */
	if (size == 4)
		regs->rax = val;
	else if (size == 2)
		regs->rax = (regs->rax & ~0xffffULL) | (val & 0xffff);
	else
		regs->rax = (regs->rax & ~0xffULL) | (val & 0xff);
	return 0;
}

static uint64_t guest_cr0(const struct vcpu *v)
{
	uint64_t cr0 = read_cr0() & ~X86_CR0_TS;

	return v->arch.fpu_ts ? cr0 | X86_CR0_TS : cr0;
}

/* CR4 bits the guest sees from the hardware (plus its virtual DE);
 * writes to the rest are ignored, as Xen does for PV. */
#define CR4_GUEST_VISIBLE (X86_CR4_PAE | X86_CR4_MCE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT)

static int emulate_mov_cr(struct vcpu *v, struct cpu_regs *regs, struct insn *in, bool to_cr)
{
	uint8_t modrm;
	unsigned int cr, reg;
	uint64_t *r;

	if (next_byte(in, &modrm) || (modrm >> 6) != 3)
		return -EFAULT;
	cr = ((modrm >> 3) & 7) | ((in->pfx.rex & REX_R) ? 8 : 0);
	reg = (modrm & 7) | ((in->pfx.rex & REX_B) ? 8 : 0);
	r = regs_gpr(regs, reg);
	if (!to_cr) {
		switch (cr) {
		case 0: *r = guest_cr0(v); return 0;
		case 2: *r = v->arch.cr2; return 0;
		case 3: *r = v->arch.kernel_cr3; return 0;
		case 4:
			*r = (read_cr4() & CR4_GUEST_VISIBLE) | (v->arch.cr4_de ? X86_CR4_DE : 0);
			return 0;
		default: return -EPERM;
		}
	}
	switch (cr) {
	case 0:
		/* Only TS may change, as with fpu_taskswitch. */
		if ((*r ^ guest_cr0(v)) & ~X86_CR0_TS)
			return -EPERM;
		pv_set_fpu_ts(v, (*r & X86_CR0_TS) != 0);
		return 0;
	case 2:
		v->arch.cr2 = *r;
		return 0;
	case 4:
		/* DE is the guest's (it allows I/O breakpoint types in DR7,
		 * as Xen's PV_CR4_GUEST_MASK); other bits are ignored. */
		v->arch.cr4_de = (*r & X86_CR4_DE) != 0;
		return 0;
	default:
		return -EPERM;
	}
}

/* mov to/from a debug register: the vCPU's virtual copies, with the
 * checks set_debugreg makes; DR4/DR5 are DR6/DR7, as with CR4.DE off. */
static int emulate_mov_dr(struct vcpu *v, struct cpu_regs *regs, struct insn *in, bool to_dr)
{
	uint8_t modrm;
	unsigned int dr;
	uint64_t *r;

	if (next_byte(in, &modrm) || (modrm >> 6) != 3)
		return -EFAULT;
	dr = (modrm >> 3) & 7;
	if (in->pfx.rex & REX_R)
		return -EPERM;   /* DR8-15 do not exist */
	if (dr == 4 || dr == 5)
		dr += 2;
	r = regs_gpr(regs, (modrm & 7) | ((in->pfx.rex & REX_B) ? 8 : 0));
	if (!to_dr) {
		*r = do_get_debugreg(dr);
		return 0;
	}
	return do_set_debugreg(dr, *r) ? -EPERM : 0;
}

/* int n: deliver vector n if its DPL allows the caller, else #GP. */
static int emulate_int(struct vcpu *v, struct cpu_regs *regs, struct insn *in)
{
	uint8_t vec;
	unsigned int need;

	if (next_byte(in, &vec))
		return -EFAULT;
	need = v->arch.kernel_mode ? 1 : 3;
	if (v->arch.traps[vec].dpl < need || !v->arch.traps[vec].address) {
		regs->error_code = (uint64_t)vec * 8 + 2;
		return -EPERM;   /* #GP(vec * 8 + 2), rip still at the int */
	}
	regs->rip += in->pos;
	pv_inject_trap(v, vec, false, 0);
	return 0;
}

/* Two-byte opcodes a PV kernel runs at boot and in its paravirt fallbacks:
 * clts, invd/wbinvd, control and debug register moves, rdmsr/wrmsr. */
static int emulate_0f(struct vcpu *v, struct cpu_regs *regs, struct insn *in)
{
	uint8_t op;
	uint64_t val;

	if (next_byte(in, &op))
		return -EFAULT;
	switch (op) {
	case 0x06:                      /* clts */
		pv_set_fpu_ts(v, false);
		return 0;
	case 0x08: case 0x09:           /* invd, wbinvd: nothing to flush for a PV guest */
		return 0;
	case 0x20: case 0x22:
		return emulate_mov_cr(v, regs, in, op == 0x22);
	case 0x21: case 0x23:
		return emulate_mov_dr(v, regs, in, op == 0x23);
	case 0x30:                      /* wrmsr */
		return pv_write_msr(v, (uint32_t)regs->rcx,
				    ((uint64_t)(uint32_t)regs->rdx << 32) | (uint32_t)regs->rax);
	case 0x32:                      /* rdmsr */
		if (pv_read_msr(v, (uint32_t)regs->rcx, &val))
			return -EPERM;
		regs->rax = (uint32_t)val;
		regs->rdx = val >> 32;
		return 0;
	default:
		return -EPERM;
	}
}

/* A #GP in the guest: 0 when the instruction was emulated (rip moved past
 * it, or the vCPU blocked for hlt), else the #GP goes to the guest. The
 * bytes are fetched once through the guest's own mappings; `int n` is
 * looked at from either mode, cli/sti and port I/O from either with
 * enough virtual IOPL, the rest only from the guest kernel (ring 3 on
 * hardware, ring 0 in the guest's view). */
int pv_emulate_gp(struct vcpu *v, struct cpu_regs *regs)
{
	struct insn in = { 0 };
	uint8_t op;
	int rc;

	/* Zeroed first, then fetched: inside the initialiser the order of the
	 * zeroing and the fetch into in.bytes would be unspecified. */
	in.len = pv_fetch_insn(regs->rip, in.bytes);

	if (decode_prefixes(&in, &op))
		return -EFAULT;
	if (op == 0xcd)
		return emulate_int(v, regs, &in);
	switch (op) {
	case 0x0f:                      /* the guest kernel's only */
		rc = v->arch.kernel_mode ? emulate_0f(v, regs, &in) : -EPERM;
		break;
	case 0xe4: case 0xe5: case 0xe6: case 0xe7:
	case 0xec: case 0xed: case 0xee: case 0xef:
		rc = emulate_io(v, regs, &in, op);
		break;
	case 0xfa: case 0xfb:           /* cli/sti: retired with I/O privilege,
					 * the event mask left alone, as Xen
					 * 4.17 (a guest could not undo a cli
					 * with popf, which does not trap) */
		rc = iopl_ok(v) ? 0 : -EPERM;
		break;
	case 0xf4:                      /* hlt (kernel): retired and nothing
					 * more, as in Xen 4.17's PV emulation
					 * (guests block with SCHEDOP_block; a
					 * blocking hlt could wait for an event
					 * already pending and hang the vCPU) */
		rc = v->arch.kernel_mode ? 0 : -EPERM;
		break;
	default:
		rc = -EPERM;
		break;
	}
	if (rc == 0) {
		regs->rip += in.pos;
		pv_emulated_insn_done(v, regs, true);
	}
	return rc;
}
