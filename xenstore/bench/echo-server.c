/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The baseline for `make bench`: a single-threaded poll loop on a Unix
 * socket that frames messages exactly as xenstored does and sends each one
 * straight back. Whatever xenstored does beyond this is its cost.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "wire.h"

#define MAX_CLIENTS 64
#define BUF_SIZE    (2 * (XS_HEADER_SIZE + XENSTORE_PAYLOAD_MAX))

struct client {
	int fd;
	size_t len;
	char buf[BUF_SIZE];
};

static int listen_on(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	if (fd < 0 || strlen(path) >= sizeof(sun.sun_path))
		return -1;
	strcpy(sun.sun_path, path);
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) || listen(fd, 64))
		return -1;
	return fd;
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Echoes every complete message; -1 when the client is gone. */
static int serve(struct client *c)
{
	struct xsd_sockmsg h;
	size_t off = 0;
	ssize_t n = read(c->fd, c->buf + c->len, BUF_SIZE - c->len);

	if (n <= 0)
		return -1;
	c->len += (size_t)n;
	while (c->len - off >= XS_HEADER_SIZE) {
		memcpy(&h, c->buf + off, sizeof(h));
		if (h.len > XENSTORE_PAYLOAD_MAX)
			return -1;
		if (c->len - off < XS_HEADER_SIZE + h.len)
			break;
		if (write_all(c->fd, c->buf + off, XS_HEADER_SIZE + h.len))
			return -1;
		off += XS_HEADER_SIZE + h.len;
	}
	memmove(c->buf, c->buf + off, c->len - off);
	c->len -= off;
	return 0;
}

int main(int argc, char **argv)
{
	static struct client clients[MAX_CLIENTS];
	struct pollfd pfd[MAX_CLIENTS + 1];
	int lfd, i, n;

	if (argc != 2 || (lfd = listen_on(argv[1])) < 0) {
		fprintf(stderr, "usage: echo-server SOCKET\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < MAX_CLIENTS; i++)
		clients[i].fd = -1;
	for (;;) {
		pfd[0] = (struct pollfd){ .fd = lfd, .events = POLLIN };
		for (i = 0; i < MAX_CLIENTS; i++)
			pfd[i + 1] = (struct pollfd){ .fd = clients[i].fd,
						      .events = POLLIN };
		n = poll(pfd, MAX_CLIENTS + 1, -1);
		if (n < 0 && errno != EINTR)
			return 1;
		if (pfd[0].revents & POLLIN) {
			int fd = accept(lfd, NULL, NULL);

			for (i = 0; fd >= 0 && i < MAX_CLIENTS; i++) {
				if (clients[i].fd < 0) {
					clients[i].fd = fd;
					clients[i].len = 0;
					fd = -1;
				}
			}
			if (fd >= 0)
				close(fd);
		}
		for (i = 0; i < MAX_CLIENTS; i++) {
			if (clients[i].fd >= 0 && pfd[i + 1].revents &&
			    serve(&clients[i])) {
				close(clients[i].fd);
				clients[i].fd = -1;
			}
		}
	}
}
