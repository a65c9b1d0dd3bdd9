// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * liblogonsess: the read side, the sessions, self and processes files.
 *
 * Lines are key=value pairs separated by single spaces. Keys are matched
 * by name, not position, and keys a later kernel appends are ignored.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "logonsess.h"
#include "internal.h"

/*
 * Where the kernel's files are. Not exported (the version script keeps it
 * local): only the library's unit test, linked to the objects, moves it.
 */
const char *ls_fs_dir = LOGONSESS_FS_DIR;

/*
 * An open() of a logonsess file failed with @err (an errno value): without
 * the directory, logon sessions are not active (or securityfs is not
 * mounted, which for a reader is the same).
 */
int ls_open_error(int err)
{
	if (err == ENOENT && access(ls_fs_dir, F_OK))
		return -EOPNOTSUPP;
	return -err;
}

/* Calls @fn on each line of file @name (no newline); stops at non-zero. */
static int for_each_line(const char *name, int (*fn)(char *line, void *arg),
			 void *arg)
{
	char path[PATH_MAX];
	char *line = NULL;
	size_t size = 0;
	ssize_t len;
	int ret = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", ls_fs_dir, name);
	f = fopen(path, "re");
	if (!f)
		return ls_open_error(errno);
	errno = 0;
	while (!ret && (len = getline(&line, &size, f)) >= 0) {
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		ret = fn(line, arg);
	}
	if (!ret && ferror(f))
		ret = errno ? -errno : -EIO;
	free(line);
	fclose(f);
	return ret;
}

/* The fields of a line, split in place into key=value pairs. */
#define FIELDS_MAX 32

struct fields {
	char *key[FIELDS_MAX];
	char *value[FIELDS_MAX];
	int n;
};

static void split_fields(char *line, struct fields *f)
{
	char *save = NULL, *tok;

	f->n = 0;
	for (tok = strtok_r(line, " ", &save); tok && f->n < FIELDS_MAX;
	     tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');

		if (!eq)
			continue;
		*eq = '\0';
		f->key[f->n] = tok;
		f->value[f->n] = eq + 1;
		f->n++;
	}
}

/* The value of @key, or NULL. */
static const char *field(const struct fields *f, const char *key)
{
	int i;

	for (i = 0; i < f->n; i++)
		if (!strcmp(f->key[i], key))
			return f->value[i];
	return NULL;
}

static int parse_kernel_id(const char *text, uint64_t *id)
{
	if (!text || strncmp(text, "0x", 2))
		return -EPROTO;
	return logonsess_parse_id(text, id) ? -EPROTO : 0;
}

/*
 * A session of creator= or linked=: an ID, or "-" for none (0). A kernel
 * before links (issue 19) writes neither key: none too.
 */
static int parse_optional_id(const char *text, uint64_t *id)
{
	*id = 0;
	if (!text || !strcmp(text, "-"))
		return 0;
	return parse_kernel_id(text, id);
}

/* "2026-11-21T04:47:38Z", UTC. */
static int parse_time(const char *text, int64_t *t)
{
	struct tm tm = { 0 };
	char *end;

	end = strptime(text, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end)
		return -EPROTO;
	*t = timegm(&tm);
	return 0;
}

/* A non-negative decimal count, or "-" (not counted: -1). */
static int parse_refs(const char *text, int64_t *refs)
{
	char *end;
	long long v;

	*refs = -1;
	if (!text || !strcmp(text, "-"))
		return 0;
	if (*text < '0' || *text > '9')
		return -EPROTO;
	errno = 0;
	v = strtoll(text, &end, 10);
	if (*end || errno)
		return -EPROTO;
	*refs = v;
	return 0;
}

/*
 * A session: its line as the kernel wrote it, split in place; the values
 * the getters return are parsed once, here.
 */
struct logonsess_session {
	char *line;
	struct fields f;
	uint64_t id;
	int type;
	int state;
	int64_t logon_time;
	int64_t refs;
	uint64_t creator;
	uint64_t linked;
	const char *type_name;
	const char *user_sid;
	const char *logon_sid;
	const char *auth;
	const char *origin;
	const char *state_name;
};

/**
 * logonsess_session_free() - free a session handle
 * @session: from logonsess_get(), logonsess_self() or logonsess_pidfd_get();
 *	may be NULL
 */
