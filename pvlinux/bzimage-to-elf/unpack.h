/* SPDX-License-Identifier: GPL-2.0 */
/* Decompress a payload by piping it through the format's Debian tool. */
#ifndef PVLINUX_UNPACK_H
#define PVLINUX_UNPACK_H

#include <stddef.h>
#include <stdint.h>

#include "bzimage.h"

/* Feed data to fmt's decoder, its output going to out_fd. Returns 0, or
 * -1 with a one-line reason (the decoder's first complaint) in why. */
int unpack_payload(const struct payload_format *fmt, const uint8_t *data,
		   size_t len, int out_fd, char *why, size_t nr_why);

#endif
