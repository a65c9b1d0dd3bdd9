// SPDX-License-Identifier: GPL-2.0-only
/*
 * logonsess stress: several worker processes, each doing a fixed number of
 * randomly chosen operations (deterministic for a seed) that race with one
 * another on the same sessions:
 *
 *   logon      log on in a child that forks and execs a few grandchildren
 *   join       a child joins a recent session (ENOENT if it is gone)
 *   logoff     log off a recent session (ENOENT or EBUSY allowed)
 *   read       read sessions, processes and stats whole
 *   keyring    KEYCTL_SESSION_TO_PARENT from a grandchild in another session
 *   threads    one thread changes session while another forks
 *   pass_fd    a file opened inside a session is passed over a unix socket,
 *              and closed by the receiver some operations later
 *
 * Then it checks that nothing remains (see check_invariants()) and that no
 * session ID was handed out twice, and prints what it did.
 *
 *   logonsess_stress [-w WORKERS] [-n OPS_PER_WORKER] [-s SEED]
 */

#include "stress.h"

#include <linux/keyctl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#define USER "user=S-1-5-21-7-7-7-1001 auth=stress"
#define RECENT 64
#define MAX_IDS (1 << 20)

enum op { OP_LOGON, OP_JOIN, OP_LOGOFF, OP_READ, OP_KEYRING, OP_THREADS,
	  OP_PASS_FD, OP_COUNT };
static const char *const op_names[OP_COUNT] = {
	"logon", "join", "logoff", "read", "keyring", "threads", "pass_fd",
};

struct shared_state {
	unsigned long long recent[RECENT];	/* recently created IDs */
	unsigned long ops[OP_COUNT];
	unsigned long errors;			/* unexpected results */
	unsigned long n_ids;
	unsigned long long ids[MAX_IDS];	/* every ID handed out */
};

static struct shared_state *sh;

static void record_id(unsigned long long id)
{
	unsigned long i = __atomic_fetch_add(&sh->n_ids, 1, __ATOMIC_RELAXED);

	if (i < MAX_IDS)
		sh->ids[i] = id;
	sh->recent[i % RECENT] = id;
}

static void unexpected(const char *what, int err)
{
	__atomic_fetch_add(&sh->errors, 1, __ATOMIC_RELAXED);
	printf("# unexpected: %s: %s\n", what, strerror(-err));
}

static unsigned long long pick_recent(uint64_t *seed)
{
	return sh->recent[rnd(seed) % RECENT];
}

