// SPDX-License-Identifier: GPL-2.0-only
/*
 * logonsess failnth_label: a label is stored in one write. On the debug
 * kernel, with the ext4 filesystem on DEV mounted at DIR, for n = 1, 2,
 * ...: the owner of DIR/file, in its own session, labels it with fail-nth
 * armed with n, so that the n-th slab allocation of the setxattr fails.
 * Then DIR is unmounted and mounted again, so that the inode is read
 * again from the disk, and the session opens the file. Whatever allocation that hits, either
 * setxattr failed and the file is still unlabeled, or it succeeded and
 * the label read back from the disk is the one written, and admits the
 * session. The loop ends with the first setxattr that left fail-nth
 * unconsumed.
 *
 *   logonsess_failnth_label [-n MAX] DEV DIR
 *
 * Prints "ok - ..." / "not ok - ..." lines; exit status 1 on a failure.
 */

#include "stress.h"

#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/xattr.h>

#define USER 1000
#define NAME "security.logonsess"

struct result {
	int err;		/* of the step: 0 or an errno */
	long left;		/* fail-nth left after the setxattr */
	char value[128];	/* the label read back */
};

static struct result *res;
static char file[256], label[128];
static const char *dev, *dir;

/* In a child: join session @id as USER, run @step, exit. */
static int in_session(unsigned long long id, void (*step)(unsigned int),
		      unsigned int nth)
{
	char request[64];
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		snprintf(request, sizeof(request), "id=%#llx", id);
		/* Dumpable again, or /proc/thread-self is root's. */
		if (ls_request("join", request) || setresgid(USER, USER, USER) ||
		    setresuid(USER, USER, USER) || prctl(PR_SET_DUMPABLE, 1))
			_exit(2);
		step(nth);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) ? -1 : 0;
}

static void set_label(unsigned int nth)
{
	int fail = fail_nth_arm(nth);
	int ret;

	if (fail < 0) {
		res->err = errno;
		_exit(2);
	}
	ret = setxattr(file, NAME, label, strlen(label), 0);
	res->left = fail_nth_left(fail);
	res->err = ret ? errno : 0;
}

/* Open the file and read its label, as the session. */
static void read_back(unsigned int nth)
{
	ssize_t len;
	int fd;

	(void)nth;
	res->value[0] = '\0';
	fd = open(file, O_RDONLY | O_CLOEXEC);
	res->err = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	len = getxattr(file, NAME, res->value, sizeof(res->value) - 1);
	res->value[len < 0 ? 0 : len] = '\0';
	if (len < 0)
		snprintf(res->value, sizeof(res->value), "(%s)",
			 strerror(errno));
}

/* What the disk keeps: a new mount reads every inode from it. */
static int remount(void)
{
	if (umount(dir))
		return -1;
	return mount(dev, dir, "ext4", 0, NULL);
}

/* A holder of a session: logs on, then waits to be killed. */
static pid_t hold(unsigned long long *id)
{
	int fd[2];
	pid_t pid;

	if (pipe(fd))
		return -1;
	pid = fork();
	if (!pid) {
		*id = 0;
		if (!ls_request("logon", "type=interactive user=S-1-22-1-1000 auth=failnth"))
			*id = self_id();
		if (write(fd[1], "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(fd[1]);
	if (pid < 0 || read(fd[0], &fd[1], 1) != 1)
		pid = -1;
	close(fd[0]);
	return pid;
}

int main(int argc, char **argv)
{
	unsigned int nth, max = 300, n_failed = 0, n_ok = 0, bad = 0;
	unsigned long long *id;
	struct failslab saved;
	bool complete = false, set_ok;
	int opt, failures = 0, fd;
	pid_t holder;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt != 'n')
			break;
		max = atoi(optarg);
	}
	if (optind != argc - 2) {
		fprintf(stderr, "usage: %s [-n MAX] DEV DIR\n", argv[0]);
		return 2;
	}
	dev = argv[optind];
	dir = argv[optind + 1];
	setvbuf(stdout, NULL, _IOLBF, 0);
	res = shared(sizeof(*res));
	id = shared(sizeof(*id));
	snprintf(file, sizeof(file), "%s/file", dir);
	fd = open(file, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || fchown(fd, USER, USER)) {
		printf("not ok - create %s: %s\n", file, strerror(errno));
		return 1;
	}
	close(fd);
	holder = hold(id);
	if (holder < 0 || !*id || ls_label(*id, label, sizeof(label))) {
		printf("not ok - a session for the owner\n");
		return 1;
	}
	if (failslab_arm(&saved))
		return 1;

	for (nth = 1; nth <= max && !complete; nth++) {
		removexattr(file, NAME);
		if (in_session(*id, set_label, nth)) {
			printf("# n=%u: the labeling child failed (%s)\n", nth,
			       strerror(res->err));
			failures++;
			break;
		}
		if (res->err == EINVAL || res->err == EPERM) {
			printf("not ok - the owner labels its file: %s\n",
			       strerror(res->err));
			failures++;
			break;
		}
		set_ok = !res->err;
		if (set_ok)
			n_ok++;
		else
			n_failed++;
		complete = set_ok && res->left > 0;
		/* What the disk keeps, read by a new inode. */
		if (remount() || in_session(*id, read_back, 0)) {
			printf("# n=%u: the remount or the reading child failed\n",
			       nth);
			failures++;
			break;
		}
		if (!res->err && !strcmp(res->value, set_ok ? label :
					 "(No data available)"))
			continue;
		bad++;
		printf("# n=%u: setxattr %s; then the session's open %s and the label reads %s\n",
		       nth, set_ok ? "succeeded" : "failed",
		       res->err ? strerror(res->err) : "succeeds", res->value);
	}
	printf("# %u setxattr with their n-th allocation failed: %u failed, %u succeeded\n",
	       nth - 1, n_failed, n_ok);
	if (!complete) {
		printf("not ok - a setxattr with nothing failed within %u tries\n", max);
		failures++;
	} else {
		printf("ok - labeling makes %u slab allocations; each one failed once\n",
		       nth - 2);
	}
	printf("%s - after every setxattr, the disk kept what it reported: the label written, or none (%u did not)\n",
	       bad ? "not ok" : "ok", bad);
	failures += !!bad;
	failslab_restore(&saved);
	kill(holder, SIGKILL);
	waitpid(holder, NULL, 0);
	return failures ? 1 : 0;
}
