/* SPDX-License-Identifier: GPL-2.0 */
/* Writable page tables: decoding every accepted instruction form (each
 * register, ModRM/SIB/displacement form, rip-relative, prefixes), refusing
 * hostile bytes, and applying each operation to an entry. Expected values
 * are literals: decode results read off objdump's disassembly, apply results
 * recorded by running each instruction on a real CPU. */
#include "helpers.h"
#include <xeno/errno.h>
#include <xeno/lib.h>
#include <asm/ptwr-decode.h>

#define TEST_RIP 0xffffffff81000000ULL

/* Register values chosen so every low and high byte differs. */
static const struct ptwr_gprs regs0 = { {
	0x0123456789abcdef, 0xffff888000001c18, 0x0000000000002b29, 0xffff888000003a38,
	0xffffc90000004f48, 0xffffc90000005e58, 0x800000012345a067, 0xffff888000006d78,
	0xffff888000007000, 0x0000000000000003, 0xffffffffffffffff, 0x00000000ffffff80,
	0xffff888000008000, 0xffff888000009000, 0x0000000000000010, 0xfffffffffffffff0,
} };

/* Short names for the tables. */
enum {
	MOV = PTWR_OP_MOV, XCHG = PTWR_OP_XCHG, CMPXCHG = PTWR_OP_CMPXCHG,
	OR = PTWR_OP_OR, AND = PTWR_OP_AND, XOR = PTWR_OP_XOR,
	BTS = PTWR_OP_BTS, BTR = PTWR_OP_BTR,
	DS = PTWR_SEG_DS, SS = PTWR_SEG_SS, FS = PTWR_SEG_FS, GS = PTWR_SEG_GS,
};

struct decode_case {
	const char *name;            /* objdump's reading of the bytes */
	const char bytes[16];
	unsigned int len;
	int op;
	unsigned int width;
	int lock;
	int seg;
	uint64_t ea;
	uint64_t src;
	int dst_reg;
	int high_byte;
};

/* Columns: objdump text, bytes, length, op, width, lock, segment, effective
 * address, source value, result register, result register is ah..bh. */
static const struct decode_case form_cases[] = {
	{ "mov %rsi,(%rdi)", "\x48\x89\x37", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "mov %esi,(%rdi)", "\x89\x37", 2, MOV, 4, 0, DS, 0xffff888000006d78, 0x2345a067, -1, 0 },
	{ "mov %dh,(%rdi)", "\x88\x37", 2, MOV, 1, 0, DS, 0xffff888000006d78, 0x2b, -1, 0 },
	{ "mov %sil,(%rdi)", "\x40\x88\x37", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x67, -1, 0 },
	{ "movq $0xffffffffffffffff,(%rdi)", "\x48\xc7\x07\xff\xff\xff\xff", 7, MOV, 8, 0, DS, 0xffff888000006d78, 0xffffffffffffffff, -1, 0 },
	{ "movq $0xffffffff80000000,(%rdi)", "\x48\xc7\x07\x00\x00\x00\x80", 7, MOV, 8, 0, DS, 0xffff888000006d78, 0xffffffff80000000, -1, 0 },
	{ "movq $0x7fffffff,(%rdi)", "\x48\xc7\x07\xff\xff\xff\x7f", 7, MOV, 8, 0, DS, 0xffff888000006d78, 0x7fffffff, -1, 0 },
	{ "movl $0x80000000,(%rdi)", "\xc7\x07\x00\x00\x00\x80", 6, MOV, 4, 0, DS, 0xffff888000006d78, 0x80000000, -1, 0 },
	{ "movb $0xfd,(%rdi)", "\xc6\x07\xfd", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0xfd, -1, 0 },
	{ "xchg %rax,(%rdi)", "\x48\x87\x07", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0x123456789abcdef, 0, 0 },
	{ "xchg %eax,(%rdi)", "\x87\x07", 2, XCHG, 4, 0, DS, 0xffff888000006d78, 0x89abcdef, 0, 0 },
	{ "xchg %ah,(%rdi)", "\x86\x27", 2, XCHG, 1, 0, DS, 0xffff888000006d78, 0xcd, 4, 1 },
	{ "xchg %spl,(%rdi)", "\x40\x86\x27", 3, XCHG, 1, 0, DS, 0xffff888000006d78, 0x48, 4, 0 },
	{ "lock xchg %rax,(%rdi)", "\xf0\x48\x87\x07", 4, XCHG, 8, 1, DS, 0xffff888000006d78, 0x123456789abcdef, 0, 0 },
	{ "cmpxchg %rsi,(%rdi)", "\x48\x0f\xb1\x37", 4, CMPXCHG, 8, 0, DS, 0xffff888000006d78, 0x800000012345a067, 0, 0 },
	{ "lock cmpxchg %rsi,(%rdi)", "\xf0\x48\x0f\xb1\x37", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0x800000012345a067, 0, 0 },
	{ "lock cmpxchg %esi,(%rdi)", "\xf0\x0f\xb1\x37", 4, CMPXCHG, 4, 1, DS, 0xffff888000006d78, 0x2345a067, 0, 0 },
	{ "lock cmpxchg %dh,(%rdi)", "\xf0\x0f\xb0\x37", 4, CMPXCHG, 1, 1, DS, 0xffff888000006d78, 0x2b, 0, 0 },
	{ "lock cmpxchg %sil,(%rdi)", "\xf0\x40\x0f\xb0\x37", 5, CMPXCHG, 1, 1, DS, 0xffff888000006d78, 0x67, 0, 0 },
	{ "lock or %rsi,(%rdi)", "\xf0\x48\x09\x37", 4, OR, 8, 1, DS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "lock and %rsi,(%rdi)", "\xf0\x48\x21\x37", 4, AND, 8, 1, DS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "lock xor %rsi,(%rdi)", "\xf0\x48\x31\x37", 4, XOR, 8, 1, DS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "or %esi,(%rdi)", "\x09\x37", 2, OR, 4, 0, DS, 0xffff888000006d78, 0x2345a067, -1, 0 },
	{ "and %esi,(%rdi)", "\x21\x37", 2, AND, 4, 0, DS, 0xffff888000006d78, 0x2345a067, -1, 0 },
	{ "xor %esi,(%rdi)", "\x31\x37", 2, XOR, 4, 0, DS, 0xffff888000006d78, 0x2345a067, -1, 0 },
	{ "lock or %dh,(%rdi)", "\xf0\x08\x37", 3, OR, 1, 1, DS, 0xffff888000006d78, 0x2b, -1, 0 },
	{ "lock and %dh,(%rdi)", "\xf0\x20\x37", 3, AND, 1, 1, DS, 0xffff888000006d78, 0x2b, -1, 0 },
	{ "lock xor %dh,(%rdi)", "\xf0\x30\x37", 3, XOR, 1, 1, DS, 0xffff888000006d78, 0x2b, -1, 0 },
	{ "lock orq $0xffffffff80000000,(%rdi)", "\xf0\x48\x81\x0f\x00\x00\x00\x80", 8, OR, 8, 1, DS, 0xffff888000006d78, 0xffffffff80000000, -1, 0 },
	{ "lock andq $0x7fffffff,(%rdi)", "\xf0\x48\x81\x27\xff\xff\xff\x7f", 8, AND, 8, 1, DS, 0xffff888000006d78, 0x7fffffff, -1, 0 },
	{ "lock xorq $0x1,(%rdi)", "\xf0\x48\x81\x37\x01\x00\x00\x00", 8, XOR, 8, 1, DS, 0xffff888000006d78, 0x1, -1, 0 },
	{ "orl $0x80000000,(%rdi)", "\x81\x0f\x00\x00\x00\x80", 6, OR, 4, 0, DS, 0xffff888000006d78, 0x80000000, -1, 0 },
	{ "lock orq $0xffffffffffffff80,(%rdi)", "\xf0\x48\x83\x0f\x80", 5, OR, 8, 1, DS, 0xffff888000006d78, 0xffffffffffffff80, -1, 0 },
	{ "lock andq $0xfffffffffffffffe,(%rdi)", "\xf0\x48\x83\x27\xfe", 5, AND, 8, 1, DS, 0xffff888000006d78, 0xfffffffffffffffe, -1, 0 },
	{ "lock xorq $0x7f,(%rdi)", "\xf0\x48\x83\x37\x7f", 5, XOR, 8, 1, DS, 0xffff888000006d78, 0x7f, -1, 0 },
	{ "andl $0xfffffffe,(%rdi)", "\x83\x27\xfe", 3, AND, 4, 0, DS, 0xffff888000006d78, 0xfffffffe, -1, 0 },
	{ "lock andb $0xfd,(%rdi)", "\xf0\x80\x27\xfd", 4, AND, 1, 1, DS, 0xffff888000006d78, 0xfd, -1, 0 },
	{ "lock orb $0x2,(%rdi)", "\xf0\x80\x0f\x02", 4, OR, 1, 1, DS, 0xffff888000006d78, 0x2, -1, 0 },
	{ "lock xorb $0x4,(%rdi)", "\xf0\x80\x37\x04", 4, XOR, 1, 1, DS, 0xffff888000006d78, 0x4, -1, 0 },
	{ "andb $0xfd,(%rdi)", "\x80\x27\xfd", 3, AND, 1, 0, DS, 0xffff888000006d78, 0xfd, -1, 0 },
	{ "lock bts %r9,(%rdi)", "\xf0\x4c\x0f\xab\x0f", 5, BTS, 8, 1, DS, 0xffff888000006d78, 0x3, -1, 0 },
	{ "lock btr %r10,(%rdi)", "\xf0\x4c\x0f\xb3\x17", 5, BTR, 8, 1, DS, 0xffff888000006d70, 0x3f, -1, 0 },
	{ "lock btr %r11d,(%rdi)", "\xf0\x44\x0f\xb3\x1f", 5, BTR, 4, 1, DS, 0xffff888000006d68, 0x0, -1, 0 },
	{ "lock bts %rdx,(%rdi)", "\xf0\x48\x0f\xab\x17", 5, BTS, 8, 1, DS, 0xffff8880000072d8, 0x29, -1, 0 },
	{ "lock bts %rcx,(%rdi)", "\xf0\x48\x0f\xab\x0f", 5, BTS, 8, 1, DS, 0xffff7990000070f8, 0x18, -1, 0 },
	{ "lock bts %edx,(%rdi)", "\xf0\x0f\xab\x17", 4, BTS, 4, 1, DS, 0xffff8880000072dc, 0x9, -1, 0 },
	{ "lock btrq $0x5,(%rdi)", "\xf0\x48\x0f\xba\x37\x05", 6, BTR, 8, 1, DS, 0xffff888000006d78, 0x5, -1, 0 },
	{ "lock btsq $0x45,(%rdi)", "\xf0\x48\x0f\xba\x2f\x45", 6, BTS, 8, 1, DS, 0xffff888000006d78, 0x5, -1, 0 },
	{ "lock btsl $0x25,(%rdi)", "\xf0\x0f\xba\x2f\x25", 5, BTS, 4, 1, DS, 0xffff888000006d78, 0x5, -1, 0 },
	{ "btrl $0x3f,(%rdi)", "\x0f\xba\x37\x3f", 4, BTR, 4, 0, DS, 0xffff888000006d78, 0x1f, -1, 0 },
	{ "btrq $0xff,(%rdi)", "\x48\x0f\xba\x37\xff", 5, BTR, 8, 0, DS, 0xffff888000006d78, 0x3f, -1, 0 },
};

