/* SPDX-License-Identifier: MIT */
/*
 * What the sample block back end stores data on: a byte range of sectors
 * behind four operations, a file by default. Tests swap the operations to
 * make the disk fail; a dom0 back end could put a real device here.
 */
#ifndef KIT_BLK_DISK_H
#define KIT_BLK_DISK_H

#include <stdint.h>
#include <sys/types.h>

struct blk_disk;

struct blk_disk_ops {
	/* Whole transfer or -errno (a short transfer is -EIO). */
	int (*read)(struct blk_disk *disk, void *buf, size_t len, uint64_t off);
	int (*write)(struct blk_disk *disk, const void *buf, size_t len,
		     uint64_t off);
	int (*flush)(struct blk_disk *disk);
	int (*discard)(struct blk_disk *disk, uint64_t off, uint64_t len);
};

struct blk_disk {
	int fd;
	uint64_t nr_sectors;		/* 512-byte sectors */
	const struct blk_disk_ops *ops;
	void *priv;			/* for test ops */
};

extern const struct blk_disk_ops blk_disk_file_ops;

/* Serve the whole of an open file (its size, rounded down to sectors). */
int blk_disk_open_file(struct blk_disk *disk, int fd);
/* Serve nr_sectors of memory at mem (a RAM disk: the benchmark's). */
void blk_disk_open_ram(struct blk_disk *disk, void *mem, uint64_t nr_sectors);

#endif /* KIT_BLK_DISK_H */
