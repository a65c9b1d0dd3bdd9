// SPDX-License-Identifier: GPL-2.0-only
/*
 * Logon sessions LSM - the "processes" file
 *
 * One line per process, "pid=<tgid> id=0x<session> comm=<comm>", in PID
 * order. The session is that of the process's objective credentials
 * (real_cred). comm is last and may hold any byte: spaces, backslashes and
 * anything outside printable ASCII are written as octal escapes (\040), as
 * in /proc/mounts.
 *
 * As for every file here, the opener decides what is shown, not whoever
 * reads later: PIDs are those of the opener's PID namespace, taken at
 * open; an opener with CAP_SYS_ADMIN in the initial user namespace sees
 * every process; anyone else sees the processes of their own session that
 * they may read under PTRACE_MODE_READ_FSCREDS, as /proc with hidepid
 * would show them.
 *
 * The listing is a seq_file iterator that resumes by PID, like /proc's
 * own: no RCU section spans more than one process, and a read that
 * overflows the buffer costs no more than the lines it returns.
 */

#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/seq_file.h>

#include "cred.h"
#include "fs.h"
#include "session.h"

/**
 * struct logonsess_processes - an open "processes" file
 * @ns: the opener's PID namespace, whose PIDs are listed
 * @all: the opener may see every process
 */
struct logonsess_processes {
	struct pid_namespace *ns;
	bool all;
};

/* First process whose TGID in @ns is *@pos or above, with a reference. */
static struct task_struct *logonsess_next_process(struct pid_namespace *ns,
						  loff_t *pos)
{
	struct task_struct *task = NULL;
	struct pid *pid;

	if (*pos >= PID_MAX_LIMIT)
		return NULL;
	rcu_read_lock();
	while ((pid = find_ge_pid(*pos, ns))) {
		*pos = pid_nr_ns(pid, ns);
		task = pid_task(pid, PIDTYPE_TGID);
		if (task) {
			get_task_struct(task);
			break;
		}
		++*pos;		/* the PID of a thread, not a process */
	}
	rcu_read_unlock();
	return task;
}

static void *processes_start(struct seq_file *m, loff_t *pos)
{
	struct logonsess_processes *p = m->private;

	return logonsess_next_process(p->ns, pos);
}

static void *processes_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct logonsess_processes *p = m->private;

	put_task_struct(v);
	++*pos;
	cond_resched();
	return logonsess_next_process(p->ns, pos);
}

static void processes_stop(struct seq_file *m, void *v)
{
	if (v)
		put_task_struct(v);
}

static void logonsess_seq_comm(struct seq_file *m, const char *comm)
{
	for (; *comm; comm++) {
		if (*comm > ' ' && *comm <= '~' && *comm != '\\')
			seq_putc(m, *comm);
		else
			seq_printf(m, "\\%03o", (unsigned char)*comm);
	}
}

/*
 * Whether the opener may read @task, judged by the opener's credentials.
 * Not audited: it only chooses what the listing shows.
 */
static bool logonsess_opener_may_read(struct seq_file *m,
				      struct task_struct *task)
{
	const struct cred *saved = override_creds(m->file->f_cred);
	bool may = ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS |
					   PTRACE_MODE_NOAUDIT);

	revert_creds(saved);
	return may;
}

static int processes_show(struct seq_file *m, void *v)
{
	struct logonsess_processes *p = m->private;
	const struct logonsess_session *session;
	struct task_struct *task = v;
	char comm[TASK_COMM_LEN];
	pid_t pid;
	bool own;
	u64 id;

	rcu_read_lock();
	session = logonsess_cred_session(__task_cred(task));
	own = session == logonsess_cred_session(m->file->f_cred);
	id = session ? session->id : 0;
	rcu_read_unlock();

	if (!id || (!p->all && (!own || !logonsess_opener_may_read(m, task))))
		return SEQ_SKIP;
	pid = task_tgid_nr_ns(task, p->ns);
	if (!pid)
		return SEQ_SKIP;	/* reaped since it was found */
	get_task_comm(comm, task);
	seq_printf(m, "pid=%d id=%#llx comm=", pid, id);
	logonsess_seq_comm(m, comm);
	seq_putc(m, '\n');
	return 0;
}

static const struct seq_operations processes_seq_ops = {
	.start = processes_start,
	.next = processes_next,
	.stop = processes_stop,
	.show = processes_show,
};

static int processes_open(struct inode *inode, struct file *file)
{
	struct logonsess_processes *p;

	p = __seq_open_private(file, &processes_seq_ops, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->ns = get_pid_ns(task_active_pid_ns(current));
	p->all = logonsess_lists_all(file);
	return 0;
}

static int processes_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;
	struct logonsess_processes *p = m->private;

	put_pid_ns(p->ns);
	return seq_release_private(inode, file);
}

const struct file_operations logonsess_processes_fops = {
	.open = processes_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = processes_release,
};
