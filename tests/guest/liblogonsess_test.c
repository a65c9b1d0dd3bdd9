// SPDX-License-Identifier: GPL-2.0
/*
 * liblogonsess against the real kernel, in the guest, as root: every
 * function of the API, its errors, and that a failed call changes nothing;
 * the boot ID and the label against the kernel's boot_id and getxattr.
 * Prints TAP; exits with the number of failures.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
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

	check(!strcmp(logonsess_strerror(-EOPNOTSUPP),
		      "Operation not supported") &&
	      !strcmp(logonsess_strerror(-ENOENT),
		      "No such file or directory") &&
	      !strcmp(logonsess_strerror(-E2BIG), "Argument list too long"),
	      "strerror is the system's text, whichever call failed");
	printf("1..%d\n", n);
	return failed;
}
