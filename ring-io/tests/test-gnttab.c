/* SPDX-License-Identifier: MIT */
/*
 * Grant stand-in: the back end maps only what the front end granted, to it,
 * with the access granted; a hostile front end rewriting entries gets a
 * refusal, and a refused map changes nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gnttab.h"

#define FE_DOM 1
#define BE_DOM 0
#define NR_FRAMES 64

struct g {
	struct kit_domain fe;
	struct kit_gnttab_view view;	/* back end's */
	int frame;
};

static int g_setup(void **state)
{
	struct g *g = calloc(1, sizeof(*g));

	assert_non_null(g);
	assert_int_equal(kit_domain_create(&g->fe, FE_DOM, NR_FRAMES), 0);
	kit_gnttab_view_init(&g->view, &g->fe, BE_DOM);
	g->frame = kit_frame_alloc(&g->fe);
	assert_true(g->frame >= (int)KIT_GNTTAB_FRAMES);
	*state = g;
	return 0;
}

static int g_teardown(void **state)
{
	struct g *g = *state;

	kit_domain_destroy(&g->fe);
	free(g);
	return 0;
}

static void test_map_granted_page(void **state)
{
	struct g *g = *state;
	int gref = kit_gnttab_grant(&g->fe, BE_DOM, (uint32_t)g->frame, false);
	void *page = NULL;

	assert_true(gref >= (int)KIT_GNTTAB_NR_RESERVED);
	assert_int_equal(kit_gnttab_map(&g->view, (grant_ref_t)gref, true,
					&page), 0);
	assert_ptr_equal(page, kit_frame_addr(&g->fe, (uint32_t)g->frame));
	memset(page, 0x5a, KIT_FRAME_SIZE);	/* writable, and in range */
	assert_true(g->fe.gnttab[gref].flags & GTF_writing);
	assert_int_equal(kit_gnttab_unmap(&g->view, (grant_ref_t)gref), 0);
	assert_false(g->fe.gnttab[gref].flags & (GTF_reading | GTF_writing));
	assert_int_equal(kit_gnttab_end(&g->fe, (grant_ref_t)gref), 0);
	assert_int_equal(g->fe.gnttab[gref].flags, 0);
}

/* An entry the front end wrote (or scribbled), and what mapping it gives. */
struct hostile_entry {
	const char *what;
	uint16_t flags;
	domid_t domid;
	uint32_t frame;		/* UINT32_MAX: use the test's frame */
	bool write;
	int want;
};

#define OK_FRAME UINT32_MAX

static const struct hostile_entry entries[] = {
	{ "read-only, mapped to read", GTF_permit_access | GTF_readonly,
	  BE_DOM, OK_FRAME, false, 0 },
	{ "read-only, mapped to write", GTF_permit_access | GTF_readonly,
	  BE_DOM, OK_FRAME, true, -EPERM },
	{ "granted to another domain", GTF_permit_access, 7, OK_FRAME,
	  false, -EPERM },
	{ "granted to the granter itself", GTF_permit_access, FE_DOM,
	  OK_FRAME, false, -EPERM },
	{ "invalid entry", GTF_invalid, BE_DOM, OK_FRAME, false, -EINVAL },
	{ "accept-transfer type", 2, BE_DOM, OK_FRAME, false, -EINVAL },
	{ "transitive type", 3, BE_DOM, OK_FRAME, false, -EINVAL },
	{ "frame one past memory", GTF_permit_access, BE_DOM, NR_FRAMES,
	  false, -EINVAL },
	{ "frame all ones", GTF_permit_access, BE_DOM, 0xfffffffeu, false,
	  -EINVAL },
	{ "the grant table's own frame", GTF_permit_access, BE_DOM, 0,
	  true, -EINVAL },
	{ "last grant-table frame", GTF_permit_access, BE_DOM,
	  KIT_GNTTAB_FRAMES - 1, true, -EINVAL },
	{ "last frame of memory", GTF_permit_access, BE_DOM, NR_FRAMES - 1,
	  true, 0 },
	{ "every other flag set", 0xfffd, BE_DOM, OK_FRAME, false, 0 },
	{ "every flag set", 0xffff, BE_DOM, OK_FRAME, false, -EINVAL },
};

