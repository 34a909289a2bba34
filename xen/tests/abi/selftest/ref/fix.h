/* SPDX-License-Identifier: MIT */
/* Self-test fixture, "reference" side: abi-check.py must find every
 * difference from ../ours/fix.h, each listed in its SELFTEST table. */
#ifndef FIX_H
#define FIX_H
struct same { uint32_t a; uint64_t b; };
struct moved { uint32_t a; uint32_t b; uint64_t c; };
struct lacks { uint32_t a; uint32_t b; uint32_t c; };
struct grows { uint32_t a; };
struct retyped { uint32_t x; uint32_t y; };
struct anon { union { uint64_t wide; uint32_t narrow; }; };
struct arr { uint64_t v[4]; };
struct only_in_ref { int z; };
enum colour { RED, GREEN, BLUE };
typedef uint64_t word_t;
#define FIX_A 1
#define FIX_B 2
#define FIX_U 1U
#define FIX_GONE 7
#define STR_A "abc"
#define SAME_X (1UL << 40)
#define SAME_Y -5
#define FIX_FN(x) ((x) + 1)
#endif