void logonsess_session_free(struct logonsess_session *session)
{
	if (!session)
		return;
	free(session->line);
	free(session);
}

static int parse_session(const char *line, struct logonsess_session **out)
{
	struct logonsess_session *s;
	const char *origin;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->line = strdup(line);
	if (!s->line) {
		free(s);
		return -ENOMEM;
	}
	split_fields(s->line, &s->f);
	s->type_name = field(&s->f, "type");
	s->user_sid = field(&s->f, "user");
	s->logon_sid = field(&s->f, "logon_sid");
	s->auth = field(&s->f, "auth");
	s->state_name = field(&s->f, "state");
	origin = field(&s->f, "origin");
	if (!s->type_name || !s->user_sid || !s->logon_sid || !s->auth ||
	    !s->state_name || parse_kernel_id(field(&s->f, "id"), &s->id) ||
	    !field(&s->f, "time") ||
	    parse_time(field(&s->f, "time"), &s->logon_time) ||
	    parse_refs(field(&s->f, "refs"), &s->refs) ||
	    parse_optional_id(field(&s->f, "creator"), &s->creator) ||
	    parse_optional_id(field(&s->f, "linked"), &s->linked)) {
		logonsess_session_free(s);
		return -EPROTO;
	}
	s->type = logonsess_type_from_name(s->type_name);
	if (s->type < 0)
		s->type = LOGONSESS_LOGON_UNKNOWN;
	if (!strcmp(s->state_name, "active"))
		s->state = LOGONSESS_STATE_ACTIVE;
	else if (!strcmp(s->state_name, "logged_off"))
		s->state = LOGONSESS_STATE_LOGGED_OFF;
	else
		s->state = LOGONSESS_STATE_UNKNOWN;
	s->origin = origin && strcmp(origin, "-") ? origin : NULL;
	*out = s;
	return 0;
}

/**
 * logonsess_session_id() - a session's ID
 * @session: the session
 *
 * Return: the ID, never reused until reboot.
 */
uint64_t logonsess_session_id(const struct logonsess_session *session)
{
	return session->id;
}

/**
 * logonsess_session_type() - a session's logon type, as a number
 * @session: the session
 *
 * Return: an enum logonsess_type value; LOGONSESS_LOGON_UNKNOWN for a name
 * this library does not know (logonsess_session_type_name() has it).
 */
int logonsess_session_type(const struct logonsess_session *session)
{
	return session->type;
}

/**
 * logonsess_session_type_name() - a session's logon type, as the kernel
 *	names it
 * @session: the session
 *
 * Return: e.g. "interactive".
 */
const char *logonsess_session_type_name(const struct logonsess_session *session)
{
	return session->type_name;
}

/**
 * logonsess_session_user_sid() - the SID of a session's principal
 * @session: the session
 *
 * Return: e.g. "S-1-22-1-1000".
 */
const char *logonsess_session_user_sid(const struct logonsess_session *session)
{
	return session->user_sid;
}

/**
 * logonsess_session_logon_sid() - a session's logon SID
 * @session: the session
 *
 * Return: "S-1-5-5-<ID >> 32>-<ID & 0xffffffff>".
 */
const char *logonsess_session_logon_sid(const struct logonsess_session *session)
{
	return session->logon_sid;
}

/**
 * logonsess_session_auth() - a session's authentication package
 * @session: the session
 *
 * Return: e.g. "sshd" (the PAM service of pam_logonsess).
 */
const char *logonsess_session_auth(const struct logonsess_session *session)
{
	return session->auth;
}

/**
 * logonsess_session_origin() - where a session's principal came from
 * @session: the session
 *
 * Return: e.g. a remote address or a tty; NULL when the kernel has none.
 */
const char *logonsess_session_origin(const struct logonsess_session *session)
{
	return session->origin;
}

/**
 * logonsess_session_logon_time() - when a session was logged on
 * @session: the session
 *
 * Return: seconds since the epoch, 64 bits whatever time_t is.
 */
int64_t logonsess_session_logon_time(const struct logonsess_session *session)
{
	return session->logon_time;
}

/**
 * logonsess_session_refs() - credentials referencing a session
 * @session: the session
 *
 * Return: the count when the line was read; -1 for the well-known sessions,
 * which are not counted.
 */
