// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - tests of the securityfs interface
 *
 * Needs root (CAP_SYS_ADMIN in the initial user namespace) and the
 * logonsess LSM enabled; the tests of other kernel code that holds
 * credentials need io_uring, overlayfs (tmpfs with xattrs as its upper
 * layer), SysV IPC and PID namespaces (see config). Every test that
 * changes sessions does so in a child process, so that the test process
 * itself stays where it started. What a test leaves behind when it fails
 * (processes, a mount, a shm segment) is cleaned up by the teardown.
 * After each test, a BUG:, WARNING:, KASAN:, kmemleak (unreferenced
 * object), Oops, RCU stall or lockdep line in the kernel log fails it.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/io_uring.h>
#include <linux/keyctl.h>
#include <linux/logonsess.h>
#include <linux/lsm.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "common.h"

#define USER_SID "S-1-5-21-1-2-3-1001"
#define UNPRIVILEGED_UID 1000

/* The sessions line of @id, into @line; false if not listed. */
static bool session_line(unsigned long long id, char *line, size_t size)
{
	static char buf[1 << 20];
	char prefix[32];
	char *p;

	if (ls_read(LS "sessions", buf, sizeof(buf)) < 0)
		return false;
	snprintf(prefix, sizeof(prefix), "id=%#llx ", id);
	for (p = buf; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (!strncmp(p, prefix, strlen(prefix))) {
			size_t len = strcspn(p, "\n");

			if (line)
				snprintf(line, size, "%.*s", (int)len, p);
			return true;
		}
	}
	return false;
}

/* Sessions die after an RCU grace period and a work item: poll. */
static bool wait_session_gone(unsigned long long id)
{
	int i;

	for (i = 0; i < 200; i++) {
		if (!session_line(id, NULL, 0))
			return true;
		usleep(50 * 1000);
	}
	return false;
}

/* Wait until no session is dying: live stops moving. */
static void settle(void)
{
	struct stats a, b;
	int i;

	read_stats(&a);
	for (i = 0; i < 100; i++) {
		usleep(100 * 1000);
		read_stats(&b);
		if (a.destroyed == b.destroyed && a.created == b.created)
			return;
		a = b;
	}
}

/* Run @fn in a child; its exit status (0 is success), or 255 if killed. */
static int in_child(int (*fn)(void *), void *arg)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return 254;
	if (!pid)
		_exit(fn(arg));
	if (waitpid(pid, &status, 0) != pid)
		return 253;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

/* Number of processes of session @id in the "processes" file. */
static int processes_in(unsigned long long id)
{
	static char buf[1 << 20];
	char needle[40];
	int n = 0;
	char *p;

	if (ls_read(LS "processes", buf, sizeof(buf)) < 0)
		return -1;
	snprintf(needle, sizeof(needle), " id=%#llx ", id);
	for (p = strstr(buf, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static int kernel_log_clean(char *bad, size_t size)
{
	static const char *const patterns[] = {
		"BUG:", "WARNING:", "KASAN:", "unreferenced object", "Oops",
		"rcu_sched self-detected stall", "possible recursive locking",
		"circular locking dependency",
	};
	static char buf[1 << 20];
	int len = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf,
			  sizeof(buf) - 1);
	size_t i;

	if (len < 0)
		return 1;	/* cannot tell: do not fail on it */
	buf[len] = '\0';
	for (i = 0; i < ARRAY_SIZE(patterns); i++) {
		char *hit = strstr(buf, patterns[i]);

		if (hit) {
			snprintf(bad, size, "%.*s", (int)strcspn(hit, "\n"),
				 hit);
			return 0;
		}
	}
	return 1;
}

/*
 * What a test may leave behind if it fails half-way: a process group, a
 * directory (with a FIFO in it, or a tmpfs mounted on it in the test's
 * own mount namespace), a shm segment. The teardown removes them; but the
 * harness skips the teardown after a failed ASSERT when built with -O2
 * (its "child" is clobbered by the longjmp), so processes a test starts
 * also die with the test process (die_with_parent()) or end by themselves
 * after a bounded wait, and mounts live in the test's mount namespace.
 */
#define LS_DIR_MAX 64

FIXTURE(ls) {
	unsigned long long start_id;
	pid_t pgrp;
	char dir[LS_DIR_MAX];
	int shmid;
};

FIXTURE_SETUP(ls)
{
	char line[1024];

	self->pgrp = 0;
	self->dir[0] = '\0';
	self->shmid = -1;
	if (ls_read(LS "self", line, sizeof(line)) < 0)
		SKIP(return, "logonsess is not enabled");
	ASSERT_EQ(0U, geteuid()) TH_LOG("run the tests as root");
	self->start_id = self_id();
}

static void reap_all(void);

FIXTURE_TEARDOWN(ls)
{
	char bad[512], path[96];

	if (self->pgrp > 0) {
		kill(-self->pgrp, SIGKILL);
		reap_all();
	}
	if (self->shmid >= 0)
		shmctl(self->shmid, IPC_RMID, NULL);
	if (self->dir[0]) {
		umount2(self->dir, MNT_DETACH);
		snprintf(path, sizeof(path), "%s/fifo", self->dir);
		unlink(path);
		rmdir(self->dir);
	}
	EXPECT_EQ(1, kernel_log_clean(bad, sizeof(bad)))
		TH_LOG("kernel log: %s", bad);
	/* The test process itself never changes session. */
	EXPECT_EQ(self->start_id, self_id());
}

/* Logon of every type a caller may request; every field of self. */
struct logon_case {
	const char *type;
	const char *origin;	/* NULL: none */
};

static int check_logon(void *arg)
{
	const struct logon_case *c = arg;
	char request[256], line[1024], value[256], want[64];
	unsigned long long id, before = self_id();
	time_t now = time(NULL);
	struct tm tm;

	snprintf(request, sizeof(request), "type=%s user=" USER_SID
		 " auth=pam_unix%s%s\n", c->type, c->origin ? " origin=" : "",
		 c->origin ? c->origin : "");
	if (ls_request("logon", request))
		return 1;
	if (ls_read(LS "self", line, sizeof(line)) <= 0)
		return 2;
	id = ls_field_ull(line, "id");
	if (id < LOGONSESS_ID_FIRST_DYNAMIC || id == before)
		return 3;
	snprintf(want, sizeof(want), "id=%#llx type=%s user=", id, c->type);
	if (strncmp(line, want, strlen(want)))
		return 4;
	if (!ls_field(line, "user", value, sizeof(value)) ||
	    strcmp(value, USER_SID))
		return 5;
	snprintf(want, sizeof(want), "S-1-5-5-%llu-%llu", id >> 32,
		 id & 0xffffffffULL);
	if (!ls_field(line, "logon_sid", value, sizeof(value)) ||
	    strcmp(value, want))
		return 6;
	if (!ls_field(line, "auth", value, sizeof(value)) ||
	    strcmp(value, "pam_unix"))
		return 7;
	if (!ls_field(line, "time", value, sizeof(value)))
		return 8;
	memset(&tm, 0, sizeof(tm));
	if (!strptime(value, "%Y-%m-%dT%H:%M:%SZ", &tm) ||
	    llabs((long long)(timegm(&tm) - now)) > 5)
		return 9;
	if (!ls_field(line, "origin", value, sizeof(value)) ||
	    strcmp(value, c->origin ? c->origin : "-"))
		return 10;
	if (ls_field_ull(line, "refs") < 1)
		return 11;
	if (!strstr(line, " state=active"))
		return 12;
	/* The sessions line is the same (refs aside: it is one cred). */
	if (!session_line(id, value, sizeof(value)))
		return 13;
	return 0;
}

TEST_F(ls, logon_each_type)
{
	static const char *const types[] = {
		"interactive", "network", "batch", "service", "unlock",
		"network_cleartext", "new_credentials", "remote_interactive",
		"cached_interactive", "cached_remote_interactive",
		"cached_unlock",
	};
	struct logon_case c;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		c.type = types[i];
		c.origin = i % 2 ? "[2001:db8::1]:22" : NULL;
		EXPECT_EQ(0, in_child(check_logon, &c))
			TH_LOG("logon type=%s", types[i]);
	}
	c.type = "interactive";
	c.origin = "tty1";
	EXPECT_EQ(0, in_child(check_logon, &c));
}

/* fork inherits; exec keeps; setuid keeps. */
static int inherit(void *arg)
{
	unsigned long long id;
	char out[1024] = "";
	int pipefd[2];
	pid_t pid;
	int status;
	ssize_t n;

	(void)arg;
	if (ls_request("logon", "type=batch user=" USER_SID " auth=cron"))
		return 1;
	id = self_id();

	pid = fork();
	if (!pid)
		_exit(self_id() == id ? 0 : 1);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return 2;

	/* exec: a program that is not us reads self. */
	if (pipe(pipefd))
		return 3;
	pid = fork();
	if (!pid) {
		dup2(pipefd[1], 1);
		execl("/bin/cat", "cat", LS "self", NULL);
		_exit(127);
	}
	close(pipefd[1]);
	n = read(pipefd[0], out, sizeof(out) - 1);
	waitpid(pid, &status, 0);
	if (n <= 0 || ls_field_ull(out, "id") != id)
		return 4;

	/* setuid to an unprivileged user. */
	pid = fork();
	if (!pid) {
		if (setresgid(UNPRIVILEGED_UID, UNPRIVILEGED_UID,
			      UNPRIVILEGED_UID) ||
		    setresuid(UNPRIVILEGED_UID, UNPRIVILEGED_UID,
			      UNPRIVILEGED_UID))
			_exit(2);
		_exit(self_id() == id ? 0 : 1);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return 5;
	return 0;
}

TEST_F(ls, fork_exec_setuid_keep_the_session)
{
	EXPECT_EQ(0, in_child(inherit, NULL));
}

/* Logs on, joins local service, reports both IDs on the pipe @arg. */
static int join_child(void *arg)
{
	unsigned long long ids[2];
	int fd = (int)(long)arg;

	if (ls_request("logon", "type=interactive user=" USER_SID " auth=a"))
		return 1;
	ids[0] = self_id();
	if (ls_request("join", "id=0x3e5"))
		return 2;
	ids[1] = self_id();
	return write(fd, ids, sizeof(ids)) == sizeof(ids) ? 0 : 3;
}

TEST_F(ls, join_moves_and_the_old_session_dies)
{
	unsigned long long ids[2] = { 0, 0 };
	char line[1024];
	int fd[2];

	ASSERT_EQ(0, pipe(fd));
	ASSERT_EQ(0, in_child(join_child, (void *)(long)fd[1]));
	ASSERT_EQ((ssize_t)sizeof(ids), read(fd[0], ids, sizeof(ids)));
	close(fd[0]);
	close(fd[1]);
	EXPECT_LE((unsigned long long)LOGONSESS_ID_FIRST_DYNAMIC, ids[0]);
	EXPECT_EQ((unsigned long long)LOGONSESS_ID_LOCAL_SERVICE, ids[1]);
	/* Nothing references the first session any more. */
	EXPECT_TRUE(wait_session_gone(ids[0]));
	/* The well-known session stays, unreferenced. */
	ASSERT_TRUE(session_line(LOGONSESS_ID_LOCAL_SERVICE, line,
				 sizeof(line)));
	EXPECT_NE(NULL, strstr(line, " state=active"));
}

static int join_bad(void *arg)
{
	char request[64];

	(void)arg;
	snprintf(request, sizeof(request), "id=%#llx", 0x7fffffffffffULL);
	if (ls_request("join", request) != -ENOENT)
		return 1;
	if (ls_request("join", "id=0x3e3") != -ENOENT)
		return 2;
	return 0;
}

TEST_F(ls, join_unknown_session_is_enoent)
{
	EXPECT_EQ(0, in_child(join_bad, NULL));
}

/* A session with a population of processes that fork and exec. */
static void churn(void)
{
	for (;;) {
		pid_t pid = fork();

		if (pid == 0) {
			if (getpid() % 3 == 0)
				execl("/bin/true", "true", NULL);
			_exit(0);
		}
		if (pid > 0)
			waitpid(pid, NULL, 0);
	}
}

/*
 * Logs on, starts 16 processes that fork and exec without end, and
 * reports the session ID; then does the same until it is killed.
 */
static int storm(void *arg)
{
	int fd = (int)(long)arg;
	unsigned long long id;
	int i;

	if (ls_request("logon", "type=interactive user=" USER_SID " auth=a"))
		return 1;
	id = self_id();
	for (i = 0; i < 16; i++)
		if (fork() == 0)
			churn();
	if (write(fd, &id, sizeof(id)) != sizeof(id))
		return 2;
	churn();
	return 0;
}

static void reap_all(void)
{
	int i;

	for (i = 0; i < 400; i++) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
			return;
		usleep(25 * 1000);
	}
}

/*
 * Reaps children until none of the @n sessions @ids has a process left
 * (zombies are listed until reaped), or 10 s have passed.
 */
static void reap_sessions(const unsigned long long *ids, int n)
{
	int i, j, left;

	for (i = 0; i < 400; i++) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		for (j = 0, left = 0; j < n; j++)
			left += processes_in(ids[j]);
		if (!left)
			return;
		usleep(25 * 1000);
	}
}

