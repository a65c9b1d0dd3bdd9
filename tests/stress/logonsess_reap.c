// SPDX-License-Identifier: GPL-2.0-only
/*
 * logonsess reap: one work item destroys many sessions, and must yield the
 * CPU meanwhile. A holder process logs on N times and keeps a file opened
 * in each session (a file holds its opener's credentials, so the session
 * lives as long as the file; /dev/null by default, the cheapest), then
 * closes all N. Their credentials are freed by RCU callbacks, which queue
 * the dying sessions for the destruction work. The holder keeps the CPU
 * the work was queued on (SCHED_FIFO, with RT throttling and the fair
 * server of that CPU off) until all N are queued, so that a single run of
 * the work item finds all of them; then it exits, and the work destroys
 * them in one go. Nothing must report a soft lockup or an RCU stall (the
 * caller lowers the detectors' thresholds and reads the kernel log), and
 * all N sessions must be destroyed.
 *
 * For speed, two threads (one per CPU) log on and close; the first files
 * are closed alone on the holder's CPU, so that the work is pending there
 * before the other CPU releases anything.
 *
 *   logonsess_reap [-n SESSIONS] [-f FILE]
 *
 * Prints "ok - ..." / "not ok - ..." lines and what it measured; exit
 * status 1 on a failure.
 */

#include "stress.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#define REQUEST "type=batch user=S-1-5-21-7-7-7-1002 auth=reap"
#define RT_RUNTIME "/proc/sys/kernel/sched_rt_runtime_us"
/* Since 6.12 the fair server also gives CFS tasks 5% of an RT-hogged CPU. */
#define FAIR_SERVER "/sys/kernel/debug/sched/fair_server/cpu%d/runtime"

struct state {
	int ready;		/* holder: N sessions held */
	int closed0;		/* holder: the first files closed */
	int go;			/* monitor: the work is queued, close the rest */
	int closed1, closed2;	/* holder: its half, the helper's half */
	int release;		/* monitor: let the CPU go */
	int error;		/* holder: what failed, -errno */
	unsigned long long first_id;
};

static struct state *st;

/* In the monitor: wait for @cond, unless the holder failed. */
#define WAIT_FOR(cond, ms)						\
	while (!(cond)) {						\
		if (st->error || now() - t0 > 1200 ||			\
		    waitpid(pid, NULL, WNOHANG) == pid)			\
			goto broken;					\
		usleep((ms) * 1000);					\
	}

static const char *held = "/dev/null";
static int ctl;

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void fail(int err)
{
	if (!st->error)
		st->error = err;
	__atomic_store_n(&st->ready, -1, __ATOMIC_RELEASE);
}

/* Log on @n times, keeping a file of each session; then back to SYSTEM. */
static int create(int n)
{
	size_t len = strlen(REQUEST);
	int i;

	for (i = 0; i < n; i++) {
		if (write(ctl, REQUEST, len) != (ssize_t)len ||
		    open(held, O_RDONLY) < 0)
			return -errno;
	}
	return ls_request("join", "id=0x3e7");
}

static int first_fd, mid_fd;

