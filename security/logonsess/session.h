/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - session objects
 */

#ifndef _SECURITY_LOGONSESS_SESSION_H
#define _SECURITY_LOGONSESS_SESSION_H

#include <linux/init.h>
#include <linux/llist.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <uapi/linux/logonsess.h>

#include "sid.h"

/**
 * struct logonsess_session - one authentication event
 * @id: session ID, unique until reboot; also the key in the session table
 * @usage: credentials referencing a dynamic session; a session whose count
 *	reached zero is dying and can no longer be looked up. Always one for
 *	a well-known session, which is not counted
 * @type: logon type, a value of enum logonsess_logon_type
 * @permanent: a well-known session, never destroyed
 * @logged_off: logged off: no task may join it any more
 * @has_origin: the creator said where the principal came from
 * @linked: an elevation of @creator (a logon with link=self); read it with
 *	logonsess_session_linked()
 * @creator: the session of the credentials that wrote the logon request,
 *	0 for a well-known session; lower than @id, since it existed first
 * @boot_time: when the session was created, in CLOCK_BOOTTIME: lifetimes
 *	do not jump with the wall clock
 * @line: the immutable start of the session's line in ``sessions``, from
 *	"id=" to "origin=<origin> "; the only copy of the user SID, the
 *	authentication package, the logon time and the origin (read them
 *	with logonsess_session_field())
 * @reap_node: link in the list of dying sessions
 * @rcu: frees the session after a grace period, for lockless readers; the
 *	reaper queues it after it took the session off the list, so the two
 *	share their storage
 *
 * Everything but @usage and @logged_off is immutable once the session is
 * published. @logged_off only goes from false to true, under the control
 * lock (control.c); read it with logonsess_session_logged_off().
 *
 * The text is formatted once, at logon: listing a session then costs a
 * copy, and the object stays small whatever the lengths of its strings.
 */
struct logonsess_session {
	u64 id;
	refcount_t usage;
	u8 type;
	bool logged_off;
	/* Immutable, packed: the session fits in 64 bytes. */
	bool permanent:1;
	bool has_origin:1;
	bool linked:1;
	u64 creator;
	time64_t boot_time;
	const char *line;
	union {
		struct llist_node reap_node;
		struct rcu_head rcu;
	};
};

/**
 * struct logonsess_stats - session counters since boot
 * @created: sessions created, the well-known ones included
 * @destroyed: sessions destroyed
 */
struct logonsess_stats {
	u64 created;
	u64 destroyed;
};

static inline bool
logonsess_session_logged_off(const struct logonsess_session *session)
{
	return READ_ONCE(session->logged_off);
}

/* The session this one elevates (its creator), or 0. */
static inline u64
logonsess_session_linked(const struct logonsess_session *session)
{
	return session->linked ? session->creator : 0;
}

/*
 * Reference counting, inline: every prepare_creds() and put_cred() of the
 * system takes and drops one, mostly of SYSTEM, which is not counted.
 */

/**
 * logonsess_session_get - take a reference to a session
 * @session: a session the caller already holds a reference to (through its
 *	own credential, for instance)
 */
static inline void logonsess_session_get(struct logonsess_session *session)
{
	if (!session->permanent)
		refcount_inc(&session->usage);
}

void logonsess_session_release(struct logonsess_session *session);

/**
 * logonsess_session_put - drop a reference to a session
 * @session: the session, or NULL
 *
 * Safe in any context, including RCU callbacks.
 */
static inline void logonsess_session_put(struct logonsess_session *session)
{
	if (session && !session->permanent)
		logonsess_session_release(session);
}

int __init logonsess_sessions_init(void);

bool logonsess_session_valid_text(const char *s, size_t max);

struct logonsess_session *
logonsess_session_create(unsigned int type, const struct logonsess_sid *user,
			 const char *auth, const char *origin,
			 const struct logonsess_session *creator, bool link);
const char *logonsess_session_field(const struct logonsess_session *session,
				    const char *key, size_t *len);
struct logonsess_session *logonsess_session_lookup(u64 id);
struct logonsess_session *logonsess_session_find(unsigned long *id);
struct logonsess_session *logonsess_session_next(unsigned long *id);
bool logonsess_session_id_issued(u64 id);
void logonsess_session_release(struct logonsess_session *session);
unsigned int logonsess_session_refs(const struct logonsess_session *session);
void logonsess_session_stats(struct logonsess_stats *stats);

#if IS_ENABLED(CONFIG_SECURITY_LOGONSESS_KUNIT_TEST)
void logonsess_session_flush(void);
#endif

#endif /* _SECURITY_LOGONSESS_SESSION_H */
