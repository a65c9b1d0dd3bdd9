// SPDX-License-Identifier: GPL-2.0
/*
 * liblogonsess against the real kernel, in the guest, as root: every
 * function of the API, its errors, and that a failed call changes nothing;
 * the boot ID and the label against the kernel's boot_id and getxattr;
 * creator, linked and logons linked to the caller's session (issue 19);
 * the session of a unix socket's peer, never that of a process that got
 * the peer's PID after it exited. Prints TAP; exits with the number of
 * failures.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include <logonsess.h>

#include "tap.h"

static int pidfd_open(pid_t pid)
{
	return syscall(SYS_pidfd_open, pid, 0);
}

/* created= of the stats file. */
static long created(void)
{
	FILE *f = fopen(LOGONSESS_FS_DIR "/stats", "re");
	long live = -1, made = -1;

	if (f) {
		if (fscanf(f, "live=%ld created=%ld", &live, &made) != 2)
			made = -1;
		fclose(f);
	}
	return made;
}

static void test_ids(void)
{
	static const struct {
		const char *text;
		int ret;
		uint64_t id;
	} cases[] = {
		{ "0x3e8", 0, 0x3e8 },
		{ "3e8", 0, 0x3e8 },
		{ "00000000:000003e8", 0, 0x3e8 },
		{ "1:0", 0, UINT64_C(0x100000000) },
		{ "0xffffffffffffffff", 0, UINT64_MAX },
		{ "", -EINVAL, 0 },
		{ "0x", -EINVAL, 0 },
		{ "zz", -EINVAL, 0 },
		{ "1:", -EINVAL, 0 },
		{ "123456789:0", -EINVAL, 0 },
		{ "0x10000000000000000", -EINVAL, 0 },
		{ "0x3e8 ", -EINVAL, 0 },
	};
	char buf[LOGONSESS_ID_TEXT_SIZE];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t id = 0;
		int ret = logonsess_parse_id(cases[i].text, &id);

		check(ret == cases[i].ret && (ret || id == cases[i].id),
		      "parse_id(\"%s\") = %d, 0x%" PRIx64, cases[i].text, ret,
		      id);
	}
	check(!logonsess_format_id(UINT64_MAX, buf, sizeof(buf)) &&
	      !strcmp(buf, "0xffffffffffffffff"),
	      "format_id(UINT64_MAX) fits LOGONSESS_ID_TEXT_SIZE: %s", buf);
	check(logonsess_format_id(0x3e8, buf, 5) == -ENOBUFS,
	      "format_id into a short buffer: -ENOBUFS");
	check(logonsess_type_from_name("remote_interactive") == 10 &&
	      !strcmp(logonsess_type_name(4), "batch") &&
	      logonsess_type_from_name("bogus") == -EINVAL &&
	      !logonsess_type_name(6),
	      "logon type names and numbers");
}

/*
 * logonsess_boot_id() is the kernel's boot_id; logonsess_label() of
 * session @id (the caller's) is its bound logon SID, which setxattr takes
 * and getxattr returns as it is; a bare SID is refused and changes nothing.
 */
static void test_label(uint64_t id)
{
	char file[64] = "", boot[LOGONSESS_BOOT_ID_TEXT_SIZE];
	char want[64 + sizeof(" boot=") + 64], label[LOGONSESS_LABEL_MAX];
	char got[LOGONSESS_LABEL_MAX + 16], bare[64];
	char dir[] = "/tmp/liblogonsess_test.XXXXXX";
	FILE *f = fopen(LOGONSESS_FS_DIR "/boot_id", "re");
	ssize_t glen;
	int ret, len;

	if (f) {
		if (!fgets(file, sizeof(file), f))
			file[0] = '\0';
		fclose(f);
	}
	ret = strlen(file) == 33 && file[32] == '\n';
	file[strcspn(file, "\n")] = '\0';
	check(ret, "boot_id: 32 digits and a newline (%s)", file);
	ret = logonsess_boot_id(boot, sizeof(boot));
	check(!ret && !strcmp(boot, file),
	      "boot_id() is the kernel's boot_id (%d, %s)", ret, boot);

	snprintf(bare, sizeof(bare), "S-1-5-5-%u-%u", (unsigned int)(id >> 32),
		 (unsigned int)id);
	snprintf(want, sizeof(want), "%s boot=%s", bare, file);
	len = logonsess_label(id, label, sizeof(label));
	check(len == (int)strlen(want) && !strcmp(label, want),
	      "label() of the session: its logon SID bound to boot_id (%d, %s)",
	      len, label);

	if (!mkdtemp(dir)) {
		check(0, "mkdtemp %s: %s", dir, strerror(errno));
		return;
	}
	ret = len > 0 ? setxattr(dir, "security.logonsess", label, len, 0) : -1;
	check(!ret, "setxattr of label() on a directory of the session's own (%s)",
	      ret ? strerror(errno) : "ok");
	glen = getxattr(dir, "security.logonsess", got, sizeof(got) - 1);
	got[glen < 0 ? 0 : glen] = '\0';
	check(glen == len && !strcmp(got, label),
	      "getxattr returns it as it is, the bound form (%s)", got);
	ret = setxattr(dir, "security.logonsess", bare, strlen(bare), 0);
	check(ret == -1 && errno == EINVAL,
	      "setxattr of the bare SID %s: EINVAL (%s)", bare,
	      ret ? strerror(errno) : "accepted");
	glen = getxattr(dir, "security.logonsess", got, sizeof(got) - 1);
	got[glen < 0 ? 0 : glen] = '\0';
	check(glen == len && !strcmp(got, label),
	      "... which changed nothing (%s)", got);
	rmdir(dir);
}

