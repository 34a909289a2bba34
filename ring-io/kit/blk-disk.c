/* SPDX-License-Identifier: MIT */
/* A block disk on a plain file: pread/pwrite/fdatasync/punch-hole. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ring-io/blkif.h>

#include "blk-disk.h"

static int file_read(struct blk_disk *disk, void *buf, size_t len, uint64_t off)
{
	ssize_t n = pread(disk->fd, buf, len, (off_t)off);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

static int file_write(struct blk_disk *disk, const void *buf, size_t len,
		      uint64_t off)
{
	ssize_t n = pwrite(disk->fd, buf, len, (off_t)off);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

static int file_flush(struct blk_disk *disk)
{
	return fdatasync(disk->fd) ? -errno : 0;
}

static int file_discard(struct blk_disk *disk, uint64_t off, uint64_t len)
{
	if (fallocate(disk->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
		      (off_t)off, (off_t)len))
		return -errno;
	return 0;
}

const struct blk_disk_ops blk_disk_file_ops = {
	.read = file_read,
	.write = file_write,
	.flush = file_flush,
	.discard = file_discard,
};

int blk_disk_open_file(struct blk_disk *disk, int fd)
{
	struct stat st;

	if (fstat(fd, &st))
		return -errno;
	disk->fd = fd;
	disk->nr_sectors = (uint64_t)st.st_size >> BLKIF_SECTOR_SHIFT;
	disk->ops = &blk_disk_file_ops;
	disk->priv = NULL;
	return 0;
}

/* The RAM disk: the back end checked the range, so these only copy. */
static int ram_read(struct blk_disk *disk, void *buf, size_t len, uint64_t off)
{
	memcpy(buf, (uint8_t *)disk->priv + off, len);
	return 0;
}

static int ram_write(struct blk_disk *disk, const void *buf, size_t len,
		     uint64_t off)
{
	memcpy((uint8_t *)disk->priv + off, buf, len);
	return 0;
}

static int ram_flush(struct blk_disk *disk)
{
	(void)disk;
	return 0;
}

static int ram_discard(struct blk_disk *disk, uint64_t off, uint64_t len)
{
	memset((uint8_t *)disk->priv + off, 0, len);
	return 0;
}

static const struct blk_disk_ops blk_disk_ram_ops = {
	.read = ram_read,
	.write = ram_write,
	.flush = ram_flush,
	.discard = ram_discard,
};

void blk_disk_open_ram(struct blk_disk *disk, void *mem, uint64_t nr_sectors)
{
	disk->fd = -1;
	disk->nr_sectors = nr_sectors;
	disk->ops = &blk_disk_ram_ops;
	disk->priv = mem;
}