TEST_F(ls, logoff_kills_a_fork_storm_and_the_session_disappears)
{
	unsigned long long id;
	char request[64], line[1024];
	int fd[2], status;
	pid_t leader;

	/* Orphans of the storm come to us, so that we can reap them. */
	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1));
	ASSERT_EQ(0, pipe(fd));
	leader = fork();
	ASSERT_LE(0, leader);
	if (!leader)
		_exit(storm((void *)(long)fd[1]));
	ASSERT_EQ((ssize_t)sizeof(id), read(fd[0], &id, sizeof(id)));
	usleep(300 * 1000);	/* let the storm rage */
	EXPECT_LT(1, processes_in(id));

	snprintf(request, sizeof(request), "id=%#llx\n", id);
	ASSERT_EQ(0, ls_request("logoff", request));
	ASSERT_EQ(leader, waitpid(leader, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	reap_all();
	EXPECT_EQ(0, processes_in(id));
	EXPECT_TRUE(wait_session_gone(id));

	/* Gone: logoff and join say so. */
	EXPECT_EQ(-ENOENT, ls_request("logoff", request));
	EXPECT_EQ(-ENOENT, ls_request("join", request));
	EXPECT_FALSE(session_line(id, line, sizeof(line)));
}

TEST_F(ls, logoff_of_well_known_sessions_is_ebusy)
{
	unsigned int id;
	char request[32];

	for (id = LOGONSESS_ID_NETWORK_SERVICE; id <= LOGONSESS_ID_SYSTEM;
	     id++) {
		snprintf(request, sizeof(request), "id=%#x", id);
		EXPECT_EQ(-EBUSY, ls_request("logoff", request))
			TH_LOG("logoff %s", request);
	}
}

/* Whether the sessions line of @id has @key=@value. */
static bool session_has(unsigned long long id, const char *key,
			const char *value)
{
	char line[1024], have[64];

	return session_line(id, line, sizeof(line)) &&
	       ls_field(line, key, have, sizeof(have)) && !strcmp(have, value);
}

static bool session_has_id(unsigned long long id, const char *key,
			   unsigned long long want)
{
	char value[32];

	snprintf(value, sizeof(value), "%#llx", want);
	return session_has(id, key, value);
}

/*
 * From SYSTEM, as sshd: a login A; inside it, a linked elevation B (sudo);
 * inside that, C (su -). Each records the session that wrote the request.
 */
static int lineage_chain(void *arg)
{
	unsigned long long a, b, c;
	char line[1024];

	(void)arg;
	if (ls_request("join", "id=0x3e7"))
		return 1;
	if (ls_request("logon", "type=remote_interactive user=" USER_SID
		       " auth=sshd origin=192.0.2.1"))
		return 2;
	a = self_id();
	if (ls_request("logon", "type=interactive user=S-1-22-1-0 auth=sudo link=self"))
		return 3;
	b = self_id();
	if (ls_request("logon", "type=interactive user=S-1-22-1-0 auth=su-l"))
		return 4;
	c = self_id();
	if (!session_has_id(a, "creator", LOGONSESS_ID_SYSTEM) ||
	    !session_has(a, "linked", "-"))
		return 5;
	if (!session_has_id(b, "creator", a) || !session_has_id(b, "linked", a))
		return 6;
	if (!session_has_id(c, "creator", b) || !session_has(c, "linked", "-"))
		return 7;
	/* self says the same as sessions, and the keys come last. */
	if (ls_read(LS "self", line, sizeof(line)) <= 0 ||
	    ls_field_ull(line, "creator") != b ||
	    !strstr(line, " state=active creator="))
		return 8;
	return 0;
}

TEST_F(ls, creator_and_link_chain_of_depth_3)
{
	EXPECT_EQ(0, in_child(lineage_chain, NULL));
}

/* The well-known sessions all list creator=- linked=-. */
TEST_F(ls, well_known_sessions_have_no_creator)
{
	unsigned long long id;

	for (id = LOGONSESS_ID_NETWORK_SERVICE; id <= LOGONSESS_ID_SYSTEM;
	     id++) {
		EXPECT_TRUE(session_has(id, "creator", "-"))
			TH_LOG("session %#llx", id);
		EXPECT_TRUE(session_has(id, "linked", "-"))
			TH_LOG("session %#llx", id);
	}
}

/* In each well-known session, a linked logon is refused. */
static int link_from_well_known(void *arg)
{
	char request[32];

	snprintf(request, sizeof(request), "id=%#lx", (long)arg);
	if (ls_request("join", request))
		return 1;
	if (ls_request("logon", "type=interactive user=" USER_SID
		       " auth=sudo link=self") != -EINVAL)
		return 2;
	return self_id() == (unsigned long long)(long)arg ? 0 : 3;
}

TEST_F(ls, link_from_a_well_known_session_is_einval)
{
	struct stats before, after;
	long id;

	settle();
	read_stats(&before);
	for (id = LOGONSESS_ID_NETWORK_SERVICE; id <= LOGONSESS_ID_SYSTEM; id++)
		EXPECT_EQ(0, in_child(link_from_well_known, (void *)id))
			TH_LOG("from session %#lx", id);
	settle();
	read_stats(&after);
	EXPECT_EQ(before.created, after.created);
	EXPECT_EQ(before.live, after.live);
}

/*
 * @levels sessions, each created from inside the one before (the second
 * linked to the first, as sudo's would be), each reported on @fd and each
 * with a fork storm in it, until they are killed.
 */
static void lineage_storm(int fd, int levels)
{
	static const char *const requests[] = {
		"type=remote_interactive user=" USER_SID " auth=sshd",
		"type=interactive user=S-1-22-1-0 auth=sudo link=self",
		"type=interactive user=S-1-22-1-0 auth=su-l",
	};
	unsigned long long id;
	int level, i;

	for (level = 0;; level++) {
		if (ls_request("logon", requests[level % 3]))
			_exit(1);
		id = self_id();
		if (write(fd, &id, sizeof(id)) != sizeof(id))
			_exit(2);
		/* The child goes on to the next level. */
		if (level + 1 == levels || fork() != 0)
			break;
	}
	for (i = 0; i < 8; i++)
		if (fork() == 0)
			churn();
	churn();
	_exit(0);
}

/* Logs on from SYSTEM, reports the ID, and waits. */
static void bystander(int fd)
{
	unsigned long long id;

	if (ls_request("join", "id=0x3e7") ||
	    ls_request("logon", "type=batch user=" USER_SID " auth=cron"))
		_exit(1);
	id = self_id();
	if (write(fd, &id, sizeof(id)) != sizeof(id))
		_exit(2);
	for (;;)
		pause();
}

/*
 * An ssh login, a linked sudo inside it and a su inside that, each with
 * a fork storm: one logoff of the login ends all three, and no process
 * survives. A session created beside them, from SYSTEM, is untouched.
 */
TEST_F(ls, logoff_cascades_to_created_and_linked_sessions_with_a_fork_storm)
{
	unsigned long long ids[3], other;
	char request[64];
	pid_t leader, beside;
	int fd[2], status, i;

	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1));
	ASSERT_EQ(0, pipe(fd));
	beside = fork();
	ASSERT_LE(0, beside);
	if (!beside)
		bystander(fd[1]);
	ASSERT_EQ((ssize_t)sizeof(other), read(fd[0], &other, sizeof(other)));
	leader = fork();
	ASSERT_LE(0, leader);
	if (!leader) {
		if (ls_request("join", "id=0x3e7"))
			_exit(1);
		lineage_storm(fd[1], 3);
	}
	for (i = 0; i < 3; i++)
		ASSERT_EQ((ssize_t)sizeof(ids[i]),
			  read(fd[0], &ids[i], sizeof(ids[i])));
	usleep(300 * 1000);	/* let the storms rage */
	for (i = 0; i < 3; i++)
		EXPECT_LT(1, processes_in(ids[i]));
	EXPECT_TRUE(session_has_id(ids[1], "linked", ids[0]));
	EXPECT_TRUE(session_has_id(ids[2], "creator", ids[1]));

	snprintf(request, sizeof(request), "id=%#llx\n", ids[0]);
	ASSERT_EQ(0, ls_request("logoff", request));
	ASSERT_EQ(leader, waitpid(leader, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	reap_sessions(ids, 3);
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(0, processes_in(ids[i])) TH_LOG("session %d", i);
		EXPECT_TRUE(wait_session_gone(ids[i])) TH_LOG("session %d", i);
		snprintf(request, sizeof(request), "id=%#llx", ids[i]);
		EXPECT_EQ(-ENOENT, ls_request("join", request));
	}

	/* The bystander lives on, in its session. */
	EXPECT_EQ(0, kill(beside, 0));
	EXPECT_EQ(1, processes_in(other));
	EXPECT_TRUE(session_has(other, "state", "active"));
	kill(beside, SIGKILL);
	ASSERT_EQ(beside, waitpid(beside, NULL, 0));
	EXPECT_TRUE(wait_session_gone(other));
}

