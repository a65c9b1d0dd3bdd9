// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - ptrace across sessions
 *
 * A process of one session may not trace or inspect a process of another,
 * even of the same user, unless it has CAP_SYS_PTRACE in the initial user
 * namespace: what a label keeps from another session by path it must not
 * get through the process that holds it, by attaching to it, reading its
 * memory (/proc/PID/mem, process_vm_readv), reopening its files
 * (/proc/PID/fd/N) or copying its descriptors (pidfd_getfd). Windows
 * gets this from the logon SID in every process's own access list.
 *
 * Both modes are covered, PTRACE_MODE_READ included: /proc/PID/fd, cwd,
 * root and environ are READ checks. Within a session nothing changes:
 * commoncap, Yama and DAC decide as before.
 *
 * Only objective credentials say which session a task is in; the tracer's
 * subjective ones count for PTRACE_MODE_FSCREDS, as commoncap does.
 * CAP_SYS_PTRACE is checked without audit; a refusal is audited by
 * deny.c, unless the caller asked for no audit (PTRACE_MODE_NOAUDIT, the
 * probes of /proc that only choose what to show).
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/lsm_hooks.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/security.h>

#include "cred.h"
#include "deny.h"
#include "ptrace.h"
#include "setup.h"

/* Whether @task's objective credentials are in @tracer's session. */
static bool in_session_of(struct task_struct *task, const struct cred *tracer)
{
	bool same;

	rcu_read_lock();
	same = logonsess_cred_session(__task_cred(task)) ==
	       logonsess_cred_session(tracer);
	rcu_read_unlock();
	return same;
}

static int hook_ptrace_access_check(struct task_struct *child,
				    unsigned int mode)
{
	const struct cred *tracer = mode & PTRACE_MODE_FSCREDS ?
				    current_cred() : current_real_cred();

	if (in_session_of(child, tracer))
		return 0;
	if (!security_capable(current_cred(), &init_user_ns, CAP_SYS_PTRACE,
			      CAP_OPT_NOAUDIT))
		return 0;
	if (!(mode & PTRACE_MODE_NOAUDIT))
		logonsess_audit_deny_task(child);
	return -EPERM;
}

/* PTRACE_TRACEME: current asks @parent to trace it. */
static int hook_ptrace_traceme(struct task_struct *parent)
{
	if (in_session_of(parent, current_real_cred()) ||
	    has_ns_capability_noaudit(parent, &init_user_ns, CAP_SYS_PTRACE))
		return 0;
	logonsess_audit_deny_task(parent);
	return -EPERM;
}

static struct security_hook_list logonsess_ptrace_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(ptrace_access_check, hook_ptrace_access_check),
	LSM_HOOK_INIT(ptrace_traceme, hook_ptrace_traceme),
};

/**
 * logonsess_add_ptrace_hooks - add the hooks that keep sessions apart
 */
void __init logonsess_add_ptrace_hooks(void)
{
	security_add_hooks(logonsess_ptrace_hooks,
			   ARRAY_SIZE(logonsess_ptrace_hooks), &logonsess_lsmid);
}