static void test_hostile_entries(void **state)
{
	struct g *g = *state;
	const grant_ref_t gref = 20;
	size_t i;

	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		const struct hostile_entry *e = &entries[i];
		struct grant_entry_v1 before;
		void *page = NULL;
		int rc;

		print_message("entry: %s\n", e->what);
		g->fe.gnttab[gref].domid = e->domid;
		g->fe.gnttab[gref].frame = e->frame == OK_FRAME ?
					   (uint32_t)g->frame : e->frame;
		g->fe.gnttab[gref].flags = e->flags;
		before = g->fe.gnttab[gref];
		rc = kit_gnttab_map(&g->view, gref, e->write, &page);
		assert_int_equal(rc, e->want);
		if (rc) {
			assert_memory_equal(&before, &g->fe.gnttab[gref],
					    sizeof(before));
			assert_int_equal(g->view.map_count[gref], 0);
			continue;
		}
		assert_int_equal(kit_gnttab_unmap(&g->view, gref), 0);
		g->fe.gnttab[gref].flags = 0;
	}
}

static void test_bad_references(void **state)
{
	struct g *g = *state;
	static const grant_ref_t bad[] = { 0, 1, KIT_GNTTAB_NR_RESERVED - 1,
		KIT_NR_GREFS, KIT_NR_GREFS + 1, 0x80000000u, 0xffffffffu };
	void *page = NULL;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(kit_gnttab_map(&g->view, bad[i], false, &page),
				 -EINVAL);
		assert_int_equal(kit_gnttab_unmap(&g->view, bad[i]), -EINVAL);
	}
	assert_null(page);
	/* Granted and ended: gone. */
	int gref = kit_gnttab_grant(&g->fe, BE_DOM, (uint32_t)g->frame, true);
	assert_int_equal(kit_gnttab_end(&g->fe, (grant_ref_t)gref), 0);
	assert_int_equal(kit_gnttab_map(&g->view, (grant_ref_t)gref, false,
					&page), -EINVAL);
}

static void test_end_while_mapped_is_busy(void **state)
{
	struct g *g = *state;
	int gref = kit_gnttab_grant(&g->fe, BE_DOM, (uint32_t)g->frame, true);
	void *page;

	assert_true(gref > 0);
	assert_int_equal(kit_gnttab_map(&g->view, (grant_ref_t)gref, false,
					&page), 0);
	assert_int_equal(kit_gnttab_map(&g->view, (grant_ref_t)gref, false,
					&page), 0);
	assert_int_equal(kit_gnttab_end(&g->fe, (grant_ref_t)gref), -EBUSY);
	assert_int_equal(kit_gnttab_unmap(&g->view, (grant_ref_t)gref), 0);
	assert_int_equal(kit_gnttab_end(&g->fe, (grant_ref_t)gref), -EBUSY);
	assert_int_equal(kit_gnttab_unmap(&g->view, (grant_ref_t)gref), 0);
	assert_int_equal(kit_gnttab_unmap(&g->view, (grant_ref_t)gref), -EINVAL);
	assert_int_equal(kit_gnttab_end(&g->fe, (grant_ref_t)gref), 0);
}

static void test_release_dead_mapper(void **state)
{
	struct g *g = *state;
	int gref = kit_gnttab_grant(&g->fe, BE_DOM, (uint32_t)g->frame, false);
	void *page;

	assert_int_equal(kit_gnttab_map(&g->view, (grant_ref_t)gref, true,
					&page), 0);
	/* The back end dies without unmapping; the toolstack cleans up. */
	kit_gnttab_release_domain(&g->fe, BE_DOM);
	assert_int_equal(kit_gnttab_end(&g->fe, (grant_ref_t)gref), 0);
}

static void test_grant_limits(void **state)
{
	struct g *g = *state;
	uint32_t n = 0;
	int gref;

	assert_int_equal(kit_gnttab_grant(&g->fe, BE_DOM, 0, false), -EINVAL);
	assert_int_equal(kit_gnttab_grant(&g->fe, BE_DOM, NR_FRAMES, false),
			 -EINVAL);
	while ((gref = kit_gnttab_grant(&g->fe, BE_DOM, (uint32_t)g->frame,
					true)) >= 0)
		n++;
	assert_int_equal(gref, -ENOSPC);
	assert_int_equal(n, KIT_NR_GREFS - KIT_GNTTAB_NR_RESERVED);
	assert_int_equal(kit_gnttab_end(&g->fe, 100), 0);
	assert_int_equal(kit_gnttab_grant(&g->fe, BE_DOM, (uint32_t)g->frame,
					  true), 100);
	assert_int_equal(kit_gnttab_end(&g->fe, 3), -EINVAL);	/* reserved */
	assert_int_equal(kit_gnttab_end(&g->fe, KIT_NR_GREFS), -EINVAL);
}