/* What lsm_get_self_attr(LSM_ATTR_CURRENT) says of logonsess alone. */
static int attr_current(char *buf, size_t size)
{
	const long page_size = sysconf(_SC_PAGESIZE);
	struct lsm_ctx *ctx = calloc(page_size, 1);
	__u32 len = page_size;
	int ret = -1;

	if (!ctx)
		return -1;
	ctx->id = LSM_ID_LOGONSESS;
	if (syscall(__NR_lsm_get_self_attr, LSM_ATTR_CURRENT, ctx, &len,
		    LSM_FLAG_SINGLE) == 1 &&
	    ctx->id == LSM_ID_LOGONSESS && !ctx->flags && ctx->len == len &&
	    ctx->ctx_len == strnlen((char *)ctx->ctx, ctx->ctx_len) + 1 &&
	    ctx->ctx_len <= size) {
		memcpy(buf, ctx->ctx, ctx->ctx_len);
		ret = 0;
	}
	free(ctx);
	return ret;
}

static int attr_follows_logon(void *arg)
{
	char have[32], want[32];

	(void)arg;
	if (ls_request("logon", "type=network user=" USER_SID " auth=smb"))
		return 1;
	snprintf(want, sizeof(want), "%#llx", self_id());
	if (attr_current(have, sizeof(have)) || strcmp(have, want))
		return 2;
	return 0;
}

TEST_F(ls, lsm_get_self_attr_current_is_the_session_id)
{
	char have[32], want[32];

	snprintf(want, sizeof(want), "%#llx", self_id());
	ASSERT_EQ(0, attr_current(have, sizeof(have)));
	EXPECT_STREQ(want, have);
	EXPECT_EQ(0, in_child(attr_follows_logon, NULL));
}

/* Among the entries of every module, exactly one is logonsess's. */
TEST_F(ls, lsm_get_self_attr_of_all_modules_has_one_logonsess_entry)
{
	const long page_size = sysconf(_SC_PAGESIZE);
	struct lsm_ctx *ctx = calloc(page_size, 1), *p;
	__u32 size = 0;
	char want[32];
	int count, i, mine = 0;

	ASSERT_NE(NULL, ctx);
	/* No buffer: the size needed, and E2BIG. */
	ASSERT_EQ(-1, syscall(__NR_lsm_get_self_attr, LSM_ATTR_CURRENT, ctx,
			      &size, 0));
	EXPECT_EQ(E2BIG, errno);
	EXPECT_LT(sizeof(*ctx), size);
	size = page_size;
	count = syscall(__NR_lsm_get_self_attr, LSM_ATTR_CURRENT, ctx, &size,
			0);
	ASSERT_LE(1, count);
	snprintf(want, sizeof(want), "%#llx", self_id());
	for (i = 0, p = ctx; i < count; i++) {
		if (p->id == LSM_ID_LOGONSESS) {
			mine++;
			EXPECT_STREQ(want, (char *)p->ctx);
		}
		p = (struct lsm_ctx *)((char *)p + p->len);
	}
	EXPECT_EQ(1, mine);
	free(ctx);
}

TEST_F(ls, lsm_attrs_other_than_current_and_setting_are_eopnotsupp)
{
	static const unsigned int others[] = {
		LSM_ATTR_EXEC, LSM_ATTR_FSCREATE, LSM_ATTR_KEYCREATE,
		LSM_ATTR_PREV, LSM_ATTR_SOCKCREATE,
	};
	const long page_size = sysconf(_SC_PAGESIZE);
	struct lsm_ctx *ctx = calloc(page_size, 1);
	unsigned long long before = self_id();
	__u32 size;
	size_t i;

	ASSERT_NE(NULL, ctx);
	for (i = 0; i < ARRAY_SIZE(others); i++) {
		size = page_size;
		ctx->id = LSM_ID_LOGONSESS;
		EXPECT_EQ(-1, syscall(__NR_lsm_get_self_attr, others[i], ctx,
				      &size, LSM_FLAG_SINGLE));
		EXPECT_EQ(EOPNOTSUPP, errno) TH_LOG("attribute %u", others[i]);
	}
	/* A valid entry naming another session sets nothing. */
	memset(ctx, 0, page_size);
	ctx->id = LSM_ID_LOGONSESS;
	ctx->ctx_len = strlen("0x3e7") + 1;
	ctx->len = sizeof(*ctx) + ctx->ctx_len;
	memcpy(ctx->ctx, "0x3e7", ctx->ctx_len);
	EXPECT_EQ(-1, syscall(__NR_lsm_set_self_attr, LSM_ATTR_CURRENT, ctx,
			      ctx->len, 0));
	EXPECT_EQ(EOPNOTSUPP, errno);
	EXPECT_EQ(before, self_id());
	free(ctx);
}

/*
 * Logs on, opens a file, sends it and the ID to the parent; then exits,
 * or waits to be killed by a logoff.
 */
static int open_inside(int sock, bool wait_for_kill)
{
	unsigned long long id;
	int fd;

	if (ls_request("logon", "type=network user=" USER_SID " auth=smb"))
		return 1;
	id = self_id();
	fd = open("/dev/null", O_RDONLY);
	if (fd < 0 || send_fd(sock, fd) ||
	    write(sock, &id, sizeof(id)) != sizeof(id))
		return 2;
	close(fd);
	if (wait_for_kill)
		for (;;)
			pause();
	return 0;
}