static const struct decode_case register_cases[] = {
	{ "mov %rax,(%rdi)", "\x48\x89\x07", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0x123456789abcdef, -1, 0 },
	{ "mov %rcx,(%rdi)", "\x48\x89\x0f", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0xffff888000001c18, -1, 0 },
	{ "mov %rdx,(%rdi)", "\x48\x89\x17", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0x2b29, -1, 0 },
	{ "mov %rbx,(%rdi)", "\x48\x89\x1f", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0xffff888000003a38, -1, 0 },
	{ "mov %rsp,(%rdi)", "\x48\x89\x27", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0xffffc90000004f48, -1, 0 },
	{ "mov %rbp,(%rdi)", "\x48\x89\x2f", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0xffffc90000005e58, -1, 0 },
	{ "mov %rsi,(%rdi)", "\x48\x89\x37", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "mov %rdi,(%rdi)", "\x48\x89\x3f", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0xffff888000006d78, -1, 0 },
	{ "mov %r8,(%rdi)", "\x4c\x89\x07", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0xffff888000007000, -1, 0 },
	{ "mov %r9,(%rdi)", "\x4c\x89\x0f", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0x3, -1, 0 },
	{ "mov %r10,(%rdi)", "\x4c\x89\x17", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0xffffffffffffffff, -1, 0 },
	{ "mov %r11,(%rdi)", "\x4c\x89\x1f", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0xffffff80, -1, 0 },
	{ "mov %r12,(%rdi)", "\x4c\x89\x27", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0xffff888000008000, -1, 0 },
	{ "mov %r13,(%rdi)", "\x4c\x89\x2f", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0xffff888000009000, -1, 0 },
	{ "mov %r14,(%rdi)", "\x4c\x89\x37", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0x10, -1, 0 },
	{ "mov %r15,(%rdi)", "\x4c\x89\x3f", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0xfffffffffffffff0, -1, 0 },
	{ "mov %eax,(%rdi)", "\x89\x07", 2, MOV, 4, 0, DS, 0xffff888000006d78, 0x89abcdef, -1, 0 },
	{ "mov %ecx,(%rdi)", "\x89\x0f", 2, MOV, 4, 0, DS, 0xffff888000006d78, 0x1c18, -1, 0 },
	{ "mov %edx,(%rdi)", "\x89\x17", 2, MOV, 4, 0, DS, 0xffff888000006d78, 0x2b29, -1, 0 },
	{ "mov %ebx,(%rdi)", "\x89\x1f", 2, MOV, 4, 0, DS, 0xffff888000006d78, 0x3a38, -1, 0 },
	{ "mov %esp,(%rdi)", "\x89\x27", 2, MOV, 4, 0, DS, 0xffff888000006d78, 0x4f48, -1, 0 },
	{ "mov %ebp,(%rdi)", "\x89\x2f", 2, MOV, 4, 0, DS, 0xffff888000006d78, 0x5e58, -1, 0 },
	{ "mov %esi,(%rdi)", "\x89\x37", 2, MOV, 4, 0, DS, 0xffff888000006d78, 0x2345a067, -1, 0 },
	{ "mov %edi,(%rdi)", "\x89\x3f", 2, MOV, 4, 0, DS, 0xffff888000006d78, 0x6d78, -1, 0 },
	{ "mov %r8d,(%rdi)", "\x44\x89\x07", 3, MOV, 4, 0, DS, 0xffff888000006d78, 0x7000, -1, 0 },
	{ "mov %r9d,(%rdi)", "\x44\x89\x0f", 3, MOV, 4, 0, DS, 0xffff888000006d78, 0x3, -1, 0 },
	{ "mov %r10d,(%rdi)", "\x44\x89\x17", 3, MOV, 4, 0, DS, 0xffff888000006d78, 0xffffffff, -1, 0 },
	{ "mov %r11d,(%rdi)", "\x44\x89\x1f", 3, MOV, 4, 0, DS, 0xffff888000006d78, 0xffffff80, -1, 0 },
	{ "mov %r12d,(%rdi)", "\x44\x89\x27", 3, MOV, 4, 0, DS, 0xffff888000006d78, 0x8000, -1, 0 },
	{ "mov %r13d,(%rdi)", "\x44\x89\x2f", 3, MOV, 4, 0, DS, 0xffff888000006d78, 0x9000, -1, 0 },
	{ "mov %r14d,(%rdi)", "\x44\x89\x37", 3, MOV, 4, 0, DS, 0xffff888000006d78, 0x10, -1, 0 },
	{ "mov %r15d,(%rdi)", "\x44\x89\x3f", 3, MOV, 4, 0, DS, 0xffff888000006d78, 0xfffffff0, -1, 0 },
	{ "mov %al,(%rdi)", "\x88\x07", 2, MOV, 1, 0, DS, 0xffff888000006d78, 0xef, -1, 0 },
	{ "mov %cl,(%rdi)", "\x88\x0f", 2, MOV, 1, 0, DS, 0xffff888000006d78, 0x18, -1, 0 },
	{ "mov %dl,(%rdi)", "\x88\x17", 2, MOV, 1, 0, DS, 0xffff888000006d78, 0x29, -1, 0 },
	{ "mov %bl,(%rdi)", "\x88\x1f", 2, MOV, 1, 0, DS, 0xffff888000006d78, 0x38, -1, 0 },
	{ "mov %ah,(%rdi)", "\x88\x27", 2, MOV, 1, 0, DS, 0xffff888000006d78, 0xcd, -1, 0 },
	{ "mov %ch,(%rdi)", "\x88\x2f", 2, MOV, 1, 0, DS, 0xffff888000006d78, 0x1c, -1, 0 },
	{ "mov %dh,(%rdi)", "\x88\x37", 2, MOV, 1, 0, DS, 0xffff888000006d78, 0x2b, -1, 0 },
	{ "mov %bh,(%rdi)", "\x88\x3f", 2, MOV, 1, 0, DS, 0xffff888000006d78, 0x3a, -1, 0 },
	{ "rex mov %al,(%rdi)", "\x40\x88\x07", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0xef, -1, 0 },
	{ "rex mov %cl,(%rdi)", "\x40\x88\x0f", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x18, -1, 0 },
	{ "rex mov %dl,(%rdi)", "\x40\x88\x17", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x29, -1, 0 },
	{ "rex mov %bl,(%rdi)", "\x40\x88\x1f", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x38, -1, 0 },
	{ "mov %spl,(%rdi)", "\x40\x88\x27", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x48, -1, 0 },
	{ "mov %bpl,(%rdi)", "\x40\x88\x2f", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x58, -1, 0 },
	{ "mov %sil,(%rdi)", "\x40\x88\x37", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x67, -1, 0 },
	{ "mov %dil,(%rdi)", "\x40\x88\x3f", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x78, -1, 0 },
	{ "mov %r8b,(%rdi)", "\x44\x88\x07", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x0, -1, 0 },
	{ "mov %r9b,(%rdi)", "\x44\x88\x0f", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x3, -1, 0 },
	{ "mov %r10b,(%rdi)", "\x44\x88\x17", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0xff, -1, 0 },
	{ "mov %r11b,(%rdi)", "\x44\x88\x1f", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x80, -1, 0 },
	{ "mov %r12b,(%rdi)", "\x44\x88\x27", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x0, -1, 0 },
	{ "mov %r13b,(%rdi)", "\x44\x88\x2f", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x0, -1, 0 },
	{ "mov %r14b,(%rdi)", "\x44\x88\x37", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0x10, -1, 0 },
	{ "mov %r15b,(%rdi)", "\x44\x88\x3f", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0xf0, -1, 0 },
	{ "xchg %rax,(%rdi)", "\x48\x87\x07", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0x123456789abcdef, 0, 0 },
	{ "xchg %rcx,(%rdi)", "\x48\x87\x0f", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0xffff888000001c18, 1, 0 },
	{ "xchg %rdx,(%rdi)", "\x48\x87\x17", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0x2b29, 2, 0 },
	{ "xchg %rbx,(%rdi)", "\x48\x87\x1f", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0xffff888000003a38, 3, 0 },
	{ "xchg %rsp,(%rdi)", "\x48\x87\x27", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0xffffc90000004f48, 4, 0 },
	{ "xchg %rbp,(%rdi)", "\x48\x87\x2f", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0xffffc90000005e58, 5, 0 },
	{ "xchg %rsi,(%rdi)", "\x48\x87\x37", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0x800000012345a067, 6, 0 },
	{ "xchg %rdi,(%rdi)", "\x48\x87\x3f", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0xffff888000006d78, 7, 0 },
	{ "xchg %r8,(%rdi)", "\x4c\x87\x07", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0xffff888000007000, 8, 0 },
	{ "xchg %r9,(%rdi)", "\x4c\x87\x0f", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0x3, 9, 0 },
	{ "xchg %r10,(%rdi)", "\x4c\x87\x17", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0xffffffffffffffff, 10, 0 },
	{ "xchg %r11,(%rdi)", "\x4c\x87\x1f", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0xffffff80, 11, 0 },
	{ "xchg %r12,(%rdi)", "\x4c\x87\x27", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0xffff888000008000, 12, 0 },
	{ "xchg %r13,(%rdi)", "\x4c\x87\x2f", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0xffff888000009000, 13, 0 },
	{ "xchg %r14,(%rdi)", "\x4c\x87\x37", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0x10, 14, 0 },
	{ "xchg %r15,(%rdi)", "\x4c\x87\x3f", 3, XCHG, 8, 0, DS, 0xffff888000006d78, 0xfffffffffffffff0, 15, 0 },
	{ "xchg %al,(%rdi)", "\x86\x07", 2, XCHG, 1, 0, DS, 0xffff888000006d78, 0xef, 0, 0 },
	{ "xchg %cl,(%rdi)", "\x86\x0f", 2, XCHG, 1, 0, DS, 0xffff888000006d78, 0x18, 1, 0 },
	{ "xchg %dl,(%rdi)", "\x86\x17", 2, XCHG, 1, 0, DS, 0xffff888000006d78, 0x29, 2, 0 },
	{ "xchg %bl,(%rdi)", "\x86\x1f", 2, XCHG, 1, 0, DS, 0xffff888000006d78, 0x38, 3, 0 },
	{ "xchg %ah,(%rdi)", "\x86\x27", 2, XCHG, 1, 0, DS, 0xffff888000006d78, 0xcd, 4, 1 },
	{ "xchg %ch,(%rdi)", "\x86\x2f", 2, XCHG, 1, 0, DS, 0xffff888000006d78, 0x1c, 5, 1 },
	{ "xchg %dh,(%rdi)", "\x86\x37", 2, XCHG, 1, 0, DS, 0xffff888000006d78, 0x2b, 6, 1 },
	{ "xchg %bh,(%rdi)", "\x86\x3f", 2, XCHG, 1, 0, DS, 0xffff888000006d78, 0x3a, 7, 1 },
	{ "lock cmpxchg %rax,(%rdi)", "\xf0\x48\x0f\xb1\x07", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0x123456789abcdef, 0, 0 },
	{ "lock cmpxchg %rcx,(%rdi)", "\xf0\x48\x0f\xb1\x0f", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0xffff888000001c18, 0, 0 },
	{ "lock cmpxchg %rdx,(%rdi)", "\xf0\x48\x0f\xb1\x17", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0x2b29, 0, 0 },
	{ "lock cmpxchg %rbx,(%rdi)", "\xf0\x48\x0f\xb1\x1f", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0xffff888000003a38, 0, 0 },
	{ "lock cmpxchg %rsp,(%rdi)", "\xf0\x48\x0f\xb1\x27", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0xffffc90000004f48, 0, 0 },
	{ "lock cmpxchg %rbp,(%rdi)", "\xf0\x48\x0f\xb1\x2f", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0xffffc90000005e58, 0, 0 },
	{ "lock cmpxchg %rsi,(%rdi)", "\xf0\x48\x0f\xb1\x37", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0x800000012345a067, 0, 0 },
	{ "lock cmpxchg %rdi,(%rdi)", "\xf0\x48\x0f\xb1\x3f", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0xffff888000006d78, 0, 0 },
	{ "lock cmpxchg %r8,(%rdi)", "\xf0\x4c\x0f\xb1\x07", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0xffff888000007000, 0, 0 },
	{ "lock cmpxchg %r9,(%rdi)", "\xf0\x4c\x0f\xb1\x0f", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0x3, 0, 0 },
	{ "lock cmpxchg %r10,(%rdi)", "\xf0\x4c\x0f\xb1\x17", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0xffffffffffffffff, 0, 0 },
	{ "lock cmpxchg %r11,(%rdi)", "\xf0\x4c\x0f\xb1\x1f", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0xffffff80, 0, 0 },
	{ "lock cmpxchg %r12,(%rdi)", "\xf0\x4c\x0f\xb1\x27", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0xffff888000008000, 0, 0 },
	{ "lock cmpxchg %r13,(%rdi)", "\xf0\x4c\x0f\xb1\x2f", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0xffff888000009000, 0, 0 },
	{ "lock cmpxchg %r14,(%rdi)", "\xf0\x4c\x0f\xb1\x37", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0x10, 0, 0 },
	{ "lock cmpxchg %r15,(%rdi)", "\xf0\x4c\x0f\xb1\x3f", 5, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0xfffffffffffffff0, 0, 0 },
	{ "lock or %rax,(%rdi)", "\xf0\x48\x09\x07", 4, OR, 8, 1, DS, 0xffff888000006d78, 0x123456789abcdef, -1, 0 },
	{ "lock or %rcx,(%rdi)", "\xf0\x48\x09\x0f", 4, OR, 8, 1, DS, 0xffff888000006d78, 0xffff888000001c18, -1, 0 },
	{ "lock or %rdx,(%rdi)", "\xf0\x48\x09\x17", 4, OR, 8, 1, DS, 0xffff888000006d78, 0x2b29, -1, 0 },
	{ "lock or %rbx,(%rdi)", "\xf0\x48\x09\x1f", 4, OR, 8, 1, DS, 0xffff888000006d78, 0xffff888000003a38, -1, 0 },
	{ "lock or %rsp,(%rdi)", "\xf0\x48\x09\x27", 4, OR, 8, 1, DS, 0xffff888000006d78, 0xffffc90000004f48, -1, 0 },
	{ "lock or %rbp,(%rdi)", "\xf0\x48\x09\x2f", 4, OR, 8, 1, DS, 0xffff888000006d78, 0xffffc90000005e58, -1, 0 },
	{ "lock or %rsi,(%rdi)", "\xf0\x48\x09\x37", 4, OR, 8, 1, DS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "lock or %rdi,(%rdi)", "\xf0\x48\x09\x3f", 4, OR, 8, 1, DS, 0xffff888000006d78, 0xffff888000006d78, -1, 0 },
	{ "lock or %r8,(%rdi)", "\xf0\x4c\x09\x07", 4, OR, 8, 1, DS, 0xffff888000006d78, 0xffff888000007000, -1, 0 },
	{ "lock or %r9,(%rdi)", "\xf0\x4c\x09\x0f", 4, OR, 8, 1, DS, 0xffff888000006d78, 0x3, -1, 0 },
	{ "lock or %r10,(%rdi)", "\xf0\x4c\x09\x17", 4, OR, 8, 1, DS, 0xffff888000006d78, 0xffffffffffffffff, -1, 0 },
	{ "lock or %r11,(%rdi)", "\xf0\x4c\x09\x1f", 4, OR, 8, 1, DS, 0xffff888000006d78, 0xffffff80, -1, 0 },
	{ "lock or %r12,(%rdi)", "\xf0\x4c\x09\x27", 4, OR, 8, 1, DS, 0xffff888000006d78, 0xffff888000008000, -1, 0 },
	{ "lock or %r13,(%rdi)", "\xf0\x4c\x09\x2f", 4, OR, 8, 1, DS, 0xffff888000006d78, 0xffff888000009000, -1, 0 },
	{ "lock or %r14,(%rdi)", "\xf0\x4c\x09\x37", 4, OR, 8, 1, DS, 0xffff888000006d78, 0x10, -1, 0 },
	{ "lock or %r15,(%rdi)", "\xf0\x4c\x09\x3f", 4, OR, 8, 1, DS, 0xffff888000006d78, 0xfffffffffffffff0, -1, 0 },
	{ "lock btr %rax,(%rdi)", "\xf0\x48\x0f\xb3\x07", 5, BTR, 8, 1, DS, 0x0023f12cf135e730, 0x2f, -1, 0 },
	{ "lock btr %rcx,(%rdi)", "\xf0\x48\x0f\xb3\x0f", 5, BTR, 8, 1, DS, 0xffff7990000070f8, 0x18, -1, 0 },
	{ "lock btr %rdx,(%rdi)", "\xf0\x48\x0f\xb3\x17", 5, BTR, 8, 1, DS, 0xffff8880000072d8, 0x29, -1, 0 },
	{ "lock btr %rbx,(%rdi)", "\xf0\x48\x0f\xb3\x1f", 5, BTR, 8, 1, DS, 0xffff7990000074b8, 0x38, -1, 0 },
	{ "lock btr %rsp,(%rdi)", "\xf0\x48\x0f\xb3\x27", 5, BTR, 8, 1, DS, 0xffff81a000007760, 0x8, -1, 0 },
	{ "lock btr %rbp,(%rdi)", "\xf0\x48\x0f\xb3\x2f", 5, BTR, 8, 1, DS, 0xffff81a000007940, 0x18, -1, 0 },
	{ "lock btr %rsi,(%rdi)", "\xf0\x48\x0f\xb3\x37", 5, BTR, 8, 1, DS, 0xefff888024692180, 0x27, -1, 0 },
	{ "lock btr %rdi,(%rdi)", "\xf0\x48\x0f\xb3\x3f", 5, BTR, 8, 1, DS, 0xffff799000007b20, 0x38, -1, 0 },
	{ "lock btr %r8,(%rdi)", "\xf0\x4c\x0f\xb3\x07", 5, BTR, 8, 1, DS, 0xffff799000007b78, 0x0, -1, 0 },
	{ "lock btr %r9,(%rdi)", "\xf0\x4c\x0f\xb3\x0f", 5, BTR, 8, 1, DS, 0xffff888000006d78, 0x3, -1, 0 },
	{ "lock btr %r10,(%rdi)", "\xf0\x4c\x0f\xb3\x17", 5, BTR, 8, 1, DS, 0xffff888000006d70, 0x3f, -1, 0 },
	{ "lock btr %r11,(%rdi)", "\xf0\x4c\x0f\xb3\x1f", 5, BTR, 8, 1, DS, 0xffff888020006d68, 0x0, -1, 0 },
	{ "lock btr %r12,(%rdi)", "\xf0\x4c\x0f\xb3\x27", 5, BTR, 8, 1, DS, 0xffff799000007d78, 0x0, -1, 0 },
	{ "lock btr %r13,(%rdi)", "\xf0\x4c\x0f\xb3\x2f", 5, BTR, 8, 1, DS, 0xffff799000007f78, 0x0, -1, 0 },
	{ "lock btr %r14,(%rdi)", "\xf0\x4c\x0f\xb3\x37", 5, BTR, 8, 1, DS, 0xffff888000006d78, 0x10, -1, 0 },
	{ "lock btr %r15,(%rdi)", "\xf0\x4c\x0f\xb3\x3f", 5, BTR, 8, 1, DS, 0xffff888000006d70, 0x30, -1, 0 },
};

