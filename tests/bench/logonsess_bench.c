// SPDX-License-Identifier: GPL-2.0-only
/*
 * logonsess_bench: what logonsess costs, measured inside the guest (run by
 * scripts/bench.sh, which boots the same kernel with and without logonsess
 * in lsm= and compares).
 *
 *   logonsess_bench [-n ITERS] [-r REPS] [-s SIZES] [-j JOINS] [-p PROCS]
 *                   [-m SESSIONS] [-c CASCADE] [-a AGENT] TEST...
 *
 * TEST is one of:
 *   cred     fork+exit, fork+exec+exit and setresuid() loops, in SYSTEM
 *            and in a dynamic session (without logonsess: the same loops
 *            again, as the baseline of both)
 *   par      the same loops on every CPU at once: all processes in SYSTEM,
 *            then all in one dynamic session
 *   session  logon (a session created, the writer moved into it, its
 *            previous one destroyed) against KEYCTL_JOIN_SESSION_KEYRING;
 *            a logon with lineage (link=self) against a plain one, in turn
 *   cascade  one logoff of the root of CASCADE sessions (-c, default 1000),
 *            a chain (each logged on from inside the one before) and a
 *            flat tree (all from the root): the write, per op and per
 *            session
 *   scale    for each size in SIZES (comma-separated): create that many
 *            sessions held by open files, read "sessions", join random
 *            sessions, read "self", release them
 *   procs    read "processes" with PROCS processes alive
 *   mem      slab memory of SESSIONS sessions held by open files, against
 *            as many files held by credentials of their own in SYSTEM
 *   agent    fork+exec+exit with the example eBPF agent (-a, default
 *            /tests/logonsess-execsnoop) attached, against the same loop
 *            without it, in turn: its tracepoint program, then its BPF LSM
 *            program if bpf is in lsm=; the cost per exec (the program,
 *            the ring buffer, the agent printing the event)
 *
 * Every figure is one line "bench: NAME VALUE UNIT", one per repetition;
 * times are CLOCK_MONOTONIC of the guest (instructions under QEMU's
 * -icount). Lines starting with "#" are comments. A failure prints
 * "bench-error: ..." and the exit status is 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LS "/sys/kernel/security/logonsess/"
#define KEYCTL_JOIN_SESSION_KEYRING 1
/* Typical field lengths: a domain user's SID, an address and a port. */
#define TYPICAL "type=remote_interactive user=S-1-5-21-3623811015-3361044348-30300820-1013 auth=pam_unix origin=192.0.2.7:50022"
#define SHORT "type=interactive user=S-1-5-21-1-2-3-1001 auth=bench origin=tty1"

static long iters = 2000, reps = 5, joins = 1000, procs = 10000;
static long mem_sessions = 100000, cascade = 1000;
static const char *sizes = "1000,10000,100000,1000000";
static const char *agent = "/tests/logonsess-execsnoop";
static char self_exe[256];
static int have_ls;
static int errors;

static double logon_loop(const char *req, long n, int in_session);

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void result(const char *name, double value, const char *unit)
{
	printf("bench: %s %.4f %s\n", name, value, unit);
}

static void error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("bench-error: ");
	vprintf(fmt, ap);
	printf(" (errno %d: %s)\n", errno, strerror(errno));
	va_end(ap);
	errors++;
}

static int request(const char *file, const char *req)
{
	char path[96];
	int fd, err = 0;
	ssize_t len = strlen(req);

	snprintf(path, sizeof(path), LS "%s", file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, req, len) != len)
		err = -errno;
	close(fd);
	return err;
}

/* Whole file, for its size and line count; -1 on error. */
static long read_file(const char *path, long *lines)
{
	static char buf[1 << 20];
	long total = 0, n, count = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		total += n;
		for (char *p = buf; (p = memchr(p, '\n', buf + n - p)); p++)
			count++;
	}
	close(fd);
	if (n < 0)
		return -1;
	if (lines)
		*lines = count;
	return total;
}

