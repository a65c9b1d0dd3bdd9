// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * liblogonsess: the read side, the sessions, self and processes files.
 *
 * Lines are key=value pairs separated by single spaces. Keys are matched
 * by name, not position, and keys a later kernel appends are ignored.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "logonsess.h"
#include "internal.h"

/*
 * An open() of a logonsess file failed with @err (an errno value): without
 * the directory, logon sessions are not active (or securityfs is not
 * mounted, which for a reader is the same).
 */
int ls_open_error(int err)
{
	if (err == ENOENT && access(LOGONSESS_FS_DIR, F_OK))
		return -EOPNOTSUPP;
	return -err;
}

/* Calls @fn on each line of file @name (no newline); stops at non-zero. */
static int for_each_line(const char *name, int (*fn)(char *line, void *arg),
			 void *arg)
{
	char path[sizeof(LOGONSESS_FS_DIR) + 16];
	char *line = NULL;
	size_t size = 0;
	ssize_t len;
	int ret = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", LOGONSESS_FS_DIR, name);
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

/* A line split in place into its key=value pairs (the first 16). */
struct fields {
	char *key[16];
	char *value[16];
	int n;
};

static void split_fields(char *line, struct fields *f)
{
	char *save = NULL, *tok;

	f->n = 0;
	for (tok = strtok_r(line, " ", &save); tok && f->n < 16;
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

/* "2026-11-21T04:47:38Z", UTC. */
static int parse_time(const char *text, time_t *t)
{
	struct tm tm = { 0 };
	char *end;

	end = strptime(text, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end)
		return -EPROTO;
	*t = timegm(&tm);
	return 0;
}

/**
 * logonsess_info_clear() - free the strings of a session's data
 * @info: filled by logonsess_get(), logonsess_self() or another getter
 *
 * Leaves @info zeroed; clearing it twice is harmless.
 */
void logonsess_info_clear(struct logonsess_info *info)
{
	free(info->type_name);
	free(info->user_sid);
	free(info->logon_sid);
	free(info->auth);
	free(info->origin);
	memset(info, 0, sizeof(*info));
}

static int parse_session(char *line, struct logonsess_info *info)
{
	const char *id, *type, *user, *lsid, *auth, *time, *origin, *refs;
	const char *state;
	struct fields f;
	char *end;

	memset(info, 0, sizeof(*info));
	split_fields(line, &f);
	id = field(&f, "id");
	type = field(&f, "type");
	user = field(&f, "user");
	lsid = field(&f, "logon_sid");
	auth = field(&f, "auth");
	time = field(&f, "time");
	origin = field(&f, "origin");
	refs = field(&f, "refs");
	state = field(&f, "state");
	if (!type || !user || !lsid || !auth || !time || !state ||
	    parse_kernel_id(id, &info->id) ||
	    parse_time(time, &info->logon_time))
		return -EPROTO;
	info->type = logonsess_type_from_name(type);
	if (info->type < 0)
		info->type = -1;
	info->refs = -1;
	if (refs && strcmp(refs, "-")) {
		info->refs = strtol(refs, &end, 10);
		if (*end || info->refs < 0)
			return -EPROTO;
	}
	info->logged_off = !strcmp(state, "logged_off");
	info->type_name = strdup(type);
	info->user_sid = strdup(user);
	info->logon_sid = strdup(lsid);
	info->auth = strdup(auth);
	if (origin && strcmp(origin, "-"))
		info->origin = strdup(origin);
	if (!info->type_name || !info->user_sid || !info->logon_sid ||
	    !info->auth || (origin && strcmp(origin, "-") && !info->origin)) {
		logonsess_info_clear(info);
		return -ENOMEM;
	}
	return 0;
}

struct session_list {
	struct logonsess_info *list;
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
 * @list: the array
 * @n: its length
 */
void logonsess_list_free(struct logonsess_info *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		logonsess_info_clear(&list[i]);
	free(list);
}

/**
 * logonsess_list() - the data of every session the caller may see
 * @list: an array in increasing ID order; free it with logonsess_list_free()
 * @n: its length
 *
 * A caller with CAP_SYS_ADMIN in the initial user namespace sees every
 * session; anyone else sees its own.
 *
 * Return: 0 or a negative errno value.
 */
int logonsess_list(struct logonsess_info **list, size_t *n)
{
	struct session_list l = { 0 };
	int ret;

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
	struct logonsess_info *list;
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
		(*ids)[i] = list[i].id;
	*n = count;
	logonsess_list_free(list, count);
	return 0;
}

struct find_session {
	uint64_t id;
	struct logonsess_info *info;
	bool found;
};

static int match_session(char *line, void *arg)
{
	struct find_session *fs = arg;
	struct logonsess_info info;
	int ret;

	ret = parse_session(line, &info);
	if (ret)
		return ret;
	if (info.id != fs->id) {
		logonsess_info_clear(&info);
		return 0;
	}
	*fs->info = info;
	fs->found = true;
	return 1;
}

/**
 * logonsess_get() - one session's data
 * @id: the session
 * @info: its data, on success; free with logonsess_info_clear()
 *
 * Return: 0, -ENOENT when no such session exists or the caller may not see
 * it, or another negative errno value.
 */
int logonsess_get(uint64_t id, struct logonsess_info *info)
{
	struct find_session fs = { .id = id, .info = info };
	int ret;

	memset(info, 0, sizeof(*info));
	ret = for_each_line("sessions", match_session, &fs);
	if (ret < 0)
		return ret;
	return fs.found ? 0 : -ENOENT;
}

static int first_session(char *line, void *arg)
{
	int ret = parse_session(line, arg);

	return ret ? ret : 1;
}

/**
 * logonsess_self() - the caller's own session
 * @info: its data, on success; free with logonsess_info_clear()
 *
 * The session of the calling thread's credentials.
 *
 * Return: 0 or a negative errno value.
 */
int logonsess_self(struct logonsess_info *info)
{
	int ret;

	memset(info, 0, sizeof(*info));
	ret = for_each_line("self", first_session, info);

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
	struct logonsess_info info;
	int ret = logonsess_self(&info);

	if (ret)
		return ret;
	*id = info.id;
	logonsess_info_clear(&info);
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
	v = strtol(pid, &end, 10);
	if (*end || v <= 0)
		return -EPROTO;
	proc->pid = v;
	proc->comm = decode_comm(comm);
	return proc->comm ? 0 : -ENOMEM;
}

struct process_list {
	struct logonsess_process *list;
	size_t n, size;
};

static int add_process(char *line, void *arg)
{
	struct process_list *l = arg;
	int ret;

	if (grow(&l->list, &l->size, l->n, sizeof(*l->list)))
		return -ENOMEM;
	ret = parse_process(line, &l->list[l->n]);
	if (!ret)
		l->n++;
	return ret;
}

/**
 * logonsess_processes_free() - free what logonsess_processes() returned
 * @list: the array
 * @n: its length
 */
void logonsess_processes_free(struct logonsess_process *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i].comm);
	free(list);
}

/**
 * logonsess_processes() - the processes the caller may see, with sessions
 * @list: an array in increasing PID order; free with
 *	logonsess_processes_free()
 * @n: its length
 *
 * A caller with CAP_SYS_ADMIN in the initial user namespace sees every
 * process of its PID namespace; anyone else the processes of its own
 * session that it could ptrace-read (what /proc with hidepid= shows).
 *
 * Return: 0 or a negative errno value.
 */
int logonsess_processes(struct logonsess_process **list, size_t *n)
{
	struct process_list l = { 0 };
	int ret;

	ret = for_each_line("processes", add_process, &l);
	if (ret) {
		logonsess_processes_free(l.list, l.n);
		return ret;
	}
	*list = l.list;
	*n = l.n;
	return 0;
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
 * @info: the session's data, on success; free with logonsess_info_clear()
 *
 * As logonsess_pidfd_get_id(), then logonsess_get().
 *
 * Return: 0 or a negative errno value.
 */
int logonsess_pidfd_get(int pidfd, struct logonsess_info *info)
{
	uint64_t id;
	int ret;

	memset(info, 0, sizeof(*info));
	ret = logonsess_pidfd_get_id(pidfd, &id);
	return ret ? ret : logonsess_get(id, info);
}

/**
 * logonsess_available() - whether logon sessions are active
 *
 * Return: 0 when the running kernel has logonsess active (and securityfs
 * mounted), -EOPNOTSUPP when not.
 */
int logonsess_available(void)
{
	return access(LOGONSESS_FS_DIR "/self", F_OK) ? -EOPNOTSUPP : 0;
}
