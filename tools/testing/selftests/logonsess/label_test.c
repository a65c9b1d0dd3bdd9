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
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
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
	char label[128];	/* its label's value, bound to this boot */
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
	if (!h->id)
		return -1;
	return ls_label(h->id, h->label, sizeof(h->label));
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
	const char *value;	/* a label value to write */
	int want;		/* an errno to expect */
};

static int make_labeled_dir(void *arg)
{
	struct ctx *c = arg;
	char path[160];
	int fd;

	if (mkdir(c->dir, 0755))
		return 1;
	if (setxattr(c->dir, LOGONSESS_XATTR_NAME, c->value, strlen(c->value), 0))
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

	return ERR(setxattr(c->path, LOGONSESS_XATTR_NAME, c->value,
			    strlen(c->value), 0)) == c->want ? 0 : 1;
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
	self->c.value = self->a.label;
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

TEST_F(label, reading_the_attribute_gives_the_label_bound_to_the_boot)
{
	char buf[128];

	ASSERT_EQ(0, get_label(self->c.dir, buf, sizeof(buf)));
	EXPECT_STREQ(self->a.label, buf);
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
	self->c.value = self->b.label;
	self->c.want = EPERM;
	EXPECT_EQ(0, as(self->a.id, USER, set_label, &self->c));
}

TEST_F(label, malformed_labels_are_einval_and_change_nothing)
{
	static const char *const bad[] = {
		"hello", "S-1-5-21-1-2-3", "S-1-5-5-0-0", "S-1-5-5-0",
		"S-1-5-5-0-1000-1", "S-1-5-5-x-1000", " S-1-5-5-0-1000",
		"S-1-5-5-2147483648-1000", "",
		/* The SID without its boot, as earlier versions took it. */
		"S-1-5-5-0-1000",
		"S-1-5-5-0-1000 boot=",
		"S-1-5-5-0-1000 boot=0000000000000000000000000000000",
		"S-1-5-5-0-1000 boot=0000000000000000000000000000000g",
		"S-1-5-5-0-1000 boot=00000000000000000000000000000000 ",
		"S-1-5-5-0-1000 bootid=00000000000000000000000000000000",
	};
	char buf[128];
	size_t i;

	snprintf(self->c.path, sizeof(self->c.path), "%s/file", self->c.dir);
	self->c.want = EINVAL;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		self->c.value = bad[i];
		EXPECT_EQ(0, as(self->a.id, USER, set_label, &self->c))
			TH_LOG("label \"%s\"", bad[i]);
		/* By CAP_MAC_ADMIN too. */
		EXPECT_EQ(0, as(0, 0, set_label, &self->c))
			TH_LOG("label \"%s\" by root", bad[i]);
	}
	ASSERT_EQ(0, get_label(self->c.path, buf, sizeof(buf)));
	EXPECT_STREQ(self->a.label, buf);
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
	self->c.value = self->b.label;
	self->c.want = EPERM;
	EXPECT_EQ(0, as(self->b.id, USER, set_label, &self->c));
	EXPECT_EQ(0, as(self->b.id, USER, remove_label, &self->c));
	EXPECT_EQ(0, as(self->b.id, USER, refused, &self->c));
}

