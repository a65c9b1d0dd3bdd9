// SPDX-License-Identifier: GPL-2.0
/*
 * liblogonsess on the host: its parsing of the kernel's lines (files
 * written here, in a directory that stands in for securityfs: fsdir.c),
 * its getters, its errors, the boot ID and the labels bound to it, and that
 * a logon it cannot read back leaves the thread where it was. Prints TAP;
 * exits with the number of failures.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <logonsess.h>

static char dir[4096];

#include "unit.h"

static const char *get_path(const char *name)
{
	static char path[4200];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static char *get(const char *name)
{
	static char buf[4096];
	ssize_t len;
	int fd;

	fd = open(get_path(name), O_RDONLY);
	len = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	buf[len < 0 ? 0 : len] = '\0';
	return buf;
}

#define SYSTEM_LINE "id=0x3e7 type=system user=S-1-5-18 logon_sid=S-1-5-5-0-999 auth=kernel time=2026-11-21T06:01:02Z origin=- refs=- state=active\n"
#define USER_LINE "id=0x3e8 type=interactive user=S-1-22-1-1000 logon_sid=S-1-5-5-0-1000 auth=login time=2026-11-21T06:32:57Z origin=tty1 refs=2 state=active\n"

static void test_getters(void)
{
	struct logonsess_session **list, *s;
	size_t count;
	int ret;

	put("sessions", SYSTEM_LINE USER_LINE
	    "id=0x3e9 type=hologram user=S-1-22-1-1001 logon_sid=S-1-5-5-0-1001 auth=x time=2026-11-21T06:40:00Z origin=- refs=0 state=frozen creator=0x3e8\n");
	ret = logonsess_list(&list, &count);
	check(!ret && count == 3, "list: three sessions (%d, %zu)", ret, count);
	if (ret || count != 3)
		return;
	s = list[1];
	check(logonsess_session_id(s) == 0x3e8 &&
	      logonsess_session_type(s) == LOGONSESS_LOGON_INTERACTIVE &&
	      !strcmp(logonsess_session_type_name(s), "interactive") &&
	      !strcmp(logonsess_session_user_sid(s), "S-1-22-1-1000") &&
	      !strcmp(logonsess_session_logon_sid(s), "S-1-5-5-0-1000") &&
	      !strcmp(logonsess_session_auth(s), "login") &&
	      !strcmp(logonsess_session_origin(s), "tty1") &&
	      logonsess_session_logon_time(s) == 1795242777 &&
	      logonsess_session_refs(s) == 2 &&
	      logonsess_session_state(s) == LOGONSESS_STATE_ACTIVE,
	      "every getter of an interactive session");
	s = list[0];
	check(!logonsess_session_origin(s) &&
	      !strcmp(logonsess_session_field(s, "origin"), "-") &&
	      logonsess_session_refs(s) == -1 &&
	      logonsess_session_type(s) == LOGONSESS_LOGON_SYSTEM,
	      "SYSTEM: no origin (the field reads \"-\"), refs not counted");
	s = list[2];
	check(logonsess_session_state(s) == LOGONSESS_STATE_UNKNOWN &&
	      !strcmp(logonsess_session_state_name(s), "frozen"),
	      "an unknown state is unknown, not active (state %d, %s)",
	      logonsess_session_state(s), logonsess_session_state_name(s));
	check(logonsess_session_type(s) == LOGONSESS_LOGON_UNKNOWN &&
	      !strcmp(logonsess_session_type_name(s), "hologram"),
	      "an unknown type is LOGONSESS_LOGON_UNKNOWN, with its name");
	check(logonsess_session_field(s, "creator") &&
	      !strcmp(logonsess_session_field(s, "creator"), "0x3e8") &&
	      !logonsess_session_field(s, "nothing") &&
	      !logonsess_session_field(s, NULL),
	      "a key a later kernel adds is read by name; a missing one is NULL");
	logonsess_list_free(list, count);
	logonsess_list_free(NULL, 0);
	logonsess_session_free(NULL);

	ret = logonsess_get(0x3e8, &s);
	check(!ret && s && logonsess_session_id(s) == 0x3e8,
	      "get: the session by ID (%d)", ret);
	logonsess_session_free(s);
	ret = logonsess_get(0x3ea, &s);
	check(ret == -ENOENT && !s, "get of an unlisted ID: -ENOENT, NULL (%d)",
	      ret);
}

/*
 * creator= and linked= (issue 19): IDs, "-" for none; a kernel before them
 * writes neither key, and its lines parse as before, with 0 for both.
 */
