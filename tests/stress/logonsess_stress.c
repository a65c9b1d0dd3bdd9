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
 *   uring      a process of session A registers an io_uring personality,
 *              forks a child that logs on to B and submits openat, statx
 *              and read requests with A's personality (some IOSQE_ASYNC,
 *              so that io-wq workers of B run with A's credentials) while
 *              the worker logs A off; B must survive, every request
 *              must succeed
 *   access     threads of a process in a session loop on access() and
 *              faccessat() with override credentials (their fsuid differs
 *              from their uid) while the session is logged off
 *   overlay    a child logs on and mounts an overlay of tmpfs directories;
 *              the worker (in SYSTEM) creates files and directories on it
 *              before and after the session is logged off (they must
 *              succeed: overlayfs copies the mounter's credentials), then
 *              unmounts it
 *   shm        a child logs on and creates a SysV shm segment, removed
 *              (IPC_RMID) by the worker some operations later
 *   label      a session labels a directory, another is refused it
 *   cascade    a chain of sessions, each logged on from inside the one
 *              before (some with link=self), a process in each, some
 *              forking storms; its root is logged off (by this worker or
 *              another, cascade_logoff): every process of the chain must
 *              die and none may stay listed in its sessions
 *   cascade_logoff  log off a published chain root or level
 *
 * Every process of a run is a descendant of its worker, a child
 * subreaper, which reaps what a killed session leaves behind. Then it
 * checks that nothing remains (see check_invariants()) and that no session
 * ID was handed out twice, and prints what it did.
 *
 *   logonsess_stress [-w WORKERS] [-n OPS_PER_WORKER] [-s SEED]
 */

#include "stress.h"

#include <ftw.h>
#include <linux/io_uring.h>
#include <linux/keyctl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/fsuid.h>
#include <sys/ipc.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>

#define USER "user=S-1-5-21-7-7-7-1001 auth=stress"
#define RECENT 64
#define MAX_IDS (1 << 20)

enum op { OP_LOGON, OP_JOIN, OP_LOGOFF, OP_READ, OP_KEYRING, OP_THREADS,
	  OP_PASS_FD, OP_URING, OP_ACCESS, OP_OVERLAY, OP_SHM, OP_LABEL,
	  OP_CASCADE, OP_CASCADE_LOGOFF, OP_COUNT };
static const char *const op_names[OP_COUNT] = {
	"logon", "join", "logoff", "read", "keyring", "threads", "pass_fd",
	"uring", "access", "overlay", "shm", "label", "cascade",
	"cascade_logoff",
};

struct shared_state {
	unsigned long long recent[RECENT];	/* recently created IDs */
	unsigned long ops[OP_COUNT];
	unsigned long usecs[OP_COUNT];		/* time spent in each */
	unsigned long errors;			/* unexpected results */
	unsigned long chains, chain_sessions;	/* cascade: chains logged off */
	unsigned long chain_errors;		/* cascade: unexpected results */
	unsigned long n_ids;
	unsigned long long ids[MAX_IDS];	/* every ID handed out */
};

static struct shared_state *sh;

/* Every ID goes into ids[] (no duplicates); only recent ones are targets. */
static void record_id_only(unsigned long long id)
{
	unsigned long i = __atomic_fetch_add(&sh->n_ids, 1, __ATOMIC_RELAXED);

	if (i < MAX_IDS)
		sh->ids[i] = id;
}

static void record_id(unsigned long long id)
{
	unsigned long i = __atomic_fetch_add(&sh->n_ids, 1, __ATOMIC_RELAXED);

	if (i < MAX_IDS)
		sh->ids[i] = id;
	sh->recent[i % RECENT] = id;
}

/* The first few are printed; the summary gives the count. */
#define UNEXPECTED_SHOWN 20

static void unexpected(const char *what, int err)
{
	if (__atomic_fetch_add(&sh->errors, 1, __ATOMIC_RELAXED) >=
	    UNEXPECTED_SHOWN)
		return;
	if (err)
		printf("# unexpected: %s: %s\n", what, strerror(-err));
	else
		printf("# unexpected: %s\n", what);
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


/*
 * What the worker and its descendants share about the operation in
 * progress (the operations of one worker run one at a time).
 */
struct op_area {
	unsigned long long a_id;	/* uring: session A */
	int b_pid;			/* uring: the process of session B */
	int b_status;			/* its wait status, as A saw it */
	int logged_off;			/* uring: the worker has logged A off */
	int b_errors;			/* uring: requests that failed */
	int b_first_error;
};

static struct op_area *area;
static int wid;				/* this worker's index */
static char work_dir[64];		/* its directory under /tmp */
static char work_file[96];		/* a regular file in it */
static char work_fifo[96];		/* a FIFO in it */

/* Children a killed session left to us, the subreaper. */
static void reap_strays(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/* Wait status of @pid, or -1 if it is not (or no longer) our child. */
static int reap_status(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	return status;
}

static int logoff_id(unsigned long long id)
{
	char req[64];

	snprintf(req, sizeof(req), "id=%#llx", id);
	return ls_request("logoff", req);
}

/* io_uring, raw: the rings of io_uring_setup(2), mapped by hand. */
struct ring {
	int fd;
	unsigned int *sq_tail, *sq_mask, *sq_array;
	unsigned int *cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
	int fifo_res;			/* result of the FIFO open */
	bool fifo_done;
};

#define FIFO_TAG 1000			/* user_data of the FIFO open */

static int ring_setup(struct ring *r, unsigned int entries)
{
	struct io_uring_params p;
	size_t sq_len, cq_len;
	char *sq, *cq;

	memset(&p, 0, sizeof(p));
	memset(r, 0, sizeof(*r));
	r->fd = syscall(__NR_io_uring_setup, entries, &p);
	if (r->fd < 0)
		return -errno;
	sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	if (p.features & IORING_FEAT_SINGLE_MMAP) {
		if (cq_len > sq_len)
			sq_len = cq_len;
		cq_len = sq_len;
	}
	sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQ_RING);
	if (sq == MAP_FAILED)
		return -errno;
	cq = sq;
	if (!(p.features & IORING_FEAT_SINGLE_MMAP)) {
		cq = mmap(NULL, cq_len, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_CQ_RING);
		if (cq == MAP_FAILED)
			return -errno;
	}
	r->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
		       PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		       r->fd, IORING_OFF_SQES);
	if (r->sqes == MAP_FAILED)
		return -errno;
	r->sq_tail = (unsigned int *)(sq + p.sq_off.tail);
	r->sq_mask = (unsigned int *)(sq + p.sq_off.ring_mask);
	r->sq_array = (unsigned int *)(sq + p.sq_off.array);
	r->cq_head = (unsigned int *)(cq + p.cq_off.head);
	r->cq_tail = (unsigned int *)(cq + p.cq_off.tail);
	r->cq_mask = (unsigned int *)(cq + p.cq_off.ring_mask);
	r->cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
	return 0;
}

/* Queue @n requests (user_data is their index unless already set). */
static void ring_queue(struct ring *r, const struct io_uring_sqe *reqs,
		       unsigned int n)
{
	unsigned int tail = *r->sq_tail, i;

	for (i = 0; i < n; i++) {
		unsigned int idx = (tail + i) & *r->sq_mask;

		r->sqes[idx] = reqs[i];
		if (!r->sqes[idx].user_data)
			r->sqes[idx].user_data = i;
		r->sq_array[idx] = idx;
	}
	__atomic_store_n(r->sq_tail, tail + n, __ATOMIC_RELEASE);
}

/* Collect what has completed; results by index into @res. */
static unsigned int ring_reap(struct ring *r, int *res, unsigned int n)
{
	unsigned int head = *r->cq_head, done = 0;
	unsigned int tail = __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE);

	for (; head != tail; head++) {
		struct io_uring_cqe *cqe = &r->cqes[head & *r->cq_mask];

		if (cqe->user_data == FIFO_TAG) {
			r->fifo_res = cqe->res;
			r->fifo_done = true;
		} else if (cqe->user_data < n) {
			res[cqe->user_data] = cqe->res;
			done++;
		}
	}
	__atomic_store_n(r->cq_head, head, __ATOMIC_RELEASE);
	return done;
}