static unsigned long long stats_field(const char *key)
{
	char buf[256], *p;
	int fd = open(LS "stats", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strstr(buf, key);
	return p ? strtoull(p + strlen(key) + 1, NULL, 10) : 0;
}

static unsigned long long self_id(void)
{
	char buf[1024];
	int fd = open(LS "self", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strtoull(buf + 3, NULL, 16);
}

/*
 * Wait until the sessions released are destroyed (RCU, then a work): back
 * to @live, or below (sessions released before @live was read may have
 * gone meanwhile).
 */
static int wait_live(unsigned long long live)
{
	for (int i = 0; i < 6000; i++) {
		if (stats_field("live") <= live)
			return 0;
		usleep(10000);
	}
	errno = ETIMEDOUT;
	return -1;
}

static long meminfo_kb(const char *key)
{
	char line[128];
	long value = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) &&
		    line[strlen(key)] == ':')
			value = strtol(line + strlen(key) + 1, NULL, 10);
	fclose(f);
	return value;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static int raise_nofile(long n)
{
	struct rlimit rl = { .rlim_cur = n + 64, .rlim_max = n + 64 };
	char buf[32];
	int fd;

	fd = open("/proc/sys/fs/nr_open", O_WRONLY);
	if (fd >= 0) {
		snprintf(buf, sizeof(buf), "%ld", n + 64 > 1048576 ? n + 64 : 1048576);
		if (write(fd, buf, strlen(buf)) < 0)
			error("nr_open");
		close(fd);
	}
	return setrlimit(RLIMIT_NOFILE, &rl);
}

/* --- credential loops ---------------------------------------------------- */

enum loop { FORK_EXIT, FORK_EXEC_EXIT, SETRESUID, NR_LOOPS };
static const char *const loop_names[] = { "fork_exit", "fork_exec_exit",
					  "setresuid" };

/* Runs @loop @n times; the time per iteration in microseconds, or -1. */
static double run_loop(enum loop loop, long n)
{
	char *const argv[] = { "logonsess_bench", "--exit", NULL };
	char *const envp[] = { NULL };
	double t0 = now();
	pid_t pid;
	int status;

	for (long i = 0; i < n; i++) {
		switch (loop) {
		case FORK_EXIT:
		case FORK_EXEC_EXIT:
			pid = fork();
			if (pid < 0)
				return -1;
			if (!pid) {
				if (loop == FORK_EXEC_EXIT)
					execve(self_exe, argv, envp);
				_exit(0);
			}
			if (waitpid(pid, &status, 0) != pid || status)
				return -1;
			break;
		case SETRESUID:
			if (setresuid(-1, i & 1 ? 0 : 1000, -1))
				return -1;
			break;
		default:
			return -1;
		}
	}
	if (loop == SETRESUID && setresuid(-1, 0, -1))
		return -1;
	return (now() - t0) * 1e6 / n;
}

/* Moves the caller into a new dynamic session (nothing without logonsess). */
static int enter_session(void)
{
	if (!have_ls)
		return 0;
	return request("logon", SHORT);
}

static int leave_session(void)
{
	if (!have_ls)
		return 0;
	return request("join", "id=0x3e7");
}

/* Every CPU runs @loop @n times at once; the wall time per iteration. */
static double run_parallel(enum loop loop, long n)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int go[2], ready[2], failed = 0, status;
	double t0;
	char c;

	if (pipe(go) || pipe(ready))
		return -1;
	for (long cpu = 0; cpu < ncpu; cpu++) {
		pid_t pid = fork();

		if (pid < 0)
			return -1;
		if (!pid) {
			pin(cpu);
			close(go[1]);
			/* Go when the parent closes its end (EOF). */
			if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) < 0)
				_exit(1);
			_exit(run_loop(loop, n) < 0);
		}
	}
	close(go[0]);
	close(ready[1]);
	for (long cpu = 0; cpu < ncpu; cpu++)
		if (read(ready[0], &c, 1) != 1)
			failed = 1;
	t0 = now();
	close(go[1]);	/* EOF wakes them all */
	while (wait(&status) > 0)
		failed |= !WIFEXITED(status) || WEXITSTATUS(status);
	t0 = now() - t0;
	close(ready[0]);
	return failed ? -1 : t0 * 1e6 / n;
}