static void fd_keeps_session(struct __test_metadata *_metadata,
			     bool logoff)
{
	unsigned long long id;
	char line[1024], request[64];
	int sv[2], fd, status;
	pid_t pid;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(open_inside(sv[1], logoff));
	fd = recv_fd(sv[0]);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(id), read(sv[0], &id, sizeof(id)));
	if (logoff) {
		snprintf(request, sizeof(request), "id=%#llx", id);
		ASSERT_EQ(0, ls_request("logoff", request));
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(logoff, WIFSIGNALED(status));
	/* No process is left in it, but the file holds a credential. */
	usleep(300 * 1000);
	EXPECT_EQ(0, processes_in(id));
	ASSERT_TRUE(session_line(id, line, sizeof(line)));
	EXPECT_EQ(1ULL, ls_field_ull(line, "refs"));
	EXPECT_NE(NULL, strstr(line, logoff ? " state=logged_off" :
					      " state=active"));
	if (logoff) {
		EXPECT_EQ(-ENOENT, ls_request("join", request));
		EXPECT_EQ(-ENOENT, ls_request("logoff", request));
	}
	close(fd);
	EXPECT_TRUE(wait_session_gone(id));
	close(sv[0]);
	close(sv[1]);
}

TEST_F(ls, open_file_keeps_the_session_until_closed)
{
	fd_keeps_session(_metadata, false);
}

TEST_F(ls, open_file_keeps_a_logged_off_session_listed)
{
	fd_keeps_session(_metadata, true);
}

static long keyctl(int op, unsigned long a2)
{
	return syscall(__NR_keyctl, op, a2, 0, 0, 0);
}

/*
 * KEYCTL_SESSION_TO_PARENT replaces the parent's credentials through
 * cred_transfer: the parent must keep its own session, even when the child
 * that asks is in another one.
 */
static int session_to_parent(void *arg)
{
	unsigned long long id;
	long parent_ring, child_ring;
	int fd[2], status;
	pid_t pid;

	(void)arg;
	if (ls_request("logon", "type=interactive user=" USER_SID " auth=a"))
		return 1;
	id = self_id();
	if (pipe(fd))
		return 2;
	pid = fork();
	if (!pid) {
		long ring;

		if (ls_request("join", "id=0x3e5"))
			_exit(1);
		ring = keyctl(KEYCTL_JOIN_SESSION_KEYRING, 0);
		if (ring < 0 || keyctl(KEYCTL_SESSION_TO_PARENT, 0))
			_exit(2);
		if (write(fd[1], &ring, sizeof(ring)) != sizeof(ring))
			_exit(3);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return 10 + (WIFEXITED(status) ? WEXITSTATUS(status) : 9);
	if (read(fd[0], &child_ring, sizeof(child_ring)) != sizeof(child_ring))
		return 4;
	/* The transfer happened on our way back to user space. */
	parent_ring = keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING);
	if (parent_ring != child_ring)
		return 5;
	if (self_id() != id)
		return 6;
	return 0;
}

TEST_F(ls, keyctl_session_to_parent_keeps_the_session)
{
	EXPECT_EQ(0, in_child(session_to_parent, NULL));
}

static const char *const write_files[] = { "logon", "join", "logoff" };

/*
 * Opens each write file and, if that succeeds, writes a join request to it:
 * 0 if open() fails with @want_open (a negative errno), or succeeds when
 * @want_open is 0 and write() then fails with @want_write (or succeeds
 * when it is 0); otherwise which file and step went wrong.
 */
static int expect_errno_on_writes(int want_open, int want_write)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		char path[64];
		int fd, err;

		snprintf(path, sizeof(path), LS "%s", write_files[i]);
		fd = open(path, O_WRONLY);
		if (fd < 0) {
			if (-errno != want_open)
				return 10 + i;
			continue;
		}
		if (want_open)
			return 20 + i;
		err = write(fd, "id=0x3e5", 8) < 0 ? -errno : 0;
		close(fd);
		if (err != want_write)
			return 30 + i;
	}
	return 0;
}

/* An unprivileged reader sees only its own session, in both lists. */
static int sees_only_own(void)
{
	static char buf[1 << 16];
	unsigned long long id = self_id();
	char needle[40];
	char *p;

	if (ls_read(LS "sessions", buf, sizeof(buf)) <= 0)
		return 40;
	if (strchr(buf, '\n') != buf + strlen(buf) - 1 ||
	    ls_field_ull(buf, "id") != id)
		return 41;
	if (ls_read(LS "processes", buf, sizeof(buf)) <= 0)
		return 42;
	snprintf(needle, sizeof(needle), " id=%#llx ", id);
	for (p = buf; *p; p = strchr(p, '\n') + 1)
		if (strncmp(strchr(p, ' '), needle, strlen(needle)))
			return 43;
	return 0;
}

static int unprivileged_user(void *arg)
{
	int err;

	(void)arg;
	if (ls_request("logon", "type=interactive user=" USER_SID " auth=a"))
		return 1;
	if (setresgid(UNPRIVILEGED_UID, UNPRIVILEGED_UID, UNPRIVILEGED_UID) ||
	    setresuid(UNPRIVILEGED_UID, UNPRIVILEGED_UID, UNPRIVILEGED_UID))
		return 2;
	err = expect_errno_on_writes(-EACCES, 0);
	return err ? err : sees_only_own();
}

TEST_F(ls, unprivileged_user_cannot_open_write_files)
{
	EXPECT_EQ(0, in_child(unprivileged_user, NULL));
}

static int drop_cap_sys_admin(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[CAP_SYS_ADMIN / 32].effective &= ~(1U << (CAP_SYS_ADMIN % 32));
	data[CAP_SYS_ADMIN / 32].permitted &= ~(1U << (CAP_SYS_ADMIN % 32));
	return syscall(SYS_capset, &hdr, data);
}

static int root_without_cap(void *arg)
{
	int err;

	(void)arg;
	if (ls_request("logon", "type=interactive user=" USER_SID " auth=a"))
		return 1;
	if (drop_cap_sys_admin())
		return 2;
	/* Refused at open() already: no file to write to. */
	err = expect_errno_on_writes(-EPERM, 0);
	return err ? err : sees_only_own();
}

TEST_F(ls, root_without_cap_sys_admin_gets_eperm)
{
	EXPECT_EQ(0, in_child(root_without_cap, NULL));
}

/* Opened with the privilege, written after dropping it. */
static int dropped_after_open(void *arg)
{
	int fds[3], i, err = 0;

	(void)arg;
	for (i = 0; i < 3; i++) {
		char path[64];

		snprintf(path, sizeof(path), LS "%s", write_files[i]);
		fds[i] = open(path, O_WRONLY);
		if (fds[i] < 0)
			return 1;
	}
	if (drop_cap_sys_admin())
		return 2;
	for (i = 0; i < 3; i++) {
		if (write(fds[i], "id=0x3e5", 8) >= 0 || errno != EPERM)
			err = 10 + i;
		close(fds[i]);
	}
	return err;
}

TEST_F(ls, file_opened_privileged_written_unprivileged_gets_eperm)
{
	EXPECT_EQ(0, in_child(dropped_after_open, NULL));
}

/*
 * Opened without the privilege, to be written by a process that has it: a
 * child that dropped it cannot open the file at all (EPERM), so there is
 * nothing to pass. Should open() succeed, the file is passed to the
 * privileged parent, whose write must still be refused.
 */
TEST_F(ls, file_opened_unprivileged_written_privileged_gets_eperm)
{
	int sv[2], fd, status;
	pid_t pid;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (drop_cap_sys_admin())
			_exit(1);
		fd = open(LS "join", O_WRONLY);
		if (fd >= 0)
			_exit(send_fd(sv[1], fd) ? 2 : 3);
		_exit(errno == EPERM ? 0 : 4);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("open() without CAP_SYS_ADMIN: 3 = it succeeded, 4 = not EPERM");
	if (WEXITSTATUS(status) == 3) {
		fd = recv_fd(sv[0]);
		ASSERT_LE(0, fd);
		EXPECT_EQ(-1, write(fd, "id=0x3e5", 8));
		EXPECT_EQ(EPERM, errno);
		close(fd);
	}
	close(sv[0]);
	close(sv[1]);
}

/*
 * Root of a user namespace, uid 0 mapped to 0: CAP_SYS_ADMIN there is not
 * CAP_SYS_ADMIN in the initial user namespace, so open() is refused.
 */
