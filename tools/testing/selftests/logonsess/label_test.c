// SPDX-License-Identifier: GPL-2.0
/*
 * Logon sessions LSM - tests of the logon SID as an access rule
 *
 * Two sessions of the same user (uid 1000), A and B, each kept alive by a
 * holder process; a directory of A labeled with A's logon SID. Actions "as
 * a member of a session" run in a child that joins it and drops to a uid.
 * Run as root, in a session that is neither (the guest's SYSTEM).
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <dirent.h>
#include <grp.h>
#include <linux/logonsess.h>

#include "../kselftest_harness.h"
#include "common.h"

#define USER 1000
#define OTHER_USER 1001

/* A process that logs on to a new session and keeps it alive. */
struct holder {
	pid_t pid;
	unsigned long long id;
	char sid[64];
};

static int hold_session(struct holder *h)
{
	int fd[2];

	if (pipe(fd))
		return -1;
	h->pid = fork();
	if (h->pid < 0)
		return -1;
	if (!h->pid) {
		unsigned long long id = 0;

		close(fd[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (!ls_request("logon", "type=interactive user=S-1-22-1-1000 auth=label_test"))
			id = self_id();
		if (write(fd[1], &id, sizeof(id)) != sizeof(id))
			_exit(1);
		close(fd[1]);
		for (;;)
			pause();
	}
	close(fd[1]);
	if (read(fd[0], &h->id, sizeof(h->id)) != sizeof(h->id))
		h->id = 0;
	close(fd[0]);
	snprintf(h->sid, sizeof(h->sid), "S-1-5-5-%llu-%llu", h->id >> 32,
		 h->id & 0xffffffffULL);
	return h->id ? 0 : -1;
}

static void end_holder(struct holder *h)
{
	if (h->pid > 0) {
		kill(h->pid, SIGKILL);
		waitpid(h->pid, NULL, 0);
		h->pid = 0;
	}
}

static int drop_caps(unsigned int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[cap / 32].effective &= ~(1U << (cap % 32));
	data[cap / 32].permitted &= ~(1U << (cap % 32));
	return syscall(SYS_capset, &hdr, data);
}

/*
 * Runs @fn(@arg) in a child in session @id (0: stay in ours), as @uid
 * (0: stay root); its exit status, 0 for success.
 */
static int as(unsigned long long id, uid_t uid, int (*fn)(void *), void *arg)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return 254;
	if (!pid) {
		char request[64];

		if (id) {
			snprintf(request, sizeof(request), "id=%#llx", id);
			if (ls_request("join", request))
				_exit(250);
		}
		if (uid && (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
			    setresuid(uid, uid, uid)))
			_exit(251);
		_exit(fn(arg));
	}
	if (waitpid(pid, &status, 0) != pid)
		return 253;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

/* errno of an operation that returns -1 on failure, 0 if it succeeded. */
#define ERR(expr) ((expr) < 0 ? errno : 0)

static int get_label(const char *path, char *buf, size_t size)
{
	ssize_t len = getxattr(path, LOGONSESS_XATTR_NAME, buf, size - 1);

	if (len < 0)
		return -errno;
	buf[len] = '\0';
	return 0;
}

struct ctx {
	char dir[64];		/* A's labeled directory */
	char path[128];		/* scratch */
	const char *sid;	/* a SID to write */
	int want;		/* an errno to expect */
};

static int make_labeled_dir(void *arg)
{
	struct ctx *c = arg;
	char path[160];
	int fd;

	if (mkdir(c->dir, 0755))
		return 1;
	if (setxattr(c->dir, LOGONSESS_XATTR_NAME, c->sid, strlen(c->sid), 0))
		return 2;
	snprintf(path, sizeof(path), "%s/file", c->dir);
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	if (fd < 0 || write(fd, "secret\n", 7) != 7)
		return 3;
	close(fd);
	snprintf(path, sizeof(path), "%s/script", c->dir);
	fd = open(path, O_CREAT | O_WRONLY, 0755);
	if (fd < 0 || write(fd, "#!/bin/sh\nexit 0\n", 17) != 17)
		return 4;
	close(fd);
	snprintf(path, sizeof(path), "%s/sub", c->dir);
	return mkdir(path, 0755) ? 5 : 0;
}

static int run_script(const char *path)
{
	pid_t pid = fork();
	int status;

	if (!pid) {
		execl(path, path, (char *)NULL);
		_exit(errno == EACCES ? 100 : 101);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) == 100 ? EACCES : WEXITSTATUS(status);
}

/* Every way in: each returns the errno it got, 0 for success. */
static int access_all(struct ctx *c, int want)
{
	char path[160];
	struct stat st;
	DIR *d;
	int fd, err;

	d = opendir(c->dir);
	err = d ? 0 : errno;
	if (d)
		closedir(d);
	if (err != want)
		return 10;
	snprintf(path, sizeof(path), "%s/file", c->dir);
	fd = open(path, O_RDONLY);
	err = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	if (err != want)
		return 11;
	if (ERR(stat(path, &st)) != want)
		return 12;
	snprintf(path, sizeof(path), "%s/new", c->dir);
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	err = fd < 0 ? errno : 0;
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	if (err != want)
		return 13;
	snprintf(path, sizeof(path), "%s/script", c->dir);
	if (run_script(path) != want)
		return 14;
	if (ERR(chdir(c->dir)) != want)
		return 15;
	/* The directory itself can be looked up in its parent. */
	if (ERR(stat(c->dir, &st)))
		return 16;
	return 0;
}

static int refused(void *arg)
{
	return access_all(arg, EACCES);
}

static int admitted(void *arg)
{
	return access_all(arg, 0);
}

/*
 * The directory alone, for a label changed on it: the files made in it
 * before keep the label they inherited.
 */
static int dir_access(struct ctx *c, int want)
{
	char path[160];
	DIR *d;
	int fd, err;

	d = opendir(c->dir);
	err = d ? 0 : errno;
	if (d)
		closedir(d);
	if (err != want)
		return 20;
	snprintf(path, sizeof(path), "%s/new", c->dir);
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	err = fd < 0 ? errno : 0;
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	return err != want ? 21 : 0;
}

static int dir_refused(void *arg)
{
	return dir_access(arg, EACCES);
}

static int dir_admitted(void *arg)
{
	return dir_access(arg, 0);
}

static int refused_without_mac_override(void *arg)
{
	if (drop_caps(CAP_MAC_OVERRIDE))
		return 1;
	return access_all(arg, EACCES);
}

static int refused_as_userns_root(void *arg)
{
	if (unshare(CLONE_NEWUSER))
		return 1;
	return access_all(arg, EACCES);
}

static int set_label(void *arg)
{
	struct ctx *c = arg;

	return ERR(setxattr(c->path, LOGONSESS_XATTR_NAME, c->sid,
			    strlen(c->sid), 0)) == c->want ? 0 : 1;
}

static int remove_label(void *arg)
{
	struct ctx *c = arg;

	return ERR(removexattr(c->path, LOGONSESS_XATTR_NAME)) == c->want ?
	       0 : 1;
}

FIXTURE(label) {
	struct holder a, b;
	struct ctx c;
};

FIXTURE_SETUP(label)
{
	char line[64];

	memset(self, 0, sizeof(*self));
	if (ls_read(LS "self", line, sizeof(line)) < 0)
		SKIP(return, "logonsess is not enabled");
	ASSERT_EQ(0U, geteuid());
	ASSERT_EQ(0, hold_session(&self->a));
	ASSERT_EQ(0, hold_session(&self->b));
	snprintf(self->c.dir, sizeof(self->c.dir), "/tmp/label-%d", getpid());
	/* A user's own directory under a world-writable one, as in /tmp. */
	chmod("/tmp", 01777);
	self->c.sid = self->a.sid;
	ASSERT_EQ(0, as(self->a.id, USER, make_labeled_dir, &self->c));
}

FIXTURE_TEARDOWN(label)
{
	char cmd[96];

	end_holder(&self->a);
	end_holder(&self->b);
	snprintf(cmd, sizeof(cmd), "rm -rf %s /tmp/moved-%d", self->c.dir,
		 getpid());
	if (system(cmd))
		TH_LOG("cannot remove %s", self->c.dir);
}

TEST_F(label, reading_the_attribute_gives_the_logon_sid)
{
	char buf[128];

	ASSERT_EQ(0, get_label(self->c.dir, buf, sizeof(buf)));
	EXPECT_STREQ(self->a.sid, buf);
}

TEST_F(label, another_session_of_the_same_user_is_refused)
{
	EXPECT_EQ(0, as(self->b.id, USER, refused, &self->c));
}

TEST_F(label, the_session_is_admitted)
{
	EXPECT_EQ(0, as(self->a.id, USER, admitted, &self->c));
}

static int member_of_another_uid(void *arg)
{
	struct ctx *c = arg;
	char path[160];
	int fd;

	/* Admitted by the label; the directory is 0755, the file 0644. */
	snprintf(path, sizeof(path), "%s/file", c->dir);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 1;
	close(fd);
	snprintf(path, sizeof(path), "%s/new", c->dir);
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	if (fd >= 0 || errno != EACCES)
		return 2;
	return 0;
}

TEST_F(label, dac_still_applies_to_members)
{
	EXPECT_EQ(0, as(self->a.id, OTHER_USER, member_of_another_uid,
			&self->c));
}

TEST_F(label, cap_mac_override_is_admitted)
{
	EXPECT_EQ(0, as(0, 0, admitted, &self->c));
}

TEST_F(label, root_without_cap_mac_override_is_refused)
{
	EXPECT_EQ(0, as(0, 0, refused_without_mac_override, &self->c));
}

TEST_F(label, root_in_a_user_namespace_is_refused)
{
	EXPECT_EQ(0, as(self->b.id, USER, refused_as_userns_root, &self->c));
}

TEST_F(label, labeling_with_another_sessions_sid_is_eperm)
{
	snprintf(self->c.path, sizeof(self->c.path), "%s/file", self->c.dir);
	self->c.sid = self->b.sid;
	self->c.want = EPERM;
	EXPECT_EQ(0, as(self->a.id, USER, set_label, &self->c));
}

TEST_F(label, malformed_labels_are_einval_and_change_nothing)
{
	static const char *const bad[] = {
		"hello", "S-1-5-21-1-2-3", "S-1-5-5-0-0", "S-1-5-5-0",
		"S-1-5-5-0-1000-1", "S-1-5-5-x-1000", " S-1-5-5-0-1000",
		"S-1-5-5-0-1000 boot=00000000000000000000000000000000",
		"S-1-5-5-2147483648-1000", "",
	};
	char buf[128];
	size_t i;

	snprintf(self->c.path, sizeof(self->c.path), "%s/file", self->c.dir);
	self->c.want = EINVAL;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		self->c.sid = bad[i];
		EXPECT_EQ(0, as(self->a.id, USER, set_label, &self->c))
			TH_LOG("label \"%s\"", bad[i]);
		/* By CAP_MAC_ADMIN too. */
		EXPECT_EQ(0, as(0, 0, set_label, &self->c))
			TH_LOG("label \"%s\" by root", bad[i]);
	}
	ASSERT_EQ(0, get_label(self->c.path, buf, sizeof(buf)));
	EXPECT_STREQ(self->a.sid, buf);
}

TEST_F(label, only_the_owner_labels)
{
	/* OTHER_USER, in A, does not own the files of A's directory. */
	snprintf(self->c.path, sizeof(self->c.path), "%s/file", self->c.dir);
	self->c.want = EPERM;
	EXPECT_EQ(0, as(self->a.id, OTHER_USER, set_label, &self->c));
	self->c.want = EPERM;
	EXPECT_EQ(0, as(self->a.id, OTHER_USER, remove_label, &self->c));
}

TEST_F(label, the_owner_in_another_session_cannot_relabel_or_remove)
{
	snprintf(self->c.path, sizeof(self->c.path), "%s", self->c.dir);
	self->c.sid = self->b.sid;
	self->c.want = EPERM;
	EXPECT_EQ(0, as(self->b.id, USER, set_label, &self->c));
	EXPECT_EQ(0, as(self->b.id, USER, remove_label, &self->c));
	EXPECT_EQ(0, as(self->b.id, USER, refused, &self->c));
}

TEST_F(label, cap_mac_admin_labels_with_any_active_session)
{
	char buf[128];

	snprintf(self->c.path, sizeof(self->c.path), "%s", self->c.dir);
	self->c.sid = self->b.sid;
	self->c.want = 0;
	ASSERT_EQ(0, as(0, 0, set_label, &self->c));
	ASSERT_EQ(0, get_label(self->c.dir, buf, sizeof(buf)));
	EXPECT_STREQ(self->b.sid, buf);
	EXPECT_EQ(0, as(self->b.id, USER, dir_admitted, &self->c));
	EXPECT_EQ(0, as(self->a.id, USER, dir_refused, &self->c));
	/* A session that does not exist: ENOENT. */
	self->c.sid = "S-1-5-5-0-4294967295";
	self->c.want = ENOENT;
	EXPECT_EQ(0, as(0, 0, set_label, &self->c));
	/* And back to A. */
	self->c.sid = self->a.sid;
	self->c.want = 0;
	EXPECT_EQ(0, as(0, 0, set_label, &self->c));
	EXPECT_EQ(0, as(self->a.id, USER, dir_admitted, &self->c));
}

TEST_F(label, a_member_removes_its_label)
{
	snprintf(self->c.path, sizeof(self->c.path), "%s", self->c.dir);
	self->c.want = 0;
	ASSERT_EQ(0, as(self->a.id, USER, remove_label, &self->c));
	EXPECT_EQ(0, as(self->b.id, USER, dir_admitted, &self->c));
	/* Relabel, remove as CAP_MAC_ADMIN. */
	self->c.sid = self->a.sid;
	ASSERT_EQ(0, as(self->a.id, USER, set_label, &self->c));
	EXPECT_EQ(0, as(self->b.id, USER, dir_refused, &self->c));
	ASSERT_EQ(0, as(0, 0, remove_label, &self->c));
	EXPECT_EQ(0, as(self->b.id, USER, dir_admitted, &self->c));
}

static int create_and_move_out(void *arg)
{
	struct ctx *c = arg;
	char path[160], buf[128];
	int fd;

	snprintf(path, sizeof(path), "%s/sub/inner", c->dir);
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	if (fd < 0)
		return 1;
	close(fd);
	if (get_label(path, buf, sizeof(buf)) || strcmp(buf, c->sid))
		return 2;
	snprintf(path, sizeof(path), "%s/sub", c->dir);
	if (get_label(path, buf, sizeof(buf)) || strcmp(buf, c->sid))
		return 3;
	snprintf(path, sizeof(path), "%s/sub/inner", c->dir);
	if (rename(path, c->path))
		return 4;
	return 0;
}

static int open_moved(void *arg)
{
	struct ctx *c = arg;
	int fd = open(c->path, O_RDONLY);

	if (fd >= 0)
		close(fd);
	return fd >= 0 ? 0 : errno;
}

TEST_F(label, new_files_inherit_and_keep_the_label_when_moved_out)
{
	snprintf(self->c.path, sizeof(self->c.path), "/tmp/moved-%d",
		 getpid());
	ASSERT_EQ(0, as(self->a.id, USER, create_and_move_out, &self->c));
	EXPECT_EQ(EACCES, as(self->b.id, USER, open_moved, &self->c));
	EXPECT_EQ(0, as(self->a.id, USER, open_moved, &self->c));
}

static int open_kept(void *arg)
{
	int *fd = arg;
	char buf[8];

	/* Open files keep the access they were opened with. */
	return pread(*fd, buf, sizeof(buf), 0) == 7 ? 0 : 1;
}

TEST_F(label, open_files_keep_their_access)
{
	char path[160];
	int fd;

	snprintf(path, sizeof(path), "%s/file", self->c.dir);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, as(self->b.id, USER, open_kept, &fd));
	close(fd);
}

