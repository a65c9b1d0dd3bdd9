// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - logon, join and logoff
 *
 * The write-only securityfs files that login programs and service managers
 * use: "logon" creates a session and moves the writing thread into it,
 * "join" moves the writing thread into an existing session, and "logoff"
 * ends a session and kills every process in it.
 *
 * Writers need CAP_SYS_ADMIN in the initial user namespace, both in the
 * credentials that opened the file and in their own: a file opened while
 * privileged and written after dropping privilege is refused, and so is
 * one opened without it. A request is validated whole before anything
 * changes.
 *
 * Logoff must leave no survivor. The control lock orders logon and join
 * against logoff, so no thread can enter a session once logoff has marked
 * it. Marking it also makes cred_prepare refuse to copy it (no fork, exec
 * or setuid on the way out); then every thread whose credentials reference
 * it gets SIGKILL, under tasklist_lock: a fork that had already copied the
 * credentials either attached its child before that walk (and the child is
 * killed) or finds SIGKILL pending in the parent and fails, as for any
 * kill().
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

#include "cred.h"
#include "fs.h"
#include "request.h"
#include "session.h"

static DEFINE_MUTEX(logonsess_control_lock);

/* Moves current into @session; takes over the caller's reference. */
static int logonsess_switch(struct logonsess_session *session)
{
	struct cred *new = prepare_creds();

	if (!new) {
		logonsess_session_put(session);
		return -ENOMEM;
	}
	logonsess_cred_install(new, session);
	return commit_creds(new);
}

static int logonsess_logon(const struct logonsess_request *req)
{
	struct logonsess_session *session;
	int err;

	if (req->type == LOGONSESS_TYPE_SYSTEM)
		return -EINVAL;

	mutex_lock(&logonsess_control_lock);
	session = logonsess_session_create(req->type, &req->user, req->auth,
					   req->origin);
	err = IS_ERR(session) ? PTR_ERR(session) : logonsess_switch(session);
	mutex_unlock(&logonsess_control_lock);
	return err;
}

static int logonsess_join(const struct logonsess_request *req)
{
	struct logonsess_session *session;
	int err = -ENOENT;

	mutex_lock(&logonsess_control_lock);
	session = logonsess_session_lookup(req->id);
	if (session && !logonsess_session_logged_off(session))
		err = logonsess_switch(session);
	else
		logonsess_session_put(session);
	mutex_unlock(&logonsess_control_lock);
	return err;
}

/* Under rcu_read_lock(). */
static bool logonsess_task_in_session(struct task_struct *task,
				      const struct logonsess_session *session)
{
	return logonsess_cred_session(rcu_dereference(task->real_cred)) ==
	       session ||
	       logonsess_cred_session(rcu_dereference(task->cred)) == session;
}

/* SIGKILL with SEND_SIG_PRIV would kill even init, and panic. */
static bool logonsess_init_in_session(const struct logonsess_session *session)
{
	struct task_struct *init;
	bool in;

	rcu_read_lock();
	init = find_task_by_pid_ns(1, &init_pid_ns);
	in = init && logonsess_task_in_session(init, session);
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
		/* Marked before the walk: pairs with hook_cred_prepare(). */
		smp_mb();
		logonsess_kill_session(session);
	}
	mutex_unlock(&logonsess_control_lock);
	logonsess_session_put(session);
	return err;
}

/*
 * One write is one request, at offset 0, with an optional trailing
 * newline. The offset is not advanced: each write is a new request.
 */
static ssize_t logonsess_control_write(struct file *file,
				       const char __user *ubuf, size_t count,
				       loff_t *ppos, unsigned int allowed,
				       unsigned int required,
				       int (*op)(const struct logonsess_request *))
{
	struct logonsess_request req;
	size_t len = count;
	char *buf;
	int err;

	if (!file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN) ||
	    !capable(CAP_SYS_ADMIN))
		return -EPERM;
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
		err = logonsess_request_parse(buf, allowed, required, &req);
	if (!err)
		err = op(&req);
	kfree(buf);
	return err ? err : count;
}

static ssize_t logon_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	return logonsess_control_write(file, ubuf, count, ppos,
				       LOGONSESS_KEY_TYPE | LOGONSESS_KEY_USER |
				       LOGONSESS_KEY_AUTH | LOGONSESS_KEY_ORIGIN,
				       LOGONSESS_KEY_TYPE | LOGONSESS_KEY_USER |
				       LOGONSESS_KEY_AUTH, logonsess_logon);
}

static ssize_t join_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	return logonsess_control_write(file, ubuf, count, ppos,
				       LOGONSESS_KEY_ID, LOGONSESS_KEY_ID,
				       logonsess_join);
}

static ssize_t logoff_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	return logonsess_control_write(file, ubuf, count, ppos,
				       LOGONSESS_KEY_ID, LOGONSESS_KEY_ID,
				       logonsess_logoff);
}

const struct file_operations logonsess_logon_fops = {
	.write = logon_write,
	.llseek = generic_file_llseek,
};

const struct file_operations logonsess_join_fops = {
	.write = join_write,
	.llseek = generic_file_llseek,
};

const struct file_operations logonsess_logoff_fops = {
	.write = logoff_write,
	.llseek = generic_file_llseek,
};