/* The helper thread: half the logons and half the closes, on CPU 0. */
static void *helper(void *arg)
{
	int err;

	pin(0);
	err = create((long)arg);
	if (err) {
		fail(err);
		return NULL;
	}
	__atomic_store_n(&st->closed2, -2, __ATOMIC_RELEASE);	/* created */
	while (!__atomic_load_n(&st->go, __ATOMIC_ACQUIRE))
		usleep(1000);
	if (syscall(__NR_close_range, mid_fd, ~0U, 0))
		fail(-errno);
	__atomic_store_n(&st->closed2, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * The holder, on @cpu. Its first @first sessions, closed alone, get the
 * work queued on @cpu; the rest are created and closed by two threads,
 * one per CPU, for speed: every release finds the work already pending.
 */
static void __attribute__((noreturn)) holder(int n, int cpu)
{
	struct sched_param sp = { .sched_priority = 1 };
	int first = n < 100 ? n : 100, err;
	pthread_t thread;
	size_t len = strlen(REQUEST);

	pin(cpu);
	ctl = open(LS "logon", O_WRONLY | O_CLOEXEC);
	if (ctl < 0 || write(ctl, REQUEST, len) != (ssize_t)len) {
		fail(-errno);
		_exit(1);
	}
	st->first_id = self_id();
	first_fd = open(held, O_RDONLY);
	err = first_fd < 0 ? -errno : create(first - 1);
	if (err) {
		fail(err);
		_exit(1);
	}
	mid_fd = first_fd + first + (n - first) / 2;
	if (pthread_create(&thread, NULL, helper, (void *)(long)((n - first) / 2))) {
		fail(-EAGAIN);
		_exit(1);
	}
	err = create(n - first - (n - first) / 2);
	if (err) {
		fail(err);
		_exit(1);
	}
	while (__atomic_load_n(&st->closed2, __ATOMIC_ACQUIRE) != -2) {
		if (__atomic_load_n(&st->ready, __ATOMIC_ACQUIRE) < 0)
			_exit(1);
		usleep(10 * 1000);
	}
	__atomic_store_n(&st->ready, 1, __ATOMIC_RELEASE);

	/* Keep this CPU: its work items wait until we let go. */
	if (sched_setscheduler(0, SCHED_FIFO, &sp) ||
	    syscall(__NR_close_range, first_fd, first_fd + first - 1, 0)) {
		fail(-errno);
		_exit(1);
	}
	__atomic_store_n(&st->closed0, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&st->go, __ATOMIC_ACQUIRE))
		;
	if (syscall(__NR_close_range, first_fd + first, mid_fd - 1, 0))
		fail(-errno);
	__atomic_store_n(&st->closed1, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&st->release, __ATOMIC_ACQUIRE))
		;
	_exit(0);
}

/* The first dynamic session listed, 0 if none. */
static unsigned long long first_listed(void)
{
	static char buf[8192];
	char *p;
	int fd = open(LS "sessions", O_RDONLY | O_CLOEXEC);
	ssize_t len;

	if (fd < 0)
		return 0;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return 0;
	buf[len] = '\0';
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		unsigned long long id = strtoull(p + 3, NULL, 16);

		if (id > 0x3e7)
			return id;
	}
	return 0;
}

static long read_long(const char *path)
{
	char buf[32];

	if (ls_read(path, buf, sizeof(buf)) <= 0)
		return -1;
	return strtol(buf, NULL, 10);
}

static void write_long(const char *path, long value)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", value);
	ls_write(path, buf, strlen(buf));
}