TEST_F(ls, user_namespace_root_gets_eperm)
{
	int go[2], done[2], status;
	char path[64], c = 0;
	pid_t pid;

	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(done));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int err;

		if (ls_request("logon",
			       "type=interactive user=" USER_SID " auth=a"))
			_exit(1);
		if (unshare(CLONE_NEWUSER))
			_exit(2);
		if (write(done[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(3);
		err = expect_errno_on_writes(-EPERM, 0);
		_exit(err ? err : sees_only_own());
	}
	ASSERT_EQ(1, read(done[0], &c, 1));
	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	ASSERT_EQ(0, ls_write(path, "0 0 1", 5));
	snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	ASSERT_EQ(0, ls_write(path, "0 0 1", 5));
	ASSERT_EQ(1, write(go[1], &c, 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* Malformed writes: each gets its errno and changes nothing. */
struct bad_write {
	const char *file;
	const char *data;
	size_t len;
	int err;
};

#define SID USER_SID
#define W(file, data, err) { file, data, sizeof(data) - 1, err }
#define SID16 "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16"
static const struct bad_write bad_writes[] = {
	W("logon", "", -EINVAL),
	W("logon", "\n", -EINVAL),
	W("logon", "type=interactive user=" SID, -EINVAL),
	W("logon", "type=interactive auth=a", -EINVAL),
	W("logon", "user=" SID " auth=a", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a bogus=1", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a id=0x3e8", -EINVAL),
	W("logon", "type=interactive type=batch user=" SID " auth=a", -EINVAL),
	W("logon", "type=interactive user=" SID " user=" SID " auth=a", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a auth=b", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a origin=x origin=y", -EINVAL),
	W("logon", "type=system user=" SID " auth=a", -EINVAL),
	W("logon", "type=proxy user=" SID " auth=a", -EINVAL),
	W("logon", "type=6 user=" SID " auth=a", -EINVAL),
	W("logon", "type=Interactive user=" SID " auth=a", -EINVAL),
	W("logon", "type= user=" SID " auth=a", -EINVAL),
	W("logon", "type=interactive user=S-1-5 auth=a", -EINVAL),
	W("logon", "type=interactive user=S-2-5-21 auth=a", -EINVAL),
	W("logon", "type=interactive user=s-1-5-21 auth=a", -EINVAL),
	W("logon", "type=interactive user=S-1-5-21- auth=a", -EINVAL),
	W("logon", "type=interactive user=S-1-5-4294967296 auth=a", -EINVAL),
	W("logon", "type=interactive user=S-1-281474976710656-1 auth=a", -EINVAL),
	W("logon", "type=interactive user=" SID16 " auth=a", -EINVAL),
	W("logon", "type=interactive user=S-1-5-+21 auth=a", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a\tb", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=caf\xc3\xa9", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a\x7f", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a origin=", -EINVAL),
	W("logon", "type=interactive  user=" SID " auth=a", -EINVAL),
	W("logon", " type=interactive user=" SID " auth=a", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a ", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a\n\n", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a\r\n", -EINVAL),
	W("logon", "type=interactive\0 user=" SID " auth=a", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a\0", -EINVAL),
	W("logon", "typeinteractive user=" SID " auth=a", -EINVAL),
	W("logon", "=interactive user=" SID " auth=a", -EINVAL),
	W("join", "", -EINVAL),
	W("join", "id=", -EINVAL),
	W("join", "id=0x", -EINVAL),
	W("join", "id=1000", -EINVAL),
	W("join", "id=0x3e8g", -EINVAL),
	W("join", "id=0x0x3e8", -EINVAL),
	W("join", "id=0X3e8", -EINVAL),
	W("join", "id=-0x1", -EINVAL),
	W("join", "id=0x10000000000000000", -EINVAL),
	W("join", "id=0x3e5 id=0x3e6", -EINVAL),
	W("join", "id=0x3e5 type=interactive", -EINVAL),
	W("join", "ID=0x3e5", -EINVAL),
	W("join", "id=0x3e5\0", -EINVAL),
	W("logoff", "", -EINVAL),
	W("logoff", "id=0x3e8 user=" SID, -EINVAL),
	W("logoff", "id=3e8", -EINVAL),
	W("logoff", "id=0x+3e8", -EINVAL),
	/* Lineage is the kernel's to record: a request cannot name it. */
	W("logon", "type=interactive user=" SID " auth=a creator=0x3e8", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a linked=0x3e8", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a link=0x3e8", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a link=", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a link=SELF", -EINVAL),
	W("logon", "type=interactive user=" SID " auth=a link=self link=self", -EINVAL),
	W("join", "id=0x3e7 link=self", -EINVAL),
	W("logoff", "id=0x3e8 link=self", -EINVAL),
};

static int bad_write_child(void *arg)
{
	const struct bad_write *w = arg;
	char path[64];

	snprintf(path, sizeof(path), LS "%s", w->file);
	return ls_write(path, w->data, w->len) == w->err ? 0 : 1;
}

TEST_F(ls, malformed_writes_fail_and_change_nothing)
{
	struct stats before, after;
	size_t i;

	ASSERT_LE(40U, ARRAY_SIZE(bad_writes));
	settle();
	read_stats(&before);
	for (i = 0; i < ARRAY_SIZE(bad_writes); i++)
		EXPECT_EQ(0, in_child(bad_write_child, (void *)&bad_writes[i]))
			TH_LOG("bad_writes[%zu] should fail with %d", i,
			       bad_writes[i].err);
	settle();
	read_stats(&after);
	EXPECT_EQ(before.created, after.created);
	EXPECT_EQ(before.destroyed, after.destroyed);
	EXPECT_EQ(before.live, after.live);
	EXPECT_EQ(self->start_id, self_id());
}

/*
 * A logon request whose auth and origin are @auth and @origin bytes long,
 * with the longest user SID there is.
 */
static char *long_request(size_t auth, size_t origin)
{
	char *req = malloc(1024), *p = req;
	int i;

	p += sprintf(p, "type=network user=S-1-281474976710655");
	for (i = 0; i < LOGONSESS_SID_SUBAUTH_MAX; i++)
		p += sprintf(p, "-4294967295");
	p += sprintf(p, " auth=");
	memset(p, 'a', auth);
	p += auth;
	p += sprintf(p, " origin=");
	memset(p, 'o', origin);
	p[origin] = '\0';
	return req;
}

/* The limits themselves are accepted; one byte more is not. */
static int logon_at_limits(void *arg)
{
	char *over_auth = long_request(LOGONSESS_AUTH_MAX + 1, 1);
	char *over_origin = long_request(1, LOGONSESS_ORIGIN_MAX + 1);
	char *at = long_request(LOGONSESS_AUTH_MAX, LOGONSESS_ORIGIN_MAX);
	unsigned long long before = self_id();

	(void)arg;
	if (ls_request("logon", over_auth) != -EINVAL ||
	    ls_request("logon", over_origin) != -EINVAL || self_id() != before)
		return 1;
	if (ls_request("logon", at))
		return 2;
	return self_id() > before ? 0 : 3;
}

TEST_F(ls, logon_at_the_field_limits)
{
	EXPECT_EQ(0, in_child(logon_at_limits, NULL));
}

static int oversized_and_offset(void *arg)
{
	char *big = malloc(2 * 65536);
	char path[] = LS "logon";
	const char *ok = "type=interactive user=" SID " auth=a";
	int fd;

	(void)arg;
	if (!big)
		return 1;
	memset(big, 'a', 2 * 65536);
	memcpy(big, "type=", 5);
	if (ls_write(path, big, 2 * 65536) != -E2BIG)
		return 2;
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return 3;
	if (pwrite(fd, ok, strlen(ok), 1) >= 0 || errno != EINVAL)
		return 4;
	close(fd);
	free(big);
	return 0;
}

TEST_F(ls, oversized_and_offset_writes_fail)
{
	struct stats before, after;

	settle();
	read_stats(&before);
	EXPECT_EQ(0, in_child(oversized_and_offset, NULL));
	read_stats(&after);
	EXPECT_EQ(before.created, after.created);
}

/* IDs strictly increase, across 10,000 logons. */
static int many_logons(void *arg)
{
	unsigned long long prev = 0, id;
	int i;

	(void)arg;
	for (i = 0; i < 10000; i++) {
		if (ls_request("logon", "type=batch user=" SID " auth=a"))
			return 1;
		id = self_id();
		if (id <= prev || id < LOGONSESS_ID_FIRST_DYNAMIC)
			return 2;
		prev = id;
	}
	return 0;
}

TEST_F(ls, ids_strictly_increase_across_10000_logons)
{
	struct stats before, after;

	settle();
	read_stats(&before);
	EXPECT_EQ(0, in_child(many_logons, NULL));
	settle();
	read_stats(&after);
	EXPECT_EQ(before.created + 10000, after.created);
	/* All of them are gone again: nothing references them. */
	EXPECT_EQ(before.live, after.live);
	EXPECT_EQ(after.live, after.created - after.destroyed);
}

/*
 * In a child just forked by @parent: die with it, so that nothing outlives
 * a test process that failed an ASSERT.
 */
static void die_with_parent(pid_t parent)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
		_exit(99);
}

/* Wait at most @ms for the child @pid to end; false (and killed) if not. */
static bool wait_exit(pid_t pid, int *status, int ms)
{
	int i;

	for (i = 0; i <= ms / 10; i++) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return true;
		if (r < 0)
			return false;
		usleep(10 * 1000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, status, 0);
	return false;
}

/* Poll until session @id has @refs references (its processes are reaped). */
static bool wait_refs(unsigned long long id, unsigned long long refs)
{
	char line[1024];
	int i;

	for (i = 0; i < 200; i++) {
		if (session_line(id, line, sizeof(line)) &&
		    ls_field_ull(line, "refs") == refs)
			return true;
		usleep(50 * 1000);
	}
	return false;
}

/* Poll until stats.destroyed differs from @before's; the new stats. */
static void wait_destroyed(const struct stats *before, struct stats *after)
{
	int i;

	for (i = 0; i < 200; i++) {
		read_stats(after);
		if (after->destroyed != before->destroyed)
			return;
		usleep(50 * 1000);
	}
}

/* Whether session @id is listed with state @state. */
static bool session_state(unsigned long long id, const char *state)
{
	char line[1024], value[32];

	return session_line(id, line, sizeof(line)) &&
	       ls_field(line, "state", value, sizeof(value)) &&
	       !strcmp(value, state);
}

/*
 * io_uring without liburing: the rings mapped by hand, one submission at a
 * time.
 */
struct uring {
	int fd;
	unsigned int *sq_tail, *sq_mask, *sq_array;
	unsigned int *cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
};

static int uring_setup(struct uring *r)
{
	struct io_uring_params p;
	size_t sq_len, cq_len;
	char *sq, *cq;

	memset(&p, 0, sizeof(p));
	r->fd = syscall(__NR_io_uring_setup, 4, &p);
	if (r->fd < 0)
		return -1;
	sq_len = p.sq_off.array + p.sq_entries * sizeof(__u32);
	cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	if ((p.features & IORING_FEAT_SINGLE_MMAP) && cq_len > sq_len)
		sq_len = cq_len;
	sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQ_RING);
	if (sq == MAP_FAILED)
		return -1;
	cq = sq;
	if (!(p.features & IORING_FEAT_SINGLE_MMAP)) {
		cq = mmap(NULL, cq_len, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_CQ_RING);
		if (cq == MAP_FAILED)
			return -1;
	}
	r->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
		       PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		       r->fd, IORING_OFF_SQES);
	if (r->sqes == MAP_FAILED)
		return -1;
	r->sq_tail = (unsigned int *)(sq + p.sq_off.tail);
	r->sq_mask = (unsigned int *)(sq + p.sq_off.ring_mask);
	r->sq_array = (unsigned int *)(sq + p.sq_off.array);
	r->cq_head = (unsigned int *)(cq + p.cq_off.head);
	r->cq_tail = (unsigned int *)(cq + p.cq_off.tail);
	r->cq_mask = (unsigned int *)(cq + p.cq_off.ring_mask);
	r->cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
	return 0;
}

/*
 * Submit an openat of @path for reading, forced to an io-wq worker
 * (IOSQE_ASYNC), with the registered @personality (0: none).
 */
static int uring_openat(struct uring *r, const char *path, int personality)
{
	unsigned int tail = *r->sq_tail, idx = tail & *r->sq_mask;
	struct io_uring_sqe *sqe = &r->sqes[idx];

	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = IORING_OP_OPENAT;
	sqe->flags = IOSQE_ASYNC;
	sqe->fd = AT_FDCWD;
	sqe->addr = (unsigned long)path;
	sqe->open_flags = O_RDONLY | O_CLOEXEC;
	sqe->personality = personality;
	sqe->user_data = 1;
	r->sq_array[idx] = idx;
	__atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
	return syscall(__NR_io_uring_enter, r->fd, 1, 0, 0, NULL, 0) == 1 ?
	       0 : -1;
}

static bool uring_cq_empty(struct uring *r)
{
	return __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE) == *r->cq_head;
}

/* Wait at most @ms for the next completion; its result. */
static int uring_wait(struct uring *r, int *res, int ms)
{
	unsigned int head = *r->cq_head;
	int i;

	for (i = 0; uring_cq_empty(r); i++) {
		if (i == ms / 10)
			return -1;
		usleep(10 * 1000);
	}
	*res = r->cqes[head & *r->cq_mask].res;
	__atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
	return 0;
}

/* Whether a thread of this process is an io-wq worker, sleeping. */
static bool iou_worker_sleeps(void)
{
	DIR *dir = opendir("/proc/self/task");
	struct dirent *e;
	bool found = false;

	while (dir && !found && (e = readdir(dir))) {
		char path[300], stat[512], *end;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/stat",
			 e->d_name);
		if (ls_read(path, stat, sizeof(stat)) <= 0)
			continue;
		end = strrchr(stat, ')');
		found = strstr(stat, " (iou-wrk-") && end &&
			!strncmp(end, ") S ", 4);
	}
	if (dir)
		closedir(dir);
	return found;
}

/* What the child in session B tells the test. */
struct uring_report {
	pid_t child;
	unsigned long long a, b;
	int err;	/* 0: its worker is blocked in open() */
};

/*
 * The child C, forked by P (session A) with P's ring: logs on to B from
 * SYSTEM (B created from A would be logged off with A), submits the open
 * of the FIFO @path, waits until its io-wq worker sleeps in it
 * with nothing completed, reports to @fd, then waits for the completion:
 * a writer opens the FIFO once A is logged off. Exits 0 if the open
 * succeeded. C must outlive P, so it cannot die with its parent: it gives
 * up after 30 seconds instead.
 */
static int uring_child(struct uring *r, int personality, const char *path,
		       int fd)
{
	struct uring_report rep = { .child = getpid(), .a = self_id() };
	int i, res;

	if (ls_request("join", "id=0x3e7") ||
	    ls_request("logon", "type=interactive user=" USER_SID " auth=b"))
		rep.err = 1;
	rep.b = self_id();
	if (!rep.err && uring_openat(r, path, personality))
		rep.err = 2;
	for (i = 0; !rep.err && !iou_worker_sleeps(); i++) {
		if (i == 1000)
			rep.err = 3;	/* no worker after 10 s */
		usleep(10 * 1000);
	}
	/* Checked after the worker was seen asleep: it is in open(). */
	if (!rep.err && !uring_cq_empty(r))
		rep.err = 4;
	if (write(fd, &rep, sizeof(rep)) != sizeof(rep) || rep.err)
		return 10 + rep.err;
	close(fd);
	if (uring_wait(r, &res, 30000))
		return 20;
	return res >= 0 ? 0 : 21;
}

/* The process P: logs on to A, sets up the ring, forks C, waits. */
static int uring_parent(bool with_personality, const char *path, int fd)
{
	int personality = 0;
	struct uring r;
	pid_t child;

	if (setpgid(0, 0))
		return 1;
	if (ls_request("logon", "type=interactive user=" USER_SID " auth=a"))
		return 2;
	if (uring_setup(&r))
		return 3;
	if (with_personality) {
		personality = syscall(__NR_io_uring_register, r.fd,
				      IORING_REGISTER_PERSONALITY, NULL, 0);
		if (personality <= 0)
			return 4;
	}
	child = fork();
	if (child < 0)
		return 5;
	if (!child)
		_exit(uring_child(&r, personality, path, fd));
	close(fd);
	for (;;)
		pause();
}

/*
 * P in session A sets up a ring and forks C, which logs on to B and has an
 * io-wq worker block in open() on a FIFO without a writer, holding A's
 * credentials if @with_personality. Logging A off kills P, and only P: C
 * is not in A, whatever its worker borrows. C's open completes once the
 * test opens the FIFO for writing, and C exits normally.
 */
static void uring_worker_case(struct __test_metadata *_metadata,
			      pid_t *pgrp, char *dir, bool with_personality)
{
	struct uring_report rep;
	char path[96], request[64];
	int fd[2], status, wfd = -1, i;
	pid_t parent, test = getpid();
	bool done;

	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1));
	snprintf(dir, LS_DIR_MAX, "/tmp/logonsess-uring.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/fifo", dir);
	ASSERT_EQ(0, mkfifo(path, 0600));
	ASSERT_EQ(0, pipe(fd));

	parent = fork();
	ASSERT_LE(0, parent);
	if (!parent) {
		die_with_parent(test);
		close(fd[0]);
		_exit(uring_parent(with_personality, path, fd[1]));
	}
	setpgid(parent, parent);
	*pgrp = parent;
	close(fd[1]);
	ASSERT_EQ((ssize_t)sizeof(rep), read(fd[0], &rep, sizeof(rep)))
		TH_LOG("P or C failed before C's open blocked");
	close(fd[0]);
	ASSERT_EQ(0, rep.err) TH_LOG("C: 1 logon, 2 submit, 3 no worker, 4 completed");
	ASSERT_NE(rep.a, rep.b);
	EXPECT_EQ(1, processes_in(rep.a));
	EXPECT_EQ(1, processes_in(rep.b));

	snprintf(request, sizeof(request), "id=%#llx", rep.a);
	ASSERT_EQ(0, ls_request("logoff", request));
	ASSERT_TRUE(wait_exit(parent, &status, 10000));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		TH_LOG("P (session A) status %#x", status);

	/* Let C's open complete: C must still be there to complete it. */
	for (i = 0, done = false; !done && i < 1000; i++) {
		if (wfd < 0)
			wfd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
		done = waitpid(rep.child, &status, WNOHANG) == rep.child;
		if (!done)
			usleep(10 * 1000);
	}
	if (!done) {
		kill(rep.child, SIGKILL);
		waitpid(rep.child, &status, 0);
	}
	EXPECT_TRUE(done) TH_LOG("C did not end after its open could complete");
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
		TH_LOG("C (session B) %s %d, worker %s A's personality",
		       WIFSIGNALED(status) ? "killed by signal" : "exit status",
		       WIFSIGNALED(status) ? WTERMSIG(status) :
					     WEXITSTATUS(status),
		       with_personality ? "with" : "without");
	if (wfd >= 0)
		close(wfd);
	*pgrp = 0;
	reap_all();
	/* The ring and its personality went with C: both sessions die. */
	EXPECT_TRUE(wait_session_gone(rep.a));
	EXPECT_TRUE(wait_session_gone(rep.b));
	EXPECT_EQ(0, unlink(path));
	EXPECT_EQ(0, rmdir(dir));
	dir[0] = '\0';
}

