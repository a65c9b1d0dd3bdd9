/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * liblogonsess - logon sessions of the logonsess Linux Security Module
 *
 * What LsaEnumerateLogonSessions() and LsaGetLogonSessionData() are on
 * Windows: the sessions the caller may see, one session's data, the
 * session of the caller or of another process, and, for privileged
 * callers, logon, join and logoff. The kernel interface is the text files
 * of /sys/kernel/security/logonsess/ (Documentation/ABI/testing/
 * securityfs-logonsess in the kernel tree); this library is the only
 * userspace code that parses them.
 *
 * Every function that can fail returns 0 or a negative errno value;
 * logonsess_strerror() names it. -EOPNOTSUPP means that logon sessions are
 * not active in the running kernel.
 */

#ifndef LOGONSESS_H
#define LOGONSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LOGONSESS_FS_DIR	"/sys/kernel/security/logonsess"

/* The permanent SYSTEM session: init and kernel threads. */
#define LOGONSESS_SYSTEM_ID	UINT64_C(0x3e7)

/* Longest text of logonsess_format_id(), with its NUL. */
#define LOGONSESS_ID_TEXT_SIZE	sizeof("0x0123456789abcdef")

/**
 * struct logonsess_info - one logon session, as the kernel lists it
 * @id: session ID, never reused until reboot
 * @type: logon type (Windows' SECURITY_LOGON_TYPE numbering, as enum
 *	logonsess_logon_type of <linux/logonsess.h>), -1 for a type name
 *	this library does not know
 * @type_name: logon type name, e.g. "interactive"
 * @user_sid: SID of the principal, e.g. "S-1-22-1-1000"
 * @logon_sid: S-1-5-5-<id >> 32>-<id & 0xffffffff>
 * @auth: authentication package, e.g. "sshd"
 * @origin: where the principal came from, or NULL when unset
 * @logon_time: logon time, seconds since the epoch
 * @refs: credentials referencing the session, -1 when not counted (the
 *	well-known sessions)
 * @logged_off: the session was logged off and waits for its last
 *	credential to go
 *
 * Strings are allocated; logonsess_info_clear() frees them.
 */
struct logonsess_info {
	uint64_t id;
	int type;
	char *type_name;
	char *user_sid;
	char *logon_sid;
	char *auth;
	char *origin;
	time_t logon_time;
	long refs;
	bool logged_off;
};

/**
 * struct logonsess_process - a process and its session
 * @pid: thread group ID, in the caller's PID namespace
 * @id: session of the process's credentials
 * @comm: command name (allocated), decoded from the kernel's escapes: it
 *	may hold any byte but NUL
 */
struct logonsess_process {
	pid_t pid;
	uint64_t id;
	char *comm;
};

int logonsess_available(void);

int logonsess_enumerate(uint64_t **ids, size_t *n);
int logonsess_list(struct logonsess_info **list, size_t *n);
void logonsess_list_free(struct logonsess_info *list, size_t n);
int logonsess_get(uint64_t id, struct logonsess_info *info);
int logonsess_self(struct logonsess_info *info);
int logonsess_self_id(uint64_t *id);
int logonsess_pidfd_get_id(int pidfd, uint64_t *id);
int logonsess_pidfd_get(int pidfd, struct logonsess_info *info);
void logonsess_info_clear(struct logonsess_info *info);

int logonsess_processes(struct logonsess_process **list, size_t *n);
void logonsess_processes_free(struct logonsess_process *list, size_t n);

int logonsess_logon(const char *type, const char *user_sid, const char *auth,
		    const char *origin, uint64_t *id);
int logonsess_join(uint64_t id);
int logonsess_logoff(uint64_t id);

int logonsess_tmpdir_create(const char *parent,
			    const struct logonsess_info *session, uid_t uid,
			    gid_t gid, char **path);
int logonsess_tmpdir_remove(const char *parent, uint64_t id);
int logonsess_tmpdir_clean(const char *parent,
			   void (*removed)(const char *name, void *arg),
			   void *arg);

int logonsess_parse_id(const char *text, uint64_t *id);
int logonsess_format_id(uint64_t id, char *buf, size_t size);
int logonsess_type_from_name(const char *name);
const char *logonsess_type_name(int type);
const char *logonsess_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif /* LOGONSESS_H */
