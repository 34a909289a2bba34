/* SPDX-License-Identifier: GPL-2.0-only */
/* Unix stream sockets as a transport. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "conn.h"
#include "sock.h"

struct sock_tp {
	int fd;
};

static long sock_result(ssize_t n)
{
	if (n > 0)
		return n;
	if (n == 0)
		return -EPIPE;           /* orderly shutdown by the peer */
	if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
		return 0;
	return -errno;
}

static long sock_recv(void *tp, void *buf, size_t len)
{
	return sock_result(read(((struct sock_tp *)tp)->fd, buf, len));
}

static long sock_send(void *tp, const void *buf, size_t len)
{
	ssize_t n = send(((struct sock_tp *)tp)->fd, buf, len, MSG_NOSIGNAL);

	return n == 0 ? 0 : sock_result(n);
}

static void sock_destroy(void *tp)
{
	close(((struct sock_tp *)tp)->fd);
	free(tp);
}

static int sock_poll_fd(void *tp)
{
	return ((struct sock_tp *)tp)->fd;
}

static short sock_poll_events(void *tp, int want_in, int want_out)
{
	return (short)((want_in ? POLLIN : 0) | (want_out ? POLLOUT : 0));
}

const struct xs_transport_ops xs_sock_ops = {
	.name = "socket",
	.recv = sock_recv,
	.send = sock_send,
	.destroy = sock_destroy,
	/* No kick or ack: the socket itself wakes poll. */
	.poll_fd = sock_poll_fd,
	.poll_events = sock_poll_events,
};

/* The default /run/xenstored may not exist yet on a fresh boot. */
static void make_parent_dir(const char *path)
{
	char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char *slash;

	strcpy(dir, path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		mkdir(dir, 0755);
	}
}

int xs_sock_listen(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, err;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	unlink(path);
	make_parent_dir(path);
	/* Only root may talk to a privileged socket, as with Xen's. */
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) ||
	    chmod(path, 0600) || listen(fd, 128)) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

struct xs_conn *xs_sock_accept(struct xs_core *core, int lfd,
			       unsigned int domid, bool privileged)
{
	struct sock_tp *tp;
	int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (fd < 0)
		return NULL;
	tp = malloc(sizeof(*tp));
	if (!tp) {
		close(fd);
		return NULL;
	}
	tp->fd = fd;
	return xs_conn_new(core, &xs_sock_ops, tp, domid, privileged);
}
