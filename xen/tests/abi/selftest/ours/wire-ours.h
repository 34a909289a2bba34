/* SPDX-License-Identifier: MIT */
/* Self-test fixture, "ours" side of ../ref/wire.h: explicit padding and a
 * typedef alias that must pass; padding over a field, a wrong constant and
 * a wrong fact that must fail. */
#ifndef WIRE_OURS_H
#define WIRE_OURS_H
#include <stdint.h>
typedef uint32_t msg_len_t;
struct wmsg { uint8_t op; uint8_t pad[7]; uint64_t id; msg_len_t len; uint32_t pad2; };
struct wover { uint32_t a; uint32_t pad; };
struct ours_hdr { uint32_t prod; uint32_t cons; uint8_t pad[56]; };
struct wskipped { long q; };
#define WIRE_N 5
#define WIRE_M 2
#define WIRE_EXTRA 3
#endif