int64_t logonsess_session_refs(const struct logonsess_session *session)
{
	return session->refs;
}

/**
 * logonsess_session_state() - whether a session is active
 * @session: the session
 *
 * Return: LOGONSESS_STATE_ACTIVE, LOGONSESS_STATE_LOGGED_OFF (waiting for
 * its last credential to go), or LOGONSESS_STATE_UNKNOWN for a state this
 * library does not know (logonsess_session_state_name() has it).
 */
int logonsess_session_state(const struct logonsess_session *session)
{
	return session->state;
}

/**
 * logonsess_session_state_name() - a session's state, as the kernel names it
 * @session: the session
 *
 * Return: e.g. "active".
 */
const char *logonsess_session_state_name(const struct logonsess_session *session)
{
	return session->state_name;
}

/**
 * logonsess_session_creator() - the session that created a session
 * @session: the session
 *
 * The session of the process that wrote the logon request: SYSTEM
 * (0x3e7) for a login of sshd, login or cron, the ssh login's session for
 * a sudo run inside it. It may have ended since.
 *
 * Return: its ID; 0 for the well-known sessions, which nobody created, and
 * on a kernel that does not say (before creator= was added).
 */
uint64_t logonsess_session_creator(const struct logonsess_session *session)
{
	return session->creator;
}

/**
 * logonsess_session_linked() - the session a session is an elevation of
 * @session: the session
 *
 * A session logged on with LOGONSESS_LINK_SELF is linked to its creator:
 * logging that one off logs this one off too.
 *
 * Return: the ID of the session it is linked to (its creator); 0 when it is
 * not linked, and on a kernel without links.
 */
uint64_t logonsess_session_linked(const struct logonsess_session *session)
{
	return session->linked;
}

/**
 * logonsess_session_field() - any field of a session's line, by key
 * @session: the session
 * @key: the key, e.g. "origin", or one a later kernel adds
 *
 * Return: the value exactly as the kernel wrote it ("-" for an unset
 * origin), or NULL when the line has no such key.
 */
const char *logonsess_session_field(const struct logonsess_session *session,
				    const char *key)
{
	return key ? field(&session->f, key) : NULL;
}

struct session_list {
	struct logonsess_session **list;
	size_t n, size;
};

/* Room for one more element of @elem bytes in *@list (*@size of them). */
static int grow(void *list, size_t *size, size_t n, size_t elem)
{
	void **p = list, *bigger;
	size_t more;

	if (n < *size)
		return 0;
	more = *size ? 2 * *size : 16;
	bigger = reallocarray(*p, more, elem);
	if (!bigger)
		return -ENOMEM;
	*p = bigger;
	*size = more;
	return 0;
}

static int add_session(char *line, void *arg)
{
	struct session_list *l = arg;
	int ret;

	if (grow(&l->list, &l->size, l->n, sizeof(*l->list)))
		return -ENOMEM;
	ret = parse_session(line, &l->list[l->n]);
	if (!ret)
		l->n++;
	return ret;
}

/**
 * logonsess_list_free() - free what logonsess_list() returned
 * @list: the array; may be NULL
 * @n: its length
 */
void logonsess_list_free(struct logonsess_session **list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++)
		logonsess_session_free(list[i]);
	free(list);
}

/**
 * logonsess_list() - every session the caller may see
 * @list: an array of handles in increasing ID order; free it with
 *	logonsess_list_free()
 * @n: its length
 *
 * A caller with CAP_SYS_ADMIN in the initial user namespace sees every
 * session; anyone else sees its own.
 *
 * Return: 0 or a negative errno value; on failure *@list is NULL.
 */
int logonsess_list(struct logonsess_session ***list, size_t *n)
{
	struct session_list l = { 0 };
	int ret;

	*list = NULL;
	*n = 0;
	ret = for_each_line("sessions", add_session, &l);
	if (ret) {
		logonsess_list_free(l.list, l.n);
		return ret;
	}
	*list = l.list;
	*n = l.n;
	return 0;
}

/**
 * logonsess_enumerate() - the IDs of the sessions the caller may see
 * @ids: an array in increasing order, to free()
 * @n: its length
 *
 * Return: 0 or a negative errno value.
 */