static void test_creator_linked(void)
{
	struct logonsess_session **list, *s;
	size_t count;
	int ret;

	put("sessions",
	    "id=0x3e7 type=system user=S-1-5-18 logon_sid=S-1-5-5-0-999 auth=kernel time=2026-11-21T06:01:02Z origin=- refs=- state=active creator=- linked=-\n"
	    "id=0x3ea type=remote_interactive user=S-1-22-1-1000 logon_sid=S-1-5-5-0-1002 auth=sshd time=2026-11-21T06:32:57Z origin=127.0.0.1 refs=3 state=active creator=0x3e7 linked=-\n"
	    "id=0x3eb type=interactive user=S-1-22-1-0 logon_sid=S-1-5-5-0-1003 auth=sudo time=2026-11-21T06:33:00Z origin=- refs=2 state=active creator=0x3ea linked=0x3ea\n"
	    "id=0x100000000 type=interactive user=S-1-22-1-0 logon_sid=S-1-5-5-1-0 auth=su time=2026-11-21T06:34:00Z origin=- refs=1 state=logged_off creator=0xffffffff linked=0xffffffff future=1\n"
	    "id=0x3ec type=batch user=S-1-22-1-1000 logon_sid=S-1-5-5-0-1004 auth=cron time=2026-11-21T06:35:00Z origin=- refs=1 state=active\n");
	ret = logonsess_list(&list, &count);
	check(!ret && count == 5, "list with creator= and linked=: five sessions (%d, %zu)",
	      ret, count);
	if (ret || count != 5)
		return;
	check(!logonsess_session_creator(list[0]) &&
	      !logonsess_session_linked(list[0]),
	      "a well-known session: creator=- linked=- are 0");
	check(logonsess_session_creator(list[1]) == LOGONSESS_SYSTEM_ID &&
	      !logonsess_session_linked(list[1]),
	      "an ssh login: created by SYSTEM, not linked (0x%" PRIx64 ", 0x%" PRIx64 ")",
	      logonsess_session_creator(list[1]), logonsess_session_linked(list[1]));
	check(logonsess_session_creator(list[2]) == 0x3ea &&
	      logonsess_session_linked(list[2]) == 0x3ea,
	      "sudo in it: creator and linked 0x3ea (0x%" PRIx64 ", 0x%" PRIx64 ")",
	      logonsess_session_creator(list[2]), logonsess_session_linked(list[2]));
	check(logonsess_session_creator(list[3]) == 0xffffffff &&
	      logonsess_session_linked(list[3]) == 0xffffffff &&
	      logonsess_session_id(list[3]) == UINT64_C(0x100000000),
	      "64-bit IDs, and a key after them ignored");
	check(!logonsess_session_creator(list[4]) &&
	      !logonsess_session_linked(list[4]) &&
	      !logonsess_session_field(list[4], "creator") &&
	      logonsess_session_id(list[4]) == 0x3ec &&
	      logonsess_session_refs(list[4]) == 1,
	      "a line of a kernel before links (no creator=, linked=): parsed, both 0");
	logonsess_list_free(list, count);

	put("sessions", USER_LINE);
	ret = logonsess_get(0x3e8, &s);
	check(!ret && !logonsess_session_creator(s) && !logonsess_session_linked(s),
	      "get of a session without the keys: 0, 0 (%d)", ret);
	logonsess_session_free(s);
}