static const struct decode_case modrm_cases[] = {
	{ "mov %rsi,(%rax)", "\x48\x89\x30", 3, MOV, 8, 0, DS, 0x0123456789abcdef, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rcx)", "\x48\x89\x31", 3, MOV, 8, 0, DS, 0xffff888000001c18, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rdx)", "\x48\x89\x32", 3, MOV, 8, 0, DS, 0x0000000000002b29, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rbx)", "\x48\x89\x33", 3, MOV, 8, 0, DS, 0xffff888000003a38, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rbx,%rcx,4)", "\x48\x89\x34\x8b", 4, MOV, 8, 0, DS, 0xfffdaa800000aa98, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%rip)", "\x48\x89\x35\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0xffffffff1334567f, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rsi)", "\x48\x89\x36", 3, MOV, 8, 0, DS, 0x800000012345a067, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rdi)", "\x48\x89\x37", 3, MOV, 8, 0, DS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%rax)", "\x48\x89\x70\xf0", 4, MOV, 8, 0, DS, 0x0123456789abcddf, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%rcx)", "\x48\x89\x71\xf0", 4, MOV, 8, 0, DS, 0xffff888000001c08, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%rdx)", "\x48\x89\x72\xf0", 4, MOV, 8, 0, DS, 0x0000000000002b19, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%rbx)", "\x48\x89\x73\xf0", 4, MOV, 8, 0, DS, 0xffff888000003a28, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%rbx,%rcx,4)", "\x48\x89\x74\x8b\xf0", 5, MOV, 8, 0, DS, 0xfffdaa800000aa88, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%rbp)", "\x48\x89\x75\xf0", 4, MOV, 8, 0, SS, 0xffffc90000005e48, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%rsi)", "\x48\x89\x76\xf0", 4, MOV, 8, 0, DS, 0x800000012345a057, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%rdi)", "\x48\x89\x77\xf0", 4, MOV, 8, 0, DS, 0xffff888000006d68, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%rax)", "\x48\x89\xb0\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0x012345671be02467, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%rcx)", "\x48\x89\xb1\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0xffff887f92347290, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%rdx)", "\x48\x89\xb2\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0xffffffff923481a1, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%rbx)", "\x48\x89\xb3\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0xffff887f923490b0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%rbx,%rcx,4)", "\x48\x89\xb4\x8b\x78\x56\x34\x92", 8, MOV, 8, 0, DS, 0xfffdaa7f92350110, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%rbp)", "\x48\x89\xb5\x78\x56\x34\x92", 7, MOV, 8, 0, SS, 0xffffc8ff9234b4d0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%rsi)", "\x48\x89\xb6\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0x80000000b579f6df, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%rdi)", "\x48\x89\xb7\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0xffff887f9234c3f0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r8)", "\x49\x89\x30", 3, MOV, 8, 0, DS, 0xffff888000007000, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r9)", "\x49\x89\x31", 3, MOV, 8, 0, DS, 0x0000000000000003, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r10)", "\x49\x89\x32", 3, MOV, 8, 0, DS, 0xffffffffffffffff, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r11)", "\x49\x89\x33", 3, MOV, 8, 0, DS, 0x00000000ffffff80, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r11,%rcx,4)", "\x49\x89\x34\x8b", 4, MOV, 8, 0, DS, 0xfffe220100006fe0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%rip)", "\x49\x89\x35\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0xffffffff1334567f, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r14)", "\x49\x89\x36", 3, MOV, 8, 0, DS, 0x0000000000000010, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r15)", "\x49\x89\x37", 3, MOV, 8, 0, DS, 0xfffffffffffffff0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%r8)", "\x49\x89\x70\xf0", 4, MOV, 8, 0, DS, 0xffff888000006ff0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%r9)", "\x49\x89\x71\xf0", 4, MOV, 8, 0, DS, 0xfffffffffffffff3, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%r10)", "\x49\x89\x72\xf0", 4, MOV, 8, 0, DS, 0xffffffffffffffef, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%r11)", "\x49\x89\x73\xf0", 4, MOV, 8, 0, DS, 0x00000000ffffff70, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%r11,%rcx,4)", "\x49\x89\x74\x8b\xf0", 5, MOV, 8, 0, DS, 0xfffe220100006fd0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%r13)", "\x49\x89\x75\xf0", 4, MOV, 8, 0, DS, 0xffff888000008ff0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%r14)", "\x49\x89\x76\xf0", 4, MOV, 8, 0, DS, 0x0000000000000000, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%r15)", "\x49\x89\x77\xf0", 4, MOV, 8, 0, DS, 0xffffffffffffffe0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%r8)", "\x49\x89\xb0\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0xffff887f9234c678, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%r9)", "\x49\x89\xb1\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0xffffffff9234567b, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%r10)", "\x49\x89\xb2\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0xffffffff92345677, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%r11)", "\x49\x89\xb3\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0x00000000923455f8, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%r11,%rcx,4)", "\x49\x89\xb4\x8b\x78\x56\x34\x92", 8, MOV, 8, 0, DS, 0xfffe22009234c658, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%r13)", "\x49\x89\xb5\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0xffff887f9234e678, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%r14)", "\x49\x89\xb6\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0xffffffff92345688, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x6dcba988(%r15)", "\x49\x89\xb7\x78\x56\x34\x92", 7, MOV, 8, 0, DS, 0xffffffff92345668, 0x800000012345a067, -1, 0 },
};

