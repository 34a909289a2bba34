/* SPDX-License-Identifier: GPL-2.0-only */
/* Snapshot and journal files; see journal.h. Record layout (host order):
 * kind (N node, D removal), nr_perms, path_len (16 bits), value_len (32),
 * perms, path, value, then a 32-bit FNV-1a of everything before it. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"
#include "journal.h"
#include "log.h"
#include "records.h"

#define JOURNAL_COMPACT_MIN (4u << 20)

struct xs_journal {
	struct xs_core *core;
	char *path;
	char *jpath;
	int jfd;
	struct xs_buf pending;
	size_t journal_size;
	size_t snapshot_size;
};

void xs_journal_record(struct xs_journal *j, const struct xs_node *old,
		       const struct xs_node *new)
{
	if (new)
		xs_record_node(&j->pending, new);
	else
		xs_record_removal(&j->pending, old);
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int fsync_dir_of(const char *path)
{
	char *copy = strdup(path);
	int fd, rc = 0;

	if (!copy)
		return -ENOMEM;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	free(copy);
	if (fd < 0)
		return -errno;
	if (fsync(fd))
		rc = -errno;
	close(fd);
	return rc;
}

int xs_journal_snapshot(struct xs_journal *j)
{
	struct xs_buf buf = { 0 };
	size_t tlen = strlen(j->path) + 8;
	char *tmp = malloc(tlen);
	int fd, rc;

	if (!tmp)
		return -ENOMEM;
	snprintf(tmp, tlen, "%s.tmp", j->path);
	rc = xs_records_snapshot(&buf, &j->core->store);
	fd = rc ? -1 : open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (!rc && fd < 0)
		rc = -errno;
	if (!rc)
		rc = write_all(fd, buf.data, buf.len);
	if (!rc && fsync(fd))
		rc = -errno;
	if (fd >= 0)
		close(fd);
	if (!rc && rename(tmp, j->path))
		rc = -errno;
	if (!rc)
		rc = fsync_dir_of(j->path);
	/* Only now is the journal's content in the snapshot. */
	if (!rc && ftruncate(j->jfd, 0) == 0) {
		j->journal_size = 0;
		j->snapshot_size = buf.len;
	}
	if (rc) {
		unlink(tmp);
		xs_log("state: snapshot to %s failed: %s", j->path, strerror(-rc));
	}
	free(tmp);
	free(buf.data);
	return rc;
}

int xs_journal_sync(struct xs_journal *j)
{
	int rc;

	if (j->pending.failed) {
		/* Records were lost to a failed allocation: only a full
		 * snapshot is sure to hold every change. */
		j->pending.len = 0;
		j->pending.failed = 0;
		return xs_journal_snapshot(j);
	}
	if (!j->pending.len)
		return 0;
	rc = write_all(j->jfd, j->pending.data, j->pending.len);
	if (!rc && fdatasync(j->jfd))
		rc = -errno;
	if (rc) {
		/* Cut any partial record so the retry appends whole ones. */
		if (ftruncate(j->jfd, (off_t)j->journal_size))
			xs_log("state: cannot trim the journal either");
		xs_log("state: journal write failed: %s", strerror(-rc));
		return rc;
	}
	j->journal_size += j->pending.len;
	j->pending.len = 0;
	if (j->journal_size > JOURNAL_COMPACT_MIN &&
	    j->journal_size > 2 * j->snapshot_size)
		xs_journal_snapshot(j);
	return 0;
}

static int load_file(struct xs_core *core, const char *path, size_t *size)
{
	struct stat st;
	char *data;
	int fd, rc;

	*size = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	if (fstat(fd, &st)) {
		rc = -errno;
		close(fd);
		return rc;
	}
	data = malloc(st.st_size ? (size_t)st.st_size : 1);
	rc = data ? 0 : -ENOMEM;
	if (!rc && read(fd, data, st.st_size) != st.st_size)
		rc = -EIO;
	close(fd);
	if (!rc)
		rc = xs_records_apply(core, data, (size_t)st.st_size);
	free(data);
	*size = (size_t)st.st_size;
	return rc;
}

static char *journal_name(const char *path)
{
	size_t len = strlen(path) + sizeof(".journal");
	char *s = malloc(len);

	if (s)
		snprintf(s, len, "%s.journal", path);
	return s;
}

int xs_journal_restore(struct xs_core *core, const char *path)
{
	char *jpath = journal_name(path);
	size_t size;
	int rc;

	if (!jpath)
		return -ENOMEM;
	rc = load_file(core, path, &size);
	if (!rc)
		rc = load_file(core, jpath, &size);
	free(jpath);
	return rc;
}

struct xs_journal *xs_journal_open(struct xs_core *core, const char *path,
				   int *err)
{
	struct xs_journal *j = calloc(1, sizeof(*j));

	*err = -ENOMEM;
	if (!j)
		return NULL;
	j->core = core;
	j->path = strdup(path);
	j->jpath = journal_name(path);
	j->jfd = -1;
	if (!j->path || !j->jpath)
		goto out_free;
	*err = xs_journal_restore(core, path);
	if (*err)
		goto out_free;
	j->jfd = open(j->jpath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
		      0600);
	if (j->jfd < 0) {
		*err = -errno;
		goto out_free;
	}
	/* Start from a snapshot of what we loaded: the journal then holds
	 * only what this run changes. */
	*err = xs_journal_snapshot(j);
	if (*err)
		goto out_close;
	core->journal = j;
	return j;

out_close:
	close(j->jfd);
out_free:
	free(j->path);
	free(j->jpath);
	free(j);
	return NULL;
}

void xs_journal_abandon(struct xs_journal *j)
{
	if (j->core->journal == j)
		j->core->journal = NULL;
	close(j->jfd);
	free(j->pending.data);
	free(j->path);
	free(j->jpath);
	free(j);
}

void xs_journal_close(struct xs_journal *j)
{
	if (!j)
		return;
	xs_journal_sync(j);
	xs_journal_snapshot(j);
	xs_journal_abandon(j);
}
