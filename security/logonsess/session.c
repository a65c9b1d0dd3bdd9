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

static struct logonsess_session logonsess_well_known[] __ro_after_init = {
	{
		.id = LOGONSESS_ID_SYSTEM,
		.type = LOGONSESS_TYPE_SYSTEM,
		.user = { .authority = 5, .count = 1, .subauth = { 18 } },
	},
	{
		.id = LOGONSESS_ID_ANONYMOUS,
		.type = LOGONSESS_TYPE_NETWORK,
		.user = { .authority = 5, .count = 1, .subauth = { 7 } },
	},
	{
		.id = LOGONSESS_ID_LOCAL_SERVICE,
		.type = LOGONSESS_TYPE_SERVICE,
		.user = { .authority = 5, .count = 1, .subauth = { 19 } },
	},
	{
		.id = LOGONSESS_ID_NETWORK_SERVICE,
		.type = LOGONSESS_TYPE_SERVICE,
		.user = { .authority = 5, .count = 1, .subauth = { 20 } },
	},
};

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
	time64_t now = ktime_get_real_seconds();
	int i, err;

	logonsess_session_cache = KMEM_CACHE(logonsess_session, SLAB_ACCOUNT);
	if (!logonsess_session_cache)
		return -ENOMEM;

	for (i = 0; i < ARRAY_SIZE(logonsess_well_known); i++) {
		struct logonsess_session *session = &logonsess_well_known[i];

		/* Never counted: stays at one, so lookups see it live. */
		refcount_set(&session->usage, 1);
		session->permanent = true;
		session->logon_time = now;
		strscpy(session->auth, "kernel");
		err = xa_insert(&logonsess_sessions, session->id, session,
				GFP_KERNEL);
		if (err)
			return err;
		atomic64_inc(&logonsess_created);
	}
	return 0;
}

/*
 * Gives @session the next ID and makes it visible to lookups. The ID is
 * consumed only if the session is published: a failed logon leaves no gap.
 */
static int logonsess_session_publish(struct logonsess_session *session)
{
	int err;

	mutex_lock(&logonsess_id_lock);
	if (logonsess_ids_exhausted) {
		err = -EOVERFLOW;
		goto out;
	}
	session->id = logonsess_next_id;
	err = xa_insert(&logonsess_sessions, session->id, session, GFP_KERNEL);
	if (err)
		goto out;
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
 *
 * The caller validates the strings' contents; this only enforces their
 * lengths. The new session holds one reference, which the caller hands to a
 * credential with logonsess_cred_install() or drops with
 * logonsess_session_put(). Must be called in process context.
 *
 * Return: the session, or ERR_PTR(-EINVAL) for an unknown type or a bad
 * length, ERR_PTR(-ENOMEM), or ERR_PTR(-EOVERFLOW) once IDs are exhausted.
 */
struct logonsess_session *
logonsess_session_create(unsigned int type, const struct logonsess_sid *user,
			 const char *auth, const char *origin)
{
	struct logonsess_session *session;
	int err;

	if (!logonsess_type_name(type) || !*auth ||
	    strlen(auth) > LOGONSESS_AUTH_MAX ||
	    (origin && strlen(origin) > LOGONSESS_ORIGIN_MAX))
		return ERR_PTR(-EINVAL);

	session = kmem_cache_zalloc(logonsess_session_cache, GFP_KERNEL);
	if (!session)
		return ERR_PTR(-ENOMEM);

	refcount_set(&session->usage, 1);
	session->type = type;
	session->user = *user;
	session->logon_time = ktime_get_real_seconds();
	session->boot_time = ktime_get_boottime_seconds();
	strscpy(session->auth, auth);
	if (origin)
		strscpy(session->origin, origin);

	err = logonsess_session_publish(session);
	if (err) {
		kmem_cache_free(logonsess_session_cache, session);
		return ERR_PTR(err);
	}
	atomic64_inc(&logonsess_created);
	return session;
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
 * logonsess_session_get - take a reference to a session
 * @session: a session the caller already holds a reference to (through its
 *	own credential, for instance)
 */
void logonsess_session_get(struct logonsess_session *session)
{
	if (!session->permanent)
		refcount_inc(&session->usage);
}

/**
 * logonsess_session_put - drop a reference to a session
 * @session: the session, or NULL
 *
 * Safe in any context, including RCU callbacks: the last put only queues
 * the session for destruction.
 */
void logonsess_session_put(struct logonsess_session *session)
{
	if (!session || session->permanent ||
	    !refcount_dec_and_test(&session->usage))
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

static void logonsess_reap(struct work_struct *work)
{
	struct llist_node *dying = llist_del_all(&logonsess_dying);
	struct logonsess_session *session, *next;

	llist_for_each_entry_safe(session, next, dying, reap_node) {
		xa_erase(&logonsess_sessions, session->id);
		atomic64_inc(&logonsess_destroyed);
		logonsess_audit_destroy(session);
		/* Lockless readers may still be looking at it. */
		kfree_rcu(session, rcu);
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
