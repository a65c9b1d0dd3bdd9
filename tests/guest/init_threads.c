// SPDX-License-Identifier: GPL-2.0
/*
 * PID 1 of a boot of its own (rdinit=/tests/init_threads): a thread of
 * init, not its main thread, logs on to a session. Logging that session
 * off must be refused (EBUSY): its SIGKILL would kill init, and the kernel
 * would panic. A session init is not in is still logged off. Prints TAP
 * lines and the logonsess-guest-exit= marker, then powers off.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../tools/testing/selftests/logonsess/common.h"
#include "tap.h"

#define REQUEST "type=service user=S-1-5-80-1-2-3-4-5 auth=init_threads"

static int pipefd[2];

static void *in_session(void *arg)
{
	unsigned long long id = 0;

	(void)arg;
	if (!ls_request("logon", REQUEST))
		id = self_id();
	if (write(pipefd[1], &id, sizeof(id)) != sizeof(id))
		return NULL;
	for (;;)
		pause();
}

/* The errno of a logoff of @id written by a child; -1 if it died. */
static int logoff(unsigned long long id)
{
	char request[64];
	int status;
	pid_t pid = fork();

	if (!pid) {
		snprintf(request, sizeof(request), "id=%#llx", id);
		_exit(-ls_request("logoff", request));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(void)
{
	unsigned long long id = 0, other = 0, main_id;
	pthread_t thread;
	int status, err;
	pid_t pid;

	mkdir("/proc", 0755);
	mkdir("/sys", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("securityfs", "/sys/kernel/security", "securityfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# init_threads: pid %d\n", getpid());

	main_id = self_id();
	if (pipe(pipefd) || pthread_create(&thread, NULL, in_session, NULL) ||
	    read(pipefd[0], &id, sizeof(id)) != sizeof(id))
		id = 0;
	check(id && id != main_id && self_id() == main_id,
	      "a thread of init logs on to a session of its own");
	if (id) {
		err = logoff(id);
		check(err == EBUSY,
		      "logoff of the session of a thread of init is EBUSY (%s)",
		      err < 0 ? "the child died" : strerror(err));
		check(pthread_kill(thread, 0) == 0,
		      "the thread of init is still alive");
	}

	/* A session init is not in: logged off, its process killed. */
	pid = fork();
	if (!pid) {
		if (ls_request("logon", REQUEST))
			_exit(1);
		other = self_id();
		if (write(pipefd[1], &other, sizeof(other)) != sizeof(other))
			_exit(1);
		for (;;)
			pause();
	}
	if (pid < 0 || read(pipefd[0], &other, sizeof(other)) != sizeof(other))
		other = 0;
	err = other ? logoff(other) : -1;
	check(err == 0,
	      "a session only a child of init is in is logged off (%s)",
	      err < 0 ? "no session or the child died" : strerror(err));
	check(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGKILL, "and the child is killed");

	printf("1..%d\n", n);
	printf("logonsess-guest-exit=%d\n", failed ? 1 : 0);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
