// SPDX-License-Identifier: GPL-2.0
/*
 * liblogonsess's tmpdir functions on the host (as root): the checks of
 * the parent, the label create sets (the logon SID bound to the boot_id of
 * the stand-in: the host has no logonsess, so its file system stores what
 * is written), removal of deep trees, and --clean-tmpdirs' keeping of IDs
 * newer than its snapshot (unless labeled for another boot) and of
 * directories labeled for this boot.
 * The sessions and boot_id files are stand-ins (fsdir.c). Prints TAP;
 * exits with the number of failures.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <logonsess.h>

static char dir[2048], parent[4096];

#include "unit.h"

#define WK(id, sid) "id=" id " type=system user=S-1-5-18 logon_sid=" sid " auth=kernel time=2026-11-21T06:01:02Z origin=- refs=- state=active\n"
#define SESSIONS WK("0x3e4", "S-1-5-20") WK("0x3e5", "S-1-5-19") \
	WK("0x3e6", "S-1-5-7") WK("0x3e7", "S-1-5-18") \
	"id=0x3e8 type=interactive user=S-1-22-1-1000 logon_sid=S-1-5-5-0-1000 auth=login time=2026-11-21T06:32:57Z origin=tty1 refs=0 state=logged_off\n"

#define BOOT "0123456789abcdef0123456789abcdef"
#define OTHER_BOOT "fedcba9876543210fedcba9876543210"
#define XATTR "security.logonsess"

/* The security.logonsess of @path, or "" (a static buffer). */
static const char *label_of(const char *path)
{
	static char buf[256];
	ssize_t len = getxattr(path, XATTR, buf, sizeof(buf) - 1);

	buf[len < 0 ? 0 : len] = '\0';
	return buf;
}

/* A directory at most 300 levels deep with 40-byte names: > PATH_MAX. */
static int deep_tree(int levels)
{
	static const char name[] = "dddddddddddddddddddddddddddddddddddddddd";
	int fd, next, i;

	fd = open(parent, O_RDONLY | O_DIRECTORY);
	if (fd < 0 || mkdirat(fd, "0x3e9", 0700))
		return -1;
	next = openat(fd, "0x3e9", O_RDONLY | O_DIRECTORY);
	close(fd);
	fd = next;
	for (i = 0; fd >= 0 && i < levels; i++) {
		if (mkdirat(fd, name, 0700))
			return -1;
		next = openat(fd, name, O_RDONLY | O_DIRECTORY);
		close(fd);
		fd = next;
	}
	if (fd < 0)
		return -1;
	close(openat(fd, "file", O_WRONLY | O_CREAT, 0600));
	close(fd);
	return 0;
}

static void test_deep_remove(void)
{
	char path[4200];
	int ret;

	check(!deep_tree(300), "setup: a 300-level tree");
	ret = logonsess_tmpdir_remove(parent, 0x3e9);
	snprintf(path, sizeof(path), "%s/0x3e9", parent);
	check(!ret && access(path, F_OK), "remove: a 300-level tree (%d, %s)",
	      ret, access(path, F_OK) ? "gone" : "still there");
}

static void test_clean_newer(void)
{
	char path[4200];
	int ret;

	put("sessions", SESSIONS);
	put("self", WK("0x3e7", "S-1-5-18"));
	snprintf(path, sizeof(path), "%s/0x3e8", parent);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/0x3ea", parent);
	mkdir(path, 0700);
	ret = logonsess_tmpdir_clean(parent, NULL, NULL);
	snprintf(path, sizeof(path), "%s/0x3e8", parent);
	check(access(path, F_OK), "clean: removes the ended session's 0x3e8 (%d)",
	      ret);
	snprintf(path, sizeof(path), "%s/0x3ea", parent);
	check(!access(path, F_OK),
	      "clean: keeps 0x3ea, newer than every ID of its snapshot (%d)",
	      ret);
}

/*
 * After a reboot IDs start again: a directory of the earlier boot may have
 * an ID this boot has not reached. Its label says which boot it was.
 */