TEST_F_TIMEOUT(ls, logoff_spares_an_iouring_worker_borrowing_the_session, 120)
{
	uring_worker_case(_metadata, &self->pgrp, self->dir, true);
}

TEST_F_TIMEOUT(ls, logoff_spares_an_iouring_worker_of_another_session, 120)
{
	uring_worker_case(_metadata, &self->pgrp, self->dir, false);
}

/* Mounts the overlay of @dir from a new session; reports it to @fd. */
static int overlay_mounter(const char *dir, int fd)
{
	char opts[512], merged[96];
	unsigned long long id;

	if (ls_request("logon", "type=interactive user=" USER_SID " auth=a"))
		return 1;
	id = self_id();
	snprintf(opts, sizeof(opts),
		 "lowerdir=%s/lower,upperdir=%s/upper,workdir=%s/work", dir,
		 dir, dir);
	snprintf(merged, sizeof(merged), "%s/merged", dir);
	if (mount("overlay", merged, "overlay", 0, opts))
		return 2;
	if (write(fd, &id, sizeof(id)) != sizeof(id))
		return 3;
	for (;;)
		pause();
}

/*
 * overlayfs runs every create with its mounter's credentials, copying
 * them: once the mounter's session S is logged off (S stays listed, the
 * mount holds it), processes of other sessions still create files and
 * directories on it. Unmounting frees the last credential of S.
 */
