// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - session objects
 *
 * Sessions live in an xarray indexed by ID, so that lookup stays cheap with
 * millions of them. Readers walk it under RCU without taking references.
 *
 * A dynamic session's refcount counts the credentials that reference it.
 * Lookups only take a reference with refcount_inc_not_zero(), so a session
 * whose count reached zero can never come back. The last put usually
 * happens in cred_free, which runs from an RCU callback and must not sleep:
 * the dying session goes on a lock-free list and a work item removes it
 * from the table and frees it, in process context, after a further grace
 * period.
 *
 * The well-known sessions are never destroyed, so they are not counted at
 * all: init, every kernel thread and most daemons are in SYSTEM, and a
 * shared count would make every prepare_creds() and put_cred() of the
 * system write one cache line. They are read-only after init.
 *
 * A session's text (SIDs, package, time, origin) is formatted once, at
 * logon, into the start of its line in "sessions": that is the only copy,
 * so the object is small, and listing a million sessions is a copy each.
 *
 * IDs come from a counter under a mutex: strictly increasing, never reused
 * until reboot, consumed only by a session that is published, and an error
 * (not a wrap) once they run out at LONG_MAX (so that an ID, and the one
 * after it, fit an xarray index and a file position).
 */

#define pr_fmt(fmt) "logonsess: " fmt

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "audit.h"
#include "logon_type.h"
#include "session.h"

static DEFINE_XARRAY(logonsess_sessions);
static struct kmem_cache *logonsess_session_cache __ro_after_init;

static DEFINE_MUTEX(logonsess_id_lock);
/* Protected by logonsess_id_lock. */
static unsigned long logonsess_next_id = LOGONSESS_ID_FIRST_DYNAMIC;
static bool logonsess_ids_exhausted;

static atomic64_t logonsess_created = ATOMIC64_INIT(0);
static atomic64_t logonsess_destroyed = ATOMIC64_INIT(0);

static LLIST_HEAD(logonsess_dying);
static void logonsess_reap(struct work_struct *work);
static DECLARE_WORK(logonsess_reap_work, logonsess_reap);

struct well_known_def {
	u64 id;
	u8 type;
	u32 rid;	/* the user SID is S-1-5-<rid> */
};

/* SYSTEM, ANONYMOUS LOGON, LOCAL SERVICE and NETWORK SERVICE. */
static const struct well_known_def well_known_defs[] __initconst = {
	{ LOGONSESS_ID_SYSTEM, LOGONSESS_TYPE_SYSTEM, 18 },
	{ LOGONSESS_ID_ANONYMOUS, LOGONSESS_TYPE_NETWORK, 7 },
	{ LOGONSESS_ID_LOCAL_SERVICE, LOGONSESS_TYPE_SERVICE, 19 },
	{ LOGONSESS_ID_NETWORK_SERVICE, LOGONSESS_TYPE_SERVICE, 20 },
};

static struct logonsess_session
	logonsess_well_known[ARRAY_SIZE(well_known_defs)]
	__ro_after_init;

/**
 * logonsess_session_valid_text - check an authentication package or origin
 * @s: the string
 * @max: its longest allowed length
 *
 * Values are printed back as single tokens of space-separated lines.
 *
 * Return: true if @s has 1 to @max characters, each printable ASCII and
 * not a space.
 */
bool logonsess_session_valid_text(const char *s, size_t max)
{
	size_t len = strnlen(s, max + 1);
	size_t i;

	if (!len || len > max)
		return false;
	for (i = 0; i < len; i++)
		if (s[i] <= ' ' || s[i] > '~')
			return false;
	return true;
}

/* Longer than any line start: the longest SIDs, package and origin. */
#define LOGONSESS_LINE_BUF_SIZE	1024

/*
 * The immutable start of @session's line in "sessions", up to the counts
 * that fs.c appends. @session->id and @session->type must be set.
 * Formatted once into a scratch buffer and copied to its exact size:
 * kasprintf() would format it twice, and this is a logon's path.
 */