static void test_clean_earlier_boot(void)
{
	static const char stale[] = "S-1-5-5-0-1010 boot=" OTHER_BOOT;
	static const char bare[] = "S-1-5-5-0-1011";
	static const char fresh[] = "S-1-5-5-0-1012 boot=" BOOT;
	char path[4200];
	int ret;

	put("sessions", SESSIONS);
	snprintf(path, sizeof(path), "%s/0x3f2", parent);
	mkdir(path, 0700);
	setxattr(path, XATTR, stale, strlen(stale), 0);
	snprintf(path, sizeof(path), "%s/0x3f3", parent);
	mkdir(path, 0700);
	setxattr(path, XATTR, bare, strlen(bare), 0);
	snprintf(path, sizeof(path), "%s/0x3f4", parent);
	mkdir(path, 0700);
	setxattr(path, XATTR, fresh, strlen(fresh), 0);
	ret = logonsess_tmpdir_clean(parent, NULL, NULL);
	snprintf(path, sizeof(path), "%s/0x3f2", parent);
	check(access(path, F_OK),
	      "clean: removes 0x3f2, newer than its snapshot but labeled for another boot (%d)",
	      ret);
	snprintf(path, sizeof(path), "%s/0x3f3", parent);
	check(access(path, F_OK),
	      "clean: removes 0x3f3, newer but labeled with the SID alone (%d)",
	      ret);
	snprintf(path, sizeof(path), "%s/0x3f4", parent);
	check(!access(path, F_OK),
	      "clean: keeps 0x3f4, newer and labeled for this boot (%d)", ret);
	logonsess_tmpdir_remove(parent, 0x3f4);
}

static volatile int racing;

/* Swaps victim/sub for a symlink to outside/, and back, until stopped. */
static void *swapper(void *arg)
{
	char sub[4200], aside[4200], outside[4200];

	(void)arg;
	snprintf(sub, sizeof(sub), "%s/0x3eb/sub", parent);
	snprintf(aside, sizeof(aside), "%s/0x3eb/aside", parent);
	snprintf(outside, sizeof(outside), "%s/outside", dir);
	while (racing) {
		rename(sub, aside);
		symlink(outside, sub);
		unlink(sub);
		rename(aside, sub);
	}
	return NULL;
}

static void test_symlink_race(void)
{
	char path[4200];
	pthread_t t;
	int i, j, ok = 1;

	snprintf(path, sizeof(path), "%s/outside", dir);
	mkdir(path, 0755);
	for (i = 0; i < 200 && ok; i++) {
		snprintf(path, sizeof(path), "%s/0x3eb", parent);
		mkdir(path, 0700);
		snprintf(path, sizeof(path), "%s/0x3eb/sub", parent);
		mkdir(path, 0700);
		for (j = 0; j < 20; j++) {
			snprintf(path, sizeof(path), "%s/0x3eb/sub/f%d", parent, j);
			close(open(path, O_WRONLY | O_CREAT, 0600));
			snprintf(path, sizeof(path), "%s/outside/f%d", dir, j);
			close(open(path, O_WRONLY | O_CREAT, 0600));
		}
		racing = 1;
		pthread_create(&t, NULL, swapper, NULL);
		logonsess_tmpdir_remove(parent, 0x3eb);
		racing = 0;
		pthread_join(t, NULL);
		for (j = 0; j < 20 && ok; j++) {
			snprintf(path, sizeof(path), "%s/outside/f%d", dir, j);
			ok = !access(path, F_OK);
		}
		logonsess_tmpdir_remove(parent, 0x3eb);
	}
	check(ok, "remove: a symlink swapped in for a subdirectory never removes outside it (%d rounds)",
	      i);
}

