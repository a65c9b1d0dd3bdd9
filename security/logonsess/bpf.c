// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - the logon ID for eBPF programs
 *
 * An agent that attributes what it sees in eBPF (an exec, a connect, an
 * open) asks for the logon ID of the credentials involved instead of
 * guessing one from uid, tty or the process tree. Three kfuncs, for BPF
 * LSM and tracing programs:
 *
 *	u64 bpf_logonsess_cred_id(const struct cred *cred);
 *	u64 bpf_logonsess_task_id(struct task_struct *task);
 *	u64 bpf_logonsess_current_cred_id(void);
 *
 * The first reads the session a credential references, for the programs
 * that are handed one (the cred arguments of LSM hooks). The second reads
 * a task's objective credentials (real_cred), the session the task is in,
 * which is what the processes file shows for it. The third reads the
 * subjective credentials of current, the ones it acts with, overrides
 * included: only a task itself may read those, and a walk to task->cred
 * gives the verifier no trusted pointer unless the kernel was built with
 * BTF type tags (by clang; Debian's kernels are built by gcc).
 *
 * The first two take trusted or RCU-protected pointers (KF_TRUSTED_ARGS |
 * KF_RCU): a credential stays readable, with its reference to its session,
 * until an RCU grace period after its last put (put_cred_rcu() calls the
 * cred_free hook), so an RCU read-side section is enough.
 *
 * They are registered whenever the kernel has logonsess built in, and give
 * 0 when it is not in lsm= (the cred blob was never set up): a program
 * written for them loads on every such kernel, and one that declares them
 * __weak and tests bpf_ksym_exists() also loads on a kernel without them.
 */

#define pr_fmt(fmt) "logonsess: " fmt

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/cred.h>
#include <linux/init.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "bpf.h"
#include "cred.h"
#include "session.h"
#include "setup.h"

__bpf_kfunc_start_defs();

/**
 * bpf_logonsess_cred_id - the logon ID of a credential
 * @cred: a trusted or RCU-protected credential
 *
 * Return: the ID of the session @cred references, or 0 for a credential
 * no hook has filled in yet (one that is still being prepared), for one
 * logonsess has already let go of (in a cred_free program that runs after
 * it) and on a kernel booted without logonsess in lsm=.
 */
__bpf_kfunc u64 bpf_logonsess_cred_id(const struct cred *cred)
{
	const struct logonsess_session *session;

	if (!logonsess_enabled)
		return 0;
	session = logonsess_cred_session(cred);
	return session ? session->id : 0;
}

/**
 * bpf_logonsess_task_id - the logon ID of a task
 * @task: a trusted or RCU-protected task
 *
 * Reads the task's objective credentials (real_cred), which another task
 * may replace at any time (commit_creds()), under RCU.
 *
 * Return: the ID of the session @task is in, as the processes file shows
 * it, or 0 if its credentials are not filled in yet or logonsess is not
 * enabled.
 */
__bpf_kfunc u64 bpf_logonsess_task_id(struct task_struct *task)
{
	u64 id;

	rcu_read_lock();
	id = bpf_logonsess_cred_id(__task_cred(task));
	rcu_read_unlock();
	return id;
}

/**
 * bpf_logonsess_current_cred_id - the logon ID current acts with
 *
 * Reads current's subjective credentials, which only current changes
 * (override_creds()), so that they stay valid while it runs: in any
 * context, an interrupt's included (the interrupted task's).
 *
 * Return: the ID of the session of current_cred(), or 0 if logonsess is
 * not enabled.
 */
__bpf_kfunc u64 bpf_logonsess_current_cred_id(void)
{
	return bpf_logonsess_cred_id(current_cred());
}

__bpf_kfunc_end_defs();

BTF_KFUNCS_START(logonsess_kfunc_ids)
BTF_ID_FLAGS(func, bpf_logonsess_cred_id, KF_TRUSTED_ARGS | KF_RCU)
BTF_ID_FLAGS(func, bpf_logonsess_task_id, KF_TRUSTED_ARGS | KF_RCU)
BTF_ID_FLAGS(func, bpf_logonsess_current_cred_id)
BTF_KFUNCS_END(logonsess_kfunc_ids)

static const struct btf_kfunc_id_set logonsess_kfunc_set = {
	.owner = THIS_MODULE,
	.set = &logonsess_kfunc_ids,
};

/*
 * After the BTF of vmlinux is parsed (late). Also without logonsess in
 * lsm=: a kfunc present in BTF but not registered passes libbpf's
 * bpf_ksym_exists() and then fails in the verifier, so an agent could not
 * load at all; registered, it loads and reads 0.
 */
static int __init logonsess_bpf_init(void)
{
	int err;

	err = register_btf_kfunc_id_set(BPF_PROG_TYPE_LSM,
					&logonsess_kfunc_set);
	if (!err)
		err = register_btf_kfunc_id_set(BPF_PROG_TYPE_TRACING,
						&logonsess_kfunc_set);
	if (err)
		pr_err("cannot register the BPF kfuncs: %d\n", err);
	return err;
}
late_initcall(logonsess_bpf_init);
