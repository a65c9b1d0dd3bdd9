// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * pam_logonsess - put every login in its own logon session
 *
 *   session optional pam_logonsess.so [type=TYPE] [auth=NAME]
 *	[origin=TEXT] [user_sid=SID] [tmpdir=PARENT] [logoff_on_close]
 *	[link[=SERVICE,...]] [debug]
 *
 * open_session logs a session on for the user and moves the calling
 * thread (the login program, which forks the user's processes afterwards)
 * into it, with link linked to the login program's own session (sudo and
 * su elevating a login), and with tmpdir= makes the session's own
 * temporary directory;
 * close_session, with logoff_on_close, takes the login program back to the
 * session it came from, logs the user's session off and removes its
 * directory.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#define PAM_SM_SESSION
#include <security/pam_ext.h>
#include <security/pam_modules.h>
#include <security/pam_modutil.h>

#include "logonsess.h"

/* pam_set_data() names: the session we created, the one we came from. */
#define DATA_ID		"pam_logonsess_id"
#define DATA_PREVIOUS	"pam_logonsess_previous"

struct args {
	const char *type;
	const char *auth;
	const char *origin;
	const char *user_sid;
	const char *tmpdir;
	bool link_all;		/* link */
	const char *link;	/* link=SERVICE,... */
	bool logoff_on_close;
	bool debug;
};

static void parse_args(pam_handle_t *pamh, int argc, const char **argv,
		       struct args *a)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *arg = argv[i];

		if (!strncmp(arg, "type=", 5))
			a->type = arg + 5;
		else if (!strncmp(arg, "auth=", 5))
			a->auth = arg + 5;
		else if (!strncmp(arg, "origin=", 7))
			a->origin = arg + 7;
		else if (!strncmp(arg, "user_sid=", 9))
			a->user_sid = arg + 9;
		else if (!strncmp(arg, "tmpdir=", 7) && arg[7] == '/')
			a->tmpdir = arg + 7;
		else if (!strcmp(arg, "logoff_on_close"))
			a->logoff_on_close = true;
		else if (!strcmp(arg, "link"))
			a->link_all = true, a->link = NULL;
		else if (!strncmp(arg, "link=", 5) && arg[5])
			a->link = arg + 5, a->link_all = false;
		else if (!strcmp(arg, "debug"))
			a->debug = true;
		else
			pam_syslog(pamh, LOG_ERR, "unknown option: %s", arg);
	}
}

/* Whether link or link=SERVICE,... names @service. */
static bool links(const struct args *a, const char *service)
{
	const char *p = a->link;
	size_t len;

	if (a->link_all)
		return true;
	if (!p || !service)
		return false;
	len = strlen(service);
	while (*p) {
		size_t n = strcspn(p, ",");

		if (n == len && !strncmp(p, service, len))
			return true;
		p += n;
		if (*p)
			p++;
	}
	return false;
}

static const char *get_item(pam_handle_t *pamh, int type)
{
	const void *item = NULL;

	if (pam_get_item(pamh, type, &item) != PAM_SUCCESS || !item ||
	    !*(const char *)item)
		return NULL;
	return item;
}

/*
 * The kernel takes printable ASCII without spaces, at most 128 bytes of
 * origin: a remote host name or tty is made to fit rather than fail the
 * login ('?' for other bytes, cut at 128).
 */
static void sanitize(const char *in, char *out, size_t size)
{
	size_t i;

	for (i = 0; in[i] && i + 1 < size; i++)
		out[i] = in[i] > ' ' && in[i] <= '~' ? in[i] : '?';
	out[i] = '\0';
}

static void free_data(pam_handle_t *pamh, void *data, int status)
{
	(void)pamh;
	(void)status;
	free(data);
}

static int set_id_data(pam_handle_t *pamh, const char *name, uint64_t id)
{
	uint64_t *p = malloc(sizeof(*p));

	if (!p)
		return PAM_BUF_ERR;
	*p = id;
	if (pam_set_data(pamh, name, p, free_data) != PAM_SUCCESS) {
		free(p);
		return PAM_BUF_ERR;
	}
	return PAM_SUCCESS;
}

static int put_env(pam_handle_t *pamh, const char *name, const char *value)
{
	char *env;
	int ret;

	if (asprintf(&env, "%s=%s", name, value) < 0)
		return PAM_BUF_ERR;
	ret = pam_putenv(pamh, env);
	free(env);
	return ret;
}