static const struct decode_case sib_cases[] = {
	{ "mov %rsi,0x20(%rbx,%rax,1)", "\x48\x89\x74\x03\x20", 5, MOV, 8, 0, DS, 0x0122cde789ac0847, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rcx,1)", "\x48\x89\x74\x0b\x20", 5, MOV, 8, 0, DS, 0xffff110000005670, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rdx,1)", "\x48\x89\x74\x13\x20", 5, MOV, 8, 0, DS, 0xffff888000006581, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rbx,1)", "\x48\x89\x74\x1b\x20", 5, MOV, 8, 0, DS, 0xffff110000007490, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%riz,1)", "\x48\x89\x74\x23\x20", 5, MOV, 8, 0, DS, 0xffff888000003a58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rbp,1)", "\x48\x89\x74\x2b\x20", 5, MOV, 8, 0, DS, 0xffff5180000098b0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rsi,1)", "\x48\x89\x74\x33\x20", 5, MOV, 8, 0, DS, 0x7fff88812345dabf, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rdi,1)", "\x48\x89\x74\x3b\x20", 5, MOV, 8, 0, DS, 0xffff11000000a7d0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rax,2)", "\x48\x89\x74\x43\x20", 5, MOV, 8, 0, DS, 0x0246134f1357d636, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rcx,2)", "\x48\x89\x74\x4b\x20", 5, MOV, 8, 0, DS, 0xfffe998000007288, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rdx,2)", "\x48\x89\x74\x53\x20", 5, MOV, 8, 0, DS, 0xffff8880000090aa, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rbx,2)", "\x48\x89\x74\x5b\x20", 5, MOV, 8, 0, DS, 0xfffe99800000aec8, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%riz,2)", "\x48\x89\x74\x63\x20", 5, MOV, 8, 0, DS, 0xffff888000003a58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rbp,2)", "\x48\x89\x74\x6b\x20", 5, MOV, 8, 0, DS, 0xffff1a800000f708, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rsi,2)", "\x48\x89\x74\x73\x20", 5, MOV, 8, 0, DS, 0xffff8882468b7b26, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rdi,2)", "\x48\x89\x74\x7b\x20", 5, MOV, 8, 0, DS, 0xfffe998000011548, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rax,4)", "\x48\x89\x74\x83\x20", 5, MOV, 8, 0, DS, 0x048c9e1e26af7214, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rcx,4)", "\x48\x89\x74\x8b\x20", 5, MOV, 8, 0, DS, 0xfffdaa800000aab8, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rdx,4)", "\x48\x89\x74\x93\x20", 5, MOV, 8, 0, DS, 0xffff88800000e6fc, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rbx,4)", "\x48\x89\x74\x9b\x20", 5, MOV, 8, 0, DS, 0xfffdaa8000012338, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%riz,4)", "\x48\x89\x74\xa3\x20", 5, MOV, 8, 0, DS, 0xffff888000003a58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rbp,4)", "\x48\x89\x74\xab\x20", 5, MOV, 8, 0, DS, 0xfffeac800001b3b8, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rsi,4)", "\x48\x89\x74\xb3\x20", 5, MOV, 8, 0, DS, 0xffff88848d16bbf4, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rdi,4)", "\x48\x89\x74\xbb\x20", 5, MOV, 8, 0, DS, 0xfffdaa800001f038, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rax,8)", "\x48\x89\x74\xc3\x20", 5, MOV, 8, 0, DS, 0x0919b3bc4d5ea9d0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rcx,8)", "\x48\x89\x74\xcb\x20", 5, MOV, 8, 0, DS, 0xfffbcc8000011b18, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rdx,8)", "\x48\x89\x74\xd3\x20", 5, MOV, 8, 0, DS, 0xffff8880000193a0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rbx,8)", "\x48\x89\x74\xdb\x20", 5, MOV, 8, 0, DS, 0xfffbcc8000020c18, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%riz,8)", "\x48\x89\x74\xe3\x20", 5, MOV, 8, 0, DS, 0xffff888000003a58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rbp,8)", "\x48\x89\x74\xeb\x20", 5, MOV, 8, 0, DS, 0xfffdd08000032d18, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rsi,8)", "\x48\x89\x74\xf3\x20", 5, MOV, 8, 0, DS, 0xffff88891a2d3d90, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%rdi,8)", "\x48\x89\x74\xfb\x20", 5, MOV, 8, 0, DS, 0xfffbcc800003a618, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r8,1)", "\x4a\x89\x74\x03\x20", 5, MOV, 8, 0, DS, 0xffff11000000aa58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r9,1)", "\x4a\x89\x74\x0b\x20", 5, MOV, 8, 0, DS, 0xffff888000003a5b, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r10,1)", "\x4a\x89\x74\x13\x20", 5, MOV, 8, 0, DS, 0xffff888000003a57, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r11,1)", "\x4a\x89\x74\x1b\x20", 5, MOV, 8, 0, DS, 0xffff8881000039d8, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r12,1)", "\x4a\x89\x74\x23\x20", 5, MOV, 8, 0, DS, 0xffff11000000ba58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r13,1)", "\x4a\x89\x74\x2b\x20", 5, MOV, 8, 0, DS, 0xffff11000000ca58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r14,1)", "\x4a\x89\x74\x33\x20", 5, MOV, 8, 0, DS, 0xffff888000003a68, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r15,1)", "\x4a\x89\x74\x3b\x20", 5, MOV, 8, 0, DS, 0xffff888000003a48, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r8,2)", "\x4a\x89\x74\x43\x20", 5, MOV, 8, 0, DS, 0xfffe998000011a58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r9,2)", "\x4a\x89\x74\x4b\x20", 5, MOV, 8, 0, DS, 0xffff888000003a5e, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r10,2)", "\x4a\x89\x74\x53\x20", 5, MOV, 8, 0, DS, 0xffff888000003a56, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r11,2)", "\x4a\x89\x74\x5b\x20", 5, MOV, 8, 0, DS, 0xffff888200003958, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r12,2)", "\x4a\x89\x74\x63\x20", 5, MOV, 8, 0, DS, 0xfffe998000013a58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r13,2)", "\x4a\x89\x74\x6b\x20", 5, MOV, 8, 0, DS, 0xfffe998000015a58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r14,2)", "\x4a\x89\x74\x73\x20", 5, MOV, 8, 0, DS, 0xffff888000003a78, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r15,2)", "\x4a\x89\x74\x7b\x20", 5, MOV, 8, 0, DS, 0xffff888000003a38, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r8,4)", "\x4a\x89\x74\x83\x20", 5, MOV, 8, 0, DS, 0xfffdaa800001fa58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r9,4)", "\x4a\x89\x74\x8b\x20", 5, MOV, 8, 0, DS, 0xffff888000003a64, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r10,4)", "\x4a\x89\x74\x93\x20", 5, MOV, 8, 0, DS, 0xffff888000003a54, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r11,4)", "\x4a\x89\x74\x9b\x20", 5, MOV, 8, 0, DS, 0xffff888400003858, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r12,4)", "\x4a\x89\x74\xa3\x20", 5, MOV, 8, 0, DS, 0xfffdaa8000023a58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r13,4)", "\x4a\x89\x74\xab\x20", 5, MOV, 8, 0, DS, 0xfffdaa8000027a58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r14,4)", "\x4a\x89\x74\xb3\x20", 5, MOV, 8, 0, DS, 0xffff888000003a98, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r15,4)", "\x4a\x89\x74\xbb\x20", 5, MOV, 8, 0, DS, 0xffff888000003a18, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r8,8)", "\x4a\x89\x74\xc3\x20", 5, MOV, 8, 0, DS, 0xfffbcc800003ba58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r9,8)", "\x4a\x89\x74\xcb\x20", 5, MOV, 8, 0, DS, 0xffff888000003a70, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r10,8)", "\x4a\x89\x74\xd3\x20", 5, MOV, 8, 0, DS, 0xffff888000003a50, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r11,8)", "\x4a\x89\x74\xdb\x20", 5, MOV, 8, 0, DS, 0xffff888800003658, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r12,8)", "\x4a\x89\x74\xe3\x20", 5, MOV, 8, 0, DS, 0xfffbcc8000043a58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r13,8)", "\x4a\x89\x74\xeb\x20", 5, MOV, 8, 0, DS, 0xfffbcc800004ba58, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r14,8)", "\x4a\x89\x74\xf3\x20", 5, MOV, 8, 0, DS, 0xffff888000003ad8, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x20(%rbx,%r15,8)", "\x4a\x89\x74\xfb\x20", 5, MOV, 8, 0, DS, 0xffff8880000039d8, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rax,%rcx,1)", "\x48\x89\x34\x08", 4, MOV, 8, 0, DS, 0x0122cde789abea07, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rcx,%rcx,1)", "\x48\x89\x34\x09", 4, MOV, 8, 0, DS, 0xffff110000003830, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rdx,%rcx,1)", "\x48\x89\x34\x0a", 4, MOV, 8, 0, DS, 0xffff888000004741, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rbx,%rcx,1)", "\x48\x89\x34\x0b", 4, MOV, 8, 0, DS, 0xffff110000005650, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rsp,%rcx,1)", "\x48\x89\x34\x0c", 4, MOV, 8, 0, SS, 0xffff518000006b60, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(,%rcx,1)", "\x48\x89\x34\x0d\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff887f80001c18, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rsi,%rcx,1)", "\x48\x89\x34\x0e", 4, MOV, 8, 0, DS, 0x7fff88812345bc7f, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%rdi,%rcx,1)", "\x48\x89\x34\x0f", 4, MOV, 8, 0, DS, 0xffff110000008990, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%rax,%rcx,1)", "\x48\x89\x74\x08\x7f", 5, MOV, 8, 0, DS, 0x0122cde789abea86, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%rcx,%rcx,1)", "\x48\x89\x74\x09\x7f", 5, MOV, 8, 0, DS, 0xffff1100000038af, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%rdx,%rcx,1)", "\x48\x89\x74\x0a\x7f", 5, MOV, 8, 0, DS, 0xffff8880000047c0, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%rbx,%rcx,1)", "\x48\x89\x74\x0b\x7f", 5, MOV, 8, 0, DS, 0xffff1100000056cf, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%rsp,%rcx,1)", "\x48\x89\x74\x0c\x7f", 5, MOV, 8, 0, SS, 0xffff518000006bdf, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%rbp,%rcx,1)", "\x48\x89\x74\x0d\x7f", 5, MOV, 8, 0, SS, 0xffff518000007aef, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%rsi,%rcx,1)", "\x48\x89\x74\x0e\x7f", 5, MOV, 8, 0, DS, 0x7fff88812345bcfe, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%rdi,%rcx,1)", "\x48\x89\x74\x0f\x7f", 5, MOV, 8, 0, DS, 0xffff110000008a0f, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%rax,%rcx,1)", "\x48\x89\xb4\x08\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0x0122cde709abea07, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%rcx,%rcx,1)", "\x48\x89\xb4\x09\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff10ff80003830, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%rdx,%rcx,1)", "\x48\x89\xb4\x0a\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff887f80004741, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%rbx,%rcx,1)", "\x48\x89\xb4\x0b\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff10ff80005650, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%rsp,%rcx,1)", "\x48\x89\xb4\x0c\x00\x00\x00\x80", 8, MOV, 8, 0, SS, 0xffff517f80006b60, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%rbp,%rcx,1)", "\x48\x89\xb4\x0d\x00\x00\x00\x80", 8, MOV, 8, 0, SS, 0xffff517f80007a70, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%rsi,%rcx,1)", "\x48\x89\xb4\x0e\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0x7fff8880a345bc7f, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%rdi,%rcx,1)", "\x48\x89\xb4\x0f\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff10ff80008990, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r8,%rcx,1)", "\x49\x89\x34\x08", 4, MOV, 8, 0, DS, 0xffff110000008c18, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r9,%rcx,1)", "\x49\x89\x34\x09", 4, MOV, 8, 0, DS, 0xffff888000001c1b, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r10,%rcx,1)", "\x49\x89\x34\x0a", 4, MOV, 8, 0, DS, 0xffff888000001c17, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r11,%rcx,1)", "\x49\x89\x34\x0b", 4, MOV, 8, 0, DS, 0xffff888100001b98, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r12,%rcx,1)", "\x49\x89\x34\x0c", 4, MOV, 8, 0, DS, 0xffff110000009c18, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(,%rcx,1)", "\x49\x89\x34\x0d\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff887f80001c18, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r14,%rcx,1)", "\x49\x89\x34\x0e", 4, MOV, 8, 0, DS, 0xffff888000001c28, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,(%r15,%rcx,1)", "\x49\x89\x34\x0f", 4, MOV, 8, 0, DS, 0xffff888000001c08, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%r8,%rcx,1)", "\x49\x89\x74\x08\x7f", 5, MOV, 8, 0, DS, 0xffff110000008c97, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%r9,%rcx,1)", "\x49\x89\x74\x09\x7f", 5, MOV, 8, 0, DS, 0xffff888000001c9a, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%r10,%rcx,1)", "\x49\x89\x74\x0a\x7f", 5, MOV, 8, 0, DS, 0xffff888000001c96, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%r11,%rcx,1)", "\x49\x89\x74\x0b\x7f", 5, MOV, 8, 0, DS, 0xffff888100001c17, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%r12,%rcx,1)", "\x49\x89\x74\x0c\x7f", 5, MOV, 8, 0, DS, 0xffff110000009c97, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%r13,%rcx,1)", "\x49\x89\x74\x0d\x7f", 5, MOV, 8, 0, DS, 0xffff11000000ac97, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%r14,%rcx,1)", "\x49\x89\x74\x0e\x7f", 5, MOV, 8, 0, DS, 0xffff888000001ca7, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0x7f(%r15,%rcx,1)", "\x49\x89\x74\x0f\x7f", 5, MOV, 8, 0, DS, 0xffff888000001c87, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%r8,%rcx,1)", "\x49\x89\xb4\x08\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff10ff80008c18, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%r9,%rcx,1)", "\x49\x89\xb4\x09\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff887f80001c1b, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%r10,%rcx,1)", "\x49\x89\xb4\x0a\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff887f80001c17, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%r11,%rcx,1)", "\x49\x89\xb4\x0b\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff888080001b98, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%r12,%rcx,1)", "\x49\x89\xb4\x0c\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff10ff80009c18, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%r13,%rcx,1)", "\x49\x89\xb4\x0d\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff10ff8000ac18, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%r14,%rcx,1)", "\x49\x89\xb4\x0e\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff887f80001c28, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80000000(%r15,%rcx,1)", "\x49\x89\xb4\x0f\x00\x00\x00\x80", 8, MOV, 8, 0, DS, 0xffff887f80001c08, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,0xffffffff80001000", "\x48\x89\x34\x25\x00\x10\x00\x80", 8, MOV, 8, 0, DS, 0xffffffff80001000, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x80(%r13,%r12,8)", "\x4b\x89\x74\xe5\x80", 5, MOV, 8, 0, DS, 0xfffbcc8000048f80, 0x800000012345a067, -1, 0 },
};

