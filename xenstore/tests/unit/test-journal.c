/* SPDX-License-Identifier: GPL-2.0-only */
/* Durability: what one core journals, a fresh core restores (values,
 * permissions, removals); a torn or corrupt tail loses only itself. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "helpers.h"
#include "journal.h"

struct fixture {
	char dir[64];
	char state[96];
	char jpath[112];
};

static int setup(void **state)
{
	static struct fixture f;

	strcpy(f.dir, "/tmp/xs-journal.XXXXXX");
	assert_non_null(mkdtemp(f.dir));
	snprintf(f.state, sizeof(f.state), "%s/state", f.dir);
	snprintf(f.jpath, sizeof(f.jpath), "%s/state.journal", f.dir);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char tmp[128];

	unlink(f->state);
	unlink(f->jpath);
	snprintf(tmp, sizeof(tmp), "%s.tmp", f->state);
	unlink(tmp);
	rmdir(f->dir);
	return 0;
}

/* A core journaling to @path, with its dom0 connection in *c. */
static struct xs_core *open_core(const char *path, struct xs_journal **j,
				 struct xs_conn **c)
{
	struct xs_core *core = t_core_new();
	int err = 0;

	*j = xs_journal_open(core, path, &err);
	assert_int_equal(err, 0);
	assert_non_null(*j);
	*c = t_conn(core, 0, true);
	return core;
}

static void close_core(struct xs_core *core, struct xs_journal *j,
		       bool clean)
{
	if (clean) {
		xs_journal_close(j);
	} else {
		/* A crash: what was synced is all there is. */
		assert_int_equal(xs_journal_sync(j), 0);
		xs_journal_abandon(j);
	}
	t_core_free(core);
}

static void test_restore_after_clean_stop(void **state)
{
	struct fixture *f = *state;
	struct xs_journal *j;
	struct xs_conn *c;
	struct xs_core *core = open_core(f->state, &j, &c);
	struct t_msg m;
	char buf[64];

	assert_int_equal(t_write(c, 0, "/k/a", "1"), 0);
	assert_int_equal(t_write(c, 0, "/k/b", "2"), 0);
	assert_int_equal(t_setperms(c, 0, "/k/a", "n3 r4"), 0);
	assert_int_equal(t_rm(c, 0, "/k/b"), 0);
	close_core(core, j, true);

	core = open_core(f->state, &j, &c);
	assert_int_equal(t_read(c, 0, "/k/a", buf), 0);
	assert_string_equal(buf, "1");
	assert_int_equal(t_read(c, 0, "/k/b", NULL), -ENOENT);
	assert_int_equal(t_strings(c, XS_GET_PERMS, 0, "/k/a", &m), 0);
	assert_memory_equal(m.body, "n3\0r4\0", 6);
	assert_int_equal(core->domains.by_id[3]->nr_nodes, 1);
	assert_int_equal(xs_core_check(core), 0);
	close_core(core, j, true);
}

static void test_journal_replay_after_crash(void **state)
{
	struct fixture *f = *state;
	struct xs_journal *j;
	struct xs_conn *c;
	struct xs_core *core = open_core(f->state, &j, &c);
	char buf[64];
	uint32_t tx;
	struct stat st;

	assert_int_equal(t_write(c, 0, "/crash/x", "acked"), 0);
	assert_int_equal(t_txn_start(c, &tx), 0);
	assert_int_equal(t_write(c, tx, "/crash/t", "txn"), 0);
	assert_int_equal(t_txn_end(c, tx, true), 0);
	assert_int_equal(xs_journal_sync(j), 0);
	assert_int_equal(stat(f->jpath, &st), 0);
	assert_true(st.st_size > 0);
	close_core(core, j, false);

	core = open_core(f->state, &j, &c);
	assert_int_equal(t_read(c, 0, "/crash/x", buf), 0);
	assert_string_equal(buf, "acked");
	assert_int_equal(t_read(c, 0, "/crash/t", buf), 0);
	assert_string_equal(buf, "txn");
	close_core(core, j, true);
}

