/* SPDX-License-Identifier: GPL-2.0 */
/* xeno-probe: measurements busybox cannot make, for the guest's test lists.
 * Built static into the initramfs. Each subcommand prints one line a host
 * runner can check and exits non-zero when its own check fails.
 *
 *   memtouch MIB        write then verify every word of MIB MiB
 *   sleep MS            nanosleep MS ms, report monotonic and realtime
 *   time CMD [ARG...]   run CMD, report its wall time and exit status
 *   forkexec N PATH     fork and exec PATH N times, each must exit 0
 *   spin NPROC MS       NPROC processes each burn MS ms of CPU; report the
 *                       CPUs used and the parallelism (CPU time / wall)
 *   pty CMD [ARG...]    run CMD on a new pseudo-terminal (its stdin, stdout,
 *                       stderr and controlling tty), copying our stdin to it
 *                       and its output to our stdout: for programs that only
 *                       take input from a terminal (xenconsole)
 *   gen MIB SEED        write MIB MiB of a pseudo-random stream named by SEED
 *                       to stdout: the same bytes on every machine, so two
 *                       ends of a transfer can each checksum it */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_MIB   (64 * 1024)
#define MAX_MS    (3600 * 1000)
#define MAX_LOOPS 1000000
#define MAX_PROCS 64

static long parse(const char *s, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 1 || v > max) {
		fprintf(stderr, "xeno-probe: '%s' is not a number in 1..%ld\n", s, max);
		exit(2);
	}
	return v;
}

static double now_ms(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int memtouch(long mib)
{
	size_t len = (size_t)mib << 20, nr_words = len / sizeof(uint64_t);
	const uint64_t salt = 0x9e3779b97f4a7c15ull;
	double t0 = now_ms(CLOCK_MONOTONIC);
	volatile uint64_t *p;  /* every store and load must happen */

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		printf("memtouch: mmap %ld MiB: %s\n", mib, strerror(errno));
		return 1;
	}
	for (size_t i = 0; i < nr_words; i++)
		p[i] = i * salt;
	for (size_t i = 0; i < nr_words; i++) {
		if (p[i] != i * salt) {
			printf("memtouch: word %zu (offset %#zx) reads %#llx, wrote %#llx\n",
			       i, i * sizeof(uint64_t), (unsigned long long)p[i],
			       (unsigned long long)(i * salt));
			return 1;
		}
	}
	munmap((void *)p, len);
	printf("memtouch: %ld MiB (%zu pages) written and verified in %.0f ms\n",
	       mib, len / 4096, now_ms(CLOCK_MONOTONIC) - t0);
	return 0;
}

static int sleep_ms(long ms)
{
	struct timespec req = { ms / 1000, (ms % 1000) * 1000000 };
	double m0 = now_ms(CLOCK_MONOTONIC), r0 = now_ms(CLOCK_REALTIME);

	while (nanosleep(&req, &req) < 0 && errno == EINTR)
		;
	printf("sleep: asked %ld ms, monotonic %.1f ms, realtime %.1f ms\n", ms,
	       now_ms(CLOCK_MONOTONIC) - m0, now_ms(CLOCK_REALTIME) - r0);
	return 0;
}

/* fork + exec + wait; returns the exit status, or -1. */
static int run(char *const argv[])
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execv(argv[0], argv);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int time_cmd(char *const argv[])
{
	double t0 = now_ms(CLOCK_MONOTONIC);
	int rc = run(argv);

	printf("time: %s: %.1f ms, exit %d\n", argv[0], now_ms(CLOCK_MONOTONIC) - t0, rc);
	return rc == 0 ? 0 : 1;
}

static int forkexec(long n, char *path)
{
	char *argv[] = { path, NULL };
	double t0 = now_ms(CLOCK_MONOTONIC), ms;

	for (long i = 0; i < n; i++) {
		int rc = run(argv);

		if (rc != 0) {
			printf("forkexec: run %ld of %s: status %d\n", i + 1, path, rc);
			return 1;
		}
	}
	ms = now_ms(CLOCK_MONOTONIC) - t0;
	printf("forkexec: %ld fork+exec of %s in %.0f ms (%.2f ms each), all exited 0\n",
	       n, path, ms, ms / n);
	return 0;
}

/* Child: pin to one CPU (best effort), burn ms of CPU time, report it. */
static void spin_child(int idx, long ms, int fd)
{
	cpu_set_t set;
	int cpu;

	CPU_ZERO(&set);
	CPU_SET(idx % CPU_SETSIZE, &set);
	sched_setaffinity(0, sizeof(set), &set);
	while (now_ms(CLOCK_PROCESS_CPUTIME_ID) < ms)
		;
	cpu = sched_getcpu();
	if (write(fd, &cpu, sizeof(cpu)) != sizeof(cpu))
		_exit(1);
	_exit(0);
}