static char *logonsess_session_format(const struct logonsess_session *session,
				      const struct logonsess_sid *user,
				      const char *auth, const char *origin,
				      gfp_t gfp)
{
	char user_text[LOGONSESS_SID_BUF_SIZE];
	char logon_text[LOGONSESS_SID_BUF_SIZE];
	struct logonsess_sid logon_sid;
	char *buf, *line = NULL;
	struct tm tm;
	int len;

	buf = kmalloc(LOGONSESS_LINE_BUF_SIZE, GFP_KERNEL);
	if (!buf)
		return NULL;
	logonsess_sid_format(user, user_text);
	logonsess_sid_for_logon(session->id, &logon_sid);
	logonsess_sid_format(&logon_sid, logon_text);
	time64_to_tm(ktime_get_real_seconds(), 0, &tm);
	len = snprintf(buf, LOGONSESS_LINE_BUF_SIZE,
		       "id=%#llx type=%s user=%s logon_sid=%s auth=%s time=%04ld-%02d-%02dT%02d:%02d:%02dZ origin=%s ",
		       session->id, logonsess_type_name(session->type),
		       user_text, logon_text, auth, tm.tm_year + 1900,
		       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		       tm.tm_sec, origin && *origin ? origin : "-");
	if (!WARN_ON_ONCE(len >= LOGONSESS_LINE_BUF_SIZE))
		line = kmemdup(buf, len + 1, gfp);
	kfree(buf);
	return line;
}

/**
 * logonsess_sessions_init - create the session table and the well-known
 *	sessions
 *
 * Called from the LSM's init, before any credential other than init_cred
 * exists.
 *
 * Return: 0 on success, -ENOMEM.
 */
int __init logonsess_sessions_init(void)
{
	int i, err;

	logonsess_session_cache = KMEM_CACHE(logonsess_session, SLAB_ACCOUNT);
	if (!logonsess_session_cache)
		return -ENOMEM;

	for (i = 0; i < ARRAY_SIZE(logonsess_well_known); i++) {
		struct logonsess_session *session = &logonsess_well_known[i];
		struct logonsess_sid user = {
			.authority = 5,
			.count = 1,
			.subauth = { well_known_defs[i].rid },
		};

		session->id = well_known_defs[i].id;
		session->type = well_known_defs[i].type;
		/* Never counted: stays at one, so lookups see it live. */
		refcount_set(&session->usage, 1);
		session->permanent = true;
		session->line = logonsess_session_format(session, &user,
							 "kernel", NULL,
							 GFP_KERNEL);
		if (!session->line)
			return -ENOMEM;
		err = xa_insert(&logonsess_sessions, session->id, session,
				GFP_KERNEL);
		if (err)
			return err;
		atomic64_inc(&logonsess_created);
	}
	return 0;
}

/*
 * Gives @session the next ID and its text, and makes it visible to
 * lookups. The ID is consumed only if the session is published: a failed
 * logon leaves no gap.
 */
static int logonsess_session_publish(struct logonsess_session *session,
				     const struct logonsess_sid *user,
				     const char *auth, const char *origin)
{
	int err;

	mutex_lock(&logonsess_id_lock);
	if (logonsess_ids_exhausted) {
		err = -EOVERFLOW;
		goto out;
	}
	session->id = logonsess_next_id;
	session->line = logonsess_session_format(session, user, auth, origin,
						 GFP_KERNEL_ACCOUNT);
	if (!session->line) {
		err = -ENOMEM;
		goto out;
	}
	err = xa_insert(&logonsess_sessions, session->id, session, GFP_KERNEL);
	if (err) {
		kfree(session->line);
		goto out;
	}
	if (logonsess_next_id == LONG_MAX)
		logonsess_ids_exhausted = true;
	else
		logonsess_next_id++;
out:
	mutex_unlock(&logonsess_id_lock);
	return err;
}

