/* SPDX-License-Identifier: MIT */
/*
 * Heartbeats between fuzz-hc and fuzz-peer without shared memory: each
 * rewrites the M2P entry of one frame of its own (MMU_MACHPHYS_UPDATE,
 * which takes any value) to a magic, its domain id and a counter; the
 * other reads it from the read-only M2P. An entry that goes invalid
 * means the domain's memory was reclaimed: it is gone.
 */
#ifndef FUZZ_HEARTBEAT_H
#define FUZZ_HEARTBEAT_H

#define FZ_HEARTBEAT_MASK  0xffffff0000000000UL
#define FZ_FUZZER_MAGIC    0x4655a00000000000UL   /* "FU" */
#define FZ_PEER_MAGIC      0x5045a00000000000UL   /* "PE" */
#define FZ_HB_DOMID(v)     ((unsigned int)(((v) >> 24) & 0xffff))
#define FZ_HB_VALUE(magic, domid, count) \
	((magic) | (unsigned long)(domid) << 24 | ((count) & 0xffffff))

#endif /* FUZZ_HEARTBEAT_H */