TEST_F(label, cap_mac_admin_labels_with_any_session_of_this_boot)
{
	char buf[128];

	snprintf(self->c.path, sizeof(self->c.path), "%s", self->c.dir);
	self->c.value = self->b.label;
	self->c.want = 0;
	ASSERT_EQ(0, as(0, 0, set_label, &self->c));
	ASSERT_EQ(0, get_label(self->c.dir, buf, sizeof(buf)));
	EXPECT_STREQ(self->b.label, buf);
	EXPECT_EQ(0, as(self->b.id, USER, dir_admitted, &self->c));
	EXPECT_EQ(0, as(self->a.id, USER, dir_refused, &self->c));
	/* A session that does not exist: ENOENT. */
	ASSERT_EQ(0, ls_label(0xffffffffULL, buf, sizeof(buf)));
	self->c.value = buf;
	self->c.want = ENOENT;
	EXPECT_EQ(0, as(0, 0, set_label, &self->c));
	/* And back to A. */
	self->c.value = self->a.label;
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
	self->c.value = self->a.label;
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
	if (get_label(path, buf, sizeof(buf)) || strcmp(buf, c->value))
		return 2;
	snprintf(path, sizeof(path), "%s/sub", c->dir);
	if (get_label(path, buf, sizeof(buf)) || strcmp(buf, c->value))
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
	/* CAP_MAC_ADMIN may still write it (a restore): it admits nobody. */
	snprintf(self->c.path, sizeof(self->c.path), "%s", self->c.dir);
	self->c.value = self->a.label;
	self->c.want = 0;
	EXPECT_EQ(0, as(0, 0, set_label, &self->c));
	EXPECT_EQ(0, as(c2.id, USER, refused, &self->c));
	end_holder(&c2);
}

static int label_proc(void *arg)
{
	char label[128];

	(void)arg;
	if (ls_label(self_id(), label, sizeof(label)))
		return 1;
	return ERR(setxattr("/proc/self/comm", LOGONSESS_XATTR_NAME, label,
			    strlen(label), 0));
}

TEST_F(label, a_filesystem_without_xattrs_is_eopnotsupp)
{
	EXPECT_EQ(EOPNOTSUPP, as(self->a.id, 0, label_proc, NULL));
}

/* A's label bound to a boot that is not this one: a label restored from a
 * backup made before a reboot.
 */
static void other_boot_label(unsigned long long id, char *buf, size_t size)
{
	snprintf(buf, size,
		 "S-1-5-5-%llu-%llu boot=00000000000000000000000000000000",
		 id >> 32, id & 0xffffffffULL);
}

TEST_F(label, a_label_of_another_boot_is_restored_only_by_cap_mac_admin)
{
	char value[128], buf[128];

	other_boot_label(self->a.id, value, sizeof(value));
	snprintf(self->c.path, sizeof(self->c.path), "%s/file", self->c.dir);
	self->c.value = value;
	/* The owner, a member of A: it would lock its own file. */
	self->c.want = EPERM;
	EXPECT_EQ(0, as(self->a.id, USER, set_label, &self->c));
	self->c.want = 0;
	ASSERT_EQ(0, as(0, 0, set_label, &self->c));
	/* Stored as written, in one write; stale: it admits nobody. */
	ASSERT_EQ(0, get_label(self->c.path, buf, sizeof(buf)));
	EXPECT_STREQ(value, buf);
	EXPECT_EQ(EACCES, as(self->a.id, USER, open_moved, &self->c));
	EXPECT_EQ(0, as(0, 0, open_moved, &self->c));
	self->c.want = EPERM;
	EXPECT_EQ(0, as(self->a.id, USER, remove_label, &self->c));
	self->c.want = 0;
	EXPECT_EQ(0, as(0, 0, remove_label, &self->c));
	EXPECT_EQ(0, as(self->a.id, USER, open_moved, &self->c));
}

static int read_label(void *arg)
{
	struct ctx *c = arg;
	char buf[128];

	return -get_label(c->path, buf, sizeof(buf));
}

static int read_label_without_mac_admin(void *arg)
{
	if (drop_caps(CAP_MAC_ADMIN))
		return 1;
	return read_label(arg);
}

static int read_label_without_mac_admin_and_fowner(void *arg)
{
	if (drop_caps(CAP_MAC_ADMIN) || drop_caps(CAP_FOWNER))
		return 1;
	return read_label(arg);
}