int logonsess_enumerate(uint64_t **ids, size_t *n)
{
	struct logonsess_session **list;
	size_t i, count;
	int ret;

	ret = logonsess_list(&list, &count);
	if (ret)
		return ret;
	*ids = calloc(count ? count : 1, sizeof(**ids));
	if (!*ids) {
		logonsess_list_free(list, count);
		return -ENOMEM;
	}
	for (i = 0; i < count; i++)
		(*ids)[i] = list[i]->id;
	*n = count;
	logonsess_list_free(list, count);
	return 0;
}

struct find_session {
	uint64_t id;
	struct logonsess_session *found;
};

static int match_session(char *line, void *arg)
{
	struct find_session *fs = arg;
	struct logonsess_session *s;
	int ret;

	ret = parse_session(line, &s);
	if (ret)
		return ret;
	if (s->id != fs->id) {
		logonsess_session_free(s);
		return 0;
	}
	fs->found = s;
	return 1;
}

/**
 * logonsess_get() - one session
 * @id: the session
 * @session: its handle, on success; free with logonsess_session_free()
 *
 * Return: 0, -ENOENT when no such session exists or the caller may not see
 * it, or another negative errno value; on failure *@session is NULL.
 */
int logonsess_get(uint64_t id, struct logonsess_session **session)
{
	struct find_session fs = { .id = id };
	int ret;

	*session = NULL;
	ret = for_each_line("sessions", match_session, &fs);
	if (ret < 0)
		return ret;
	if (!fs.found)
		return -ENOENT;
	*session = fs.found;
	return 0;
}

static int first_session(char *line, void *arg)
{
	int ret = parse_session(line, arg);

	return ret ? ret : 1;
}

/**
 * logonsess_self() - the caller's own session
 * @session: its handle, on success; free with logonsess_session_free()
 *
 * The session of the calling thread's credentials.
 *
 * Return: 0 or a negative errno value; on failure *@session is NULL.
 */
int logonsess_self(struct logonsess_session **session)
{
	int ret;

	*session = NULL;
	ret = for_each_line("self", first_session, session);
	if (ret < 0)
		return ret;
	return ret ? 0 : -EPROTO;
}

/**
 * logonsess_self_id() - the ID of the caller's own session
 * @id: the ID, on success
 *
 * Return: 0 or a negative errno value.
 */
int logonsess_self_id(uint64_t *id)
{
	struct logonsess_session *s;
	int ret = logonsess_self(&s);

	if (ret)
		return ret;
	*id = s->id;
	logonsess_session_free(s);
	return 0;
}

/* The kernel writes comm with octal escapes (\040) for unsafe bytes. */
static char *decode_comm(const char *text)
{
	char *out = malloc(strlen(text) + 1), *p = out;

	if (!out)
		return NULL;
	while (*text) {
		if (text[0] == '\\' && text[1] >= '0' && text[1] <= '3' &&
		    text[2] >= '0' && text[2] <= '7' &&
		    text[3] >= '0' && text[3] <= '7') {
			*p++ = (text[1] - '0') << 6 | (text[2] - '0') << 3 |
			       (text[3] - '0');
			text += 4;
		} else {
			*p++ = *text++;
		}
	}
	*p = '\0';
	return out;
}

struct logonsess_process {
	pid_t pid;
	uint64_t id;
	char *comm;
};

static int parse_process(char *line, struct logonsess_process *proc)
{
	const char *pid, *id, *comm;
	struct fields f;
	char *end;
	long v;

	split_fields(line, &f);
	pid = field(&f, "pid");
	id = field(&f, "id");
	comm = field(&f, "comm");
	if (!pid || !comm || parse_kernel_id(id, &proc->id))
		return -EPROTO;
	if (*pid < '1' || *pid > '9')
		return -EPROTO;
	errno = 0;
	v = strtol(pid, &end, 10);
	if (*end || errno || v <= 0 || v > INT32_MAX)
		return -EPROTO;
	proc->pid = v;
	proc->comm = decode_comm(comm);
	return proc->comm ? 0 : -ENOMEM;
}

struct process_list {
	struct logonsess_process **list;
	size_t n, size;
};