/* Iterations of @loop in one repetition: fork+exec is slow, setresuid fast. */
static long loop_iters(enum loop loop)
{
	if (loop == FORK_EXEC_EXIT)
		return iters / 4;
	if (loop == SETRESUID)
		return iters * 10;
	return iters;
}

/*
 * Every credential loop with @run, after a warm-up (page cache, slabs, the
 * exec'd binary), @reps times, in SYSTEM and then in a dynamic session:
 * figures "<prefix>.<loop>.system" and "<prefix>.<loop>.session".
 */
static void cred_loops(const char *prefix, double (*run)(enum loop, long))
{
	static const char *const ctx[] = { "system", "session" };
	char name[96];

	for (int c = 0; c < 2; c++) {
		if (c && enter_session()) {
			error("logon");
			return;
		}
		for (int l = 0; l < NR_LOOPS; l++) {
			long n = loop_iters(l);

			if (run(l, n / 10 + 1) < 0) {
				error("%s %s", prefix, loop_names[l]);
				continue;
			}
			for (int r = 0; r < reps; r++) {
				double us = run(l, n);

				if (us < 0) {
					error("%s %s", prefix, loop_names[l]);
					break;
				}
				snprintf(name, sizeof(name), "%s.%s.%s", prefix,
					 loop_names[l], ctx[c]);
				result(name, us, "us");
			}
		}
		if (c && leave_session())
			error("join 0x3e7");
	}
}

static void test_cred(void)
{
	cred_loops("cred", run_loop);
}

static void test_par(void)
{
	printf("# %ld CPUs\n", sysconf(_SC_NPROCESSORS_ONLN));
	cred_loops("par", run_parallel);
}

/* --- logon against the session keyring ------------------------------------ */

/* --- path walk ---------------------------------------------------------- */

/*
 * stat(), and open()+close(), of an unlabeled file five directories down on
 * tmpfs: what the permission hook of the logon SID rule costs every path
 * walk (one check per directory searched and for the file).
 */
static void test_path(void)
{
	static const char *const dirs[] = {
		"/tmp/bench-path", "/tmp/bench-path/a", "/tmp/bench-path/a/b",
		"/tmp/bench-path/a/b/c", "/tmp/bench-path/a/b/c/d",
	};
	static const char file[] = "/tmp/bench-path/a/b/c/d/file";
	long n = iters * 10;
	struct stat st;
	double t0;
	int fd;

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (mkdir(dirs[i], 0755) && errno != EEXIST) {
			error("mkdir %s", dirs[i]);
			return;
		}
	fd = open(file, O_CREAT | O_WRONLY, 0644);
	if (fd < 0) {
		error("create %s", file);
		return;
	}
	close(fd);
	for (long i = 0; i < n / 10; i++)	/* warm up the dcache */
		stat(file, &st);
	for (int r = 0; r < reps; r++) {
		t0 = now();
		for (long i = 0; i < n; i++)
			if (stat(file, &st)) {
				error("stat");
				return;
			}
		result("path.stat", (now() - t0) * 1e6 / n, "us");
		t0 = now();
		for (long i = 0; i < n; i++) {
			fd = open(file, O_RDONLY);
			if (fd < 0) {
				error("open");
				return;
			}
			close(fd);
		}
		result("path.open", (now() - t0) * 1e6 / n, "us");
	}
}

static void test_session(void)
{
	long n = iters;

	for (int r = 0; r < reps; r++) {
		double t0 = now();

		for (long i = 0; i < n; i++)
			if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING,
				    NULL) < 0) {
				error("KEYCTL_JOIN_SESSION_KEYRING");
				return;
			}
		result("session.join_session_keyring", (now() - t0) * 1e6 / n,
		       "us");
	}
	if (!have_ls)
		return;
	/*
	 * A plain logon, then one with lineage (link=self: linked to the
	 * writer's session, which needs one: the first logon of the loop
	 * moves it out of SYSTEM), in turn in the same boot.
	 */
	for (int r = 0; r < reps; r++) {
		double plain = logon_loop(SHORT, n, 0), link;

		if (plain < 0)
			return;
		result("session.logon", plain, "us");
		link = logon_loop(SHORT " link=self", n, 1);
		if (link < 0)
			return;
		result("session.logon_link", link, "us");
		result("session.logon_link_ratio", link / plain, "x");
	}
}

