// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * liblogonsess: per-session temporary directories, PARENT/<session ID>,
 * labeled with the session's logon SID so that only the session can enter
 * them (the security.logonsess attribute, see the kernel's admin guide).
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "logonsess.h"
#include "internal.h"

#define XATTR_NAME "security.logonsess"

/**
 * logonsess_tmpdir_create() - make a session's temporary directory
 * @parent: where, e.g. "/tmp/logonsess"; made (root's, 0755) if missing
 * @session: the session, from logonsess_self() or logonsess_get()
 * @uid: owner to give the directory
 * @gid: its group
 * @path: the directory's path, on success, to free()
 *
 * Creates @parent/<ID> (ID as "0x3e8"), labels it with the session's
 * logon SID, then gives it to @uid, mode 0700. The caller must be in the
 * session and own the directory (root), or have CAP_MAC_ADMIN. The name is
 * created with mkdirat() in @parent opened without following symlinks; a
 * name that exists already (a directory of an earlier boot nobody cleaned)
 * is -EEXIST.
 *
 * Return: 0 or a negative errno value; on failure nothing is left behind.
 */
int logonsess_tmpdir_create(const char *parent,
			    const struct logonsess_session *session, uid_t uid,
			    gid_t gid, char **path)
{
	char name[LOGONSESS_ID_TEXT_SIZE];
	int pfd, fd, ret = 0;

	logonsess_format_id(logonsess_session_id(session), name, sizeof(name));
	if (mkdir(parent, 0755) && errno != EEXIST)
		return -errno;
	pfd = open(parent, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (pfd < 0)
		return -errno;
	if (mkdirat(pfd, name, 0700)) {
		ret = -errno;
		goto out;
	}
	fd = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 ||
	    fsetxattr(fd, XATTR_NAME, logonsess_session_logon_sid(session),
		      strlen(logonsess_session_logon_sid(session)), 0) ||
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

static int remove_entry(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path) && errno != ENOENT ? -1 : 0;
}

static int remove_tree(const char *parent, const char *name)
{
	char *path;
	int ret = 0;

	if (asprintf(&path, "%s/%s", parent, name) < 0)
		return -ENOMEM;
	/* Depth first, never following a symlink or crossing a mount. */
	if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT))
		ret = errno ? -errno : -EIO;
	free(path);
	return ret;
}

/**
 * logonsess_tmpdir_remove() - remove a session's temporary directory
 * @parent: as given to logonsess_tmpdir_create()
 * @id: the session
 *
 * Removes @parent/<ID> and everything in it. The caller must be able to
 * enter it: a member of the session, or CAP_MAC_OVERRIDE.
 *
 * Return: 0 (also when there is no such directory) or a negative errno.
 */
int logonsess_tmpdir_remove(const char *parent, uint64_t id)
{
	char name[LOGONSESS_ID_TEXT_SIZE];
	struct stat st;
	char *path;
	int ret;

	logonsess_format_id(id, name, sizeof(name));
	if (asprintf(&path, "%s/%s", parent, name) < 0)
		return -ENOMEM;
	ret = lstat(path, &st) ? -errno : 0;
	free(path);
	if (ret == -ENOENT)
		return 0;
	if (ret)
		return ret;
	return S_ISDIR(st.st_mode) ? remove_tree(parent, name) : -ENOTDIR;
}

/* Whether @parent/@name is a directory labeled for @s in this boot. */
static bool belongs_to(const char *parent, const char *name,
		       const struct logonsess_session *s)
{
	char label[256], *path;
	struct stat st;
	ssize_t len;

	if (asprintf(&path, "%s/%s", parent, name) < 0)
		return true;	/* when in doubt, keep it */
	/* A label of another boot does not read as the bare SID. */
	len = lstat(path, &st) || !S_ISDIR(st.st_mode) ? -1 :
	      lgetxattr(path, XATTR_NAME, label, sizeof(label) - 1);
	free(path);
	if (len < 0)
		return false;
	label[len] = '\0';
	return !strcmp(label, logonsess_session_logon_sid(s));
}

/**
 * logonsess_tmpdir_clean() - remove the directories of ended sessions
 * @parent: as given to logonsess_tmpdir_create()
 * @removed: called with each name removed (may be NULL)
 * @arg: passed to @removed
 *
 * Keeps @parent/<ID> only while session ID is active and the directory's
 * label is that session's logon SID of this boot; removes every other
 * directory named like a session ID (an ended session's, an earlier
 * boot's). Other names are left alone. Needs CAP_SYS_ADMIN, to see every
 * session, and CAP_MAC_OVERRIDE, to enter the directories: a boot-time
 * job, or an administrator's.
 *
 * Return: the number of directories removed, or a negative errno value:
 * -EPERM when the caller cannot see every session.
 */
int logonsess_tmpdir_clean(const char *parent,
			   void (*report)(const char *name, int err, void *arg),
			   void *arg)
{
	struct logonsess_session **list;
	size_t n, i, well_known = 0;
	struct dirent *e;
	int ret, count = 0;
	DIR *dir;

	ret = logonsess_list(&list, &n);
	if (ret)
		return ret;
	for (i = 0; i < n; i++)
		well_known += logonsess_session_refs(list[i]) < 0;
	/* Without CAP_SYS_ADMIN only the caller's own session is listed. */
	if (well_known < 4) {
		logonsess_list_free(list, n);
		return -EPERM;
	}
	dir = opendir(parent);
	if (!dir) {
		ret = -errno;
		logonsess_list_free(list, n);
		return ret;
	}
	while ((e = readdir(dir))) {
		const struct logonsess_session *s = NULL;
		uint64_t id;

		if (strncmp(e->d_name, "0x", 2) ||
		    logonsess_parse_id(e->d_name, &id))
			continue;
		for (i = 0; i < n; i++)
			if (logonsess_session_id(list[i]) == id &&
			    logonsess_session_state(list[i]) ==
			    LOGONSESS_STATE_ACTIVE)
				s = list[i];
		if (s && belongs_to(parent, e->d_name, s))
			continue;
		ret = remove_tree(parent, e->d_name);
		if (ret)
			break;
		count++;
		if (report)
			report(e->d_name, 0, arg);
	}
	closedir(dir);
	logonsess_list_free(list, n);
	return ret ? ret : count;
}
