/* SPDX-License-Identifier: MIT */
/* Self-test fixture, "ours" side: wrong on purpose, see ../ref/fix.h. */
#ifndef FIX_H
#define FIX_H
#include <stdint.h>
struct same { uint32_t a; uint64_t b; };
struct moved { uint32_t a; uint64_t b; uint64_t c; };
struct lacks { uint32_t a; uint32_t b; };
struct grows { uint32_t a; uint32_t d; };
struct retyped { int32_t x; uint32_t y; };
struct anon { union { uint64_t wyde; uint32_t narrow; }; };
struct arr { uint64_t v[2]; };
struct only_in_ours { int z; };
enum colour { RED, GREEN, BLUE = 3 };
typedef uint32_t word_t;
#define FIX_A 1
#define FIX_B 3
#define FIX_U 1
#define STR_A "ab"
#define SAME_X (1UL << 40)
#define SAME_Y (-5)
#endif
