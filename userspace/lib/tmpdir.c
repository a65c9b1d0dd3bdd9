// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * liblogonsess: per-session temporary directories, PARENT/<session ID>,
 * labeled with the session's logon SID bound to this boot (label.c) so
 * that only the session can enter them (the security.logonsess attribute,
 * see the kernel's admin guide).
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "logonsess.h"
#include "internal.h"

#define OPEN_DIR (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

/*
 * Whether a directory on the way to the parent is safe for root to trust:
 * root's, and writable by nobody else, or (a component above the parent
 * only, like /tmp) root's and sticky, so that no one can rename what is in
 * it. The parent itself must be root's and writable by root alone.
 */
static int check_dir(int fd, bool last)
{
	struct stat st;

	if (fstat(fd, &st))
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	if (st.st_uid != 0)
		return -EPERM;
	if (!(st.st_mode & (S_IWGRP | S_IWOTH)))
		return 0;
	return !last && (st.st_mode & S_ISVTX) ? 0 : -EPERM;
}

/*
 * Opens @parent, an absolute path, one component at a time from "/", never
 * following a symlink (as pam_namespace checks its parents), each
 * component checked by check_dir(). With @create, a missing last
 * component is made root's, mode 0755 whatever the umask. Return: the
 * descriptor, or a negative errno value: -EPERM for a component someone
 * other than root could change, -ELOOP for a symlink, -ENOENT when
 * missing.
 */
static int open_parent(const char *parent, bool create)
{
	char *copy, *name, *next, *save = NULL;
	int fd, sub, ret;

	if (parent[0] != '/')
		return -EINVAL;
	copy = strdup(parent);
	if (!copy)
		return -ENOMEM;
	fd = open("/", OPEN_DIR);
	if (fd < 0) {
		ret = -errno;
		goto out;
	}
	name = strtok_r(copy, "/", &save);
	ret = check_dir(fd, !name);
	while (!ret && name) {
		next = strtok_r(NULL, "/", &save);
		if (!strcmp(name, "..") || !strcmp(name, ".")) {
			ret = -EINVAL;
			break;
		}
		sub = openat(fd, name, OPEN_DIR);
		if (sub < 0 && errno == ENOENT && create && !next) {
			bool made = !mkdirat(fd, name, 0700);

			if (!made && errno != EEXIST) {
				ret = -errno;
				break;
			}
			sub = openat(fd, name, OPEN_DIR);
			/*
			 * Ours was 0700 until here: nobody could enter it
			 * meanwhile. One another made first is only checked.
			 */
			if (sub >= 0 && made && fchmod(sub, 0755)) {
				ret = -errno;
				close(sub);
				break;
			}
		}
		if (sub < 0) {
			/* O_NOFOLLOW on a symlink is ELOOP; so is O_DIRECTORY on
			 * a symlink on some kernels (ENOTDIR). */
			ret = -errno;
			break;
		}
		close(fd);
		fd = sub;
		ret = check_dir(fd, !next);
		name = next;
	}
	if (ret && fd >= 0)
		close(fd);
out:
	free(copy);
	return ret ? ret : fd;
}

/**
 * logonsess_tmpdir_create() - make a session's temporary directory
 * @parent: where, an absolute path, e.g. "/tmp/logonsess"; made (root's,
 *	0755, whatever the umask) if missing
 * @session: the session, from logonsess_self() or logonsess_get()
 * @uid: owner to give the directory
 * @gid: its group
 * @path: the directory's path, on success, to free()
 *
 * Creates @parent/<ID> (ID as "0x3e8"), labels it with the session's
 * label, its logon SID bound to this boot (logonsess_label(), one
 * setxattr), then gives it to @uid, mode 0700. The caller must be in the
 * session and own the directory (root), or have CAP_MAC_ADMIN. @parent is
 * walked from "/" without following a symlink in any component, and every
 * component must be root's and writable by no one else (sticky ones such
 * as /tmp excepted, above @parent): a parent a user made or can change
 * first is refused, not trusted. A name that exists already (a directory
 * of an earlier boot nobody cleaned) is -EEXIST.
 *
 * Return: 0 or a negative errno value: -EPERM for an unsafe @parent,
 * -ELOOP for a symlink in it, an error of logonsess_label() (nothing is
 * made then); on failure nothing is left behind in @parent.
 */
int logonsess_tmpdir_create(const char *parent,
			    const struct logonsess_session *session, uid_t uid,
			    gid_t gid, char **path)
{
	char name[LOGONSESS_ID_TEXT_SIZE], label[LOGONSESS_LABEL_MAX];
	int pfd, fd, len, ret = 0;

	*path = NULL;
	logonsess_format_id(logonsess_session_id(session), name, sizeof(name));
	len = logonsess_label(logonsess_session_id(session), label,
			      sizeof(label));
	if (len < 0)
		return len;
	pfd = open_parent(parent, true);
	if (pfd < 0)
		return pfd;
	if (mkdirat(pfd, name, 0700)) {
		ret = -errno;
		goto out;
	}
	fd = openat(pfd, name, OPEN_DIR);
	if (fd < 0 || fsetxattr(fd, LS_XATTR_NAME, label, len, 0) ||
	    fchown(fd, uid, gid) || fchmod(fd, 0700)) {
		ret = -errno;
		if (fd >= 0)
			close(fd);
		unlinkat(pfd, name, AT_REMOVEDIR);
		goto out;
	}
	close(fd);
	if (asprintf(path, "%s/%s", parent, name) < 0) {
		*path = NULL;
		ret = -ENOMEM;
	}
out:
	close(pfd);
	return ret;
}

/* Keeps the first error of a walk that goes on past errors. */
static void keep(int *first, int err)
{
	if (err && err != -ENOENT && !*first)
		*first = err;
}

static int remove_at(int dfd, const char *name, dev_t dev);

/*
 * Everything in the directory @fd (which is closed), fd-relative as
 * systemd's rm_rf_children(): each name is looked at without following a
 * symlink, a subdirectory is opened O_NOFOLLOW and must be the one looked
 * at and on device @dev; nothing is resolved by path, so depth has no
 * limit but open files, and a symlink swapped in is never followed.
 * Return: 0 or the first error, after trying every name.
 */
static int remove_children(int fd, dev_t dev)
{
	struct dirent *e;
	int first = 0;
	DIR *d;

	d = fdopendir(fd);
	if (!d) {
		first = -errno;
		close(fd);
		return first;
	}
	while ((errno = 0, e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		keep(&first, remove_at(dirfd(d), e->d_name, dev));
	}
	keep(&first, errno ? -errno : 0);
	closedir(d);
	return first;
}

/* @dfd/@name and, if a directory on @dev, everything in it. */
static int remove_at(int dfd, const char *name, dev_t dev)
{
	struct stat st, st2;
	int fd, ret;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return unlinkat(dfd, name, 0) ? -errno : 0;
	if (st.st_dev != dev)
		return -EXDEV;	/* a mount point: not ours to empty */
	fd = openat(dfd, name, OPEN_DIR);
	if (fd < 0)
		return -errno;	/* ELOOP: a symlink swapped in */
	if (fstat(fd, &st2) || st2.st_dev != st.st_dev ||
	    st2.st_ino != st.st_ino) {
		close(fd);
		return -ESTALE;	/* another directory swapped in */
	}
	ret = remove_children(fd, dev);
	if (unlinkat(dfd, name, AT_REMOVEDIR) && !ret)
		ret = -errno;
	return ret;
}

/* @pfd (the parent, open) / @name, the whole tree. */
static int remove_tree(int pfd, const char *name)
{
	struct stat st;

	if (fstat(pfd, &st))
		return -errno;
	return remove_at(pfd, name, st.st_dev);
}

/**
 * logonsess_tmpdir_remove() - remove a session's temporary directory
 * @parent: as given to logonsess_tmpdir_create()
 * @id: the session
 *
 * Removes @parent/<ID> and everything in it, fd-relative: no symlink is
 * followed, no other file system entered, no depth limit. The caller must
 * be able to enter it: a member of the session, or CAP_MAC_OVERRIDE.
 * Goes on past a name it cannot remove.
 *
 * Return: 0 (also when there is no such directory, or no @parent
 * directory), -ENOTDIR if
 * @parent/<ID> is not a directory (left alone), or the first error met
 * after trying every name.
 */
int logonsess_tmpdir_remove(const char *parent, uint64_t id)
{
	char name[LOGONSESS_ID_TEXT_SIZE];
	struct stat st;
	int pfd, ret;

	logonsess_format_id(id, name, sizeof(name));
	pfd = open_parent(parent, false);
	/* No @parent directory: no directory in it. */
	if (pfd == -ENOENT || pfd == -ENOTDIR)
		return 0;
	if (pfd < 0)
		return pfd;
	if (fstatat(pfd, name, &st, AT_SYMLINK_NOFOLLOW))
		ret = errno == ENOENT ? 0 : -errno;
	else if (!S_ISDIR(st.st_mode))
		ret = -ENOTDIR;
	else
		ret = remove_tree(pfd, name);
	close(pfd);
	return ret == -ENOENT ? 0 : ret;
}

/*
 * The label of directory @pfd/@name, NUL-terminated in @label (one
 * trailing NUL of the value dropped): its length, -ENODATA when it has
 * none (ENODATA, EOPNOTSUPP, or longer than any label: not a session's),
 * or another negative errno value when it cannot be read now (EIO, say).
 */
static ssize_t read_label(int pfd, const char *name, char *label, size_t size)
{
	ssize_t len;
	int fd, err;

	fd = openat(pfd, name, OPEN_DIR);
	if (fd < 0)
		return -errno;
	len = fgetxattr(fd, LS_XATTR_NAME, label, size - 1);
	err = errno;
	close(fd);
	if (len < 0)
		return err == ENODATA || err == EOPNOTSUPP || err == ERANGE ?
		       -ENODATA : -err;
	if (len && !label[len - 1])
		len--;
	label[len] = '\0';
	return len;
}

/*
 * Whether @pfd/@name is a directory labeled for session @id in this boot
 * (@boot_id), or may be: a label that cannot be read now keeps the
 * directory, which may be the live session's. A bare SID or another
 * boot's label is stale: not this session's.
 */
static bool belongs_to(int pfd, const char *name, uint64_t id,
		       const char *boot_id)
{
	char label[LOGONSESS_LABEL_MAX], want[LOGONSESS_LABEL_MAX];
	ssize_t len = read_label(pfd, name, label, sizeof(label));

	if (len == -ENOENT || len == -ELOOP || len == -ENOTDIR || len == -ENODATA)
		return false;
	if (len < 0)
		return true;
	return ls_format_label(id, boot_id, want, sizeof(want)) >= 0 &&
	       !strcmp(label, want);
}

/*
 * Whether @pfd/@name carries a label that no session of this boot can
 * have: a bare SID, or a label bound to another boot. Such a directory is
 * an earlier boot's whatever its ID, which this boot may not have reached
 * yet.
 */
static bool earlier_boot(int pfd, const char *name, const char *boot_id)
{
	char label[LOGONSESS_LABEL_MAX];
	const char *boot;

	if (read_label(pfd, name, label, sizeof(label)) <= 0)
		return false;
	boot = strstr(label, " boot=");
	return !boot || strcmp(boot + strlen(" boot="), boot_id);
}

/**
 * logonsess_tmpdir_clean() - remove the directories of ended sessions
 * @parent: as given to logonsess_tmpdir_create()
 * @report: called with each name tried (may be NULL): @err 0 when it was
 *	removed, a negative errno value when it (or something in it) was not
 * @arg: passed to @report
 *
 * Keeps @parent/<ID> while session ID is active and the directory's label
 * is that session's label of this boot (logonsess_label()) or cannot be
 * read (an I/O error, say), and keeps every ID above the largest ID of the
 * list read first (a login since then: IDs only grow) unless its label is
 * another boot's (IDs restart at boot);
 * removes every other directory named like a session ID (an ended
 * session's, an earlier boot's), as logonsess_tmpdir_remove() does. Other
 * names are left alone. One directory that cannot be removed does not stop
 * the others. Needs CAP_SYS_ADMIN, to see every session, and
 * CAP_MAC_OVERRIDE, to enter the directories: a boot-time job, or an
 * administrator's.
 *
 * Return: the number of directories removed when every one tried was;
 * otherwise the first error met (negative), after trying every name;
 * -EPERM when the caller cannot see every session; an error of
 * logonsess_boot_id() (nothing is removed then).
 */
int logonsess_tmpdir_clean(const char *parent,
			   void (*report)(const char *name, int err, void *arg),
			   void *arg)
{
	char boot_id[LOGONSESS_BOOT_ID_TEXT_SIZE];
	struct logonsess_session **list;
	size_t n, i, well_known = 0;
	int ret, first = 0, count = 0;
	uint64_t newest = 0;
	struct dirent *e;
	DIR *dir;

	ret = logonsess_list(&list, &n);
	if (ret)
		return ret;
	for (i = 0; i < n; i++) {
		well_known += logonsess_session_refs(list[i]) < 0;
		if (logonsess_session_id(list[i]) > newest)
			newest = logonsess_session_id(list[i]);
	}
	/* Without CAP_SYS_ADMIN only the caller's own session is listed. */
	if (well_known < 4) {
		logonsess_list_free(list, n);
		return -EPERM;
	}
	/* Without this boot's ID no label can be told live from stale. */
	ret = logonsess_boot_id(boot_id, sizeof(boot_id));
	if (ret) {
		logonsess_list_free(list, n);
		return ret;
	}
	ret = open_parent(parent, false);
	dir = ret < 0 ? NULL : fdopendir(ret);
	if (!dir) {
		if (ret >= 0) {
			int err = -errno;

			close(ret);
			ret = err;
		}
		logonsess_list_free(list, n);
		return ret;
	}
	while ((e = readdir(dir))) {
		const struct logonsess_session *s = NULL;
		uint64_t id;

		if (strncmp(e->d_name, "0x", 2) ||
		    logonsess_parse_id(e->d_name, &id))
			continue;
		/* A login since the list was read, unless another boot's. */
		if (id > newest && !earlier_boot(dirfd(dir), e->d_name, boot_id))
			continue;
		for (i = 0; i < n; i++)
			if (logonsess_session_id(list[i]) == id &&
			    logonsess_session_state(list[i]) ==
			    LOGONSESS_STATE_ACTIVE)
				s = list[i];
		if (s && belongs_to(dirfd(dir), e->d_name, id, boot_id))
			continue;
		ret = remove_tree(dirfd(dir), e->d_name);
		if (ret == -ENOENT)
			continue;
		if (!ret)
			count++;
		keep(&first, ret);
		if (report)
			report(e->d_name, ret, arg);
	}
	closedir(dir);
	logonsess_list_free(list, n);
	return first ? first : count;
}