static bool session_listed(unsigned long long id)
{
	static char buf[1 << 16];
	char want[32];

	if (ls_read(LS "sessions", buf, sizeof(buf)) < 0)
		return true;
	snprintf(want, sizeof(want), "id=%#llx ", id);
	return strstr(buf, want);
}

TEST_F(label, a_destroyed_sessions_label_admits_only_cap_mac_override)
{
	struct holder c2 = { 0 };
	int i;

	end_holder(&self->a);
	for (i = 0; i < 100 && session_listed(self->a.id); i++)
		usleep(20000);
	ASSERT_FALSE(session_listed(self->a.id));
	ASSERT_EQ(0, hold_session(&c2));
	EXPECT_EQ(0, as(c2.id, USER, refused, &self->c));
	EXPECT_EQ(0, as(self->b.id, USER, refused, &self->c));
	EXPECT_EQ(0, as(0, 0, admitted, &self->c));
	EXPECT_EQ(0, as(0, 0, refused_without_mac_override, &self->c));
	end_holder(&c2);
}

static int label_proc(void *arg)
{
	char sid[64];

	(void)arg;
	snprintf(sid, sizeof(sid), "S-1-5-5-%llu-%llu", self_id() >> 32,
		 self_id() & 0xffffffffULL);
	return ERR(setxattr("/proc/self/comm", LOGONSESS_XATTR_NAME, sid,
			    strlen(sid), 0));
}

TEST_F(label, a_filesystem_without_xattrs_is_eopnotsupp)
{
	EXPECT_EQ(EOPNOTSUPP, as(self->a.id, 0, label_proc, NULL));
}

TEST_HARNESS_MAIN