/* create in @where with the session of self: its result. */
static int create_in(const char *where)
{
	struct logonsess_session *s;
	char *path = NULL;
	int ret;

	put("self", "id=0x3e8 type=interactive user=S-1-22-1-1000 logon_sid=S-1-5-5-0-1000 auth=login time=2026-11-21T06:32:57Z origin=tty1 refs=2 state=active\n");
	ret = logonsess_self(&s);
	if (ret)
		return ret;
	ret = logonsess_tmpdir_create(where, s, 1000, 1000, &path);
	free(path);
	logonsess_session_free(s);
	return ret;
}

static void test_create_label(void)
{
	char where[4200], path[4300];
	struct stat st;
	int ret;

	snprintf(where, sizeof(where), "%s/labeled", dir);
	ret = create_in(where);
	snprintf(path, sizeof(path), "%s/0x3e8", where);
	check(!ret && !strcmp(label_of(path), "S-1-5-5-0-1000 boot=" BOOT),
	      "create: the label is the logon SID bound to the boot, never the bare SID (%d, \"%s\")",
	      ret, label_of(path));
	check(getxattr(path, XATTR, NULL, 0) ==
	      (ssize_t)strlen("S-1-5-5-0-1000 boot=" BOOT),
	      "... written without a NUL");
	if (stat(path, &st))
		memset(&st, 0, sizeof(st));
	check(st.st_uid == 1000 && st.st_gid == 1000 &&
	      (st.st_mode & 07777) == 0700,
	      "... then given to the user, mode 0700 (%u %o)",
	      (unsigned int)st.st_uid, (unsigned int)(st.st_mode & 07777));

	put("boot_id", "not a boot ID\n");
	snprintf(where, sizeof(where), "%s/unbound", dir);
	ret = create_in(where);
	check(ret == -EPROTO && access(where, F_OK),
	      "create with a malformed boot_id: -EPROTO, nothing made, not even the parent (%d)",
	      ret);
	put("boot_id", BOOT "\n");
}

/* A session line of @id, active. */
#define ACTIVE(id, sid) "id=" id " type=interactive user=S-1-22-1-1000 logon_sid=" sid " auth=login time=2026-11-21T06:32:57Z origin=- refs=1 state=active\n"

/* parent/@name, labeled @value (@len bytes; none if NULL). */
static void labeled_dir(const char *name, const char *value, size_t len)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/%s", parent, name);
	mkdir(path, 0700);
	if (value && setxattr(path, XATTR, value, len, 0))
		perror(path);
}

static int exists(const char *name)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/%s", parent, name);
	return !access(path, F_OK);
}

static void test_clean_labels(void)
{
	static const char own[] = "S-1-5-5-0-1004 boot=" BOOT;
	int ret;

	logonsess_tmpdir_remove(parent, 0x3ea);	/* test_clean_newer()'s */
	put("sessions", WK("0x3e4", "S-1-5-20") WK("0x3e5", "S-1-5-19")
	    WK("0x3e6", "S-1-5-7") WK("0x3e7", "S-1-5-18")
	    ACTIVE("0x3ec", "S-1-5-5-0-1004") ACTIVE("0x3ed", "S-1-5-5-0-1005")
	    ACTIVE("0x3ee", "S-1-5-5-0-1006") ACTIVE("0x3ef", "S-1-5-5-0-1007")
	    ACTIVE("0x3f0", "S-1-5-5-0-1008") ACTIVE("0x3f1", "S-1-5-5-0-1009"));
	labeled_dir("0x3ec", own, strlen(own));
	labeled_dir("0x3ed", "S-1-5-5-0-1005", strlen("S-1-5-5-0-1005"));
	labeled_dir("0x3ee", "S-1-5-5-0-1006 boot=" OTHER_BOOT,
		    strlen("S-1-5-5-0-1006 boot=" OTHER_BOOT));
	labeled_dir("0x3ef", NULL, 0);
	labeled_dir("0x3f0", own, strlen(own));
	labeled_dir("0x3f1", "S-1-5-5-0-1009 boot=" BOOT,
		    sizeof("S-1-5-5-0-1009 boot=" BOOT));

	put("boot_id", "0123\n");
	ret = logonsess_tmpdir_clean(parent, NULL, NULL);
	check(ret == -EPROTO && exists("0x3ec") && exists("0x3ed") &&
	      exists("0x3ee") && exists("0x3ef"),
	      "clean with a malformed boot_id: -EPROTO, nothing removed (%d)",
	      ret);
	put("boot_id", BOOT "\n");

	ret = logonsess_tmpdir_clean(parent, NULL, NULL);
	check(exists("0x3ec"),
	      "clean: keeps a live session's directory labeled for this boot (%d)",
	      ret);
	check(exists("0x3f1"),
	      "clean: ... also when the label was written with its NUL");
	check(!exists("0x3ed"),
	      "clean: removes a live session's directory with the bare SID (stale)");
	check(!exists("0x3ee"),
	      "clean: removes a live session's directory labeled in another boot");
	check(!exists("0x3ef"),
	      "clean: removes a live session's directory without a label");
	check(!exists("0x3f0"),
	      "clean: removes a directory labeled for another session");
	check(ret == 4, "clean: says it removed 4 (%d)", ret);
	logonsess_tmpdir_remove(parent, 0x3ec);
	logonsess_tmpdir_remove(parent, 0x3f1);
}