TEST_F(label, only_members_the_owner_cap_fowner_and_cap_mac_admin_read_a_label)
{
	snprintf(self->c.path, sizeof(self->c.path), "%s", self->c.dir);
	EXPECT_EQ(0, as(self->a.id, USER, read_label, &self->c));
	EXPECT_EQ(0, as(self->a.id, OTHER_USER, read_label, &self->c));
	EXPECT_EQ(0, as(self->b.id, USER, read_label, &self->c));
	EXPECT_EQ(0, as(0, 0, read_label, &self->c));
	EXPECT_EQ(EACCES, as(self->b.id, OTHER_USER, read_label, &self->c));
	EXPECT_EQ(0, as(0, 0, read_label_without_mac_admin, &self->c));
	EXPECT_EQ(EACCES, as(0, 0, read_label_without_mac_admin_and_fowner,
			     &self->c));
	/* No label: ENODATA, for anyone. */
	snprintf(self->c.path, sizeof(self->c.path), "/tmp");
	EXPECT_EQ(ENODATA, as(self->b.id, OTHER_USER, read_label, &self->c));
}

/*
 * Ptrace-mode access: a process of A, as USER, dumpable, holding A's file
 * open on TARGET_FD; probes from other processes.
 */
#define TARGET_FD 100

struct target {
	pid_t pid;
	char dir[64];
};