static const struct decode_case riprel_cases[] = {
	{ "mov %rsi,0x100(%rip)", "\x48\x89\x35\x00\x01\x00\x00", 7, MOV, 8, 0, DS, 0xffffffff81000107, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,-0x10(%rip)", "\x48\x89\x35\xf0\xff\xff\xff", 7, MOV, 8, 0, DS, 0xffffffff80fffff7, 0x800000012345a067, -1, 0 },
	{ "mov %esi,0x10(%rip)", "\x41\x89\x35\x10\x00\x00\x00", 7, MOV, 4, 0, DS, 0xffffffff81000017, 0x2345a067, -1, 0 },
	{ "movq $0xffffffffffffffff,0x10(%rip)", "\x48\xc7\x05\x10\x00\x00\x00\xff\xff\xff\xff", 11, MOV, 8, 0, DS, 0xffffffff8100001b, 0xffffffffffffffff, -1, 0 },
	{ "movl $0x1,-0x80000000(%rip)", "\xc7\x05\x00\x00\x00\x80\x01\x00\x00\x00", 10, MOV, 4, 0, DS, 0xffffffff0100000a, 0x1, -1, 0 },
	{ "movb $0x1,0x7fffffff(%rip)", "\xc6\x05\xff\xff\xff\x7f\x01", 7, MOV, 1, 0, DS, 0x0000000001000006, 0x1, -1, 0 },
	{ "lock orb $0x2,0x1000(%rip)", "\xf0\x80\x0d\x00\x10\x00\x00\x02", 8, OR, 1, 1, DS, 0xffffffff81001008, 0x2, -1, 0 },
	{ "lock btrq $0x5,0x8(%rip)", "\xf0\x48\x0f\xba\x35\x08\x00\x00\x00\x05", 10, BTR, 8, 1, DS, 0xffffffff81000012, 0x5, -1, 0 },
	{ "lock cmpxchg %rsi,0x0(%rip)", "\xf0\x48\x0f\xb1\x35\x00\x00\x00\x00", 9, CMPXCHG, 8, 1, DS, 0xffffffff81000009, 0x800000012345a067, 0, 0 },
	{ "xchg %rax,%gs:0x200(%rip)", "\x65\x48\x87\x05\x00\x02\x00\x00", 8, XCHG, 8, 0, GS, 0xffffffff81000208, 0x123456789abcdef, 0, 0 },
};

static const struct decode_case prefix_cases[] = {
	{ "mov %rsi,%fs:(%rdi)", "\x64\x48\x89\x37", 4, MOV, 8, 0, FS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "mov %rsi,%gs:(%rdi)", "\x65\x48\x89\x37", 4, MOV, 8, 0, GS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "cs mov %rsi,(%rdi)", "\x2e\x48\x89\x37", 4, MOV, 8, 0, DS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "ss mov %rsi,(%rdi)", "\x36\x48\x89\x37", 4, MOV, 8, 0, DS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "ds mov %rsi,(%rdi)", "\x3e\x48\x89\x37", 4, MOV, 8, 0, DS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "es mov %rsi,(%rdi)", "\x26\x48\x89\x37", 4, MOV, 8, 0, DS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "fs mov %rsi,%fs:(%rdi)", "\x64\x3e\x48\x89\x37", 5, MOV, 8, 0, FS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "ds mov %rsi,%fs:(%rdi)", "\x3e\x64\x48\x89\x37", 5, MOV, 8, 0, FS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "gs mov %rsi,%fs:(%rdi)", "\x65\x64\x48\x89\x37", 5, MOV, 8, 0, FS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "fs mov %rsi,%gs:(%rdi)", "\x64\x65\x48\x89\x37", 5, MOV, 8, 0, GS, 0xffff888000006d78, 0x800000012345a067, -1, 0 },
	{ "ss mov %rax,0x8(%rsp)", "\x36\x48\x89\x44\x24\x08", 6, MOV, 8, 0, SS, 0xffffc90000004f50, 0x123456789abcdef, -1, 0 },
	{ "mov %rax,%fs:0x8(%rsp)", "\x64\x48\x89\x44\x24\x08", 6, MOV, 8, 0, FS, 0xffffc90000004f50, 0x123456789abcdef, -1, 0 },
	{ "rex.W ds mov %eax,(%rdi)", "\x48\x3e\x89\x07", 4, MOV, 4, 0, DS, 0xffff888000006d78, 0x89abcdef, -1, 0 },
	{ "rex.B mov %rax,(%rdi)", "\x41\x48\x89\x07", 4, MOV, 8, 0, DS, 0xffff888000006d78, 0x123456789abcdef, -1, 0 },
	{ "rex.W mov %eax,(%r15)", "\x48\x41\x89\x07", 4, MOV, 4, 0, DS, 0xfffffffffffffff0, 0x89abcdef, -1, 0 },
	{ "rex mov %rax,(%rdi)", "\x40\x48\x89\x07", 4, MOV, 8, 0, DS, 0xffff888000006d78, 0x123456789abcdef, -1, 0 },
	{ "data16 mov %rax,(%rdi)", "\x66\x48\x89\x07", 4, MOV, 8, 0, DS, 0xffff888000006d78, 0x123456789abcdef, -1, 0 },
	{ "data16 mov %al,(%rdi)", "\x66\x88\x07", 3, MOV, 1, 0, DS, 0xffff888000006d78, 0xef, -1, 0 },
	{ "data16 lock andb $0xfd,(%rdi)", "\x66\xf0\x80\x27\xfd", 5, AND, 1, 1, DS, 0xffff888000006d78, 0xfd, -1, 0 },
	{ "lock data16 cmpxchg %rsi,(%rdi)", "\xf0\x66\x48\x0f\xb1\x37", 6, CMPXCHG, 8, 1, DS, 0xffff888000006d78, 0x800000012345a067, 0, 0 },
	{ "lock lock xchg %rax,(%rdi)", "\xf0\xf0\x48\x87\x07", 5, XCHG, 8, 1, DS, 0xffff888000006d78, 0x123456789abcdef, 0, 0 },
	{ "ds ds ds movq $0xffffffffffffffff,0x12345678(%rsp)", "\x3e\x3e\x3e\x48\xc7\x84\x24\x78\x56\x34\x12\xff\xff\xff\xff", 15, MOV, 8, 0, SS, 0xffffc9001234a5c0, 0xffffffffffffffff, -1, 0 },
	{ "cs fs ss gs es lock lock btsq $0x1,%gs:(%rsp)", "\x2e\x64\x36\x65\x26\x3e\xf0\xf0\x48\x0f\xba\x2c\x24\x01", 14, BTS, 8, 1, GS, 0xffffc90000004f48, 0x1, -1, 0 },
};

struct reject_case {
	const char *name;
	const char bytes[24];
	unsigned int nr;             /* bytes made available */
	enum ptwr_reject why;
};

static const struct reject_case reject_cases[] = {
	/* 66 without REX.W: a 2-byte write. */
	{ "mov %ax,(%rdi)", "\x66\x89\x07", 3, PTWR_REJ_OPSIZE },
	{ "movw $0,(%rdi)", "\x66\xc7\x07\x00\x00", 5, PTWR_REJ_OPSIZE },
	{ "lock cmpxchg %si,(%rdi)", "\x66\xf0\x0f\xb1\x37", 5, PTWR_REJ_OPSIZE },
	{ "btrw $5,(%rdi)", "\x66\x0f\xba\x37\x05", 5, PTWR_REJ_OPSIZE },
	{ "orw $1,(%rdi)", "\x66\x83\x0f\x01", 4, PTWR_REJ_OPSIZE },
	/* 67: 32-bit addressing, refused wherever it sits. */
	{ "mov %rax,(%edi)", "\x67\x48\x89\x07", 4, PTWR_REJ_ADDRSIZE },
	{ "rex.W mov %eax,(%edi)", "\x48\x67\x89\x07", 4, PTWR_REJ_ADDRSIZE },
	{ "67 alone", "\x67", 1, PTWR_REJ_ADDRSIZE },
	/* f2/f3: rep, repne and the xacquire/xrelease hints. */
	{ "xrelease mov %rax,(%rdi)", "\xf3\x48\x89\x07", 4, PTWR_REJ_REP },
	{ "xacquire lock cmpxchg", "\xf2\xf0\x48\x0f\xb1\x37", 6, PTWR_REJ_REP },
	{ "rep stos %rax,%es:(%rdi)", "\xf3\x48\xab", 3, PTWR_REJ_REP },
	{ "repne after lock", "\xf0\xf2\x48\x87\x07", 5, PTWR_REJ_REP },
	/* lock on a plain store is #UD. */
	{ "lock mov %rsi,(%rdi)", "\xf0\x48\x89\x37", 4, PTWR_REJ_LOCK },
	{ "lock movl $0,(%rdi)", "\xf0\xc7\x07\x00\x00\x00\x00", 7, PTWR_REJ_LOCK },
	{ "lock mov %dh,(%rdi)", "\xf0\x88\x37", 3, PTWR_REJ_LOCK },
	{ "lock movb $0,(%rdi)", "\xf0\xc6\x07\x00", 4, PTWR_REJ_LOCK },
	{ "rex.W lock mov (REX dropped)", "\x48\xf0\x89\x07", 4, PTWR_REJ_LOCK },
	/* mod = 3: a register destination never faults on a page table. */
	{ "mov %rsi,%rdi", "\x48\x89\xf7", 3, PTWR_REJ_REG_OPERAND },
	{ "mov %al,%ah", "\x88\xc4", 2, PTWR_REJ_REG_OPERAND },
	{ "mov $1,%rax", "\x48\xc7\xc0\x01\x00\x00\x00", 7, PTWR_REJ_REG_OPERAND },
	{ "mov $1,%al", "\xc6\xc0\x01", 3, PTWR_REJ_REG_OPERAND },
	{ "xchg %rax,%rbx", "\x48\x87\xc3", 3, PTWR_REJ_REG_OPERAND },
	{ "xchg %ah,%al", "\x86\xe0", 2, PTWR_REJ_REG_OPERAND },
	{ "lock cmpxchg %rsi,%rdi", "\xf0\x48\x0f\xb1\xf7", 5, PTWR_REJ_REG_OPERAND },
	{ "cmpxchg %dh,%bh", "\x0f\xb0\xf7", 3, PTWR_REJ_REG_OPERAND },
	{ "or %rsi,%rdi", "\x48\x09\xf7", 3, PTWR_REJ_REG_OPERAND },
	{ "and %rsi,%rdi", "\x48\x21\xf7", 3, PTWR_REJ_REG_OPERAND },
	{ "xor %rsi,%rdi", "\x48\x31\xf7", 3, PTWR_REJ_REG_OPERAND },
	{ "or %dh,%bh", "\x08\xf7", 2, PTWR_REJ_REG_OPERAND },
	{ "and %dh,%bh", "\x20\xf7", 2, PTWR_REJ_REG_OPERAND },
	{ "xor %dh,%bh", "\x30\xf7", 2, PTWR_REJ_REG_OPERAND },
	{ "or $1,%rdi (81)", "\x48\x81\xcf\x01\x00\x00\x00", 7, PTWR_REJ_REG_OPERAND },
	{ "and $1,%rdi (81)", "\x48\x81\xe7\x01\x00\x00\x00", 7, PTWR_REJ_REG_OPERAND },
	{ "xor $1,%rdi (81)", "\x48\x81\xf7\x01\x00\x00\x00", 7, PTWR_REJ_REG_OPERAND },
	{ "or $1,%rdi (83)", "\x48\x83\xcf\x01", 4, PTWR_REJ_REG_OPERAND },
	{ "and $1,%rdi (83)", "\x48\x83\xe7\x01", 4, PTWR_REJ_REG_OPERAND },
	{ "lock xor $1,%rdi (83)", "\xf0\x48\x83\xf7\x01", 5, PTWR_REJ_REG_OPERAND },
	{ "or $1,%bh", "\x80\xcf\x01", 3, PTWR_REJ_REG_OPERAND },
	{ "and $1,%bh", "\x80\xe7\x01", 3, PTWR_REJ_REG_OPERAND },
	{ "xor $1,%bh", "\x80\xf7\x01", 3, PTWR_REJ_REG_OPERAND },
	{ "bts %rsi,%rdi", "\x48\x0f\xab\xf7", 4, PTWR_REJ_REG_OPERAND },
	{ "btr %rsi,%rdi", "\x48\x0f\xb3\xf7", 4, PTWR_REJ_REG_OPERAND },
	{ "bts $5,%rdi", "\x48\x0f\xba\xef\x05", 5, PTWR_REJ_REG_OPERAND },
	{ "btr $5,%rdi", "\x48\x0f\xba\xf7\x05", 5, PTWR_REJ_REG_OPERAND },
	/* Memory writes we do not emulate, and garbage. */
	{ "mov (%rdi),%rsi", "\x48\x8b\x37", 3, PTWR_REJ_OPCODE },
	{ "add %rsi,(%rdi)", "\x48\x01\x37", 3, PTWR_REJ_OPCODE },
	{ "sub %rsi,(%rdi)", "\x48\x29\x37", 3, PTWR_REJ_OPCODE },
	{ "addq $1,(%rdi)", "\x48\x83\x07\x01", 4, PTWR_REJ_OPCODE },
	{ "cmpq $0,(%rdi)", "\x48\x83\x3f\x00", 4, PTWR_REJ_OPCODE },
	{ "adcq $1,(%rdi)", "\x48\x81\x17\x01\x00\x00\x00", 7, PTWR_REJ_OPCODE },
	{ "btq $5,(%rdi)", "\x48\x0f\xba\x27\x05", 5, PTWR_REJ_OPCODE },
	{ "btcq $5,(%rdi)", "\x48\x0f\xba\x3f\x05", 5, PTWR_REJ_OPCODE },
	{ "btc %rsi,(%rdi)", "\x48\x0f\xbb\x37", 4, PTWR_REJ_OPCODE },
	{ "bt %rsi,(%rdi)", "\x48\x0f\xa3\x37", 4, PTWR_REJ_OPCODE },
	{ "xadd %rsi,(%rdi)", "\x48\x0f\xc1\x37", 4, PTWR_REJ_OPCODE },
	{ "cmpxchg8b (%rdi)", "\x0f\xc7\x0f", 3, PTWR_REJ_OPCODE },
	{ "incq (%rdi)", "\x48\xff\x07", 3, PTWR_REJ_OPCODE },
	{ "notq (%rdi)", "\x48\xf7\x17", 3, PTWR_REJ_OPCODE },
	{ "pop (%rdi)", "\x48\x8f\x07", 3, PTWR_REJ_OPCODE },
	{ "stos %rax,%es:(%rdi)", "\x48\xab", 2, PTWR_REJ_OPCODE },
	{ "movabs %rax,0x1000", "\x48\xa3\x00\x10\x00\x00\x00\x00\x00\x00", 10, PTWR_REJ_OPCODE },
	{ "c7 /1", "\xc7\x0f\x00\x00\x00\x00", 6, PTWR_REJ_OPCODE },
	{ "c6 /7", "\xc6\x3f\x00", 3, PTWR_REJ_OPCODE },
	{ "ud2", "\x0f\x0b", 2, PTWR_REJ_OPCODE },
	{ "0f ff", "\x0f\xff\x07", 3, PTWR_REJ_OPCODE },
	{ "nop", "\x90", 1, PTWR_REJ_OPCODE },
	{ "int3", "\xcc", 1, PTWR_REJ_OPCODE },
	{ "all ones", "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 15, PTWR_REJ_OPCODE },
	{ "all zeroes", "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", 15, PTWR_REJ_OPCODE },
	{ "vmovdqa %xmm0,(%rdi)", "\xc5\xf9\x7f\x07", 4, PTWR_REJ_OPCODE },
	{ "mov %eax,%ds", "\x8e\xd8", 2, PTWR_REJ_OPCODE },
	/* Past 15 bytes: #GP on hardware, whatever the caller could fetch. */
	{ "15 prefixes", "\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e", 15, PTWR_REJ_TOO_LONG },
	{ "16 lock prefixes", "\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0\x48\x87\x07", 19, PTWR_REJ_TOO_LONG },
	{ "16 REX prefixes", "\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x48\x89\x07", 18, PTWR_REJ_TOO_LONG },
	{ "ModRM is byte 16", "\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x89\x07", 16, PTWR_REJ_TOO_LONG },
	{ "disp32 ends at byte 19", "\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x3e\x48\x89\x04\x25\x00\x10\x00\x00", 19, PTWR_REJ_TOO_LONG },
	{ "imm32 ends at byte 16", "\x3e\x3e\x3e\x3e\x48\xc7\x84\x24\x78\x56\x34\x12\xff\xff\xff\xff", 16, PTWR_REJ_TOO_LONG },
	/* Known too long before the short fetch runs out. */
	{ "imm32 past 15, 14 fetched", "\x3e\x3e\x3e\x3e\x48\xc7\x84\x24\x78\x56\x34\x12\xff\xff", 14, PTWR_REJ_TOO_LONG },
	/* Nothing, or prefixes only. */
	{ "empty", "", 0, PTWR_REJ_TRUNCATED },
	{ "lock only", "\xf0", 1, PTWR_REJ_TRUNCATED },
	{ "REX only", "\x48", 1, PTWR_REJ_TRUNCATED },
	{ "0f only", "\x0f", 1, PTWR_REJ_TRUNCATED },
};

struct apply_case {
	const char *name;
	const char bytes[16];
	unsigned int len;
	uint64_t old_entry;
	uint64_t new_entry;
	int write;
	int reg_written;
	unsigned int reg;
	uint64_t reg_val;
	uint64_t flags_mask;
	uint64_t flags;
};

/* Recorded on a CPU: the entry sits at the instruction's target (rdi plus
 * displacement), registers as in regs0. flags is the CPU's RFLAGS under
 * our mask: mov/xchg none; cmpxchg CF PF AF ZF SF OF; or/and/xor CF PF ZF
 * SF OF (AF is undefined and we leave it); bts/btr CF only. */
static const struct apply_case apply_cases[] = {
	{ "mov %rsi,(%rdi)", "\x48\x89\x37", 3, 0x0000000000000000, 0x800000012345a067, 1, 0, 0, 0x0000000000000000, 0x000, 0x000 },
	{ "mov %esi,(%rdi)", "\x89\x37", 2, 0xffffffffffffffff, 0xffffffff2345a067, 1, 0, 0, 0x0000000000000000, 0x000, 0x000 },
	{ "mov %esi,0x4(%rdi)", "\x89\x77\x04", 3, 0xffffffffffffffff, 0x2345a067ffffffff, 1, 0, 0, 0x0000000000000000, 0x000, 0x000 },
	{ "mov %dh,0x7(%rdi)", "\x88\x77\x07", 3, 0x0000000000000000, 0x2b00000000000000, 1, 0, 0, 0x0000000000000000, 0x000, 0x000 },
	{ "movq $0x0,(%rdi)", "\x48\xc7\x07\x00\x00\x00\x00", 7, 0x8000000012345067, 0x0000000000000000, 1, 0, 0, 0x0000000000000000, 0x000, 0x000 },
	{ "movb $0x80,0x3(%rdi)", "\xc6\x47\x03\x80", 4, 0x0000000000000000, 0x0000000080000000, 1, 0, 0, 0x0000000000000000, 0x000, 0x000 },
	{ "xchg %rax,(%rdi)", "\x48\x87\x07", 3, 0x8000000fedcba067, 0x0123456789abcdef, 1, 1, 0, 0x8000000fedcba067, 0x000, 0x000 },
	{ "xchg %eax,0x4(%rdi)", "\x87\x47\x04", 3, 0x8000000fedcba067, 0x89abcdefedcba067, 1, 1, 0, 0x000000008000000f, 0x000, 0x000 },
	{ "xchg %ah,0x2(%rdi)", "\x86\x67\x02", 3, 0x8000000fedcba067, 0x8000000fedcda067, 1, 1, 0, 0x0123456789abcbef, 0x000, 0x000 },
	{ "xchg %sil,0x5(%rdi)", "\x40\x86\x77\x05", 4, 0x8000000fedcba067, 0x8000670fedcba067, 1, 1, 6, 0x800000012345a000, 0x000, 0x000 },
	{ "xchg %r9b,0x6(%rdi)", "\x44\x86\x4f\x06", 4, 0x8000000fedcba067, 0x8003000fedcba067, 1, 1, 9, 0x0000000000000000, 0x000, 0x000 },
	{ "lock cmpxchg %rsi,(%rdi)", "\xf0\x48\x0f\xb1\x37", 5, 0x0123456789abcdef, 0x800000012345a067, 1, 0, 0, 0x0000000000000000, 0x8d5, 0x044 },
	{ "lock cmpxchg %rsi,(%rdi)", "\xf0\x48\x0f\xb1\x37", 5, 0x0123456789abcdee, 0x0123456789abcdee, 0, 1, 0, 0x0123456789abcdee, 0x8d5, 0x000 },
	{ "lock cmpxchg %rsi,(%rdi)", "\xf0\x48\x0f\xb1\x37", 5, 0x8123456789abcdef, 0x8123456789abcdef, 0, 1, 0, 0x8123456789abcdef, 0x8d5, 0x885 },
	{ "cmpxchg %rsi,(%rdi)", "\x48\x0f\xb1\x37", 4, 0x0123456789abcdf0, 0x0123456789abcdf0, 0, 1, 0, 0x0123456789abcdf0, 0x8d5, 0x085 },
	{ "lock cmpxchg %esi,0x4(%rdi)", "\xf0\x0f\xb1\x77\x04", 5, 0x89abcdef00000067, 0x2345a06700000067, 1, 0, 0, 0x0000000000000000, 0x8d5, 0x044 },
	{ "lock cmpxchg %esi,(%rdi)", "\xf0\x0f\xb1\x37", 4, 0x0000000100000067, 0x0000000100000067, 0, 1, 0, 0x0000000000000067, 0x8d5, 0x084 },
	{ "lock cmpxchg %dh,(%rdi)", "\xf0\x0f\xb0\x37", 4, 0x00000000000000ef, 0x000000000000002b, 1, 0, 0, 0x0000000000000000, 0x8d5, 0x044 },
	{ "lock cmpxchg %dh,(%rdi)", "\xf0\x0f\xb0\x37", 4, 0x0000000000000000, 0x0000000000000000, 0, 1, 0, 0x0123456789abcd00, 0x8d5, 0x080 },
	{ "lock cmpxchg %dh,0x3(%rdi)", "\xf0\x0f\xb0\x77\x03", 5, 0x00000000ef000000, 0x000000002b000000, 1, 0, 0, 0x0000000000000000, 0x8d5, 0x044 },
	{ "lock or %rsi,(%rdi)", "\xf0\x48\x09\x37", 4, 0x0000000000000001, 0x800000012345a067, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x080 },
	{ "lock andq $0x0,(%rdi)", "\xf0\x48\x83\x27\x00", 5, 0x8000000012345067, 0x0000000000000000, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x044 },
	{ "lock andb $0xfd,(%rdi)", "\xf0\x80\x27\xfd", 4, 0x8000000012345067, 0x8000000012345065, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x004 },
	{ "lock orb $0x2,(%rdi)", "\xf0\x80\x0f\x02", 4, 0x8000000012345065, 0x8000000012345067, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x000 },
	{ "lock orb $0x80,0x7(%rdi)", "\xf0\x80\x4f\x07\x80", 5, 0x0000000012345065, 0x8000000012345065, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x080 },
	{ "lock xorq $0xffffffffffffffff,(%rdi)", "\xf0\x48\x83\x37\xff", 5, 0x0000000000000000, 0xffffffffffffffff, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x084 },
	{ "orl $0xffffff80,0x4(%rdi)", "\x83\x4f\x04\x80", 4, 0x0000000000000000, 0xffffff8000000000, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x080 },
	{ "lock andl $0x7fffffff,0x4(%rdi)", "\xf0\x81\x67\x04\xff\xff\xff\x7f", 8, 0x8000000012345067, 0x0000000012345067, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x044 },
	{ "lock and %rsi,(%rdi)", "\xf0\x48\x21\x37", 4, 0xffffffffffffffff, 0x800000012345a067, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x080 },
	{ "lock xor %rsi,(%rdi)", "\xf0\x48\x31\x37", 4, 0x800000012345a067, 0x0000000000000000, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x044 },
	{ "lock xor %dh,(%rdi)", "\xf0\x30\x37", 3, 0x000000000000002b, 0x0000000000000000, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x044 },
	{ "lock xor %esi,0x4(%rdi)", "\xf0\x31\x77\x04", 4, 0x2345a06700000000, 0x0000000000000000, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x044 },
	{ "lock orq $0xffffffff80000000,(%rdi)", "\xf0\x48\x81\x0f\x00\x00\x00\x80", 8, 0x0000000000000001, 0xffffffff80000001, 1, 0, 0, 0x0000000000000000, 0x8c5, 0x080 },
	{ "lock btrq $0x5,(%rdi)", "\xf0\x48\x0f\xba\x37\x05", 6, 0x8000000012345067, 0x8000000012345047, 1, 0, 0, 0x0000000000000000, 0x001, 0x001 },
	{ "lock btrq $0x5,(%rdi)", "\xf0\x48\x0f\xba\x37\x05", 6, 0x8000000012345047, 0x8000000012345047, 1, 0, 0, 0x0000000000000000, 0x001, 0x000 },
	{ "lock btsq $0x3f,(%rdi)", "\xf0\x48\x0f\xba\x2f\x3f", 6, 0x0000000012345067, 0x8000000012345067, 1, 0, 0, 0x0000000000000000, 0x001, 0x000 },
	{ "lock btsq $0x3f,(%rdi)", "\xf0\x48\x0f\xba\x2f\x3f", 6, 0x8000000012345067, 0x8000000012345067, 1, 0, 0, 0x0000000000000000, 0x001, 0x001 },
	{ "lock bts %r9,(%rdi)", "\xf0\x4c\x0f\xab\x0f", 5, 0x0000000000000000, 0x0000000000000008, 1, 0, 0, 0x0000000000000000, 0x001, 0x000 },
	{ "lock btr %r10,(%rdi)", "\xf0\x4c\x0f\xb3\x17", 5, 0x8000000000000001, 0x0000000000000001, 1, 0, 0, 0x0000000000000000, 0x001, 0x001 },
	{ "lock btsl $0x25,0x4(%rdi)", "\xf0\x0f\xba\x6f\x04\x25", 6, 0x0000000000000000, 0x0000002000000000, 1, 0, 0, 0x0000000000000000, 0x001, 0x000 },
	{ "btrl $0x3f,0x4(%rdi)", "\x0f\xba\x77\x04\x3f", 5, 0xffffffffffffffff, 0x7fffffffffffffff, 1, 0, 0, 0x0000000000000000, 0x001, 0x001 },
	{ "lock btr %r11d,(%rdi)", "\xf0\x44\x0f\xb3\x1f", 5, 0x0000000000000001, 0x0000000000000000, 1, 0, 0, 0x0000000000000000, 0x001, 0x001 },
};

/* The bytes in a heap block of exactly nr bytes, so ASan catches any read
 * past what the caller said it fetched. */
static int decode_exact(const char *bytes, unsigned int nr,
			struct ptwr_insn *insn)
{
	uint8_t *buf = malloc(nr ? nr : 1);
	int rc;

	assert_non_null(buf);
	memcpy(buf, bytes, nr);
	rc = ptwr_decode(buf, nr, &regs0, TEST_RIP, insn);
	free(buf);
	return rc;
}

static void expect_field(const char *name, const char *field, uint64_t got,
			 uint64_t want)
{
	if (got != want)
		fail_msg("%s: %s got %#llx, want %#llx", name, field,
			 (unsigned long long)got, (unsigned long long)want);
}

static void check_decode_one(const struct decode_case *c, const char *bytes,
			     unsigned int nr)
{
	struct ptwr_insn insn;
	int rc;

	memset(&insn, 0xa5, sizeof(insn));
	rc = decode_exact(bytes, nr, &insn);
	if (rc != 0)
		fail_msg("%s: rc %d reject %d", c->name, rc, insn.reject);
	expect_field(c->name, "reject", insn.reject, PTWR_OK);
	expect_field(c->name, "len", insn.len, c->len);
	expect_field(c->name, "op", insn.op, (uint64_t)c->op);
	expect_field(c->name, "width", insn.width, c->width);
	expect_field(c->name, "lock", insn.lock, (uint64_t)c->lock);
	expect_field(c->name, "seg", insn.seg, (uint64_t)c->seg);
	expect_field(c->name, "ea", insn.ea, c->ea);
	expect_field(c->name, "src", insn.src, c->src);
	expect_field(c->name, "dst_reg", (uint64_t)insn.dst_reg,
		     (uint64_t)c->dst_reg);
	expect_field(c->name, "dst_high_byte", insn.dst_high_byte,
		     (uint64_t)c->high_byte);
}

/* Each case decodes from exactly its bytes and from a full 15-byte fetch
 * with junk behind it; every shorter fetch is refused as truncated. */
static void run_decode_table(const struct decode_case *t, size_t n)
{
	char padded[PTWR_MAX_INSN_LEN];
	struct ptwr_insn insn;
	unsigned int k;
	size_t i;

	for (i = 0; i < n; i++) {
		check_decode_one(&t[i], t[i].bytes, t[i].len);
		memset(padded, 0xcc, sizeof(padded));
		memcpy(padded, t[i].bytes, t[i].len);
		check_decode_one(&t[i], padded, sizeof(padded));
		for (k = 0; k < t[i].len; k++) {
			memset(&insn, 0, sizeof(insn));
			if (decode_exact(t[i].bytes, k, &insn) != -EINVAL ||
			    insn.reject != PTWR_REJ_TRUNCATED)
				fail_msg("%s: %u of %u bytes: reject %d",
					 t[i].name, k, t[i].len, insn.reject);
		}
	}
}

static void test_forms(void **state)
{
	run_decode_table(form_cases, ARRAY_SIZE(form_cases));
}

static void test_registers(void **state)
{
	run_decode_table(register_cases, ARRAY_SIZE(register_cases));
}

static void test_modrm(void **state)
{
	run_decode_table(modrm_cases, ARRAY_SIZE(modrm_cases));
}

static void test_sib(void **state)
{
	run_decode_table(sib_cases, ARRAY_SIZE(sib_cases));
}

static void test_rip_relative(void **state)
{
	run_decode_table(riprel_cases, ARRAY_SIZE(riprel_cases));
}

static void test_prefixes(void **state)
{
	run_decode_table(prefix_cases, ARRAY_SIZE(prefix_cases));
}

/* A caller passing more than 15 bytes gets them looked at up to 15. */
static void test_long_fetch(void **state)
{
	uint8_t buf[64];
	struct ptwr_insn insn;

	memset(buf, 0x3e, sizeof(buf));
	memcpy(buf + 3, "\x48\xc7\x84\x24\x78\x56\x34\x12\xff\xff\xff\xff", 12);
	assert_int_equal(ptwr_decode(buf, sizeof(buf), &regs0, TEST_RIP, &insn), 0);
	assert_int_equal(insn.len, 15);
	assert_int_equal(ptwr_decode(buf, ~0u, &regs0, TEST_RIP, &insn), 0);
	assert_int_equal(insn.len, 15);
	memcpy(buf + 4, "\x48\xc7\x84\x24\x78\x56\x34\x12\xff\xff\xff\xff", 12);
	assert_int_equal(ptwr_decode(buf, sizeof(buf), &regs0, TEST_RIP, &insn),
			 -EINVAL);
	assert_int_equal(insn.reject, PTWR_REJ_TOO_LONG);
}

static void test_rejects(void **state)
{
	struct ptwr_insn insn;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(reject_cases); i++) {
		const struct reject_case *c = &reject_cases[i];
		int rc;

		memset(&insn, 0, sizeof(insn));
		rc = decode_exact(c->bytes, c->nr, &insn);
		if (rc != -EINVAL || insn.reject != c->why)
			fail_msg("%s: rc %d reject %d, want reject %d",
				 c->name, rc, insn.reject, c->why);
	}
}

/* Every one-byte opcode (prefixes aside) with ModRM 07, i.e. /0 on (%rdi),
 * and every 0f xx: only these are page-table writes. */
static void test_opcode_sweep(void **state)
{
	static const uint8_t one_ok[] = {
		0x08, 0x09, 0x20, 0x21, 0x30, 0x31, 0x86, 0x87, 0x88, 0x89,
		0xc6, 0xc7,
	};
	static const uint8_t prefix[] = {
		0x26, 0x2e, 0x36, 0x3e, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45,
		0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
		0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3,
	};
	static const uint8_t two_ok[] = { 0xab, 0xb0, 0xb1, 0xb3 };
	char b[16];
	struct ptwr_insn insn;
	unsigned int opc;
	int rc;

	for (opc = 0; opc < 256; opc++) {
		bool ok = memchr(one_ok, (int)opc, sizeof(one_ok)) != NULL;

		if (memchr(prefix, (int)opc, sizeof(prefix)))
			continue;
		memset(b, 0, sizeof(b));
		b[0] = (char)opc;
		b[1] = 0x07;
		rc = decode_exact(b, PTWR_MAX_INSN_LEN, &insn);
		if (ok ? rc != 0 : (rc != -EINVAL || insn.reject != PTWR_REJ_OPCODE))
			fail_msg("opcode %02x: rc %d reject %d", opc, rc, insn.reject);
	}
	for (opc = 0; opc < 256; opc++) {
		bool ok = memchr(two_ok, (int)opc, sizeof(two_ok)) != NULL;

		memset(b, 0, sizeof(b));
		b[0] = 0x0f;
		b[1] = (char)opc;
		b[2] = 0x07;
		rc = decode_exact(b, PTWR_MAX_INSN_LEN, &insn);
		if (ok ? rc != 0 : (rc != -EINVAL || insn.reject != PTWR_REJ_OPCODE))
			fail_msg("opcode 0f %02x: rc %d reject %d", opc, rc,
				 insn.reject);
	}
}

/* The /digit groups: which reg-field values are accepted, and as what. */
static void test_group_digits(void **state)
{
	static const struct {
		const char *opc;
		unsigned int opc_len;
		int op[8];              /* -1: refused */
	} groups[] = {
		{ "\x80", 1, { -1, OR, -1, -1, AND, -1, XOR, -1 } },
		{ "\x81", 1, { -1, OR, -1, -1, AND, -1, XOR, -1 } },
		{ "\x83", 1, { -1, OR, -1, -1, AND, -1, XOR, -1 } },
		{ "\xc6", 1, { MOV, -1, -1, -1, -1, -1, -1, -1 } },
		{ "\xc7", 1, { MOV, -1, -1, -1, -1, -1, -1, -1 } },
		{ "\x0f\xba", 2, { -1, -1, -1, -1, -1, BTS, BTR, -1 } },
	};
	char b[16];
	struct ptwr_insn insn;
	unsigned int g, d;
	int rc;

	for (g = 0; g < ARRAY_SIZE(groups); g++) {
		for (d = 0; d < 8; d++) {
			memset(b, 0, sizeof(b));
			memcpy(b, groups[g].opc, groups[g].opc_len);
			b[groups[g].opc_len] = (char)(0x07 | (d << 3));
			rc = decode_exact(b, PTWR_MAX_INSN_LEN, &insn);
			if (groups[g].op[d] < 0 ?
			    (rc != -EINVAL || insn.reject != PTWR_REJ_OPCODE) :
			    (rc != 0 || (int)insn.op != groups[g].op[d]))
				fail_msg("group %02x /%u: rc %d op %d reject %d",
					 (uint8_t)groups[g].opc[groups[g].opc_len - 1],
					 d, rc, insn.op, insn.reject);
		}
	}
}

static void test_apply(void **state)
{
	struct ptwr_insn insn;
	struct ptwr_result res;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(apply_cases); i++) {
		const struct apply_case *c = &apply_cases[i];

		if (decode_exact(c->bytes, c->len, &insn) != 0)
			fail_msg("%s: decode reject %d", c->name, insn.reject);
		memset(&res, 0xa5, sizeof(res));
		if (ptwr_apply(&insn, &regs0, insn.ea, c->old_entry, &res) != 0)
			fail_msg("%s: apply refused", c->name);
		expect_field(c->name, "new_entry", res.new_entry, c->new_entry);
		expect_field(c->name, "write", res.write, (uint64_t)c->write);
		expect_field(c->name, "reg_written", res.reg_written,
			     (uint64_t)c->reg_written);
		if (c->reg_written) {
			expect_field(c->name, "reg", res.reg, c->reg);
			expect_field(c->name, "reg_val", res.reg_val, c->reg_val);
		}
		expect_field(c->name, "flags_mask", res.flags_mask, c->flags_mask);
		expect_field(c->name, "flags", res.flags, c->flags);
	}
}