/* --- MMU enforcement, in a child process as a back end would be ------ */

#define FAULTED 42

static void on_fault(int sig)
{
	(void)sig;
	_exit(FAULTED);
}

enum probe { READ_GRANTED, WRITE_READONLY, READ_UNGRANTED, READ_UNMAPPED,
	     WRITE_GRANTED };

/* In the child: enforce, then touch memory as asked. */
static void run_probe(struct g *g, enum probe what)
{
	struct sigaction sa = { .sa_handler = on_fault };
	volatile uint8_t *p;
	void *page;
	int ro = kit_gnttab_grant(&g->fe, BE_DOM, (uint32_t)g->frame, true);
	int other = kit_frame_alloc(&g->fe);

	sigaction(SIGSEGV, &sa, NULL);
	if (kit_gnttab_view_enforce(&g->view) ||
	    kit_gnttab_map(&g->view, (grant_ref_t)ro, false, &page))
		_exit(1);
	p = page;
	switch (what) {
	case READ_GRANTED:
		_exit(p[100] == 0 ? 0 : 2);
	case WRITE_READONLY:
		p[100] = 1;
		break;
	case READ_UNGRANTED:
		p = kit_frame_addr(&g->fe, (uint32_t)other);
		(void)p[0];
		break;
	case READ_UNMAPPED:
		kit_gnttab_unmap(&g->view, (grant_ref_t)ro);
		(void)p[0];
		break;
	case WRITE_GRANTED: {
		int rw = kit_gnttab_grant(&g->fe, BE_DOM, (uint32_t)g->frame,
					 false);

		if (kit_gnttab_map(&g->view, (grant_ref_t)rw, true, &page))
			_exit(1);
		((volatile uint8_t *)page)[5] = 9;
		_exit(0);
	}
	}
	_exit(0);
}

static int probe(struct g *g, enum probe what)
{
	pid_t pid = fork();
	int st;

	assert_true(pid >= 0);
	if (pid == 0)
		run_probe(g, what);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void test_mmu_enforcement(void **state)
{
	struct g *g = *state;

	assert_int_equal(probe(g, READ_GRANTED), 0);
	assert_int_equal(probe(g, WRITE_GRANTED), 0);
	assert_int_equal(probe(g, WRITE_READONLY), FAULTED);
	assert_int_equal(probe(g, READ_UNGRANTED), FAULTED);
	assert_int_equal(probe(g, READ_UNMAPPED), FAULTED);
	/* The parent, the front end here, was never restricted. */
	((volatile uint8_t *)kit_frame_addr(&g->fe, (uint32_t)g->frame))[0] = 1;
}

/* A mapped reference whose frame the granter moves is refused. */
static void test_frame_moved_under_mapping(void **state)
{
	struct g *g = *state;
	int gref = kit_gnttab_grant(&g->fe, BE_DOM, (uint32_t)g->frame, true);
	void *page;

	assert_int_equal(kit_gnttab_map(&g->view, (grant_ref_t)gref, false,
					&page), 0);
	g->fe.gnttab[gref].frame = (uint32_t)g->frame + 1;
	assert_int_equal(kit_gnttab_map(&g->view, (grant_ref_t)gref, false,
					&page), -EBUSY);
	assert_int_equal(g->view.map_count[gref], 1);
	assert_int_equal(kit_gnttab_unmap(&g->view, (grant_ref_t)gref), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, g_setup, g_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_map_granted_page),
		T(test_hostile_entries),
		T(test_bad_references),
		T(test_end_while_mapped_is_busy),
		T(test_release_dead_mapper),
		T(test_grant_limits),
		T(test_mmu_enforcement),
		T(test_frame_moved_under_mapping),
	};

	return cmocka_run_group_tests_name("gnttab", tests, NULL, NULL);
}