static void test_malformed(void)
{
	static const char *const lines[] = {
		"id=3e8 type=interactive user=S logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=1 state=active\n",
		"id=0x3e8 type=interactive user=S logon_sid=L auth=a time=yesterday refs=1 state=active\n",
		"id=0x3e8 type=interactive user=S logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=-2 state=active\n",
		"id=0x3e8 type=interactive user=S logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=1x state=active\n",
		"id=0x3e8 type=interactive logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=1 state=active\n",
		"id=0x3e8 type=interactive user=S logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=1\n",
		"id=0x3e8 type=interactive user=S logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=1 state=active creator=3e7\n",
		"id=0x3e8 type=interactive user=S logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=1 state=active creator=0x3e7 linked=0xzz\n",
		"id=0x3e8 type=interactive user=S logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=1 state=active creator= linked=-\n",
		"id=0x3e8 type=interactive user=S logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=1 state=active creator=0x3e7 linked=0x10000000000000000\n",
	};
	struct logonsess_session **list;
	struct logonsess_process **procs;
	size_t i, count;
	int ret;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		put("sessions", lines[i]);
		ret = logonsess_list(&list, &count);
		check(ret == -EPROTO && !list && !count,
		      "malformed line %zu: -EPROTO, nothing returned (%d)", i,
		      ret);
	}
	put("processes", "pid=1 id=0x3e7 comm=init\npid=-4 id=0x3e7 comm=x\n");
	ret = logonsess_processes(&procs, &count);
	check(ret == -EPROTO && !procs, "a negative pid: -EPROTO (%d)", ret);
	put("processes", "pid=99999999999 id=0x3e7 comm=x\n");
	ret = logonsess_processes(&procs, &count);
	check(ret == -EPROTO && !procs, "a pid beyond pid_t: -EPROTO (%d)", ret);
}

static void test_processes(void)
{
	struct logonsess_process **procs;
	size_t count;
	int ret;

	put("processes", "pid=1 id=0x3e7 comm=init\npid=42 id=0x3e8 comm=a\\040b\\303\\251\n");
	ret = logonsess_processes(&procs, &count);
	check(!ret && count == 2 && logonsess_process_pid(procs[1]) == 42 &&
	      logonsess_process_session_id(procs[1]) == 0x3e8 &&
	      !strcmp(logonsess_process_comm(procs[1]), "a b\xc3\xa9"),
	      "processes: pid, session and the decoded comm (%d)", ret);
	if (!ret)
		logonsess_processes_free(procs, count);
}

static void test_strerror(void)
{
	check(!strcmp(logonsess_strerror(-ENOENT), "No such file or directory") &&
	      !strcmp(logonsess_strerror(-EPERM), "Operation not permitted") &&
	      !strcmp(logonsess_strerror(-EOPNOTSUPP), "Operation not supported") &&
	      !strcmp(logonsess_strerror(0), "Success"),
	      "strerror is the system's text, whatever call failed (ENOENT: %s)",
	      logonsess_strerror(-ENOENT));
}

#define BOOT "0123456789abcdef0123456789abcdef"

