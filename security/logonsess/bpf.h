/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logon sessions LSM - the kfuncs for eBPF programs
 *
 * No kernel code calls them: BPF programs do, declaring them __ksym
 * themselves. The prototypes are here so that their definitions have
 * one.
 */

#ifndef _SECURITY_LOGONSESS_BPF_H
#define _SECURITY_LOGONSESS_BPF_H

#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/types.h>

u64 bpf_logonsess_cred_id(const struct cred *cred);
u64 bpf_logonsess_task_id(struct task_struct *task);
u64 bpf_logonsess_current_cred_id(void);

#endif /* _SECURITY_LOGONSESS_BPF_H */