/* Unsets every variable record_session() may have set. */
static void unset_env(pam_handle_t *pamh)
{
	static const char *const names[] = {
		"LOGONSESS_ID", "TMPDIR", "LOGONSESS_TMPDIR",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (pam_getenv(pamh, names[i]))
			pam_putenv(pamh, names[i]);
}

/*
 * After the logon: what close_session needs, LOGONSESS_ID, and with tmpdir=
 * the session's directory, TMPDIR and LOGONSESS_TMPDIR.
 */
static int record_session(pam_handle_t *pamh, const struct args *a,
			  const struct logonsess_session *session,
			  uint64_t previous, const struct passwd *pw)
{
	char id[LOGONSESS_ID_TEXT_SIZE], *dir = NULL;
	int ret;

	logonsess_format_id(logonsess_session_id(session), id, sizeof(id));
	if (set_id_data(pamh, DATA_ID, logonsess_session_id(session)) !=
	    PAM_SUCCESS ||
	    set_id_data(pamh, DATA_PREVIOUS, previous) != PAM_SUCCESS ||
	    put_env(pamh, "LOGONSESS_ID", id) != PAM_SUCCESS) {
		pam_syslog(pamh, LOG_ERR,
			   "pam_set_data/pam_putenv of session %s failed", id);
		unset_env(pamh);
		pam_set_data(pamh, DATA_ID, NULL, NULL);
		return PAM_SESSION_ERR;
	}
	if (!a->tmpdir)
		return PAM_SUCCESS;
	/*
	 * The login stays in its session whatever happens to the directory:
	 * rolling it back would leave it untracked (in the login program's
	 * session) with no way to log it off. It gets no TMPDIR.
	 */
	ret = logonsess_tmpdir_create(a->tmpdir, session, pw->pw_uid,
				      pw->pw_gid, &dir);
	if (ret) {
		pam_syslog(pamh, LOG_ERR,
			   "session %s kept without a tmpdir: logonsess_tmpdir_create(%s/%s): %s",
			   id, a->tmpdir, id, logonsess_strerror(ret));
		return PAM_SUCCESS;
	}
	if (put_env(pamh, "TMPDIR", dir) != PAM_SUCCESS ||
	    put_env(pamh, "LOGONSESS_TMPDIR", dir) != PAM_SUCCESS) {
		pam_syslog(pamh, LOG_ERR, "pam_putenv(TMPDIR=%s) failed", dir);
		unset_env(pamh);
	} else if (a->debug) {
		pam_syslog(pamh, LOG_DEBUG, "TMPDIR=%s", dir);
	}
	free(dir);
	return PAM_SUCCESS;
}

/*
 * The logon type of a PAM service, as pam_systemd picks a session class:
 * by the service first, then by PAM_RHOST and PAM_TTY. sudo and su set
 * PAM_RHOST to the local host, so the host alone cannot say "remote".
 * The table is pam_logonsess(8)'s; type= overrides it.
 */
static const struct {
	const char *service;
	const char *type;
} service_types[] = {
	/*
	 * systemd's user manager (user@.service): a service session of its
	 * own, so that the user's units are neither SYSTEM's nor a login's.
	 */
	{ "systemd-user", "service" },
	/* Scheduled jobs. */
	{ "cron", "batch" }, { "crond", "batch" }, { "atd", "batch" },
	{ "anacron", "batch" },
	/* Elevation and local logins: never remote, whatever PAM_RHOST says. */
	{ "sudo", "interactive" }, { "sudo-i", "interactive" },
	{ "su", "interactive" }, { "su-l", "interactive" },
	{ "runuser", "interactive" }, { "runuser-l", "interactive" },
	{ "login", "interactive" }, { "polkit-1", "interactive" },
	/* Network services that give no shell. */
	{ "vsftpd", "network" }, { "proftpd", "network" }, { "ftp", "network" },
	{ "pure-ftpd", "network" }, { "dovecot", "network" },
	{ "imap", "network" }, { "pop3", "network" }, { "smtp", "network" },
	{ "samba", "network" }, { "ppp", "network" }, { "radiusd", "network" },
	{ "openvpn", "network" },
};

static const char *default_type(pam_handle_t *pamh, const char *service,
				const char *tty, const char *rhost)
{
	size_t i;

	for (i = 0; service && i < sizeof(service_types) / sizeof(service_types[0]); i++)
		if (!strcmp(service, service_types[i].service))
			return service_types[i].type;
	if (tty && !strcmp(tty, "cron"))
		return "batch";
	if (rhost)
		return "remote_interactive";
	/*
	 * systemd opens the PAM session of a unit with PAMName= with the
	 * unit's environment, INVOCATION_ID among it, in the PAM
	 * environment: a service (User= and PAMName=), not a login.
	 */
	if (!tty && pam_getenv(pamh, "INVOCATION_ID"))
		return "service";
	return "interactive";
}

/*
 * LOGONSESS_LINK_SELF when link or link=SERVICE,... asks for a link for
 * this service and there is something to link to: the login program's own
 * session, @caller, a dynamic one (an ssh login that runs sudo). From a
 * well-known session (sudo run by a service or a script of SYSTEM) the
 * kernel has no link to make: the session is opened unlinked. A kernel
 * before links (no creator= in its lines) would refuse link=self: unlinked
 * too.
 */
static unsigned int link_flags(pam_handle_t *pamh, const struct args *a,
			       const char *service,
			       const struct logonsess_session *caller)
{
	uint64_t id = logonsess_session_id(caller);

	if (!links(a, service))
		return 0;
	if (!logonsess_session_field(caller, "creator")) {
		if (a->debug)
			pam_syslog(pamh, LOG_DEBUG,
				   "the kernel has no linked sessions: session not linked");
		return 0;
	}
	if (id < LOGONSESS_FIRST_DYNAMIC_ID) {
		if (a->debug)
			pam_syslog(pamh, LOG_DEBUG,
				   "caller in well-known session 0x%" PRIx64 ": session not linked",
				   id);
		return 0;
	}
	return LOGONSESS_LINK_SELF;
}

/**
 * pam_sm_open_session() - log a session on for the user
 * @pamh: the PAM handle
 * @flags: PAM flags (unused)
 * @argc: number of module arguments
 * @argv: module arguments
 *
 * Return: PAM_SUCCESS; PAM_IGNORE on a kernel without logonsess;
 * PAM_SESSION_ERR (logged) on any other failure.
 */
int pam_sm_open_session(pam_handle_t *pamh, int flags, int argc,
			const char **argv)
{
	char sid[192], auth[65], origin[129];
	const char *user, *rhost, *tty, *service, *type;
	struct logonsess_session *session, *caller = NULL;
	const char *origin_src;
	struct args a = { 0 };
	const struct passwd *pw;
	uint64_t previous = 0, id;
	unsigned int link = 0;
	int ret, status;

	(void)flags;
	parse_args(pamh, argc, argv, &a);
	if (logonsess_available()) {
		if (a.debug)
			pam_syslog(pamh, LOG_DEBUG,
				   "logon sessions are not active: ignored");
		return PAM_IGNORE;
	}
	/* Not pam_get_user(): a session module must not prompt. */
	user = get_item(pamh, PAM_USER);
	if (!user) {
		pam_syslog(pamh, LOG_ERR, "pam_get_item(PAM_USER): no user");
		return PAM_SESSION_ERR;
	}
	rhost = get_item(pamh, PAM_RHOST);
	tty = get_item(pamh, PAM_TTY);
	/* login(1) sets "/dev/ttyS1", sshd and logind say "ttyS1". */
	if (tty && !strncmp(tty, "/dev/", 5))
		tty += 5;
	service = get_item(pamh, PAM_SERVICE);
	pw = pam_modutil_getpwnam(pamh, user);
	if (!pw) {
		pam_syslog(pamh, LOG_ERR, "unknown user: %s", user);
		return PAM_SESSION_ERR;
	}
	if (a.user_sid)
		snprintf(sid, sizeof(sid), "%s", a.user_sid);
	else	/* Samba's SID for a Unix user. */
		snprintf(sid, sizeof(sid), "S-1-22-1-%u", (unsigned int)pw->pw_uid);
	type = a.type ? a.type : default_type(pamh, service, tty, rhost);
	sanitize(a.auth ? a.auth : service ? service : "pam", auth, sizeof(auth));
	origin_src = a.origin ? a.origin : rhost ? rhost : tty;
	if (origin_src)
		sanitize(origin_src, origin, sizeof(origin));

	ret = logonsess_self(&caller);
	if (!ret) {
		previous = logonsess_session_id(caller);
		link = link_flags(pamh, &a, service, caller);
		logonsess_session_free(caller);
		ret = logonsess_logon_flags(type, sid, auth,
					    origin_src ? origin : NULL, link,
					    NULL);
	}
	if (ret == -EPERM || ret == -EACCES) {
		/* A container, or no CAP_SYS_ADMIN in the initial namespace. */
		pam_syslog(pamh, LOG_NOTICE,
			   "logon of %s: %s of %s/logon: ignored",
			   user, logonsess_strerror(ret), LOGONSESS_FS_DIR);
		return PAM_IGNORE;
	}
	if (ret) {
		pam_syslog(pamh, LOG_ERR,
			   "logon of %s (type=%s user=%s auth=%s%s) failed: %s",
			   user, type, sid, auth, link ? " link=self" : "",
			   logonsess_strerror(ret));
		return PAM_SESSION_ERR;
	}
	ret = logonsess_self(&session);
	if (ret) {
		pam_syslog(pamh, LOG_ERR, "cannot read the new session: %s",
			   logonsess_strerror(ret));
		if (logonsess_join(previous))
			logonsess_join(LOGONSESS_SYSTEM_ID);
		return PAM_SESSION_ERR;
	}
	id = logonsess_session_id(session);
	if (a.debug)
		pam_syslog(pamh, LOG_DEBUG,
			   "session 0x%" PRIx64 " for %s (type=%s user=%s auth=%s origin=%s), from 0x%" PRIx64 "%s",
			   id, user, type, sid, auth,
			   origin_src ? origin : "-", previous,
			   link ? ", linked to it" : "");
	status = record_session(pamh, &a, session, previous, pw);
	logonsess_session_free(session);
	/* No half-made session: back to where we were, and it ends. */
	if (status != PAM_SUCCESS && logonsess_join(previous))
		logonsess_join(LOGONSESS_SYSTEM_ID);
	return status;
}

/*
 * The session open_session created, from this handle only: never from the
 * PAM environment, which other modules (pam_env user_readenv=1) and so the
 * user can set.
 */
static int opened_session(pam_handle_t *pamh, uint64_t *id)
{
	const void *data = NULL;

	if (pam_get_data(pamh, DATA_ID, &data) != PAM_SUCCESS || !data)
		return -ENOENT;
	*id = *(const uint64_t *)data;
	return 0;
}

/*
 * Leave session @id before logging it off: the logoff kills every thread
 * in it, and the login program must live to finish its own cleanup. Back
 * to where open_session found us, or to SYSTEM if that session is gone.
 */
static int leave_session(pam_handle_t *pamh, uint64_t id)
{
	const void *data = NULL;
	uint64_t self, previous = LOGONSESS_SYSTEM_ID;
	int ret;

	ret = logonsess_self_id(&self);
	if (ret || self != id)
		return ret;
	if (pam_get_data(pamh, DATA_PREVIOUS, &data) == PAM_SUCCESS && data)
		previous = *(const uint64_t *)data;
	ret = logonsess_join(previous);
	if (ret == -ENOENT && previous != LOGONSESS_SYSTEM_ID)
		ret = logonsess_join(LOGONSESS_SYSTEM_ID);
	return ret;
}

/**
 * pam_sm_close_session() - log the session off, with logoff_on_close
 * @pamh: the PAM handle
 * @flags: PAM flags (unused)
 * @argc: number of module arguments
 * @argv: module arguments
 *
 * Without logoff_on_close, nothing: the session ends when its last process
 * does. With it, the calling thread leaves the session, then the session is
 * logged off, which kills every process still in it, and its tmpdir= is
 * removed.
 *
 * Return: PAM_SUCCESS; PAM_IGNORE on a kernel without logonsess or when
 * open_session created no session; PAM_SESSION_ERR (logged) on failure.
 */
int pam_sm_close_session(pam_handle_t *pamh, int flags, int argc,
			 const char **argv)
{
	struct args a = { 0 };
	uint64_t id;
	int ret;

	(void)flags;
	parse_args(pamh, argc, argv, &a);
	if (logonsess_available())
		return PAM_IGNORE;
	if (opened_session(pamh, &id)) {
		if (a.debug)
			pam_syslog(pamh, LOG_DEBUG, "no session to close");
		return PAM_IGNORE;
	}
	if (!a.logoff_on_close) {
		if (a.debug)
			pam_syslog(pamh, LOG_DEBUG,
				   "session 0x%" PRIx64 " left to end with its processes",
				   id);
		return PAM_SUCCESS;
	}
	ret = leave_session(pamh, id);
	/* -ENOENT: already logged off, by an administrator say. */
	if (!ret && (ret = logonsess_logoff(id)) == -ENOENT)
		ret = 0;
	if (ret == -EPERM || ret == -EACCES) {
		/*
		 * systemd's (sd-pam) closes after dropping to the user, and a
		 * container has no say: the session ends with its processes.
		 */
		if (a.debug)
			pam_syslog(pamh, LOG_DEBUG,
				   "session 0x%" PRIx64 ": not privileged (%s): left to end with its processes",
				   id, logonsess_strerror(ret));
		return PAM_IGNORE;
	}
	if (ret) {
		pam_syslog(pamh, LOG_ERR,
			   "leaving or logging off session 0x%" PRIx64 " (%s/join, %s/logoff): %s",
			   id, LOGONSESS_FS_DIR, LOGONSESS_FS_DIR,
			   logonsess_strerror(ret));
		return PAM_SESSION_ERR;
	}
	if (a.debug)
		pam_syslog(pamh, LOG_DEBUG, "session 0x%" PRIx64 " logged off",
			   id);
	if (a.tmpdir) {
		ret = logonsess_tmpdir_remove(a.tmpdir, id);
		if (ret) {
			pam_syslog(pamh, LOG_ERR,
				   "logonsess_tmpdir_remove(%s/0x%" PRIx64 "): %s",
				   a.tmpdir, id, logonsess_strerror(ret));
			return PAM_SESSION_ERR;
		}
	}
	return PAM_SUCCESS;
}
