// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - audit records
 *
 * One AUDIT_LOGONSESS record per event, the Linux counterpart of Windows'
 * security events 4624 (logon) and 4634 (logoff):
 *
 *   op=logon|join|logoff logon_id= logon_type= user_sid= logon_sid= auth=
 *	origin= creator= linked= boot_id= pid= uid= auid= ses= comm= res=
 *   op=destroy logon_id= logon_type= user_sid= logon_sid= auth= origin=
 *	creator= linked= boot_id= lifetime=
 *
 * in that order, "?" where a value is unknown or unset (a refused write
 * names no session; a well-known session has no creator). A logon ID is
 * unique only within a boot: boot_id, in every record, makes the pair
 * unique across boots and machines. "type" is taken by the record header
 * and "ses" by the audit session, hence logon_type and logon_id. Caller-supplied strings go
 * through audit_log_untrustedstring(). Nothing is logged while audit is
 * disabled.
 *
 * Anyone may try to open the control files, so refusals (res=0) are rate
 * limited: at most LOGONSESS_REFUSALS_BURST records every
 * LOGONSESS_REFUSALS_INTERVAL, the kernel log saying how many were
 * suppressed.
 */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>

#include "audit.h"
#include "boot.h"
#include "logon_type.h"

static void logonsess_audit_id(struct audit_buffer *ab, const char *key,
			       u64 id)
{
	if (id)
		audit_log_format(ab, " %s=%#llx", key, id);
	else
		audit_log_format(ab, " %s=?", key);
}

static void logonsess_audit_session(struct audit_buffer *ab,
				    const struct logonsess_session *session)
{
	const char *value;
	size_t len;

	if (!session) {
		audit_log_format(ab, " logon_id=? logon_type=? user_sid=?");
		audit_log_format(ab, " logon_sid=? auth=? origin=?");
		audit_log_format(ab, " creator=? linked=?");
		goto boot;
	}
	audit_log_format(ab, " logon_id=%#llx logon_type=%s", session->id,
			 logonsess_type_name(session->type));
	value = logonsess_session_field(session, "user", &len);
	audit_log_format(ab, " user_sid=%.*s", (int)len, value);
	value = logonsess_session_field(session, "logon_sid", &len);
	audit_log_format(ab, " logon_sid=%.*s auth=", (int)len, value);
	value = logonsess_session_field(session, "auth", &len);
	audit_log_n_untrustedstring(ab, value, len);
	audit_log_format(ab, " origin=");
	if (session->has_origin) {
		value = logonsess_session_field(session, "origin", &len);
		audit_log_n_untrustedstring(ab, value, len);
	} else {
		audit_log_format(ab, "?");
	}
	logonsess_audit_id(ab, "creator", session->creator);
	logonsess_audit_id(ab, "linked", logonsess_session_linked(session));
boot:
	logonsess_audit_boot_id(ab);
}

/**
 * logonsess_audit_boot_id - log this boot's ID
 * @ab: the record being written
 *
 * " boot_id=", which makes the logon IDs of a record unique across boots.
 */
void logonsess_audit_boot_id(struct audit_buffer *ab)
{
	audit_log_format(ab, " boot_id=%*phN", LOGONSESS_BOOT_ID_SIZE,
			 logonsess_boot_id);
}

/**
 * logonsess_audit_task - log the acting task's fields
 * @ab: the record being written
 *
 * " pid= uid= auid= ses= comm=", of current. Process context.
 */
void logonsess_audit_task(struct audit_buffer *ab)
{
	char comm[TASK_COMM_LEN];

	audit_log_format(ab, " pid=%d uid=%u auid=%u ses=%u comm=",
			 task_tgid_nr(current),
			 from_kuid(&init_user_ns, current_uid()),
			 from_kuid(&init_user_ns, audit_get_loginuid(current)),
			 audit_get_sessionid(current));
	audit_log_untrustedstring(ab, get_task_comm(comm, current));
}

/**
 * logonsess_audit_event - log a logon, join or logoff
 * @op: "logon", "join" or "logoff"
 * @session: the session created, joined or logged off; NULL if the
 *	request was refused before naming one
 * @err: 0 on success, or the error the writer got
 *
 * Logs the acting task (current) along with the session. Process context.
 */
void logonsess_audit_event(const char *op,
			   const struct logonsess_session *session, int err)
{
	struct audit_buffer *ab;

	if (!audit_enabled)
		return;
	ab = audit_log_start(audit_context(), GFP_KERNEL, AUDIT_LOGONSESS);
	if (!ab)
		return;
	audit_log_format(ab, "op=%s", op);
	logonsess_audit_session(ab, session);
	logonsess_audit_task(ab);
	audit_log_format(ab, " res=%d", !err);
	audit_log_end(ab);
}

#define LOGONSESS_REFUSALS_INTERVAL	(5 * HZ)
#define LOGONSESS_REFUSALS_BURST	10

/**
 * logonsess_audit_refusal - log a refused open or write of a control file
 * @op: "logon", "join" or "logoff"
 *
 * Rate limited, so that unprivileged callers cannot flood the log.
 * Process context.
 */
void logonsess_audit_refusal(const char *op)
{
	static DEFINE_RATELIMIT_STATE(refusals, LOGONSESS_REFUSALS_INTERVAL,
				      LOGONSESS_REFUSALS_BURST);

	if (audit_enabled && __ratelimit(&refusals))
		logonsess_audit_event(op, NULL, -EPERM);
}

/**
 * logonsess_audit_destroy - log the destruction of a session
 * @session: the session, unpublished but not yet freed
 *
 * Called exactly once per dynamic session, from the destruction work
 * (process context), whatever context dropped the last reference. Never
 * waits for room in a full audit backlog: the work frees every dying
 * session, and one record waiting up to audit_backlog_wait_time would
 * hold back all of them. Under a full backlog the record is lost, and
 * counted in audit's "lost".
 */
void logonsess_audit_destroy(const struct logonsess_session *session)
{
	struct audit_buffer *ab;

	if (!audit_enabled)
		return;
	ab = audit_log_start(NULL, GFP_NOWAIT | __GFP_NOWARN, AUDIT_LOGONSESS);
	if (!ab)
		return;
	audit_log_format(ab, "op=destroy");
	logonsess_audit_session(ab, session);
	audit_log_format(ab, " lifetime=%lld",
			 ktime_get_boottime_seconds() - session->boot_time);
	audit_log_end(ab);
}