/* The session=... value of @key in the kernel's line of session @id. */
static int kernel_field(uint64_t id, const char *key, char *buf, size_t size)
{
	char want[64], *line = NULL, *p;
	size_t len = 0;
	int found = 0;
	FILE *f = fopen(LOGONSESS_FS_DIR "/sessions", "re");

	buf[0] = '\0';
	if (!f)
		return 0;
	snprintf(want, sizeof(want), "id=0x%" PRIx64 " ", id);
	while (!found && getline(&line, &len, f) > 0) {
		if (strncmp(line, want, strlen(want)))
			continue;
		line[strcspn(line, "\n")] = '\0';
		for (p = strtok(line, " "); p; p = strtok(NULL, " "))
			if (!strncmp(p, key, strlen(key)) && p[strlen(key)] == '=') {
				snprintf(buf, size, "%s", p + strlen(key) + 1);
				found = 1;
			}
	}
	free(line);
	fclose(f);
	return found;
}

/*
 * A child of the caller logs on (linked with @flags LOGONSESS_LINK_SELF)
 * and waits for SIGKILL; its new ID, or 0 with *@err its error, comes back
 * through a pipe.
 */
static pid_t logon_child(unsigned int flags, const char *auth, uint64_t *id,
			 int *err)
{
	int fds[2];
	int64_t v = 0;
	pid_t pid;

	*id = 0;
	*err = -EIO;
	if (pipe(fds))
		return -1;
	pid = fork();
	if (!pid) {
		uint64_t got = 0;
		int ret = logonsess_logon_flags("interactive", "S-1-22-1-0", auth,
						NULL, flags, &got);

		v = ret ? ret : (int64_t)got;
		if (write(fds[1], &v, sizeof(v)) != sizeof(v))
			_exit(1);
		if (ret)
			_exit(0);
		for (;;)
			pause();
	}
	close(fds[1]);
	if (read(fds[0], &v, sizeof(v)) == sizeof(v)) {
		if (v > 0)
			*id = v, *err = 0;
		else
			*err = v;
	}
	close(fds[0]);
	return pid;
}

