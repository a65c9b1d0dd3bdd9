// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - logon, join and logoff
 *
 * The write-only securityfs files that login programs and service managers
 * use: "logon" creates a session and moves the writing thread into it,
 * "join" moves the writing thread into an existing session, and "logoff"
 * ends a session and kills every process in it.
 *
 * A session records its creator: the session of the writer's objective
 * credentials, which no request can name (SYSTEM for sshd, the ssh login's
 * session for a sudo inside it). A logon with link=self also links the new
 * session to it, as an elevation; a well-known session cannot be linked
 * to. Logging a session off logs off what it created too, transitively.
 *
 * Writers need CAP_SYS_ADMIN in the initial user namespace: open() refuses
 * anyone without it, and write() checks it again, in the credentials that
 * opened the file and in the writer's own, so that a file opened while
 * privileged cannot be written after dropping privilege. A request is
 * validated whole, and the writer's new credentials are prepared, before
 * anything changes: a refused or failed request creates no session,
 * consumes no ID and moves no counter. Refusals are audited, rate limited.
 *
 * Logoff must leave no survivor. The control lock orders logon and join
 * against logoff, so no thread can enter a session, nor create one from
 * it, once logoff has marked it; then every thread whose objective
 * credentials reference a marked session gets SIGKILL, under
 * tasklist_lock. A fork that had already copied the
 * credentials either attached its child before that walk (and the child is
 * killed) or finds SIGKILL pending in the parent and fails, as for any
 * kill(); exec and setuid keep the session, so the walk finds their
 * threads whichever credentials they have committed.
 *
 * Only a task's objective credentials (real_cred) say which session it is
 * in. Its subjective credentials may be borrowed: an io_uring worker runs a
 * request with a registered personality of another session, overlayfs
 * creates with its mounter's credentials, access() overrides them for a
 * moment (and frees them without a grace period). Such a task is not a
 * member of the session it borrows from.
 *
 * Audit records are emitted after the control lock is dropped: a full audit
 * backlog makes the writer wait in audit_log_start(), and must not make
 * every other writer wait behind it.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/pid_namespace.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include "audit.h"
#include "cred.h"
#include "fs.h"
#include "request.h"
#include "session.h"

static DEFINE_MUTEX(logonsess_control_lock);

/*
 * Only a task writing with its own credentials can move: commit_creds()
 * must not run while they are overridden (a write issued by an io_uring
 * worker with a registered personality, a kernel thread), and would move
 * the wrong task anyway.
 */
static bool logonsess_can_switch(void)
{
	return current_cred() == current_real_cred() &&
	       !(current->flags & (PF_KTHREAD | PF_IO_WORKER));
}

/*
 * Moves current into @session with @new, from prepare_creds(). The caller
 * holds a reference to @session and keeps it; commit_creds() cannot fail.
 */
static void logonsess_switch(struct cred *new,
			     struct logonsess_session *session)
{
	logonsess_session_get(session);
	logonsess_cred_install(new, session);
	commit_creds(new);
}

static int logonsess_logon(const struct logonsess_request *req)
{
	struct logonsess_session *creator, *session;
	struct cred *new;

	if (req->type == LOGONSESS_TYPE_SYSTEM || !logonsess_can_switch())
		return -EINVAL;

	/* Everything that can fail before the session exists. */
	new = prepare_creds();
	if (!new)
		return -ENOMEM;
	/* The writer's own: logonsess_can_switch() saw no override. */
	creator = logonsess_cred_session(current_real_cred());

	mutex_lock(&logonsess_control_lock);
	/* A writer being logged off starts nothing that would outlive it. */
	if (logonsess_session_logged_off(creator))
		session = ERR_PTR(-ENOENT);
	else
		session = logonsess_session_create(req->type, &req->user,
						   req->auth, req->origin,
						   creator, req->link);
	if (IS_ERR(session)) {
		mutex_unlock(&logonsess_control_lock);
		abort_creds(new);
		return PTR_ERR(session);
	}
	logonsess_switch(new, session);
	mutex_unlock(&logonsess_control_lock);

	logonsess_audit_event("logon", session, 0);
	logonsess_session_put(session);
	return 0;
}