static int add_process(char *line, void *arg)
{
	struct process_list *l = arg;
	struct logonsess_process *p;
	int ret;

	if (grow(&l->list, &l->size, l->n, sizeof(*l->list)))
		return -ENOMEM;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	ret = parse_process(line, p);
	if (ret) {
		free(p);
		return ret;
	}
	l->list[l->n++] = p;
	return 0;
}

/**
 * logonsess_processes_free() - free what logonsess_processes() returned
 * @list: the array; may be NULL
 * @n: its length
 */
void logonsess_processes_free(struct logonsess_process **list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++) {
		free(list[i]->comm);
		free(list[i]);
	}
	free(list);
}

/**
 * logonsess_processes() - the processes the caller may see, with sessions
 * @list: an array of handles in increasing PID order; free with
 *	logonsess_processes_free()
 * @n: its length
 *
 * A caller with CAP_SYS_ADMIN in the initial user namespace sees every
 * process of its PID namespace; anyone else the processes of its own
 * session that it could ptrace-read (what /proc with hidepid= shows).
 *
 * Return: 0 or a negative errno value; on failure *@list is NULL.
 */
int logonsess_processes(struct logonsess_process ***list, size_t *n)
{
	struct process_list l = { 0 };
	int ret;

	*list = NULL;
	*n = 0;
	ret = for_each_line("processes", add_process, &l);
	if (ret) {
		logonsess_processes_free(l.list, l.n);
		return ret;
	}
	*list = l.list;
	*n = l.n;
	return 0;
}

/**
 * logonsess_process_pid() - a process's PID
 * @process: the process
 *
 * Return: its thread group ID, in the caller's PID namespace.
 */
pid_t logonsess_process_pid(const struct logonsess_process *process)
{
	return process->pid;
}

/**
 * logonsess_process_session_id() - the session of a process
 * @process: the process
 *
 * Return: the session of its credentials when the list was read.
 */
uint64_t logonsess_process_session_id(const struct logonsess_process *process)
{
	return process->id;
}

/**
 * logonsess_process_comm() - a process's command name
 * @process: the process
 *
 * Return: the name, decoded from the kernel's escapes: it may hold any
 * byte but NUL.
 */
const char *logonsess_process_comm(const struct logonsess_process *process)
{
	return process->comm;
}

/* The PID a pidfd names, from its fdinfo; -ESRCH once it was reaped. */
static int pidfd_pid(int pidfd, pid_t *pid)
{
	char path[64], *line = NULL;
	size_t size = 0;
	int ret = -EBADF;
	long v;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", pidfd);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (getline(&line, &size, f) >= 0) {
		if (sscanf(line, "Pid: %ld", &v) != 1)
			continue;
		if (v == -1)
			ret = -ESRCH;
		else if (v == 0)
			ret = -EREMOTE;	/* not in our PID namespace */
		else
			*pid = v, ret = 0;
		break;
	}
	free(line);
	fclose(f);
	return ret;
}

struct find_process {
	pid_t pid;
	uint64_t id;
	bool found;
};

static int match_process(char *line, void *arg)
{
	struct find_process *fp = arg;
	struct logonsess_process proc;
	int ret;

	ret = parse_process(line, &proc);
	if (ret)
		return ret;
	free(proc.comm);
	if (proc.pid != fp->pid)
		return 0;
	fp->id = proc.id;
	fp->found = true;
	return 1;
}

/**
 * logonsess_pidfd_get_id() - the session of the process a pidfd names
 * @pidfd: from pidfd_open() or clone(CLONE_PIDFD)
 * @id: the session ID, on success
 *
 * Race-free against PID reuse: the PID is looked up, then the pidfd is
 * checked to still name that live process, so the answer is about the
 * process of @pidfd even if it exited and its PID was reused meanwhile.
 *
 * Return: 0; -ESRCH when the process is gone; -EACCES when the caller may
 * not see its session (another session's process, without CAP_SYS_ADMIN);
 * -EBADF when @pidfd is not a pidfd; or another negative errno value.
 */
int logonsess_pidfd_get_id(int pidfd, uint64_t *id)
{
	struct find_process fp = { 0 };
	pid_t again;
	int ret;

	ret = pidfd_pid(pidfd, &fp.pid);
	if (ret)
		return ret;
	ret = for_each_line("processes", match_process, &fp);
	if (ret < 0)
		return ret;
	/* The process must still be the one read above. */
	ret = pidfd_pid(pidfd, &again);
	if (ret)
		return ret;
	if (again != fp.pid)
		return -ESRCH;
	if (!fp.found)
		return -EACCES;
	*id = fp.id;
	return 0;
}