TEST_F_TIMEOUT(ls, overlayfs_mounted_from_a_logged_off_session_still_creates, 120)
{
	char path[160], request[64];
	unsigned long long id;
	const char *sub;
	int fd[2], status, file;
	pid_t pid, test = getpid();

	/* Our own mount namespace: whatever is left goes with this process. */
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	snprintf(self->dir, sizeof(self->dir), "/tmp/logonsess-ovl.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	ASSERT_EQ(0, mount("tmpfs", self->dir, "tmpfs", 0, "mode=0755"));
	for (sub = "lower\0upper\0work\0merged\0"; *sub; sub += strlen(sub) + 1) {
		snprintf(path, sizeof(path), "%s/%s", self->dir, sub);
		ASSERT_EQ(0, mkdir(path, 0755));
	}

	ASSERT_EQ(0, pipe(fd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		die_with_parent(test);
		setpgid(0, 0);
		_exit(overlay_mounter(self->dir, fd[1]));
	}
	setpgid(pid, pid);
	self->pgrp = pid;
	close(fd[1]);
	ASSERT_EQ((ssize_t)sizeof(id), read(fd[0], &id, sizeof(id)))
		TH_LOG("the mounter failed");
	close(fd[0]);

	/* The overlay works while S is active. */
	snprintf(path, sizeof(path), "%s/merged/before", self->dir);
	file = creat(path, 0644);
	ASSERT_LE(0, file) TH_LOG("creat on the overlay of an active session: %s",
				  strerror(errno));
	close(file);

	snprintf(request, sizeof(request), "id=%#llx", id);
	ASSERT_EQ(0, ls_request("logoff", request));
	ASSERT_TRUE(wait_exit(pid, &status, 10000));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	self->pgrp = 0;
	EXPECT_TRUE(session_state(id, "logged_off"));

	/* We are in SYSTEM: create a file, a directory, a file in it. */
	snprintf(path, sizeof(path), "%s/merged/file", self->dir);
	file = creat(path, 0644);
	EXPECT_LE(0, file) TH_LOG("creat: %s", strerror(errno));
	if (file >= 0)
		close(file);
	snprintf(path, sizeof(path), "%s/merged/dir", self->dir);
	EXPECT_EQ(0, mkdir(path, 0755)) TH_LOG("mkdir: %s", strerror(errno));
	snprintf(path, sizeof(path), "%s/merged/dir/file", self->dir);
	file = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	EXPECT_LE(0, file) TH_LOG("open O_CREAT: %s", strerror(errno));
	if (file >= 0)
		close(file);
	/* They are in the upper layer. */
	snprintf(path, sizeof(path), "%s/upper/dir/file", self->dir);
	EXPECT_EQ(0, access(path, F_OK));
	EXPECT_TRUE(session_state(id, "logged_off"));

	snprintf(path, sizeof(path), "%s/merged", self->dir);
	ASSERT_EQ(0, umount2(path, 0));
	EXPECT_TRUE(wait_session_gone(id));
	ASSERT_EQ(0, umount2(self->dir, 0));
	ASSERT_EQ(0, rmdir(self->dir));
	self->dir[0] = '\0';
}

/*
 * Logs on, creates a SysV shm segment, attaches and detaches it, reports
 * the segment and the session to @fd; exits, or waits to be logged off.
 */
static int shm_creator(int fd, bool wait_for_kill)
{
	unsigned long long id;
	int shmid;
	char *p;

	if (ls_request("logon", "type=interactive user=" USER_SID " auth=a"))
		return 1;
	id = self_id();
	shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	if (shmid < 0)
		return 2;
	p = shmat(shmid, NULL, 0);
	if (p == (void *)-1)
		return 3;
	memcpy(p, "logonsess", 10);
	if (shmdt(p))
		return 4;
	if (write(fd, &shmid, sizeof(shmid)) != sizeof(shmid) ||
	    write(fd, &id, sizeof(id)) != sizeof(id))
		return 5;
	if (wait_for_kill)
		for (;;)
			pause();
	return 0;
}

/*
 * A shm segment holds the credentials of its creator (those of its shmem
 * file): with no process left, its session stays listed, one reference,
 * until IPC_RMID removes the segment; then it is destroyed.
 */
static void shm_keeps_session(struct __test_metadata *_metadata,
			      pid_t *pgrp, int *shmid, bool logoff)
{
	struct stats before, after;
	char request[64], line[1024];
	unsigned long long id;
	int fd[2], status;
	pid_t pid, test = getpid();

	ASSERT_EQ(0, pipe(fd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		die_with_parent(test);
		setpgid(0, 0);
		_exit(shm_creator(fd[1], logoff));
	}
	setpgid(pid, pid);
	*pgrp = pid;
	close(fd[1]);
	ASSERT_EQ((ssize_t)sizeof(*shmid),
		  read(fd[0], shmid, sizeof(*shmid)));
	ASSERT_EQ((ssize_t)sizeof(id), read(fd[0], &id, sizeof(id)));
	close(fd[0]);
	snprintf(request, sizeof(request), "id=%#llx", id);
	ASSERT_EQ(0, logoff ? ls_request("logoff", request) : 0);
	ASSERT_TRUE(wait_exit(pid, &status, 10000));
	EXPECT_TRUE(logoff ? WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL :
			     WIFEXITED(status) && WEXITSTATUS(status) == 0);
	*pgrp = 0;

	/* No process, one credential: the segment's. */
	EXPECT_TRUE(wait_refs(id, 1));
	EXPECT_EQ(0, processes_in(id));
	ASSERT_TRUE(session_line(id, line, sizeof(line)));
	EXPECT_TRUE(session_state(id, logoff ? "logged_off" : "active"));
	if (logoff) {
		EXPECT_EQ(-ENOENT, ls_request("join", request));
		EXPECT_EQ(-ENOENT, ls_request("logoff", request));
	}

	settle();
	read_stats(&before);
	ASSERT_EQ(0, shmctl(*shmid, IPC_RMID, NULL));
	*shmid = -1;
	EXPECT_TRUE(wait_session_gone(id));
	wait_destroyed(&before, &after);
	EXPECT_EQ(before.destroyed + 1, after.destroyed);
	EXPECT_EQ(before.live - 1, after.live);
}

TEST_F_TIMEOUT(ls, shm_segment_keeps_the_session_until_removed, 60)
{
	shm_keeps_session(_metadata, &self->pgrp, &self->shmid, false);
}

TEST_F_TIMEOUT(ls, shm_segment_keeps_a_logged_off_session_listed, 60)
{
	shm_keeps_session(_metadata, &self->pgrp, &self->shmid, true);
}

/* Whether @buf has a line that starts with @prefix. */
static bool has_line(const char *buf, const char *prefix)
{
	const char *p;

	for (p = buf; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, prefix, strlen(prefix)))
			return true;
	return false;
}

static bool lists_pid(const char *buf, pid_t pid)
{
	char prefix[32];

	snprintf(prefix, sizeof(prefix), "pid=%d ", pid);
	return has_line(buf, prefix);
}

/*
 * Uid 1000 in the session of the root process @root_pid and of its
 * parent: opens and reads processes. Sees itself and a dumpable process
 * of its own, not root's processes, and nothing of another session.
 */
static int user_reads_processes(pid_t root_pid)
{
	static char buf[1 << 16];
	unsigned long long id = self_id();
	pid_t own, me = getpid();
	char needle[40];
	int err = 0;
	char *p;

	if (setresgid(UNPRIVILEGED_UID, UNPRIVILEGED_UID, UNPRIVILEGED_UID) ||
	    setresuid(UNPRIVILEGED_UID, UNPRIVILEGED_UID, UNPRIVILEGED_UID))
		return 1;
	/* setuid made us non-dumpable: what ptrace (and /proc) hide. */
	if (prctl(PR_SET_DUMPABLE, 1))
		return 2;
	own = fork();
	if (own < 0)
		return 3;
	if (!own) {
		die_with_parent(me);
		for (;;)
			pause();
	}
	if (ls_read(LS "processes", buf, sizeof(buf)) <= 0)
		err = 4;
	else if (!lists_pid(buf, getpid()))
		err = 5;
	else if (!lists_pid(buf, own))
		err = 6;
	else if (lists_pid(buf, root_pid))
		err = 7;
	else if (lists_pid(buf, getppid()))
		err = 8;
	snprintf(needle, sizeof(needle), " id=%#llx ", id);
	for (p = buf; !err && *p; p = strchr(p, '\n') + 1)
		if (strncmp(strchr(p, ' '), needle, strlen(needle)))
			err = 9;
	kill(own, SIGKILL);
	waitpid(own, NULL, 0);
	return err;
}

static int root_and_user_in_one_session(void *arg)
{
	pid_t root_pid, user_pid, me = getpid();
	int status;

	(void)arg;
	if (ls_request("logon", "type=interactive user=" USER_SID " auth=a"))
		return 1;
	root_pid = fork();
	if (root_pid < 0)
		return 2;
	if (!root_pid) {
		die_with_parent(me);
		for (;;)
			pause();
	}
	user_pid = fork();
	if (!user_pid) {
		die_with_parent(me);
		_exit(user_reads_processes(root_pid));
	}
	if (user_pid < 0 || !wait_exit(user_pid, &status, 10000))
		status = 3 << 8;
	kill(root_pid, SIGKILL);
	waitpid(root_pid, NULL, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
}

TEST_F(ls, processes_hides_root_from_a_user_of_the_same_session)
{
	EXPECT_EQ(0, in_child(root_and_user_in_one_session, NULL))
		TH_LOG("5/6: own process missing, 7/8: root's listed, 9: another session's listed");
}

/* comm as the processes file writes it. */
static void escape_comm(const char *comm, char *out, size_t size)
{
	size_t len = 0;

	for (; *comm && len + 5 < size; comm++) {
		if (*comm > ' ' && *comm <= '~' && *comm != '\\')
			out[len++] = *comm;
		else
			len += sprintf(out + len, "\\%03o",
				       (unsigned char)*comm);
	}
	out[len] = '\0';
}

struct pidns_case {
	int fd;			/* processes, opened in the initial PID ns */
	pid_t test_pid;		/* the test, in the initial PID namespace */
	unsigned long long test_id;
	char init_line[128];	/* the line of the real init */
};

/* Pid 1 of a new PID namespace, in a new session: reads the file. */
static int pidns_read(struct pidns_case *c)
{
	static char buf[1 << 16];
	char self[16], prefix[64], needle[40];
	unsigned long long id;
	ssize_t len = 0, n;
	char *p;

	if (getpid() != 1)
		return 2;
	if (ls_request("logon", "type=interactive user=" USER_SID " auth=a"))
		return 3;
	id = self_id();
	/* /proc is the initial namespace's: this is our PID there. */
	n = readlink("/proc/self", self, sizeof(self) - 1);
	if (n <= 0)
		return 4;
	self[n] = '\0';
	while ((n = read(c->fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	if (n < 0)
		return 5;
	buf[len] = '\0';
	if (!has_line(buf, c->init_line))
		return 6;	/* pid=1 is not the real init */
	snprintf(prefix, sizeof(prefix), "pid=%d id=%#llx ", c->test_pid,
		 c->test_id);
	if (!has_line(buf, prefix))
		return 7;	/* the test is not under its initial PID */
	snprintf(prefix, sizeof(prefix), "pid=%s id=%#llx ", self, id);
	if (!has_line(buf, prefix))
		return 8;	/* we are not under our initial PID */
	snprintf(needle, sizeof(needle), " id=%#llx ", id);
	p = strstr(buf, needle);
	if (!p || strstr(p + 1, needle))
		return 9;
	return 0;
}

static int pidns_reader(void *arg)
{
	pid_t pid;
	int status;

	if (unshare(CLONE_NEWPID))
		return 1;
	pid = fork();
	if (pid < 0)
		return 10;
	if (!pid)
		_exit(pidns_read(arg));
	if (!wait_exit(pid, &status, 10000) || !WIFEXITED(status))
		return 11;
	return WEXITSTATUS(status);
}

/*
 * The PIDs are those of the opener's namespace, even when a process of a
 * new PID namespace reads the file.
 */
TEST_F(ls, processes_lists_pids_of_the_openers_namespace)
{
	struct pidns_case c = {
		.test_pid = getpid(), .test_id = self_id(),
	};
	char comm[32] = "", escaped[72];

	ASSERT_LT(0, ls_read("/proc/1/comm", comm, sizeof(comm)));
	comm[strcspn(comm, "\n")] = '\0';
	escape_comm(comm, escaped, sizeof(escaped));
	snprintf(c.init_line, sizeof(c.init_line), "pid=1 id=%#x comm=%s\n",
		 LOGONSESS_ID_SYSTEM, escaped);
	c.fd = open(LS "processes", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, c.fd);
	EXPECT_EQ(0, in_child(pidns_reader, &c))
		TH_LOG("6: pid=1 not init, 7: test's PID, 8: reader's PID, 9: reader's session");
	close(c.fd);
}

static int compare_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of @buf (which it cuts), sorted, into @lines; their number. */
static size_t sorted_lines(char *buf, char **lines, size_t max)
{
	size_t n = 0;
	char *save, *line;

	for (line = strtok_r(buf, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save))
		lines[n++] = line;
	qsort(lines, n, sizeof(*lines), compare_lines);
	return n;
}

/* processes, read @chunk bytes at a time; the length or -1. */
static ssize_t read_in_chunks(char *buf, size_t size, size_t chunk)
{
	int fd = open(LS "processes", O_RDONLY | O_CLOEXEC);
	ssize_t len = 0, n;

	if (fd < 0)
		return -1;
	while (len + chunk < size && (n = read(fd, buf + len, chunk)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

#define CHUNK_PROCESSES 100

/*
 * Read 64 bytes at a time, the listing is the one a whole read gives:
 * with more than a page of lines (a hundred more processes, their comm
 * with spaces to escape), while nothing starts or ends.
 */
TEST_F_TIMEOUT(ls, processes_read_in_small_chunks_is_the_whole_listing, 60)
{
	static char whole[1 << 18], again[1 << 18], chunked[1 << 18];
	static char *a[4096], *b[4096];
	size_t na, nb, i;
	int n, tries;
	pid_t pid, test = getpid();

	for (n = 0; n < CHUNK_PROCESSES; n++) {
		pid = fork();
		ASSERT_LE(0, pid);
		if (!pid) {
			char name[16];

			die_with_parent(test);
			setpgid(0, self->pgrp);
			snprintf(name, sizeof(name), "ls chunk %d", n);
			prctl(PR_SET_NAME, name);
			for (;;)
				pause();
		}
		setpgid(pid, self->pgrp ? self->pgrp : pid);
		if (!self->pgrp)
			self->pgrp = pid;
	}
	/* Wait until every one has its name. */
	for (tries = 0; tries < 500; tries++) {
		char *p = whole;

		ASSERT_LT(0, ls_read(LS "processes", whole, sizeof(whole)));
		for (n = 0; (p = strstr(p, "comm=ls\\040chunk\\040")); p++)
			n++;
		if (n == CHUNK_PROCESSES)
			break;
		usleep(10 * 1000);
	}
	ASSERT_EQ(CHUNK_PROCESSES, n);
	EXPECT_LT(4096U, strlen(whole));

	for (tries = 0; tries < 20; tries++) {
		ASSERT_LT(0, ls_read(LS "processes", whole, sizeof(whole)));
		ASSERT_LT(0, read_in_chunks(chunked, sizeof(chunked), 64));
		ASSERT_LT(0, ls_read(LS "processes", again, sizeof(again)));
		if (!strcmp(whole, again))
			break;	/* nothing changed meanwhile */
	}
	ASSERT_GT(20, tries) TH_LOG("the process list never held still");
	na = sorted_lines(whole, a, ARRAY_SIZE(a));
	nb = sorted_lines(chunked, b, ARRAY_SIZE(b));
	EXPECT_EQ(na, nb);
	for (i = 0; i < na && i < nb; i++)
		if (strcmp(a[i], b[i])) {
			EXPECT_STREQ(a[i], b[i]);
			break;
		}
	kill(-self->pgrp, SIGKILL);
	self->pgrp = 0;
	reap_all();
}

TEST_HARNESS_MAIN
