/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Logon sessions LSM - user space interface
 *
 * The text interface lives in securityfs under /sys/kernel/security/logonsess/
 * (see Documentation/ABI/testing/securityfs-logonsess); this header gives the
 * numbers that interface speaks in.
 */

#ifndef _UAPI_LINUX_LOGONSESS_H
#define _UAPI_LINUX_LOGONSESS_H

/**
 * enum logonsess_logon_type - how the principal of a session authenticated
 * @LOGONSESS_TYPE_SYSTEM: the kernel itself; only the SYSTEM session has it
 * @LOGONSESS_TYPE_INTERACTIVE: at a local console or terminal
 * @LOGONSESS_TYPE_NETWORK: over the network, without a login shell
 * @LOGONSESS_TYPE_BATCH: a scheduled job (cron, at)
 * @LOGONSESS_TYPE_SERVICE: a service started by the service manager
 * @LOGONSESS_TYPE_UNLOCK: a screen unlock
 * @LOGONSESS_TYPE_NETWORK_CLEARTEXT: over the network with a cleartext
 *	password
 * @LOGONSESS_TYPE_NEW_CREDENTIALS: new outbound credentials for an existing
 *	principal
 * @LOGONSESS_TYPE_REMOTE_INTERACTIVE: an interactive login from a remote
 *	host (ssh, remote desktop)
 * @LOGONSESS_TYPE_CACHED_INTERACTIVE: interactive, with cached credentials
 * @LOGONSESS_TYPE_CACHED_REMOTE_INTERACTIVE: remote interactive, with cached
 *	credentials
 * @LOGONSESS_TYPE_CACHED_UNLOCK: an unlock with cached credentials
 *
 * The values are those of Windows' SECURITY_LOGON_TYPE, so that tools can
 * map them one to one; 1 and 6 (proxy) are not used.
 */
enum logonsess_logon_type {
	LOGONSESS_TYPE_SYSTEM = 0,
	LOGONSESS_TYPE_INTERACTIVE = 2,
	LOGONSESS_TYPE_NETWORK = 3,
	LOGONSESS_TYPE_BATCH = 4,
	LOGONSESS_TYPE_SERVICE = 5,
	LOGONSESS_TYPE_UNLOCK = 7,
	LOGONSESS_TYPE_NETWORK_CLEARTEXT = 8,
	LOGONSESS_TYPE_NEW_CREDENTIALS = 9,
	LOGONSESS_TYPE_REMOTE_INTERACTIVE = 10,
	LOGONSESS_TYPE_CACHED_INTERACTIVE = 11,
	LOGONSESS_TYPE_CACHED_REMOTE_INTERACTIVE = 12,
	LOGONSESS_TYPE_CACHED_UNLOCK = 13,
};

/*
 * Well-known sessions: they exist from boot and are never destroyed. IDs
 * below LOGONSESS_ID_FIRST_DYNAMIC are reserved, as on Windows.
 */
#define LOGONSESS_ID_NETWORK_SERVICE	0x3e4	/* S-1-5-20 */
#define LOGONSESS_ID_LOCAL_SERVICE	0x3e5	/* S-1-5-19 */
#define LOGONSESS_ID_ANONYMOUS		0x3e6	/* S-1-5-7 */
#define LOGONSESS_ID_SYSTEM		0x3e7	/* S-1-5-18 */
#define LOGONSESS_ID_FIRST_DYNAMIC	0x3e8

/* Field limits, in bytes, without the terminating NUL. */
#define LOGONSESS_AUTH_MAX		64	/* authentication package */
#define LOGONSESS_ORIGIN_MAX		128	/* e.g. "[v6 address]:port" */
#define LOGONSESS_SID_SUBAUTH_MAX	15	/* sub-authorities in a SID */
/* "S-1-" + a 48-bit authority (15 digits) + 15 x "-" + 10 digits */
#define LOGONSESS_SID_MAX		184

/* Extended attribute restricting a file or directory to one session: */
/* its value is the session's logon SID bound to the boot, */
/* "S-1-5-5-<hi>-<lo> boot=<the 32 hex digits of securityfs boot_id>". */
#define LOGONSESS_XATTR_SUFFIX		"logonsess"
#define LOGONSESS_XATTR_NAME		"security." LOGONSESS_XATTR_SUFFIX

#endif /* _UAPI_LINUX_LOGONSESS_H */