static void test_boot_id(void)
{
	static const char *const bad[] = {
		"",
		"\n",
		"0123456789abcdef0123456789abcde\n",	/* 31 digits */
		"0123456789abcdef0123456789abcdef0\n",	/* 33 */
		"0123456789ABCDEF0123456789abcdef\n",	/* upper case */
		"0123456789abcdef0123456789abcdeg\n",
		"0123456789abcdef0123456789abcdef\n\n",
		"0123456789abcdef0123456789abcdef \n",
		" 0123456789abcdef0123456789abcdef",
		"01234567-89ab-cdef-0123-456789abcdef\n",	/* random/boot_id's */
	};
	char buf[LOGONSESS_BOOT_ID_TEXT_SIZE + 8];
	size_t i;
	int ret;

	put("boot_id", BOOT "\n");
	memset(buf, 'x', sizeof(buf));
	ret = logonsess_boot_id(buf, sizeof(buf));
	check(!ret && !strcmp(buf, BOOT), "boot_id: the file's 32 digits (%d, %s)",
	      ret, buf);
	memset(buf, 'x', sizeof(buf));
	ret = logonsess_boot_id(buf, LOGONSESS_BOOT_ID_TEXT_SIZE);
	check(!ret && !strcmp(buf, BOOT),
	      "boot_id into exactly LOGONSESS_BOOT_ID_TEXT_SIZE (33) bytes (%d)", ret);
	put("boot_id", BOOT);
	ret = logonsess_boot_id(buf, sizeof(buf));
	check(!ret && !strcmp(buf, BOOT), "boot_id without its newline (%d)", ret);
	memset(buf, 'x', sizeof(buf));
	ret = logonsess_boot_id(buf, LOGONSESS_BOOT_ID_TEXT_SIZE - 1);
	check(ret == -ERANGE && !buf[0],
	      "boot_id into 32 bytes: -ERANGE, an empty string (%d)", ret);
	check(logonsess_boot_id(NULL, 0) == -ERANGE,
	      "boot_id into no buffer: -ERANGE");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		put("boot_id", bad[i]);
		memset(buf, 'x', sizeof(buf));
		ret = logonsess_boot_id(buf, sizeof(buf));
		check(ret == -EPROTO && !buf[0],
		      "malformed boot_id %zu: -EPROTO, an empty string (%d)", i,
		      ret);
	}
}

static void test_label(void)
{
	char buf[LOGONSESS_LABEL_MAX], small[64];
	int ret;

	put("boot_id", BOOT "\n");
	ret = logonsess_label(0x3e8, buf, sizeof(buf));
	check(ret == (int)strlen("S-1-5-5-0-1000 boot=" BOOT) &&
	      !strcmp(buf, "S-1-5-5-0-1000 boot=" BOOT),
	      "label of 0x3e8: the bound logon SID (%d, %s)", ret, buf);
	ret = logonsess_label(UINT64_C(0x100000002), buf, sizeof(buf));
	check(ret > 0 && !strcmp(buf, "S-1-5-5-1-2 boot=" BOOT),
	      "label of 0x100000002: high and low 32 bits, decimal (%s)", buf);
	ret = logonsess_label(UINT64_MAX, buf, sizeof(buf));
	check(ret == 67 && !strcmp(buf, "S-1-5-5-4294967295-4294967295 boot=" BOOT),
	      "the longest label fits LOGONSESS_LABEL_MAX (%d)", ret);
	memset(small, 'x', sizeof(small));
	ret = logonsess_label(UINT64_MAX, small, sizeof(small));
	check(ret == -ERANGE && !small[0],
	      "label into a short buffer: -ERANGE, an empty string (%d)", ret);
	ret = logonsess_label(0x3e8, small, strlen("S-1-5-5-0-1000 boot=" BOOT));
	check(ret == -ERANGE, "label into a buffer one byte short: -ERANGE (%d)",
	      ret);
	ret = logonsess_label(0x3e8, small, strlen("S-1-5-5-0-1000 boot=" BOOT) + 1);
	check(ret > 0 && !strcmp(small, "S-1-5-5-0-1000 boot=" BOOT),
	      "... and into one just long enough (%d)", ret);
	put("boot_id", "0123456789ABCDEF0123456789ABCDEF\n");
	memset(buf, 'x', sizeof(buf));
	ret = logonsess_label(0x3e8, buf, sizeof(buf));
	check(ret == -EPROTO && !buf[0],
	      "label with a malformed boot_id: -EPROTO, an empty string (%d)",
	      ret);
	put("boot_id", BOOT "\n");
}

/* Without the stand-in directory, as without logonsess. */
static void test_not_active(void)
{
	extern const char *ls_fs_dir;
	char buf[LOGONSESS_LABEL_MAX], none[4200];
	const char *saved = ls_fs_dir;
	int ret;

	snprintf(none, sizeof(none), "%s/none", dir);
	ls_fs_dir = none;
	ret = logonsess_boot_id(buf, sizeof(buf));
	check(ret == -EOPNOTSUPP,
	      "boot_id without logonsess: -EOPNOTSUPP (%d)", ret);
	ret = logonsess_label(0x3e8, buf, sizeof(buf));
	check(ret == -EOPNOTSUPP, "label without logonsess: -EOPNOTSUPP (%d)",
	      ret);
	ls_fs_dir = saved;
	unlink(get_path("boot_id"));
	ret = logonsess_boot_id(buf, sizeof(buf));
	check(ret == -ENOENT,
	      "boot_id of a kernel without the file (logonsess before it): -ENOENT (%d)",
	      ret);
	put("boot_id", BOOT "\n");
}

