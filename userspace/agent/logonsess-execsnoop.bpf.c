// SPDX-License-Identifier: GPL-2.0-only
/*
 * logonsess-execsnoop - the BPF side: every successful execve() with the
 * logon ID of the task, written to a ring buffer.
 *
 * Two programs, the loader attaching one of them:
 *
 *  - tp_btf/sched_process_exec, a BTF tracepoint: works on every kernel
 *    with BPF and BTF, whatever lsm= says;
 *  - lsm/bprm_committed_creds, a BPF LSM program: needs "bpf" in lsm=,
 *    and is what an agent that also enforces would attach to.
 *
 * Both run in the task that exec'd, after the new credentials are
 * committed, so the logon ID is the one the new program runs in. With
 * --setuid, lsm/task_fix_setuid also reports every change of user ID
 * with the sessions of the old and new credentials, which the hook is
 * handed (trusted pointers, for bpf_logonsess_cred_id()).
 *
 * The types are declared here, only the fields used, with
 * preserve_access_index: libbpf relocates every access against the
 * running kernel's BTF (CO-RE), so no vmlinux.h and no kernel tree are
 * needed to build this.
 */

#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "logonsess-execsnoop.h"

typedef struct {
	unsigned int val;
} kuid_t;

struct cred {
	kuid_t uid;
} __attribute__((preserve_access_index));

struct task_struct {
	int tgid;
	struct task_struct *real_parent;
} __attribute__((preserve_access_index));

struct linux_binprm {
	const char *filename;
} __attribute__((preserve_access_index));

/*
 * The logonsess kfuncs. __weak: on a kernel without them libbpf resolves
 * them to 0 and the program still loads (and reports no logon ID). The
 * subjective credentials are read with the kfunc for current's, not by
 * passing task->cred: on a kernel built by gcc (no BTF type tags) the
 * verifier does not trust that pointer.
 */
extern __u64 bpf_logonsess_cred_id(const struct cred *cred) __ksym __weak;
extern __u64 bpf_logonsess_task_id(struct task_struct *task) __ksym __weak;
extern __u64 bpf_logonsess_current_cred_id(void) __ksym __weak;

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

/* Events dropped because the ring buffer was full. */
__u64 lost;

/* An event with the fields every kind has, or NULL (counted in lost). */
static __always_inline struct execsnoop_event *
start_event(struct task_struct *task, __u32 kind)
{
	struct execsnoop_event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		__sync_fetch_and_add(&lost, 1);
		return NULL;
	}
	e->boot_ns = bpf_ktime_get_boot_ns();
	e->kind = kind;
	e->reserved = 0;
	e->pid = task->tgid;
	e->ppid = task->real_parent->tgid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->new_uid = e->uid;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	e->filename[0] = '\0';
	return e;
}

static __always_inline void record(struct task_struct *task,
				   const struct linux_binprm *bprm)
{
	struct execsnoop_event *e = start_event(task, EXECSNOOP_EXEC);

	if (!e)
		return;
	if (bpf_logonsess_task_id && bpf_logonsess_current_cred_id) {
		e->logon_id = bpf_logonsess_task_id(task);
		/* @task is current: both programs run in the task that exec'd. */
		e->cred_logon_id = bpf_logonsess_current_cred_id();
	} else {
		e->logon_id = 0;
		e->cred_logon_id = 0;
	}
	if (bpf_probe_read_kernel_str(e->filename, sizeof(e->filename),
				      bprm->filename) < 0)
		e->filename[0] = '\0';
	bpf_ringbuf_submit(e, 0);
}

/* The tracepoint's arguments are trusted: @p is the task (current). */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(execsnoop_tp, struct task_struct *p, int old_pid,
	     struct linux_binprm *bprm)
{
	record(p, bprm);
	return 0;
}

/*
 * After commit_creds() in begin_new_exec(): bprm->cred is already NULL,
 * the new credentials are current's.
 */
SEC("lsm/bprm_committed_creds")
int BPF_PROG(execsnoop_lsm, struct linux_binprm *bprm)
{
	record(bpf_get_current_task_btf(), bprm);
	return 0;
}

/*
 * setuid(), setreuid(), setresuid(), setfsuid(): @new is being prepared,
 * @old is current's; both are handed to the hook, so both are trusted.
 * Only changes of the real user ID are reported.
 */
SEC("lsm/task_fix_setuid")
int BPF_PROG(execsnoop_setuid, struct cred *new, const struct cred *old,
	     int flags)
{
	struct execsnoop_event *e;

	if (new->uid.val == old->uid.val)
		return 0;
	e = start_event(bpf_get_current_task_btf(), EXECSNOOP_SETUID);
	if (!e)
		return 0;
	e->uid = old->uid.val;
	e->new_uid = new->uid.val;
	if (bpf_logonsess_cred_id) {
		e->logon_id = bpf_logonsess_cred_id(new);
		e->cred_logon_id = bpf_logonsess_cred_id(old);
	} else {
		e->logon_id = 0;
		e->cred_logon_id = 0;
	}
	bpf_ringbuf_submit(e, 0);
	return 0;
}
