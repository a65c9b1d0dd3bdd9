// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - credential hooks
 *
 * Every credential references exactly one session and holds a reference to
 * it: a copy (fork, exec, setuid, any prepare_creds()) keeps the session of
 * the original, and freeing the last credential of a session destroys it.
 *
 * cred_alloc_blank needs no hook: the framework zeroes the blob, and
 * cred_transfer fills it in before a blank credential is ever installed; a
 * blank credential freed unused has a NULL session, which cred_free
 * tolerates, as it tolerates the zeroed blob of a credential whose
 * cred_prepare failed in an earlier LSM.
 */

#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>
#include <uapi/linux/logonsess.h>

#include "cred.h"
#include "session.h"
#include "setup.h"

/* @old is a task's credential: filled in, by a hook or at init. */
static __always_inline void logonsess_copy_session(struct cred *new,
						   const struct cred *old)
{
	struct logonsess_session *session = logonsess_cred_session(old);

	logonsess_session_get(session);
	logonsess_cred(new)->session = session;
}

/*
 * Never fails, not even for a logged-off session: code outside the session
 * copies credentials too (overlayfs copies its mounter's for every create),
 * and a failure here makes the framework call every module's cred_free on
 * a blob their cred_prepare never filled in. Logoff needs no refusal: a
 * fork racing it fails on the pending SIGKILL, and exec and setuid keep
 * the session, so its walk finds them (control.c).
 */
static int hook_cred_prepare(struct cred *new, const struct cred *old,
			     gfp_t gfp)
{
	logonsess_copy_session(new, old);
	return 0;
}

/*
 * KEYCTL_SESSION_TO_PARENT: cannot fail, must not leak. The parent keeps
 * its own session (@old is its credential); if that session was logged
 * off, the parent is already being killed.
 */
static void hook_cred_transfer(struct cred *new, const struct cred *old)
{
	logonsess_copy_session(new, old);
}

/*
 * May run from an RCU callback: logonsess_session_put() never sleeps. The
 * pointer is cleared: the modules after this one (a BPF LSM program on
 * cred_free, with bpf_logonsess_cred_id()) still see the blob, and the
 * session may be freed under them once the reference is gone.
 */
static void hook_cred_free(struct cred *cred)
{
	struct logonsess_cred_security *blob = logonsess_cred(cred);

	logonsess_session_put(blob->session);
	blob->session = NULL;
}

/**
 * logonsess_cred_install - move a new credential into a session
 * @cred: a credential from prepare_creds(), not yet committed or shared
 * @session: the session; the caller's reference to it passes to @cred
 *
 * The reference @cred held to its previous session is dropped.
 */
void logonsess_cred_install(struct cred *cred,
			    struct logonsess_session *session)
{
	struct logonsess_cred_security *blob = logonsess_cred(cred);
	struct logonsess_session *old = blob->session;

	blob->session = session;
	logonsess_session_put(old);
}

static struct security_hook_list logonsess_cred_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(cred_prepare, hook_cred_prepare),
	LSM_HOOK_INIT(cred_transfer, hook_cred_transfer),
	LSM_HOOK_INIT(cred_free, hook_cred_free),
};

/**
 * logonsess_add_cred_hooks - put init_cred in SYSTEM and add the hooks
 *
 * init_cred is the only credential at this point; init and every kernel
 * thread descend from it, so all of them start in the SYSTEM session.
 */
void __init logonsess_add_cred_hooks(void)
{
	struct logonsess_session *system;

	system = logonsess_session_lookup(LOGONSESS_ID_SYSTEM);
	logonsess_cred(current_cred())->session = system;
	security_add_hooks(logonsess_cred_hooks,
			   ARRAY_SIZE(logonsess_cred_hooks), &logonsess_lsmid);
}
