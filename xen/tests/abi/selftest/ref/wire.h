/* SPDX-License-Identifier: MIT */
/* Self-test fixture, "reference" side of a header ours names otherwise
 * (../ours/wire-ours.h): renamed headers, padding, skips and facts. */
#ifndef WIRE_H
#define WIRE_H
#define msg_len_t uint32_t
struct wmsg { uint8_t op; uint64_t id; msg_len_t len; };
struct wover { uint32_t a; uint32_t b; };
struct whdr { uint32_t prod; uint32_t cons; uint8_t pad_[56]; int ring[1]; };
struct wskipped { int q; };
#define WIRE_N 4
#define WIRE_M 2
#define RINGX_A 1
#define RINGX_B 2
#endif