static int ring_enter(struct ring *r, unsigned int submit, unsigned int wait)
{
	int ret;

	do {
		ret = syscall(__NR_io_uring_enter, r->fd, submit, wait,
			      wait ? IORING_ENTER_GETEVENTS : 0, NULL, 0);
	} while (ret < 0 && errno == EINTR);
	return ret < 0 ? -errno : ret;
}

/* Submit @n requests and wait for all of them. */
static int ring_run(struct ring *r, const struct io_uring_sqe *reqs,
		    unsigned int n, int *res)
{
	unsigned int submitted = 0, done = 0;
	int ret;

	ring_queue(r, reqs, n);
	while (submitted < n) {
		ret = ring_enter(r, n - submitted, 0);
		if (ret < 0)
			return ret;
		submitted += ret;
	}
	while ((done += ring_reap(r, res, n)) < n) {
		ret = ring_enter(r, 0, 1);
		if (ret < 0)
			return ret;
	}
	return 0;
}

#define URING_BATCH 6

static void uring_error(const char *what, int err)
{
	if (!__atomic_fetch_add(&area->b_errors, 1, __ATOMIC_RELAXED))
		area->b_first_error = err;
	printf("# uring: %s: %s\n", what, strerror(-err));
}

/* One batch of openat, statx and read, mostly with A's personality. */
static void uring_batch(struct ring *r, int personality, int fd,
			uint64_t *seed)
{
	struct io_uring_sqe reqs[URING_BATCH];
	struct statx stx[URING_BATCH];
	char buf[URING_BATCH][32];
	int res[URING_BATCH], i, err;

	memset(reqs, 0, sizeof(reqs));
	for (i = 0; i < URING_BATCH; i++) {
		struct io_uring_sqe *s = &reqs[i];

		switch (rnd(seed) % 3) {
		case 0:
			s->opcode = IORING_OP_OPENAT;
			s->fd = AT_FDCWD;
			s->addr = (uintptr_t)work_file;
			s->open_flags = O_RDONLY | O_CLOEXEC;
			break;
		case 1:
			s->opcode = IORING_OP_STATX;
			s->fd = AT_FDCWD;
			s->addr = (uintptr_t)work_file;
			s->len = STATX_BASIC_STATS;
			s->addr2 = (uintptr_t)&stx[i];
			break;
		default:
			s->opcode = IORING_OP_READ;
			s->fd = fd;
			s->addr = (uintptr_t)buf[i];
			s->len = sizeof(buf[i]);
			s->off = 0;
			break;
		}
		if (rnd(seed) % 4)
			s->personality = personality;
		if (rnd(seed) % 2)
			s->flags |= IOSQE_ASYNC;
		res[i] = -EINPROGRESS;
	}
	err = ring_run(r, reqs, URING_BATCH, res);
	if (err) {
		uring_error("io_uring_enter", err);
		return;
	}
	for (i = 0; i < URING_BATCH; i++) {
		if (res[i] < 0)
			uring_error(reqs[i].opcode == IORING_OP_OPENAT ? "openat" :
				    reqs[i].opcode == IORING_OP_STATX ? "statx" :
				    "read", res[i]);
		else if (reqs[i].opcode == IORING_OP_OPENAT)
			close(res[i]);
	}
}

