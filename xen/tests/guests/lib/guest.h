/* SPDX-License-Identifier: MIT */
/*
 * What every PV test guest includes: the runtime's console, case runner,
 * string helpers, hypercall wrappers and trap recording. A guest defines
 * test_main(); the runtime calls it after its start-of-day checks and
 * then prints the closing line and powers off.
 */
#ifndef GUEST_GUEST_H
#define GUEST_GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <public/errno.h>
#include <public/io/console.h>
#include <public/xen.h>
#include "hypercall.h"
#include "traps.h"

#define PAGE_SIZE 4096UL
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The image's virtual base (XEN_ELFNOTE_VIRT_BASE): virt = pfn * 4K + base. */
#define GUEST_VIRT_BASE 0xffffffff80000000UL

/* Addresses no guest may hand to the hypervisor. */
#define HV_RANGE_START  0xffff800000000000UL  /* first hypervisor byte */
#define HV_RANGE_DIRECT 0xffff830000000000UL  /* inside it, past the M2P */
#define HV_RANGE_LAST   0xffff87fffffffff0UL  /* near its end */
#define NON_CANONICAL   0x0000800000000000UL  /* first non-canonical */
#define NON_CANONICAL_HI 0x8000000000000000UL
#define UNMAPPED_VA     0x0000100000000000UL  /* user half, never mapped */

#define PRINTF_MAX 512

/* string.c */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
bool has_word(const char *s, const char *word);
bool word_value(const char *s, const char *key, unsigned long *val);

/* console.c */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
long console_write(const char *s, size_t len);
void vprintf(const char *fmt, va_list ap);
void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* report.c: each prints PASS or FAIL and returns whether it passed. */
void pass(const char *name);
void fail(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool expect_rc(const char *name, long got, long want);
bool expect_ok(const char *name, long got);
bool expect_eq(const char *name, unsigned long got, unsigned long want);
bool expect_true(const char *name, bool cond, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
unsigned int report_failed(void);
void guest_finish(void) __attribute__((noreturn));
/* The closing line, then SCHEDOP_shutdown with 'reason' (SHUTDOWN_*). */
void guest_finish_with(unsigned int reason) __attribute__((noreturn));

/* start.c */
extern const struct start_info *start_info;
extern unsigned long boot_rsp;          /* rsp at entry, before head.S moved it */
const char *guest_cmdline(void);
/* The machine frame of one of our virtual addresses, from the p2m list. */
unsigned long virt_to_mfn(const volatile void *va);

/* console-ring.c: a domU's PV console ring. */
extern volatile struct xencons_interface *console_ring;
const char *console_ring_map(void);     /* NULL or a "setup:" reason */
size_t console_ring_write(const char *s, size_t n, bool notify);
/* Ask the runner to FAIL unless this exact line (no newline) reaches the log. */
void expect_line(const char *text);

/* Written by each guest. */
void test_main(void);

#endif /* GUEST_GUEST_H */