/**
 * logonsess_session_create - create and publish a dynamic session
 * @type: logon type, a value of enum logonsess_logon_type
 * @user: SID of the principal that authenticated
 * @auth: authentication package, 1 to LOGONSESS_AUTH_MAX characters
 * @origin: where the principal came from, at most LOGONSESS_ORIGIN_MAX
 *	characters; NULL or "" when unknown
 * @creator: the session that asks for it (of the writer's credentials),
 *	or NULL (KUnit tests only)
 * @link: link the new session to @creator, as an elevation of it; refused
 *	for a well-known @creator
 *
 * The strings must pass logonsess_session_valid_text(). The new session
 * holds one reference, which the caller hands to a credential with
 * logonsess_cred_install() or drops with logonsess_session_put(). Must be
 * called in process context.
 *
 * Return: the session, or ERR_PTR(-EINVAL) for an unknown type, a bad
 * string or a link to a well-known or missing @creator, ERR_PTR(-ENOMEM),
 * or ERR_PTR(-EOVERFLOW) once IDs are exhausted.
 */
struct logonsess_session *
logonsess_session_create(unsigned int type, const struct logonsess_sid *user,
			 const char *auth, const char *origin,
			 const struct logonsess_session *creator, bool link)
{
	struct logonsess_session *session;
	int err;

	if (link && (!creator || creator->permanent))
		return ERR_PTR(-EINVAL);
	if (!logonsess_type_name(type) ||
	    !logonsess_session_valid_text(auth, LOGONSESS_AUTH_MAX) ||
	    (origin && *origin &&
	     !logonsess_session_valid_text(origin, LOGONSESS_ORIGIN_MAX)))
		return ERR_PTR(-EINVAL);

	session = kmem_cache_zalloc(logonsess_session_cache, GFP_KERNEL);
	if (!session)
		return ERR_PTR(-ENOMEM);

	refcount_set(&session->usage, 1);
	session->type = type;
	session->has_origin = origin && *origin;
	session->creator = creator ? creator->id : 0;
	session->linked = link;
	session->boot_time = ktime_get_boottime_seconds();

	err = logonsess_session_publish(session, user, auth, origin);
	if (err) {
		kmem_cache_free(logonsess_session_cache, session);
		return ERR_PTR(err);
	}
	atomic64_inc(&logonsess_created);
	return session;
}

/**
 * logonsess_session_field - one of a session's immutable values, as text
 * @session: the session
 * @key: "id", "type", "user", "logon_sid", "auth", "time" or "origin", as
 *	in its line of ``sessions``
 * @len: set to the length of the value
 *
 * Return: the value, inside the session's line and not NUL-terminated
 * ("-" for an unknown origin), valid as long as the session is; "" for an
 * unknown key.
 */
const char *logonsess_session_field(const struct logonsess_session *session,
				    const char *key, size_t *len)
{
	size_t key_len = strlen(key);
	const char *pair = session->line;

	while (*pair) {
		const char *end = strchrnul(pair, ' ');

		if (!strncmp(pair, key, key_len) && pair[key_len] == '=') {
			pair += key_len + 1;
			*len = end - pair;
			return pair;
		}
		pair = *end ? end + 1 : end;
	}
	*len = 0;
	return "";
}

/**
 * logonsess_session_lookup - find a live session by ID
 * @id: session ID
 *
 * Return: the session with a new reference (none for a well-known session,
 * which is never destroyed), to be dropped with logonsess_session_put();
 * NULL if there is no such session or it is dying.
 */
struct logonsess_session *logonsess_session_lookup(u64 id)
{
	struct logonsess_session *session;

	if (id > LONG_MAX)
		return NULL;

	rcu_read_lock();
	session = xa_load(&logonsess_sessions, id);
	if (session && !session->permanent &&
	    !refcount_inc_not_zero(&session->usage))
		session = NULL;
	rcu_read_unlock();
	return session;
}

/**
 * logonsess_session_id_issued - whether an ID was given to a session
 * @id: the ID
 *
 * Return: true if @id is a well-known session's or was given to a
 * dynamic session this boot, whether it is still alive or not.
 */
bool logonsess_session_id_issued(u64 id)
{
	bool issued;

	if (id < LOGONSESS_ID_NETWORK_SERVICE)
		return false;
	if (id < LOGONSESS_ID_FIRST_DYNAMIC)
		return true;
	mutex_lock(&logonsess_id_lock);
	issued = id < logonsess_next_id ||
		 (logonsess_ids_exhausted && id == logonsess_next_id);
	mutex_unlock(&logonsess_id_lock);
	return issued;
}