/*
 * Process B, forked from A (the ring is inherited: io_uring files cannot
 * cross SCM_RIGHTS), logs on to its own session from SYSTEM, parks an io-wq worker in
 * the open of a FIFO with A's personality, tells the worker, and keeps
 * submitting until A has been logged off, then releases the FIFO.
 */
static void __attribute__((noreturn))
uring_b(struct ring *r, int personality, int notify, uint64_t *seed)
{
	struct io_uring_sqe fifo_open;
	int fd, wfd = -1, round, i;

	__atomic_store_n(&area->b_pid, getpid(), __ATOMIC_RELEASE);
	/*
	 * From SYSTEM: a session logged on from A's would be A's to end, and
	 * the logoff of A must not reach B.
	 */
	if (ls_request("join", "id=0x3e7") || logon("network")) {
		uring_error("logon of B", -EINVAL);
		_exit(1);
	}
	/* Not a target of other workers: nothing may kill B. */
	record_id_only(self_id());
	fd = open(work_file, O_RDONLY | O_CLOEXEC);

	memset(&fifo_open, 0, sizeof(fifo_open));
	fifo_open.opcode = IORING_OP_OPENAT;
	fifo_open.fd = AT_FDCWD;
	fifo_open.addr = (uintptr_t)work_fifo;
	fifo_open.open_flags = O_RDONLY | O_CLOEXEC;
	fifo_open.personality = personality;
	fifo_open.flags = IOSQE_ASYNC;
	fifo_open.user_data = FIFO_TAG;
	ring_queue(r, &fifo_open, 1);
	if (ring_enter(r, 1, 0) != 1)
		uring_error("submit the FIFO open", -EIO);

	for (round = 0; round < 100; round++) {
		bool last = __atomic_load_n(&area->logged_off,
					    __ATOMIC_ACQUIRE);

		uring_batch(r, personality, fd, seed);
		if (!round) {
			if (write(notify, "b", 1) != 1)
				uring_error("notify", -errno);
			close(notify);
		}
		if (last)
			break;
	}
	/* A writer releases the io-wq worker blocked in the FIFO's open. */
	for (i = 0; i < 10000 && !r->fifo_done; i++) {
		ring_reap(r, NULL, 0);
		if (r->fifo_done)
			break;
		wfd = open(work_fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
		if (wfd >= 0)
			break;
		usleep(1000);
	}
	/* With a writer, the open completes; without, do not wait for it. */
	while (wfd >= 0 && !r->fifo_done && ring_enter(r, 0, 1) >= 0)
		ring_reap(r, NULL, 0);
	if (!r->fifo_done || r->fifo_res < 0)
		uring_error("FIFO open", r->fifo_done ? r->fifo_res : -ETIME);
	else
		close(r->fifo_res);
	if (wfd >= 0)
		close(wfd);
	_exit(0);
}

/* Process A: its session's personality on a ring, B forked from it. */
static void __attribute__((noreturn)) uring_a(int notify, uint64_t *seed)
{
	struct ring r;
	int personality, err;
	pid_t b;

	if (logon("interactive")) {
		uring_error("logon of A", -EINVAL);
		_exit(1);
	}
	/* Only the worker logs A off, once B has logged on. */
	__atomic_store_n(&area->a_id, self_id(), __ATOMIC_RELEASE);
	record_id_only(area->a_id);
	err = ring_setup(&r, 16);
	if (err) {
		uring_error("io_uring_setup", err);
		_exit(1);
	}
	personality = syscall(__NR_io_uring_register, r.fd,
			      IORING_REGISTER_PERSONALITY, NULL, 0);
	if (personality < 0) {
		uring_error("IORING_REGISTER_PERSONALITY", -errno);
		_exit(1);
	}
	b = fork();
	if (!b)
		uring_b(&r, personality, notify, seed);
	close(notify);
	if (b > 0)
		area->b_status = reap_status(b);
	_exit(0);
}

static void op_uring(uint64_t *seed)
{
	int sync[2], status, err;
	pid_t a, b;
	char c;

	memset(area, 0, sizeof(*area));
	area->b_status = -1;
	if (pipe(sync))
		return;
	a = fork();
	if (!a) {
		close(sync[0]);
		uring_a(sync[1], seed);
	}
	close(sync[1]);
	/* B has logged on and has requests in flight with A's personality. */
	if (read(sync[0], &c, 1) == 1) {
		err = logoff_id(__atomic_load_n(&area->a_id, __ATOMIC_ACQUIRE));
		if (err)
			unexpected("uring: logoff of A", err);
	}
	__atomic_store_n(&area->logged_off, 1, __ATOMIC_RELEASE);
	close(sync[0]);
	reap(a);
	/* A killed: B is ours now (subreaper); else A reaped it. */
	b = __atomic_load_n(&area->b_pid, __ATOMIC_ACQUIRE);
	status = b > 0 ? reap_status(b) : -1;
	if (status == -1)
		status = area->b_status;
	if (status != -1 && WIFSIGNALED(status))
		unexpected(WTERMSIG(status) == SIGKILL ?
			   "uring: the logoff of A killed B (SIGKILL), a process of another session" :
			   "uring: B, a process of another session, died of a signal", 0);
	if (area->b_errors)
		unexpected("uring: a request of B failed", area->b_first_error);
}

#define ACCESS_THREADS 2
#define ACCESS_LOOPS 50

/* access() and faccessat() override the credentials when fsuid != uid. */
static void *access_loop(void *arg)
{
	int i;

	setfsuid(1000);
	for (i = 0; i < ACCESS_LOOPS; i++) {
		access("/tmp", R_OK | W_OK);
		faccessat(AT_FDCWD, work_file, R_OK, 0);
	}
	return arg;
}

static void op_access(uint64_t *seed)
{
	unsigned long long id;
	int sync[2], err;
	pid_t pid;

	if (pipe(sync))
		return;
	pid = fork();
	if (!pid) {
		pthread_t threads[ACCESS_THREADS];
		int i, n = 0;

		close(sync[0]);
		if (logon("interactive"))
			_exit(1);
		id = self_id();
		record_id(id);
		for (i = 0; i < ACCESS_THREADS; i++)
			if (!pthread_create(&threads[n], NULL, access_loop, NULL))
				n++;
		if (write(sync[1], &id, sizeof(id)) != sizeof(id))
			_exit(1);
		access_loop(NULL);
		for (i = 0; i < n; i++)
			pthread_join(threads[i], NULL);
		_exit(0);
	}
	close(sync[1]);
	/* Half the time, log the session off while its threads loop. */
	if (read(sync[0], &id, sizeof(id)) == sizeof(id) && rnd(seed) % 2) {
		err = logoff_id(id);
		if (err && err != -ENOENT)
			unexpected("access: logoff", err);
	}
	close(sync[0]);
	reap(pid);
}

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

static void rm_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

/* A file and a directory on the overlay, created by the worker (SYSTEM). */
static void overlay_create(const char *merged, const char *name,
			   const char *what)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", merged, name);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		unexpected(what, -errno);
	} else {
		if (write(fd, "x", 1) != 1)
			unexpected(what, -errno);
		close(fd);
	}
	snprintf(path, sizeof(path), "%s/%s.d", merged, name);
	if (mkdir(path, 0755))
		unexpected(what, -errno);
}

