/* SPDX-License-Identifier: GPL-2.0 */
/* Writable page tables, decoding (arch/x86/pv/ptwr-decode.c): every
 * accepted instruction form, each source register and each prefix, from
 * exactly its bytes and from a longer fetch. Addressing forms are in
 * test-ptwr-decode-addressing.c, refusals in test-ptwr-decode-rejects.c. */
#include "ptwr-fixture.h"

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

static void test_forms(void **state)
{
	run_decode_table(form_cases, ARRAY_SIZE(form_cases));
}

static void test_registers(void **state)
{
	run_decode_table(register_cases, ARRAY_SIZE(register_cases));
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_registers),
		cmocka_unit_test(test_prefixes),
		cmocka_unit_test(test_long_fetch),
	};

	return RUN(tests);
}
