/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - audit records of refused accesses
 */

#ifndef _SECURITY_LOGONSESS_DENY_H
#define _SECURITY_LOGONSESS_DENY_H

#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/types.h>

#ifdef CONFIG_AUDIT
void logonsess_audit_deny_inode(const struct inode *inode, u64 label);
void logonsess_audit_deny_task(struct task_struct *task);
#else
static inline void logonsess_audit_deny_inode(const struct inode *inode,
					      u64 label)
{
}

static inline void logonsess_audit_deny_task(struct task_struct *task)
{
}
#endif

#endif /* _SECURITY_LOGONSESS_DENY_H */