/* A segment base moves the linear address but not the entry offset the
 * instruction meant: apply works from the linear address it is given. */
static void test_apply_with_segment_base(void **state)
{
	struct ptwr_insn insn;
	struct ptwr_result res;

	/* lock andb $0xfd,%gs:0x3(%rdi), gs base 0x1000 */
	assert_int_equal(decode_exact("\x65\xf0\x80\x67\x03\xfd", 6, &insn), 0);
	assert_int_equal(insn.seg, PTWR_SEG_GS);
	assert_int_equal(ptwr_apply(&insn, &regs0, insn.ea + 0x1000,
				    0xffffffffffffffffULL, &res), 0);
	assert_true(res.new_entry == 0xfffffffffdffffffULL);
	/* The same instruction, the base putting it at byte 4 instead. */
	assert_int_equal(ptwr_apply(&insn, &regs0, 0x1004,
				    0xffffffffffffffffULL, &res), 0);
	assert_true(res.new_entry == 0xfffffffdffffffffULL);
}

static void expect_apply_refused(const struct ptwr_insn *insn, uint64_t gaddr,
				 const char *what)
{
	struct ptwr_result res;

	memset(&res, 0xa5, sizeof(res));
	if (ptwr_apply(insn, &regs0, gaddr, 0x8000000012345067ULL, &res) != -EINVAL)
		fail_msg("%s: accepted", what);
	if (res.new_entry != 0x8000000012345067ULL || res.write ||
	    res.reg_written || res.flags_mask)
		fail_msg("%s: result not neutral", what);
}