static void test_parent_checks(void)
{
	char where[4200], path[4300];
	struct stat st;
	mode_t old;
	int ret;

	snprintf(where, sizeof(where), "%s/userparent", dir);
	mkdir(where, 0755);
	if (chown(where, 1000, 1000))
		perror(where);
	ret = create_in(where);
	snprintf(path, sizeof(path), "%s/0x3e8", where);
	check(ret == -EPERM && access(path, F_OK),
	      "create: a parent a user owns is refused, nothing made in it (%d)",
	      ret);

	snprintf(where, sizeof(where), "%s/groupparent", dir);
	mkdir(where, 0775);
	chmod(where, 0775);
	ret = create_in(where);
	snprintf(path, sizeof(path), "%s/0x3e8", where);
	check(ret == -EPERM && access(path, F_OK),
	      "create: a group-writable parent is refused (%d)", ret);

	snprintf(where, sizeof(where), "%s/real", dir);
	mkdir(where, 0755);
	snprintf(path, sizeof(path), "%s/link", dir);
	if (symlink(where, path))
		perror(path);
	snprintf(where, sizeof(where), "%s/link/sub", dir);
	ret = create_in(where);
	snprintf(path, sizeof(path), "%s/real/sub", dir);
	check((ret == -ELOOP || ret == -ENOTDIR) && access(path, F_OK),
	      "create: a symlink in the parent's path is not followed (%d)", ret);

	snprintf(where, sizeof(where), "%s/fresh", dir);
	old = umask(027);
	ret = create_in(where);
	umask(old);
	if (stat(where, &st))
		memset(&st, 0, sizeof(st));
	check((st.st_mode & 07777) == 0755 &&
	      st.st_uid == 0,
	      "create under umask 027: the parent is made root's, 0755 (%o, create %d)",
	      (unsigned int)(st.st_mode & 07777), ret);
}

int main(void)
{
	const char *work = getenv("LOGONSESS_UNIT_WORK");

	umask(022);
	snprintf(dir, sizeof(dir), "%s/tmpdir_test", work ? work : "/tmp");
	snprintf(parent, sizeof(parent), "%s/parent", dir);
	mkdir(work ? work : "/tmp", 0755);
	snprintf(parent, sizeof(parent), "rm -rf '%s'", dir);
	if (system(parent))
		return 99;
	snprintf(parent, sizeof(parent), "%s/parent", dir);
	mkdir(dir, 0755);
	mkdir(parent, 0755);
	{
		extern const char *ls_fs_dir;

		ls_fs_dir = dir;
	}
	put("boot_id", BOOT "\n");
	test_clean_newer();
	test_clean_earlier_boot();
	test_clean_labels();
	test_create_label();
	test_parent_checks();
	test_deep_remove();
	test_symlink_race();
	printf("1..%d\n", n);
	return failed;
}