static int start_target(struct target *t, const struct holder *h,
			const char *dir)
{
	char path[160], request[64];
	int fd[2], fd2;
	char ok = 0;

	snprintf(t->dir, sizeof(t->dir), "%s", dir);
	if (pipe(fd))
		return -1;
	t->pid = fork();
	if (t->pid < 0)
		return -1;
	if (!t->pid) {
		close(fd[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		snprintf(request, sizeof(request), "id=%#llx", h->id);
		snprintf(path, sizeof(path), "%s/file", dir);
		if (ls_request("join", request) || setgroups(0, NULL) ||
		    setresgid(USER, USER, USER) || setresuid(USER, USER, USER) ||
		    prctl(PR_SET_DUMPABLE, 1))
			_exit(1);
		fd2 = open(path, O_RDONLY);
		if (fd2 < 0 || dup2(fd2, TARGET_FD) != TARGET_FD)
			_exit(2);
		close(fd2);
		ok = 1;
		if (write(fd[1], &ok, 1) != 1)
			_exit(3);
		for (;;)
			pause();
	}
	close(fd[1]);
	if (read(fd[0], &ok, 1) != 1)
		ok = 0;
	close(fd[0]);
	return ok ? 0 : -1;
}

static int probe_dumpable(void)
{
	return prctl(PR_SET_DUMPABLE, 1);
}

static int steal_fd(void *arg)
{
	struct target *t = arg;
	int pidfd, fd, err;
	char buf[8];

	if (probe_dumpable())
		return 200;
	pidfd = syscall(SYS_pidfd_open, t->pid, 0);
	if (pidfd < 0)
		return 201;
	fd = syscall(SYS_pidfd_getfd, pidfd, TARGET_FD, 0);
	err = fd < 0 ? errno : 0;
	if (fd >= 0 && pread(fd, buf, sizeof(buf), 0) != 7)
		err = 202;
	return err;
}

static int open_proc(struct target *t, const char *what)
{
	char path[64];
	int fd;

	if (probe_dumpable())
		return 200;
	snprintf(path, sizeof(path), "/proc/%d/%s", t->pid, what);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int open_mem(void *arg)
{
	return open_proc(arg, "mem");
}

static int reopen_fd(void *arg)
{
	return open_proc(arg, "fd/100");
}

static int open_environ(void *arg)
{
	return open_proc(arg, "environ");
}

static int attach(void *arg)
{
	struct target *t = arg;

	if (probe_dumpable())
		return 200;
	if (ptrace(PTRACE_ATTACH, t->pid, NULL, NULL))
		return errno;
	waitpid(t->pid, NULL, __WALL);
	return ptrace(PTRACE_DETACH, t->pid, NULL, NULL) ? 203 : 0;
}

/* Yama's relational scope refuses all this anyway: make it commoncap's. */
static int set_ptrace_scope(const char *value, char *old, size_t size)
{
	const char *path = "/proc/sys/kernel/yama/ptrace_scope";
	int fd = open(path, O_RDWR);
	ssize_t len;

	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	len = old ? read(fd, old, size - 1) : 0;
	if (len < 0 || lseek(fd, 0, SEEK_SET) ||
	    write(fd, value, strlen(value)) != (ssize_t)strlen(value)) {
		close(fd);
		return -1;
	}
	if (old)
		old[len] = '\0';
	close(fd);
	return 0;
}

TEST_F(label, another_session_of_the_same_user_cannot_trace_or_inspect)
{
	struct target t = { 0 };
	char scope[16] = "";

	ASSERT_EQ(0, set_ptrace_scope("0", scope, sizeof(scope)));
	ASSERT_EQ(0, start_target(&t, &self->a, self->c.dir));
	EXPECT_EQ(EPERM, as(self->b.id, USER, steal_fd, &t));
	EXPECT_EQ(EACCES, as(self->b.id, USER, open_mem, &t));
	EXPECT_EQ(EACCES, as(self->b.id, USER, open_environ, &t));
	EXPECT_EQ(EACCES, as(self->b.id, USER, reopen_fd, &t));
	EXPECT_EQ(EPERM, as(self->b.id, USER, attach, &t));
	/* Within the session, and with CAP_SYS_PTRACE: as before. */
	EXPECT_EQ(0, as(self->a.id, USER, steal_fd, &t));
	EXPECT_EQ(0, as(self->a.id, USER, open_mem, &t));
	EXPECT_EQ(0, as(self->a.id, USER, open_environ, &t));
	EXPECT_EQ(0, as(self->a.id, USER, attach, &t));
	EXPECT_EQ(0, as(0, 0, steal_fd, &t));
	EXPECT_EQ(0, as(0, 0, open_mem, &t));
	EXPECT_EQ(0, as(self->b.id, 0, attach, &t));
	kill(t.pid, SIGKILL);
	waitpid(t.pid, NULL, 0);
	if (scope[0])
		EXPECT_EQ(0, set_ptrace_scope(scope, NULL, 0));
}

/*
 * PTRACE_TRACEME from a child that joined session *@arg (0: none), the
 * parent (root, in SYSTEM) without CAP_SYS_PTRACE if @drop.
 */
struct traceme {
	unsigned long long id;
	bool drop;
};

static int traceme(void *arg)
{
	struct traceme *tm = arg;
	char request[64];
	int status;
	pid_t pid;

	if (tm->drop && drop_caps(CAP_SYS_PTRACE))
		return 200;
	pid = fork();
	if (pid < 0)
		return 201;
	if (!pid) {
		snprintf(request, sizeof(request), "id=%#llx", tm->id);
		if (tm->id && ls_request("join", request))
			_exit(202);
		_exit(ptrace(PTRACE_TRACEME, 0, NULL, NULL) ? errno : 0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 203;
	return WEXITSTATUS(status);
}

TEST_F(label, traceme_across_sessions_needs_cap_sys_ptrace_in_the_tracer)
{
	struct traceme tm = { .id = self->b.id, .drop = true };

	EXPECT_EQ(EPERM, as(0, 0, traceme, &tm));
	tm.drop = false;
	EXPECT_EQ(0, as(0, 0, traceme, &tm));
	tm.id = 0;
	tm.drop = true;
	EXPECT_EQ(0, as(0, 0, traceme, &tm));
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	ssize_t len = fd < 0 ? -1 : write(fd, text, strlen(text));

	if (fd >= 0)
		close(fd);
	return len == (ssize_t)strlen(text) ? 0 : -1;
}

static int set_value(const char *path, const char *value)
{
	return setxattr(path, LOGONSESS_XATTR_NAME, value, strlen(value), 0);
}

TEST_F(label, overlay_copy_up_keeps_a_stale_or_ended_label)
{
	char base[64], path[160], opts[400], value[128], buf[128];
	struct holder c2 = { 0 };
	struct ctx c = { 0 };
	int fd, i;

	snprintf(base, sizeof(base), "/tmp/ovl-%d", getpid());
	ASSERT_EQ(0, mkdir(base, 0755));
	ASSERT_EQ(0, mount("tmpfs", base, "tmpfs", 0, "mode=0755"));
	snprintf(path, sizeof(path), "%s/lower", base);
	ASSERT_EQ(0, mkdir(path, 0755));
	snprintf(path, sizeof(path), "%s/upper", base);
	ASSERT_EQ(0, mkdir(path, 0755));
	snprintf(path, sizeof(path), "%s/work", base);
	ASSERT_EQ(0, mkdir(path, 0755));
	snprintf(path, sizeof(path), "%s/merged", base);
	ASSERT_EQ(0, mkdir(path, 0755));

	/* lower/d: an ended session's label; lower/f: another boot's. */
	snprintf(path, sizeof(path), "%s/lower/d", base);
	ASSERT_EQ(0, mkdir(path, 0777));
	ASSERT_EQ(0, hold_session(&c2));
	ASSERT_EQ(0, set_value(path, c2.label));
	end_holder(&c2);
	for (i = 0; i < 100 && session_listed(c2.id); i++)
		usleep(20000);
	ASSERT_FALSE(session_listed(c2.id));
	snprintf(path, sizeof(path), "%s/lower/f", base);
	ASSERT_EQ(0, write_file(path, "secret\n"));
	other_boot_label(self->a.id, value, sizeof(value));
	EXPECT_EQ(0, set_value(path, value));

	snprintf(opts, sizeof(opts),
		 "lowerdir=%s/lower,upperdir=%s/upper,workdir=%s/work", base,
		 base, base);
	snprintf(path, sizeof(path), "%s/merged", base);
	ASSERT_EQ(0, mount("overlay", path, "overlay", 0, opts));

	/* root (CAP_MAC_OVERRIDE) writes below both: copy-ups. */
	snprintf(path, sizeof(path), "%s/merged/d/new", base);
	EXPECT_EQ(0, write_file(path, "new\n"))
		TH_LOG("create below d: %s", strerror(errno));
	snprintf(path, sizeof(path), "%s/merged/f", base);
	fd = open(path, O_WRONLY | O_APPEND);
	EXPECT_LE(0, fd) TH_LOG("copy-up of f: %s", strerror(errno));
	if (fd >= 0)
		close(fd);

	/* The copies keep their labels: stale, or the ended session's. */
	snprintf(path, sizeof(path), "%s/upper/f", base);
	ASSERT_EQ(0, get_label(path, buf, sizeof(buf)));
	EXPECT_EQ(0, strncmp(buf, value, strlen("S-1-5-5-0-")));
	EXPECT_EQ(strlen(value), strlen(buf));
	snprintf(c.path, sizeof(c.path), "%s/merged/f", base);
	EXPECT_EQ(EACCES, as(self->a.id, USER, open_moved, &c));
	snprintf(c.path, sizeof(c.path), "%s/upper/f", base);
	EXPECT_EQ(EACCES, as(self->a.id, USER, open_moved, &c));
	snprintf(path, sizeof(path), "%s/upper/d", base);
	ASSERT_EQ(0, get_label(path, buf, sizeof(buf)));
	EXPECT_STREQ(c2.label, buf);
	snprintf(path, sizeof(path), "%s/upper/d/new", base);
	ASSERT_EQ(0, get_label(path, buf, sizeof(buf)));
	EXPECT_STREQ(c2.label, buf);
	snprintf(c.path, sizeof(c.path), "%s/merged/d/new", base);
	EXPECT_EQ(EACCES, as(self->b.id, USER, open_moved, &c));

	snprintf(path, sizeof(path), "%s/merged", base);
	EXPECT_EQ(0, umount(path));
	EXPECT_EQ(0, umount(base));
	rmdir(base);
}

TEST_HARNESS_MAIN