/*
 * @n logons writing @req, from the session the one before created (with
 * @in_session, from a dynamic session from the start); the time per logon
 * in microseconds, or -1. Back in SYSTEM afterwards, every session gone.
 */
static double logon_loop(const char *req, long n, int in_session)
{
	unsigned long long live = stats_field("live");
	size_t len = strlen(req);
	double t0, t = -1;
	int fd;

	if (in_session && enter_session()) {
		error("logon");
		return -1;
	}
	fd = open(LS "logon", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		error("open logon");
		return -1;
	}
	t0 = now();
	for (long i = 0; i < n; i++)
		if (write(fd, req, len) != (ssize_t)len) {
			error("logon %s", req);
			goto out;
		}
	t = (now() - t0) * 1e6 / n;
out:
	close(fd);
	if (leave_session() || wait_live(live)) {
		error("back to SYSTEM");
		t = -1;
	}
	return t;
}

/* --- cascade logoff ----------------------------------------------------- */

/*
 * A child logs on @n times, each session held by a file, either each from
 * inside the one before (a chain: session i created by i - 1) or all from
 * the first (flat: the child joins the first again after each logon); it
 * sends the first ID and waits to be killed. One logoff of the first must
 * log all @n off and kill the child. Figures: the logoff write, per op and
 * per session; -1 on error.
 */
static double cascade_once(long n, int flat)
{
	unsigned long long live = stats_field("live"), root = 0;
	int sync[2], status = 0, err;
	char req[64];
	double t0, t;
	pid_t pid;

	if (pipe(sync))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		size_t len = strlen(SHORT);
		int ctl = open(LS "logon", O_WRONLY | O_CLOEXEC);

		close(sync[0]);
		if (raise_nofile(n) || ctl < 0)
			_exit(1);
		for (long i = 0; i < n; i++) {
			if (write(ctl, SHORT, len) != (ssize_t)len ||
			    open("/dev/null", O_RDONLY) < 0)
				_exit(1);
			if (!i)
				root = self_id();
			if (flat && i) {
				snprintf(req, sizeof(req), "id=%#llx", root);
				if (request("join", req))
					_exit(1);
			}
		}
		if (write(sync[1], &root, sizeof(root)) != sizeof(root))
			_exit(1);
		for (;;)
			pause();
	}
	close(sync[1]);
	if (read(sync[0], &root, sizeof(root)) != sizeof(root)) {
		close(sync[0]);
		waitpid(pid, NULL, 0);
		error("cascade: %ld logons", n);
		return -1;
	}
	close(sync[0]);
	snprintf(req, sizeof(req), "id=%#llx", root);
	t0 = now();
	err = request("logoff", req);
	t = now() - t0;
	if (err) {
		errno = -err;
		error("cascade: logoff %s", req);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	/* The child, in the last session (chain) or the first (flat), dies. */
	for (int i = 0; i < 6000 && waitpid(pid, &status, WNOHANG) == 0; i++)
		usleep(10000);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
		error("cascade: the logoff of the root did not kill the holder of %ld sessions",
		      n);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	if (wait_live(live)) {
		error("cascade: sessions not destroyed");
		return -1;
	}
	return t * 1e6;
}

static void test_cascade(void)
{
	static const char *const shape[] = { "chain", "flat" };
	char name[96];

	for (int r = 0; r < reps; r++) {
		for (int f = 0; f < 2; f++) {
			double us = cascade_once(cascade, f);

			if (us < 0)
				return;
			snprintf(name, sizeof(name), "cascade.%ld.%s_logoff",
				 cascade, shape[f]);
			result(name, us, "us");
			snprintf(name, sizeof(name), "cascade.%ld.%s_per_session",
				 cascade, shape[f]);
			result(name, us / cascade, "us");
		}
	}
}

/* --- scale ------------------------------------------------------------------ */