/*
 * self and logon are FIFOs served by this thread: self answers once, then
 * is removed before the logon request is taken, so that the library reads
 * its session before the logon and cannot read the new one after it.
 */
static void *kernel_side(void *arg)
{
	char path[4200], buf[1024];
	ssize_t len;
	int fd;

	(void)arg;
	snprintf(path, sizeof(path), "%s/self", dir);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return NULL;
	len = write(fd, USER_LINE, strlen(USER_LINE));
	close(fd);
	unlink(path);
	snprintf(path, sizeof(path), "%s/logon", dir);
	fd = open(path, O_RDONLY);
	if (len < 0 || fd < 0)
		return NULL;
	len = read(fd, buf, sizeof(buf) - 1);
	buf[len < 0 ? 0 : len] = '\0';
	close(fd);
	return strdup(buf);
}

static int make_fifo(const char *name)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
	return mkfifo(path, 0600);
}

static void test_logon_rollback(void)
{
	pthread_t thread;
	uint64_t id = 0;
	void *request;
	int ret;

	put("join", "");
	if (make_fifo("self") || make_fifo("logon") ||
	    pthread_create(&thread, NULL, kernel_side, NULL)) {
		check(0, "set up the FIFOs: %s", strerror(errno));
		return;
	}
	ret = logonsess_logon("interactive", "S-1-22-1-1000", "unit", "tty2",
			      &id);
	pthread_join(thread, &request);
	check(request && !strcmp(request, "type=interactive user=S-1-22-1-1000 auth=unit origin=tty2"),
	      "logon writes one request: %s", request ? (char *)request : "(none)");
	free(request);
	check(ret == -ENOENT && !id,
	      "logon whose new ID cannot be read back fails (%d)", ret);
	check(!strcmp(get("join"), "id=0x3e8"),
	      "... and joins back the session the thread was in (join: \"%s\")",
	      get("join"));
}

/* What logonsess_logon_flags() writes to logon: link=self, last. */
static void test_logon_flags(void)
{
	uint64_t id = 0;
	int ret;

	put("self", USER_LINE);
	put("logon", "");
	ret = logonsess_logon_flags("interactive", "S-1-22-1-0", "sudo", NULL,
				    LOGONSESS_LINK_SELF, &id);
	check(!ret && id == 0x3e8 &&
	      !strcmp(get("logon"), "type=interactive user=S-1-22-1-0 auth=sudo link=self"),
	      "logon_flags(LOGONSESS_LINK_SELF) asks for link=self (%d: \"%s\")",
	      ret, get("logon"));
	put("logon", "");
	ret = logonsess_logon_flags("interactive", "S-1-22-1-0", "su", "tty1",
				    0, &id);
	check(!ret && !strcmp(get("logon"), "type=interactive user=S-1-22-1-0 auth=su origin=tty1"),
	      "logon_flags(0): no link key (%d: \"%s\")", ret, get("logon"));
	put("logon", "");
	ret = logonsess_logon("interactive", "S-1-22-1-0", "su", NULL, &id);
	check(!ret && !strcmp(get("logon"), "type=interactive user=S-1-22-1-0 auth=su"),
	      "logon is logon_flags(0) (%d: \"%s\")", ret, get("logon"));
	put("logon", "");
	ret = logonsess_logon_flags("interactive", "S-1-22-1-0", "su", NULL,
				    0x2, &id);
	check(ret == -EINVAL && !get("logon")[0],
	      "an unknown flag: -EINVAL, nothing written (%d)", ret);
}

