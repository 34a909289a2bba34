/* SPDX-License-Identifier: GPL-2.0 */
/* bzimage-to-elf: turn a Linux bzImage (or a plain vmlinux) into the ELF
 * the PV domain builder loads, refusing anything that is not a Xen PV
 * kernel. The output appears whole or not at all (temporary + rename).
 *
 * usage: bzimage-to-elf [-v] INPUT OUTPUT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bzimage.h"
#include "unpack.h"
#include "xen-elf.h"

#define MAX_IMAGE_BYTES (1ul << 30)   /* vmlinux is ~66 MB; refuse absurd */
#define WHY_LEN 320

struct job {
	const char *in_path;
	const char *out_path;
	char tmp_path[4096];
	int tmp_fd;
	char why[WHY_LEN];
};

static int fail(const struct job *j)
{
	fprintf(stderr, "%s: %s\n", j->in_path, j->why);
	return -1;
}

/* Read all of fd (a regular file) into a fresh buffer. */
static int read_all(int fd, uint8_t **buf, size_t *len, char *why, size_t nr_why)
{
	struct stat st;
	size_t done = 0;
	uint8_t *b;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, nr_why, "not a regular file");
		return -1;
	}
	if ((uint64_t)st.st_size > MAX_IMAGE_BYTES) {
		snprintf(why, nr_why, "%lld bytes, over the %lu-byte limit",
			 (long long)st.st_size, MAX_IMAGE_BYTES);
		return -1;
	}
	b = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!b) {
		snprintf(why, nr_why, "out of memory");
		return -1;
	}
	while (done < (size_t)st.st_size) {
		ssize_t n = pread(fd, b + done, (size_t)st.st_size - done, (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(why, nr_why, "read: %s", n ? strerror(errno) : "file shrank");
			free(b);
			return -1;
		}
		done += (size_t)n;
	}
	*buf = b;
	*len = done;
	return 0;
}

static int write_all(int fd, const uint8_t *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int read_input(struct job *j, uint8_t **buf, size_t *len)
{
	int fd = open(j->in_path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0) {
		snprintf(j->why, sizeof(j->why), "%s", strerror(errno));
		return fail(j);
	}
	rc = read_all(fd, buf, len, j->why, sizeof(j->why));
	close(fd);
	return rc ? fail(j) : 0;
}

static void print_summary(const struct job *j, const char *how, size_t size,
			  const struct xen_elf_info *info)
{
	printf("%s: %s -> %s: ELF %zu bytes, %u PT_LOAD, %u Xen note types, entry %#llx%s, %s\n",
	       j->in_path, how, j->out_path, size, info->nr_load,
	       info->nr_note_types, (unsigned long long)info->entry,
	       info->has_entry ? "" : " (e_entry)",
	       info->has_hypercall_page ? "hypercall page" : "no hypercall page");
}

/* A plain vmlinux: check it and copy it unchanged. */
static int convert_elf(struct job *j, const uint8_t *img, size_t len, bool verbose)
{
	struct xen_elf_info info;

	if (xen_elf_check(img, len, &info, j->why, sizeof(j->why)))
		return fail(j);
	if (write_all(j->tmp_fd, img, len)) {
		snprintf(j->why, sizeof(j->why), "writing the output: %s",
			 strerror(errno));
		return fail(j);
	}
	if (verbose)
		print_summary(j, "plain ELF", len, &info);
	return 0;
}

static int convert_bzimage(struct job *j, const uint8_t *img, size_t len,
			   bool verbose)
{
	struct bzimage_payload pl;
	struct xen_elf_info info;
	uint8_t *elf = NULL;
	size_t elf_len = 0;
	char how[96];
	int rc = -1;

	if (bzimage_find_payload(img, len, &pl, j->why, sizeof(j->why)))
		return fail(j);
	if (unpack_payload(pl.fmt, img + pl.offset, payload_stream_length(&pl),
			   j->tmp_fd, j->why, sizeof(j->why)))
		return fail(j);
	if (read_all(j->tmp_fd, &elf, &elf_len, j->why, sizeof(j->why)))
		return fail(j);
	/* mkpiggy takes the last 4 payload bytes as the kernel's size; a
	 * mismatch means a damaged or mis-spliced payload. */
	if ((uint32_t)elf_len != pl.unpacked_size) {
		snprintf(j->why, sizeof(j->why),
			 "%s payload decompressed to %zu bytes, its size trailer says %u",
			 pl.fmt->name, elf_len, pl.unpacked_size);
		goto out_free;
	}
	if (xen_elf_check(elf, elf_len, &info, j->why, sizeof(j->why)))
		goto out_free;
	if (verbose) {
		snprintf(how, sizeof(how), "bzImage protocol %u.%02u, %s payload %zu bytes",
			 pl.version >> 8, pl.version & 0xff, pl.fmt->name, pl.length);
		print_summary(j, how, elf_len, &info);
	}
	rc = 0;
out_free:
	free(elf);
	return rc ? fail(j) : 0;
}

static int convert(struct job *j, bool verbose)
{
	uint8_t *img;
	size_t len;
	int rc;

	if (read_input(j, &img, &len))
		return -1;
	snprintf(j->tmp_path, sizeof(j->tmp_path), "%s.XXXXXX", j->out_path);
	j->tmp_fd = mkstemp(j->tmp_path);
	if (j->tmp_fd < 0) {
		fprintf(stderr, "%s: %s\n", j->tmp_path, strerror(errno));
		free(img);
		return -1;
	}
	if (xen_elf_has_magic(img, len))
		rc = convert_elf(j, img, len, verbose);
	else
		rc = convert_bzimage(j, img, len, verbose);
	free(img);
	if (rc == 0 && (fchmod(j->tmp_fd, 0644) < 0 || fsync(j->tmp_fd) < 0 ||
			rename(j->tmp_path, j->out_path) < 0)) {
		fprintf(stderr, "%s: %s\n", j->out_path, strerror(errno));
		rc = -1;
	}
	close(j->tmp_fd);
	if (rc)
		unlink(j->tmp_path);
	return rc;
}

int main(int argc, char **argv)
{
	struct job j = { .tmp_fd = -1 };
	bool verbose = false;
	int opt;

	while ((opt = getopt(argc, argv, "v")) != -1) {
		if (opt != 'v')
			goto usage;
		verbose = true;
	}
	if (argc - optind != 2)
		goto usage;
	j.in_path = argv[optind];
	j.out_path = argv[optind + 1];
	return convert(&j, verbose) ? 1 : 0;
usage:
	fprintf(stderr, "usage: bzimage-to-elf [-v] INPUT OUTPUT\n");
	return 2;
}