/* Logs on @n times, keeping a file of each session open; the first fd. */
static int hold_sessions(long n, unsigned long long *first_id)
{
	size_t len = strlen(TYPICAL);
	int ctl, first = -1, fd;

	ctl = open(LS "logon", O_WRONLY | O_CLOEXEC);
	if (ctl < 0)
		return -1;
	for (long i = 0; i < n; i++) {
		if (write(ctl, TYPICAL, len) != (ssize_t)len)
			break;
		fd = open("/dev/null", O_RDONLY);
		if (fd < 0)
			break;
		if (!i) {
			first = fd;
			*first_id = self_id();
		}
		if (i == n - 1) {
			close(ctl);
			return first;
		}
	}
	error("logon %ld", n);
	close(ctl);
	return -1;
}

static void release(int first)
{
	if (syscall(SYS_close_range, first, ~0U, 0))
		error("close_range");
	if (leave_session())
		error("join 0x3e7");
}

static void test_scale_one(long n)
{
	unsigned long long live = stats_field("live"), first_id = 0;
	unsigned long long seed = 0x9e3779b97f4a7c15ULL ^ n;
	char name[96], req[64];
	long lines = 0, bytes;
	double t0, t;
	int first, ctl;

	if (raise_nofile(n)) {
		error("RLIMIT_NOFILE %ld", n);
		return;
	}
	t0 = now();
	first = hold_sessions(n, &first_id);
	t = now() - t0;
	if (first < 0)
		return;
	snprintf(name, sizeof(name), "scale.%ld.create", n);
	result(name, t * 1e6 / n, "us");

	/* At most 3 reads: a million lines take seconds. */
	for (int r = 0; r < reps && r < 3; r++) {
		t0 = now();
		bytes = read_file(LS "sessions", &lines);
		t = now() - t0;
		if (bytes < 0 || lines < n) {
			error("read sessions: %ld lines", lines);
			break;
		}
		snprintf(name, sizeof(name), "scale.%ld.sessions_line", n);
		result(name, t * 1e6 / lines, "us");
		if (!r) {
			snprintf(name, sizeof(name), "scale.%ld.line_bytes", n);
			result(name, (double)bytes / lines, "bytes");
		}
	}

	ctl = open(LS "join", O_WRONLY | O_CLOEXEC);
	t0 = now();
	for (long i = 0; ctl >= 0 && i < joins; i++) {
		int len;

		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		len = snprintf(req, sizeof(req), "id=%#llx",
			       first_id + seed % n);
		if (write(ctl, req, len) != len) {
			error("join %s", req);
			break;
		}
	}
	t = now() - t0;
	if (ctl >= 0)
		close(ctl);
	snprintf(name, sizeof(name), "scale.%ld.join", n);
	result(name, t * 1e6 / joins, "us");

	t0 = now();
	for (long i = 0; i < joins; i++)
		if (read_file(LS "self", NULL) <= 0) {
			error("read self");
			break;
		}
	snprintf(name, sizeof(name), "scale.%ld.self", n);
	result(name, (now() - t0) * 1e6 / joins, "us");

	t0 = now();
	release(first);
	if (wait_live(live))
		error("sessions not destroyed");
	snprintf(name, sizeof(name), "scale.%ld.destroy", n);
	result(name, (now() - t0) * 1e6 / n, "us");
}

static void test_scale(void)
{
	const char *p = sizes;

	while (*p) {
		long n = strtol(p, (char **)&p, 10);

		if (n > 0)
			test_scale_one(n);
		if (*p)
			p++;
	}
}

static void test_procs(void)
{
	long lines = 0, bytes;
	int pipefd[2], status;
	char c;
	double t0, t;

	if (pipe(pipefd)) {
		error("pipe");
		return;
	}
	for (long i = 0; i < procs; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			error("fork %ld", i);
			break;
		}
		if (!pid) {
			close(pipefd[1]);
			_exit(read(pipefd[0], &c, 1) != 0);
		}
	}
	close(pipefd[0]);
	for (int r = 0; r < reps; r++) {
		t0 = now();
		bytes = read_file(LS "processes", &lines);
		t = now() - t0;
		if (bytes < 0 || lines < procs) {
			error("read processes: %ld lines", lines);
			break;
		}
		result("procs.processes_read", t * 1e3, "ms");
		result("procs.processes_line", t * 1e6 / lines, "us");
	}
	close(pipefd[1]);
	while (wait(&status) > 0)
		;
}

