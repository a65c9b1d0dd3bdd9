/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * logonsess-execsnoop - the event its BPF program writes to the ring
 * buffer, shared by the program and the loader.
 */

#ifndef LOGONSESS_EXECSNOOP_H
#define LOGONSESS_EXECSNOOP_H

#define EXECSNOOP_COMM_LEN 16
#define EXECSNOOP_FILENAME_LEN 256

enum execsnoop_kind {
	EXECSNOOP_EXEC,		/* a successful execve() */
	EXECSNOOP_SETUID,	/* a change of user ID (--setuid) */
};

/**
 * struct execsnoop_event - one event
 * @boot_ns: when, in CLOCK_BOOTTIME nanoseconds (counts suspend too)
 * @logon_id: EXECSNOOP_EXEC: the session the task is in (objective
 *	credentials, as the processes file shows it); EXECSNOOP_SETUID: the
 *	session of the new credentials. 0 on a kernel without logonsess.
 * @cred_logon_id: EXECSNOOP_EXEC: the session of the credentials the task
 *	acts with (subjective), which differs from @logon_id only under an
 *	override; EXECSNOOP_SETUID: the session of the old credentials
 * @pid: the thread group (process) ID
 * @ppid: the parent's process ID
 * @uid: the real user ID (EXECSNOOP_SETUID: before the change)
 * @new_uid: EXECSNOOP_SETUID: the real user ID after the change
 * @kind: an enum execsnoop_kind
 * @reserved: 0
 * @comm: the task's name (after exec: the file's base name, truncated)
 * @filename: EXECSNOOP_EXEC: the path given to execve(), truncated,
 *	NUL-terminated
 */
struct execsnoop_event {
	__u64 boot_ns;
	__u64 logon_id;
	__u64 cred_logon_id;
	__u32 pid;
	__u32 ppid;
	__u32 uid;
	__u32 new_uid;
	__u32 kind;
	__u32 reserved;
	char comm[EXECSNOOP_COMM_LEN];
	char filename[EXECSNOOP_FILENAME_LEN];
};

#endif /* LOGONSESS_EXECSNOOP_H */