static int logonsess_join(const struct logonsess_request *req)
{
	struct logonsess_session *session;
	struct cred *new;

	if (!logonsess_can_switch())
		return -EINVAL;

	new = prepare_creds();
	if (!new)
		return -ENOMEM;

	mutex_lock(&logonsess_control_lock);
	session = logonsess_session_lookup(req->id);
	if (!session || logonsess_session_logged_off(session)) {
		mutex_unlock(&logonsess_control_lock);
		abort_creds(new);
		logonsess_session_put(session);
		return -ENOENT;
	}
	logonsess_switch(new, session);
	mutex_unlock(&logonsess_control_lock);

	logonsess_audit_event("join", session, 0);
	logonsess_session_put(session);
	return 0;
}

/*
 * Under rcu_read_lock(). Objective credentials only: the subjective ones
 * of another task may be borrowed from a session it is not in, or freed
 * under us.
 */
static bool logonsess_task_in(struct task_struct *task, struct xarray *set)
{
	const struct logonsess_session *session;

	session = logonsess_cred_session(__task_cred(task));
	return session && xa_load(set, session->id) == session;
}

/*
 * SIGKILL with SEND_SIG_PRIV would kill even init, and panic: the session
 * of any thread of init cannot be logged off. A thread of init cannot
 * enter a session of @set after this check: joining takes the control
 * lock.
 */
static bool logonsess_init_in(struct xarray *set)
{
	struct task_struct *init, *thread;
	bool in = false;

	rcu_read_lock();
	init = find_task_by_pid_ns(1, &init_pid_ns);
	if (init) {
		for_each_thread(init, thread) {
			if (logonsess_task_in(thread, set)) {
				in = true;
				break;
			}
		}
	}
	rcu_read_unlock();
	return in;
}

static void logonsess_kill_sessions(struct xarray *set)
{
	struct task_struct *process, *thread;

	read_lock(&tasklist_lock);
	rcu_read_lock();
	for_each_process_thread(process, thread) {
		if (logonsess_task_in(thread, set))
			send_sig(SIGKILL, thread, 1);
	}
	rcu_read_unlock();
	read_unlock(&tasklist_lock);
}

static void logonsess_put_sessions(struct xarray *set)
{
	struct logonsess_session *session;
	unsigned long id;

	xa_for_each(set, id, session)
		logonsess_session_put(session);
	xa_destroy(set);
}

/*
 * Puts in @set, indexed by ID and each with a reference, the sessions that
 * a logoff of @root ends: @root and every live session that a session of
 * @set created (linked sessions are created ones). A creator existed
 * before the sessions it created and has a lower ID, so one walk in ID
 * order from @root finds them all. Under the control lock: no logon adds
 * to them meanwhile, and none starts from a logged-off session, so the
 * sessions already logged off have no live descendant left.
 */
static int logonsess_collect(struct logonsess_session *root,
			     struct xarray *set)
{
	struct logonsess_session *session;
	unsigned long id = root->id + 1;	/* IDs stop at LONG_MAX */
	int err;

	logonsess_session_get(root);
	err = xa_insert(set, root->id, root, GFP_KERNEL);
	if (err) {
		logonsess_session_put(root);
		return err;
	}
	while ((session = logonsess_session_next(&id))) {
		err = 0;
		if (!logonsess_session_logged_off(session) &&
		    xa_load(set, session->creator))
			err = xa_insert(set, id, session, GFP_KERNEL);
		else
			logonsess_session_put(session);
		if (err) {
			logonsess_session_put(session);
			return err;
		}
		id++;
		cond_resched();
	}
	return 0;
}

/*
 * Logs off a session and what it started, in one operation: all or none
 * are marked, and one walk of the tasks kills them. Audited as one logoff
 * per session, in ID order, so the session asked for comes first.
 */
static int logonsess_logoff(const struct logonsess_request *req)
{
	struct logonsess_session *root, *session;
	struct xarray set;
	unsigned long id;
	int err = 0;

	xa_init(&set);
	mutex_lock(&logonsess_control_lock);
	root = logonsess_session_lookup(req->id);
	if (!root || logonsess_session_logged_off(root))
		err = -ENOENT;
	else if (root->permanent)
		err = -EBUSY;
	else
		err = logonsess_collect(root, &set);
	if (!err && logonsess_init_in(&set))
		err = -EBUSY;
	if (!err) {
		xa_for_each(&set, id, session)
			WRITE_ONCE(session->logged_off, true);
		logonsess_kill_sessions(&set);
	}
	mutex_unlock(&logonsess_control_lock);
	logonsess_session_put(root);

	if (!err) {
		xa_for_each(&set, id, session) {
			logonsess_audit_event("logoff", session, 0);
			cond_resched();
		}
	}
	logonsess_put_sessions(&set);
	return err;
}