/* --- memory ------------------------------------------------------------------ */

static void test_mem(void)
{
	long n = mem_sessions, slab0, slab1;
	unsigned long long live = stats_field("live"), first_id;
	int first = -1, fd;
	double per_cred, per_session;

	if (raise_nofile(n)) {
		error("RLIMIT_NOFILE %ld", n);
		return;
	}
	/* Files held by credentials of their own, in SYSTEM. */
	slab0 = meminfo_kb("Slab");
	for (long i = 0; i < n; i++) {
		if (setresuid(-1, i & 1 ? 0 : 1000, -1)) {
			error("setresuid");
			return;
		}
		fd = open("/dev/null", O_RDONLY);
		if (fd < 0) {
			error("open");
			return;
		}
		if (!i)
			first = fd;
	}
	slab1 = meminfo_kb("Slab");
	if (setresuid(-1, 0, -1))
		error("setresuid");
	per_cred = (slab1 - slab0) * 1024.0 / n;
	result("mem.slab_per_cred_file", per_cred, "bytes");
	syscall(SYS_close_range, first, ~0U, 0);
	sleep(2);	/* the credentials go after a grace period */

	/* The same files, each in a session of its own. */
	slab0 = meminfo_kb("Slab");
	first = hold_sessions(n, &first_id);
	if (first < 0)
		return;
	slab1 = meminfo_kb("Slab");
	per_session = (slab1 - slab0) * 1024.0 / n;
	result("mem.slab_per_session_file", per_session, "bytes");
	result("mem.slab_per_session", per_session - per_cred, "bytes");
	release(first);
	if (wait_live(live))
		error("sessions not destroyed");
}

/* --- the example eBPF agent ----------------------------------------------- */

struct agent_run {
	pid_t pid;
	FILE *err;	/* its standard error */
};