/*
 * logonsess_peer_session() on the host: SO_PEERPIDFD is the kernel's
 * (6.5 and later), the session is looked up in the stand-in processes
 * file. A socketpair's peer is this process; a peer that connected and
 * was reaped is -ESRCH even though processes still names its PID.
 */
static void test_peer_session(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	struct logonsess_session *s;
	char line[256];
	int sv[2], lfd, cfd, status, ret;
	uint64_t id = 0;
	pid_t child;

	snprintf(line, sizeof(line), "pid=1 id=0x3e7 comm=init\npid=%d id=0x3e8 comm=lib_test\n",
		 (int)getpid());
	put("processes", line);
	put("sessions", SYSTEM_LINE USER_LINE);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		check(0, "socketpair: %s", strerror(errno));
		return;
	}
	ret = logonsess_peer_session(sv[0], &id);
	if (ret == -ENOPROTOOPT) {
		check(1, "# SKIP the host kernel has no SO_PEERPIDFD");
		close(sv[0]);
		close(sv[1]);
		return;
	}
	check(!ret && id == 0x3e8,
	      "peer_session of a socketpair: this process's session (%d, 0x%" PRIx64 ")",
	      ret, id);
	ret = logonsess_peer_session_get(sv[1], &s);
	check(!ret && s && logonsess_session_id(s) == 0x3e8 &&
	      !strcmp(logonsess_session_auth(s), "login"),
	      "peer_session_get: the session's data (%d)", ret);
	logonsess_session_free(s);
	close(sv[0]);
	close(sv[1]);

	ret = logonsess_peer_session(0, &id);
	check(ret == -ENOTSOCK, "peer_session of a descriptor that is no socket: -ENOTSOCK (%d)",
	      ret);
	lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ret = logonsess_peer_session(lfd, &id);
	check(ret == -ENODATA, "peer_session of a socket that is not connected: -ENODATA (%d)",
	      ret);
	/* An abstract name: nothing to clean up. */
	snprintf(addr.sun_path + 1, sizeof(addr.sun_path) - 1,
		 "logonsess-lib-test-%d", (int)getpid());
	if (bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) || listen(lfd, 1)) {
		check(0, "bind/listen: %s", strerror(errno));
		close(lfd);
		return;
	}
	child = fork();
	if (!child) {
		int fd = socket(AF_UNIX, SOCK_STREAM, 0);

		_exit(connect(fd, (struct sockaddr *)&addr, sizeof(addr)) ? 1 : 0);
	}
	cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	waitpid(child, &status, 0);
	snprintf(line, sizeof(line), "pid=1 id=0x3e7 comm=init\npid=%d id=0x3e8 comm=reused\n",
		 (int)child);
	put("processes", line);
	ret = logonsess_peer_session(cfd, &id);
	check(cfd >= 0 && WIFEXITED(status) && !WEXITSTATUS(status) && ret == -ESRCH,
	      "peer_session of a peer that exited and was reaped: -ESRCH, though processes lists its PID (%d)",
	      ret);
	ret = logonsess_peer_session_get(cfd, &s);
	check(ret == -ESRCH && !s, "... and peer_session_get too, NULL (%d)", ret);
	close(cfd);
	close(lfd);
}

int main(void)
{
	const char *work = getenv("LOGONSESS_UNIT_WORK");

	snprintf(dir, sizeof(dir), "%s/lib_test", work ? work : "/tmp");
	mkdir(work ? work : "/tmp", 0755);
	mkdir(dir, 0755);
	/* The directory is made here, after fsdir.c ran: set it directly. */
	{
		extern const char *ls_fs_dir;

		ls_fs_dir = dir;
	}
	put("self", SYSTEM_LINE);
	check(logonsess_available() == 0, "available: the stand-in has self");
	test_getters();
	test_creator_linked();
	test_malformed();
	test_processes();
	test_strerror();
	test_boot_id();
	test_label();
	test_not_active();
	test_logon_rollback();
	test_logon_flags();
	test_peer_session();
	printf("1..%d\n", n);
	return failed;
}