static void kill_child(pid_t pid)
{
	int status;

	if (pid <= 0)
		return;
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

/*
 * Called in session @id (a dynamic one): creator and linked of sessions
 * logged on from it, with and without LOGONSESS_LINK_SELF, as the getters
 * and the kernel's own line say.
 */
static void test_link(uint64_t id)
{
	struct logonsess_session *s;
	char creator[32], linked[32], want[32];
	uint64_t linked_id, plain_id;
	pid_t linked_pid, plain_pid;
	int err, ret;

	snprintf(want, sizeof(want), "0x%" PRIx64, id);
	linked_pid = logon_child(LOGONSESS_LINK_SELF, "libtest-linked",
				 &linked_id, &err);
	check(!err && linked_id > id,
	      "logon_flags(LOGONSESS_LINK_SELF) from session %s: a new session 0x%" PRIx64 " (%d)",
	      want, linked_id, err);
	s = NULL;
	ret = linked_id ? logonsess_get(linked_id, &s) : -ENOENT;
	check(!ret && logonsess_session_creator(s) == id &&
	      logonsess_session_linked(s) == id,
	      "... created by and linked to %s (0x%" PRIx64 ", 0x%" PRIx64 ")",
	      want, ret ? 0 : logonsess_session_creator(s),
	      ret ? 0 : logonsess_session_linked(s));
	logonsess_session_free(s);
	check(kernel_field(linked_id, "creator", creator, sizeof(creator)) &&
	      kernel_field(linked_id, "linked", linked, sizeof(linked)) &&
	      !strcmp(creator, want) && !strcmp(linked, want),
	      "... as the kernel's line says (creator=%s linked=%s)", creator,
	      linked);

	plain_pid = logon_child(0, "libtest-plain", &plain_id, &err);
	s = NULL;
	ret = plain_id ? logonsess_get(plain_id, &s) : -ENOENT;
	check(!err && !ret && logonsess_session_creator(s) == id &&
	      !logonsess_session_linked(s) &&
	      kernel_field(plain_id, "linked", linked, sizeof(linked)) &&
	      !strcmp(linked, "-"),
	      "logon_flags(0) from %s: created by it, not linked (linked=%s, %d)",
	      want, linked, ret);
	logonsess_session_free(s);
	kill_child(linked_pid);
	kill_child(plain_pid);

	ret = logonsess_logon_flags("interactive", "S-1-22-1-0", "x", NULL,
				    0x80, NULL);
	check(ret == -EINVAL && !logonsess_self_id(&plain_id) && plain_id == id,
	      "logon_flags with an unknown flag: -EINVAL, still in %s (%d)",
	      want, ret);
}

/* This process's session as the kernel's processes file says, or 0. */
static uint64_t pid_session(pid_t pid)
{
	struct logonsess_process **procs;
	uint64_t id = 0;
	size_t n, i;

	if (logonsess_processes(&procs, &n))
		return 0;
	for (i = 0; i < n; i++)
		if (logonsess_process_pid(procs[i]) == pid)
			id = logonsess_process_session_id(procs[i]);
	logonsess_processes_free(procs, n);
	return id;
}

static long pid_max(void)
{
	FILE *f = fopen("/proc/sys/kernel/pid_max", "re");
	long v = 32768;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = 32768;
		fclose(f);
	}
	return v;
}

/*
 * The reuser: in a session of its own, forks until a child gets PID
 * @target (PIDs are handed out in turn, so within one round of pid_max),
 * which stays, in that session. Reports the child's PID (or -1) through
 * @fd; when @done reads end of file, kills and reaps it and exits.
 */
static void __attribute__((noreturn)) reuse_pid(pid_t target, int fd, int done)
{
	char c;

	long tries = 2 * pid_max() + 1000;
	pid_t pid = -1, got = -1;
	int status;

	if (logonsess_logon("interactive", "S-1-22-1-1001", "peer-reuser", NULL,
			    NULL))
		goto report;
	while (tries-- > 0) {
		pid = fork();
		if (pid < 0)
			break;
		if (!pid) {
			if (getpid() != target)
				_exit(0);
			for (;;)
				pause();
		}
		if (pid == target) {
			got = pid;
			break;
		}
		waitpid(pid, &status, 0);
	}
report:
	if (write(fd, &got, sizeof(got)) != sizeof(got))
		_exit(1);
	while (read(done, &c, 1) > 0)
		;
	if (got > 0) {
		kill(got, SIGKILL);
		waitpid(got, &status, 0);
	}
	_exit(0);
}

/*
 * logonsess_peer_session() of an accepted unix socket: the session the
 * connected client is in; once the client exited and was reaped, -ESRCH,
 * also when another process of another session has its PID.
 */