/* Is @name in the kernel's list of active LSMs? */
static int lsm_listed(const char *name)
{
	char buf[512], *tok, *save;
	int fd = open("/sys/kernel/security/lsm", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (tok = strtok_r(buf, ",\n", &save); tok;
	     tok = strtok_r(NULL, ",\n", &save))
		if (!strcmp(tok, name))
			return 1;
	return 0;
}

/*
 * Starts the agent (@lsm: with --lsm), its events to /dev/null, and waits
 * until it says it is attached; 0, or -1 if it exited first.
 */
static int agent_start(struct agent_run *a, int lsm)
{
	char line[256];
	int fds[2];

	if (pipe2(fds, O_CLOEXEC))
		return -1;
	a->pid = fork();
	if (a->pid < 0)
		return -1;
	if (!a->pid) {
		int null = open("/dev/null", O_WRONLY);

		if (null < 0 || dup2(null, 1) < 0 || dup2(fds[1], 2) < 0)
			_exit(127);
		execl(agent, agent, lsm ? "--lsm" : NULL, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	a->err = fdopen(fds[0], "r");
	if (!a->err)
		return -1;
	while (fgets(line, sizeof(line), a->err)) {
		printf("# %s", line);
		if (strstr(line, ": tracing execve"))
			return 0;
	}
	fclose(a->err);
	waitpid(a->pid, NULL, 0);
	return -1;
}

/* Stops the agent; its events lost in *@lost; 0 if it exited with 0. */
static int agent_stop(struct agent_run *a, long *lost)
{
	char line[256];
	int status;

	*lost = -1;
	kill(a->pid, SIGTERM);
	while (fgets(line, sizeof(line), a->err))
		sscanf(line, "logonsess-execsnoop: lost=%ld", lost);
	fclose(a->err);
	if (waitpid(a->pid, &status, 0) != a->pid)
		return -1;
	return WIFEXITED(status) && !WEXITSTATUS(status) && *lost >= 0 ? 0 : -1;
}

static void test_agent(void)
{
	static const char *const modes[] = { "tp", "lsm" };
	long n = loop_iters(FORK_EXEC_EXIT), lost;
	struct agent_run a;
	char name[64];

	if (access(agent, X_OK)) {
		error("no agent at %s", agent);
		return;
	}
	if (run_loop(FORK_EXEC_EXIT, n / 10 + 1) < 0) {
		error("fork+exec+exit");
		return;
	}
	for (int m = 0; m < 2; m++) {
		if (m && !lsm_listed("bpf")) {
			printf("# bpf is not in lsm=: no agent.exec_lsm figures\n");
			continue;
		}
		for (int r = 0; r < reps; r++) {
			double alone = run_loop(FORK_EXEC_EXIT, n), with;

			if (alone < 0 || agent_start(&a, m)) {
				error("%s", alone < 0 ? "fork+exec+exit" : agent);
				return;
			}
			with = run_loop(FORK_EXEC_EXIT, n);
			if (agent_stop(&a, &lost) || with < 0) {
				error("agent %s", modes[m]);
				return;
			}
			result("agent.exec_alone", alone, "us");
			snprintf(name, sizeof(name), "agent.exec_%s", modes[m]);
			result(name, with, "us");
			snprintf(name, sizeof(name), "agent.exec_%s_cost", modes[m]);
			result(name, with - alone, "us");
			snprintf(name, sizeof(name), "agent.exec_%s_ratio", modes[m]);
			result(name, with / alone, "x");
			snprintf(name, sizeof(name), "agent.exec_%s_lost", modes[m]);
			result(name, lost, "events");
		}
	}
}

int main(int argc, char **argv)
{
	ssize_t len;
	int opt;

	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;
	while ((opt = getopt(argc, argv, "n:r:s:j:p:m:c:a:")) != -1) {
		switch (opt) {
		case 'n': iters = atol(optarg); break;
		case 'r': reps = atol(optarg); break;
		case 's': sizes = optarg; break;
		case 'j': joins = atol(optarg); break;
		case 'p': procs = atol(optarg); break;
		case 'm': mem_sessions = atol(optarg); break;
		case 'c': cascade = atol(optarg); break;
		case 'a': agent = optarg; break;
		default:
			fprintf(stderr, "usage: %s [-n ITERS] [-r REPS] [-s SIZES] [-j JOINS] [-p PROCS] [-m SESSIONS] [-c CASCADE] [-a AGENT] cred|par|session|path|cascade|scale|procs|mem|agent...\n",
				argv[0]);
			return 2;
		}
	}
	if (iters < 10 || reps < 1 || joins < 1 || cascade < 2) {
		fprintf(stderr, "%s: -n must be 10 or more, -r and -j 1 or more, -c 2 or more\n",
			argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	len = readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1);
	if (len <= 0) {
		perror("readlink /proc/self/exe");
		return 1;
	}
	self_exe[len] = '\0';
	have_ls = access(LS "logon", F_OK) == 0;
	printf("# logonsess %s\n", have_ls ? "active" : "not active");
	for (int i = optind; i < argc; i++) {
		const char *t = argv[i];

		printf("# %s\n", t);
		if (!strcmp(t, "cred")) {
			test_cred();
		} else if (!strcmp(t, "par")) {
			test_par();
		} else if (!strcmp(t, "session")) {
			test_session();
		} else if (!strcmp(t, "path")) {
			test_path();
		} else if (!strcmp(t, "agent")) {
			test_agent();
		} else if (have_ls && !strcmp(t, "scale")) {
			test_scale();
		} else if (have_ls && !strcmp(t, "procs")) {
			test_procs();
		} else if (have_ls && !strcmp(t, "mem")) {
			test_mem();
		} else if (have_ls && !strcmp(t, "cascade")) {
			test_cascade();
		} else if (strcmp(t, "scale") && strcmp(t, "procs") &&
			   strcmp(t, "mem") && strcmp(t, "cascade")) {
			fprintf(stderr, "%s: unknown test %s\n", argv[0], t);
			return 2;
		}
	}
	printf("# done, %d errors\n", errors);
	return errors != 0;
}
