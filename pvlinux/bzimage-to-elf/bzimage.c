/* SPDX-License-Identifier: GPL-2.0 */
/* bzImage setup header parsing and payload format detection. Every offset
 * read from the image is checked against the image before use. */
#include <stdio.h>
#include <string.h>

#include "bzimage.h"

static const uint8_t magic_gzip[]  = { 0x1f, 0x8b };
static const uint8_t magic_bzip2[] = { 'B', 'Z', 'h' };
/* lzma-alone: properties byte lc=3 lp=0 pb=2, then a dictionary size whose
 * low two bytes are 0 for every preset the kernel build uses. */
static const uint8_t magic_lzma[]  = { 0x5d, 0x00, 0x00 };
static const uint8_t magic_xz[]    = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
static const uint8_t magic_lzo[]   = { 0x89, 'L', 'Z', 'O' };
static const uint8_t magic_lz4[]   = { 0x02, 0x21, 0x4c, 0x18 }; /* legacy */
static const uint8_t magic_zstd[]  = { 0x28, 0xb5, 0x2f, 0xfd };

static const char *const argv_gzip[]  = { "gzip", "-dc", NULL };
static const char *const argv_bzip2[] = { "bzip2", "-dc", NULL };
static const char *const argv_lzma[]  = { "xz", "--format=lzma", "-dc", NULL };
static const char *const argv_xz[]    = { "xz", "--format=xz", "-dc", NULL };
static const char *const argv_lzo[]   = { "lzop", "-dc", NULL };
static const char *const argv_lz4[]   = { "lz4", "-dcq", NULL };
static const char *const argv_zstd[]  = { "zstd", "-dcq", NULL };

static const struct payload_format formats[] = {
	{ "gzip",  magic_gzip,  sizeof(magic_gzip),  argv_gzip,  false },
	{ "bzip2", magic_bzip2, sizeof(magic_bzip2), argv_bzip2, true },
	{ "lzma",  magic_lzma,  sizeof(magic_lzma),  argv_lzma,  true },
	{ "xz",    magic_xz,    sizeof(magic_xz),    argv_xz,    true },
	{ "lzo",   magic_lzo,   sizeof(magic_lzo),   argv_lzo,   true },
	{ "lz4",   magic_lz4,   sizeof(magic_lz4),   argv_lz4,   true },
	{ "zstd",  magic_zstd,  sizeof(magic_zstd),  argv_zstd,  true },
};

#define SIZE_TRAILER 4

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

bool bzimage_has_header(const uint8_t *img, size_t len)
{
	return len >= BZ_HEADER_MAGIC + 4 &&
	       memcmp(img + BZ_HEADER_MAGIC, "HdrS", 4) == 0;
}

const struct payload_format *payload_format_detect(const uint8_t *data,
						   size_t len)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		const struct payload_format *f = &formats[i];

		if (len >= f->nr_magic && memcmp(data, f->magic, f->nr_magic) == 0)
			return f;
	}
	return NULL;
}

size_t payload_stream_length(const struct bzimage_payload *p)
{
	return p->fmt->size_appended ? p->length - SIZE_TRAILER : p->length;
}

int bzimage_find_payload(const uint8_t *img, size_t len,
			 struct bzimage_payload *out, char *why, size_t nr_why)
{
	size_t setup_sects, pm_start, start, plen;
	const uint8_t *p;

	if (!bzimage_has_header(img, len)) {
		snprintf(why, nr_why, "not a bzImage: no \"HdrS\" setup header at 0x%x",
			 BZ_HEADER_MAGIC);
		return -1;
	}
	if (len < BZ_HEADER_END) {
		snprintf(why, nr_why, "truncated: %zu bytes, setup header needs %u",
			 len, BZ_HEADER_END);
		return -1;
	}
	out->version = le16(img + BZ_VERSION);
	if (out->version < BZ_MIN_VERSION) {
		snprintf(why, nr_why,
			 "boot protocol %u.%02u predates payload_offset (need 2.08)",
			 out->version >> 8, out->version & 0xff);
		return -1;
	}
	setup_sects = img[BZ_SETUP_SECTS] ? img[BZ_SETUP_SECTS] : 4;
	pm_start = (setup_sects + 1) * 512;
	start = pm_start + le32(img + BZ_PAYLOAD_OFFSET);
	plen = le32(img + BZ_PAYLOAD_LENGTH);
	/* size_t is 64-bit: two 32-bit fields plus pm_start cannot wrap. */
	if (start > len || plen > len - start) {
		snprintf(why, nr_why,
			 "truncated: payload at 0x%zx, %zu bytes, ends beyond the file's %zu bytes",
			 start, plen, len);
		return -1;
	}
	p = img + start;
	out->offset = start;
	out->length = plen;
	out->fmt = payload_format_detect(p, plen);
	if (!out->fmt) {
		snprintf(why, nr_why,
			 "unknown payload format at 0x%zx (first bytes %02x %02x %02x %02x)",
			 start, plen > 0 ? p[0] : 0, plen > 1 ? p[1] : 0,
			 plen > 2 ? p[2] : 0, plen > 3 ? p[3] : 0);
		return -1;
	}
	if (plen < out->fmt->nr_magic + SIZE_TRAILER) {
		snprintf(why, nr_why, "%s payload of %zu bytes is too short",
			 out->fmt->name, plen);
		return -1;
	}
	out->unpacked_size = le32(p + plen - SIZE_TRAILER);
	return 0;
}