static void test_peer(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	struct logonsess_session *s;
	int lfd, cfd = -1, fd, up[2], down[2], status, ret;
	uint64_t client_id = 0, got = 0, reuser_id;
	pid_t client, reuser, reused = -1;
	int64_t v = 0;
	char go = 'x';

	snprintf(addr.sun_path + 1, sizeof(addr.sun_path) - 1,
		 "liblogonsess-test-%d", (int)getpid());
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) ||
	    listen(lfd, 1) || pipe(up) || pipe(down)) {
		check(0, "peer: socket, bind, listen, pipes: %s", strerror(errno));
		return;
	}
	client = fork();
	if (!client) {
		uint64_t id = 0;
		int fd = socket(AF_UNIX, SOCK_STREAM, 0);

		v = logonsess_logon("interactive", "S-1-22-1-1000",
				    "peer-client", NULL, &id);
		if (!v && connect(fd, (struct sockaddr *)&addr, sizeof(addr)))
			v = -errno;
		if (!v)
			v = id;
		if (write(up[1], &v, sizeof(v)) != sizeof(v) ||
		    read(down[0], &go, 1) != 1)
			_exit(1);
		_exit(0);
	}
	close(up[1]);
	close(down[0]);
	if (read(up[0], &v, sizeof(v)) == sizeof(v) && v > 0) {
		client_id = v;
		cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	}
	check(cfd >= 0 && client_id >= LOGONSESS_FIRST_DYNAMIC_ID,
	      "peer: a client in session 0x%" PRIx64 " connected (%" PRId64 ")",
	      client_id, v);
	ret = logonsess_peer_session(cfd, &got);
	check(!ret && got == client_id,
	      "peer_session of the live client: its session 0x%" PRIx64 ", not ours (%d, 0x%" PRIx64 ")",
	      client_id, ret, got);
	ret = logonsess_peer_session_get(cfd, &s);
	check(!ret && logonsess_session_id(s) == client_id &&
	      !strcmp(logonsess_session_auth(s), "peer-client") &&
	      logonsess_session_creator(s) == LOGONSESS_SYSTEM_ID,
	      "peer_session_get: its data, auth=peer-client, created by SYSTEM (%d)",
	      ret);
	logonsess_session_free(s);

	/* The client exits and is reaped. */
	if (write(down[1], &go, 1) != 1)
		kill(client, SIGKILL);
	waitpid(client, &status, 0);
	close(down[1]);
	ret = logonsess_peer_session(cfd, &got);
	check(ret == -ESRCH, "peer_session once the client exited and was reaped: -ESRCH (%d)",
	      ret);

	/* Another process, of another session, gets the client's PID. */
	close(up[0]);
	if (pipe(up) || pipe(down)) {
		check(0, "pipe: %s", strerror(errno));
		return;
	}
	reuser = fork();
	if (!reuser) {
		close(up[0]);
		close(down[1]);
		reuse_pid(client, up[1], down[0]);
	}
	close(up[1]);
	close(down[0]);
	if (read(up[0], &reused, sizeof(reused)) != sizeof(reused))
		reused = -1;
	close(up[0]);
	reuser_id = pid_session(reuser);
	check(reused == client && reuser_id >= LOGONSESS_FIRST_DYNAMIC_ID &&
	      reuser_id != client_id && pid_session(client) == reuser_id,
	      "PID %d reused by a process of session 0x%" PRIx64 " (processes: PID %d in 0x%" PRIx64 ")",
	      (int)client, reuser_id, (int)client, pid_session(client));
	got = 0;
	ret = logonsess_peer_session(cfd, &got);
	check(ret == -ESRCH && got != reuser_id,
	      "peer_session after the PID was reused: -ESRCH, never the new process's session (%d, 0x%" PRIx64 ")",
	      ret, got);
	ret = logonsess_peer_session_get(cfd, &s);
	check(ret == -ESRCH && !s, "... peer_session_get too (%d)", ret);
	logonsess_session_free(s);

	/* (A listening socket's "peer" is the listener, as SO_PEERCRED says.) */
	ret = logonsess_peer_session(lfd, &got);
	check(!ret && got == pid_session(getpid()),
	      "peer_session of the listening socket: our own session (%d, 0x%" PRIx64 ")",
	      ret, got);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ret = logonsess_peer_session(fd, &got);
	check(ret == -ENODATA, "peer_session of a socket neither connected nor listening: -ENODATA (%d)",
	      ret);
	close(fd);
	close(down[1]);		/* the reuser kills and reaps it, and exits */
	waitpid(reuser, &status, 0);
	close(cfd);
	close(lfd);
}