static void test_torn_tail_is_ignored(void **state)
{
	struct fixture *f = *state;
	struct xs_journal *j;
	struct xs_conn *c;
	struct xs_core *core = open_core(f->state, &j, &c);
	struct stat st;
	char buf[64];

	assert_int_equal(t_write(c, 0, "/t/first", "1"), 0);
	assert_int_equal(xs_journal_sync(j), 0);
	assert_int_equal(stat(f->jpath, &st), 0);
	assert_int_equal(t_write(c, 0, "/t/second", "2"), 0);
	close_core(core, j, false);
	/* Tear the second batch: as if power failed mid-write. */
	assert_int_equal(truncate(f->jpath, st.st_size + 11), 0);

	core = open_core(f->state, &j, &c);
	assert_int_equal(t_read(c, 0, "/t/first", buf), 0);
	assert_int_equal(t_read(c, 0, "/t/second", NULL), -ENOENT);
	assert_int_equal(xs_core_check(core), 0);
	close_core(core, j, true);
}

static void test_corrupt_record_stops_replay(void **state)
{
	struct fixture *f = *state;
	struct xs_journal *j;
	struct xs_conn *c;
	struct xs_core *core = open_core(f->state, &j, &c);
	struct stat st;
	char byte;
	int fd;

	assert_int_equal(t_write(c, 0, "/y", "before"), 0);
	assert_int_equal(xs_journal_sync(j), 0);
	assert_int_equal(stat(f->jpath, &st), 0);
	assert_int_equal(t_write(c, 0, "/z", "value"), 0);
	assert_int_equal(t_write(c, 0, "/z2", "after"), 0);
	close_core(core, j, false);
	/* Flip a bit inside /z's record: it and all after it are dropped. */
	fd = open(f->jpath, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, &byte, 1, st.st_size + 10), 1);
	byte ^= 0x40;
	assert_int_equal(pwrite(fd, &byte, 1, st.st_size + 10), 1);
	close(fd);

	core = open_core(f->state, &j, &c);
	assert_int_equal(t_read(c, 0, "/y", NULL), 0);
	assert_int_equal(t_read(c, 0, "/z", NULL), -ENOENT);
	assert_int_equal(t_read(c, 0, "/z2", NULL), -ENOENT);
	close_core(core, j, true);
}

/* A full disk: the sync says so (the loop then holds replies back). */
static void test_sync_failure_reported(void **state)
{
	struct fixture *f = *state;
	struct xs_journal *j;
	struct xs_conn *c;
	struct xs_core *core;

	assert_int_equal(symlink("/dev/full", f->jpath), 0);
	core = open_core(f->state, &j, &c);
	assert_int_equal(t_write(c, 0, "/full", "x"), 0);
	assert_int_equal(xs_journal_sync(j), -ENOSPC);
	assert_int_equal(xs_journal_sync(j), -ENOSPC);   /* still pending */
	xs_journal_abandon(j);
	t_core_free(core);
}

static void test_restore_only(void **state)
{
	struct fixture *f = *state;
	struct xs_journal *j;
	struct xs_conn *c;
	struct xs_core *core = open_core(f->state, &j, &c);

	assert_int_equal(t_write(c, 0, "/r", "x"), 0);
	close_core(core, j, true);
	core = t_core_new();
	assert_int_equal(xs_journal_restore(core, f->state), 0);
	c = t_conn(core, 0, true);
	assert_int_equal(t_read(c, 0, "/r", NULL), 0);
	assert_int_equal(xs_journal_restore(core, "/nonexistent/state"), 0);
	t_core_free(core);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_restore_after_clean_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal_replay_after_crash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_torn_tail_is_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_record_stops_replay, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sync_failure_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restore_only, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
