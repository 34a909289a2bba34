/* SPDX-License-Identifier: MIT */
/*
 * The stand-in device model. For a PV guest with backendtype=qdisk disks,
 * libxl 4.17 starts "QEMU" (device_model_override names us instead) with
 * QEMU's arguments, waits for device-model/<domid>/state = "running", and
 * then asks over QMP (-chardev socket,...,path=P, -mon ...) which serial
 * ports exist ("query-chardev"). We make sure the daemon serves the
 * disks, answer that handshake (no character devices), and stay until
 * libxl signals us at destroy. The disks are the daemon's business.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenstore.h>

#include "xbk.h"

#define XBK_DM_STATE	"/local/domain/0/device-model/%u/state"
#define XBK_QMP_LINE	4096u
#define XBK_QMP_GREETING \
	"{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 0, " \
	"\"major\": 7}, \"package\": \"xeno-blkback\"}, \"capabilities\": []}}\r\n"

static volatile sig_atomic_t dm_stop;

static void dm_signal(int sig)
{
	(void)sig;
	dm_stop = 1;
}

/* Start the daemon unless one holds the lock; wait for it to detach. */
static void ensure_daemon(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int fd = open(XBK_PIDFILE, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	pid_t pid;

	if (fd < 0 || n <= 0) {
		if (fd >= 0)
			close(fd);
		return;
	}
	self[n] = '\0';
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		close(fd);		/* held: one is running */
		return;
	}
	close(fd);
	pid = fork();
	if (pid == 0) {
		execl(self, "xeno-blkback", "-d", (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/* The QMP socket's path from "-chardev socket,id=libxl-cmd,path=P,...". */
static int qmp_path(int argc, char **argv, char *buf, size_t size)
{
	const char *p, *end;
	int i;

	for (i = 1; i + 1 < argc; i++) {
		if (strcmp(argv[i], "-chardev") ||
		    strncmp(argv[i + 1], "socket,id=libxl-cmd,", 20))
			continue;
		p = strstr(argv[i + 1], ",path=");
		if (!p)
			continue;
		p += 6;
		end = strchrnul(p, ',');
		if ((size_t)(end - p) >= size)
			return -E2BIG;
		memcpy(buf, p, (size_t)(end - p));
		buf[end - p] = '\0';
		return 0;
	}
	return -ENOENT;
}

static int qmp_listen(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		return -E2BIG;
	strcpy(sa.sun_path, path);
	unlink(path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) || listen(fd, 4)) {
		close(fd);
		return -errno;
	}
	return fd;
}

/* The raw JSON value after "key": (a number or a string), or "null". */
static void json_raw(const char *line, const char *key, char *out,
		     size_t size)
{
	const char *p = strstr(line, key), *end;

	snprintf(out, size, "null");
	if (!p)
		return;
	p += strlen(key);
	while (*p == ' ' || *p == ':')
		p++;
	end = *p == '"' ? strchr(p + 1, '"') : p + strcspn(p, ",} \r\n");
	if (!end)
		return;
	if (*p == '"')
		end++;
	if ((size_t)(end - p) < size && end > p) {
		memcpy(out, p, (size_t)(end - p));
		out[end - p] = '\0';
	}
}

static void qmp_answer(int fd, const char *line)
{
	char cmd[64], id[64], rsp[256];
	const char *ret;

	json_raw(line, "\"execute\"", cmd, sizeof(cmd));
	json_raw(line, "\"id\"", id, sizeof(id));
	if (!strcmp(cmd, "\"qmp_capabilities\""))
		ret = "\"return\": {}";
	else if (!strcmp(cmd, "\"query-chardev\""))
		ret = "\"return\": []";		/* no serial ports */
	else if (!strcmp(cmd, "\"query-status\""))
		ret = "\"return\": {\"status\": \"running\", \"running\": true}";
	else
		ret = "\"error\": {\"class\": \"CommandNotFound\", "
		      "\"desc\": \"not a QEMU: xeno-blkback\"}";
	snprintf(rsp, sizeof(rsp), "{%s, \"id\": %s}\r\n", ret, id);
	if (write(fd, rsp, strlen(rsp)) < 0)
		return;
}

/* One client: greet, then answer each line until it hangs up. */
static void qmp_serve(int lfd)
{
	char buf[XBK_QMP_LINE], *nl;
	size_t used = 0;
	ssize_t n;
	int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

	if (fd < 0)
		return;
	if (write(fd, XBK_QMP_GREETING, strlen(XBK_QMP_GREETING)) < 0)
		goto out;
	while (!dm_stop) {
		n = read(fd, buf + used, sizeof(buf) - 1 - used);
		if (n <= 0)
			break;
		used += (size_t)n;
		buf[used] = '\0';
		while ((nl = strchr(buf, '\n'))) {
			*nl = '\0';
			qmp_answer(fd, buf);
			used -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, used + 1);
		}
		if (used == sizeof(buf) - 1)
			break;		/* a line longer than any libxl sends */
	}
out:
	close(fd);
}

int xbk_dm_main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = dm_signal };
	char path[64], sock[108];
	struct xs_handle *xs;
	uint32_t domid = UINT32_MAX;
	struct pollfd pfd;
	int i, lfd = -1;

	for (i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "-xen-domid") &&
		    xbk_parse_id(argv[i + 1], &domid))
			domid = UINT32_MAX;
	if (domid == UINT32_MAX) {
		fprintf(stderr, "xeno-blkback: -xen-domid: no domain\n");
		return 2;
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	ensure_daemon();
	if (qmp_path(argc, argv, sock, sizeof(sock)) == 0) {
		lfd = qmp_listen(sock);
		if (lfd < 0)
			fprintf(stderr, "xeno-blkback: QMP socket %s: %s\n",
				sock, strerror(-lfd));
	}
	xs = xs_open(0);
	snprintf(path, sizeof(path), XBK_DM_STATE, domid);
	if (!xs || !xs_write(xs, XBT_NULL, path, "running", 7)) {
		perror("xeno-blkback: writing the device model's state");
		return 1;
	}
	xs_close(xs);
	pfd.fd = lfd;
	pfd.events = POLLIN;
	while (!dm_stop) {
		if (poll(&pfd, lfd >= 0 ? 1 : 0, -1) > 0 && (pfd.revents & POLLIN))
			qmp_serve(lfd);
	}
	if (lfd >= 0)
		unlink(sock);
	return 0;
}