static void test_apply_refusals(void **state)
{
	struct ptwr_insn insn, bad;

	/* Misaligned for the width, as decoded. */
	assert_int_equal(decode_exact("\x89\x77\x02", 3, &insn), 0);
	expect_apply_refused(&insn, insn.ea, "mov %esi,0x2(%rdi)");
	assert_int_equal(decode_exact("\x48\x89\x77\x04", 4, &insn), 0);
	expect_apply_refused(&insn, insn.ea, "mov %rsi,0x4(%rdi)");
	assert_int_equal(decode_exact("\x48\x87\x47\x01", 4, &insn), 0);
	expect_apply_refused(&insn, insn.ea, "xchg %rax,0x1(%rdi)");
	expect_apply_refused(&insn, 0x1007, "xchg at 0x1007");

	/* Structures ptwr_decode() never produces. */
	assert_int_equal(decode_exact("\x48\x87\x07", 3, &insn), 0);
	bad = insn;
	bad.reject = PTWR_REJ_OPCODE;
	expect_apply_refused(&bad, bad.ea, "rejected insn");
	bad = insn;
	bad.width = 2;
	expect_apply_refused(&bad, 0x1000, "width 2");
	bad.width = 16;
	expect_apply_refused(&bad, 0x1000, "width 16");
	bad.width = 0;
	expect_apply_refused(&bad, 0x1000, "width 0");
	bad = insn;
	bad.dst_reg = 16;
	expect_apply_refused(&bad, 0x1000, "register 16");
	bad.dst_reg = -1;
	expect_apply_refused(&bad, 0x1000, "xchg without register");
	bad = insn;
	bad.width = 1;
	bad.dst_high_byte = true;
	bad.dst_reg = 3;
	expect_apply_refused(&bad, 0x1000, "high byte of register 3");
	bad.dst_reg = 8;
	expect_apply_refused(&bad, 0x1000, "high byte of register 8");
	bad = insn;
	bad.op = (enum ptwr_op)99;
	expect_apply_refused(&bad, 0x1000, "unknown op");
	assert_int_equal(decode_exact("\xf0\x48\x0f\xba\x37\x05", 6, &insn), 0);
	bad = insn;
	bad.src = 64;
	expect_apply_refused(&bad, 0x1000, "bit 64 of a qword");
	assert_int_equal(decode_exact("\xf0\x0f\xba\x37\x05", 5, &insn), 0);
	bad = insn;
	bad.src = 32;
	expect_apply_refused(&bad, 0x1000, "bit 32 of a dword");
}