static void reap(pid_t pid)
{
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

static int logon(const char *type)
{
	char req[128];

	snprintf(req, sizeof(req), "type=%s " USER, type);
	return ls_request("logon", req);
}

/* Children of a session: fork, exec and exit. */
static void churn(int n)
{
	while (n--) {
		pid_t pid = fork();

		if (!pid) {
			if (n % 2)
				execl("/bin/true", "true", NULL);
			_exit(0);
		}
		if (pid > 0)
			reap(pid);
	}
}

static void op_logon(uint64_t *seed)
{
	pid_t pid = fork();

	if (!pid) {
		int err = logon(rnd(seed) % 2 ? "interactive" : "batch");

		if (err) {
			unexpected("logon", err);
			_exit(1);
		}
		record_id(self_id());
		churn(1 + rnd(seed) % 4);
		_exit(0);
	}
	reap(pid);
}

static void op_join(uint64_t *seed)
{
	unsigned long long id = pick_recent(seed);
	pid_t pid;

	if (!id)
		return;
	pid = fork();
	if (!pid) {
		char req[64];
		int err;

		snprintf(req, sizeof(req), "id=%#llx", id);
		err = ls_request("join", req);
		if (err && err != -ENOENT)
			unexpected("join", err);
		if (!err && self_id() != id)
			unexpected("join moved elsewhere", -EINVAL);
		churn(1);
		_exit(0);
	}
	reap(pid);
}

static void op_logoff(uint64_t *seed)
{
	unsigned long long id = pick_recent(seed);
	char req[64];
	int err;

	if (!id)
		return;
	snprintf(req, sizeof(req), "id=%#llx", id);
	err = ls_request("logoff", req);
	if (err && err != -ENOENT && err != -EBUSY)
		unexpected("logoff", err);
}

static void op_read(void)
{
	static char buf[1 << 20];

	if (ls_read(LS "sessions", buf, sizeof(buf)) < 0 ||
	    ls_read(LS "processes", buf, sizeof(buf)) < 0 ||
	    ls_read(LS "stats", buf, sizeof(buf)) < 0)
		unexpected("read", -errno);
}

static void op_keyring(uint64_t *seed)
{
	pid_t pid = fork();

	if (!pid) {
		unsigned long long id;
		pid_t child;

		if (logon("interactive"))
			_exit(1);
		id = self_id();
		record_id(id);
		child = fork();
		if (!child) {
			logon("network");
			record_id(self_id());
			syscall(__NR_keyctl, KEYCTL_JOIN_SESSION_KEYRING, 0, 0,
				0, 0);
			syscall(__NR_keyctl, KEYCTL_SESSION_TO_PARENT, 0, 0, 0,
				0);
			_exit(0);
		}
		reap(child);
		/* A racing logoff may have ended our session: then we die. */
		if (self_id() != id)
			unexpected("session_to_parent changed the session",
				   -EINVAL);
		_exit(0);
	}
	reap(pid);
	(void)seed;
}

static void *switcher(void *arg)
{
	int i;

	for (i = 0; i < 4; i++) {
		if (!logon("batch"))
			record_id(self_id());
	}
	return arg;
}

static void op_threads(void)
{
	pid_t pid = fork();

	if (!pid) {
		pthread_t thread;

		if (pthread_create(&thread, NULL, switcher, NULL))
			_exit(1);
		churn(4);
		pthread_join(thread, NULL);
		_exit(0);
	}
	reap(pid);
}

/* Files received, closed a few operations later. */
static int held[8];

static void op_pass_fd(uint64_t *seed)
{
	int sv[2], fd, slot = rnd(seed) % 8;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return;
	pid = fork();
	if (!pid) {
		if (!logon("network")) {
			record_id(self_id());
			fd = open("/dev/null", O_RDONLY);
			send_fd(sv[1], fd);
		}
		_exit(0);
	}
	fd = recv_fd(sv[0]);
	reap(pid);
	close(sv[0]);
	close(sv[1]);
	if (held[slot] > 0)
		close(held[slot]);
	held[slot] = fd;
}

static void worker(int n, uint64_t seed)
{
	int i;

	for (i = 0; i < n; i++) {
		enum op op = rnd(&seed) % OP_COUNT;

		switch (op) {
		case OP_LOGON: op_logon(&seed); break;
		case OP_JOIN: op_join(&seed); break;
		case OP_LOGOFF: op_logoff(&seed); break;
		case OP_READ: op_read(); break;
		case OP_KEYRING: op_keyring(&seed); break;
		case OP_THREADS: op_threads(); break;
		case OP_PASS_FD: op_pass_fd(&seed); break;
		default: break;
		}
		__atomic_fetch_add(&sh->ops[op], 1, __ATOMIC_RELAXED);
	}
	for (i = 0; i < 8; i++)
		if (held[i] > 0)
			close(held[i]);
}

static int cmp_ull(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int workers = 4, ops = 500, opt, i, failures = 0;
	uint64_t seed = 1;
	struct stats before, after;
	unsigned long total = 0, n, dups = 0;
	double start;

	while ((opt = getopt(argc, argv, "w:n:s:")) != -1) {
		switch (opt) {
		case 'w': workers = atoi(optarg); break;
		case 'n': ops = atoi(optarg); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		default:
			fprintf(stderr, "usage: %s [-w WORKERS] [-n OPS] [-s SEED]\n",
				argv[0]);
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	sh = shared(sizeof(*sh));
	read_stats(&before);
	printf("# stress: %d workers x %d operations, seed %llu\n", workers,
	       ops, (unsigned long long)seed);
	start = now();
	for (i = 0; i < workers; i++) {
		if (!fork()) {
			/* Worker i: its own stream of the seed. */
			worker(ops, seed * 0x9E3779B97F4A7C15ULL + i + 1);
			_exit(0);
		}
	}
	while (wait(NULL) > 0 || errno == EINTR)
		;
	printf("# wall time %.1f s\n", now() - start);

	for (i = 0; i < OP_COUNT; i++) {
		printf("# %-8s %lu\n", op_names[i], sh->ops[i]);
		total += sh->ops[i];
	}
	failures += check_invariants(before.live);
	read_stats(&after);
	printf("# operations %lu, sessions created %llu, destroyed %llu\n",
	       total, after.created - before.created,
	       after.destroyed - before.destroyed);

	n = sh->n_ids < MAX_IDS ? sh->n_ids : MAX_IDS;
	qsort(sh->ids, n, sizeof(sh->ids[0]), cmp_ull);
	for (i = 1; i < (int)n; i++)
		if (sh->ids[i] == sh->ids[i - 1] && sh->ids[i] >= 0x3e8)
			dups++;
	/* Two records of one ID are fine only if one process recorded it
	 * twice; IDs from distinct logons must all differ. */
	if (after.created - before.created < total / 100) {
		printf("not ok - too few sessions created: the run did nothing\n");
		failures++;
	}
	printf("%s - %lu IDs recorded, none handed out twice\n",
	       dups ? "not ok" : "ok", n);
	failures += !!dups;
	printf("%s - %lu unexpected results\n", sh->errors ? "not ok" : "ok",
	       sh->errors);
	failures += !!sh->errors;
	return failures ? 1 : 0;
}