static void op_overlay(uint64_t *seed)
{
	static unsigned int serial;
	char dir[128], lower[160], upper[160], work[160], merged[160];
	char opts[600];
	struct { int err; unsigned long long id; } msg;
	int result[2], hold[2], status, err, fd;
	bool mounted = false;
	pid_t pid;
	char c;

	snprintf(dir, sizeof(dir), "%s/ovl%u", work_dir, serial++);
	snprintf(lower, sizeof(lower), "%s/lower", dir);
	snprintf(upper, sizeof(upper), "%s/upper", dir);
	snprintf(work, sizeof(work), "%s/work", dir);
	snprintf(merged, sizeof(merged), "%s/merged", dir);
	snprintf(opts, sizeof(opts), "lowerdir=%s,upperdir=%s,workdir=%s",
		 lower, upper, work);
	if (mkdir(dir, 0755) || mkdir(lower, 0755) || mkdir(upper, 0755) ||
	    mkdir(work, 0755) || mkdir(merged, 0755)) {
		unexpected("overlay: mkdir", -errno);
		rm_tree(dir);
		return;
	}
	snprintf(opts, sizeof(opts), "%s/file", lower);
	fd = open(opts, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
	snprintf(opts, sizeof(opts), "lowerdir=%s,upperdir=%s,workdir=%s",
		 lower, upper, work);
	if (pipe(result) || pipe(hold)) {
		rm_tree(dir);
		return;
	}
	pid = fork();
	if (!pid) {
		close(result[0]);
		close(hold[1]);
		if (logon("batch"))
			_exit(1);
		msg.id = self_id();
		record_id(msg.id);
		msg.err = mount("overlay", merged, "overlay", 0, opts) ?
			  -errno : 0;
		if (write(result[1], &msg, sizeof(msg)) != sizeof(msg))
			_exit(1);
		if (!msg.err) {
			char path[256];

			snprintf(path, sizeof(path), "%s/mounter", merged);
			fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
			if (fd >= 0)
				close(fd);
		}
		/* Stay in the session until the worker lets go. */
		while (read(hold[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(result[1]);
	close(hold[0]);
	if (read(result[0], &msg, sizeof(msg)) == sizeof(msg)) {
		mounted = !msg.err;
		if (mounted) {
			overlay_create(merged, "before",
				       "overlay: create before logoff");
			/* Half the time the worker logs it off itself. */
			if (rnd(seed) % 2) {
				err = logoff_id(msg.id);
				if (err && err != -ENOENT)
					unexpected("overlay: logoff", err);
			}
		}
	} else {
		msg.err = 0;	/* logged off before it could say */
	}
	close(hold[1]);
	close(result[0]);
	status = reap_status(pid);
	if (msg.err && !(status != -1 && WIFSIGNALED(status)))
		unexpected("overlay: mount", msg.err);
	/*
	 * The mounter is gone, perhaps logged off: the overlay still holds its
	 * credentials, and creates on it still use (copy) them.
	 */
	if (mounted)
		overlay_create(merged, "after", "overlay: create after the mounter left");
	if (umount2(merged, MNT_DETACH) && errno != EINVAL)
		unexpected("overlay: umount", -errno);
	rm_tree(dir);
}

#define SHM_SLOTS 4

static key_t shm_key(int slot)
{
	return (key_t)(0x4c530000 | (wid & 0xfff) << 4 | slot);
}

static void shm_remove(int slot)
{
	int id = shmget(shm_key(slot), 0, 0);

	if (id >= 0 && shmctl(id, IPC_RMID, NULL))
		unexpected("shm: IPC_RMID", -errno);
}

/*
 * A segment created in a session holds the session (its file holds the
 * creator's credentials) until it is removed, some operations later.
 */
static void op_shm(uint64_t *seed)
{
	int slot = rnd(seed) % SHM_SLOTS;
	size_t size = 4096 * (1 + rnd(seed) % 4);
	pid_t pid;

	shm_remove(slot);
	pid = fork();
	if (!pid) {
		char *p;
		int id;

		if (logon("service"))
			_exit(1);
		record_id(self_id());
		id = shmget(shm_key(slot), size, IPC_CREAT | IPC_EXCL | 0600);
		if (id < 0) {
			unexpected("shm: shmget", -errno);
			_exit(1);
		}
		p = shmat(id, NULL, 0);
		if (p == (void *)-1) {
			unexpected("shm: shmat", -errno);
			_exit(1);
		}
		memset(p, 0x5a, size);
		shmdt(p);
		_exit(0);
	}
	reap(pid);
}

static void worker_setup(int index)
{
	int fd;

	wid = index;
	/* Orphans of killed sessions come back to us, to be reaped. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	area = shared(sizeof(*area));
	snprintf(work_dir, sizeof(work_dir), "/tmp/logonsess-stress.%d",
		 getpid());
	snprintf(work_file, sizeof(work_file), "%s/file", work_dir);
	snprintf(work_fifo, sizeof(work_fifo), "%s/fifo", work_dir);
	rm_tree(work_dir);
	if (mkdir(work_dir, 0755) || mkfifo(work_fifo, 0600)) {
		perror(work_dir);
		exit(2);
	}
	fd = open(work_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "logonsess stress\n", 17) != 17) {
		perror(work_file);
		exit(2);
	}
	close(fd);
}

/*
 * Labeled inodes: a session labels a directory with its logon SID and
 * fills it while its threads walk it; a process of another session (an
 * ordinary user: root would pass with CAP_MAC_OVERRIDE) must be refused
 * all along; half the time the session is logged off (and
 * destroyed) meanwhile, or its label removed. Root (SYSTEM, with
 * CAP_MAC_OVERRIDE) removes the tree afterwards.
 */
#define LABEL_FILES 16

static void *label_walk(void *arg)
{
	const char *dir = arg;
	char path[128];
	int i, fd;

	for (i = 0; i < 4 * LABEL_FILES; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i % LABEL_FILES);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			close(fd);
	}
	return NULL;
}

static void label_member(const char *dir, int sync)
{
	char label[128], path[128];
	unsigned long long id;
	pthread_t thread;
	int i, fd, walking;

	if (logon("interactive"))
		_exit(1);
	id = self_id();
	record_id(id);
	if (ls_label(id, label, sizeof(label)) || mkdir(dir, 0755) ||
	    setxattr(dir, "security.logonsess", label, strlen(label), 0)) {
		unexpected("label: label own directory", -errno);
		_exit(1);
	}
	if (write(sync, &id, sizeof(id)) != sizeof(id))
		_exit(1);
	walking = !pthread_create(&thread, NULL, label_walk, (void *)dir);
	for (i = 0; i < LABEL_FILES; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		/* Killed by a logoff: nothing here may fail otherwise. */
		if (fd < 0) {
			unexpected("label: create in own directory", -errno);
			break;
		}
		close(fd);
	}
	if (walking)
		pthread_join(thread, NULL);
	_exit(0);
}

/* uid 1000, no capabilities: DAC lets it read; only the label refuses. */
static void label_outsider(const char *dir)
{
	char path[128];
	int i, fd;

	if (logon("interactive"))
		_exit(1);
	record_id(self_id());
	if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		_exit(1);
	for (i = 0; i < 4 * LABEL_FILES; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i % LABEL_FILES);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			unexpected("label: another session opened a labeled file", 0);
			close(fd);
		} else if (errno != EACCES && errno != ENOENT) {
			unexpected("label: another session", -errno);
		}
	}
	_exit(0);
}

static void op_label(uint64_t *seed)
{
	static unsigned int serial;
	unsigned long long id;
	char dir[96];
	pid_t member, outsider = -1;
	int sync[2], err;

	snprintf(dir, sizeof(dir), "%s/lbl%u", work_dir, serial++);
	if (pipe(sync))
		return;
	member = fork();
	if (!member) {
		close(sync[0]);
		label_member(dir, sync[1]);
	}
	close(sync[1]);
	if (read(sync[0], &id, sizeof(id)) == sizeof(id)) {
		outsider = fork();
		if (!outsider)
			label_outsider(dir);
		switch (rnd(seed) % 4) {
		case 0:
			err = logoff_id(id);
			if (err && err != -ENOENT)
				unexpected("label: logoff", err);
			break;
		case 1:
			/*
			 * CAP_MAC_ADMIN removes the label while the member
			 * uses it (once the outsider is done: it would get in).
			 */
			reap(outsider);
			outsider = -1;
			if (removexattr(dir, "security.logonsess") &&
			    errno != ENODATA)
				unexpected("label: remove the label", -errno);
			break;
		}
	}
	close(sync[0]);
	reap(member);
	if (outsider > 0)
		reap(outsider);
	rm_tree(dir);
	if (!access(dir, F_OK))
		unexpected("label: root could not remove a labeled tree", 0);
}

/*
 * Lineage and cascade logoff (issue 19). A chain of 2 to 6 sessions, each
 * logged on from inside the one before (its creator), some with link=self
 * (linked = creator), each level holding a process, some levels running a
 * small fork storm; the chain's sessions are published for op_cascade_logoff
 * of the other workers, which log a chain's root (or one of its levels) off;
 * then this worker logs the root off too. Afterwards every process of the
 * chain must be dead and none may be listed in any of its sessions.
 */
#define CHAIN_MAX 6
#define STORM 3

static void cascade_unexpected(const char *what, int err)
{
	__atomic_fetch_add(&sh->chain_errors, 1, __ATOMIC_RELAXED);
	unexpected(what, err);
}

struct chain_msg {
	int level;
	int ok;
	int linked_asked;
	unsigned long long id, creator, linked;
};

/* Fork, fork again, exit, until killed: a session that forks as it dies. */
static void __attribute__((noreturn)) storm(void)
{
	for (;;) {
		pid_t pid = fork();

		if (!pid) {
			if (!fork())
				_exit(0);
			_exit(0);
		}
		if (pid > 0)
			reap(pid);
		else
			usleep(1000);
	}
}

static void __attribute__((noreturn)) chain_level(int level, int depth,
						  int ready, uint64_t seed)
{
	struct chain_msg msg = { .level = level };
	char line[1024], req[160];
	int i, err;

	msg.linked_asked = level && rnd(&seed) % 2;
	if (!level && rnd(&seed) % 4 == 0) {
		/* From SYSTEM there is nothing to link to. */
		snprintf(req, sizeof(req), "type=interactive " USER " link=self");
		err = ls_request("logon", req);
		if (err != -EINVAL)
			cascade_unexpected("cascade: link=self from SYSTEM is not EINVAL",
				   err);
	}
	snprintf(req, sizeof(req), "type=%s " USER "%s",
		 rnd(&seed) % 2 ? "interactive" : "batch",
		 msg.linked_asked ? " link=self" : "");
	err = ls_request("logon", req);
	if (!err && ls_read(LS "self", line, sizeof(line)) > 0) {
		msg.ok = 1;
		msg.id = ls_field_ull(line, "id");
		msg.creator = ls_field_ull(line, "creator");
		/* "-": strtoull gives 0 */
		msg.linked = ls_field_ull(line, "linked");
	} else if (err) {
		cascade_unexpected("cascade: logon", err);
	}
	if (msg.ok && level + 1 < depth && !fork())
		chain_level(level + 1, depth, ready, seed ^ (level + 1));
	if (msg.ok && rnd(&seed) % 2) {
		for (i = 0; i < STORM; i++) {
			if (!fork()) {
				close(ready);
				storm();
			}
		}
	}
	if (write(ready, &msg, sizeof(msg)) != sizeof(msg))
		_exit(1);
	close(ready);
	if (!msg.ok)
		_exit(1);
	for (;;)
		pause();
}

/* Sessions of chains, for the other workers' op_cascade_logoff. */
static unsigned long long *cascade_targets;	/* [RECENT], shared */

static void publish_target(unsigned long long id)
{
	static unsigned long n;

	cascade_targets[(wid * 7 + n++) % RECENT] = id;
}

static void op_cascade_logoff(uint64_t *seed)
{
	unsigned long long id = cascade_targets[rnd(seed) % RECENT];
	int err;

	if (!id)
		return;
	err = logoff_id(id);
	if (err && err != -ENOENT)
		cascade_unexpected("cascade: logoff by another worker", err);
}

/* The processes listed in any session of @ids; the first shown. */
static int chain_processes(const unsigned long long *ids, int n, bool show)
{
	static char buf[1 << 20];
	int found = 0, i;
	char *p;

	if (ls_read(LS "processes", buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; *p; p = strchr(p, '\n') + 1) {
		char *idp = strstr(p, " id=");
		unsigned long long id = idp ? strtoull(idp + 4, NULL, 16) : 0;

		for (i = 0; i < n; i++) {
			if (id == ids[i]) {
				if (show && found < 3)
					printf("# cascade: left in %#llx: %.*s\n",
					       id, (int)strcspn(p, "\n"), p);
				found++;
			}
		}
		if (!strchr(p, '\n'))
			break;
	}
	return found;
}

/* Wait until no process holds @fd's other end (EOF): true, or timeout. */
static bool wait_eof(int fd, double seconds)
{
	double end = now() + seconds;
	char c;

	while (now() < end) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };

		reap_strays();
		if (poll(&pfd, 1, 50) == 1 && read(fd, &c, 1) <= 0)
			return true;
	}
	return false;
}

static void op_cascade(uint64_t *seed)
{
	unsigned long long ids[CHAIN_MAX];
	int depth = 2 + rnd(seed) % (CHAIN_MAX - 1), n = 0, i, err;
	int ready[2], alive[2];
	struct chain_msg msg;
	pid_t root;

	if (pipe(ready))
		return;
	if (pipe(alive)) {
		close(ready[0]);
		close(ready[1]);
		return;
	}
	root = fork();
	if (!root) {
		close(ready[0]);
		close(alive[0]);	/* alive[1]: held by all of the chain */
		chain_level(0, depth, ready[1], rnd(seed));
	}
	close(ready[1]);
	close(alive[1]);
	memset(ids, 0, sizeof(ids));
	while (read(ready[0], &msg, sizeof(msg)) == sizeof(msg)) {
		if (!msg.ok || msg.level < 0 || msg.level >= depth)
			continue;
		ids[msg.level] = msg.id;
		n++;
		if (!msg.level && msg.creator != 0x3e7)
			cascade_unexpected("cascade: a session logged on from SYSTEM has another creator", 0);
		if (msg.linked != (msg.linked_asked ? msg.creator : 0))
			cascade_unexpected(msg.linked_asked ?
				   "cascade: link=self did not link to the creator" :
				   "cascade: a session is linked without link=self", 0);
	}
	close(ready[0]);
	/* In sessions, level i was created by level i - 1. */
	for (i = 1; i < depth; i++) {
		static char buf[1 << 20];
		char line[1024], want[32];
		char *p;

		if (!ids[i] || !ids[i - 1])
			continue;
		if (ls_read(LS "sessions", buf + 1, sizeof(buf) - 1) < 0)
			break;
		buf[0] = '\n';
		snprintf(line, sizeof(line), "\nid=%#llx ", ids[i]);
		p = strstr(buf, line);
		snprintf(want, sizeof(want), "%#llx", ids[i - 1]);
		if (!p || !ls_field(p + 1, "creator", line, sizeof(line)) ||
		    strcmp(line, want))
			cascade_unexpected("cascade: sessions gives another creator than the session before", 0);
	}
	__atomic_fetch_add(&sh->chains, !!n, __ATOMIC_RELAXED);
	__atomic_fetch_add(&sh->chain_sessions, n, __ATOMIC_RELAXED);
	record_id_only(ids[0]);
	for (i = 1; i < depth; i++)
		if (ids[i])
			record_id_only(ids[i]);
	if (n) {
		/* The root, or a level, for the other workers to log off. */
		publish_target(ids[0]);
		publish_target(ids[rnd(seed) % n]);
		/* Give them a moment, then log the root off ourselves. */
		usleep(rnd(seed) % 300000);
		err = logoff_id(ids[0]);
		if (err && err != -ENOENT)
			cascade_unexpected("cascade: logoff of the root", err);
	}
	if (!wait_eof(alive[0], 60)) {
		cascade_unexpected("cascade: processes of the chain survived the logoff of its root", 0);
		chain_processes(ids, depth, true);
		/* Level by level, so that this run can end. */
		for (i = 0; i < depth; i++)
			if (ids[i])
				logoff_id(ids[i]);
		wait_eof(alive[0], 60);
	}
	close(alive[0]);
	/* All are dead; once reaped (we are their subreaper), none is listed. */
	for (i = 0; i < 500; i++) {
		reap_strays();
		if (!chain_processes(ids, depth, false))
			break;
		usleep(20000);
	}
	if (i == 500 && chain_processes(ids, depth, true) > 0)
		cascade_unexpected("cascade: a process is listed in a session of a logged-off chain", 0);
	reap(root);
}

/* Nothing of the worker may outlive it. */
static void worker_cleanup(void)
{
	int i;

	for (i = 0; i < SHM_SLOTS; i++)
		shm_remove(i);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	rm_tree(work_dir);
}

static void worker(int index, int n, uint64_t seed)
{
	int i;

	worker_setup(index);
	for (i = 0; i < n; i++) {
		enum op op = rnd(&seed) % OP_COUNT;
		double start = now();

		switch (op) {
		case OP_LOGON: op_logon(&seed); break;
		case OP_JOIN: op_join(&seed); break;
		case OP_LOGOFF: op_logoff(&seed); break;
		case OP_READ: op_read(); break;
		case OP_KEYRING: op_keyring(&seed); break;
		case OP_THREADS: op_threads(); break;
		case OP_PASS_FD: op_pass_fd(&seed); break;
		case OP_URING: op_uring(&seed); break;
		case OP_ACCESS: op_access(&seed); break;
		case OP_OVERLAY: op_overlay(&seed); break;
		case OP_SHM: op_shm(&seed); break;
		case OP_LABEL: op_label(&seed); break;
		case OP_CASCADE: op_cascade(&seed); break;
		case OP_CASCADE_LOGOFF: op_cascade_logoff(&seed); break;
		default: break;
		}
		__atomic_fetch_add(&sh->ops[op], 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&sh->usecs[op],
				   (unsigned long)((now() - start) * 1e6),
				   __ATOMIC_RELAXED);
		reap_strays();
	}
	for (i = 0; i < 8; i++)
		if (held[i] > 0)
			close(held[i]);
	worker_cleanup();
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
	bool cascade_failed;
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
	cascade_targets = shared(RECENT * sizeof(*cascade_targets));
	read_stats(&before);
	printf("# stress: %d workers x %d operations, seed %llu\n", workers,
	       ops, (unsigned long long)seed);
	start = now();
	for (i = 0; i < workers; i++) {
		if (!fork()) {
			/* Worker i: its own stream of the seed. */
			worker(i, ops, seed * 0x9E3779B97F4A7C15ULL + i + 1);
			_exit(0);
		}
	}
	while (wait(NULL) > 0 || errno == EINTR)
		;
	printf("# wall time %.1f s\n", now() - start);

	for (i = 0; i < OP_COUNT; i++) {
		printf("# %-8s %4lu  %6.1f s\n", op_names[i], sh->ops[i],
		       sh->usecs[i] / 1e6);
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
	cascade_failed = sh->chain_errors || (ops >= 100 && !sh->chains);
	printf("%s - cascade: %lu chains of %lu sessions logged off by their root, no process left in any (%lu unexpected)\n",
	       cascade_failed ? "not ok" : "ok", sh->chains,
	       sh->chain_sessions, sh->chain_errors);
	failures += cascade_failed;
	printf("%s - %lu unexpected results\n", sh->errors ? "not ok" : "ok",
	       sh->errors);
	failures += !!sh->errors;
	return failures ? 1 : 0;
}
