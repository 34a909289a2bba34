/* SPDX-License-Identifier: GPL-2.0 */
/* The x86 bzImage setup header (boot protocol >= 2.08): where the
 * compressed kernel lies and which format it is in. Pure logic: no I/O. */
#ifndef PVLINUX_BZIMAGE_H
#define PVLINUX_BZIMAGE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Setup header fields (Documentation/x86/boot.rst), offsets in the file. */
#define BZ_SETUP_SECTS     0x1f1   /* u8: 512-byte setup sectors, 0 = 4 */
#define BZ_BOOT_FLAG       0x1fe   /* u16: 0xaa55 */
#define BZ_HEADER_MAGIC    0x202   /* "HdrS" */
#define BZ_VERSION         0x206   /* u16: boot protocol, major << 8 | minor */
#define BZ_PAYLOAD_OFFSET  0x248   /* u32: from the protected-mode code */
#define BZ_PAYLOAD_LENGTH  0x24c   /* u32: size trailer included */
#define BZ_HEADER_END      0x250
#define BZ_MIN_VERSION     0x0208  /* first protocol with payload_* fields */

/* How one payload format is recognised and decoded. */
struct payload_format {
	const char *name;
	const uint8_t *magic;
	size_t nr_magic;
	/* Decoder reading stdin and writing stdout: a Debian tool. */
	const char *const *argv;
	/* The kernel build appends the uncompressed size (le32) after the
	 * stream; strict decoders see it as garbage, so it is cut off. For
	 * gzip the same four bytes are the stream's own ISIZE field. */
	bool size_appended;
};

struct bzimage_payload {
	size_t offset;          /* from the start of the file */
	size_t length;          /* payload_length: the last 4 bytes are the size */
	uint16_t version;       /* boot protocol */
	uint32_t unpacked_size; /* le32 at the payload's end (mod 2^32) */
	const struct payload_format *fmt;
};

bool bzimage_has_header(const uint8_t *img, size_t len);

/* Locate and identify the payload. Returns 0, or -1 with a one-line
 * reason in why (without the file name). */
int bzimage_find_payload(const uint8_t *img, size_t len,
			 struct bzimage_payload *out, char *why, size_t nr_why);

/* The format whose magic starts data, or NULL. */
const struct payload_format *payload_format_detect(const uint8_t *data,
						   size_t len);

/* The bytes to feed the decoder: the payload less its size trailer when
 * the kernel appended one. */
size_t payload_stream_length(const struct bzimage_payload *p);

#endif
