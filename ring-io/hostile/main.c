// SPDX-License-Identifier: GPL-2.0
/*
 * hostile: a domU front end that speaks blkif or netif badly to the back end of one
 * of its devices (the dom0 side, pvlinux/initramfs/io-hostile-check, runs
 * one case at a time through the domU's console and judges the back end).
 *   hostile blk CASE DEVID     a vbd's front end
 *   hostile net CASE DEVID     a vif's front end
 * Prints what it sent and saw, then "HOSTILE-RESULT KIND/CASE PASS|FAIL".
 */
#include <stdio.h>
#include <string.h>

#include "hostile.h"

int usage(void)
{
	fprintf(stderr, "usage: hostile blk bad-gref|seg-count|bad-sector|"
		"ring-overflow|closing|busy DEVID\n"
		"       [HOSTILE_FEED=DEVID] hostile net tx-bad-gref|"
		"tx-beyond-page|tx-many-slots|tx-ring-overflow|rx-garbage DEVID\n");
	return 2;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 4)
		return usage();
	if (!strcmp(argv[1], "blk"))
		return blk_main(argv[2], argv[3]);
	if (!strcmp(argv[1], "net"))
		return net_main(argv[2], argv[3]);
	return usage();
}