/**
 * logonsess_pidfd_get() - the session data of the process a pidfd names
 * @pidfd: from pidfd_open() or clone(CLONE_PIDFD)
 * @session: the session's handle, on success; free with
 *	logonsess_session_free()
 *
 * As logonsess_pidfd_get_id(), then logonsess_get().
 *
 * Return: 0 or a negative errno value; on failure *@session is NULL.
 */
int logonsess_pidfd_get(int pidfd, struct logonsess_session **session)
{
	uint64_t id;
	int ret;

	*session = NULL;
	ret = logonsess_pidfd_get_id(pidfd, &id);
	return ret ? ret : logonsess_get(id, session);
}

/*
 * SO_PEERPIDFD (Linux 6.5) is missing from older libc headers (Debian 12's
 * glibc 2.36): 77 in asm-generic/socket.h, which every architecture but
 * these four uses.
 */
#ifndef SO_PEERPIDFD
#if defined(__alpha__) || defined(__hppa__) || defined(__mips__) || \
	defined(__sparc__)
#error "SO_PEERPIDFD: take the value of this architecture's asm/socket.h"
#endif
#define SO_PEERPIDFD 77
#endif

/**
 * logonsess_peer_session() - the session of the peer of a unix socket
 * @sockfd: a connected AF_UNIX socket (an accepted one, or one end of a
 *	socketpair(), whose peer is the process that made the pair)
 * @id: the session ID, on success
 *
 * The peer is the process that connected (or, for the connecting end, the
 * one that listened; for a listening socket, the listener), as SO_PEERCRED
 * says; its session is the one it is in
 * now, not when it connected. A pidfd of the peer (SO_PEERPIDFD) is looked
 * up as logonsess_pidfd_get_id() does, so the answer is never the session
 * of another process that got the peer's PID after it exited.
 *
 * Return: 0; -ESRCH once the peer has exited (and was reaped: a zombie
 * still has its credentials, and so its session); -ENODATA when @sockfd has no
 * peer (not connected, or not AF_UNIX); -ENOTSOCK when it is no socket;
 * -ENOPROTOOPT on a kernel without SO_PEERPIDFD (before 6.5); -EACCES when
 * the caller may not see the peer's session; or another negative errno
 * value.
 */
int logonsess_peer_session(int sockfd, uint64_t *id)
{
	socklen_t len = sizeof(int);
	int pidfd = -1, ret;

	if (getsockopt(sockfd, SOL_SOCKET, SO_PEERPIDFD, &pidfd, &len)) {
		ret = -errno;
		/*
		 * The peer's struct pid has no task left: it was reaped
		 * (6.12 says EINVAL, later kernels ESRCH).
		 */
		return ret == -EINVAL ? -ESRCH : ret;
	}
	if (len != sizeof(int) || pidfd < 0) {
		if (pidfd >= 0)
			close(pidfd);
		return -EPROTO;
	}
	ret = logonsess_pidfd_get_id(pidfd, id);
	close(pidfd);
	return ret;
}

/**
 * logonsess_peer_session_get() - the session data of the peer of a unix
 *	socket
 * @sockfd: a connected AF_UNIX socket
 * @session: the session's handle, on success; free with
 *	logonsess_session_free()
 *
 * As logonsess_peer_session(), then logonsess_get().
 *
 * Return: 0 or a negative errno value; on failure *@session is NULL.
 */
int logonsess_peer_session_get(int sockfd, struct logonsess_session **session)
{
	uint64_t id;
	int ret;

	*session = NULL;
	ret = logonsess_peer_session(sockfd, &id);
	return ret ? ret : logonsess_get(id, session);
}

/**
 * logonsess_available() - whether logon sessions are active
 *
 * Return: 0 when the running kernel has logonsess active (and securityfs
 * mounted), -EOPNOTSUPP when not.
 */
int logonsess_available(void)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/self", ls_fs_dir);
	return access(path, F_OK) ? -EOPNOTSUPP : 0;
}
