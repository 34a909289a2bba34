/* SPDX-License-Identifier: MIT */
/*
 * The journal: a copy of every request taken off a ring, in a file on
 * tmpfs (/run) mapped shared, so it outlives a daemon killed with -9.
 * Why: a response is written into the slot of the request it answers,
 * and only later published (rsp_prod). A daemon killed in between leaves
 * requests it never answered whose slots no longer hold them; its
 * successor takes [rsp_prod, req_cons) from here instead, and the rest
 * from the ring. The front end reuses a slot only after the answer to
 * its request was published, so a journal slot is never overwritten
 * while its request may still need serving.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xbk.h"

#define XBK_JOURNAL_MAGIC	0x78626b31u	/* "xbk1" */

int xbk_journal_open(struct xbk_journal *jr, const char *path, bool fresh)
{
	size_t size = sizeof(struct xbk_journal_hdr) +
		      XBK_MAX_RING_ENTS * sizeof(union blkif_sring_entry);
	void *mem;
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | (fresh ? O_TRUNC : 0),
		  0600);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size)) {
		close(fd);
		return -errno;
	}
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (mem == MAP_FAILED)
		return -errno;
	jr->hdr = mem;
	jr->slot = (union blkif_sring_entry *)(jr->hdr + 1);
	jr->size = size;
	return 0;
}

void xbk_journal_close(struct xbk_journal *jr)
{
	if (jr->hdr)
		munmap(jr->hdr, jr->size);
	memset(jr, 0, sizeof(*jr));
}

uint32_t xbk_journal_unanswered(const struct xbk_journal *jr,
				uint32_t nr_ents, grant_ref_t ring_ref0,
				uint32_t remote_port, ring_idx_t rsp_prod,
				ring_idx_t req_prod)
{
	const struct xbk_journal_hdr *h = jr->hdr;
	uint32_t n;

	if (!h || h->magic != XBK_JOURNAL_MAGIC || h->nr_ents != nr_ents ||
	    h->ring_ref0 != ring_ref0 || h->remote_port != remote_port)
		return 0;
	/* Taken, not answered; and never past what the front end produced. */
	n = h->req_cons - rsp_prod;
	if (n > nr_ents || n > req_prod - rsp_prod)
		return 0;
	return n;
}

void xbk_journal_reset(struct xbk_journal *jr, uint32_t nr_ents,
		       grant_ref_t ring_ref0, uint32_t remote_port,
		       ring_idx_t req_cons)
{
	struct xbk_journal_hdr *h = jr->hdr;

	h->magic = 0;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	h->nr_ents = nr_ents;
	h->ring_ref0 = ring_ref0;
	h->remote_port = remote_port;
	h->req_cons = req_cons;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	h->magic = XBK_JOURNAL_MAGIC;
}

union blkif_sring_entry *xbk_journal_slot(struct xbk_journal *jr,
					  uint32_t nr_ents, ring_idx_t idx)
{
	return &jr->slot[idx & (nr_ents - 1)];
}

/* The copy of request idx is in its slot: count it in. The fence keeps
 * the compiler from moving the count before the copy; a kill, unlike a
 * power cut, loses no store already made to a shared page. */
void xbk_journal_taken(struct xbk_journal *jr, ring_idx_t idx)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	jr->hdr->req_cons = idx + 1;
}

int xbk_ring_take(struct ring_back *ring, struct xbk_journal *jr,
		  uint32_t *replay_left, union blkif_sring_entry *req)
{
	ring_idx_t idx = ring->req_cons;
	union blkif_sring_entry *copy;
	int rc = blkif_back_take(ring, req);

	if (rc != 1)
		return rc;
	copy = xbk_journal_slot(jr, ring->nr_ents, idx);
	if (*replay_left) {
		/* The ring slot may hold an answer never published. */
		*req = *copy;
		(*replay_left)--;
		return 1;
	}
	*copy = *req;
	xbk_journal_taken(jr, idx);
	return 1;
}
