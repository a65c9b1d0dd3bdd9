// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * liblogonsess: the write side, logon, join and logoff (CAP_SYS_ADMIN).
 *
 * Each request is one write() of key=value pairs; the kernel moves the
 * credentials of the writing thread, not of its whole process.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "logonsess.h"
#include "internal.h"

#define REQUEST_MAX 1024

static int write_request(const char *name, const char *request)
{
	char path[PATH_MAX];
	size_t len = strlen(request);
	ssize_t written;
	int fd, err = 0;

	snprintf(path, sizeof(path), "%s/%s", ls_fs_dir, name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return ls_open_error(errno);
	written = write(fd, request, len);
	if (written < 0)
		err = -errno;
	else if ((size_t)written != len)
		err = -EIO;
	close(fd);
	return err;
}

/**
 * logonsess_logon_flags() - create a session and move the calling thread
 *	into it
 * @type: logon type name, e.g. "interactive" (any but "system")
 * @user_sid: SID of the principal, e.g. "S-1-22-1-1000"
 * @auth: authentication package, e.g. the PAM service name
 * @origin: where the principal came from (a tty, an address), or NULL
 * @flags: 0, or LOGONSESS_LINK_SELF: link the new session to the calling
 *	thread's own session (the request's link=self), so that logging that
 *	session off logs the new one off too
 * @id: the new session's ID, on success; may be NULL
 *
 * Processes the thread forks afterwards inherit the session. Values must
 * be printable ASCII without spaces; the kernel checks the rest. The
 * kernel records the calling thread's session as the new one's creator
 * (logonsess_session_creator()), linked or not. The new ID is read back
 * from the self file; if that fails (EMFILE, ENOMEM), the thread joins
 * back the session it was in, so that a failure leaves it where it was
 * (the new session then ends with its last credential, which the kernel
 * audits as a logon and a destroy).
 *
 * Return: 0; -EINVAL for a malformed value, an unknown flag, or with
 * LOGONSESS_LINK_SELF when the calling thread is in a well-known session
 * (SYSTEM, say: nothing to link to) or the kernel has no links (before
 * issue 19); -ENOENT with LOGONSESS_LINK_SELF when the calling thread's
 * session was logged off; -EPERM without CAP_SYS_ADMIN; or another
 * negative errno value. On failure no session was created, or the thread
 * is back in the session it was in before.
 */
int logonsess_logon_flags(const char *type, const char *user_sid,
			  const char *auth, const char *origin,
			  unsigned int flags, uint64_t *id)
{
	char request[REQUEST_MAX];
	uint64_t previous, new_id;
	int len, ret;

	if (!ls_valid_value(type) || !ls_valid_value(user_sid) ||
	    !ls_valid_value(auth) || (origin && !ls_valid_value(origin)) ||
	    (flags & ~LOGONSESS_LINK_SELF))
		return -EINVAL;
	len = snprintf(request, sizeof(request), "type=%s user=%s auth=%s%s%s%s",
		       type, user_sid, auth, origin ? " origin=" : "",
		       origin ? origin : "",
		       flags & LOGONSESS_LINK_SELF ? " link=self" : "");
	if (len < 0 || (size_t)len >= sizeof(request))
		return -EINVAL;
	ret = logonsess_self_id(&previous);
	if (ret)
		return ret;
	ret = write_request("logon", request);
	if (ret)
		return ret;
	ret = logonsess_self_id(&new_id);
	if (ret) {
		/* Moved, but cannot say where: undo the move. */
		if (logonsess_join(previous))
			logonsess_join(LOGONSESS_SYSTEM_ID);
		return ret;
	}
	if (id)
		*id = new_id;
	return 0;
}

/**
 * logonsess_logon() - create a session and move the calling thread into it
 * @type: logon type name, e.g. "interactive" (any but "system")
 * @user_sid: SID of the principal, e.g. "S-1-22-1-1000"
 * @auth: authentication package, e.g. the PAM service name
 * @origin: where the principal came from (a tty, an address), or NULL
 * @id: the new session's ID, on success; may be NULL
 *
 * logonsess_logon_flags() without flags: an unlinked session.
 *
 * Return: 0; -EINVAL for a malformed value; -EPERM without CAP_SYS_ADMIN;
 * or another negative errno value. On failure the thread is in the session
 * it was in before.
 */
int logonsess_logon(const char *type, const char *user_sid, const char *auth,
		    const char *origin, uint64_t *id)
{
	return logonsess_logon_flags(type, user_sid, auth, origin, 0, id);
}

static int write_id(const char *name, uint64_t id)
{
	char request[sizeof("id=") + LOGONSESS_ID_TEXT_SIZE];

	snprintf(request, sizeof(request), "id=0x%" PRIx64, id);
	return write_request(name, request);
}

/**
 * logonsess_join() - move the calling thread into a live session
 * @id: the session
 *
 * Return: 0; -ENOENT when no such session exists or it was logged off;
 * -EPERM without CAP_SYS_ADMIN; or another negative errno value.
 */
int logonsess_join(uint64_t id)
{
	return write_id("join", id);
}

/**
 * logonsess_logoff() - log a session off, killing its processes
 * @id: the session
 *
 * Every thread whose credentials are in the session gets SIGKILL, the
 * caller's own included: leave the session (logonsess_join()) first. The
 * sessions it created (logonsess_session_creator()), linked or not, are
 * logged off with it, transitively.
 *
 * Return: 0; -ENOENT when no such session exists or it is already logged
 * off; -EBUSY for a well-known session or the session of init; -EPERM
 * without CAP_SYS_ADMIN; or another negative errno value.
 */
int logonsess_logoff(uint64_t id)
{
	return write_id("logoff", id);
}
