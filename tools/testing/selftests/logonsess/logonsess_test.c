// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - tests of the securityfs interface
 *
 * Needs root (CAP_SYS_ADMIN in the initial user namespace) and the
 * logonsess LSM enabled. Every test that changes sessions does so in a
 * child process, so that the test process itself stays where it started.
 * After each test, a BUG:, WARNING:, KASAN:, kmemleak (unreferenced
 * object), Oops, RCU stall or lockdep line in the kernel log fails it.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/keyctl.h>
#include <linux/logonsess.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/prctl.h>
#include <sys/socket.h>
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

FIXTURE(ls) {
	unsigned long long start_id;
};

FIXTURE_SETUP(ls)
{
	char line[1024];

	if (ls_read(LS "self", line, sizeof(line)) < 0)
		SKIP(return, "logonsess is not enabled");
	ASSERT_EQ(0, geteuid()) TH_LOG("run the tests as root");
	self->start_id = self_id();
}

FIXTURE_TEARDOWN(ls)
{
	char bad[512];

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
	ASSERT_EQ(sizeof(ids), read(fd[0], ids, sizeof(ids)));
	close(fd[0]);
	close(fd[1]);
	EXPECT_GE(ids[0], LOGONSESS_ID_FIRST_DYNAMIC);
	EXPECT_EQ(LOGONSESS_ID_LOCAL_SERVICE, ids[1]);
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
	ASSERT_EQ(sizeof(id), read(fd[0], &id, sizeof(id)));
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
	ASSERT_EQ(sizeof(id), read(sv[0], &id, sizeof(id)));
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
	EXPECT_EQ(1, ls_field_ull(line, "refs"));
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
	err = expect_errno_on_writes(0, -EPERM);
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
 * Opened without the privilege, written by a process that has it: open in
 * a child that dropped it, and pass the file to a privileged process.
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
		_exit(fd < 0 || send_fd(sv[1], fd) ? 2 : 0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, WEXITSTATUS(status));
	fd = recv_fd(sv[0]);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, write(fd, "id=0x3e5", 8));
	EXPECT_EQ(EPERM, errno);
	close(fd);
	close(sv[0]);
	close(sv[1]);
}

/* Root of a user namespace, uid 0 mapped to 0: opens, but EPERM. */
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
		err = expect_errno_on_writes(0, -EPERM);
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

	ASSERT_LE(40, ARRAY_SIZE(bad_writes));
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

TEST_HARNESS_MAIN
