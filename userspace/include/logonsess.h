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
 * Sessions and processes are opaque handles read through getters, as in
 * sd-login: a field the kernel adds later is a new getter (or
 * logonsess_session_field() today), never a change of layout. No type in
 * this interface depends on _TIME_BITS or _FILE_OFFSET_BITS.
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

#ifdef __cplusplus
extern "C" {
#endif

#define LOGONSESS_FS_DIR	"/sys/kernel/security/logonsess"

/*
 * The well-known sessions, which exist from boot and never end; dynamic
 * IDs start at LOGONSESS_FIRST_DYNAMIC_ID (the kernel's uapi values).
 */
#define LOGONSESS_NETWORK_SERVICE_ID	UINT64_C(0x3e4)
#define LOGONSESS_LOCAL_SERVICE_ID	UINT64_C(0x3e5)
#define LOGONSESS_ANONYMOUS_ID		UINT64_C(0x3e6)
#define LOGONSESS_SYSTEM_ID		UINT64_C(0x3e7)
#define LOGONSESS_FIRST_DYNAMIC_ID	UINT64_C(0x3e8)

/* Longest text of logonsess_format_id(), with its NUL. */
#define LOGONSESS_ID_TEXT_SIZE	sizeof("0x0123456789abcdef")

/* logonsess_boot_id(): 32 lower-case hexadecimal digits, with a NUL. */
#define LOGONSESS_BOOT_ID_TEXT_SIZE	33
/*
 * A buffer of logonsess_label() that always suffices, with its NUL:
 * "S-1-5-5-4294967295-4294967295 boot=" and 32 digits are 68 bytes.
 */
#define LOGONSESS_LABEL_MAX	80

/*
 * Logon types: Windows' SECURITY_LOGON_TYPE numbering, the kernel's
 * (enum logonsess_logon_type of <linux/logonsess.h>, which users of this
 * library do not need).
 */
enum logonsess_type {
	LOGONSESS_LOGON_UNKNOWN = -1,	/* a name this library does not know */
	LOGONSESS_LOGON_SYSTEM = 0,
	LOGONSESS_LOGON_INTERACTIVE = 2,
	LOGONSESS_LOGON_NETWORK = 3,
	LOGONSESS_LOGON_BATCH = 4,
	LOGONSESS_LOGON_SERVICE = 5,
	LOGONSESS_LOGON_UNLOCK = 7,
	LOGONSESS_LOGON_NETWORK_CLEARTEXT = 8,
	LOGONSESS_LOGON_NEW_CREDENTIALS = 9,
	LOGONSESS_LOGON_REMOTE_INTERACTIVE = 10,
	LOGONSESS_LOGON_CACHED_INTERACTIVE = 11,
	LOGONSESS_LOGON_CACHED_REMOTE_INTERACTIVE = 12,
	LOGONSESS_LOGON_CACHED_UNLOCK = 13,
};

/* The state= of a session. */
enum logonsess_state {
	LOGONSESS_STATE_UNKNOWN = -1,	/* a value this library does not know */
	LOGONSESS_STATE_ACTIVE = 0,
	LOGONSESS_STATE_LOGGED_OFF = 1,
};

/* One logon session, as the kernel listed it when it was read. */
struct logonsess_session;
/* One process and the session of its credentials. */
struct logonsess_process;

int logonsess_available(void);

/* Reading sessions. */
int logonsess_enumerate(uint64_t **ids, size_t *n);
int logonsess_list(struct logonsess_session ***list, size_t *n);
void logonsess_list_free(struct logonsess_session **list, size_t n);
int logonsess_get(uint64_t id, struct logonsess_session **session);
int logonsess_self(struct logonsess_session **session);
int logonsess_self_id(uint64_t *id);
int logonsess_pidfd_get_id(int pidfd, uint64_t *id);
int logonsess_pidfd_get(int pidfd, struct logonsess_session **session);
int logonsess_peer_session(int sockfd, uint64_t *id);
int logonsess_peer_session_get(int sockfd, struct logonsess_session **session);
void logonsess_session_free(struct logonsess_session *session);

/* A session's fields; strings live as long as the session handle. */
uint64_t logonsess_session_id(const struct logonsess_session *session);
int logonsess_session_type(const struct logonsess_session *session);
const char *logonsess_session_type_name(const struct logonsess_session *session);
const char *logonsess_session_user_sid(const struct logonsess_session *session);
const char *logonsess_session_logon_sid(const struct logonsess_session *session);
const char *logonsess_session_auth(const struct logonsess_session *session);
const char *logonsess_session_origin(const struct logonsess_session *session);
int64_t logonsess_session_logon_time(const struct logonsess_session *session);
int64_t logonsess_session_refs(const struct logonsess_session *session);
int logonsess_session_state(const struct logonsess_session *session);
const char *logonsess_session_state_name(const struct logonsess_session *session);
uint64_t logonsess_session_creator(const struct logonsess_session *session);
uint64_t logonsess_session_linked(const struct logonsess_session *session);
const char *logonsess_session_field(const struct logonsess_session *session,
				    const char *key);

/* Processes. */
int logonsess_processes(struct logonsess_process ***list, size_t *n);
void logonsess_processes_free(struct logonsess_process **list, size_t n);
pid_t logonsess_process_pid(const struct logonsess_process *process);
uint64_t logonsess_process_session_id(const struct logonsess_process *process);
const char *logonsess_process_comm(const struct logonsess_process *process);

/*
 * Flags of logonsess_logon_flags(): LOGONSESS_LINK_SELF links the new
 * session to the caller's own (an elevation of it, as sudo and su make):
 * logging the caller's session off logs the new one off too.
 */
#define LOGONSESS_LINK_SELF	0x1u

/* The write side (CAP_SYS_ADMIN). */
int logonsess_logon(const char *type, const char *user_sid, const char *auth,
		    const char *origin, uint64_t *id);
int logonsess_logon_flags(const char *type, const char *user_sid,
			  const char *auth, const char *origin,
			  unsigned int flags, uint64_t *id);
int logonsess_join(uint64_t id);
int logonsess_logoff(uint64_t id);

/*
 * File labels: the value of the security.logonsess attribute, a session's
 * logon SID bound to this boot ("S-1-5-5-<hi>-<lo> boot=<boot ID>").
 */
int logonsess_boot_id(char *buf, size_t size);
int logonsess_label(uint64_t id, char *buf, size_t size);

/* Per-session temporary directories (pam_logonsess tmpdir=). */
int logonsess_tmpdir_create(const char *parent,
			    const struct logonsess_session *session, uid_t uid,
			    gid_t gid, char **path);
int logonsess_tmpdir_remove(const char *parent, uint64_t id);
int logonsess_tmpdir_clean(const char *parent,
			   void (*report)(const char *name, int err, void *arg),
			   void *arg);

/* Text. */
int logonsess_parse_id(const char *text, uint64_t *id);
int logonsess_format_id(uint64_t id, char *buf, size_t size);
int logonsess_type_from_name(const char *name);
const char *logonsess_type_name(int type);
const char *logonsess_strerror(int err);

#ifdef __cplusplus
}
#endif

#endif /* LOGONSESS_H */
