// SPDX-License-Identifier: GPL-2.0
/*
 * liblogonsess on the host: its parsing of the kernel's lines (files
 * written here, in a directory that stands in for securityfs: fsdir.c),
 * its getters, its errors, and that a logon it cannot read back leaves the
 * thread where it was. Prints TAP; exits with the number of failures.
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
#include <sys/stat.h>
#include <unistd.h>

#include <logonsess.h>

static char dir[4096];

#include "unit.h"

static char *get(const char *name)
{
	static char buf[4096];
	char path[4200];
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_RDONLY);
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

static void test_malformed(void)
{
	static const char *const lines[] = {
		"id=3e8 type=interactive user=S logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=1 state=active\n",
		"id=0x3e8 type=interactive user=S logon_sid=L auth=a time=yesterday refs=1 state=active\n",
		"id=0x3e8 type=interactive user=S logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=-2 state=active\n",
		"id=0x3e8 type=interactive user=S logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=1x state=active\n",
		"id=0x3e8 type=interactive logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=1 state=active\n",
		"id=0x3e8 type=interactive user=S logon_sid=L auth=a time=2026-11-21T06:32:57Z refs=1\n",
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
	test_malformed();
	test_processes();
	test_strerror();
	test_logon_rollback();
	printf("1..%d\n", n);
	return failed;
}