int main(void)
{
	struct logonsess_session *self, *info;
	struct logonsess_process **procs;
	size_t nids, nprocs, i;
	uint64_t *ids, id, got;
	int ret, found, pidfd, status;
	long before;
	pid_t child;

	test_ids();
	check(logonsess_available() == 0, "logonsess_available()");

	ret = logonsess_self(&self);
	check(!ret && logonsess_session_id(self) == LOGONSESS_SYSTEM_ID &&
	      !strcmp(logonsess_session_type_name(self), "system") &&
	      logonsess_session_type(self) == LOGONSESS_LOGON_SYSTEM &&
	      !strcmp(logonsess_session_user_sid(self), "S-1-5-18") &&
	      logonsess_session_refs(self) == -1 &&
	      !logonsess_session_origin(self) &&
	      !strcmp(logonsess_session_field(self, "origin"), "-") &&
	      logonsess_session_state(self) == LOGONSESS_STATE_ACTIVE,
	      "self: root of the guest is in SYSTEM (%d)", ret);
	logonsess_session_free(self);

	before = created();
	ret = logonsess_logon_flags("interactive", "S-1-22-1-1000", "libtest",
				    NULL, LOGONSESS_LINK_SELF, &id);
	check(ret == -EINVAL && created() == before &&
	      !logonsess_self_id(&got) && got == LOGONSESS_SYSTEM_ID,
	      "logon_flags(LOGONSESS_LINK_SELF) from SYSTEM: -EINVAL, no session, still in SYSTEM (%d)",
	      ret);
	ret = logonsess_logon("interactive", "S-1-22-1-1000", "pam unix",
			      NULL, &id);
	check(ret == -EINVAL && created() == before,
	      "logon with a space in a value: -EINVAL, no session (%d)", ret);
	ret = logonsess_logon("system", "S-1-22-1-1000", "libtest", NULL, &id);
	check(ret == -EINVAL && created() == before,
	      "logon of type system: the kernel's -EINVAL, no session (%d)",
	      ret);

	ret = logonsess_logon("interactive", "S-1-22-1-1000", "libtest",
			      "tty9", &id);
	check(!ret && id >= 0x3e8, "logon: new session 0x%" PRIx64 " (%d)",
	      id, ret);
	check(!logonsess_self_id(&got) && got == id,
	      "self_id is the new session");
	ret = logonsess_get(id, &info);
	{
		char lsid[64];

		snprintf(lsid, sizeof(lsid), "S-1-5-5-%u-%u",
			 (unsigned int)(id >> 32), (unsigned int)id);
		check(!ret && logonsess_session_id(info) == id &&
		      logonsess_session_type(info) == LOGONSESS_LOGON_INTERACTIVE &&
		      !strcmp(logonsess_session_type_name(info), "interactive") &&
		      !strcmp(logonsess_session_user_sid(info), "S-1-22-1-1000") &&
		      !strcmp(logonsess_session_auth(info), "libtest") &&
		      logonsess_session_origin(info) &&
		      !strcmp(logonsess_session_origin(info), "tty9") &&
		      !strcmp(logonsess_session_logon_sid(info), lsid) &&
		      logonsess_session_refs(info) >= 1 &&
		      logonsess_session_state(info) == LOGONSESS_STATE_ACTIVE &&
		      !strcmp(logonsess_session_state_name(info), "active") &&
		      logonsess_session_logon_time(info) > 1700000000 &&
		      logonsess_session_logon_time(info) <= time(NULL) + 1 &&
		      !strcmp(logonsess_session_field(info, "auth"), "libtest") &&
		      !logonsess_session_field(info, "no_such_key"),
		      "get: every field of the new session (%d)", ret);
		logonsess_session_free(info);
	}
	test_label(id);
	ret = logonsess_get(id, &info);
	check(!ret && logonsess_session_creator(info) == LOGONSESS_SYSTEM_ID &&
	      !logonsess_session_linked(info) &&
	      !strcmp(logonsess_session_field(info, "creator"), "0x3e7") &&
	      !strcmp(logonsess_session_field(info, "linked"), "-"),
	      "a logon from SYSTEM: creator 0x3e7, not linked (%d)", ret);
	logonsess_session_free(info);
	ret = logonsess_get(LOGONSESS_SYSTEM_ID, &info);
	check(!ret && !logonsess_session_creator(info) &&
	      !logonsess_session_linked(info) &&
	      !strcmp(logonsess_session_field(info, "creator"), "-"),
	      "SYSTEM: no creator (creator=-), not linked (%d)", ret);
	logonsess_session_free(info);
	test_link(id);

	ret = logonsess_enumerate(&ids, &nids);
	found = 0;
	for (i = 0; !ret && i < nids; i++)
		found += ids[i] == id || ids[i] == LOGONSESS_SYSTEM_ID;
	check(!ret && found == 2 && nids >= 5,
	      "enumerate lists the new session and SYSTEM (%zu IDs)", nids);
	if (!ret)
		free(ids);

	ret = logonsess_processes(&procs, &nprocs);
	found = 0;
	for (i = 0; !ret && i < nprocs; i++) {
		pid_t pid = logonsess_process_pid(procs[i]);
		uint64_t sid = logonsess_process_session_id(procs[i]);

		if (pid == getpid() && sid == id &&
		    !strcmp(logonsess_process_comm(procs[i]), "liblogonsess_te"))
			found++;
		if (pid == 1 && sid == LOGONSESS_SYSTEM_ID)
			found++;
	}
	check(!ret && found == 2,
	      "processes: this process in its session, init in SYSTEM");
	if (!ret)
		logonsess_processes_free(procs, nprocs);

	/* A child inherits the session; its pidfd says so until reaped. */
	child = fork();
	if (!child) {
		pause();
		_exit(0);
	}
	pidfd = pidfd_open(child);
	ret = logonsess_pidfd_get_id(pidfd, &got);
	check(!ret && got == id, "pidfd_get_id of a child: its session (%d)",
	      ret);
	ret = logonsess_pidfd_get(pidfd, &info);
	check(!ret && logonsess_session_id(info) == id &&
	      !strcmp(logonsess_session_auth(info), "libtest"),
	      "pidfd_get of a child: its session's data (%d)", ret);
	logonsess_session_free(info);
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	ret = logonsess_pidfd_get_id(pidfd, &got);
	check(ret == -ESRCH, "pidfd_get_id once the child is reaped: -ESRCH (%d)",
	      ret);
	close(pidfd);
	pidfd = pidfd_open(1);
	ret = logonsess_pidfd_get_id(pidfd, &got);
	check(!ret && got == LOGONSESS_SYSTEM_ID,
	      "pidfd_get_id of init: SYSTEM (%d)", ret);
	close(pidfd);
	ret = logonsess_pidfd_get_id(0, &got);
	check(ret == -EBADF, "pidfd_get_id of a descriptor that is no pidfd: -EBADF (%d)",
	      ret);

	check(logonsess_join(UINT64_C(0x7fffffffffffffff)) == -ENOENT,
	      "join of a session that does not exist: -ENOENT");
	check(logonsess_logoff(LOGONSESS_SYSTEM_ID) == -EBUSY,
	      "logoff of SYSTEM: -EBUSY");
	ret = logonsess_join(LOGONSESS_SYSTEM_ID);
	check(!ret && !logonsess_self_id(&got) && got == LOGONSESS_SYSTEM_ID,
	      "join back to SYSTEM (%d)", ret);
	ret = logonsess_logoff(id);
	check(!ret, "logoff of the session, from outside it (%d)", ret);
	ret = logonsess_get(id, &info);
	check(ret == -ENOENT ||
	      (!ret && logonsess_session_state(info) == LOGONSESS_STATE_LOGGED_OFF),
	      "the session is logged off or gone (%d)", ret);
	logonsess_session_free(info);
	check(logonsess_logoff(id) == -ENOENT, "a second logoff: -ENOENT");
	check(logonsess_join(id) == -ENOENT, "join of a logged-off session: -ENOENT");

	/* An ordinary user: its own session only, no control. */
	child = fork();
	if (!child) {
		struct logonsess_session **list;
		size_t count;

		if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
			_exit(100);
		ret = logonsess_list(&list, &count);
		if (ret || count != 1 ||
		    logonsess_session_id(list[0]) != LOGONSESS_SYSTEM_ID)
			_exit(101);
		logonsess_list_free(list, count);
		if (logonsess_logon("interactive", "S-1-1-0", "x", NULL, NULL) !=
		    -EACCES)
			_exit(102);
		if (logonsess_get(0x3e6, &info) != -ENOENT)
			_exit(103);
		pidfd = pidfd_open(1);
		if (logonsess_pidfd_get_id(pidfd, &got) != -EACCES)
			_exit(104);
		_exit(0);
	}
	waitpid(child, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "uid 1000: lists its own session only, logon -EACCES, other sessions -ENOENT, init's pidfd -EACCES (status %d)",
	      WIFEXITED(status) ? WEXITSTATUS(status) : -1);

	test_peer();

	check(!strcmp(logonsess_strerror(-EOPNOTSUPP),
		      "Operation not supported") &&
	      !strcmp(logonsess_strerror(-ENOENT),
		      "No such file or directory") &&
	      !strcmp(logonsess_strerror(-E2BIG), "Argument list too long"),
	      "strerror is the system's text, whichever call failed");
	printf("1..%d\n", n);
	return failed;
}