int main(int argc, char **argv)
{
	struct stats base, now_st, early;
	struct rlimit rl;
	long rt_runtime, nr_open, fair_runtime;
	int n = 100000, opt, failures = 0, cpu, status;
	double t0, t_ready, t_closed, t_queued, t_release, t_first = 0;
	double t_done = 0;
	char fair[96];
	pid_t pid;

	while ((opt = getopt(argc, argv, "n:f:")) != -1) {
		switch (opt) {
		case 'n': n = atoi(optarg); break;
		case 'f': held = optarg; break;
		default:
			fprintf(stderr, "usage: %s [-n SESSIONS] [-f FILE]\n",
				argv[0]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	st = shared(sizeof(*st));

	nr_open = read_long("/proc/sys/fs/nr_open");
	if (nr_open < n + 64)
		write_long("/proc/sys/fs/nr_open", n + 64);
	rl.rlim_cur = rl.rlim_max = n + 64;
	if (setrlimit(RLIMIT_NOFILE, &rl)) {
		printf("not ok - RLIMIT_NOFILE of %d: %s\n", n + 64,
		       strerror(errno));
		return 1;
	}
	/* RT throttling would hand the CPU to the work every second. */
	rt_runtime = read_long(RT_RUNTIME);
	write_long(RT_RUNTIME, -1);

	read_stats(&base);
	/* The holder on the last CPU, the monitor elsewhere. */
	cpu = sysconf(_SC_NPROCESSORS_ONLN) - 1;
	if (cpu < 1) {
		printf("ok - skipped: the holder needs a CPU of its own\n");
		return 0;
	}
	pin(0);
	snprintf(fair, sizeof(fair), FAIR_SERVER, cpu);
	fair_runtime = read_long(fair);
	if (fair_runtime > 0)
		write_long(fair, 0);
	printf("# %d sessions held by files on CPU %d; stats live=%llu created=%llu destroyed=%llu\n",
	       n, cpu, base.live, base.created, base.destroyed);
	t0 = now();
	pid = fork();
	if (!pid)
		holder(n, cpu);

	WAIT_FOR(__atomic_load_n(&st->ready, __ATOMIC_ACQUIRE), 100);
	t_ready = now();
	/* The first session released: the work is queued on the holder's CPU. */
	WAIT_FOR(__atomic_load_n(&st->closed0, __ATOMIC_ACQUIRE) &&
		 first_listed() != st->first_id, 10);
	__atomic_store_n(&st->go, 1, __ATOMIC_RELEASE);
	WAIT_FOR(__atomic_load_n(&st->closed1, __ATOMIC_ACQUIRE) == 1 &&
		 __atomic_load_n(&st->closed2, __ATOMIC_ACQUIRE) == 1, 10);
	t_closed = now();
	printf("# logged on %d times in %.1f s, closed the files in %.1f s\n",
	       n, t_ready - t0, t_closed - t_ready);

	/* Wait until no session is listed: all of them are queued. */
	WAIT_FOR(!first_listed(), 100);
	t_queued = now();
	read_stats(&early);
	printf("# all %d released %.1f s later; %llu destroyed before the release\n",
	       n, t_queued - t_closed, early.destroyed - base.destroyed);

	t_release = now();
	__atomic_store_n(&st->release, 1, __ATOMIC_RELEASE);
	for (;;) {
		read_stats(&now_st);
		if (!t_first && now_st.destroyed != early.destroyed)
			t_first = now();
		if (now_st.destroyed - base.destroyed >= (unsigned long long)n) {
			t_done = now();
			break;
		}
		if (now() - t_release > 600)
			break;
		usleep(20 * 1000);
	}
	printf("# the work started %.2f s after the release and destroyed %llu sessions in %.2f s\n",
	       t_first ? t_first - t_release : -1.0,
	       now_st.destroyed - early.destroyed,
	       t_done && t_first ? t_done - t_first : -1.0);
	goto out;
broken:
	printf("not ok - the holder logs on %d times, keeps the files, closes them: %s\n",
	       n, st->error ? strerror(-st->error) : "timed out");
	failures++;
	__atomic_store_n(&st->release, 1, __ATOMIC_RELEASE);
	kill(pid, SIGKILL);
out:
	waitpid(pid, &status, 0);
	write_long(RT_RUNTIME, rt_runtime);
	if (fair_runtime > 0)
		write_long(fair, fair_runtime);
	if (failures)
		return 1;

	/* Settled: the holder has exited. */
	for (opt = 0; opt < 100; opt++) {
		read_stats(&now_st);
		if (now_st.live == base.live)
			break;
		usleep(100 * 1000);
	}
	printf("%s - all %d sessions destroyed: created %+lld destroyed %+lld, live %llu (was %llu)\n",
	       now_st.destroyed - base.destroyed == (unsigned long long)n &&
	       now_st.created - base.created == (unsigned long long)n &&
	       now_st.live == base.live ? "ok" : "not ok",
	       n, (long long)(now_st.created - base.created),
	       (long long)(now_st.destroyed - base.destroyed), now_st.live,
	       base.live);
	failures += now_st.live != base.live ||
		    now_st.destroyed - base.destroyed != (unsigned long long)n;
	return failures ? 1 : 0;
}