static int spin(long nproc, long ms)
{
	double t0 = now_ms(CLOCK_MONOTONIC), wall;
	char cpus[MAX_PROCS * 8] = "";
	int fds[2], cpu, bad = 0;

	if (pipe(fds) < 0)
		return 1;
	for (long i = 0; i < nproc; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return 1;
		if (pid == 0)
			spin_child((int)i, ms, fds[1]);
	}
	close(fds[1]);
	for (long i = 0; i < nproc; i++) {
		int status;

		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			bad = 1;
	}
	wall = now_ms(CLOCK_MONOTONIC) - t0;
	while (read(fds[0], &cpu, sizeof(cpu)) == sizeof(cpu))
		snprintf(cpus + strlen(cpus), sizeof(cpus) - strlen(cpus), "%s%d",
			 cpus[0] ? "," : "", cpu);
	printf("spin: %ld procs x %ld ms cpu, ended on cpus %s: wall %.0f ms, parallelism %.2f\n",
	       nproc, ms, cpus, wall, nproc * ms / wall);
	return bad;
}

/* Run CMD with SIGINT and SIGQUIT back to their defaults: a shell that
 * /init starts in the background inherits them ignored, and Ctrl-C would
 * then never reach the user's commands. */
static int sigdfl(char **cmd)
{
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	execvp(cmd[0], cmd);
	perror(cmd[0]);
	return 127;
}

static int pty_child(int master, char **cmd)
{
	int slave;

	if (setsid() < 0 || grantpt(master) || unlockpt(master))
		return 127;
	slave = open(ptsname(master), O_RDWR);
	if (slave < 0 || ioctl(slave, TIOCSCTTY, 0) < 0)
		return 127;
	close(master);
	dup2(slave, 0);
	dup2(slave, 1);
	dup2(slave, 2);
	if (slave > 2)
		close(slave);
	execvp(cmd[0], cmd);
	perror(cmd[0]);
	return 127;
}

/* Relay until the child is done with the terminal (the master reads EOF
 * or EIO once every slave is closed); our stdin may end much earlier. */
static int pty(char **cmd)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY), status = 0;
	struct pollfd fds[2];
	char buf[4096];
	pid_t pid;

	if (master < 0) {
		perror("posix_openpt");
		return 127;
	}
	pid = fork();
	if (pid < 0)
		return 127;
	if (pid == 0)
		_exit(pty_child(master, cmd));
	fds[0] = (struct pollfd){ .fd = 0, .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = master, .events = POLLIN };
	for (;;) {
		ssize_t n;

		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (fds[1].revents) {
			n = read(master, buf, sizeof(buf));
			if (n <= 0)
				break;
			if (write(1, buf, (size_t)n) != n)
				break;
		}
		if (fds[0].revents) {
			n = read(0, buf, sizeof(buf));
			if (n <= 0)
				fds[0].fd = -1;   /* stdin done: keep relaying output */
			else if (write(master, buf, (size_t)n) != n)
				break;
		}
	}
	close(master);
	if (waitpid(pid, &status, 0) < 0)
		return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* xorshift64*: fast under TCG, and deterministic, which is all a transfer
 * check needs (not for anything secret). */
static int gen(long mib, long seed)
{
	static uint64_t buf[8192];
	uint64_t x = 0x9e3779b97f4a7c15ull ^ (uint64_t)seed;

	for (long left = mib * 16; left > 0; left--) {   /* 64 KiB a round */
		for (size_t i = 0; i < sizeof(buf) / sizeof(buf[0]); i++) {
			x ^= x >> 12;
			x ^= x << 25;
			x ^= x >> 27;
			buf[i] = x * 0x2545f4914f6cdd1dull;
		}
		for (size_t off = 0; off < sizeof(buf);) {
			ssize_t n = write(1, (char *)buf + off, sizeof(buf) - off);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return 1;
			off += (size_t)n;
		}
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: xeno-probe memtouch MIB | sleep MS | time CMD [ARG...] |\n"
			"       forkexec N PATH | spin NPROC MS | sigdfl CMD [ARG...] |\n"
			"       pty CMD [ARG...] | gen MIB SEED\n");
	return 2;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "memtouch"))
		return memtouch(parse(argv[2], MAX_MIB));
	if (argc == 3 && !strcmp(argv[1], "sleep"))
		return sleep_ms(parse(argv[2], MAX_MS));
	if (argc >= 3 && !strcmp(argv[1], "time"))
		return time_cmd(argv + 2);
	if (argc == 4 && !strcmp(argv[1], "forkexec"))
		return forkexec(parse(argv[2], MAX_LOOPS), argv[3]);
	if (argc >= 3 && !strcmp(argv[1], "sigdfl"))
		return sigdfl(argv + 2);
	if (argc >= 3 && !strcmp(argv[1], "pty"))
		return pty(argv + 2);
	if (argc == 4 && !strcmp(argv[1], "spin"))
		return spin(parse(argv[2], MAX_PROCS), parse(argv[3], MAX_MS));
	if (argc == 4 && !strcmp(argv[1], "gen"))
		return gen(parse(argv[2], MAX_MIB), parse(argv[3], MAX_LOOPS));
	return usage();
}
