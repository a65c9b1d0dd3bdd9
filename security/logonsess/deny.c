// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - audit records of refused accesses
 *
 * One AUDIT_LOGONSESS record per access the module refuses:
 *
 *   op=deny logon_id= obj=file dev= ino= obj_logon_id= obj_state=
 *	boot_id= pid= uid= auid= ses= comm= res=0
 *   op=deny logon_id= obj=process opid= ocomm= obj_logon_id=
 *	boot_id= pid= uid= auid= ses= comm= res=0
 *
 * logon_id is the session of the refused task, obj_logon_id that of the
 * label ("?" for a label that could not be read) or of the other process;
 * obj_state is "active" for a label of this boot, "stale" for one that
 * admits nobody. The records replace the capability denial that other
 * modules would log for the CAP_MAC_OVERRIDE or CAP_SYS_PTRACE check,
 * which is made without audit: one record per refusal, not one per
 * capability probe. A walk of a labeled tree can be refused many times a
 * second, so the records are rate limited (LOGONSESS_DENIALS_BURST every
 * LOGONSESS_DENIALS_INTERVAL), apart from the control files' refusals.
 *
 * Called where the access is refused: process context, locks of the
 * filesystem possibly held, so allocations do not sleep.
 */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/kdev_t.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "audit.h"
#include "cred.h"
#include "deny.h"
#include "label_value.h"
#include "session.h"

#define LOGONSESS_DENIALS_INTERVAL	(5 * HZ)
#define LOGONSESS_DENIALS_BURST		10

static DEFINE_RATELIMIT_STATE(logonsess_denials, LOGONSESS_DENIALS_INTERVAL,
			      LOGONSESS_DENIALS_BURST);

static struct audit_buffer *deny_start(void)
{
	struct audit_buffer *ab;

	if (!audit_enabled || !__ratelimit(&logonsess_denials))
		return NULL;
	ab = audit_log_start(audit_context(), GFP_ATOMIC | __GFP_NOWARN,
			     AUDIT_LOGONSESS);
	if (ab)
		audit_log_format(ab, "op=deny logon_id=%#llx",
				 logonsess_cred_session(current_cred())->id);
	return ab;
}

static void deny_end(struct audit_buffer *ab)
{
	logonsess_audit_boot_id(ab);
	logonsess_audit_task(ab);
	audit_log_format(ab, " res=0");
	audit_log_end(ab);
}

/**
 * logonsess_audit_deny_inode - log an access refused by a label
 * @inode: the labeled inode
 * @label: its label: a session ID, or LOGONSESS_LABEL_STALE with or
 *	without one
 */
void logonsess_audit_deny_inode(const struct inode *inode, u64 label)
{
	u64 id = label & ~LOGONSESS_LABEL_STALE;
	struct audit_buffer *ab = deny_start();

	if (!ab)
		return;
	audit_log_format(ab, " obj=file dev=%s ino=%lu", inode->i_sb->s_id,
			 inode->i_ino);
	if (id)
		audit_log_format(ab, " obj_logon_id=%#llx", id);
	else
		audit_log_format(ab, " obj_logon_id=?");
	audit_log_format(ab, " obj_state=%s",
			 label & LOGONSESS_LABEL_STALE ? "stale" : "active");
	deny_end(ab);
}

/**
 * logonsess_audit_deny_task - log a refused ptrace-mode access
 * @task: the task that current may not trace or inspect
 *
 * May be called with @task's task lock held (ptrace_attach()).
 */
void logonsess_audit_deny_task(struct task_struct *task)
{
	struct audit_buffer *ab = deny_start();
	char comm[TASK_COMM_LEN];
	u64 id;

	if (!ab)
		return;
	rcu_read_lock();
	id = logonsess_cred_session(__task_cred(task))->id;
	rcu_read_unlock();
	audit_log_format(ab, " obj=process opid=%d ocomm=",
			 task_tgid_nr(task));
	/*
	 * Not get_task_comm(): ptrace_attach() holds the task lock. A torn
	 * name is still terminated, as lsm_audit.c reads it.
	 */
	memcpy(comm, task->comm, sizeof(comm));
	audit_log_untrustedstring(ab, comm);
	audit_log_format(ab, " obj_logon_id=%#llx", id);
	deny_end(ab);
}