/**
 * logonsess_session_find - first live session at or above an ID
 * @id: the ID to start from; set to the ID of the session found, if any
 *
 * For listings. The caller must hold rcu_read_lock(), which keeps the
 * returned session's memory valid; no reference is taken.
 *
 * Return: the session, or NULL if there is none at or above @id.
 */
struct logonsess_session *logonsess_session_find(unsigned long *id)
{
	struct logonsess_session *session;
	unsigned long index;

	RCU_LOCKDEP_WARN(!rcu_read_lock_held(),
			 "session table walked without rcu_read_lock()");
	xa_for_each_start(&logonsess_sessions, index, session, *id) {
		if (refcount_read(&session->usage)) {
			*id = index;
			return session;
		}
	}
	return NULL;
}

/**
 * logonsess_session_next - first live session at or above an ID, held
 * @id: the ID to start from; set to the ID of the session found, if any
 *
 * For walks that sleep between sessions.
 *
 * Return: the session with a new reference (none for a well-known
 * session), to be dropped with logonsess_session_put(); NULL if there is
 * no live session at or above @id.
 */
struct logonsess_session *logonsess_session_next(unsigned long *id)
{
	struct logonsess_session *session;

	rcu_read_lock();
	while ((session = logonsess_session_find(id))) {
		if (session->permanent ||
		    refcount_inc_not_zero(&session->usage))
			break;
		++*id;		/* died since find() saw it */
	}
	rcu_read_unlock();
	return session;
}

/**
 * logonsess_session_release - drop a reference to a dynamic session
 * @session: the session
 *
 * What logonsess_session_put() does for a session that is counted. Safe
 * in any context, including RCU callbacks: the last put only queues the
 * session for destruction.
 */
void logonsess_session_release(struct logonsess_session *session)
{
	if (!refcount_dec_and_test(&session->usage))
		return;
	if (llist_add(&session->reap_node, &logonsess_dying))
		schedule_work(&logonsess_reap_work);
}

/**
 * logonsess_session_refs - number of credentials referencing a session
 * @session: a dynamic session; well-known sessions are not counted
 *
 * Return: the count.
 */
unsigned int logonsess_session_refs(const struct logonsess_session *session)
{
	return refcount_read(&session->usage);
}

/**
 * logonsess_session_stats - read the session counters
 * @stats: where to store them
 *
 * destroyed is read first, so created - destroyed is never negative.
 */
void logonsess_session_stats(struct logonsess_stats *stats)
{
	stats->destroyed = atomic64_read(&logonsess_destroyed);
	/*
	 * A session is counted as created before its last reference can be
	 * dropped (refcount_dec_and_test() and queueing the work are full
	 * barriers), so this sees every creation behind a destruction.
	 */
	smp_rmb();
	stats->created = atomic64_read(&logonsess_created);
}

static void logonsess_session_free(struct rcu_head *rcu)
{
	struct logonsess_session *session =
		container_of(rcu, struct logonsess_session, rcu);

	kfree(session->line);
	kmem_cache_free(logonsess_session_cache, session);
}

static void logonsess_reap(struct work_struct *work)
{
	struct llist_node *dying = llist_del_all(&logonsess_dying);
	struct logonsess_session *session, *next;

	llist_for_each_entry_safe(session, next, dying, reap_node) {
		xa_erase(&logonsess_sessions, session->id);
		atomic64_inc(&logonsess_destroyed);
		logonsess_audit_destroy(session);
		/* Lockless readers may still be looking at it. */
		call_rcu(&session->rcu, logonsess_session_free);
		/* A process holding a million sessions may have exited. */
		cond_resched();
	}
}

#if IS_ENABLED(CONFIG_SECURITY_LOGONSESS_KUNIT_TEST)
/**
 * logonsess_session_flush - wait until every released session is destroyed
 *
 * For tests: credentials are freed from RCU callbacks, which queue the
 * destruction work.
 */
void logonsess_session_flush(void)
{
	rcu_barrier();
	flush_work(&logonsess_reap_work);
}
#endif
