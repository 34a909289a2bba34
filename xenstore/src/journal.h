/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Durability beyond Xen: the tree and its permissions survive a restart.
 * A snapshot file holds every node; beside it, FILE.journal holds the
 * changes since, one checksummed record per changed node. The event loop
 * syncs the journal before it sends any reply, so an acknowledged write is
 * on disk. Snapshots replace the old one atomically (temp file, fsync,
 * rename, fsync of the directory); a torn last record is ignored on load,
 * which is safe because nobody was told it succeeded.
 */
#ifndef XS_JOURNAL_H
#define XS_JOURNAL_H

#include "node.h"

struct xs_core;
struct xs_journal;

/* Loads @path (and its journal) into @core, then starts journaling to it.
 * A missing file is an empty store. NULL and -errno in *err on failure. */
struct xs_journal *xs_journal_open(struct xs_core *core, const char *path,
				   int *err);
/* Loads @path's tree into @core without journaling anything. */
int xs_journal_restore(struct xs_core *core, const char *path);
/* The store's change hook: remembers @new, or @old's removal. */
void xs_journal_record(struct xs_journal *j, const struct xs_node *old,
		       const struct xs_node *new);
/* Makes every recorded change durable. 0, or -errno with the changes kept
 * for the next try. */
int xs_journal_sync(struct xs_journal *j);
/* Writes a full snapshot and empties the journal. 0 or -errno. */
int xs_journal_snapshot(struct xs_journal *j);
/* Syncs, writes a final snapshot and frees @j. */
void xs_journal_close(struct xs_journal *j);
/* Frees @j writing nothing more, as a crash would leave the files. */
void xs_journal_abandon(struct xs_journal *j);

#endif
