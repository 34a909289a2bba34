/* SPDX-License-Identifier: GPL-2.0 */
/* Run a decoder as a child: the payload goes in through a pipe, the output
 * straight to the caller's file (so the two never deadlock on each other),
 * and stderr to a scratch file whose first line explains a failure. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unpack.h"

#define EXIT_NO_EXEC 127

static void first_line(FILE *f, char *buf, size_t nr_buf)
{
	buf[0] = '\0';
	rewind(f);
	if (!fgets(buf, (int)nr_buf, f))
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

static void run_child(const char *const *argv, int in_fd, int out_fd,
		      int err_fd)
{
	if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0)
		_exit(EXIT_NO_EXEC);
	execvp(argv[0], (char *const *)argv);
	dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(EXIT_NO_EXEC);
}

/* A decoder that stops reading (bad data) makes us see EPIPE: not our
 * error, its exit status will tell. */
static int feed(int fd, const uint8_t *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EPIPE ? 0 : -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int wait_child(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	return 0;
}

int unpack_payload(const struct payload_format *fmt, const uint8_t *data,
		   size_t len, int out_fd, char *why, size_t nr_why)
{
	char msg[200];
	int pipefd[2], status, rc = -1;
	FILE *err;
	pid_t pid;

	err = tmpfile();
	if (!err) {
		snprintf(why, nr_why, "scratch file: %s", strerror(errno));
		return -1;
	}
	if (pipe(pipefd) < 0) {
		snprintf(why, nr_why, "pipe: %s", strerror(errno));
		goto out_close_err;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(why, nr_why, "fork: %s", strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		goto out_close_err;
	}
	if (pid == 0) {
		close(pipefd[1]);
		run_child(fmt->argv, pipefd[0], out_fd, fileno(err));
	}
	close(pipefd[0]);
	signal(SIGPIPE, SIG_IGN);
	if (feed(pipefd[1], data, len) < 0)
		snprintf(why, nr_why, "writing to %s: %s", fmt->argv[0],
			 strerror(errno));
	else
		rc = 0;
	close(pipefd[1]);
	if (wait_child(pid, &status) < 0) {
		snprintf(why, nr_why, "waitpid: %s", strerror(errno));
		rc = -1;
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		first_line(err, msg, sizeof(msg));
		if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NO_EXEC && msg[0])
			snprintf(why, nr_why, "%s payload: %s", fmt->name, msg);
		else
			snprintf(why, nr_why, "%s payload: '%s' failed (%s %d)%s%s",
				 fmt->name, fmt->argv[0],
				 WIFEXITED(status) ? "exit" : "signal",
				 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
				 msg[0] ? ": " : "", msg);
		rc = -1;
	}
out_close_err:
	fclose(err);
	return rc;
}
