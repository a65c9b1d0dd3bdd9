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
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "logonsess.h"
#include "internal.h"

#define REQUEST_MAX 1024

static int write_request(const char *name, const char *request)
{
	char path[sizeof(LOGONSESS_FS_DIR) + 16];
	size_t len = strlen(request);
	ssize_t written;
	int fd, err = 0;

	snprintf(path, sizeof(path), "%s/%s", LOGONSESS_FS_DIR, name);
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
 * logonsess_logon() - create a session and move the calling thread into it
 * @type: logon type name, e.g. "interactive" (any but "system")
 * @user_sid: SID of the principal, e.g. "S-1-22-1-1000"
 * @auth: authentication package, e.g. the PAM service name
 * @origin: where the principal came from (a tty, an address), or NULL
 * @id: the new session's ID, on success; may be NULL
 *
 * Processes the thread forks afterwards inherit the session. Values must
 * be printable ASCII without spaces; the kernel checks the rest.
 *
 * Return: 0; -EINVAL for a malformed value; -EPERM without CAP_SYS_ADMIN;
 * or another negative errno value. On failure nothing changed.
 */
int logonsess_logon(const char *type, const char *user_sid, const char *auth,
		    const char *origin, uint64_t *id)
{
	char request[REQUEST_MAX];
	int len, ret;

	if (!ls_valid_value(type) || !ls_valid_value(user_sid) ||
	    !ls_valid_value(auth) || (origin && !ls_valid_value(origin)))
		return -EINVAL;
	len = snprintf(request, sizeof(request), "type=%s user=%s auth=%s%s%s",
		       type, user_sid, auth, origin ? " origin=" : "",
		       origin ? origin : "");
	if (len < 0 || (size_t)len >= sizeof(request))
		return -EINVAL;
	ret = write_request("logon", request);
	if (ret || !id)
		return ret;
	return logonsess_self_id(id);
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
 * caller's own included: leave the session (logonsess_join()) first.
 *
 * Return: 0; -ENOENT when no such session exists or it is already logged
 * off; -EBUSY for a well-known session or the session of init; -EPERM
 * without CAP_SYS_ADMIN; or another negative errno value.
 */
int logonsess_logoff(uint64_t id)
{
	return write_id("logoff", id);
}
