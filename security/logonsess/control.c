// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - logon, join and logoff
 *
 * The write-only securityfs files that login programs and service managers
 * use: "logon" creates a session and moves the writing thread into it,
 * "join" moves the writing thread into an existing session, and "logoff"
 * ends a session and kills every process in it.
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
 * against logoff, so no thread can enter a session once logoff has marked
 * it; then every thread whose objective credentials reference it gets
 * SIGKILL, under tasklist_lock. A fork that had already copied the
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
	struct logonsess_session *session;
	struct cred *new;

	if (req->type == LOGONSESS_TYPE_SYSTEM || !logonsess_can_switch())
		return -EINVAL;

	/* Everything that can fail before the session exists. */
	new = prepare_creds();
	if (!new)
		return -ENOMEM;

	mutex_lock(&logonsess_control_lock);
	session = logonsess_session_create(req->type, &req->user, req->auth,
					   req->origin);
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
static bool logonsess_task_in_session(struct task_struct *task,
				      const struct logonsess_session *session)
{
	return logonsess_cred_session(__task_cred(task)) == session;
}

/*
 * SIGKILL with SEND_SIG_PRIV would kill even init, and panic: the session
 * of any thread of init cannot be logged off. A thread of init cannot
 * enter the session after this check: joining takes the control lock.
 */
static bool logonsess_init_in_session(const struct logonsess_session *session)
{
	struct task_struct *init, *thread;
	bool in = false;

	rcu_read_lock();
	init = find_task_by_pid_ns(1, &init_pid_ns);
	if (init) {
		for_each_thread(init, thread) {
			if (logonsess_task_in_session(thread, session)) {
				in = true;
				break;
			}
		}
	}
	rcu_read_unlock();
	return in;
}

static void logonsess_kill_session(const struct logonsess_session *session)
{
	struct task_struct *process, *thread;

	read_lock(&tasklist_lock);
	rcu_read_lock();
	for_each_process_thread(process, thread) {
		if (logonsess_task_in_session(thread, session))
			send_sig(SIGKILL, thread, 1);
	}
	rcu_read_unlock();
	read_unlock(&tasklist_lock);
}

static int logonsess_logoff(const struct logonsess_request *req)
{
	struct logonsess_session *session;
	int err = 0;

	mutex_lock(&logonsess_control_lock);
	session = logonsess_session_lookup(req->id);
	if (!session || logonsess_session_logged_off(session)) {
		err = -ENOENT;
	} else if (session->permanent ||
		   logonsess_init_in_session(session)) {
		err = -EBUSY;
	} else {
		WRITE_ONCE(session->logged_off, true);
		logonsess_kill_session(session);
	}
	mutex_unlock(&logonsess_control_lock);

	if (!err)
		logonsess_audit_event("logoff", session, 0);
	logonsess_session_put(session);
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
		   LOGONSESS_KEY_AUTH | LOGONSESS_KEY_ORIGIN,
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