/**
 * struct logonsess_control - one of the write-only files
 * @name: its name, also the op= of its audit records
 * @allowed: keys its requests may contain
 * @required: keys they must contain
 * @run: carries out a valid request
 */
struct logonsess_control {
	const char *name;
	unsigned int allowed;
	unsigned int required;
	int (*run)(const struct logonsess_request *req);
};

static const struct logonsess_control logonsess_logon_control = {
	.name = "logon",
	.allowed = LOGONSESS_KEY_TYPE | LOGONSESS_KEY_USER |
		   LOGONSESS_KEY_AUTH | LOGONSESS_KEY_ORIGIN |
		   LOGONSESS_KEY_LINK,
	.required = LOGONSESS_KEY_TYPE | LOGONSESS_KEY_USER |
		    LOGONSESS_KEY_AUTH,
	.run = logonsess_logon,
};

static const struct logonsess_control logonsess_join_control = {
	.name = "join",
	.allowed = LOGONSESS_KEY_ID,
	.required = LOGONSESS_KEY_ID,
	.run = logonsess_join,
};

static const struct logonsess_control logonsess_logoff_control = {
	.name = "logoff",
	.allowed = LOGONSESS_KEY_ID,
	.required = LOGONSESS_KEY_ID,
	.run = logonsess_logoff,
};

/*
 * Refused at open() already, so that an unprivileged caller never gets a
 * file to write to. The refusal is audited, within the rate limit.
 */
static int logonsess_control_open(struct inode *inode, struct file *file)
{
	if (capable(CAP_SYS_ADMIN))
		return 0;
	/* The file's name, "logon", "join" or "logoff", is the op. */
	logonsess_audit_refusal(file_dentry(file)->d_name.name);
	return -EPERM;
}

/*
 * One write is one request, at offset 0, with an optional trailing
 * newline. The offset is not advanced: each write is a new request.
 * Privilege is checked again, in the file's credentials and the
 * writer's: a refusal is audited within the rate limit; malformed requests
 * from the privileged are not audited, so that they cannot flood the log.
 */
static ssize_t logonsess_control_write(const struct logonsess_control *ctl,
				       struct file *file,
				       const char __user *ubuf, size_t count,
				       loff_t *ppos)
{
	struct logonsess_request req;
	size_t len = count;
	char *buf;
	int err;

	if (!file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN) ||
	    !capable(CAP_SYS_ADMIN)) {
		logonsess_audit_refusal(ctl->name);
		return -EPERM;
	}
	if (*ppos || !count)
		return -EINVAL;
	if (count > PAGE_SIZE)
		return -E2BIG;

	buf = memdup_user_nul(ubuf, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	if (buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (strlen(buf) != len)
		err = -EINVAL;	/* an embedded NUL */
	else
		err = logonsess_request_parse(buf, ctl->allowed,
					      ctl->required, &req);
	if (!err)
		err = ctl->run(&req);
	kfree(buf);
	return err ? err : count;
}

static ssize_t logon_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	return logonsess_control_write(&logonsess_logon_control, file, ubuf,
				       count, ppos);
}

static ssize_t join_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	return logonsess_control_write(&logonsess_join_control, file, ubuf,
				       count, ppos);
}

static ssize_t logoff_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	return logonsess_control_write(&logonsess_logoff_control, file, ubuf,
				       count, ppos);
}

const struct file_operations logonsess_logon_fops = {
	.open = logonsess_control_open,
	.write = logon_write,
	.llseek = generic_file_llseek,
};

const struct file_operations logonsess_join_fops = {
	.open = logonsess_control_open,
	.write = join_write,
	.llseek = generic_file_llseek,
};

const struct file_operations logonsess_logoff_fops = {
	.open = logonsess_control_open,
	.write = logoff_write,
	.llseek = generic_file_llseek,
};