static void test_access_ok(void **state)
{
	static const struct {
		uint64_t gaddr;
		unsigned int width;
		uint64_t cr2;
		bool ok;
	} cases[] = {
		{ 0xffff888000006d78, 8, 0xffff888000006d78, true },
		{ 0x1000, 8, 0x1000, true },
		{ 0x1000, 8, 0x1007, true },
		{ 0x1000, 8, 0x1008, false },      /* next entry */
		{ 0x1000, 8, 0x0fff, false },      /* previous entry */
		{ 0x1000, 8, 0x2000, false },      /* another page */
		{ 0x1001, 8, 0x1001, false },      /* straddles two entries */
		{ 0x1004, 8, 0x1004, false },
		{ 0x1004, 4, 0x1004, true },
		{ 0x1004, 4, 0x1007, true },
		{ 0x1004, 4, 0x1000, false },      /* same entry, not the access */
		{ 0x1000, 4, 0x1004, false },
		{ 0x1002, 4, 0x1002, false },      /* misaligned inside the entry */
		{ 0x1006, 4, 0x1006, false },      /* straddles two entries */
		{ 0x1007, 1, 0x1007, true },
		{ 0x1007, 1, 0x1006, false },
		{ 0x1000, 2, 0x1000, false },      /* widths we never produce */
		{ 0x1000, 0, 0x1000, false },
		{ 0x1000, 3, 0x1000, false },
		{ 0x1000, 16, 0x1000, false },
		{ 0x1000, 0xffffffff, 0x1000, false },
		{ 0xfffffffffffffff8, 8, 0xffffffffffffffff, true },
		{ 0xfffffffffffffff8, 8, 0x0000000000000000, false },  /* wraps */
		{ 0x0000000000000000, 8, 0xfffffffffffffff8, false },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		if (ptwr_access_ok(cases[i].gaddr, cases[i].width, cases[i].cr2) !=
		    cases[i].ok)
			fail_msg("case %zu: %#llx/%u cr2 %#llx", i,
				 (unsigned long long)cases[i].gaddr,
				 cases[i].width, (unsigned long long)cases[i].cr2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_registers),
		cmocka_unit_test(test_modrm),
		cmocka_unit_test(test_sib),
		cmocka_unit_test(test_rip_relative),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_long_fetch),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_opcode_sweep),
		cmocka_unit_test(test_group_digits),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_apply_with_segment_base),
		cmocka_unit_test(test_apply_refusals),
		cmocka_unit_test(test_access_ok),
	};

	return RUN(tests);
}
